"""The reading: the whole message, then its acts clause by clause.

`understand` reads the message as one block first (the slot rules look across
commas: "долг 2 млн, 6 банков"), then splits it into clauses to see whom
each clause is about and whether it asks or states. Clauses about someone
else, and hypothetical questions ("может переоформить на маму?"), are left
out and the rest is read again, so no fact of a relative's or of a question
becomes the person's own.
"""

from __future__ import annotations

import collections.abc
import itertools
import re
from dataclasses import replace
from datetime import date

from credit_expert.models import (
    DEBT_FACT_SLOTS,
    Act,
    ActKind,
    Ask,
    Command,
    Enforcement,
    ObjectionKind,
    Slots,
    Subject,
    Topic,
    Understanding,
)
from credit_expert.understanding.amounts import _NOT_COUNTED, _read_amounts, count_hedged, hedged
from credit_expert.understanding.asks import (
    _TAKING,
    NO_PLEDGE_SAID,
    about_them,
    ask_topics,
    asks_if_deal_counts,
    asks_if_i_pay,
    asks_of_thing_given,
    asks_to_stop_callers,
    asks_what_becomes_of,
    asks_who_checks_deals,
    asks_why,
    complains_unanswered,
    covered,
    fears_a_leak,
    followed_up,
    last_taken,
    names_a_cosigner,
    only_names_bankruptcy,
    pressed_about,
    sharpened,
    taken_objects,
)
from credit_expert.understanding.asks import (
    DECEASED as _DECEASED,
)
from credit_expert.understanding.call_time import _WANTS_HELP, _read_call_time, call_zone
from credit_expert.understanding.clauses import (
    BARE_FIGURE,
    Clause,
    asks_for_self,
    clauses,
    writes_for,
)
from credit_expert.understanding.commands import (
    _ASKS_IF_BOT,
    _GREETING,
    _INJECTION,
    _OFF_TOPIC,
    _OPT_OUT,
    _is_unreadable,
    _read_command,
)
from credit_expert.understanding.consent import (
    _CONSENT_WITHDRAW,
    _GO_AHEAD,
    _NO_CALL,
    _WANTS_CALL,
    FILLER,
    FORGET_WORDS,
    GOES_ON,
    MYDATA_WORDS,
    _read_consent,
    _read_yes,
    read_withdrawal,
)
from credit_expert.understanding.corrections import (
    _CORRECTION_WORDS,
    _apply_negated_values,
    count_in_reach,
    debt_in_scale,
    known_figure,
    late_correction_cue,
    names_creditors,
    refused_known_figure,
    restated_figure,
)
from credit_expert.understanding.creditors import (
    _BANK_NAMES,
    _read_creditors,
    adds_creditors,
    adds_to_debt,
    no_other_debts,
    tells_one_loan,
)
from credit_expert.understanding.enforcement import _read_enforcement, _read_writ_years
from credit_expert.understanding.english import gloss, looks_english
from credit_expert.understanding.feelings import read_feelings
from credit_expert.understanding.income import _read_income_official, read_benefits
from credit_expert.understanding.message import _mask, _Message, _sentences
from credit_expert.understanding.notes import SVO, read_notes
from credit_expert.understanding.numbers import _UNITS, _tokens
from credit_expert.understanding.overdue import _read_months
from credit_expert.understanding.phones import _find_phones
from credit_expert.understanding.property import (
    OWN_MORTGAGE,
    THEIR_MORTGAGE,
    _read_deals,
    _read_extra_property,
    _read_mortgage,
    held_by_writer,
    reads_no_own_home,
    said_bought_in_marriage,
    states_holding,
)
from credit_expert.understanding.refusals import read_refusals
from credit_expert.understanding.region import _read_region, place_refused
from credit_expert.understanding.reminders import cancels_call, plain_answer, stops_reminders
from credit_expert.understanding.subjects import (
    possessive_owner,
    relative_named,
    relative_noun,
    without_relatives,
)
from credit_expert.understanding.text import (
    _READ_LIMIT,
    _normalise,
    clean_text,
    from_translit,
    looks_like_translit,
)
from credit_expert.understanding.topics import _read_objection

# ---------------------------------------------------------------- understand


_YES_NO: dict[bool | None, str] = {True: "yes", False: "no"}
# "ничего нет, ни машины ни квартиры": what the person owns now, named
_OWNED_THINGS = re.compile(
    r"\b(?:машин\w*|авто\w*|квартир\w*|дач\w*|дом\w*|жиль\w*|имуществ\w*|участ\w*|гараж\w*)"
)


# "нет у него ничего", "ничего у меня нет": the "нет" says what one has, it answers no question
_HAS_NOTHING = re.compile(
    r"\b(?:нет|нету) (?:у (?:него|нее|меня|нас|них|сына|дочери|мужа|жены) )?(?:вообще )?ничего"
    r"|\bничего (?:у (?:него|нее|меня|нас|них) )?(?:вообще )?(?:нет|нету)\b"
)


def _tells_what_is_owned(msg: _Message, yes: bool | None) -> bool:
    """ "ничего нет, ни машины ни квартиры, живу у матери", "нет у него ничего, живёт с нами"
    after "были ли сделки?": a no about what the person owns today, no answer about what was
    sold or given away."""
    return yes is False and (
        msg.has(_HAS_NOTHING)
        or (_read_extra_property(msg) is False and _OWNED_THINGS.search(msg.text) is not None)
    )


# The yes/no questions about the person's facts
_FACT_QUESTIONS = (Ask.MORTGAGE, Ask.DEALS, Ask.PROPERTY, Ask.ENFORCEMENT, Ask.INCOME)
_FACTUAL_YES = re.compile(
    r"(?:да|ага|угу|есть|было|был|была|были|имеется|верно|правильно|именно|так точно|yes"
    r"|конечно|естественно|разумеется)\b"
)


_PRICE_TALK = (ObjectionKind.PRICE, ObjectionKind.COMPETITOR)


def _read_whole(
    text: str, expected: Ask | None = None, today: date | None = None, price_talk: bool = False
) -> Understanding:
    """Every slot and flag the rules read in a text, taken as one block (no acts yet).
    `price_talk`: the message around the text asks the price, so a bare figure is one."""
    raw, _ = clean_text(text, _READ_LIMIT)
    command, payload, is_command = _read_command(raw)
    if is_command:
        return Understanding(command=command, command_payload=payload)

    plain = _normalise(raw)
    norm = restated_figure(plain)
    phones = _find_phones(norm, expecting_phone=expected == Ask.PHONE)
    tokens, negated_value = _apply_negated_values(_tokens(_mask(norm, phones.spans)))
    msg = _Message(
        norm=norm,
        tokens=tokens,
        text=" ".join(tokens),
        expected=expected,
        today=today,
        correcting=negated_value,
        restating=_CORRECTION_WORDS.search(" ".join(tokens)) is not None or norm != plain,
        taken_back=norm != plain,
    )
    msg.words = re.findall(r"[а-яa-z]+", msg.text)

    objection, topic = _read_objection(msg)
    if topic is Topic.WHICH_DEBTS and _alimony_only_received(msg.text):
        # "бывший алименты платит копейки": alimony received is no alimony debt; asked of,
        # it is kept in full (`benefits`); told in passing, it asks nothing
        topic = Topic.BENEFITS if "?" in raw else None
    yes = _read_yes(msg)
    amounts = _read_amounts(msg, price_talk or objection in _PRICE_TALK)
    income_official = _read_income_official(msg)
    benefits = read_benefits(msg)
    extra_property = _read_extra_property(msg)
    mortgage = _read_mortgage(msg)
    deals = _read_deals(msg)
    enforcement = _read_enforcement(msg)
    consent = _read_consent(msg, yes)
    wants_call = msg.has(_WANTS_CALL) and not msg.has(_NO_CALL)
    off_topic = msg.has(_OFF_TOPIC)
    explicit_consent = consent is not None and expected not in (Ask.CONSENT, Ask.CALL_INVITE)
    # "да хочу", "да помогите": a yes to being helped, not to "is there other property?"
    wants_help = msg.has(_WANTS_HELP)
    if expected in _FACT_QUESTIONS and _GO_AHEAD.fullmatch(msg.text.strip(" .,!)")):
        # "давайте", "ну давайте" after "были ли сделки?": a go-ahead, no fact stated; the
        # only thing to go ahead with is the lawyer's call
        wants_call, yes = True, None
    if (
        yes is False
        and deals is False
        and expected is not Ask.DEALS
        and not re.match(r"(?:нет|неа|нету)\b", msg.text)
    ):
        yes = None  # "ничего не продавал. я из Новосибирска": no deals, no answer to "ипотека?"
    if (
        yes is not None
        and not msg.restating  # "ой нет, 7 месяцев, перепутала": not a no to the question
        and not (wants_call and expected != Ask.CALL_INVITE)
        and not explicit_consent
        and not (wants_help and expected != Ask.CALL_INVITE)
    ):
        # ("да давайте звоните" after the deals question is a call request, not a deal)
        # A fact is set only by a yes that states it ("да", "есть", "было"): "ладно, понял,
        # я подумаю" after "есть ли имущество?" is no "yes, there is".
        if (
            yes
            and expected != Ask.CALL_INVITE
            and (not _FACTUAL_YES.match(FILLER.sub("", msg.text.strip(" .,!"))) or objection)
        ):
            yes = None
        # "есть гараж и машина" after "ипотека есть?": the things named are the answer, and
        # they answer another question; the "есть" says nothing of the one asked
        read_here = {
            Ask.MORTGAGE: mortgage,
            Ask.DEALS: deals,
            Ask.PROPERTY: extra_property,
            Ask.ENFORCEMENT: enforcement,
            Ask.INCOME: income_official,
        }
        if (
            yes
            and re.match(r"(?:у меня |у нас )?(?:есть|имеется|имеются) \w", msg.text)
            and any(v is not None for ask, v in read_here.items() if ask != expected)
            and expected is not None
            and read_here.get(expected) is None
        ):
            yes = None
        if expected == Ask.MORTGAGE and mortgage is None:
            mortgage = yes
        elif expected == Ask.DEALS and deals is None and not _tells_what_is_owned(msg, yes):
            deals = yes
        elif expected == Ask.PROPERTY and extra_property is None:
            extra_property = yes
        elif expected == Ask.ENFORCEMENT and enforcement is None and yes is not None:
            # ("ладно, подумаю" is no answer: not "приставов нет")
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
    # "нет, просрочка с марта": a no that states another fact takes back what was said
    # ("нет, согласия не даю, вот номер …": the number is no figure taken back; "нет ничего не
    # продавал. тюмень": a town in a sentence of its own is news, no place taken back)
    alone = {"region"} if len(_sentences(msg.text)) > 1 else set()
    takes_back = re.match(r"(?:ой |ах )?нет\b", msg.text) is not None and any(
        not name.startswith(str(expected)) and name not in ("enforcement", "phone", *alone)
        for name in slots.known()
    )
    # "не Красноярск, а Ачинск": the place read puts right the one taken back
    takes_back = takes_back or (slots.region is not None and place_refused(msg))
    correction = bool(slots.known()) and (negated_value or msg.restating or takes_back)
    if correction and "last_debt" in amounts:
        slots = Slots.merged(slots, Slots(debt_total=amounts["last_debt"]))  # type: ignore[arg-type]
    result = Understanding(
        slots=slots,
        objection=objection,
        topic=topic,
        yes=yes,
        consent=consent,
        wants_call=wants_call,
        goes_on=msg.has(GOES_ON),
        no_own_home=reads_no_own_home(msg),
        invalid_phone=phones.invalid,
        absurd_amount=bool(amounts["absurd"]),
        correction=correction,
        creditors_added=slots.creditors_count is not None and adds_creditors(msg),
        debt_added=slots.debt_total is not None
        and slots.creditors_count is not None
        and not correction
        and adds_to_debt(msg),
        one_loan=tells_one_loan(msg),
        no_other_debts=no_other_debts(msg),
        asks_if_bot=msg.has(_ASKS_IF_BOT),
        injection=bool(_INJECTION.search(norm)),
        off_topic=off_topic,
        greeting=bool(_GREETING.search(msg.text)),
        opt_out=msg.has(_OPT_OUT),
        withdraw_consent=read_withdrawal(msg),
    )
    if result.is_empty and _is_unreadable(raw, msg):
        return Understanding(unreadable=True)
    return result


def understand(
    text: str,
    expected: Ask | None = None,
    today: date | None = None,
    carried: Subject | None = None,
    known: frozenset[str] = frozenset(),
) -> Understanding:
    """Everything the rules can read from one message, as slots, flags and ordered acts.

    `carried` is whom the previous message was about, for a bare "он"/"она"; `known` names
    what the session knows that sharpens a question ("mortgage", "pledged_car") and the
    figures given ("debt:800000"), against which a late correction is judged.
    Never raises on odd input.
    """
    # "пишу за маму…", then "давайте по мне": the writer's own case starts here, read as its
    # opening; the relative's figures are no longer what a correction is judged against
    # "здравствуйте дочка", "спасибо, сынок": Daria addressed, no relative of the person's
    text = _VOCATIVE.sub(lambda m: m.group(1) + " " * len(m.group(2)), text)
    for_self = _known_writing_for(known) is not None and asks_for_self(text)
    if for_self:
        known = frozenset(k for k in known if not k.startswith(_CASE_KNOWN))
        expected = Ask.SITUATION
    read = _understand(text, expected, today, carried, known)
    read = _late_correction(text, read, expected, today, carried, known) or read
    read = _part_corrected(text, read, known)
    read = _part_count_corrected(text, read, known)
    read = _forgotten_creditor_kept_out(text, read)
    read = _income_changed(text, read, known)
    read = (
        _bare_figure_corrected(text, read, known)
        if refused_known_figure(text, known)
        else (_put_right_here(text, read, expected, today))
    )
    return replace(read, for_self=True) if for_self else read


# "в сбере не 300 а 330": one part of the sum refused and put right, by the creditor it names
_PART_REFUSED = re.compile(
    r"\bне\s+(?P<old>\d+(?:[.,]\d+)?)\s*(?:(?P<old_unit>тыс\w*|тыщ\w*|т\.?р\.?|к|млн|лям\w*)(?![а-я]))?"
    r"\s*,?\s*а\s+(?P<new>\d+(?:[.,]\d+)?)\s*"
    r"(?:(?P<new_unit>тыс\w*|тыщ\w*|т\.?р\.?|к|млн|лям\w*)(?![а-я]))?"
)


_COUNTED_AFTER = re.compile(
    r"\s*(?:\w+\s+)?(?:банк\w*|мфо|мфк|кредит\w*|займ\w*|карт\w*|кредитор\w*|месяц\w*|мес\b"
    r"|лет|год\w*|штук\w*|раз\w*)"
)


# "не 2 мфо а 3", "не 9 а 8 мфо": the count of one kind of lender refused and put right
_KIND_OF_LENDER = r"(?:банк(?!рот)\w*|мфо|мфк|микрозайм\w*|займ\w*|кредит(?!ор)\w*|карт\w*)"
_PART_COUNT_REFUSED = re.compile(
    rf"\bне\s+(?P<old>\d{{1,2}}|[а-я]+)\s+{_KIND_OF_LENDER}\s*,?\s*а\s+(?P<new>\d{{1,2}}|[а-я]+)\b"
    rf"|\bне\s+(?P<old2>\d{{1,2}})\s*,?\s*а\s+(?P<new2>\d{{1,2}})\s+{_KIND_OF_LENDER}"
)


def _count_word(word: str) -> int | None:
    return int(word) if word.isdigit() else _UNITS.get(word)


def _part_count_corrected(text: str, read: Understanding, known: frozenset[str]) -> Understanding:
    """ "2 банка и 2 мфо" (4), later "ой не 2 мфо а 3": one kind's count put right. The refused
    count is less than the count held, so the count moves by the difference (4 → 5); a refused
    count equal to the one held ("не 6 банков а 7") is the whole count, read as usual."""
    held = known_figure(known, "creditors")
    found = _PART_COUNT_REFUSED.search(text.lower().replace("ё", "е"))
    if held is None or found is None:
        return read
    old = _count_word(found.group("old") or found.group("old2"))
    new = _count_word(found.group("new") or found.group("new2"))
    if old is None or new is None or not old < held or read.slots.creditors_count != new:
        return read
    value = held - old + new
    acts = tuple(replace(a, value=value) if a.slot == "creditors_count" else a for a in read.acts)
    return replace(read, slots=replace(read.slots, creditors_count=value), acts=acts)


def _part_amount(number: str, unit: str | None, total: int) -> int:
    scale = 1_000_000 if unit and unit.startswith(("млн", "лям")) else 1000 if unit else 1
    value = round(float(number.replace(",", ".")) * scale)
    return value * 1000 if value < 1000 <= total else value


def _part_corrected(text: str, read: Understanding, known: frozenset[str]) -> Understanding:
    """ "в сбере 300, в мфо 80 и кредитка 45", later "ой, в сбере не 300 а 330": a part of the
    total put right. The refused figure is less than the total held, so the total moves by the
    difference (425 000 → 455 000) and the creditor named is no count of creditors."""
    total = known_figure(known, "debt")
    low = text.lower().replace("ё", "е")
    found = _PART_REFUSED.search(low)
    if total is None or found is None or not names_creditors(text, _BANK_NAMES):
        return read
    if _COUNTED_AFTER.match(low, found.end()):
        return read  # "не 5 а 4 банка": a count put right, no amount
    old_unit, new_unit = found.group("old_unit"), found.group("new_unit")
    old = _part_amount(found.group("old"), old_unit or new_unit, total)  # "не 4 а 2.6 млн"
    new = _part_amount(found.group("new"), new_unit or old_unit, total)
    if not (old_unit or new_unit) and max(old, new) < 10_000:
        return read  # "не 5 а 6": bare small figures, counts or months
    if old is None or new is None or old == new or old >= total * 0.95:
        return read  # the total itself refused ("не 900 а 950"): the usual correction
    said = read.slots.debt_total
    if said is not None and said not in (new, old):
        return read  # "мфо не 100 а 150, итого около ляма": their own new total stands
    value = total - old + new
    kept = tuple(
        a
        for a in read.acts
        if not (
            a.kind in (ActKind.FACT, ActKind.CORRECTION, ActKind.ANSWER)
            and a.slot in ("debt_total", "creditors_count")
        )
    )
    act = Act(ActKind.CORRECTION, text=text.strip(), slot="debt_total", value=value)
    return replace(
        read,
        slots=replace(read.slots, debt_total=value, creditors_count=None),
        correction=True,
        creditors_added=False,
        debt_added=False,
        yes=None,
        acts=(act, *kept),
    )


def _put_right_here(
    text: str, read: Understanding, expected: Ask | None, today: date | None
) -> Understanding:
    """ "банков 5. ой не 5 а 6": a figure put right inside the message that first gives it. The
    new figure is the slot's; its act stays as the message's reading made it (README: a fact,
    no "поправила", unless the message corrects what was known)."""
    head = _said_before_refusal(text, expected, today)
    fixed = _bare_figure_corrected(text, read, head) if head else read
    if fixed is read:
        return read
    slot = fixed.acts[0].slot
    before = next((a.kind for a in read.acts if a.slot == slot), ActKind.FACT)
    acts = (replace(fixed.acts[0], kind=before), *fixed.acts[1:])
    return replace(
        fixed,
        correction=read.correction,
        creditors_added=read.creditors_added,
        acts=acts,
        put_right=slot,
    )


_REFUSAL_START = re.compile(r"\bне (?:в |на |с )?\d|\d+(?:[.,]\d+)? а не \d")  # "не в 3 а в 4"


def _said_before_refusal(text: str, expected: Ask | None, today: date | None) -> frozenset[str]:
    """ "банков 5. ой не 5 а 6, забыл про ренессанс": the figures told earlier in the same
    message are what a refused bare figure puts right, as those of earlier messages are."""
    found = _REFUSAL_START.search(text.lower().replace("ё", "е"))
    if found is None or found.start() == 0:
        return frozenset()
    head = _read_whole(text[: found.start()], expected, today).slots
    figures = (
        ("creditors", head.creditors_count),
        ("months", head.months_overdue),
        ("debt", head.debt_total),
    )
    return frozenset(f"{name}:{value}" for name, value in figures if value is not None)


_VOCATIVE = re.compile(
    r"(\b(?:здравствуй\w*|здрасьте|здрасте|привет\w*|добр(?:ый|ое|ого) \w+|спасибо|благодарю"
    r"|подскажи\w*|скажи\w*)[ ,!]+)(дочка|доченька|дочушка|сынок|сыночек|деточка|милая"
    r"|внучка|внученька)\b(?! (?:у меня|моя|мой|не|тоже|должна|должен|взяла?|брала?))",
    re.IGNORECASE,
)
_CASE_KNOWN = ("on_behalf:", "debt:", "creditors:", "months:", "income:", "guarantor:", "mortgage")


def _bare_figure_corrected(text: str, read: Understanding, known: frozenset[str]) -> Understanding:
    """ "ой не 3 а 4, мфо еще забыла" after "банков 3", "ой не 8, а 4" after "месяцев 8": the
    refused bare figure is the one the session holds, so the new one puts that fact right,
    whatever Daria asks now and whatever else the message counts."""
    found = refused_known_figure(text, known)
    if found is None or read.command is not None:
        return read
    slot, value = found
    subject = next((a.subject for a in read.acts if a.slot == slot), Subject.SELF)
    # "ой не 42 а 46" after "зп 42": the one figure puts the income right, never the debt
    # too (the same figure read as another fact is the same words, no second fact)
    same = {figure for figure in _FIGURE_SLOTS if figure != slot}
    stray = {
        a.slot
        for a in read.acts
        if a.slot in same and isinstance(a.value, int) and _same_figure(a.value, value)
    }
    kept = tuple(
        a
        for a in read.acts
        if not (a.kind in (ActKind.FACT, ActKind.CORRECTION, ActKind.ANSWER) and a.slot == slot)
        and a.slot not in stray
    )
    act = Act(ActKind.CORRECTION, text=text.strip(), slot=slot, value=value, subject=subject)
    return replace(
        read,
        slots=replace(read.slots, **{slot: value, **dict.fromkeys(stray)}),  # type: ignore[arg-type]
        correction=True,
        creditors_added=False,
        debt_added=False,
        yes=None,
        acts=(act, *kept),
    )


_FIGURE_SLOTS = ("debt_total", "creditors_count", "months_overdue", "income_monthly")


def _same_figure(one: int, other: int) -> bool:
    """Whether two figures are one said figure in different scales (46, 46 000)."""
    low, high = sorted((one, other))
    return low > 0 and any(low * scale == high for scale in (1, 1000, 1_000_000))


# "я забыла кредитку", "ещё кредитка": a creditor named as forgotten or on top
_FORGOTTEN = re.compile(r"\b(?:забыл\w*|еще|ещё)\b")
_COUNT_WORD = re.compile(
    r"\d|\b(?:два|две|двух|три|трех|четыр\w*|пят\w*|шест\w*|сем\w*|восем\w*|штук\w*)\b"
)


# "зарплату урезали до 90, так что 90 теперь": the income held is no longer so
_INCOME_CHANGE = re.compile(
    r"\b(?:урезал\w*|сократил\w*|снизил\w*|понизил\w*|уменьшил\w*|повысил\w*|подняли|поднял\w*"
    r"|увеличил\w*|теперь|стал[аио]?)\b"
)


def _income_changed(text: str, read: Understanding, known: frozenset[str]) -> Understanding:
    """A new income told with words of a change, beside another held: it puts the held one
    right (a correction), not a second figure to ask about."""
    held = known_figure(known, "income")
    new = read.slots.income_monthly
    if held is None or new is None or new == held:
        return read
    if not _INCOME_CHANGE.search(text.lower().replace("ё", "е")):
        return read
    acts = tuple(
        replace(a, kind=ActKind.CORRECTION, approx=False)
        if a.kind is ActKind.FACT and a.slot == "income_monthly"
        else a
        for a in read.acts
    )
    return replace(read, acts=acts, correction=True)


def _forgotten_creditor_kept_out(text: str, read: Understanding) -> Understanding:
    """ "ой и долг не 900 а миллион сто, я забыла кредитку тинькофф": a debt put right with
    a forgotten loan named and no count given. The loan explains the new sum; the count told
    before stands (the testers of batch 21 kept it, three of three), and with none told the
    one loan named is no count. A count word still counts ("ой нет, банков 5, забыл втб")."""
    debt = next((a for a in read.acts if a.slot == "debt_total"), None)
    count = next((a for a in read.acts if a.slot == "creditors_count"), None)
    if debt is None or count is None or not (read.correction or late_correction_cue(text)):
        return read
    if not _FORGOTTEN.search(text.lower()) or _COUNT_WORD.search(count.text.lower()):
        return read
    if _PART_COUNT_REFUSED.search(text.lower().replace("ё", "е")):
        return read  # "ой не 2 мфо а 3, ещё вебзайм забыла": the count itself put right
    return replace(
        read,
        slots=replace(read.slots, creditors_count=None),
        creditors_added=False,
        debt_added=False,
        acts=tuple(a for a in read.acts if a is not count),
    )


# The questions whose figure a late correction may put right: the slot, its name in `known`.
_CORRECTABLE = (
    (Ask.DEBT_TOTAL, "debt_total", "debt"),
    (Ask.CREDITORS, "creditors_count", "creditors"),
    (Ask.MONTHS_OVERDUE, "months_overdue", "months"),
)


def _late_correction(
    text: str,
    read: Understanding,
    expected: Ask | None,
    today: date | None,
    carried: Subject | None,
    known: frozenset[str],
) -> Understanding | None:
    """ "ой нет, миллион сто выходит" while Daria asks the months: a correction of the debt
    given before, not an answer to the question asked. The message is read as the answer to
    the question of the known figure it fits: a debt within three times the known one (in
    its scale: "310" beside 280 000 is thousands, "1.35" beside 1 200 000 millions), else a
    creditor count a few off the known one in a message that names a creditor ("ой 5.
    тинькофф забыл"). None when the message corrects nothing known."""
    cue = late_correction_cue(text)
    if cue is None or expected in (None, Ask.SITUATION) or read.command is not None:
        return None
    # "ой, 6 наверно" answers the months; a weak cue corrects only a creditor it names
    answered = getattr(read.slots, str(expected), None) is not None
    for ask, slot, name in _CORRECTABLE:
        old = known_figure(known, name)
        if old is None or ask is expected or (cue == "weak" and slot == "debt_total"):
            continue
        again = _understand(text, ask, today, carried, known)
        new = getattr(again.slots, slot)
        if new is None or new == old:
            continue
        if slot == "debt_total":
            fitted = debt_in_scale(new, old)
        elif slot == "creditors_count":
            fitted = (
                new if count_in_reach(new, old) and names_creditors(text, _BANK_NAMES) else None
            )
        elif cue == "strong" and _bare_months_put_right(text, new, old):
            fitted = new  # "не плачу месяца 2", then "точнее 3 уже": the months put right
        else:
            fitted = None
        if fitted is None or (answered and cue == "weak" and slot == "debt_total"):
            continue
        return _as_correction(again, slot, fitted, expected)
    return None


def _bare_months_put_right(text: str, new: int, old: int) -> bool:
    """A short message of one bare figure near the months held ("точнее 3 уже" after "месяца
    2"), naming no creditor: the months put right."""
    low = text.lower().replace("ё", "е")
    return (
        len(re.findall(r"[а-яa-z]+", low)) <= 3
        and len(re.findall(r"\d+", low)) == 1
        and 0 < new <= 120
        and abs(new - old) <= max(3, old // 2)
        and not names_creditors(text, _BANK_NAMES)
    )


def _as_correction(
    again: Understanding, slot: str, value: int, expected: Ask | None
) -> Understanding:
    """The reading of a late correction: the figure put right, no answer to `expected`."""
    acts = tuple(
        replace(a, kind=ActKind.CORRECTION, value=value if a.slot == slot else a.value)
        if a.kind in (ActKind.FACT, ActKind.CORRECTION) and a.slot in (*_CORRECTED_SLOTS, slot)
        else a
        for a in again.acts
        if not (a.kind is ActKind.ANSWER and a.slot in (str(expected), slot))
    )
    return replace(
        again,
        slots=(
            replace(again.slots, debt_total=value)
            if slot == "debt_total"
            else replace(again.slots, **{slot: value})  # type: ignore[arg-type]
        ),
        correction=True,
        yes=None,
        acts=acts,
    )


_CORRECTED_SLOTS = ("debt_total", "creditors_count")


def _hedged_after(owner: Clause, parts: list[Clause], readings: dict[int, Understanding]) -> bool:
    """ "торчу лям двести, может чуть больше": the next piece hedges the figure before it when
    it holds no figure of its own."""
    after = next((p for p in parts if p.start > owner.start), None)
    if after is None or after.sentence != owner.sentence or re.search(r"\d", after.norm):
        return False
    reading = readings.get(after.start)
    return (reading is None or not reading.slots.known()) and hedged(after.norm)


def _understand(
    text: str,
    expected: Ask | None,
    today: date | None,
    carried: Subject | None,
    known: frozenset[str],
) -> Understanding:
    raw, _ = clean_text(text, _READ_LIMIT)
    if raw.startswith("/"):
        whole = _read_whole(raw, expected, today)
        if whole.command is not None:
            return replace(whole, acts=(Act(ActKind.REQUEST, raw, value=whole.command.value),))
    if FORGET_WORDS.search(raw.lower().replace("ё", "е")):
        forget = Act(ActKind.REQUEST, raw, value="forget")
        withdraw = _CONSENT_WITHDRAW.search(raw.lower().replace("ё", "е")) is not None
        requests: tuple[Act, ...] = (
            (Act(ActKind.REQUEST, raw, value="withdraw_consent"), forget) if withdraw else (forget,)
        )
        return Understanding(command=Command.FORGET, withdraw_consent=withdraw, acts=requests)
    if MYDATA_WORDS.search(raw.lower().replace("ё", "е")):
        return Understanding(wants_mydata=True, acts=(Act(ActKind.REQUEST, raw, value="mydata"),))
    if looks_like_translit(raw):
        raw = from_translit(raw)
    elif looks_english(raw):
        raw = gloss(raw)  # "I owe about 900k to 4 banks": the Russian words the rules read
    else:
        # "bailiffs are taking half of her pension. ok можно по русски": each English sentence
        raw = "".join(
            gloss(piece) if looks_english(piece) else _LATIN_RUN.sub(_gloss_run, piece)
            for piece in re.split(r"(?<=[.!?])(\s+)", raw)
        )
    raw = _TEMPLATE.sub(" ", raw)  # "{{7*7}}", "${1000*1000}": code, never a figure
    raw = _ECHO.sub(r"\g<topic> —", raw)  # "приставы? вроде есть одно": the question echoed
    call_tz, call_zone_said, raw = call_zone(raw)
    whole = _read_whole(raw, expected, today)
    if whole.unreadable:
        return whole
    written_for = _known_writing_for(known)
    parts = clauses(raw, carried, written_for)
    # "пишу за маму": the relative is the lead — her facts are the card's, and what the writer
    # says of themselves with "я" ("у меня свои доходы 30 тыс") is not
    lead = written_for or writes_for(parts)
    left_out = [p for p in parts if p.subject is not (lead or Subject.SELF) or p.hypothetical]
    if lead is not None:  # (a plain "я ошиблась, 640 тысяч" still speaks of the relative)
        writer = _writers_parts(parts)
        left_out = [
            p
            for p in parts
            if p.hypothetical
            or (p.subject is not lead and (p.subject is not Subject.SELF or p.start in writer))
        ]
        # "и машина ещё, она на мне, а ездит он": the thing the writer holds is not the lead's
        left_out += [
            p
            for p, after in itertools.pairwise(parts)
            if p not in left_out
            and after.sentence == p.sentence
            and held_by_writer(p.norm, after.norm)
        ]
    # "мама у меня поручитель по кредиту в сбере на 400к": the loan a relative guarantees is one
    # of the person's, inside the debt and count they state; its size and lender are neither
    left_out += [p for p in parts if p not in left_out and _relative_guarantees(p, parts)]
    own = whole
    if left_out:
        # "сколько по деньгам? я не хочу узнать, что там 200к": the question left out still
        # makes the figure a price
        own = _read_whole(
            _blank(raw, left_out), expected, today, price_talk=whole.objection in _PRICE_TALK
        )
        # "у папы долги около 1,6 млн…": all of it about someone else is read, not unreadable
        own = replace(own, unreadable=False)
        own = replace(
            own,
            slots=replace(own.slots, phone=whole.slots.phone, call_time=whole.slots.call_time),
            consent=whole.consent,
            wants_call=whole.wants_call,
            goes_on=whole.goes_on,
            no_own_home=whole.no_own_home,
            invalid_phone=whole.invalid_phone,
            objection=whole.objection,
            topic=whole.topic,
            asks_if_bot=whole.asks_if_bot,
            injection=whole.injection,
            off_topic=whole.off_topic,
            greeting=whole.greeting,
            opt_out=whole.opt_out,
            withdraw_consent=whole.withdraw_consent,
        )
    if lead is None and own.slots.extra_property and whole.slots.extra_property is not True:
        # "и машина, она на него": the piece left out as the husband's said whose the car is
        own = replace(own, slots=replace(own.slots, extra_property=whole.slots.extra_property))
    own = _told_before_asking(own, parts, lead, today)
    own = _without_asked_words(own, parts, expected, today, left_out)
    if lead is not None and own.slots.region is None:
        own = replace(own, slots=replace(own.slots, region=_leads_place(parts, lead)))
    if lead is None and own.slots.region is None:
        own = replace(own, slots=replace(own.slots, region=_place_lived_with(parts)))
    if lead is not None and own.slots.extra_property is not True:
        # "машина у него есть, больше ничего нет": the car named is theirs, "больше ничего"
        # closes the list after it
        theirs = _leads_property([p for p in parts if p not in left_out], lead)
        if theirs is not None:
            own = replace(own, slots=replace(own.slots, extra_property=theirs))
    low = raw.lower().replace("ё", "е")
    if own.slots.mortgage and THEIR_MORTGAGE.search(low) and not OWN_MORTGAGE.search(low):
        own = replace(own, slots=replace(own.slots, mortgage=None))  # "ипотека на муже"
    known = (
        known
        | ({"mortgage"} if own.slots.mortgage else set())
        | ({"pledged_car"} if _pledged(raw.lower()) else set())
    )
    acts, approximate = _acts(raw, parts, own, expected, today, known, lead)
    if lead is None and own.slots.extra_property is False and _spouses_joint_thing(acts):
        # "у мужа машина, купили в браке, оформлена на него. у меня самой ничего нет": what was
        # bought in the marriage is the couple's, whoever holds it; "nothing of mine" denies no
        # more
        own = replace(own, slots=replace(own.slots, extra_property=None))
        acts = tuple(
            a
            for a in acts
            if not (a.kind is ActKind.FACT and a.slot == "extra_property" and a.value is False)
        )
    acts, pressed = _pressed(parts, acts, known)
    if "heirs" in known or _DECEASED.search(low):
        acts, own = _heirs_share_asked(acts, own)
    if own.objection is not ObjectionKind.PRICE and any(
        a.topic is Topic.PRICE and not a.stated for a in acts
    ):
        # "скока стоит ваша помощь?" beside the МФЦ, in any wording: the price doubt (QA's
        # `objection`); beside another doubt ("почём у вас? в соседней конторе 45 тыщ", "скока
        # стоит? или развод очередной?") the price is one more, the other stays the message's
        if own.objection is None:
            own = replace(own, objection=ObjectionKind.PRICE)
        at = next(i for i, a in enumerate(acts) if a.topic is Topic.PRICE and not a.stated)
        price = Act(ActKind.OBJECTION, raw, value=ObjectionKind.PRICE.value)
        acts = (*acts[:at], price, *acts[at:])
    own_text = " ".join(p.norm for p in parts if p not in left_out)
    read = replace(
        own,
        deceased=_DECEASED.search(raw.lower().replace("ё", "е")) is not None,
        guarantor=_guarantor(parts),
        named=_last_named(parts),
        on_behalf=lead.value if lead else None,
        on_behalf_word=relative_noun(raw) if writes_for(parts) else None,
        acts=acts,
        approximate=approximate,
        call_tz=call_tz,
        call_zone_said=call_zone_said,
        pledged_car=_pledged(own_text),
        plain_answer=plain_answer(raw),
        stop_reminders=stops_reminders(raw),
        call_cancel=cancels_call(raw),
        discreet=_discreet(raw),
        pressed=pressed,
    )
    return read_refusals(read, raw)  # soft "не нужно мне ничего"; "почему без согласия?"


_CONSENT_TALK = re.compile(r"\b(?:соглас\w*|персональн\w*|обработк\w*)")
_COLLECTORS_TALK = re.compile(r"\b(?:коллектор\w*|звонят|звонили|названива\w*|взыскател\w*|мфо)")


def _spouses_joint_thing(acts: tuple[Act, ...]) -> bool:
    """A husband's or wife's thing beyond the home told as bought in the marriage ("у мужа
    машина, купили в браке"): the couple's, whoever holds it. (Named only as theirs, "у мужа
    дача, у меня самой ничего нет" keeps the person's denial.)"""
    return any(
        a.kind is ActKind.FACT
        and a.slot == "extra_property"
        and a.value is True
        and a.subject is Subject.SPOUSE
        and said_bought_in_marriage(a.text)
        for a in acts
    )


def _fears_for_data(raw: str, expected: Ask | None) -> bool:
    """A leak feared at the consent ("согласие не дам, боюсь утечки") is about the data Daria
    would store, never about how collectors got the number."""
    low = raw.lower().replace("ё", "е")
    consent = expected is Ask.CONSENT or _CONSENT_TALK.search(low) is not None
    return consent and _COLLECTORS_TALK.search(low) is None


def _pressed(
    parts: list[Clause], acts: tuple[Act, ...], known: frozenset[str]
) -> tuple[tuple[Act, ...], tuple[Topic, ...]]:
    """ "вы не ответили про зарплату мужа": the questions pressed, as the complaint names them;
    a bare "вы не ответили." presses the questions beside it, or else the one answered last.
    Each is asked, never a concern only stated."""
    complaints = [p.text for p in parts if complains_unanswered(p.norm)]
    if not complaints:
        return acts, ()
    acts = tuple(replace(a, stated=False) if a.kind is ActKind.ASK else a for a in acts)
    # "вы не ответили про гараж. брату отдавать придётся?": the question asked again says
    # more precisely what the complaint names (the deal, not the garage)
    again = {
        a.topic for a in acts if a.kind is ActKind.ASK and a.text not in complaints and a.topic
    }
    acts = tuple(
        a
        for a in acts
        if not (
            a.kind is ActKind.ASK and a.text in complaints and a.topic and covered(a.topic, again)
        )
    )
    asks = [a for a in acts if a.kind is ActKind.ASK and a.topic is not None]
    named = [a.topic for a in asks if a.text in complaints and a.topic is not None]
    if named:
        return acts, tuple(dict.fromkeys(named))
    if asks:
        return acts, tuple(dict.fromkeys(a.topic for a in asks if a.topic is not None))
    last = next((k.split(":", 1)[1] for k in known if k.startswith("last:")), "")
    topic = next((t for t in Topic if t.value == last), None)
    if topic is None:
        return acts, ()
    return (Act(ActKind.ASK, complaints[0], topic=topic), *acts), (topic,)


_RELATIVE_HELPS = re.compile(
    r"\b(?:даст|дадут|дал|дала|поможет|помогут|заплатит|заплатят|оплатит|оплатят|погасит"
    r"|погасят|закроет|закроют)\b"
)
_BY_PROXY = re.compile(r"\bдоверенност\w*")
_QUESTION_WORD = re.compile(
    r"\b(?:можно|ли|как|что|чем|сколько|куда|зачем|почему|кто|будет|будут|заберут|отберут)\b"
)


_NOT_KNOWN_BY = re.compile(
    r"[^.!?,;\n]*\b(?:муж|жена|супруг\w*|семья|родные|родители|мама|дети|на работе|начальство)"
    r" (?:\w+ )?(?:не знает|не знают|ничего не знает|не в курсе|не должн\w* знать)[^.!?;\n]*"
)


def _discreet(raw: str) -> str | None:
    """ "муж не знает, звоните днём": the words a lawyer who calls must heed, as written."""
    found = _NOT_KNOWN_BY.search(raw.lower().replace("ё", "е"))
    return raw[found.start() : found.end()].strip(" ,") if found else None


def _leads_place(parts: list[Clause], lead: Subject) -> str | None:
    """ "мама в Сальске живет, а я сам в Батайске": the place of the relative written for; a
    piece that goes on in the relative's sentence with no one else named is theirs too ("мама
    живёт отдельно, город Биробиджан")."""
    theirs: set[int] = set()
    previous: Clause | None = None
    for part in parts:
        goes_on = (
            previous is not None
            and previous.start in theirs
            and previous.sentence == part.sentence
            and part.subject is Subject.SELF
            and not _writer_speaks(part)
            and not _FIRST_PERSON_WORD.search(part.norm)
        )
        previous = part
        if (part.subject is lead or goes_on) and not part.question:
            theirs.add(part.start)
            place = _read_whole(without_relatives(part.text)).slots.region
            if place is not None:
                return place
    return None


# "живу у мамы в кургане", "живём с сестрой в омске": the person lives there, with the relative
_LIVES_WITH = re.compile(
    r"\b(?:живу|живем|проживаю|проживаем|прописан\w*|переехал\w*|ютимся)(?: (?:сейчас|пока|тоже))?$"
)


def _place_lived_with(parts: list[Clause]) -> str | None:
    """The town of the relative's piece that goes on the person's "живу" ("живу | у мамы в
    кургане"): the person's own place; the piece alone reads as the relative's."""
    for part, after in itertools.pairwise(parts):
        if (
            part.subject is Subject.SELF
            and not part.question
            and after.subject is not Subject.SELF
            and after.sentence == part.sentence
            and not after.question
            and _LIVES_WITH.search(part.norm)
        ):
            place = _read_whole(without_relatives(after.text)).slots.region
            if place is not None:
                return place
    return None


_FIRST_PERSON_WORD = re.compile(r"\b(?:я|мы|нас|нам|живу|живем)\b")


_THEIR_HOLDING = re.compile(r"\b(?:у|на) (?:него|нее|них|н[её]м|ней)\b")


def _leads_property(parts: list[Clause], lead: Subject) -> bool | None:
    """ "пишу за мужа… у него машина 2010 года": the relative written for is the lead, so their
    car is the lead's other property (the rules read "у него машина" as someone else's)."""
    found: bool | None = None
    # read a sentence's pieces together: "приставы закрыли производство, написали что имущества
    # нет" is why the bailiffs closed the case, not the relative's property
    sentences: dict[int, list[str]] = {}
    for part in parts:
        # "у нее есть дача, можно мы ее на меня переоформим?": a statement before the question
        stated = not part.question or not (part.own_question or part.hypothetical)
        if part.subject is lead and stated:
            sentences.setdefault(part.sentence, []).append(part.text)
    for pieces in sentences.values():
        plain = _THEIR_HOLDING.sub(" ", without_relatives(", ".join(pieces)))
        if (said := _read_whole(plain).slots.extra_property) is not None:
            found = said if found is None else found or said
    return found


def _writers_parts(parts: list[Clause]) -> set[int]:
    """Where the pieces in which the writer speaks of themselves start: those with "я работаю",
    "у меня", and the pieces of the same sentence that go on with no one else named ("я
    работаю, получаю 80 тыщ")."""
    found: set[int] = set()
    previous: Clause | None = None
    for part in parts:
        goes_on = (
            previous is not None
            and previous.start in found
            and previous.sentence == part.sentence
            and part.subject is Subject.SELF
        )
        if _writer_speaks(part) or goes_on:
            found.add(part.start)
        previous = part
    return found


def _writer_speaks(part: Clause) -> bool:
    """A piece in which the person writing for a relative speaks of themselves ("у меня свои
    доходы тысяч 30"), not of the relative ("мой номер" is read from the whole message)."""
    return part.subject is Subject.SELF and _WRITER.search(part.norm) is not None


# (not "я ошиблась, 640 тысяч": a correction of the relative's figure)
_WRITER = re.compile(
    r"\b(?:у меня|мне|мой|моя|мою|мои|моих|моего|моей|меня|я сам\w*)\b"
    r"|\bя (?:\w+ )?(?:работа\w*|получа\w*|плач\w*|долж\w*|живу|брал\w*|взял\w*|плат\w*)"
    # "мама в Брянске, я в Москве", "я сейчас в Москве"; not "я посмотрела в госуслугах": a
    # verb there is what the writer did for the relative (looked their debt up, went to a bank)
    r"|\bя (?:(?!\w*(?:л|ла|ли|лась|лся|ю)\b)\w+ )?(?:в|во|из) [а-я]"
    # "я медсестра, 45 тыс", "я пенсионерка": the writer names what they are
    r"|^(?:а |и |но )?я (?:сама |сам |тоже |же )?[а-я]+(?:ка|ца|ша|ра|ер|ор|ист|ник|тель|ант|ент"
    r"|ог|ач|ец)$"
)


def _known_writing_for(known: frozenset[str]) -> Subject | None:
    """Whom the session knows the person writes for ("on_behalf:parent"), if anyone."""
    return next((Subject(k.split(":", 1)[1]) for k in known if k.startswith("on_behalf:")), None)


def _without_other_asks(
    placed: list[tuple[int, Act]], drop: collections.abc.Callable[[str], bool]
) -> list[tuple[int, Act]]:
    """The acts with those questions "for the lawyer" (`other`) whose words `drop` names."""
    return [
        (at, a)
        for at, a in placed
        if not (a.kind is ActKind.ASK and a.topic is Topic.OTHER and drop(a.text))
    ]


def _guarantor(parts: list[Clause]) -> str | None:
    """Whose relative signed as guarantor or co-borrower: "сестра у меня поручитель"."""
    for part in parts:
        if not _GUARANTOR.search(part.norm) or not names_a_cosigner(part.norm):
            continue  # "он не созаёмщик, нигде не подписывался": no one signed
        if part.subject is not Subject.SELF:
            return part.subject.value
        sentence = " ".join(p.norm for p in parts if p.sentence == part.sentence)
        who = relative_named(sentence)
        if who is not None and not re.search(r"\bя (?:\w+ )?(?:поручител|созаемщ)", part.norm):
            return who.value
    return None


def _cosigner_note(parts: list[Clause], lead: Subject | None) -> tuple[int, Act] | None:
    """ "жена созаёмщик по одному кредиту", "мама поручитель по кредиту": a relative signed for
    one of the person's loans — the lawyer must know before the call (a note, as said). Not
    "я поручитель у брата": the person signed for someone else's loan (unless the person
    writes for that relative: then the writer is the relative who signed)."""
    for part in parts:
        # ("мама поручитель по кредиту ей что будет": said, then asked, in one clause)
        asked = part.own_question and not part.stated and not asks_what_becomes_of(part.norm)
        if part.hypothetical or asked or _CONDITION_OPENS.match(part.norm):
            continue  # "а если мама станет поручителем?": no one has signed
        if not _GUARANTOR.search(part.norm) or not names_a_cosigner(part.norm):
            continue
        sentence = " ".join(p.norm for p in parts if p.sentence == part.sentence)
        writer = re.search(r"\bя (?:\w+ ){0,3}(?:поручител|созаемщ|поручил)", sentence)
        kin = part.subject not in (Subject.SELF, lead) or relative_named(sentence) is not None
        if (lead is None and (writer or not kin)) or (lead is not None and not (kin or writer)):
            continue
        # "сестра, у меня поручитель": the sentence's statements, its questions left out
        said = ", ".join(
            " ".join(p.text.split())
            for p in parts
            if p.sentence == part.sentence and not (p.own_question and not p.stated)
        )
        whose = lead or Subject.SELF
        return part.start, Act(ActKind.NOTE, said, value="relative_cosigner", subject=whose)
    return None


def _relative_guarantees(part: Clause, parts: list[Clause]) -> bool:
    """ "мама у меня поручитель по кредиту…", "сестра поручилась за мой кредит на 300": the
    person's piece names a relative's guarantee of one loan (not "я поручитель": then the loan
    is the person's liability)."""
    if part.subject is not Subject.SELF or not _GUARANTOR.search(part.norm):
        return False
    if not names_a_cosigner(part.norm) or re.search(
        r"\b(?:я|(?<!у )меня) (?:\w+ )?(?:поручител|созаемщ|поручил)", part.norm
    ):
        return False
    sentence = " ".join(p.norm for p in parts if p.sentence == part.sentence)
    who = relative_named(sentence)
    return who is not None and who is not Subject.SELF


def _last_named(parts: list[Clause]) -> str | None:
    """ "жена поручитель по одному кредиту": the next message's "её" is the wife."""
    for part in reversed(parts):
        who = part.subject if part.subject is not Subject.SELF else relative_named(part.norm)
        if who is not None and who is not Subject.SELF:
            return who.value
    return None


# Facts a question only names ("и мою зарплату?", "а ипотечную заберут?"): not stated.
# A question piece that first tells ("машину продал брату в 2024"), then asks of it with a
# word pointing back ("это плохо?", "её заберут?"); not a condition ("если продам машину…")
_POINTED_QUESTION = re.compile(
    r"^(?P<head>(?:\w+ ){3,}?)(?:а |и |но |так )?(?:это|ее|её|его|их|она|оно|они) (?:\w+ ?){1,6}$"
)
_TELLS = re.compile(
    r"\b(?:есть|имеется|был|была|было|были|\w+(?:ал|ял|ил|ел)(?:а|и)?|живу|живем|живём|плачу)\b"
)


_TOLD_BEFORE_ASKING = ("extra_property", "mortgage", "recent_deals")


def _told_before_asking(
    own: Understanding, parts: list[Clause], lead: Subject | None, today: date | None
) -> Understanding:
    """ "есть квартира по военной ипотеке живём там, её заберут если банкротиться?": a question
    with a condition is left out of the reading, but what it first tells of the person's
    property or deals is stated."""
    told: dict[str, object] = {}
    for part in parts:
        if not part.question or part.subject is not (lead or Subject.SELF):
            continue
        head = _stated_head(part.norm)
        if head is None:
            continue
        slots = _read_whole(head, None, today).slots
        for name in _TOLD_BEFORE_ASKING:
            if getattr(own.slots, name) is None and getattr(slots, name) is not None:
                told.setdefault(name, getattr(slots, name))
    return replace(own, slots=replace(own.slots, **told)) if told else own  # type: ignore[arg-type]


def _stated_head(question: str) -> str | None:
    found = _POINTED_QUESTION.match(question)
    if found is None:
        return None
    head = found.group("head")
    if re.search(r"\b(?:если|вдруг|допустим|можно|могу|стоит|надо|нужно|ли)\b", head):
        return None
    return head if _TELLS.search(head) else None


_NAMED_IN_QUESTIONS = (
    "income_official",
    "extra_property",
    "mortgage",
    "recent_deals",
    "benefits",
    "enforcement",  # "а с пенсии будут удерживать?" states no enforcement
)


def _without_asked_words(
    own: Understanding,
    parts: list[Clause],
    expected: Ask | None,
    today: date | None,
    left_out: list[Clause],
) -> Understanding:
    asked = [p for p in parts if p.own_question]
    if not asked:
        return own
    # "пишу за мужа… я сама получаю детские. и детские не тронут?": a statement left out as
    # the writer's (or another's) does not make the lead's question a statement
    stated = [p for p in parts if not p.own_question and p not in left_out]
    drop: dict[str, None] = {}
    if any(ask_topics(p.norm, p.asked_about) == [Topic.REPEAT] for p in asked) and not any(
        _read_whole(p.text, expected, today).slots.months_overdue for p in stated
    ):
        drop["months_overdue"] = None  # "а раньше 5 лет точно нельзя?": the law's pause
    for name in _NAMED_IN_QUESTIONS:
        if getattr(own.slots, name) is None:
            continue
        in_statements = any(
            getattr(_read_whole(p.text, expected, today).slots, name) is not None for p in stated
        )
        if name == "extra_property" and any(states_holding(p.norm) for p in asked):
            continue  # "гараж есть в кооперативе его заберут?": the garage is said to be held
        if any(
            (head := _stated_head(p.norm)) is not None
            and getattr(_read_whole(head, None, today).slots, name) == getattr(own.slots, name)
            for p in asked
        ):
            # "есть квартира по военной ипотеке живём там, её заберут?", "машину продал брату
            # за 300 тысяч это плохо?": told first, then asked about with a pointing word
            continue
        if not in_statements and any(
            getattr(_read_whole(p.text, None, today).slots, name) is not None for p in asked
        ):
            drop[name] = None
    if expected is not None and any(ask_topics(p.norm, p.asked_about) for p in asked):
        # "так сколько по времени? год? два?": a bare figure guessed inside the person's own
        # question answers no script question (it counts only where a statement says it)
        said = _read_whole(" . ".join(p.text for p in stated), expected, today).slots
        for name in _BARE_ANSWERS:
            if getattr(own.slots, name) is None or getattr(said, name) is not None:
                continue
            if not any(
                getattr(_read_whole(p.text, None, today).slots, name) is not None for p in asked
            ):
                drop[name] = None
    return replace(own, slots=replace(own.slots, **drop)) if drop else own


# After a death told, "сколько платить то, все 600??" asks the heir's share of the dead
# person's debts, not the firm's price ("сколько стоят ваши услуги?" stays the price)
_HEIR_PAYS = re.compile(
    r"\bсколько (?:\w+ ){0,2}?(?:платить|заплатить|выплачивать|отдавать|гасить|погашать)\b"
    r"|\b(?:платить|отдавать|гасить) (?:\w+ ){0,2}?все\b"
    r"|\bвсе (?:\d+ )?(?:платить|отдавать|гасить)\b"
)
_FIRM_PRICE = re.compile(
    r"\b(?:вам|вы|ваш\w*|юрист\w*|услуг\w*|стои\w*|консультац\w*|банкротств\w*|процедур\w*"
    r"|суд\w*|мфц|депозит\w*)\b"
)


def _heirs_share_asked(
    acts: tuple[Act, ...], own: Understanding
) -> tuple[tuple[Act, ...], Understanding]:
    """A relative died: "сколько платить, все 600?" is the heir's question (DOMAIN.md: the
    heir answers up to the value of what was inherited), never the price of the firm."""

    def heirs(a: Act) -> bool:
        low = a.text.lower().replace("ё", "е")
        return bool(_HEIR_PAYS.search(low)) and not _FIRM_PRICE.search(low)

    asked = [a for a in acts if a.kind is ActKind.ASK and a.topic is Topic.PRICE]
    if not asked or not all(heirs(a) for a in asked):
        return acts, own
    acts = tuple(
        replace(a, topic=Topic.CHILDREN, subject=Subject.SELF)
        if a.kind is ActKind.ASK and a.topic is Topic.PRICE
        else a
        for a in acts
        if not (a.kind is ActKind.OBJECTION and a.value == ObjectionKind.PRICE.value)
    )
    if own.objection is ObjectionKind.PRICE:
        own = replace(own, objection=None)
    return acts, own


def _svo_note(parts: list[Clause]) -> tuple[int, Act] | None:
    """ "муж на сво по контракту", "сын мобилизован": a serviceman at the front, whoever he
    is to the writer — the person or a family member (377-ФЗ, 229-ФЗ art. 40), told to the
    lawyer whatever the clause's subject."""
    for part in parts:
        if SVO.search(part.norm) and not re.search(r"\bне (?:на|в|был\w*)\b", part.norm):
            said = ", ".join(p.text for p in parts if p.sentence == part.sentence)
            said = said if len(said) <= 140 else said[:139] + "…"
            return part.start, Act(ActKind.NOTE, said, value="svo", subject=part.subject)
    return None


# Slots a bare figure answers when the script question asked for them.
_BARE_ANSWERS = ("creditors_count", "months_overdue")


# A relative who died: "должна ли я платить?" is then about inheriting their debts.
# (not "наследники потом платят?" or "квартира по наследству": nobody's debts inherited)
# "она хочет банкротиться, мою зарплату тронут?": the spouse of the one going bankrupt asks.
_INCOME_WORD = re.compile(r"\b(?:зарплат\w*|зп|доход\w*|пенси(?!онер)\w*|заработ\w*|оклад\w*)")
# Alimony the person receives for children (paid by the ex, the husband, the father): kept
_PAYER = r"(?:бывш\w*|муж\w*|отец|отца|папа|он|супруг\w*)"
_PAYS = r"(?:плат\w*|присыла\w*|перечисля\w*|выплачива\w*|да[её]т|переводит)"
_ALIMONY_RECEIVED = re.compile(
    rf"\bалимент\w*\b.{{0,25}}\b{_PAYER} (?:(?!не\b)\w+ )?{_PAYS}"
    rf"|\b{_PAYER} (?:(?!не\b)\w+ ){{0,2}}{_PAYS} (?:\w+ ){{0,2}}алимент\w*"
    r"|\bалимент\w*,? (?:\w+ )?(?:которые )?(?:получаю|получаем|приходят|мне платят)"
    rf"|\b{_PAYER} алимент\w* (?:(?!не\b)\w+ )?{_PAYS}"  # "бывший алименты платит"
    # "получаю детские пособия и алименты на детей"
    r"|\b(?:получаю|получаем|получала|получает) (?:(?!не\b)\w+ ){0,3}алимент\w*"
)
# A debt kind other than alimony received: "а штрафы и алименты спишут?" still asks which debts
_OTHER_DEBT_KINDS = re.compile(
    r"\b(?:штраф\w*|налог\w*|жкх|коммунал\w*|ипотек\w*|долг\w* по алимент\w*"
    r"|(?:все|какие|любые) (?:ли )?долги|задолж\w*|(?:я|мы) (?:\w+ )?(?:плачу|должн\w*))"
)


def _alimony_only_received(text: str) -> bool:
    """ "одна с двумя детьми, бывший алименты платит копейки": the only debt kind named is
    alimony, and it is paid to the person (DOMAIN.md: alimony received is kept in full)."""
    return bool(_ALIMONY_RECEIVED.search(text)) and not _OTHER_DEBT_KINDS.search(text)


# "отдавать придётся?", "вернуть заставят?": a thing given back
_GIVE_BACK = re.compile(r"\b(?:отдавать|отдать|вернуть|возвращать|отберут|заберут|отнимут)\b")
_NOT_ALIMONY_RECEIVED = {Topic.WHICH_DEBTS, Topic.SPOUSE, Topic.CHILDREN, Topic.SPOUSE_DEBTS}
_INCOME = r"(?:зарплат|зп|доход|пенси(?!онер)|заработ|оклад)\w*"
# The income is theirs: "его зарплату", "зарплату мамы", "у брата зп" (not "они пенсию заберут?")
_THEIR_INCOME = re.compile(
    rf"\b(?:его|ее|их|у него|у нее|у них) (?:\w+ )?{_INCOME}"
    rf"|\b{_INCOME} (?:\w+ )?(?:его|ее|их|мамы|матери|отца|папы|брата|сестры|сына|дочери"
    rf"|родителей|бабушки|дедушки)\b|\bу (?:\w+ ){{1,2}}{_INCOME}"
    # "сыну зарплату не тронут?", "маме пенсию не урежут?": the dative names the owner
    rf"|\b(?:сыну|дочке|дочери|маме|матери|отцу|папе|брату|сестре|бабушке|дедушке|родителям"
    rf"|детям) (?:\w+ )?{_INCOME}"
)
# "на неё что-то оставят из зарплаты?": the person's salary, kept for a dependant
_FOR_DEPENDANTS = re.compile(
    r"\bна (?:\w+ )?(?:не[её]|него|них|дет\w*|ребен\w*|доч\w*|сын\w*|иждивен\w*)\b"
    r"|\b(?:оставят|оставлять|останется|оставляют)\b"
)
# A relative's income asked about: read first as the person's salary or the relative's thing.
# "мне как жене военного", "я жена участника": the writer a wife, so "his" is the husband's
_WIFE_ROLE = re.compile(r"\b(?:как|я|я же) (?:жен[аеуы]|супруг[аеи])\b")


def _relatives_named(parts: list[Clause]) -> set[Subject]:
    """The relatives a message names ("у мужа…", "как жене военного": the husband)."""
    named = {relative_named(p.norm) for p in parts} - {None}
    if not named and any(_WIFE_ROLE.search(p.norm) for p in parts):
        return {Subject.SPOUSE}
    return {who for who in named if who is not None}


# "а его деньги могут забрать за мои долги?": a third person's money, the person's debts
_THEIR_MONEY = re.compile(
    r"\b(?:его|ее) (?:\w+ )?(?:деньг|выплат|зарплат|зп\b|доход|пенси(?!онер)|заработ)\w*"
    r"(?=.*\b(?:за|по) (?:мо|наш)\w+ (?:долг|кредит|займ)\w*)"
)
# "и машину её заберут или нет?": the thing named with "her", "his" after it or before it
_THEIR_THING = re.compile(
    r"\b(?:машин|авто|квартир|дач|дом|гараж|участ)\w* (?:ее|его)\b"
    r"|\b(?:ее|его) (?:машин|авто|квартир|дач|гараж|участ)\w*"
)
_THEIR_INCOME_READ_AS = (Topic.SALARY, Topic.RELATIVE_PROPERTY, Topic.DEAL_WITH_RELATIVE)
# "моя зарплата", "мою зп", "мой доход": the writer's own income named
_OWN_SALARY_NAMED = re.compile(
    r"\b(?:мо[яюей]|сво[яюей]|мой|свой) (?:\w+ )?(?:зарплат|зп|доход|заработ)\w*"
)
_RELATIVE_GOES_BANKRUPT = re.compile(
    r"\b(?:она|он|жена|муж|супруг\w*) (?:\w+ ){0,2}(?:банкрот\w*|обанкрот\w*|подает на банкрот\w*"
    r"|подаст на банкрот\w*)"
)
_A_DEAL = re.compile(
    r"\b(?:продал|продала|продали|подарил|подарила|подарили|переписал|переписала|переоформил"
    r"|переоформила|отдал|отдала|передал|передала|оформил на|оформила на|дарственн|сделк"
    r"|купил|продаж|дарени)\w*"  # "эту сделку могут отменить?", "он же честно купил": a deal
    # "внуку машину покупала, на него оформлена": bought for a relative, in their name
    r"|\bпокупал\w* (?:\w+ ){0,2}(?:сыну|дочери|дочке|внуку|внучке|брату|сестре|маме|отцу|папе"
    r"|зятю|племяннику|племяннице)\b"
    r"|\b(?:сыну|дочери|дочке|внуку|внучке|брату|сестре|маме|отцу|папе|зятю|племяннику"
    r"|племяннице) (?:\w+ ){0,2}покупал\w*"
)
# "это плохо?", "это страшно для банкротства?": a judgement of what was just told
_JUDGES_IT = re.compile(
    r"^(?:а |и |ну |так |но )?(?:это|такое|так|оно|она|он) (?:\w+ ){0,2}(?:плохо|страшно|опасно"
    r"|проблем\w*|критично|нормально|помешает|повлияет|скажется|навредит|минус\w*|законно"
    r"|помеха|препятстви\w*)\b"
)
_DEAL_ANSWERED = ("last:deal_with_relative", "last:deal_reversed", "last:hide_property")


_TAKEN_THINGS = (Topic.CAR, Topic.FLAT, Topic.PROPERTY, Topic.RELATIVE_PROPERTY)
_A_GIFT_OR_SALE = re.compile(
    r"\b(?:продал|продала|подарил|подарила|переписал|переписала|переоформил|переоформила"
    r"|отдал|отдала|передал|передала)\w*"
)
_PLEDGE_SAID = re.compile(
    r"(?<!не )(?<!без )\b(?:в залоге|в залог|под залог\w*|залогов\w*|автокредит\w*)"
)
_A_HOME_SAID = re.compile(r"\b(?:квартир\w*|ипотек\w*|жиль\w*|дом|комнат\w*)\b")
# a repeat procedure pressed: "через суд тоже нельзя?", "когда тогда можно будет?"
_STILL_BARRED = re.compile(
    r"\b(?:тоже|также|вс[её] равно|и) нельзя\b|\bкогда (?:\w+ ){0,2}(?:можно|смогу|получится)\b"
)


def _deal_told(
    before: list[Clause], known: frozenset[str], whom: Subject | None, lead: Subject | None = None
) -> bool:
    """A sale or gift to a relative told in this message (to `whom`, when named), or the
    deal just answered: what a later "это плохо?", "брата трясти будут?" is about. Written
    for a relative (`lead`), the relative in debt made it ("он мне гараж подарил")."""
    for clause in before:
        if (
            clause.subject in (Subject.SELF, lead)
            and _A_DEAL.search(clause.norm)
            and (whom is None or relative_named(clause.norm) is whom)
        ):
            return True
    return any(k in known for k in _DEAL_ANSWERED)


_GUARANTOR = re.compile(r"\b(?:поручител\w*|созаемщ\w*|поручил(?:ся|ась|ись)|поручительств\w*)")
_POINTS_BACK = re.compile(r"\b(?:него|нее|неё|ему|ей|он|она)\b")
_IT_TOUCHES = re.compile(r"\b(?:это|то) (?:\w+ )?(?:коснется|затронет|касается)\b")
_THE_WRITER = re.compile(r"\b(?:мне|меня|на меня|ко мне|нам|нас)\b")
_OR_NOT = re.compile(r"\b(?:можно|нельзя|получится|подхожу|да)(?: \w+)? или нет\b")
_MUST_I_PAY = re.compile(
    r"\b(?:мне|я|нам|мы) (?:\w+ ){0,2}(?:отвечать|платить|гасить|выплачивать)\b"
)
# A question's topic echoed before its answer ("приставы? вроде есть одно производство",
# "доход? тысяч 40"): one topic word with "?" opening a message that goes on with no "?"
_ECHO = re.compile(
    r"^\s*(?P<topic>(?:пристав|ипотек|имуществ|машин|доход|зарплат|просрочк|долг|сумм|кредитор"
    r"|банк|сделк|производств)\w*)\s*\?+(?=\s+[^?]*\w[^?]*$)",
    re.IGNORECASE,
)
_TEMPLATE = re.compile(r"\$?\{\{?[^{}]{0,200}\}?\}|%\(?\w*\)?[sd]\b")
_THEIR_PROPERTY = re.compile(
    r"\b(?<!нет )(?<!без )(?:машин\w*|авто\w*|дач\w*|гараж\w*|квартир\w*|дом|участ\w*|земл\w*)\b"
    r"(?!.{0,15}\b(?:нет|продал\w*|продан\w*)\b)"
)
# When or how a relative's thing came to them, which decides whether it is joint property
# (DOMAIN.md: bought in marriage — joint; before it, inherited or a gift — their own)
_ACQUIRED = re.compile(
    r"\b(?:до (?:свадьбы|брака|женитьбы|замужества)|в браке|после (?:свадьбы|брака)"
    r"|(?:по|в) наследств\w*|унаследова\w*|подарил\w*|подарен\w*|в подарок|досталас\w*"
    r"|достался|(?:19|20)\d\d)\b"
)


def _how_acquired(parts: list[Clause], at: int) -> str:
    """The piece right after a relative's thing that says when or how they got it ("у мужа
    своя машина, купил её до свадьбы"), for the quote on the lead card; "" if none."""
    part = parts[at]
    if _ACQUIRED.search(_A_YEAR_ONLY.sub("", part.norm)):
        return ""  # (a model's year, "киа рио 2017", says nothing of the marriage)
    # (one piece may stand between: "машина на ней, киа рио 2017, куплена до свадьбы")
    told: list[str] = []
    for after in parts[at + 1 : at + 3]:
        theirs_still = after.subject is part.subject or not _SOMEONE_NAMED.search(after.norm)
        # (a piece of a question that asks nothing itself, "куплена в браке, её могут
        # продать?", still says how the thing was got)
        if after.sentence != part.sentence or not theirs_still or after.own_question:
            break
        if not _ACQUIRED.search(after.norm):
            break
        told.append(after.text)
        if _ACQUIRED.search(_A_YEAR_ONLY.sub("", after.norm)):
            break  # when against the marriage, or how: said
    return ", ".join(told)


_A_YEAR_ONLY = re.compile(r"\b(?:19|20)\d\d\b")
# a piece that names someone ("я купил", "у мамы"): no longer about the relative's thing
_SOMEONE_NAMED = re.compile(
    r"\b(?:я|мне|меня|мой|моя|мою|мое|моё|мы|нас|наш\w*|он|она|они|его|ее|её|их|муж\w*|жен[аеуы]"
    r"|мам\w*|пап\w*|сын\w*|доч\w*|брат\w*|сестр\w*)\b"
)


_REGISTERED_TO_THEM = re.compile(
    r"\bна (?:не[её]|него|ней|н[её]м|них) (?:\w+ )?(?:оформлен\w*|записан\w*|зарегистрирован\w*)"
    r"|\b(?:оформлен\w*|записан\w*|зарегистрирован\w*) (?:\w+ )?на (?:не[её]|него|них)\b"
)
_PLEDGED_CAR = re.compile(
    r"(?<!без )(?<!не )автокредит\w*"
    r"|(?:машин\w*|авто\w*|тачк\w*)\b.{0,40}\b(?<!не )(?<!без )(?:в кредит\w*|в залог\w*|залог\w*)"
    r"|(?<!не )(?:в кредит\w*|в залог\w*) (?:\w+ )?(?:машин\w*|авто\w*)"
)


_NOT_PLEDGED = re.compile(
    r"\b(?:не (?:в )?(?:залог|кредит)\w*|без (?:залог|кредит)\w*|не автокредит|"
    + NO_PLEDGE_SAID
    + ")"
)


def _pledged(text: str) -> bool:
    """ "машина в кредит": under a pledge; "машина не в залоге", "без кредита": not."""
    return _PLEDGED_CAR.search(text) is not None and _NOT_PLEDGED.search(text) is None


def _blank(raw: str, left_out: list[Clause]) -> str:
    chars = list(raw)
    for part in left_out:
        chars[part.start : part.end] = " " * (part.end - part.start)
        if part.end < len(chars) and chars[part.end] == ",":
            chars[part.end] = "."
    return "".join(chars)


_FACT_SLOTS = (*DEBT_FACT_SLOTS, "phone", "call_time")
# A relative who lent the person money ("брат давал 200 тысяч", "мама одолжила мне 50"): a lender
_LENT_TO_ME = re.compile(
    r"\b(?:давал\w*|дал|дала|дали|одалживал\w*|одолжил\w*|занимал\w* мне|занял\w* мне"
    r"|перевел\w* мне|перевёл мне|помогал\w* деньгами|выручил\w*)\b"
)
_HEDGED = ("debt_total", "income_monthly", "creditors_count", "months_overdue")


def _acts(
    raw: str,
    parts: list[Clause],
    own: Understanding,
    expected: Ask | None,
    today: date | None,
    known: frozenset[str],
    lead: Subject | None = None,
) -> tuple[tuple[Act, ...], tuple[str, ...]]:
    """The reading as acts, in the order of the text. `lead` is the relative the person
    writes for: the own slots are theirs, labelled so."""
    placed: list[tuple[int, Act]] = []
    leaning: list[str] = []  # the words of question pieces that are not questions by themselves
    readings = (
        {
            # "машина у него есть" about the relative written for: the lead's own car
            p.start: _read_whole(
                _THEIR_HOLDING.sub(" ", without_relatives(p.text))
                if lead and p.subject is lead
                else p.text,
                expected,
                today,
            )
            for p in parts
        }
        if len(parts) > 1
        else {}
    )
    approximate: list[str] = []
    for name in _FACT_SLOTS:
        value = getattr(own.slots, name)
        if value is None:
            continue
        owner = (
            next((p for p in parts if getattr(readings[p.start].slots, name) == value), None)
            or next((p for p in parts if getattr(readings[p.start].slots, name) is not None), None)
            if readings
            else (parts[0] if parts else None)
        )
        where = owner.text if owner else raw
        # the count is hedged where its figure stands, not by "около" on the debt beside it
        at_count = count_hedged(where) if name == "creditors_count" else None
        approx = name in _HEDGED and (
            at_count
            if at_count is not None
            else (
                hedged(owner.norm if owner else raw.lower())
                or any(
                    hedged(p.norm) and getattr(readings[p.start].slots, name) == value
                    for p in parts
                    if readings
                )  # "кредитка 190 и кредит 420, итого 610 где то": the total is hedged
                # "лям двести, может чуть больше": a hedge in the piece right after the figure's
                or (owner is not None and _hedged_after(owner, parts, readings))
            )
        )
        if approx:
            approximate.append(name)
        kind = (
            ActKind.CORRECTION
            if own.correction and name != "phone" and _corrected_here(owner, parts, name, value)
            else ActKind.FACT
        )
        whose = lead if lead is not None and name not in ("phone", "call_time") else Subject.SELF
        placed.append(
            (
                owner.start if owner else 0,
                Act(kind, where, slot=name, value=value, approx=approx, subject=whose),
            )
        )
    asked_of: dict[int, Subject] = {}  # "его", "её" read as the relative the message names
    for part in parts:
        stated = part.text
        if part.own_question and part.subject is not Subject.SELF:
            # "а у сестры долг 900 тыщ ей можно к вам?": what stands before the question words
            # is stated (hers, for the lead card)
            cut = _QUESTION_WORD.search(part.text.lower())
            stated = part.text[: cut.start()] if cut else ""
            stated = stated if re.search(r"\d", stated) else ""  # a figure, not "мамину квартиру"
        theirs_to_read = part.subject is not Subject.SELF and part.subject is not lead
        if theirs_to_read and not part.hypothetical and stated.strip():
            # (a comma piece of a question states its facts: "жена получает около 60, её
            # зарплату тоже заберут?")
            # (in answer to the income question "жена работает, у неё 50 тыс" is her income;
            # "зарплата хорошая, 120 тыс": a bare figure is read with the clause it follows)
            said = stated
            at = parts.index(part)
            if at > 0 and parts[at - 1].subject is part.subject and BARE_FIGURE.match(part.norm):
                said = f"{parts[at - 1].text}, {part.text}"
            theirs = _read_whole(said, expected if expected is Ask.INCOME else None, today)
            if _THEIR_PROPERTY.search(part.norm) and (
                theirs.slots.extra_property is None or re.search(r"\bне мо[яйеи]\b", part.norm)
            ):
                # ("машина не моя, а мужа": not the person's, the husband's)
                # "у мужа своя машина", "машина у жены своя": theirs, for the lead card
                theirs = replace(theirs, slots=replace(theirs.slots, extra_property=True))
            if (
                theirs.slots.extra_property is None
                and _REGISTERED_TO_THEM.search(part.norm)
                and at > 0
                and parts[at - 1].subject is part.subject
                and _THEIR_PROPERTY.search(parts[at - 1].norm)
            ):  # "а её машина? она на неё оформлена": the thing named just before is theirs
                theirs = replace(theirs, slots=replace(theirs.slots, extra_property=True))
            for name in DEBT_FACT_SLOTS:
                value = getattr(theirs.slots, name)
                if name == "debt_total" and (
                    _LENT_TO_ME.search(part.norm)
                    or _NOT_COUNTED.search(
                        " ".join(p.norm for p in parts if p.sentence == part.sentence)
                    )
                ):
                    # "брат давал 20 тысяч, но это я ему сама отдам, это не считайте": the
                    # relative lent it; no debt of theirs, and one the person leaves out
                    continue
                if name in ("debt_total", "creditors_count") and _GUARANTOR.search(part.norm):
                    # "брат поручитель по кредиту на 250 тысяч": the loan guaranteed is one of
                    # the person's, inside their debt; no debt of the relative's
                    continue
                if value is not None:
                    told = part.text
                    if name == "extra_property" and (how := _how_acquired(parts, at)):
                        told = f"{told}, {how}"  # "у мужа своя машина, купил её до свадьбы"
                    act = Act(ActKind.FACT, told, slot=name, value=value, subject=part.subject)
                    placed.append((part.start, act))
        if part.question:
            topics = ask_topics(part.norm, part.asked_about, kin=part.own_question)
            complaint = complains_unanswered(part.norm)
            if complaint and topics == [Topic.OTHER]:
                # "вы не ответили про зарплату мужа": the question the complaint names
                topics = pressed_about(part.norm, part.asked_about) or topics
            at = parts.index(part)
            condition = parts[at + 1] if at + 1 < len(parts) else None
            conditional: list[Topic] = []
            whose_debts: list[Topic] = []
            with_condition = False  # the topic read with the condition after the question
            if (
                topics == [Topic.OTHER]
                and condition is not None
                and condition.sentence == part.sentence
                and condition.question
                and not condition.own_question
                and _CONDITION_OPENS.match(condition.norm)
            ):
                # "откажут ли | если я займы брала…": the condition names what is asked
                joined = ask_topics(f"{part.norm} {condition.norm}", part.asked_about)
                # (a condition that only names the bankruptcy, "если я подам на банкротство",
                # leaves "это прекратится" pointing back to what was said before)
                if not set(joined) <= {Topic.OTHER, *_GENERAL_TOPICS}:
                    topics, with_condition = joined, True
                elif joined != [Topic.OTHER]:
                    conditional = joined  # taken only if nothing said before names the topic
            before = parts[parts.index(part) - 1] if parts.index(part) > 0 else None
            if (
                (
                    topics == [Topic.OTHER]
                    or (
                        only_names_bankruptcy(part.norm, topics)
                        and re.search(r"\b(?:они|оно|их)\b", part.norm) is not None
                    )
                )
                and part.own_question
                and before is not None
                and not before.own_question
                # ("жена получает пособие. а её это коснётся?": her liability, not the benefit)
                and not (part.asked_about is not Subject.SELF and _IT_TOUCHES.search(part.norm))
                and (
                    len(part.norm.split()) <= 4
                    or _POINTING.match(part.norm)
                    or re.search(r"\b(?:они|оно)\b", part.norm)  # "…они остановятся?"
                )
            ):
                # "коллекторы звонят маме. они имеют право??": the topic stands just before
                # (a question with words of its own, "смогу я потом снова ип открыть?", not)
                # the nearest piece that names a topic first: "зарплата 52. у мужа машина, он её
                # купил в браке. а её могут забрать?" is the car, not the salary
                before_parts = [p for p in parts[: parts.index(part)] if not p.own_question]
                # "у мужа долги, а квартира общая, заберут?": whose debts they are, said
                # further back than the thing, is asked about too
                everything = " ".join(p.norm for p in before_parts)
                whose_debts = [
                    t
                    for t in ask_topics(f"{everything} {part.norm}", part.asked_about, kin=False)
                    if t in _WHOSE_DEBTS
                ]
                if _TAKING.search(part.norm) and taken_objects(
                    " ".join(p.norm for p in before_parts), part.norm, known
                ):
                    before_parts = []  # "…машина… а её могут забрать?": the thing, read below
                general: list[Topic] = []
                for start in range(len(before_parts) - 1, -1, -1):
                    said_before = " ".join(p.norm for p in before_parts[start:])
                    joined = ask_topics(f"{said_before} {part.norm}", part.asked_about, kin=False)
                    if joined == [Topic.OTHER] or joined == topics:
                        continue
                    if set(joined) <= _GENERAL_TOPICS:
                        # "брат поручитель…, ему звонят. ему что будет?": a general topic
                        # near, a precise one further back wins
                        general = general or joined
                        continue
                    topics = joined
                    break
                else:
                    topics = general or topics
            if topics == [Topic.OTHER] and part.asked_about is not Subject.SELF:
                # "брату что будет, если я обанкрочусь? он же поручитель": the topic is
                # stated just after the question
                at = parts.index(part)
                after = " ".join(
                    p.norm for p in parts[at + 1 :] if not p.question and p.sentence > part.sentence
                )
                sentence = " ".join(p.norm for p in parts if p.sentence == part.sentence)
                if after:
                    joined = ask_topics(f"{sentence} {after}", part.asked_about, kin=False)
                    topics = joined if joined != [Topic.OTHER] else topics
            asked_before = [p for p in parts[: parts.index(part)] if p.own_question]
            if (
                topics == [Topic.OTHER]
                and any(_TAKING.search(p.norm) for p in asked_before)
                and (
                    found := taken_objects(
                        " ".join(p.norm for p in parts if p.sentence == part.sentence),
                        part.norm,
                        known,
                    )
                )
            ):
                topics = found  # "всю пенсию могут забрать? и квартиру мою, она одна?"
            if topics == [Topic.OTHER] and _TAKING.search(part.norm):
                # "Квартира единственная, без ипотеки. Её заберут?"
                earlier = " ".join(p.norm for p in parts[: parts.index(part) + 1])
                last = last_taken(known)
                found = taken_objects(earlier, part.norm, known) or ([last] if last else [])
                topics = found or topics
            if topics == [Topic.OTHER] and _OR_NOT.search(part.norm):
                # "так мне сейчас можно или нет? с 2019 уже больше 5 лет прошло": the reason
                # said after the pressed question names its topic
                reason = " ".join(p.norm for p in parts[parts.index(part) + 1 :] if not p.question)
                joined = ask_topics(reason, part.asked_about, kin=False) if reason else topics
                topics = joined if joined != [Topic.OTHER] else topics
            if whose_debts and topics != [Topic.OTHER]:
                topics = [t for t in whose_debts if t not in topics] + topics
            if topics == [Topic.OTHER] and conditional:
                topics = conditional  # "и это прекратится, если я подам на банкротство?"
                with_condition = True
            writer_for = writes_for(parts) or _known_writing_for(known)
            if writer_for not in (None, Subject.SELF) and (
                (
                    topics == [Topic.OTHER]
                    and part.asked_about is Subject.SELF
                    and _LIABLE.search(part.norm)
                )
                # ("а нам её долги отдавать не придётся?": her debts, the writer's paying)
                or (
                    topics in ([Topic.OTHER], [Topic.NON_PAYMENT])
                    and part.asked_about in (Subject.SELF, writer_for)
                    and asks_if_i_pay(part.norm)
                )
            ):
                # "пишу за мужа… а меня это коснётся?": the writer's own liability for the
                # debtor's debts
                topics = [Topic.SPOUSE_DEBTS if writer_for is Subject.SPOUSE else Topic.CHILDREN]
            if (
                topics == [Topic.COLLECTORS]
                and writer_for not in (None, Subject.SELF)
                and _THE_WRITER.search(part.norm)
            ):
                # "пишу за сестру… а на меня коллекторы выйти могут?": the debtor's relative
                topics = [Topic.RELATIVES_COLLECTORS]
            if (topics == [Topic.OTHER] and _MUST_I_PAY.search(part.norm)) or (
                topics == [Topic.NON_PAYMENT] and asks_if_i_pay(part.norm)
            ):
                # "жена набрала кредитов на 1.3 млн… мне теперь отвечать?": their debts
                debtors = [a.subject for _, a in placed if a.slot == "debt_total" and a.subject]
                if Subject.SPOUSE in debtors:
                    topics = [Topic.SPOUSE]
                elif any(s is not Subject.SELF for s in debtors):
                    topics = [Topic.CHILDREN]
            if (
                topics == [Topic.OTHER]
                and part.asked_about is not Subject.SELF
                and _LIABLE.search(part.norm)
            ):
                # "жена поручитель…" then "её тоже трясти будут?": the relative's liability
                if f"guarantor:{part.asked_about.value}" in known:
                    topics = [Topic.GUARANTOR]
                else:
                    topics = [
                        Topic.SPOUSE if part.asked_about is Subject.SPOUSE else Topic.CHILDREN
                    ]
            if (
                topics in ([Topic.OTHER], [Topic.CHILDREN])
                and part.asked_about is not Subject.SELF
                and _LIABLE.search(part.norm)
                and not re.search(r"\b(?:долг|кредит|плат|отвеча|поручит|созаем)", part.norm)
                and _deal_told(parts[: parts.index(part)], known, part.asked_about)
            ):
                # "продал брату машину… Брата теперь трясти будут?": the deal, not a debt
                topics = [Topic.DEAL_WITH_RELATIVE]
            if (
                topics == [Topic.CHILDREN]
                and part.asked_about in _NOT_THE_PERSONS
                and any(
                    p.subject is part.asked_about and _HOME_OR_CAR.search(p.norm)
                    for p in parts[: parts.index(part)]
                )
            ):
                # "живу у родителей в их квартире. родакам ничего не будет?": their home is not
                # in the case, and they do not answer for the person's debts
                topics = [Topic.RELATIVE_PROPERTY, Topic.CHILDREN]
            if (
                (topics == [Topic.OTHER] or only_names_bankruptcy(part.norm, topics))
                and _JUDGES_IT.match(part.norm)
                and _deal_told(parts[: parts.index(part)], known, None, lead)
            ):
                topics = [Topic.DEAL_WITH_RELATIVE]  # "…продал сыну. Это плохо для банкротства?"
            told_before = parts[: parts.index(part)]
            if any(t in _TAKEN_THINGS for t in topics) and any(
                p.subject in (Subject.SELF, lead)
                and asks_of_thing_given(p.norm, part.norm, lead is not None)
                for p in told_before
            ):
                # "год назад он мне гараж подарил. гараж отберут?": the gift may be undone
                topics = [Topic.DEAL_WITH_RELATIVE if t in _TAKEN_THINGS else t for t in topics]
                topics = list(dict.fromkeys(topics))
            if (
                any(t in _TAKEN_THINGS for t in topics)
                and part.asked_about not in (Subject.SELF, Subject.SPOUSE)
                and any(
                    p.subject is Subject.SELF
                    and _A_GIFT_OR_SALE.search(p.norm)
                    and relative_named(p.norm) is part.asked_about
                    for p in told_before
                )
            ):
                # "подарил машину сыну. её у него заберут?": the deal with the relative, not
                # the person's own car
                topics = [Topic.DEAL_WITH_RELATIVE if t in _TAKEN_THINGS else t for t in topics]
                topics = list(dict.fromkeys(topics))
            if Topic.CAR in topics and any(
                _PLEDGE_SAID.search(p.norm) and not _A_HOME_SAID.search(p.norm)
                for p in [*told_before, part]
            ):
                # "есть ларгус, он в залоге у банка. машину заберут?": the pledged car
                topics = [Topic.PLEDGED_CAR if t is Topic.CAR else t for t in topics]
            if (
                topics in ([Topic.OTHER], [Topic.MFC], [Topic.ELIGIBILITY])
                and "answered:repeat" in known
                and _STILL_BARRED.search(part.norm)
            ):
                # "а через суд тоже нельзя? когда тогда можно будет?" after the 5-year answer
                topics = [Topic.REPEAT]
            asked_so_far = [a.topic for _, a in placed if a.kind is ActKind.ASK and a.topic]
            if topics == [Topic.OTHER] and asks_why(part.norm) and asked_so_far:
                topics = [asked_so_far[-1]]  # "то есть мфц мне нельзя? почему?": that question
            if topics == [Topic.OTHER] and asks_who_checks_deals(part.norm, known, asked_so_far):
                topics = [Topic.DEAL_CHECK]  # "…на сестру подарить? и кто узнает вообще?"
            if topics == [Topic.OTHER] and asks_if_deal_counts(
                part.norm, " ".join(p.norm for p in parts[: parts.index(part)])
            ):
                topics = [Topic.DEAL_CHECK]  # "продал лодку знакомому за 150, это считается?"
            if topics == [Topic.OTHER] and asks_to_stop_callers(part.norm, known, asked_so_far):
                topics = [Topic.COLLECTORS]  # "…матери звонят. как их остановить вообще?"
            if topics == [Topic.OTHER] and (pressed := followed_up(part.norm, known)):
                topics = [pressed]
            if topics == [Topic.OTHER] and complaint:
                continue  # "вы не ответили.": the question pressed is beside it, or the last one
            if topics == [Topic.OTHER] and expected is Ask.CONSENT:
                topics = [Topic.CONSENT_INFO]  # "а зачем вам это?" right after the consent question
            if Topic.NUMBER_LEAKED in topics and (
                _fears_for_data(raw, expected)
                # ("…боюсь утечки, у меня уже номер слили коллекторам": the leak feared is
                # of what Daria would keep, the collectors' only the reason)
                or (fears_a_leak(part.norm) and _CONSENT_TALK.search(raw.lower()) is not None)
            ):
                # "согласие не дам, боюсь утечки": the data Daria would keep, not the collectors
                topics = [Topic.CONSENT_INFO if t is Topic.NUMBER_LEAKED else t for t in topics]
            topics = [sharpened(t, known) for t in topics]
            if f"guarantor:{part.asked_about.value}" in known and Topic.CHILDREN in topics:
                # "брат поручитель" said before, now "что будет с братом?": the guarantee
                topics = [Topic.GUARANTOR if t is Topic.CHILDREN else t for t in topics]
            if (
                Topic.CHILDREN in topics
                and _POINTS_BACK.search(part.norm)
                and any(p.subject is Subject.SPOUSE for p in parts[: parts.index(part)])
            ):  # "у мужа машина… Мои долги на него повесят?"
                topics = [Topic.SPOUSE if t is Topic.CHILDREN else t for t in topics]
            if (
                {Topic.CHILDREN, Topic.RELATIVE_PROPERTY} & set(topics)
                and _GIVE_BACK.search(part.norm)
                and ("recent_deals" in known or any(k in known for k in _DEAL_ANSWERED))
            ):
                # a deal with a relative told before, now "брату отдавать придётся?": whether
                # the deal is undone, never the relatives' liability for the person's debts
                topics = [
                    Topic.DEAL_WITH_RELATIVE
                    if t in (Topic.CHILDREN, Topic.RELATIVE_PROPERTY)
                    else t
                    for t in topics
                ]
            if (
                Topic.DEAL_WITH_RELATIVE in topics
                and not _A_DEAL.search(raw.lower())
                and "recent_deals" not in known
                and not any(k in known for k in _DEAL_ANSWERED)
            ):
                # "квартиру у мамы не заберут?" with no sale or gift named: her own flat
                topics = [
                    Topic.RELATIVE_PROPERTY if t is Topic.DEAL_WITH_RELATIVE else t for t in topics
                ]
            if (
                Topic.DEAL_WITH_RELATIVE in topics
                and part.asked_about is not Subject.SELF
                and any(
                    a.topic is Topic.DEAL_WITH_RELATIVE and a.subject is Subject.SELF
                    for _, a in placed
                )
            ):
                # "эту сделку могут отменить? у брата машину заберут?": the deal, then the
                # relative's side of it (the thing returned, the price he may claim back)
                topics = [
                    Topic.DEAL_REVERSED if t is Topic.DEAL_WITH_RELATIVE else t for t in topics
                ]
            debtor = writes_for(parts) or _known_writing_for(known)
            if debtor is not None and part.asked_about is debtor:
                # "пишу за маму… её квартиру заберут?": the mother is the debtor, her flat is
                # the debtor's own home
                # (writing for the husband, "машину заберут?" is his own car: the thing named,
                # pledged or not, never the spouse's-liability answer nor the home)
                debtors_thing = (
                    taken_objects(part.norm, part.norm, known)
                    if debtor is Subject.SPOUSE and Topic.SPOUSE in topics
                    else []
                )
                topics = list(
                    dict.fromkeys(
                        u
                        for t in topics
                        for u in (
                            debtors_thing
                            if t is Topic.SPOUSE and debtor is Subject.SPOUSE
                            else [Topic.FLAT if t is Topic.RELATIVE_PROPERTY else t]
                        )
                    )
                ) or [Topic.FLAT]
            elif (home_owner := _owner_of_home(parts[: parts.index(part) + 1])) in _NOT_THE_PERSONS:
                # "квартира мамина, её заберут?": not their property, not in their case
                topics = [Topic.RELATIVE_PROPERTY if t in _TAKEABLE else t for t in topics]
            elif home_owner is Subject.SPOUSE and part.asked_about is Subject.SPOUSE:
                # "машина есть у мужа, на него оформлена, её не заберут?": the spouse's thing
                topics = list(dict.fromkeys(Topic.SPOUSE if t in _TAKEABLE else t for t in topics))
            if (
                part.asked_about in (*_NOT_THE_PERSONS, Subject.SIBLING)
                and part.asked_about is not debtor
                and (_THEIR_INCOME.search(part.norm) or possessive_owner(part.norm))
                and _INCOME_WORD.search(part.norm)
                and not _FOR_DEPENDANTS.search(part.norm)
            ):
                # "сын получает 90 тысяч… его зарплату не тронут?": his income, not hers
                topics = list(
                    dict.fromkeys(
                        Topic.RELATIVE_SALARY if t in _THEIR_INCOME_READ_AS else t for t in topics
                    )
                )
            if (
                part.asked_about is Subject.SELF
                and debtor in (None, Subject.SELF)
                and set(topics) <= {Topic.OTHER, Topic.SALARY, *_TAKEABLE}
                and (_THEIR_MONEY.search(part.norm) or _THEIR_THING.search(part.norm))
                and len(named := _relatives_named(parts)) == 1
            ):
                # "а его выплаты не заберут за мои долги?", "и машину её заберут?": "his", "her"
                # is the relative the message names (the husband: his pay, her joint car)
                money = _THEIR_MONEY.search(part.norm) is not None
                kin = named.pop()
                asked_of[part.start] = kin
                if kin is Subject.SPOUSE:
                    topics = [Topic.SPOUSE_SALARY if money else Topic.SPOUSE]
                elif money and kin in (*_NOT_THE_PERSONS, Subject.SIBLING):
                    topics = [Topic.RELATIVE_SALARY]
            if Topic.SALARY in topics and (
                _RELATIVE_GOES_BANKRUPT.search(part_context(parts, part))
                # "пишу за мужа… и мою зарплату будут трогать?": the debtor's spouse's salary
                # (beside "его зарплату заберут?" it stays the writer's own: two answers)
                or (
                    debtor is Subject.SPOUSE
                    and part.asked_about is Subject.SELF
                    and _OWN_SALARY_NAMED.search(part.norm)
                    and not any(
                        p.question
                        and p.asked_about is Subject.SPOUSE
                        and _INCOME_WORD.search(p.norm)
                        for p in parts
                    )
                )
            ):
                topics = [Topic.SPOUSE_SALARY if t is Topic.SALARY else t for t in topics]
            sentence_said = " ".join(p.norm for p in parts if p.sentence == part.sentence)
            if (
                _ALIMONY_RECEIVED.search(sentence_said)
                and set(topics) & _NOT_ALIMONY_RECEIVED
                and (re.search(r"алимент|плат", part.norm) or len(part.norm.split()) <= 3)
                and not re.search(r"\b(?:долг|кредит|отвеча|перейд|повес)", part.norm)
            ):
                # "и алименты которые бывший платит на детей тоже?": received, kept in full
                topics = list(
                    dict.fromkeys(
                        Topic.BENEFITS if t in _NOT_ALIMONY_RECEIVED else t for t in topics
                    )
                )
            if Topic.CHILDREN in topics and _RELATIVE_HELPS.search(part.norm):
                # "а если сын мне денег даст погасить часть?": help offered, not liability
                topics = [Topic.OTHER if t is Topic.CHILDREN else t for t in topics]
            if _BY_PROXY.search(part.norm):
                # "или я могу за неё по доверенности?": acting for someone, the lawyer's to say
                placed.append((part.start, Act(ActKind.ASK, part.text, topic=Topic.OTHER)))
            if (
                (topics == [Topic.OTHER] or only_names_bankruptcy(part.norm, topics))
                and (not part.own_question or _sentence_has_topic(part, parts))
                and not with_condition
            ):
                continue  # a comma piece of a question whose topic another piece names
            if topics == [Topic.OTHER] and _read_whole(part.text, expected, today).slots.known():
                continue  # "можно в пятницу после 17": an answer that opens like a question
            for topic in topics:
                ask = Act(
                    ActKind.ASK,
                    part.text,
                    topic=topic,
                    subject=asked_of.get(part.start, part.asked_about),
                    stated=part.stated,
                )
                placed.append((part.start, ask))
                if not part.own_question:
                    leaning.append(part.text)
    asked_topics = {a.topic for _, a in placed if a.kind is ActKind.ASK}
    if Topic.OTHER in asked_topics and len(asked_topics) > 1:
        # "…без вашего согласия нельзя. Могут так делать?": a short question pointing back
        # at one already answered is that question, not one for the lawyer
        placed = _without_other_asks(
            placed,
            lambda text: (
                (len(text.split()) <= 4 and not _OWN_MATTER.search(text.lower()))
                or bool(_RESTATES.match(text.lower()) or _ASKS_TO_KNOW.search(text.lower()))
            ),
        )  # "а без телефона как-то можно узнать? сколько всё это стоит?": the second says what
    if leaning:
        # "папа умер, … мы с братом должны их платить?": a comma piece leaning on its
        # question adds no general topic the question itself names more precisely
        asked = {a.topic for _, a in placed if a.kind is ActKind.ASK and a.topic}
        placed = [
            (at, a)
            for at, a in placed
            if not (
                a.kind is ActKind.ASK and a.text in leaning and a.topic and covered(a.topic, asked)
            )
        ]
    unmarked = "?" not in raw  # a message's own topic read from words that ask nothing
    if own.topic and not any(a.kind is ActKind.ASK for _, a in placed):
        placed.append((0, Act(ActKind.ASK, raw, topic=own.topic, stated=unmarked)))
    elif own.topic and own.topic is not Topic.OTHER:
        # "а пенсию перестанут удерживать? и квартиру не заберут она у меня одна": the
        # message's own topic, asked in a piece that reads like a statement, is asked too
        asked_here = {a.topic for _, a in placed if a.kind is ActKind.ASK and a.topic}
        related = (
            covered(own.topic, asked_here)
            or any(covered(t, {own.topic}) for t in asked_here)
            # "а у жены машина своя, её тронут?": the car asked of is the wife's (`spouse`),
            # not the person's own
            or any(
                a.kind is ActKind.ASK
                and a.subject is not Subject.SELF
                and a.topic is not own.topic
                and a.topic is about_them(own.topic, a.subject)
                for _, a in placed
            )
        )  # "можно ей через мфц?" is `eligibility`, which the МФЦ answer covers
        if own.topic not in asked_here and not related:
            placed.append((len(raw), Act(ActKind.ASK, raw, topic=own.topic, stated=unmarked)))
    if own.wants_call:
        # "а можно чтоб юрист мне позвонил?": the request, not a question for the lawyer
        placed = _without_other_asks(placed, lambda text: bool(_WANTS_CALL.search(text.lower())))
    if own.asks_if_bot and not any(a.topic is Topic.IS_BOT for _, a in placed):
        placed.append((0, Act(ActKind.ASK, raw, topic=Topic.IS_BOT)))
    if own.objection:
        placed.append((0, Act(ActKind.OBJECTION, raw, value=own.objection.value)))
    for request, present in (
        ("call", own.wants_call),
        ("stop", own.opt_out),
        ("withdraw_consent", own.withdraw_consent),
    ):
        if present:
            placed.append((0, Act(ActKind.REQUEST, raw, value=request)))
    # "давайте созвонимся с юристом" after "приставы есть?" asks for the call, answers nothing
    asks_call_instead = own.wants_call and expected not in (Ask.CALL_INVITE, Ask.CONSENT)
    if expected is not None and not own.correction and not asks_call_instead:
        answer = "dont_know" if _DONT_KNOW.search(raw.lower()) else _YES_NO.get(own.yes)
        if answer == "dont_know" and getattr(own.slots, str(expected), None) is not None:
            answer = None  # "около 900 вроде, точно не знаю": a hedge on the figure given
        if expected is Ask.CONSENT and answer != "dont_know":
            # only a yes or no to the consent text answers it ("давайте юрист позвонит" not)
            answer = None if own.consent is None else ("yes" if own.consent else "no")
        if answer:
            placed.append((0, Act(ActKind.ANSWER, raw, slot=expected.value, value=answer)))
    # a former ИП, taxes, fines, alimony, an earlier bankruptcy: notes for the lawyer, from
    # what the person (or the relative written for) says, never the writer's own words
    writer = _writers_parts(parts) if lead is not None else set()
    about_the_case = [
        p
        for p in parts
        if p.subject is (lead or Subject.SELF)
        and p.start not in writer
        and (p.asked_about is p.subject or not p.question)
    ]
    after_death = "heirs" in known or _DECEASED.search(raw.lower().replace("ё", "е")) is not None
    notes = read_notes(about_the_case, lead or Subject.SELF, after_death)
    if after_death and not any(a.value == "inheritance_accepted" for _, a in notes):
        # "муж умер… квартиру его | я на себя оформила": the heir is the writer, and the thing
        # taken is told in the clause about the one who died
        mine = {p.sentence for p in parts if p.subject is Subject.SELF and not p.question}
        own_parts = [p for p in parts if p.sentence in mine and not p.question]
        notes += [
            (at, a)
            for at, a in read_notes(own_parts, Subject.SELF, after_death)
            if a.value == "inheritance_accepted"
        ]
    if (svo := _svo_note(parts)) is not None and not any(a.value == "svo" for _, a in notes):
        notes.append(svo)
    placed.extend(notes)
    if lead is not None and (
        writer_told := [
            p
            for p in parts
            if p.start in writer
            and not p.question
            and _OWN_DEBTS.search(p.norm)
            and not _NO_OWN_DEBTS.search(p.norm)
        ]
    ):
        # "у меня самой тоже долги": the writer's own case, apart from the relative's
        sentences = {p.sentence for p in writer_told}
        said = ", ".join(p.text for p in parts if p.start in writer and p.sentence in sentences)
        placed.append((writer_told[0].start, Act(ActKind.NOTE, said, value="writer_debts")))
    if (cosigned := _cosigner_note(parts, lead)) is not None:
        placed.append(cosigned)
    if any(a.value == "past_bankruptcy" for _, a in notes):
        # "а банкротиться мне можно? я уже проходила банкротство в 2018": the 5-year pause
        placed = [
            (at, replace(a, topic=Topic.REPEAT))
            if a.kind is ActKind.ASK and a.topic in _MAY_I_AGAIN
            else (at, a)
            for at, a in placed
        ]
    for feeling, match in read_feelings(raw.lower().replace("ё", "е")):
        placed.append((match.start(), Act(ActKind.FEELING, match.group(0), value=feeling.value)))
    placed.sort(key=lambda item: item[0])
    asked_about: dict[Topic | None, Subject | None] = {}
    for _, act in placed:  # one question read from two overlapping pieces: the one about a relative
        if act.kind is ActKind.ASK and asked_about.get(act.topic) in (None, Subject.SELF):
            asked_about[act.topic] = act.subject
    acts: list[Act] = []
    facts_seen: set[tuple[object, ...]] = set()
    for _, act in placed:
        if act.kind is ActKind.FACT:
            key = (act.slot, act.value, act.subject)
            if key in facts_seen:
                continue  # "набрал кредитов на 800, …": one fact read from two pieces
            facts_seen.add(key)
        if act.kind is ActKind.ASK and act.topic is not Topic.OTHER:  # unknown ones all stay
            if act.topic not in asked_about or asked_about[act.topic] != act.subject:
                continue
            del asked_about[act.topic]
        acts.append(act)
    return tuple(acts), tuple(approximate)


_OWN_DEBTS = re.compile(
    r"\b(?:долг\w*|кредит\w*|займ\w*|микрозайм\w*|мфо|должн\w*|должен|задолж\w*|просроч\w*)"
)
# "у меня своих долгов нет", "я никому не должна": the writer has no case of their own
_NO_OWN_DEBTS = re.compile(
    r"\b(?:долг\w*|кредит\w*|займ\w*|просроч\w*) (?:\w+ )?(?:нет|нету|не было|никаких)\b"
    r"|\b(?:нет|нету|никаких|без) (?:\w+ )?(?:долг|кредит|займ|просроч)"
    r"|\bне (?:должн|должен|задолж|брал\w* кредит)"
)
_MAY_I_AGAIN = (Topic.HOW_IT_WORKS, Topic.ELIGIBILITY, Topic.OTHER)
# English words inside a Russian sentence: "у меня debt около 1.2 million рублей, credit cards
# в 4 банках" — each Latin run glossed on its own (unknown words, bank names, stay as written)
_LATIN_RUN = re.compile(r"(?<![\w@./])[a-z][a-z']*(?: [a-z][a-z']*)*(?![\w@./])", re.IGNORECASE)


def _gloss_run(match: re.Match[str]) -> str:
    return gloss(match.group(0))


_CONDITION_OPENS = re.compile(r"(?:если|когда|раз)\b")
_WHOSE_DEBTS = {Topic.SPOUSE, Topic.SPOUSE_DEBTS, Topic.CHILDREN, Topic.GUARANTOR}
_GENERAL_TOPICS = {Topic.HOW_IT_WORKS, Topic.COLLECTORS, Topic.CONSENT_INFO, Topic.ELIGIBILITY}
_POINTING = re.compile(
    r"(?:а |и |ну )?(?:они|он|она|оно|это|так|их|его|ее|её|им|ей|ему|такое|там|тут|здесь)\b"
)
# "а самозанятость сохранится?": a short question about a matter of its own, not pointing back
_OWN_MATTER = re.compile(
    r"\b(?:самозанят\w*|ип|бизнес\w*|вклад\w*|налог\w*|статус\w*|выпиш\w*|выпис\w*"
    r"|прописк\w*|регистрац\w*)\b"
)
# "можно узнать? …": a question that only asks to be told, the next one says what
_ASKS_TO_KNOW = re.compile(r"\b(?:узнать|спросить|уточнить|выяснить|сказать|подсказать)\b")
# "То есть государство не спишет? А как тогда?": a question restating the answer just given
_RESTATES = re.compile(r"(?:а |и )?(?:то есть|значит|получается|правильно понимаю|так)\b")
_LIABLE = re.compile(
    r"\b(?:трясти|требовать|взыскивать|взыскать|взыщут|платить|отвечать|дергать|дёргать|звонить"
    r"|(?:ничего|что) (?:\w+ )?(?:не )?будет"
    r"|коснется|затронет|затянет|заставят|повесят|спросят|грозит)\b"
)
_CORRECTING_CLAUSE = re.compile(r"\bне \S+,? а\b|\bнет\b|\bой\b")


def _corrected_here(
    owner: Clause | None, parts: list[Clause], name: str | None = None, value: object = None
) -> bool:
    """ "не плачу 2 месяца… И долг точнее 2,8 млн": only the debt is a correction. Words
    that stand alone ("хотя нет, посчитала, …", "ой, перепутала") correct the whole message."""
    cued = []
    for i, p in enumerate(parts):
        refused_before = i > 0 and re.search(r"\bне\s+\S+$", parts[i - 1].norm) is not None
        if _CORRECTION_WORDS.search(p.norm) or _CORRECTING_CLAUSE.search(p.norm) or refused_before:
            cued.append(p)
    holding = [p for p in cued if _read_whole(p.text).slots.known()]
    if owner is None or not holding:
        return True
    if owner in cued:
        return True
    # "ой не 8 месяцев а 6, с мая не платит": the figure put right ("не 8 … а 6") is the one
    # the later piece tells again in other words
    return name is not None and any(
        getattr(_read_whole(_with_its_but(p, parts)).slots, name) == value for p in cued
    )


def _with_its_but(part: Clause, parts: list[Clause]) -> str:
    """ "ой не 8 месяцев" with the "а 6" piece that follows it in the same sentence."""
    at = parts.index(part)
    after = parts[at + 1] if at + 1 < len(parts) else None
    if after is not None and after.sentence == part.sentence and after.norm.startswith("а "):
        return f"{part.text} {after.text}"
    return part.text


def part_context(parts: list[Clause], part: Clause) -> str:
    """The clause and the ones before it in the message."""
    return " ".join(p.norm for p in parts[: parts.index(part) + 1])


_NOT_THE_PERSONS = (Subject.PARENT, Subject.CHILD, Subject.OTHER)
_TAKEABLE = (Topic.FLAT, Topic.MORTGAGE_FLAT, Topic.CAR, Topic.PLEDGED_CAR, Topic.PROPERTY)


_HOME_OR_CAR = re.compile(r"\b(?:квартир\w*|жиль\w*|дом|машин\w*|авто\w*|дач\w*|гараж\w*)\b")


# "маме квартиру не тронут?": the relative in the dative, right before the thing, owns it
_KIN_DATIVE_THING = re.compile(
    r"^(?:а |и |ну )?(?:маме|папе|матери|отцу|сыну|дочери|дочке|бабушке|дедушке|внуку|внучке"
    r"|родителям|детям) (?:\w+ )?(?:квартир\w*|дом\w*|жиль\w*|машин\w*|дач\w*|гараж\w*)\b"
)


def _owner_of_home(before: list[Clause]) -> Subject | None:
    """Whose the home or car named last (up to the question itself) is."""
    for clause in reversed(before):
        if re.search(
            r"\b(?:квартир\w*|жиль\w*|дом|машин\w*|авто\w*|дач\w*|гараж\w*)\b", clause.norm
        ):
            if clause.question and (owner := possessive_owner(clause.norm)) is not None:
                return owner  # "а родительскую квартиру не тронут?": theirs
            if (
                clause.question
                and clause.subject is Subject.SELF
                and clause.asked_about in _NOT_THE_PERSONS
                and _KIN_DATIVE_THING.match(clause.norm)
            ):
                return clause.asked_about  # "маме квартиру не тронут?": the mother's flat
            return clause.subject
    return None


def _sentence_has_topic(part: Clause, parts: list[Clause]) -> bool:
    return any(
        p.sentence == part.sentence
        and p is not part
        and p.question
        and ask_topics(p.norm, p.asked_about) != [Topic.OTHER]
        for p in parts
    )


_DONT_KNOW = re.compile(r"\b(?:не знаю|не помню|хз|понятия не имею|не в курсе|затрудняюсь)\b")
