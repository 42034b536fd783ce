"""OFFICE_HOURS: when a lawyer can call, in the firm's time zone."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from credit_expert.config import ConfigError, load_settings
from credit_expert.conversation import ConversationService, ConversationSettings
from credit_expert.models import Incoming, Stage
from credit_expert.office_hours import call_window, parse_office_hours
from credit_expert.scripted_writer import ScriptedWriter
from credit_expert.store import Store

HOURS = parse_office_hours("Mon-Fri 09:00-19:00, Sat 10:00-15:00 Europe/Moscow")
# 2026-11-25 is a Wednesday; Moscow is UTC+3 all year.
WED_2AM_MSK = datetime(2026, 11, 24, 23, 0, tzinfo=UTC)
WED_NOON_MSK = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)
SAT_4PM_MSK = datetime(2026, 11, 28, 13, 0, tzinfo=UTC)


def test_now_at_two_in_the_night_gets_the_first_working_hour() -> None:
    text = call_window(HOURS, WED_2AM_MSK, "сейчас")
    assert text == (
        "Сейчас нерабочее время: юрист позвонит сегодня в первый рабочий час,"
        " с 9:00 по московскому времени."
    )


def test_within_hours_the_call_comes_today() -> None:
    text = call_window(HOURS, WED_NOON_MSK, None)
    assert text == "Юрист позвонит в ближайшее время, сегодня до 19:00 по московскому времени."


def test_after_saturday_closing_the_call_comes_on_monday() -> None:
    assert "в понедельник в первый рабочий час, с 9:00" in call_window(HOURS, SAT_4PM_MSK, None)
    friday_night = datetime(2026, 11, 27, 20, 0, tzinfo=UTC)  # 23:00 Friday in Moscow
    assert "завтра в первый рабочий час, с 10:00" in call_window(HOURS, friday_night, None)


def test_a_named_time_is_kept_and_the_hours_are_told() -> None:
    text = call_window(HOURS, WED_2AM_MSK, "завтра после 18:00")
    assert text == (
        "Юристы звонят пн–пт с 9:00 до 19:00, сб с 10:00 до 15:00 по московскому времени."
    )


def test_another_zone_is_told_by_its_name_or_offset() -> None:
    novosibirsk = parse_office_hours("пн-пт 10:00-18:00 Asia/Novosibirsk")
    assert novosibirsk.describe() == "пн–пт с 10:00 до 18:00 по новосибирскому времени"
    berlin = parse_office_hours("Mon-Fri 09:00-17:00 Europe/Berlin")
    assert berlin.zone_phrase(WED_NOON_MSK) == "по времени UTC+1"


def test_working_time_skips_nights_and_days_off() -> None:
    friday_6pm = datetime(2026, 11, 27, 15, 0, tzinfo=UTC)  # 18:00 Moscow
    monday_10am = datetime(2026, 11, 30, 7, 0, tzinfo=UTC)
    # Friday 18-19, Saturday 10-15, Monday 9-10: seven working hours.
    assert HOURS.working_seconds(friday_6pm, monday_10am) == 7 * 3600
    assert HOURS.after_working_minutes(friday_6pm, 60 + 5 * 60 + 30) == monday_10am - timedelta(
        minutes=30
    )
    assert HOURS.next_opening(WED_NOON_MSK) == WED_NOON_MSK


@pytest.mark.parametrize(
    "value",
    [
        "Mon-Fri 09:00-19:00",
        "Mon-Fri 09:00-19:00 Mars/Olympus",
        "Xyz 09:00-19:00 UTC",
        "Mon-Fri 19:00-09:00 UTC",
        "Mon-Fri 9-19 UTC",
    ],
)
def test_a_wrong_setting_names_the_variable(value: str) -> None:
    with pytest.raises(ConfigError, match=r"^OFFICE_HOURS: "):
        load_settings({"OFFICE_HOURS": value}, dotenv=False)


def test_the_default_is_moscow_weekdays() -> None:
    settings = load_settings({}, dotenv=False)
    assert settings.office_hours.describe() == "пн–пт с 9:00 до 19:00 по московскому времени"


async def test_the_booked_confirmation_says_when_the_call_can_come(sqlite_store: Store) -> None:
    service = ConversationService(
        sqlite_store,
        ScriptedWriter(),
        ConversationSettings("https://example.com/privacy", "2025-09-01", office_hours=HOURS),
        clock=lambda: WED_2AM_MSK,
    )
    reply = None
    for n, text in enumerate(
        ["Долг 1,5 млн, перезвоните мне", "согласна", "+7 916 123-45-67", "прямо сейчас"], 1
    ):
        reply = await service.handle(Incoming(7, 7, n, text, WED_2AM_MSK))
    assert reply is not None and reply.stage is Stage.BOOKED
    assert "юрист позвонит сегодня в первый рабочий час, с 9:00 по московскому" in reply.text
    assert "  " not in reply.text


@pytest.mark.parametrize(
    ("call_time", "zone", "outside"),
    [
        ("в субботу утром", None, True),  # a day off: the lawyers do not call
        ("в выходные", None, True),
        ("сегодня после 19:00", None, True),  # after closing
        ("в 9:00", "Asia/Yekaterinburg", True),  # 7:00 in Moscow
        ("с 10:00 до 12:00", "Asia/Irkutsk", True),  # 5:00–7:00 in Moscow
        ("с 13:00 до 16:00", "Asia/Irkutsk", False),  # 8:00–11:00: the call can come at 9:00
        ("с 8:00 до 10:00", None, False),  # overlaps the opening hour
        ("с 19:00 до 21:00", None, True),  # starts at closing
        ("после 20:00", "Asia/Novosibirsk", False),  # 16:00 in Moscow
        ("в 14:00", "Asia/Novosibirsk", False),
        ("завтра в 11:00", None, False),
        ("в понедельник утром", None, False),
    ],
)
def test_a_call_time_outside_office_hours_is_not_confirmed_as_if_it_held(
    call_time: str, zone: str | None, outside: bool
) -> None:
    weekdays = parse_office_hours("Mon-Fri 09:00-19:00 Europe/Moscow")
    text = call_window(weekdays, WED_NOON_MSK, call_time, zone)
    assert text.startswith("Юристы звонят пн–пт с 9:00 до 19:00")
    assert ("в ближайшее рабочее время" in text) is outside, text


def test_saturday_is_a_working_day_when_office_hours_say_so() -> None:
    assert "ближайшее рабочее" not in call_window(HOURS, WED_NOON_MSK, "в субботу в 11:00")
    assert "ближайшее рабочее" in call_window(HOURS, WED_NOON_MSK, "в субботу в 16:00")


@pytest.mark.parametrize(
    ("zone", "local"),
    [
        ("Asia/Vladivostok", " — по вашему времени с 16:00 до 2:00"),  # Khabarovsk, +7
        ("Asia/Yekaterinburg", " — по вашему времени с 11:00 до 21:00"),
        ("Europe/Kaliningrad", " — по вашему времени с 8:00 до 18:00"),
        ("Europe/Moscow", ""),
        ("Europe/Volgograd", ""),  # another name, the same clock
        (None, ""),
    ],
)
def test_the_hours_are_also_given_on_the_persons_own_clock(zone: str | None, local: str) -> None:
    weekdays = parse_office_hours("Mon-Fri 09:00-19:00 Europe/Moscow")
    assert weekdays.in_zone(zone, WED_NOON_MSK) == local
    text = call_window(weekdays, WED_NOON_MSK, "в пятницу в 10:00", zone)
    assert local in text
    if zone == "Asia/Vladivostok":  # 10:00 there is 3:00 in Moscow: another time is asked for
        assert "звонка не будет" in text and "другое время в эти часы" in text
