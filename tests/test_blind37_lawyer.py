"""The lawyer's reading of blind batch 37, in general form: a not-a-fit reply holds out no
route, an instalment asked of a bank is restructuring (never the firm's price), the consent
refusal says what the firm does with the number without overstating the law, the court offer
to a relative names the relative, and a question left last in a message is still answered."""

from __future__ import annotations

import pytest

from credit_expert.models import ActKind, ObjectionKind, Topic
from credit_expert.understanding import understand
from tests.understanding_examples import TODAY


def _asked(text: str) -> list[Topic]:
    return [a.topic for a in understand(text, None, TODAY).acts if a.kind is ActKind.ASK]


def _objection(text: str) -> ObjectionKind | None:
    return next(
        (a.value for a in understand(text, None, TODAY).acts if a.kind is ActKind.OBJECTION),
        None,
    )


# ---------------------------------------------------------------- an instalment from the bank


@pytest.mark.parametrize(
    "text",
    [
        "а что тогда делать? банк может рассрочку дать?",
        "а банк мне рассрочку даст?",
        "можно попросить у банка рассрочку?",
        "в сбере отсрочку дают?",
        "мфо дают рассрочку?",
        "а рассрочку по кредиту можно как-то получить?",
        "кредитор может дать отсрочку?",
    ],
)
def test_an_instalment_asked_of_a_creditor_is_restructuring(text: str) -> None:
    assert Topic.RESTRUCTURING in _asked(text)
    assert Topic.PRICE not in _asked(text)
    assert _objection(text) is not ObjectionKind.PRICE


@pytest.mark.parametrize(
    "text",
    [
        "а у вас рассрочка есть?",
        "можно вам в рассрочку платить?",
        "рассрочку даёте?",
        "банк звонит каждый день, а у вас рассрочка есть?",
    ],
)
def test_an_instalment_asked_of_the_firm_is_still_the_price(text: str) -> None:
    assert Topic.PRICE in _asked(text) or _objection(text) is ObjectionKind.PRICE
