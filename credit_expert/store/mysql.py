"""The MySQL / MariaDB store (aiomysql): production, shared by many bot processes.

Connections come from a pool. Reads run in autocommit; every write that spans
rows runs inside an explicit BEGIN ... COMMIT, so a lost connection or an error
midway leaves nothing of it behind (the server rolls back what it did not see
committed). Driver faults reach the caller as StoreUnavailable.

Round trips are what a turn costs, so the statements of one step travel
together (`_batch`: one COM_QUERY holding several statements, each value
escaped by the driver exactly as `execute(sql, args)` would): a turn takes four
round trips instead of sixteen.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator, Callable, Sequence
from contextlib import asynccontextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import aiomysql
import pymysql
from pymysql.constants import CLIENT, ER

from credit_expert.models import (
    Incoming,
    Reminder,
    ReminderAction,
    ReminderContext,
    SessionState,
)
from credit_expert.resources import resource_path
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

SCHEMA_PATH = resource_path("sql", "schema.sql")

# Server errors after which the transaction is gone but a retry may succeed:
# too many connections, shutdown, lock wait timeout, deadlock, interrupted, killed.
_RETRYABLE_SERVER_ERRORS = frozenset({1040, 1053, 1205, 1213, 1317, 1927, 4031})


def _is_connection_fault(exc: BaseException) -> bool:
    """The connection is gone or its transaction aborted: close it, the caller retries."""
    if isinstance(exc, pymysql.err.OperationalError):
        code = exc.args[0] if exc.args and isinstance(exc.args[0], int) else 0
        return 2000 <= code < 3000 or code in _RETRYABLE_SERVER_ERRORS  # 2xxx: client side
    return isinstance(exc, (pymysql.err.InterfaceError, OSError, asyncio.IncompleteReadError))


_SESSION_SETUP = (
    "SET time_zone = '+00:00',"
    " sql_mode = 'STRICT_ALL_TABLES,NO_ZERO_DATE,ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION'"
)


Statement = tuple[str, Sequence[Any]]


async def _batch(
    cur: aiomysql.Cursor, statements: Sequence[Statement]
) -> list[tuple[int, tuple[Any, ...]]]:
    """Run the statements in one round trip; (rowcount, rows) of each.

    The server stops at the first failing statement and the driver raises its
    error; a transaction the batch opened is then rolled back by `_cursor`.
    """
    await cur.execute(";\n".join(cur.mogrify(sql, args) for sql, args in statements))
    results = [(cur.rowcount, tuple(await cur.fetchall()))]
    while await cur.nextset():
        results.append((cur.rowcount, tuple(await cur.fetchall())))
    return results


BEGIN: Statement = ("BEGIN", ())
COMMIT: Statement = ("COMMIT", ())


def schema_statements(script: str) -> list[str]:
    """sql/schema.sql cut into statements: a statement ends with ';' at a line end."""
    return migrations.split_statements(script)


@bounded_calls
class MySQLStore:
    def __init__(
        self,
        database_url: str,
        pool_size: int = 10,
        connect_timeout: float = 5.0,
        timeout: float = DEFAULT_TIMEOUT,
    ):
        parts = urlsplit(database_url)
        self._host = parts.hostname or "127.0.0.1"
        self._port = parts.port or 3306
        self._user = unquote(parts.username or "root")
        # aiomysql sends the password as latin-1: hand it the UTF-8 bytes that way,
        # so a non-ASCII password reaches the server as the bytes it was set with.
        self._password = unquote(parts.password or "").encode().decode("latin-1")
        self._database = unquote(parts.path.strip("/"))
        self._shown_url = rows.redact_url(database_url)
        self.shown_url = self._shown_url
        self.timeout = timeout  # DB_TIMEOUT: the limit of every public call (timing.py)
        self._pool_size = pool_size
        self._connect_timeout = connect_timeout
        self._pool: aiomysql.Pool | None = None

    # --- connection ---------------------------------------------------------------------

    async def connect(self) -> None:
        try:
            self._pool = await aiomysql.create_pool(
                host=self._host,
                port=self._port,
                user=self._user,
                password=self._password,
                db=self._database,
                minsize=1,
                maxsize=self._pool_size,
                charset="utf8mb4",
                autocommit=True,  # writes open their own transaction with BEGIN
                client_flag=CLIENT.FOUND_ROWS,  # rowcount = rows matched, as in SQLite
                init_command=_SESSION_SETUP,
                connect_timeout=self._connect_timeout,
                pool_recycle=3600,
            )
        except (pymysql.err.MySQLError, OSError, asyncio.IncompleteReadError) as exc:
            raise self._unavailable("cannot connect to", exc) from None

    async def create_database(self) -> bool:
        """CREATE DATABASE (utf8mb4) when it does not exist; True if it was created.

        Connects without a database; an account that may not create databases still
        passes when the database is there already."""
        try:
            conn = await aiomysql.connect(
                host=self._host,
                port=self._port,
                user=self._user,
                password=self._password,
                charset="utf8mb4",
                connect_timeout=self._connect_timeout,
            )
        except (pymysql.err.MySQLError, OSError, asyncio.IncompleteReadError) as exc:
            raise self._unavailable("cannot connect to", exc) from None
        try:
            async with conn.cursor() as cur:
                await cur.execute(
                    "SELECT 1 FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = %s",
                    (self._database,),
                )
                if await cur.fetchone():
                    return False
                name = self._database.replace("`", "``")
                await cur.execute(
                    f"CREATE DATABASE IF NOT EXISTS `{name}`"
                    " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"
                )
                return True
        except pymysql.err.MySQLError as exc:
            raise self._unavailable("cannot create the database on", exc) from None
        finally:
            conn.close()

    async def close(self) -> None:
        if self._pool is not None:
            self._pool.close()
            await self._pool.wait_closed()
            self._pool = None

    async def ping(self) -> bool:
        try:
            async with self._cursor() as cur:
                await cur.execute("SELECT 1")
                return bool((await cur.fetchone()) == (1,))
        except StoreUnavailable:
            return False

    def _unavailable(self, doing: str, exc: BaseException | None) -> StoreUnavailable:
        reason = (str(exc) or type(exc).__name__) if exc is not None else "timed out"
        if self._password:
            reason = reason.replace(self._password, "***")
        return StoreUnavailable(f"DATABASE_URL: {doing} {self._shown_url}: {reason}")

    @asynccontextmanager
    async def _cursor(self) -> AsyncIterator[aiomysql.Cursor]:
        """A pooled connection's cursor; a transaction left open by an error is undone."""
        if self._pool is None:
            raise RuntimeError("MySQLStore.connect() was not awaited")
        try:
            conn = await self._pool.acquire()
        except (pymysql.err.MySQLError, OSError, asyncio.IncompleteReadError) as exc:
            raise self._unavailable("cannot reach", exc) from exc
        try:
            async with conn.cursor() as cur:
                yield cur
        except BaseException as exc:
            if _is_connection_fault(exc) or isinstance(exc, asyncio.CancelledError):
                conn.close()  # the server rolls back what was not committed
                if not isinstance(exc, asyncio.CancelledError):
                    raise self._unavailable("lost connection to", exc) from exc
            elif conn.get_transaction_status():
                await self._rollback(conn)
            raise
        finally:
            self._pool.release(conn)

    @staticmethod
    async def _rollback(conn: aiomysql.Connection) -> None:
        try:
            await conn.rollback()
        except BaseException:
            conn.close()
            raise

    # --- schema -------------------------------------------------------------------------

    async def migrate(
        self, schema_path: Path = SCHEMA_PATH, directory: Path = migrations.MIGRATIONS_DIR
    ) -> None:
        available = migrations.migrations("mysql", directory)
        async with self._cursor() as cur:
            # Processes starting together take turns: each migration runs once.
            await cur.execute("SELECT GET_LOCK(%s, 60)", (self._migrate_lock(),))
            if (await cur.fetchone())[0] != 1:
                raise self._unavailable("no migration lock (another migrate is stuck) on", None)
            await cur.execute("SET SESSION sql_notes = 0")  # no "table already exists" notes
            try:
                applied = await self._applied(cur)
                if migrations.BASE_VERSION not in applied:
                    for statement in schema_statements(schema_path.read_text(encoding="utf-8")):
                        await cur.execute(statement)
                for migration in migrations.pending(applied, available):
                    # MariaDB commits each DDL statement by itself: a migration
                    # cut short is rerun whole, so its statements use IF NOT EXISTS.
                    for statement in migration.statements():
                        await cur.execute(statement)
                    await cur.execute(
                        "INSERT INTO schema_version (version, applied_at)"
                        " VALUES (%s, UTC_TIMESTAMP(6))",
                        (migration.version,),
                    )
            finally:
                await cur.execute("SET SESSION sql_notes = 1")
                await cur.execute("SELECT RELEASE_LOCK(%s)", (self._migrate_lock(),))
                await cur.fetchall()

    def _migrate_lock(self) -> str:
        return f"daria_migrate:{self._database}"[:64]

    @staticmethod
    async def _applied(cur: aiomysql.Cursor) -> set[int]:
        try:
            await cur.execute("SELECT version FROM schema_version")
        except pymysql.err.ProgrammingError as exc:
            if exc.args[0] == ER.NO_SUCH_TABLE:
                return set()
            raise
        return {int(row[0]) for row in await cur.fetchall()}

    async def applied_migrations(self) -> set[int]:
        async with self._cursor() as cur:
            return await self._applied(cur)

    async def schema_version(self) -> int:
        return max(await self.applied_migrations(), default=0)

    # --- incoming -----------------------------------------------------------------------

    async def record_incoming(self, incoming: Incoming, stored_text: str) -> bool:
        at = rows.utc_naive(incoming.at)
        user_id, chat_id = incoming.user_id, incoming.chat_id
        fresh = SessionState()
        try:
            async with self._cursor() as cur:
                await _batch(
                    cur,
                    [
                        BEGIN,
                        (
                            "INSERT INTO bot_users"
                            " (user_id, first_name, username, created_at, updated_at)"
                            " VALUES (%s, %s, %s, %s, %s) ON DUPLICATE KEY UPDATE"
                            # most messages change nothing here: then no row is written
                            " updated_at = IF(first_name <=> COALESCE(VALUES(first_name),"
                            " first_name) AND username <=> COALESCE(VALUES(username), username),"
                            " updated_at, VALUES(updated_at)),"
                            " first_name = COALESCE(VALUES(first_name), first_name),"
                            " username = COALESCE(VALUES(username), username)",
                            (user_id, incoming.first_name, incoming.username, at, at),
                        ),
                        (
                            "INSERT INTO bot_sessions"
                            " (user_id, chat_id, stage, state_json, updated_at)"
                            " VALUES (%s, %s, %s, %s, %s)"
                            " ON DUPLICATE KEY UPDATE chat_id = VALUES(chat_id)",
                            (user_id, chat_id, fresh.stage.value, rows.state_json(fresh), at),
                        ),
                        (
                            "INSERT INTO bot_messages (user_id, chat_id, direction,"
                            " telegram_message_id, kind, text, created_at)"
                            " VALUES (%s, %s, 'in', %s, %s, %s, %s)",
                            (
                                user_id,
                                chat_id,
                                incoming.message_id,
                                incoming.kind.value,
                                stored_text,
                                at,
                            ),
                        ),
                        COMMIT,
                    ],
                )
        except pymysql.err.IntegrityError as exc:
            if exc.args[0] == ER.DUP_ENTRY:
                return False
            raise
        return True

    async def update_unanswered(self, user_id: int, message_id: int, text: str) -> bool:
        async with self._cursor() as cur:
            changed = await cur.execute(
                "UPDATE bot_messages SET text = %s WHERE user_id = %s AND direction = 'in'"
                " AND telegram_message_id = %s AND answered_at IS NULL",
                (text, user_id, message_id),
            )
            return bool(changed > 0)

    async def pending_turn(self, user_id: int, history_limit: int = 6) -> PendingTurn | None:
        async with self._cursor() as cur:
            [(_, pending), (_, session), (_, newest_first)] = await _batch(
                cur,
                [
                    (
                        "SELECT telegram_message_id, text, kind, created_at, chat_id"
                        " FROM bot_messages WHERE user_id = %s AND direction = 'in'"
                        " AND answered_at IS NULL ORDER BY id",
                        (user_id,),
                    ),
                    (
                        "SELECT s.state_json, u.first_name FROM bot_users u"
                        " LEFT JOIN bot_sessions s ON s.user_id = u.user_id"
                        " WHERE u.user_id = %s",
                        (user_id,),
                    ),
                    (
                        "SELECT direction, text FROM bot_messages WHERE user_id = %s"
                        " AND (direction = 'out' OR answered_at IS NOT NULL)"
                        " ORDER BY id DESC LIMIT %s",
                        (user_id, history_limit),
                    ),
                ],
            )
        if not pending:
            return None
        return PendingTurn(
            user_id=user_id,
            chat_id=pending[-1][4],
            messages=tuple(rows.incoming_from_row(row, rows.as_utc(row[3])) for row in pending),
            state=rows.state_from_json(session[0][0])
            if session and session[0][0]
            else SessionState(),
            history=rows.history_from_rows(newest_first),
            first_name=session[0][1] if session else None,
        )

    async def rewrite_incoming(self, user_id: int, rewrite: Callable[[str], str]) -> int:
        async with self._cursor() as cur:
            await cur.execute(
                "SELECT id, text FROM bot_messages WHERE user_id = %s AND direction = 'in'",
                (user_id,),
            )
            found = await cur.fetchall()
            changes = [(new, row_id) for row_id, text in found if (new := rewrite(text)) != text]
            if changes:
                await cur.execute("BEGIN")
                await cur.executemany("UPDATE bot_messages SET text = %s WHERE id = %s", changes)
                await cur.execute("COMMIT")
        return len(changes)

    async def users_with_unanswered(self) -> list[int]:
        async with self._cursor() as cur:
            await cur.execute(
                "SELECT user_id FROM bot_messages WHERE direction = 'in' AND answered_at IS NULL"
                " GROUP BY user_id ORDER BY MIN(id)"
            )
            return [row[0] for row in await cur.fetchall()]

    # --- turn ---------------------------------------------------------------------------

    async def commit_turn(self, record: TurnRecord) -> bool:
        at = rows.utc_naive(record.at)
        async with self._cursor() as cur:
            # Locking the session row first serialises the turns of one person
            # across processes; the answered marks show whether this turn is still due.
            claim: list[Statement] = [
                BEGIN,
                (
                    "SELECT chat_id FROM bot_sessions WHERE user_id = %s FOR UPDATE",
                    (record.user_id,),
                ),
            ]
            if record.answered_ids:
                marks = ", ".join(["%s"] * len(record.answered_ids))
                claim.append(
                    (
                        "UPDATE bot_messages SET answered_at = %s WHERE user_id = %s"
                        " AND direction = 'in' AND answered_at IS NULL"
                        f" AND telegram_message_id IN ({marks})",
                        (at, record.user_id, *record.answered_ids),
                    )
                )
            cancels = any(change.cancel for change in record.reminders)
            if cancels:  # a plain read, after the session lock: no gap locks
                claim.append((rows.SCHEDULED_OF_PERSON, (record.user_id,)))
            claimed = await _batch(cur, claim)
            session = claimed[1][1]
            answered_now = claimed[2][0] if record.answered_ids else None
            if not session or answered_now == 0:
                await cur.connection.rollback()
                return False  # forgotten, or answered already
            scheduled = claimed[-1][1] if cancels else ()
            writes = self._turn_writes(record, chat_id=session[0][0], at=at, scheduled=scheduled)
            await _batch(cur, [*writes, COMMIT])
        return True

    @staticmethod
    def _turn_writes(
        record: TurnRecord, chat_id: int, at: datetime, scheduled: Sequence[Any] = ()
    ) -> list[Statement]:
        state = record.state
        writes: list[Statement] = [
            (
                "UPDATE bot_sessions SET stage = %s, verdict = COALESCE(%s, verdict),"
                " state_json = %s, consent_at = %s,"
                " consent_version = IF(%s IS NULL, NULL, COALESCE(%s, consent_version)),"
                " updated_at = %s WHERE user_id = %s",
                rows.session_values(record, state, at),
            )
        ]
        if record.supersede_unsent:
            writes.append(
                (
                    "UPDATE bot_messages SET send_status = 'stale' WHERE user_id = %s"
                    " AND direction = 'out' AND send_status = 'pending'",
                    (record.user_id,),
                )
            )
        if record.reply_text:
            writes.append(
                (
                    "INSERT INTO bot_messages (user_id, chat_id, direction, kind, text, stage,"
                    " writer, plan_json, rejection, tokens_in, tokens_out, latency_ms, created_at,"
                    " variant_ids, ask_topics, objection, send_status)"
                    " VALUES (%s, %s, 'out', 'text', %s, %s, %s, %s, %s, %s, %s, %s, %s,"
                    " %s, %s, %s, 'pending')",
                    rows.reply_values(record, chat_id, at),
                )
            )
        if state.source is not None:
            writes.append(
                (
                    "UPDATE bot_users SET source = %s, updated_at = %s"
                    " WHERE user_id = %s AND NOT (source <=> %s)",
                    (state.source, at, record.user_id, state.source),
                )
            )
        if record.lead is not None:
            columns = ", ".join(rows.LEAD_COLUMNS)
            marks = ", ".join(["%s"] * len(rows.LEAD_COLUMNS))
            updates = ", ".join(f"{name} = VALUES({name})" for name in rows.LEAD_COLUMNS)
            lead = record.lead
            writes.append(
                (
                    f"INSERT INTO bot_leads (user_id, {columns}, lead_key, booked_at, created_at,"
                    f" updated_at) VALUES (%s, {marks}, %s, %s, %s, %s)"
                    f" ON DUPLICATE KEY UPDATE {updates}, updated_at = VALUES(updated_at),"
                    " lead_key = COALESCE(lead_key, VALUES(lead_key)),"
                    " booked_at = COALESCE(booked_at, VALUES(booked_at))",
                    (
                        lead.user_id,
                        *rows.lead_values(lead),
                        rows.new_key(),
                        rows.booked_at(lead, at),
                        at,
                        at,
                    ),
                )
            )
        for params in rows.event_rows(record.user_id, record.events, at):
            writes.append((rows.INSERT_EVENT, params))
        writes += rows.reminder_statements(
            record.user_id, record.reminders, at, rows.utc_naive, scheduled
        )
        return writes

    async def forget_user(
        self, user_id: int, at: datetime | None = None, destinations: tuple[str, ...] = ()
    ) -> None:
        when = rows.utc_naive(at or datetime.now(UTC))
        forgotten: list[Statement] = [*rows.forgotten_statements(user_id, destinations, when)]
        deletes: list[Statement] = [
            (f"DELETE FROM {table} WHERE user_id = %s", (user_id,)) for table in rows.PERSON_TABLES
        ]
        deletes.append(("DELETE FROM bot_takeovers WHERE chat_id = %s", (user_id,)))
        async with self._cursor() as cur:
            await _batch(cur, [BEGIN, *forgotten, *deletes, COMMIT])

    # --- reads --------------------------------------------------------------------------

    async def load_state(self, user_id: int) -> SessionState | None:
        async with self._cursor() as cur:
            await cur.execute("SELECT state_json FROM bot_sessions WHERE user_id = %s", (user_id,))
            row = await cur.fetchone()
        return rows.state_from_json(row[0]) if row else None

    async def count_messages(self, user_id: int) -> int:
        async with self._cursor() as cur:
            await cur.execute("SELECT COUNT(*) FROM bot_messages WHERE user_id = %s", (user_id,))
            row = await cur.fetchone()
        return int(row[0])

    async def get_lead(self, user_id: int) -> Lead | None:
        async with self._cursor() as cur:
            await cur.execute(
                f"SELECT {', '.join(rows.LEAD_COLUMNS)} FROM bot_leads WHERE user_id = %s",
                (user_id,),
            )
            row = await cur.fetchone()
        return rows.lead_from_row(user_id, row) if row else None

    async def stale_dialogues(self, before: datetime, limit: int = 500) -> list[int]:
        async with self._cursor() as cur:
            await cur.execute(rows.STALE_DIALOGUES, (before, before, limit))
            return [int(row[0]) for row in await cur.fetchall()]

    async def delete_unanswered(self, user_id: int, message_ids: tuple[int, ...]) -> int:
        if not message_ids:
            return 0
        marks = ", ".join(["%s"] * len(message_ids))
        async with self._cursor() as cur:
            deleted: int = await cur.execute(
                "DELETE FROM bot_messages WHERE user_id = %s AND direction = 'in'"
                f" AND answered_at IS NULL AND telegram_message_id IN ({marks})",
                (user_id, *message_ids),
            )
            return deleted

    async def last_incoming_id(self, user_id: int) -> int:
        async with self._cursor() as cur:
            await cur.execute(
                "SELECT MAX(telegram_message_id) FROM bot_messages"
                " WHERE user_id = %s AND direction = 'in'",
                (user_id,),
            )
            row = await cur.fetchone()
        return int(row[0] or 0)

    # --- reply delivery -----------------------------------------------------------------

    async def unsent_users(self, now: datetime) -> list[int]:
        async with self._cursor() as cur:
            await cur.execute(
                "SELECT user_id FROM bot_messages WHERE send_status = 'pending'"
                " GROUP BY user_id HAVING MIN(COALESCE(send_after, created_at)) <= %s"
                " ORDER BY MIN(id)",
                (rows.utc_naive(now),),
            )
            return [row[0] for row in await cur.fetchall()]

    async def claim_replies(
        self, user_id: int, now: datetime, lease: timedelta, stale_before: datetime
    ) -> list[OutgoingReply]:
        at = rows.utc_naive(now)
        async with self._cursor() as cur:
            [_, (_, found), (_, held)] = await _batch(
                cur,
                [
                    BEGIN,
                    (
                        "SELECT id, chat_id, text, created_at, send_attempts, send_after,"
                        " flood_waits FROM bot_messages WHERE user_id = %s"
                        " AND send_status = 'pending' ORDER BY id FOR UPDATE",
                        (user_id,),
                    ),
                    (
                        "SELECT 1 FROM bot_takeovers WHERE chat_id = %s AND until_at > %s",
                        (user_id, at),
                    ),
                ],
            )
            stale, taken = rows.split_claim(found, at, rows.utc_naive(stale_before), bool(held))
            writes: list[Statement] = []
            if stale:
                marks = ", ".join(["%s"] * len(stale))
                writes.append(
                    (
                        f"UPDATE bot_messages SET send_status = 'stale' WHERE id IN ({marks})",
                        tuple(stale),
                    )
                )
            if taken:
                marks = ", ".join(["%s"] * len(taken))
                writes.append(
                    (
                        f"UPDATE bot_messages SET send_after = %s WHERE id IN ({marks})",
                        (rows.utc_naive(now + lease), *(row[0] for row in taken)),
                    )
                )
            await _batch(cur, [*writes, COMMIT])
        return [rows.outgoing_from_row(user_id, row) for row in taken]

    async def reply_sent(self, reply_id: int, telegram_id: int | None, at: datetime) -> None:
        async with self._cursor() as cur:
            await cur.execute(
                "UPDATE bot_messages SET send_status = 'sent', sent_at = %s,"
                " telegram_message_id = %s, send_attempts = send_attempts + 1 WHERE id = %s",
                (rows.utc_naive(at), telegram_id, reply_id),
            )

    async def reply_failed(self, reply_id: int, retry_at: datetime, flood: bool) -> None:
        async with self._cursor() as cur:
            await cur.execute(
                "UPDATE bot_messages SET send_after = %s, send_attempts = send_attempts + 1,"
                " flood_waits = flood_waits + %s WHERE id = %s AND send_status = 'pending'",
                (rows.utc_naive(retry_at), int(flood), reply_id),
            )

    async def reply_blocked(self, user_id: int) -> None:
        async with self._cursor() as cur:
            await cur.execute(
                "UPDATE bot_messages SET send_status = 'blocked' WHERE user_id = %s"
                " AND send_status = 'pending'",
                (user_id,),
            )

    async def set_takeover(self, chat_id: int, until: datetime, at: datetime) -> None:
        async with self._cursor() as cur:
            await _batch(
                cur,
                [
                    BEGIN,
                    (
                        "INSERT INTO bot_takeovers (chat_id, until_at, created_at)"
                        " VALUES (%s, %s, %s) ON DUPLICATE KEY UPDATE until_at = VALUES(until_at)",
                        (chat_id, rows.utc_naive(until), rows.utc_naive(at)),
                    ),
                    (
                        "UPDATE bot_messages SET send_status = 'stale' WHERE user_id = %s"
                        " AND send_status = 'pending'",
                        (chat_id,),
                    ),
                    COMMIT,
                ],
            )

    async def clear_takeover(self, chat_id: int) -> None:
        async with self._cursor() as cur:
            await cur.execute("DELETE FROM bot_takeovers WHERE chat_id = %s", (chat_id,))

    async def takeovers(self, now: datetime) -> dict[int, datetime]:
        async with self._cursor() as cur:
            await cur.execute(
                "SELECT chat_id, until_at FROM bot_takeovers WHERE until_at > %s",
                (rows.utc_naive(now),),
            )
            return {row[0]: rows.as_utc(row[1]) for row in await cur.fetchall()}

    # --- outbox -------------------------------------------------------------------------

    async def outbox_due(self, now: datetime, limit: int = 20) -> list[OutboxItem]:
        async with self._cursor() as cur:
            await cur.execute(rows.OUTBOX_DUE + rows.OUTBOX_ORDER, (rows.utc_naive(now), limit))
            return [rows.outbox_from_row(r, rows.as_utc(r[7])) for r in await cur.fetchall()]

    async def outbox_claim(
        self, now: datetime, lease: timedelta, limit: int = 20, destination: str | None = None
    ) -> list[OutboxItem]:
        sql: str = rows.OUTBOX_DUE
        args: list[object] = [rows.utc_naive(now)]
        if destination is not None:
            sql, args = sql + rows.OUTBOX_IN_ORDER, [*args, destination]
        async with self._cursor() as cur:
            await cur.execute("BEGIN")
            # SKIP LOCKED: processes sharing the database never take the same event.
            await cur.execute(sql + rows.OUTBOX_ORDER + " FOR UPDATE SKIP LOCKED", (*args, limit))
            found = await cur.fetchall()
            if found:
                marks = ", ".join(["%s"] * len(found))
                await cur.execute(
                    f"UPDATE bot_outbox SET next_attempt_at = %s WHERE id IN ({marks})",
                    (rows.utc_naive(now + lease), *(row[0] for row in found)),
                )
            await cur.execute("COMMIT")
        return [rows.outbox_from_row(row, rows.as_utc(row[7])) for row in found]

    async def outbox_delivered(self, item_id: int, at: datetime) -> None:
        async with self._cursor() as cur:
            await cur.execute(
                "UPDATE bot_outbox SET delivered_at = %s, attempts = attempts + 1 WHERE id = %s",
                (rows.utc_naive(at), item_id),
            )

    async def outbox_failed(self, item_id: int, error: str, retry_at: datetime) -> None:
        async with self._cursor() as cur:
            await cur.execute(
                "UPDATE bot_outbox SET attempts = attempts + 1, last_error = %s,"
                " next_attempt_at = %s WHERE id = %s",
                (rows.short_error(error), rows.utc_naive(retry_at), item_id),
            )

    async def outbox_backlog(self) -> dict[str, int]:
        async with self._cursor() as cur:
            await cur.execute(rows.BACKLOG)
            return {destination: int(count) for destination, count in await cur.fetchall()}

    async def outbox_add(self, user_id: int, events: tuple[OutboxEvent, ...], at: datetime) -> None:
        inserts: list[Statement] = [
            (rows.INSERT_EVENT, params)
            for params in rows.event_rows(user_id, events, rows.utc_naive(at))
        ]
        async with self._cursor() as cur:
            await _batch(cur, [BEGIN, *inserts, COMMIT])

    # --- the lead outside the dialogue: CRM ids, call outcome, reminder -----------------

    async def lead_refs(self, lead_key: str, destination: str) -> dict[str, Any]:
        async with self._cursor() as cur:
            await cur.execute(
                "SELECT refs_json FROM bot_lead_refs WHERE lead_key = %s AND destination = %s",
                (lead_key, destination),
            )
            row = await cur.fetchone()
        return json.loads(row[0]) if row else {}

    async def save_lead_refs(
        self,
        lead_key: str,
        destination: str,
        refs: dict[str, Any],
        external_id: str | None,
        at: datetime,
    ) -> bool:
        when = rows.utc_naive(at)
        async with self._cursor() as cur:
            await cur.execute("BEGIN")
            await cur.execute(
                "SELECT user_id FROM bot_leads WHERE lead_key = %s FOR UPDATE", (lead_key,)
            )
            lead = await cur.fetchone()
            if lead is None:
                await cur.execute(
                    rows.INSERT_FORGOTTEN_REFS,
                    (rows.new_key(), destination, lead_key, rows.dump_json(refs), when, when),
                )
            else:
                await cur.execute(
                    "INSERT INTO bot_lead_refs (lead_key, destination, user_id, external_id,"
                    " refs_json, updated_at) VALUES (%s, %s, %s, %s, %s, %s)"
                    " ON DUPLICATE KEY UPDATE external_id = VALUES(external_id),"
                    " refs_json = VALUES(refs_json), updated_at = VALUES(updated_at)",
                    (lead_key, destination, lead[0], external_id, rows.dump_json(refs), when),
                )
            await cur.execute("COMMIT")
        return lead is not None

    async def user_by_external(self, destination: str, external_id: str) -> int | None:
        async with self._cursor() as cur:
            await cur.execute(
                "SELECT user_id FROM bot_lead_refs WHERE destination = %s AND external_id = %s",
                (destination, external_id),
            )
            row = await cur.fetchone()
        return row[0] if row else None

    async def lead_state(self, user_id: int) -> tuple[str | None, str | None]:
        async with self._cursor() as cur:
            await cur.execute(
                "SELECT lead_key, outcome FROM bot_leads WHERE user_id = %s", (user_id,)
            )
            row = await cur.fetchone()
        return (row[0], row[1]) if row else (None, None)

    async def record_outcome(
        self, user_id: int, outcome: str, at: datetime, events: tuple[OutboxEvent, ...]
    ) -> bool:
        when = rows.utc_naive(at)
        async with self._cursor() as cur:
            await cur.execute("BEGIN")
            await cur.execute(
                "UPDATE bot_leads SET outcome = %s, outcome_at = %s WHERE user_id = %s",
                (outcome, when, user_id),
            )
            if cur.rowcount == 0:
                await cur.execute("ROLLBACK")
                return False
            for params in rows.event_rows(user_id, events, when):
                await cur.execute(rows.INSERT_EVENT, params)
            await cur.execute("COMMIT")
        return True

    async def leads_awaiting_call(self) -> list[AwaitingLead]:
        async with self._cursor() as cur:
            await cur.execute(rows.AWAITING)
            return [rows.awaiting_from_row(r, rows.as_utc(r[2])) for r in await cur.fetchall()]

    async def mark_reminded(self, user_id: int, at: datetime | None) -> bool:
        async with self._cursor() as cur:
            await cur.execute(
                rows.MARK_REMINDED, (rows.utc_naive(at) if at else None, user_id, at is None)
            )
            return bool(cur.rowcount > 0)

    async def report_rows(self, since: datetime, until: datetime) -> ReportRows:
        period = (rows.utc_naive(since), rows.utc_naive(until))
        async with self._cursor() as cur:
            await cur.execute(rows.REPORT_DIALOGUES, period)
            dialogues = await cur.fetchall()
            await cur.execute(rows.REPORT_REPLIES, period)
            replies = await cur.fetchall()
            await cur.execute(
                "SELECT 1 FROM information_schema.tables"
                " WHERE table_schema = DATABASE() AND table_name = %s",
                (rows.REMINDERS_TABLE,),
            )
            reminders = None
            if await cur.fetchall():
                await cur.execute(rows.REPORT_REMINDERS, period)
                reminders = await cur.fetchall()
        return ReportRows(
            dialogues=tuple(rows.dialogue_row(r, rows.as_utc) for r in dialogues),
            replies=tuple(rows.reply_row(r, rows.as_utc) for r in replies),
            reminders=(
                None
                if reminders is None
                else tuple(rows.reminder_row(r, rows.as_utc) for r in reminders)
            ),
        )

    # --- reminders ----------------------------------------------------------------------

    async def due_reminders(
        self, now: datetime, limit: int = 50, user_id: int | None = None
    ) -> list[Reminder]:
        args: list[object]
        sql, args = rows.DUE_REMINDERS, [rows.utc_naive(now)]
        if user_id is not None:
            sql, args = sql + " AND user_id = %s", [*args, user_id]
        async with self._cursor() as cur:
            await cur.execute(sql + " ORDER BY due_at, id LIMIT %s", (*args, limit))
            return [rows.reminder_from_row(r, rows.as_utc) for r in await cur.fetchall()]

    async def next_reminder_due(
        self, after: datetime, user_id: int | None = None
    ) -> datetime | None:
        args: list[object]
        sql, args = rows.NEXT_REMINDER, [rows.utc_naive(after)]
        if user_id is not None:
            sql, args = sql + " AND user_id = %s", [*args, user_id]
        async with self._cursor() as cur:
            await cur.execute(sql, args)
            row = await cur.fetchone()
        return rows.as_utc(row[0]) if row and row[0] is not None else None

    async def quiet_sessions(
        self, after: datetime, until: datetime, user_id: int | None = None
    ) -> list[tuple[int, datetime]]:
        args: list[object]
        sql, args = rows.QUIET_SESSIONS, [rows.utc_naive(after), rows.utc_naive(until)]
        if user_id is not None:
            sql, args = sql + " AND user_id = %s", [*args, user_id]
        async with self._cursor() as cur:
            await cur.execute(sql + " ORDER BY updated_at LIMIT 500", args)
            return [(int(r[0]), rows.as_utc(r[1])) for r in await cur.fetchall()]

    async def take_reminder(
        self,
        user_id: int,
        reminder_id: int | None,
        now: datetime,
        decide: Callable[[ReminderContext], ReminderAction],
    ) -> ReminderAction | None:
        at = rows.utc_naive(now)
        async with self._cursor() as cur:
            # The session first, as a turn locks it: a reminder and a turn of one person
            # take turns, and two senders wait for each other, then see it taken.
            [_, (_, session), (_, taken), (_, person), (_, held)] = await _batch(
                cur,
                [
                    BEGIN,
                    (
                        "SELECT chat_id, state_json, updated_at FROM bot_sessions"
                        " WHERE user_id = %s FOR UPDATE",
                        (user_id,),
                    ),
                    (rows.TAKEN_REMINDER + " FOR UPDATE", (reminder_id or 0, user_id, at)),
                    (rows.PERSON_NOW, (user_id,)),
                    (rows.HELD_CHAT, (user_id, at)),
                ],
            )
            if not session or (reminder_id is not None and not taken):
                await cur.connection.rollback()
                return None
            action = decide(
                ReminderContext(
                    reminder=rows.reminder_from_row(taken[0], rows.as_utc) if taken else None,
                    state=rows.state_from_json(session[0][1]),
                    updated_at=rows.as_utc(session[0][2]),
                    last_incoming_at=rows.as_utc(person[0][0]) if person[0][0] else None,
                    unanswered=bool(person[0][1]),
                    held=bool(held),
                )
            )
            writes: list[Statement] = []
            if action.text:
                record = rows.reminder_reply(user_id, action, now)
                writes += self._turn_writes(record, chat_id=session[0][0], at=at)
                if reminder_id is not None:
                    writes.append(
                        (
                            "UPDATE reminders SET status = 'sent', sent_at = %s,"
                            " message_id = LAST_INSERT_ID() WHERE id = %s",
                            (at, reminder_id),
                        )
                    )
            elif reminder_id is not None:
                writes += rows.reminder_outcome_statements(reminder_id, action, rows.utc_naive)
            writes += rows.reminder_statements(user_id, action.schedule, at, rows.utc_naive)
            if not writes:
                await cur.connection.rollback()
                return action
            await _batch(cur, [*writes, COMMIT])
        return action

    async def reminders_of(self, user_id: int) -> list[Reminder]:
        async with self._cursor() as cur:
            await cur.execute(
                f"SELECT {rows.REMINDER_COLUMNS} FROM reminders WHERE user_id = %s ORDER BY id",
                (user_id,),
            )
            return [rows.reminder_from_row(r, rows.as_utc) for r in await cur.fetchall()]
