"""Typos in the reader's key words are corrected before the rules run; nothing else is."""

from __future__ import annotations

import pytest

from credit_expert.models import Ask, Enforcement
from credit_expert.understanding.reader import understand
from credit_expert.understanding.typos import correct_typos, correct_word


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("долк", "долг"),
        ("кридит", "кредит"),
        ("преставы", "приставы"),
        ("ипатека", "ипотека"),
        ("ипоткеа", "ипотека"),  # two letters swapped
        ("зарплота", "зарплата"),
        ("колекторы", "коллекторы"),
        ("имушество", "имущество"),
        ("сагласен", "согласен"),
        ("пенсея", "пенсия"),
    ],
)
def test_misspelt_key_words_are_corrected(typed: str, meant: str) -> None:
    assert correct_word(typed) == meant


@pytest.mark.parametrize(
    "word",
    [
        "сокол",  # a known word: pymorphy3's dictionary has it
        "кстово",  # an unknown place far from every key word
        "сбере",  # a key word plus an ending ("сбер" + "е"), not a typo
        "микрозаймы",
        "мфошки",
        "ляма",
        "тинек",
        "разводилы",  # two edits from "разводы" but longer: left
        "долгг",  # "долг", "долга", "долгу" equally close: not guessed
        "бот",  # shorter than 4 letters
    ],
)
def test_other_words_are_left_alone(word: str) -> None:
    assert correct_word(word) == word


def test_only_words_change_not_numbers_or_spacing() -> None:
    assert correct_typos("долк 1,2 млн, кридит 300к") == "долг 1,2 млн, кредит 300к"


def test_the_rules_read_the_corrected_words() -> None:
    assert understand("долк 800 тысяч").slots.debt_total == 800_000
    assert understand("преставы уже арестовали счёт").slots.enforcement == Enforcement.OPEN
    assert understand("зарплота 40 тысяч официально").slots.income_monthly == 40_000
    assert understand("ипатека есть", Ask.MORTGAGE).slots.mortgage is True
