"""Lead cards: from the outbox to the managers' chat, once, retried after a failure."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from credit_expert.lead_handoff import LeadHandoff, format_lead_card, mask_phone
from credit_expert.models import Incoming, SessionState, Stage
from credit_expert.store import Store
from credit_expert.store.base import OutboxEvent, TurnRecord

MANAGERS = -1001234567890
T0 = datetime(2025, 10, 1, 9, 0, tzinfo=UTC)
CARD = {
    "user_id": 42,
    "phone": "+79991231122",
    "debt_total": 1_500_000,
    "creditors_count": 3,
    "verdict": "court",
    "call_time": "завтра после 18",
    "region": "Москва",
    "source": "ad_vk",
    "summary": "Долг 1 500 000 ₽, кредиторов: 3.\nМаршрут: суд; сомнения: цена.",
}


class Clock:
    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> datetime:
        return self.now


class ManagersChat:
    """The `send` callable: records cards, fails while `down`."""

    def __init__(self) -> None:
        self.cards: list[tuple[int, str]] = []
        self.down = False

    async def __call__(self, chat_id: int, text: str) -> None:
        if self.down:
            raise ConnectionError("Telegram is unreachable")
        self.cards.append((chat_id, text))


@pytest.fixture
def store(sqlite_store: Store) -> Store:
    return sqlite_store


async def book_a_call(store: Store, kind: str = "lead_booked") -> None:
    """What a booking turn leaves in the outbox."""
    incoming = Incoming(user_id=42, chat_id=42, message_id=7, text="звоните", at=T0)
    await store.record_incoming(incoming, incoming.text)
    await store.commit_turn(
        TurnRecord(
            user_id=42,
            answered_ids=(7,),
            reply_text="Записала.",
            stage=Stage.BOOKED,
            state=SessionState(stage=Stage.BOOKED),
            writer="script",
            plan={},
            at=T0,
            events=(OutboxEvent(kind=kind, payload=CARD),),
        )
    )


async def test_a_booked_lead_is_delivered_once(store: Store) -> None:
    await book_a_call(store)
    chat, clock = ManagersChat(), Clock()
    handoff = LeadHandoff(store, chat, MANAGERS, clock=clock)

    assert await handoff.deliver_due() == 1
    assert await handoff.deliver_due() == 0
    clock.now += timedelta(days=1)
    assert await handoff.deliver_due() == 0

    assert len(chat.cards) == 1
    chat_id, text = chat.cards[0]
    assert chat_id == MANAGERS
    assert text.startswith("🟢 Новая заявка")
    assert "Телефон: +7 999 123-11-22" in text
    assert "Долг: 1 500 000 ₽" in text
    assert "Маршрут: банкротство через арбитражный суд" in text
    assert "Когда звонить: завтра после 18" in text
    assert "Источник: ad_vk" in text
    assert text.endswith(CARD["summary"])


async def test_a_failed_send_is_retried_later_and_delivered_once(store: Store) -> None:
    await book_a_call(store)
    chat, clock = ManagersChat(), Clock()
    handoff = LeadHandoff(store, chat, MANAGERS, clock=clock, first_retry_seconds=30)

    chat.down = True
    assert await handoff.deliver_due() == 0
    chat.down = False
    assert await handoff.deliver_due() == 0, "not before the backoff is over"
    clock.now += timedelta(seconds=31)
    assert await handoff.deliver_due() == 1
    clock.now += timedelta(hours=2)
    assert await handoff.deliver_due() == 0
    assert len(chat.cards) == 1


async def test_backoff_doubles_up_to_an_hour(store: Store) -> None:
    handoff = LeadHandoff(store, ManagersChat(), MANAGERS)
    delays = [handoff.retry_delay(n).total_seconds() for n in (0, 1, 2, 10, 50)]
    assert delays == [30, 60, 120, 3600, 3600]


async def test_without_a_managers_chat_events_stay_pending(
    store: Store, caplog: pytest.LogCaptureFixture
) -> None:
    await book_a_call(store)
    handoff = LeadHandoff(store, ManagersChat(), None)
    await handoff.run()  # returns at once, with a warning
    assert "MANAGERS_CHAT_ID" in caplog.text
    assert len(await store.outbox_due(T0)) == 1


async def test_phones_never_reach_the_log(store: Store, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level("DEBUG", logger="credit_expert")
    await book_a_call(store)
    chat = ManagersChat()
    chat.down = True
    handoff = LeadHandoff(store, chat, MANAGERS, clock=Clock())
    await handoff.deliver_due()
    chat.down = False
    handoff = LeadHandoff(store, chat, MANAGERS, clock=lambda: T0 + timedelta(hours=1))
    await handoff.deliver_due()
    assert "9991231122" not in caplog.text
    assert "+7******1122" in caplog.text


def test_an_updated_lead_and_unknown_facts() -> None:
    text = format_lead_card("lead_updated", {"phone": "+79991231122", "summary": ""})
    assert text.splitlines()[0] == "🟡 Заявка изменена"
    assert "Долг: не указано" in text
    assert "Маршрут: не определён" in text
    assert mask_phone("+79991231122") == "+7******1122"
