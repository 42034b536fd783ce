"""The call invitation carries the consent text (152-ФЗ: the yes must follow the text), so a
"давайте, согласен" to the offer is the consent and the booking goes on to the phone; a go-ahead
with no yes to the text ("ну давайте", "ок, давайте звонок") gets the consent question, short; a
"нет" declines the call and refuses nothing; "согласен" said before any text is still no
consent (blind batch 36: 12 of 40 bookings were lost on this)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.transcript_check import WRITTEN_AT, replay

# Every fact the court route needs: the next message of Daria's is the offer.
QUALIFIED = (
    "долг миллион двести, 4 банка, не плачу полгода, зарплата 60 официально, имущества нет, "
    "ипотеки нет, сделок не было, приставов нет, Пермь"
)
URL = "https://example.com/privacy"


async def _turns(tmp_path: Path, *messages: str) -> list[dict]:
    return await replay(
        {"id": "invite", "turns": list(messages)}, tmp_path / "invite.db", now=WRITTEN_AT
    )


async def test_the_invitation_shows_the_consent_text_and_asks_for_it(tmp_path: Path) -> None:
    offer = (await _turns(tmp_path, QUALIFIED))[-1]
    assert offer["stage"] == "offer"
    question = offer["reply"].rsplit(". ", 1)[-1]
    assert URL in offer["reply"] and "соглас" in question and "юрист" in offer["reply"]


@pytest.mark.parametrize(
    "yes", ["давайте, согласен", "да", "ок, согласна на обработку", "да давайте"]
)
async def test_a_yes_to_the_invitation_is_the_consent(tmp_path: Path, yes: str) -> None:
    turns = await _turns(tmp_path, QUALIFIED, yes, "+7 902 471-33-90", "в 12 по москве")
    assert turns[1]["consent"] is True and turns[1]["stage"] == "booking"
    assert "номер" in turns[1]["reply"].lower() and URL not in turns[1]["reply"]
    assert turns[2]["slots"]["phone"] == "+79024713390"
    assert turns[3]["stage"] == "booked"


@pytest.mark.parametrize("go_ahead", ["ну давайте", "ок, давайте звонок", "давайте консультацию"])
async def test_a_go_ahead_asks_for_the_consent_once_more_briefly(
    tmp_path: Path, go_ahead: str
) -> None:
    turns = await _turns(tmp_path, QUALIFIED, go_ahead, "89024713390", "да")
    assert turns[1]["consent"] is None and turns[1]["stage"] == "booking"
    assert {"kind": "request", "value": "call"} in [
        {k: a.get(k) for k in ("kind", "value")} for a in turns[1]["acts"]
    ]
    assert URL in turns[1]["reply"] and len(turns[1]["reply"].split()) <= 20
    assert turns[2]["slots"]["phone"] is None  # a phone is no yes to the text
    assert turns[3]["consent"] is True and turns[3]["slots"]["phone"] == "+79024713390"


async def test_a_no_to_the_invitation_declines_the_call_and_refuses_nothing(
    tmp_path: Path,
) -> None:
    turns = await _turns(tmp_path, QUALIFIED, "нет")
    assert turns[1]["consent"] is None and turns[1]["stage"] == "offer"
    assert "решать вам" in turns[1]["reply"] or "торопить" in turns[1]["reply"]


async def test_a_consent_said_before_any_text_is_still_no_consent(tmp_path: Path) -> None:
    turns = await _turns(tmp_path, "долг 1,2 млн, 4 банка", "давайте созвонимся, согласен")
    assert turns[1]["consent"] is None and turns[1]["stage"] == "booking"
    assert URL in turns[1]["reply"]


async def test_a_consent_said_early_is_confirmed_by_the_number_sent_after_the_text(
    tmp_path: Path,
) -> None:
    """b36b_10: "ок давайте, я согласен на обработку" before any text, then the number: the
    words, then the text with "если согласны, пришлите номер", then the number — the consent."""
    turns = await _turns(
        tmp_path, "долг 1,2 млн, 4 банка", "давайте созвонимся, согласен", "89121119087"
    )
    assert turns[1]["consent"] is None and URL in turns[1]["reply"]
    assert "пришлите номер" in turns[1]["reply"]
    assert turns[2]["consent"] is True and turns[2]["slots"]["phone"] == "+79121119087"


async def test_the_number_confirms_only_right_after_that_text(tmp_path: Path) -> None:
    # a turn between: the confirmation by the number is gone, a bare "да" is asked again
    turns = await _turns(
        tmp_path, "долг 1,2 млн, 4 банка", "согласен", "а это надолго?", "89121119087"
    )
    assert turns[3]["consent"] is None and turns[3]["slots"]["phone"] is None
    # a number given with the early words is no confirmation: the "да" after the text is
    second = tmp_path / "second"
    second.mkdir()
    turns = await _turns(
        second, "долг 1,2 млн, 4 банка", "согласен на обработку, 89121119087", "вечером"
    )
    assert turns[2]["consent"] is None and turns[2]["slots"]["phone"] is None


async def test_a_no_with_the_number_is_no_confirmation(tmp_path: Path) -> None:
    turns = await _turns(
        tmp_path, "долг 1,2 млн, 4 банка", "давайте созвонимся, согласна", "нет, не согласна"
    )
    assert turns[2]["consent"] is False and turns[2]["slots"]["phone"] is None


async def test_agreeing_to_anything_is_a_plea_not_a_consent(tmp_path: Path) -> None:
    """b16: "да да согласен на все просто помогите" at the start is no consent and no call
    request: qualification goes on."""
    turns = await _turns(tmp_path, "да да согласен на все просто помогите. долг 950 тыщ")
    assert turns[0]["consent"] is None and turns[0]["stage"] == "qualification"
    assert "номер" not in turns[0]["reply"]
