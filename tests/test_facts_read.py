"""Facts the reader must not invent, and figures it must read right (blind batches 24–25, in
other wordings than the transcripts'): what "ничего нет" denies, counts put right, whose
figure a number is."""

from __future__ import annotations

import pytest

from credit_expert.models import Ask
from credit_expert.understanding import understand
from tests.understanding_examples import TODAY


def _read(text: str, expected: Ask | None = None, *known: str) -> dict[str, object]:
    reading = understand(text, expected, TODAY, known=frozenset(known))
    return {k: v for k, v in vars(reading.slots).items() if v is not None}


@pytest.mark.parametrize(
    ("text", "expected", "known"),
    [
        # why the bailiffs took nothing, not the property question's answer
        ("лист у приставов лет 5 лежит, ничего не списали, у меня ничего нет", Ask.CREDITORS, ()),
        ("производство висит, взять с меня нечего, ничего нет", None, ()),
        ("пристав закрыл дело, сказали имущества нет", Ask.DEBT_TOTAL, ("on_behalf:parent",)),
        # a list of incomes closed by "больше ничего"
        ("живу на пенсию 17 тысяч и всё, больше ничего", Ask.CREDITORS, ()),
        ("получаю пособие на ребенка 15 тыс, больше ничего нет", None, ()),
        ("у него пенсия 19 и больше ничего", None, ("on_behalf:parent",)),
    ],
)
def test_a_nothing_about_income_or_bailiffs_denies_no_property(
    text: str, expected: Ask | None, known: tuple[str, ...]
) -> None:
    assert "extra_property" not in _read(text, expected, *known)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("имущества нет", Ask.PROPERTY),
        ("больше ничего", Ask.PROPERTY),  # the answer to the property question
        ("пенсия 20 тысяч, машины нет, больше ничего", None),  # the car denied by name
        ("приставов нет, имущества нет", None),
    ],
)
def test_a_denial_of_property_still_counts(text: str, expected: Ask | None) -> None:
    assert _read(text, expected).get("extra_property") is False


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("не 4 а 5 банков, про мфо забыла", 5),
        ("кредитов не 3, а 4 — забыл про кредитку в альфе", 4),
        ("ой не 2 а 3 банка, про тинькофф забыла", 3),
    ],
)
def test_a_forgotten_loan_in_a_corrected_count_is_in_the_new_count(text: str, count: int) -> None:
    assert _read(text, Ask.ENFORCEMENT, "creditors:2")["creditors_count"] == count


@pytest.mark.parametrize(
    ("text", "expected", "known"),
    [
        # a lender named beside a guarantee: the guaranteed loan, one of the person's
        ("сестра у меня поручитель по кредиту в альфе на 300 тысяч", Ask.MONTHS_OVERDUE,
         ("creditors:4", "debt:900000")),
        ("жена умерла, кредиты остались, я созаёмщик по одному, в сбере", None, ()),
        # a lender named for its court case or writ
        ("по втб был суд, приказ какой-то", Ask.DEBT_TOTAL, ("creditors:3",)),
        ("альфа подала на меня в суд", Ask.ENFORCEMENT, ()),
        # a bank talked about, after the creditors question
        ("банк этот просто хамы, названивают каждый день", Ask.CREDITORS, ()),
        # loans listed with the mortgage: how many lenders hold them is unsaid
        ("по ипотеке осталось 1,5 млн, ещё кредитка 200 и займ 40", Ask.DEBT_TOTAL, ()),
    ],
)  # fmt: skip
def test_lenders_named_for_something_else_count_no_creditors(
    text: str, expected: Ask | None, known: tuple[str, ...]
) -> None:
    read = _read(text, expected, *known)
    assert "creditors_count" not in read
    assert read.get("debt_total") in (None, 1_740_000)


@pytest.mark.parametrize(
    ("text", "expected", "count"),
    [
        ("кредитка в тинькофф и займ", Ask.CREDITORS, 2),
        ("ну одна кредитка наверно", Ask.CREDITORS, 1),
        ("у меня 3 кредита, по одному муж созаёмщик", None, 3),
        ("кредиты в сбере и втб, по сберу суд был", None, 2),
        ("сбер 300, втб 200 и ещё мфо 40", None, 3),  # "мфо 40" is a sum, not 40 creditors
    ],
)
def test_creditors_still_counted(text: str, expected: Ask | None, count: int) -> None:
    assert _read(text, expected)["creditors_count"] == count
