"""What batch 34's lawyer found on the lead card, each in general form: the zone of a call time
kept in the person's own word, a garden plot with its house as property beyond the home, a
year unpaid said of someone else ("не платит год"), and the crisis alert's words."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from credit_expert.conversation import call_time_fields, crisis_words
from credit_expert.models import Act, ActKind, Ask, SessionState, Slots, Stage
from credit_expert.office_hours import zoned_call_time
from credit_expert.policy import take_turn
from credit_expert.understanding import understand
from credit_expert.understanding.call_time import call_zone
from tests.understanding_examples import TODAY

NOW = datetime(2026, 3, 2, 7, 0, tzinfo=UTC)  # a Monday


# --- the zone in the person's word ("по тюменскому", not "по екатеринбургскому") -----------


@pytest.mark.parametrize(
    ("text", "zone", "said"),
    [
        ("завтра в 10 утра по тюменскому", "Asia/Yekaterinburg", "тюменскому времени"),
        ("после 17 по уфимскому времени", "Asia/Yekaterinburg", "уфимскому времени"),
        ("в 9 по пермскому", "Asia/Yekaterinburg", "пермскому времени"),
        ("в 10 по хабаровскому", "Asia/Vladivostok", "хабаровскому времени"),
        ("в 10 по перми", "Asia/Yekaterinburg", "времени Перми"),
        ("в 11 по саратову", "Europe/Saratov", "времени Саратова"),
        ("в 10 по ростову-на-дону", "Europe/Moscow", "времени Ростова-на-Дону"),
        ("в 10 по новосибирскому", "Asia/Novosibirsk", "новосибирскому времени"),
        ("в 10 по москве", "Europe/Moscow", None),  # Moscow's own name stays "московскому"
        ("в 10 по местному", "local", None),  # no city named: the region names the zone
        ("в 10, это +2 к москве", "Asia/Yekaterinburg", None),  # an offset names no city
    ],
)
def test_the_zone_is_kept_in_the_persons_word(text: str, zone: str, said: str | None) -> None:
    assert call_zone(text)[:2] == (zone, said)


@pytest.mark.parametrize(
    ("zone", "said", "shown"),
    [
        (
            "Asia/Yekaterinburg",
            "тюменскому времени",
            "завтра в 10:00 по тюменскому времени (в 8:00 по Москве)",
        ),
        (
            "Asia/Yekaterinburg",
            "времени Перми",
            "завтра в 10:00 по времени Перми (в 8:00 по Москве)",
        ),
        (
            "Asia/Yekaterinburg",
            None,
            "завтра в 10:00 по екатеринбургскому времени (в 8:00 по Москве)",
        ),
        ("Europe/Moscow", "питерскому времени", "завтра в 10:00 по питерскому времени"),
    ],
)
def test_the_call_time_names_the_zone_as_said(zone: str, said: str | None, shown: str) -> None:
    assert zoned_call_time("завтра в 10:00", zone, False, NOW, said) == shown


def _booking(*messages: str) -> SessionState:
    state = SessionState(stage=Stage.BOOKING, last_ask=Ask.CALL_TIME)
    for text in messages:
        state = take_turn(state, understand(text, state.last_ask, TODAY), NOW).state
    return state


def test_the_card_keeps_the_word_and_a_zone_named_anew_drops_it() -> None:
    state = _booking("завтра в 10 утра по тюменскому")
    assert state.call_zone_said == "тюменскому времени"
    fields = call_time_fields(state.slots.call_time, state, NOW)
    assert fields["call_tz"] == "Asia/Yekaterinburg"  # the zone itself stays the same
    assert fields["call_time_text"] == "завтра в 10:00 по тюменскому времени (в 8:00 по Москве)"
    assert SessionState.from_json(state.to_json()).call_zone_said == "тюменскому времени"

    moved = take_turn(state, understand("нет, давайте в 10 по москве", Ask.CALL_TIME, TODAY), NOW)
    assert moved.state.call_zone_said is None


# --- a garden plot with its house is property beyond the home ------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "участок 6 соток с домиком, я там летом живу",
        "у меня садовый дом в снт",
        "домик в садовом товариществе",
        "есть дача, живу там летом",
    ],
)
def test_a_plot_or_a_summer_house_of_ones_own_is_extra_property(text: str) -> None:
    assert understand(text, None, TODAY).slots.extra_property is True


@pytest.mark.parametrize(
    "text",
    [
        "живу в домике, это моё единственное жильё",
        "живу на даче круглый год, другого жилья нет",
        "у мамы домик в деревне",  # someone else's
        "должна пару соток одной мфо",  # "сотка" is also slang for 100 000
    ],
)
def test_a_house_that_is_the_only_home_or_not_theirs_is_no_extra_property(text: str) -> None:
    assert understand(text, None, TODAY).slots.extra_property is not True


def test_a_later_no_to_one_kind_of_thing_keeps_the_plot() -> None:
    """b34_31: "участок с домиком", then "машины нет" made the card say "другого имущества
    нет"."""
    state = SessionState(stage=Stage.QUALIFICATION, last_ask=Ask.PROPERTY)
    said = ("участок 6 соток с домиком, я там летом живу", "не плачу месяцев семь. машины нет")
    for text in said:
        state = take_turn(state, understand(text, state.last_ask, TODAY), NOW).state
    assert state.slots.extra_property is True


def test_a_plot_sold_is_taken_back() -> None:
    state = SessionState(
        stage=Stage.QUALIFICATION, last_ask=Ask.MORTGAGE, slots=Slots(extra_property=True)
    )
    understood = understand("дачу продал в прошлом году, больше ничего нет", Ask.MORTGAGE, TODAY)
    assert take_turn(state, understood, NOW).state.slots.extra_property is False


# --- "не платит год": a year unpaid, said of the relative --------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "кредиторов шесть, не платит год. муж у неё хорошо получает",
        "не платит год",
        "не вносила год",
    ],
)
def test_a_year_unpaid_in_any_person_of_the_verb_is_12_months(text: str) -> None:
    assert understand(text, None, TODAY).slots.months_overdue == 12


# --- the crisis alert quotes the sentence that raised it ------------------------------------


def test_the_crisis_words_are_the_sentence_as_written() -> None:
    acts = (Act(ActKind.FEELING, "не хочу жить", value="crisis"),)
    assert crisis_words("я всех подвёл. Иногда не хочу жить вообще", acts) == (
        "Иногда не хочу жить вообще"
    )
    assert crisis_words("", acts) == "не хочу жить"
