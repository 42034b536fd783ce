"""A TCP proxy in front of MariaDB that can stall: accept, then forward nothing.

Threads, not asyncio, so it serves the test's own event loop and child processes
alike. `stall()`: open connections stop forwarding and new ones are accepted
but never connected through (a frozen server, a hung network path); `resume()`:
new connections work again and the stalled ones are reset (as keepalives and
timeouts end them after a real stall; the server then rolls back what they held).
"""

from __future__ import annotations

import contextlib
import socket
import threading
import time


class StallingProxy:
    def __init__(self, upstream_port: int, upstream_host: str = "127.0.0.1") -> None:
        self._upstream = (upstream_host, upstream_port)
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port = self._listener.getsockname()[1]
        self._stalled = threading.Event()
        self._closed = threading.Event()
        self._sockets: list[socket.socket] = []
        self._held: list[socket.socket] = []  # sockets of stalled connections
        self._lock = threading.Lock()
        self.generation = 0  # bumped by stall(): connections of an older one never forward
        threading.Thread(target=self._accept, daemon=True).start()

    def url(self, database: str) -> str:
        return f"mysql://root@127.0.0.1:{self.port}/{database}"

    def stall(self) -> None:
        with self._lock:
            self.generation += 1
        self._stalled.set()

    def resume(self) -> None:
        with self._lock:
            stalled, self._held = self._held, []
        for sock in stalled:
            with contextlib.suppress(OSError):
                sock.setsockopt(
                    socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00"
                )
                sock.close()
        self._stalled.clear()

    def close(self) -> None:
        self._closed.set()
        with contextlib.suppress(OSError):
            self._listener.close()
        with self._lock:
            for sock in self._sockets:
                with contextlib.suppress(OSError):
                    sock.close()

    def _track(self, sock: socket.socket) -> None:
        with self._lock:
            self._sockets.append(sock)

    def _accept(self) -> None:
        while not self._closed.is_set():
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            self._track(client)
            if self._stalled.is_set():
                with self._lock:
                    self._held.append(client)
                continue  # accepted, never answered: no handshake ever comes
            try:
                server = socket.create_connection(self._upstream, timeout=5)
            except OSError:
                client.close()
                continue
            self._track(server)
            for sock in (client, server):  # no Nagle delay on a forwarded reply's pieces
                sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            generation = self.generation
            for source, target in ((client, server), (server, client)):
                threading.Thread(
                    target=self._pump, args=(source, target, generation), daemon=True
                ).start()

    def _pump(self, source: socket.socket, target: socket.socket, generation: int) -> None:
        source.settimeout(0.05)
        while not self._closed.is_set():
            if self.generation != generation:
                if source.fileno() < 0 or target.fileno() < 0:
                    break  # reset by resume(): this connection is over
                with self._lock:
                    if source not in self._held and target not in self._held:
                        self._held += [source, target]
                time.sleep(0.05)  # stalled: hold the bytes, answer nothing, until reset
                continue
            try:
                data = source.recv(65536)
            except TimeoutError:
                continue
            except OSError:
                break
            if not data:
                break
            if self.generation != generation:
                continue  # stalled while this was read: never delivered
            try:
                target.sendall(data)
            except OSError:
                break
        for sock in (source, target):
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
