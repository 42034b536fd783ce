"""Facts read from one message: what blind batch 36 showed the reader misread.

Each case is the general form of a miss: what a wife writing for her husband says of herself
("я сама получаю детские"), a "nothing of mine" beside a spouse's thing bought in marriage, a
share of the home asked about, a bank that only calls, an heir's deed at the notary, a count
put right with its preposition ("не в 3 а в 4"), the hours a person is busy beside a call time,
"в любой день" beside an hour, the town one lives in with a relative, and "пишу за нас с
женой" (the person's own case)."""

from __future__ import annotations

import pytest

from credit_expert.models import ActKind, Ask, Subject
from credit_expert.understanding import understand
from tests.transcript_check import turn_failures
from tests.understanding_examples import TODAY

# ---------------------------------------------------------------- the writer's own benefits


@pytest.mark.parametrize(
    "text",
    [
        "я сама в декрете получаю детские на двоих. а мне придется платить его кредиты?? и "
        "детские не тронут?",
        "у меня самой пособие на ребенка. а пособие не заберут?",
    ],
)
def test_the_writers_own_benefits_are_not_the_leads(text: str) -> None:
    reading = understand(text, None, TODAY, None, frozenset({"on_behalf:spouse"}))
    assert reading.slots.benefits is None
    assert not any(a.kind is ActKind.FACT and a.slot == "benefits" for a in reading.acts)


# ---------------------------------------------------------------- "nothing else" that is not


@pytest.mark.parametrize(
    "text",
    [
        "у мужа машина, купили в браке в 22м году, оформлена на него. у меня самой ничего нет",
        "машину покупали вместе, она на муже. у меня самой ничего нет",
    ],
)
def test_nothing_of_mine_beside_a_spouses_thing_is_no_denial(text: str) -> None:
    reading = understand(text, None, TODAY)
    assert reading.slots.extra_property is None
    assert not any(a.slot == "extra_property" and a.value is False for a in reading.acts)


@pytest.mark.parametrize(
    "text",
    [
        "машина у мужа, он купил её до свадьбы. у меня самой ничего нет",
        "у мужа дача и машина, у меня самой ничего нет",
    ],
)
def test_nothing_of_mine_beside_a_spouses_own_thing_stands(text: str) -> None:
    assert understand(text, None, TODAY).slots.extra_property is False


@pytest.mark.parametrize(
    "text",
    [
        "а квартиру не заберут? у меня там доля и больше жилья никакого нет",
        "квартиру не тронут? у меня там доля, другой квартиры нет",
    ],
)
def test_a_share_of_the_home_and_no_other_home_deny_nothing_else(text: str) -> None:
    assert understand(text, None, TODAY).slots.extra_property is None


# ---------------------------------------------------------------- a bank that calls


@pytest.mark.parametrize(
    "text",
    [
        "муж умер в марте, остались его кредиты 600 тысяч в сбере и втб. банк звонит мне",
        "банк звонит каждый день, говорит я наследница",
    ],
)
def test_a_bank_that_calls_is_no_loan_told(text: str) -> None:
    assert understand(text, None, TODAY).one_loan is False


def test_a_loan_and_its_bank_calling_are_one_loan() -> None:
    assert understand("кредит в сбере, сбер звонит каждый день", None, TODAY).one_loan is True


# ---------------------------------------------------------------- the heir's deed


@pytest.mark.parametrize(
    "text",
    [
        "муж умер. квартиру его я у нотариуса на себя оформила, живём там с дочкой",
        "папа умер, у нотариуса всё на себя оформила",
    ],
)
def test_an_heirs_deed_at_the_notary_is_an_inheritance_taken(text: str) -> None:
    reading = understand(text, None, TODAY)
    assert any(a.kind is ActKind.NOTE and a.value == "inheritance_accepted" for a in reading.acts)


def test_a_refusal_drawn_up_at_the_notary_is_none() -> None:
    reading = understand("папа умер, у нотариуса оформила отказ от наследства", None, TODAY)
    assert not any(a.value == "inheritance_accepted" for a in reading.acts)


# ---------------------------------------------------------------- "не в 3 а в 4"


def test_a_count_put_right_with_its_preposition_in_the_same_message() -> None:
    reading = understand(
        "долги у неё где-то 430 тыщ наверно в 3 мфо ой не в 3 а в 4, ещё одну нашла",
        None,
        TODAY,
        None,
        frozenset({"on_behalf:parent"}),
    )
    assert reading.slots.creditors_count == 4


def test_a_known_count_put_right_with_its_preposition() -> None:
    reading = understand("ой не в 3 а в 4", None, TODAY, None, frozenset({"creditors:3"}))
    act = next(a for a in reading.acts if a.slot == "creditors_count")
    assert (act.kind, act.value, reading.slots.creditors_count) == (ActKind.CORRECTION, 4, 4)


# ---------------------------------------------------------------- the call time meant


@pytest.mark.parametrize(
    ("said", "call_time"),
    [
        ("звоните мне после 7 вечера, я на работе до 6", "после 19:00"),
        ("я работаю до 18, звоните после 19", "после 19:00"),
        ("после 6 вечера в любой день", "после 18:00"),
        ("в любой день после обеда", "после обеда"),
        ("в любой день", "в любой день"),
    ],
)
def test_the_call_time_meant(said: str, call_time: str) -> None:
    assert understand(said, expected=Ask.CALL_TIME).slots.call_time == call_time


def test_the_zone_is_read_beside_the_busy_hours() -> None:
    reading = understand("звоните мне после 7 вечера по москве, я на работе до 6")
    assert (reading.slots.call_time, reading.call_tz) == ("после 19:00", "Europe/Moscow")


def test_a_transcripts_call_tz_among_the_slots_is_the_turns_zone() -> None:
    turn = {"slots": {"call_time": "после 19:00"}, "call_tz": "Europe/Moscow"}
    assert turn_failures(0, {"slots": {"call_tz": "Europe/Moscow"}}, turn) == []
    assert turn_failures(0, {"slots": {"call_tz": "Asia/Omsk"}}, turn) != []


# ---------------------------------------------------------------- the town lived in


@pytest.mark.parametrize(
    ("text", "region"),
    [
        ("не работаю сейчас, живу у мамы в кургане", "Курган"),
        ("живу у сестры в омске", "Омск"),
    ],
)
def test_the_town_one_lives_in_with_a_relative_is_ones_own(text: str, region: str) -> None:
    assert understand(text, None, TODAY).slots.region == region


def test_a_relatives_town_alone_is_not_the_persons() -> None:
    assert understand("мама живет в омске", None, TODAY).slots.region is None


# ---------------------------------------------------------------- "пишу за нас с женой"


def test_writing_for_oneself_and_a_spouse_is_the_persons_case() -> None:
    reading = understand(
        "добрый вечер пишу за нас с женой. кредит 95 тыс и кредитка, всего где-то 120 тыщ",
        None,
        TODAY,
    )
    assert reading.on_behalf is None
    assert reading.slots.debt_total == 120_000
    assert "debt_total" in reading.approximate
    assert all(a.subject is Subject.SELF for a in reading.acts if a.kind is ActKind.FACT)


# ---------------------------------------------------------------- a writ since a season


@pytest.mark.parametrize(
    ("text", "years"),
    [
        ("приставы с пенсии удерживают 50% уже с весны 2023 года, исполнительные висят", 2),
        ("приставы удерживают с зимы 2024", 1),
        ("лист у приставов с осени 2024 года", 0),
    ],
)
def test_a_writ_since_a_season_and_year_has_its_age(text: str, years: int) -> None:
    assert understand(text, None, TODAY).slots.writ_years == years
