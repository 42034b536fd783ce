"""The rules of reminders, pure: day windows in several zones, due times, the call moment,
what a due reminder does, and which answers count as agreement."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from credit_expert.followups import (
    FollowupSettings,
    ReminderWords,
    call_moment,
    call_reminder_due,
    daytime,
    decide_pause_offer,
    decide_reminder,
    followup_due,
    next_daytime,
    person_zone,
    when_phrase,
)
from credit_expert.models import (
    Ask,
    Reminder,
    ReminderContext,
    ReminderKind,
    SessionState,
    Slots,
    Stage,
)
from credit_expert.office_hours import DEFAULT_HOURS
from credit_expert.policy import call_zone
from credit_expert.scripted_writer import STATUTORY_WARNING, ScriptedWriter
from credit_expert.understanding import understand
from credit_expert.understanding.call_time import dated_call_time, moved_call_time

MSK = ZoneInfo("Europe/Moscow")
WORDS = ReminderWords(ScriptedWriter())
SETTINGS = FollowupSettings()


def local(zone: str, *args: int) -> datetime:
    return datetime(*args, tzinfo=ZoneInfo(zone)).astimezone(UTC)


# --- the day window, in the person's zone -------------------------------------------------


@pytest.mark.parametrize(
    ("utc_hour", "zone", "day"),
    [
        (6, "Europe/Kaliningrad", False),  # 08:00 there
        (6, "Europe/Moscow", True),  # 09:00
        (6, "Asia/Novosibirsk", True),  # 13:00
        (6, "Asia/Vladivostok", True),  # 16:00
        (12, "Asia/Vladivostok", False),  # 22:00
        (12, "Asia/Novosibirsk", True),  # 19:00
        (18, "Europe/Moscow", False),  # 21:00: closed, the window is 9:00-21:00
        (18, "Europe/Kaliningrad", True),  # 20:00
        (18, "Asia/Kamchatka", False),  # 06:00 next day
    ],
)
def test_the_day_window_is_9_to_21_in_the_persons_zone(utc_hour: int, zone: str, day: bool):
    assert daytime(datetime(2026, 3, 2, utc_hour, tzinfo=UTC), zone) is day


@pytest.mark.parametrize("zone", ["Europe/Kaliningrad", "Europe/Moscow", "Asia/Vladivostok"])
def test_outside_the_window_the_next_moment_is_10_in_the_morning(zone: str) -> None:
    late = local(zone, 2026, 3, 2, 22, 15)
    early = local(zone, 2026, 3, 2, 6, 40)
    assert next_daytime(late, zone) == local(zone, 2026, 3, 3, 10, 0)
    assert next_daytime(early, zone) == local(zone, 2026, 3, 2, 10, 0)
    noon = local(zone, 2026, 3, 2, 12, 0)
    assert next_daytime(noon, zone) == noon


def test_the_zone_is_the_region_first_then_the_named_one_then_moscow() -> None:
    assert person_zone(SessionState()) == "Europe/Moscow"
    novosibirsk = SessionState(slots=Slots(region="Новосибирск"), call_tz="Europe/Moscow")
    assert person_zone(novosibirsk) == "Asia/Novosibirsk"  # lives there
    assert call_zone(novosibirsk) == "Europe/Moscow"  # but named the call time by Moscow
    assert person_zone(SessionState(call_tz="Asia/Yekaterinburg")) == "Asia/Yekaterinburg"
    by_local = SessionState(slots=Slots(region="Владивосток"), call_tz="local")
    assert call_zone(by_local) == "Asia/Vladivostok"


def test_a_follow_up_comes_the_same_hour_days_later_within_that_days_window() -> None:
    zone = "Europe/Moscow"
    assert followup_due(local(zone, 2026, 3, 2, 14, 5), 1, zone) == local(zone, 2026, 3, 3, 14, 5)
    # "завтра" said late at night still means tomorrow, in the evening
    assert followup_due(local(zone, 2026, 3, 2, 22, 30), 1, zone) == local(zone, 2026, 3, 3, 19)
    assert followup_due(local(zone, 2026, 3, 2, 3, 0), 3, zone) == local(zone, 2026, 3, 5, 10)
    assert [when_phrase(d) for d in (1, 2, 3, 5)] == [
        "завтра",
        "послезавтра",
        "через 3 дня",
        "через 5 дней",
    ]


# --- the booked call ----------------------------------------------------------------------

MONDAY_NOON = local("Europe/Moscow", 2026, 3, 2, 12, 0)  # 2026-03-02 is a Monday


@pytest.mark.parametrize(
    ("call_time", "expected", "after"),
    [
        ("завтра в 15:00", (2026, 3, 3, 15, 0), False),
        ("в 15:00", (2026, 3, 2, 15, 0), False),  # today, still ahead
        ("в 10:00", (2026, 3, 3, 10, 0), False),  # passed today: tomorrow
        ("послезавтра около 11:30", (2026, 3, 4, 11, 30), False),
        ("в пятницу в 9:30", (2026, 3, 6, 9, 30), False),
        ("в понедельник в 10:00", (2026, 3, 9, 10, 0), False),  # today's 10:00 has passed
        ("после 18:00", (2026, 3, 2, 18, 0), True),
    ],
)
def test_a_concrete_call_time_gives_the_moment_of_the_call(call_time, expected, after) -> None:
    moment = call_moment(call_time, MONDAY_NOON, "Europe/Moscow")
    assert moment is not None
    assert moment.at == local("Europe/Moscow", *expected)
    assert moment.after is after


@pytest.mark.parametrize(
    "call_time",
    ["завтра утром", "вечером", "сегодня вечером или завтра в 10:00", "сегодня в 10:00"],
)
def test_no_moment_without_a_concrete_hour_still_ahead(call_time: str) -> None:
    assert call_moment(call_time, MONDAY_NOON, "Europe/Moscow") is None


def test_the_call_reminder_comes_an_hour_before_inside_the_day_and_office_hours() -> None:
    zone = "Europe/Moscow"
    call = local(zone, 2026, 3, 3, 15, 0)
    assert call_reminder_due(call, MONDAY_NOON, zone, DEFAULT_HOURS) == local(zone, 2026, 3, 3, 14)
    # 10:30 Moscow for a person in Kaliningrad: an hour before is 8:30 there, night,
    # so the reminder comes at 9:00 theirs; an hour earlier call gets none at all
    early = local(zone, 2026, 3, 3, 10, 30)
    kaliningrad = call_reminder_due(early, MONDAY_NOON, "Europe/Kaliningrad", DEFAULT_HOURS)
    assert kaliningrad == local("Europe/Kaliningrad", 2026, 3, 3, 9, 0)
    earlier = early - timedelta(hours=1)
    assert call_reminder_due(earlier, MONDAY_NOON, "Europe/Kaliningrad", DEFAULT_HOURS) is None
    # Saturday: lawyers do not call (OFFICE_HOURS), so no reminder promises a call
    saturday = local(zone, 2026, 3, 7, 12, 0)
    assert call_reminder_due(saturday, MONDAY_NOON, zone, DEFAULT_HOURS) is None
    # booked 40 minutes before the call: no reminder
    soon = MONDAY_NOON + timedelta(minutes=40)
    assert call_reminder_due(soon, MONDAY_NOON, zone, DEFAULT_HOURS) is None


def test_moving_the_day_keeps_the_hour() -> None:
    assert moved_call_time("в 15:00", "завтра") == "завтра в 15:00"
    assert moved_call_time("завтра около 11:30", "в пятницу") == "в пятницу около 11:30"
    assert moved_call_time("в 15:00", "завтра в 17:00") == "завтра в 17:00"
    assert moved_call_time("в 15:00", "завтра утром") == "завтра утром"
    assert moved_call_time(None, "завтра") == "завтра"
    tuesday = datetime(2026, 3, 3).date()
    assert dated_call_time("завтра в 15:00", tuesday) == "в среду 4 марта в 15:00"
    assert dated_call_time("в пятницу после 18:00", tuesday) == "в пятницу после 18:00"
    moment = call_moment(
        "в среду 4 марта в 15:00", MONDAY_NOON + timedelta(days=1), "Europe/Moscow"
    )
    assert moment is not None and moment.at == local("Europe/Moscow", 2026, 3, 4, 15, 0)


# --- which answers agree ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "answer"),
    [
        ("да", True),
        ("Да!", True),
        ("давайте", True),
        ("да, напомните завтра, спасибо", True),
        ("хорошо", True),
        ("угу", True),
        ("нет", False),
        ("нет, спасибо", False),
        ("не надо", False),
        ("да нет наверное", None),  # hedged: no agreement
        ("да, а сколько стоит?", None),  # a question: no agreement
        ("не знаю", None),
        ("может быть", None),
        ("наверное да", None),
        ("а вы кто?", None),
    ],
)
def test_only_a_clear_yes_is_agreement(text: str, answer: bool | None) -> None:
    assert understand(text, expected=Ask.FOLLOWUP).plain_answer is answer


@pytest.mark.parametrize(
    ("text", "stops", "cancels"),
    [
        ("не надо напоминать", True, False),
        ("не напоминайте мне больше", True, False),
        ("не смогу", False, True),
        ("Не смогу, извините", False, True),
        ("отмените звонок, пожалуйста", False, True),
        ("не смогу платить по кредиту", False, False),
        ("спасибо", False, False),
    ],
)
def test_stopping_reminders_and_calling_the_call_off(text: str, stops: bool, cancels: bool):
    reading = understand(text)
    assert (reading.stop_reminders, reading.call_cancel) == (stops, cancels)


# --- what a due reminder does -------------------------------------------------------------

AGREED_AT = local("Europe/Moscow", 2026, 3, 2, 13, 0)


def reminder(attempt: int = 1, kind: ReminderKind = ReminderKind.FOLLOWUP, **kw) -> Reminder:
    defaults = dict(
        id=1,
        user_id=7,
        kind=kind,
        attempt=attempt,
        due_at=AGREED_AT + timedelta(days=1),
        status="scheduled",
        created_at=AGREED_AT,
    )
    return Reminder(**{**defaults, **kw})


def context(state: SessionState, due: Reminder | None = None, **kw) -> ReminderContext:
    defaults = dict(
        reminder=due if due is not None else reminder(),
        state=state,
        updated_at=AGREED_AT,
        last_incoming_at=AGREED_AT,
        unanswered=False,
        held=False,
    )
    return ReminderContext(**{**defaults, **kw})


THINKING = SessionState(stage=Stage.QUALIFICATION, followup="agreed", turns=4)
NEXT_DAY = AGREED_AT + timedelta(days=1)


def decide(ctx: ReminderContext, now: datetime = NEXT_DAY):
    return decide_reminder(ctx, now, SETTINGS, DEFAULT_HOURS, WORDS)


def test_a_due_follow_up_is_a_neutral_reminder_with_the_warning_verbatim() -> None:
    action = decide(context(THINKING))
    assert STATUTORY_WARNING in action.text
    assert "вы просили напомнить" in action.text
    assert "не надо напоминать" in action.text  # how to stop, every time
    assert action.state is not None and action.state.last_reply == action.text
    [second] = action.schedule  # at most two: the second is scheduled when the first goes
    assert second.attempt == 2 and second.due_at == NEXT_DAY + timedelta(days=3)
    last = decide(context(THINKING, reminder(attempt=2)), NEXT_DAY + timedelta(days=3))
    assert STATUTORY_WARNING in last.text and "последнее" in last.text
    assert last.schedule == ()


@pytest.mark.parametrize(
    ("state", "reason"),
    [
        (dataclasses.replace(THINKING, opted_out_ever=True), "opted_out"),
        (dataclasses.replace(THINKING, crisis=True), "crisis"),
        (dataclasses.replace(THINKING, stage=Stage.BOOKED), "booked"),
        (dataclasses.replace(THINKING, followup="declined"), "declined"),
        (dataclasses.replace(THINKING, stage=Stage.NOT_A_FIT), "not_a_fit"),
    ],
)
def test_a_follow_up_is_never_sent_after_stop_crisis_booking_or_no(state, reason) -> None:
    assert decide(context(state)).cancel == reason
    assert decide(context(state)).text == ""


def test_the_second_follow_up_is_dropped_when_the_first_brought_the_person_back() -> None:
    second = reminder(attempt=2, created_at=NEXT_DAY)
    action = decide(context(THINKING, second, last_incoming_at=NEXT_DAY + timedelta(hours=2)))
    assert action.cancel == "replied"


def test_a_follow_up_waits_while_the_person_is_talking_and_at_night() -> None:
    talking = context(THINKING, last_incoming_at=NEXT_DAY - timedelta(minutes=5))
    assert decide(talking).postpone_to == NEXT_DAY + SETTINGS.pause
    night = local("Asia/Vladivostok", 2026, 3, 3, 23, 0)
    far_east = dataclasses.replace(THINKING, slots=Slots(region="Владивосток"))
    action = decide(context(far_east), night)
    assert action.text == ""
    assert action.postpone_to == local("Asia/Vladivostok", 2026, 3, 4, 10, 0)


def test_a_manager_in_the_chat_cancels_reminders() -> None:
    assert decide(context(THINKING, held=True)).cancel == "manager"


def test_the_pause_offer_is_made_once_in_the_day_and_never_after_stop() -> None:
    silent = SessionState(stage=Stage.OFFER, last_ask=Ask.CALL_INVITE, turns=6)
    later = AGREED_AT + timedelta(minutes=31)
    action = decide_pause_offer(context(silent, due=None), later, SETTINGS, WORDS)
    assert "напомнить завтра" in action.text
    assert action.state is not None and action.state.last_ask is Ask.FOLLOWUP
    assert action.state.resume_ask is Ask.CALL_INVITE
    again = decide_pause_offer(context(action.state, due=None), later, SETTINGS, WORDS)
    assert again.text == ""
    stopped = dataclasses.replace(silent, opted_out_ever=True)
    assert decide_pause_offer(context(stopped, due=None), later, SETTINGS, WORDS).text == ""
    night = local("Europe/Moscow", 2026, 3, 2, 22, 0)
    late = context(silent, due=None, updated_at=night - timedelta(minutes=40))
    assert decide_pause_offer(late, night, SETTINGS, WORDS).text == ""
    too_soon = AGREED_AT + timedelta(minutes=10)
    assert decide_pause_offer(context(silent, due=None), too_soon, SETTINGS, WORDS).text == ""


def test_the_delays_and_the_pause_are_settings_checked_at_start() -> None:
    from credit_expert.config import ConfigError, load_settings

    assert load_settings(env={}, dotenv=False).followups == FollowupSettings((1, 3), 30)
    custom = load_settings(
        env={"FOLLOWUP_DELAYS_DAYS": "2", "FOLLOWUP_PAUSE_MINUTES": "45"}, dotenv=False
    )
    assert custom.followups == FollowupSettings((2,), 45)
    assert custom.followups.first_when == "послезавтра"
    for wrong in ("0", "1,2,3", "tomorrow", "1,40"):
        with pytest.raises(ConfigError, match="FOLLOWUP_DELAYS_DAYS"):
            load_settings(env={"FOLLOWUP_DELAYS_DAYS": wrong}, dotenv=False)
    with pytest.raises(ConfigError, match="FOLLOWUP_PAUSE_MINUTES"):
        load_settings(env={"FOLLOWUP_PAUSE_MINUTES": "1"}, dotenv=False)
