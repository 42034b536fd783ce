"""What a question asks, from blind batch 34: a question word after a fronted "с банком", a
yes-or-no "… или нет" with no mark, alimony the ex pays (received, kept in full), "и мою зп
тоже" after a question, a car named by its model, "дешевле платить дальше" (the price, not a
competitor), a thing the debtor gave to a relative or to the writer, and collectors reaching
the writer for a relative. Each case in other wordings, and one that must not match."""

from __future__ import annotations

from pathlib import Path

import pytest

from credit_expert.models import ActKind, ObjectionKind, Subject, Topic
from credit_expert.understanding import understand
from tests.transcript_check import replay


def _asked(
    text: str, known: frozenset[str] = frozenset(), carried: Subject | None = None
) -> list[Topic]:
    read = understand(text, carried=carried, known=known)
    return [a.topic for a in read.acts if a.kind is ActKind.ASK and a.topic]


def _objections(text: str) -> list[str]:
    return [str(a.value) for a in understand(text).acts if a.kind is ActKind.OBJECTION]


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        ("ладно, а с банком как договориться то", Topic.RESTRUCTURING),
        ("а с кредитором как договориться", Topic.RESTRUCTURING),
        ("и в мфц что с собой брать", Topic.DOCUMENTS),
        ("а по срокам сколько это всё длится", Topic.DURATION),
    ],
)
def test_a_question_word_after_a_fronted_phrase_asks(text: str, topic: Topic) -> None:
    assert topic in _asked(text)


@pytest.mark.parametrize(
    "text",
    [
        "а с банком как раз договорился о рассрочке",
        "и в банке что-то говорили про суд",
        "а на работе как всегда задержали зарплату",
    ],
)
def test_a_fronted_phrase_with_no_question_word_asks_nothing(text: str) -> None:
    assert _asked(text) == []


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        ("и зарплату её тронут или нет", Topic.SPOUSE_SALARY),
        ("квартиру заберут или нет", Topic.FLAT),
        ("за границу выпустят или нет", Topic.TRAVEL),
    ],
)
def test_or_not_at_the_end_asks_with_no_mark(text: str, topic: Topic) -> None:
    assert _asked(text, carried=Subject.SPOUSE if "её" in text else None) == [topic]


@pytest.mark.parametrize(
    "text", ["приставы не знаю закрыли или нет", "не помню, была машина продана или нет"]
)
def test_or_not_after_i_do_not_know_is_an_answer(text: str) -> None:
    assert _asked(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "я в декрете, получаю детские, и бывший алименты платит на двоих тыщ 15. это всё заберут?",
        "алименты платит бывший, их тоже заберут?",
        "бывший алименты перечисляет на сына, их не тронут?",
    ],
)
def test_alimony_the_ex_pays_is_received_and_kept(text: str) -> None:
    asked = _asked(text)
    assert Topic.BENEFITS in asked and Topic.WHICH_DEBTS not in asked, asked


@pytest.mark.parametrize(
    "text", ["я плачу алименты на сына, их спишут?", "бывший алименты не платит, это спишут?"]
)
def test_alimony_paid_or_unpaid_is_not_a_benefit(text: str) -> None:
    assert Topic.BENEFITS not in _asked(text)


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        ("жена в декрете, детские получает. а их не заберут? и мою зп тоже", Topic.SALARY),
        ("пенсию всю заберут? и мою зарплату тоже", Topic.SALARY),
        ("машину заберут? а мою пенсию тоже", Topic.SALARY),
    ],
)
def test_and_mine_too_after_a_question_asks_it_of_another_thing(text: str, topic: Topic) -> None:
    assert topic in _asked(text)


def test_and_mine_too_after_a_statement_asks_nothing() -> None:
    assert _asked("долг 300 тысяч. и мою зп тоже") == []


@pytest.mark.parametrize(
    "text", ["а приору заберут? она копейки стоит", "солярис отберут?", "а весту тоже продадут?"]
)
def test_a_car_named_by_its_model_is_the_property_doubt(text: str) -> None:
    assert ObjectionKind.PROPERTY.value in _objections(text)
    assert Topic.CAR in _asked(text)


def test_a_verb_like_a_model_is_no_car() -> None:
    assert Topic.CAR not in _asked("будут вести дело и заберут все?")


@pytest.mark.parametrize(
    "text",
    [
        "и во сколько мне ваше спасение обойдётся, в рублях? а то может дешевле платить дальше",
        "сколько стоит? может дешевле самому гасить",
    ],
)
def test_cheaper_to_keep_paying_is_the_price_not_a_competitor(text: str) -> None:
    objections = _objections(text)
    assert ObjectionKind.PRICE.value in objections
    assert ObjectionKind.COMPETITOR.value not in objections


def test_cheaper_elsewhere_is_still_a_competitor() -> None:
    assert ObjectionKind.COMPETITOR.value in _objections("в другой фирме дешевле")


_FOR_FATHER = frozenset({"on_behalf:parent"})


@pytest.mark.parametrize(
    ("text", "known"),
    [
        ("год назад он мне гараж подарил. это плохо? гараж отберут?", _FOR_FATHER),
        ("он на меня машину переписал в прошлом году. машину заберут?", _FOR_FATHER),
        ("год назад продал гараж брату. гараж отберут?", frozenset()),
        ("подарила дачу дочке, дачу заберут?", frozenset()),
    ],
)
def test_a_thing_given_to_a_relative_asks_of_the_deal(text: str, known: frozenset[str]) -> None:
    asked = _asked(text, known)
    assert Topic.DEAL_WITH_RELATIVE in asked, asked
    assert Topic.PROPERTY not in asked and Topic.CAR not in asked, asked


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        ("продал гараж соседу. гараж отберут?", Topic.PROPERTY),  # no relative
        ("продал гараж брату. а квартиру заберут?", Topic.FLAT),  # another thing
        ("год назад он мне гараж подарил. гараж отберут?", Topic.PROPERTY),  # the debtor's gift
    ],
)
def test_a_thing_not_given_to_kin_is_still_the_property(text: str, topic: Topic) -> None:
    assert topic in _asked(text)


@pytest.mark.parametrize(
    "text", ["а на меня коллекторы выйти могут?", "а мне коллекторы звонить имеют право?"]
)
def test_collectors_reaching_the_writer_for_a_relative(text: str) -> None:
    assert _asked(text, frozenset({"on_behalf:sibling"})) == [Topic.RELATIVES_COLLECTORS]
    assert _asked(text) == [Topic.COLLECTORS]  # the debtor's own question


async def _replies(turns: list[str], tmp_path: Path) -> list[str]:
    return [t["reply"] for t in await replay({"turns": turns}, tmp_path / "x.db", seed=0)]


async def test_the_writers_own_car_and_the_gift_to_the_writer(tmp_path: Path) -> None:
    replies = await _replies(
        [
            "добрый день. пишу за отца, ему 66",
            "долгов у него два миллиона, кредиторов штук семь",
            "год назад он мне гараж подарил. это плохо? гараж отберут?",
            "и машина ещё, она на мне, а ездит он. её не тронут?",
        ],
        tmp_path,
    )
    assert "оспор" in replies[2] and "идут на продажу" not in replies[2], replies[2]
    assert "не входит" in replies[3] and "продают в процедуре" not in replies[3], replies[3]


async def test_collectors_and_the_writer_name_the_debtors_consent(tmp_path: Path) -> None:
    replies = await _replies(
        [
            "здравствуйте, пишу за сестру, у неё долг около миллиона",
            "а на меня коллекторы выйти могут?",
        ],
        tmp_path,
    )
    assert "соглас" in replies[1] and "вашего письменного" not in replies[1], replies[1]
