"""The sales script as one declarative table.

Read this file first: it is the whole flow. The policy (policy.py) only reads
these tables; the words for each question live in prompts/script.toml.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from credit_expert.models import Ask, ObjectionKind, SessionState, Stage

ALL_OBJECTIONS = frozenset(ObjectionKind)


@dataclass(frozen=True)
class StageSpec:
    goal: str
    asks: tuple[Ask, ...]  # in order; the first one not answered (and not skipped) is asked
    next: Stage | None  # where the stage leads once every ask is answered
    objections: frozenset[ObjectionKind]  # which doubts may interrupt it


SCRIPT: dict[Stage, StageSpec] = {
    Stage.GREETING: StageSpec(
        goal="contact and trust: introduce Daria, ask what happened and how much is owed",
        asks=(Ask.SITUATION,),
        next=Stage.QUALIFICATION,
        objections=ALL_OBJECTIONS,
    ),
    Stage.QUALIFICATION: StageSpec(
        goal="the facts for the verdict, one question at a time",
        asks=(
            Ask.DEBT_TOTAL,
            Ask.CREDITORS,
            Ask.MONTHS_OVERDUE,
            Ask.ENFORCEMENT,
            Ask.INCOME,
            Ask.PROPERTY,
            Ask.MORTGAGE,
            Ask.DEALS,
            Ask.REGION,
        ),
        next=Stage.OFFER,
        objections=ALL_OBJECTIONS,
    ),
    Stage.OFFER: StageSpec(
        goal="name the fitting route in plain words and invite a free call with a lawyer",
        asks=(Ask.CALL_INVITE,),
        next=Stage.BOOKING,
        objections=ALL_OBJECTIONS,
    ),
    Stage.BOOKING: StageSpec(
        goal="consent to personal-data processing first, then phone, then a convenient time",
        asks=(Ask.CONSENT, Ask.PHONE, Ask.CALL_TIME),
        next=Stage.BOOKED,
        objections=ALL_OBJECTIONS,
    ),
    Stage.BOOKED: StageSpec(
        goal="confirm who calls and when, what to prepare; answer remaining questions",
        asks=(Ask.ANYTHING_ELSE,),
        next=None,
        objections=ALL_OBJECTIONS,
    ),
    Stage.NOT_A_FIT: StageSpec(
        goal="explain honestly why bankruptcy is not worth it now and what to do instead",
        asks=(Ask.ANYTHING_ELSE,),
        next=None,
        objections=ALL_OBJECTIONS,
    ),
    Stage.OPTED_OUT: StageSpec(
        goal="silence after one polite confirmation",
        asks=(Ask.NOTHING,),
        next=None,
        objections=frozenset(),
    ),
}


def _slot(name: str) -> Callable[[SessionState], bool]:
    return lambda state: getattr(state.slots, name) is not None


# When is a question answered? Read from the state, never from wording.
ANSWERED: dict[Ask, Callable[[SessionState], bool]] = {
    Ask.SITUATION: _slot("debt_total"),
    Ask.DEBT_TOTAL: _slot("debt_total"),
    Ask.CREDITORS: _slot("creditors_count"),
    Ask.MONTHS_OVERDUE: _slot("months_overdue"),
    Ask.ENFORCEMENT: _slot("enforcement"),
    Ask.INCOME: lambda s: (
        s.slots.income_official is not None
        or s.slots.income_monthly is not None
        or s.slots.benefits is not None
    ),
    Ask.PROPERTY: _slot("extra_property"),
    Ask.MORTGAGE: _slot("mortgage"),
    Ask.DEALS: _slot("recent_deals"),
    Ask.REGION: _slot("region"),
    Ask.CALL_INVITE: lambda s: False,
    Ask.CONSENT: lambda s: s.consent is True,
    Ask.PHONE: _slot("phone"),
    Ask.CALL_TIME: _slot("call_time"),
    Ask.ANYTHING_ELSE: lambda s: False,
    Ask.NOTHING: lambda s: False,
}

# A question not worth asking given what is known.
SKIP_WHEN: dict[Ask, Callable[[SessionState], bool]] = {
    # Bailiffs cannot have opened (let alone closed) proceedings within weeks.
    Ask.ENFORCEMENT: lambda s: s.slots.months_overdue is not None and s.slots.months_overdue < 2,
    # "живу на съёмной", "своего жилья нет": no home of their own, so no mortgage on it
    Ask.MORTGAGE: lambda s: s.no_own_home,
}

# Questions asked again (after the others) if the person skipped them: the verdict needs them.
ESSENTIAL = frozenset({Ask.DEBT_TOTAL})
ESSENTIAL_TRIES = 2

# Consent is asked with a link; after a refusal the phone question is not asked.
BOOKING_ASKS = SCRIPT[Stage.BOOKING].asks
