"""DB_TIMEOUT: every store call either answers in time or raises StoreUnavailable.

A database that accepts connections and then says nothing (a stalled proxy,
a frozen server, a handshake that never comes) must fail the turn fast, not
hang it: the message stays recorded (or waits in the adapter's memory) and the
sweep answers it once the database is back. The limit wraps the whole call,
pool acquisition and connection handshake included.
"""

from __future__ import annotations

import asyncio
import functools
import inspect
from collections.abc import Callable
from typing import Any, TypeVar

from credit_expert.store.base import StoreUnavailable

DEFAULT_TIMEOUT = 5.0
UNTIMED = frozenset({"close"})  # closing must finish what it started
# Applying a migration may take long on a big table; start-up still ends.
SLOW = {"migrate": 120.0}

T = TypeVar("T")


def _bounded(name: str, method: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(method)
    async def call(self: Any, *args: Any, **kwargs: Any) -> Any:
        limit = max(self.timeout, SLOW.get(name, 0.0))
        try:
            async with asyncio.timeout(limit):
                return await method(self, *args, **kwargs)
        except TimeoutError:
            raise StoreUnavailable(
                f"DATABASE_URL: {self.shown_url} did not answer {name} within {limit:g} s"
            ) from None

    return call


def bounded_calls(cls: type[T]) -> type[T]:
    """Class decorator: every public coroutine method gets the store's `timeout`."""
    for name, member in list(vars(cls).items()):
        if name.startswith("_") or name in UNTIMED or not inspect.iscoroutinefunction(member):
            continue
        setattr(cls, name, _bounded(name, member))
    return cls
