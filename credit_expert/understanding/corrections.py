"""The reading: corrections."""

from __future__ import annotations

import re

from credit_expert.understanding.numbers import (
    _COUNTED,
    _CURRENCY,
    _MILLION,
    _NUMBER_WORDS,
    _ONE_MILLION,
    _TEENS,
    _THOUSAND,
    _UNITS,
)

# ---------------------------------------------------------------- corrections

_CORRECTION_WORDS = re.compile(
    r"\b(?:ошибся|ошиблась|ошибочка|ошибка|опечатал\w*|опечатка|оговорил\w*|поправк\w*"
    r"|поправлю|исправ(?!н)\w*|неправильно (?:написал|указал|сказал)\w*|точнее|вернее"
    r"|имел\w* в виду|на самом деле|не так|пересчитал\w*|перепутал\w*|ой не|хотя нет"
    r"|забыл\w* (?:про |о |об |посчитать |указать |написать )?(?:\w+ )?(?:кредит\w*|карт\w*"
    r"|кредитк\w*|мфо|займ\w*|банк\w*|долг\w*|рассрочк\w*)|не уч[её]л\w*|с учетом"
    r"|значит (?:\w+ )?(?:кредитор\w*|банк\w*|долг\w*|всего|итого)"
    r"|(?:говорил\w*|писал\w*) (?:\w+ )?\d+|вылез(?:ла|ло|ли)?\b|нашл\w* ещ[её]|набежал\w*"
    r"|посчитал\w* (?:точно|все|всё|точнее)|посчитал\w*\W+нет"
    r"|посмотрел\w* (?:в|по|на) (?:\w+ )?(?:приложени\w*|выписк\w*|кабинет\w*|госуслуг\w*"
    r"|бки|кредитн\w* истори\w*|сайт\w*)"
    r"|^не ?,? не|вру|соврал\w*|оказыва\w*|sorry|сорри"
    r"|^(?:ой |ай )?(?:нет|не|неа) ,? ?(?=\d)"
    r"|^(?:ой |ай )?(?:нет|неа) ,? ?не ,? ?(?=\d))\b"  # "нет, не 2, уже 3 месяца"
)


_MILLIONS_FRACTION = re.compile(r"\d{1,2}[.,]\d{1,2}")
_DURATION_WORDS = frozenset({"полгода", "год", "годик", "полтора"})


def _is_number_token(token: str) -> bool:
    return token[0].isdigit() or token in _NUMBER_WORDS or bool(_ONE_MILLION.fullmatch(token))


_CHECKED = re.compile(r"(?:по)?смотрел\w*|глянул\w*|провер\w*|уточн\w*|сверил\w*|нашл\w*")


def _after_checked_source(tokens: list[str], comma: int) -> int:
    """ "не 640, посмотрел на госуслугах — 585": where the new figure follows a short note of
    where the person checked it (the token before that figure); else the comma itself."""
    note: list[str] = []
    for k in range(comma + 1, min(comma + 7, len(tokens))):
        if _is_number_token(tokens[k]):
            checked = any(_CHECKED.fullmatch(t) for t in note)
            return k - 1 if note and checked else comma
        if tokens[k] in {".", "?", "!", ","}:
            break
        note.append(tokens[k])
    return comma


def _apply_negated_values(tokens: list[str]) -> tuple[list[str], bool]:
    """ "не 800, а 900 тысяч": drop the refused value, carry its unit to the new one."""
    for i, token in enumerate(tokens):
        if (
            token == "не"
            and i + 2 < len(tokens)
            and tokens[i + 1] in {"в", "на", "с"}
            and _is_number_token(tokens[i + 2])
        ):  # "не в 3, а в 4 банка" (but "не в ипотеке" keeps its "в")
            tokens = tokens[: i + 1] + tokens[i + 2 :]
        if token != "не" or i + 1 >= len(tokens):
            continue
        if tokens[i + 1] in _DURATION_WORDS and i + 3 < len(tokens) and tokens[i + 2] == "а":
            # "не полгода а месяцев 5", "не год, а 8 месяцев": the refused duration goes
            return tokens[:i] + tokens[i + 3 :], True
        if (
            tokens[i + 1] in _DURATION_WORDS
            and i + 4 < len(tokens)
            and tokens[i + 2 : i + 4]
            == [
                ",",
                "а",
            ]
        ):
            return tokens[:i] + tokens[i + 4 :], True
        if not _is_number_token(tokens[i + 1]):
            continue
        j = i + 1
        while j < len(tokens) and j - i <= 5 and tokens[j] not in {"а", ",", ".", "?", "!"}:
            j += 1
        if j >= len(tokens) or tokens[j] not in {"а", ","}:
            continue
        if tokens[j] == "," and j + 1 < len(tokens) and tokens[j + 1] == "а":
            j += 1  # "не 800, а 900"
        elif tokens[j] == ",":
            j = _after_checked_source(tokens, j)  # "не 640, посмотрел на госуслугах — 585"
        refused = [t for t in tokens[i + 1 : j] if t != ","]
        unit = [t for t in refused if not t[0].isdigit() and t not in _NUMBER_WORDS]
        new_start = j + 1
        k = new_start
        while k < len(tokens) and _is_number_token(tokens[k]):
            k += 1
        if k == new_start:
            continue
        new_has_unit = (
            k < len(tokens)
            and (
                _MILLION.fullmatch(tokens[k])
                or _THOUSAND.fullmatch(tokens[k])
                or _COUNTED.fullmatch(tokens[k])
                or _CURRENCY.fullmatch(tokens[k])
            )
        ) or any(_ONE_MILLION.fullmatch(t) for t in tokens[new_start:k])  # "а 2.6 млн"
        carried = [] if new_has_unit else unit
        if (
            not carried
            and not new_has_unit
            and all(_MILLIONS_FRACTION.fullmatch(t) for t in (*refused[:1], tokens[new_start]))
        ):
            carried = ["млн"]  # "ой точнее не 1.9 а 1.6": a debt in millions, as people write it
        rest = _without_the_refused_explained(tokens[k:], refused)
        return tokens[:i] + tokens[new_start:k] + carried + rest, True
    return tokens, False


def _without_the_refused_explained(rest: list[str], refused: list[str]) -> list[str]:
    """ "не 4 а 2.6 млн, 4 это я с ипотекой мужа посчитала": the refused figure named again
    to explain it is no new figure."""
    numbers = {t for t in refused if _is_number_token(t)}
    kept: list[str] = []
    for j, token in enumerate(rest):
        explained = j + 1 < len(rest) and rest[j + 1] in {"это", "-", "—"}
        counted = any(_COUNTED.fullmatch(t) for t in rest[j + 1 : j + 5])
        if token in numbers and explained and not counted:
            continue  # (but "4 это сколько банков" names the count)
        kept.append(token)
    return kept


# "не плачу 3 месяца, хотя нет, уже 4", "банков 6, хотя нет 7", "зп 65 официально. ой вру, 56":
# the second figure takes the first one's place and unit.
_MARK = r"(?:(?:ой,? |а,? )?(?:хотя нет|нет|вру|вернее|точнее|в смысле)|(?:а|ой),? не,|ой)"
_AFTER_MARK = (
    r"[,.]?(?: (?:уже|наверно|скорее|где-то|с|процентами|всего|получается|итого)){0,3}"
    r" (\d+(?:[.,]\d+)?)(?![.,]?\d)"
    r"(?! ?(?:месяц|мес\b|банк|кредит|мфо|займ|лет\b|год|тыс|тыщ|млн|лям|миллион|к\b))"
)
_UNIT = (
    r"(?:месяц\w*|мес|банк\w*|кредит\w*|кредитор\w*|мфо|займ\w*|тыс\w*|тыщ\w*|млн|лям\w*"
    r"|миллион\w*|лет|год\w*)"
)
_NOT_A_MARK = r"(?!(?:ой|нет|хотя|вру|вернее|точнее|а)\b)"
_FIGURE_FIRST = re.compile(
    rf"\b(\d+(?:[.,]\d+)?) ({_UNIT})((?: {_NOT_A_MARK}[а-я]+){{0,3}})[,.…]*? ?{_MARK}{_AFTER_MARK}"
)
_NOUN_FIRST = re.compile(
    rf"\b({_UNIT}|зп|зарплат\w*|доход\w*) (\d+)((?: {_NOT_A_MARK}[а-я]+)?)[,.…]*? ?{_MARK}"
    rf"{_AFTER_MARK}"
)


# "не 9 месяцев, уже 10 считай": the refused figure, then the one meant
_NOT_THEN = re.compile(
    rf"\bне (\d+) ({_UNIT}),? (?:а |уже |скорее |наверно )+(\d+(?:[.,]\d+)?)(?![.,]?\d)"
)


def restated_figure(norm: str) -> str:
    """ "3 месяца, хотя нет, уже 4" -> "4 месяца": the figure the person settled on."""
    norm = _NOT_THEN.sub(lambda m: f"{m.group(3)} {m.group(2)}", norm)
    norm = _FIGURE_FIRST.sub(lambda m: f"{m.group(4)} {m.group(2)}{m.group(3)}", norm)
    return _NOUN_FIRST.sub(lambda m: f"{m.group(1)} {m.group(4)}{m.group(3)}", norm)


# ---------------------------------------------------------------- late corrections

# A figure put right after Daria moved on to another question. Strong cues say the person
# takes something back: "Нет, 310", "не, вру, 1.35", "Не, поправлю: 2,1", "я ошиблась",
# "оказывается 820 тысяч, а не 750", "sorry, 590 а не 560".
_STRONG_CUE = re.compile(
    r"^\W*(?:(?:ой|ай|ну)\W+)?(?:нет|не|неа|no|sorry|сорри)\b"
    r"|\b(?:вру|соврал\w*|ошиб\w*|ошибочк\w*|поправ\w*|исправ(?!н)\w*|оказыва\w*|перепутал\w*"
    r"|пересчитал\w*|посчитал\w*|подсчитал\w*|точнее|вернее|на самом деле|sorry|сорри)\b"
    r"|\bа не \d"
)
# Weak ones ("ой", "забыла") correct only what the rest of the message names.
_WEAK_CUE = re.compile(r"^\W*(?:ой|ай|упс)\b|\bзабыл\w*")
# The words that say a count of creditors is meant ("ой 5. тинькофф забыл").
_CREDITOR_WORDS = re.compile(
    r"\b(?:банк(?!рот)\w*|мфо|мфк|\w*займ\w*|заем|кредит\w*|кредитор\w*|карт\w*)\b"
)


def late_correction_cue(text: str) -> str | None:
    """ "strong", "weak" or None: how surely a message takes back a figure given before."""
    low = text.lower().replace("ё", "е")
    if _STRONG_CUE.search(low):
        return "strong"
    return "weak" if _WEAK_CUE.search(low) else None


def names_creditors(text: str, bank_names: re.Pattern[str]) -> bool:
    low = text.lower().replace("ё", "е")
    return _CREDITOR_WORDS.search(low) is not None or any(
        bank_names.fullmatch(w) for w in re.findall(r"[а-яa-z]+", low)
    )


def known_figure(known: frozenset[str], name: str) -> int | None:
    """The figure the session holds ("debt:800000" in `known`), if any."""
    return next(
        (int(k.split(":", 1)[1]) for k in known if k.startswith(f"{name}:")),
        None,
    )


def debt_in_scale(new: int, known_debt: int) -> int | None:
    """The corrected debt in the known one's scale ("1100" beside 1 000 000 is 1 100 000),
    or None when it is no correction of it (more than three times off either way)."""
    for value in (new, new * 1000):
        if known_debt / 3 <= value <= known_debt * 3:
            return value
    return None


def count_in_reach(new: int, known_count: int) -> bool:
    """A corrected creditor count: a few more or fewer than the one given."""
    return 1 <= new <= 30 and abs(new - known_count) <= 3


# ---------------------------------------------------------------- a bare figure refused

# "ой не 3 а 4", "ой не 8, а 4", "не, зп 35 а не 40": two bare figures, one refused. The
# refused one names the fact it puts right: the known figure it equals (a count, months) or
# matches in scale (income, debt: "40" beside 40 000).
_NO_UNIT = (
    r"(?![.,]?\d)(?! ?(?:тыс|тыщ|к\b|млн|лям|миллион|месяц|мес\b|банк|кредит|мфо|займ|лет\b|год))"
)
_FIGURE = r"(\d+(?:[.,]\d+)?)"
# ("в 3 мфо ой не в 3 а в 4": the preposition said again with each figure)
_REFUSED_FIRST = re.compile(
    rf"\bне (?:в |на |с )?{_FIGURE}{_NO_UNIT},? а (?:в |на |с )?{_FIGURE}{_NO_UNIT}"
)
_REFUSED_LAST = re.compile(rf"\b{_FIGURE} а не {_FIGURE}{_NO_UNIT}")
# the known figure's name, its slot, and the scales a bare figure may be written in
_BARE_FIGURES = (
    ("creditors", "creditors_count", (1,)),
    ("months", "months_overdue", (1,)),
    ("income", "income_monthly", (1, 1000)),
    ("debt", "debt_total", (1, 1000, 1_000_000)),
)


# "ой нет не четыре а пять": a count refused in words is one in digits
_SMALL_NUMBERS = {**_UNITS, **_TEENS}
_SMALL_WORD = re.compile(
    r"\b(?:" + "|".join(sorted(_SMALL_NUMBERS, key=len, reverse=True)) + r")\b(?! (?:с|и) )"
)


def refused_known_figure(text: str, known: frozenset[str]) -> tuple[str, int] | None:
    """The slot and its new value when a message refuses a bare figure the session holds;
    None when no known figure, or more than one, fits the refused one."""
    low = _SMALL_WORD.sub(lambda m: str(_SMALL_NUMBERS[m.group(0)]), text.lower().replace("ё", "е"))
    if found := _REFUSED_FIRST.search(low):
        refused, new = found.group(1), found.group(2)
    elif found := _REFUSED_LAST.search(low):
        new, refused = found.group(1), found.group(2)
    else:
        return None
    old_figure, new_figure = float(refused.replace(",", ".")), float(new.replace(",", "."))
    fits = [
        (slot, round(new_figure * scale))
        for name, slot, scales in _BARE_FIGURES
        if (old := known_figure(known, name)) is not None
        for scale in scales
        if round(old_figure * scale) == old and new_figure != old_figure
    ]
    return fits[0] if len(fits) == 1 else None
