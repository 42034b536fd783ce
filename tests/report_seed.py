"""A day of dialogues for the funnel report: real turns through the conversation service
(the scripted writer, one person through the LLM writer against the local fake server),
on a clock that moves two minutes per message. Shared by tests/test_report.py and the
behave scenario of the sales manager's morning.

What the day holds (24 Nov 2026, Moscow; one more person the day before):

| person | source | path | end |
|---|---|---|---|
| 501 | vk-debt2026-story | step by step, a price doubt, offer | booked 10:22, `contract` |
| 502 | site-button | everything in one message, offer, booking | booked at 10:40 (10 min) |
| 503 | vk-debt2026-story | everything in one message, offer, "я подумаю" | offer |
| 504 | — | asks whether the flat is taken | qualification |
| 505 | — | a small debt | not_a_fit |
| 506 | — | /stop | opted_out |
| 507 | — | LLM writer; its first answer is refused (a guarantee) | qualification |
| 500 | — | 23 Nov, a greeting only | greeting |
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from credit_expert.config import Settings, load_settings
from credit_expert.conversation import ConversationService, ConversationSettings
from credit_expert.llm_writer import LLMWriter
from credit_expert.models import Incoming, Reply, Stage, Written
from credit_expert.scripted_writer import ScriptedWriter
from credit_expert.store.base import Store
from tests.fake_openai_server import FakeOpenAIServer, guarantee

MSK = timedelta(hours=3)
DAY = datetime(2026, 11, 24, tzinfo=UTC)  # the report's day (Moscow midnight is 21:00 UTC before)
STEP = timedelta(minutes=2)

BOOKING_BY_STEPS = [
    "/start vk-debt2026-story",
    "Долг 1,5 млн, 4 банка, полгода не плачу",
    "сколько стоит?",
    "приставов нет, работаю официально",
    "нет",
    "нет",
    "нет",
    "Москва",
    "да",
    "да",
    "+79161234567",
    "завтра в 10",
]
ALL_AT_ONCE = (
    "Долг 1,2 млн, 3 банка, год не плачу, приставов нет, работаю официально,"
    " имущества нет, ипотеки нет, сделок не было, Казань"
)
DIALOGUES: dict[int, tuple[str, list[str]]] = {
    # person: (start, Moscow time "HH:MM" on DAY), messages
    501: ("10:00", BOOKING_BY_STEPS),
    502: ("10:30", ["/start site-button", ALL_AT_ONCE, "да", "да", "+79031234567", "после 18"]),
    503: ("11:00", ["/start vk-debt2026-story", ALL_AT_ONCE, "я подумаю"]),
    504: ("11:30", ["Здравствуйте", "а квартиру заберут?"]),
    505: ("12:00", ["Здравствуйте", "долг 20 тысяч, просрочка 1 месяц, работаю официально"]),
    506: ("12:30", ["Здравствуйте", "/stop"]),
}
LLM_PERSON = 507
LLM_DIALOGUE = ("13:00", ["Здравствуйте", "долг 800 тысяч, 3 банка", "а квартиру заберут?"])
DAY_BEFORE_PERSON = 500


class Clock:
    def __init__(self) -> None:
        self.now = DAY

    def __call__(self) -> datetime:
        return self.now


@dataclass
class Seeded:
    """What the test knows independently of the database: the observer's tally."""

    replies: dict[int, list[Reply]] = field(default_factory=dict)
    written: dict[int, list[Written]] = field(default_factory=dict)  # by person
    booked_at: dict[int, datetime] = field(default_factory=dict)
    started_at: dict[int, datetime] = field(default_factory=dict)


class Tally:
    """The service's TurnObserver: every Written, as the writer returned it."""

    def __init__(self, seeded: Seeded) -> None:
        self.seeded = seeded

    def turn_finished(self, reply: Reply, written: Written, seconds: float) -> None:
        self.seeded.written.setdefault(reply.user_id, []).append(written)


def at_moscow(day: datetime, hhmm: str) -> datetime:
    hours, minutes = (int(p) for p in hhmm.split(":"))
    return day + timedelta(hours=hours, minutes=minutes) - MSK


def settings() -> ConversationSettings:
    return ConversationSettings("https://example.com/privacy", "2025-09-01")


async def talk(
    service: ConversationService,
    clock: Clock,
    seeded: Seeded,
    person: int,
    start: datetime,
    messages: list[str],
) -> None:
    clock.now = start
    seeded.started_at[person] = start
    replies = seeded.replies.setdefault(person, [])
    for number, text in enumerate(messages, 1):
        incoming = Incoming(person, person, number, text, clock.now, first_name="Анна")
        reply = await service.handle(incoming)
        assert reply is not None
        replies.append(reply)
        if reply.stage is Stage.BOOKED and person not in seeded.booked_at:
            seeded.booked_at[person] = clock.now
        clock.now += STEP


async def seed_day(store: Store, llm_server: FakeOpenAIServer) -> Seeded:
    seeded = Seeded()
    clock = Clock()
    tally = Tally(seeded)
    scripted = ConversationService(store, ScriptedWriter(), settings(), clock=clock, observer=tally)
    day_before = at_moscow(DAY - timedelta(days=1), "18:00")
    await talk(scripted, clock, seeded, DAY_BEFORE_PERSON, day_before, ["Здравствуйте"])
    for person, (start, messages) in DIALOGUES.items():
        await talk(scripted, clock, seeded, person, at_moscow(DAY, start), messages)
    await store.record_outcome(501, "contract", clock.now, ())

    writer = LLMWriter(llm_settings(llm_server), fallback=ScriptedWriter())
    try:
        llm = ConversationService(store, writer, settings(), clock=clock, observer=tally)
        llm_server.enqueue(guarantee())  # its first answer promises a result: refused
        start, messages = LLM_DIALOGUE
        await talk(llm, clock, seeded, LLM_PERSON, at_moscow(DAY, start), messages)
    finally:
        await writer.close()
    return seeded


def llm_settings(server: FakeOpenAIServer) -> Settings:
    return load_settings(
        env={
            "OPENAI_API_KEY": "test-key",
            "OPENAI_BASE_URL": server.base_url,
            "OPENAI_MODEL": "fake-model",
            "LLM_TIMEOUT": "5",
            "PRIVACY_POLICY_URL": "https://example.com/privacy",
        },
        dotenv=False,
    )


def day_bounds() -> tuple[datetime, datetime]:
    """[since, until) of DAY in Moscow, as `report --since/--until 2026-11-24` reads it."""
    since = datetime(2026, 11, 24, tzinfo=ZoneInfo("Europe/Moscow"))
    return since, since + timedelta(days=1)
