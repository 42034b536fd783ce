"""What blind batch 35 showed read into the wrong question or the wrong figure: a deal already
made read as a plan to hide property, a car denied read as the thing asked about, an income put
right read as a new debt, the writer's own salary named noun first, and a relative's pension
feared "by her" read as the person's own salary. Each case is the general form of a miss."""

from __future__ import annotations

from pathlib import Path

import pytest

from credit_expert.models import ActKind, Ask, Subject, Topic
from credit_expert.understanding import understand
from credit_expert.understanding.asks import ask_topics
from tests.transcript_check import replay
from tests.understanding_examples import TODAY


def _asked(text: str, known: frozenset[str] = frozenset()) -> set[Topic | None]:
    return {a.topic for a in understand(text, None, TODAY, None, known).asks}


# ---------------------------------------------------------------- a deal made is no plan


@pytest.mark.parametrize(
    "text",
    [
        "в 2024 продал гараж брату за копейки, это плохо?",
        "подарила дачу дочери за рубль год назад, это проблема?",
        "машину отдал сестре за бесценок в прошлом году",
    ],
)
def test_a_deal_already_made_is_no_plan_to_hide_property(text: str) -> None:
    topics = ask_topics(text, Subject.SELF)
    assert Topic.HIDE_PROPERTY not in topics
    assert Topic.DEAL_WITH_RELATIVE in topics


@pytest.mark.parametrize(
    "text",
    [
        "продал машину брату за копейки, а если ещё дачу перепишу на него?",
        "а если продать гараж брату за копейки?",
        "хочу продать квартиру маме за рубль, можно?",
    ],
)
def test_a_plan_beside_a_deal_is_still_a_plan_to_hide(text: str) -> None:
    assert Topic.HIDE_PROPERTY in ask_topics(text, Subject.SELF)


# ---------------------------------------------------------------- a car denied is not asked of


@pytest.mark.parametrize(
    "text",
    [
        "машины нет, квартира ипотечная, я там живу, её заберут??",
        "машины у меня нет, квартира своя, её заберут?",
        "нет машины, квартиру заберут?",
    ],
)
def test_a_car_denied_is_not_the_thing_asked_about(text: str) -> None:
    asked = _asked(text)
    assert Topic.CAR not in asked
    assert asked & {Topic.FLAT, Topic.MORTGAGE_FLAT}


@pytest.mark.parametrize("text", ["машина у меня старая, её тоже заберут?", "машину заберут?"])
def test_a_car_had_is_still_asked_about(text: str) -> None:
    assert Topic.CAR in _asked(text)


# ---------------------------------------------------------------- an income put right


@pytest.mark.parametrize("text", ["ой не 42 а 46, с надбавкой", "не 42, а 46", "46 а не 42"])
def test_an_income_put_right_is_no_debt_figure(text: str) -> None:
    known = frozenset({"debt:1400000", "creditors:3", "income:42000"})
    read = understand(text, Ask.ENFORCEMENT, TODAY, None, known)
    assert read.slots.income_monthly == 46_000
    assert read.slots.debt_total is None
    assert not any(a.slot == "debt_total" for a in read.acts)


def test_a_debt_put_right_is_still_the_debt() -> None:
    known = frozenset({"debt:420000", "income:42000"})
    read = understand("ой не 420 а 460", Ask.ENFORCEMENT, TODAY, None, known)
    assert read.slots.debt_total == 460_000
    assert read.slots.income_monthly is None


async def test_an_income_correction_asks_no_debt_conflict(tmp_path: Path) -> None:
    turns = await replay(
        {
            "turns": [
                "у меня долг миллион четыреста где-то, 2 банка и кредитка",
                "работаю в школе, зп 42 официально",
                "ой не 42 а 46, с надбавкой",
            ]
        },
        tmp_path / "x.db",
    )
    reply = turns[-1]["reply"]
    assert "46 000" in reply
    assert "1 400 000" not in reply and "какая цифра" not in reply


# ---------------------------------------------------------------- the writer's own salary


@pytest.mark.parametrize(
    "question", ["вы не ответили про зарплату мою!", "а зарплату мою тронут?", "доход мой заберут?"]
)
async def test_the_spouse_writing_asks_of_her_own_salary_noun_first(
    tmp_path: Path, question: str
) -> None:
    turns = await replay(
        {
            "turns": [
                "здравствуйте, пишу по поводу мужа. у него кредитов миллиона на два с половиной",
                question,
            ]
        },
        tmp_path / "x.db",
    )
    reply = turns[-1]["reply"].lower()
    assert "ваш" in reply and ("зарплат" in reply or "доход" in reply or "заработ" in reply)
    assert "сохраняет за вами" not in reply and "погашение долгов идёт из остатка" not in reply


# ---------------------------------------------------------------- a relative's own income feared


@pytest.mark.parametrize(
    "text",
    [
        "мама говорит что её пенсию тоже заберут если я обанкрочусь, это правда?",
        "отец говорит что его пенсию тоже заберут, правда?",
    ],
)
def test_a_relative_fearing_for_her_own_pension_asks_of_her_income(text: str) -> None:
    read = understand(text, None, TODAY)
    asks = [a for a in read.acts if a.kind is ActKind.ASK]
    assert Topic.RELATIVE_SALARY in {a.topic for a in asks}
    assert Topic.SALARY not in {a.topic for a in asks}


def test_a_threat_to_the_persons_own_home_stays_theirs() -> None:
    asked = _asked("бывшая говорит что квартиру отсудит, это правда?")
    assert Topic.RELATIVE_SALARY not in asked
    assert Topic.RELATIVE_PROPERTY not in asked
