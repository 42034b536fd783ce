"""The reading: understand."""

from __future__ import annotations

import re
from datetime import date

from credit_expert.models import (
    Ask,
    Enforcement,
    ObjectionKind,
    Slots,
    Understanding,
)
from credit_expert.understanding.amounts import _read_amounts
from credit_expert.understanding.call_time import _WANTS_HELP, _read_call_time
from credit_expert.understanding.commands import (
    _ASKS_IF_BOT,
    _GREETING,
    _INJECTION,
    _OFF_TOPIC,
    _OPT_OUT,
    _is_unreadable,
    _read_command,
)
from credit_expert.understanding.consent import _NO_CALL, _WANTS_CALL, _read_consent, _read_yes
from credit_expert.understanding.corrections import _CORRECTION_WORDS, _apply_negated_values
from credit_expert.understanding.creditors import _read_creditors
from credit_expert.understanding.enforcement import _read_enforcement, _read_writ_years
from credit_expert.understanding.income import _BENEFITS, _read_income_official
from credit_expert.understanding.message import _mask, _Message
from credit_expert.understanding.numbers import _tokens
from credit_expert.understanding.overdue import _read_months
from credit_expert.understanding.phones import _find_phones
from credit_expert.understanding.property import _read_deals, _read_extra_property, _read_mortgage
from credit_expert.understanding.region import _read_region
from credit_expert.understanding.text import _READ_LIMIT, _normalise, clean_text
from credit_expert.understanding.topics import _read_objection

# ---------------------------------------------------------------- understand


def understand(text: str, expected: Ask | None = None, today: date | None = None) -> Understanding:
    """Everything the rules can read from one message. Never raises on odd input."""
    raw, _ = clean_text(text, _READ_LIMIT)
    command, payload, is_command = _read_command(raw)
    if is_command:
        return Understanding(command=command, command_payload=payload)

    norm = _normalise(raw)
    phones = _find_phones(norm, expecting_phone=expected == Ask.PHONE)
    tokens, negated_value = _apply_negated_values(_tokens(_mask(norm, phones.spans)))
    msg = _Message(norm=norm, tokens=tokens, text=" ".join(tokens), expected=expected, today=today)
    msg.words = re.findall(r"[а-яa-z]+", msg.text)

    objection, topic = _read_objection(msg)
    yes = _read_yes(msg)
    price_talk = objection in {ObjectionKind.PRICE, ObjectionKind.COMPETITOR}
    amounts = _read_amounts(msg, price_talk)
    income_official = _read_income_official(msg)
    benefits = True if msg.has(_BENEFITS) else None
    extra_property = _read_extra_property(msg)
    mortgage = _read_mortgage(msg)
    deals = _read_deals(msg)
    enforcement = _read_enforcement(msg)
    consent = _read_consent(msg, yes)
    wants_call = msg.has(_WANTS_CALL) and not msg.has(_NO_CALL)
    off_topic = msg.has(_OFF_TOPIC)
    explicit_consent = consent is not None and expected != Ask.CONSENT
    # "да хочу", "да помогите": a yes to being helped, not to "is there other property?"
    wants_help = msg.has(_WANTS_HELP)
    if (
        yes is not None
        and not (wants_call and expected != Ask.CALL_INVITE)
        and not explicit_consent
        and not (wants_help and expected != Ask.CALL_INVITE)
    ):
        # ("да давайте звоните" after the deals question is a call request, not a deal)
        if expected == Ask.MORTGAGE and mortgage is None:
            mortgage = yes
        elif expected == Ask.DEALS and deals is None:
            deals = yes
        elif expected == Ask.PROPERTY and extra_property is None:
            extra_property = yes
        elif expected == Ask.ENFORCEMENT and enforcement is None:
            enforcement = Enforcement.OPEN if yes else Enforcement.NONE
        elif expected == Ask.INCOME and income_official is None:
            income_official = yes
        elif expected == Ask.CALL_INVITE and yes:
            wants_call = True
    if (
        expected == Ask.ENFORCEMENT
        and enforcement is None
        and re.fullmatch(r"\W*(?:не было|нету|не|никогда|ни разу)\W*", msg.text)
    ):
        enforcement = Enforcement.NONE

    slots = Slots(
        debt_total=amounts.get("debt_total"),  # type: ignore[arg-type]
        creditors_count=_read_creditors(msg),
        months_overdue=_read_months(msg),
        enforcement=enforcement,
        writ_years=_read_writ_years(msg),
        income_monthly=amounts.get("income_monthly"),  # type: ignore[arg-type]
        income_official=income_official,
        benefits=benefits,
        extra_property=extra_property,
        mortgage=mortgage,
        recent_deals=deals,
        region=None if off_topic and expected != Ask.REGION else _read_region(msg),
        phone=phones.phone,
        call_time=_read_call_time(norm, msg, with_phone=phones.phone is not None),
    )
    correction = bool(slots.known()) and (negated_value or msg.has(_CORRECTION_WORDS))
    if correction and "last_debt" in amounts:
        slots = Slots.merged(slots, Slots(debt_total=amounts["last_debt"]))  # type: ignore[arg-type]
    result = Understanding(
        slots=slots,
        objection=objection,
        topic=topic,
        yes=yes,
        consent=consent,
        wants_call=wants_call,
        invalid_phone=phones.invalid,
        absurd_amount=bool(amounts["absurd"]),
        correction=correction,
        asks_if_bot=msg.has(_ASKS_IF_BOT),
        injection=bool(_INJECTION.search(norm)),
        off_topic=off_topic,
        greeting=bool(_GREETING.search(msg.text)),
        opt_out=msg.has(_OPT_OUT),
    )
    if result.is_empty and _is_unreadable(raw, msg):
        return Understanding(unreadable=True)
    return result
