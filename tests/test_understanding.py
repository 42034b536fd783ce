"""Given a message and the question Daria asked last, Then the understanding holds these fields."""

from __future__ import annotations

import dataclasses
import json
import random
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from credit_expert.models import Ask, Slots, Understanding
from credit_expert.understanding import clean_text, parse_amount, parse_phone, understand
from scripts.score_rows import row_misses
from tests.understanding_examples import EXAMPLES, TODAY

DATA = Path(__file__).resolve().parent / "data"

SLOT_NAMES = {f.name for f in dataclasses.fields(Slots)}


def field_of(understanding: Understanding, name: str) -> Any:
    return getattr(understanding.slots if name in SLOT_NAMES else understanding, name)


@pytest.mark.parametrize(
    ("text", "expected", "fields"),
    EXAMPLES,
    ids=[f"{i:03d}-{text[:40]}" for i, (text, _, _) in enumerate(EXAMPLES)],
)
def test_message_is_understood(text: str, expected: Ask | None, fields: dict[str, Any]) -> None:
    understanding = understand(text, expected, TODAY)
    assert {name: field_of(understanding, name) for name in fields} == fields


def test_table_is_large_and_names_real_fields() -> None:
    assert len(EXAMPLES) >= 200
    known = SLOT_NAMES | {f.name for f in dataclasses.fields(Understanding)}
    assert all(set(fields) <= known for _, _, fields in EXAMPLES)


@pytest.mark.parametrize(
    ("text", "rubles"),
    [
        ("1 200 000", 1_200_000),
        ("1,2 млн", 1_200_000),
        ("1.2кк", 1_200_000),
        ("полтора ляма", 1_500_000),
        ("800к", 800_000),
        ("полляма", 500_000),
        ("лям двести", 1_200_000),
        ("миллион 100 тысяч", 1_100_000),
        ("два с половиной миллиона", 2_500_000),
        ("триста тысяч", 300_000),
        ("45000", 45_000),
        ("сначала 300 тыс, потом ещё 200 тыс", 300_000),
        ("3 банка", None),
        ("в 2023 году", None),
        ("", None),
        ("нет денег", None),
        ("5 месяцев", None),
    ],
)
def test_parse_amount(text: str, rubles: int | None) -> None:
    assert parse_amount(text) == rubles


@pytest.mark.parametrize(
    ("text", "phone"),
    [
        ("+7 (922) 600-11-22", "+79226001122"),
        ("89277001122", "+79277001122"),
        ("8 903 111 22 33", "+79031112233"),
        ("9031112233", "+79031112233"),
        ("+7 903 111-22-33", "+79031112233"),
        ("звоните 8-903-111-22-33 после обеда", "+79031112233"),
        ("1 200 000", None),
        ("+7 000 000 00 00", None),
        ("12345", None),
        ("телефон не дам", None),
    ],
)
def test_parse_phone(text: str, phone: str | None) -> None:
    assert parse_phone(text) == phone


@pytest.mark.parametrize(
    ("text", "max_chars", "cleaned"),
    [
        ("  привет  \t мир ", 100, ("привет мир", False)),
        ("до\u200bлг\u200d 5\ufeff00к", 100, ("долг 500к", False)),
        ("строка\x00\x07 один\n\n\nстрока два", 100, ("строка один\nстрока два", False)),
        ("abcdef", 3, ("abc", True)),
        ("abc", 3, ("abc", False)),
        ("", 10, ("", False)),
        ("\r\nтекст\r\n", 10, ("текст", False)),
    ],
)
def test_clean_text(text: str, max_chars: int, cleaned: tuple[str, bool]) -> None:
    assert clean_text(text, max_chars) == cleaned


def test_relative_months_need_today() -> None:
    assert understand("не плачу с марта").slots.months_overdue is None
    assert understand("не плачу с марта", today=date(2026, 1, 10)).slots.months_overdue == 10


ODD_INPUTS = [
    "",
    " ",
    "\x00\x01\x02",
    "\u200b" * 50,
    "💥" * 500,
    "<script>alert('x')</script>",
    "'; DROP TABLE users; --",
    "1" * 5000,
    "9" * 40 + " рублей",
    "+" * 100,
    "/start " + "x" * 5000,
    "/",
    "не " * 300 + "а",
    "долг " * 2000,
    "полтора " * 500,
    "с половиной " * 300,
    "1,2,3,4,5,6,7,8,9,0" * 50,
    "Ⅻ ① ℵ ∞ ∑ 𝔘𝔫𝔦𝔠𝔬𝔡𝔢",
    "\n" * 1000,
    "лям лям лям двести двести",
    "+7 (((((((((9",
]


@pytest.mark.parametrize("text", ODD_INPUTS)
@pytest.mark.parametrize("expected", [None, Ask.PHONE, Ask.DEBT_TOTAL, Ask.REGION, Ask.CALL_TIME])
def test_odd_input_never_raises(text: str, expected: Ask | None) -> None:
    assert isinstance(understand(text, expected, TODAY), Understanding)


def test_random_noise_never_raises() -> None:
    rng = random.Random(7)
    alphabet = "абвгдеёжзийклмнопрстуфхцчшщъыьэюя0123456789 .,!?-+()₽к/\n\t<>;'\"\u200b😀"
    for _ in range(300):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 200)))
        understand(text, rng.choice([None, *Ask]), TODAY)


def test_ten_thousand_characters_of_noise_are_read_without_error() -> None:
    """Speed is measured in bench/nlu_accuracy.py, not here (a shared CI box is no clock)."""
    words = [
        "долг",
        "банк",
        "миллион",
        "Казань",
        "звоните",
        "мне",
        "вечером",
        "пожалуйста",
        "89031112233",
        "не",
        "плачу",
    ]
    rng = random.Random(3)
    text = " ".join(rng.choice(words) + rng.choice(["", "а", "ов", "ами"]) for _ in range(1500))
    text = text[:10_000]
    reading = understand(text, None, TODAY)
    assert reading.slots.region == "Казань"
    assert reading.slots.phone == "+79031112233"


# 300 single messages labelled blind (acts, subjects, slots that must stay unknown):
# every row listed in acts_rows_passing.txt must keep passing; the list only grows.
ACTS_ROWS = json.loads((DATA / "acts_rows.json").read_text(encoding="utf-8"))
PASSING_ROWS = [int(i) for i in (DATA / "acts_rows_passing.txt").read_text().split()]


@pytest.mark.parametrize("index", PASSING_ROWS)
def test_labelled_row_is_read_as_labelled(index: int) -> None:
    misses, *_ = row_misses(ACTS_ROWS[index])
    assert not misses, (ACTS_ROWS[index]["text"], misses)
