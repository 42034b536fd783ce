"""The firm is named (FIRM_* settings): greeting, trust answer, booked confirmation, lead card.
Without the settings the same texts read naturally, with nothing left dangling."""

from __future__ import annotations

import pytest

from credit_expert.config import ConfigError, load_settings
from credit_expert.destinations.managers_chat import format_lead_card
from credit_expert.models import (
    Ask,
    Event,
    Firm,
    ObjectionKind,
    SessionState,
    Slots,
    Stage,
    TurnPlan,
    WriteRequest,
)
from credit_expert.scripted_writer import ScriptedWriter

URL = "https://pravo-expert.ru/consent"
FIRM = Firm(
    name="Право Эксперт",
    site="pravo-expert.ru",
    phone="+7 495 123-45-67",
    inn="7701234567",
    ogrn="1027700132195",
)


def compose(writer: ScriptedWriter, plan: TurnPlan, slots: Slots | None = None) -> str:
    state = SessionState(stage=plan.stage, slots=slots or Slots(), turns=0)
    return writer.compose(
        WriteRequest(plan=plan, state=state, user_text="", privacy_policy_url=URL)
    )


def greeting() -> TurnPlan:
    return TurnPlan(
        stage=Stage.GREETING,
        previous_stage=Stage.GREETING,
        ask=Ask.SITUATION,
        events=(Event.FIRST_CONTACT,),
    )


def trust() -> TurnPlan:
    return TurnPlan(
        stage=Stage.QUALIFICATION,
        previous_stage=Stage.QUALIFICATION,
        ask=Ask.CREDITORS,
        objection=ObjectionKind.TRUST,
    )


def booked() -> TurnPlan:
    return TurnPlan(
        stage=Stage.BOOKED,
        previous_stage=Stage.BOOKING,
        ask=Ask.ANYTHING_ELSE,
        events=(Event.BOOKED,),
    )


BOOKED_SLOTS = Slots(phone="+79226001122", call_time="завтра после 18")


def test_the_greeting_names_the_firm_and_its_site() -> None:
    text = compose(ScriptedWriter(firm=FIRM), greeting())
    assert "юридической компании «Право Эксперт»" in text
    assert "pravo-expert.ru" in text


def test_the_trust_answer_gives_what_to_check_in_the_state_register() -> None:
    text = compose(ScriptedWriter(firm=FIRM), trust())
    assert "ЕГРЮЛ" in text and "ИНН 7701234567" in text and "ОГРН 1027700132195" in text


def test_the_booked_confirmation_says_which_number_will_call() -> None:
    text = compose(ScriptedWriter(firm=FIRM), booked(), BOOKED_SLOTS)
    assert "+7 495 123-45-67" in text and "+7 922 600-11-22" in text


def test_without_firm_settings_nothing_dangles() -> None:
    writer = ScriptedWriter()
    texts = [
        compose(writer, greeting()),
        compose(writer, trust()),
        compose(writer, booked(), BOOKED_SLOTS),
    ]
    for text in texts:
        assert "«»" not in text and "{" not in text and "ИНН" not in text
        assert "Сайт компании" not in text and "с номера" not in text
    assert "юридической компании:" in texts[0] or "юридической компании по" in texts[0]


def test_only_an_inn_is_enough_for_the_register_sentence() -> None:
    text = compose(ScriptedWriter(firm=Firm(inn="7701234567")), trust())
    assert "ИНН 7701234567" in text and "ОГРН" not in text


def test_the_lead_card_names_the_firm_and_the_number_to_call_from() -> None:
    card = format_lead_card("lead.booked", {"phone": "+79226001122", "user_id": 5}, FIRM)
    assert "Право Эксперт" in card.splitlines()[0]
    assert "Звонить с номера: +7 495 123-45-67" in card
    plain = format_lead_card("lead.booked", {"phone": "+79226001122", "user_id": 5})
    assert "Звонить с номера" not in plain and "—" not in plain.splitlines()[0]


def test_firm_settings_are_read_and_checked() -> None:
    settings = load_settings(
        {
            "FIRM_NAME": "Право Эксперт",
            "FIRM_SITE": "pravo-expert.ru",
            "FIRM_PHONE": "8 (495) 123-45-67",
            "FIRM_INN": "7701234567",
        },
        dotenv=False,
    )
    assert settings.firm == Firm(
        name="Право Эксперт", site="pravo-expert.ru", phone="+7 495 123-45-67", inn="7701234567"
    )


@pytest.mark.parametrize(
    ("name", "value"),
    [("FIRM_INN", "77012345"), ("FIRM_OGRN", "12345"), ("FIRM_PHONE", "12"), ("FIRM_SITE", "x")],
)
def test_a_wrong_firm_setting_is_named(name: str, value: str) -> None:
    with pytest.raises(ConfigError, match=name):
        load_settings({name: value}, dotenv=False)
