"""The outbox and CRM parts of the store, on SQLite and on a real MariaDB."""

from __future__ import annotations

from datetime import timedelta

from credit_expert.models import SessionState, Stage
from credit_expert.store import Store
from credit_expert.store.base import OutboxEvent
from tests.test_store_contract import T0, booked_lead, message, turn

EVERYWHERE = ("managers", "bitrix24")


async def book(store: Store, user_id: int = 1) -> str:
    await store.record_incoming(message(user_id, 10), "звоните завтра")
    await store.commit_turn(
        turn(
            user_id,
            (10,),
            state=SessionState(stage=Stage.BOOKED, turns=4),
            lead=booked_lead(user_id),
            events=(OutboxEvent("lead.booked", {"user_id": user_id}, EVERYWHERE),),
        )
    )
    lead_key, outcome = await store.lead_state(user_id)
    assert lead_key is not None and len(lead_key) == 32 and outcome is None
    return lead_key


async def test_one_row_per_destination_claimed_per_destination_in_order(store: Store) -> None:
    lead_key = await book(store)
    await store.outbox_add(1, (OutboxEvent("lead.updated", {"n": 2}, EVERYWHERE),), T0)
    now = T0 + timedelta(minutes=5)
    assert await store.outbox_backlog() == {"managers": 2, "bitrix24": 2}

    [first] = await store.outbox_claim(now, timedelta(minutes=5), destination="bitrix24")
    assert (first.kind, first.destination, first.lead_key) == ("lead.booked", "bitrix24", lead_key)
    later = now + timedelta(minutes=1)  # within the first row's lease
    assert await store.outbox_claim(later, timedelta(minutes=5), destination="bitrix24") == [], (
        "the update waits for the lead it updates"
    )
    await store.outbox_delivered(first.id, now)
    [second] = await store.outbox_claim(later, timedelta(minutes=5), destination="bitrix24")
    assert second.kind == "lead.updated" and second.event_id != first.event_id
    [managers] = await store.outbox_claim(now, timedelta(minutes=5), destination="managers")
    assert managers.event_id == first.event_id, "one idempotency key per event"


async def test_ids_outcome_and_reminder_live_on_the_lead(store: Store) -> None:
    lead_key = await book(store)
    assert await store.save_lead_refs(lead_key, "managers", {"message_id": 77}, "77", T0)
    assert await store.save_lead_refs(lead_key, "managers", {"message_id": 78}, "78", T0)
    assert await store.lead_refs(lead_key, "managers") == {"message_id": 78}
    assert await store.user_by_external("managers", "78") == 1
    assert await store.user_by_external("managers", "77") is None

    [awaiting] = await store.leads_awaiting_call()
    assert awaiting.lead_key == lead_key and awaiting.booked_at == T0 + timedelta(minutes=1)
    assert await store.mark_reminded(1, T0) is True
    assert await store.mark_reminded(1, T0) is False, "taken once"
    assert await store.leads_awaiting_call() == []
    assert await store.mark_reminded(1, None) is True  # given back
    event = OutboxEvent("lead.updated", {"outcome": "reached"}, EVERYWHERE)
    assert await store.record_outcome(1, "reached", T0, (event,)) is True
    assert await store.lead_state(1) == (lead_key, "reached")
    assert await store.leads_awaiting_call() == []
    assert await store.record_outcome(2, "reached", T0, (event,)) is False


async def test_forget_leaves_only_ids_in_lead_forgotten_rows(store: Store) -> None:
    lead_key = await book(store)
    await store.save_lead_refs(lead_key, "bitrix24", {"lead_id": "501"}, "501", T0)
    await store.forget_user(1, T0, ("managers",))
    due = await store.outbox_due(T0 + timedelta(minutes=1))
    found = sorted((i.destination, i.kind, i.payload, i.lead_key) for i in due)
    assert found == [
        ("bitrix24", "lead.forgotten", {"lead_id": "501"}, lead_key),
        ("managers", "lead.forgotten", {}, lead_key),
    ]
    assert await store.lead_refs(lead_key, "bitrix24") == {}
    assert await store.get_lead(1) is None
