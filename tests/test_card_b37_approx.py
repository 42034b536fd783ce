"""Approximate markers on the lead card: what blind batch 37 showed (rows 17, 18, 21, 22).

A hedge marks the figure it stands at: "долгов около 450 тысяч в 4 банках" hedges the debt,
not the count, so a count corrected to an exact figure ("ой не в 4 а в 5") or given plainly
beside a hedged amount ("где то 300 налоги, остальное банки, 4 штуки") is exact; "мфо штук 6"
(the counted word first) is a hedged count; an income given as a range ("плавает 70-80", "от
30 до 60") is approximate."""

from __future__ import annotations

import pytest

from credit_expert.understanding import understand
from credit_expert.understanding.amounts import count_hedged, hedged


@pytest.mark.parametrize(
    ("text", "count"),
    [
        (
            "маме 74 года, пенсия 21 тыс, долгов около 450 тысяч в 4 банках. ой не в 4 а в 5,"
            " ещё хоум кредит забыла",
            5,
        ),
        ("долгов 2,4 млн, из них где то 300 налоги, остальное банки, 4 штуки", 4),
        ("долг где-то 600 тысяч, 3 банка", 3),
    ],
)
def test_a_hedge_on_the_debt_does_not_hedge_the_count(text: str, count: int) -> None:
    reading = understand(text)
    assert reading.slots.creditors_count == count
    assert "creditors_count" not in reading.approximate


@pytest.mark.parametrize(
    "text",
    [
        "я по поводу жены. у неё мфо штук 6 и кредитка, всего тысяч 380",
        "долг 900 тысяч, банки и мфо, штук 6",
        "долг 900 тысяч, примерно в 5 банках",
        "долг 900 тысяч, 5-6 банков",
        "долг 900 тысяч, банков 3 или 4",
    ],
)
def test_a_count_hedged_at_its_figure_is_approximate(text: str) -> None:
    assert "creditors_count" in understand(text).approximate


def test_count_hedged_reads_only_the_counts_figure() -> None:
    assert count_hedged("долгов около 450 тысяч в 4 банках") is False
    assert count_hedged("около 5 банков") is True
    assert count_hedged("просто долги") is None  # no counted figure: the piece decides


@pytest.mark.parametrize(
    "text", ["не плачу с лета, месяца 4. доход плавает 70-80 в месяц", "доход скачет от 30 до 60"]
)
def test_an_income_range_is_approximate(text: str) -> None:
    reading = understand(text)
    assert reading.slots.income_monthly is not None
    assert "income_monthly" in reading.approximate


def test_a_case_number_is_no_range() -> None:
    assert not hedged("пенсия 17 тыщ, дело номер 2-1543/2017")
