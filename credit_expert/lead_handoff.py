"""The outbox delivery loop: lead cards to the sales team's Telegram chat.

A turn that books (or changes) a call stores a `lead_booked` / `lead_updated`
event in the same transaction as the reply. This loop sends each due event as
a Russian card to MANAGERS_CHAT_ID, marks it delivered, and on failure
schedules a retry with exponential backoff. Delivery is at least once: a card
is sent again only if the process dies between the send and the mark.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Mapping
from datetime import UTC, datetime, timedelta
from typing import Any

from credit_expert.models import Firm
from credit_expert.scripted_writer import format_phone, format_rubles
from credit_expert.store.base import OutboxItem, Store, StoreUnavailable

log = logging.getLogger(__name__)

Send = Callable[[int, str], Awaitable[object]]  # (chat id, text)

LEAD_KINDS = {
    "lead_booked": "🟢 Новая заявка: звонок юриста",
    "lead_updated": "🟡 Заявка изменена",
}
_VERDICTS = {
    "court": "банкротство через арбитражный суд",
    "mfc": "внесудебное банкротство через МФЦ",
    "not_a_fit": "не подходит под банкротство",
}
UNKNOWN = "не указано"
CLAIM_LEASE = timedelta(minutes=5)  # an event taken for delivery is nobody else's for this long


def format_lead_card(kind: str, payload: Mapping[str, Any], firm: Firm | None = None) -> str:
    """The card a manager reads before calling: who, how much, which route, when."""
    firm = firm or Firm()
    debt = payload.get("debt_total")
    creditors = payload.get("creditors_count")
    phone = payload.get("phone")
    user_id = payload.get("user_id")
    title = LEAD_KINDS.get(kind, kind)
    lines = [
        f"{title} — {firm.name}" if firm.name else title,
        f"Имя: {payload.get('name') or UNKNOWN}",
        f"Телефон: {format_phone(phone) if phone else UNKNOWN}",
        f"Долг: {format_rubles(debt) if isinstance(debt, int) else UNKNOWN}",
        f"Кредиторов: {creditors if creditors is not None else UNKNOWN}",
        f"Маршрут: {_VERDICTS.get(payload.get('verdict') or '', 'не определён')}",
        f"Когда звонить: {payload.get('call_time') or 'в рабочее время'}",
        f"Регион: {payload.get('region') or UNKNOWN}",
        f"Источник: {payload.get('source') or 'напрямую'}",
    ]
    if firm.phone:  # the person was told the lawyer calls from this number
        lines.append(f"Звонить с номера: {firm.phone}")
    if user_id:
        lines.append(f"Telegram: tg://user?id={user_id}")
    summary = str(payload.get("summary") or "").strip()
    if summary:
        lines += ["", summary]
    return "\n".join(lines)


def mask_phone(phone: str | None) -> str:
    """+79991231122 -> +7******1122: enough to tell two leads apart in a log, no more."""
    if not phone:
        return "-"
    digits = phone.lstrip("+")
    return "+" + digits[:1] + "*" * max(len(digits) - 5, 0) + digits[-4:]


class LeadHandoff:
    def __init__(
        self,
        store: Store,
        send: Send,
        managers_chat_id: int | None,
        *,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
        poll_seconds: float = 5.0,
        first_retry_seconds: float = 30.0,
        max_retry_seconds: float = 3600.0,
        firm: Firm | None = None,
    ) -> None:
        self._firm = firm
        self._store = store
        self._send = send
        self._chat_id = managers_chat_id
        self._clock = clock
        self._poll_seconds = poll_seconds
        self._first_retry = first_retry_seconds
        self._max_retry = max_retry_seconds

    def retry_delay(self, attempts: int) -> timedelta:
        """30 s, 1 min, 2 min, ... up to an hour: a chat outage does not flood the log."""
        seconds = min(self._first_retry * 2 ** min(attempts, 20), self._max_retry)
        return timedelta(seconds=seconds)

    async def run(self) -> None:
        """Deliver until cancelled. Without MANAGERS_CHAT_ID events stay pending."""
        if self._chat_id is None:
            log.warning("MANAGERS_CHAT_ID is not set: lead cards stay in the outbox undelivered")
            return
        while True:
            try:
                await self.deliver_due()
            except StoreUnavailable as exc:
                log.warning("outbox: database unavailable, will retry: %s", exc)
            except Exception:
                log.exception("outbox delivery pass failed")
            await asyncio.sleep(self._poll_seconds)

    async def deliver_due(self) -> int:
        """One pass over the due events; returns how many were delivered."""
        if self._chat_id is None:
            return 0
        delivered = 0
        for item in await self._store.outbox_claim(self._clock(), CLAIM_LEASE):
            if item.kind not in LEAD_KINDS:
                continue  # another consumer's event
            if await self._deliver(self._chat_id, item):
                delivered += 1
        return delivered

    async def _deliver(self, chat_id: int, item: OutboxItem) -> bool:
        text = format_lead_card(item.kind, item.payload, self._firm)
        try:
            await self._send(chat_id, text)
        except Exception as exc:
            retry_at = self._clock() + self.retry_delay(item.attempts)
            log.warning(
                "lead card %d (%s) not delivered, attempt %d, retry at %s: %s",
                item.id,
                mask_phone(item.payload.get("phone")),
                item.attempts + 1,
                retry_at.isoformat(timespec="seconds"),
                type(exc).__name__,
            )
            await self._store.outbox_failed(item.id, f"{type(exc).__name__}: {exc}", retry_at)
            return False
        await self._store.outbox_delivered(item.id, self._clock())
        log.info("lead card %d (%s) delivered", item.id, mask_phone(item.payload.get("phone")))
        return True
