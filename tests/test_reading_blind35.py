"""Facts read from one message: what blind batch 35 showed the reader misread.

Each case is the general form of a miss: the reflexive "свои" of a relative named just before
("муж тоже должен, свои кредиты тыщ 600"), a stray estimate that must not overwrite the
person's own figure, a correction told again in other words ("не 8 месяцев а 6, с мая не
платит"), a relative who pays a mortgage, millions said before their figure ("миллиона на два"),
and an inheritance taken told in few words after a death ("я уже вступила")."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime

import pytest

from credit_expert.models import (
    ActKind,
    Ask,
    SessionState,
    Slots,
    Stage,
    Subject,
    Understanding,
)
from credit_expert.policy import take_turn
from credit_expert.understanding import understand
from credit_expert.understanding.amounts import hedged
from tests.understanding_examples import TODAY

NOW = datetime(2026, 11, 25, 10, 0, tzinfo=UTC)

# ---------------------------------------------------------------- "свои": the one named before


@pytest.mark.parametrize(
    ("text", "who", "amount"),
    [
        ("муж тоже должен, свои кредиты тыщ 600. мне его долги платить?", "spouse", 600_000),
        ("брат тоже в долгах, свои займы тысяч 200", "sibling", 200_000),
        ("брат тоже должен. свои кредиты тыщ 600", "sibling", 600_000),
        ("у сестры долги, своих кредитов 400 тысяч", "sibling", 400_000),
    ],
)
def test_their_own_loans_after_a_relative_are_the_relatives(
    text: str, who: str, amount: int
) -> None:
    reading = understand(text, None, TODAY)
    assert reading.slots.debt_total is None
    debt = next(a for a in reading.acts if a.slot == "debt_total")
    assert (debt.subject.value, debt.value) == (who, amount)


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("у жены долги по картам тысяч 200, а у меня свои, тыщ 700 примерно", 700_000),
        ("муж не работает, свои долги у меня 300 тысяч", 300_000),
    ],
)
def test_the_persons_own_loans_stay_theirs(text: str, amount: int) -> None:
    assert understand(text, None, TODAY).slots.debt_total == amount


# ---------------------------------------------------------------- an estimate kept


def _estimated(debt: int) -> SessionState:
    return SessionState(
        stage=Stage.QUALIFICATION,
        slots=Slots(debt_total=debt, creditors_count=4),
        turns=5,
        last_ask=Ask.PROPERTY,
        approximate=("debt_total",),
    )


def _told(debt: int, *, approx: bool) -> Understanding:
    return Understanding(
        slots=Slots(debt_total=debt), approximate=("debt_total",) if approx else ()
    )


def test_a_rounder_estimate_in_passing_keeps_the_figure_given() -> None:
    # "около 910", later a stray "тыщ 600": not a better figure for the same debt
    turn = take_turn(_estimated(910_000), _told(600_000, approx=True), NOW)
    assert turn.state.slots.debt_total == 910_000


@pytest.mark.parametrize(
    ("old", "new", "approx"),
    [
        (1_500_000, 1_480_000, True),  # "почти полтора ляма", then "где-то 1 млн 480"
        (700_000, 720_000, False),  # "около 700", then "720"
    ],
)
def test_a_finer_or_exact_figure_replaces_the_estimate(old: int, new: int, approx: bool) -> None:
    turn = take_turn(_estimated(old), _told(new, approx=approx), NOW)
    assert turn.state.slots.debt_total == new


# ---------------------------------------------------------------- a correction told again


@pytest.mark.parametrize(
    "text",
    [
        "ой не 8 месяцев а 6, полгода уже не платит",
        "не 8 месяцев а 6, шестой месяц не плачу",
    ],
)
def test_a_correction_told_again_in_other_words_is_a_correction(text: str) -> None:
    reading = understand(text, None, TODAY, None, frozenset({"months:8"}))
    act = next(a for a in reading.acts if a.slot == "months_overdue")
    assert (act.kind, act.value) == (ActKind.CORRECTION, 6)


def test_a_new_fact_beside_a_correction_is_no_correction() -> None:
    reading = understand("ой не 8 месяцев а 6, долг 900 тыщ", None, TODAY, None, frozenset())
    debt = next(a for a in reading.acts if a.slot == "debt_total")
    assert debt.kind is ActKind.FACT


# ---------------------------------------------------------------- a mortgage paid


@pytest.mark.parametrize(
    ("text", "who"),
    [
        ("брат кстати сам ипотеку платит, его квартиру из-за меня не тронут?", "sibling"),
        ("жена платит ипотеку, а зарплату её не тронут?", "spouse"),
    ],
)
def test_a_relative_paying_a_mortgage_has_one(text: str, who: str) -> None:
    reading = understand(text, None, TODAY)
    assert reading.slots.mortgage is None  # not the person's
    act = next(a for a in reading.acts if a.slot == "mortgage")
    assert (act.subject.value, act.value) == (who, True)


@pytest.mark.parametrize(
    ("text", "mortgage"),
    [
        ("ипотеку платим, осталось 5 лет", True),
        ("выплачиваю ипотеку", True),
        ("ипотеку выплатили", False),
        ("ипотеку платили 10 лет и закрыли", None),
    ],
)
def test_paying_a_mortgage_is_having_one(text: str, mortgage: bool | None) -> None:
    assert understand(text, None, TODAY).slots.mortgage is mortgage


# ---------------------------------------------------------------- millions said backwards


@pytest.mark.parametrize(
    ("text", "estimate"),
    [
        ("у него кредитов миллиона на два с половиной", True),
        ("миллиона два", True),
        ("лямов 5", True),
        # the thousands after the millions, or something counted after the figure
        ("2 миллиона 300 тысяч", False),
        ("два миллиона 300", False),
        ("1,5 миллиона 3 банка", False),
        ("миллиона два банка", False),
        ("лям двести", False),
    ],
)
def test_millions_before_their_figure_are_an_estimate(text: str, estimate: bool) -> None:
    assert hedged(text) is estimate


def test_the_relatives_debt_said_backwards_is_approximate() -> None:
    reading = understand(
        "здравствуйте, пишу по поводу мужа. у него кредитов миллиона на два с половиной",
        None,
        TODAY,
    )
    debt = next(a for a in reading.acts if a.slot == "debt_total")
    assert (debt.value, debt.approx, debt.subject) == (2_500_000, True, Subject.SPOUSE)


# ---------------------------------------------------------------- an inheritance taken


_HEIRS = frozenset({"heirs"})


@pytest.mark.parametrize(
    ("text", "known"),
    [
        ("ну я уже вступила, квартиру его оформила. сколько с меня могут взять?", _HEIRS),
        ("вступили в права месяц назад", _HEIRS),
        ("квартиру его на себя оформила", _HEIRS),
        ("папа умер в марте, я уже вступила", frozenset()),
    ],
)
def test_an_inheritance_taken_after_a_death_is_noted(text: str, known: frozenset[str]) -> None:
    reading = understand(text, None, TODAY, None, known)
    assert "inheritance_accepted" in {a.value for a in reading.of(ActKind.NOTE)}


@pytest.mark.parametrize(
    ("text", "known"),
    [
        ("я уже вступила", frozenset()),  # no death told: nothing inherited
        ("я ещё не вступила", _HEIRS),
        ("вступила в брак в прошлом году", _HEIRS),
        ("а если вступлю?", _HEIRS),
    ],
)
def test_no_inheritance_without_a_death_or_taken(text: str, known: frozenset[str]) -> None:
    reading = understand(text, None, TODAY, None, known)
    assert "inheritance_accepted" not in {a.value for a in reading.of(ActKind.NOTE)}


def test_the_session_tells_the_reader_of_a_death() -> None:
    from credit_expert.conversation import known_about

    assert "heirs" in known_about(dataclasses.replace(SessionState(), heirs=True))
    assert "heirs" not in known_about(SessionState())
