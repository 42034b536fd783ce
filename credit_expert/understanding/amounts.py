"""The reading: amounts in context."""

from __future__ import annotations

import itertools
import re
from dataclasses import replace
from functools import lru_cache

from credit_expert.models import (
    Ask,
)
from credit_expert.understanding.creditors import _BANK_NAMES, _INSTITUTION, _PRODUCT
from credit_expert.understanding.message import _Message
from credit_expert.understanding.numbers import (
    _COUNTED,
    _NUMBER_WORDS,
    _Amount,
    _amounts,
    _is_money,
)
from credit_expert.understanding.text import MAX_DEBT, MAX_INCOME

# ---------------------------------------------------------------- amounts in context

_DEBT_CUE = re.compile(
    r"(?:долг\w*|должн\w*|должен|задолж\w*|кредит\w*|автокредит\w*|потребкредит\w*|займ\w*|заем\w*|микрозайм\w*|торч\w*"
    r"|банк(?!рот)\w*|мфо|мфк|просроч\w*|набрал\w*|висит|висят|общ\w*|итого|всего|вместе|сумм\w*"
    r"|ипотек\w*|кредитк\w*|накопил\w*|насчитал\w*|задолжал\w*|набежал\w*|набежит"
    r"|налог\w*|фнс"  # "налог тыщ 120 и банкам 500": the tax office is a creditor too
    # "почта 95" (Почта Банк), "потребительский 380" (the consumer loan): a creditor named
    r"|почта|почте|почту|потребительск\w*)"
)
_INCOME_CUE = re.compile(
    r"(?:зарплат\w*|зп|доход\w*|получа(?!ется|лось|тся)\w*|пенси\w*|оклад\w*|зарабат\w*|заработ\w*"
    r"|подработ\w*|получк\w*|работа\w*|официальн\w*|неофициальн\w*|таксую|подрабатыва\w*"
    r"|самозанят\w*|вытаскиваю|вывожу|зарабатываю"
    r"|белая|белую|серая|серую)"
)
_PRICE_CUE = re.compile(
    r"(?:развел\w*|развели|обманул\w*|кинул\w*|потерял\w*|депозит\w*|насчитал\w*"
    r"|выставил\w*|запросил\w*|озвучил\w*"
    r"|стоит|стоят|стоим\w*|цен\w*|обещал\w*|берут|берете|возьм\w*|услуг\w*|предоплат\w*"
    r"|заплат\w*|дешевл\w*|дорож\w*|дорог\w*|прос(?:ят|или)|гонорар\w*|сделают|фирм\w*"
    r"|компани\w*|контор\w*|юрист\w*|предлага\w*|берут|консультац\w*|обойд\w*|обходит\w*)"
)
_PAYMENT_CUE = re.compile(
    r"(?:плачу|платеж\w*|плат[иея]\w*|взнос\w*|вношу|гашу|погаш\w*|ежемесячн\w*|рассроч\w*"
    r"|аренд\w*|квартплат\w*|коммуналк\w*)"
)
_TOTAL_CUE = re.compile(r"\b(?:всего|итого|общ\w*|в сумме|суммарно|вместе с)\b")
_PHRASE_BREAK = {".", "!", "?", ";", "\n"}


_DEBT_QUESTIONS = (None, Ask.DEBT_TOTAL, Ask.SITUATION)
_PENALTY_CUE = re.compile(r"(?:пени|пеня|пеней|пенями|пенях|неустойк\w*|штраф\w*)")
_WITH = frozenset({"с", "учетом", "включая"})
_WEAK_DEBT_CUE = re.compile(r"(?:всего|итого|вместе|общ\w*|сумм\w*)")
_DURATION = re.compile(r"(?:месяц\w*|мес|года|год|лет|недел\w*|дн(?:я|ей)|день|час\w*)")
_MONEY_UNIT = re.compile(r"(?:тыс\w*|тыщ\w*|т|к|млн\w*|миллион\w*|лям\w*|руб\w*|р|₽)")

# Alimony, received for children or paid: neither the person's income nor a debt to write off;
# nor is a benefit's amount ("пособие на дочь, 12 тысяч", "детские тыщ 30"): the benefit is
# `benefits`, and no court counts it as the income that pays creditors
_ALIMONY_CUE = re.compile(r"алимент\w*|пособи\w*|детск(?:ие|их)|декретн\w*")
_COLLECTED_CUE = re.compile(
    r"(?:списал\w*|списыва\w*|сняли|снимают|удержал\w*|удержива\w*|забрал\w*|забирают)"
)


@lru_cache(maxsize=4096)
def _cue_kind(token: str) -> str | None:
    if _ALIMONY_CUE.fullmatch(token):
        return "alimony"
    if token.startswith("лимит"):
        return "alimony"  # "кредитка с лимитом 50 тыщ": what may be borrowed, not what is owed
    if _PENALTY_CUE.fullmatch(token):
        return "alimony"  # "пени… каждый месяц плюс 15 тыщ": what the debt grows by
    if _COLLECTED_CUE.fullmatch(token):
        return "alimony"  # "приставы списали с карты 3 тыщи": what was taken, not what is owed
    if _PAYMENT_CUE.fullmatch(token):
        return "payment"
    if _INCOME_CUE.fullmatch(token):
        return "income"
    if _PRICE_CUE.fullmatch(token):
        return "price"
    if _DEBT_CUE.fullmatch(token) or _BANK_NAMES.fullmatch(token):
        return "debt"
    return None


def _no_payment_at(tokens: list[str], k: int) -> bool:
    after = tokens[k + 1] if k + 1 < len(tokens) else ""
    before = tokens[k - 1] if k > 0 else ""
    return after in {"нечем", "нечего", "не"} or before in {"не", "нечем", "нечего"}


def _place_of(tokens: list[str], amount: _Amount) -> int | None:
    """ "120 в мтс банке", "300 у сбера": the creditor named right after the sum with "в"/"у"
    is where that sum is owed; its index, or None."""
    k = amount.end
    if k >= len(tokens) or tokens[k] not in {"в", "во", "у"}:
        return None
    for j in range(k + 1, min(k + 4, len(tokens))):
        if tokens[j] in _PHRASE_BREAK or tokens[j] in {",", "и"}:
            return None
        if _cue_kind(tokens[j]) == "debt" and not _WEAK_DEBT_CUE.fullmatch(tokens[j]):
            return j
    return None


_WORKPLACE = re.compile(r"(?:фирм|компани|контор|организаци)\w*")


def _workplace(tokens: list[str], k: int) -> bool:
    """ "зп в своей же фирме", "работаю в компании": the firm is where the person works, an
    income cue before it in the phrase and "в"/"на" governing it."""
    if not _WORKPLACE.fullmatch(tokens[k]):
        return False
    before = tokens[max(k - 4, 0) : k]
    if not ({"в", "во", "на"} & set(before)):
        return False
    phrase = []
    for t in reversed(tokens[:k]):
        if t in _PHRASE_BREAK or t == ",":
            break
        phrase.append(t)
    return any(_cue_kind(t) == "income" for t in phrase)


# A debt that is no loan: alimony owed and state fines (kept as notes, never `debt_total`)
_OTHER_DEBT = re.compile(r"(?:алимент\w*|штраф\w*)")
# Cues that only say something is owed, naming no lender
_OWED_ONLY = re.compile(
    r"(?:долг\w*|задолж\w*|должн\w*|должен|просроч\w*|накопил\w*|набежал\w*|набежит|висит|висят"
    r"|насчитал\w*)"
)


def _other_kind_owed(tokens: list[str], amount: _Amount, cue: int) -> bool:
    """ "по алиментам долг накопился тыщ 180", "штрафов набежало 30": the owed cue nearest the
    figure is tied (two words at most, or between it and the figure) to another kind of debt
    than loans, and the clause names no lender."""
    if not _OWED_ONLY.fullmatch(tokens[cue]):
        return False
    start = (
        max(
            (i for i in range(amount.start) if tokens[i] in _PHRASE_BREAK or tokens[i] == ","),
            default=-1,
        )
        + 1
    )
    end = next(
        (
            i
            for i in range(amount.end, len(tokens))
            if tokens[i] in _PHRASE_BREAK or tokens[i] == ","
        ),
        len(tokens),
    )
    clause = range(start, end)
    if any(
        _cue_kind(tokens[i]) == "debt"
        and not _OWED_ONLY.fullmatch(tokens[i])
        and not _WEAK_DEBT_CUE.fullmatch(tokens[i])
        for i in clause
    ):
        return False  # "долг по алиментам и кредитам 500": the lenders' debt is in it
    low, high = min(cue, amount.start), max(cue, amount.start)
    return any(
        _OTHER_DEBT.fullmatch(tokens[i])
        and (abs(i - cue) <= 2 or low < i < high)
        and not (i > 0 and tokens[i - 1] in _WITH)
        for i in clause
    )


_MINE_BEFORE = frozenset(
    {"у", "меня", "нас", "на", "мне", "где", "-", "то", "около", "примерно", "приблизительно",
     "почти", "наверно", "наверное", "вроде", "всего", "а", "и", "ну"}
)  # fmt: skip
_TAIL_AFTER = frozenset(
    {"с", "чем", "-", "то", "хвостиком", "лишним", "небольшим", "копейками", "наверно",
     "наверное", "вроде", "примерно", "где"}
)  # fmt: skip


def _own_sum_before_loans(tokens: list[str], amount: _Amount) -> int | None:
    """Where the loans stand that a bare "у меня (где-то) 700 (с чем-то)," goes on to name
    past its comma ("кредиты в 3 банках", "займы и кредитка"), or None."""
    k = amount.start - 1
    while k >= 0 and tokens[k] not in _PHRASE_BREAK and tokens[k] != ",":
        if tokens[k] not in _MINE_BEFORE:
            return None
        k -= 1
    said = " ".join(tokens[k + 1 : amount.start])
    if not re.search(r"\b(?:у меня|у нас|на мне)\b", said):
        return None
    k = amount.end
    while k < len(tokens) and tokens[k] in _TAIL_AFTER:
        k += 1
    if k + 1 >= len(tokens) or tokens[k] != ",":
        return None
    loans = k + 1
    cue = tokens[loans]
    if _cue_kind(cue) != "debt" or _WEAK_DEBT_CUE.fullmatch(cue) or cue.startswith("налог"):
        return None
    return loans


def _amount_kind(tokens: list[str], amount: _Amount) -> tuple[str | None, int]:
    """The nearest cue in the same phrase names what the amount is; also its index."""
    if amount.start > 0 and tokens[amount.start - 1] == "за":
        return "price", amount.start - 1
    best: tuple[float, str, int] | None = None
    for direction in (-1, 1):
        k = amount.start - 1 if direction < 0 else amount.end
        distance = 0
        while 0 <= k < len(tokens) and tokens[k] not in _PHRASE_BREAK and distance < 8:
            distance += 1
            if tokens[k] == "," and direction > 0:
                break
            kind = _cue_kind(tokens[k])
            if (
                kind == "debt"
                and tokens[k].startswith("налог")
                and k > 0
                and tokens[k - 1] in ("мой", "мое", "моем")
            ):
                kind = None  # "через мой налог": the self-employed's app, no tax owed
            if kind is None and tokens[k] in ("месяц", "мес") and k > 0 and tokens[k - 1] == "в":
                # "в месяц тыщ 90 выходит": earned a month, unless the sentence pays
                # ("сын платит по 15 тыс в месяц")
                by_instalments = amount.start > 0 and tokens[amount.start - 1] == "по"
                if not by_instalments and not any(
                    _cue_kind(t) == "payment" for t in _sentence_of(tokens, k)
                ):
                    kind = "income"
            if kind is None and tokens[k] == "руки" and k > 0 and tokens[k - 1] == "на":
                kind = "income"  # "выходит около 45 на руки": what is paid to the person
            if kind == "alimony" and _PENALTY_CUE.fullmatch(tokens[k]) and tokens[k - 1] in _WITH:
                kind = "debt"  # "1.35 вместе с пенями и штрафами": the debt, penalties included
            if kind == "price" and _workplace(tokens, k):
                kind = None  # "зп в своей же фирме 35 тыс": where the pay comes from
            if kind == "payment" and _no_payment_at(tokens, k):
                kind = None  # "870 тыс платить нечем": not a payment amount
            if kind:
                score = distance + (0.5 if direction > 0 else 0)
                if best is None or score < best[0]:
                    best = (score, kind, k)
                break
            k += direction
    if best is None and (loans := _own_sum_before_loans(tokens, amount)) is not None:
        # "у меня где-то 700 с чем-то, кредиты в 3 банках": the person's own sum, then the
        # loans it is made of, past the comma
        return "debt", loans
    if (best is None or best[1] == "debt") and (place := _place_of(tokens, amount)) is not None:
        # "430 тысяч в хоум кредите и 120 в мтс банке": the lender the sum is in names it,
        # not the one of the figure before
        return "debt", place
    if best and best[1] == "debt" and _other_kind_owed(tokens, amount, best[2]):
        # "по алиментам долг накопился тыщ 180": alimony (or fines) owed, not the loans' debt
        return "alimony", best[2]
    if best and best[1] == "debt" and _WEAK_DEBT_CUE.fullmatch(tokens[best[2]]):
        # "пособие по уходу и детские, тыщ 19 всего": "всего" sums what the clause names
        sentence = _sentence_of(tokens, amount.start)
        if any(_cue_kind(t) == "income" for t in sentence) and not any(
            _cue_kind(t) == "debt" and not _WEAK_DEBT_CUE.fullmatch(t) for t in sentence
        ):
            return "income", best[2]
    return (best[1], best[2]) if best else (None, -1)


_CREDITOR_NOUN = re.compile(r"(?:\w*банк(?!рот)\w*|мфо|мфк|\w*займ\w*|заем|кредитор\w*|кредитк\w*)")


def _has_unit_after(tokens: list[str], amount: _Amount) -> bool:
    following = tokens[amount.end] if amount.end < len(tokens) else ""
    return bool(_MONEY_UNIT.fullmatch(following)) or following.startswith("руб")


def _settled_on(tokens: list[str], debts: list[tuple[_Amount, bool]]) -> float:
    """The figure a correction settles on: a stated total ("всего 1.6, за машину 700"), else
    the last one not said to be a part ("займ на 12 тыщ, он в эти 650 входит")."""
    totals = [a for a, is_total in debts if is_total]
    if totals:
        return totals[-1].value
    wholes = [a for a, _ in debts if not _PART_OF.search(" ".join(tokens[a.end : a.end + 6]))]
    return (wholes or [a for a, _ in debts])[-1].value


_OWED_WORDS = re.compile(r"\b(?:процент\w*|пени|пеня|банк\w*|мфо|долг\w*|должен|должна|кредит\w*)")
_OWED_TO_ME = re.compile(
    r"\b(?:мне|нам) (?:\w+ )?(?:должен|должна|должны|задолжал\w*)"
    r"|(?:должен|должна|должны|задолжал\w*) (?:\w+ )?(?:мне|нам)\b"
)
# "юрист насчитал 150" is a fee; "сейчас насчитали тыщ 240" (no firm named) is the bank's count
_FIRM_WORDS = re.compile(r"\b(?:юрист\w*|фирм\w*|компани\w*|контор\w*|услуг\w*|стоит|цен\w*)")
_PART_OF = re.compile(r"\b(?:входит|входят|в том числе|из них|включ\w*)\b")


# "автокредит 600 в том числе", "ипотека 500 тоже входит" (not "в эти 650 входит", the whole)
# A figure this large beside a price question is never a fee: the debt it is.
_NO_FEE = 1_000_000
_PART_AFTER = re.compile(r"^(?:в том числе$|(?:тоже |туда |уже )?(?:входит|входят)\b)")
_PART_BEFORE = re.compile(r"\b(?:из них|из которых|в том числе)(?: \S+)?$")
_CONTAINER = frozenset({"в", "эти", "этот", "эту", "общую", "общий"})


def _said_part(tokens: list[str], amount: _Amount) -> bool:
    """ "автокредит 600 в том числе", "из них 600 автокредит": the figure is a part of the debt
    told, in its own phrase."""
    after = _phrase_after(tokens, amount.end, 5)
    after = after[: after.index(",")] if "," in after else after
    start = max((i for i in range(amount.start) if tokens[i] in _PHRASE_BREAK), default=-1) + 1
    before = tokens[max(start, amount.start - 4) : amount.start]
    if before and before[-1] in _CONTAINER:
        return False  # "займ на 12 тыщ, он в эти 650 входит": 650 holds the part
    return bool(_PART_AFTER.search(" ".join(after)) or _PART_BEFORE.search(" ".join(before)))


def _said_exactly(tokens: list[str], k: int) -> bool:
    before = tokens[max(k - 3, 0) : k]
    return any(t in ("точно", "точнее", "ровно", "точная") for t in before) and "не" not in before


def _counts_creditors(tokens: list[str], k: int) -> bool:
    """Whether a bare figure's sentence counts creditors ("займы 3 и сбербанк, всего 4")."""
    return any(_CREDITOR_NOUN.fullmatch(t) for t in _sentence_of(tokens, k))


def _after_listed_sum(tokens: list[str], k: int) -> bool:
    """ "хоум 120, отп 95, почта 140 тысяч, мфо где-то 20": the figure closes a list whose
    piece before it holds a sum, so it is one more sum (20 thousand), not a count."""
    start = max((i for i in range(k) if tokens[i] in _PHRASE_BREAK), default=-1) + 1
    commas = [i for i in range(start, k) if tokens[i] == ","]
    if not commas:
        return False
    before = max((i for i in commas[:-1]), default=start - 1) + 1
    piece = tokens[before : commas[-1]]
    return any(
        t[0].isdigit()
        and (
            (i + 1 < len(piece) and _MONEY_UNIT.fullmatch(piece[i + 1]) is not None)
            or (t.isdigit() and 30 <= int(t) < 1000)
        )
        for i, t in enumerate(piece)
    )


_LIMIT_WORDS = frozenset(
    {"до", "от", "свыше", "более", "менее", "больше", "меньше", "выше", "ниже", "порог"}
)


def _stated_own(tokens: list[str], amount: _Amount) -> bool:
    """A figure stated, not a limit quoted ("там до миллиона как то") nor asked about."""
    previous = tokens[amount.start - 1] if amount.start > 0 else ""
    end = next((i for i in range(amount.end, len(tokens)) if tokens[i] in _PHRASE_BREAK), None)
    return previous not in _LIMIT_WORDS and (end is None or tokens[end] != "?")


def _rotation_at(tokens: list[str], amount: _Amount) -> bool:
    """ "30 через 30", "2 через 2", "15 на 15": days on and days off, said by shift workers."""
    if amount.has_unit:
        return False
    after = tokens[amount.end : amount.end + 2]
    before = tokens[max(amount.start - 2, 0) : amount.start]
    return (
        len(after) == 2
        and after[0] in ("через", "на")
        and after[1].isdigit()
        and after[1] == tokens[amount.start]
    ) or (len(before) == 2 and before[1] == "через" and before[0][0].isdigit())


def _phrase_after(tokens: list[str], k: int, size: int) -> list[str]:
    """Up to `size` tokens from k, within the phrase ("2,1. Один кредит…" stops at the dot)."""
    following = tokens[k : k + size]
    end = next((i for i, t in enumerate(following) if t in _PHRASE_BREAK), len(following))
    return following[:end]


def _sentence_of(tokens: list[str], k: int) -> list[str]:
    start = max((i for i in range(k) if tokens[i] in _PHRASE_BREAK), default=-1) + 1
    end = next((i for i in range(k, len(tokens)) if tokens[i] in _PHRASE_BREAK), len(tokens))
    return tokens[start:end]


_PAYMENT_WORD = re.compile(r"\b(?:платеж\w*|плачу|платим|вношу|взнос\w*|ежемесячн\w*)\b")
_PER_MONTH = re.compile(r"\b(?:в месяц|в мес|ежемесячно)\b")


def _pays_monthly(tokens: list[str], amount: _Amount) -> bool:
    """ "платёж по кредитам 48 тыс в месяц", "ежемесячный взнос 27 тысяч": a payment word
    before the figure in its own clause (not "долг 560 тысяч, платёж в месяц 31")."""
    before: list[str] = []
    for token in reversed(tokens[max(amount.start - 6, 0) : amount.start]):
        if token in {",", ".", "!", "?", ";"}:
            break
        before.insert(0, token)
    said = " ".join(before)
    if not _PAYMENT_WORD.search(said):
        return False
    after = " ".join(tokens[amount.end : amount.end + 3])
    return bool(_PER_MONTH.search(f"{said} {after}") or re.search(r"платеж|взнос", said))


# "один", "одна", "одно" alone count a thing; a sum of one is said "лям", "миллион", "1"
_ONE_WORDS = frozenset({"один", "одна", "одно", "одну", "одного", "одной", "одним"})
_CASES_COUNTED = re.compile(
    r"долг(?:а|ов|ам|ами|ах)|дел(?:а|ам|ах)|производств\w*|исполнительн\w*|лист(?:а|ов|ам)"
)


# A currency other than the ruble named right after a figure ("1500 евро", "2 тыс долларов")
FOREIGN_CURRENCY = re.compile(
    r"(?:евро|eur|euro|€|доллар\w*|бакс\w*|usd|\$|dollars?|динар\w*|dinars?|тенге|лари"
    r"|драм\w*|сом\w*|лир\w*|юан\w*|злот\w*|фунт\w*|франк\w*|крон\w*|гривен\w*|гривн\w*"
    r"|белорусск\w*|byn|kzt|gbp|chf|rsd|try|cny)"
)


def in_foreign_currency(tokens: list[str], end: int) -> bool:
    """The figure ending before `end` is followed by a foreign currency ("1500 евро", "2 тыс
    долларов"), perhaps after a unit word."""
    rest = tokens[end : end + 2]
    if rest and _MONEY_UNIT.fullmatch(rest[0]) and not rest[0].startswith(("руб", "р", "₽")):
        rest = rest[1:]
    return bool(rest) and FOREIGN_CURRENCY.fullmatch(rest[0]) is not None


# The person leaves the figure of the sentence out ("это не считайте", "не учитывайте")
_NOT_COUNTED = re.compile(
    r"\b(?:не (?:считайте|считай|считать|учитывайте|учитывай|учитывать|включайте|включай"
    r"|пишите|записывайте)|не в сч[её]т)\b"
)


# The company the person runs or owns, said to owe ("фирма должна", "у ооо долги", "долги
# фирмы"); not a creditor named so ("ооо мфк …", "долг перед компанией", "в фирме")
_COMPANY_WORD = re.compile(r"(?:фирм\w*|ооо|компани\w*|организаци\w*|юрлиц\w*|предприяти\w*)")
_COMPANY_OWES = re.compile(r"(?:должн\w*|долг\w*|задолж\w*)")
_NOT_THE_DEBTOR = frozenset({"перед", "в", "во", "от", "на", "через"})


def _owed_by_company(tokens: list[str], amount: _Amount) -> bool:
    """ "фирма должна поставщикам около трёх миллионов, а на мне лично кредиты девятьсот":
    the figure in a phrase where the company owes is the company's debt, not the person's
    (unless they guaranteed it: then the lawyer hears it as theirs)."""
    if any(t.startswith("поручител") for t in tokens):
        return False
    phrase: list[str] = []
    for t in reversed(tokens[max(amount.start - 8, 0) : amount.start]):
        if t in _PHRASE_BREAK or t in {",", "а", "но"}:
            break
        phrase.insert(0, t)
    company = [
        k
        for k, t in enumerate(phrase)
        if _COMPANY_WORD.fullmatch(t)
        and (k == 0 or phrase[k - 1] not in _NOT_THE_DEBTOR)
        and not (
            k + 1 < len(phrase)
            and _cue_kind(phrase[k + 1]) == "debt"
            and not _COMPANY_OWES.fullmatch(phrase[k + 1])
        )
    ]
    return bool(company) and any(_COMPANY_OWES.fullmatch(t) for t in phrase)


def _read_amounts(msg: _Message, price_talk: bool) -> dict[str, object]:
    tokens = msg.tokens
    debts: list[tuple[_Amount, bool]] = []
    debt_cues: list[str] = []
    incomes: list[_Amount] = []
    income_cues: list[str] = []
    absurd = False
    bare_context = msg.expected in {Ask.DEBT_TOTAL, Ask.INCOME} or msg.correcting or msg.restating
    for amount in _amounts(tokens):
        if _names_a_card(tokens, amount):
            continue  # "с карты сбера на 4417": the card's last digits
        if in_foreign_currency(tokens, amount.end):
            # "около 1500 евро": never stored as rubles; the words go to the lawyer (a note)
            continue
        if (
            amount.start > 0
            and _DURATION.fullmatch(tokens[amount.start - 1])
            and not (amount.start > 1 and tokens[amount.start - 2] in ("в", "за"))
        ):
            following = tokens[amount.end] if amount.end < len(tokens) else ""
            if not amount.has_unit and not _MONEY_UNIT.fullmatch(following):
                continue  # "года полтора уже", "не плачу месяцев 10": how long, not how much
        if _rotation_at(tokens, amount):
            continue  # "вахтой 30 через 30", "2 через 2": a shift schedule, not money
        kind, cue = _amount_kind(tokens, amount)
        if _NOT_COUNTED.search(" ".join(_sentence_of(tokens, amount.start))):
            continue  # "брат давал 20 тысяч, это я ему сама отдам, это не считайте"
        if kind in ("debt", None) and _owed_by_company(tokens, amount):
            continue  # "фирма должна поставщикам около трёх миллионов": the company's, not theirs
        if kind == "debt" and _OWED_TO_ME.search(
            " ".join(tokens[max(amount.start - 6, 0) : amount.end + 3])
        ):
            continue  # "бывший мне должен 200": owed to the person, not by them
        if _pays_monthly(tokens, amount):
            continue  # "платёж по кредитам 48 тыс в месяц": what is paid monthly, not the debt
        if (
            kind == "price"
            and tokens[cue].startswith("насчитал")
            and (
                _OWED_WORDS.search(" ".join(tokens[max(amount.start - 6, 0) : amount.start]))
                or not _FIRM_WORDS.search(msg.text)
            )
        ):
            kind = "debt"  # "с процентами уже 112 насчитали": the bank's count, not a fee
        if (
            amount.start > 0
            and tokens[amount.start - 1] == "плюс"
            and any(_PENALTY_CUE.fullmatch(t) for t in tokens)
        ):
            continue  # "пени капают… каждый месяц плюс 15 тыщ": what the debt grows by
        if kind == "alimony":
            continue  # "получаю на них алименты 15 тыс", "лимит 50": neither income nor debt
        value = amount.value
        if not _is_money(tokens, amount):
            following = tokens[amount.end] if amount.end < len(tokens) else ""
            if _COUNTED.fullmatch(following) or following == ":" or value <= 0:
                continue
            if value < 10 and _CASES_COUNTED.fullmatch(following):
                continue  # "приставы по двум долгам", "три исполнительных": how many, not millions
            after = _phrase_after(tokens, amount.end, 4)
            if value != int(value) and "," in after:
                after = after[: after.index(",")]  # ("долг где-то 1,7 наверно, банков 5")
            if value < 10 and any(_COUNTED.fullmatch(t) for t in after):
                continue  # "пять или шесть банков", "3-4 кредита": a count, not millions
            before = tokens[max(amount.start - 4, 0) : amount.start]
            if value < 10 and value == int(value) and any(_COUNTED.fullmatch(t) for t in before):
                continue  # "банка 4 наверное", "банков где-то пять": a count after its noun
            if value <= 100 and _counted_correction(tokens, amount.start):
                continue  # "кредиторов не 9 а 11": the count corrected, not an amount
            if amount.start > 0 and tokens[amount.start - 1] == "не":
                continue  # "банка три, а не два": the refused figure
            if amount.end - amount.start == 1 and tokens[amount.start] in _ONE_WORDS:
                continue  # "ещё одно нашли", "одна мфо": one thing counted, never a million
            previous = tokens[amount.start - 1] if amount.start > 0 else ""
            if previous in {"с", "до", "после", "к", "в"} and value <= 24 and value == int(value):
                continue  # "работаю с 8 до 17", "звоните после 10": hours, not thousands
            if previous in {"мне", "ему", "ей", "им", "нам"} and value <= 120:
                continue  # "мне 45, я работаю": an age
            if (
                value < 30
                and value == int(value)
                and _counts_creditors(tokens, amount.start)
                and not (value >= 10 and _after_listed_sum(tokens, amount.start))
            ):
                continue  # "займы 3 и сбербанк, всего 4": the creditors counted
            if following == ")" or (following == "." and amount.start == 0):
                continue  # "1) уволят ли? 2) …": a list's numbering
            if kind not in {"debt", "income"} and not bare_context:
                continue
            hedged_answer = (
                msg.expected in _DEBT_QUESTIONS
                and amount.start > 0
                and tokens[amount.start - 1] in _HEDGE_BEFORE
            )  # "на мне около 900 вроде. 3 банка и одна мфо": the figure asked for, hedged
            if (
                kind is None
                and len([t for t in tokens if t[0].isdigit()]) > 1
                and not (msg.correcting or msg.restating or hedged_answer)
            ):
                continue
            if (
                kind is None
                and not (msg.correcting or msg.restating or hedged_answer)
                and _talks_of_other_things(tokens)
            ):
                continue  # "1; SELECT * FROM ...": a bare figure inside other words answers nothing
            if value < 10 and value != int(value):
                value *= 1e6
            elif 10 <= value < 1000 and value == int(value):
                value *= 1e3
            elif value < 10 and (kind == "debt" or msg.expected == Ask.DEBT_TOTAL):
                value *= 1e6
            else:
                continue
        if (
            kind is None
            and _values_property(tokens, amount)
            and (msg.expected != Ask.DEBT_TOTAL or _VALUED.search(msg.text))
        ):
            continue  # "машина есть, 2010 года, тыщ на 200": what the car is worth
        if kind is None:
            if price_talk and value < _NO_FEE:
                kind = "price"  # (not "у меня 1,5 млн… вместе дешевле будет?": no fee is that)
            elif msg.correcting or (msg.restating and value >= 100_000):
                kind = "debt"  # "ой не 380 а 410", "ой, 2.1 получается, забыл рассрочку": the debt
            elif amount.has_unit and value >= _NO_FEE and _stated_own(tokens, amount):
                kind = "debt"  # "у меня 1,1 млн в 4 местах": no pay or fee is a million
            elif msg.expected == Ask.INCOME:
                kind = "income"
            elif msg.expected in _DEBT_QUESTIONS or msg.correcting or msg.restating:
                kind = "debt"
            else:
                continue  # a figure with no cue answers nothing it was not asked about
        if kind == "debt":
            if value > MAX_DEBT:
                absurd = True
            else:
                debts.append(
                    (_Amount(value, amount.start, amount.end, True), _near_total(tokens, amount))
                )
                said_by = tokens[cue] if cue >= 0 else ""
                if said_by.startswith("насчитал"):
                    # "налоговая ещё 90 насчитала": the creditor who counted it names the part
                    said_by = next(
                        (
                            t
                            for t in reversed(tokens[max(amount.start - 3, 0) : amount.start])
                            if _cue_kind(t) == "debt" and not _WEAK_DEBT_CUE.fullmatch(t)
                        ),
                        said_by,
                    )
                debt_cues.append(said_by)
        elif kind == "income":
            if value > MAX_INCOME:
                absurd = True
            else:
                incomes.append(_Amount(value, amount.start, amount.end, True))
                income_cues.append(tokens[cue] if cue >= 0 else "")
    if any(a.value >= 100_000 for a, _ in debts):
        # "лям с небольшим, 1 050 где то": a bare 1 000–9 999 beside such figures is thousands
        debts = [
            (replace(a, value=a.value * 1000), t)
            if 1000 <= a.value < 10_000
            and not _has_unit_after(tokens, a)
            and not any(_MONEY_UNIT.fullmatch(t) for t in tokens[a.start : a.end])
            else (a, t)
            for a, t in debts
        ]
    # "автокредит 600 в том числе": a part of the debt, never its total
    kept = [k for k, (a, _) in enumerate(debts) if not _said_part(tokens, a)]
    debts, debt_cues = [debts[k] for k in kept], [debt_cues[k] for k in kept]
    result: dict[str, object] = {"absurd": absurd and not debts and not incomes}
    exact = [a for a, _ in debts if _said_exactly(tokens, a.start)]
    if debts and exact:
        result["debt_total"] = round(exact[-1].value)  # "почти 2 ляма, если точно 1 900 000"
        result["last_debt"] = round(exact[-1].value)
    elif debts:
        totals = [a for a, is_total in debts if is_total]
        if totals:
            result["debt_total"] = round(totals[-1].value)
        elif _separate_debts(debt_cues, msg.text) or _added(tokens, [a for a, _ in debts]):
            result["debt_total"] = round(sum(a.value for a, _ in debts))
        else:
            result["debt_total"] = round(max(a.value for a, _ in debts))
        result["last_debt"] = round(_settled_on(tokens, debts))
    if incomes:
        result["income_monthly"] = round(
            sum(a.value for a in incomes)
            if _incomes_added(tokens, incomes, income_cues)
            else incomes[0].value
        )
    return result


# Words that may stand around a bare figure that answers the question ("ну где-то 950 наверно").
_AROUND_A_FIGURE = frozenset(
    {
        "ну",
        "да",
        "вот",
        "там",
        "так",
        "это",
        "где",
        "то",
        "около",
        "примерно",
        "приблизительно",
        "наверно",
        "наверное",
        "вроде",
        "кажется",
        "точно",
        "не",
        "помню",
        "знаю",
        "уже",
        "всего",
        "итого",
        "почти",
        "чуть",
        "больше",
        "меньше",
        "с",
        "хвостиком",
        "копейками",
        "лишним",
        "я",
        "ж",
        "же",
        "писал",
        "писала",
        "говорил",
        "говорила",
        "сказал",
        "сказала",
        "мой",
        "мои",
        "у",
        "меня",
        "мне",  # "на мне около 900 вроде": what hangs on the person
        "на",
        "рублей",
        "руб",
        "р",
        "тысяч",
        "тыс",
        "тыщ",
        "и",
        "или",
        "еще",
        # "посчитал, 950 ровно": the figure counted up, said exactly
        "ровно",
        "посчитал",
        "посчитала",
        "подсчитал",
        "подсчитала",
    }
)


def _counted_correction(tokens: list[str], start: int) -> bool:
    """ "кредиторов не 9 а 11", "банков не 3, а 4": the nearest word before is a count noun."""
    k = start - 1
    while k >= 0 and (tokens[k] in {"не", "а", ",", "-"} or tokens[k].isdigit()):
        k -= 1
    return k >= 0 and _COUNT_NOUN.fullmatch(tokens[k]) is not None


# Plural count nouns: "кредиторов 11" counts; "долг в банке 300" is still an amount.
_COUNT_NOUN = re.compile(r"кредитор\w*|банков|банка|мфошек|займов|кредитов|кредиток")


_PROPERTY_WORD = re.compile(
    r"(?:машин\w*|авто\w*|тачк\w*|квартир\w*|дач\w*|гараж\w*|участ(?:ок|ка)|дом|комнат\w*"
    r"|стоимост\w*|оцен\w*|рыночн\w*)"
)


# (even right after the debt question) a valuation or a model year says it is the thing's worth
_VALUED = re.compile(r"\b(?:на|стоит|стоимост\w*|оцен\w*|продать за|года|г)\b")


def _values_property(tokens: list[str], amount: _Amount) -> bool:
    """A figure with no cue of its own, in a sentence about a car or a flat: its worth."""
    k = amount.start - 1
    while k >= 0 and tokens[k] not in {".", "!", "?"} and amount.start - k <= 10:
        if _PROPERTY_WORD.fullmatch(tokens[k]):
            return True
        k -= 1
    return False


_HEDGE_BEFORE = frozenset({"около", "примерно", "приблизительно", "почти", "под", "где-то"})


def _talks_of_other_things(tokens: list[str]) -> bool:
    words = [t for t in tokens if t[0].isalpha() and t not in _NUMBER_WORDS]
    return sum(1 for w in words if w not in _AROUND_A_FIGURE and w != "половиной") > 1


def _separate_debts(cues: list[str], text: str) -> bool:
    """ "кредит 300к и кредитка 50к": each sum names its own creditor, so they add up."""
    return (
        len(cues) > 1
        and len(set(cues)) == len(cues)
        and all(
            _INSTITUTION.fullmatch(c)
            or _PRODUCT.fullmatch(c)
            or _BANK_NAMES.fullmatch(c)
            or c.startswith(("ипотек", "налог", "фнс", "почт", "потребительск"))
            for c in cues
        )
        and not re.search(r"\b(?:из них|в том числе|из которых|было|стало)\b", text)
        # "было 500, сейчас 300" is one debt then and now; "сейчас получается сбер 480, втб
        # 310" lists what is owed now
        and not re.search(r"\d[^.!?]*\bсейчас\b", text)
    )


_CARD = re.compile(r"(?:карт\w*|счет\w*|номер\w*|заканч\w*|оканч\w*|последн\w*|\*)")


def _names_a_card(tokens: list[str], amount: _Amount) -> bool:
    digits = tokens[amount.start]
    if amount.has_unit:
        return False
    window = tokens[max(amount.start - 4, 0) : amount.start]
    return len(digits) == 4 and digits.isdigit() and any(_CARD.fullmatch(t) for t in window)


_ADDING = {"еще", "плюс", "+", "также", "помимо", "вдобавок", "сверху"}


def _added(tokens: list[str], debts: list[_Amount]) -> bool:
    """ "миллион двести и ещё микрозаймы тысяч на 150": each figure adds to the one before."""
    return len(debts) > 1 and all(
        _ADDING & set(tokens[a.end : b.start])
        and not _PART_OF.search(" ".join(tokens[b.end : b.end + 4]))  # "ещё 400 из них"
        for a, b in itertools.pairwise(debts)
    )


_SIDE_INCOME = re.compile(r"(?:подработ\w*|подрабатыва\w*|халтур\w*|пенси\w*)")


def _incomes_added(tokens: list[str], incomes: list[_Amount], cues: list[str]) -> bool:
    """ "пенсия 26 и подрабатываю сторожем ещё тысяч 15": two sources of income, each with its
    own figure, the second added ("ещё", "плюс", "и") to the first: the income is their sum
    (a side job or a pension beside a salary; not "зп 40, в хороший месяц 60")."""
    return (
        len(incomes) == 2
        and len(set(cues)) == 2
        and any(_SIDE_INCOME.fullmatch(c) for c in cues)
        and bool((_ADDING | {"и"}) & set(tokens[incomes[0].end : incomes[1].start]))
        and not _PHRASE_BREAK & set(tokens[incomes[0].end : incomes[1].start])
    )


def _near_total(tokens: list[str], amount: _Amount) -> bool:
    start = max(amount.start - 6, 0)
    figures = [i for i in range(start, amount.start) if tokens[i][0].isdigit()]
    if figures:  # "всего 1.6, за машину 700": the cue belongs to the figure it stands at
        start = figures[-1] + 1
    window = " ".join(tokens[start : amount.start])
    return bool(_TOTAL_CUE.search(window))


# A figure the person is not sure of: kept as approximate and confirmed in passing.
_HEDGE = re.compile(
    r"\b(?:наверно|наверное|около|где[- ]?то|примерно|приблизительно|порядка|почти|вроде"
    r"|кажется|ориентировочно|плюс[- ]минус|не помню точно|точно не помню|не считал\w*"
    r"|в районе|точно не (?:скажу|знаю)|не (?:скажу|знаю) точно"
    r"|с хвостиком|с копейками|с лишним|с небольшим|с чем[- ]?то|больше|меньше|не меньше|не больше"
    r"|под|за|до|чуть)\b|~|≈"
    r"|\b(?:тысяч|тыщ|тыс)\w* (?:на )?\d"
    r"|\b(?:миллиона|милиона|ляма|лимона) полтор"  # "миллиона полтора": the unit first
    # "миллиона на два с половиной", "лямов 5": the unit before its figure (not "2 миллиона 300",
    # the thousands after the millions)
    r"|(?<!\d )(?<!\d)(?<!два )(?<!две )(?<!три )(?<!пять )(?<!шесть )(?<!семь )(?<!восемь )"
    r"(?<!девять )(?<!десять )(?<!четыре )(?<!полтора )"
    r"\b(?:миллион(?:а|ов)|милион(?:а|ов)|лям(?:а|ов)|лимон(?:а|ов)) (?:на )?"
    r"(?:\d+(?:[.,]\d+)?|два|две|три|четыре|пять|шесть|семь|восемь|девять|десять)\b"
    r"(?! (?:банк|кредит|мфо|займ|год|лет|месяц|кредитор)\w*)"
    r"|\b(?:месяц\w*|мес|года|лет|годика|недел\w*|дней) (?:\d|полтор|пар|два|две|три|четыр|пят"
    r"|шест|сем|восем|девят|десят)"  # "не плачу года 3", "месяцев 5": an estimate
    r"|\b(?:тысяч|тыщ|тыс)\w* (?:на )?(?:сто|двести|триста|четыреста|пятьсот|шестьсот"
    r"|семьсот|восемьсот|девятьсот|двадцать|тридцать|сорок|пятьдесят|шестьдесят|семьдесят"
    r"|восемьдесят|девяносто)"
)


# "70-80", "5–6": two figures, the second the larger, for one amount — a range, not a figure
_SPAN = re.compile(
    r"(?<![\d/.,:+-])(\d{1,3})\s?[-–—]\s?(\d{1,3})(?![\d/.,:-])|\bот (\d{1,3}) до (\d{1,3})\b"
)
# "доход плавает", "когда как": an income that changes month to month
_VARIES = re.compile(r"\b(?:плава\w*|скач\w*|нестабильн\w*|по-разному|по разному|когда как)\b")


def hedged(text: str) -> bool:
    """ "тысяч 250 наверно", "миллион с хвостиком", "около 700", "плавает 70-80": not an exact
    figure."""
    norm = text.lower().replace("ё", "е")
    return (
        _HEDGE.search(norm) is not None
        or _VARIES.search(norm) is not None
        or any(
            int(m.group(1) or m.group(3)) < int(m.group(2) or m.group(4))
            for m in _SPAN.finditer(norm)
        )
    )


# A count's figure next to what it counts ("в 4 банках", "банки, 4 штуки", "мфо штук 6").
_COUNT_WORDS = r"(?:банк\w*|мфо|микрозайм\w*|займ\w*|кредитор\w*|кредитк\w*|карт\w*|штук\w*)"
_COUNT_FIGURE = re.compile(r"(?<![\d.,])\d{1,3}(?![\d]|[.,]\d)")
# "штук 6", "мфо штук 6": the counted word before the figure, Russian's estimate ("банков 5"
# in a list of facts is a plain count)
_INVERTED = re.compile(r"\bштук\w*\s*$")


def count_hedged(text: str) -> bool | None:
    """Whether the count of creditors is hedged where its figure stands ("около 5 банков",
    "мфо штук 6", "4 банка где-то", "5-6 банков"), not by a hedge on another figure of the
    piece ("долгов около 450 тысяч в 4 банках", "где то 300 налоги, остальное банки, 4
    штуки"); None when no counted figure is found (the whole piece decides)."""
    norm = text.lower().replace("ё", "е")
    found = None
    for m in _COUNT_FIGURE.finditer(norm):
        before = " ".join(norm[: m.start()].split(" ")[-3:])
        after = " ".join(norm[m.end() :].split(" ")[:3])
        if not re.search(_COUNT_WORDS, before + " " + after):
            continue
        if re.match(r"\s*(?:тыс|тыщ|млн|милл|лям|мес|год|лет|%|р\b|руб)", after):
            continue  # "в 4 банках" counts; "450 тысяч" is an amount
        near = re.split(r"[,;]|\d", before)[-1]  # only the words since the last figure or comma
        found = bool(
            _HEDGE.search(near)
            or _INVERTED.search(before)
            or re.match(r"\s*(?:\S+\s+)?(?:где[- ]?то|наверн\w*|примерно|или\s+\d|вроде)", after)
            or re.match(r"\s?[-–—]\s?\d", after)
            or re.search(r"\d\s?[-–—]\s?$", before)
        )
        if found:
            return True
    return found
