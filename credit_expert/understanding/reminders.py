"""The reading: answers about reminders and the booked call.

A reminder is scheduled only on a clear yes (38-ФЗ art. 18, 152-ФЗ art. 15): the
whole message must be an agreement with nothing that hedges it ("да нет наверное",
"да, а сколько стоит?" are no agreement).
"""

from __future__ import annotations

import re

_WORD = re.compile(r"[а-яё]+")
_YES_CORE = frozenset(
    {
        "да", "даа", "дааа", "ага", "угу", "ок", "окей", "хорошо", "ладно", "давайте",
        "давай", "конечно", "можно", "удобно", "напомните", "напомни", "напишите",
        "согласен", "согласна", "отлично",
    }
)  # fmt: skip
# Words that may stand beside a yes without hedging it ("да, напомните завтра, спасибо").
_YES_WORDS = _YES_CORE | {
    "пишите", "буду", "рад", "рада", "спасибо", "пожалуйста", "ну", "завтра", "было", "бы",
}  # fmt: skip
_NO = re.compile(
    r"^(?:нет|не надо|не нужно|не стоит|не обязательно|не напоминайте|нет,? спасибо"
    r"|нет,? не надо|нет,? не нужно|спасибо,? не надо|спасибо,? не нужно|не,? спасибо"
    r"|не надо напоминать|не нужно напоминать)(?:,? спасибо)?$"
)
_STOP_REMINDERS = re.compile(
    r"\b(?:не (?:надо|нужно|стоит) (?:мне )?(?:больше )?напомина\w*|не напоминай\w*"
    r"|без напоминани\w*|хватит напомина\w*|не присылайте напоминани\w*"
    r"|напоминани\w* не (?:нужн\w*|надо))\b"
)
_CALL_CANCEL = re.compile(
    r"^(?:я )?(?:не смогу|не получится|не успею|не успеваю|не выйдет|не могу"
    r"|отмените(?: звонок)?|отменяю(?: звонок)?|отменим(?: звонок)?|не звоните"
    r"|звонок не нужен|не надо звонить|не нужно звонить)"
    r"(?:,? (?:извините|простите|к сожалению|увы|спасибо))*$"
)
_EXPLICIT_CALL_CANCEL = re.compile(r"\b(?:отмените|отменяю|отменим) (?:звонок|консультацию)\b")


def _norm(text: str) -> str:
    lowered = text.lower().replace("ё", "е").strip()
    return re.sub(r"\s+", " ", re.sub(r"[!.)(]+$", "", lowered)).strip(" ,")


def plain_answer(text: str) -> bool | None:
    """True for a clear yes, False for a clear no, None for anything else."""
    norm = _norm(text)
    if not norm or "?" in norm:
        return None
    if _NO.match(norm):
        return False
    words = _WORD.findall(norm)
    if words and len(words) <= 6 and set(words) <= _YES_WORDS and set(words) & _YES_CORE:
        return True
    return None


def stops_reminders(text: str) -> bool:
    return _STOP_REMINDERS.search(_norm(text)) is not None


def cancels_call(text: str) -> bool:
    """ "не смогу" as the whole answer, or a plain "отмените звонок" anywhere."""
    norm = _norm(text)
    return _CALL_CANCEL.match(norm) is not None or _EXPLICIT_CALL_CANCEL.search(norm) is not None
