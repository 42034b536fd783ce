"""Soft refusals of help ("не нужно мне ничего", "сама в МФЦ схожу") and questions about
why consent is needed ("почему без согласия нельзя?").

A soft refusal is not an opt-out (/stop and "не пишите мне" are): Daria closes politely,
asks nothing, and answers whoever writes again. Pure functions of the text.
"""

from __future__ import annotations

import dataclasses
import re

from credit_expert.models import Act, ActKind, ObjectionKind, Subject, Topic, Understanding

ALL = "all"
SELF_MFC = "self_mfc"
SELF = "self"  # "спасибо, сама схожу": files alone, where is the route's to say
BYE = "bye"  # "ясно. спасибо, пока": a farewell, closed warmly with no question

_LEAD = (
    r"^(?:(?:нет|неа|спасибо|спс|ну|знаете|короче|всё|все|тогда|поняла?|понял[и]?|ясно|понятно"
    r"|хорошо|ладно|ок|окей)[,.!]?\s+)*"
)
# "звонить не надо" after a plan to file alone: the call declined with it
_NO_CALL = r"(?:[,.!]*\s*(?:(?:а |и )?(?:звонить|звонок) (?:мне )?не (?:надо|нужно|нужен)))?"
_TAIL = _NO_CALL + r"(?:[,.!]*\s*(?:спасибо|спс|пока|до свидания|всего доброго))?[.!)\s]*$"
_NOT_NEEDED = re.compile(
    _LEAD + r"(?:мне\s+)?(?:ничего\s+)?(?:мне\s+)?не\s+(?:нужно|надо|нужна|нужны)(?:\s+мне)?"
    r"(?:\s+(?:ничего|уже|больше|это|этого|тогда|ваш\w*|помощь|услуги|никак\w*|"
    r"звонк\w*|консультаци\w*|без|гаранти\w*))*" + _TAIL
)
_NO_THANKS = re.compile(
    _LEAD + r"(?:обойдусь|не\s+интересно|не\s+интересует|сам[аи]?\s+разберусь|"
    r"сам[аи]?\s+справлюсь)" + _TAIL
)
_SELF_MFC = re.compile(
    r"\bсам[аи]?\s+(?:\w+\s+){0,2}(?:в|через|по)\s+мфц\b|"
    r"\b(?:в|через|по)\s+мфц\s+(?:\w+\s+){0,2}сам[аи]?\b(?!\s+не)"
)
_SELF_MFC_VERB = re.compile(
    r"\b(?:схож\w*|пойд\w*|подам|пода\w*|обращусь|сход\w*|оформл\w*|займусь|попроб\w*"
    r"|справ\w*)"
)
_SELF_GOES = re.compile(
    _LEAD + r"(?:я\s+)?(?:тогда\s+)?сам[аи]?\s+(?:тогда\s+)?(?:схожу|подам|пойду|обращусь|оформлю"
    r"|займусь|сделаю)\b"
)
# "попробуем сами", "сами подадим", "справимся сами": the whole message (never "сама попробую
# договориться с банком") says the person files alone
_ALONE_VERB = (
    r"(?:схожу|сходим|подам|подадим|пойду|пойдем|обращусь|обратимся|оформлю|оформим|займусь"
    r"|займемся|сделаю|сделаем|попробую|попробуем|справлюсь|справимся)"
)
_SELF_TRIES = re.compile(
    _LEAD + r"(?:я\s+|мы\s+)?(?:тогда\s+|наверно\w*\s+)?"
    rf"(?:сам[аи]?\s+(?:тогда\s+)?{_ALONE_VERB}|{_ALONE_VERB}\s+(?:тогда\s+)?сам[аи]?)"
    r"(?:\s+(?:тогда|наверно\w*|пока|как-нибудь))*" + _TAIL
)
_BYE = r"пока|до свидания|всего доброго|всего хорошего|хорошего дня|до связи"
# the whole message is a goodbye, with thanks: "ясно. спасибо, пока", "понятно, всего доброго"
_FAREWELL = re.compile(
    r"^(?:(?:ясно|понятно|поняла?|понял[и]?|хорошо|ладно|ок|окей|ага|спасибо|спс|благодарю"
    rf"|большое спасибо|спасибо большое|спасибо вам|ну)[,.!)\s]*)*(?:{_BYE})"
    rf"(?:[,.!)\s]+(?:и вам|спасибо|вам|тоже|{_BYE}))*[.!)\s]*$"
)
_WHY_CONSENT = re.compile(
    r"(?:почему|зачем|для чего|а что)\b.{0,40}\bсоглас|\bбез\s+(?:\w+\s+)?согласия\b.{0,30}"
    r"(?:нельзя|не\s+можете|не\s+получится|никак)"
)


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text.lower().replace("ё", "е")).strip()


def declined(text: str) -> str | None:
    """ "all" for a plain "не нужно мне ничего", "self_mfc" for "сама в МФЦ схожу"."""
    norm = _norm(text)
    if not norm or len(norm) > 160:
        return None
    if _SELF_MFC.search(norm) and _SELF_MFC_VERB.search(norm) and "?" not in norm:
        return SELF_MFC
    if "?" in norm:
        return None
    if _FAREWELL.match(norm):
        return BYE
    if _SELF_GOES.search(norm) or _SELF_TRIES.search(norm):
        return SELF
    if _NO_THANKS.search(norm) or _NOT_NEEDED.search(norm):
        return ALL
    return None


def asks_why_consent(text: str) -> bool:
    return _WHY_CONSENT.search(_norm(text)) is not None


def read_refusals(understood: Understanding, text: str) -> Understanding:
    """The reading with soft refusals marked, and "почему без согласия нельзя [просто
    позвонить]?" read as a question about the consent, not a request for the call."""
    found = declined(text)
    if found:
        understood = dataclasses.replace(understood, declined=found)
    if (
        asks_why_consent(text)
        and understood.consent is True
        and not re.match(r"\W*(?:да|согласн\w*|соглас[еи]н\w*|даю)\b", _norm(text))
    ):
        # "а зачем это? я же уже написала что согласна": a question in reply, not the yes
        understood = dataclasses.replace(
            understood,
            consent=None,
            acts=tuple(
                a for a in understood.acts if not (a.kind is ActKind.ANSWER and a.value == "yes")
            ),
        )
    if asks_why_consent(text) and understood.consent is not True:
        acts = tuple(
            dataclasses.replace(a, topic=Topic.CONSENT_INFO)
            if a.kind is ActKind.ASK and a.topic in (Topic.PRICE, Topic.OTHER, Topic.HOW_IT_WORKS)
            else a
            for a in understood.acts
            if not (a.kind is ActKind.REQUEST and a.value == "call")
        )
        if not any(a.kind is ActKind.ASK for a in acts):
            acts = (*acts, Act(ActKind.ASK, text, topic=Topic.CONSENT_INFO, subject=Subject.SELF))
        understood = dataclasses.replace(
            understood,
            acts=acts,
            wants_call=False,
            objection=None if understood.objection is ObjectionKind.PRICE else understood.objection,
            topic=Topic.CONSENT_INFO
            if understood.topic in (None, Topic.PRICE)
            else understood.topic,
        )
    return understood
