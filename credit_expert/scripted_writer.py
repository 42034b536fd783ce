"""The offline writer: Daria's words from prompts/script.toml. It never fails.

It answers every plan on its own when there is no LLM, and stands in for the
LLM whenever its answer is late, broken or rejected.
"""

from __future__ import annotations

import hashlib
import re
import string
import tomllib
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path
from typing import Any

import phonenumbers

from credit_expert.models import (
    Act,
    ActKind,
    Ask,
    Enforcement,
    Event,
    Firm,
    ObjectionKind,
    Slots,
    Stage,
    Subject,
    Topic,
    Understanding,
    Verdict,
    WriteRequest,
    Written,
)
from credit_expert.policy import (
    COURT_MIN_DEBT,
    MFC_MAX_DEBT,
    MFC_MIN_DEBT,
    case_verdict,
    inherited_debts,
    mfc_conclusion,
    mfc_grounds,
)
from credit_expert.resources import resource_path
from credit_expert.understanding.asks import (
    COME_BACK,
    COMPANY_WORD,
    FORMER_IP,
    MANAGER_ROLE,
    OMBUDSMAN,
    STUDY_PLACE,
    deceased_relatives,
    denies_cosigning,
    inherits_myself,
    names_a_cosigner,
)
from credit_expert.understanding.subjects import relative_named, relative_noun
from credit_expert.understanding.text import looks_like_translit

ACK_FACTS = 4  # a recap longer than this makes the message too long for a phone screen
PROMPTS_DIR = resource_path("prompts")
SCRIPT_FILE = PROMPTS_DIR / "script.toml"
ANSWERS_FILE = PROMPTS_DIR / "answers.toml"
WORD_BUDGET = 60  # a phone screen: the statutory warning and the script question come on top
ANSWERS_MIN_BUDGET = 50  # two short answers always fit, even after a greeting
# 38-ФЗ art. 28.1 (332-ФЗ): word for word in every offer and follow-up.
STATUTORY_WARNING = (
    "Банкротство влечет негативные последствия, в том числе ограничения на получение кредита"
    " и повторное банкротство в течение пяти лет. Предварительно обратитесь к своему"
    " кредитору и в МФЦ."
)

# Events that open the reply, in this order, each with its text key.
_OPENING_EVENTS: tuple[tuple[Event, str], ...] = (
    (Event.HELP, "help"),
    (Event.TRUNCATED, "truncated"),
    (Event.VOICE_UNSUPPORTED, "voice_unsupported"),
    (Event.ASKS_IF_BOT, "asks_if_bot"),
    (Event.INJECTION, "injection"),
    (Event.OFF_TOPIC, "off_topic"),
    (Event.ABSURD_AMOUNT, "absurd_amount"),
    (Event.CORRECTED, "corrected"),
    (Event.SWITCHED_TO_WRITER, "switched_to_writer"),
)
# Answers about reminders and the booked call: one fixed text, nothing else in the reply.
_REMINDER_ANSWERS: tuple[tuple[Event, str], ...] = (
    (Event.FOLLOWUP_AGREED, "followup.agreed"),
    (Event.FOLLOWUP_DECLINED, "followup.declined"),
    (Event.REMINDERS_STOPPED, "followup.stopped"),
    (Event.CALL_CANCELLED, "call.cancelled"),
)
_ACK_STAGES = frozenset({Stage.GREETING, Stage.QUALIFICATION})
_GENERAL_DOUBTS = frozenset({ObjectionKind.THINK, ObjectionKind.PRICE})
# Turns that close without a script question, each with its closing text.
_QUIET_CLOSES: tuple[tuple[Event, str], ...] = (
    (Event.FILES_ALONE, "files_alone"),
    (Event.DECLINED_HELP, "declined_help"),
    (Event.FAREWELL, "farewell"),
    (Event.AFTER_CRISIS, "after_crisis"),
)
_CLOSING_EVENTS: tuple[tuple[Event, str], ...] = (
    (Event.CONSENT_REFUSED, "consent_refused"),
    (Event.CONSENT_GIVEN, "consent_given"),
    (Event.INVALID_PHONE, "invalid_phone"),
    (Event.NOT_A_FIT, "not_a_fit"),  # (below the МФЦ minimum: not_a_fit_tiny)
)


@dataclass(frozen=True)
class ReplyTexts:
    """Variants by dotted key ("ask.debt_total", "objection.price")."""

    variants: dict[str, tuple[str, ...]]

    def get(self, key: str) -> tuple[str, ...]:
        return self.variants.get(key, ())


@cache
def load_texts(*paths: Path) -> ReplyTexts:
    """Both text files: script.toml (`variants`) and answers.toml (`short`, `full`, `key`)."""
    found: dict[str, tuple[str, ...]] = {}

    def walk(prefix: str, node: dict[str, Any]) -> None:
        for key, value in node.items():
            name = f"{prefix}.{key}" if prefix else key
            if key == "variants":
                found[prefix] = tuple(value)
            elif key in ("short", "full", "key"):
                found[name] = tuple(value)
            elif isinstance(value, dict):
                walk(name, value)

    for path in paths or (SCRIPT_FILE, ANSWERS_FILE):
        with path.open("rb") as file:
            walk("", tomllib.load(file))
    return ReplyTexts(found)


def _sentences(text: str) -> set[str]:
    return {s.strip() for s in re.split(r"(?<=[.!?])\s+", text) if s.strip()}


SENT_KEPT = 400  # sentence digests kept per person: a long dialogue never repeats a paragraph


def sentence_digests(text: str) -> tuple[str, ...]:
    """Short digests of a reply's sentences: kept on the session so none is sent twice."""
    return tuple(
        hashlib.blake2s(s.lower().encode(), digest_size=6).hexdigest()
        for s in sorted(_sentences(text))
        if len(s.split()) > 3  # "Поняла." may recur; a paragraph may not
    )


def words(text: str) -> int:
    return len(re.findall(r"\w+", text))


_LATIN_WORD = re.compile(r"\b[a-zA-Z]{2,}\b")
_CYRILLIC_WORD = re.compile(r"\b[а-яА-ЯёЁ]{2,}\b")


_ROUTE_TOPICS = frozenset({Topic.HOW_IT_WORKS, Topic.ELIGIBILITY})


def _in_english(text: str) -> bool:
    latin, cyrillic = len(_LATIN_WORD.findall(text)), len(_CYRILLIC_WORD.findall(text))
    return latin >= 3 and latin > 2 * cyrillic and not looks_like_translit(text)


class ScriptedWriter:
    name = "script"

    def __init__(self, texts: ReplyTexts | None = None, firm: Firm | None = None) -> None:
        self._texts = texts or load_texts()
        self._firm = firm or Firm()

    def text(self, key: str, **fields: str) -> str:
        """One fixed text outside the script's plans (/mydata), its fields filled."""
        variants = self._texts.get(key)
        return variants[0].format(**fields) if variants else ""

    async def write(self, request: WriteRequest) -> Written:
        text, variants = self.compose_with_variants(request)
        return Written(text=text, writer=self.name, variants=variants)

    def compose(self, request: WriteRequest) -> str:
        return self.compose_with_variants(request)[0]

    def compose_with_variants(self, request: WriteRequest) -> tuple[str, tuple[str, ...]]:
        """The reply and the texts it was made of ("offer.court#1"), for the A/B report."""
        if request.plan.silent:
            return "", ()
        picker = _Picker(
            self._texts,
            request.state.turns,
            _sentences(request.state.last_reply),
            set(request.state.sent),
            seed=request.state.variant_seed,
            over_mfc=(request.state.slots.debt_total or 0) > MFC_MAX_DEBT,
        )
        text = without_repeated_sentences(self._compose(picker, request))
        if not text.strip():
            # the last resort: whatever the plan, nobody is left without an answer
            text = picker.pick("last_resort") or picker.pick("still_here_short")
        return text, tuple(picker.picked)

    def _compose(self, picker: _Picker, request: WriteRequest) -> str:
        plan = request.plan
        if plan.has(Event.CRISIS):
            return self._crisis(picker, request)
        if plan.has(Event.FORGOTTEN):
            # twice in a row ("удалите мои данные", then /forget): not the same paragraph
            return picker.pick(
                "forgotten_nothing" if plan.has(Event.NOTHING_STORED) else "forgotten"
            )
        if plan.has(Event.OPTED_OUT):
            return picker.pick("opted_out")
        for event, key in _REMINDER_ANSWERS:
            if plan.has(event):
                return picker.pick(key, when=request.followup_when)

        parts: list[str] = []
        if plan.has(Event.FIRST_CONTACT):
            # a first message that asks or feels something: the short introduction, so the
            # answer comes sooner on a phone screen (still the firm's virtual assistant)
            intro = "intro_short" if plan.answers or plan.feeling is not None else "intro"
            parts.append(
                picker.pick(intro, firm=f" «{self._firm.name}»" if self._firm.name else "")
            )
            parts.append(self._firm_sentence(picker, "firm.site"))
        elif plan.has(Event.RESUMED):
            parts.append(picker.pick("resumed"))
        if (
            _in_english(request.user_text)
            and not request.user_text.lstrip().startswith("/")
            and not picker.sent_before("english")
        ):
            # (a command's payload — "/start vk-debt2026-story", an ad link — is not English;
            # the note is said once: the person knows it from then on)
            parts.append(picker.pick("english"))
        if plan.feeling is not None and not any(
            _answer_key(t, request) in _ACKNOWLEDGING for t in plan.answers
        ):
            parts.append(picker.pick(f"feeling.{plan.feeling.value}"))
        opening = [key for event, key in _OPENING_EVENTS if plan.has(event)]
        if Topic.IS_BOT in plan.answers and "asks_if_bot" in opening:
            opening.remove("asks_if_bot")  # answered once, as an ask
        if "injection" in opening and "off_topic" in opening:
            opening.remove("off_topic")  # one calm refusal, not two
        parts += [picker.pick(key) for key in opening]

        # The echo only confirms a new number; an approximate one is confirmed in passing.
        numbers = tuple(n for n in plan.filled if n in _ECHOED and n not in plan.confirm)
        facts = describe_facts(request.state.slots, numbers, limit=ACK_FACTS)
        if (
            facts
            and not plan.answers
            and not plan.has(Event.BOOKED)
            and not plan.has(Event.VERDICT_READY)
            and not plan.has(Event.OFFER_AT_BOOKING)
        ):
            # (the route "по вашим ответам" closes qualification: no recap, a shorter message)
            parts.append(picker.pick("ack", facts=facts))
        if "debt_total" in plan.confirm and request.state.slots.debt_total:
            parts.append(
                picker.pick(
                    "confirm.debt_approx", debt=format_rubles(request.state.slots.debt_total)
                )
            )
        budget = max(WORD_BUDGET - words(" ".join(parts)), ANSWERS_MIN_BUDGET)
        parts += self._answers(picker, request, budget=budget)
        quiet = next((key for event, key in _QUIET_CLOSES if plan.has(event)), "")
        if quiet == "files_alone":
            quiet = _files_alone_key(request)
        if quiet == "after_crisis" and _crisis_close_said(picker):
            # said in the last reply, or every wording said: not again (facts told are noted)
            quiet = ""
            if not parts:
                parts.append(picker.pick("noted"))
        if (
            (not plan.answers or plan.objection in _OWN_PLAYBOOK)
            and not quiet
            and not plan.has(Event.AFTER_CRISIS)
        ):
            # "в другой фирме за 50 тысяч — вы сколько берёте?": the price, and what is included
            # (never after a crisis or a "не нужно мне ничего": no playbook sells there)
            parts.append(self._doubt_answer(picker, request))
        tiny = _below_mfc(request)
        parts += [
            picker.pick("not_a_fit_tiny" if key == "not_a_fit" and tiny else key)
            for event, key in _CLOSING_EVENTS
            if plan.has(event)
        ]
        if plan.has(Event.VERDICT_READY) or plan.has(Event.OFFER_AT_BOOKING):
            # (asked for the call before the offer: the route goes inside the consent message)
            parts.append(self._offer(picker, request))
        if quiet:
            parts.append(picker.pick(quiet))
            if quiet in ("files_alone", "files_alone_conditions") and not request.state.offered:
                # the МФЦ route affirmed before any offer: its consequences, as in the offer
                parts.append(STATUTORY_WARNING)
        if plan.has(Event.BOOKED):
            parts.append(picker.pick("booked", **_booking_fields(request)))
            parts.append(self._firm_sentence(picker, "firm.caller"))
        elif plan.has(Event.BOOKING_UPDATED) and _booking_changed(request):
            parts.append(picker.pick("booking_updated", **_booking_fields(request)).strip())

        if not any(parts):
            if plan.has(Event.UNREADABLE):
                parts.append(picker.pick("unreadable"))
            elif not plan.filled and not plan.events and plan.stage in _ACK_STAGES:
                # words but no fact: what was read (a yes, a "не знаю", a relative's fact) is
                # noted; a message read as nothing is said to be so, never met with an empathy
                # line that pretends it was understood (a feeling has its own line, above)
                read = _read_something(request.understanding)
                parts.append(picker.pick("noted" if read else "not_understood"))
            elif plan.stage in (Stage.OPTED_OUT, Stage.NOT_A_FIT) and plan.filled:
                # facts told after /stop, or after "банкротство вам вряд ли нужно": heard first
                # ("Поняла. Могу ещё чем-то помочь?"), never a bare "я здесь" to a fact
                parts.append(picker.pick("noted"))
        if (
            (
                any(
                    (t in _ROUTE_TOPICS and _answer_key(t, request) not in _NO_ROUTE_NAMED)
                    or _answer_key(t, request) in _ROUTE_CONCLUDED
                    for t in plan.answers
                )
                or any(holds_out_a_route(p) for p in parts)
            )
            and STATUTORY_WARNING not in " ".join(parts)
            and not picker.said(STATUTORY_WARNING)
            and not request.state.offered
        ):
            # "можно это как-то списать?": the routes named to a person carry the warning
            # (38-ФЗ art. 28.1), as the offer does; the question stays last
            parts.append(STATUTORY_WARNING)
        parts.append(self._question(picker, request))
        return " ".join(p for p in parts if p)

    def _answers(self, picker: _Picker, request: WriteRequest, budget: int) -> list[str]:
        """One or two sentences for each question asked, in order; over budget, the lawyer."""
        plan = request.plan
        texts: list[str] = []
        pressed: list[bool] = []  # asked again: the fuller answer, never cut
        keys_used: set[str] = set()
        if _inheritance_answered(request):
            keys_used.add("answer.heirs")  # the heir's own answer names the limit already
        keyed = [(t, k) for t in plan.answers for k in _answer_keys(t, request)]
        many = len(keyed) > 2
        for topic, key in keyed:
            if key in keys_used:
                continue  # two questions one paragraph answers ("я отвечаю? и сын будет?"): once
            keys_used.add(key)
            if keys_used & set(_SAID_WITHIN.get(key, ())):
                continue  # "через мфц это бесплатно? скока стоит?": the МФЦ answer says it
            if key == "not_a_fit" and plan.has(Event.NOT_A_FIT):
                continue  # the verdict's own paragraph, closing this reply, answers it
            if key == "not_a_fit" and (
                picker.sent_before(key) or picker.sent_before("not_a_fit_tiny")
            ):
                key = "answer.not_a_fit_again"  # said once: the same advice in other words
            fuller = topic in plan.repeated
            prefer = _preferred(key, request)
            plain = key == "not_a_fit"  # a script.toml text, one wording for both
            variant = "" if plain else (".full" if fuller else ".short")
            if plain and _below_mfc(request):
                key = "not_a_fit_tiny"  # under 25 000 ₽ neither route, МФЦ included
            fields = {"who": relative_word(request)} if key.endswith("_relative") else {}
            text = picker.pick(f"{key}{variant}", prefer=prefer, **fields)
            if key == "answer.firm_contact":
                # "дайте ваш номер": the firm's phone, else its site, when configured
                contact = self._firm_sentence(picker, "firm.contact_phone") or (
                    self._firm_sentence(picker, "firm.contact_site")
                )
                text = " ".join(t for t in (text, contact) if t)
            if many:
                # three questions: a sentence each, all answered (one asked again gets the
                # first sentence of its fuller answer, other words than the first time)
                text = _first_sentence(text)
            texts.append(text)
            pressed.append(fuller)
        if words(" ".join(texts)) <= budget * 1.5 or len(texts) < 2:
            return texts
        # Over budget: a sentence per question, however many, rather than a question dropped
        # (one asked again keeps its fuller answer); the lawyer says the rest ("квартиру
        # заберут? с работы уволят? и ребенку долги перейдут?").
        cut = [
            text if again else _first_sentence(text)
            for text, again in zip(texts, pressed, strict=True)
        ]
        return [*cut, picker.pick("over_budget")] if cut != texts else cut

    def _offer(self, picker: _Picker, request: WriteRequest) -> str:
        """The route, its honest conditions, the pledge risk first, the statutory warning."""
        slots = request.state.slots
        risks = []
        if slots.mortgage and not any(picker.sent_before(k) for k in _MORTGAGE_WARNED):
            # (the person asked of their mortgaged flat and was told: not again in the offer)
            risks.append(picker.pick("risk.mortgage_flat"))
        if request.state.pledged_car and "pledged_car" not in request.state.answered:
            risks.append(picker.pick("risk.pledged_car"))  # (said once already: not again)
        earlier = next(
            (f for f in request.state.flagged if f.get("value") == "past_bankruptcy"), None
        )
        if earlier and earlier.get("until"):
            # "процедура закончилась в 2022": the 5 years have not passed, said as it is
            risks.append(picker.pick("risk.past_bankruptcy_until", year=earlier["until"]))
        elif earlier:
            risks.append(picker.pick("risk.past_bankruptcy"))  # the route waits on the 5 years
        if any(f.get("value") == "svo" for f in request.state.flagged):
            # a serviceman at the front: credit holidays and the suspended enforcement first
            risks.append(picker.pick("risk.svo"))
        verdict = request.plan.verdict
        route = verdict.value if verdict in (Verdict.COURT, Verdict.MFC) else "both"
        if verdict is Verdict.NOT_A_FIT:
            route_text = picker.pick("offer_at_booking.not_a_fit")  # the call was asked for
        elif route in ("mfc", "court") and _writes_for_relative(request):
            # "пишу за маму": the route is the relative's, named as theirs ("вам подходит" is
            # never said to a writer who owes nothing)
            route_text = picker.pick(f"offer.{route}_relative", who=relative_word(request))
        else:
            route_text = picker.pick(f"offer.{route}")
        return " ".join([*risks, route_text, STATUTORY_WARNING])

    def _crisis(self, picker: _Picker, request: WriteRequest) -> str:
        text = picker.pick("crisis", helpline=request.crisis_helpline or "{helpline}")
        if not request.crisis_helpline:  # never an invented number: drop that sentence
            text = " ".join(s for s in re.split(r"(?<=[.!?])\s+", text) if "{helpline}" not in s)
        return text

    def _doubt_answer(self, picker: _Picker, request: WriteRequest) -> str:
        plan = request.plan
        # A concrete legal question ("а машину заберут?") gets its own factual answer,
        # unless the doubt is about money or time, which the playbook answers.
        general_doubt = plan.objection in _GENERAL_DOUBTS
        topic_key = f"topic.{plan.topic.value}" if plan.topic else ""
        if plan.topic is Topic.FLAT and request.state.slots.mortgage:
            topic_key = "topic.flat_mortgage"  # the sole-home rule does not cover a pledge
        if topic_key and self._texts.get(topic_key) and not general_doubt:
            if plan.topic in plan.answers or (
                plan.topic is not None and plan.topic.value in request.state.answered
            ):
                # (answered before, and only touched on now — "приставы по алиментам есть"
                # after "алименты спишут?": the same idea again, unasked, is left out)
                # "гарантии есть?" with a doubt: the answer to the question says it; its
                # topic text again would be the same thought twice in one message
                return ""
            return picker.pick(topic_key)
        if plan.objection is ObjectionKind.TRUST:
            check = self._firm_sentence(picker, "firm.check") or self._firm_sentence(
                picker, "firm.site"
            )
            return " ".join(p for p in (picker.pick("objection.trust"), check) if p)
        if plan.objection is not None:
            return picker.pick(f"objection.{plan.objection.value}")
        return ""

    def _firm_sentence(self, picker: _Picker, key: str) -> str:
        """A sentence about the firm, or "" when a setting it names is empty."""
        fields = {
            "firm_name": self._firm.name,
            "firm_site": self._firm.site,
            "firm_phone": self._firm.phone,
            "firm_ids": self._firm.registry_ids(),
        }
        text = picker.pick(key, **fields)
        used = {name for _, name, _, _ in string.Formatter().parse(_first(self._texts, key))}
        return text if all(fields.get(name) for name in used if name) else ""

    def _question(self, picker: _Picker, request: WriteRequest) -> str:
        plan = request.plan
        if plan.ask is Ask.NOTHING:
            return ""
        if plan.ask is Ask.FOLLOWUP:
            return picker.pick("ask.followup", when=request.followup_when)
        if plan.ask is Ask.ANYTHING_ELSE and plan.has(Event.BOOKED):
            return ""  # the confirmation closes the dialogue; no question needed
        if _declined_call(request):  # respect the "no", ask what holds them back
            return picker.pick("declined_call") + " " + picker.pick("ask.what_holds_back")
        if _thinking_it_over(request):  # the doubt was answered; no pressure now
            return picker.pick("ask.what_holds_back")
        if plan.conflict and plan.ask is Ask.DEBT_TOTAL:
            _, kept, stray = plan.conflict
            return picker.pick(
                "confirm.conflict", old=format_rubles(kept), new=format_rubles(stray)
            )
        asked_before = any(
            picker.sent_before(key, privacy_url=request.privacy_policy_url)
            # (the invitation and the other consent messages show the text too)
            for key in (
                "ask.consent",
                "ask.call_invite",
                "ask.consent_confirm",
                "ask.consent_confirm_phone",
                "ask.consent_after_offer",
            )
        )
        if plan.ask is Ask.CONSENT and request.state.phone_confirms:
            # "согласна" before the text: the text now, and the number (or "да") confirms it
            return picker.pick("ask.consent_confirm_phone", privacy_url=request.privacy_policy_url)
        if plan.ask is Ask.CONSENT and (plan.topic is Topic.CONSENT_INFO or asked_before):
            return picker.pick("ask.consent_again", privacy_url=request.privacy_policy_url)
        if plan.ask is Ask.CONSENT and _SAID_CONSENT.search(request.user_text.lower()):
            # "согласен на обработку, 8 962…" before the text was shown: the yes must follow it
            return picker.pick("ask.consent_confirm", privacy_url=request.privacy_policy_url)
        if plan.ask is Ask.CONSENT and plan.has(Event.OFFER_AT_BOOKING):
            # the route and the warning came first: the consent question is kept short
            return picker.pick("ask.consent_after_offer", privacy_url=request.privacy_policy_url)
        if _writes_for_relative(request) and self._texts.get(f"ask_for.{plan.ask.value}"):
            # "пишу за маму": the facts asked are hers — "Есть ли у вашей мамы ипотека?"
            nom, gen = relative_forms(relative_word(request))
            return picker.pick(
                f"ask_for.{plan.ask.value}", nom=nom, gen=gen, nom_cap=nom[:1].upper() + nom[1:]
            )
        return picker.pick(f"ask.{plan.ask.value}", privacy_url=request.privacy_policy_url)


# Answers that open with the fear they answer ("Опасение понятно: …"): no second
# acknowledgement before them
_ACKNOWLEDGING = ("answer.consent_leak",)
# "боюсь утечки", "вы данные сольёте": a leak of the data feared
_LEAK_FEARED = re.compile(
    r"\b(?:утечк\w*|утеку\w*|утечет|утекут|слив\w*|сольют|сольете|слить|продадите|продадут"
    r"|передадите|попадут (?:\w+ )?(?:к|в) (?:\w+ )?(?:мошенник|коллектор)\w*)"
)
_SAID_CONSENT = re.compile(r"\b(?<!не )(?:соглас(?:ен|на|ны)|даю согласие)\b")


def _first(texts: ReplyTexts, key: str) -> str:
    variants = texts.get(key)
    return variants[0] if variants else ""


# The mortgaged flat's warning, answered already: the offer does not say it again.
_MORTGAGE_WARNED = (
    "answer.mortgage_flat.short",
    "answer.mortgage_flat.full",
    "topic.flat_mortgage",
    "risk.mortgage_flat",
)
# An answer another one of the same message says already: the МФЦ answer says it is free.
_SAID_WITHIN = {
    "answer.price_mfc": ("answer.mfc",),
    "answer.price_mfc_relative": ("answer.mfc",),
    # "моя зарплата? мне отвечать за его долги?": the writer's salary answer names when the
    # spouse's debts reach them (a co-borrower, a guarantor, the family's needs)
    "answer.spouse_debts": ("answer.writer_salary_spouse",),
}

# Texts that stand alone (greetings, confirmations, the crisis answer): never "как я писала".
_NEVER_PREFIXED = (
    "intro",
    "intro_short",
    "crisis",
    "booked",
    "booking_updated",
    "forgotten",
    "opted_out",
    "feeling.",
    "offer.",
)
_OWN_PLAYBOOK = (ObjectionKind.COMPETITOR, ObjectionKind.TRUST, ObjectionKind.THINK)


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[А-ЯЁA-Z«])")
_NEGATION = frozenset({"не", "ни", "нет"})
_PROTECTED = frozenset(_SENTENCE_END.split(STATUTORY_WARNING))


def _stems(sentence: str) -> frozenset[str]:
    """A sentence's words, cut to their stems ("жильё", "жилья"), a negation joined to the
    word it denies ("не продают" is not "продают")."""
    found = re.findall(r"\w+", sentence.lower().replace("ё", "е"))
    stems: list[str] = []
    denied = ""
    for word in found:
        if word in _NEGATION:
            denied = "не_"
            continue
        if len(word) >= 3 or denied:
            stems.append(denied + word[:5])
        denied = ""
    return frozenset(stems)


def _said_within(inner: frozenset[str], outer: frozenset[str]) -> bool:
    """Whether `outer` says nearly all `inner` says, and denies none of it."""
    denied = {w for w in inner if f"не_{w}" in outer} | {
        w for w in inner if w.startswith("не_") and w[3:] in outer
    }
    return not denied and len(inner) >= 4 and len(inner & outer) >= 0.85 * len(inner)


def without_repeated_sentences(text: str) -> str:
    """One reply says each thing once: when two answers share a sentence ("Единственное жильё
    по общему правилу не забирают…" inside the joint-home answer and as the home answer), the
    one the other holds goes (the statutory warning always stays, word for word)."""
    sentences = _SENTENCE_END.split(text)
    stems = [_stems(s) for s in sentences]
    kept = [True] * len(sentences)
    for later in range(len(sentences)):
        for earlier in range(later):
            if not kept[earlier]:
                continue
            if sentences[later] == sentences[earlier] or (
                sentences[later] not in _PROTECTED and _said_within(stems[later], stems[earlier])
            ):
                kept[later] = False
                break
            if sentences[earlier] not in _PROTECTED and _said_within(stems[earlier], stems[later]):
                kept[earlier] = False
    return " ".join(s for s, keep in zip(sentences, kept, strict=True) if keep)


def _first_sentence(text: str) -> str:
    # a sentence ends before a capital, never inside "(ГК РФ, ст. 1175)"
    return re.split(r"(?<=[.!?])\s+(?=[А-ЯЁA-Z«])", text, maxsplit=1)[0]


# Numbers worth repeating back when given exactly ("Поняла: долг 1 200 000 ₽").
_ECHOED = ("debt_total", "creditors_count", "months_overdue", "income_monthly")


def answer_stems(topic: Topic, texts: ReplyTexts | None = None) -> tuple[str, ...]:
    """Words any answer on this topic carries (answers.toml `key`), for checking an LLM reply."""
    texts = texts or load_texts()
    keys = [f"answer.{topic.value}"] + [f"answer.{k}" for k in _SHARPER.get(topic, ())]
    return tuple(dict.fromkeys(stem for key in keys for stem in texts.get(f"{key}.key")))


# Answers that stand in for a topic when more is known ("price" on the МФЦ route).
_SHARPER = {
    Topic.PRICE: ("price_mfc",),
    Topic.SALARY: ("salary_pension", "salary_mfc"),
    Topic.GUARANTEE: ("guarantee_mfc",),
    Topic.FLAT: ("mortgage_flat",),
    Topic.CAR: ("pledged_car",),
    Topic.COLLECTORS: ("collectors_seizure",),
    Topic.CRIMINAL: ("criminal_deal", "criminal_tax"),
}


# Things a person names that some wordings of an answer speak of: that wording comes first.
_NAMED_THINGS = (
    "депозит",
    "рассрочк",
    "пособ",
    "штраф",
    "налог",
    "алимент",
    "пенси",
    "дач",
    "гараж",
    "холодильник",
    "наследств",
)


_SPOUSES_DEBTS = re.compile(
    r"\b(?:(?:за|по) (?:\w+ )?(?:долг\w* |кредит\w* )?(?:мужа|жены|супруга|супруги)"
    r"|долг\w* (?:мужа|жены|супруга|супруги)"
    r"|у (?:мужа|жены|супруга|супруги) (?:\w+ ){0,2}(?:долг|кредит|займ|микрозайм|просрочк)\w*"
    r"|(?:муж|жена|супруг\w*) (?:\w+ ){0,2}(?:набрал\w*|взял\w*|задолжал\w*|обанкрот\w*|банкрот\w*"
    r"|подает на банкрот\w*)"
    r"|(?:она|он) (?:\w+ )?(?:хочет|будет|собирается) (?:\w+ )?(?:банкрот|обанкрот)\w*)"
)


# The spouse's thing asked about, not the spouse's liability ("а её машина? куплена в браке").
# "квартира общая, живём в ней" is the sole home (protected, joint or not); a flat "от родителей",
# "по наследству", "подарили" is the spouse's own, not joint: neither gets the joint-property answer
_HOME_OR_OWN = re.compile(
    r"\b(?:жив[её]м|живу|живет|живёт|единствен\w*|от родител\w*|по наследств\w*|наследств\w*"
    r"|подар\w*|до брака|добрачн\w*)"
)
_A_HOME = re.compile(r"\b(?:квартир\w*|жиль\w*|дом|домик)\b")
_GIFTED = re.compile(r"\b(?:от родител\w*|по наследств\w*|унаследова\w*|подар\w*|в дар)")
_SPOUSES_THING = re.compile(r"\b(?:машин|авто|квартир|дач|гараж|участ|дом\b|имуществ)\w*")
_LIABILITY = re.compile(
    r"\b(?:отвеча\w*|платить|долг\w*|кредит\w*|заплат\w*|коснет\w*|затрон\w*|узна\w*|зарплат\w*"
    r"|созаем\w*|поручит\w*|пострада\w*)"
)
# "машина у мужа, её из-за моих долгов не заберут?": the thing asked about, whatever the debts
_THING_TAKEN = re.compile(
    r"\b(?:заберут|отберут|продадут|тронут|изымут|арестуют|отнимут)\b"
    r"(?!.*\b(?:отвеча\w*|платить|созаем\w*|поручит\w*|зарплат\w*))"
)
_GUARANTOR_MYSELF = re.compile(  # (never "я за маму не поручитель": a denial)
    r"\bя (?:(?!не\b)\w+ ){0,3}(?:поручител|созаемщи)\w*"
    r"|(?:поручител|созаемщи)\w* (?:у|за) (?:него|нее|неё"
    r"|брата|сестры|мамы|матери|отца|папы|сына|дочери|друга|подруги|мужа|жены)\b"
)
_PREMARITAL = re.compile(r"\b(?:до брака|до свадьбы|добрачн\w*|до женитьбы|до замужества)")
_SPOUSE_NAMED = re.compile(r"\b(?:муж\w*|жен(?:а|ы|е|у|ой)|супруг\w*|его|ее)\b")
_PROPERTY_TOPICS = (
    Topic.SPOUSE, Topic.FLAT, Topic.CAR, Topic.PROPERTY, Topic.RELATIVE_PROPERTY,
    Topic.MORTGAGE_FLAT, Topic.PLEDGED_CAR,
)  # fmt: skip
# A thing the person may inherit ("дом заберут, если оформлю наследство?"): not a pledge
_INHERITED_TOPICS = (Topic.SPOUSE, Topic.FLAT, Topic.CAR, Topic.PROPERTY, Topic.RELATIVE_PROPERTY)
_TAKEN_WORD = re.compile(r"\b(?:заберут|отберут|продадут|тронут|изымут|арестуют|отнимут|забрать)\b")
# Facts that say whose a thing is ("у меня машина": self; "квартира мужа": spouse).
_OWNED = ("extra_property", "mortgage")
# Facts that show someone owes: a debt, creditors, an overdue, the bailiffs.
_OWING = ("debt_total", "creditors_count", "months_overdue", "enforcement", "writ_years")
# Answers that contrast other property with the sole home: for a mortgaged home the
# wording that names the mortgage comes first (a pledged home is not protected).
_SOLE_HOME_CONTRASTED = ("answer.household", "answer.property", "answer.car")


def _answer_keys(topic: Topic, request: WriteRequest) -> tuple[str, ...]:
    """The answer tables for one topic: two questions of one family may need two answers
    ("директор узнает? где-то это опубликуют?": the employer and the register; "мне папины
    долги платить? мои дети за мои долги отвечать будут?": the heir and the children)."""
    key = _answer_key(topic, request)
    said = request.user_text.lower().replace("ё", "е")
    if key in _SAID_TO_THE_DEBTOR and _of_the_debtor_written_for(topic, request):
        # "пишу за маму… пенсию перестанут удерживать?": the rule said of the mother, never
        # "оставляя вам прожиточный минимум" to the daughter
        return (_SAID_TO_THE_DEBTOR[key],)
    if key == "answer.job" and _REGISTER_ASKED.search(said):
        return (key, "answer.publicity")
    if key in ("answer.heirs", "answer.heirs_kin") and _OWN_DEBTS_TO_KIN.search(said):
        return (key, "answer.children")
    if key == "answer.heirs" and _REFUSAL_ASKED.search(said):
        return (key, "answer.heirs_refusal")  # "…и от наследства можно отказаться?"
    if key in _COMPANY_DEBTS_KEYS and _IP_LATER_ASKED.search(said):
        # "долги фирмы на меня повесят? и потом ип можно будет открыть заново?": both
        return (key, "answer.company_ip")
    if (
        key == "answer.former_ip"
        and _IP_AGAIN.search(said)
        and Topic.COMPANY not in request.plan.answers  # (read: answered in its own place)
    ):
        # "ип закрыл, можно мне банкротиться? а ип потом снова открыть дадут?": both
        return (key, "answer.company_ip")
    return (key,)


# Answers worded to the debtor ("вам оставляют прожиточный минимум", "зарплату вашего супруга"),
# and their wording of the relative written for
_SAID_TO_THE_DEBTOR = {
    "answer.salary": "answer.income_relative",
    "answer.salary_pension": "answer.income_relative",
    "answer.salary_mfc": "answer.deductions_relative",
    "answer.deductions": "answer.deductions_relative",
    "answer.spouse_salary": "answer.spouse_salary_relative",
    "answer.job": "answer.job_relative",  # "с завода его не выгонят?": never "уволить вас"
}
# The writer's own income or spouse: "мою зарплату", "у меня муж", "я сама работаю"
_WRITERS_OWN_INCOME = re.compile(r"\b(?:мо[юяейи]|сво[юяейи]|у меня|я|мне|меня)\b")


def _of_the_debtor_written_for(topic: Topic, request: WriteRequest) -> bool:
    """Written for a relative who is not the spouse ("пишу за маму"), and the question is
    not of the writer's own income or spouse: it is the debtor's."""
    on_behalf = request.state.on_behalf
    if on_behalf in (None, Subject.SELF.value, Subject.SPOUSE.value):
        return False
    return not _WRITERS_OWN_INCOME.search(_asked_words(topic, request))


# "от наследства можно отказаться?", "а если отказаться от наследства?"
_REFUSAL_ASKED = re.compile(
    r"\bот(?:каз\w*|казаться|кажусь|кажемся) (?:\w+ ){0,2}от наследств\w*"
    r"|\bот наследств\w* (?:\w+ ){0,2}(?:отказ\w*|откажусь)|\bне (?:принимать|принять|вступать)"
    r" (?:\w+ )?(?:в )?наследств\w*"
)
_COMPANY_DEBTS_KEYS = (
    "answer.company_debts",
    "answer.company_debts_ip",
    "answer.company_debts_director",
)
# "ип можно будет открыть заново?", "а ИП потом зарегистрировать смогу?": an ИП to come
_IP_LATER_ASKED = re.compile(
    r"\bип\b[^.?!]{0,40}\b(?:открыть|открою|открывать|зарегистрир\w*|оформить|заново|снова|потом)"
    r"|\b(?:открыть|открою|зарегистрир\w*|оформить) (?:\w+ ){0,2}ип\b"
)

# The same asked beside a former ИП ("был ип, закрыл… и ип потом можно снова открыть?"): an
# opening to come, never the closing told ("ип закрыл, потом долги остались")
_IP_AGAIN = re.compile(
    r"\bип\b[^.?!]{0,40}\b(?:открыть|открою|открывать|открываться|зарегистрировать\w*"
    r"|зарегистрирую\w*|оформить|заново|снова|опять|повторно)\b"
    r"|\b(?:открыть|открою|открывать|зарегистрировать\w*|зарегистрирую\w*|оформить)"
    r" (?:\w+ ){0,2}(?:ип|новое ип|ипшник\w*)\b"
)

# "где-то это опубликуют?", "фамилию в интернете напишут?": the public register asked of
_REGISTER_ASKED = re.compile(
    r"\b(?:публик\w*|опубликуют|огласк\w*|напечатают|ефрсб|федресурс\w*|реестр\w*"
    r"|в интернете|фамили\w*)"
)
# "мои дети за мои долги отвечать будут?", "после меня долги перейдут?": the person's own debts
_OWN_DEBTS_TO_KIN = re.compile(
    r"\b(?:(?<!из-)за мо(?:и|ими|их) (?:\w+ )?(?:долг|кредит)\w*|мои дети|моим детям|после меня"
    r"|если я умру|после моей смерти|за меня)\b"
)


# "если с мамой что случится, мне её долги платить?", "если папа умрёт": a death supposed, the
# question of what heirs answer for
_DEATH_SUPPOSED = re.compile(
    r"\bесли (?:\w+ ){0,2}(?:умр[её]т|умру|умрем|не станет)\b"
    r"|\bесли с (?:\w+ ){0,2}(?:что|что-то|что-нибудь|чего) (?:\w+ )?случит\w*"
    r"|\bпосле (?:\w+ )?смерти\b"
)


# "что мне делать?", "что с долгами делать": what to do, asked as such
_WHAT_TO_DO = re.compile(r"\bчто (?:\w+ ){0,4}?(?:делать|сделать|предпринять)\b")


def _answer_key(topic: Topic, request: WriteRequest) -> str:
    """The answer table for a question, sharpened by what is known of the person."""
    slots = request.state.slots
    mfc_route = _on_mfc_route(request)
    for_relative = _writes_for_relative(request)
    if (
        topic is Topic.HOW_IT_WORKS
        and request.plan.has(Event.AFTER_CRISIS)
        and _WHAT_TO_DO.search(request.user_text.lower())
        and (slots.debt_total or 0) >= COURT_MIN_DEBT
    ):
        # "ничего с собой делать не буду… что мне с долгами делать?": the calm fact (a court
        # procedure exists for such a debt) and a lawyer when ready; no sales, no script
        return "answer.what_to_do_after_crisis"
    if topic is Topic.HOW_IT_WORKS and request.plan.has(Event.AFTER_CRISIS):
        # "это правда можно как-то решить?" after a crisis: hope, no route advertised (a
        # question of which route fits — "мне через МФЦ или суд?" — gets its answer)
        return "answer.hope_after_crisis"
    if topic is Topic.PRICE and mfc_route:
        # the МФЦ procedure itself is free: say that first (the relative written for files it)
        return "answer.price_mfc_relative" if for_relative else "answer.price_mfc"
    if (
        topic is Topic.PRICE
        and _mfc_may_fit(request)
        and not _COURT_COSTS_ONLY.search(request.user_text.lower())
    ):
        # the route still open and the МФЦ possible: that it is free comes first (DOMAIN.md)
        return "answer.price_mfc_open"
    said = request.user_text.lower().replace("ё", "е")
    asked = _asked_words(topic, request)
    writer_key = _writers_own_key(topic, request, said) if for_relative else None
    if writer_key:
        return writer_key
    if topic is Topic.SPOUSE and _A_MORTGAGED_HOME.search(asked):
        # "созаёмщик по ипотеке бывшего мужа… и квартира в ипотеке что с ней будет?": a
        # pledged home, whoever's it is, is sold for that bank first
        return "answer.mortgage_flat"
    if topic in (Topic.HOW_IT_WORKS, Topic.ELIGIBILITY, Topic.OTHER) and _FOREIGNER.search(said):
        return "answer.foreigner"  # "можно ли иностранцу банкротиться?": the lawyer clarifies
    if topic is Topic.GUARANTEE and _REFUSAL_REASON.search(asked):
        return "answer.refusal_grounds"  # "не откажут, если брал займы гасить другие?"
    if (
        topic is Topic.GUARANTOR
        and not for_relative
        and any(_OWN_BANKRUPTCY.search(t) for t in _own_words(request))
        and any(_GUARANTOR_MYSELF.search(t) for t in _own_words(request)[1:])
    ):
        # the person guarantees a relative's loan: what their own bankruptcy does to it, and
        # that the borrower still owes the bank (never the rule for a relative who signed)
        return "answer.guarantor_own_bankruptcy"
    if (
        topic is Topic.RELATIVE_PROPERTY
        and not for_relative
        and (_MY_THING.search(asked) or _MY_THING.search(said))
        and relative_named(asked) is None
    ):
        # "машина у меня старая, фокус 2010, её продадут?": the person's own car
        thing = asked if _CAR_NAMED.search(asked) or _HOME_NAMED.search(asked) else said
        return "answer.car" if _CAR_NAMED.search(thing) else "answer.flat"
    if topic is Topic.SALARY and _GUARANTOR_MYSELF.search(said):
        return "answer.guarantor_salary"  # "я поручитель у брата, мою зарплату заберут?"
    if topic is Topic.SALARY and _FUTURE_PENSION.search(said):
        return "answer.pension_future"  # "а пенсию потом будут платить?": the right stays
    if (
        topic in (Topic.SPOUSE, Topic.FLAT, Topic.SPOUSE_SALARY)
        and _A_HOME.search(said)
        and _MARITAL.search(said)
        and (
            _LIVED_IN.search(said)
            or not (_ANOTHER_HOME.search(said) or _SPOUSES_DEBTS.search(said))
        )
        and _THING_TAKEN.search(asked)
        and not slots.mortgage
        and not _PREMARITAL.search(said)
        and not _GIFTED.search(said)
        and not (topic is Topic.SPOUSE and _car_asked_of(topic, request))
    ):
        # "квартира на жене, купили в браке, живём там — её заберут?": joint, and the sole home
        return "answer.joint_sole_home"
    if topic is Topic.JOB and _PUBLICITY.search(asked) and not _WORKPLACE_ASKED.search(asked):
        return "answer.publicity"  # "все узнают? соседи? это же публикуют": the register
    if topic is Topic.PRICE and _COURT_COSTS.search(asked):
        return "answer.court_costs"  # "сколько стоит сама процедура?": the mandatory costs
    if topic is Topic.SALARY and _GREY_INCOME.search(asked):
        return "answer.salary_grey"  # "а серая зарплата это проблема?"
    if topic is Topic.HOW_IT_WORKS and re.search(MANAGER_ROLE, asked):
        return "answer.manager"  # "что делает финансовый управляющий?"
    if topic is Topic.RESTRUCTURING and re.search(OMBUDSMAN, asked):
        return "answer.ombudsman"  # "а финансовый омбудсмен это кто?"
    if topic is Topic.ELIGIBILITY and re.search(COME_BACK, asked):
        return "answer.come_back"  # "а если не договорюсь, можно будет потом к вам?"
    if (
        topic in _FORMER_IP_TOPICS
        and re.search(FORMER_IP, said)
        and not (topic is Topic.ELIGIBILITY and "мфц" in asked)  # the МФЦ conditions asked
        # "был ип, закрыл… и ип потом можно будет снова открыть?": the ИП to come is its own
        # question (answer.company_ip), never folded into the former ИП's paragraph
        and not (topic is Topic.COMPANY and _IP_AGAIN.search(said))
    ):
        return "answer.former_ip"  # "ип закрыл в прошлом году, можно мне банкротиться?"
    if (inherits_myself(said) or _inherited_thing_asked(topic, request, asked)) and (
        topic in _INHERITED_TOPICS or (topic is Topic.CHILDREN and _TAKEN_WORD.search(asked))
    ):
        # "а если оформлю наследство, дом заберут?": the person is the heir — what they accept
        # is theirs (never the spouse's-own rule), and the deceased's debts come with it
        return "answer.inherit_own"
    if (
        topic in (Topic.SPOUSE, Topic.CAR, Topic.FLAT, Topic.PROPERTY, Topic.RELATIVE_PROPERTY)
        and not _PREMARITAL.search(said)
        and _SPOUSES_OWN_THING_ASKED.search(said)
        and _spouse_premarital_told(request)
        and not slots.mortgage
    ):
        # "машина на жене, куплена до свадьбы" told before, then "её машину не заберут?": hers
        # alone, not joint (never the joint-property paragraph)
        return "answer.spouse_premarital"
    if topic is Topic.SPOUSE and _MAKE_SPOUSE_PAY.search(asked or said):
        return "answer.ex_spouse_share"  # "бывшего можно заставить платить эти кредиты?"
    if topic in _PROPERTY_TOPICS and _PREMARITAL.search(said) and _SPOUSE_NAMED.search(said):
        # "квартира мужа, куплена до брака": his own; "у меня машина до брака": the person's
        owner = _premarital_owner(request)
        if owner is Subject.SELF:
            return "answer.own_premarital"
        return "answer.spouse_premarital" if owner is Subject.SPOUSE else "answer.premarital"
    if (
        topic in _PROPERTY_TOPICS
        and _GIFTED.search(said)
        and _SPOUSE_NAMED.search(said)
        and not re.search(r"\b(?:мне|меня|я)\b", said)
    ):
        return "answer.spouse_own"  # "у жены квартира от родителей": hers alone, not joint
    if topic in (Topic.COMPANY, Topic.CHILDREN) and _COMPANY_DEBTS.search(said):
        # "а долги фирмы на меня повесят?", "меня заставят платить за ООО?": the company's
        # debts, never the relatives' or heirs' paragraph
        if _sole_trader(request, said):
            return "answer.company_debts_ip"  # an ИП is no company: the debts are their own
        if _DIRECTOR.search(said):
            return "answer.company_debts_director"  # "…и директором смогу остаться?"
        return "answer.company_debts"
    if topic in (Topic.MFC, Topic.ELIGIBILITY) and (slots.debt_total or 0) > MFC_MAX_DEBT:
        return "answer.mfc_over_limit"  # over the МФЦ ceiling: say so, court is the route
    if topic is Topic.SELF_FILING and (
        mfc_route or _mfc_asked_beside(request) or re.search(r"\bмфц\b", asked)
    ):
        # ("а если приставы закроют — тогда можно? подаю я сама?": filing at the МФЦ asked)
        # the МФЦ procedure is filed alone, for free: by the relative the person writes for
        return "answer.self_filing_mfc_relative" if for_relative else "answer.self_filing_mfc"
    if (
        topic is Topic.SELF_FILING
        and (for_relative or _FILES_FOR_ANOTHER.search(asked))
        and _FILING_WORD.search(asked)
    ):
        return "answer.self_filing_relative"  # "я могу за неё подать?": the debtor files
    if topic is Topic.SALARY and mfc_route:
        return "answer.salary_mfc"  # no court, no manager: enforcement is suspended
    if topic is Topic.SALARY and slots.benefits and _pension_named(request):
        return "answer.salary_pension"  # (child benefits: the salary answer keeps them whole)
    if topic is Topic.GUARANTEE and mfc_route:
        return "answer.guarantee_mfc"  # no court decides: the 6 months and the conditions
    if (
        topic in (Topic.GUARANTOR, Topic.SPOUSE, Topic.SPOUSE_DEBTS, Topic.CHILDREN)
        and _GUARANTOR_MYSELF.search(said)
        and not (topic is Topic.CHILDREN and _asks_for_a_relative(request))
    ):
        # "я созаёмщик по кредиту мужа": the person co-signed ("…и дети будут отвечать?" is
        # the children's own liability: the relatives' answer)
        return "answer.guarantor_self"
    if (
        topic is Topic.HOW_IT_WORKS
        and _GUARANTOR_MYSELF.search(said)
        and _THIS_DEBT_TOO.search(asked)
    ):
        return "answer.guarantor_self"  # "я созаёмщик… это тоже пойдёт в банкротство?"
    if topic is Topic.SPOUSE_DEBTS and _pronoun_of_other_relative(request):
        # "пишу за папу… а мне за его долги отвечать?": "его" is the father, not a husband
        return "answer.children"
    if topic is Topic.SPOUSE and _THEIR_DEBTS_IN_MY_CASE.search(asked):
        # "жена тоже в долгах… её долги в моё дело войдут?": hers stay her own case ("его" of
        # a father or a brother: the relative's own case, answer.relative_service)
        if _pronoun_of_other_relative(request, topic):
            return "answer.relative_service"
        return "answer.spouse_debts_own_case"
    if (
        topic is Topic.SPOUSE
        and _DRAWN_INTO_MY_DEBTS.search(asked)
        and _pronoun_of_other_relative(request, topic)
    ):
        return "answer.children"  # "а его самого к моим долгам привлекут?" of a father
    if topic is Topic.SPOUSE and denies_cosigning(said):
        return "answer.spouse_not_cosigned"  # "он не созаёмщик, нигде не подписывался"
    cosigner = _cosigner(request)
    if topic is Topic.SPOUSE and (names_a_cosigner(said) or cosigner == Subject.SPOUSE.value):
        return "answer.guarantor_spouse"  # a co-borrower spouse stays liable to the bank
    if (
        topic is Topic.CHILDREN
        and cosigner
        and cosigner != Subject.SPOUSE.value
        and any(
            a.kind is ActKind.ASK and a.topic is Topic.CHILDREN and a.subject.value == cosigner
            for a in request.plan.acts
        )
    ):
        # "сестра поручитель… что теперь с сестрой будет?": a guarantor answers to the bank,
        # "relatives do not answer" would be false for her
        return "answer.guarantor"
    if (
        topic is Topic.CHILDREN
        and (cosigner or names_a_cosigner(said))
        and _asks_of_kin_at_large(request)
    ):
        # "сестра поручитель… родственники отвечают за мои долги?": the one who signed does,
        # for that loan; the others do not
        return "answer.relatives_cosigned"
    if topic is Topic.RELATIVE_SALARY and (
        _asked_about(request, topic) == cosigner or (cosigner is None and names_a_cosigner(said))
    ):
        return "answer.relative_salary_cosigned"  # "сестра поручитель… её зарплату тронут?"
    if topic is Topic.CHILDREN and re.search(
        r"\b(?:дет|сын|доч|внук|им\b|они\b)\w*[^.?!]{0,60}(?:кредит\w* (?:\w+ )?(?:дадут|давать"
        r"|брать)|кредитн\w* истори)|(?:кредит\w* (?:\w+ )?(?:дадут|давать|брать)|кредитн\w* "
        r"истори)[^.?!]{0,60}\b(?:дет|сын|доч|внук)",
        said,
    ):
        return "answer.children_credit"  # "им потом кредиты дадут?": their own history
    co_signed = names_a_cosigner(said) or (request.state.guarantor == "spouse")
    if topic is Topic.SPOUSE_SALARY and co_signed:
        return "answer.spouse_salary_cosigned"  # "жена созаёмщик, её зарплату тронут?"
    if topic is Topic.SPOUSE_DEBTS and co_signed:
        return "answer.guarantor_spouse"  # bound by that loan
    if topic is Topic.CHILDREN and request.state.heirs and _asks_for_a_relative(request):
        # "муж умер… а дочку? сколько платить?": the dead person's debts pass only to the heirs
        # who accepted, within the value (ГК 1175); never the living-relatives rule
        return "answer.heirs_kin"
    if (
        topic in (Topic.CHILDREN, Topic.SPOUSE, Topic.SPOUSE_DEBTS)
        and (request.state.heirs or (topic is Topic.CHILDREN and _DEATH_SUPPOSED.search(asked)))
        and not _asks_for_a_relative(request)
    ):
        return "answer.heirs"  # a relative died: "должна ли я платить?" is about inheriting
    if (
        topic is Topic.CHILDREN
        and not for_relative
        and _asked_about(request, topic) in _KIN
        and _TAKEN_WORD.search(asked)
        and _THEIR_INCOME.search(said)
    ):
        # "и маму не тронут? я с ней живу, у неё пенсия": her pension, and she owes nothing
        return "answer.relative_salary"
    if topic is Topic.CHILDREN and _asks_own_liability_for_spouse(request):
        return "answer.spouse_debts"  # "муж набрал кредитов, мне за них отвечать?"
    if topic in (Topic.SPOUSE, Topic.SPOUSE_SALARY) and _spouse_owes(request, said):
        return "answer.spouse_debts"  # the spouse is the debtor: "отвечать за долги мужа?"
    if (
        topic is Topic.SPOUSE
        and _SPOUSES_THING.search(said)
        and (not _LIABILITY.search(said) or _THING_TAKEN.search(said))
        and not _asks_spouse_liability(request)
        and not any(_PREMARITAL.search(h.text.lower()) for h in request.history if h.role == "user")
        and not _HOME_OR_OWN.search(said)
        and not (Topic.FLAT in request.plan.answers and _A_HOME.search(said))
    ):
        # (a flat asked about as the home gets the sole-home answer; "may be sold" would
        # contradict it)
        return "answer.joint_property"  # "а её машина? куплена в браке": joint, her share paid
    if (
        (topic is Topic.MFC or (topic is Topic.ELIGIBILITY and "мфц" in asked))
        and mfc_conclusion(slots)
        and _concluded_or_pressed(topic, request)
    ):
        # the facts show a ground and a debt within the limits, and the person asked before
        # or presses ("так мне можно или нет?"): the conclusion, not the rules again
        return "answer.mfc_fits_relative" if for_relative else "answer.mfc_fits"
    if (
        topic in (Topic.MFC, Topic.ELIGIBILITY)
        and slots.benefits
        and slots.enforcement in (Enforcement.OPEN, None)
        and mfc_grounds(slots) is not False
    ):
        return "answer.mfc_benefits"  # a pensioner's own ground: a writ over a year old
    if topic is Topic.CONSENT_INFO and _LEAK_FEARED.search(said):
        return "answer.consent_leak"  # "согласие не дам, боюсь утечки": what it is for, /forget
    if topic is Topic.IS_BOT and _A_BANK.search(said):
        return "answer.not_a_bank"  # "а вы из какого банка?": a law firm, not a bank
    if topic is Topic.COMPANY and re.search(r"\bип\b", said):
        return "answer.company_ip"  # "ип потом можно будет открыть?": not only the 3-year ban
    if topic is Topic.JOB and re.search(r"\bгос(?:ударственн\w* )?служб", said):
        return "answer.job_civil_service"  # "на госслужбу возьмут?": the lawyer says
    if topic is Topic.JOB and _NEW_JOB.search(said):
        return "answer.job_new"  # "а на новую работу возьмут?": no ground to refuse
    if topic is Topic.JOB and re.search(STUDY_PLACE, asked):
        return "answer.study_place"  # "и в универ сообщат?": no one notifies the university
    if topic is Topic.COLLECTORS and _HOME_VISIT.search(asked):
        # "могут коллекторы домой прийти?": a visit at most weekly, and they take nothing
        return "answer.collectors_visit"
    if topic in (Topic.OTHER, Topic.HOW_IT_WORKS) and _LEGALITY.search(asked):
        return "answer.legal"  # "это вообще законно?": a procedure under 127-ФЗ
    if topic is Topic.COLLECTORS and _SEIZED.search(said):
        return "answer.collectors_seizure"  # "коллекторы придут описывать?": only bailiffs do
    if topic is Topic.CRIMINAL and _about_a_deal(request, said):
        return "answer.criminal_deal"  # "продал брату… мне за это ничего не будет, уголовка?"
    if topic is Topic.CRIMINAL and (_TAX_NAMED.search(said) or _taxes_told(request)):
        # "его посадить могут за налоговую?", a former ИП with tax debts: the tax rule, never
        # "только за обман кредитора"
        return "answer.criminal_tax"
    if topic is Topic.FLAT and (slots.mortgage or _A_MORTGAGED_HOME.search(said)):
        return "answer.mortgage_flat"  # "квартира ипотечная… заберут?": never the sole-home rule
    if topic is Topic.CAR and request.state.pledged_car:
        return "answer.pledged_car"
    if topic is Topic.GUARANTOR and cosigner == Subject.SPOUSE.value:
        return "answer.guarantor_spouse"  # "жена поручитель по моему кредиту": family needs too
    if (
        topic is Topic.CREDIT_HISTORY
        and (_MISSED_PAYMENTS.search(asked) or _IF_MISSED.search(said))
        and not _AFTER_BANKRUPTCY.search(asked)
    ):
        # "если платить не буду, кредитную историю это испортит?": the overdue now, not the
        # five years after a bankruptcy
        return "answer.credit_history_overdue"
    if (
        topic in (Topic.HOW_IT_WORKS, Topic.ELIGIBILITY)
        and request.plan.stage is Stage.NOT_A_FIT
        and "мфц" not in said
    ):
        return "not_a_fit"  # "а что тогда делать?": the bank, credit holidays, the ombudsman
    if (
        (topic is Topic.MFC or (topic is Topic.ELIGIBILITY and "мфц" in said))
        and slots.enforcement is Enforcement.OPEN
        and not mfc_grounds(slots)
    ):
        # the bailiffs collect: the main ground is not met ("а почему нельзя через мфц?")
        return "answer.mfc_open_enforcement"
    if topic in (Topic.MFC, Topic.ELIGIBILITY) and mfc_grounds(slots) is False:
        return "answer.mfc_no_grounds"  # no proceedings ended, no old writ: no МФЦ ground
    return f"answer.{topic.value}"


_THIS_DEBT_TOO = re.compile(
    r"\b(?:это|этот долг|он|она|его|ее|её)\b (?:\w+ ){0,2}(?:пойд|войд|включ|попад|учт|спиш)\w*"
)
_OWN_BANKRUPTCY = re.compile(
    r"\b(?:я|мне|меня|моем|моём|мое|моё) (?:\w+ ){0,2}(?:банкро|обанкро)\w*"
)
_MY_THING = re.compile(
    r"\b(?:машин\w*|авто\w*|квартир\w*|дом|дача|гараж) (?:\w+ )?у меня\b"
    r"|\bу меня (?:\w+ )?(?:машин|авто|квартир|дом|дач|гараж)\w*"
    r"|\bмо(?:я|ю|й|е|ё) (?:машин|авто|квартир)\w*"
)
_CAR_NAMED = re.compile(r"\b(?:машин|авто|тачк|форд|фокус|солярис|гранта|приор|калин|киа|лад)\w*")


def _own_words(request: WriteRequest) -> list[str]:
    """What the person wrote, this message first, then earlier ones the history holds."""
    texts = [request.user_text] + [h.text for h in request.history if h.role == "user"]
    return [t.lower().replace("ё", "е") for t in texts]


_KIN = (Subject.PARENT.value, Subject.CHILD.value, Subject.SIBLING.value)
_THEIR_INCOME = re.compile(
    r"\bу (?:нее|него|них|мамы|папы|матери|отца|сына|дочери|брата|сестры) (?:\w+ ){0,2}"
    r"(?:пенси|зарплат|зп\b|доход)\w*|\b(?:ее|его|их|мамин\w*|папин\w*) (?:пенси|зарплат|доход)\w*"
)
_MISSED_PAYMENTS = re.compile(
    r"\b(?:пропущ\w*|пропуст\w*|не (?:буду |стану )?(?:плат|внос)\w*"
    r"|(?:платить|вносить) не (?:буду|стану)|просроч\w*)"
)
# "если я просто платить не буду…": a missed payment supposed, not the overdue told
_IF_MISSED = re.compile(
    r"\bесли (?:\w+ ){0,3}(?:не (?:буду |стану )?(?:плат|внос)\w*"
    r"|(?:платить|вносить) не (?:буду|стану)|пропущ\w*|пропуст\w*)"
)
_AFTER_BANKRUPTCY = re.compile(
    r"\b(?:банкрот\w*|обанкрот\w*|процедур\w*|после (?:списани|мфц|суд)\w*)"
)
_FOREIGNER = re.compile(
    r"\b(?:иностран\w*|foreigner|foreign citizen|гражданств\w*|не гражданин\w*|гражданин \w+ан\w*)"
)
_REFUSAL_REASON = re.compile(r"\b(?:если|из-за|за то|потому|раз)\b")
_FUTURE_PENSION = re.compile(
    r"\b(?:будущ\w* пенси\w*|пенси\w* (?:\w+ ){0,2}(?:будущ\w*|потом|назнач\w*"
    r"|будут (?:\w+ )?плат\w*|(?:не )?дадут)|(?:выйду|выхожу|уйду|ухожу) на пенсию"
    r"|на пенсию (?:через|скоро|в \d+))"
)
_MARITAL = re.compile(r"\b(?:в браке|совместн\w*|общ(?:ая|ую|ей)|нажит\w*)")
# "вторая квартира, куплена в браке": not the home the family lives in
_ANOTHER_HOME = re.compile(
    r"\b(?:втор\w*|ещ[её] (?:одн|квартир)\w*|друг\w* (?:квартир|дом)\w*|дач\w*)"
)
_LIVED_IN = re.compile(r"\b(?:жив[её]м|живу|живет|живёт|проживаем|прописан\w*|единствен\w*)")
_DIRECTOR = re.compile(r"\b(?:директор\w*|руковод\w*|управлять|гендир\w*)")
_COURT_COSTS = re.compile(
    r"\b(?:процедур\w*|суд\w*|расход\w*|депозит\w*|публикац\w*|управляющ\w*|обязательн\w*"
    r"|издерж\w*|кроме (?:ваших |ваше\w* )?(?:услуг|работ)\w*)"
)
_GREY_INCOME = re.compile(
    r"\b(?:сер(?:ая|ую|ой|ые|ый|ых)|черн(?:ая|ую|ой)|неофициальн\w*|не официальн\w*|в конверт\w*"
    r"|без (?:официально\w* )?(?:оформлени|трудоустройств)\w*)"
)
_COMPANY_DEBTS = re.compile(
    rf"долг\w* (?:\w+ )?{COMPANY_WORD}|субсидиар"
    rf"|(?:платить|отвечать|расплачиваться|гасить|выплачивать) (?:\w+ ){{0,2}}(?:за|по) "
    rf"(?:\w+ ){{0,2}}{COMPANY_WORD}|{COMPANY_WORD} (?:\w+ ){{0,3}}(?:долг|должн|задолж)"
)
# "её машину не заберут?", "а квартиру мужа?": the spouse's thing asked about
_SPOUSES_OWN_THING_ASKED = re.compile(
    r"\b(?:ее|его|жени\w*|мужни\w*|супруг\w*|жен(?:ы|у)|мужа) (?:\w+ )?(?:машин|авто|квартир|дач"
    r"|гараж|дом|имуществ)\w*"
    r"|\b(?:машин|авто|квартир|дач|гараж|дом|имуществ)\w* (?:\w+ )?(?:жены|мужа|супруг\w*)\b"
)
# "бывшего можно заставить платить эти кредиты?", "а мужа нельзя обязать гасить?"
_MAKE_SPOUSE_PAY = re.compile(
    r"\b(?:заставить|обязать|потребовать|взыскать|привлечь)\b[^.?!]{0,40}\b(?:платить|заплатить"
    r"|гасить|погашать|выплачивать|вернуть|с него|с нее|с бывш\w*|с мужа|с жены)"
    r"|\b(?:разделить|поделить|раздел\w*) (?:\w+ ){0,2}(?:долг|кредит)\w*"
    r"|\b(?:долг|кредит)\w* (?:\w+ ){0,2}(?:разделить|поделить)\b"
)
# "сколько стоит сама процедура в суде?": the court's costs, answered by their own text
_COURT_COSTS_ONLY = re.compile(r"\b(?:в суде|суд\w* расход\w*|депозит\w*|издерж\w*)")
_OWN_SALARY_NAMED = re.compile(
    r"\b(?:мо(?:ю|я|ей|е)|сво(?:ю|я|ей)) (?:\w+ )?(?:зарплат|зп|доход|заработ)\w*|\bс меня\b"
)
_FORMER_IP_TOPICS = (Topic.COMPANY, Topic.ELIGIBILITY, Topic.WHICH_DEBTS, Topic.HOW_IT_WORKS)


# The writer's own things, written for a relative: "мою зарплату", "у меня своя ипотека",
# "я сам работаю, зп 90", "мне банк может что-то сделать?" (never "у меня мама…")
_WRITERS_OWN = re.compile(
    r"\b(?:мо(?:ю|я|и|е|ей|их|ем) (?:\w+ )?(?:зарплат|зп|заработ|доход|машин|авто|квартир|ипотек"
    r"|имуществ|жиль|дом|пенси|карт|кредит)\w*"
    r"|у меня (?:\w+ )?(?:сво[яйеи]\w*|собственн\w*)|у меня сам\w*"
    r"|(?:я|мы) (?:\w+ )?сам\w* (?:\w+ )?(?:работа|получа)\w*"
    r"|(?:сво[яйеи]|свою|собственн\w*) (?:\w+ )?(?:зарплат|зп|доход|машин|авто|квартир|ипотек"
    r"|имуществ|жиль|дом)\w*"
    # the noun first: "вы не ответили про зарплату мою"
    r"|(?:зарплат|зп|заработ|доход|машин|авто|квартир|ипотек|имуществ|жиль|пенси)\w* "
    r"(?:мо(?:ю|я|и|е|ей|их|ем)|сво[юяейи])\b"
    r"|мне (?:\w+ ){0,2}(?:банк\w*|коллектор\w*|пристав\w*) (?:\w+ ){0,2}(?:сделать|взыскать"
    r"|требовать|предъявить)|(?:банк\w*|коллектор\w*|пристав\w*) (?:\w+ ){0,2}мне (?:\w+ ){0,2}"
    r"(?:сделать|взыскать|требовать|предъявить))"
)
_WRITERS_OWN_TOPICS = (
    Topic.SALARY, Topic.FLAT, Topic.MORTGAGE_FLAT, Topic.CAR, Topic.PLEDGED_CAR, Topic.PROPERTY,
    Topic.OTHER, Topic.DEDUCTIONS,
)  # fmt: skip
# Written for a relative, a thing registered on the writer: "машина ещё, она на мне, а ездит
# он", "на меня оформлен гараж" (never a deal: "переписал на меня" is the deal's answer)
_ON_THE_WRITER = (
    r"(?:на мне|(?:оформлен\w*|записан\w*|зарегистрирован\w*) (?:\w+ )?на меня"
    r"|на меня (?:\w+ )?(?:оформлен\w*|записан\w*|зарегистрирован\w*))"
)
_WRITERS_THING = {
    kind: re.compile(
        rf"\b(?:{words})\w*\b[^.?!]{{0,40}}\b{_ON_THE_WRITER}\b"
        rf"|\b{_ON_THE_WRITER}\b[^.?!]{{0,20}}\b(?:{words})"
    )
    for kind, words in (
        ("car", "машин|авто|тачк"),
        ("home", "квартир|дом|жиль|комнат"),
        ("other", "дач|гараж|участ|земл"),
    )
}
_KIND_OF_TOPIC = {
    Topic.CAR: ("car",), Topic.PLEDGED_CAR: ("car",), Topic.FLAT: ("home",),
    Topic.MORTGAGE_FLAT: ("home",), Topic.PROPERTY: ("other",),
    Topic.RELATIVE_PROPERTY: ("car", "home", "other"),
}  # fmt: skip
_GIVEN_TO_WRITER = re.compile(r"\b(?:переписал|переоформил|подарил|продал|отдал|передал)\w*")


def _writers_thing_asked(topic: Topic, said: str) -> bool:
    """ "и машина ещё, она на мне, а ездит он. её не тронут?": the writer's own thing."""
    return not _GIVEN_TO_WRITER.search(said) and any(
        _WRITERS_THING[kind].search(said) for kind in _KIND_OF_TOPIC.get(topic, ())
    )


_A_MORTGAGED_HOME = re.compile(
    r"\b(?:квартир\w*|жиль\w*|дом) (?:\w+ )?(?:ипотечн\w*|в ипотеке)"
    r"|\bипотечн\w* (?:квартир|жиль|дом)\w*"
)
_HOME_NAMED = re.compile(r"\b(?:квартир\w*|жиль\w*|дом|домик|однушк\w*|двушк\w*)\b")


# The writer for a relative asks whether they themselves will be made to pay
_WRITER_LIABLE = re.compile(
    r"\bс меня (?:\w+ ){0,2}(?:взыщ|взыск|требова|потребу|спрос|удерж|сним|спиш)\w*"
    r"|\b(?:мне|я) (?:\w+ ){0,2}(?:отвечать|платить|гасить) (?:\w+ )?за (?:него|нее|неё|них|сына"
    r"|дочь|маму|мать|папу|отца|брата|сестру)\b"
)
_OWN_SALARY = re.compile(r"\b(?:мо[юяе]|сво[юяе]|у меня)\b")
# The writer for a relative as the one collectors come to: "на меня выйти могут?", "мне звонят"
_WRITER_CONTACTED = re.compile(r"\b(?:на меня|ко мне|мне|меня|на нас|к нам|нам|нас)\b")
_AN_INCOME = re.compile(r"\b(?:зарплат|зп\b|заработ|доход|оклад)")
_THE_DEBTORS = re.compile(r"\b(?:его|мужа|жены|супруга|супруги|у него|у нее|мужнин\w*)\b")


def _writers_own_key(topic: Topic, request: WriteRequest, said: str) -> str | None:
    """Written for a relative: the answer for whom the question is about — the writer's own
    salary or things ("мою зарплату тоже заберут?"), or the relative's, who is the debtor
    ("квартира у него единственная, её не заберут?"); None when neither fits."""
    own_asks = [
        a for a in request.plan.acts
        if a.kind is ActKind.ASK and a.topic is topic and a.subject is Subject.SELF
    ]  # fmt: skip
    spouse = request.state.on_behalf == Subject.SPOUSE.value
    if (
        topic in (Topic.COLLECTORS, Topic.RELATIVES_COLLECTORS)
        and own_asks
        and _WRITER_CONTACTED.search(_asked_words(topic, request))
    ):
        # "пишу за сестру… а на меня коллекторы выйти могут?": the writer is a relative, whom
        # collectors may not contact without the debtor's written consent (not the call limits)
        return "answer.collectors_writer_relative"
    if (
        topic in (Topic.SALARY, Topic.DEDUCTIONS, Topic.OTHER)
        and own_asks
        and any(_GUARANTOR_MYSELF.search(t) for t in _own_words(request))
        and _OWN_SALARY_NAMED.search(said)
    ):
        # "по альфе я поручитель… и мою зарплату приставы тронут?": the guarantor's own salary
        # answers for that loan (never "не трогают, если вы не поручитель")
        return "answer.guarantor_salary"
    if not spouse and own_asks and _WRITER_LIABLE.search(said):
        # "пишу за сына… я сам пенсионер, с меня могут взыскать?": a parent, child or sibling
        # does not answer for the debtor's loans
        return "answer.children"
    if (
        topic is Topic.SPOUSE_SALARY
        and spouse
        and not _WRITERS_OWN.search(_asked_words(topic, request))
        and not _OWN_SALARY.search(_asked_words(topic, request))
        and _THE_DEBTORS.search(_asked_words(topic, request))
    ):
        # "пишу за мужа… его зарплату всю заберут?": the debtor's salary, not the writer's
        return "answer.salary_debtor"
    if topic in _WRITERS_OWN_TOPICS and own_asks and _WRITERS_OWN.search(said):
        if spouse:
            # the debtor's spouse: their own salary is theirs; what was bought in marriage
            # is joint (the joint-home answer, below, when the home is asked)
            if topic in (Topic.FLAT, Topic.MORTGAGE_FLAT):
                return None
            return "answer.writer_salary_spouse"
        return "answer.writer_own_relative"
    if topic is Topic.CHILDREN and spouse and own_asks and _WRITERS_OWN.search(said):
        return "answer.writer_salary_spouse"
    if topic is Topic.SPOUSE_SALARY and spouse and _WRITERS_OWN.search(said):
        # "пишу за мужа… у меня своя зарплата, её не тронут?": the debtor's spouse's salary
        # is the writer's own, asked beside "я за его долги отвечаю?"
        return "answer.writer_salary_spouse"
    if not spouse and _writers_thing_asked(topic, said):
        return "answer.writer_thing_relative"
    if topic is Topic.RELATIVES_COLLECTORS and _WRITER_CONTACTED.search(
        _asked_words(topic, request)
    ):
        # "пишу за сестру… а на меня коллекторы выйти могут?": the writer is the relative
        # called, the consent is the debtor's (never "без вашего согласия")
        return "answer.collectors_writer_relative"
    if (
        topic is Topic.SALARY
        and not spouse
        and not own_asks
        and _asked_about(request, topic) == request.state.on_behalf
    ):
        # "пишу за маму… и пенсию всю заберут?": the debtor's pension, never "вам оставляют"
        asked = _asked_words(topic, request)
        pension = "пенси" in asked or (not _AN_INCOME.search(asked) and _pension_named(request))
        return "answer.salary_pension_relative" if pension else "answer.salary_relative"
    mortgaged = bool(_A_MORTGAGED_HOME.search(said) or request.state.slots.mortgage)
    if topic is Topic.RELATIVE_PROPERTY and not spouse:
        # the debtor's own home or car, named with "у него", "её" or their word
        named = {relative_named(a.text) for a in request.plan.acts if a.topic is topic}
        if {n.value for n in named if n is not None} - {request.state.on_behalf}:
            return None  # another relative's thing ("а квартира брата?")
        if mortgaged:
            return "answer.mortgage_flat"
        asked = _asked_words(topic, request)
        if not re.search(r"\b(?:машин|авто|квартир|жиль|дом)", asked):
            asked = said  # "её не заберут?": the thing named before it
        if _HOME_NAMED.search(asked):
            return "answer.flat_relative"
        return "answer.car_debtor"
    if topic is Topic.FLAT and not spouse and not own_asks and not mortgaged:
        return "answer.flat_relative"  # "квартиру у мамы заберут?": the debtor's home
    if topic is Topic.CAR and not spouse:
        return "answer.car_debtor"  # "а машину отберут? он на ней ездит": not "your car"
    return None


def _concluded_or_pressed(topic: Topic, request: WriteRequest) -> bool:
    """An answer the person did not ask this turn (a conclusion the policy owes them), or
    a question asked again."""
    plan = request.plan
    asked = any(a.kind is ActKind.ASK and a.topic is topic for a in plan.acts)
    return not asked or topic in plan.repeated


def _inheritance_answered(request: WriteRequest) -> bool:
    """ "а если оформлю наследство, дом заберут?" reads as the heirs' question too (as does
    "и за его долги тоже?" once the inheritance is taken); the
    answer about what the person inherits says the limit, so the heirs' paragraph is not said
    again (a question about the children's liability of its own still gets it)."""
    heirs_asks = [
        a for a in request.plan.acts if a.kind is ActKind.ASK and a.topic is Topic.CHILDREN
    ]
    return (
        bool(heirs_asks)
        and (
            inherited_debts(request.state)  # the inheritance taken: its debts are the heir's
            or all(inherits_myself(a.text) for a in heirs_asks)
        )
        and any(_answer_key(t, request) == "answer.inherit_own" for t in request.plan.answers)
    )


_TAX_NAMED = re.compile(r"\b(?:налог\w*|фнс|ифнс)")
_TAX_NOTES = ("tax_debt", "ip_closed", "ip_open", "ip")


def _taxes_told(request: WriteRequest) -> bool:
    """The person (or the relative written for) was an ИП or owes taxes, by the notes held."""
    return any(f.get("value") in _TAX_NOTES for f in request.state.flagged)


def _inherited_thing_asked(topic: Topic, request: WriteRequest, asked: str) -> bool:
    """ "папа умер… наследство я приняла", then "а папину квартиру заберут?": the thing of the
    relative who died is the heir's own now (never "имущество родных — не ваше")."""
    if topic not in _INHERITED_TOPICS or not inherited_debts(request.state):
        return False
    whose = relative_named(asked)
    if whose is None:
        return False
    # the dead relative's debts told earlier are theirs (the history may no longer hold the
    # message that told the death)
    left_debts = any(
        f.get("subject") == whose.value and f.get("slot") == "debt_total"
        for f in request.state.others
    )
    return left_debts or whose in deceased_relatives(_own_words(request))


def _car_asked_of(topic: Topic, request: WriteRequest) -> bool:
    """ "у мужа машина, купили в браке. её заберут? … и квартира у нас общая, её?": the thing
    named last before the question is a car, not the home (whatever follows it)."""
    said = request.user_text.lower().replace("ё", "е")
    for act in request.plan.acts:
        if act.kind is not ActKind.ASK or act.topic is not topic or not act.text:
            continue
        at = said.find(act.text.lower().replace("ё", "е"))
        before = said[: at if at >= 0 else len(said)]
        cars = [m.start() for m in _CAR_NAMED.finditer(before)]
        homes = [m.start() for m in _A_HOME.finditer(before)]
        if cars and (not homes or cars[-1] > homes[-1]):
            return True
    return False


def _asked_words(topic: Topic, request: WriteRequest) -> str:
    """The words of the questions read as this topic ("а серая зарплата это проблема?")."""
    texts = [
        a.text for a in request.plan.acts if a.kind is ActKind.ASK and a.topic is topic and a.text
    ]
    return " ".join(texts).lower().replace("ё", "е")


def _asked_about(request: WriteRequest, topic: Topic) -> str | None:
    """Whom the question of this topic is about ("sibling"), if anyone but the person."""
    return next(
        (
            a.subject.value
            for a in request.plan.acts
            if a.kind is ActKind.ASK and a.topic is topic and a.subject is not Subject.SELF
        ),
        None,
    )


def _asks_of_kin_at_large(request: WriteRequest) -> bool:
    """ "Родственники отвечают за мои долги?": relatives at large, or the one who signed —
    not a named other relative ("сестра поручитель… а сына не заставят?")."""
    cosigner = _cosigner(request)
    return any(
        a.subject in (Subject.SELF, Subject.OTHER) or a.subject.value == cosigner
        for a in request.plan.acts
        if a.kind is ActKind.ASK and a.topic is Topic.CHILDREN
    )


def _writes_for_relative(request: WriteRequest) -> bool:
    """ "пишу за маму": the МФЦ application is the relative's to file."""
    return request.state.on_behalf not in (None, Subject.SELF.value)


def relative_word(request: WriteRequest) -> str:
    """The relative the person writes for, as a subject ("мама"), else "ваш близкий"."""
    if request.state.on_behalf_word:
        return request.state.on_behalf_word
    own_words = [request.user_text] + [h.text for h in request.history if h.role == "user"]
    return next(
        (word for text in own_words if (word := relative_noun(text)) is not None), "ваш близкий"
    )


# "мама" → ("ваша мама", "вашей мамы"): the relative in a question about their facts
_RELATIVE_FORMS = {
    "мама": ("ваша мама", "вашей мамы"), "папа": ("ваш папа", "вашего папы"),
    "бабушка": ("ваша бабушка", "вашей бабушки"), "дедушка": ("ваш дедушка", "вашего дедушки"),
    "муж": ("ваш муж", "вашего мужа"), "жена": ("ваша жена", "вашей жены"),
    "сын": ("ваш сын", "вашего сына"), "дочь": ("ваша дочь", "вашей дочери"),
    "брат": ("ваш брат", "вашего брата"), "сестра": ("ваша сестра", "вашей сестры"),
    "свекровь": ("ваша свекровь", "вашей свекрови"), "тёща": ("ваша тёща", "вашей тёщи"),
}  # fmt: skip


def relative_forms(word: str) -> tuple[str, str]:
    """The relative as subject and after "у" ("ваш близкий", "вашего близкого" if unnamed)."""
    return _RELATIVE_FORMS.get(word, ("ваш близкий", "вашего близкого"))


# (the not-a-fit advice, "а что тогда делать?": the bank and the ombudsman, no route)
_NO_ROUTE_NAMED = ("answer.manager", "answer.come_back", "answer.hope_after_crisis", "not_a_fit")
# Answers that say the МФЦ fits the person: a route proposed, so the warning goes with it
_ROUTE_CONCLUDED = ("answer.mfc_fits", "answer.mfc_fits_relative")


# "я могу за неё подать?", "маме самой надо идти?": someone files for a relative
_FILES_FOR_ANOTHER = re.compile(
    r"\bза (?:нее|него|маму|мать|папу|отца|сестру|брата|мужа|жену|сына|дочь|бабушку|дедушку)\b"
    r"|\b(?:маме|матери|папе|отцу|сестре|брату|мужу|жене|сыну|дочери|бабушке|дедушке|ей|ему)"
    r" (?:\w+ )?сам\w*\b"
)
_FILING_WORD = re.compile(r"\b(?:пода\w*|сходить|идти|пойти|ходить|заявлен\w*|мфц|оформ\w*)")
_PUBLICITY = re.compile(
    r"\b(?:публик\w*|опубликуют|огласк\w*|напечатают|все узна\w*|соседи|родн\w* узна\w*"
    r"|родственник\w*|знакомы\w*)"
)
_WORKPLACE_ASKED = re.compile(
    r"\b(?:работ\w*|начальств\w*|начальни\w*|коллег\w*|бухгалтер\w*|директор\w*|руководител\w*"
    r"|шеф\w*|уволь\w*|уволят\w*)"
)
_A_BANK = re.compile(r"\b(?:банк\w*|мфо|коллектор\w*|сбер\w*)")
# "её долги тоже в моё дело войдут?": the spouse's own debts asked into the person's case
_THEIR_DEBTS_IN_MY_CASE = re.compile(
    r"\b(?:долг|кредит|займ|микрозайм|мфо)\w* (?:\w+ ){0,3}(?:в|к) (?:мо[ейюё]|мой|наш[еуи]?) "
    r"(?:дело|процедур\w*|банкротств\w*|списани\w*)"
    r"|\b(?:войдут|включат|попадут|пойдут|учтут|добавят) (?:\w+ ){0,3}(?:долг|кредит|займ)\w*"
)
_DRAWN_INTO_MY_DEBTS = re.compile(r"\bк (?:мо\w+|наш\w+) (?:долг|кредит|займ)\w*")
_NEW_JOB = re.compile(
    r"\bнов\w* (?:\w+ )?(?:работ\w*|мест\w*|должност\w*)|\b(?:возьмут|примут|принимать|брать)"
    r" (?:\w+ )?(?:на работу|работать)|\bустро(?:иться|юсь|ят)\b|\bтрудоустр\w*"
    r"|\bна (?:\w+ )?работу (?:\w+ ){0,3}(?:возьмут|примут|берут|принимают)\b"
)
# "могут коллекторы домой прийти?", "приедут ко мне на квартиру?": a personal visit
_HOME_VISIT = re.compile(
    r"\b(?:домой|на дом|на квартиру|по месту жительства|к (?:нам|мне) (?:домой|на квартиру)?)\b"
    r"[^.?!]{0,30}\b(?:прийти|придут|приходить|приходят|приехать|приедут|явиться|явятся"
    r"|заявиться|заявятся|наведаться|ходить)\b"
    r"|\b(?:прийти|придут|приходить|приходят|приехать|приедут|явиться|явятся|заявиться"
    r"|заявятся|наведаться|ходить) (?:\w+ ){0,2}(?:домой|на дом|на квартиру|ко мне|к нам)\b"
)
# "это вообще законно?", "а банкротство законно?", "законно ли это?": whether the procedure
# is lawful, asked on its own (a collector's act told before is joined to it by the reading)
_LEGALITY = re.compile(
    r"^(?:а |и |ну |так )?(?:(?:это|банкротство|процедура|списание(?: долгов)?|всё это|все это"
    r"|такое) )?(?:\w+ )?(?:законно|легально|по закону|не противозаконно|не незаконно)\W*$"
    r"|^(?:а |и |ну )?(?:законно|легально) ли (?:это|банкротство|такое|списание|вообще)\b"
)
_SEIZED = re.compile(
    r"\b(?:опис\w*|арест\w*|изым\w*|изъят\w*|заберут|отберут|забирать|отбирать|имуществ\w*"
    r"|вещи|технику)"
)
_DEAL_WORDS = re.compile(r"\b(?:сделк|продал|подарил|переписал|переоформил|дарени|дарственн)\w*")
_DEAL_TOPICS = (
    Topic.DEAL_WITH_RELATIVE,
    Topic.DEAL_REVERSED,
    Topic.HIDE_PROPERTY,
    Topic.DEAL_CHECK,
)


def _about_a_deal(request: WriteRequest, said: str) -> bool:
    """A criminal question about a sale or gift to a relative, in this message or just answered."""
    recent = {Topic(t) for t in request.state.answered[-2:] if t in Topic._value2member_map_}
    return bool(
        _DEAL_WORDS.search(said) or set(_DEAL_TOPICS) & (set(request.plan.answers) | recent)
    )


def _mfc_asked_beside(request: WriteRequest) -> bool:
    """The МФЦ asked about in the same message, with a debt within its limit."""
    within = (request.state.slots.debt_total or 0) <= MFC_MAX_DEBT
    return within and any(a.kind is ActKind.ASK and a.topic is Topic.MFC for a in request.plan.acts)


def _mfc_may_fit(request: WriteRequest) -> bool:
    """The route is not decided yet and the МФЦ may still be it: a debt within its limits and
    no fact that rules its grounds out."""
    slots = request.state.slots
    debt = slots.debt_total
    if debt is None or not MFC_MIN_DEBT <= debt <= MFC_MAX_DEBT:
        return False
    decided = request.plan.verdict or case_verdict(request.state)
    return decided is None and mfc_grounds(slots) is not False


def _sole_trader(request: WriteRequest, said: str) -> bool:
    """The person has or had an ИП of their own and runs no company: "долги фирмы" are the
    ИП's, that is their own."""
    flags = {f.get("value") for f in request.state.flagged}
    if "company" in flags or re.search(r"\b(?:ооо|директор\w*|учредител\w*)", said):
        return False
    return bool(flags & {"ip", "ip_closed", "ip_open"}) or bool(re.search(FORMER_IP, said))


def _spouse_premarital_told(request: WriteRequest) -> bool:
    """An earlier message said the spouse's thing was bought before the marriage ("у неё машина,
    куплена до свадьбы"), and not that it was the person's own."""
    for fact in request.state.others:
        # (the spouse's property facts stay on the session longer than the history)
        low = str(fact.get("text") or "").lower().replace("ё", "е")
        if fact.get("subject") == Subject.SPOUSE.value and _PREMARITAL.search(low):
            return True
    for h in request.history:
        low = h.text.lower().replace("ё", "е")
        if (
            h.role == "user"
            and _PREMARITAL.search(low)
            and _SPOUSE_NAMED.search(low)
            and not _MY_THING.search(low)
        ):
            return True
    return False


def _on_mfc_route(request: WriteRequest) -> bool:
    """The МФЦ route: decided, or the bailiffs closed the case and the debt is within it."""
    slots = request.state.slots
    within = (slots.debt_total or 0) <= MFC_MAX_DEBT  # over it the МФЦ is no route at all
    return within and (
        request.plan.verdict is Verdict.MFC or slots.enforcement is Enforcement.CLOSED
    )


def _cosigner(request: WriteRequest) -> str | None:
    """Who guarantees or co-signed the person's loan: whom the guarantor question is about,
    else the relative the session knows to have signed."""
    about = [
        a.subject.value
        for a in request.plan.acts
        if a.kind is ActKind.ASK and a.topic is Topic.GUARANTOR and a.subject is not Subject.SELF
    ]
    return about[0] if about else request.state.guarantor


def _premarital_owner(request: WriteRequest) -> Subject | None:
    """Whose the premarital thing is, from the facts the message gave about property."""
    facts = [a for a in request.plan.acts if a.kind is ActKind.FACT and a.slot in _OWNED]
    # "квартира у жены добрачная… машина на мне": the thing the premarital words are said of
    marked = [a for a in facts if _PREMARITAL.search(a.text.lower().replace("ё", "е"))]
    owners = {a.subject for a in marked or facts}
    if len(owners) > 1:  # "квартира жены до брака, машина моя — квартиру жены заберут?": asked of
        asked = {a.subject for a in request.plan.acts if a.kind is ActKind.ASK}
        owners = owners & asked or owners
    if owners == {Subject.SELF}:  # "у меня машина до брака, жена переживает": the person's own
        return Subject.SELF
    return Subject.SPOUSE if owners == {Subject.SPOUSE} else None


def _owes(act: Act | dict[str, Any], subject: Subject) -> bool:
    """A fact that this person owes (an act of the message, or a stored fact of the session)."""
    if isinstance(act, Act):
        return act.kind is ActKind.FACT and act.slot in _OWING and act.subject is subject
    fact = act.get("kind") == "fact" and act.get("slot") in _OWING
    return fact and act.get("subject") == subject.value


def _spouse_owes(request: WriteRequest, said: str) -> bool:
    """The spouse is the debtor: written for the spouse, their debts named, or the only debts
    the session knows are the spouse's ("жена набрала кредитов на 1,3 млн")."""
    state = request.state
    if state.on_behalf == Subject.SPOUSE.value or _SPOUSES_DEBTS.search(said):
        return True
    facts: tuple[Act | dict[str, Any], ...] = (*request.plan.acts, *state.others)
    own_debt = state.slots.debt_total is not None or any(
        _owes(a, Subject.SELF) for a in request.plan.acts
    )
    return not own_debt and any(_owes(a, Subject.SPOUSE) for a in facts)


_FIRST_PERSON = re.compile(r"\b(?:я|мне|меня|мы|нам|нас)\b")


def _asks_for_a_relative(request: WriteRequest) -> bool:
    """ "Я наследство приняла… а сына не заставят платить?": the son's liability, not the
    heir's own: the relatives answer (it names the inheritance limit too)."""
    return any(
        a.kind is ActKind.ASK
        and a.topic is Topic.CHILDREN
        and a.subject in (Subject.CHILD, Subject.SIBLING)
        and not _FIRST_PERSON.search(a.text.lower())  # "я должна платить за сына?": the heir
        for a in request.plan.acts
    )


_SPOUSE_WORD = re.compile(r"\b(?:муж\w*|жен(?:а|ы|е|у|ой)|супруг\w*|бывш\w*)\b")


def _pronoun_of_other_relative(request: WriteRequest, topic: Topic = Topic.SPOUSE_DEBTS) -> bool:
    """ "а мне за его долги отвечать?" with no spouse named, while the session is about a
    parent, a child or a sibling (written for, or the last one the person spoke of)."""
    asked = _asked_words(topic, request)
    if not asked or _SPOUSE_WORD.search(asked):
        return False
    state = request.state
    about = state.on_behalf or state.last_subject
    return about not in (None, Subject.SELF.value, Subject.SPOUSE.value)


def _asks_spouse_liability(request: WriteRequest) -> bool:
    """ "Муж будет отвечать за мои кредиты? … машина на нём, заберут?": the spouse's own
    liability is asked in words of its own; the spouse answer names joint property too."""
    return any(
        a.kind is ActKind.ASK
        and a.topic is Topic.SPOUSE
        and _LIABILITY.search(a.text.lower().replace("ё", "е"))
        and not _SPOUSES_THING.search(a.text.lower())
        for a in request.plan.acts
    )


def _asks_own_liability_for_spouse(request: WriteRequest) -> bool:
    """ "Мне за них отвечать?" about the spouse: the relatives question is the person's own
    and the one it is about is the spouse (not a child or a parent)."""
    own = any(
        a.kind is ActKind.ASK and a.topic is Topic.CHILDREN and a.subject is Subject.SELF
        for a in request.plan.acts
    )
    return own and request.state.last_subject == Subject.SPOUSE.value


def _pension_named(request: WriteRequest) -> bool:
    """The person's benefits are a pension (the slot holds child benefits too): named in this
    message or in an earlier one of theirs that the history still holds."""
    own_words = [request.user_text] + [h.text for h in request.history if h.role == "user"]
    return any("пенси" in text.lower() for text in own_words)


def _preferred(key: str, request: WriteRequest) -> tuple[str, ...]:
    """Words the wording to put first should hold, most important first: what the person's
    facts make matter, then what they named ("дачу заберут?")."""
    plan, said = request.plan, request.user_text.lower()
    facts: list[str] = []
    if request.state.slots.mortgage and key in _SOLE_HOME_CONTRASTED:
        facts.append("ипоте")  # the sole-home contrast must name the mortgage of a pledged home
    if key == "answer.spouse_debts" and plan.topic is Topic.FLAT and Topic.FLAT not in plan.answers:
        facts.append("квартир")  # "у мужа долги, а квартира общая, заберут?"
    if key == "answer.spouse_premarital" and _LIABILITY.search(said.replace("ё", "е")):
        facts.append("не отвечает")  # "а жену не затронет? её машину не заберут?": both
    if key == "answer.not_a_fit_again" and Topic.ELIGIBILITY in plan.answers:
        facts.append("не запрещает")  # "а можно мне банкротство?" after the exit: yes, but
    if key == "answer.self_filing_mfc_relative" and _FILES_FOR_ANOTHER.search(said):
        facts.append("подаёт лично")  # "я могу за неё сходить?": who files, said first
    # every thing named counts ("налоги спишут? и штрафы?": the wording naming both first)
    named = tuple(w for w in _NAMED_THINGS if w in said)
    return (*facts, *named)


def _crisis_close_said(picker: _Picker) -> bool:
    """After a crisis, "я рядом, 112" closes a reply while a fresh wording is left and the
    last reply did not say it: never the same line every turn, never "как я писала"."""
    return picker.in_last_reply("after_crisis") or all(
        picker.said(text) for text in picker.variants("after_crisis")
    )


def _read_something(understood: Understanding) -> bool:
    """Anything read of the message itself; whom it speaks of ("и её зарплату…") alone is
    no content."""
    bare = replace(understood, named=None, on_behalf=None, on_behalf_word=None)
    return bool(understood.acts) or not bare.is_empty


def _files_alone_key(request: WriteRequest) -> str:
    """ "Сама в МФЦ схожу": the close says whether the МФЦ would take the application."""
    slots = request.state.slots
    debt = slots.debt_total
    if debt is not None and not MFC_MIN_DEBT <= debt <= MFC_MAX_DEBT:
        return "files_alone_out_of_limits"
    if mfc_grounds(slots) is False:
        return "files_alone_no_grounds"
    if request.plan.verdict is Verdict.MFC:
        return "files_alone"
    return "files_alone_conditions"


def _below_mfc(request: WriteRequest) -> bool:
    """Under the МФЦ minimum: the honest exit names neither route (not_a_fit_tiny)."""
    debt = request.state.slots.debt_total
    return debt is not None and debt < MFC_MIN_DEBT


def _thinking_it_over(request: WriteRequest) -> bool:
    """ "Я подумаю" at the invitation or the booking: no pressure in the same breath."""
    return request.plan.objection is ObjectionKind.THINK and request.plan.ask in (
        Ask.CALL_INVITE,
        Ask.CONSENT,
        Ask.PHONE,
        Ask.CALL_TIME,
    )


def _declined_call(request: WriteRequest) -> bool:
    return (
        request.understanding.yes is False
        and request.plan.ask is Ask.CALL_INVITE
        and request.plan.objection is None
        and request.plan.previous_stage is Stage.OFFER  # the "no" answers the invitation
    )


class _Picker:
    """Chooses a variant by turn number, skipping sentences of the last reply and any
    sent before. The person's variant seed shifts where each text's rotation starts
    (their A/B arm for it: the same shift on every turn); seed 0, or none, is the
    script's reference order. Every choice is noted in `picked`."""

    def __init__(
        self,
        texts: ReplyTexts,
        turn: int,
        avoid: set[str],
        sent: set[str] | None = None,
        seed: int | None = None,
        over_mfc: bool = False,
    ) -> None:
        self._texts = texts
        self._over_mfc = over_mfc
        self._turn = turn
        self._avoid = avoid
        self._sent = sent or set()
        self._seed = seed
        self.picked: list[str] = []

    def said(self, text: str) -> bool:
        """Whether this very text already reached the person (the statutory warning)."""
        digests = set(sentence_digests(text))
        return bool(digests) and digests <= self._sent

    def variants(self, key: str) -> tuple[str, ...]:
        return tuple(self._texts.get(key))

    def in_last_reply(self, key: str) -> bool:
        """Whether a wording of this text was part of the last reply."""
        return any(_sentences(v) & self._avoid for v in self._texts.get(key))

    def sent_before(self, key: str, **fields: str) -> bool:
        """Whether any wording of this text already reached the person."""
        return any(
            set(sentence_digests(v.format(**fields) if fields else v)) & self._sent
            for v in self._texts.get(key)
        )

    def _start(self, key: str, count: int) -> int:
        return (self._turn + variant_shift(self._seed, key, count)) % count

    def _chosen(self, key: str, index: int, text: str) -> str:
        self.picked.append(f"{key}#{index}")
        return text

    def pick(self, key: str, prefer: str | tuple[str, ...] = "", **fields: str) -> str:
        variants = self._texts.get(key)
        if not variants:
            return ""
        ranks = (0,) * len(variants)
        if self._over_mfc and not key.startswith(_ABOUT_BOTH_ROUTES) and "mfc" not in key:
            variants, ranks = _without_mfc(variants)
        start = self._start(key, len(variants))
        order = [*range(start, len(variants)), *range(start)]
        if prefer:  # the variant that speaks of what the person named ("пособия")
            wanted = (prefer,) if isinstance(prefer, str) else prefer
            order.sort(key=lambda i: tuple(word not in variants[i].lower() for word in wanted))
        order.sort(key=lambda i: ranks[i] > 1)  # over the МФЦ limit: all-МФЦ wordings last
        # (an empty field leaves no double space behind)
        rendered = [
            (i, re.sub(r" {2,}", " ", variants[i].format(**fields)) if fields else variants[i])
            for i in order
        ]
        for index, text in rendered:
            if not _sentences(text) & self._avoid and not set(sentence_digests(text)) & self._sent:
                return self._chosen(key, index, text)
        # Every wording was sent already: the same idea again is marked as a repeat, never
        # the same paragraph; a closing "могу ещё чем-то помочь?" is not asked twice.
        if key == "ask.anything_else":
            closing = list(enumerate(self._texts.get("still_here")))
            fresh = [(i, t) for i, t in closing if not set(sentence_digests(t)) & self._sent]
            if not fresh:
                # every closing line said: a word or two, never the same sentence again
                closing = list(enumerate(self._texts.get("still_here_short")))
            pool = fresh or closing
            if not pool:
                return ""
            index, text = pool[self._turn % len(pool)]
            return self._chosen("still_here" if fresh else "still_here_short", index, text)
        again = self._texts.get("again")
        if key.startswith("answer.") and again:
            # asked once more after every wording was said: shorter, and marked as said before
            # ("Как я писала, …") — an unsaid short wording if one is left, else the first
            # sentence only, never the same paragraph again
            return self._said_again(key, rendered, again)
        index, text = next(
            ((i, t) for i, t in rendered if not _sentences(t) & self._avoid), rendered[0]
        )
        self._chosen(key, index, text)
        if again and text and not key.startswith(_NEVER_PREFIXED):
            prefix = again[self._turn % len(again)]
            keep_capital = text.split(" ", 1)[0].isupper()
            return prefix + (text if keep_capital else text[0].lower() + text[1:])
        return text

    def _said_again(
        self, key: str, rendered: list[tuple[int, str]], again: tuple[str, ...] | list[str]
    ) -> str:
        prefix = again[self._turn % len(again)]
        if key.endswith(".full"):
            shorter = key[: -len(".full")] + ".short"
            for i, text in enumerate(self._texts.get(shorter)):
                if (
                    not _sentences(text) & self._avoid
                    and not set(sentence_digests(text)) & self._sent
                ):
                    self._chosen(shorter, i, text)
                    return _prefixed(prefix, text)
        index, text = next(
            ((i, t) for i, t in rendered if not _sentences(t) & self._avoid), rendered[0]
        )
        self._chosen(key, index, text)
        return _prefixed(prefix, _first_sentence(text)) if text else text


def _prefixed(prefix: str, text: str) -> str:
    keep_capital = text.split(" ", 1)[0].isupper()
    return prefix + (text if keep_capital else text[0].lower() + text[1:])


# Texts that explain both routes with their conditions, or are about the МФЦ itself: said
# as they are whatever the debt (the МФЦ limit is part of them).
_ABOUT_BOTH_ROUTES = (
    "offer.",
    "files_alone",
    "help",
    "answer.how_it_works",
    "answer.eligibility",
    "answer.state_program",
    "answer.duration",
    "topic.how_it_works",
    "topic.state_program",
    "topic.duration",
    "not_a_fit",
    "topic.guarantee",
    "answer.unlisted_debt",
    "answer.repeat",
    "answer.documents",
    "answer.foreigner",
    "answer.self_filing_relative",
    "answer.which_debts",
)
_MFC_WORDS = re.compile(r"мфц|внесудебн", re.IGNORECASE)
# A route held out as one that may fit the person ("может подойти бесплатный МФЦ", "иногда
# подходит процедура через МФЦ", "вам, скорее всего, подходит МФЦ"), not its conditions ("если
# подходит МФЦ…", "подходит ли вам суд") nor a refusal ("ни суд, ни МФЦ не подходят")
_MAY_FIT = re.compile(
    r"\b(?:может|могут|иногда|скорее всего|похоже|обычно)\b,?(?: \w+){0,2},?"
    r" (?:подо(?:йти|йдёт|йдет|ходит)|(?:стать|быть) доступ\w*)\b"
    r"|\bстан(?:ет|ут) доступ\w*"
    r"|\bподойд[её]т\b|\bподходит (?:\w+ ){0,2}(?:мфц|внесудеб|процедура|банкротство)",
    re.IGNORECASE,
)
_ROUTE_WORDS = re.compile(r"мфц|внесудебн|банкротств|арбитраж", re.IGNORECASE)
_NOT_HELD_OUT = re.compile(r"\b(?:если|ли|не)\b", re.IGNORECASE)


def holds_out_a_route(text: str) -> bool:
    """A sentence that proposes a route (38-ФЗ art. 28.1: then the statutory warning goes
    with it), by its words of possibility next to the route's name."""
    for sentence in re.split(r"(?<=[.!?])\s+", text):
        for clause in re.split(r"[;:—]", sentence):
            fits = _MAY_FIT.search(clause)
            if (
                fits
                and _ROUTE_WORDS.search(clause)
                and not _NOT_HELD_OUT.search(clause[: fits.start()].split(",")[-1] + fits.group())
            ):
                return True
    return False


def _without_mfc(variants: tuple[str, ...]) -> tuple[tuple[str, ...], tuple[int, ...]]:
    """Over 1 000 000 ₽ the МФЦ is no route for the person: what a text says of it as of
    their own ("а через МФЦ удержания на полгода прекращаются") is left out — a clause after
    ";" or a sentence of its own. The wordings, each with its rank: one that never named
    the МФЦ first (0), then one trimmed (1), last one all about the МФЦ, kept as it is (2)."""
    texts: list[str] = []
    ranks: list[int] = []
    for text in variants:
        if not _MFC_WORDS.search(text):
            texts.append(text)
            ranks.append(0)
            continue
        kept = []
        for sentence in re.split(r"(?<=[.!?])\s+", text):
            if not _MFC_WORDS.search(sentence):
                kept.append(sentence)
                continue
            clauses = [c for c in sentence.split("; ") if not _MFC_WORDS.search(c)]
            if clauses:
                rest = "; ".join(clauses).rstrip(".") + "."
                kept.append(rest[:1].upper() + rest[1:])
        texts.append(" ".join(kept) if kept else text)
        ranks.append(1 if kept else 2)
    return tuple(texts), tuple(ranks)


def variant_shift(seed: int | None, key: str, count: int) -> int:
    """How far a person's seed moves a text's rotation: stable for the person, spread
    independently over the texts (two texts' arms are not tied to each other). At any
    given turn every wording is equally likely across people, so the dialogue's path
    does not decide who sees which. Seed 0 (and none) moves nothing."""
    if not seed:
        return 0
    digest = hashlib.blake2s(f"{seed}:{key}".encode(), digest_size=4).digest()
    return int.from_bytes(digest, "big") % count


def person_seed(user_id: int) -> int:
    """The variant seed of a person: from their id, so it is the same in every process."""
    digest = hashlib.blake2s(str(user_id).encode(), digest_size=4).digest()
    return int.from_bytes(digest, "big")


def format_rubles(amount: int) -> str:
    return f"{amount:,}".replace(",", " ") + " ₽"


def format_phone(e164: str) -> str:
    try:
        number = phonenumbers.parse(e164, None)
    except phonenumbers.NumberParseException:
        return e164
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def _booking_changed(request: WriteRequest) -> bool:
    """The booked time or number changed, or the zone the time is read in (a city named
    after "в 17 по местному"). A new debt or creditor count is acknowledged as a fact: the
    booked time and number are not repeated for it."""
    filled, state = set(request.plan.filled), request.state
    zone_from_region = state.call_tz in (None, "local") and bool(state.slots.call_time)
    return bool({"call_time", "phone"} & filled) or ("region" in filled and zone_from_region)


def _booking_fields(request: WriteRequest) -> dict[str, str]:
    slots = request.state.slots
    return {
        "phone": format_phone(slots.phone) if slots.phone else "ваш номер",
        "call_time": request.call_time_text or slots.call_time or "в рабочее время",
        "call_window": request.call_window,  # from OFFICE_HOURS: when the call can come
    }


def describe_facts(
    slots: Slots, names: tuple[str, ...], limit: int = 99, approximate: tuple[str, ...] = ()
) -> str:
    """A short Russian list of the facts just learnt, for an acknowledgement. `approximate`:
    the figures the person hedged, said as such ("долг около 700 000 ₽ (со слов)")."""
    facts: list[str] = []
    for name in names:
        if len(facts) >= limit:
            break
        value = getattr(slots, name, None)
        if value is None:
            continue
        said = _FACT_APPROXIMATE if name in approximate else _FACT
        text = said.get(name, _FACT.get(name, lambda v: ""))(value)
        if text:
            facts.append(text)
    return ", ".join(facts)


_ENFORCEMENT_FACT = {
    Enforcement.NONE: "исполнительных производств нет",
    Enforcement.OPEN: "есть исполнительное производство",
    Enforcement.CLOSED: "производство у приставов окончено",
}


def plural(count: int, one: str, few: str, many: str) -> str:
    """Russian noun form for a count: 1 кредитор, 3 кредитора, 5 кредиторов."""
    if count % 10 == 1 and count % 100 != 11:
        return one
    if 2 <= count % 10 <= 4 and not 12 <= count % 100 <= 14:
        return few
    return many


_FACT: dict[str, Any] = {
    "debt_total": lambda v: f"долг {format_rubles(v)}",
    "creditors_count": lambda v: f"{v} {plural(v, 'кредитор', 'кредитора', 'кредиторов')}",
    "months_overdue": lambda v: (
        "просрочка меньше месяца"
        if v == 0
        else f"просрочка {v} {plural(v, 'месяц', 'месяца', 'месяцев')}"
    ),
    "enforcement": lambda v: _ENFORCEMENT_FACT[v],
    "income_monthly": lambda v: f"доход {format_rubles(v)} в месяц",
    "income_official": lambda v: "доход официальный" if v else "официального дохода нет",
    "benefits": lambda v: "пенсия или пособия" if v else "",
    "extra_property": lambda v: "есть имущество кроме жилья" if v else "другого имущества нет",
    "mortgage": lambda v: "жильё в ипотеке" if v else "ипотеки нет",
    "recent_deals": lambda v: "были сделки с имуществом" if v else "сделок с имуществом не было",
    "region": lambda v: f"регион — {v}",
    "call_time": lambda v: f"удобное время — {v}",
}
# A hedged figure as the lawyer should read it: the person's estimate, not a checked sum
_FACT_APPROXIMATE: dict[str, Any] = {
    "debt_total": lambda v: f"долг около {format_rubles(v)} (со слов)",
    "creditors_count": lambda v: (
        f"около {v} {'кредитора' if v % 10 == 1 and v % 100 != 11 else 'кредиторов'}"
    ),
    "months_overdue": lambda v: (
        f"просрочка около {v} {'месяца' if v % 10 == 1 and v % 100 != 11 else 'месяцев'}"
    ),
    "income_monthly": lambda v: f"доход около {format_rubles(v)} в месяц",
}
