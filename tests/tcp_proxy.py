"""A TCP proxy in front of MariaDB that can stall: accept, then forward nothing.

Threads, not asyncio, so it serves the test's own event loop and child processes
alike. `stall()`: open connections stop forwarding and new ones are accepted
but never connected through (a frozen server, a hung network path); `resume()`:
new connections work again (stalled ones stay dead, as after a real stall).
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
                continue  # accepted, never answered: no handshake ever comes
            try:
                server = socket.create_connection(self._upstream, timeout=5)
            except OSError:
                client.close()
                continue
            self._track(server)
            generation = self.generation
            for source, target in ((client, server), (server, client)):
                threading.Thread(
                    target=self._pump, args=(source, target, generation), daemon=True
                ).start()

    def _pump(self, source: socket.socket, target: socket.socket, generation: int) -> None:
        source.settimeout(0.05)
        while not self._closed.is_set():
            if self.generation != generation:
                time.sleep(0.05)  # stalled for good: hold the bytes, answer nothing
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
