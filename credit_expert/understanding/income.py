"""The reading: income."""

from __future__ import annotations

import re

from credit_expert.understanding.message import _clauses, _Message

# ---------------------------------------------------------------- income

_INCOME_UNOFFICIAL = re.compile(
    r"\b(?:неофициальн\w*|не официальн\w*|официально не (?:работаю|устроен\w*|трудоустроен\w*)"
    r"|в серую|серая|серую|в черную|черная|черную|по-черному|наличк\w*|в конверте|конверт\w*"
    r"|официально нигде|нигде официально|без оформления|не трудоустроен\w*|не оформлен\w*"
    r"|не работаю|безработн\w*|нигде не работаю"
    r"|официального дохода нет|дохода нет|нет дохода|нет работы|без работы|подработк\w*"
    r"|шабашк\w*|таксую|работы нет|уволил\w*|сократили|в декрете|неофиц\w*)\b"
)
_INCOME_OFFICIAL = re.compile(
    r"\b(?:официально|официальн\w*|белая|белую|по трудовой|трудоустроен\w*"
    r"|оформлен\w* (?:на работ\w*|официально|по трудовой)"
    r"|работаю|работаем|работает|зарплат\w*|(?:я|как|у меня|открыл\w*|оформил\w*) ип"
    r"|самозанят\w*|бюджетник\w*|на заводе"
    r"|получаю \d+|оклад\w*)\b"
)
_BENEFITS = re.compile(
    r"\b(?:пенсионер\w*|на пенсии|пенси[яиюей]\w*|детск\w* (?:пособи\w*|выплат\w*)|пособи\w*"
    r"|многодетн\w*|инвалид\w*|по уходу|материнск\w* капитал\w*|выплаты на детей|единое пособие"
    r"|в декрете|декретн\w*)\b"
)
_PENSION = re.compile(r"\b(?:пенсионер\w*|на пенсии|пенси[яиюей]\w*|инвалид\w*)\b")


def _read_income_official(msg: _Message) -> bool | None:
    if msg.has(_PENSION):
        return True
    if msg.has(_INCOME_UNOFFICIAL):
        return False
    statements = [c for c in _clauses(msg.text) if not _INCOME_QUESTION.search(c)]
    if any(_INCOME_OFFICIAL.search(c) for c in statements):
        return True
    return None


# "а с зарплаты сколько будут забирать?" asks about the procedure, says nothing of income
_INCOME_QUESTION = re.compile(
    r"\b(?:сколько|заберут|забирать|отберут|оставят|удерживать|удержат|останется|можно ли"
    r"|что будет)\b"
)
