"""Which outbox events a turn makes, and which destinations each goes to. Pure."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from credit_expert.destinations.base import (
    CRISIS_ALERT,
    LEAD_BOOKED,
    LEAD_CREATED,
    LEAD_OPTED_OUT,
    LEAD_UPDATED,
)
from credit_expert.models import Event, SessionState, TurnPlan
from credit_expert.store.base import OutboxEvent

MANAGERS = "managers"


def destinations_for(kind: str, enabled: tuple[str, ...]) -> tuple[str, ...]:
    """A crisis goes to the managers' chat only — health data never reaches a CRM
    (152-ФЗ art. 10); the managers get a card once a call is booked, not before."""
    if kind == CRISIS_ALERT:
        return (MANAGERS,) if MANAGERS in enabled else ()
    if kind == LEAD_CREATED:
        return tuple(d for d in enabled if d != MANAGERS)
    return enabled


def had_lead(state: SessionState) -> bool:
    return state.consent is True and bool(state.slots.phone)


def turn_events(
    plan: TurnPlan,
    before: SessionState,
    card: Mapping[str, Any] | None,
    alert: Mapping[str, Any],
    enabled: tuple[str, ...],
) -> tuple[OutboxEvent, ...]:
    """`card` is the lead's payload (None without consent and phone); `alert` is what
    the managers' crisis alert may carry: who, never what they wrote."""
    kinds: list[str] = []
    if card is not None:
        if plan.has(Event.BOOKED):
            kinds.append(LEAD_BOOKED)
        elif plan.has(Event.BOOKING_UPDATED):
            kinds.append(LEAD_UPDATED)
        elif not had_lead(before):
            kinds.append(LEAD_CREATED)
        if plan.has(Event.OPTED_OUT) and had_lead(before):
            kinds.append(LEAD_OPTED_OUT)
    events = [
        OutboxEvent(kind=kind, payload=dict(card), destinations=destinations_for(kind, enabled))
        for kind in kinds
        if card is not None
    ]
    if plan.has(Event.CRISIS) or alert.get("update"):  # the alert, or what adds to it
        events.append(
            OutboxEvent(CRISIS_ALERT, dict(alert), destinations_for(CRISIS_ALERT, enabled))
        )
    return tuple(e for e in events if e.destinations)
