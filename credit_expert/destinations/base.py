"""The contract between the outbox and a destination, and what they share."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol

# Lead events, as the webhook and the README name them.
LEAD_CREATED = "lead.created"  # consent and phone given: the lead exists
LEAD_BOOKED = "lead.booked"  # a call time agreed
LEAD_UPDATED = "lead.updated"  # the booking changed, or a manager recorded the call outcome
LEAD_OPTED_OUT = "lead.opted_out"  # the person asked Daria not to write any more
LEAD_FORGOTTEN = "lead.forgotten"  # /forget: delete everywhere; carries only ids
CRISIS_ALERT = "crisis.alert"  # the managers' chat only, never a CRM (152-ФЗ art. 10)
LEAD_EVENTS = (LEAD_CREATED, LEAD_BOOKED, LEAD_UPDATED, LEAD_OPTED_OUT, LEAD_FORGOTTEN)

# The call outcomes a manager records, with the words on the card's buttons.
OUTCOMES = {
    "reached": "дозвонились",
    "no_answer": "не дозвонились",
    "contract": "договор",
    "refused": "отказ",
}


class PermanentFailure(Exception):
    """The destination refused the event for good (e.g. 400 on a field): retried slowly
    all the same, since a fix on the other side makes it go through."""


@dataclass(frozen=True)
class Delivery:
    event_id: str  # the idempotency key: the same for every retry of this event
    kind: str
    lead_key: str | None  # the pseudonymous lead id sent out instead of the Telegram id
    payload: Mapping[str, Any]  # the lead card (nothing personal for lead.forgotten)
    refs: Mapping[str, Any] = field(default_factory=dict)  # ids this destination returned
    occurred_at: datetime | None = None


class Destination(Protocol):
    name: str  # stored on each outbox row: "webhook", "bitrix24", "amocrm", "managers"

    async def deliver(self, delivery: Delivery) -> Mapping[str, Any] | None:
        """Deliver or raise (the outbox retries with back-off). Returns the ids to keep
        for this lead (merged into `refs` next time), or None."""


def utm_from_source(source: str | None) -> dict[str, str]:
    """The deep link `/start vk-debt2026-story` as UTM: source, campaign, content."""
    if not source:
        return {}
    names = ("utm_source", "utm_campaign", "utm_content")
    return {name: part for name, part in zip(names, source.split("-", 2), strict=False) if part}


def lead_title(payload: Mapping[str, Any]) -> str:
    name = payload.get("name") or "без имени"
    return f"Telegram-бот Дарья: {name}"


def approximate(payload: Mapping[str, Any], name: str) -> bool:
    """The person hedged this figure ("где-то под 700 тыщ", "банков 5 наверно"): the card says
    so. Cards queued before the mark was added carry neither key and read as exact."""
    if name == "debt_total" and payload.get("debt_approximate"):
        return True
    return name in (payload.get("approximate") or ())


def figure_line(payload: Mapping[str, Any], name: str, exact: str) -> str:
    """ "700 000 ₽" as said, or "около 700 000 ₽ (со слов)" for a hedged figure."""
    return f"около {exact} (со слов)" if approximate(payload, name) else exact


OUTSIDE_HOURS_FLAG = (
    "вне часов работы юристов — клиенту сказано, что позвонят в ближайшее рабочее время"
)


def call_time_line(payload: Mapping[str, Any]) -> str:
    """When to call, for a manager: the time as said with its zone and Moscow's clock
    ("в 14:00 по новосибирскому времени (в 10:00 по Москве)"); cards queued before the
    zone was added carry only `call_time`. A time the lawyers do not work (Saturday, 6:00 by
    Moscow) is flagged: the person was told the call comes at the nearest working time."""
    said = str(payload.get("call_time_text") or payload.get("call_time") or "в рабочее время")
    return f"{said}; ⚠ {OUTSIDE_HOURS_FLAG}" if payload.get("call_outside_hours") else said
