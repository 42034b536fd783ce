"""Faults against real MariaDB: a stalled database, a restarted one, a process killed
mid-turn, two processes on one person. Each asserts: every message answered, each
exactly once (except the documented repeat), nothing lost, bounded time."""

from __future__ import annotations

import asyncio
import io
import itertools
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import AsyncIterator, Iterator
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path

import pymysql
import pytest
from conftest import MARIADB_PORT
from tcp_proxy import StallingProxy
from test_store_restart import PrivateMariaDB, mariadb_server  # noqa: F401 (a fixture)
from test_telegram_adapter import PERSON, FakeClient, FakeEvent, make_adapter

from credit_expert.chat import UNAVAILABLE, ChatSession, run_chat
from credit_expert.config import load_settings
from credit_expert.conversation import ConversationService, ConversationSettings
from credit_expert.health import SystemdNotifier
from credit_expert.models import Incoming
from credit_expert.scripted_writer import ScriptedWriter
from credit_expert.store import StoreUnavailable, open_store

ROOT = Path(__file__).resolve().parent.parent
TIMEOUT = 1.0  # DB_TIMEOUT in these tests


def database_of(url: str) -> str:
    return url.rsplit("/", 1)[1]


def answered_counts(url: str, port: int = MARIADB_PORT) -> dict[str, int]:
    """What the database holds: incoming, incoming answered, outgoing, outgoing sent."""
    with (
        closing(
            pymysql.connect(
                host="127.0.0.1",
                port=port,
                user="root",
                database=database_of(url),
                autocommit=True,
            )
        ) as db,
        db.cursor() as cur,
    ):
        cur.execute(
            "SELECT SUM(direction = 'in'), SUM(direction = 'in' AND answered_at IS NOT NULL),"
            " SUM(direction = 'out'), SUM(send_status = 'sent') FROM bot_messages"
        )
        incoming, answered, outgoing, sent = (int(v or 0) for v in cur.fetchone())
    return {"in": incoming, "answered": answered, "out": outgoing, "sent": sent}


@pytest.fixture
def proxy() -> Iterator[StallingProxy]:
    stalling = StallingProxy(MARIADB_PORT)
    yield stalling
    stalling.close()


@pytest.fixture
async def migrated(mariadb_url: str) -> str:
    store = open_store(mariadb_url)
    await store.connect()
    await store.migrate()
    await store.close()
    return mariadb_url


def service_on(store) -> ConversationService:
    return ConversationService(
        store,
        ScriptedWriter(),
        ConversationSettings(privacy_policy_url="https://example.com/p", consent_version="1"),
    )


@pytest.fixture
async def proxied_store(migrated: str, proxy: StallingProxy) -> AsyncIterator:
    store = open_store(proxy.url(database_of(migrated)), timeout=TIMEOUT)
    await store.connect()
    yield store
    await store.close()


# --- a database that accepts and then says nothing ----------------------------------------


async def test_a_stalled_database_fails_every_call_fast_and_works_again(
    proxied_store, proxy, migrated
):
    incoming = Incoming(PERSON, PERSON, 1, "Здравствуйте", at=datetime.now(UTC))
    proxy.stall()
    for call in (
        proxied_store.record_incoming(incoming, incoming.text),
        proxied_store.users_with_unanswered(),
        proxied_store.ping(),
    ):
        started = time.monotonic()
        with pytest.raises(StoreUnavailable, match="DATABASE_URL"):
            await call
        assert time.monotonic() - started < TIMEOUT + 1.0

    fresh = open_store(proxy.url(database_of(migrated)), timeout=TIMEOUT)
    started = time.monotonic()
    with pytest.raises(StoreUnavailable):
        await fresh.connect()  # accepted, no handshake: bounded all the same
    assert time.monotonic() - started < TIMEOUT + 1.0

    proxy.resume()
    assert await proxied_store.record_incoming(incoming, incoming.text)
    assert await proxied_store.users_with_unanswered() == [PERSON]


class WatchdogListener:
    """systemd's side of sd_notify: when each WATCHDOG=1 arrived."""

    def __init__(self, path: Path) -> None:
        self.fed: list[float] = []
        self._socket = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        self._socket.bind(str(path))
        self._socket.settimeout(0.05)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._listen, daemon=True)
        self._thread.start()

    def _listen(self) -> None:
        while not self._stop.is_set():
            try:
                if self._socket.recv(100) == b"WATCHDOG=1":
                    self.fed.append(time.monotonic())
            except TimeoutError:
                continue

    def close(self) -> None:
        self._stop.set()
        self._thread.join()
        self._socket.close()

    def longest_gap(self, since: float, until: float) -> float:
        times = [since, *(t for t in self.fed if since <= t <= until), until]
        return max(later - earlier for earlier, later in itertools.pairwise(times))


async def test_a_stall_keeps_the_watchdog_fed_and_the_message_which_the_sweep_answers_once(
    proxied_store, proxy, migrated, tmp_path
):
    listener = WatchdogListener(tmp_path / "notify")
    notifier = SystemdNotifier(str(tmp_path / "notify"), watchdog_usec=100_000)  # every 50 ms
    feeding = asyncio.create_task(notifier.feed_watchdog())
    client = FakeClient()
    adapter = make_adapter(client, service_on(proxied_store))
    proxy.stall()
    started = time.monotonic()
    await adapter.on_new_message(FakeEvent(id=1, raw_text="Здравствуйте, долг 900 тысяч"))
    assert time.monotonic() - started < TIMEOUT + 1.5, "a stalled database never hangs a turn"
    await adapter.sweep()  # still stalled: bounded, nothing lost
    await adapter.idle()
    stalled_until = time.monotonic()
    assert client.sent == []
    feeding.cancel()
    listener.close()
    # The loop went on while every database call waited: systemd was told all along.
    assert stalled_until - started > TIMEOUT
    assert listener.longest_gap(started, stalled_until) < 0.5

    proxy.resume()
    # Connections pooled before the stall are dead: each costs one DB_TIMEOUT, then the
    # pool opens fresh ones. The sweep (every 30 s in production) gets there, boundedly.
    deadline = time.monotonic() + 30
    while not client.sent and time.monotonic() < deadline:
        await adapter.sweep()
        await adapter.idle()
    await adapter.sweep()
    assert len(client.replies_to(PERSON)) == 1
    assert answered_counts(migrated) == {"in": 1, "answered": 1, "out": 1, "sent": 1}
    await adapter.close()


class Lines:
    """stdin for `chat --json` that runs an action before handing out each line."""

    def __init__(self, *steps: tuple[str, object]) -> None:
        self._steps = list(steps)

    def __iter__(self):
        for line, action in self._steps:
            if callable(action):
                action()
            yield line + "\n"

    def isatty(self) -> bool:
        return False


async def test_chat_says_database_unavailable_in_one_line_and_goes_on(migrated, proxy, capsys):
    settings = load_settings(
        {"DATABASE_URL": proxy.url(database_of(migrated)), "DB_TIMEOUT": str(TIMEOUT)},
        dotenv=False,
    )
    out = io.StringIO()
    started = time.monotonic()
    stdin = Lines(
        ("Здравствуйте", None),
        ("Долг 900 тысяч", proxy.stall),
        ("Кредиторов три", proxy.resume),
    )
    assert await run_chat(settings, user_id=PERSON, stdin=stdin, stdout=out) == 0
    assert time.monotonic() - started < 30
    turns = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [t.get("error") for t in turns] == [None, UNAVAILABLE, None]
    assert turns[0]["reply"] and turns[2]["reply"]
    errors = capsys.readouterr().err.strip().splitlines()
    assert len(errors) == 1 and errors[0].startswith(f"{UNAVAILABLE}: DATABASE_URL")
    counts = answered_counts(migrated)
    assert counts["in"] == counts["answered"], "nothing recorded stays unanswered"


# --- identity: continuing a person, two processes, /forget ---------------------------------


async def test_chat_user_continues_a_person_and_forget_deletes(migrated):
    settings = load_settings({"DATABASE_URL": migrated}, dotenv=False)
    for lines in (["Здравствуйте", "Долг 900 тысяч"], ["Кредиторов три"]):
        out = io.StringIO()
        await run_chat(
            settings, user_id=PERSON, stdin=Lines(*((t, None) for t in lines)), stdout=out
        )
        assert all(json.loads(line)["reply"] for line in out.getvalue().splitlines())
    assert answered_counts(migrated) == {"in": 3, "answered": 3, "out": 3, "sent": 3}

    out = io.StringIO()
    await run_chat(settings, user_id=PERSON, stdin=Lines(("/forget", None)), stdout=out)
    assert answered_counts(migrated)["in"] == 0, "a continued person's /forget deletes"


async def test_two_processes_on_one_person_answer_every_message_once(migrated):
    from credit_expert.app import build_app

    settings = load_settings({"DATABASE_URL": migrated}, dotenv=False)
    apps = [await build_app(settings) for _ in range(2)]
    try:
        sessions = [ChatSession(app, PERSON) for app in apps]
        texts = ["Здравствуйте", "Долг 900 тысяч", "Кредиторов три", "Москва", "Работаю"]

        async def talk(session: ChatSession, tag: str) -> None:
            for text in texts:
                await session.say(f"{text} ({tag})")

        await asyncio.wait_for(asyncio.gather(talk(sessions[0], "a"), talk(sessions[1], "b")), 60)
    finally:
        for app in apps:
            await app.close()
    counts = answered_counts(migrated)
    assert counts["in"] == 10, "no message dropped as a duplicate id"
    assert counts["answered"] == 10
    assert counts["out"] == counts["sent"] and 1 <= counts["out"] <= 10


# --- the database restarted mid-dialogue (a private server) --------------------------------


async def test_chat_reconnects_after_a_database_restart(mariadb_server: PrivateMariaDB):  # noqa: F811
    url = mariadb_server.new_database("chat_restart")
    settings = load_settings({"DATABASE_URL": url, "DB_TIMEOUT": "2"}, dotenv=False)

    def restart() -> None:
        mariadb_server.kill()
        mariadb_server.start()

    out = io.StringIO()
    stdin = Lines(("Здравствуйте", None), ("Долг 900 тысяч", restart), ("Кредиторов три", None))
    assert await run_chat(settings, user_id=PERSON, stdin=stdin, stdout=out) == 0
    turns = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [bool(t["reply"]) for t in turns] == [True, True, True]
    assert "error" not in turns[1]
    counts = answered_counts(url, mariadb_server.port)
    assert counts == {"in": 3, "answered": 3, "out": 3, "sent": 3}


# --- kill -9 mid-turn, then a restart ------------------------------------------------------


def test_kill_9_mid_dialogue_then_restart_loses_nothing(migrated, tmp_path):
    """A `chat` process is killed (SIGKILL) while answering; the next start's recovery
    answers what it left. Every message answered; replies at least once, at most one
    repeat (the documented crash window between send and mark)."""
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(tmp_path),
        "DATA_DIR": str(tmp_path),
        "DATABASE_URL": migrated,
    }
    child = subprocess.Popen(
        [sys.executable, str(ROOT / "credit_expert_bot.py"), "chat", "--json", "--user", "77"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        env=env,
        cwd=tmp_path,
        text=True,
    )
    assert child.stdin is not None and child.stdout is not None
    for number in range(40):
        child.stdin.write(f"Долг {number + 1}00 тысяч, банков {number % 5 + 1}\n")
    child.stdin.flush()
    for _ in range(3):
        child.stdout.readline()  # three turns done; more are on their way
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=30)

    async def restart() -> None:
        store = open_store(migrated)
        await store.connect()
        service = service_on(store)
        client = FakeClient()
        adapter = make_adapter(client, service)
        await adapter.resend_unsent()
        for reply in await service.recover():
            await adapter.deliver(reply)
        await adapter.close()
        await store.close()

    asyncio.run(asyncio.wait_for(restart(), 60))
    counts = answered_counts(migrated)
    assert counts["in"] >= 3
    assert counts["answered"] == counts["in"], "nothing recorded stays unanswered"
    assert counts["sent"] == counts["out"], "every committed reply went out"
