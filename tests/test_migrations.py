"""Numbered migrations: a version-1 database holding data is upgraded, each migration once,
in any landing order, on both backends."""

from __future__ import annotations

import asyncio
import json
import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest

from credit_expert.models import Incoming, SessionState, Stage
from credit_expert.store import open_store
from credit_expert.store.migrations import (
    MIGRATIONS_DIR,
    MigrationError,
    migrations,
    split_statements,
)

EMPTY = Path("/nonexistent-migrations")  # no numbered migrations: version 1 only
AT = datetime(2025, 9, 15, 10, 0, tzinfo=UTC)

NOTE_COLUMN = {
    "mysql": "ALTER TABLE bot_users ADD COLUMN IF NOT EXISTS note VARCHAR(32) NULL;\n",
    "sqlite": "ALTER TABLE bot_users ADD COLUMN note TEXT NULL;\n",
}
# One file for both dialects: plain SQL both understand.
SHARED_TABLE = (
    "-- a table of the test's own\n"
    "CREATE TABLE IF NOT EXISTS t_extra (\n"
    "    id INTEGER NOT NULL PRIMARY KEY,\n"
    "    note VARCHAR(32) NULL\n"
    ");\n"
    "INSERT INTO t_extra (id, note) VALUES (1, 'x;y');\n"
)


def backend(url: str) -> str:
    return "sqlite" if url.startswith("sqlite") else "mysql"


async def version_one_with_a_dialogue(url: str) -> None:
    """A database as version 1 left it, with a person who got an answer and one who did not.

    Written with version 1's own columns only (raw SQL for the answer): today's
    commit_turn writes columns version 1 does not have."""
    store = open_store(url)
    await store.connect()
    await store.migrate(directory=EMPTY)
    assert await store.applied_migrations() == {1}
    for user_id in (7, 8):
        text = f"Долг {user_id}00 тысяч"
        await store.record_incoming(Incoming(user_id, user_id, 1, text, at=AT), text)
    await store.close()
    at = "2025-09-15 10:00:01.000000"
    state = SessionState(stage=Stage.QUALIFICATION).to_json()
    await raw(url, f"UPDATE bot_messages SET answered_at = '{at}' WHERE user_id = 7")
    await raw(url, f"UPDATE bot_sessions SET state_json = '{json.dumps(state)}' WHERE user_id = 7")
    await raw(
        url,
        "INSERT INTO bot_messages (user_id, chat_id, direction, kind, text, created_at)"
        f" VALUES (7, 7, 'out', 'text', 'Сколько кредиторов?', '{at}')",
    )


async def the_dialogue_is_intact(store) -> None:
    assert await store.count_messages(7) == 2
    assert await store.load_state(7) == SessionState(stage=Stage.QUALIFICATION)
    # a reply version 1 wrote was sent then (at most once): it is not sent again
    assert await store.unsent_users(datetime.now(UTC)) == []
    assert await store.users_with_unanswered() == [8]
    pending = await store.pending_turn(8)
    assert [m.text for m in pending.messages] == ["Долг 800 тысяч"]


async def test_version_one_with_data_upgrades_in_any_landing_order(database_url, tmp_path):
    dialect = backend(database_url)
    await version_one_with_a_dialogue(database_url)
    folder = tmp_path / "migrations"
    shutil.copytree(MIGRATIONS_DIR, folder)  # today's migrations, then two of the test's own
    real = {1, *(m.version for m in migrations(dialect))}
    # Engineer B's migration 12 lands first ...
    (folder / f"012_user_note.{dialect}.sql").write_text(NOTE_COLUMN[dialect])
    other = "sqlite" if dialect == "mysql" else "mysql"
    (folder / f"012_user_note.{other}.sql").write_text(NOTE_COLUMN[other])

    store = open_store(database_url)
    await store.connect()
    try:
        await store.migrate(directory=folder)
        assert await store.applied_migrations() == real | {12}
        # ... then engineer A's migration 5, numbered lower: still applied, once.
        (folder / "005_extra_table.sql").write_text(SHARED_TABLE)
        await store.migrate(directory=folder)
        await store.migrate(directory=folder)  # a rerun changes nothing
        assert await store.applied_migrations() == real | {5, 12}
        assert await store.schema_version() == max(real | {12})
        await the_dialogue_is_intact(store)
    finally:
        await store.close()

    rows = await raw(database_url, "SELECT id, note FROM t_extra")
    assert rows == [(1, "x;y")]  # inserted once: migration 5 ran exactly once
    notes = await raw(database_url, "SELECT user_id, note FROM bot_users ORDER BY user_id")
    assert notes == [(7, None), (8, None)]


async def test_version_one_with_data_takes_the_real_migrations(database_url):
    await version_one_with_a_dialogue(database_url)
    store = open_store(database_url)
    await store.connect()
    try:
        await store.migrate()
        expected = {1, *(m.version for m in migrations(backend(database_url)))}
        assert await store.applied_migrations() == expected
        await the_dialogue_is_intact(store)
    finally:
        await store.close()


async def test_two_processes_migrating_at_once_apply_each_migration_once(database_url, tmp_path):
    folder = tmp_path / "migrations"
    folder.mkdir()
    (folder / "005_extra_table.sql").write_text(SHARED_TABLE)
    stores = [open_store(database_url) for _ in range(2)]
    for store in stores:
        await store.connect()
    try:
        await asyncio.gather(*(store.migrate(directory=folder) for store in stores))
        assert 5 in await stores[0].applied_migrations()
    finally:
        for store in stores:
            await store.close()
    assert await raw(database_url, "SELECT id FROM t_extra") == [(1,)]


async def test_a_failing_sqlite_migration_leaves_nothing_behind(tmp_path):
    url = f"sqlite:///{tmp_path / 'daria.db'}"
    folder = tmp_path / "migrations"
    folder.mkdir()
    (folder / "006_broken.sql").write_text(
        "CREATE TABLE t_half (id INTEGER PRIMARY KEY);\nINSERT INTO no_such_table VALUES (1);\n"
    )
    store = open_store(url)
    await store.connect()
    try:
        with pytest.raises(Exception, match="no_such_table"):
            await store.migrate(directory=folder)
        assert 6 not in await store.applied_migrations()
    finally:
        await store.close()
    assert await raw(url, "SELECT name FROM sqlite_master WHERE name = 't_half'") == []


@pytest.mark.parametrize(
    ("files", "message"),
    [
        (["001_again.sql"], "version 1"),
        (["010_a.sql", "010_b.sql"], "also"),
        (["011_only.mysql.sql"], "no sqlite file"),
        (["012_x.sql", "012_x.sqlite.sql"], "both"),
        (["13_short.sql"], "NNN_name"),
    ],
)
def test_a_bad_migrations_folder_is_refused_before_anything_runs(tmp_path, files, message):
    for name in files:
        (tmp_path / name).write_text("SELECT 1;\n")
    with pytest.raises(MigrationError, match=message):
        migrations("sqlite", tmp_path)


def test_the_real_migrations_folder_is_consistent_for_both_dialects():
    assert [m.version for m in migrations("mysql")] == [m.version for m in migrations("sqlite")]


def test_statements_split_at_line_ends_only():
    script = "-- intro; not a statement\nCREATE TABLE t (a TEXT DEFAULT 'a;b');\n\nSELECT 1;\n"
    assert split_statements(script) == ["CREATE TABLE t (a TEXT DEFAULT 'a;b')", "SELECT 1"]


async def raw(url: str, sql: str) -> list[tuple]:
    if backend(url) == "sqlite":
        import sqlite3
        from contextlib import closing

        with closing(sqlite3.connect(url.removeprefix("sqlite:///"))) as db:
            found = [tuple(row) for row in db.execute(sql)]
            db.commit()
            return found
    from tests.test_schema import query

    return query(url, sql)
