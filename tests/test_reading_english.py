"""Messages written in English are read for their facts (glossed into Russian first).

Other wordings than the blind transcripts': the gloss must generalise, not match them.
"""

from __future__ import annotations

import pytest

from credit_expert.models import Ask, Enforcement, Subject
from credit_expert.understanding import understand
from credit_expert.understanding.english import gloss, looks_english


@pytest.mark.parametrize(
    "text",
    [
        "Hi, can you help me with my debts?",
        "tomorrow after 5 pm",
        "yes I agree",
        "My husband owes money to three banks",
    ],
)
def test_english_is_recognised(text: str) -> None:
    assert looks_english(text)


@pytest.mark.parametrize(
    "text",
    [
        "dolg 500 tysyach, 2 banka",  # Russian in Latin letters: translit, not English
        "privet, u menya kredit v sberbanke",
        "долг 500 тысяч, help",
        "+7 912 000 11 22",
        "ok",
    ],
)
def test_translit_russian_and_numbers_are_not_english(text: str) -> None:
    assert not looks_english(text)


def test_debt_and_creditors_from_english() -> None:
    reading = understand("I owe roughly 640 thousand rubles to 5 banks")
    assert reading.slots.debt_total == 640_000
    assert reading.slots.creditors_count == 5


def test_million_with_a_decimal_and_k_suffix() -> None:
    assert understand("my debts are about 2.3 million rubles").slots.debt_total == 2_300_000
    reading = understand("I earn 55k per month, officially", expected=Ask.INCOME)
    assert reading.slots.income_monthly == 55_000
    assert reading.slots.income_official is True


def test_months_overdue_and_closed_enforcement() -> None:
    reading = understand(
        "I haven't paid for 5 months. The bailiffs closed the case, nothing to take"
    )
    assert reading.slots.months_overdue == 5
    assert reading.slots.enforcement is Enforcement.CLOSED


def test_writing_for_a_relative_makes_her_the_lead() -> None:
    reading = understand("I am writing for my mother, she owes about 300 thousand rubles")
    assert reading.on_behalf == Subject.PARENT.value
    assert reading.slots.debt_total == 300_000


def test_call_time_in_pm_with_moscow_zone() -> None:
    reading = understand("friday at 3 pm Moscow time", expected=Ask.CALL_TIME)
    assert reading.slots.call_time is not None
    assert "15:00" in reading.slots.call_time
    assert reading.slots.region is None  # a zone named for the call is not where the person lives


def test_consent_yes_in_english() -> None:
    assert understand("Yes, I agree", expected=Ask.CONSENT).consent is True


def test_a_city_named_in_english() -> None:
    assert understand("we live in Yekaterinburg").slots.region == "Екатеринбург"


def test_no_before_a_noun_denies_it_and_answers_no_other_question() -> None:
    reading = understand("no bailiffs yet", expected=Ask.PROPERTY)
    assert reading.slots.extra_property is None
    assert reading.slots.enforcement is Enforcement.NONE


def test_questions_in_english_are_asks() -> None:
    reading = understand("How long does it take? And will they take my car?")
    topics = [a.topic.value for a in reading.acts if a.topic is not None]
    assert "duration" in topics
    assert "car" in topics


def test_unknown_english_words_are_read_as_nothing() -> None:
    reading = understand("The weather is lovely and my cat sleeps on the sofa")
    assert reading.slots.known() == ()


def test_gloss_keeps_figures_and_order() -> None:
    assert gloss("I owe 100k to Sber and Tinkoff") == "должен 100 тыс сбер и тинькофф"


def test_english_with_plural_banks_and_a_pension_is_no_translit() -> None:
    read = understand(
        "He owes roughly 500k to banks, 3 banks. He is retired, his pension is 19k. "
        "He stopped paying six months ago",
        None,
        None,
    )
    assert read.slots.debt_total == 500_000
    assert read.slots.months_overdue == 6
    assert read.slots.benefits is True


def test_an_english_sentence_beside_russian_is_read() -> None:
    read = understand(
        "the bailiffs are deducting half of his salary. да, пишу как могу", None, None
    )
    assert read.slots.enforcement is Enforcement.OPEN


def test_an_apology_for_the_language_is_no_correction() -> None:
    reading = understand("Hello, sorry for my Russian. We owe roughly 1.4 million rubles")
    assert reading.slots.debt_total == 1_400_000
    assert not reading.correction
    assert [a.kind.value for a in reading.acts if a.slot == "debt_total"] == ["fact"]
