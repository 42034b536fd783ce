"""Acts read from one message: what a blind batch (16) showed the reader missed or invented.

Each case is the general form of a miss: a question asked in a piece that reads like a
statement, a call request that is no answer, a question about agreeing with the bank."""

from __future__ import annotations

from pathlib import Path

import pytest

from credit_expert.models import ActKind, Ask, Subject, Topic
from credit_expert.understanding import understand
from tests.transcript_check import replay
from tests.understanding_examples import TODAY


@pytest.mark.parametrize(
    ("text", "expected", "topics"),
    [
        ("а пенсию перестанут удерживать? и квартиру не заберут она у меня одна", None,
         {Topic.DEDUCTIONS, Topic.FLAT}),
        ("а с работы меня не уволят если узнают? и за границу выпустят я в турцию хотел", None,
         {Topic.JOB, Topic.TRAVEL}),
        ("а с банком как договориться?", None, {Topic.RESTRUCTURING}),
        ("как договориться с кредитором об отсрочке", None, {Topic.RESTRUCTURING}),
    ],
)  # fmt: skip
def test_every_question_of_the_message_is_an_ask(
    text: str, expected: Ask | None, topics: set[Topic]
) -> None:
    asked = {a.topic for a in understand(text, expected, TODAY).asks}
    assert topics <= asked


@pytest.mark.parametrize("text", ["давайте юриста", "давайте созвонимся с юристом"])
def test_a_call_request_is_no_yes_to_the_script_question(text: str) -> None:
    reading = understand(text, Ask.ENFORCEMENT, TODAY)
    assert reading.wants_call
    assert not reading.of(ActKind.ANSWER)
    assert reading.slots.enforcement is None


async def test_the_mfc_person_who_goes_alone_gets_the_mfc_close(tmp_path: Path) -> None:
    turns = await replay(
        {
            "turns": [
                "долг 310 тыс, приставы окончили производство, взыскать нечего",
                "спасибо, сама схожу",
            ]
        },
        tmp_path / "x.db",
    )
    reply = turns[-1]["reply"].lower()
    assert "мфц" in reply
    assert "?" not in reply  # a close: no script question
    assert "банкротство влечет негативные последствия" in reply  # the route, with its warning


async def test_joint_property_question_is_answered_beside_the_spouse_salary(
    tmp_path: Path,
) -> None:
    turns = await replay(
        {
            "turns": [
                "должен 2 млн, 6 банков",
                "у жены заберут зарплату? а машину которую в браке купили? что с женой будет?",
            ]
        },
        tmp_path / "x.db",
    )
    reply = turns[-1]["reply"].lower()
    assert "зарплат" in reply
    assert "совместн" in reply


def test_a_relatives_figure_inside_a_question_is_theirs() -> None:
    reading = understand("а у сестры долг 900 тыщ ей можно к вам?", None, TODAY)
    assert [(a.slot, a.value, a.subject.value) for a in reading.others_facts if a.subject] == [
        ("debt_total", 900_000, "sibling")
    ]
    assert reading.slots.debt_total is None
    assert not understand("а мамину квартиру заберут?", None, TODAY).others_facts


def test_a_message_all_about_the_relative_is_read_not_unreadable() -> None:
    reading = understand(
        "у папы долги около 1,6 млн, 5 кредитов, он на пенсии 28 тыс, не платит с лета",
        Ask.DEBT_TOTAL,
        TODAY,
        known=frozenset({"on_behalf:parent"}),
    )
    assert not reading.unreadable
    # writing for the father: he is the lead, his figures are the card's, labelled his
    assert reading.slots.debt_total == 1_600_000
    assert ("debt_total", 1_600_000, Subject.PARENT) in {
        (a.slot, a.value, a.subject) for a in reading.of(ActKind.FACT)
    }
    assert not reading.others_facts


def test_writing_for_a_relative_the_writers_own_words_stay_off_the_card() -> None:
    reading = understand(
        "у меня свои доходы тысяч 30 и я никому не должна. зарплата у него официальная 95 тыс",
        Ask.INCOME,
        TODAY,
        known=frozenset({"on_behalf:spouse"}),
    )
    assert reading.slots.income_monthly == 95_000 and reading.slots.income_official is True


def test_help_offered_by_a_relative_is_no_question_of_liability() -> None:
    topics = {a.topic for a in understand("а если сын мне денег даст погасить часть?").asks}
    assert Topic.CHILDREN not in topics
    assert Topic.OTHER in topics


async def test_the_relative_written_for_is_the_lead(tmp_path: Path) -> None:
    turns = await replay(
        {
            "turns": [
                "Здравствуйте",
                "пишу за маму, у неё долг тыщ 400, пенсия 19 тыщ, приставы удерживают года два",
            ]
        },
        tmp_path / "x.db",
    )
    assert "400 000 ₽" in turns[-1]["reply"]  # her debt, acknowledged
    assert turns[-1]["slots"]["debt_total"] == 400_000  # the lawyer calls about her case
    assert turns[-1]["slots"]["income_monthly"] == 19_000


@pytest.mark.parametrize(
    ("text", "carried", "slot", "subject"),
    [
        # a pronoun is the relative named just before it, not the one of the last message
        ("живу с мамой в её квартире, своего ничего нет", Subject.SIBLING, "extra_property",
         Subject.PARENT),
        # "его" after a thing is the thing: the bailiffs' case, the person's own
        ("приставы были, одно производство, но его закрыли, взыскать нечего", Subject.SPOUSE,
         "enforcement", Subject.SELF),
        ("ипотека на муже, я не созаёмщик", None, "mortgage", Subject.SPOUSE),
    ],
)  # fmt: skip
def test_whose_fact_follows_the_words_of_this_message(
    text: str, carried: Subject | None, slot: str, subject: Subject
) -> None:
    facts = [a for a in understand(text, None, TODAY, carried=carried).acts if a.slot == slot]
    assert facts and facts[0].subject is subject


@pytest.mark.parametrize(
    "text",
    [
        "ну а всё же, сколько по деньгам? я не хочу на консультации узнать что там 200к",
        "а по цене? не хочу потом узнать, что надо 150 отдать",
        "сколько стоит? боюсь что выйдет тысяч 100",
    ],
)
def test_a_figure_beside_the_price_question_is_no_debt(text: str) -> None:
    reading = understand(text, Ask.DEBT_TOTAL, TODAY)  # even right after the debt question
    assert reading.slots.debt_total is None
    assert Topic.PRICE in {a.topic for a in reading.asks}
    assert not reading.wants_call  # "не хочу на консультации узнать…" asks for no call


def test_creditors_named_after_plus_come_on_top_of_those_known() -> None:
    reading = understand("плюс кредитка 150 и займ 60, всего выходит 1 110 000", None, TODAY)
    assert reading.slots.creditors_count == 2
    assert reading.creditors_added
    assert reading.slots.debt_total == 1_110_000
    # a loan named in a correction of the sum explains it, it adds no creditor
    assert not understand("ой не 800 а 900, забыла ещё кредитку посчитать").creditors_added
    assert not understand("банков 5, ещё мфо 2").creditors_added  # the whole count, restated


@pytest.mark.parametrize(
    ("first", "then", "debt", "creditors"),
    [
        ("кредит в сбере 900 тыс", "плюс кредитка 150 и займ 60, всего выходит 1 110 000",
         1_110_000, 3),
        ("долг 900 тыс, 2 банка", "ещё мфо на 50, итого получается 950", 950_000, 3),
        ("кредит в сбере 900 тыс", "у меня ещё 2 мфо и кредитка", 900_000, 4),
        ("долг 900 тыс, 3 банка", "у мужа тоже кредит", 900_000, 3),
    ],
)  # fmt: skip
async def test_parts_told_later_add_to_the_count_and_their_own_sum_stands(
    tmp_path: Path, first: str, then: str, debt: int, creditors: int
) -> None:
    turns = await replay({"turns": [first, then]}, tmp_path / "x.db")
    assert turns[-1]["slots"]["debt_total"] == debt
    assert turns[-1]["slots"]["creditors_count"] == creditors
    assert "какая цифра верная" not in turns[-1]["reply"]  # their own sum needs no check


async def test_a_bare_only_figure_is_still_asked_about(tmp_path: Path) -> None:
    dialogue = {"turns": ["долг 900 тыс", "по кредитке всего 600 тыс"]}
    turns = await replay(dialogue, tmp_path / "x.db")
    assert "какая цифра верная" in turns[-1]["reply"]


async def test_an_ok_to_a_count_question_is_heard_and_the_question_asked_again(
    tmp_path: Path,
) -> None:
    turns = await replay({"turns": ["у меня кредит на 900 тыс", "ок давайте"]}, tmp_path / "x.db")
    assert turns[0]["slots"]["creditors_count"] is None
    first, again = turns[0]["reply"].lower(), turns[1]["reply"].lower()
    assert "кредитор" in again or "банк" in again  # the same question, not the next one
    assert "просрочк" not in again and again != first


async def test_a_stray_part_is_asked_about_not_taken_nor_echoed(tmp_path: Path) -> None:
    dialogue = {"turns": ["долг 900 тыс", "по кредитке всего 600 тыс, 2 банка", "900"]}
    turns = await replay(dialogue, tmp_path / "x.db")
    assert turns[1]["slots"]["debt_total"] == 900_000  # not overwritten by the stray part
    assert "какая цифра верная" in turns[1]["reply"]
    assert "отметила: долг 600" not in turns[1]["reply"].lower()
    assert turns[2]["slots"]["debt_total"] == 900_000
