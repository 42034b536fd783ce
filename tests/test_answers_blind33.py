"""The answering side of blind batch 33 and its lawyer: the debtor's pledged car asked by the
wife who writes for him, a plan to put a thing in anyone's name (the writer's too), one reply
that says a sentence once, the flat of a dead parent once the inheritance is taken, the heirs'
answer said with its condition, and criminal liability said as the general rule (taxes of a
former ИП included). Each case in other wordings too."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from credit_expert.models import ActKind, Subject, Topic
from credit_expert.scripted_writer import (
    STATUTORY_WARNING,
    load_texts,
    without_repeated_sentences,
)
from credit_expert.understanding import understand
from credit_expert.understanding.asks import ask_topics, deceased_relatives
from tests.transcript_check import replay


def _asked(text: str, known: frozenset[str] = frozenset()) -> list[Topic]:
    return [
        a.topic for a in understand(text, known=known).acts if a.kind is ActKind.ASK and a.topic
    ]


async def _replies(turns: list[str], tmp_path: Path, seed: int = 0) -> list[str]:
    return [t["reply"] for t in await replay({"turns": turns}, tmp_path / "x.db", seed=seed)]


# --- a plan to re-register property, in any person -----------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "а если я её на себя перепишу",
        "перепишу машину на себя",
        "переоформим на жену",
        "а если оформить на маму",
        "оформлю её на себя, можно?",
        "может на меня её записать",
    ],
)
def test_putting_a_thing_in_someones_name_is_hiding_property(text: str) -> None:
    assert Topic.HIDE_PROPERTY in ask_topics(text, Subject.SELF)


@pytest.mark.parametrize(
    "text",
    ["можно оформить кредит на себя", "на себя оформить ипотеку можно?", "кредит на меня оформят?"],
)
def test_a_loan_taken_in_ones_own_name_is_no_hiding(text: str) -> None:
    assert Topic.HIDE_PROPERTY not in ask_topics(text, Subject.SELF)


# --- writing for the husband: his car is the debtor's own -----------------------------

_FOR_HUSBAND = frozenset({"on_behalf:spouse"})


@pytest.mark.parametrize("text", ["машину заберут?", "а его машину заберут?", "тачку отберут?"])
def test_the_debtors_car_asked_by_the_wife_is_the_car_never_the_home(text: str) -> None:
    pledged = _asked(text, _FOR_HUSBAND | {"pledged_car"})
    assert Topic.PLEDGED_CAR in pledged and Topic.FLAT not in pledged
    plain = _asked(text, _FOR_HUSBAND)
    assert Topic.CAR in plain and Topic.FLAT not in plain


async def test_the_wife_gets_the_pledge_the_warning_and_her_salary(tmp_path: Path) -> None:
    replies = await _replies(
        [
            "здравствуйте я по поводу мужа, у него долги, сам писать стесняется",
            "у него 3 банка, около 750 тысяч, один из них автокредит, машина в залоге. не платит"
            " месяца 2",
            "машину заберут? а если я её на себя перепишу? и мою зарплату будут трогать, я же"
            " жена?",
        ],
        tmp_path,
    )
    reply = replies[-1].lower()
    assert "залог" in reply  # the pledged car is sold for the pledgee
    assert "единственное жильё" not in reply  # never the sole-home rule for a car
    assert "оспор" in reply or "отказ" in reply  # re-registering it: the plain warning
    assert "зарплат" in reply


# --- one reply says each sentence once -------------------------------------------------


def test_a_sentence_held_by_an_earlier_one_is_said_once() -> None:
    joint = (
        "Квартира, купленная в браке, общая, даже если оформлена на супруга; но единственное"
        " жильё, где вы живёте, по общему правилу не забирают, если оно не в ипотеке;"
        " исключения оценит юрист."
    )
    home = (
        "Единственное жильё по общему правилу не забирают, если оно не в ипотеке; исключения"
        " оценит юрист."
    )
    question = "Есть ли у вас исполнительные производства у приставов?"
    assert without_repeated_sentences(f"{joint} {home} {question}") == f"{joint} {question}"
    # the shorter said first goes, the fuller one stays where it stands
    assert without_repeated_sentences(f"{home} {joint} {question}") == f"{joint} {question}"


def test_sentences_that_differ_by_a_negation_or_a_thing_both_stay() -> None:
    text = (
        "Машину в залоге обычно продают в счёт долга этому банку. "
        "Машину не в залоге обычно не продают в счёт долга этому банку."
    )
    assert without_repeated_sentences(text) == text
    text = (
        "Единственное жильё по общему правилу не забирают. "
        "Зарплату супруга по вашим долгам не забирают."
    )
    assert without_repeated_sentences(text) == text


def test_the_statutory_warning_stays_word_for_word() -> None:
    text = f"Процедуру ведёт суд. {STATUTORY_WARNING} {STATUTORY_WARNING} Удобно?"
    assert without_repeated_sentences(text) == f"Процедуру ведёт суд. {STATUTORY_WARNING} Удобно?"


async def test_the_sole_home_is_said_once_beside_the_husbands_car(tmp_path: Path) -> None:
    replies = await _replies(
        [
            "добрый вечер. должна 5 банкам тысяч 450",
            "ой не 5 а 3 банка, две карты в одном",
            "у мужа машина, купили в браке 2 года назад, оформлена на него. её заберут? а его"
            " зарплату? и квартира у нас общая, её?",
        ],
        tmp_path,
    )
    reply = replies[-1].lower()
    assert reply.count("по общему правилу не забирают") <= 1, reply
    assert "зарплат" in reply


# --- heirs: the dead parent's flat, the condition of acceptance --------------------------


def test_a_death_told_names_whom_the_person_lost() -> None:
    assert deceased_relatives(["папа умер в прошлом году. кредиты остались"]) == {Subject.PARENT}
    assert deceased_relatives(["мама жива, у неё пенсия"]) == set()


@pytest.mark.parametrize("text", ["и за его долги тоже?", "а за её долги?", "и по их кредитам?"])
def test_a_bare_question_of_their_debts_is_the_relatives_liability(text: str) -> None:
    assert Topic.CHILDREN in _asked(text)


def test_the_inheritance_taken_said_after_a_pause_is_noted() -> None:
    read = understand("наследство я приняла, это его однушка")
    assert "inheritance_accepted" in [a.value for a in read.acts if a.kind is ActKind.NOTE]
    read = understand("наследство я не принимала")
    assert "inheritance_accepted" not in [a.value for a in read.acts if a.kind is ActKind.NOTE]


async def test_the_dead_fathers_flat_taken_by_the_heir_is_hers(tmp_path: Path) -> None:
    replies = await _replies(
        [
            "добрый день. папа умер в прошлом году, после него остались кредиты тысяч 600, банк"
            " теперь мне пишет. я должна их платить?",
            "наследство я приняла, это его однушка, оценили в 1,8 млн",
            "а у меня самой ещё свои долги где-то 350, кредитка и потреб",
            "а папину квартиру из-за моих долгов заберут? и за его долги тоже?",
        ],
        tmp_path,
    )
    reply = replies[-1].lower()
    assert "не ваше" not in reply  # the lawyer: once accepted, the inheritance is hers
    assert "наследств" in reply and "в пределах" in reply


def _texts(key: str) -> list[str]:
    texts = load_texts()
    return [*texts.get(f"answer.{key}.short"), *texts.get(f"answer.{key}.full")]


def test_every_heirs_answer_says_the_condition_of_acceptance() -> None:
    for text in _texts("heirs"):
        assert re.search(r"принявш|принял|принят", text), text
        assert re.search(r"\bне принял|не принимал|не принявш|не отвечают вовсе|лишь с тех", text)


def test_the_relatives_answer_first_sentence_is_about_the_living() -> None:
    # cut to its first sentence, it must still be true of a dead relative's debts
    for text in _texts("children"):
        first = re.split(r"(?<=[.!?])\s+(?=[А-ЯЁ])", text, maxsplit=1)[0]
        assert re.search(r"жив|наслед", first), first


# --- criminal liability: the general rule, taxes included -------------------------------


def test_no_criminal_answer_says_only() -> None:
    for key in ("criminal", "criminal_tax"):
        for text in _texts(key):
            assert "только" not in text.lower(), text
            assert "уголовн" in text.lower()


@pytest.mark.parametrize(
    "turns",
    [
        [
            "у брата долгов около 2,3 млн, банки и налоговая, он был ип",
            "а его посадить могут за налоговую?",
        ],
        ["у меня долги 800 тысяч, был ип, закрыл, налоги остались", "а посадить могут?"],
    ],
)
async def test_a_former_ip_with_taxes_gets_the_tax_rule(turns: list[str], tmp_path: Path) -> None:
    reply = (await _replies(turns, tmp_path))[-1].lower()
    assert "налог" in reply and "уголовн" in reply, reply
    assert "только" not in reply.split("?")[0]


async def test_criminal_liability_names_hiding_property(tmp_path: Path) -> None:
    reply = (await _replies(["долг 500 тысяч, 2 банка", "а посадить могут?"], tmp_path))[-1]
    assert "уголовн" in reply.lower() and "сокрыти" in reply.lower(), reply
