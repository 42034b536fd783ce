"""The lead card and the crisis alert after the lawyer's review of batch 36: a deletion carries
no call prompt, a spouse's thing bought in the marriage is joint property, a call time outside
the lawyers' hours is flagged, the crisis alert shows facts and no route, named property is
named, and a month count from a vague start is approximate."""

from __future__ import annotations

from datetime import UTC, datetime

from credit_expert.conversation import dialogue_summary, lead_card
from credit_expert.destinations.base import LEAD_FORGOTTEN
from credit_expert.destinations.bitrix24 import lead_comments
from credit_expert.destinations.managers_chat import format_lead_card
from credit_expert.models import SessionState, Slots, Stage
from credit_expert.store.base import Lead
from credit_expert.understanding import understand

TUESDAY = datetime(2026, 3, 3, 8, 0, tzinfo=UTC)  # 11:00 in Moscow


def _lead(call_time: str | None, region: str | None = None) -> Lead:
    return Lead(
        user_id=7,
        phone="+79161234567",
        debt_total=900_000,
        creditors_count=3,
        verdict="court",
        call_time=call_time,
        region=region,
        source=None,
        first_name="Олег",
        consent_at=None,
        consent_version=None,
        summary="",
    )


# 1. /forget ---------------------------------------------------------------------------------


def test_a_deletion_event_carries_no_call_instruction() -> None:
    text = format_lead_card(LEAD_FORGOTTEN, {})
    assert "Когда звонить" not in text and "в рабочее время" not in text
    assert "не звонить" in text


# 2. bought in the marriage ------------------------------------------------------------------


def _others(*facts: tuple[str, str, str]) -> SessionState:
    return SessionState(
        slots=Slots(debt_total=3_400_000),
        others=tuple(
            {"kind": "fact", "slot": slot, "value": True, "subject": whom, "text": text}
            for whom, slot, text in facts
        ),
    )


def test_a_spouses_thing_bought_in_the_marriage_is_joint_property_on_the_card() -> None:
    summary = dialogue_summary(
        _others(
            ("spouse", "extra_property", "машина на ней, куплена в браке"),
            ("spouse", "income_monthly", "жена получает 120"),
        )
    )
    joint = next(x for x in summary.splitlines() if x.startswith("Совместно нажитое"))
    assert "куплено в браке" in joint and "«машина на ней, куплена в браке»" in joint
    theirs = next(x for x in summary.splitlines() if x.startswith("О близких"))
    assert "машина" not in theirs and "жена получает 120" in theirs


def test_a_spouses_thing_bought_before_the_marriage_stays_theirs() -> None:
    summary = dialogue_summary(_others(("spouse", "extra_property", "машина на муже, до брака")))
    assert "Совместно нажитое" not in summary
    assert "О близких (не имущество и не долги клиента)" in summary


def test_bought_in_the_marriage_is_read_from_a_piece_of_the_question() -> None:
    read = understand(
        "жена получает 120, её зарплату не тронут? машина на ней, куплена в браке,"
        " её могут продать?"
    )
    told = [a.text for a in read.others_facts if a.slot == "extra_property"]
    assert told == ["машина на ней, куплена в браке"]


# 3. a call time outside the lawyers' hours --------------------------------------------------


def test_a_call_time_outside_the_hours_is_flagged_on_the_card() -> None:
    state = SessionState(stage=Stage.BOOKED, slots=Slots(region="Иркутск"))
    for said in ("в субботу днём", "в 10:00"):  # a day off; 5:00 in Moscow
        card = lead_card(_lead(said, "Иркутск"), state, TUESDAY)
        assert card["call_outside_hours"] is True
        for text in (format_lead_card("lead.booked", card), lead_comments(card)):
            line = next(x for x in text.splitlines() if x.startswith("Когда звонить"))
            assert "вне часов работы юристов" in line and "ближайшее рабочее время" in line


def test_a_call_time_within_the_hours_has_no_flag() -> None:
    state = SessionState(stage=Stage.BOOKED, slots=Slots(region="Иркутск"))
    for said in ("в 15:00", "завтра вечером", None):  # evening in Irkutsk: 13–17 in Moscow
        card = lead_card(_lead(said, "Иркутск"), state, TUESDAY)
        assert not card["call_outside_hours"]
        assert "вне часов" not in format_lead_card("lead.booked", card)
