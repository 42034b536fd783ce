"""Shared fixtures.

MariaDB: tests that need it skip when 127.0.0.1:3306 does not answer, except
under CI=true, where a missing database is a failure, not a skip.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import AsyncIterator, Callable, Iterator
from typing import NoReturn

import pymysql
import pytest

from credit_expert.store import Store, open_store

MARIADB_HOST = "127.0.0.1"
MARIADB_PORT = 3306


def skip_unless_ci(reason: str) -> NoReturn:
    """Skip on a developer machine; fail under CI, where everything must run."""
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{reason} (required under CI=true)")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def unavailable() -> Callable[[str], NoReturn]:
    """`unavailable("reason")`: skip a test whose tool is missing, or fail it under CI."""
    return skip_unless_ci


def mariadb_admin(port: int = MARIADB_PORT) -> pymysql.Connection:
    return pymysql.connect(
        host=MARIADB_HOST,
        port=port,
        user="root",
        password="",
        charset="utf8mb4",
        autocommit=True,
        connect_timeout=3,
    )


@pytest.fixture
def mariadb_url() -> Iterator[str]:
    """A fresh, empty utf8mb4 database on the local MariaDB, dropped afterwards."""
    try:
        admin = mariadb_admin()
    except pymysql.err.MySQLError as exc:
        skip_unless_ci(f"MariaDB is not reachable on {MARIADB_HOST}:{MARIADB_PORT}: {exc}")
    name = f"daria_test_{uuid.uuid4().hex[:12]}"
    with admin.cursor() as cur:
        cur.execute(f"CREATE DATABASE `{name}` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci")
    try:
        yield f"mysql://root@{MARIADB_HOST}:{MARIADB_PORT}/{name}"
    finally:
        admin.close()
        with mariadb_admin() as admin, admin.cursor() as cur:
            cur.execute(f"DROP DATABASE IF EXISTS `{name}`")


@pytest.fixture(params=["sqlite", "mysql"])
def database_url(request: pytest.FixtureRequest, tmp_path) -> str:
    """The URL of an empty database, once per backend."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'daria.db'}"
    return request.getfixturevalue("mariadb_url")


async def _opened(database_url: str) -> AsyncIterator[Store]:
    opened = open_store(database_url)
    await opened.connect()
    await opened.migrate()
    try:
        yield opened
    finally:
        await opened.close()


@pytest.fixture
async def store(database_url: str) -> AsyncIterator[Store]:
    """A connected store on a migrated, empty database, once per backend."""
    async for opened in _opened(database_url):
        yield opened


@pytest.fixture
async def sqlite_store(tmp_path) -> AsyncIterator[Store]:
    """The embedded store alone, at tmp_path / "daria.db", for tests of other parts."""
    async for opened in _opened(f"sqlite:///{tmp_path / 'daria.db'}"):
        yield opened


# --- every log line of the session, for tests/test_zz_logs.py ---------------------------------

LOG_FILE_ENV = "DARIA_TEST_LOG"  # where the lines go


def pytest_configure(config: pytest.Config) -> None:
    """Every record of Daria's own loggers, at whatever level the tests let through, goes
    to one file the last test reads. On the "credit_expert" logger, not the root: a test of
    `main()` may reset the root's handlers; levels are left as they are (changing them
    would change what other tests see)."""
    import logging
    import tempfile

    path = os.environ.get(LOG_FILE_ENV) or tempfile.mkstemp(prefix="daria-test-log-")[1]
    os.environ[LOG_FILE_ENV] = path
    handler = logging.FileHandler(path, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    logging.getLogger("credit_expert").addHandler(handler)
