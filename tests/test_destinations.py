"""Each destination against a real HTTP server imitating its API (tests/fake_crm_servers.py)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import httpx2
import pytest

from credit_expert.destinations.amocrm import FORGOTTEN_NAME, WON_STATUS_ID, AmoCRMDestination
from credit_expert.destinations.base import (
    LEAD_BOOKED,
    LEAD_CREATED,
    LEAD_FORGOTTEN,
    LEAD_UPDATED,
    Delivery,
)
from credit_expert.destinations.bitrix24 import ORIGINATOR, Bitrix24Destination, Bitrix24Error
from credit_expert.destinations.webhook import WebhookDestination
from tests.fake_crm_servers import FakeAmoCRM, FakeBitrix24, WebhookReceiver

KEY = "5f0c7d2a9b8e4c1d"
CARD = {
    "name": "Ольга",
    "phone": "+79161234567",
    "debt_total": 1_500_000,
    "creditors_count": 3,
    "verdict": "court",
    "call_time": "завтра утром",
    "region": "Казань",
    "source": "vk-debt2026-story",
    "summary": "Долг 1 500 000 ₽, кредиторов: 3.\nМаршрут: суд; сомнения: цена.",
    "status": "booked",
}


def delivery(kind: str, event_id: str, refs: dict | None = None, **extra: object) -> Delivery:
    return Delivery(
        event_id=event_id,
        kind=kind,
        lead_key=KEY,
        payload={} if kind == LEAD_FORGOTTEN else {**CARD, **extra},
        refs=refs or {},
        occurred_at=datetime(2026, 11, 25, 12, 0, tzinfo=UTC),
    )


@pytest.fixture
def receiver() -> Iterator[WebhookReceiver]:
    server = WebhookReceiver("s3cret").start()
    yield server
    server.stop()


@pytest.fixture
def bitrix() -> Iterator[FakeBitrix24]:
    server = FakeBitrix24().start()
    yield server
    server.stop()


@pytest.fixture
def amo() -> Iterator[FakeAmoCRM]:
    server = FakeAmoCRM().start()
    yield server
    server.stop()


async def test_the_webhook_is_signed_and_processed_once_per_key(receiver: WebhookReceiver) -> None:
    webhook = WebhookDestination(receiver.url + "/hook", "s3cret")
    receiver.fail_next(2)
    for _ in range(2):
        with pytest.raises(httpx2.HTTPStatusError):
            await webhook.deliver(delivery(LEAD_BOOKED, "ev-1"))
    receiver.lose_next(1)  # processed, but the answer is lost: we send it again
    with pytest.raises(httpx2.HTTPStatusError):
        await webhook.deliver(delivery(LEAD_BOOKED, "ev-1"))
    assert await webhook.deliver(delivery(LEAD_BOOKED, "ev-1")) == {"received": True}
    await webhook.close()

    assert receiver.bad_signatures == 0
    assert list(receiver.processed) == ["ev-1"]
    body = receiver.processed["ev-1"]
    assert body["event"] == "lead.booked" and body["schema"] == 1
    assert body["lead_id"] == KEY and body["lead"]["phone"] == "+79161234567"
    assert body["lead"]["utm"] == {
        "utm_source": "vk",
        "utm_campaign": "debt2026",
        "utm_content": "story",
    }
    assert receiver.requests[-1].headers["x-daria-event"] == "lead.booked"


async def test_a_wrong_secret_is_refused_by_the_receiver(receiver: WebhookReceiver) -> None:
    webhook = WebhookDestination(receiver.url, "not-the-secret")
    with pytest.raises(httpx2.HTTPStatusError):
        await webhook.deliver(delivery(LEAD_BOOKED, "ev-2"))
    await webhook.close()
    assert receiver.bad_signatures == 1 and not receiver.processed


async def test_the_forgotten_event_carries_only_ids(receiver: WebhookReceiver) -> None:
    webhook = WebhookDestination(receiver.url, "s3cret")
    await webhook.deliver(delivery(LEAD_FORGOTTEN, "ev-3"))
    await webhook.close()
    body = receiver.processed["ev-3"]
    assert body["lead"] is None and body["lead_id"] == KEY
    assert "7916" not in receiver.requests[-1].body.decode()


async def test_bitrix24_lead_exactly_once_then_updated_and_deleted(bitrix: FakeBitrix24) -> None:
    crm = Bitrix24Destination(bitrix.webhook_url, "leads")
    bitrix.lose_next(1)  # the lead is added, the answer is lost
    with pytest.raises(httpx2.HTTPStatusError):
        await crm.deliver(delivery(LEAD_CREATED, "ev-1"))
    refs = await crm.deliver(delivery(LEAD_CREATED, "ev-1"))
    assert len(bitrix.items["lead"]) == 1, "found by ORIGIN_ID, not added twice"
    [(lead_id, lead)] = bitrix.items["lead"].items()
    assert refs == {"lead_id": str(lead_id)}
    assert lead.fields["PHONE"] == [{"VALUE": "+79161234567", "VALUE_TYPE": "MOBILE"}]
    assert lead.fields["NAME"] == "Ольга" and lead.fields["ORIGINATOR_ID"] == ORIGINATOR
    assert lead.fields["UTM_SOURCE"] == "vk" and lead.fields["UTM_CAMPAIGN"] == "debt2026"
    assert "vk-debt2026-story" in lead.fields["SOURCE_DESCRIPTION"]
    assert "Долг 1 500 000 ₽" in lead.fields["COMMENTS"]

    await crm.deliver(delivery(LEAD_UPDATED, "ev-2", refs, outcome="contract"))
    assert lead.fields["STATUS_ID"] == "PROCESSED"
    assert "Итог звонка: договор" in lead.fields["COMMENTS"]
    assert [c["id"] for c in bitrix.calls("crm.lead.update")] == [str(lead_id)]

    await crm.deliver(delivery(LEAD_FORGOTTEN, "ev-3", refs))
    assert bitrix.items["lead"] == {}
    await crm.deliver(delivery(LEAD_FORGOTTEN, "ev-3", refs))  # again: already gone is fine
    await crm.close()


async def test_bitrix24_simple_crm_makes_a_contact_and_a_deal(bitrix: FakeBitrix24) -> None:
    crm = Bitrix24Destination(bitrix.webhook_url, "deals")
    bitrix.fail_next(1)
    with pytest.raises(Bitrix24Error):
        await crm.deliver(delivery(LEAD_BOOKED, "ev-1"))
    refs = await crm.deliver(delivery(LEAD_BOOKED, "ev-1"))
    [(contact_id, contact)] = bitrix.items["contact"].items()
    [(deal_id, deal)] = bitrix.items["deal"].items()
    assert refs == {"contact_id": str(contact_id), "deal_id": str(deal_id)}
    assert deal.fields["CONTACT_ID"] == contact_id
    assert contact.fields["PHONE"][0]["VALUE"] == "+79161234567"
    assert bitrix.items["lead"] == {}

    await crm.deliver(delivery(LEAD_UPDATED, "ev-2", refs, outcome="refused"))
    assert deal.fields["STAGE_ID"] == "LOSE"
    await crm.deliver(delivery(LEAD_FORGOTTEN, "ev-3", refs))
    assert bitrix.items["deal"] == {} and bitrix.items["contact"] == {}
    await crm.close()


async def test_amocrm_complex_lead_exactly_once_updates_and_forget(amo: FakeAmoCRM) -> None:
    crm = AmoCRMDestination(amo.url, FakeAmoCRM.TOKEN, pipeline_id=7, status_id=70)
    amo.lose_next(1)  # leads/complex worked, its answer was lost
    with pytest.raises(httpx2.HTTPStatusError):
        await crm.deliver(delivery(LEAD_BOOKED, "ev-1"))
    refs = await crm.deliver(delivery(LEAD_BOOKED, "ev-1"))
    assert len(amo.leads) == 1, "found by its #key, not created twice"
    [(lead_id, lead)] = amo.leads.items()
    assert refs == {"lead_id": str(lead_id), "contact_id": str(lead["contact_id"])}
    assert lead["pipeline_id"] == 7 and lead["status_id"] == 70
    contact = amo.contacts[lead["contact_id"]]
    assert contact["custom_fields_values"][0]["values"][0]["value"] == "+79161234567"

    await crm.deliver(delivery(LEAD_UPDATED, "ev-2", refs, outcome="contract"))
    assert lead["status_id"] == WON_STATUS_ID
    assert any("Итог звонка: договор" in text for _, text in amo.notes)

    await crm.deliver(delivery(LEAD_FORGOTTEN, "ev-3", refs))
    assert lead["name"] == FORGOTTEN_NAME
    assert contact["first_name"] == "" and contact["custom_fields_values"][0]["values"] is None
    [task] = amo.tasks
    assert task["entity_id"] == lead_id and "152-ФЗ" in task["text"]
    await crm.close()


async def test_amocrm_refuses_a_wrong_token(amo: FakeAmoCRM) -> None:
    crm = AmoCRMDestination(amo.url, "wrong")
    with pytest.raises(httpx2.HTTPStatusError):
        await crm.deliver(delivery(LEAD_CREATED, "ev-1"))
    await crm.close()
    assert amo.leads == {}
