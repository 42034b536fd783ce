"""The SQLite store (aiosqlite): the embedded default, one file, one process.

The tables mirror sql/schema.sql. One connection serves the process; an
asyncio lock keeps each operation (and each transaction) whole, because
statements of two coroutines on one connection would share a transaction.
Times are stored as UTC text 'YYYY-MM-DD HH:MM:SS.ffffff', which sorts in time order.
"""

from __future__ import annotations

import asyncio
import json
import sqlite3
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import aiosqlite

from credit_expert.models import (
    Incoming,
    Reminder,
    ReminderAction,
    ReminderContext,
    SessionState,
)
from credit_expert.store import migrations, rows
from credit_expert.store.base import (
    AwaitingLead,
    Lead,
    OutboxEvent,
    OutboxItem,
    OutgoingReply,
    PendingTurn,
    ReportRows,
    StoreUnavailable,
    TurnRecord,
)
from credit_expert.store.timing import DEFAULT_TIMEOUT, bounded_calls

# Version 1 of the schema (sql/schema.sql's twin); later changes are
# numbered files in sql/migrations/ (see migrations.py).
SCHEMA = """
CREATE TABLE IF NOT EXISTS schema_version (
    version INTEGER NOT NULL PRIMARY KEY,
    applied_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS bot_users (
    user_id INTEGER NOT NULL PRIMARY KEY,
    first_name TEXT NULL,
    username TEXT NULL,
    source TEXT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS bot_sessions (
    user_id INTEGER NOT NULL PRIMARY KEY
        REFERENCES bot_users (user_id) ON DELETE CASCADE,
    chat_id INTEGER NOT NULL,
    stage TEXT NOT NULL,
    verdict TEXT NULL,
    state_json TEXT NOT NULL,
    consent_at TEXT NULL,
    consent_version TEXT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS ix_sessions_stage ON bot_sessions (stage);
CREATE TABLE IF NOT EXISTS bot_messages (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id INTEGER NOT NULL REFERENCES bot_users (user_id) ON DELETE CASCADE,
    chat_id INTEGER NOT NULL,
    direction TEXT NOT NULL CHECK (direction IN ('in', 'out')),
    telegram_message_id INTEGER NULL,
    kind TEXT NOT NULL,
    text TEXT NOT NULL,
    stage TEXT NULL,
    writer TEXT NULL,
    plan_json TEXT NULL,
    rejection TEXT NULL,
    tokens_in INTEGER NOT NULL DEFAULT 0,
    tokens_out INTEGER NOT NULL DEFAULT 0,
    latency_ms INTEGER NOT NULL DEFAULT 0,
    answered_at TEXT NULL,
    created_at TEXT NOT NULL,
    UNIQUE (user_id, direction, telegram_message_id)
);
CREATE INDEX IF NOT EXISTS ix_messages_person ON bot_messages (user_id, id);
CREATE INDEX IF NOT EXISTS ix_messages_unanswered
    ON bot_messages (direction, answered_at, user_id);
CREATE TABLE IF NOT EXISTS bot_leads (
    user_id INTEGER NOT NULL PRIMARY KEY
        REFERENCES bot_users (user_id) ON DELETE CASCADE,
    phone TEXT NULL,
    debt_total INTEGER NULL CHECK (debt_total IS NULL OR debt_total >= 0),
    creditors_count INTEGER NULL CHECK (creditors_count IS NULL OR creditors_count >= 0),
    verdict TEXT NULL,
    call_time TEXT NULL,
    region TEXT NULL,
    source TEXT NULL,
    first_name TEXT NULL,
    consent_at TEXT NULL,
    consent_version TEXT NULL,
    summary TEXT NOT NULL,
    status TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS ix_leads_status ON bot_leads (status, created_at);
CREATE TABLE IF NOT EXISTS bot_outbox (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id INTEGER NULL REFERENCES bot_users (user_id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    payload_json TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT NOT NULL,
    delivered_at TEXT NULL,
    last_error TEXT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS ix_outbox_due ON bot_outbox (delivered_at, next_attempt_at);
CREATE INDEX IF NOT EXISTS ix_outbox_user ON bot_outbox (user_id);
"""


class _Rollback(Exception):
    """Undo the transaction and report False: a duplicate, or nothing left to answer."""


def _time(at: datetime) -> str:
    return rows.utc_naive(at).isoformat(sep=" ", timespec="microseconds")


def _parse_time(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def _q(sql: str) -> str:
    """rows.py's portable SQL with SQLite's marks."""
    return sql.replace("%s", "?")


@bounded_calls
class SQLiteStore:
    def __init__(self, database_url: str, timeout: float = DEFAULT_TIMEOUT):
        self._path = database_url.removeprefix("sqlite:///").split("?", 1)[0]
        self.shown_url = database_url
        self.timeout = timeout  # DB_TIMEOUT: the limit of every public call (timing.py)
        self._db: aiosqlite.Connection | None = None
        self._lock = asyncio.Lock()

    # --- connection ---------------------------------------------------------------------

    async def connect(self) -> None:
        try:
            if self._path != ":memory:":
                Path(self._path).parent.mkdir(parents=True, exist_ok=True)
            db = await aiosqlite.connect(self._path, isolation_level=None)
            try:
                await db.execute("PRAGMA journal_mode = WAL")
                await db.execute("PRAGMA synchronous = FULL")
                await db.execute("PRAGMA foreign_keys = ON")
                await db.execute("PRAGMA busy_timeout = 5000")
            except BaseException:
                await db.close()
                raise
        except (sqlite3.Error, OSError) as exc:
            message = f"DATABASE_URL: cannot open SQLite file {self._path}: {exc}"
            raise StoreUnavailable(message) from exc
        self._db = db

    async def close(self) -> None:
        if self._db is not None:
            await self._db.close()
            self._db = None

    async def ping(self) -> bool:
        try:
            async with self._connection() as db:
                return list(await db.execute_fetchall("SELECT 1")) == [(1,)]
        except StoreUnavailable:
            return False

    @asynccontextmanager
    async def _connection(self) -> AsyncIterator[aiosqlite.Connection]:
        if self._db is None:
            raise RuntimeError("SQLiteStore.connect() was not awaited")
        async with self._lock:
            try:
                yield self._db
            except sqlite3.OperationalError as exc:  # locked, disk full, I/O error
                raise StoreUnavailable(f"DATABASE_URL: SQLite {self._path}: {exc}") from exc

    @asynccontextmanager
    async def _transaction(self) -> AsyncIterator[aiosqlite.Connection]:
        async with self._connection() as db:
            await db.execute("BEGIN IMMEDIATE")
            try:
                yield db
            except BaseException:
                if db.in_transaction:
                    await db.execute("ROLLBACK")
                raise
            await db.execute("COMMIT")

    # --- schema -------------------------------------------------------------------------

    async def migrate(self, directory: Path = migrations.MIGRATIONS_DIR) -> None:
        available = migrations.migrations("sqlite", directory)
        async with self._connection() as db:
            if migrations.BASE_VERSION not in await self._applied(db):
                await db.executescript(SCHEMA)
                await db.execute(
                    "INSERT INTO schema_version (version, applied_at) VALUES (?, ?)"
                    " ON CONFLICT (version) DO NOTHING",
                    (migrations.BASE_VERSION, _time(datetime.now(UTC))),
                )
            # One transaction per migration (SQLite's DDL is transactional): a
            # migration is applied whole or not at all, and a second process
            # waits on the write lock, then sees it applied.
            for migration in available:
                await db.execute("BEGIN IMMEDIATE")
                try:
                    if migration.version in await self._applied(db):
                        await db.execute("ROLLBACK")
                        continue
                    for statement in migration.statements():
                        await db.execute(statement)
                    await db.execute(
                        "INSERT INTO schema_version (version, applied_at) VALUES (?, ?)",
                        (migration.version, _time(datetime.now(UTC))),
                    )
                except BaseException:
                    await db.execute("ROLLBACK")
                    raise
                await db.execute("COMMIT")

    @staticmethod
    async def _applied(db: aiosqlite.Connection) -> set[int]:
        if not await db.execute_fetchall(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'"
        ):
            return set()
        return {
            int(row[0]) for row in await db.execute_fetchall("SELECT version FROM schema_version")
        }

    async def applied_migrations(self) -> set[int]:
        async with self._connection() as db:
            return await self._applied(db)

    async def schema_version(self) -> int:
        return max(await self.applied_migrations(), default=0)

    # --- incoming -----------------------------------------------------------------------

    async def record_incoming(self, incoming: Incoming, stored_text: str) -> bool:
        at = _time(incoming.at)
        try:
            async with self._transaction() as db:
                await db.execute(
                    "INSERT INTO bot_users (user_id, first_name, username, created_at, updated_at)"
                    " VALUES (?, ?, ?, ?, ?) ON CONFLICT (user_id) DO UPDATE SET"
                    " first_name = COALESCE(excluded.first_name, first_name),"
                    " username = COALESCE(excluded.username, username),"
                    " updated_at = excluded.updated_at",
                    (incoming.user_id, incoming.first_name, incoming.username, at, at),
                )
                await db.execute(
                    "INSERT INTO bot_sessions (user_id, chat_id, stage, state_json, updated_at)"
                    " VALUES (?, ?, ?, ?, ?)"
                    " ON CONFLICT (user_id) DO UPDATE SET chat_id = excluded.chat_id",
                    (
                        incoming.user_id,
                        incoming.chat_id,
                        SessionState().stage.value,
                        rows.state_json(SessionState()),
                        at,
                    ),
                )
                cursor = await db.execute(
                    "INSERT INTO bot_messages"
                    " (user_id, chat_id, direction, telegram_message_id, kind, text, created_at)"
                    " VALUES (?, ?, 'in', ?, ?, ?, ?)"
                    " ON CONFLICT (user_id, direction, telegram_message_id) DO NOTHING",
                    (
                        incoming.user_id,
                        incoming.chat_id,
                        incoming.message_id,
                        incoming.kind.value,
                        stored_text,
                        at,
                    ),
                )
                if cursor.rowcount == 0:
                    raise _Rollback
        except _Rollback:
            return False
        return True

    async def update_unanswered(self, user_id: int, message_id: int, text: str) -> bool:
        async with self._connection() as db:
            cursor = await db.execute(
                "UPDATE bot_messages SET text = ? WHERE user_id = ? AND direction = 'in'"
                " AND telegram_message_id = ? AND answered_at IS NULL",
                (text, user_id, message_id),
            )
            return cursor.rowcount > 0

    async def pending_turn(self, user_id: int, history_limit: int = 6) -> PendingTurn | None:
        async with self._connection() as db:
            pending = list(
                await db.execute_fetchall(
                    "SELECT telegram_message_id, text, kind, created_at, chat_id"
                    " FROM bot_messages WHERE user_id = ? AND direction = 'in'"
                    " AND answered_at IS NULL ORDER BY id",
                    (user_id,),
                )
            )
            if not pending:
                return None
            session = list(
                await db.execute_fetchall(
                    "SELECT s.state_json, u.first_name FROM bot_users u"
                    " LEFT JOIN bot_sessions s ON s.user_id = u.user_id WHERE u.user_id = ?",
                    (user_id,),
                )
            )
            newest_first = await db.execute_fetchall(
                "SELECT direction, text FROM bot_messages WHERE user_id = ?"
                " AND (direction = 'out' OR answered_at IS NOT NULL)"
                " ORDER BY id DESC LIMIT ?",
                (user_id, history_limit),
            )
        return PendingTurn(
            user_id=user_id,
            chat_id=pending[-1][4],
            messages=tuple(rows.incoming_from_row(row, _parse_time(row[3])) for row in pending),
            state=rows.state_from_json(session[0][0])
            if session and session[0][0]
            else SessionState(),
            history=rows.history_from_rows(list(newest_first)),
            first_name=session[0][1] if session else None,
        )

    async def rewrite_incoming(self, user_id: int, rewrite: Callable[[str], str]) -> int:
        async with self._connection() as db:
            found = await db.execute_fetchall(
                "SELECT id, text FROM bot_messages WHERE user_id = ? AND direction = 'in'",
                (user_id,),
            )
            changes = [(new, row_id) for row_id, text in found if (new := rewrite(text)) != text]
            if changes:
                await db.executemany("UPDATE bot_messages SET text = ? WHERE id = ?", changes)
                await db.commit()
        return len(changes)

    async def users_with_unanswered(self) -> list[int]:
        async with self._connection() as db:
            found = await db.execute_fetchall(
                "SELECT user_id FROM bot_messages WHERE direction = 'in' AND answered_at IS NULL"
                " GROUP BY user_id ORDER BY MIN(id)"
            )
        return [row[0] for row in found]

    # --- turn ---------------------------------------------------------------------------

    async def commit_turn(self, record: TurnRecord) -> bool:
        try:
            await self._write_turn(record)
        except _Rollback:
            return False
        return True

    async def _write_turn(self, record: TurnRecord) -> None:
        at = _time(record.at)
        async with self._transaction() as db:
            session = list(
                await db.execute_fetchall(
                    "SELECT chat_id FROM bot_sessions WHERE user_id = ?", (record.user_id,)
                )
            )
            if not session:
                raise _Rollback  # forgotten
            if record.answered_ids:
                marks = ", ".join("?" * len(record.answered_ids))
                cursor = await db.execute(
                    "UPDATE bot_messages SET answered_at = ? WHERE user_id = ?"
                    " AND direction = 'in' AND answered_at IS NULL"
                    f" AND telegram_message_id IN ({marks})",
                    (at, record.user_id, *record.answered_ids),
                )
                if cursor.rowcount == 0:
                    raise _Rollback
            await self._turn_writes(db, record, session[0][0], at)

    async def _turn_writes(
        self, db: aiosqlite.Connection, record: TurnRecord, chat_id: int, at: str
    ) -> int | None:
        """The writes of a turn (or of a reminder's reply); the reply row's id, if any."""
        state = record.state
        reply_id = None
        await db.execute(
            "UPDATE bot_sessions SET stage = ?, verdict = COALESCE(?, verdict),"
            " state_json = ?, consent_at = ?,"
            " consent_version = IIF(? IS NULL, NULL, COALESCE(?, consent_version)),"
            " updated_at = ? WHERE user_id = ?",
            rows.session_values(record, state, at),
        )
        if record.supersede_unsent:
            await db.execute(
                "UPDATE bot_messages SET send_status = 'stale' WHERE user_id = ?"
                " AND direction = 'out' AND send_status = 'pending'",
                (record.user_id,),
            )
        if record.reply_text:
            cursor = await db.execute(
                "INSERT INTO bot_messages (user_id, chat_id, direction, kind, text, stage,"
                " writer, plan_json, rejection, tokens_in, tokens_out, latency_ms, created_at,"
                " variant_ids, ask_topics, objection, send_status)"
                " VALUES (?, ?, 'out', 'text', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending')",
                rows.reply_values(record, chat_id, at),
            )
            reply_id = cursor.lastrowid
        if state.source is not None:
            await db.execute(
                "UPDATE bot_users SET source = ?, updated_at = ?"
                " WHERE user_id = ? AND source IS NOT ?",
                (state.source, at, record.user_id, state.source),
            )
        if record.lead is not None:
            await self._upsert_lead(db, record.lead, at)
        if record.events:
            await db.executemany(
                _q(rows.INSERT_EVENT), rows.event_rows(record.user_id, record.events, at)
            )
        for sql, params in rows.reminder_statements(record.user_id, record.reminders, at, _time):
            await db.execute(_q(sql), params)
        return reply_id

    @staticmethod
    async def _upsert_lead(db: aiosqlite.Connection, lead: Lead, at: str) -> None:
        columns = ", ".join(rows.LEAD_COLUMNS)
        marks = ", ".join("?" * len(rows.LEAD_COLUMNS))
        updates = ", ".join(f"{name} = excluded.{name}" for name in rows.LEAD_COLUMNS)
        await db.execute(
            f"INSERT INTO bot_leads (user_id, {columns}, lead_key, booked_at, created_at,"
            f" updated_at) VALUES (?, {marks}, ?, ?, ?, ?)"
            f" ON CONFLICT (user_id) DO UPDATE SET {updates}, updated_at = excluded.updated_at,"
            " lead_key = COALESCE(bot_leads.lead_key, excluded.lead_key),"
            " booked_at = COALESCE(bot_leads.booked_at, excluded.booked_at)",
            (
                lead.user_id,
                *rows.lead_values(lead),
                rows.new_key(),
                rows.booked_at(lead, at),
                at,
                at,
            ),
        )

    async def forget_user(
        self, user_id: int, at: datetime | None = None, destinations: tuple[str, ...] = ()
    ) -> None:
        when = _time(at or datetime.now(UTC))
        async with self._transaction() as db:
            for sql, params in rows.forgotten_statements(user_id, destinations, when):
                await db.execute(_q(sql), params)
            for table in rows.PERSON_TABLES:
                await db.execute(f"DELETE FROM {table} WHERE user_id = ?", (user_id,))
            await db.execute("DELETE FROM bot_takeovers WHERE chat_id = ?", (user_id,))

    # --- reads --------------------------------------------------------------------------

    async def load_state(self, user_id: int) -> SessionState | None:
        async with self._connection() as db:
            found = list(
                await db.execute_fetchall(
                    "SELECT state_json FROM bot_sessions WHERE user_id = ?", (user_id,)
                )
            )
        return rows.state_from_json(found[0][0]) if found else None

    async def count_messages(self, user_id: int) -> int:
        async with self._connection() as db:
            found = await db.execute_fetchall(
                "SELECT COUNT(*) FROM bot_messages WHERE user_id = ?", (user_id,)
            )
        return int(next(iter(found))[0])

    async def get_lead(self, user_id: int) -> Lead | None:
        async with self._connection() as db:
            found = list(
                await db.execute_fetchall(
                    f"SELECT {', '.join(rows.LEAD_COLUMNS)} FROM bot_leads WHERE user_id = ?",
                    (user_id,),
                )
            )
        return rows.lead_from_row(user_id, found[0]) if found else None

    async def stale_dialogues(self, before: datetime, limit: int = 500) -> list[int]:
        async with self._connection() as db:
            found = await db.execute_fetchall(
                rows.STALE_DIALOGUES.replace("%s", "?"), (_time(before), _time(before), limit)
            )
        return [int(row[0]) for row in found]

    async def delete_unanswered(self, user_id: int, message_ids: tuple[int, ...]) -> int:
        if not message_ids:
            return 0
        marks = ", ".join(["?"] * len(message_ids))
        async with self._connection() as db:
            cursor = await db.execute(
                "DELETE FROM bot_messages WHERE user_id = ? AND direction = 'in'"
                f" AND answered_at IS NULL AND telegram_message_id IN ({marks})",
                (user_id, *message_ids),
            )
            return cursor.rowcount

    async def last_incoming_id(self, user_id: int) -> int:
        async with self._connection() as db:
            found = await db.execute_fetchall(
                "SELECT MAX(telegram_message_id) FROM bot_messages"
                " WHERE user_id = ? AND direction = 'in'",
                (user_id,),
            )
        return int(next(iter(found))[0] or 0)

    # --- reply delivery -----------------------------------------------------------------

    async def unsent_users(self, now: datetime) -> list[int]:
        async with self._connection() as db:
            found = await db.execute_fetchall(
                "SELECT user_id FROM bot_messages WHERE send_status = 'pending'"
                " GROUP BY user_id HAVING MIN(COALESCE(send_after, created_at)) <= ?"
                " ORDER BY MIN(id)",
                (_time(now),),
            )
        return [row[0] for row in found]

    async def claim_replies(
        self, user_id: int, now: datetime, lease: timedelta, stale_before: datetime
    ) -> list[OutgoingReply]:
        async with self._transaction() as db:
            found = list(
                await db.execute_fetchall(
                    "SELECT id, chat_id, text, created_at, send_attempts, send_after,"
                    " flood_waits FROM bot_messages WHERE user_id = ?"
                    " AND send_status = 'pending' ORDER BY id",
                    (user_id,),
                )
            )
            held = await db.execute_fetchall(
                "SELECT 1 FROM bot_takeovers WHERE chat_id = ? AND until_at > ?",
                (user_id, _time(now)),
            )
            stale, taken = rows.split_claim(
                found, _time(now), _time(stale_before), bool(list(held))
            )
            for reply_id in stale:
                await db.execute(
                    "UPDATE bot_messages SET send_status = 'stale' WHERE id = ?", (reply_id,)
                )
            for row in taken:
                await db.execute(
                    "UPDATE bot_messages SET send_after = ? WHERE id = ?",
                    (_time(now + lease), row[0]),
                )
        return [rows.outgoing_from_row(user_id, row) for row in taken]

    async def reply_sent(self, reply_id: int, telegram_id: int | None, at: datetime) -> None:
        async with self._connection() as db:
            await db.execute(
                "UPDATE bot_messages SET send_status = 'sent', sent_at = ?,"
                " telegram_message_id = ?, send_attempts = send_attempts + 1 WHERE id = ?",
                (_time(at), telegram_id, reply_id),
            )

    async def reply_failed(self, reply_id: int, retry_at: datetime, flood: bool) -> None:
        async with self._connection() as db:
            await db.execute(
                "UPDATE bot_messages SET send_after = ?, send_attempts = send_attempts + 1,"
                " flood_waits = flood_waits + ? WHERE id = ? AND send_status = 'pending'",
                (_time(retry_at), int(flood), reply_id),
            )

    async def reply_blocked(self, user_id: int) -> None:
        async with self._connection() as db:
            await db.execute(
                "UPDATE bot_messages SET send_status = 'blocked' WHERE user_id = ?"
                " AND send_status = 'pending'",
                (user_id,),
            )

    async def set_takeover(self, chat_id: int, until: datetime, at: datetime) -> None:
        async with self._transaction() as db:
            await db.execute(
                "INSERT INTO bot_takeovers (chat_id, until_at, created_at) VALUES (?, ?, ?)"
                " ON CONFLICT (chat_id) DO UPDATE SET until_at = excluded.until_at",
                (chat_id, _time(until), _time(at)),
            )
            await db.execute(
                "UPDATE bot_messages SET send_status = 'stale' WHERE user_id = ?"
                " AND send_status = 'pending'",
                (chat_id,),
            )

    async def clear_takeover(self, chat_id: int) -> None:
        async with self._connection() as db:
            await db.execute("DELETE FROM bot_takeovers WHERE chat_id = ?", (chat_id,))

    async def takeovers(self, now: datetime) -> dict[int, datetime]:
        async with self._connection() as db:
            found = await db.execute_fetchall(
                "SELECT chat_id, until_at FROM bot_takeovers WHERE until_at > ?", (_time(now),)
            )
        return {row[0]: _parse_time(row[1]) for row in found}

    # --- outbox -------------------------------------------------------------------------

    async def outbox_due(self, now: datetime, limit: int = 20) -> list[OutboxItem]:
        async with self._connection() as db:
            found = await db.execute_fetchall(
                _q(rows.OUTBOX_DUE + rows.OUTBOX_ORDER), (_time(now), limit)
            )
        return [rows.outbox_from_row(row, _parse_time(row[7])) for row in found]

    async def outbox_claim(
        self, now: datetime, lease: timedelta, limit: int = 20, destination: str | None = None
    ) -> list[OutboxItem]:
        sql, args = rows.OUTBOX_DUE, [_time(now)]
        if destination is not None:
            sql, args = sql + rows.OUTBOX_IN_ORDER, [*args, destination]
        async with self._transaction() as db:
            found = await db.execute_fetchall(_q(sql + rows.OUTBOX_ORDER), (*args, limit))
            await db.executemany(
                "UPDATE bot_outbox SET next_attempt_at = ? WHERE id = ?",
                [(_time(now + lease), row[0]) for row in found],
            )
        return [rows.outbox_from_row(row, _parse_time(row[7])) for row in found]

    async def outbox_delivered(self, item_id: int, at: datetime) -> None:
        async with self._connection() as db:
            await db.execute(
                "UPDATE bot_outbox SET delivered_at = ?, attempts = attempts + 1 WHERE id = ?",
                (_time(at), item_id),
            )

    async def outbox_failed(self, item_id: int, error: str, retry_at: datetime) -> None:
        async with self._connection() as db:
            await db.execute(
                "UPDATE bot_outbox SET attempts = attempts + 1, last_error = ?,"
                " next_attempt_at = ? WHERE id = ?",
                (rows.short_error(error), _time(retry_at), item_id),
            )

    async def outbox_backlog(self) -> dict[str, int]:
        async with self._connection() as db:
            found = await db.execute_fetchall(rows.BACKLOG)
        return {destination: count for destination, count in found}

    async def outbox_add(self, user_id: int, events: tuple[OutboxEvent, ...], at: datetime) -> None:
        async with self._transaction() as db:
            await db.executemany(_q(rows.INSERT_EVENT), rows.event_rows(user_id, events, _time(at)))

    # --- the lead outside the dialogue: CRM ids, call outcome, reminder -----------------

    async def lead_refs(self, lead_key: str, destination: str) -> dict[str, Any]:
        async with self._connection() as db:
            found = list(
                await db.execute_fetchall(
                    "SELECT refs_json FROM bot_lead_refs WHERE lead_key = ? AND destination = ?",
                    (lead_key, destination),
                )
            )
        return json.loads(found[0][0]) if found else {}

    async def save_lead_refs(
        self,
        lead_key: str,
        destination: str,
        refs: dict[str, Any],
        external_id: str | None,
        at: datetime,
    ) -> bool:
        when = _time(at)
        async with self._transaction() as db:
            lead = list(
                await db.execute_fetchall(
                    "SELECT user_id FROM bot_leads WHERE lead_key = ?", (lead_key,)
                )
            )
            if not lead:
                await db.execute(
                    _q(rows.INSERT_FORGOTTEN_REFS),
                    (rows.new_key(), destination, lead_key, rows.dump_json(refs), when, when),
                )
                return False
            await db.execute(
                "INSERT INTO bot_lead_refs (lead_key, destination, user_id, external_id,"
                " refs_json, updated_at) VALUES (?, ?, ?, ?, ?, ?)"
                " ON CONFLICT (lead_key, destination) DO UPDATE SET"
                " external_id = excluded.external_id, refs_json = excluded.refs_json,"
                " updated_at = excluded.updated_at",
                (lead_key, destination, lead[0][0], external_id, rows.dump_json(refs), when),
            )
        return True

    async def user_by_external(self, destination: str, external_id: str) -> int | None:
        async with self._connection() as db:
            found = list(
                await db.execute_fetchall(
                    "SELECT user_id FROM bot_lead_refs WHERE destination = ? AND external_id = ?",
                    (destination, external_id),
                )
            )
        return found[0][0] if found else None

    async def lead_state(self, user_id: int) -> tuple[str | None, str | None]:
        async with self._connection() as db:
            found = list(
                await db.execute_fetchall(
                    "SELECT lead_key, outcome FROM bot_leads WHERE user_id = ?", (user_id,)
                )
            )
        return (found[0][0], found[0][1]) if found else (None, None)

    async def record_outcome(
        self, user_id: int, outcome: str, at: datetime, events: tuple[OutboxEvent, ...]
    ) -> bool:
        when = _time(at)
        async with self._transaction() as db:
            cursor = await db.execute(
                "UPDATE bot_leads SET outcome = ?, outcome_at = ? WHERE user_id = ?",
                (outcome, when, user_id),
            )
            if cursor.rowcount == 0:
                return False
            await db.executemany(_q(rows.INSERT_EVENT), rows.event_rows(user_id, events, when))
        return True

    async def leads_awaiting_call(self) -> list[AwaitingLead]:
        async with self._connection() as db:
            found = await db.execute_fetchall(rows.AWAITING)
        return [rows.awaiting_from_row(row, _parse_time(row[2])) for row in found]

    async def mark_reminded(self, user_id: int, at: datetime | None) -> bool:
        async with self._connection() as db:
            cursor = await db.execute(
                _q(rows.MARK_REMINDED), (_time(at) if at else None, user_id, at is None)
            )
            return cursor.rowcount > 0

    async def report_rows(self, since: datetime, until: datetime) -> ReportRows:
        period = (_time(since), _time(until))
        async with self._connection() as db:
            dialogues = await db.execute_fetchall(_q(rows.REPORT_DIALOGUES), period)
            replies = await db.execute_fetchall(_q(rows.REPORT_REPLIES), period)
            has_reminders = await db.execute_fetchall(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?",
                (rows.REMINDERS_TABLE,),
            )
            reminders = (
                await db.execute_fetchall(_q(rows.REPORT_REMINDERS), period)
                if list(has_reminders)
                else None
            )
        return ReportRows(
            dialogues=tuple(rows.dialogue_row(r, _parse_time) for r in dialogues),
            replies=tuple(rows.reply_row(r, _parse_time) for r in replies),
            reminders=(
                None
                if reminders is None
                else tuple(rows.reminder_row(r, _parse_time) for r in reminders)
            ),
        )

    # --- reminders ----------------------------------------------------------------------

    async def due_reminders(
        self, now: datetime, limit: int = 50, user_id: int | None = None
    ) -> list[Reminder]:
        args: list[object]
        sql, args = rows.DUE_REMINDERS, [_time(now)]
        if user_id is not None:
            sql, args = sql + " AND user_id = %s", [*args, user_id]
        async with self._connection() as db:
            found = await db.execute_fetchall(
                _q(sql + " ORDER BY due_at, id LIMIT %s"), (*args, limit)
            )
        return [rows.reminder_from_row(row, _parse_time) for row in found]

    async def next_reminder_due(
        self, after: datetime, user_id: int | None = None
    ) -> datetime | None:
        args: list[object]
        sql, args = rows.NEXT_REMINDER, [_time(after)]
        if user_id is not None:
            sql, args = sql + " AND user_id = %s", [*args, user_id]
        async with self._connection() as db:
            found = list(await db.execute_fetchall(_q(sql), args))
        return _parse_time(found[0][0]) if found and found[0][0] is not None else None

    async def quiet_sessions(
        self, after: datetime, until: datetime, user_id: int | None = None
    ) -> list[tuple[int, datetime]]:
        args: list[object]
        sql, args = rows.QUIET_SESSIONS, [_time(after), _time(until)]
        if user_id is not None:
            sql, args = sql + " AND user_id = %s", [*args, user_id]
        async with self._connection() as db:
            found = await db.execute_fetchall(_q(sql + " ORDER BY updated_at LIMIT 500"), args)
        return [(int(row[0]), _parse_time(row[1])) for row in found]

    async def take_reminder(
        self,
        user_id: int,
        reminder_id: int | None,
        now: datetime,
        decide: Callable[[ReminderContext], ReminderAction],
    ) -> ReminderAction | None:
        at = _time(now)
        action: ReminderAction | None = None
        try:
            async with self._transaction() as db:
                session = list(
                    await db.execute_fetchall(
                        "SELECT chat_id, state_json, updated_at FROM bot_sessions"
                        " WHERE user_id = ?",
                        (user_id,),
                    )
                )
                taken = list(
                    await db.execute_fetchall(
                        _q(rows.TAKEN_REMINDER), (reminder_id or 0, user_id, at)
                    )
                )
                if not session or (reminder_id is not None and not taken):
                    raise _Rollback
                person = list(await db.execute_fetchall(_q(rows.PERSON_NOW), (user_id,)))
                held = list(await db.execute_fetchall(_q(rows.HELD_CHAT), (user_id, at)))
                action = decide(
                    ReminderContext(
                        reminder=rows.reminder_from_row(taken[0], _parse_time) if taken else None,
                        state=rows.state_from_json(session[0][1]),
                        updated_at=_parse_time(session[0][2]),
                        last_incoming_at=_parse_time(person[0][0]) if person[0][0] else None,
                        unanswered=bool(person[0][1]),
                        held=bool(held),
                    )
                )
                if action.text:
                    record = rows.reminder_reply(user_id, action, now)
                    reply_id = await self._turn_writes(db, record, session[0][0], at)
                    if reminder_id is not None:
                        await db.execute(_q(rows.REMINDER_SENT), (at, reply_id, reminder_id))
                elif reminder_id is not None:
                    for sql, params in rows.reminder_outcome_statements(reminder_id, action, _time):
                        await db.execute(_q(sql), params)
                for sql, params in rows.reminder_statements(user_id, action.schedule, at, _time):
                    await db.execute(_q(sql), params)
        except _Rollback:
            return None
        return action

    async def reminders_of(self, user_id: int) -> list[Reminder]:
        async with self._connection() as db:
            found = await db.execute_fetchall(
                f"SELECT {rows.REMINDER_COLUMNS} FROM reminders WHERE user_id = ? ORDER BY id",
                (user_id,),
            )
        return [rows.reminder_from_row(row, _parse_time) for row in found]
