"""Storage: the backend named by DATABASE_URL, and the `migrate` command."""

from __future__ import annotations

import sys
from urllib.parse import urlsplit

from credit_expert.config import Settings, check_database_url
from credit_expert.store.base import Store, StoreUnavailable
from credit_expert.store.mysql import MySQLStore
from credit_expert.store.rows import redact_url
from credit_expert.store.sqlite import SQLiteStore
from credit_expert.store.timing import DEFAULT_TIMEOUT

__all__ = ["Store", "StoreUnavailable", "migrate_main", "open_store", "redact_url"]


def open_store(database_url: str, timeout: float = DEFAULT_TIMEOUT) -> Store:
    """A store for the URL, not connected yet: the caller awaits `connect()`.

    sqlite:///relative.db, sqlite:////abs/path.db, mysql://user:password@host:port/db
    (also mysql+aiomysql:// and mariadb://). A malformed URL raises ConfigError.
    """
    check_database_url(database_url)
    if urlsplit(database_url).scheme.lower() == "sqlite":
        return SQLiteStore(database_url, timeout=timeout)
    return MySQLStore(database_url, connect_timeout=timeout, timeout=timeout)


async def migrate_main(settings: Settings) -> int:
    """`migrate`: create a missing MySQL database, create or upgrade the schema; one line each."""
    store = open_store(settings.database_url, timeout=settings.db_timeout)
    try:
        if isinstance(store, MySQLStore) and await store.create_database():
            print(f"database created (utf8mb4): {redact_url(settings.database_url)}")
        await store.connect()
        try:
            await store.migrate()
            version = await store.schema_version()
        finally:
            await store.close()
    except StoreUnavailable as exc:
        print(f"migrate failed: {exc}", file=sys.stderr)
        return 1
    print(f"schema version {version} applied to {redact_url(settings.database_url)}")
    return 0
