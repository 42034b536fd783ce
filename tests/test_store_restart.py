"""The MySQL store across a database crash, on a private MariaDB server of its own.

The server is killed (SIGKILL: a crash, not a shutdown) and started again on
the same data folder and port. Every wait is bounded; the server and its
folder are always removed.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import closing
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import NoReturn

import pymysql
import pytest

from credit_expert.models import Incoming, SessionState, Stage
from credit_expert.store import StoreUnavailable
from credit_expert.store.base import Lead, TurnRecord
from credit_expert.store.mysql import MySQLStore

WAIT_SECONDS = 30
T0 = datetime(2025, 9, 15, 10, 0, tzinfo=UTC)


def _free_port() -> int:
    with closing(socket.socket()) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class PrivateMariaDB:
    """A throwaway MariaDB server: its own data folder, port and socket."""

    def __init__(self, install_db: str, server: str, folder: Path) -> None:
        self.folder = folder
        self.port = _free_port()
        self._install_db = install_db
        self._server = server
        self._process: subprocess.Popen | None = None
        as_root = ["--user=root"] if os.geteuid() == 0 else []
        self._common = ["--no-defaults", f"--datadir={folder / 'data'}", *as_root]

    def install(self) -> None:
        subprocess.run(
            [
                self._install_db,
                *self._common,
                "--auth-root-authentication-method=normal",
                "--skip-test-db",
            ],
            check=True,
            capture_output=True,
            timeout=WAIT_SECONDS,
        )

    def start(self) -> None:
        with (self.folder / "server.log").open("ab") as log:
            self._process = subprocess.Popen(
                [
                    self._server,
                    *self._common,
                    f"--port={self.port}",
                    f"--socket={self.folder / 'mariadb.sock'}",
                    f"--pid-file={self.folder / 'mariadb.pid'}",
                    "--bind-address=127.0.0.1",
                    "--skip-log-bin",
                    "--innodb-buffer-pool-size=16M",
                    "--innodb-flush-log-at-trx-commit=1",
                ],
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        deadline = time.monotonic() + WAIT_SECONDS
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                break
            try:
                self.admin().close()
                return
            except pymysql.err.OperationalError:
                time.sleep(0.1)
        self.kill()
        log_tail = (self.folder / "server.log").read_text(errors="replace")[-2000:]
        raise RuntimeError(f"private MariaDB did not start on port {self.port}:\n{log_tail}")

    def kill(self) -> None:
        """A crash: no shutdown, no flush beyond what InnoDB already made durable."""
        if self._process is not None and self._process.poll() is None:
            self._process.send_signal(signal.SIGKILL)
            self._process.wait(timeout=WAIT_SECONDS)
        self._process = None

    def admin(self, database: str | None = None) -> pymysql.Connection:
        return pymysql.connect(
            host="127.0.0.1",
            port=self.port,
            user="root",
            password="",
            database=database,
            charset="utf8mb4",
            autocommit=True,
            connect_timeout=2,
        )

    def new_database(self, name: str) -> str:
        with closing(self.admin()) as admin, admin.cursor() as cur:
            cur.execute(f"CREATE DATABASE {name} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci")
        return f"mysql://root@127.0.0.1:{self.port}/{name}"


@pytest.fixture(scope="module")
def mariadb_server(request: pytest.FixtureRequest) -> Iterator[PrivateMariaDB]:
    install_db = shutil.which("mariadb-install-db") or shutil.which("mysql_install_db")
    server = shutil.which("mariadbd") or shutil.which("mariadbd", path="/usr/sbin:/usr/libexec")
    if not install_db or not server:
        unavailable: Callable[[str], NoReturn] = request.getfixturevalue("unavailable")
        unavailable("mariadb-install-db and mariadbd are needed for the restart test")
    folder = Path(tempfile.mkdtemp(prefix="daria-mariadb-"))
    private = PrivateMariaDB(install_db, server, folder)
    try:
        private.install()
        private.start()
        yield private
    finally:
        private.kill()
        shutil.rmtree(folder, ignore_errors=True)


def message(user_id: int, message_id: int) -> Incoming:
    return Incoming(
        user_id=user_id,
        chat_id=user_id,
        message_id=message_id,
        text=f"сообщение {message_id} 🙂",
        at=T0 + timedelta(seconds=message_id),
    )


def answer(user_id: int, answered: tuple[int, ...], lead: Lead | None = None) -> TurnRecord:
    state = SessionState(stage=Stage.BOOKED if lead else Stage.QUALIFICATION, turns=1)
    return TurnRecord(
        user_id=user_id,
        answered_ids=answered,
        reply_text="Поняла вас. Сколько у вас кредиторов?",
        stage=state.stage,
        state=state,
        writer="script",
        plan={"stage": state.stage.value},
        at=T0 + timedelta(minutes=1),
        lead=lead,
    )


async def until_ping(store: MySQLStore) -> None:
    deadline = time.monotonic() + WAIT_SECONDS
    while not await store.ping():
        assert time.monotonic() < deadline, "the store did not reconnect"
        await asyncio.sleep(0.1)


async def test_nothing_recorded_is_lost_and_nothing_is_answered_twice_across_a_crash(
    mariadb_server: PrivateMariaDB,
):
    store = MySQLStore(mariadb_server.new_database("crash"), pool_size=4, connect_timeout=2)
    await store.connect()
    await store.migrate()
    people = range(1, 6)
    for message_id in range(1, 5):
        for user_id in people:
            assert await store.record_incoming(message(user_id, message_id), "текст")
    assert await store.commit_turn(answer(1, (1, 2, 3, 4)))  # answered before the crash
    # a few pooled connections that the crash will leave dead
    await asyncio.gather(*(store.count_messages(user_id) for user_id in people))

    mariadb_server.kill()

    with pytest.raises(StoreUnavailable, match="DATABASE_URL"):
        await store.record_incoming(message(9, 1), "текст")
    assert await store.ping() is False

    mariadb_server.start()
    await until_ping(store)

    assert await store.users_with_unanswered() == [2, 3, 4, 5]
    assert await store.pending_turn(1) is None
    assert await store.commit_turn(answer(1, (1, 2, 3, 4))) is False  # a retry writes nothing
    assert await store.count_messages(1) == 5
    for user_id in (2, 3, 4, 5):
        pending = await store.pending_turn(user_id)
        assert [m.message_id for m in pending.messages] == [1, 2, 3, 4]
    assert await store.record_incoming(message(9, 1), "текст")  # the pool works again
    await store.close()


async def test_a_turn_cut_by_a_crash_is_not_half_written_and_can_be_retried(
    mariadb_server: PrivateMariaDB,
):
    url = mariadb_server.new_database("midturn")
    database = url.rsplit("/", 1)[1]
    store = MySQLStore(url, pool_size=4, connect_timeout=2)
    await store.connect()
    await store.migrate()
    booked = Lead(
        7,
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
    await store.record_incoming(message(7, 1), "текст")
    await store.commit_turn(answer(7, (1,), booked))
    await store.record_incoming(message(7, 2), "текст")
    before = (await store.count_messages(7), await store.load_state(7))

    # Hold the lead row so the next turn stops midway: reply row, answered mark
    # and session already written inside its transaction, the lead upsert waiting.
    blocker = mariadb_server.admin(database)
    blocker.autocommit(False)
    with blocker.cursor() as cur:
        cur.execute("SELECT phone FROM bot_leads WHERE user_id = 7 FOR UPDATE")
    moved = Lead(**{**booked.__dict__, "call_time": "в субботу"})
    turn = asyncio.create_task(store.commit_turn(answer(7, (2,), moved)))
    deadline = time.monotonic() + WAIT_SECONDS
    with closing(mariadb_server.admin()) as watcher, watcher.cursor() as cur:
        while True:
            cur.execute(
                "SELECT COUNT(*) FROM information_schema.PROCESSLIST"
                " WHERE ID <> CONNECTION_ID() AND INFO LIKE '%INSERT INTO bot_leads%'"
            )
            if cur.fetchone()[0]:
                break
            assert time.monotonic() < deadline and not turn.done(), "the turn never waited"
            await asyncio.sleep(0.05)

    mariadb_server.kill()

    with pytest.raises(StoreUnavailable):
        await asyncio.wait_for(turn, WAIT_SECONDS)
    blocker.close()
    mariadb_server.start()
    await until_ping(store)

    assert (await store.count_messages(7), await store.load_state(7)) == before
    assert [m.message_id for m in (await store.pending_turn(7)).messages] == [2]
    assert await store.get_lead(7) == booked
    assert await store.commit_turn(answer(7, (2,), moved))  # the caller's retry
    assert await store.get_lead(7) == moved
    assert await store.count_messages(7) == before[0] + 1
    await store.close()
