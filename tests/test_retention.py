"""Retention: dialogues that never reached a booking are deleted after RETENTION_DAYS,
on both backends, with the clock moved by the test."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from credit_expert.conversation import ConversationService, ConversationSettings
from credit_expert.models import Incoming
from credit_expert.retention import RetentionJob
from credit_expert.scripted_writer import ScriptedWriter
from credit_expert.store import Store

START = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)


class Clock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


async def talk(service: ConversationService, clock: Clock, user_id: int, texts: list[str]) -> None:
    for number, text in enumerate(texts, start=1):
        clock.now += timedelta(minutes=1)
        message = Incoming(user_id, user_id, number, text, clock.now)
        await service.handle(message)


async def book(service: ConversationService, clock: Clock, user_id: int) -> None:
    """The script up to `booked`, answering whatever Daria asks with a plain fact."""
    answers = iter(
        [
            "Долг 900 тысяч",
            "3 банка",
            "полгода не плачу",
            "приставов нет",
            "зарплата 40 тысяч официально",
            "нет",
            "нет",
            "нет",
            "Казань",
            "да, позвоните",
            "да, согласен",
            "+79226001122",
            "завтра в 10 утра",
        ]
    )
    for number, text in enumerate(["Здравствуйте", *answers], start=1):
        clock.now += timedelta(minutes=1)
        reply = await service.handle(Incoming(user_id, user_id, number, text, clock.now))
        if reply is not None and reply.stage.value == "booked":
            return
    raise AssertionError("the test dialogue did not reach a booking")


async def test_silent_unbooked_dialogues_go_booked_ones_stay(store: Store) -> None:
    clock = Clock(START)
    service = ConversationService(
        store,
        ScriptedWriter(),
        ConversationSettings("https://pravo-expert.ru/consent", "1"),
        clock=clock,
    )
    await talk(service, clock, 1, ["Здравствуйте", "Долг 900 тысяч"])  # never booked
    await book(service, clock, 2)  # booked: the firm works with this lead
    job = RetentionJob(store, days=90, clock=clock)

    clock.now = START + timedelta(days=89)
    assert await job.run_once() == 0
    await talk(service, clock, 3, ["Здравствуйте"])  # a new person, recent

    clock.now = START + timedelta(days=91)
    assert await job.run_once() == 1
    assert await store.count_messages(1) == 0
    assert await store.load_state(1) is None
    assert await store.count_messages(2) > 0
    assert await store.get_lead(2) is not None
    assert await store.count_messages(3) > 0, "silent for 2 days only"
    assert await job.run_once() == 0, "nothing left to delete"


async def test_a_person_who_came_back_is_not_deleted(store: Store) -> None:
    clock = Clock(START)
    service = ConversationService(
        store,
        ScriptedWriter(),
        ConversationSettings("https://pravo-expert.ru/consent", "1"),
        clock=clock,
    )
    await talk(service, clock, 1, ["Здравствуйте"])
    clock.now = START + timedelta(days=100)
    # a new message recorded, not answered yet: the session is old, the message is not
    await store.record_incoming(Incoming(1, 1, 9, "Я снова тут", clock.now), "Я снова тут")
    job = RetentionJob(store, days=90, clock=clock)
    assert await job.run_once() == 0
    assert await store.count_messages(1) == 3  # greeting, reply, the new message
