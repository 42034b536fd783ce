"""/healthz and /metrics over real HTTP on 127.0.0.1, and the systemd notifier."""

from __future__ import annotations

import asyncio
import json
import os
import socket
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from credit_expert.config import ConfigError
from credit_expert.conversation import ConversationService, ConversationSettings
from credit_expert.health import HealthServer, SystemdNotifier
from credit_expert.metrics import TurnMetrics
from credit_expert.models import (
    Ask,
    Event,
    Incoming,
    Reply,
    SessionState,
    Stage,
    TurnPlan,
    Written,
)
from credit_expert.scripted_writer import ScriptedWriter
from credit_expert.store import open_store

T0 = datetime(2025, 10, 1, 9, 0, tzinfo=UTC)


class Checks:
    def __init__(self) -> None:
        self.database = True
        self.telegram = True

    async def ping(self) -> bool:
        if self.database is None:
            raise ConnectionError("database is gone")
        return self.database

    def connected(self) -> bool:
        return self.telegram


@pytest.fixture
def checks() -> Checks:
    return Checks()


@pytest.fixture
def metrics() -> TurnMetrics:
    return TurnMetrics()


@pytest.fixture
async def server(checks: Checks, metrics: TurnMetrics) -> AsyncIterator[HealthServer]:
    health = HealthServer(
        "127.0.0.1",
        0,
        database_ok=checks.ping,
        telegram_ok=checks.connected,
        registry=metrics.registry,
    )
    await health.start()
    try:
        yield health
    finally:
        await health.close()


async def exchange(port: int, raw: bytes) -> tuple[int, dict[str, str], bytes]:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(raw)
    await writer.drain()
    data = await asyncio.wait_for(reader.read(), 5)
    writer.close()
    head, _, body = data.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    headers = dict(line.split(": ", 1) for line in lines[1:])
    return int(lines[0].split()[1]), headers, body


async def get(port: int, path: str) -> tuple[int, dict[str, str], bytes]:
    return await exchange(port, f"GET {path} HTTP/1.1\r\nHost: localhost\r\n\r\n".encode())


def booked_turn() -> tuple[Reply, Written]:
    plan = TurnPlan(
        stage=Stage.BOOKED,
        previous_stage=Stage.BOOKING,
        ask=Ask.ANYTHING_ELSE,
        events=(Event.BOOKED,),
    )
    reply = Reply(
        user_id=1,
        chat_id=1,
        text="Записала вас на звонок юриста.",
        stage=Stage.BOOKED,
        plan=plan,
        state=SessionState(stage=Stage.BOOKED),
        writer="script",
        rejection="timeout",
    )
    written = Written(text=reply.text, writer="script", rejection="timeout")
    return reply, written


async def test_healthy_when_telegram_and_database_answer(server: HealthServer) -> None:
    status, headers, body = await get(server.port, "/healthz")
    assert status == 200
    assert headers["Content-Type"] == "application/json"
    assert json.loads(body) == {"telegram": True, "database": True, "down": []}


async def test_503_when_the_database_ping_fails(server: HealthServer, checks: Checks) -> None:
    checks.database = None  # ping raises
    status, _, body = await get(server.port, "/healthz")
    assert status == 503
    assert json.loads(body) == {"telegram": True, "database": False, "down": ["database"]}

    checks.database = False
    status, _, _ = await get(server.port, "/healthz")
    assert status == 503


async def test_503_when_telegram_is_disconnected(server: HealthServer, checks: Checks) -> None:
    checks.telegram = False
    status, _, body = await get(server.port, "/healthz?verbose=1")
    assert status == 503
    assert json.loads(body) == {"telegram": False, "database": True, "down": ["telegram"]}


async def test_a_real_turn_increments_the_turn_counter(
    server: HealthServer, metrics: TurnMetrics, tmp_path: Path
) -> None:
    store = open_store(f"sqlite:///{tmp_path}/t.db")
    await store.connect()
    await store.migrate()
    service = ConversationService(
        store,
        ScriptedWriter(),
        ConversationSettings(privacy_policy_url="https://example.com/p", consent_version="1"),
        observer=metrics,
    )
    try:
        incoming = Incoming(user_id=7, chat_id=7, message_id=1, text="Здравствуйте", at=T0)
        assert await service.handle(incoming) is not None
    finally:
        await store.close()
    _, _, body = await get(server.port, "/metrics")
    assert 'daria_turns_total{writer="script"} 1.0' in body.decode()
    assert "daria_reply_seconds_count 1.0" in body.decode()


async def test_a_turn_shows_in_metrics(server: HealthServer, metrics: TurnMetrics) -> None:
    status, headers, body = await get(server.port, "/metrics")
    assert status == 200
    assert headers["Content-Type"].startswith("text/plain")
    assert b'daria_turns_total{writer="script"}' not in body

    reply, written = booked_turn()
    metrics.turn_finished(reply, written, 0.3)

    _, _, body = await get(server.port, "/metrics")
    text = body.decode()
    assert 'daria_turns_total{writer="script"} 1.0' in text
    assert "daria_reply_seconds_count 1.0" in text
    assert 'daria_llm_fallbacks_total{reason="timeout"} 1.0' in text
    assert 'daria_stage_transitions_total{from_stage="booking",to_stage="booked"} 1.0' in text
    assert "daria_leads_booked_total 1.0" in text


async def test_unknown_paths_and_methods(server: HealthServer) -> None:
    assert (await get(server.port, "/"))[0] == 404
    assert (await get(server.port, "/healthz/../etc/passwd"))[0] == 404
    post = b"POST /healthz HTTP/1.1\r\nContent-Length: 0\r\n\r\n"
    assert (await exchange(server.port, post))[0] == 405


@pytest.mark.parametrize(
    "garbage",
    [
        b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03\r\n\r\n",  # a TLS hello
        b"hello\r\n\r\n",
        b"GET /healthz\r\n\r\n",
        b"GET " + b"a" * 20000 + b" HTTP/1.1\r\n\r\n",
    ],
)
async def test_garbage_gets_400_and_the_server_lives_on(
    server: HealthServer, garbage: bytes
) -> None:
    status, _, _ = await exchange(server.port, garbage)
    assert status == 400
    assert (await get(server.port, "/healthz"))[0] == 200


async def test_a_client_that_hangs_up_does_not_hurt(server: HealthServer) -> None:
    _, writer = await asyncio.open_connection("127.0.0.1", server.port)
    writer.write(b"GET /heal")
    writer.close()
    assert (await get(server.port, "/healthz"))[0] == 200


def test_notifier_is_a_no_op_without_systemd() -> None:
    notifier = SystemdNotifier.from_environment({})
    assert not notifier.enabled
    assert notifier.notify("READY=1") is False


async def test_notifier_speaks_sd_notify(tmp_path: Path) -> None:
    path = str(tmp_path / "notify")
    with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as listener:
        listener.bind(path)
        listener.settimeout(2)
        env = {
            "NOTIFY_SOCKET": path,
            "WATCHDOG_USEC": "100000",
            "WATCHDOG_PID": str(os.getpid()),
        }
        notifier = SystemdNotifier.from_environment(env)
        assert notifier.watchdog_interval == pytest.approx(0.05)
        notifier.ready()
        assert listener.recv(100) == b"READY=1"

        feeding = asyncio.create_task(notifier.feed_watchdog())
        await asyncio.sleep(0.12)  # every 50 ms
        feeding.cancel()
        notifier.stopping()
        said = [listener.recv(100)]
        while said[-1] != b"STOPPING=1":
            said.append(listener.recv(100))
        assert said[:-1] == [b"WATCHDOG=1"] * len(said[:-1])
        assert len(said[:-1]) >= 2


def test_watchdog_meant_for_another_process_is_left_alone() -> None:
    env = {"NOTIFY_SOCKET": "@x", "WATCHDOG_USEC": "30000000", "WATCHDOG_PID": "1"}
    assert SystemdNotifier.from_environment(env).watchdog_interval is None


async def test_a_busy_port_is_a_config_error_naming_metrics_addr(server: HealthServer) -> None:
    second = HealthServer(
        "127.0.0.1",
        server.port,
        database_ok=Checks().ping,
        telegram_ok=Checks().connected,
        registry=TurnMetrics().registry,
    )
    with pytest.raises(ConfigError, match="METRICS_ADDR"):
        await second.start()
