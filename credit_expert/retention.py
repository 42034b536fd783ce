"""Retention: dialogues that never reached a booking are deleted after RETENTION_DAYS.

152-ФЗ asks that personal data be kept no longer than its purpose needs. A person
who talked to Daria but never booked a call is deleted, every row at once (as
/forget does), once they have been silent for the retention period. Booked leads
stay: the firm works with them. The job runs in `run`, once at start and then
every hour; its clock is injected, so a test can move time.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from credit_expert.store.base import Store, StoreUnavailable

log = logging.getLogger(__name__)

INTERVAL_SECONDS = 3600.0
BATCH = 500  # people per query; a pass continues until none is left


class RetentionJob:
    def __init__(
        self,
        store: Store,
        days: int,
        *,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
        interval_seconds: float = INTERVAL_SECONDS,
    ) -> None:
        self._store = store
        self._keep = timedelta(days=days)
        self._clock = clock
        self._interval = interval_seconds

    async def run_once(self) -> int:
        """Delete every stale dialogue now; returns how many people were deleted."""
        before = self._clock() - self._keep
        deleted = 0
        while True:
            stale = await self._store.stale_dialogues(before, BATCH)
            for user_id in stale:
                await self._store.forget_user(user_id)
            deleted += len(stale)
            if len(stale) < BATCH:
                break
        if deleted:
            log.info("retention: deleted %d dialogues silent since %s", deleted, before.date())
        return deleted

    async def run(self) -> None:
        """Until cancelled. A database outage skips a pass, never ends the job."""
        while True:
            try:
                await self.run_once()
            except StoreUnavailable as exc:
                log.warning("retention: database unavailable, next pass later: %s", exc)
            except Exception:
                log.exception("retention pass failed")
            await asyncio.sleep(self._interval)
