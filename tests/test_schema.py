"""sql/schema.sql loads into an empty MariaDB database and the store works on exactly that."""

from __future__ import annotations

import re
import shutil
import sqlite3
import subprocess
from contextlib import closing
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import urlsplit

import pymysql

from credit_expert.config import load_settings
from credit_expert.models import Incoming, SessionState, Stage
from credit_expert.store import migrate_main, open_store
from credit_expert.store.base import Lead, OutboxEvent, TurnRecord
from credit_expert.store.migrations import migrations

SCHEMA_SQL = Path(__file__).resolve().parents[1] / "credit_expert" / "sql" / "schema.sql"
TABLES = ("bot_leads", "bot_messages", "bot_outbox", "bot_sessions", "bot_users", "schema_version")
AT = datetime(2025, 9, 15, 10, 0, tzinfo=UTC)
LATEST = max([1, *(m.version for m in migrations("mysql"))])


def database_of(url: str) -> str:
    return urlsplit(url).path[1:]


def query(url: str, sql: str) -> list[tuple]:
    with (
        closing(
            pymysql.connect(
                host="127.0.0.1",
                user="root",
                database=database_of(url),
                charset="utf8mb4",
                autocommit=True,
            )
        ) as db,
        db.cursor() as cur,
    ):
        cur.execute(sql)
        return list(cur.fetchall())


def schema_snapshot(url: str) -> dict[str, str]:
    """SHOW CREATE TABLE of every table, without the AUTO_INCREMENT counter."""
    tables = [row[0] for row in query(url, "SHOW TABLES")]
    return {
        table: re.sub(r" AUTO_INCREMENT=\d+", "", query(url, f"SHOW CREATE TABLE {table}")[0][1])
        for table in sorted(tables)
    }


async def one_turn_works(url: str) -> None:
    """Record, answer with a lead and an event, read back, forget: the whole contract in brief."""
    store = open_store(url)
    await store.connect()
    try:
        incoming = Incoming(user_id=5, chat_id=5, message_id=1, text="Долг 900 тысяч 🙁", at=AT)
        assert await store.record_incoming(incoming, incoming.text)
        pending = await store.pending_turn(5)
        assert pending.messages[0].text == "Долг 900 тысяч 🙁"
        lead = Lead(
            5,
            "+79161234567",
            900_000,
            3,
            "court",
            "вечером",
            "Казань",
            None,
            None,
            "2025-09-15T10:00:00+00:00",
            "2025-09-01",
            "Долг 900 000 ₽",
        )
        state = SessionState(stage=Stage.BOOKED)
        assert await store.commit_turn(
            TurnRecord(
                5,
                (1,),
                "Записала!",
                Stage.BOOKED,
                state,
                "script",
                {},
                AT,
                lead=lead,
                events=(OutboxEvent("lead_booked", {"user_id": 5}),),
            )
        )
        assert await store.load_state(5) == state
        assert await store.get_lead(5) == lead
        assert len(await store.outbox_due(AT + timedelta(seconds=1))) == 1
        await store.forget_user(5)
        assert await store.count_messages(5) == 0
        assert await store.schema_version() == LATEST
    finally:
        await store.close()


async def test_migrate_creates_the_schema_and_a_second_run_changes_nothing(mariadb_url: str):
    store = open_store(mariadb_url)
    await store.connect()
    assert await store.schema_version() == 0
    await store.migrate()
    first = schema_snapshot(mariadb_url)
    await store.migrate()
    await store.close()

    assert set(TABLES) <= set(first)
    assert schema_snapshot(mariadb_url) == first
    applied = query(mariadb_url, "SELECT version FROM schema_version ORDER BY version")
    assert applied == [(1,), *((m.version,) for m in migrations("mysql"))]
    await one_turn_works(mariadb_url)


async def test_every_table_is_innodb_utf8mb4(mariadb_url: str):
    store = open_store(mariadb_url)
    await store.connect()
    await store.migrate()
    await store.close()
    found = query(
        mariadb_url,
        "SELECT TABLE_NAME, ENGINE, TABLE_COLLATION FROM information_schema.TABLES"
        f" WHERE TABLE_SCHEMA = '{database_of(mariadb_url)}' ORDER BY TABLE_NAME",
    )
    assert found and all(row[1:] == ("InnoDB", "utf8mb4_unicode_ci") for row in found)


async def test_the_mariadb_client_loads_schema_sql_and_the_store_works_on_it(
    mariadb_url: str, unavailable
):
    client = shutil.which("mariadb") or shutil.which("mysql")
    if client is None:
        unavailable("the mariadb command-line client is not installed")
    with SCHEMA_SQL.open("rb") as script:
        loaded = subprocess.run(
            [client, "-h127.0.0.1", "-P3306", "-uroot", database_of(mariadb_url)],
            stdin=script,
            capture_output=True,
            timeout=30,
        )
    assert loaded.returncode == 0, loaded.stderr.decode(errors="replace")
    assert tuple(schema_snapshot(mariadb_url)) == TABLES  # version 1
    assert query(mariadb_url, "SELECT version FROM schema_version") == [(1,)]

    store = open_store(mariadb_url)
    await store.connect()
    await store.migrate()  # over version 1 loaded by hand: only the numbered migrations run
    await store.close()
    upgraded = schema_snapshot(mariadb_url)
    await one_turn_works(mariadb_url)
    assert schema_snapshot(mariadb_url) == upgraded


async def test_sqlite_has_the_same_tables_and_columns_as_schema_sql(mariadb_url: str, tmp_path):
    store = open_store(mariadb_url)
    await store.connect()
    await store.migrate()
    await store.close()
    mysql_columns = {}
    for table, column in query(
        mariadb_url,
        "SELECT TABLE_NAME, COLUMN_NAME FROM information_schema.COLUMNS"
        f" WHERE TABLE_SCHEMA = '{database_of(mariadb_url)}' ORDER BY TABLE_NAME, ORDINAL_POSITION",
    ):
        mysql_columns.setdefault(table, []).append(column)

    sqlite_store = open_store(f"sqlite:///{tmp_path / 'schema.db'}")
    await sqlite_store.connect()
    await sqlite_store.migrate()
    await sqlite_store.close()
    with closing(sqlite3.connect(tmp_path / "schema.db")) as db:
        sqlite_columns = {
            table: [row[1] for row in db.execute(f"PRAGMA table_info({table})")]
            for table in mysql_columns
        }

    assert sqlite_columns == mysql_columns


async def test_migrate_command_prints_one_line_without_the_password(tmp_path, capsys):
    url = f"sqlite:///{tmp_path / 'daria.db'}"
    assert await migrate_main(load_settings({"DATABASE_URL": url}, dotenv=False)) == 0
    assert capsys.readouterr().out == f"schema version {LATEST} applied to {url}\n"

    unreachable = "mysql://daria:Sup3r-S3cret@127.0.0.1:1/daria"
    assert await migrate_main(load_settings({"DATABASE_URL": unreachable}, dotenv=False)) == 1
    printed = capsys.readouterr()
    assert "Sup3r" not in printed.out + printed.err
    assert "DATABASE_URL" in printed.err
    assert "mysql://daria:***@127.0.0.1:1/daria" in printed.err


async def test_migrate_command_on_mariadb(mariadb_url: str, capsys):
    assert await migrate_main(load_settings({"DATABASE_URL": mariadb_url}, dotenv=False)) == 0
    assert capsys.readouterr().out == f"schema version {LATEST} applied to {mariadb_url}\n"
    assert set(TABLES) <= set(schema_snapshot(mariadb_url))


def test_schema_sql_is_plain_statements_the_migrate_can_split():
    from credit_expert.store.mysql import schema_statements

    statements = schema_statements(SCHEMA_SQL.read_text(encoding="utf-8"))
    assert [s.split()[0] for s in statements] == ["CREATE"] * 6 + ["INSERT"]
    assert not any(s.rstrip().endswith(";") for s in statements)
