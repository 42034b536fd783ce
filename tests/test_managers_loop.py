"""The managers' loop in their chat, through the Telegram adapter with fakes of telethon's
objects (a NewMessage event with reply_to_msg_id, a CallbackQuery event with data and
answer(), a client with send_message / edit_message / delete_messages): outcome buttons
and words, replies relayed to the person and back, the unattended-lead reminder with an
injected clock, the crisis alert with the words that raised it."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

import credit_expert.conversation as conversation
from credit_expert.conversation import ConversationService, ConversationSettings
from credit_expert.destinations.managers_chat import CRISIS_TEXT, ManagersChatDestination
from credit_expert.managers_desk import ManagersDesk
from credit_expert.models import Event, Incoming, Stage
from credit_expert.office_hours import parse_office_hours
from credit_expert.outbox import Outbox
from credit_expert.scripted_writer import ScriptedWriter
from credit_expert.store import Store
from credit_expert.telegram_adapter import ManagersChatClient, TelegramAdapter

PERSON = 6001
MANAGERS = -100777
MANAGER = 9001
T0 = datetime(2026, 11, 25, 7, 0, tzinfo=UTC)  # Wednesday 10:00 in Moscow
HOURS = parse_office_hours("Mon-Fri 09:00-19:00 Europe/Moscow")
CRISIS_WORDS = "не хочу жить"


# --- fakes of telethon ----------------------------------------------------------------------


@dataclass
class FakeUser:
    id: int
    first_name: str | None = "Ольга"
    username: str | None = None
    bot: bool = False
    support: bool = False


@dataclass
class FakeEvent:
    """telethon.events.NewMessage.Event, as far as the adapter reads it."""

    id: int
    raw_text: str
    sender_id: int = PERSON
    chat_id: int = PERSON
    is_private: bool = True
    out: bool = False
    reply_to_msg_id: int | None = None
    voice: None = None
    media: None = None
    date: datetime = field(default_factory=lambda: T0)
    replies: list[str] = field(default_factory=list)

    async def get_sender(self) -> FakeUser:
        return FakeUser(self.sender_id)

    async def reply(self, text: str) -> None:
        self.replies.append(text)


@dataclass
class FakeCallback:
    """telethon.events.CallbackQuery.Event: a button pressed under a message."""

    chat_id: int
    message_id: int
    data: bytes
    answers: list[str] = field(default_factory=list)

    async def answer(self, message: str | None = None, **kwargs: Any) -> None:
        self.answers.append(message or "")


@dataclass
class FakeMessage:
    id: int


@dataclass
class Sent:
    chat: int
    text: str
    reply_to: int | None
    buttons: Any


class FakeClient:
    def __init__(self) -> None:
        self.sent: list[Sent] = []
        self.messages: dict[tuple[int, int], str] = {}
        self.deleted: list[int] = []
        self._next_id = 500

    @contextlib.asynccontextmanager
    async def action(self, chat: int, action: str) -> AsyncIterator[None]:
        yield

    async def send_message(self, entity: int, message: str, **kwargs: Any) -> FakeMessage:
        self._next_id += 1
        self.sent.append(Sent(entity, message, kwargs.get("reply_to"), kwargs.get("buttons")))
        self.messages[(entity, self._next_id)] = message
        return FakeMessage(self._next_id)

    async def edit_message(self, entity: int, message: int, text: str, **kwargs: Any) -> None:
        assert (entity, message) in self.messages
        self.messages[(entity, message)] = text

    async def delete_messages(self, entity: int, ids: list[int]) -> None:
        for message_id in ids:
            del self.messages[(entity, message_id)]
            self.deleted.append(message_id)

    def to(self, chat: int) -> list[Sent]:
        return [s for s in self.sent if s.chat == chat]


class Clock:
    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> datetime:
        return self.now


# --- the bot, wired as telegram_app wires it ------------------------------------------------


class Bot:
    def __init__(self, store: Store, *, bot_mode: bool = True) -> None:
        self.store, self.clock, self.client = store, Clock(), FakeClient()
        self.service = ConversationService(
            store,
            ScriptedWriter(),
            ConversationSettings("https://example.com/privacy", "2025-09-01"),
            clock=self.clock,
        )
        self.adapter = TelegramAdapter(
            self.client,
            self.service,
            burst_seconds=0.0,
            takeover_minutes=60,
            typing_seconds=lambda text: 0.0,
            clock=lambda: self.clock().timestamp(),
        )
        chat = ManagersChatClient(self.client, MANAGERS, bot=bot_mode)
        self.outbox = Outbox(self.store, [ManagersChatDestination(chat)], clock=self.clock)
        self.desk = ManagersDesk(
            store,
            chat,
            self.adapter.send_text,
            office_hours=HOURS,
            unattended_minutes=60,
            relay_minutes=60,
            clock=self.clock,
        )
        self.adapter.attach_desk(self.desk, MANAGERS)
        self.message_id = 0

    async def person_says(self, text: str) -> None:
        self.message_id += 1
        await self.adapter.on_new_message(FakeEvent(self.message_id, text, date=self.clock()))
        await self.adapter.idle()

    async def book(self) -> int:
        for text in (
            "Долг 1,5 млн, перезвоните мне",
            "согласна",
            "+7 916 123-45-67",
            "прямо сейчас",
        ):
            await self.person_says(text)
        assert (await self.store.load_state(PERSON)).stage is Stage.BOOKED
        assert await self.outbox.deliver_due("managers") == 1
        [card_id] = [mid for chat, mid in self.client.messages if chat == MANAGERS]
        return card_id

    async def manager_replies(self, card_id: int, text: str) -> FakeEvent:
        self.message_id += 1
        event = FakeEvent(
            self.message_id,
            text,
            sender_id=MANAGER,
            chat_id=MANAGERS,
            is_private=False,
            reply_to_msg_id=card_id,
        )
        await self.adapter.on_new_message(event)
        return event


@pytest.fixture
async def bot(sqlite_store: Store) -> AsyncIterator[Bot]:
    made = Bot(sqlite_store)
    yield made
    await made.adapter.close()


async def test_the_card_has_outcome_buttons_and_a_press_is_stored_and_shown(bot: Bot) -> None:
    card_id = await bot.book()
    [card] = bot.client.to(MANAGERS)
    assert "Телефон: +7 916 123-45-67" in card.text
    labels = [button.text for row in card.buttons for button in row]
    assert labels == ["дозвонились", "не дозвонились", "договор", "отказ"]
    assert card.buttons[1][0].type.data == b"outcome:contract"

    press = FakeCallback(MANAGERS, card_id, b"outcome:contract")
    await bot.adapter.on_callback(press)
    assert press.answers == ["Записано: договор"]
    assert (await bot.store.lead_state(PERSON))[1] == "contract"
    [update] = await bot.store.outbox_due(bot.clock())
    assert update.kind == "lead.updated" and update.payload["outcome"] == "contract"
    assert await bot.outbox.deliver_due("managers") == 1
    assert "✅ Итог звонка: договор" in bot.client.messages[(MANAGERS, card_id)]
    assert len(bot.client.to(MANAGERS)) == 1, "the card is edited, not sent again"


async def test_an_outcome_by_a_reply_word_in_user_mode(sqlite_store: Store) -> None:
    bot = Bot(sqlite_store, bot_mode=False)
    card_id = await bot.book()
    assert bot.client.to(MANAGERS)[0].buttons is None  # user accounts cannot send buttons
    assert "ответьте на карточку" in bot.client.to(MANAGERS)[0].text
    event = await bot.manager_replies(card_id, "Не дозвонились")
    assert event.replies == ["Записано: не дозвонились"]
    assert (await bot.store.lead_state(PERSON))[1] == "no_answer"
    assert not [s for s in bot.client.sent if s.chat == PERSON and "дозвон" in s.text]
    await bot.adapter.close()


async def test_a_reply_to_the_card_reaches_the_person_and_their_answer_comes_back(
    bot: Bot,
) -> None:
    card_id = await bot.book()
    before = len(bot.client.to(PERSON))
    await bot.manager_replies(card_id, "Ольга, добрый день! Наберу вас через 10 минут.")
    [relayed] = bot.client.to(PERSON)[before:]
    assert relayed.text.startswith("Ольга, добрый день! Наберу вас через 10 минут.")
    assert relayed.text.endswith("— юрист компании")

    await bot.person_says("Хорошо, жду звонка")
    assert len(bot.client.to(PERSON)) == before + 1, "Daria stays silent while a manager talks"
    answer = bot.client.to(MANAGERS)[-1]
    assert answer.reply_to == card_id and "Хорошо, жду звонка" in answer.text

    bot.clock.now += timedelta(minutes=61)  # the manager's talk is over: Daria answers again
    await bot.person_says("А что с квартирой будет?")
    assert len(bot.client.to(PERSON)) == before + 2


async def test_a_booked_lead_nobody_called_raises_one_reminder_in_working_time(
    bot: Bot,
) -> None:
    card_id = await bot.book()  # booked Wednesday 10:00 Moscow
    bot.clock.now += timedelta(minutes=59)
    assert await bot.desk.remind_due() == 0
    bot.clock.now += timedelta(minutes=2)
    assert await bot.desk.remind_due() == 1
    reminder = bot.client.to(MANAGERS)[-1]
    assert reminder.reply_to == card_id and "⏰" in reminder.text
    bot.clock.now += timedelta(hours=5)
    assert await bot.desk.remind_due() == 0, "once per lead"


async def test_nights_and_weekends_do_not_count_for_the_reminder(sqlite_store: Store) -> None:
    bot = Bot(sqlite_store)
    bot.clock.now = datetime(2026, 11, 27, 15, 30, tzinfo=UTC)  # Friday 18:30 Moscow
    await bot.book()
    bot.clock.now = datetime(2026, 11, 30, 6, 20, tzinfo=UTC)  # Monday 9:20: 50 working min
    assert await bot.desk.remind_due() == 0
    bot.clock.now += timedelta(minutes=11)
    assert await bot.desk.remind_due() == 1
    await bot.adapter.close()


async def test_an_outcome_stops_the_reminder(bot: Bot) -> None:
    card_id = await bot.book()
    await bot.adapter.on_callback(FakeCallback(MANAGERS, card_id, b"outcome:reached"))
    bot.clock.now += timedelta(hours=3)
    assert await bot.desk.remind_due() == 0


async def test_forget_deletes_the_card_in_the_managers_chat(sqlite_store: Store) -> None:
    bot = Bot(sqlite_store)
    card_id = await bot.book()
    await bot.person_says("/forget")
    assert await bot.outbox.deliver_due("managers") == 1
    assert bot.client.deleted == [card_id]
    assert await bot.desk.on_outcome(card_id, "reached") != "Записано: дозвонились"
    await bot.adapter.close()


async def test_a_person_in_crisis_raises_an_alert_with_their_words_and_facts(bot: Bot) -> None:
    """b34_18: the alert said "не указано" everywhere; whoever reaches out must know the words
    that raised it and what the person told so far (the debt, the guarantor father)."""
    await bot.person_says("у меня долгов около двух миллионов, отец поручитель, ему звонят")
    await bot.person_says(f"я всех подвёл. иногда {CRISIS_WORDS} вообще")
    [row] = await bot.store.outbox_due(bot.clock())
    assert row.kind == "crisis.alert" and row.destination == "managers"
    assert await bot.outbox.deliver_due("managers") == 1
    [alert] = bot.client.to(MANAGERS)
    assert alert.text.startswith(CRISIS_TEXT)
    assert f"«иногда {CRISIS_WORDS} вообще»" in alert.text  # the sentence, not the whole message
    assert "всех подвёл" not in alert.text
    assert "Долг: около 2 000 000 ₽ (со слов)" in alert.text
    assert "поручитель" in alert.text
    assert f"tg://user?id={PERSON}" in alert.text
    assert "не указано" not in alert.text.replace("Имя: не указано", "")


async def test_a_crisis_never_goes_to_a_crm(sqlite_store: Store, monkeypatch) -> None:
    take_turn = conversation.take_turn
    monkeypatch.setattr(
        conversation,
        "take_turn",
        lambda *a, **k: (
            (t := take_turn(*a, **k))
            and replace(t, plan=replace(t.plan, events=(*t.plan.events, Event.CRISIS)))
        ),
    )
    service = ConversationService(
        sqlite_store,
        ScriptedWriter(),
        ConversationSettings(
            "https://example.com/privacy",
            "2025-09-01",
            destinations=("managers", "webhook", "bitrix24", "amocrm"),
        ),
        clock=lambda: T0,
    )
    await service.handle(Incoming(PERSON, PERSON, 1, CRISIS_WORDS, T0))
    rows = await sqlite_store.outbox_due(T0)
    assert [(r.kind, r.destination) for r in rows] == [("crisis.alert", "managers")]


async def test_two_processes_remind_once_and_a_failed_reminder_comes_back(bot: Bot) -> None:
    await bot.book()
    other = ManagersDesk(
        bot.store,
        ManagersChatClient(bot.client, MANAGERS, bot=True),
        bot.adapter.send_text,
        office_hours=HOURS,
        clock=bot.clock,
    )
    bot.clock.now += timedelta(hours=2)
    assert await bot.desk.remind_due() + await other.remind_due() == 1

    await bot.store.mark_reminded(PERSON, None)  # as after a failed send

    class Down(FakeClient):
        async def send_message(self, entity: int, message: str, **kwargs: Any) -> FakeMessage:
            raise ConnectionError("Telegram is unreachable")

    broken = ManagersDesk(
        bot.store,
        ManagersChatClient(Down(), MANAGERS, bot=True),
        bot.adapter.send_text,
        office_hours=HOURS,
        clock=bot.clock,
    )
    with pytest.raises(ConnectionError):
        await broken.remind_due()
    assert await bot.desk.remind_due() == 1, "the failed reminder is sent by the next pass"


async def test_what_the_person_tells_after_the_crisis_adds_to_the_alert(bot: Bot) -> None:
    """b36a_15, b36b_18: the alert held the debt only, and "Маршрут: суд" — a sales line; what
    the person wrote after (the overdue, the guarantor mother, "я подумаю") never reached the
    one who reaches out."""
    await bot.person_says(f"долгов 3.4 млн. иногда {CRISIS_WORDS}")
    await bot.person_says("спасибо. просто устал. 9 кредиторов, не плачу 7 месяцев")
    await bot.person_says("мама поручитель по одному кредиту на 500")
    await bot.person_says("я подумаю ещё, сейчас не готов")
    rows = await bot.store.outbox_due(bot.clock())
    assert [r.kind for r in rows] == ["crisis.alert"] * 4
    assert await bot.outbox.deliver_due("managers") == 4
    first, *added = bot.client.to(MANAGERS)
    assert first.text.startswith(CRISIS_TEXT)
    for message in (first, *added):
        assert "Маршрут" not in message.text and "суд" not in message.text
    assert "Дополнение к тревоге" in added[0].text
    assert "«спасибо. просто устал. 9 кредиторов, не плачу 7 месяцев»" in added[0].text
    assert "Кредиторов: 9" in added[0].text and "просрочка 7 месяцев" in added[0].text
    assert "поручитель" in added[1].text
    assert "«я подумаю ещё, сейчас не готов»" in added[2].text
    assert "хочет подумать" in added[2].text
