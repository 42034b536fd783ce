"""The sales script as data in, data out: given a state and what was understood, the plan."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime

import pytest

from credit_expert.models import (
    Ask,
    Command,
    Enforcement,
    Event,
    ObjectionKind,
    SessionState,
    Slots,
    Stage,
    Topic,
    Understanding,
    Verdict,
)
from credit_expert.policy import mfc_grounds, take_turn, verdict

NOW = datetime(2026, 11, 25, 10, 0, tzinfo=UTC)


def said(**slots) -> Understanding:
    return Understanding(slots=Slots(**slots))


def qualifying(**slots) -> SessionState:
    return SessionState(
        stage=Stage.QUALIFICATION, slots=Slots(**slots), turns=2, last_ask=Ask.DEBT_TOTAL
    )


FULL = dict(
    debt_total=950_000,
    creditors_count=3,
    months_overdue=5,
    enforcement=Enforcement.OPEN,
    income_official=True,
    extra_property=False,
    mortgage=False,
    recent_deals=False,
)


# --- verdict: decided by code from the slots -------------------------------------------------


@pytest.mark.parametrize(
    ("slots", "expected"),
    [
        (Slots(), None),
        (Slots(debt_total=950_000), None),  # the bailiffs decide between court and МФЦ
        (Slots(debt_total=950_000, income_official=True), Verdict.COURT),  # safe inference
        (Slots(debt_total=950_000, income_official=True, benefits=True), None),
        (Slots(debt_total=950_000, enforcement=Enforcement.NONE), Verdict.COURT),
        (Slots(debt_total=950_000, enforcement=Enforcement.OPEN), Verdict.COURT),
        (Slots(debt_total=950_000, enforcement=Enforcement.OPEN, benefits=True), None),
        (Slots(debt_total=1_000_001), Verdict.COURT),
        (Slots(debt_total=2_000_000, enforcement=Enforcement.CLOSED), Verdict.COURT),
        (Slots(debt_total=520_000, enforcement=Enforcement.CLOSED), Verdict.MFC),
        (Slots(debt_total=30_000, enforcement=Enforcement.CLOSED), Verdict.MFC),
        (Slots(debt_total=1_000_000, enforcement=Enforcement.CLOSED), Verdict.MFC),
        (Slots(debt_total=1_000_001, enforcement=Enforcement.CLOSED), Verdict.COURT),
        (Slots(debt_total=20_000), Verdict.NOT_A_FIT),
        (Slots(debt_total=45_000, months_overdue=0), Verdict.NOT_A_FIT),
        (Slots(debt_total=150_000, enforcement=Enforcement.NONE), Verdict.NOT_A_FIT),
        (Slots(debt_total=150_000), None),  # small, МФЦ grounds unknown: keep asking
        (
            Slots(debt_total=200_000, enforcement=Enforcement.OPEN, benefits=True, writ_years=2),
            Verdict.MFC,
        ),
        (Slots(debt_total=200_000, enforcement=Enforcement.OPEN, writ_years=8), Verdict.MFC),
        (Slots(debt_total=200_000, enforcement=Enforcement.OPEN, writ_years=2), Verdict.NOT_A_FIT),
    ],
)
def test_verdict_follows_the_routes_table(slots: Slots, expected: Verdict | None) -> None:
    assert verdict(slots) is expected


def test_mfc_grounds_unknown_until_enforcement_is_known() -> None:
    assert mfc_grounds(Slots(months_overdue=12)) is None
    assert mfc_grounds(Slots(months_overdue=1)) is False


# --- greeting and qualification --------------------------------------------------------------


def test_first_message_introduces_daria_and_asks_the_situation() -> None:
    turn = take_turn(SessionState(), Understanding(command=Command.START), NOW)
    assert turn.plan.has(Event.FIRST_CONTACT)
    assert turn.plan.ask is Ask.SITUATION
    assert turn.state.stage is Stage.GREETING


def test_start_payload_is_kept_as_the_lead_source() -> None:
    turn = take_turn(
        SessionState(), Understanding(command=Command.START, command_payload="ad_vk_01"), NOW
    )
    assert turn.state.source == "ad_vk_01"


def test_debt_moves_to_qualification_and_asks_the_next_unknown() -> None:
    state = dataclasses.replace(SessionState(), turns=1, last_ask=Ask.SITUATION)
    turn = take_turn(state, said(debt_total=950_000), NOW)
    assert turn.state.stage is Stage.QUALIFICATION
    assert turn.plan.ask is Ask.CREDITORS
    assert turn.plan.filled == ("debt_total",)


def test_one_message_fills_many_slots_and_none_is_asked_again() -> None:
    state = dataclasses.replace(SessionState(), turns=1)
    turn = take_turn(
        state,
        said(debt_total=2_000_000, creditors_count=6, months_overdue=6, region="Казань"),
        NOW,
    )
    assert turn.plan.ask is Ask.ENFORCEMENT
    assert set(turn.plan.filled) == {"debt_total", "creditors_count", "months_overdue", "region"}


def test_a_question_skipped_once_is_not_pressed_again() -> None:
    state = dataclasses.replace(qualifying(debt_total=950_000), last_ask=Ask.CREDITORS)
    state = dataclasses.replace(state, asked=(Ask.DEBT_TOTAL, Ask.CREDITORS))
    turn = take_turn(state, said(months_overdue=5), NOW)
    assert turn.plan.ask is Ask.ENFORCEMENT  # creditors were asked once; not asked again


def test_an_objection_is_answered_and_the_same_question_returns() -> None:
    state = dataclasses.replace(qualifying(debt_total=950_000), last_ask=Ask.CREDITORS)
    turn = take_turn(state, Understanding(objection=ObjectionKind.PRICE), NOW)
    assert turn.plan.objection is ObjectionKind.PRICE
    assert turn.plan.ask is Ask.CREDITORS
    assert turn.state.stage is Stage.QUALIFICATION
    assert turn.state.objections == ("price",)


def test_correction_replaces_the_amount() -> None:
    state = qualifying(debt_total=800_000)
    turn = take_turn(state, Understanding(slots=Slots(debt_total=900_000), correction=True), NOW)
    assert turn.state.slots.debt_total == 900_000
    assert turn.plan.has(Event.CORRECTED)


def test_enforcement_not_asked_when_overdue_is_weeks() -> None:
    state = qualifying(debt_total=400_000, creditors_count=2)
    turn = take_turn(state, said(months_overdue=1), NOW)
    assert turn.plan.ask is Ask.INCOME


def test_all_facts_known_leads_to_the_offer_with_the_route() -> None:
    state = qualifying(**FULL)
    turn = take_turn(state, said(region="Екатеринбург"), NOW)
    assert turn.state.stage is Stage.OFFER
    assert turn.plan.ask is Ask.CALL_INVITE
    assert turn.plan.has(Event.VERDICT_READY)
    assert turn.plan.verdict is Verdict.COURT


def test_small_debt_ends_honestly_not_a_fit() -> None:
    state = qualifying(debt_total=45_000)
    turn = take_turn(state, said(months_overdue=0, income_official=True), NOW)
    assert turn.state.stage is Stage.NOT_A_FIT
    assert turn.plan.has(Event.NOT_A_FIT)
    assert turn.plan.verdict is Verdict.NOT_A_FIT


def test_correction_out_of_not_a_fit_reopens_qualification() -> None:
    state = dataclasses.replace(qualifying(debt_total=45_000), stage=Stage.NOT_A_FIT)
    turn = take_turn(state, Understanding(slots=Slots(debt_total=450_000), correction=True), NOW)
    assert turn.state.stage is Stage.QUALIFICATION


# --- offer and booking -----------------------------------------------------------------------


def test_yes_to_the_offer_asks_consent_first() -> None:
    state = dataclasses.replace(qualifying(**FULL), stage=Stage.OFFER, last_ask=Ask.CALL_INVITE)
    turn = take_turn(state, Understanding(yes=True), NOW)
    assert turn.state.stage is Stage.BOOKING
    assert turn.plan.ask is Ask.CONSENT


def test_a_call_request_jumps_to_booking_from_qualification() -> None:
    turn = take_turn(qualifying(debt_total=900_000), Understanding(wants_call=True), NOW)
    assert turn.state.stage is Stage.BOOKING
    assert turn.plan.ask is Ask.CONSENT


def test_phone_before_consent_is_held_not_stored() -> None:
    turn = take_turn(qualifying(debt_total=600_000), said(phone="+79031112233"), NOW)
    assert turn.state.slots.phone is None
    assert turn.state.pending_phone == "+79031112233"
    assert turn.plan.ask is Ask.CONSENT


def test_consent_refused_drops_the_phone_and_goes_on_politely() -> None:
    state = dataclasses.replace(
        qualifying(debt_total=600_000),
        stage=Stage.BOOKING,
        pending_phone="+79031112233",
        last_ask=Ask.CONSENT,
    )
    turn = take_turn(state, Understanding(consent=False), NOW)
    assert turn.state.slots.phone is None
    assert turn.state.pending_phone is None
    assert turn.plan.has(Event.CONSENT_REFUSED)
    assert turn.state.stage is Stage.QUALIFICATION
    assert turn.plan.ask not in (Ask.CONSENT, Ask.PHONE)


def test_consent_given_stores_the_held_phone_with_its_time() -> None:
    state = dataclasses.replace(
        qualifying(debt_total=1_750_000, call_time="днём"),
        stage=Stage.BOOKING,
        pending_phone="+79277001122",
        last_ask=Ask.CONSENT,
    )
    turn = take_turn(state, Understanding(consent=True), NOW)
    assert turn.state.slots.phone == "+79277001122"
    assert turn.state.consent_at == "2026-11-25T10:00:00+00:00"
    assert turn.state.stage is Stage.BOOKED
    assert turn.plan.has(Event.BOOKED)


def test_invalid_phone_is_asked_again() -> None:
    state = dataclasses.replace(
        qualifying(debt_total=600_000), stage=Stage.BOOKING, consent=True, last_ask=Ask.PHONE
    )
    turn = take_turn(state, Understanding(invalid_phone=True), NOW)
    assert turn.plan.has(Event.INVALID_PHONE)
    assert turn.plan.ask is Ask.PHONE
    assert turn.state.invalid_phone_tries == 1


def test_booking_walks_consent_phone_time_then_booked() -> None:
    state = dataclasses.replace(
        qualifying(debt_total=600_000), stage=Stage.BOOKING, last_ask=Ask.CONSENT
    )
    state = take_turn(state, Understanding(consent=True), NOW).state
    assert state.last_ask is Ask.PHONE
    state = take_turn(state, said(phone="+79226001122"), NOW).state
    assert state.last_ask is Ask.CALL_TIME
    turn = take_turn(state, said(call_time="в субботу утром"), NOW)
    assert turn.state.stage is Stage.BOOKED
    assert turn.plan.has(Event.BOOKED)


def test_a_new_time_after_booking_updates_the_lead() -> None:
    state = dataclasses.replace(
        qualifying(debt_total=600_000, phone="+79226001122", call_time="утром"),
        stage=Stage.BOOKED,
        consent=True,
    )
    turn = take_turn(state, said(call_time="вечером"), NOW)
    assert turn.state.stage is Stage.BOOKED
    assert turn.plan.has(Event.BOOKING_UPDATED)


# --- commands --------------------------------------------------------------------------------


def test_stop_opts_out_once_then_silence() -> None:
    turn = take_turn(qualifying(debt_total=700_000), Understanding(command=Command.STOP), NOW)
    assert turn.state.stage is Stage.OPTED_OUT
    assert turn.plan.has(Event.OPTED_OUT)
    assert not turn.plan.silent
    again = take_turn(turn.state, said(debt_total=800_000), NOW)
    assert again.plan.silent
    assert again.state.slots.debt_total == 700_000


def test_do_not_write_to_me_opts_out_like_stop() -> None:
    turn = take_turn(qualifying(), Understanding(opt_out=True), NOW)
    assert turn.state.stage is Stage.OPTED_OUT


def test_start_after_stop_resumes() -> None:
    stopped = dataclasses.replace(qualifying(debt_total=700_000), stage=Stage.OPTED_OUT)
    turn = take_turn(stopped, Understanding(command=Command.START), NOW)
    assert turn.state.stage is Stage.QUALIFICATION
    assert turn.plan.has(Event.RESUMED)


def test_withdrawing_consent_after_booking_forgets_everything() -> None:
    state = dataclasses.replace(
        qualifying(debt_total=900_000, phone="+79161234567"), stage=Stage.BOOKED, consent=True
    )
    turn = take_turn(state, Understanding(withdraw_consent=True), NOW)
    assert turn.plan.forget
    assert turn.state == SessionState()


def test_forget_wipes_the_state() -> None:
    turn = take_turn(qualifying(debt_total=700_000), Understanding(command=Command.FORGET), NOW)
    assert turn.plan.forget
    assert turn.state == SessionState()


@pytest.mark.parametrize(
    "understood",
    [
        Understanding(asks_if_bot=True),
        Understanding(injection=True),
        Understanding(off_topic=True),
        Understanding(unreadable=True),
        Understanding(topic=Topic.TRAVEL, objection=ObjectionKind.CONSEQUENCES),
    ],
)
def test_interruptions_keep_the_stage_and_the_question(understood: Understanding) -> None:
    state = dataclasses.replace(qualifying(debt_total=950_000), last_ask=Ask.CREDITORS)
    turn = take_turn(state, understood, NOW)
    assert turn.state.stage is Stage.QUALIFICATION
    assert turn.plan.ask is Ask.CREDITORS


def test_policy_is_pure_same_input_same_output() -> None:
    state = qualifying(debt_total=950_000)
    understood = said(months_overdue=5)
    assert take_turn(state, understood, NOW) == take_turn(state, understood, NOW)


def test_the_debt_is_asked_again_once_after_the_rest_never_in_a_loop() -> None:
    state = dataclasses.replace(
        SessionState(), turns=1, last_ask=Ask.SITUATION, asked=(Ask.SITUATION,)
    )
    asks = []
    for _ in range(12):  # the person never names the amount
        turn = take_turn(state, Understanding(greeting=False), NOW)
        asks.append(turn.plan.ask)
        state = turn.state
    assert asks[0] is Ask.DEBT_TOTAL
    assert asks.count(Ask.DEBT_TOTAL) == 2
    assert asks[1] is not Ask.DEBT_TOTAL  # the other questions come before asking again
    assert state.stage is Stage.OFFER  # then the lawyer's call is offered all the same


def test_a_yes_before_the_consent_text_was_shown_is_not_consent() -> None:
    state = dataclasses.replace(qualifying(debt_total=680_000), last_ask=Ask.MORTGAGE)
    turn = take_turn(state, Understanding(consent=True, yes=True), NOW)
    assert turn.state.consent is None
    assert turn.state.stage is Stage.BOOKING
    assert turn.plan.ask is Ask.CONSENT  # the consent is asked properly, with its link


def test_after_stop_a_greeting_stays_unanswered_but_a_call_request_resumes() -> None:
    stopped = dataclasses.replace(qualifying(debt_total=700_000), stage=Stage.OPTED_OUT)
    assert take_turn(stopped, Understanding(greeting=True), NOW).plan.silent
    turn = take_turn(stopped, Understanding(wants_call=True), NOW)
    assert turn.state.stage is Stage.BOOKING


def test_the_mortgage_is_not_asked_of_a_person_who_owns_no_home() -> None:
    facts = {k: v for k, v in FULL.items() if k not in ("mortgage", "recent_deals")}
    state = dataclasses.replace(qualifying(**facts), last_ask=Ask.PROPERTY)
    turn = take_turn(state, Understanding(no_own_home=True), NOW)
    assert turn.plan.ask is Ask.DEALS
    assert turn.state.slots.mortgage is None and turn.state.no_own_home
    asked = take_turn(state, Understanding(), NOW)
    assert asked.plan.ask is Ask.MORTGAGE  # (without it, asked)
