"""Checks an LLM-written reply against the plan and the never-say list (pure).

`check_reply` returns None when the text may be sent, otherwise a short reason
code that is stored on the reply row ("guarantee", "extra_question", ...).
The checks are deliberately conservative: a false alarm costs only a scripted
reply instead of the LLM's, a miss costs an unlawful promise.
"""

from __future__ import annotations

import re

from credit_expert.models import Ask, Event, Verdict, WriteRequest

MAX_CHARS = 700
MAX_SENTENCES = 5
# Plans that carry a whole explanation (route and consequences, honest exit,
# booking confirmation, help) get a little more room, as the script does.
MAX_SENTENCES_RICH = 7
RICH_EVENTS = frozenset({Event.VERDICT_READY, Event.NOT_A_FIT, Event.BOOKED, Event.HELP})

# Ruble amounts Daria may name besides the person's own debt and income:
# the 25 000 ₽ deposit and the МФЦ bounds (25 000 – 1 000 000 ₽).
ALLOWED_AMOUNTS = frozenset({25_000, 1_000_000})
OWN_AMOUNT_TOLERANCE = 0.05  # "около 1,2 млн" for a debt of 1 234 567 ₽

# A negation right before the word: "никто не гарантирует", "без гарантий".
_NEGATION = re.compile(
    r"\b(не|ни|никто|никаких|никакой|нельзя|без|невозможно)\s+(\w+\s+)?$", re.IGNORECASE
)

_GUARANTEE = re.compile(r"гарант\w*", re.IGNORECASE)
_CANNOT = re.compile(r"\bне\s+(мож|могу|вправе|бывает)|нельзя|невозможно", re.IGNORECASE)
_ALWAYS_GUARANTEE = re.compile(
    r"100\s?%|на\s+100\s+процент|сто\s+процент|точно\s+(спиш|спишут|списыва|освобод|не\s+забер|"
    r"выпуст|не\s+будет)|обязательно\s+(спиш|спишут)|наверняка\s+спиш|стопроцентн|"
    r"никаких\s+ограничений\s+не\s+будет|сделки\s+никто\s+не\s+(провер|тронет)|"
    r"(без|никакого)\s+риска|навсегда\s+избав",
    re.IGNORECASE,
)
_STOP_PAYING = re.compile(
    r"перестаньте\s+плат|прекратите\s+(плат|внос|выплат)|не\s+платите|"
    r"(можно|можете|стоит|лучше|нужно|надо)\s+(уже\s+)?не\s+платить|"
    r"(платить|вносить\s+платежи)\s+(больше\s+)?(не\s+нужно|не\s+надо|не\s+обязательно)|"
    r"(спрячьте|скройте|перепишите|переоформите|подарите|продайте)\s+"
    r"(\w+\s+)?(имущество|квартиру|машину|автомобиль|дом|долю|участок|на\s+родствен)|"
    r"оформите\s+(\w+\s+)?на\s+(родствен|мужа|жену|маму|детей)",
    re.IGNORECASE,
)
_STATE_PROGRAM = re.compile(
    r"(государственн\w*|госуд\w*|гос\.?)\s*программ\w*|госпрограмм\w*|программ\w*\s+государств",
    re.IGNORECASE,
)
_FALSE_IDENTITY = re.compile(
    r"\bя\s*[—–,-]?\s*(живой\s+|настоящий\s+|реальный\s+)?(человек|юрист|адвокат|сотрудни\w+\s+банка)\b|"
    r"\b(я|мы)\s+(из|представляю|представляем)\s+банк\w*|\bмы\s*[—–-]?\s*банк\b",
    re.IGNORECASE,
)
_OUT_OF_PERSONA = re.compile(
    r"языков\w*\s+модел|\bChatGPT\b|\bOpenAI\b|\bGPT\b|\bAI\b|as an ai|"
    r"системн\w*\s+(промпт|инструкц)|\bprompt\b",
    re.IGNORECASE,
)
_FALSE_BOOKING = re.compile(
    r"записал[аи]?\s+вас|вы\s+записаны|запись\s+(подтвержден|оформлен|создан)",
    re.IGNORECASE,
)
_FREE = re.compile(r"бесплатн\w*", re.IGNORECASE)
_FREE_PROCEDURE = re.compile(
    r"банкрот|процедур|списани|спишем|спишут|\bсуд\w*|дело\b", re.IGNORECASE
)
_FREE_ALLOWED = re.compile(r"консультац|звон|созвон|МФЦ|внесудеб|юрист", re.IGNORECASE)
_BOT_ADMISSION = re.compile(r"виртуальн|не\s+(живой\s+)?человек|\bбот\b|не\s+люд", re.IGNORECASE)
_INTRO = re.compile(r"дарь", re.IGNORECASE)
_COURT = re.compile(r"\bсуд\w*|арбитраж", re.IGNORECASE)
_MFC = re.compile(r"МФЦ|внесудеб", re.IGNORECASE)
_CONSEQUENCES = re.compile(r"\b5\s+лет|пять\s+лет|последств", re.IGNORECASE)
_REQUEST_VERB = re.compile(
    r"напишите|подскажите|расскажите|уточните|скажите|пришлите|укажите|оставьте|сообщите",
    re.IGNORECASE,
)

_URL = re.compile(r"https?://\S*[^\s.,;:!?»)]")
_LETTER = re.compile(r"[^\W\d_]")
_CYRILLIC = re.compile(r"[а-яё]", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?…]+(?=\s|$)")
PHONE_LIKE = re.compile(r"(?<!\d)\+?\d(?:[\s()-]*\d){9,}")
_NUMBER = re.compile(
    r"(?<![\d.,])(\d{1,3}(?:[\s\u00a0\u202f]\d{3})+|\d+(?:[.,]\d+)?)\s*"
    r"(млн\.?|миллион\w*|тыс\.?|тысяч\w*)?\s*(₽|руб\w*\.?|р\.)?",
    re.IGNORECASE,
)
_NOT_MONEY_AFTER = re.compile(
    r"\s*(-|–|—)?\s*(\d+\s*)?(лет|год\w*|месяц\w*|мес\b|дн\w*|недел\w*|час\w*|минут\w*|"
    r"процент\w*|%|-?ФЗ|кредитор\w*|банк\w*|раз\w*)",
    re.IGNORECASE,
)

# The last sentence of a reply that ends on the plan's question must be about it.
ASK_TOPIC: dict[Ask, re.Pattern[str]] = {
    Ask.SITUATION: re.compile(r"долг|сумм|случил|произошл|сколько|ситуац", re.IGNORECASE),
    Ask.DEBT_TOTAL: re.compile(r"долг|сумм|сколько|должн", re.IGNORECASE),
    Ask.CREDITORS: re.compile(r"кредитор|банк|МФО|займ|карт|сколько", re.IGNORECASE),
    Ask.MONTHS_OVERDUE: re.compile(r"месяц|просроч|давно|плат|взнос", re.IGNORECASE),
    Ask.ENFORCEMENT: re.compile(r"пристав|производств|взыск|ФССП|исполнит", re.IGNORECASE),
    Ask.INCOME: re.compile(r"доход|работ|зарплат|пенси|пособи|заработ", re.IGNORECASE),
    Ask.PROPERTY: re.compile(
        r"имуществ|квартир|машин|автомоб|участ|собственност|дач|жиль|земл|дом", re.IGNORECASE
    ),
    Ask.MORTGAGE: re.compile(r"ипотек|залог", re.IGNORECASE),
    Ask.DEALS: re.compile(r"прода|дари|дарен|переоформ|сделк|отчужд", re.IGNORECASE),
    Ask.REGION: re.compile(
        r"город|регион|живёте|живете|област|край|населённ|населен", re.IGNORECASE
    ),
    Ask.CALL_INVITE: re.compile(r"юрист|консультац|позвон|звон|созвон|запиш", re.IGNORECASE),
    Ask.CONSENT: re.compile(r"соглас", re.IGNORECASE),
    Ask.PHONE: re.compile(r"номер|телефон", re.IGNORECASE),
    Ask.CALL_TIME: re.compile(r"врем|когда|день|дн[её]м|утр|вечер|удобн|час", re.IGNORECASE),
}


IDENTITY_SUBSTRINGS = ("я юрист", "я человек", "я живой", "я — юрист", "я адвокат")


def check_reply(text: str, request: WriteRequest, canary: str = "") -> str | None:
    """None if the reply may be sent for this plan, else a short reason code."""
    stripped = text.strip()
    if not stripped:
        return "empty"
    if canary and canary.lower() in stripped.lower():
        return "canary_leak"
    if len(stripped) > MAX_CHARS:
        return "too_long"
    plan = request.plan
    rich = bool(RICH_EVENTS & set(plan.events))
    if len(sentences(stripped)) > (MAX_SENTENCES_RICH if rich else MAX_SENTENCES):
        return "too_many_sentences"
    if not is_russian(stripped) or _OUT_OF_PERSONA.search(stripped):
        return "not_in_persona"
    for reason, found in (
        ("guarantee", _guarantee(stripped)),
        ("advice_to_stop_paying", _STOP_PAYING.search(stripped)),
        ("state_program", _STATE_PROGRAM.search(stripped)),
        ("false_identity", _FALSE_IDENTITY.search(stripped)),
        # QA reads replies as plain substrings: "консультация юриста" contains "я юрист"
        ("identity_substring", any(t in stripped.lower() for t in IDENTITY_SUBSTRINGS)),
        ("free_procedure", _free_procedure(stripped)),
        ("price", _foreign_amount(stripped, request)),
        ("phone_invented", _foreign_phone(stripped, request)),
        ("false_booking", _false_booking(stripped, request)),
    ):
        if found:
            return reason
    return _check_events(stripped, request) or _check_question(stripped, request)


def check_extracted_phone(phone: str | None, request: WriteRequest) -> str | None:
    """An LLM may read a phone only where the rules read the same one."""
    if not phone:
        return None
    return None if _digits(phone)[-10:] in _known_phones(request) else "phone_invented"


def sentences(text: str) -> list[str]:
    bare = _URL.sub("ссылка", text)
    parts = _SENTENCE_END.split(bare)
    return [p.strip() for p in parts if _LETTER.search(p)]


def is_russian(text: str) -> bool:
    letters = _LETTER.findall(_URL.sub("", text))
    if not letters:
        return False
    cyrillic = sum(1 for ch in letters if _CYRILLIC.match(ch))
    return cyrillic / len(letters) >= 0.8


def _guarantee(text: str) -> bool:
    if _ALWAYS_GUARANTEE.search(text):
        return True
    for match in _GUARANTEE.finditer(text):
        before = text[max(0, match.start() - 30) : match.start()]
        after = text[match.end() : match.end() + 40]
        if _NEGATION.search(before):
            continue  # "никто не гарантирует", "без гарантий"
        if match.group(0).lower().startswith("гарантировать") and _CANNOT.search(after):
            continue  # "гарантировать результат никто не может"
        return True
    return False


def _free_procedure(text: str) -> bool:
    for sentence in sentences(text):
        free = _FREE.search(sentence) and _FREE_PROCEDURE.search(sentence)
        if free and not _FREE_ALLOWED.search(sentence):
            return True
    return False


def _foreign_amount(text: str, request: WriteRequest) -> bool:
    """A ruble figure that is not the deposit, the МФЦ bounds or the person's own."""
    slots = request.state.slots
    own = [a for a in (slots.debt_total, slots.income_monthly) if a]
    bare = PHONE_LIKE.sub(" ", _URL.sub(" ", text))
    for match in _NUMBER.finditer(bare):
        amount = _amount(match)
        if amount is None:
            continue
        if not (match.group(2) or match.group(3)):
            if amount < 1000 or 1900 <= amount <= 2100:
                continue  # a count, a year
            if _NOT_MONEY_AFTER.match(bare, match.end(1)):
                continue
        if amount in ALLOWED_AMOUNTS:
            continue
        if any(abs(amount - a) <= a * OWN_AMOUNT_TOLERANCE for a in own):
            continue
        return True
    return False


def _amount(match: re.Match[str]) -> int | None:
    number = re.sub(r"[\s\u00a0\u202f]", "", match.group(1)).replace(",", ".")
    try:
        value = float(number)
    except ValueError:
        return None
    unit = (match.group(2) or "").lower()
    if unit.startswith(("млн", "миллион")):
        value *= 1_000_000
    elif unit.startswith("тыс"):
        value *= 1_000
    return round(value)


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text)


def _known_phones(request: WriteRequest) -> set[str]:
    candidates = (
        request.understanding.slots.phone,
        request.state.slots.phone,
        request.state.pending_phone,
    )
    return {_digits(p)[-10:] for p in candidates if p}


def _foreign_phone(text: str, request: WriteRequest) -> bool:
    known = _known_phones(request)
    return any(_digits(m.group(0))[-10:] not in known for m in PHONE_LIKE.finditer(text))


def _false_booking(text: str, request: WriteRequest) -> bool:
    plan = request.plan
    if plan.has(Event.BOOKED) or plan.has(Event.BOOKING_UPDATED):
        return False
    return bool(_FALSE_BOOKING.search(text))


def _check_events(text: str, request: WriteRequest) -> str | None:
    plan = request.plan
    if plan.has(Event.FIRST_CONTACT) and not _INTRO.search(text):
        return "no_intro"
    if plan.has(Event.ASKS_IF_BOT) and not _BOT_ADMISSION.search(text):
        return "bot_question_dodged"
    if plan.has(Event.VERDICT_READY) and plan.verdict in (Verdict.COURT, Verdict.MFC):
        route = _COURT if plan.verdict is Verdict.COURT else _MFC
        if not route.search(text):
            return "wrong_route"
        if not _CONSEQUENCES.search(text):
            return "consequences_missing"
    if plan.ask is Ask.CONSENT and request.privacy_policy_url not in text:
        return "consent_link_missing"
    return None


def _check_question(text: str, request: WriteRequest) -> str | None:
    ask = request.plan.ask
    questions = text.count("?")
    if ask is Ask.NOTHING:
        return "unexpected_question" if questions else None
    if questions > 1:
        return "extra_question"
    parts = sentences(text)
    last = parts[-1] if parts else ""
    ends_on_question = text.rstrip(" \n\"'»)").endswith("?")
    if questions == 1 and not ends_on_question:
        return "question_not_last"
    if ask is Ask.ANYTHING_ELSE:
        return None  # the closing "any other questions?" is optional
    if not ends_on_question and not _REQUEST_VERB.search(last):
        return "question_missing"
    if not ASK_TOPIC[ask].search(last):
        return "off_plan_question"
    return None
