"""The reading: tokens."""

from __future__ import annotations

import re
from dataclasses import dataclass

from credit_expert.understanding.message import _mask
from credit_expert.understanding.phones import _AMOUNT_LIMIT, _MONEY_WORDS
from credit_expert.understanding.text import _READ_LIMIT, _normalise, clean_text

# ---------------------------------------------------------------- tokens

_TOKEN = re.compile(r"\d+(?:[.,]\d+)*|[a-zа-я]+|[₽$€%+/:;()?!.,-]")
_GROUPED_DIGITS = re.compile(r"(?<![\d.,])\d{1,3}(?: \d{3})+(?![\d])(?![.,]\d)")
_THOUSAND_RUBLES = re.compile(r"(\d)\s*т\.?\s?р\b\.?")


# "1/2 моя 1/2 её", "доля 1/3": a share of a thing, never an amount
_SHARE = re.compile(r"(?<![\d.,/])\d/\d{1,2}(?![\d/])")


def _tokens(norm: str) -> list[str]:
    norm = _SHARE.sub(" часть ", norm)
    norm = _GROUPED_DIGITS.sub(lambda m: m.group(0).replace(" ", ""), norm)
    norm = _THOUSAND_RUBLES.sub(r"\1 тыс руб", norm)
    norm = norm.replace("\n", " . ")
    return _TOKEN.findall(norm)


_UNITS = {
    "ноль": 0, "один": 1, "одна": 1, "одно": 1, "одного": 1, "одной": 1, "одном": 1,
    "одну": 1, "одним": 1, "два": 2, "две": 2, "двух": 2, "двум": 2, "двумя": 2,
    "три": 3, "трех": 3, "трем": 3, "тремя": 3, "четыре": 4, "четырех": 4, "четырем": 4,
    "пять": 5, "пяти": 5, "шесть": 6, "шести": 6, "семь": 7, "семи": 7, "восемь": 8,
    "восьми": 8, "девять": 9, "девяти": 9, "двое": 2, "трое": 3, "четверо": 4, "пятеро": 5,
    "шестеро": 6, "семеро": 7,
}  # fmt: skip
_TEENS = {
    "десять": 10, "одиннадцать": 11, "двенадцать": 12, "тринадцать": 13,
    "четырнадцать": 14, "пятнадцать": 15, "шестнадцать": 16, "семнадцать": 17,
    "восемнадцать": 18, "девятнадцать": 19,
}  # fmt: skip
_TEENS |= {word[:-1] + "и": value for word, value in _TEENS.items()}
_TENS = {
    "двадцать": 20, "тридцать": 30, "сорок": 40, "пятьдесят": 50, "шестьдесят": 60,
    "семьдесят": 70, "восемьдесят": 80, "девяносто": 90, "двадцати": 20, "тридцати": 30,
    "сорока": 40, "пятидесяти": 50, "шестидесяти": 60, "семидесяти": 70,
    "восьмидесяти": 80, "девяноста": 90,
}  # fmt: skip
_HUNDREDS = {
    "сто": 100, "ста": 100, "двести": 200, "двухсот": 200, "триста": 300, "трехсот": 300,
    "четыреста": 400, "четырехсот": 400, "пятьсот": 500, "пятисот": 500, "шестьсот": 600,
    "шестисот": 600, "семьсот": 700, "семисот": 700, "восемьсот": 800, "восьмисот": 800,
    "девятьсот": 900, "девятисот": 900,
}  # fmt: skip
_ONE_AND_HALF = {"полтора", "полторы", "полутора"}
_PAIR = {"пару", "пара", "пары", "парочку"}
_FRACTIONS = {"четверть": 0.25, "треть": 1 / 3, "половина": 0.5, "половину": 0.5}
# "зп тридцатка", "полтинник в месяц": thousands of rubles, said in slang ("десятка" is a car)
_SLANG_THOUSANDS = {
    "двадцатка": 20, "двадцатку": 20, "двадцатки": 20, "тридцатка": 30, "тридцатку": 30,
    "тридцатки": 30, "сороковник": 40, "сороковка": 40, "сороковку": 40, "полтинник": 50,
    "полтос": 50, "полтишок": 50,
}  # fmt: skip
_NUMBER_WORDS = (
    set(_UNITS) | set(_TEENS) | set(_TENS) | set(_HUNDREDS) | _ONE_AND_HALF | set(_FRACTIONS)
)

_MILLION = re.compile(r"(?:млн|миллион\w*|милион\w*|мил|милл|лям\w*|лимон\w*|кк|kk|мульт\w*)")
_ONE_MILLION = re.compile(r"(?:миллион|миллиона|милион|лям|ляма|лимон|лимона|млн)")
_HALF_MILLION = re.compile(r"пол(?:лям\w*|лимон\w*|миллион\w*|мильон\w*|мульт\w*)")
_THOUSAND = re.compile(r"(?:тыс\w*|тыщ\w*|тысч\w*|тр|тыр|к|k|косар\w*)")
_THOUSAND_FIRST = re.compile(r"(?:тысяч|тыщ|тысячи|тысячах)")
_PIECES = re.compile(r"штук\w*|шт")  # "700 штук": slang for thousands of rubles
_BILLION = re.compile(r"(?:млрд|миллиард\w*|ярд\w*)")
_CURRENCY = re.compile(r"(?:₽|р|руб\w*|rub|rur)")
_COUNTED = re.compile(
    r"(?:банк(?!рот)\w*|мфо|мфк|\w*займ\w*|\w*заим\w*|заем\w*|\w*кредит\w*|карт\w*|кредитор\w*"
    r"|организац\w*|контор\w*|мес\w*|год\w*|лет|недел\w*|дн\w*|день|раз\w*|чел\w*|штук\w*"
    r"|человек\w*|ребен\w*|дет\w*|час\w*|минут\w*|процент\w*|%|утр\w*|вечер\w*|ночи|ночь)"
)


def _number_at(tokens: list[str], i: int) -> tuple[float, int] | None:
    """A number written in digits or words starting at token i: (value, next index)."""
    if i >= len(tokens):
        return None
    token = tokens[i]
    if token[0].isdigit():
        value = _digits_value(token, tokens[i + 1] if i + 1 < len(tokens) else "")
        if value is None:
            return None
        j = i + 1
    elif token in _ONE_AND_HALF:
        return 1.5, i + 1
    elif token in _FRACTIONS:
        unit = tokens[i + 1] if i + 1 < len(tokens) else ""
        if not (_MILLION.fullmatch(unit) or _THOUSAND.fullmatch(unit)):
            return None  # "половину зарплаты" is no sum; "четверть миллиона" is
        return _FRACTIONS[token], i + 1
    else:
        value, j = 0.0, i
        if j < len(tokens) and tokens[j] in _HUNDREDS:
            value += _HUNDREDS[tokens[j]]
            j += 1
        if j < len(tokens) and tokens[j] in _TEENS:
            value += _TEENS[tokens[j]]
            j += 1
        else:
            if j < len(tokens) and tokens[j] in _TENS:
                value += _TENS[tokens[j]]
                j += 1
            if j < len(tokens) and tokens[j] in _UNITS:
                value += _UNITS[tokens[j]]
                j += 1
        if j == i:
            return None
    if tokens[j : j + 2] == ["с", "половиной"]:
        return value + 0.5, j + 2
    return value, j


def _digits_value(token: str, following: str) -> float | None:
    unit_follows = bool(
        _MILLION.fullmatch(following)
        or _THOUSAND.fullmatch(following)
        or _BILLION.fullmatch(following)
    )
    groups = re.split(r"[.,]", token)
    if len(groups) > 1 and not unit_follows and all(len(g) == 3 for g in groups[1:]):
        return float("".join(groups))  # 500,000 or 1.200.000
    if len(groups) == 2:
        return float(f"{groups[0]}.{groups[1]}")
    if len(groups) > 2:
        return None
    if len(token) > 20:
        return float("inf")
    return float(token)


@dataclass(frozen=True)
class _Amount:
    value: float
    start: int
    end: int  # token index after the amount
    has_unit: bool  # a multiplier or a currency: certainly money


def _amount_at(tokens: list[str], i: int) -> _Amount | None:
    token = tokens[i]
    if _THOUSAND_FIRST.fullmatch(token):
        # "тысяч 250", "тысяч на сто пятьдесят": the unit first, the figure hedged after it
        j = i + 2 if i + 1 < len(tokens) and tokens[i + 1] in {"на", "под", "за"} else i + 1
        number = _number_at(tokens, j)
        if number is None:
            return None
        value, k = number
        if k < len(tokens) and (_MILLION.fullmatch(tokens[k]) or _THOUSAND.fullmatch(tokens[k])):
            return None
        if k < len(tokens) and value < 10 and _COUNTED.fullmatch(tokens[k]):
            return None  # "шестьсот с небольшим тысяч два банка": the banks counted after it
        return _with_currency(tokens, _Amount(value * 1e3, i, k, True))
    if _HALF_MILLION.fullmatch(token):
        return _with_currency(tokens, _Amount(500_000, i, i + 1, True))
    if token == "пол" and i + 1 < len(tokens):
        j = i + 2 if tokens[i + 1] == "-" else i + 1
        if j < len(tokens) and _MILLION.fullmatch(tokens[j]):
            return _with_currency(tokens, _Amount(500_000, i, j + 1, True))
    if token in _SLANG_THOUSANDS:
        return _with_currency(tokens, _Amount(_SLANG_THOUSANDS[token] * 1e3, i, i + 1, True))
    number = _number_at(tokens, i)
    if number is None:
        if (inverted := _millions_first(tokens, i)) is not None:
            return _with_currency(tokens, inverted)
        if _ONE_MILLION.fullmatch(token):
            return _with_currency(tokens, _millions_rest(tokens, 1_000_000, i, i + 1))
        return None
    value, j = number
    if tokens[j : j + 2] in _HEDGED_TAIL and j + 2 < len(tokens):
        after = tokens[j + 2]
        if _MILLION.fullmatch(after) or _THOUSAND.fullmatch(after) or _BILLION.fullmatch(after):
            j += 2  # "шестьсот с небольшим тысяч": the hedge between the figure and its unit
    unit = tokens[j] if j < len(tokens) else ""
    if (
        not token[0].isdigit()
        and j == i + 1
        and token in _UNITS
        and 1 <= value < 10
        and unit in _HUNDREDS
    ):
        # "два триста", "три пятьсот": millions and hundreds of thousands, said short
        rest = _number_at(tokens, j)
        after = tokens[rest[1]] if rest and rest[1] < len(tokens) else ""
        if rest is not None and not (
            _COUNTED.fullmatch(after)
            or _MILLION.fullmatch(after)
            or _THOUSAND.fullmatch(after)
            or _PIECES.fullmatch(after)
        ):
            return _with_currency(tokens, _Amount(value * 1e6 + rest[0] * 1e3, i, rest[1], False))
    if _PIECES.fullmatch(unit) and _counts_things(tokens, i):
        return _Amount(value, i, j, False)  # "набрал займов одиннадцать штук": loans counted
    if _BILLION.fullmatch(unit):
        return _with_currency(tokens, _Amount(value * 1e9, i, j + 1, True))
    if _MILLION.fullmatch(unit):
        return _with_currency(tokens, _millions_rest(tokens, value * 1e6, i, j + 1))
    if _THOUSAND.fullmatch(unit) or (value >= 10 and _PIECES.fullmatch(unit)):
        rest = _number_at(tokens, j + 1) if _THOUSAND.fullmatch(unit) else None
        if rest is not None and rest[0] < 1000 and rest[0] == int(rest[0]):
            after = tokens[rest[1]] if rest[1] < len(tokens) else ""
            if not (
                _COUNTED.fullmatch(after) or _MILLION.fullmatch(after) or _THOUSAND.fullmatch(after)
            ):
                # "18 тысяч 500": the hundreds after the thousands
                return _with_currency(tokens, _Amount(value * 1e3 + rest[0], i, rest[1], True))
        return _with_currency(tokens, _Amount(value * 1e3, i, j + 1, True))
    return _with_currency(tokens, _Amount(value, i, j, False))


_HEDGED_TAIL = [["с", "небольшим"], ["с", "лишним"], ["с", "хвостиком"], ["с", "копейками"]]
# What is counted in pieces: "займов одиннадцать штук", "кредиток штук пять"
_COUNTED_THINGS = re.compile(
    r"(?:\w*займов|\w*кредитов|банков|кредиток|карт|карточек|мфошек|кредиторов"
    r"|долгов|организаций|контор)"
)  # plural counted forms only: "кредит 300 штук", "в мфо 30 штук" are sums


def _counts_things(tokens: list[str], i: int) -> bool:
    """ "набрал займов одиннадцать штук": "штук" after a figure counts the loans named just
    before it (slang for a thousand only with money words around)."""
    for t in reversed(tokens[max(i - 3, 0) : i]):
        if t in {".", "!", "?", ";", ","}:
            return False
        if _COUNTED_THINGS.fullmatch(t):
            return True
    return False


# "миллиона два", "миллионов пять", "ляма три": the unit in the genitive first, then how many
_MILLIONS_OF = re.compile(r"(?:миллиона|милиона|ляма|лимона|мульта)")
_MILLIONS_MANY = re.compile(r"(?:миллионов|милионов|лямов|лимонов|мультов)")


def _millions_first(tokens: list[str], i: int) -> _Amount | None:
    """ "долгов миллиона два наверно", "миллионов пять": the figure said after its unit counts
    millions, unless something counted follows it ("миллиона два банка")."""
    many = _MILLIONS_MANY.fullmatch(tokens[i])
    if not (many or _MILLIONS_OF.fullmatch(tokens[i])):
        return None
    number = _number_at(tokens, i + 1)
    if number is None:
        return None
    value, k = number
    if not (1 < value < (100 if many else 10)):
        return None  # "ляма полтора" is read with the thousands; "лям двести" is 1.2 million
    after = tokens[k] if k < len(tokens) else ""
    if (
        _COUNTED.fullmatch(after)
        or _MILLION.fullmatch(after)
        or _THOUSAND.fullmatch(after)
        or _PIECES.fullmatch(after)
        or _BILLION.fullmatch(after)
    ):
        return None
    return _Amount(value * 1e6, i, k, True)


def _millions_rest(tokens: list[str], millions: float, start: int, j: int) -> _Amount:
    """ "миллион 100 тысяч", "лям двести": the thousands after a million."""
    if j + 1 < len(tokens) and tokens[j] == "и" and _number_at(tokens, j + 1) is not None:
        after = _number_at(tokens, j + 1)
        if after is not None and after[1] < len(tokens) and _THOUSAND.fullmatch(tokens[after[1]]):
            j += 1  # "миллион и 50 тыщ"
    rest = _number_at(tokens, j)
    if rest is not None and millions == 1_000_000 and tokens[j] in _ONE_AND_HALF:
        return _Amount(1_500_000, start, rest[1], True)  # "ляма полтора": one and a half
    if rest is not None:
        value, k = rest
        unit = tokens[k] if k < len(tokens) else ""
        if _THOUSAND.fullmatch(unit):
            return _Amount(millions + value * 1e3, start, k + 1, True)
        # "миллион двести банкам": nobody has two hundred creditors, so hundreds are thousands.
        counted = _COUNTED.fullmatch(unit) and value < 100
        if 10 <= value < 1000 and value == int(value) and not counted:
            return _Amount(millions + value * 1e3, start, k, True)
    return _Amount(millions, start, j, True)


def _with_currency(tokens: list[str], amount: _Amount) -> _Amount:
    if amount.end < len(tokens) and _CURRENCY.fullmatch(tokens[amount.end]):
        return _Amount(amount.value, amount.start, amount.end + 1, True)
    if amount.start > 0 and tokens[amount.start - 1] in {"₽", "$"}:
        return _Amount(amount.value, amount.start, amount.end, True)
    return amount


def _amounts(tokens: list[str]) -> list[_Amount]:
    found: list[_Amount] = []
    i = 0
    while i < len(tokens) and len(found) < _AMOUNT_LIMIT:
        token = tokens[i]
        if not (
            token[0].isdigit()
            or token in _NUMBER_WORDS
            or token.startswith(_MONEY_WORDS)
            or _THOUSAND_FIRST.fullmatch(token)
            or token in _SLANG_THOUSANDS
        ):
            i += 1
            continue
        amount = _amount_at(tokens, i)
        if amount is None:
            i += 1
            continue
        found.append(amount)
        i = max(amount.end, i + 1)
    return found


# A car's make or model ("киа", "солярис", "королла"): shared with the questions about a car
CAR_NAMES = (
    r"лад\w|ваз|уаз|газел\w*|нив\w|гранта|гранте"
    r"|вест[аеуы]|приор\w|калин\w|kia|киа|кия|хендай|хендэ|хундай|хёндай|hyundai|солярис|solaris"
    r"|рио|rio|тойот\w*|toyota|камри|королл\w*|рав4|rav4|рено|renault|логан|сандеро|дастер"
    r"|шкод\w*|skoda|октави\w*|рапид|фольксваген|volkswagen|vw|поло|polo|форд\w*|ford|фокус"
    r"|шевроле|chevrolet|ниссан|nissan|мазд\w*|mazda|бмв|bmw|мерседес\w*|mercedes|ауди|audi"
    r"|опел\w*|opel|mitsubishi|мицубиси|митсубиси|хонд\w*|honda|субару|лексус|lexus|geely|джили"
    r"|чери|chery|хавал|haval|lada|грейт|пежо|peugeot|ситроен|citroen|вольво|volvo"
)
# A car, its make or its model: the figure after one is its model year ("киа 2019").
_VEHICLE = re.compile(rf"(?:машин\w*|авто\w*|тачк\w*|car|выпуск\w*|{CAR_NAMES})")


_WHEN = re.compile(
    r"весн\w*|лет(?:ом|а)|осен\w*|зим(?:ой|ы|у)|январ\w*|феврал\w*|март\w*|апрел\w*|ма[йея]"
    r"|июн\w*|июл\w*|август\w*|сентябр\w*|октябр\w*|ноябр\w*|декабр\w*|начал\w*|конц\w*"
    r"|середин\w*"
)


def _is_year(tokens: list[str], amount: _Amount) -> bool:
    following = tokens[amount.end] if amount.end < len(tokens) else ""
    before = tokens[max(amount.start - 3, 0) : amount.start]
    return (
        not amount.has_unit
        and 1950 <= amount.value <= 2100
        and (
            following.startswith("г")
            or tokens[max(amount.start - 1, 0)] in {"с", "в", "до", "после", "от", "к"}
            or any(_VEHICLE.fullmatch(t) for t in before)
            # "запись в ефрсб была весной 2022", "в марте 2023": a date, never an amount
            or _WHEN.fullmatch(tokens[max(amount.start - 1, 0)]) is not None
        )
    )


def _is_money(tokens: list[str], amount: _Amount) -> bool:
    return amount.has_unit or (amount.value >= 1000 and not _is_year(tokens, amount))


def parse_amount(text: str) -> int | None:
    """The first money amount in the text, in rubles: "1,2 млн", "лям двести", "800к"."""
    tokens = _tokens(_mask(_normalise(clean_text(text, _READ_LIMIT)[0]), ()))
    for amount in _amounts(tokens):
        if _is_money(tokens, amount) and amount.value != float("inf"):
            return round(amount.value)
    return None
