"""The list of lenders and the run-on message: what blind batches 30–33 showed the reader
missed. Russian leaves out a noun just said ("две карты в одном" — банке), closes a list
with "других долгов нет", adds with "и ещё", and runs clauses on without a comma after
"X нет"; a relative after "с" is company, not the owner of the place named."""

from __future__ import annotations

from pathlib import Path

import pytest

from credit_expert.models import ActKind, Ask, Subject
from credit_expert.understanding import understand
from tests.transcript_check import replay
from tests.understanding_examples import TODAY

# ---------------------------------------------------------------- loans held in a lender counted


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("у меня 3 банка, две карты в одном", 3),
        ("3 банка, две кредитки в одном банке", 3),
        ("банков 3, в одном из них две карты", 3),
        ("4 банка, два кредита в одном", 4),
        ("3 банка и 2 мфо", 5),  # no place among them: two more
        ("2 кредита в одном банке", 1),  # no lenders counted before: the one bank
    ],
)
def test_loans_placed_in_a_lender_counted_are_no_more_lenders(text: str, count: int) -> None:
    assert understand(text, Ask.CREDITORS, TODAY).slots.creditors_count == count


@pytest.mark.parametrize(
    "text",
    ["ой не 5 а 3 банка, две карты в одном", "не 5, а 3 банка, две кредитки в одном банке"],
)
def test_a_count_put_right_and_explained_is_the_new_count(text: str) -> None:
    reading = understand(text, Ask.MONTHS_OVERDUE, TODAY, known=frozenset({"creditors:5"}))
    corrections = [a for a in reading.acts if a.kind is ActKind.CORRECTION]
    assert reading.slots.creditors_count == 3
    assert [(a.slot, a.value) for a in corrections] == [("creditors_count", 3)]


# ---------------------------------------------------------------- a lender added by name


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("долги по кредитам где-то 270 тысяч, два банка и ещё хоум кредит", 3),
        ("2 банка плюс сбер", 3),
        ("два банка и ещё займер", 3),
        ("3 банка, забыла про хоум кредит", 3),  # forgotten: among the three
        ("2 банка: сбер и втб", 2),  # the names spell the count out
    ],
)
def test_a_name_added_to_the_banks_counted_is_one_more(text: str, count: int) -> None:
    assert understand(text, None, TODAY).slots.creditors_count == count


def test_a_name_added_in_a_correction_is_why_the_count_grew() -> None:
    known = frozenset({"creditors:5"})
    reading = understand("ой банков 6, ещё хоум кредит", None, TODAY, known=known)
    assert reading.slots.creditors_count == 6


# ---------------------------------------------------------------- one loan, and the list closed


@pytest.mark.parametrize(
    "text",
    [
        "кредит брала в 2019 году на 5 лет, не потянула",
        "у меня старый долг, кредит в банке Траст, сейчас там коллекторы",
        "кредитка тинькофф просрочена",
    ],
)
def test_one_loan_told_in_the_story(text: str) -> None:
    assert understand(text, None, TODAY).one_loan


@pytest.mark.parametrize(
    "text",
    ["кредиты в сбере и втб", "кредитов нет", "у мужа кредит", "кредит в сбере и кредитка в втб"],
)
def test_no_single_loan_of_the_persons_own(text: str) -> None:
    assert not understand(text, None, TODAY).one_loan


@pytest.mark.parametrize(
    "text",
    [
        "Других долгов нет",
        "больше кредитов у меня нет",
        "нет больше долгов",
        "больше никому не должна",
        "это мой единственный кредит",
    ],
)
def test_the_list_told_is_closed(text: str) -> None:
    assert understand(text, None, TODAY).no_other_debts


@pytest.mark.parametrize("text", ["других вариантов нет", "больше кредитов не возьму"])
def test_no_list_closed(text: str) -> None:
    assert not understand(text, None, TODAY).no_other_debts


@pytest.mark.parametrize(
    ("turns", "count"),
    [
        (["кредит в банке Траст, коллекторы звонят", "долг 196 тысяч. Других долгов нет"], 1),
        (["кредит брала в 2019, не потянула, осталось 300 тысяч", "больше никому не должна"], 1),
        (["долги по кредитам 500 тысяч", "других долгов нет"], None),  # how many, never said
    ],
)
async def test_no_other_debts_after_one_loan_counts_it(
    tmp_path: Path, turns: list[str], count: int | None
) -> None:
    replayed = await replay({"turns": turns}, tmp_path / "x.db")
    assert replayed[-1]["slots"]["creditors_count"] == count


# ---------------------------------------------------------------- a part told on top of the total


@pytest.mark.parametrize(
    ("turns", "debt", "count"),
    [
        (["кредит брала в 2019 году на 5 лет, осталось тысяч 310",
          "и ещё кредитка, там не знаю сколько, тыщ 50 наверно"], 360_000, 2),
        (["долг 900 тыс, 2 банка", "плюс займ 60 тысяч"], 960_000, 3),
        (["долг 900 тыс, 2 банка", "а ещё кредитка на 40 тыс"], 940_000, 3),
        # inside the total said before, or a new total of their own: nothing added
        (["долг 900 тыс, 2 банка", "ещё кредитка 50, она входит в эти 900"], 900_000, 3),
        (["долг 900 тыс, 2 банка", "ещё мфо на 50, итого получается 950"], 950_000, 3),
    ],
)  # fmt: skip
async def test_a_part_told_on_top_is_added_to_the_total(
    tmp_path: Path, turns: list[str], debt: int, count: int
) -> None:
    replayed = await replay({"turns": turns}, tmp_path / "x.db")
    assert replayed[-1]["slots"]["debt_total"] == debt
    assert replayed[-1]["slots"]["creditors_count"] == count
    assert "какая цифра верная" not in replayed[-1]["reply"]


# ---------------------------------------------------------------- run-on messages


@pytest.mark.parametrize(
    ("text", "slot", "value"),
    [
        ("ипотеки нет квартира мамина я в ней прописана", "mortgage", False),
        ("приставов нет живу с мамой в Твери", "enforcement", "none"),
        ("машины нет дачи нет", "extra_property", False),
    ],
)
def test_a_thing_said_absent_closes_its_clause(text: str, slot: str, value: object) -> None:
    reading = understand(text, Ask.MORTGAGE, TODAY)
    assert reading.slots.to_json()[slot] == value
    facts = [a for a in reading.acts if a.kind is ActKind.FACT and a.slot == slot]
    assert facts and all(a.subject is Subject.SELF for a in facts)


def test_a_no_that_answers_is_no_absent_thing() -> None:
    assert understand("да нет квартира мамина", Ask.MORTGAGE, TODAY).slots.mortgage is None


@pytest.mark.parametrize(
    ("text", "region"),
    [
        ("приставов нет, живу с родителями, своего ничего. город Тында", "Тында"),
        ("живу с мамой в Твери", "Тверь"),
        ("я с мужем и детьми, Тверь", "Тверь"),
        ("коллекторы звонят маме в Саратов", None),  # the mother's town
    ],
)
def test_a_relative_one_lives_with_leaves_the_place_ones_own(text: str, region: str | None) -> None:
    assert understand(text, None, TODAY).slots.region == region


# ---------------------------------------------------------------- writing for a relative

FOR_MOTHER = frozenset({"on_behalf:parent"})


@pytest.mark.parametrize(
    ("text", "region"),
    [
        ("Я сама в Хабаровске живу, у меня зарплата 45. А мама живёт отдельно, город Биробиджан",
         "Биробиджан"),
        ("мама живет одна, город Биробиджан", "Биробиджан"),
        ("мама живёт отдельно, я в Хабаровске", None),  # the writer's town
    ],
)  # fmt: skip
def test_a_place_going_on_from_the_relatives_clause_is_theirs(
    text: str, region: str | None
) -> None:
    assert understand(text, None, TODAY, known=FOR_MOTHER).slots.region == region


@pytest.mark.parametrize(
    ("text", "owns"),
    [
        ("Имущества у мамы нет, квартира одна приватизированная", False),
        ("у мамы имущества нет", False),
        ("у мамы машина есть", True),
    ],
)
def test_what_the_relative_written_for_owns(text: str, owns: bool) -> None:
    assert understand(text, Ask.PROPERTY, TODAY, known=FOR_MOTHER).slots.extra_property is owns
