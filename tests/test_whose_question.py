"""Whose question it is, and what it asks: the writer's own liability when the case is a
relative's, the relative's pension asked after it, a spouse's own car, the children's
registration, a "почему" inside an objection, and a closed ИП that is no income.

Each case is the general form of a miss found by trying the bot as a new user."""

from __future__ import annotations

from pathlib import Path

import pytest

from credit_expert.conversation import known_about
from credit_expert.models import ObjectionKind, SessionState, Subject, Topic
from credit_expert.understanding import understand
from tests.transcript_check import replay
from tests.understanding_examples import TODAY


def _asks(text: str, *known: str) -> list[tuple[Topic | None, Subject]]:
    reading = understand(text, None, TODAY, known=frozenset(known))
    return [(a.topic, a.subject) for a in reading.asks]


# Writing for a relative: "мне/меня/нам/нас … платить/отвечать/заставят/повесят" asks whether
# the writer answers for the relative's debts, never "what if I stop paying"
@pytest.mark.parametrize(
    ("text", "known", "topic"),
    [
        ("и мне потом не придется платить?", "on_behalf:parent", Topic.CHILDREN),
        ("а нам её долги отдавать не придётся?", "on_behalf:parent", Topic.CHILDREN),
        ("с меня потом не взыщут?", "on_behalf:child", Topic.CHILDREN),
        ("а на меня это не повесят?", "on_behalf:sibling", Topic.CHILDREN),
        ("и меня не заставят платить?", "on_behalf:parent", Topic.CHILDREN),
        ("и мне потом не придется платить?", "on_behalf:spouse", Topic.SPOUSE_DEBTS),
    ],
)
def test_the_writer_asking_if_they_pay_asks_the_relatives_question(
    text: str, known: str, topic: Topic
) -> None:
    asked = [t for t, _ in _asks(text, known)]
    assert asked == [topic], asked


def test_the_writer_asking_if_they_pay_in_the_message_that_names_the_relative() -> None:
    asked = _asks("пишу за папу, у него кредиты на 500 тысяч. мне придётся за него платить?")
    assert [t for t, _ in asked] == [Topic.CHILDREN], asked


@pytest.mark.parametrize(
    ("text", "known", "topic"),
    [
        # the person's own case: whether they may stop paying
        ("и мне потом не придется платить?", (), Topic.NON_PAYMENT),
        # the relative written for stopping her payments is still non-payment
        ("а маме можно просто перестать платить?", ("on_behalf:parent",), Topic.NON_PAYMENT),
    ],
)
def test_no_relative_written_for_or_stopping_payments_stays_non_payment(
    text: str, known: tuple[str, ...], topic: Topic
) -> None:
    assert [t for t, _ in _asks(text, *known)] == [topic]


def test_after_the_writers_own_question_the_next_one_is_the_relatives_again() -> None:
    """ "…и мне потом не придется платить? и пенсию всю заберут?": her pension, not the
    writer's."""
    asked = _asks(
        "а квартиру у неё не заберут? она одна у неё. и мне потом не придется платить? "
        "и пенсию всю заберут?",
        "on_behalf:parent",
    )
    assert (Topic.CHILDREN, Subject.SELF) in asked, asked
    assert (Topic.SALARY, Subject.PARENT) in asked, asked


def test_the_writer_telling_of_their_own_pension_makes_the_question_theirs() -> None:
    asked = _asks(
        "я сама пенсионерка, у меня своя пенсия 18 тысяч. и пенсию всю заберут?",
        "on_behalf:parent",
    )
    assert asked == [(Topic.SALARY, Subject.SELF)], asked


async def test_the_daughter_hears_relatives_do_not_pay_and_of_her_mothers_pension(
    tmp_path: Path,
) -> None:
    turns = await replay(
        {
            "turns": [
                "здравствуйте пишу за маму ей 72 года пенсионерка",
                "у неё кредитов на 380 тысяч в двух банках, пенсия 21 тысяча, больше ничего. "
                "платить перестала полгода назад",
                "а квартиру у неё не заберут? она одна у неё. и мне потом не придется платить? "
                "и пенсию всю заберут?",
            ]
        },
        tmp_path / "x.db",
    )
    reply = turns[-1]["reply"].lower()
    assert "не отвечают" in reply, reply
    assert "прекратить платежи" not in reply and "перестать платить" not in reply, reply
    assert "вам оставляют" not in reply and "за вами" not in reply, reply
    assert "пенси" in reply and "прожиточный минимум" in reply, reply


@pytest.mark.parametrize(
    ("turns", "income_word"),
    [
        (["пишу за сына, у него кредиты на 700 тысяч, зарплата 50", "а зарплату всю заберут?"],
         "заработ"),
        (["пишу за папу, у него кредиты на 700 тысяч, пенсия 25", "его пенсию всю заберут?"],
         "пенси"),
    ],
)  # fmt: skip
async def test_the_debtors_income_is_answered_as_the_debtors(
    turns: list[str], income_word: str, tmp_path: Path
) -> None:
    reply = (await replay({"turns": turns}, tmp_path / "x.db"))[-1]["reply"].lower()
    assert income_word in reply and "должник" in reply, reply
    assert "на вас" not in reply and "вам оставляют" not in reply, reply


# "детей выпишут?": the children's registration, which the lawyer clarifies, never what
# relatives owe for the person's debts
@pytest.mark.parametrize(
    "text", ["детей выпишут?", "а детей из квартиры не выпишут?", "прописки детей лишат?"]
)
def test_a_registration_taken_away_is_no_relatives_debt_question(text: str) -> None:
    asked = [t for t, _ in _asks(text, "mortgage")]
    assert asked == [Topic.OTHER], asked


@pytest.mark.parametrize(
    ("text", "topic"),
    [("а детям?", Topic.CHILDREN), ("жену с ребёнком не выселят?", Topic.MORTGAGE_FLAT)],
)
def test_the_relatives_liability_and_eviction_keep_their_topics(text: str, topic: Topic) -> None:
    assert topic in [t for t, _ in _asks(text, "mortgage")]


async def test_a_short_registration_question_beside_others_is_still_answered(
    tmp_path: Path,
) -> None:
    turns = await replay(
        {
            "turns": [
                "долг 2 млн 300 по ипотеке и кредиткам, ипотека на квартиру где живём с "
                "женой и детьми",
                "квартиру заберут? детей выпишут? а у жены машина своя, её тронут?",
            ]
        },
        tmp_path / "x.db",
    )
    reply = turns[-1]["reply"].lower()
    assert "юрист" in reply
    assert "по кредитам родных" not in reply and "наследник" not in reply, reply
    assert "автомобиль в процедуре обычно идёт на продажу" not in reply, reply


# "а у жены машина своя, её тронут?": the car asked of is the wife's, never the person's own
@pytest.mark.parametrize(
    "text",
    [
        "а у жены машина своя, её тронут?",
        "у мужа своя машина, её не заберут?",
        "квартиру заберут? а у жены машина своя, её тронут?",
    ],
)
def test_the_spouses_own_car_is_the_spouses_question(text: str) -> None:
    asked = _asks(text)
    assert (Topic.SPOUSE, Subject.SPOUSE) in asked, asked
    assert not any(t in (Topic.CAR, Topic.PLEDGED_CAR) for t, _ in asked), asked


def test_the_persons_own_car_beside_the_spouses_is_still_asked() -> None:
    asked = _asks("у жены машина своя, а мою машину заберут?")
    assert (Topic.CAR, Subject.SELF) in asked, asked


# "а почему я вам должен верить": one question, the doubt; never a bare "почему?" pressing the
# last answer
@pytest.mark.parametrize(
    "text",
    [
        "слушайте а почему я вам должен верить, в интернете пишут что вы все мошенники",
        "а почему я вам должен верить?",
        "с чего мне вам доверять",
    ],
)
def test_why_trust_you_is_the_trust_doubt_and_presses_no_answer(text: str) -> None:
    reading = understand(text, None, TODAY, known=frozenset({"last:spouse", "just:spouse"}))
    assert reading.objection is ObjectionKind.TRUST
    assert Topic.SPOUSE not in {a.topic for a in reading.asks}


def test_why_with_words_of_its_own_is_its_own_question() -> None:
    asked = _asks("а почему я должна платить банку?", "last:spouse", "just:spouse")
    assert Topic.SPOUSE not in [t for t, _ in asked], asked


def test_a_bare_why_presses_the_answer_just_given() -> None:
    assert [t for t, _ in _asks("а почему?", "last:spouse", "just:spouse")] == [Topic.SPOUSE]


def test_the_answer_just_given_is_known_only_right_after_it() -> None:
    answered_now = SessionState(answered=("spouse",), answered_turn=3, turns=3)
    assert "just:spouse" in known_about(answered_now)
    answered_before = SessionState(answered=("spouse",), answered_turn=2, turns=3)
    assert "just:spouse" not in known_about(answered_before)
    assert "last:spouse" in known_about(answered_before)


async def test_a_why_after_a_reply_that_answered_nothing_does_not_reopen_an_old_answer(
    tmp_path: Path,
) -> None:
    turns = await replay(
        {
            "turns": [
                "долг 900 тысяч, 4 банка",
                "а жену это коснётся?",
                "не плачу полгода",
                "а почему?",
            ]
        },
        tmp_path / "x.db",
    )
    assert "супруг" in turns[1]["reply"].lower()
    assert "супруг" not in turns[-1]["reply"].lower(), turns[-1]["reply"]


# A closed ИП is no income at all; an open one with its monthly figure is declared income
@pytest.mark.parametrize(
    "text",
    [
        "у меня ИП было закрыл в 2023, там налоги остались тысяч 200",
        "ип закрыла в прошлом году, выходило тысяч 80 в месяц",
        "был ип до 2022 года, 60 тыс в месяц выходило",
        "ИП уже нет, налоги остались 150 тысяч",
    ],
)
def test_a_closed_ip_is_no_official_income(text: str) -> None:
    assert understand(text, None, TODAY).slots.income_official is None


@pytest.mark.parametrize("text", ["у меня ип, выходит тысяч 80 в месяц", "я ип, доход 70 тысяч"])
def test_an_open_ip_earning_is_official_income(text: str) -> None:
    assert understand(text, None, TODAY).slots.income_official is True
