"""Values that cross module boundaries: stages, slots, understanding, plans, replies.

Everything here is a frozen dataclass or an Enum whose values are the strings
stored in the database and printed by `chat --json`.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any, Protocol


class Stage(StrEnum):
    GREETING = "greeting"
    QUALIFICATION = "qualification"
    OFFER = "offer"
    BOOKING = "booking"
    BOOKED = "booked"
    NOT_A_FIT = "not_a_fit"
    OPTED_OUT = "opted_out"


class ObjectionKind(StrEnum):
    PRICE = "price"
    THINK = "think"
    COMPETITOR = "competitor"
    TRUST = "trust"
    PROPERTY = "property"
    CONSEQUENCES = "consequences"
    SPOUSE = "spouse"


class Topic(StrEnum):
    """A finer reading of a question or doubt; picks the factual answer."""

    FLAT = "flat"  # will they take my flat / home
    CAR = "car"
    SALARY = "salary"  # what happens to my salary / pension
    TRAVEL = "travel"  # travel abroad
    CREDIT_HISTORY = "credit_history"  # loans later, credit history
    JOB = "job"  # will my employer find out, can I keep working
    SPOUSE = "spouse"
    DURATION = "duration"  # how long does it take
    COLLECTORS = "collectors"  # collectors keep calling
    MFC = "mfc"  # what is the out-of-court procedure
    WHICH_DEBTS = "which_debts"  # what is (not) written off
    HOW_IT_WORKS = "how_it_works"
    NON_PAYMENT = "non_payment"  # what happens if I simply stop paying
    GUARANTEE = "guarantee"  # "гарантии есть?", "а если не получится?"
    STATE_PROGRAM = "state_program"  # "это государственная программа списания?"
    CONSENT_INFO = "consent_info"  # "что за согласие? зачем оно?"
    PRICE = "price"  # the firm's fee, in any wording ("скока", "ценник")
    MORTGAGE_FLAT = "mortgage_flat"  # a flat under a mortgage (pledged)
    PLEDGED_CAR = "pledged_car"  # a car on credit, under pledge
    SPOUSE_SALARY = "spouse_salary"  # the spouse's own salary
    CHILDREN = "children"  # children, heirs, other relatives paying
    RELATIVES_COLLECTORS = "relatives_collectors"  # collectors calling relatives, colleagues
    NUMBER_LEAKED = "number_leaked"  # "откуда у коллекторов мой номер"
    DEAL_WITH_RELATIVE = "deal_with_relative"  # a past sale or gift to a relative
    HIDE_PROPERTY = "hide_property"  # a plan to re-register or hide property
    DEAL_CHECK = "deal_check"  # "управляющий что ли все сделки смотрит?": who reviews deals
    IS_BOT = "is_bot"
    BENEFITS = "benefits"  # child benefits, alimony received for children: kept in full
    ELIGIBILITY = "eligibility"  # "можно мне обанкротиться?", "через суд мне надо?"
    HOUSEHOLD = "household"  # "отберут даже телевизор и холодильник?"
    PROPERTY = "property"  # other property: a dacha, a garage, land, a second flat
    UNLISTED_DEBT = "unlisted_debt"  # a debt left out of the МФЦ application
    REPEAT = "repeat"  # "через сколько лет можно снова?"
    DOCUMENTS = "documents"  # "какие документы нужны?"
    GUARANTOR = "guarantor"  # a guarantor or co-borrower of the person's loan (mother, spouse)
    RELATIVE_SALARY = "relative_salary"  # "сын получает 90, его зарплату не тронут?"
    RELATIVE_PROPERTY = "relative_property"  # a parent's, child's or sibling's flat or car
    CRIMINAL = "criminal"  # "посадят за неуплату?"
    RESTRUCTURING = "restructuring"  # "реструктуризация / кредитные каникулы это что?"
    COMPANY = "company"  # a director or founder: the 3-year ban on managing a company
    PENALTIES = "penalties"  # "пени и штрафы перестанут капать?"
    RELATIVE_SERVICE = "relative_service"  # "брат тоже в долгах, ему можно к вам?"
    SPOUSE_DEBTS = "spouse_debts"  # "а я за его долги отвечаю?": the spouse is the debtor
    DEDUCTIONS = "deductions"  # "пенсию перестанут удерживать?": enforcement stops or pauses
    SELF_FILING = "self_filing"  # "юрист мне нужен или я сама смогу?"
    DEAL_REVERSED = "deal_reversed"  # "сделку отменят — брату деньги вернут?"
    COME_BACK = "come_back"  # "если не вытяну, можно будет к вам потом?"
    FIRM_CONTACT = "firm_contact"  # "дайте ваш номер, мы сами позвоним": the firm's contacts
    OTHER = "other"  # a question with no prepared answer: the lawyer clarifies


class Subject(StrEnum):
    """Whom the words are about."""

    SELF = "self"
    SPOUSE = "spouse"
    CHILD = "child"
    PARENT = "parent"
    SIBLING = "sibling"
    OTHER = "other"


class ActKind(StrEnum):
    FACT = "fact"
    ASK = "ask"
    OBJECTION = "objection"
    REQUEST = "request"
    ANSWER = "answer"
    CORRECTION = "correction"
    FEELING = "feeling"
    # what the lawyer must know that fills no slot: "ip_closed", "ip_open", "ip", "tax_debt",
    # "fines", "alimony_debt", "alimony", "past_bankruptcy"
    NOTE = "note"


class Feeling(StrEnum):
    FEAR = "fear"
    SHAME = "shame"
    DESPAIR = "despair"
    ANGER = "anger"
    CRISIS = "crisis"


@dataclass(frozen=True)
class Act:
    """One thing a message does, with the words it was read from."""

    kind: ActKind
    text: str = ""
    slot: str | None = None  # fact, correction: a Slots field; answer: the question answered
    topic: Topic | None = None  # ask
    value: Any = None  # as stored in slots, or the objection / request / feeling name
    subject: Subject = Subject.SELF
    approx: bool = False
    # ask: read from a concern or a plan the person stated, not a question they asked
    # ("коллекторы звонят маме"): answered, never listed as asked on the lead card
    stated: bool = False

    def to_json(self) -> dict[str, Any]:
        found: dict[str, Any] = {"kind": self.kind.value}
        if self.slot:
            found["slot"] = self.slot
        if self.topic:
            found["topic"] = self.topic.value
        if self.value is not None:
            found["value"] = _plain(self.value)
        if self.kind in (ActKind.FACT, ActKind.ASK, ActKind.CORRECTION, ActKind.NOTE):
            found["subject"] = self.subject.value
        if self.kind is ActKind.FACT:
            found["approx"] = self.approx
        found["text"] = self.text
        return found


class Verdict(StrEnum):
    COURT = "court"
    MFC = "mfc"
    NOT_A_FIT = "not_a_fit"


class Enforcement(StrEnum):
    NONE = "none"  # no enforcement proceedings (приставов нет)
    OPEN = "open"  # proceedings open, bailiffs collecting
    CLOSED = "closed"  # ended because there was nothing to collect


class Command(StrEnum):
    START = "start"
    STOP = "stop"
    FORGET = "forget"
    HELP = "help"


class MessageKind(StrEnum):
    TEXT = "text"
    VOICE = "voice"
    OTHER = "other"  # sticker, photo, file: nothing to read


class Ask(StrEnum):
    """The one question that closes Daria's message."""

    SITUATION = "situation"  # greeting: what happened, how much is owed
    DEBT_TOTAL = "debt_total"
    CREDITORS = "creditors_count"
    MONTHS_OVERDUE = "months_overdue"
    ENFORCEMENT = "enforcement"
    INCOME = "income"
    PROPERTY = "extra_property"
    MORTGAGE = "mortgage"
    DEALS = "recent_deals"
    REGION = "region"
    CALL_INVITE = "call_invite"  # offer: shall a lawyer call you?
    CONSENT = "consent"
    PHONE = "phone"
    CALL_TIME = "call_time"
    ANYTHING_ELSE = "anything_else"  # booked / not_a_fit: any other question?
    FOLLOWUP = "followup"  # "Могу напомнить завтра — удобно?": only a clear yes schedules it
    NOTHING = "nothing"  # opted_out, forgotten: no question


# The slots a person's own words about their debts fill (not the phone or the call time).
DEBT_FACT_SLOTS = (
    "debt_total",
    "creditors_count",
    "months_overdue",
    "enforcement",
    "writ_years",
    "income_monthly",
    "income_official",
    "benefits",
    "extra_property",
    "mortgage",
    "recent_deals",
    "region",
)


@dataclass(frozen=True)
class Slots:
    """What is known about the person's situation. None means not known yet."""

    debt_total: int | None = None  # rubles
    creditors_count: int | None = None
    months_overdue: int | None = None  # 0 when less than a month
    enforcement: Enforcement | None = None
    writ_years: int | None = None  # years since the writ went to the bailiffs
    income_monthly: int | None = None  # rubles a month
    income_official: bool | None = None  # works officially / has official income
    benefits: bool | None = None  # pensioner or receives child benefits
    extra_property: bool | None = None  # property beyond the sole home
    mortgage: bool | None = None
    recent_deals: bool | None = None  # sold / gifted / re-registered in 3 years
    region: str | None = None
    phone: str | None = None  # E.164; only ever set after consent
    call_time: str | None = None

    def merged(self, update: Slots) -> Slots:
        """Every field the update knows replaces the old value."""
        changes = {
            f.name: getattr(update, f.name)
            for f in dataclasses.fields(update)
            if getattr(update, f.name) is not None
        }
        return dataclasses.replace(self, **changes)

    def known(self) -> tuple[str, ...]:
        return tuple(f.name for f in dataclasses.fields(self) if getattr(self, f.name) is not None)

    def to_json(self) -> dict[str, Any]:
        return {f.name: _plain(getattr(self, f.name)) for f in dataclasses.fields(self)}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Slots:
        names = {f.name for f in dataclasses.fields(cls)}
        values = {k: v for k, v in data.items() if k in names}
        if values.get("enforcement") is not None:
            values["enforcement"] = Enforcement(values["enforcement"])
        return cls(**values)


def _plain(value: Any) -> Any:
    return value.value if isinstance(value, StrEnum) else value


@dataclass(frozen=True)
class Understanding:
    """What the rule-based reading of one message found. Pure data."""

    slots: Slots = field(default_factory=Slots)
    command: Command | None = None
    command_payload: str | None = None  # "/start PAYLOAD"
    objection: ObjectionKind | None = None
    topic: Topic | None = None
    yes: bool | None = None  # a plain yes / no to the last question
    consent: bool | None = None  # yes / no to personal-data processing
    wants_call: bool = False  # asks to be called / agrees to a consultation
    goes_on: bool = False  # "давайте продолжим", "что ещё нужно?": asks to go on
    no_own_home: bool = False  # "живу на съёмной", "своего жилья нет": owns no home
    invalid_phone: bool = False  # something phone-like that is not a valid number
    absurd_amount: bool = False  # an amount no person owes ("99999999999999"): not stored
    correction: bool = False  # "нет, не 800, а 900 тысяч"
    # "банков 3. ой не 3 а 4": the slot whose figure the message itself puts right
    put_right: str | None = None
    creditors_added: bool = False  # "плюс кредитка и займ": creditors on top of those known
    # "и ещё кредитка, тыщ 50": the debt read is what they owe, to add to the total held
    debt_added: bool = False
    one_loan: bool = False  # "кредит брала в 2019": one loan told, uncounted
    no_other_debts: bool = False  # "других долгов нет": the lenders told are all of them
    asks_if_bot: bool = False  # "ты бот?", "вы живой человек?"
    injection: bool = False  # tries to change the rules / get the prompt
    off_topic: bool = False  # a question unrelated to debts
    greeting: bool = False
    opt_out: bool = False  # "не пишите мне" without a command
    unreadable: bool = False  # nothing to understand: emoji, noise, empty
    withdraw_consent: bool = False  # "отзываю согласие", "удалите мои данные"
    pledged_car: bool = False  # the person's car is under a pledge (bought on credit)
    deceased: bool = False  # a relative died: debts questions are about inheriting them
    guarantor: str | None = None  # whose relative guarantees or co-signed: "sibling", ...
    named: str | None = None  # the last relative the message is about, for the next "её"
    on_behalf: str | None = None  # "пишу за маму": whom the person writes for ("parent")
    on_behalf_word: str | None = None  # the same relative in the person's word: "мама"
    plain_answer: bool | None = None  # the whole message is a clear yes (True) or no (False)
    stop_reminders: bool = False  # "не надо напоминать", "не напоминайте"
    call_cancel: bool = False  # "не смогу", "отмените звонок": the booked call is off
    discreet: str | None = None  # "муж не знает": the words the calling lawyer must heed
    # written for a relative before, now "давайте по мне": the writer asks to be the lead
    for_self: bool = False
    wants_mydata: bool = False  # "что вы обо мне храните?": /mydata in words
    acts: tuple[Act, ...] = ()  # the reading in the order of the text
    approximate: tuple[str, ...] = ()  # slots given as hedged figures ("около 700")
    call_tz: str | None = None  # IANA zone named with the call time ("по Москве")
    # the zone in the person's words, said after "по": "тюменскому времени", "времени Перми"
    call_zone_said: str | None = None
    # A soft refusal of help, not an opt-out: "all" ("не нужно мне ничего"), "self_mfc"
    # ("сама в МФЦ схожу"), "self" ("попробуем сами"), "bye" ("спасибо, пока"). None: none.
    declined: str | None = None
    # "вы не ответили про зарплату мужа": the questions the person complains went unanswered
    pressed: tuple[Topic, ...] = ()

    @property
    def is_empty(self) -> bool:
        return dataclasses.replace(self, acts=()) == Understanding()

    def of(self, kind: ActKind) -> tuple[Act, ...]:
        return tuple(a for a in self.acts if a.kind is kind)

    @property
    def asks(self) -> tuple[Act, ...]:
        return self.of(ActKind.ASK)

    @property
    def feelings(self) -> tuple[Feeling, ...]:
        return tuple(Feeling(a.value) for a in self.of(ActKind.FEELING))

    @property
    def others_facts(self) -> tuple[Act, ...]:
        """Facts about someone else: kept for the lead card, never the person's slots."""
        return tuple(
            a
            for a in self.of(ActKind.FACT)
            if a.subject is not Subject.SELF and a.subject.value != self.on_behalf
        )  # (the relative the person writes for is the lead: their facts are the slots)


@dataclass(frozen=True)
class SessionState:
    """Everything the policy needs between turns; stored as JSON on the session."""

    stage: Stage = Stage.GREETING
    slots: Slots = field(default_factory=Slots)
    last_ask: Ask | None = None
    asked: tuple[Ask, ...] = ()  # qualification questions already asked once
    consent: bool | None = None
    consent_at: str | None = None  # ISO time of the explicit yes
    pending_phone: str | None = None  # given before consent; dropped on refusal
    # The person said "согласен" before any consent text, and the reply showed the text and
    # said that sending the number (or "да") confirms it: a phone next is that confirmation.
    phone_confirms: bool = False
    invalid_phone_tries: int = 0
    turns: int = 0
    source: str | None = None  # /start payload: ad campaign, site button
    objections: tuple[str, ...] = ()  # kinds raised so far, for the lead card
    last_reply: str = ""
    approximate: tuple[str, ...] = ()  # slots given as hedged figures
    call_tz: str | None = None  # the zone the person named for the call time
    call_zone_said: str | None = None  # that zone in their words: "тюменскому времени"
    others: tuple[dict[str, Any], ...] = ()  # facts about relatives, for the lead card
    answered: tuple[str, ...] = ()  # ask topics answered so far (a topic again: fuller)
    # the turn whose reply answered the last of them: a bare "а почему?" presses only an
    # answer just given, never one from turns before
    answered_turn: int = 0
    # the topics the person asked themselves, in order, once (never a stated concern
    # answered unasked): what the lead card says they asked
    questions: tuple[str, ...] = ()
    last_subject: str | None = None  # whom the last message was about, for "он"/"она"
    sent: tuple[str, ...] = ()  # digests of sentences already sent: never the same twice
    crisis: bool = False  # wrote of suicide or self-harm: no sales, no follow-ups
    # after the crisis they asked to go on ("давайте разберёмся с долгами"): the script runs
    # again from then on (still no follow-ups); a new crisis message sets it back
    crisis_resumed: bool = False
    pledged_car: bool = False  # a car under pledge: its risk is told before any route
    # one loan told in passing, uncounted ("кредит брала в 2019"): "и ещё кредитка" makes two
    one_loan_told: bool = False
    no_own_home: bool = False  # said they own no home: the mortgage is not asked
    heirs: bool = False  # a relative of theirs died: "должна ли я платить?" is about heirs
    guarantor: str | None = None  # the relative who guarantees a loan: "что будет с братом?"
    # "пишу за маму": the mother is the debtor; her facts are the lead's, the phone the writer's
    on_behalf: str | None = None
    on_behalf_word: str | None = None  # "мама": the questions about her facts name her
    opted_out_ever: bool = False  # the lasting /stop flag: nothing unsolicited, ever
    # Picks the person's wordings of the script (the A/B arms): set once at the first
    # turn and kept, so the same person always gets the same variants and a replay of
    # their messages gives the same replies. None: not assigned yet.
    variant_seed: int | None = None
    # The reminder offer: None (never made), "offered", "agreed", "declined". Made once.
    followup: str | None = None
    resume_ask: Ask | None = None  # the script question the offer stood in for
    call_cancelled: bool = False  # the person called the booked call off ("не смогу")
    # The route and the statutory warning were said (the offer, or inside the consent
    # message of a person who asked for the call first): 38-ФЗ art. 28.1 before booking.
    offered: bool = False
    # The person's own words the calling lawyer must read as said: a deal, a plan to move
    # property, a guarantor or co-borrower, a pledged car (at most a few, each short).
    notes: tuple[str, ...] = ()
    # What the lawyer must know that fills no slot, read as `note` acts: {"value": "ip_closed",
    # "text": "я ИП была, закрыла в 2022"} (a business, taxes, fines, alimony, a past bankruptcy)
    flagged: tuple[dict[str, str], ...] = ()
    # Wrote for a relative, then asked to be counted instead ("давайте по мне"): whom they
    # wrote for and that relative's facts as they stood, {"subject": "parent", "slots": {...}}
    switched_from: dict[str, Any] | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "stage": self.stage.value,
            "slots": self.slots.to_json(),
            "last_ask": _plain(self.last_ask),
            "asked": [a.value for a in self.asked],
            "consent": self.consent,
            "consent_at": self.consent_at,
            "pending_phone": self.pending_phone,
            "phone_confirms": self.phone_confirms,
            "invalid_phone_tries": self.invalid_phone_tries,
            "turns": self.turns,
            "source": self.source,
            "objections": list(self.objections),
            "last_reply": self.last_reply,
            "approximate": list(self.approximate),
            "call_tz": self.call_tz,
            "call_zone_said": self.call_zone_said,
            "others": list(self.others),
            "answered": list(self.answered),
            "answered_turn": self.answered_turn,
            "questions": list(self.questions),
            "last_subject": self.last_subject,
            "sent": list(self.sent),
            "crisis": self.crisis,
            "crisis_resumed": self.crisis_resumed,
            "pledged_car": self.pledged_car,
            "one_loan_told": self.one_loan_told,
            "no_own_home": self.no_own_home,
            "heirs": self.heirs,
            "guarantor": self.guarantor,
            "on_behalf": self.on_behalf,
            "on_behalf_word": self.on_behalf_word,
            "opted_out_ever": self.opted_out_ever,
            "variant_seed": self.variant_seed,
            "followup": self.followup,
            "resume_ask": _plain(self.resume_ask),
            "call_cancelled": self.call_cancelled,
            "offered": self.offered,
            "notes": list(self.notes),
            "flagged": list(self.flagged),
            "switched_from": self.switched_from,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> SessionState:
        return cls(
            stage=Stage(data.get("stage", Stage.GREETING)),
            slots=Slots.from_json(data.get("slots") or {}),
            last_ask=Ask(data["last_ask"]) if data.get("last_ask") else None,
            asked=tuple(Ask(a) for a in data.get("asked") or ()),
            consent=data.get("consent"),
            consent_at=data.get("consent_at"),
            pending_phone=data.get("pending_phone"),
            phone_confirms=bool(data.get("phone_confirms", False)),
            invalid_phone_tries=int(data.get("invalid_phone_tries", 0)),
            turns=int(data.get("turns", 0)),
            source=data.get("source"),
            objections=tuple(data.get("objections") or ()),
            last_reply=data.get("last_reply", ""),
            approximate=tuple(data.get("approximate") or ()),
            call_tz=data.get("call_tz"),
            call_zone_said=data.get("call_zone_said"),
            others=tuple(data.get("others") or ()),
            answered=tuple(data.get("answered") or ()),
            answered_turn=int(data.get("answered_turn", 0)),
            questions=tuple(data.get("questions") or ()),
            last_subject=data.get("last_subject"),
            sent=tuple(data.get("sent") or ()),
            crisis=bool(data.get("crisis", False)),
            crisis_resumed=bool(data.get("crisis_resumed", False)),
            pledged_car=bool(data.get("pledged_car", False)),
            one_loan_told=bool(data.get("one_loan_told", False)),
            no_own_home=bool(data.get("no_own_home", False)),
            heirs=bool(data.get("heirs", False)),
            guarantor=data.get("guarantor") if isinstance(data.get("guarantor"), str) else None,
            on_behalf=data.get("on_behalf") if isinstance(data.get("on_behalf"), str) else None,
            on_behalf_word=(
                data["on_behalf_word"] if isinstance(data.get("on_behalf_word"), str) else None
            ),
            opted_out_ever=bool(data.get("opted_out_ever", False)),
            variant_seed=data.get("variant_seed"),
            followup=data.get("followup"),
            resume_ask=Ask(data["resume_ask"]) if data.get("resume_ask") else None,
            call_cancelled=bool(data.get("call_cancelled", False)),
            offered=bool(data.get("offered", False)),
            notes=tuple(n for n in data.get("notes") or () if isinstance(n, str)),
            flagged=tuple(
                {str(k): str(v) for k, v in f.items() if k in ("value", "text", "until") and v}
                | {"value": str(f.get("value")), "text": str(f.get("text", ""))}
                for f in data.get("flagged") or ()
                if isinstance(f, dict) and f.get("value")
            ),
            switched_from=(
                data["switched_from"] if isinstance(data.get("switched_from"), dict) else None
            ),
        )


class Event(StrEnum):
    """Things that happened in a turn that the reply must mention."""

    FIRST_CONTACT = "first_contact"  # introduce herself
    HELP = "help"
    TRUNCATED = "truncated"  # message was cut to the maximum length
    UNREADABLE = "unreadable"
    VOICE_UNSUPPORTED = "voice_unsupported"
    ASKS_IF_BOT = "asks_if_bot"
    INJECTION = "injection"
    OFF_TOPIC = "off_topic"
    CORRECTED = "corrected"
    ABSURD_AMOUNT = "absurd_amount"
    VERDICT_READY = "verdict_ready"  # offer: name the route
    CONSENT_GIVEN = "consent_given"
    CONSENT_REFUSED = "consent_refused"
    INVALID_PHONE = "invalid_phone"
    BOOKED = "booked"
    BOOKING_UPDATED = "booking_updated"
    NOT_A_FIT = "not_a_fit"
    OPTED_OUT = "opted_out"
    ALREADY_OPTED_OUT = "already_opted_out"  # silent: no reply at all
    RESUMED = "resumed"  # wrote again after /stop
    FORGOTTEN = "forgotten"
    NOTHING_STORED = "nothing_stored"  # /forget with nothing told yet (again right after one)
    CRISIS = "crisis"  # the person wrote of suicide or self-harm: no sales, alert the managers
    FOLLOWUP_OFFERED = "followup_offered"  # "Могу напомнить завтра — удобно?"
    FOLLOWUP_AGREED = "followup_agreed"  # a clear yes: the first follow-up is scheduled
    FOLLOWUP_DECLINED = "followup_declined"
    REMINDERS_STOPPED = "reminders_stopped"  # "не надо напоминать": every reminder cancelled
    CALL_CANCELLED = "call_cancelled"  # "не смогу" about the booked call
    # The call was asked for before the offer: the route (or both routes and what decides)
    # and the statutory warning go inside the consent message (38-ФЗ art. 28.1).
    OFFER_AT_BOOKING = "offer_at_booking"
    AFTER_CRISIS = "after_crisis"  # a turn after a crisis: answers only, no script, no sales
    DECLINED_HELP = "declined_help"  # "не нужно мне ничего": a polite close, no question
    FILES_ALONE = "files_alone"  # "сама в МФЦ схожу": a helpful close, no question
    FAREWELL = "farewell"  # "ясно. спасибо, пока": a short warm close, no question
    # written for a relative, then "давайте по мне": one sentence says the case is now theirs
    SWITCHED_TO_WRITER = "switched_to_writer"


@dataclass(frozen=True)
class TurnPlan:
    """The policy's decision for one turn: what the reply must do."""

    stage: Stage  # stage after this turn
    previous_stage: Stage
    ask: Ask  # the single question that closes the reply
    verdict: Verdict | None = None
    objection: ObjectionKind | None = None
    topic: Topic | None = None
    events: tuple[Event, ...] = ()
    filled: tuple[str, ...] = ()  # slot names this turn filled or changed
    silent: bool = False  # send nothing (opted out)
    forget: bool = False  # delete every row of the person
    acts: tuple[Act, ...] = ()  # how the message was read
    answers: tuple[Topic, ...] = ()  # the person's questions this reply answers, in order
    repeated: tuple[Topic, ...] = ()  # of those, asked before: a fuller answer
    feeling: Feeling | None = None  # one sentence of acknowledgement first
    confirm: tuple[str, ...] = ()  # approximate facts to confirm in passing
    conflict: tuple[str, int, int] | None = None  # (slot, kept, stray): which is right?

    def has(self, event: Event) -> bool:
        return event in self.events

    def to_json(self) -> dict[str, Any]:
        return {
            "stage": self.stage.value,
            "previous_stage": self.previous_stage.value,
            "ask": self.ask.value,
            "verdict": _plain(self.verdict),
            "objection": _plain(self.objection),
            "topic": _plain(self.topic),
            "events": [e.value for e in self.events],
            "filled": list(self.filled),
            "silent": self.silent,
            "forget": self.forget,
            "acts": [a.to_json() for a in self.acts],
            "answers": [t.value for t in self.answers],
            "repeated": [t.value for t in self.repeated],
            "feeling": _plain(self.feeling),
            "confirm": list(self.confirm),
            "conflict": list(self.conflict) if self.conflict else None,
        }


@dataclass(frozen=True)
class Incoming:
    """One message of a person, as an adapter received it."""

    user_id: int
    chat_id: int
    message_id: int
    text: str
    at: datetime
    kind: MessageKind = MessageKind.TEXT
    first_name: str | None = None
    username: str | None = None


@dataclass(frozen=True)
class HistoryLine:
    role: str  # "user" | "assistant"
    text: str


@dataclass(frozen=True)
class WriteRequest:
    """All a writer may use to word one reply."""

    plan: TurnPlan
    state: SessionState  # after this turn
    user_text: str
    history: tuple[HistoryLine, ...] = ()  # last few messages, oldest first
    privacy_policy_url: str = ""
    understanding: Understanding = field(default_factory=Understanding)
    call_window: str = ""  # booked: when the lawyer can call, within OFFICE_HOURS (a sentence)
    # booked: the call time as said with its zone ("в 14:00 по новосибирскому времени (в 10:00
    # по Москве)"); "" before a call time is known
    call_time_text: str = ""
    crisis_helpline: str = ""  # CRISIS_HELPLINE: named next to 112 to a person in crisis
    followup_when: str = "завтра"  # when the first follow-up would come (FOLLOWUP_DELAYS_DAYS)


@dataclass(frozen=True)
class Written:
    """A writer's answer: the words plus how they were made."""

    text: str
    writer: str  # "script" | "llm"
    extracted: Understanding | None = None  # what the LLM understood, if any
    tokens_in: int = 0
    tokens_out: int = 0
    latency_ms: int = 0
    rejection: str | None = None  # why the LLM answer was not used
    # The script texts the reply was made of, "key#index" ("offer.court#1"); for an LLM
    # reply, those of the draft it reworded. Stored on the reply for the A/B report.
    variants: tuple[str, ...] = ()


@dataclass(frozen=True)
class Reply:
    """What the conversation service hands back to the adapter."""

    user_id: int
    chat_id: int
    text: str
    stage: Stage
    plan: TurnPlan
    state: SessionState
    writer: str
    rejection: str | None = None
    answered_message_ids: tuple[int, ...] = ()


class Writer(Protocol):
    """Words one reply for a plan. The scripted writer never fails."""

    name: str

    async def write(self, request: WriteRequest) -> Written: ...


@dataclass(frozen=True)
class Firm:
    """The firm Daria speaks for (FIRM_* settings); an empty field is never mentioned."""

    name: str = ""
    site: str = ""
    phone: str = ""  # the number the lawyer calls from, as people read it
    inn: str = ""
    ogrn: str = ""

    def registry_ids(self) -> str:
        """'ИНН 7701234567, ОГРН 1027700000000' — what a person can check in ЕГРЮЛ."""
        ids = [f"ИНН {self.inn}" if self.inn else "", f"ОГРН {self.ogrn}" if self.ogrn else ""]
        return ", ".join(i for i in ids if i)


# --- reminders: follow-ups people agreed to, call reminders --------------------------------


class ReminderKind(StrEnum):
    FOLLOWUP = "followup"  # a reminder the person agreed to (at most two)
    CALL = "call"  # about an hour before the booked call


@dataclass(frozen=True)
class ReminderChange:
    """A change to the person's reminders, stored with the turn that makes it.

    With `cancel` set: every scheduled reminder of `kind` is cancelled with that reason.
    Otherwise one reminder of `kind` is scheduled for `due_at` (UTC)."""

    kind: ReminderKind
    cancel: str | None = None
    due_at: datetime | None = None
    attempt: int = 1
    call_at: datetime | None = None  # call reminders: when the call itself is planned


@dataclass(frozen=True)
class Reminder:
    """A stored reminder row."""

    id: int
    user_id: int
    kind: ReminderKind
    attempt: int
    due_at: datetime
    status: str  # "scheduled", "sent", "cancelled"
    created_at: datetime
    call_at: datetime | None = None
    sent_at: datetime | None = None
    cancel_reason: str | None = None


@dataclass(frozen=True)
class ReminderContext:
    """What a reminder's decision may look at, read in the transaction that acts on it."""

    reminder: Reminder | None  # None: the offer after a pause
    state: SessionState
    updated_at: datetime  # the session's last turn (Daria's last reply)
    last_incoming_at: datetime | None  # the person's last message
    unanswered: bool  # a message of the person waits for its turn
    held: bool  # a manager holds the chat (user mode)


@dataclass(frozen=True)
class ReminderAction:
    """What to do with a due reminder (or the pause offer); empty: nothing now."""

    text: str = ""  # send this: a pending reply, delivered at least once
    state: SessionState | None = None  # stored with the text
    plan: dict[str, Any] = field(default_factory=dict)  # the reply row's plan_json
    cancel: str | None = None  # cancel the reminder, with this reason
    postpone_to: datetime | None = None  # move the reminder to this moment (UTC)
    schedule: tuple[ReminderChange, ...] = ()  # more changes in the same transaction
