"""What a question asks, from blind batch 35: what the spouse earns told with the question
("муж получает около 80, это не считается?"), a relative named just before "её не заставят
платить?", the speaker's own income in reported speech ("мама говорит что её пенсию
заберут"), a relative's thing named alone ("и бабушкин дом?"); and the answer texts that
must say the word asked (a guarantee, the relatives' liability).
Each case in other wordings, and one that must not match."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from credit_expert.models import ActKind, Subject, Topic
from credit_expert.understanding import understand

ANSWERS = tomllib.loads(
    (Path(__file__).parent.parent / "credit_expert" / "prompts" / "answers.toml").read_text(
        encoding="utf-8"
    )
)


def _asked(
    text: str, known: frozenset[str] = frozenset(), carried: Subject | None = None
) -> list[Topic]:
    read = understand(text, carried=carried, known=known)
    return [a.topic for a in read.acts if a.kind is ActKind.ASK and a.topic]


@pytest.mark.parametrize(
    "text",
    [
        "работаю в школе, зп 42 официально. муж получает больше, около 80, это не считается?",
        "муж получает около 100, это не повлияет?",
        "жена зарабатывает 60, это учитывается?",
    ],
)
def test_what_the_spouse_earns_told_with_the_question_is_the_spouses_salary(text: str) -> None:
    assert Topic.SPOUSE_SALARY in _asked(text)


def test_writing_for_a_sister_her_husbands_earnings_are_the_spouses_salary() -> None:
    text = "получает детские пособия. муж у неё получает около 100, это не повлияет?"
    assert Topic.SPOUSE_SALARY in _asked(text, carried=Subject.SIBLING)


def test_the_spouse_receiving_a_benefit_is_no_salary() -> None:
    assert Topic.SPOUSE_SALARY not in _asked("муж получает пособие по инвалидности, его тронут?")


@pytest.mark.parametrize(
    "text",
    [
        "и дочке 19 она работает, её не заставят платить?",
        "сын взрослый, его не заставят платить?",
        "а маме 70, её не обяжут гасить?",
    ],
)
def test_a_relative_named_then_a_pronoun_made_to_pay_is_their_liability(text: str) -> None:
    asked = _asked(text)
    assert Topic.CHILDREN in asked
    assert Topic.NON_PAYMENT not in asked


def test_stopping_payments_oneself_is_still_non_payment() -> None:
    assert Topic.NON_PAYMENT in _asked("а если я не буду платить, что будет?")


@pytest.mark.parametrize(
    "text",
    [
        "мама говорит что её пенсию тоже заберут если я обанкрочусь, это правда?",
        "папа сказал что его пенсию тоже заберут, правда?",
    ],
)
def test_a_relative_fearing_for_their_own_income_asks_of_the_relatives_salary(text: str) -> None:
    assert Topic.RELATIVE_SALARY in _asked(text)


def test_a_relative_threatening_the_persons_home_is_still_the_home() -> None:
    assert Topic.RELATIVE_SALARY not in _asked("бывшая говорит что квартиру отсудит, это правда?")


@pytest.mark.parametrize("text", ["и бабушкин дом?", "а мамина машина?", "и папин гараж?"])
def test_a_relatives_thing_named_alone_asks_of_their_property(text: str) -> None:
    assert _asked(text) == [Topic.RELATIVE_PROPERTY]


def test_a_relative_named_alone_without_a_thing_is_their_liability() -> None:
    assert _asked("а маме?") == [Topic.CHILDREN]


@pytest.mark.parametrize(
    ("key", "words"),
    [
        ("answer.guarantee", ("гарантий", "обещ", "суд решает", "решает суд")),
        ("answer.children", ("не отвеча", "не должн", "не обязан")),
    ],
)
def test_every_answer_variant_says_what_was_asked(key: str, words: tuple[str, ...]) -> None:
    table = ANSWERS["answer"][key.split(".", 1)[1]]
    for text in [*table["short"], *table["full"]]:
        assert any(w in text.lower() for w in words), text
