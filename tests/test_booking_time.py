"""The booked call time (the lawyer's findings 37-39, 41): read cleanly, confirmed with its
zone and Moscow's clock, corrected after the booking, and never said twice."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from credit_expert.conversation import (
    ConversationService,
    ConversationSettings,
    call_time_fields,
    lead_card,
)
from credit_expert.destinations.bitrix24 import lead_comments
from credit_expert.destinations.managers_chat import format_lead_card
from credit_expert.destinations.webhook import LEAD_FIELDS
from credit_expert.models import (
    Ask,
    Event,
    Incoming,
    ObjectionKind,
    SessionState,
    Slots,
    Stage,
    Topic,
    TurnPlan,
    WriteRequest,
)
from credit_expert.office_hours import DEFAULT_HOURS, call_window, zoned_call_time
from credit_expert.scripted_writer import ScriptedWriter
from credit_expert.store.base import Lead, Store
from credit_expert.understanding import understand
from credit_expert.understanding.call_time import corrected_call_time

NOW = datetime(2026, 3, 3, 8, 0, tzinfo=UTC)  # a Tuesday, 11:00 in Moscow
NIGHT = datetime(2026, 3, 3, 23, 0, tzinfo=UTC)  # 2:00 on Wednesday in Moscow


# --- reading: one clean phrase, only the times the person can talk (finding 38) ----------


@pytest.mark.parametrize(
    ("said", "expected", "call_time"),
    [
        ("после обеда, утром не могу", Ask.CALL_TIME, "после обеда"),
        ("утром нельзя, лучше после обеда", Ask.CALL_TIME, "после обеда"),
        ("не утром, после обеда", Ask.CALL_TIME, "после обеда"),
        ("днём я на работе, лучше вечером", Ask.CALL_TIME, "вечером"),
        (
            "я на вахте до 20 числа, звоните после 21-го, часов в 6 вечера по мск",
            Ask.CALL_TIME,
            "после 21-го числа в 18:00",
        ),
        ("21 марта в 10 утра", Ask.CALL_TIME, "21 марта в 10:00"),
        # after the booking a time alone corrects it (finding 39)
        ("с 10 до 12 по иркутскому времени", Ask.ANYTHING_ELSE, "с 10:00 до 12:00"),
        ("завтра в 11", Ask.ANYTHING_ELSE, "завтра в 11:00"),
        ("завтра с утра", Ask.ANYTHING_ELSE, "завтра с утра"),
        ("после 17 по местному", Ask.ANYTHING_ELSE, "после 17:00"),
        # ...and nothing else does
        ("спасибо, всё понятно", Ask.ANYTHING_ELSE, None),
        ("а в 2 банках ещё долг, это важно?", Ask.ANYTHING_ELSE, None),
        ("около 5", Ask.CREDITORS, None),
    ],
)
def test_the_call_time_is_read_as_one_clean_phrase(
    said: str, expected: Ask, call_time: str | None
) -> None:
    assert understand(said, expected=expected).slots.call_time == call_time


def test_a_correction_keeps_what_it_leaves_out() -> None:
    assert corrected_call_time("завтра", "с 10:00 до 12:00") == "завтра с 10:00 до 12:00"
    assert corrected_call_time("в среду 4 марта в 15:00", "в 17:00") == "в среду 4 марта в 17:00"
    assert corrected_call_time("завтра в 15:00", "в пятницу") == "в пятницу в 15:00"
    assert corrected_call_time("завтра в 15:00", "в пятницу утром") == "в пятницу утром"
    assert corrected_call_time(None, "в 17:00") == "в 17:00"


# --- the zone and Moscow's clock (finding 37) ---------------------------------------------


@pytest.mark.parametrize(
    ("call_time", "zone", "local", "said"),
    [
        (
            "в будни днём в 14:00",
            "Asia/Novosibirsk",
            False,
            "в будни днём в 14:00 по новосибирскому времени (в 10:00 по Москве)",
        ),
        (
            "с 10:00 до 12:00",
            "Asia/Irkutsk",
            False,
            "с 10:00 до 12:00 по иркутскому времени (с 5:00 до 7:00 по Москве)",
        ),
        (
            "после 17:00",
            "Asia/Yekaterinburg",
            True,
            "после 17:00 по местному (екатеринбургскому) времени (после 15:00 по Москве)",
        ),
        (
            "в любой день после обеда",
            "Asia/Yekaterinburg",
            True,
            "в любой день после обеда по местному (екатеринбургскому) времени",
        ),
        ("в 11:00", None, False, "в 11:00 по московскому времени"),
        ("после 18:00", "Europe/Moscow", True, "после 18:00 по московскому времени"),
        ("в 11:00", None, True, "в 11:00 по местному времени"),
        ("завтра", "Asia/Irkutsk", False, "завтра"),  # a day is the same day everywhere
        ("вечером", None, False, "вечером"),
    ],
)
def test_the_call_time_is_said_with_its_zone(
    call_time: str, zone: str | None, local: bool, said: str
) -> None:
    assert zoned_call_time(call_time, zone, local, NOW) == said


def test_a_time_after_an_hour_is_no_any_moment_at_night() -> None:
    """ "в любое время после 14" at 2 a.m. was confirmed as "с 9:00" (finding 38)."""
    sentence = call_window(DEFAULT_HOURS, NIGHT, "в любое время после 14:00")
    assert "9:00" not in sentence.replace("с 9:00 до 19:00", "")
    assert sentence.startswith("Юристы звонят")
    assert "первый рабочий час" in call_window(DEFAULT_HOURS, NIGHT, "в любое время")


# --- the lead card ----------------------------------------------------------------------

LEAD = Lead(
    user_id=7,
    phone="+79132456781",
    debt_total=600_000,
    creditors_count=2,
    verdict="court",
    call_time="в будни днём в 14:00",
    region="Новосибирск",
    source=None,
    first_name="Ольга",
    consent_at=None,
    consent_version=None,
    summary="",
)


def test_the_lead_card_carries_the_zone_and_moscow_time() -> None:
    state = SessionState(stage=Stage.BOOKED, call_tz="Asia/Novosibirsk")
    card = lead_card(LEAD, state, NOW)
    assert card["call_time"] == "в будни днём в 14:00"  # as said
    assert card["call_tz"] == "Asia/Novosibirsk"
    assert card["call_time_msk"] == "в будни днём в 10:00"
    text = "в будни днём в 14:00 по новосибирскому времени (в 10:00 по Москве)"
    assert card["call_time_text"] == text
    assert f"Когда звонить: {text}" in format_lead_card("lead.booked", card)
    assert f"Когда звонить: {text}" in lead_comments(card)
    assert {"call_tz", "call_time_msk", "call_time_text"} <= set(LEAD_FIELDS)


def test_without_a_named_zone_the_region_gives_it() -> None:
    state = SessionState(stage=Stage.BOOKED, slots=Slots(region="Новосибирск"))
    fields = call_time_fields("в 14:00", state, NOW)
    assert fields["call_tz"] == "Asia/Novosibirsk" and fields["call_time_msk"] == "в 10:00"
    said = "в 14:00 по местному (новосибирскому) времени (в 10:00 по Москве)"
    assert fields["call_time_text"] == said
    assert call_time_fields(None, state, NOW)["call_tz"] is None
    # no zone known at all: the time is Moscow's, and the card says so
    alone = call_time_fields("в 14:00", None, NOW)
    assert alone["call_tz"] == "Europe/Moscow" and alone["call_time_msk"] == "в 14:00"


# --- the dialogue: booked, then corrected (finding 39) -------------------------------------


@pytest.fixture
def service(sqlite_store: Store) -> ConversationService:
    return ConversationService(
        sqlite_store,
        ScriptedWriter(),
        ConversationSettings(privacy_policy_url="https://example.com/privacy", consent_version="1"),
        clock=lambda: NOW,
    )


async def talk(service: ConversationService, *texts: str) -> list[str]:
    replies = []
    for n, text in enumerate(texts, start=1):
        incoming = Incoming(user_id=11, chat_id=11, message_id=n, text=text, at=NOW)
        reply = await service.handle(incoming)
        assert reply is not None
        replies.append(reply.text)
    return replies


async def test_a_named_zone_is_confirmed_with_moscow_time(service: ConversationService) -> None:
    *_, booked = await talk(
        service,
        "Долг 600 тысяч, 2 банка, пусть юрист позвонит",
        "да, согласна",
        "8 913 245-67-81",
        "в будни днём, часа в 2 по новосибирскому",
    )
    # ("днём" chose the half of the hour: the clock time says it all)
    assert "в будни в 14:00 по новосибирскому времени (в 10:00 по Москве)" in booked


async def test_a_new_time_after_the_booking_updates_the_lead(
    service: ConversationService, sqlite_store: Store
) -> None:
    *_, booked, corrected = await talk(
        service,
        "Долг 1,8 млн, 7 кредиторов, позвоните мне завтра",
        "согласен",
        "+7 952 700 11 22",
        "с 10 до 12 по иркутскому времени",
    )
    assert "время — завтра." in booked
    assert corrected.startswith("Обновила запись")
    assert "завтра с 10:00 до 12:00 по иркутскому времени (с 5:00 до 7:00 по Москве)" in corrected
    assert "звонка не будет" in corrected  # 5-7 in Moscow: before the lawyers start
    lead = await sqlite_store.get_lead(11)
    assert lead is not None and lead.call_time == "завтра с 10:00 до 12:00"
    events = await sqlite_store.outbox_due(NOW + timedelta(seconds=1), limit=50)
    updated = [e for e in events if e.kind == "lead.updated"]
    assert updated, [e.kind for e in events]
    assert updated[-1].payload["call_tz"] == "Asia/Irkutsk"
    assert updated[-1].payload["call_time_msk"] == "завтра с 5:00 до 7:00"


async def test_the_same_time_in_a_named_zone_is_confirmed(service: ConversationService) -> None:
    *_, restated = await talk(
        service,
        "Долг 2 млн, 6 банков, звоните после 5 вечера",
        "согласен",
        "89220001122",
        "после 17 по местному",
    )
    assert restated.startswith("Обновила запись") and "по местному" in restated


# --- one thought once (finding 41) ---------------------------------------------------------


def test_a_doubt_about_an_answered_question_is_not_answered_twice() -> None:
    plan = TurnPlan(
        stage=Stage.QUALIFICATION,
        previous_stage=Stage.QUALIFICATION,
        ask=Ask.MONTHS_OVERDUE,
        objection=ObjectionKind.TRUST,
        topic=Topic.GUARANTEE,
        answers=(Topic.GUARANTEE,),
        repeated=(Topic.GUARANTEE,),
    )
    request = WriteRequest(
        plan=plan, state=SessionState(stage=Stage.QUALIFICATION, turns=3), user_text=""
    )
    text, picked = ScriptedWriter().compose_with_variants(request)
    assert any(p.startswith("answer.guarantee") for p in picked)
    assert not any(p.startswith("topic.guarantee") for p in picked), picked
    assert text.count("обещ") == 1, text
    assert Event.BOOKED not in plan.events


@pytest.mark.parametrize(
    ("said", "zone"),
    [
        ("в субботу в 11 по саратову", "Europe/Saratov"),
        ("после 19 по кургану", "Asia/Yekaterinburg"),
        ("звоните в 12 по тамбову", "Europe/Moscow"),
    ],
)
def test_any_listed_city_after_po_names_the_zone_not_the_region(said: str, zone: str) -> None:
    reading = understand(said, Ask.CALL_TIME)
    assert reading.call_tz == zone
    assert reading.slots.region is None


def test_a_word_that_is_no_place_after_po_names_no_zone() -> None:
    assert understand("в 10 по кредиту", Ask.CALL_TIME).call_tz is None


def test_the_first_zone_named_is_the_calls_and_the_restated_one_is_not() -> None:
    reading = understand("в 11 по калининграду, это 12 по москве", Ask.CALL_TIME)
    assert reading.call_tz == "Europe/Kaliningrad"
    assert reading.slots.call_time == "в 11:00"


@pytest.mark.parametrize(
    ("said", "call_time"),
    [
        # the part of the day chose the half; written back, the clock time says it all
        ("вечером часов в 8 по самарскому времени", "в 20:00"),
        ("вечером в 8", "в 20:00"),
        ("утром в 8", "в 8:00"),
        ("в 8 вечером", "в 20:00"),
        ("сегодня вечером или завтра утром в 10", "сегодня вечером или завтра утром в 10:00"),
    ],
)
def test_the_part_of_the_day_names_the_half_of_the_hour(said: str, call_time: str) -> None:
    assert understand(said, Ask.CALL_TIME).slots.call_time == call_time


@pytest.mark.parametrize(
    ("said", "zone"),
    [
        # blind batch 37: the first time with its own zone is the call's; "по москве это 3
        # ночи" restates it on Moscow's clock, and "3 ночи" is no second time
        ("в 10 утра по владику, по москве это 3 ночи", "Asia/Vladivostok"),
        ("в 10 по владивостоку, по москве это в 3 ночи", "Asia/Vladivostok"),
        ("в 10 утра, по москве это 3 ночи", "local"),
        ("в 10 утра (3 ночи по мск)", "local"),
        ("в 9 по новосибу, по мск это будет 5 утра", "Asia/Novosibirsk"),
    ],
)
def test_a_time_restated_in_moscow_after_it_is_not_the_call_time(said: str, zone: str) -> None:
    reading = understand(said, Ask.CALL_TIME)
    assert reading.call_tz == zone
    assert reading.slots.call_time in ("в 10:00", "в 9:00")
    assert reading.slots.region is None


async def test_a_restated_night_time_is_booked_in_the_persons_zone_and_flagged(
    service: ConversationService, sqlite_store: Store
) -> None:
    *_, booked = await talk(
        service,
        "Долг 2 млн, 7 банков, 4 месяца не плачу, владивосток, звоните",
        "согласен",
        "89242003344",
        "в 10 утра по владику, по москве это 3 ночи",
    )
    assert "в 10:00 по владивостокскому времени (в 3:00 по Москве)" in booked, booked
    assert "звонка не будет" in booked
    assert "по московскому времени." not in booked.split("Юристы")[0]
    events = await sqlite_store.outbox_due(NOW + timedelta(seconds=1), limit=50)
    card = next(e for e in events if e.kind == "lead.booked").payload
    assert card["call_tz"] == "Asia/Vladivostok"
    assert card["call_time_msk"] == "в 3:00"
    assert card["call_outside_hours"] is True


# --- a part of the day on Moscow's clock (blind batch 37, row 16) ------------------------


def test_a_part_of_the_day_is_moved_to_moscow_as_its_span() -> None:
    state = SessionState(stage=Stage.BOOKED, slots=Slots(region="Хабаровск"))
    fields = call_time_fields("в четверг днём", state, NOW)
    assert fields["call_time_msk"] == "в четверг с 5:00 до 10:00"
    said = (
        "в четверг днём по местному (владивостокскому) времени (примерно с 5:00 до 10:00 по Москве)"
    )
    assert fields["call_time_text"] == said
    # 9:00–10:00 by Moscow is inside the hours: no flag, and the reply says none
    assert fields["call_outside_hours"] is False
    assert "звонка не будет" not in call_window(
        DEFAULT_HOURS, NOW, "в четверг днём", "Asia/Vladivostok"
    )


def test_a_part_of_the_day_wholly_outside_the_hours_is_flagged_and_said() -> None:
    state = SessionState(stage=Stage.BOOKED, slots=Slots(region="Владивосток"))
    fields = call_time_fields("завтра утром", state, NOW)  # 8–12 there: 1:00–5:00 by Moscow
    assert fields["call_outside_hours"] is True
    told = call_window(DEFAULT_HOURS, NOW, "завтра утром", "Asia/Vladivostok")
    assert "звонка не будет" in told
    # where the clocks agree the part of the day stays as said
    moscow = call_time_fields("вечером", SessionState(stage=Stage.BOOKED), NOW)
    assert moscow["call_time_msk"] is None and moscow["call_outside_hours"] is False
