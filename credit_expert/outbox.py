"""The outbox delivery loop: every event to every destination, at least once.

A turn stores its events in the same transaction as the reply, one row per
(event, destination). Here each destination runs its own loop: it claims its
due rows (a lease hides them from other processes), delivers each with the
event's idempotency key, keeps the ids the destination returned, and on a
failure retries that row with exponential back-off. A dead destination only
grows its own backlog (`daria_outbox_backlog{destination}`); conversations and
the other destinations go on. Rows survive restarts: whatever was not marked
delivered is claimed again when its lease or back-off ends.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Mapping, Sequence
from datetime import UTC, datetime, timedelta
from typing import Any, Protocol

from credit_expert.destinations.base import LEAD_FORGOTTEN, Delivery, Destination
from credit_expert.store.base import OutboxItem, Store, StoreUnavailable

log = logging.getLogger(__name__)

CLAIM_LEASE = timedelta(minutes=5)  # an event taken for delivery is nobody else's for this long
# The ref that names a lead at a destination (a card reply is matched back through it).
EXTERNAL_KEYS = ("message_id", "lead_id", "deal_id")


class OutboxObserver(Protocol):
    """Metrics hook (credit_expert/metrics.py implements it)."""

    def delivered(self, destination: str) -> None: ...

    def failed(self, destination: str) -> None: ...

    def backlog(self, counts: Mapping[str, int]) -> None: ...


class _Unobserved:
    """The default observer: does nothing."""

    def delivered(self, destination: str) -> None:
        pass

    def failed(self, destination: str) -> None:
        pass

    def backlog(self, counts: Mapping[str, int]) -> None:
        pass


class Outbox:
    def __init__(
        self,
        store: Store,
        destinations: Sequence[Destination],
        *,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
        poll_seconds: float = 5.0,
        first_retry_seconds: float = 30.0,
        max_retry_seconds: float = 3600.0,
        observer: OutboxObserver | None = None,
    ) -> None:
        self._store = store
        self._destinations = {d.name: d for d in destinations}
        self._clock = clock
        self._poll_seconds = poll_seconds
        self._first_retry = first_retry_seconds
        self._max_retry = max_retry_seconds
        self._observer: OutboxObserver = observer or _Unobserved()

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(self._destinations)

    def retry_delay(self, attempts: int) -> timedelta:
        """30 s, 1 min, 2 min, ... up to an hour: an outage does not flood the log."""
        seconds = min(self._first_retry * 2 ** min(attempts, 20), self._max_retry)
        return timedelta(seconds=seconds)

    async def run(self) -> None:
        """Deliver until cancelled: one loop per destination, one for the backlog gauge."""
        loops = [self._loop(destination) for destination in self._destinations.values()]
        await asyncio.gather(*loops, self._count_backlog())

    async def _loop(self, destination: Destination) -> None:
        while True:
            try:
                while await self.deliver_due(destination.name):
                    pass  # a full batch: there may be more right away
            except StoreUnavailable as exc:
                log.warning(
                    "outbox %s: database unavailable, will retry: %s", destination.name, exc
                )
            except Exception:
                log.exception("outbox %s: delivery pass failed", destination.name)
            await asyncio.sleep(self._poll_seconds)

    async def _count_backlog(self) -> None:
        while True:
            try:
                self._observer.backlog(await self._store.outbox_backlog())
            except Exception as exc:
                log.warning("outbox backlog not counted: %s", type(exc).__name__)
            await asyncio.sleep(max(self._poll_seconds, 15.0))

    async def deliver_due(self, name: str) -> int:
        """One pass over the destination's due rows; returns how many were delivered."""
        destination = self._destinations[name]
        delivered = 0
        for item in await self._store.outbox_claim(
            self._clock(), CLAIM_LEASE, destination=destination.name
        ):
            if await self._deliver(destination, item):
                delivered += 1
        return delivered

    async def deliver_all_due(self) -> int:
        return sum([await self.deliver_due(name) for name in self._destinations])

    async def _deliver(self, destination: Destination, item: OutboxItem) -> bool:
        delivery = await self._delivery(destination, item)
        try:
            refs = await destination.deliver(delivery)
        except Exception as exc:
            retry_at = self._clock() + self.retry_delay(item.attempts)
            log.warning(
                "outbox %s: %s %d not delivered, attempt %d, retry at %s: %s",
                destination.name,
                item.kind,
                item.id,
                item.attempts + 1,
                retry_at.isoformat(timespec="seconds"),
                type(exc).__name__,  # never the message: it may quote personal data back
            )
            await self._store.outbox_failed(item.id, _error_text(exc), retry_at)
            self._observer.failed(destination.name)
            return False
        if refs and item.lead_key and item.kind != LEAD_FORGOTTEN:
            await self._keep_refs(destination.name, item.lead_key, {**delivery.refs, **refs})
        await self._store.outbox_delivered(item.id, self._clock())
        self._observer.delivered(destination.name)
        log.info("outbox %s: %s %d delivered", destination.name, item.kind, item.id)
        return True

    async def _delivery(self, destination: Destination, item: OutboxItem) -> Delivery:
        if item.kind == LEAD_FORGOTTEN:  # the row holds only the ids copied before deletion
            payload: Mapping[str, Any] = {}
            refs: Mapping[str, Any] = item.payload
        else:
            payload = item.payload
            refs = (
                await self._store.lead_refs(item.lead_key, destination.name)
                if item.lead_key
                else {}
            )
        return Delivery(
            event_id=item.event_id,
            kind=item.kind,
            lead_key=item.lead_key,
            payload=payload,
            refs=refs,
            occurred_at=item.created_at,
        )

    async def _keep_refs(self, name: str, lead_key: str, refs: dict[str, Any]) -> None:
        external = next((str(refs[key]) for key in EXTERNAL_KEYS if refs.get(key)), None)
        kept = await self._store.save_lead_refs(lead_key, name, refs, external, self._clock())
        if not kept:
            log.info("outbox %s: the lead was forgotten during delivery; deletion queued", name)


def _error_text(exc: Exception) -> str:
    """For the row's last_error: the type and the HTTP status, nothing a person wrote."""
    status = getattr(getattr(exc, "response", None), "status_code", None)
    return f"{type(exc).__name__}" + (f": HTTP {status}" if status else "")
