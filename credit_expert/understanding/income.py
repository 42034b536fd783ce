"""The reading: income."""

from __future__ import annotations

import re

from credit_expert.models import Ask
from credit_expert.understanding.message import _clauses, _Message, _sentences

# ---------------------------------------------------------------- income

# "пенсия 21 тысяча, другого дохода нет": the pension is the income; no other says nothing
_INCOME_UNOFFICIAL = re.compile(
    r"\b(?:неофициальн\w*|не официальн\w*|официально не (?:работаю|устроен\w*|трудоустроен\w*)"
    r"|в серую|серая|серую|в черную|черная|черную|по-черному|в конверте|конверт\w*"
    r"|(?:получаю|плат\w*|зп|зарплат\w*|выдают|дают|работаю|получает) (?:\w+ )?наличк\w*"
    r"|наличк\w* (?:получаю|платят|дают|выдают)"
    r"|официально нигде|нигде официально|без оформления|не трудоустроен\w*|не оформлен\w*"
    r"|не работаю|безработн\w*|нигде не работаю|не работа\w* официально"
    r"|официального дохода нет|(?<!другого )(?<!иного )дохода нет|нет дохода|нет работы"
    r"|(?<!пока )без работы(?! сидел| был)"
    r"|подработк\w*"
    # "в белую нет", "не в белую", "белой нет": the pay is not declared
    r"|(?:в белую|по-белому|по белому|белой|белая|белую|белые) (?:\w+ )?(?:нет|нету)"
    r"|не (?:в белую|по-белому|по белому|белая|белую)"
    r"|шабашк\w*|работы нет|неофиц\w*"
    # "доходов официальных нет", "официального заработка никакого нет", "нет официальной работы"
    r"|(?:работы|доход(?:а|ов)|заработка|трудоустройства|зарплаты) официальн\w*"
    r" (?:(?:никак\w*|пока|сейчас|вообще|тоже) )?(?:нет|нету)"
    r"|официальн\w* (?:работы|доход(?:а|ов)|заработка|трудоустройства|зарплаты)"
    r" (?:(?:никак\w*|пока|сейчас|вообще|тоже) )?(?:нет|нету)"
    r"|(?:нет|нету) (?:никак\w* )?официальн\w* (?:работы|доход\w*|заработк\w*|трудоустройств\w*))\b"
)
_INCOME_OFFICIAL = re.compile(
    r"\b(?:официально|официальн\w*|офиц|белая|белую|по трудовой|трудоустроен\w*"
    r"|оформлен\w* (?:на работ\w*|официально|по трудовой)"
    r"|(?:я|как|у меня|открыл\w*|оформил\w*) ип"
    r"|бюджетник\w*|по бумагам|по документам"
    r"|оклад\w*)\b"
)
_BENEFITS = re.compile(
    r"\b(?:пенсионер\w*|на пенсии|пенси[яиюей]\w*|детск\w* (?:пособи\w*|выплат\w*)|пособи\w*"
    r"|многодетн\w*|инвалид\w*|по уходу|материнск\w* капитал\w*|выплаты на детей|единое пособие"
    r"|декретн\w* (?:выплат\w*|пособи\w*|деньги)|(?:получаю|получает|плюс|только|и) детские"
    # "в декрете, детские получаю": the verb after the benefit
    r"|(?:детские|декретные) (?:\w+ )?(?:получаю|получает|получаем|платят|дают|идут|приходят))\b"
)
# "работаю в аптеке" says the person works, not that the income is official, and "зарплату
# в анкете завысил" names no salary: they count only as the answer to "Вы работаете
# официально?". A salary with its figure ("зарплата 40 тыс") is the employer's pay. A pension
# is a benefit (`benefits`), not a salary: the lead card says "пенсия", never "доход
# официальный" the person did not state.
_WORKS = re.compile(r"\b(?:работаю|работаем|на заводе|зарплат\w*)\b")


# "я ИП была раньше, закрыла в 2022", "у меня ИП было закрыл в 2023": an ИП closed is no
# income at all (an open one still earning may be)
_CLOSED_IP = (
    r"был\w* (?:\w+ )?ип|ип (?:\w+ ){0,2}(?:был\w*|закрыл\w*|закрыт\w*|прекратил\w*|ликвидир\w*"
    r"|снял\w*)|(?:закрыл\w*|закрыт\w*|прекратил\w*|ликвидировал\w*|снял\w* с учета) (?:\w+ )?ип"
    r"|ип (?:уже )?(?:нет|нету)"
)
_FORMER_IP = re.compile(rf"\b(?:{_CLOSED_IP})\b")
# a past job says nothing of today's income
_PAST_JOB = re.compile(
    rf"\b(?:раньше|ранее|бывш\w*|{_CLOSED_IP}"
    r"|работал|работала|работали|был\w* (?:\w+ )?(?:трудоустроен\w*|оформлен\w*))\b"
)
# "через 2 года на пенсию", "пенсию потом тоже будут забирать?": no pension yet
_FUTURE_PENSION = re.compile(
    r"\b(?:(?:через|скоро|выйду|выхожу|пойду|собираюсь|уйду|ухожу)(?: \S+){0,3} на пенси\w*"
    r"|пенси\w* (?:\w+ )?потом|будущ\w* пенси\w*|до пенсии"
    # "пенсия через 2 года только", "пенсия только через год": not received yet
    r"|пенси\w* (?:\w+ )?(?:\w+ )?через \S+(?: \S+)? (?:год\w*|лет|месяц\w*|мес))\b"
)


def read_benefits(msg: _Message) -> bool | None:
    """A pension or child benefits the person receives now (an МФЦ ground); not the
    unemployment benefit ("стою на бирже, пособие по безработице"), which is no such ground."""
    for clause in _clauses(msg.text):
        found = _BENEFITS.search(_JOBLESS_BENEFIT.sub(" ", clause))
        if found and not _FUTURE_PENSION.search(clause) and not _NO_BENEFIT.search(clause):
            return True
    return None


# "пенсии пока нет, через 4 года только", "не пенсионер", "пособий не получаю": none now
_NO_BENEFIT = re.compile(
    r"\b(?:(?:пенси\w*|пособи\w*|детск\w*|выплат\w*) (?:\w+ ){0,2}(?:нет|нету|не было"
    r"|не получаю|не получает|не платят|не дают|не назначил\w*|не оформил\w*)"
    r"|(?:нет|нету|без|не получаю|не получает) (?:\w+ )?(?:пенси\w*|пособи\w*|детских)"
    r"|не (?:пенсионер\w*|на пенсии|инвалид\w*))\b"
)
_JOBLESS_BENEFIT = re.compile(r"\bпособи\w* (?:по )?безработиц\w*|\bпособи\w* (?:на|с) бирж\w*")


def _read_income_official(msg: _Message) -> bool | None:
    if msg.has(_INCOME_UNOFFICIAL):
        return False
    statements = [
        c
        for c in _clauses(msg.text)
        if not _INCOME_QUESTION.search(c) and not _PAST_JOB.search(c) and not _JOB_TO_COME.search(c)
    ]
    if any(_INCOME_OFFICIAL.search(c) for c in statements):
        return True
    # (a salary with its figure, "зп 28 тыс", says how much, not that it is official: many
    # are paid grey — the card holds only what was said, and Daria asks)
    if msg.expected == Ask.INCOME and any(
        _WORKS.search(c) and not _DEDUCTED.search(c) for c in statements
    ):
        return True  # (not "приставы удерживают половину зарплаты": the deduction, not the job)
    if any(
        _SELF_EMPLOYED.search(s)
        and _MONTHLY_FIGURE.search(s)
        and not _DEBT_WORD.search(s)
        and not _FORMER_IP.search(s)  # "ип было закрыл, налоги остались 200 тыс": a debt
        for s in _sentences(msg.text)
    ):
        # "самозанятый, выходит тысяч 65 в месяц": declared, attachable income ("я самозанятая.
        # долги по картам 850 тыс" gives the debt, not what she earns)
        return True
    return None


# "я ищу официальную", "хочу устроиться официально": a job wanted, not the income had
_JOB_TO_COME = re.compile(
    r"\b(?:ищу|ищем|найду|найти|устроюсь|устроиться|устраиваюсь|собираюсь|планирую|хочу"
    r"|хотел\w*|буду|если|когда|потом)\b"
)


# "приставы удерживают с зарплаты 50%": what the bailiffs take, said of the enforcement
_DEDUCTED = re.compile(
    r"\b(?:удерж\w*|списыва\w*|списал\w*|снима\w*|сняли|забира\w*|арест\w*|пристав\w*)\b"
)
_DEBT_WORD = re.compile(
    r"\b(?:долг\w*|должн\w*|кредит\w*|займ\w*|задолженност\w*|налог\w* (?:\w+ )?остал\w*"
    r"|недоимк\w*)"
)
_SELF_EMPLOYED = re.compile(r"\b(?:самозанят\w*|(?:я|как|у меня) ип)\b")
_MONTHLY_FIGURE = re.compile(r"\d+\s?(?:тыс\w*|тыщ\w*|к\b|000)|(?:тыс\w*|тыщ\w*) (?:на )?\d+")


# "а с зарплаты сколько будут забирать?" asks about the procedure, says nothing of income
_INCOME_QUESTION = re.compile(
    r"\b(?:сколько|заберут|забирать|отберут|оставят|удерживать|удержат|останется|можно ли"
    r"|что будет)\b"
)
