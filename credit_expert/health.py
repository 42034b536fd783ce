"""Health and metrics over HTTP, and the systemd notifier.

`GET /healthz` answers 200 with {"telegram": true, "database": true, "down": []}
when both are fine and 503 otherwise, "down" naming what is down (each check
bounded: a stalled database is "down" after CHECK_TIMEOUT, never a hang);
`GET /metrics` is the Prometheus text exposition.
A tiny HTTP/1.0-style server on asyncio streams: one request per connection,
no new dependency. It is meant for localhost (a scraper, a load balancer
probe), not for the internet.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import os
import socket
from collections.abc import Awaitable, Callable, Mapping

from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, generate_latest

from credit_expert.config import ConfigError

log = logging.getLogger(__name__)

REQUEST_TIMEOUT = 5.0  # seconds to send the request line and headers
CHECK_TIMEOUT = 3.0  # seconds for the database ping
MAX_HEADER_LINES = 100
STREAM_LIMIT = 8192  # bytes per line

_REASONS = {
    200: "OK",
    400: "Bad Request",
    404: "Not Found",
    405: "Method Not Allowed",
    503: "Service Unavailable",
}


class HealthServer:
    def __init__(
        self,
        host: str,
        port: int,
        *,
        database_ok: Callable[[], Awaitable[bool]],
        telegram_ok: Callable[[], bool],
        registry: CollectorRegistry,
    ) -> None:
        self._host = host
        self._port = port
        self._database_ok = database_ok
        self._telegram_ok = telegram_ok
        self._registry = registry
        self._server: asyncio.Server | None = None

    async def start(self) -> None:
        try:
            self._server = await asyncio.start_server(
                self._serve, self._host, self._port, limit=STREAM_LIMIT
            )
        except OSError as exc:
            raise ConfigError(
                f"METRICS_ADDR: cannot listen on {self._host}:{self._port}: {exc.strerror or exc}"
            ) from exc
        log.info("health and metrics on http://%s:%d", self._host, self.port)

    @property
    def port(self) -> int:
        """The bound port (useful when configured as 0)."""
        assert self._server is not None, "start() first"
        port: int = self._server.sockets[0].getsockname()[1]
        return port

    async def close(self) -> None:
        if self._server is not None:
            self._server.close()
            await self._server.wait_closed()
            self._server = None

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            try:
                method, path = await asyncio.wait_for(_read_request(reader), REQUEST_TIMEOUT)
            except (ValueError, asyncio.LimitOverrunError, asyncio.IncompleteReadError):
                await _respond(writer, 400, b"bad request\n", "text/plain; charset=utf-8")
                return
            if method not in ("GET", "HEAD"):
                await _respond(writer, 405, b"method not allowed\n", "text/plain; charset=utf-8")
                return
            status, body, content_type = await self._route(path)
            await _respond(writer, status, b"" if method == "HEAD" else body, content_type)
        except (TimeoutError, ConnectionError):
            pass  # a client that went away or never spoke: nothing to answer
        except Exception:
            log.exception("health endpoint failed")
        finally:
            writer.close()
            with contextlib.suppress(Exception):
                await writer.wait_closed()

    async def _route(self, path: str) -> tuple[int, bytes, str]:
        path = path.split("?", 1)[0]
        if path == "/healthz":
            checks: dict[str, object] = {
                "telegram": self._telegram(),
                "database": await self._database(),
            }
            down = [name for name, ok in checks.items() if not ok]
            checks["down"] = down  # which dependency, by name, for the operator's probe
            status = 503 if down else 200
            return status, json.dumps(checks).encode() + b"\n", "application/json"
        if path == "/metrics":
            return 200, generate_latest(self._registry), CONTENT_TYPE_LATEST
        return 404, b"not found\n", "text/plain; charset=utf-8"

    def _telegram(self) -> bool:
        try:
            return bool(self._telegram_ok())
        except Exception:
            log.exception("telegram health check failed")
            return False

    async def _database(self) -> bool:
        try:
            return bool(await asyncio.wait_for(self._database_ok(), CHECK_TIMEOUT))
        except Exception as exc:  # unreachable, timed out: unhealthy, never a crash
            log.warning("database health check failed: %s", type(exc).__name__)
            return False


async def _read_request(reader: asyncio.StreamReader) -> tuple[str, str]:
    line = (await reader.readuntil(b"\n")).decode("latin-1").strip()
    parts = line.split()
    if len(parts) != 3 or not parts[2].startswith("HTTP/") or not parts[1].startswith("/"):
        raise ValueError("not an HTTP request line")
    for _ in range(MAX_HEADER_LINES):
        if (await reader.readuntil(b"\n")).strip() == b"":
            return parts[0].upper(), parts[1]
    raise ValueError("too many header lines")


async def _respond(
    writer: asyncio.StreamWriter, status: int, body: bytes, content_type: str
) -> None:
    head = (
        f"HTTP/1.1 {status} {_REASONS[status]}\r\n"
        f"Content-Type: {content_type}\r\n"
        f"Content-Length: {len(body)}\r\n"
        "Cache-Control: no-store\r\n"
        "Connection: close\r\n\r\n"
    )
    writer.write(head.encode("latin-1") + body)
    await writer.drain()


class SystemdNotifier:
    """sd_notify(3) by hand: READY=1, WATCHDOG=1, STOPPING=1 over NOTIFY_SOCKET.

    Without NOTIFY_SOCKET (not started by systemd) every call is a no-op.
    """

    def __init__(self, address: str | None, watchdog_usec: int | None = None) -> None:
        self._address = address
        self.watchdog_interval = watchdog_usec / 2_000_000 if watchdog_usec else None

    @classmethod
    def from_environment(cls, env: Mapping[str, str]) -> SystemdNotifier:
        address = env.get("NOTIFY_SOCKET") or None
        usec = env.get("WATCHDOG_USEC", "")
        pid = env.get("WATCHDOG_PID", "")
        watchdog = int(usec) if usec.isdigit() and int(usec) > 0 else None
        if pid.isdigit() and int(pid) != os.getpid():
            watchdog = None  # the watchdog is meant for another process
        return cls(address, watchdog)

    @property
    def enabled(self) -> bool:
        return self._address is not None

    def notify(self, state: str) -> bool:
        if self._address is None:
            return False
        address = self._address
        if address.startswith("@"):
            address = "\0" + address[1:]  # abstract namespace socket
        try:
            with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM | socket.SOCK_CLOEXEC) as sock:
                sock.connect(address)
                sock.sendall(state.encode())
        except OSError as exc:
            log.warning("sd_notify %s failed: %s", state.split("=", 1)[0], exc)
            return False
        return True

    def ready(self) -> None:
        self.notify("READY=1")

    def stopping(self) -> None:
        self.notify("STOPPING=1")

    async def feed_watchdog(self) -> None:
        """Runs forever on the loop: a stuck loop stops the feeding, systemd restarts us."""
        if self._address is None or self.watchdog_interval is None:
            return
        while True:
            self.notify("WATCHDOG=1")
            await asyncio.sleep(self.watchdog_interval)
