"""Follow-ups people agreed to and call reminders, through the service and a real store
(SQLite and MariaDB), with an injected clock: nothing sleeps."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from types import SimpleNamespace
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from test_telegram_adapter import FakeClient, make_adapter

from credit_expert.conversation import ConversationService, ConversationSettings
from credit_expert.models import Ask, Incoming, ReminderKind, Stage
from credit_expert.scripted_writer import STATUTORY_WARNING, ScriptedWriter
from credit_expert.store import Store, open_store
from credit_expert.telegram_app import send_reminders

PERSON = 7001
MONDAY = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)  # 13:00 in Moscow


class Clock:
    def __init__(self, now: datetime = MONDAY) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **kwargs: float) -> None:
        self.now += timedelta(**kwargs)


def make_service(store: Store, clock: Clock) -> ConversationService:
    return ConversationService(
        store,
        ScriptedWriter(),
        ConversationSettings(
            privacy_policy_url="https://example.com/privacy",
            consent_version="2025-09-01",
            destinations=("managers", "webhook"),
        ),
        clock=clock,
    )


class Person:
    def __init__(self, service: ConversationService, clock: Clock, user_id: int = PERSON):
        self.service, self.clock, self.user_id = service, clock, user_id
        self.message_id = 0

    async def says(self, text: str):
        self.message_id += 1
        incoming = Incoming(self.user_id, self.user_id, self.message_id, text, at=self.clock.now)
        reply = await self.service.handle(incoming)
        for outgoing in await self.service.claim_replies(self.user_id, timedelta(minutes=1)):
            await self.service.reply_sent(outgoing.id, None)  # the front sent the reply
        return reply

    async def thinks_it_over(self, debt: str = "Долг 1,3 млн") -> None:
        await self.says("Здравствуйте")
        await self.says(debt)
        reply = await self.says("Мне надо посоветоваться с женой, я подумаю")
        assert reply.plan.ask is Ask.FOLLOWUP
        assert "напом" in reply.text.lower()

    async def agrees(self, debt: str = "Долг 1,3 млн") -> None:
        await self.thinks_it_over(debt)
        reply = await self.says("да")
        assert "напомню" in reply.text


async def query(store: Store, sql: str, *args: Any) -> list[tuple]:
    raw = getattr(store, "_db", None)
    if raw is not None:
        return [tuple(r) for r in await raw.execute_fetchall(sql.replace("%s", "?"), args)]
    async with store._cursor() as cur:  # type: ignore[attr-defined]
        await cur.execute(sql, args)
        return [tuple(r) for r in await cur.fetchall()]


async def reminder_texts(store: Store, user_id: int = PERSON) -> list[str]:
    """Outgoing rows that carried a reminder (or the pause offer), oldest first."""
    rows = await query(
        store,
        "SELECT text FROM bot_messages WHERE user_id = %s AND direction = 'out'"
        " AND plan_json LIKE %s ORDER BY id",
        user_id,
        '%"reminder"%',
    )
    return [row[0] for row in rows]


async def statuses(store: Store, user_id: int = PERSON) -> list[tuple[str, int, str, str | None]]:
    return [
        (r.kind.value, r.attempt, r.status, r.cancel_reason)
        for r in await store.reminders_of(user_id)
    ]


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def service(store: Store, clock: Clock) -> ConversationService:
    return make_service(store, clock)


@pytest.fixture
def person(service: ConversationService, clock: Clock) -> Person:
    return Person(service, clock)


async def send(service: ConversationService, store: Store, user_id: int = PERSON) -> list[str]:
    """A sender round, then the person's pending replies taken as a front would send them."""
    await service.send_due_reminders()
    claimed = await service.claim_replies(user_id, timedelta(minutes=1))
    for outgoing in claimed:
        await service.reply_sent(outgoing.id, None)
    return [outgoing.text for outgoing in claimed]


# --- the agreement ------------------------------------------------------------------------


async def test_a_no_to_the_offer_schedules_nothing_and_the_offer_is_not_repeated(
    person: Person, service: ConversationService, store: Store, clock: Clock
) -> None:
    await person.thinks_it_over()
    reply = await person.says("нет, спасибо")
    assert "не буду" in reply.text and "?" not in reply.text
    assert await store.reminders_of(PERSON) == []
    clock.advance(days=10)
    assert await send(service, store) == []
    again = await person.says("я ещё подумаю")
    assert again.plan.ask is not Ask.FOLLOWUP  # offered once, never pressed again


async def test_an_unclear_answer_is_no_agreement(
    person: Person, service: ConversationService, store: Store, clock: Clock
) -> None:
    await person.thinks_it_over()
    reply = await person.says("да нет наверное")
    assert reply.stage is Stage.QUALIFICATION and reply.plan.ask is not Ask.FOLLOWUP
    assert await store.reminders_of(PERSON) == []
    clock.advance(days=10)
    assert await send(service, store) == []


async def test_a_clear_yes_brings_at_most_two_follow_ups_each_with_the_warning(
    person: Person, service: ConversationService, store: Store, clock: Clock
) -> None:
    await person.agrees()
    [scheduled] = await store.reminders_of(PERSON)
    assert scheduled.kind is ReminderKind.FOLLOWUP and scheduled.status == "scheduled"
    assert scheduled.due_at == MONDAY + timedelta(days=1)  # the same hour tomorrow
    clock.advance(hours=23)
    assert await send(service, store) == []  # not yet
    clock.advance(hours=1)
    [first] = await send(service, store)
    assert "вы просили напомнить" in first and STATUTORY_WARNING in first
    clock.advance(days=3)
    [second] = await send(service, store)
    assert STATUTORY_WARNING in second and "последнее" in second
    clock.advance(days=30)
    assert await send(service, store) == []
    assert await statuses(store) == [("followup", 1, "sent", None), ("followup", 2, "sent", None)]
    rows = await store.reminders_of(PERSON)
    assert all(r.sent_at is not None for r in rows)
    linked = await query(store, "SELECT message_id FROM reminders WHERE user_id = %s", PERSON)
    sent_marks = await query(
        store,
        "SELECT send_status FROM bot_messages WHERE id IN (%s, %s)",
        linked[0][0],
        linked[1][0],
    )
    assert sorted(m[0] for m in sent_marks) == ["sent", "sent"]  # the stored send mark


async def test_mydata_lists_the_scheduled_reminders(
    person: Person, service: ConversationService, store: Store
) -> None:
    await person.agrees()
    [scheduled] = await store.reminders_of(PERSON)
    reply = await person.says("/mydata")
    when = scheduled.due_at.astimezone(ZoneInfo("Europe/Moscow")).strftime("%d.%m в %H:%M")
    assert f"запланированные напоминания — 1 (ближайшее {when} по Москве" in reply.text
    await person.says("не надо напоминать")
    assert "напоминания" not in (await person.says("/mydata")).text


async def test_the_second_follow_up_is_dropped_when_the_first_brought_them_back(
    person: Person, service: ConversationService, store: Store, clock: Clock
) -> None:
    await person.agrees()
    clock.advance(days=1)
    assert len(await send(service, store)) == 1
    clock.advance(hours=2)
    await person.says("Да, актуально. Кредиторов 4")
    clock.advance(days=5)
    assert await send(service, store) == []
    assert await statuses(store) == [
        ("followup", 1, "sent", None),
        ("followup", 2, "cancelled", "replied"),
    ]


# --- 9:00-21:00 in the person's own zone ---------------------------------------------------


@pytest.mark.parametrize(
    ("city", "zone"),
    [
        ("Калининград", "Europe/Kaliningrad"),
        ("Новосибирск", "Asia/Novosibirsk"),
        ("Владивосток", "Asia/Vladivostok"),
    ],
)
async def test_a_follow_up_due_at_night_waits_for_the_persons_morning(
    person: Person,
    service: ConversationService,
    store: Store,
    clock: Clock,
    city: str,
    zone: str,
) -> None:
    await person.agrees(f"Долг 1,3 млн, я из города {city}")
    tz = ZoneInfo(zone)
    [scheduled] = await store.reminders_of(PERSON)
    local_due = scheduled.due_at.astimezone(tz)
    assert 9 <= local_due.hour < 21  # scheduled inside their day
    # the sender was down; it comes back at 22:30 their time
    clock.now = datetime(2026, 3, 3, 22, 30, tzinfo=tz).astimezone(UTC)
    assert await send(service, store) == []
    [moved] = await store.reminders_of(PERSON)
    assert moved.status == "scheduled"
    assert moved.due_at == datetime(2026, 3, 4, 10, 0, tzinfo=tz).astimezone(UTC)
    clock.now = moved.due_at
    [text] = await send(service, store)
    assert STATUTORY_WARNING in text


# --- what stops them ------------------------------------------------------------------------


@pytest.mark.parametrize("stop", ["/stop", "не пишите мне больше"])
async def test_no_follow_up_after_an_opt_out(
    person: Person, service: ConversationService, store: Store, clock: Clock, stop: str
) -> None:
    await person.agrees()
    await person.says(stop)
    assert await statuses(store) == [("followup", 1, "cancelled", "opted_out")]
    await person.says("/start")  # back in the dialogue: the lasting flag still holds
    await person.says("я подумаю")
    clock.advance(days=5)
    assert await send(service, store) == []
    assert await reminder_texts(store) == []


async def test_do_not_remind_cancels_at_once(
    person: Person, service: ConversationService, store: Store, clock: Clock
) -> None:
    await person.agrees()
    reply = await person.says("не надо напоминать")
    assert "не буду напоминать" in reply.text
    assert await statuses(store) == [("followup", 1, "cancelled", "declined")]
    clock.advance(days=5)
    assert await send(service, store) == []


async def test_a_booking_cancels_the_follow_ups(
    person: Person, service: ConversationService, store: Store, clock: Clock
) -> None:
    await person.agrees()
    await person.says("Давайте всё-таки созвонимся, перезвоните мне")
    await person.says("согласна")
    await person.says("+7 916 123-45-67")
    reply = await person.says("вечером")
    assert reply.stage is Stage.BOOKED
    assert await statuses(store) == [("followup", 1, "cancelled", "booked")]
    clock.advance(days=5)
    assert await send(service, store) == []


async def test_forget_deletes_the_reminders(
    person: Person, service: ConversationService, store: Store, clock: Clock
) -> None:
    await person.agrees()
    await person.says("/forget")
    assert await query(store, "SELECT COUNT(*) FROM reminders WHERE user_id = %s", PERSON) == [(0,)]
    clock.advance(days=5)
    assert await send(service, store) == []


async def test_a_crisis_cancels_every_reminder_and_no_offer_follows(
    person: Person, service: ConversationService, store: Store, clock: Clock
) -> None:
    await person.agrees()
    await person.says("я больше не хочу жить")
    assert await statuses(store) == [("followup", 1, "cancelled", "crisis")]
    clock.advance(days=5)
    assert await send(service, store) == []
    assert await reminder_texts(store) == []


# --- the offer after a pause ----------------------------------------------------------------


async def test_a_pause_brings_one_offer_and_a_yes_schedules_the_follow_up(
    person: Person, service: ConversationService, store: Store, clock: Clock
) -> None:
    await person.says("Здравствуйте")
    await person.says("Долг 1,3 млн")
    clock.advance(minutes=29)
    assert await send(service, store) == []
    clock.advance(minutes=2)
    [offer] = await send(service, store)
    assert "напомнить завтра" in offer and offer.count("?") == 1
    clock.advance(minutes=31)
    assert await send(service, store) == []  # once
    reply = await person.says("да")
    assert "напомню" in reply.text
    assert await statuses(store) == [("followup", 1, "scheduled", None)]


async def test_no_pause_offer_at_night_or_after_stop(
    service: ConversationService, store: Store, clock: Clock
) -> None:
    night = Person(service, clock, user_id=PERSON)
    clock.now = datetime(2026, 3, 2, 19, 0, tzinfo=UTC)  # 22:00 in Moscow
    await night.says("Здравствуйте")
    await night.says("Долг 1,3 млн")
    stopped = Person(service, clock, user_id=PERSON + 1)
    await stopped.says("Здравствуйте")
    await stopped.says("/stop")
    await stopped.says("/start")
    await stopped.says("Долг 900 тысяч")
    clock.advance(minutes=40)
    assert await send(service, store) == []
    assert await send(service, store, PERSON + 1) == []


# --- restart and two processes ---------------------------------------------------------------


@pytest.fixture
async def second_store(database_url: str) -> AsyncIterator[Store]:
    other = open_store(database_url)
    await other.connect()
    yield other
    await other.close()


async def test_a_restart_loses_no_reminder(
    person: Person, store: Store, clock: Clock, database_url: str
) -> None:
    await person.agrees()
    await store.close()  # the process stops
    restarted = open_store(database_url)
    await restarted.connect()
    try:
        service = make_service(restarted, clock)
        clock.advance(days=1)
        [handed] = await service.send_due_reminders()
        assert STATUTORY_WARNING in handed.text
        # it crashes again before sending: the next start sends the pending reply, once
        again = make_service(restarted, clock)
        claimed = await again.claim_replies(PERSON, timedelta(minutes=1))
        assert [c.text for c in claimed] == [handed.text]
        assert await again.send_due_reminders() == []
    finally:
        await restarted.close()


async def test_two_processes_never_send_the_same_reminder(
    store: Store, second_store: Store, clock: Clock
) -> None:
    one, two = make_service(store, clock), make_service(second_store, clock)
    people = [Person(one, clock, user_id=PERSON + n) for n in range(4)]
    for someone in people:
        await someone.agrees()
    clock.advance(days=1)
    first, second = await asyncio.gather(one.send_due_reminders(), two.send_due_reminders())
    handed = [r.user_id for r in first + second]
    assert sorted(handed) == [p.user_id for p in people]  # each person once, no one twice
    for someone in people:
        assert len(await reminder_texts(store, someone.user_id)) == 1


# --- the booked call ----------------------------------------------------------------------


async def book(person: Person, call_time: str = "завтра в 15:00") -> None:
    await person.says("Долг 1,3 млн, перезвоните мне")
    await person.says("согласна")
    await person.says("+7 916 123-45-67")
    reply = await person.says(call_time)
    assert reply.stage is Stage.BOOKED


async def lead_events(store: Store, after: datetime) -> list[tuple[str, Any]]:
    due = await store.outbox_due(after + timedelta(days=30), limit=100)
    return [(e.kind, e.payload.get("call_time")) for e in due if e.destination == "webhook"]


async def test_a_call_reminder_an_hour_before_then_moved_then_cancelled(
    person: Person, service: ConversationService, store: Store, clock: Clock
) -> None:
    await book(person)  # Monday 13:00 Moscow: "завтра в 15:00"
    [call] = await store.reminders_of(PERSON)
    assert call.kind is ReminderKind.CALL
    assert call.call_at == datetime(2026, 3, 3, 12, 0, tzinfo=UTC)  # 15:00 Moscow
    assert call.due_at == call.call_at - timedelta(hours=1)
    clock.now = call.due_at
    [text] = await send(service, store)
    assert "юрист планирует позвонить вам сегодня около 15:00 по московскому времени" in text

    clock.advance(minutes=5)
    reply = await person.says("давайте завтра")  # Tuesday: the day moves, the hour stays
    assert "в среду 4 марта в 15:00" in reply.text
    lead = await store.get_lead(PERSON)
    assert lead is not None and lead.call_time == "в среду 4 марта в 15:00"
    assert ("lead.updated", "в среду 4 марта в 15:00") in await lead_events(store, clock.now)
    moved = [r for r in await store.reminders_of(PERSON) if r.status == "scheduled"]
    assert [r.call_at for r in moved] == [datetime(2026, 3, 4, 12, 0, tzinfo=UTC)]

    clock.advance(minutes=5)
    reply = await person.says("не смогу")
    assert "отменила" in reply.text
    lead = await store.get_lead(PERSON)
    assert lead is not None and lead.call_time is None
    assert "отменил звонок" in lead.summary
    assert ("lead.updated", None) in await lead_events(store, clock.now)
    assert [s[2:] for s in await statuses(store)] == [
        ("sent", None),
        ("cancelled", "call_cancelled"),
    ]
    clock.advance(days=3)
    assert await send(service, store) == []


async def test_a_call_time_without_an_hour_gets_no_call_reminder(
    person: Person, store: Store
) -> None:
    await book(person, "завтра вечером")
    assert await store.reminders_of(PERSON) == []


# --- the Telegram front -----------------------------------------------------------------------


async def test_the_telegram_front_sends_a_due_reminder_and_marks_it_sent(
    person: Person, service: ConversationService, store: Store, clock: Clock
) -> None:
    await person.agrees()
    client = FakeClient()
    adapter = make_adapter(client, service, wall_clock=clock)
    try:
        clock.advance(days=1)
        assert await send_reminders(SimpleNamespace(service=service), adapter) == 1
        [text] = client.replies_to(PERSON)
        assert STATUTORY_WARNING in text
        marks = await query(
            store,
            "SELECT send_status FROM bot_messages WHERE user_id = %s AND direction = 'out'"
            " ORDER BY id DESC LIMIT 1",
            PERSON,
        )
        assert marks == [("sent",)]
        assert await send_reminders(SimpleNamespace(service=service), adapter) == 0
        assert len(client.replies_to(PERSON)) == 1
    finally:
        await adapter.close()


# --- QA can see time pass: chat --now and /_wait ------------------------------------------------


async def test_chat_now_fixes_the_clock_and_wait_prints_what_is_sent(tmp_path) -> None:
    import io
    import json

    from credit_expert.chat import run_chat
    from credit_expert.cli import build_parser
    from credit_expert.config import load_settings

    settings = load_settings(
        env={"DATABASE_URL": f"sqlite:///{tmp_path / 'chat.db'}", "DATA_DIR": str(tmp_path)},
        dotenv=False,
    )
    args = build_parser().parse_args(["chat", "--now", "2026-03-02T19:30:00"])
    assert args.now == datetime(2026, 3, 2, 19, 30, tzinfo=UTC)  # no zone: UTC
    lines = ["Здравствуйте", "Долг 1,3 млн", "я подумаю", "да", "/_wait 23h", "/_wait 1d"]
    lines += ["/_wait 3d", "/_wait 1w"]
    out = io.StringIO()
    moment = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)
    await run_chat(
        settings, json_mode=True, stdin=io.StringIO("\n".join(lines) + "\n"), stdout=out, now=moment
    )
    turns = [json.loads(line) for line in out.getvalue().splitlines()]
    assert len(turns) == len(lines)  # one JSON line per input line, /_wait included
    assert "напомню" in turns[3]["reply"]
    assert turns[4]["reply"] == "" and turns[4]["now"] == "2026-03-03T09:00:00+00:00"
    [first] = turns[5]["sent"]
    assert first["at"] == "2026-03-03T10:00:00+00:00"  # the same hour the next day
    assert STATUTORY_WARNING in first["text"] and turns[5]["reply"] == first["text"]
    assert turns[5]["stage"] == "qualification" and turns[5]["writer"] == "script"
    [second] = turns[6]["sent"]
    assert second["at"] == "2026-03-06T10:00:00+00:00" and "последнее" in second["text"]
    assert "error" in turns[7] and "/_wait" in turns[7]["error"]
