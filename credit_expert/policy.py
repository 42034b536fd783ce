"""The pure policy: given the state and what was understood, the next state and plan.

No I/O, no clock (the time comes in as an argument), no randomness.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from credit_expert.models import (
    DEBT_FACT_SLOTS,
    Act,
    ActKind,
    Ask,
    Command,
    Enforcement,
    Event,
    Feeling,
    ObjectionKind,
    SessionState,
    Slots,
    Stage,
    Subject,
    Topic,
    TurnPlan,
    Understanding,
    Verdict,
)
from credit_expert.script import ANSWERED, ESSENTIAL, ESSENTIAL_TRIES, SCRIPT, SKIP_WHEN
from credit_expert.understanding.asks import told_deal_with_relative
from credit_expert.understanding.call_time import (
    corrected_call_time,
    dated_call_time,
    moved_call_time,
)
from credit_expert.understanding.region import city_zone

# Routes, per the domain brief.
MFC_MIN_DEBT = 25_000
MFC_MAX_DEBT = 1_000_000
COURT_MIN_DEBT = 300_000  # the firm's commercial threshold, not the law
NO_PROCEEDINGS_YET_MONTHS = 3  # too early for bailiffs to have closed anything
# Facts on the managers' lead card: a change after booking sends the card again.
LEAD_CARD_FIELDS = ("phone", "call_time", "debt_total", "creditors_count", "region")


@dataclass(frozen=True)
class Turn:
    state: SessionState
    plan: TurnPlan


def mfc_grounds(slots: Slots) -> bool | None:
    """Whether the out-of-court (МФЦ) procedure is open to the person; None: unknown."""
    if slots.enforcement is Enforcement.CLOSED:
        return True
    if slots.writ_years is not None and slots.writ_years >= 7:
        return True
    if slots.enforcement is Enforcement.OPEN:
        if slots.benefits and slots.writ_years is not None and slots.writ_years >= 1:
            return True
        if slots.writ_years is not None or slots.benefits is False:
            return False
        return None
    if slots.enforcement is Enforcement.NONE:
        return False
    if slots.months_overdue is not None and slots.months_overdue < NO_PROCEEDINGS_YET_MONTHS:
        return False
    return None


def verdict(slots: Slots) -> Verdict | None:
    """The route from the facts as they stand: court from 300 000 ₽ unless МФЦ grounds
    are known; a later answer about the bailiffs may still turn it to МФЦ."""
    debt = slots.debt_total
    if debt is None:
        return None
    grounds = mfc_grounds(slots)
    if grounds and MFC_MIN_DEBT <= debt <= MFC_MAX_DEBT:
        return Verdict.MFC
    if debt > MFC_MAX_DEBT or (debt >= COURT_MIN_DEBT and grounds is False):
        return Verdict.COURT
    if debt >= COURT_MIN_DEBT:
        # Between 300 000 and 1 000 000 ₽ the bailiffs decide between court and МФЦ; while
        # that is open, only what is safe (DOMAIN.md): an official salary or other attachable
        # income and no pension grounds -> court. A salary named with its figure and not said
        # to be grey counts as attachable here, though the card does not call it official.
        attachable = slots.income_official or (
            slots.income_official is None and bool(slots.income_monthly)
        )
        if (attachable or slots.enforcement is Enforcement.OPEN) and not slots.benefits:
            return Verdict.COURT  # bailiffs collecting, or a salary to collect from
        return None
    if debt < MFC_MIN_DEBT or grounds is False:
        return Verdict.NOT_A_FIT
    return None


def inherited_debts(state: SessionState) -> bool:
    """A relative of theirs died, the person took the inheritance ("я вступила в
    наследство") and a debt of someone else's was told ("его кредиты где-то 800 тысяч"): it
    passes to the heir up to the value of what they inherited — the lawyer weighs it, the
    person's own figures alone do not. (Not yet taken: they may still refuse it.)"""
    return (
        state.heirs
        and any(f.get("value") == "inheritance_accepted" for f in state.flagged)
        and any(f.get("kind") == "fact" and f.get("slot") == "debt_total" for f in state.others)
    )


def case_verdict(state: SessionState) -> Verdict | None:
    """The route from the slots, except that a small debt of their own decides nothing for
    an heir of someone's debts (`inherited_debts`): not `not_a_fit`, the route stays open."""
    found = verdict(state.slots)
    if found is Verdict.NOT_A_FIT and inherited_debts(state):
        return None
    return found


def _carried_on(state: SessionState, understood: Understanding) -> str | None:
    """Whom a bare "он"/"она" of the next message means when this one names no relative.
    Writing for a relative, the writer's own words ("у меня своя машина") close a side story
    about another relative ("папа поручитель"): "он зарабатывает 140" is the one written for."""
    if state.on_behalf and any(
        a.kind in (ActKind.FACT, ActKind.ASK)
        and a.subject is Subject.SELF
        and a.slot not in ("phone", "call_time")
        for a in understood.acts
    ):
        return state.on_behalf
    return state.last_subject


def first_told(state: SessionState, understood: Understanding) -> Understanding:
    """ "банков 5, ой нет 6" before any count was given: the figure put right within the
    message is the first one told, a fact, not a correction of anything held ("поправила"
    would be false). Its act still says what the person did, put a figure right
    ("банков 3. ой не 3 а 4": a correction act of the count, the debt beside it a fact)."""
    fixed = understood.put_right
    if fixed is not None:
        understood = dataclasses.replace(
            understood,
            acts=tuple(
                dataclasses.replace(a, kind=ActKind.CORRECTION)
                if a.kind is ActKind.FACT and a.slot == fixed
                else a
                for a in understood.acts
            ),
        )
    if not understood.correction:
        return understood
    corrections = [a for a in understood.acts if a.kind is ActKind.CORRECTION]
    if not corrections or any(
        a.slot not in _DEBT_FACTS or getattr(state.slots, a.slot) is not None for a in corrections
    ):
        return understood
    acts = tuple(
        dataclasses.replace(a, kind=ActKind.FACT)
        if a.kind is ActKind.CORRECTION and a.slot != fixed
        else a
        for a in understood.acts
    )
    return dataclasses.replace(understood, acts=acts, correction=False)


def take_turn(
    state: SessionState,
    understood: Understanding,
    now: datetime,
    *,
    truncated: bool = False,
    voice_unreadable: bool = False,
) -> Turn:
    """One step of the script. `now` stamps consent; nothing else reads the clock."""
    first_contact = state.turns == 0
    events: list[Event] = []
    if first_contact:
        events.append(Event.FIRST_CONTACT)
    if truncated:
        events.append(Event.TRUNCATED)

    command = understood.command
    withdrawn = understood.withdraw_consent and state.consent is True
    if command is Command.FORGET or withdrawn:
        # Withdrawing consent deletes the person's data at once, as /forget does (152-ФЗ).
        plan = TurnPlan(
            stage=Stage.GREETING,
            previous_stage=state.stage,
            ask=Ask.NOTHING,
            events=(Event.FORGOTTEN,)
            + ((Event.NOTHING_STORED,) if state.turns == 0 and not state.slots.known() else ()),
            forget=True,
            acts=understood.acts,
        )
        return Turn(SessionState(), plan)

    if _in_crisis(understood):
        return _crisis_turn(state, understood, now)

    if understood.for_self and state.on_behalf:
        state = _switched_to_writer(state)
        events.append(Event.SWITCHED_TO_WRITER)

    if state.stage is Stage.OPTED_OUT:
        # /start, or asking for the call, brings Daria back; "алло" or "привет" does not.
        asks_for_call = understood.wants_call or understood.slots.phone is not None
        if command is Command.START or (asks_for_call and not understood.opt_out):
            # (a phone number sent after /stop is a request to be called)
            resumed = dataclasses.replace(
                state, stage=Stage.QUALIFICATION if state.slots.debt_total else Stage.GREETING
            )
            return _continue(resumed, understood, now, [Event.RESUMED], first_contact=False)
        # What the person tells after /stop is kept (never asked again if they come back);
        # it starts nothing: no script question, no reminder.
        before_stop = state
        state, told = _apply_slots(state, understood, now, [])
        state = dataclasses.replace(state, stage=Stage.OPTED_OUT)
        if told and not understood.asks and not understood.opt_out:
            # Facts told after /stop (a person come back with questions goes on telling):
            # heard and noted, with no script question — silence would read as broken; what
            # they decide of a question asked before (the МФЦ) is said
            concluded = _concerns(before_stop, state, understood, (), [])
            plan = TurnPlan(
                stage=Stage.OPTED_OUT,
                previous_stage=Stage.OPTED_OUT,
                verdict=case_verdict(state),
                ask=Ask.NOTHING,
                acts=understood.acts,
                filled=tuple(told),
                answers=concluded,
            )
            answered = (*state.answered, *(t.value for t in concluded))
            return Turn(
                dataclasses.replace(
                    state,
                    answered=answered,
                    answered_turn=_answered_turn(state, concluded),
                    turns=state.turns + 1,
                ),
                plan,
            )
        if understood.asks and not understood.opt_out:
            # A question after /stop is answered, and nothing more: no script question.
            answers, repeated = _answers(state, understood)
            plan = TurnPlan(
                stage=Stage.OPTED_OUT,
                previous_stage=Stage.OPTED_OUT,
                verdict=case_verdict(state),
                ask=Ask.NOTHING,
                acts=understood.acts,
                answers=answers,
                repeated=repeated,
            )
            answered = (*state.answered, *(t.value for t in answers))
            return Turn(
                dataclasses.replace(
                    state,
                    answered=answered,
                    answered_turn=_answered_turn(state, answers),
                    questions=_questions(state, understood, answers),
                    turns=state.turns + 1,
                ),
                plan,
            )
        plan = TurnPlan(
            stage=Stage.OPTED_OUT,
            previous_stage=Stage.OPTED_OUT,
            verdict=case_verdict(state),  # the facts kept after /stop still decide it
            ask=Ask.NOTHING,
            events=(Event.ALREADY_OPTED_OUT,),
            silent=True,
            acts=understood.acts,
        )
        return Turn(dataclasses.replace(state, turns=state.turns + 1), plan)

    if command is Command.STOP or understood.opt_out:
        plan = TurnPlan(
            stage=Stage.OPTED_OUT,
            previous_stage=state.stage,
            verdict=case_verdict(state),
            ask=Ask.NOTHING,
            events=(Event.OPTED_OUT,),
            acts=understood.acts,
        )
        stopped = dataclasses.replace(
            state,
            stage=Stage.OPTED_OUT,
            last_ask=Ask.NOTHING,
            turns=state.turns + 1,
            opted_out_ever=True,
        )
        return Turn(stopped, plan)

    if state.last_ask is Ask.FOLLOWUP:
        # The reminder offer: only a clear yes or no answers it; anything else is the
        # dialogue going on from the question the offer stood in for.
        state = dataclasses.replace(state, last_ask=state.resume_ask, resume_ask=None)
        if understood.plain_answer is not None:
            return _followup_answered(state, understood, agreed=understood.plain_answer)
    if understood.stop_reminders:
        return _reminders_stopped(state, understood)
    booked_call = state.stage is Stage.BOOKED and state.slots.call_time
    if booked_call and understood.call_cancel and not understood.slots.call_time:
        return _call_cancelled(state, understood)
    if state.stage is Stage.BOOKED and understood.slots.call_time:
        # "давайте завтра" after the call reminder: the day moves, the hour stays.
        # A time named later in the dialogue ("с 10 до 12 по иркутскому") corrects the
        # booked one and keeps what it leaves out ("завтра с 10:00 до 12:00").
        moved = understood.slots.call_time
        if state.last_ask is Ask.CALL_TIME:
            today = now.astimezone(ZoneInfo(call_zone(state))).date()
            moved = dated_call_time(moved_call_time(state.slots.call_time, moved), today)
        else:
            moved = corrected_call_time(state.slots.call_time, moved)
        understood = dataclasses.replace(
            understood, slots=dataclasses.replace(understood.slots, call_time=moved)
        )
        state = dataclasses.replace(state, call_cancelled=False)

    if voice_unreadable:
        events.append(Event.VOICE_UNSUPPORTED)
    return _continue(state, understood, now, events, first_contact=first_contact)


DEFAULT_ZONE = "Europe/Moscow"


def call_zone(state: SessionState) -> str:
    """The zone of the call time: the one named with it ("по Москве"), else the person's
    region's, else Moscow."""
    if state.call_tz and state.call_tz != "local":
        return state.call_tz
    return city_zone(state.slots.region) or DEFAULT_ZONE


def call_time_zone(state: SessionState) -> tuple[str | None, bool]:
    """The zone to name with the call time, and whether it is the person's own ("по
    местному": their region's, or said so); (None, False): none known, Moscow is meant."""
    if state.call_tz and state.call_tz != "local":
        return state.call_tz, False
    region_zone = city_zone(state.slots.region)
    if region_zone is not None:
        return region_zone, True
    return None, state.call_tz == "local"


# Where Daria may offer a reminder ("я подумаю", or a pause): before the call is booked.
FOLLOWUP_STAGES = (Stage.QUALIFICATION, Stage.OFFER, Stage.BOOKING)


def may_offer_followup(state: SessionState) -> bool:
    """Once per person, never after /stop or a crisis (nothing unsolicited there)."""
    return state.followup is None and not state.opted_out_ever and not state.crisis


def offer_after_pause(state: SessionState) -> SessionState | None:
    """The state after Daria offers a reminder to a person who stopped answering; None
    when she may not."""
    if state.stage not in FOLLOWUP_STAGES or not may_offer_followup(state):
        return None
    return dataclasses.replace(
        state, followup="offered", resume_ask=state.last_ask, last_ask=Ask.FOLLOWUP
    )


def _answered_turn(state: SessionState, answers: tuple[Topic, ...]) -> int:
    """The turn now ending, if its reply answers a question; else the one that last did."""
    return state.turns + 1 if answers else state.answered_turn


def _followup_answered(state: SessionState, understood: Understanding, *, agreed: bool) -> Turn:
    event = Event.FOLLOWUP_AGREED if agreed else Event.FOLLOWUP_DECLINED
    plan = TurnPlan(
        stage=state.stage,
        previous_stage=state.stage,
        ask=Ask.NOTHING,
        events=(event,),
        acts=understood.acts,
    )
    answer = "agreed" if agreed else "declined"
    return Turn(dataclasses.replace(state, followup=answer, turns=state.turns + 1), plan)


def _reminders_stopped(state: SessionState, understood: Understanding) -> Turn:
    """ "Не надо напоминать": every reminder off at once, and no reminder offer again."""
    plan = TurnPlan(
        stage=state.stage,
        previous_stage=state.stage,
        ask=Ask.NOTHING,
        events=(Event.REMINDERS_STOPPED,),
        acts=understood.acts,
    )
    last_ask = state.resume_ask if state.last_ask is Ask.FOLLOWUP else state.last_ask
    stopped = dataclasses.replace(
        state, followup="declined", last_ask=last_ask, resume_ask=None, turns=state.turns + 1
    )
    return Turn(stopped, plan)


def _call_cancelled(state: SessionState, understood: Understanding) -> Turn:
    """ "Не смогу" about the booked call: the time is dropped from the lead (the managers
    and the CRMs get the update) and a new time is welcome whenever the person names one."""
    plan = TurnPlan(
        stage=Stage.BOOKED,
        previous_stage=Stage.BOOKED,
        ask=Ask.NOTHING,
        events=(Event.CALL_CANCELLED, Event.BOOKING_UPDATED),
        filled=("call_time",),
        acts=understood.acts,
    )
    cancelled = dataclasses.replace(
        state,
        slots=dataclasses.replace(state.slots, call_time=None),
        call_cancelled=True,
        last_ask=Ask.CALL_TIME,  # the next time the person names is the new one
        turns=state.turns + 1,
    )
    return Turn(cancelled, plan)


def _continue(
    state: SessionState,
    understood: Understanding,
    now: datetime,
    events: list[Event],
    *,
    first_contact: bool,
) -> Turn:
    previous_stage = state.stage
    state_before = state
    if understood.command is Command.START and understood.command_payload and not state.source:
        state = dataclasses.replace(state, source=understood.command_payload[:64])
    if understood.command is Command.HELP:
        events.append(Event.HELP)

    state, filled = _apply_slots(state, understood, now, events)
    events.extend(_flag_events(understood, filled))

    quiet = _quiet_turn(state, understood, events, filled)
    if quiet is not None:
        # A soft "не нужно мне ничего", or a turn after a crisis: no script question.
        events.append(quiet)
        stage = _stage_without_call(state) if state.stage is Stage.BOOKING else state.stage
        if stage is Stage.GREETING and not first_contact:
            stage = Stage.QUALIFICATION
        if stage is not Stage.BOOKING:
            state = dataclasses.replace(state, pending_phone=None)  # no call: no number kept
        ask = state.last_ask if quiet is Event.AFTER_CRISIS and state.last_ask else Ask.NOTHING
    else:
        stage, ask = _next_step(state, understood, events, filled, first_contact)
    the_verdict = case_verdict(state)
    answers, repeated = _answers(state, understood)
    if quiet is Event.FILES_ALONE:
        # "сама в МФЦ схожу" states a plan; its close speaks of the МФЦ already
        answers = tuple(t for t in answers if t is not Topic.MFC)
        repeated = tuple(t for t in repeated if t is not Topic.MFC)
    feeling = _acknowledged(understood)
    conflict = _conflict(state_before, understood)
    if conflict and ask not in (Ask.CONSENT, Ask.PHONE, Ask.CALL_TIME):
        ask = Ask.DEBT_TOTAL  # "вы писали 1,6 млн, теперь 10 тысяч — какая сумма верна?"
    # A question asked again, or a person upset: the answer, and no script question now.
    hold_script = bool(repeated) or feeling is Feeling.ANGER
    if quiet is not None:
        plan_ask = Ask.NOTHING
    elif hold_script and stage in (Stage.GREETING, Stage.QUALIFICATION, Stage.OFFER):
        plan_ask, ask = Ask.NOTHING, state.last_ask or ask
    elif _refused_call(state, events) and ask is Ask.CALL_INVITE:
        # After a "no" to consent the call is not offered again until the person asks.
        plan_ask = ask = Ask.NOTHING
    else:
        plan_ask = ask
    if Event.CONSENT_REFUSED in events and ask not in (Ask.CONSENT, Ask.PHONE, Ask.CALL_TIME):
        plan_ask = Ask.NOTHING  # the "no" is respected: the conversation goes on without a push
    offer_due = plan_ask is Ask.CONSENT or Event.BOOKED in events
    if offer_due and not state.offered and Event.VERDICT_READY not in events:
        # The call was asked for before the offer: the route and the statutory warning go
        # inside the consent message (38-ФЗ art. 28.1), never a booking without them.
        events.append(Event.OFFER_AT_BOOKING)
    offered = state.offered or bool({Event.VERDICT_READY, Event.OFFER_AT_BOOKING} & set(events))
    if quiet is None:
        # a worrying fact told unasked, or the МФЦ conclusion its facts now decide: once
        told = _concerns(state_before, state, understood, answers, events)
        answers = (*answers, *told)
    # Every time a question is posed anew counts (a repeat right after a doubt does not).
    asked = state.asked if ask is state.last_ask or plan_ask is Ask.NOTHING else (*state.asked, ask)
    followup, resume_ask = state.followup, state.resume_ask
    if (
        understood.objection is ObjectionKind.THINK
        and stage in FOLLOWUP_STAGES
        and may_offer_followup(state)
    ):
        # "Я подумаю": the offer of a reminder stands in for the script question.
        events.append(Event.FOLLOWUP_OFFERED)
        followup, resume_ask = "offered", ask
        plan_ask = ask = Ask.FOLLOWUP
    objections = state.objections
    if understood.objection and understood.objection.value not in objections:
        objections = (*objections, understood.objection.value)
    subject = next(
        (a.subject.value for a in reversed(understood.acts) if a.subject is not Subject.SELF),
        None,
    )
    new_state = dataclasses.replace(
        state,
        stage=stage,
        last_ask=ask,
        asked=asked,
        objections=objections,
        # asked to go on (or for the call) after a crisis: the script runs from now on
        crisis_resumed=state.crisis and (state.crisis_resumed or quiet is None),
        turns=state.turns + 1,
        answered=(*state.answered, *(t.value for t in answers)),
        answered_turn=_answered_turn(state, answers),
        questions=_questions(state, understood, answers),
        last_subject=subject or understood.named or _carried_on(state, understood),
        followup=followup,
        resume_ask=resume_ask,
        offered=offered,
        phone_confirms=(
            plan_ask is Ask.CONSENT
            and understood.consent is True
            and state.consent is not True
            and not state.pending_phone
        ),
    )
    confirm = tuple(
        name for name in filled if name in understood.approximate and name in new_state.approximate
    )
    plan = TurnPlan(
        stage=stage,
        previous_stage=previous_stage,
        ask=plan_ask,
        verdict=the_verdict,
        objection=understood.objection,
        topic=understood.topic,
        events=tuple(dict.fromkeys(events)),
        filled=filled,
        acts=understood.acts,
        answers=answers,
        repeated=repeated,
        feeling=feeling,
        confirm=confirm,
        conflict=conflict,
    )
    return Turn(new_state, plan)


_QUIET_STAGES = (Stage.GREETING, Stage.QUALIFICATION, Stage.OFFER, Stage.BOOKING)
_BYE_STAGES = (Stage.BOOKED, Stage.NOT_A_FIT)  # where a goodbye closes too
# Facts that show the person goes on with their debts after a crisis (not a phone or a time).
_DEBT_FACTS = frozenset(DEBT_FACT_SLOTS)


def _quiet_turn(
    state: SessionState, understood: Understanding, events: list[Event], filled: tuple[str, ...]
) -> Event | None:
    """A turn that gets answers and no script question, or None.

    A soft refusal ("не нужно мне ничего", "сама в МФЦ схожу") is respected with a close.
    After a crisis, the person's questions are answered gently, with no script question
    and no sales, until they ask for the call themselves or ask to go on ("давайте
    продолжим", "давайте разберёмся с долгами"; then the script resumes where it was, and
    runs on from then, until a new crisis message). Facts they tell meanwhile are noted,
    and bring back nothing. A goodbye ("ясно. спасибо, пока") gets a close, booked or not.
    """
    if understood.wants_call or Event.CONSENT_GIVEN in events:
        return None
    if understood.declined == "bye" and state.stage in (*_QUIET_STAGES, *_BYE_STAGES):
        # no script question, no "остались вопросы?" after a goodbye (after a crisis, the
        # quiet line with 112)
        return Event.AFTER_CRISIS if state.crisis else Event.FAREWELL
    if state.stage not in _QUIET_STAGES:
        return None
    if understood.declined and not (set(filled) & _DEBT_FACTS):
        # "сама схожу" is the МФЦ plan when МФЦ is the person's route
        alone = understood.declined == "self_mfc" or (
            understood.declined == "self" and case_verdict(state) is Verdict.MFC
        )
        return Event.FILES_ALONE if alone else Event.DECLINED_HELP
    if (
        state.crisis
        and not state.crisis_resumed
        and state.stage is not Stage.BOOKING
        and not understood.goes_on
    ):
        return Event.AFTER_CRISIS
    return None


_QUALIFYING_STAGES = (Stage.GREETING, Stage.QUALIFICATION, Stage.OFFER, Stage.NOT_A_FIT)


def _switched_to_writer(state: SessionState) -> SessionState:
    """ "пишу за маму…", then "давайте по мне": the writer is the lead from now on. The
    relative's facts leave the slots (kept for the lawyer, labelled as theirs); the script
    asks the writer's own from the start. The phone, consent and call time were the writer's
    all along and stay."""
    theirs = dataclasses.replace(state.slots, phone=None, call_time=None)
    return dataclasses.replace(
        state,
        slots=Slots(phone=state.slots.phone, call_time=state.slots.call_time),
        switched_from={"subject": state.on_behalf, "slots": theirs.to_json()},
        on_behalf=None,
        asked=(),
        approximate=(),
        last_subject=None,
        pledged_car=False,
        one_loan_told=False,
        no_own_home=False,
        heirs=False,
        guarantor=None,
        stage=Stage.QUALIFICATION if state.stage in _QUALIFYING_STAGES else state.stage,
    )


def _stage_without_call(state: SessionState) -> Stage:
    """Where a person who turned the call down stands: the offer if it was made."""
    return Stage.OFFER if state.offered else Stage.QUALIFICATION


def _refused_call(state: SessionState, events: list[Event]) -> bool:
    return state.consent is False or Event.CONSENT_REFUSED in events


_A_YEAR = re.compile(r"\b(20[0-4]\d)\b")


def _flag(act: Act, now: datetime) -> dict[str, str]:
    """A note for the lawyer; an earlier bankruptcy that names its year ("закончилась в 2022")
    also keeps the year before which filing again is barred (5 years: DOMAIN.md)."""
    flag = {"value": str(act.value), "text": act.text}
    years = [int(y) for y in _A_YEAR.findall(act.text)]
    if act.value == "past_bankruptcy" and years and 0 <= now.year - max(years) < 5:
        flag["until"] = str(max(years) + 5)
    return flag


def _apply_slots(
    state: SessionState, understood: Understanding, now: datetime, events: list[Event]
) -> tuple[SessionState, tuple[str, ...]]:
    update = _protected(state, understood)
    phone = update.phone
    update = dataclasses.replace(update, phone=None)
    slots = state.slots.merged(update)
    changed = {
        name for name in update.known() if getattr(state.slots, name) != getattr(slots, name)
    }
    approximate = tuple(
        name
        for name in dict.fromkeys((*state.approximate, *understood.approximate))
        if name not in changed or name in understood.approximate
    )
    others = state.others + tuple(
        a.to_json() for a in understood.others_facts if a.to_json() not in state.others
    )
    notes = state.notes + tuple(
        n for n in dict.fromkeys(_noted(understood)) if n not in state.notes
    )
    flagged = state.flagged + tuple(
        _flag(a, now)
        for a in understood.of(ActKind.NOTE)
        if all(f["value"] != a.value for f in state.flagged)
    )  # the first words of each kind stand: "я ИП была, закрыла в 2022"
    pending = state.pending_phone
    consent = state.consent
    consent_at = state.consent_at
    tries = state.invalid_phone_tries

    if phone:
        pending = phone
        tries = 0
    elif understood.invalid_phone:
        events.append(Event.INVALID_PHONE)
        tries += 1

    # The call invitation carries the consent text too: "давайте, согласен" answers both.
    consent_shown = state.last_ask in (Ask.CONSENT, Ask.CALL_INVITE) or Ask.CONSENT in state.asked
    # "согласна" said before the text, then the text with "пришлите номер, если согласны",
    # then the number: the words and the act after the text are the consent together
    confirmed_by_phone = (
        state.phone_confirms and phone is not None and understood.consent is not False
    )
    if (
        (understood.consent is True and consent_shown) or confirmed_by_phone
    ) and consent is not True:
        consent, consent_at = True, now.isoformat(timespec="seconds")
        events.append(Event.CONSENT_GIVEN)
    # A "согласна" before the consent text (and its link) was shown is not consent yet:
    # it leads to booking, where the consent is asked properly.
    elif understood.consent is False:
        if consent is not False or slots.phone or pending:
            events.append(Event.CONSENT_REFUSED)
        consent, consent_at, pending = False, None, None
        slots = dataclasses.replace(slots, phone=None)

    # No phone is kept on the person before an explicit yes to processing.
    if consent is True and pending:
        slots = dataclasses.replace(slots, phone=pending)
        pending = None

    filled = tuple(
        f.name
        for f in dataclasses.fields(slots)
        if getattr(slots, f.name) != getattr(state.slots, f.name)
    )
    if pending and pending != state.pending_phone:
        filled = (*filled, "phone")
    if (
        understood.slots.call_time
        and understood.call_tz not in (None, state.call_tz)
        and "call_time" not in filled
    ):
        filled = (*filled, "call_time")  # "после 17 по местному": the same hour, another zone
    new_state = dataclasses.replace(
        state,
        slots=slots,
        consent=consent,
        consent_at=consent_at,
        pending_phone=pending,
        invalid_phone_tries=tries,
        approximate=approximate,
        others=others[-20:],
        notes=notes[-NOTES_KEPT:],
        flagged=flagged,
        call_tz=understood.call_tz or state.call_tz,
        # a zone named anew in other words ("по мск") drops the old words with it
        call_zone_said=understood.call_zone_said if understood.call_tz else state.call_zone_said,
        pledged_car=state.pledged_car or understood.pledged_car,
        one_loan_told=state.one_loan_told or understood.one_loan,
        # (written for a relative, "живу на съёмной" is the writer's home, not the debtor's)
        no_own_home=state.no_own_home
        or (understood.no_own_home and not (state.on_behalf or understood.on_behalf)),
        heirs=state.heirs or understood.deceased,
        guarantor=understood.guarantor or state.guarantor,
        on_behalf=understood.on_behalf or state.on_behalf,
        on_behalf_word=understood.on_behalf_word or state.on_behalf_word,
    )
    return new_state, filled


# A number once given changes only when the person corrects it or answers its own question
# again; a stray figure elsewhere ("после 10 утра") is a conflict to confirm, not a fact.
PROTECTED = ("debt_total", "income_monthly", "region", "creditors_count", "months_overdue")
_ANSWERS_SLOT = {
    Ask.DEBT_TOTAL: ("debt_total",),
    Ask.CREDITORS: ("creditors_count",),
    Ask.MONTHS_OVERDUE: ("months_overdue",),
    Ask.INCOME: ("income_monthly",),
    Ask.REGION: ("region",),
    Ask.SITUATION: ("debt_total",),
}


_SUMS_UP = re.compile(r"\b(?:итого|в итоге|всего|значит|получается|в сумме|выходит)\b")
# The person's own sum of what they told ("всего выходит 1 110 000"); a bare "всего" may
# be "only" ("в мфо всего 50 тыс"), so it is not enough
_OWN_SUM = re.compile(
    r"\b(?:итого|в итоге|в сумме|выходит|получается|получилось|вышло|вместе с|вместе со)\b"
    r"|(?:^|[.!?]\s*)всего\b|\bвсего\s*,|\bвсего (?:вместе|долг\w*|набрал\w*|на сумму|с )"
)  # ("Всего, с поручительством, 520 тысяч": opening its sentence, "всего" is the total)


def _added_creditors(state: SessionState, understood: Understanding) -> int | None:
    """ "кредит в сбере", then "плюс кредитка и займ": the count grows by the ones named; after
    one loan told uncounted ("кредит брала в 2019"), "и ещё кредитка" makes two. "Других
    долгов нет" after that one loan: it was the only one."""
    old, new = state.slots.creditors_count, understood.slots.creditors_count
    one_loan = state.one_loan_told or understood.one_loan
    if old is None and new is None and understood.no_other_debts and one_loan:
        return 1
    if old is None and state.one_loan_told:
        old = 1
    if old is None or new is None or not understood.creditors_added:
        return None
    return old + new


def _added_debt(state: SessionState, understood: Understanding) -> int | None:
    """ "осталось тысяч 310", then "и ещё кредитка, тыщ 50": the part told on top of the total
    held is added to it (a part said to be inside it, or a new total, is not: the reader
    tells which by `debt_added`)."""
    old, new = state.slots.debt_total, understood.slots.debt_total
    if old is None or new is None or not understood.debt_added or understood.correction:
        return None
    return old + new


NOTES_KEPT = 8
NOTE_MIN_WORDS = 3
_NOTED_TOPICS = frozenset(
    {Topic.HIDE_PROPERTY, Topic.DEAL_WITH_RELATIVE, Topic.GUARANTOR, Topic.PLEDGED_CAR}
)


def _noted(understood: Understanding) -> list[str]:
    """The person's words a lawyer must read as said (a deal, a plan to hide property, a
    guarantor, a pledged car): quoted on the lead card, each cut to a line."""
    found = []
    for act in understood.acts:
        deal = act.kind is ActKind.FACT and act.slot == "recent_deals" and act.value is True
        if deal or (act.kind is ActKind.ASK and act.topic in _NOTED_TOPICS):
            text = " ".join(act.text.split()).rstrip("?!. ")
            if len(text.split()) < NOTE_MIN_WORDS:
                continue  # «если», «заберут»: words that tell the lawyer nothing
            text = text if len(text) <= 139 else text[:138] + "…"
            # a question stays a question ("а можно я гараж на жену перепишу?"), never a plan
            asked = act.kind is ActKind.ASK and not act.stated
            found.append(f"{text}?" if asked else text)
    if understood.discreet:
        found.append(understood.discreet[:140])  # "муж не знает": the caller must be discreet
    return found


def _protected(state: SessionState, understood: Understanding) -> Slots:
    """The update without stray values that would overwrite a fact already given."""
    update = understood.slots
    if (added := _added_creditors(state, understood)) is not None:
        update = dataclasses.replace(update, creditors_count=added)
    if (summed := _added_debt(state, understood)) is not None:
        update = dataclasses.replace(update, debt_total=summed)
    if understood.correction:
        if _implausible_drop(state.slots.debt_total, update.debt_total):
            return dataclasses.replace(update, debt_total=None)  # asked about, not taken
        return update
    own_question = _ANSWERS_SLOT.get(state.last_ask, ()) if state.last_ask else ()
    keep: dict[str, None] = {}
    for name in PROTECTED:
        old, new = getattr(state.slots, name), getattr(update, name)
        if old is None or new is None or old == new or name in own_question:
            continue
        if (
            name in state.approximate
            and _close(old, new)
            and (name not in understood.approximate or _finer(old, new))
        ):
            # "около 700", then "720": the exact figure replaces the estimate; so does a finer
            # estimate ("почти полтора ляма", then "где-то 1 млн 480"), never a rounder one
            # given in passing ("около 910", then "свои кредиты тыщ 600")
            continue
        if name == "debt_total" and summed is not None:
            continue  # the part told on top, added to the total held
        if (
            name == "creditors_count"
            and isinstance(old, int)
            and isinstance(new, int)
            and new > old
        ):
            continue  # "кредит в сбере", then "банков 3": more creditors told, none taken back
        sums_up = _OWN_SUM if name == "debt_total" else _SUMS_UP  # ("по кредитке всего 600")
        if any(
            a.slot == name and sums_up.search(a.text.lower())
            for a in understood.acts
            if a.kind is ActKind.FACT
        ):
            continue  # "итого 6 кредиторов": the person's own total replaces the count
        keep[name] = None
    if (
        state.slots.extra_property is True
        and update.extra_property is False
        and update.recent_deals is not True
    ):
        # "участок с домиком", later "машины нет": the plot named as theirs stays (only a
        # correction, above, or a sale takes it back)
        keep["extra_property"] = None
    return dataclasses.replace(update, **keep) if keep else update


def _conflict(state: SessionState, understood: Understanding) -> tuple[str, int, int] | None:
    """A stray debt figure that differs a lot from the one given: worth one question."""
    old, new = state.slots.debt_total, understood.slots.debt_total
    if old is None or new is None or old == new or _added_debt(state, understood) is not None:
        return None
    if understood.correction and not _implausible_drop(old, new):
        return None
    if new == understood.slots.income_monthly:
        return None  # "ой не 42 а 46" of the pay: the figure is the income, no debt to doubt
    if state.last_ask in _ANSWERS_SLOT and "debt_total" in _ANSWERS_SLOT[state.last_ask]:
        return None
    if abs(old - new) <= old * 0.05 or ("debt_total" in state.approximate and _close(old, new)):
        return None
    if not _implausible_drop(old, new) and any(
        a.slot == "debt_total" and _OWN_SUM.search(a.text.lower())
        for a in understood.acts
        if a.kind is ActKind.FACT and a.subject is Subject.SELF
    ):
        return None  # "плюс кредитка 150 и займ 60, всего выходит 1 110 000": their own sum
    return ("debt_total", old, new)


def _implausible_drop(old: int | None, new: int | None) -> bool:
    """ "ой, … займ на 12 тыщ" after 650 000: a part, not the corrected total; asked about."""
    return old is not None and new is not None and new < old * 0.1


def _finer(old: object, new: object) -> bool:
    """ "1 480 000" after "1 500 000": told to more figures than the estimate it follows."""
    if not isinstance(old, int) or not isinstance(new, int) or old <= 0 or new <= 0:
        return False
    return len(str(new)) - len(str(new).rstrip("0")) < len(str(old)) - len(str(old).rstrip("0"))


def _close(old: object, new: object) -> bool:
    """An exact figure that may replace an estimate: within half of it either way."""
    if not isinstance(old, int) or not isinstance(new, int):
        return isinstance(old, str) and isinstance(new, str)
    return abs(old - new) <= old / 2


def _in_crisis(understood: Understanding) -> bool:
    return Feeling.CRISIS in understood.feelings


def _crisis_turn(state: SessionState, understood: Understanding, now: datetime) -> Turn:
    """Suicide or self-harm: the crisis answer and nothing else; the managers are alerted.
    The facts of the message are kept, so they are never asked again later."""
    state, _ = _apply_slots(state, understood, now, [])
    plan = TurnPlan(
        stage=state.stage,
        previous_stage=state.stage,
        ask=Ask.NOTHING,
        events=(Event.CRISIS,),
        acts=understood.acts,
        feeling=Feeling.CRISIS,
    )
    crisis = dataclasses.replace(state, crisis=True, crisis_resumed=False, turns=state.turns + 1)
    return Turn(crisis, plan)


_DOUBTS_ASKED_AS_TOPICS = (
    ObjectionKind.CONSEQUENCES,
    ObjectionKind.PROPERTY,
    ObjectionKind.SPOUSE,
)
_SPOUSE_LIABLE = re.compile(r"\b(?:отвеча\w*|платить|узна\w*|пострада\w*|коснет\w*|затрон\w*)")
_A_THING = re.compile(r"\b(?:машин|авто|квартир|дач|гараж|участ|имуществ)\w*")
_JOINT_PROPERTY = re.compile(r"\b(?:в браке|совместн\w*|нажит\w*|общ(?:ая|ую|ий|ее|ие|их)\b)")


def _answers(
    state: SessionState, understood: Understanding
) -> tuple[tuple[Topic, ...], tuple[Topic, ...]]:
    """Every question of the message, in order, once; those asked before get a fuller answer."""
    topics = tuple(dict.fromkeys(a.topic for a in understood.asks if a.topic))
    # a general answer that a more precise one of the same message already gives goes
    # ("жена… её зарплату тронут?" answers "а её?" too): the questions after it still fit
    # (but "у жены заберут зарплату? а машину, что в браке купили?" asks about joint property
    # too: that question stays)
    joint = Topic.SPOUSE in topics and any(
        _JOINT_PROPERTY.search(a.text.lower())
        for a in understood.acts
        if a.kind in (ActKind.ASK, ActKind.OBJECTION)
    )
    # (but "муж узнает? ему за мои долги отвечать? его зарплату будут забирать?" asks
    # whether he answers, in words of its own: that question stays too)
    # (and "её зарплату тронут? и машину её заберут?" asks of her thing: that one stays too)
    own_words = any(
        _SPOUSE_LIABLE.search(a.text.lower()) or _A_THING.search(a.text.lower())
        for a in understood.asks
        if a.topic is Topic.SPOUSE
    )
    if (
        Topic.SPOUSE in topics
        and {Topic.SPOUSE_SALARY, Topic.SPOUSE_DEBTS} & set(topics)
        and not joint
        and not own_words
    ):
        topics = tuple(t for t in topics if t is not Topic.SPOUSE)
    # (a doubt about consequences, property or the spouse that a precise question of the
    # message already answers leaves its other questions standing: "в черный список внесут?
    # и самозанятость закроют?" — the second gets "это уточнит юрист")
    answered_doubt = understood.objection in _DOUBTS_ASKED_AS_TOPICS and any(
        t is not Topic.OTHER for t in topics
    )
    if (
        (understood.objection and not answered_doubt)
        or understood.injection
        or understood.off_topic
    ):
        # "вы мошенники?": the objection's playbook answers it, not "это уточнит юрист"
        topics = tuple(t for t in topics if t is not Topic.OTHER)
    if understood.objection is ObjectionKind.PRICE and topics and Topic.PRICE not in topics:
        # "дорого наверно. и за границу выпустят?": beside other questions the playbook is
        # not said, so the price doubt is answered as the price question it is
        topics = (Topic.PRICE, *topics)
    # a concern only stated ("я поручитель за брата") is answered once per person: said
    # again, it is no question pressed (a plan to hide property is warned against again)
    stated_only = {
        t
        for t in topics
        if t is not Topic.HIDE_PROPERTY
        and t.value in state.answered
        and all(a.stated for a in understood.asks if a.topic is t)
    }
    topics = tuple(t for t in topics if t not in stated_only)
    # asked again, or pressed as unanswered ("вы не ответили про зарплату мужа"): fuller
    repeated = tuple(t for t in topics if t.value in state.answered or t in understood.pressed)
    return topics, repeated


# What a deal with a relative told unasked needs is said by any of these answers
_DEAL_WARNED = ("deal_with_relative", "hide_property", "deal_reversed", "deal_check", "criminal")
_MFC_ASKED = ("mfc", "eligibility", "self_filing")


def _concerns(
    before: SessionState,
    state: SessionState,
    understood: Understanding,
    answers: tuple[Topic, ...],
    events: list[Event],
) -> tuple[Topic, ...]:
    """What the person is owed unasked, each once per person: a deal with a relative told
    as done ("гараж продал зятю": it can be challenged), a pledged car ("машина в залоге":
    usually sold for the pledge), an earlier bankruptcy (the 5-year pause), and the МФЦ
    conclusion when the facts that decide it arrive after the person asked about the МФЦ (no
    offer saying the route this turn)."""
    if understood.objection or understood.injection or understood.off_topic:
        return ()  # the doubt's playbook answers this message
    done = set(state.answered) | {t.value for t in answers}
    found: list[Topic] = []
    lead = (Subject.SELF.value, state.on_behalf)
    if not set(_DEAL_WARNED) & done and any(
        a.kind is ActKind.FACT
        and a.slot == "recent_deals"
        and a.value is True
        and a.subject.value in lead
        and told_deal_with_relative(a.text)
        for a in understood.acts
    ):
        found.append(Topic.DEAL_WITH_RELATIVE)
    if understood.pledged_car and not before.pledged_car and not {"pledged_car", "car"} & done:
        found.append(Topic.PLEDGED_CAR)
    if "repeat" not in done and any(
        a.kind is ActKind.NOTE and a.value == "past_bankruptcy" for a in understood.acts
    ):
        found.append(Topic.REPEAT)  # "я уже банкротилась в 2023": the 5-year pause, said once
    offer_now = {Event.VERDICT_READY, Event.OFFER_AT_BOOKING} & set(events)
    if (
        set(_MFC_ASKED) & set(state.questions)
        and not set(_MFC_ASKED) & {t.value for t in answers}
        and not offer_now
        and mfc_conclusion(before.slots) is None
        and mfc_conclusion(state.slots) is not None
    ):
        found.append(Topic.MFC)
    return tuple(found)


def mfc_conclusion(slots: Slots) -> bool | None:
    """Whether the МФЦ is open to the person by the facts known (grounds and the debt's
    limits); None while they do not decide it."""
    debt = slots.debt_total
    if debt is None:
        return None
    if debt > MFC_MAX_DEBT:
        return False
    grounds = mfc_grounds(slots)
    return None if grounds is None else grounds and debt >= MFC_MIN_DEBT


def _questions(
    state: SessionState, understood: Understanding, answers: tuple[Topic, ...]
) -> tuple[str, ...]:
    """The topics the person asked this turn and was answered, added once: never a concern
    they only stated ("коллекторы звонят маме") nor a doubt answered as the price."""
    asked = {a.topic for a in understood.asks if not a.stated}
    new = [t.value for t in answers if t in asked and t.value not in state.questions]
    return (*state.questions, *new)


# The feeling named outright goes first: "имеют право?? мне страшно" is fear more than anger,
# "руки опускаются… стыдно" shame more than despair
_ACKNOWLEDGED_FIRST = (Feeling.FEAR, Feeling.SHAME, Feeling.DESPAIR, Feeling.ANGER)


def _acknowledged(understood: Understanding) -> Feeling | None:
    return next((f for f in _ACKNOWLEDGED_FIRST if f in understood.feelings), None)


def _flag_events(understood: Understanding, filled: tuple[str, ...]) -> list[Event]:
    flags = []
    if understood.asks_if_bot:
        flags.append(Event.ASKS_IF_BOT)
    if understood.injection:
        flags.append(Event.INJECTION)
    if understood.off_topic:
        flags.append(Event.OFF_TOPIC)
    if understood.correction and filled:
        flags.append(Event.CORRECTED)
    if understood.absurd_amount:
        flags.append(Event.ABSURD_AMOUNT)
    if understood.unreadable and not filled:
        flags.append(Event.UNREADABLE)
    return flags


def _next_step(
    state: SessionState,
    understood: Understanding,
    events: list[Event],
    filled: tuple[str, ...],
    first_contact: bool,
) -> tuple[Stage, Ask]:
    stage = state.stage
    wants_call = (
        understood.wants_call
        or (state.last_ask is Ask.CALL_INVITE and understood.yes is True)
        or (understood.consent is True and Event.CONSENT_GIVEN not in events)
    )
    if (
        Event.CONSENT_GIVEN in events
        or (
            Event.CONSENT_REFUSED not in events
            and (wants_call or (state.pending_phone and stage is not Stage.BOOKED))
        )
    ) and stage not in (Stage.BOOKED, Stage.BOOKING):
        stage = Stage.BOOKING

    if stage is Stage.BOOKED:
        if set(LEAD_CARD_FIELDS) & set(filled):
            events.append(Event.BOOKING_UPDATED)
        return Stage.BOOKED, Ask.ANYTHING_ELSE

    if stage is Stage.BOOKING:
        if Event.CONSENT_REFUSED in events:
            stage = Stage.QUALIFICATION
        else:
            return _booking_step(state, events)

    the_verdict = case_verdict(state)
    if stage is Stage.NOT_A_FIT:
        if the_verdict is Verdict.NOT_A_FIT or not filled:
            return Stage.NOT_A_FIT, Ask.ANYTHING_ELSE
        stage = Stage.QUALIFICATION  # a correction changed the picture: look again

    if stage is Stage.GREETING and not first_contact:
        stage = Stage.QUALIFICATION
    if stage is Stage.GREETING and state.slots.debt_total is not None:
        stage = Stage.QUALIFICATION

    if the_verdict is Verdict.NOT_A_FIT and stage in (Stage.QUALIFICATION, Stage.OFFER):
        events.append(Event.NOT_A_FIT)
        return Stage.NOT_A_FIT, Ask.ANYTHING_ELSE

    if stage is Stage.GREETING:
        return Stage.GREETING, Ask.SITUATION

    if stage is Stage.QUALIFICATION:
        ask = _next_question(state, understood, filled)
        if ask is not None:
            return Stage.QUALIFICATION, ask
        if not state.offered:  # (said already inside the consent message: not twice)
            events.append(Event.VERDICT_READY)
        return Stage.OFFER, Ask.CALL_INVITE

    # OFFER: the invitation stands; a "no" or a doubt is answered and asked again.
    return Stage.OFFER, Ask.CALL_INVITE


def _next_question(
    state: SessionState, understood: Understanding, filled: tuple[str, ...]
) -> Ask | None:
    interrupted = not filled and (
        understood.objection
        or understood.topic
        or understood.asks_if_bot
        or understood.injection
        or understood.off_topic
        or understood.unreadable
        or understood.command is not None
        # "ок давайте" to "Перед сколькими банками…?": heard, not answered — asked again
        or understood.plain_answer is True
    )
    # "ой нет, 310" while the months are asked: the debt put right, the months still to come
    interrupted = interrupted or (understood.correction and bool(filled))
    last = state.last_ask
    if interrupted and last in SCRIPT[Stage.QUALIFICATION].asks and not ANSWERED[last](state):
        return last  # answer the doubt, then return to the same question
    open_asks = [
        ask
        for ask in SCRIPT[Stage.QUALIFICATION].asks
        if not ANSWERED[ask](state) and not (ask in SKIP_WHEN and SKIP_WHEN[ask](state))
    ]
    for ask in open_asks:
        if ask not in state.asked:
            return ask
    # Asked once and the person spoke of something else: not pressed again, except what
    # the verdict needs, asked once more after the rest (never in a loop).
    for ask in open_asks:
        if ask in ESSENTIAL and state.asked.count(ask) < ESSENTIAL_TRIES:
            return ask
    return None


def _booking_step(state: SessionState, events: list[Event]) -> tuple[Stage, Ask]:
    for ask in SCRIPT[Stage.BOOKING].asks:
        if not ANSWERED[ask](state):
            if ask is Ask.PHONE and state.pending_phone:
                continue  # given before consent: stored the moment consent comes
            return Stage.BOOKING, ask
    events.append(Event.BOOKED)
    return Stage.BOOKED, Ask.ANYTHING_ELSE
