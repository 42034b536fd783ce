"""Rule-based reading of one Russian message: slots, objections, commands and flags.

Pure: text (and the last question, and today's date for "с весны") in, an
`Understanding` out. The only state is pymorphy3's dictionary, loaded once on
first use, and small caches of lemmas.

The reading works on a normalised copy of the text (lower case, ё → е, latin
lookalikes inside Cyrillic words fixed, phones masked) split into tokens;
most rules are regular expressions over the tokens joined by single spaces.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

import phonenumbers

from credit_expert.models import (
    Ask,
    Command,
    Enforcement,
    ObjectionKind,
    Slots,
    Topic,
    Understanding,
)

MAX_DEBT = 1_000_000_000
MAX_INCOME = 100_000_000
_READ_LIMIT = 10_000  # characters read at all; the adapter cuts earlier
_LEMMA_TOKEN_LIMIT = 400  # tokens looked at for place names

# ---------------------------------------------------------------- clean text

_INVISIBLE = re.compile("[\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff]")
_SPACES = re.compile(r"[^\S\n]+")
_BLANK_LINES = re.compile(r"\n(?:[^\S\n]*\n)+")


def clean_text(text: str, max_chars: int) -> tuple[str, bool]:
    """Strip zero-width and control characters (keeping newlines), collapse
    whitespace and cut to max_chars. Returns the text and whether it was cut."""
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    text = _INVISIBLE.sub("", text)
    text = "".join(ch for ch in text if ch == "\n" or not unicodedata.category(ch).startswith("C"))
    text = _SPACES.sub(" ", text)
    text = _BLANK_LINES.sub("\n", text)
    text = "\n".join(line.strip() for line in text.split("\n")).strip()
    if len(text) <= max(max_chars, 0):
        return text, False
    return text[: max(max_chars, 0)].rstrip(), True


# ---------------------------------------------------------------- normalise

_LOOKALIKES = str.maketrans("aeopcxykmtbh", "аеорсхукмтвн")
_CYRILLIC = re.compile(r"[а-яё]")
_LATIN = re.compile(r"[a-z]")
_WORDISH = re.compile(r"[a-zа-яё]+")
_DASHES = re.compile("[\u2010-\u2015\u2212]")


def _fix_lookalikes(match: re.Match[str]) -> str:
    word = match.group(0)
    if _CYRILLIC.search(word) and _LATIN.search(word):
        return word.translate(_LOOKALIKES)
    return word


_LETTER_ZEROS = re.compile(r"(?<=\d)[oо]+\b")


def _normalise(text: str) -> str:
    text = text.lower().replace("ё", "е")
    text = _LETTER_ZEROS.sub(lambda m: "0" * len(m.group(0)), text)
    text = _DASHES.sub("-", text)
    text = text.replace("\u00a0", " ").replace("\u202f", " ")
    return _WORDISH.sub(_fix_lookalikes, text)


# ---------------------------------------------------------------- phones

_PHONE_CANDIDATE = re.compile(r"(?<![\w+])\+?\d(?:[ \-()]{0,3}\d){4,16}(?!\w)")
_MONEY_WORDS = ("пол", "лям", "ми", "ли", "мл")  # how words that start an amount begin
_AMOUNT_LIMIT = 30  # amounts read in one message
_PHONE_CANDIDATE_LIMIT = 20  # a message with more digit runs is not a phone message
_AMOUNT_SHAPED = re.compile(r"\d{1,3}(?: \d{3})+")
_MONEY_AFTER = re.compile(r"\s*(?:₽|р\b|руб|тыс|млн|к\b|k\b|кк\b)")


@dataclass(frozen=True)
class _PhoneFind:
    phone: str | None
    invalid: bool
    spans: tuple[tuple[int, int], ...]


def _valid_e164(candidate: str) -> str | None:
    digits = re.sub(r"\D", "", candidate)
    if not 10 <= len(digits) <= 12:
        return None
    try:
        number = phonenumbers.parse(candidate, "RU")
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(number):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def _looks_like_phone(candidate: str, after: str, expecting_phone: bool) -> bool:
    digits = re.sub(r"\D", "", candidate)
    stripped = candidate.strip()
    if _AMOUNT_SHAPED.fullmatch(stripped) or _MONEY_AFTER.match(after):
        return False
    if expecting_phone:
        return len(digits) >= 5
    if stripped.startswith("+") or "(" in stripped:
        return len(digits) >= 7
    if 10 <= len(digits) <= 12 and digits[0] in "789":
        return True
    return len(digits) >= 7 and bool(re.fullmatch(r"\d{1,4}(?:-\d{2,4}){2,4}", stripped))


def _find_phones(norm: str, expecting_phone: bool) -> _PhoneFind:
    found: str | None = None
    invalid = False
    spans: list[tuple[int, int]] = []
    for number, match in enumerate(_PHONE_CANDIDATE.finditer(norm)):
        if number >= _PHONE_CANDIDATE_LIMIT:
            break
        candidate = match.group(0).strip(" -()")
        start = match.start() + match.group(0).find(candidate)
        e164 = _valid_e164(candidate) or _first_valid_inside(candidate)
        if e164:
            found = found or e164
            spans.append((start, start + len(candidate)))
        elif _looks_like_phone(candidate, norm[match.end() : match.end() + 6], expecting_phone):
            invalid = True
            spans.append((start, start + len(candidate)))
    return _PhoneFind(found, invalid and found is None, tuple(spans))


def _first_valid_inside(candidate: str) -> str | None:
    """A phone followed or preceded by other digits: "89031112233 3" or "2 89031112233"."""
    groups = re.split(r"\s+", candidate)
    if len(groups) > 8:
        return None
    for size in range(len(groups) - 1, 0, -1):
        for first in range(len(groups) - size + 1):
            e164 = _valid_e164(" ".join(groups[first : first + size]))
            if e164:
                return e164
    return None


PHONE_MASK = "[номер скрыт]"


def mask_phones(text: str) -> str:
    """The text with every valid phone number replaced (for a refused consent)."""
    parts: list[str] = []
    last = 0
    for match in phonenumbers.PhoneNumberMatcher(text, "RU", leniency=phonenumbers.Leniency.VALID):
        parts += [text[last : match.start], PHONE_MASK]
        last = match.end
    return "".join(parts) + text[last:] if parts else text


def parse_phone(text: str) -> str | None:
    """The first valid Russian phone number in the text, as E.164, or None."""
    norm = _normalise(clean_text(text, _READ_LIMIT)[0])
    return _find_phones(norm, expecting_phone=False).phone


# ---------------------------------------------------------------- tokens

_TOKEN = re.compile(r"\d+(?:[.,]\d+)*|[a-zа-я]+|[₽$€%+/:;()?!.,-]")
_GROUPED_DIGITS = re.compile(r"(?<![\d.,])\d{1,3}(?: \d{3})+(?![\d])(?![.,]\d)")
_THOUSAND_RUBLES = re.compile(r"(\d)\s*т\.?\s?р\b\.?")


def _tokens(norm: str) -> list[str]:
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
_NUMBER_WORDS = set(_UNITS) | set(_TEENS) | set(_TENS) | set(_HUNDREDS) | _ONE_AND_HALF

_MILLION = re.compile(r"(?:млн|миллион\w*|милион\w*|мил|милл|лям\w*|лимон\w*|кк|kk|мульт\w*)")
_ONE_MILLION = re.compile(r"(?:миллион|миллиона|милион|лям|ляма|лимон|лимона|млн)")
_HALF_MILLION = re.compile(r"пол(?:лям\w*|лимон\w*|миллион\w*|мильон\w*|мульт\w*)")
_THOUSAND = re.compile(r"(?:тыс\w*|тыщ\w*|тысч\w*|тр|тыр|к|k|косар\w*)")
_PIECES = re.compile(r"штук\w*|шт")  # "700 штук": slang for thousands of rubles
_BILLION = re.compile(r"(?:млрд|миллиард\w*|ярд\w*)")
_CURRENCY = re.compile(r"(?:₽|р|руб\w*|rub|rur)")
_COUNTED = re.compile(
    r"(?:банк(?!рот)\w*|мфо|мфк|микрозайм\w*|займ\w*|заем\w*|кредит\w*|карт\w*|кредитор\w*"
    r"|организац\w*|контор\w*|мес\w*|год\w*|лет|недел\w*|дн\w*|день|раз\w*|чел\w*|штук\w*"
    r"|человек\w*|ребен\w*|дет\w*|час\w*|минут\w*|процент\w*|%)"
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
    if _HALF_MILLION.fullmatch(token):
        return _with_currency(tokens, _Amount(500_000, i, i + 1, True))
    if token == "пол" and i + 1 < len(tokens):
        j = i + 2 if tokens[i + 1] == "-" else i + 1
        if j < len(tokens) and _MILLION.fullmatch(tokens[j]):
            return _with_currency(tokens, _Amount(500_000, i, j + 1, True))
    if token == "полтинник":
        return _with_currency(tokens, _Amount(50_000, i, i + 1, True))
    number = _number_at(tokens, i)
    if number is None:
        if _ONE_MILLION.fullmatch(token):
            return _with_currency(tokens, _millions_rest(tokens, 1_000_000, i, i + 1))
        return None
    value, j = number
    unit = tokens[j] if j < len(tokens) else ""
    if _BILLION.fullmatch(unit):
        return _with_currency(tokens, _Amount(value * 1e9, i, j + 1, True))
    if _MILLION.fullmatch(unit):
        return _with_currency(tokens, _millions_rest(tokens, value * 1e6, i, j + 1))
    if _THOUSAND.fullmatch(unit) or (value >= 10 and _PIECES.fullmatch(unit)):
        return _with_currency(tokens, _Amount(value * 1e3, i, j + 1, True))
    return _with_currency(tokens, _Amount(value, i, j, False))


def _millions_rest(tokens: list[str], millions: float, start: int, j: int) -> _Amount:
    """ "миллион 100 тысяч", "лям двести": the thousands after a million."""
    rest = _number_at(tokens, j)
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
        if not (token[0].isdigit() or token in _NUMBER_WORDS or token.startswith(_MONEY_WORDS)):
            i += 1
            continue
        amount = _amount_at(tokens, i)
        if amount is None:
            i += 1
            continue
        found.append(amount)
        i = max(amount.end, i + 1)
    return found


def _is_year(tokens: list[str], amount: _Amount) -> bool:
    following = tokens[amount.end] if amount.end < len(tokens) else ""
    return (
        not amount.has_unit
        and 1950 <= amount.value <= 2100
        and (following.startswith("г") or tokens[max(amount.start - 1, 0)] in {"с", "в", "до"})
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


# ---------------------------------------------------------------- the message


@dataclass
class _Message:
    norm: str  # normalised text, phones masked
    tokens: list[str]
    text: str  # tokens joined by single spaces: what the regexes read
    expected: Ask | None
    today: date | None
    words: list[str] = field(default_factory=list)

    def has(self, pattern: re.Pattern[str]) -> bool:
        return pattern.search(self.text) is not None


def _mask(norm: str, spans: tuple[tuple[int, int], ...]) -> str:
    for start, end in spans:
        norm = norm[:start] + " " * (end - start) + norm[end:]
    return norm


def _sentences(text: str) -> list[str]:
    return [s.strip() for s in re.split(r"[.!?;]", text) if s.strip()]


def _clauses(text: str) -> list[str]:
    return [s.strip() for s in re.split(r"[.!?;,:]| но | а ", text) if s.strip()]


# ---------------------------------------------------------------- corrections

_CORRECTION_WORDS = re.compile(
    r"\b(?:ошибся|ошиблась|ошибочка|ошибка|опечатал\w*|опечатка|оговорил\w*|поправк\w*"
    r"|поправлю|исправ\w*|неправильно (?:написал|указал|сказал)\w*|точнее|вернее"
    r"|имел\w* в виду|на самом деле|не так)\b"
)


def _is_number_token(token: str) -> bool:
    return token[0].isdigit() or token in _NUMBER_WORDS or bool(_ONE_MILLION.fullmatch(token))


def _apply_negated_values(tokens: list[str]) -> tuple[list[str], bool]:
    """ "не 800, а 900 тысяч": drop the refused value, carry its unit to the new one."""
    for i, token in enumerate(tokens):
        if token != "не" or i + 1 >= len(tokens) or not _is_number_token(tokens[i + 1]):
            continue
        j = i + 1
        while j < len(tokens) and j - i <= 5 and tokens[j] not in {"а", ".", "?", "!"}:
            j += 1
        if j >= len(tokens) or tokens[j] != "а":
            continue
        refused = [t for t in tokens[i + 1 : j] if t != ","]
        unit = [t for t in refused if not _is_number_token(t)]
        new_start = j + 1
        k = new_start
        while k < len(tokens) and _is_number_token(tokens[k]):
            k += 1
        if k == new_start:
            continue
        new_has_unit = k < len(tokens) and (
            _MILLION.fullmatch(tokens[k])
            or _THOUSAND.fullmatch(tokens[k])
            or _COUNTED.fullmatch(tokens[k])
            or _CURRENCY.fullmatch(tokens[k])
        )
        carried = [] if new_has_unit else unit
        return tokens[:i] + tokens[new_start:k] + carried + tokens[k:], True
    return tokens, False


# ---------------------------------------------------------------- amounts in context

_DEBT_CUE = re.compile(
    r"(?:долг\w*|должн\w*|должен|задолж\w*|кредит\w*|займ\w*|заем\w*|микрозайм\w*|торч\w*"
    r"|банк(?!рот)\w*|мфо|мфк|просроч\w*|набрал\w*|висит|висят|общ\w*|итого|всего|сумм\w*"
    r"|ипотек\w*|кредитк\w*|накопил\w*|насчитал\w*|задолжал\w*)"
)
_INCOME_CUE = re.compile(
    r"(?:зарплат\w*|зп|доход\w*|получа\w*|пенси\w*|оклад\w*|зарабат\w*|заработ\w*|пособи\w*"
    r"|подработ\w*|получк\w*|работа\w*|официальн\w*|белая|белую|серая|серую)"
)
_PRICE_CUE = re.compile(
    r"(?:стоит|стоят|стоим\w*|цен\w*|обещал\w*|берут|берете|возьм\w*|услуг\w*|предоплат\w*"
    r"|заплат\w*|дешевл\w*|дорож\w*|дорог\w*|прос(?:ят|или)|гонорар\w*|сделают|фирм\w*"
    r"|компани\w*|контор\w*|юрист\w*|предлага\w*|берут)"
)
_PAYMENT_CUE = re.compile(
    r"(?:плачу|платеж\w*|плат[иея]\w*|взнос\w*|вношу|гашу|погаш\w*|ежемесячн\w*|рассроч\w*)"
)
_TOTAL_CUE = re.compile(r"\b(?:всего|итого|общ\w*|в сумме|суммарно)\b")
_PHRASE_BREAK = {".", "!", "?", ";", "\n"}


@lru_cache(maxsize=4096)
def _cue_kind(token: str) -> str | None:
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
            if kind == "payment" and _no_payment_at(tokens, k):
                kind = None  # "870 тыс платить нечем": not a payment amount
            if kind:
                score = distance + (0.5 if direction > 0 else 0)
                if best is None or score < best[0]:
                    best = (score, kind, k)
                break
            k += direction
    return (best[1], best[2]) if best else (None, -1)


def _read_amounts(msg: _Message, price_talk: bool) -> dict[str, object]:
    tokens = msg.tokens
    debts: list[tuple[_Amount, bool]] = []
    debt_cues: list[str] = []
    incomes: list[_Amount] = []
    absurd = False
    bare_context = msg.expected in {Ask.DEBT_TOTAL, Ask.INCOME}
    for amount in _amounts(tokens):
        kind, cue = _amount_kind(tokens, amount)
        value = amount.value
        if not _is_money(tokens, amount):
            following = tokens[amount.end] if amount.end < len(tokens) else ""
            if _COUNTED.fullmatch(following) or following == ":" or value <= 0:
                continue
            if value < 10 and any(
                _COUNTED.fullmatch(t) for t in tokens[amount.end : amount.end + 3]
            ):
                continue  # "пять или шесть банков", "3-4 кредита": a count, not millions
            if kind not in {"debt", "income"} and not bare_context:
                continue
            if kind is None and len([t for t in tokens if t[0].isdigit()]) > 1:
                continue
            if value < 10 and value != int(value):
                value *= 1e6
            elif 10 <= value < 1000 and value == int(value):
                value *= 1e3
            elif value < 10 and (kind == "debt" or msg.expected == Ask.DEBT_TOTAL):
                value *= 1e6
            else:
                continue
        if kind is None:
            if price_talk:
                kind = "price"
            elif msg.expected == Ask.INCOME:
                kind = "income"
            else:
                kind = "debt"
        if kind == "debt":
            if value > MAX_DEBT:
                absurd = True
            else:
                debts.append(
                    (_Amount(value, amount.start, amount.end, True), _near_total(tokens, amount))
                )
                debt_cues.append(tokens[cue] if cue >= 0 else "")
        elif kind == "income":
            if value > MAX_INCOME:
                absurd = True
            else:
                incomes.append(_Amount(value, amount.start, amount.end, True))
    result: dict[str, object] = {"absurd": absurd and not debts and not incomes}
    if debts:
        totals = [a for a, is_total in debts if is_total]
        if totals:
            result["debt_total"] = round(totals[-1].value)
        elif _separate_debts(debt_cues, msg.text):
            result["debt_total"] = round(sum(a.value for a, _ in debts))
        else:
            result["debt_total"] = round(max(a.value for a, _ in debts))
        result["last_debt"] = round(debts[-1][0].value)
    if incomes:
        result["income_monthly"] = round(incomes[0].value)
    return result


def _separate_debts(cues: list[str], text: str) -> bool:
    """ "кредит 300к и кредитка 50к": each sum names its own creditor, so they add up."""
    return (
        len(cues) > 1
        and len(set(cues)) == len(cues)
        and all(
            _INSTITUTION.fullmatch(c)
            or _PRODUCT.fullmatch(c)
            or _BANK_NAMES.fullmatch(c)
            or c.startswith("ипотек")
            for c in cues
        )
        and not re.search(r"\b(?:из них|в том числе|из которых|было|стало|сейчас)\b", text)
    )


def _near_total(tokens: list[str], amount: _Amount) -> bool:
    window = " ".join(tokens[max(amount.start - 4, 0) : amount.start])
    return bool(_TOTAL_CUE.search(window))


# ---------------------------------------------------------------- creditors

_INSTITUTION = re.compile(r"(?:банк(?!рот)\w*|мфо|мфк|кредитор\w*|организац\w*|контор\w*)")
_PRODUCT = re.compile(
    r"(?:микрозайм\w*|микрозаем\w*|займ\w*|заем|кредитк\w*|кредиток|кредит|кредита|кредитов"
    r"|кредиты|кредитах|кредитам|карт\w*)"
)
_SINGULAR_CREDITOR = re.compile(r"(?:банк|мфо|мфк|микрозайм|займ|заем|кредитка|кредит|кредитку)")
_ADJECTIVE = re.compile(r"\w+(?:ых|ые|ая|ие|ой|ий|ый|ую|ом|ое|ым|их)")
_BANK_NAMES = re.compile(
    r"\b(?:сбер\w*|втб|альф\w*|тинько\w*|тиньк\w*|т-банк\w*|хоум\w*|почта банк\w*|ренессанс\w*"
    r"|совком\w*|газпромбанк\w*|росбанк\w*|мтс банк\w*|отп(?:банк\w*| банк\w*)?|уралсиб\w*"
    r"|открыти\w*|райф\w*"
    r"|русский стандарт|русского стандарта|восточн\w* банк\w*|мкб|псб|промсвязьбанк\w*"
    r"|быстроденьг\w*|манимен\w*|мани мен|займер\w*|екапуст\w*|веббанкир\w*|лайм\w*|кредит24"
    r"|смсфинанс\w*|миг кредит\w*|мигкредит\w*|ozon банк|озон банк|яндекс банк|ак барс\w*"
    r"|зенит\w*|юникредит\w*|кредит европа|киви\w*|mts|sber|tinkoff|alfa)\b"
)
_COUNT_PREPOSITION = {"по", "на", "перед", "у", "от", "за"}


def _count_at(tokens: list[str], i: int) -> int | None:
    """A count standing just before the creditor noun at i (an adjective may sit between)."""
    for back in (1, 2):
        k = i - back
        if k < 0:
            return None
        token = tokens[k]
        if back == 2 and not _ADJECTIVE.fullmatch(tokens[i - 1]):
            return None
        if token in _PAIR:
            return 2
        if token in _UNITS or token in _TEENS or token in _TENS:
            return _UNITS.get(token) or _TEENS.get(token) or _TENS.get(token)
        if token.isdigit() and 0 < int(token) <= 100:
            if k > 0 and tokens[k - 1] in {".", ","} and k > 1 and tokens[k - 2].isdigit():
                return None
            return int(token)
    return None


def _read_creditors(msg: _Message) -> int | None:
    tokens = msg.tokens
    counted: list[tuple[int, bool, int]] = []  # (count, is_institution, index)
    singles = 0
    for i, token in enumerate(tokens):
        institution = bool(_INSTITUTION.fullmatch(token))
        if not institution and not _PRODUCT.fullmatch(token):
            continue
        count = _count_at(tokens, i)
        if count is None and institution:
            count = _count_after(tokens, i)
        if count is not None:
            counted.append((count, institution, i))
        elif _SINGULAR_CREDITOR.fullmatch(token) and (
            i == 0 or tokens[i - 1] not in _COUNT_PREPOSITION | {"в", "из"}
        ):
            singles += 1
    if counted:
        institutions = [c for c in counted if c[1]]
        products = [c for c in counted if not c[1]]
        linked = {p for p in products if _followed_by_institution(tokens, p[2])}
        total = sum(c for c, _, _ in institutions) + sum(
            c for c, _, i in products if (c, False, i) not in linked
        )
        return total + singles
    names = {m.group(0)[:4] for m in _BANK_NAMES.finditer(msg.text)}
    if names:
        return len(names) + (1 if re.search(r"\bмфо\b", msg.text) else 0)
    if msg.expected == Ask.CREDITORS:
        if singles:
            return singles
        number = _bare_number(msg)
        if number is not None and 0 < number <= 100:
            return int(number)
    return None


def _count_after(tokens: list[str], i: int) -> int | None:
    """ "мфо 5 штук", "банков 6": the count after the noun."""
    number = _number_at(tokens, i + 1)
    if number is None or not 0 < number[0] <= 100 or number[0] != int(number[0]):
        return None
    unit = tokens[number[1]] if number[1] < len(tokens) else ""
    if unit and not re.fullmatch(r"штук\w*|[,.!?]|и", unit):
        return None
    return int(number[0])


def _followed_by_institution(tokens: list[str], i: int) -> bool:
    window = tokens[i + 1 : i + 5]
    return any(t in {"в", "у"} for t in window[:2]) and any(
        _INSTITUTION.fullmatch(t) or _BANK_NAMES.fullmatch(t) for t in window
    )


def _bare_number(msg: _Message) -> float | None:
    """The only number of a short answer: "3", "около пяти", "5 наверное"."""
    if len(msg.words) + sum(t[0].isdigit() for t in msg.tokens) > 6:
        return None
    for i, token in enumerate(msg.tokens):
        number = _number_at(msg.tokens, i)
        if number is not None:
            unit = msg.tokens[number[1]] if number[1] < len(msg.tokens) else ""
            if re.fullmatch(r"мес\w*|год\w*|лет|недел\w*|дн\w*|день|тыс\w*|млн|к", unit):
                return None
            return number[0]
        if token in _PAIR:
            return 2
    return None


# ---------------------------------------------------------------- months overdue

_OVERDUE_CUE = re.compile(
    r"\b(?:не (?:плачу|платим|платил\w*|плачу уже|вношу|вносил\w*|гашу|гасил\w*|погашаю"
    r"|оплачиваю|плачем|платит|могу платить|получается платить)|просроч\w*|задерж\w*"
    r"|перестал\w* (?:платить|вносить|гасить)|без оплат\w*|не платить|не плотю|неплачу"
    r"|(?:платить|гасить|отдавать) (?:уже )?(?:нечем|нечего|не(?: ?)чем)|нечем платить)\b"
)
_NO_OVERDUE = re.compile(
    r"\b(?:(?<!не )(?:пока|еще|все еще|исправно|вовремя) (?:плачу|платим|вношу|гашу)"
    r"|плачу (?:пока|исправно|вовремя)|просрочек (?:нет|не было|пока нет)|без просроч\w*"
    r"|просрочки (?:нет|пока нет|не было)|не просрочивал\w*)\b"
)
_MONTH_WORD = r"(?:месяц\w*|мес|мес\.|месячн\w*)"
_NUM = (
    r"(?:\d+|один|одна|одного|два|две|двух|три|трех|четыре|четырех|пять|пяти|шесть|шести"
    r"|семь|семи|восемь|восьми|девять|девяти|десять|десяти|одиннадцать|двенадцать|пару"
    r"|пара|полтора|полторы|несколько)"
)
_MONTHS_OF_YEAR = {
    "январ": 1, "феврал": 2, "март": 3, "апрел": 4, "ма": 5, "июн": 6, "июл": 7,
    "август": 8, "сентябр": 9, "октябр": 10, "ноябр": 11, "декабр": 12,
}  # fmt: skip
_SEASONS = {"весн": 3, "лет": 6, "осен": 9, "зим": 12}
MAX_OVERDUE_YEARS = 20
_SINCE_MONTH = re.compile(
    r"\bс (?:(?P<prev>прошлого|прошлой|позапрошлого) )?"
    r"(?:(?P<m>января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября"
    r"|декабря)|(?P<s>весны|лета|осени|зимы)|(?P<ny>нового года)|(?P<y>(?:19|20)\d\d) (?:года|г))"
    r"(?P<last> прошлого года)?"
)


def _word_count(word: str) -> float | None:
    if word.isdigit():
        return float(word)
    if word in _ONE_AND_HALF:
        return 1.5
    if word in _PAIR:
        return 2
    if word == "несколько":
        return None
    return float(_UNITS.get(word) or _TEENS.get(word) or 0) or None


_ORDINALS = {
    "второй": 2, "третий": 3, "четвертый": 4, "пятый": 5, "шестой": 6, "седьмой": 7,
    "восьмой": 8, "девятый": 9, "десятый": 10,
}  # fmt: skip


def _month_spans(text: str) -> list[tuple[int, int]]:
    """Every duration in the text as (position, months)."""
    found: list[tuple[int, int]] = []
    for m in re.finditer(rf"\b(?:(?P<n>{_NUM}) (?:с половиной )?)?{_MONTH_WORD}\b", text):
        if m.group("n"):
            count = _word_count(m.group("n"))
            if count is None:
                continue
            half = 0.5 if "половиной" in m.group(0) else 0
            found.append((m.start(), round(count + half)))
        elif not re.search(
            rf"\b(?:в|за|через|раз в|на|каждый|этот|этом|прошлый|прошлом|{'|'.join(_ORDINALS)})\s$",
            text[max(m.start() - 12, 0) : m.start()],
        ) and not re.match(rf" {_NUM}\b", text[m.end() :]):
            found.append((m.start(), 1))
    for m in re.finditer(rf"\b(?P<o>{'|'.join(_ORDINALS)}) месяц\b", text):
        found.append((m.start(), _ORDINALS[m.group("o")]))
    for m in re.finditer(
        rf"\b{_MONTH_WORD} (?P<n>{_NUM})\b(?! (?:{_MONTH_WORD}|год|лет|банк))", text
    ):
        count = _word_count(m.group("n"))
        if count is not None and count <= 36:
            found.append((m.start(), round(count)))
    for m in re.finditer(r"\bпол ?-? ?года\b|\bполгода\b", text):
        found.append((m.start(), 6))
    years = rf"\b(?:(?P<n>{_NUM}) (?:с половиной )?)?(?:год|года|лет|годик\w*)\b"
    for m in re.finditer(years, text):
        if m.group("n"):
            count = _word_count(m.group("n"))
            if count is None or count > MAX_OVERDUE_YEARS:
                continue  # "мне 45 лет", "гранта 2012 года": an age or a year, not an overdue
            if re.search(
                r"\b(?:мне|исполнилось|возраст\w*)\s$", text[max(m.start() - 14, 0) : m.start()]
            ):
                continue
            half = 0.5 if "половиной" in m.group(0) else 0
            found.append((m.start(), round((count + half) * 12)))
        elif re.search(
            r"\b(?:нового|прошлого|этого|позапрошлого|текущего|прошлом|этом|пол)\s?-?\s?$",
            text[max(m.start() - 14, 0) : m.start()],
        ):
            continue  # "в прошлом году" is a date; "пол года" is counted as 6 above
        elif re.search(
            r"\b(?:уже|почти|больше|более|около|целый|год|весь|плачу|платим|платил\w*|вношу)\s$",
            text[max(m.start() - 10, 0) : m.start()],
        ) or re.match(r"(?:год|года) (?:не|как|уже)", text[m.start() :]):
            found.append((m.start(), 12))
    for m in re.finditer(rf"\b(?:{_NUM} )?(?:недел\w*|дн(?:я|ей)|день|денька)\b", text):
        found.append((m.start(), 0))
    return sorted(found)


def _since_months(text: str, today: date | None) -> list[tuple[int, int]]:
    if today is None:
        return []
    found = []
    for m in _SINCE_MONTH.finditer(text):
        if m.group("y"):
            months = (today.year - int(m.group("y"))) * 12 + today.month - 1
        else:
            if m.group("m"):
                start = next(v for k, v in _MONTHS_OF_YEAR.items() if m.group("m").startswith(k))
            elif m.group("s"):
                start = next(v for k, v in _SEASONS.items() if m.group("s").startswith(k))
            else:
                start = 1
            months = (today.month - start) % 12
            if m.group("last") or m.group("prev"):
                months += 12  # "с прошлого лета", "с марта прошлого года"
        if months >= 0:
            found.append((m.start(), months))
    return found


_WRIT_CUE = re.compile(r"\b(?:лист\w*|пристав\w*|фссп|производств\w*|исполнит\w*|взыск\w*)\b")


def _read_months(msg: _Message) -> int | None:
    best: tuple[int, int] | None = None
    for sentence in _sentences(msg.text):
        cues = [m.start() for m in _OVERDUE_CUE.finditer(sentence)]
        if not cues and msg.expected != Ask.MONTHS_OVERDUE:
            continue
        for clause in _clauses(sentence):
            if _WRIT_CUE.search(clause) and not _OVERDUE_CUE.search(clause):
                continue
            offset = sentence.find(clause)
            spans = _month_spans(clause) or _since_months(clause, msg.today)
            for position, months in spans:
                before = clause[max(position - 12, 0) : position]
                if re.search(r"\b(?:на|через|за|кредит на)\s$", before) and not re.search(
                    r"просроч\w*\s+на\s$", clause[max(position - 30, 0) : position]
                ):
                    continue  # "кредит на 2 года" is a term, "просрочил на две недели" is not
                ago = "назад" in clause[position : position + 20]
                if ago and not _OVERDUE_CUE.search(clause):
                    continue
                distance = min((abs(offset + position - c) for c in cues), default=0)
                if best is None or distance < best[0]:
                    best = (distance, months)
    if best is not None:
        return best[1]
    if msg.has(_NO_OVERDUE):
        return 0
    if msg.expected == Ask.MONTHS_OVERDUE:
        if re.fullmatch(
            r"\W*(?:уже |почти |около |больше |более |целый )?(?:год|годик)\W*", msg.text
        ):
            return 12
        number = _bare_number(msg)
        if number is not None and 0 <= number <= 240:
            return round(number)
    return None


# ---------------------------------------------------------------- enforcement

_CLOSED = re.compile(
    r"\b(?:(?:закрыл\w*|закрыт\w*|оконч\w*|прекращ\w*|прекрат\w*|вернул\w* лист\w*"
    r"|возвращ\w* лист\w*)\b.{0,40}\b(?:производств\w*|ип|пристав\w*|дело|дела)"
    r"|(?:производств\w*|ип|пристав\w*|дело|дела)\b.{0,40}\b(?:закрыл\w*|закрыт\w*|оконч\w*"
    r"|прекращ\w*|прекрат\w*)"
    r"|(?:взыскать|взыскивать|забрать|брать|взять) (?:было )?нечего|нечего (?:взыскать|взыскивать)"
    r"|невозможно взыскать|невозможности взыскания|акт о невозможности)"
)
_OPEN = re.compile(
    r"\b(?:пристав\w* (?:списыва\w*|снима\w*|удержива\w*|забира\w*|арестовал\w*|взыскива\w*"
    r"|приходил\w*|звонят|есть|пришли|наложили|открыли|возбудили|уже|тоже|все)"
    r"|(?:списыва\w*|снима\w*|удержива\w*|удерживают) .{0,20}(?:зарплат\w*|пенси\w*|карт\w*|счет\w*"
    r"|доход\w*)|арест\w* (?:на )?(?:карт\w*|счет\w*|счета|имуществ\w*|машин\w*|зарплат\w*)"
    r"|(?:с|из) (?:зарплат\w*|пенси\w*|карт\w*|счет\w*|счета|доход\w*) (?:\w+ )?(?:списыва\w*"
    r"|снима\w*|удержива\w*|забира\w*|удерживают)"
    r"|(?:карт\w*|счет\w*|счета) арестова\w*|арестовали|есть (?:исполнительн\w* )?производств\w*"
    r"|(?:возбудил\w*|открыл\w*|завели) (?:исполнительн\w* )?производств\w*|у пристав\w*"
    r"|исполнительн\w* (?:производств\w*|лист\w*) (?:есть|открыт\w*|уже)|удержани\w*"
    r"|(?:передали|подали|отправили) (?:лист\w* )?(?:к |в )?пристав\w*)"
)
_NO_ENFORCEMENT = re.compile(
    r"\b(?:(?<!новых )пристав\w* (?:нет|нету|не было|пока нет|не приходили|не трогали|еще нет)"
    r"|нет (?:никаких )?(?:пристав\w*|исполнительн\w*|производств\w*)"
    r"|(?<!новых )(?<!новые )исполнительн\w* (?:нет|нету|не было)"
    r"|(?<!новых )(?<!новые )(?:исполнительн\w* )?производств\w* (?:нет|нету|не было|не открыва\w*"
    r"|не возбужда\w*|пока нет)|до пристав\w* (?:не дошло|еще не дошло|пока не дошло|дело не дошло)"
    r"|пристав\w* (?:пока |еще |ещё )?не (?:было|приходили|трогали|подключались|взыскивали"
    r"|списывали|появлялись|объявлялись)|судов (?:не было|нет)"
    r"|(?:дело )?не дошло до пристав\w*)"
)
_WRIT_YEARS = re.compile(
    rf"\b(?:(?:больше|более|уже|почти|около|где-то|лет)\s)?(?P<n>{_NUM})?\s?"
    r"(?:с половиной )?(?P<unit>год\w*|лет)\b(?: (?P<n2>\d+|[а-я]+))?"
)


def _read_enforcement(msg: _Message) -> Enforcement | None:
    if msg.has(_CLOSED):
        return Enforcement.CLOSED
    if msg.has(_OPEN):
        return Enforcement.OPEN
    if msg.has(_NO_ENFORCEMENT):
        return Enforcement.NONE
    return None


_PAYMENT_NEAR = re.compile(r"плач\w*|плат\w*|просроч\w*|внош\w*|вношу")


_WRIT_SINCE_YEAR = re.compile(r"\b(?:в|с) (?P<y>(?:19|20)\d\d)(?: (?:году|года|г))?\b")


def _read_writ_years(msg: _Message) -> int | None:
    for clause in _sentences(msg.text):
        since = _WRIT_SINCE_YEAR.search(clause)
        if since and msg.today and _WRIT_CUE.search(clause):
            years = msg.today.year - int(since.group("y"))
            if 0 <= years < 60:
                return years  # "лист предъявили в 2016 году"
        if not _WRIT_CUE.search(clause) and msg.expected != Ask.ENFORCEMENT:
            continue
        if re.search(r"\bполгода\b|\bпол года\b", clause):
            return 0
        for m in _WRIT_YEARS.finditer(clause):
            if _PAYMENT_NEAR.search(clause[max(0, m.start() - 20) : m.end() + 25]):
                continue  # "год не плачу, приставов нет": the year is the overdue, not the writ
            word = m.group("n") or ""
            after = m.group("n2") or ""
            if not word and m.group(0).startswith("лет") and after:
                word = after  # "лет восемь назад"
            elif not word and m.group("unit") == "лет" and not after:
                continue
            if not word:
                if m.group("unit").startswith("год"):
                    return 1
                continue
            count = _word_count(word)
            if count is not None and 0 < count < 60:
                return int(count)
        m = re.search(rf"\bлет (?P<n>{_NUM})\b", clause)
        if m and _word_count(m.group("n")):
            return int(_word_count(m.group("n")) or 0)
    return None


# ---------------------------------------------------------------- income

_INCOME_UNOFFICIAL = re.compile(
    r"\b(?:неофициальн\w*|не официальн\w*|официально не (?:работаю|устроен\w*|трудоустроен\w*)"
    r"|в серую|серая|серую|в черную|черная|черную|по-черному|наличк\w*|в конверте|конверт\w*"
    r"|без оформления|не трудоустроен\w*|не оформлен\w*|не работаю|безработн\w*|нигде не работаю"
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


# ---------------------------------------------------------------- property, mortgage, deals

_EXTRA_PROPERTY = re.compile(
    r"\b(?:машин\w*|автомобил\w*|авто|тачк\w*|дач\w*|участ(?:ок|ка|ке)|земл\w*|гараж\w*"
    r"|втор\w* квартир\w*|еще (?:одна )?квартир\w*|две квартиры|доля|долю|доли|дол[ея] в"
    r"|недвижимост\w*|дом(?:ик)? в деревне|мотоцикл\w*|лодк\w*|квартир\w* (?:у )?(?:мамы|матери)"
    r"|коммерческ\w*|апартамент\w*|прицеп\w*|трактор\w*)\b"
)
_NO_EXTRA_PROPERTY = re.compile(
    r"\b(?:ничего (?:нет|не имею|такого нет|больше нет)|имущества (?:нет|никакого нет)"
    r"|нет (?:никакого )?имущества|нет ничего"
    r"|только (?:\w+ )?(?:квартир\w*|комнат\w*|жиль\w*|дом\w*"
    r"|единственн\w*)|единственн\w* (?:жиль\w*|квартир\w*)|кроме (?:квартир\w*|комнат\w*|жиль\w*"
    r"|дом\w*)[^.]{0,30}(?:ничего|нет)|больше ничего|ничего не имею)\b"
)
_NEGATION_NEAR = re.compile(r"\b(?:нет|нету|не|без|ни|никакой|никаких|продал\w*)\b")
_QUESTION_VERBS = re.compile(
    r"\b(?:заберут|отберут|отнимут|изымут|арестуют|продадут|лишат|оставят|заберете|будет с"
    r"|трогать|тронут|могут|если)\b"
)
_MORTGAGE_NO = re.compile(
    r"\b(?:ипотек\w* (?:никогда |и )?(?:нет|нету|не было|нет и не было|закрыл\w*|погасил\w*"
    r"|выплатил\w*)"
    r"|нет (?:никакой )?ипотек\w*|без ипотек\w*|не в ипотеке|не ипотечн\w*|ипотеку (?:не брал\w*"
    r"|выплатил\w*|погасил\w*|закрыл\w*))\b"
)
_MORTGAGE_YES = re.compile(
    r"\b(?:в ипотек\w*|ипотек\w* (?:есть|на|еще|плачу|осталась|висит)|есть ипотек\w*|ипотечн\w*"
    r"|плачу ипотек\w*|платим ипотек\w*|взял\w* ипотек\w*|ипотека)\b"
)
_DEALS_NO = re.compile(
    r"\b(?:ничего не (?:продавал\w*|дарил\w*|переоформлял\w*|переписывал\w*)"
    r"|не (?:продавал\w*|дарил\w*|переоформлял\w*|переписывал\w*|отчуждал\w*)"
    r"|сделок (?:не было|нет|никаких не было)|никаких сделок|ничего такого не было"
    r"|ни(?:чего)? не продавал\w*)\b"
)
_DEALS_YES = re.compile(
    r"\b(?:продал\w*|подарил\w*|переоформил\w*|переписал\w*|дарственн\w*|оформил\w* на"
    r"|продавал\w*|отдал\w* (?:машин\w*|квартир\w*|дол\w*)|отчуждал\w*)\b"
)


def _is_question(clause: str) -> bool:
    return bool(_QUESTION_VERBS.search(clause))


def _read_extra_property(msg: _Message) -> bool | None:
    answer: bool | None = None
    if msg.has(_NO_EXTRA_PROPERTY) or (
        msg.expected == Ask.PROPERTY and re.search(r"\b(?:и все|и всё)\b", msg.text)
    ):
        answer = False
    if not msg.has(_EXTRA_PROPERTY):
        return answer
    for clause in _clauses(msg.text):
        if _is_question(clause) or re.search(
            r"\bипотек|\bна (?:машин|авто|квартир|дач|дом)|продал|подарил|переоформ"
            r"|(?:на|у) (?:нее|неё|него|жен\w*|муж\w*|супруг\w*|мам\w*|пап\w*|сын\w*|доч\w*)"
            r" (?:\w+ )?(?:оформлен\w*|записан\w*)?|(?:оформлен\w*|записан\w*) на (?:нее|неё|него"
            r"|жен\w*|муж\w*|супруг\w*|мам\w*|пап\w*|сын\w*|доч\w*)",
            clause,
        ):  # someone else's car is not the person's property
            continue
        if _EXTRA_PROPERTY.search(clause):
            if _NEGATION_NEAR.search(clause):
                answer = False if answer is None else answer
            else:
                return True
    return answer


def _read_mortgage(msg: _Message) -> bool | None:
    if msg.has(_MORTGAGE_NO):
        return False
    if not msg.has(_MORTGAGE_YES):
        return None
    for clause in _clauses(msg.text):
        if _MORTGAGE_YES.search(clause) and not re.search(r"\bесли\b", clause):
            return True
    return None


def _read_deals(msg: _Message) -> bool | None:
    if msg.has(_DEALS_NO):
        return False
    if not msg.has(_DEALS_YES):
        return None
    for clause in _clauses(msg.text):
        if _DEALS_YES.search(clause) and not re.search(
            r"\b(?:если|можно|нельзя|надо|стоит)\b", clause
        ):
            return True
    return None


# ---------------------------------------------------------------- region

_CITIES = """
Москва Санкт-Петербург Новосибирск Екатеринбург Казань Нижний_Новгород Челябинск Красноярск
Самара Уфа Ростов-на-Дону Омск Краснодар Воронеж Пермь Волгоград Саратов Тюмень Тольятти
Ижевск Барнаул Ульяновск Иркутск Хабаровск Махачкала Ярославль Владивосток Оренбург Томск
Кемерово Новокузнецк Рязань Набережные_Челны Астрахань Киров Пенза Севастополь Балашиха
Липецк Чебоксары Калининград Тула Ставрополь Курск Улан-Удэ Сочи Тверь Магнитогорск Иваново
Брянск Белгород Сургут Чита Архангельск Нижний_Тагил Симферополь Калуга Якутск
Грозный Волжский Смоленск Саранск Череповец Подольск Вологда Владикавказ Тамбов
Мурманск Петрозаводск Нижневартовск Кострома Йошкар-Ола Новороссийск Стерлитамак Химки
Таганрог Мытищи Сыктывкар Комсомольск-на-Амуре Нижнекамск Нальчик Дзержинск Благовещенск
Братск Великий_Новгород Старый_Оскол Ангарск Псков Люберцы Бийск Прокопьевск Южно-Сахалинск
Армавир Балаково Абакан Норильск Сызрань Северодвинск Уссурийск Петропавловск-Камчатский
Каменск-Уральский Волгодонск Красногорск Новочеркасск Златоуст Электросталь Альметьевск Салават
Миасс Керчь Копейск Пятигорск Хасавюрт Рубцовск Майкоп Коломна Одинцово Березники Домодедово
Ковров Нефтекамск Кисловодск Нефтеюганск Батайск Новочебоксарск Серпухов Щёлково Дербент
Черкесск Новомосковск Назрань Раменское Первоуральск Кызыл Орск Обнинск Новый_Уренгой
Невинномысск Димитровград Камышин Ессентуки Каспийск Муром Новошахтинск Сергиев_Посад Ноябрьск
Ачинск Северск Елец Арзамас Евпатория Элиста Жуковский Пушкино Ханты-Мансийск Салехард Магадан
Анадырь Биробиджан Горно-Алтайск Нарьян-Мар Гатчина Выборг Тобольск Зеленоград Ейск Геленджик
Анапа Туапсе Ялта Феодосия Донецк Луганск Великие_Луки Воткинск Глазов Сарапул Чайковский
Соликамск Серов Краснотурьинск Асбест Березовский Верхняя_Пышма Ревда Лобня Долгопрудный Реутов
Ногинск Фрязино Ивантеевка Дмитров Клин Чехов Воскресенск Егорьевск Наро-Фоминск Видное Котельники
Лыткарино Дубна Ступино Кинешма Рыбинск Тихорецк Кропоткин Славянск-на-Кубани Белореченск
Лабинск Минеральные_Воды Буденновск Георгиевск
"""
_AMBIGUOUS_CITIES = """
Владимир Курган Орёл Шахты Энгельс Королёв Находка Артём Октябрьский Железногорск Мирный
Пушкин Канск Ишим Бор Заречный Лесной Озерск Клин Чехов Серов Асбест
"""
_SUBJECTS: dict[str, str] = {
    "адыгея": "Республика Адыгея", "алтай": "Республика Алтай",
    "башкортостан": "Республика Башкортостан", "башкирия": "Республика Башкортостан",
    "бурятия": "Республика Бурятия", "дагестан": "Республика Дагестан",
    "ингушетия": "Республика Ингушетия", "кабардино-балкария": "Кабардино-Балкарская Республика",
    "калмыкия": "Республика Калмыкия", "карачаево-черкесия": "Карачаево-Черкесская Республика",
    "карелия": "Республика Карелия", "коми": "Республика Коми", "крым": "Республика Крым",
    "марий_эл": "Республика Марий Эл", "мордовия": "Республика Мордовия",
    "якутия": "Республика Саха (Якутия)", "саха": "Республика Саха (Якутия)",
    "северная_осетия": "Республика Северная Осетия — Алания",
    "осетия": "Республика Северная Осетия — Алания",
    "татарстан": "Республика Татарстан", "тыва": "Республика Тыва", "тува": "Республика Тыва",
    "удмуртия": "Удмуртская Республика", "хакасия": "Республика Хакасия",
    "чечня": "Чеченская Республика", "чувашия": "Чувашская Республика",
    "днр": "Донецкая Народная Республика", "лнр": "Луганская Народная Республика",
    "кубань": "Краснодарский край", "приморье": "Приморский край",
    "ставрополье": "Ставропольский край", "забайкалье": "Забайкальский край",
    "камчатка": "Камчатский край", "подмосковье": "Московская область",
    "ленобласть": "Ленинградская область", "кузбасс": "Кемеровская область",
    "югра": "Ханты-Мансийский автономный округ — Югра",
    "хмао": "Ханты-Мансийский автономный округ — Югра",
    "янао": "Ямало-Ненецкий автономный округ", "ямал": "Ямало-Ненецкий автономный округ",
    "чукотка": "Чукотский автономный округ", "сахалин": "Сахалинская область",
}  # fmt: skip
_KRAI = "алтайский забайкальский камчатский краснодарский красноярский пермский приморский "
_KRAI += "ставропольский хабаровский"
_OBLAST = """
амурская архангельская астраханская белгородская брянская владимирская волгоградская
вологодская воронежская ивановская иркутская калининградская калужская кемеровская кировская
костромская курганская курская ленинградская липецкая магаданская московская мурманская
нижегородская новгородская новосибирская омская оренбургская орловская пензенская псковская
ростовская рязанская самарская саратовская сахалинская свердловская смоленская тамбовская
тверская томская тульская тюменская ульяновская челябинская ярославская запорожская херсонская
"""
_AUTONOMOUS = {
    "ханты-мансийский": "Ханты-Мансийский автономный округ — Югра",
    "ямало-ненецкий": "Ямало-Ненецкий автономный округ",
    "ненецкий": "Ненецкий автономный округ", "чукотский": "Чукотский автономный округ",
    "еврейский": "Еврейская автономная область",
}  # fmt: skip
_SLANG_PLACES = {
    "спб": "Санкт-Петербург", "питер": "Санкт-Петербург", "петербург": "Санкт-Петербург",
    "мск": "Москва", "екб": "Екатеринбург", "ебург": "Екатеринбург", "екат": "Екатеринбург",
    "новосиб": "Новосибирск", "нск": "Новосибирск", "челяба": "Челябинск", "владик": "Владивосток",
    "нн": "Нижний Новгород", "нижний": "Нижний Новгород", "ростов": "Ростов-на-Дону",
    "краснодаре": "Краснодар", "тольяти": "Тольятти", "питербург": "Санкт-Петербург",
    "мо": "Московская область", "ло": "Ленинградская область", "кмв": "Ставропольский край",
    "севас": "Севастополь", "симф": "Симферополь",
}  # fmt: skip
_SLANG_NEEDS_PREPOSITION = {"нн", "нижний", "мо", "ло", "ростов", "нск", "кмв"}
_PLACE_PREPOSITIONS = {"в", "во", "из", "г", "город", "города", "городе", "гор", "с", "со"}
_NOT_PLACES = {
    "россия", "рф", "европа", "азия", "турция", "америка", "сша", "китай", "мир", "земля",
    "украина", "казахстан", "беларусь", "родина", "деревня", "село", "город", "район",
    "область", "край", "республика", "банк", "долг", "работа", "дом", "квартира",
}  # fmt: skip


@lru_cache(maxsize=1)
def _morph() -> object:
    import pymorphy3

    return pymorphy3.MorphAnalyzer()


@lru_cache(maxsize=20_000)
def _lemma(word: str) -> str:
    parses = _morph().parse(word)  # type: ignore[attr-defined]
    for parse in parses:
        if "Geox" in parse.tag:
            return str(parse.normal_form).replace("ё", "е")
    return str(parses[0].normal_form).replace("ё", "е") if parses else word


@lru_cache(maxsize=20_000)
def _plain_lemma(word: str) -> str:
    parses = _morph().parse(word)  # type: ignore[attr-defined]
    return str(parses[0].normal_form).replace("ё", "е") if parses else word


@lru_cache(maxsize=20_000)
def _is_known_word(word: str) -> bool:
    return bool(_morph().word_is_known(word))  # type: ignore[attr-defined]


@lru_cache(maxsize=20_000)
def _geo_lemma(word: str) -> str | None:
    for parse in _morph().parse(word):  # type: ignore[attr-defined]
        if "Geox" in parse.tag and parse.is_known:
            return str(parse.normal_form).replace("ё", "е")
    return None


@dataclass(frozen=True)
class _Gazetteer:
    by_lemmas: dict[tuple[str, ...], tuple[str, bool]]  # lemmas → (name, needs preposition)
    by_hyphenated: dict[str, str]  # "йошкар-ола" → "Йошкар-Ола"
    first_letters: frozenset[str]
    longest: int


@lru_cache(maxsize=1)
def _gazetteer() -> _Gazetteer:
    entries: dict[tuple[str, ...], tuple[str, bool]] = {}

    def add(words: str, name: str, ambiguous: bool = False) -> None:
        raw = tuple(w for w in re.split(r"[\s_-]+", words.lower().replace("ё", "е")) if w)
        for key in (tuple(_lemma(w) for w in raw), tuple(_plain_lemma(w) for w in raw), raw):
            entries.setdefault(key, (name, ambiguous))

    ambiguous = set(_AMBIGUOUS_CITIES.split())
    for city in _CITIES.split():
        add(city, city.replace("_", " "), city in ambiguous)
    for city in ambiguous:
        add(city, city, True)
    for key, name in _SUBJECTS.items():
        add(key, name)
    for adjective in _KRAI.split():
        add(f"{adjective} край", f"{adjective.capitalize()} край")
    for adjective in _OBLAST.split():
        name = f"{adjective.capitalize()} область"
        add(f"{adjective} область", name)
        add(f"{adjective} обл", name)
    for adjective, name in _AUTONOMOUS.items():
        add(f"{adjective} автономный округ", name)
        add(f"{adjective} ао", name)
    add("еврейская автономная область", "Еврейская автономная область")
    add("еврейская ао", "Еврейская автономная область")
    for key, name in _SLANG_PLACES.items():
        entries.setdefault((key,), (name, key in _SLANG_NEEDS_PREPOSITION))
    letters = frozenset(part[:2] for key in entries for part in key[:1])
    hyphenated = {
        name.lower().replace("ё", "е"): name for name, _ in entries.values() if "-" in name
    }
    return _Gazetteer(entries, hyphenated, letters, max(len(k) for k in entries))


def _place_words(msg: _Message) -> list[str]:
    return [w for w in re.findall(r"[а-я]+", msg.text)][:_LEMMA_TOKEN_LIMIT]


def _read_region(msg: _Message) -> str | None:
    gazetteer = _gazetteer()
    for m in re.finditer(r"[а-я]+(?: - [а-я]+)+", msg.text):
        lemma = _geo_lemma(m.group(0).replace(" ", ""))
        if lemma in gazetteer.by_hyphenated:
            return gazetteer.by_hyphenated[lemma]
    words = _place_words(msg)
    candidate = [w[:2] in gazetteer.first_letters and len(w) > 1 for w in words]
    geo = [_lemma(w) if c else w for w, c in zip(words, candidate, strict=True)]
    plain = [_plain_lemma(w) if c else w for w, c in zip(words, candidate, strict=True)]
    for i in range(len(words)):
        if not candidate[i]:
            continue
        for size in range(min(gazetteer.longest, len(words) - i), 0, -1):
            found = next(
                (
                    gazetteer.by_lemmas[key]
                    for key in (tuple(geo[i : i + size]), tuple(plain[i : i + size]))
                    if key in gazetteer.by_lemmas
                ),
                None,
            )
            if found is None:
                continue
            name, needs_preposition = found
            preceded = i > 0 and words[i - 1] in _PLACE_PREPOSITIONS
            if (
                needs_preposition
                and not preceded
                and not (msg.expected == Ask.REGION and len(words) <= 3)
            ):
                break
            return name
    if msg.expected == Ask.REGION:
        return _free_place(words)
    return None


_PLACE_FILLER = {
    "я", "из", "в", "во", "живу", "г", "город", "городе", "гор", "пгт", "поселок", "поселке",
    "село", "селе", "деревня", "деревне", "станица", "станице", "мы", "проживаю", "прописка",
    "прописан", "прописана", "зарегистрирован", "зарегистрирована", "область", "обл", "район",
    "р-н", "п", "с", "д", "ст", "нахожусь", "у", "нас", "сейчас",
}  # fmt: skip


def _free_place(words: list[str]) -> str | None:
    """An unlisted place given as the answer to "where do you live": "в Кинешме"."""
    content = [w for w in words if w not in _PLACE_FILLER]
    if not 1 <= len(content) <= 3 or any(w in _NOT_PLACES or len(w) < 3 for w in content):
        return None
    geo = [_geo_lemma(w) for w in content]
    if any(g for g in geo):
        return " ".join((g or w).capitalize() for g, w in zip(geo, content, strict=True))
    if len(content) == 1 and not _is_known_word(content[0]):
        return content[0].capitalize()
    return None


# ---------------------------------------------------------------- consent, yes, call

_CONSENT_NO = re.compile(
    r"\b(?:не соглас\w*|несоглас\w*|согласи\w* (?:на \w+ (?:\w+ )?)?не да\w*|не да(?:ю|м) "
    r"(?:\w+ )?соглас\w*|отказываюсь|отзываю (?:свое )?соглас\w*|против обработки"
    r"|не разрешаю|не (?:хочу |буду |стану )?(?:давать|дам|даю|предоставлять) (?:\w+ )?"
    r"(?:соглас\w*|данн\w*)|согласия не (?:даю|дам|будет)"
    r"|не (?:надо|нужно|нужен|нужна|буду) (?:\w+ ){0,3}соглас\w*|без (?:\w+ )?согласия"
    r"|не (?:буду|стану|хочу) (?:\w+ ){0,3}(?:подписывать|соглашаться))\b"
)
_CONSENT_YES = re.compile(
    r"\b(?:соглас(?:ен|на|ны|шаюсь|илась|ился|ие даю)|даю (?:свое )?согласие|разрешаю"
    r"|не против)\b"
)
_YES_START = re.compile(
    r"^(?:да|ага|угу|ок|окей|ok|okay|хорошо|конечно|давайте|давай|можно|согласен|согласна"
    r"|верно|правильно|именно|есть|было|был|была|yes|ну да|да да|ладно|го|разумеется"
    r"|естественно|точно|так точно|подтверждаю|не против)\b"
)
_NO_START = re.compile(
    r"^(?:нет|неа|нету|не было|no|нее|ни разу|никогда|ничего (?:нет|не)|отказываюсь"
    r"|не надо|не нужно|не хочу|не согласен|не согласна)\b"
)
_WANTS_CALL = re.compile(
    r"\b(?:созвон\w*|позвоните|перезвоните|звоните|позвонить|перезвонить|наберите|набирайте"
    r"|свяжитесь|хочу консультац\w*|нужна консультац\w*|запишите|записаться|запишусь|жду звонка"
    r"|жду вашего звонка|консультаци\w* (?:нужна|хочу)|давайте консультаци\w*|можно консультаци\w*"
    r"|пусть (?:юрист )?(?:позвонит|перезвонит|звонит)"
    r"|(?:давайте|хочу|нужен|нужна|можно|жду) (?:\w+ )?(?:звонок|консультаци\w*)|звонок юрист\w*"
    r"|(?:поговорить|пообщаться|связаться|созвониться|консультироваться|проконсультироваться)"
    r" (?:\w+ ){0,2}(?:с |со )?(?:юрист\w*|специалист\w*|живым человеком|человеком|менеджер\w*)"
    r"|(?:с|со) (?:юрист\w*|специалист\w*) (?:\w+ )?(?:поговорить|пообщаться|связаться"
    r"|созвониться))\b"
)
_NO_CALL = re.compile(
    r"\b(?:не (?:звоните|надо звонить|нужно звонить|хочу (?:консультац\w*|звонк\w*|созван\w*)"
    r"|перезванивайте)|без звонков|звонить не надо|звонки не нужны)\b"
)
# Words that make a time phrase about the call; "коллекторы звонят каждый день" is not one.
_CALL_CUE = re.compile(
    r"\b(?:звоните|звонить|звонок|звонка|позвон(?:ите|ить|ю|ят)|перезвон(?:ите|ить|ю)"
    r"|набер\w*|набирайте|удобно|свяж\w*|созвон\w*"
    r"|лучше|свободн\w*|доступ\w*|время)\b"
)


_FILLER = re.compile(r"^(?:(?:ну|а|эм+|хм+|так|ой|ох|что ж|ну что ж)[ ,.!]+)+")


def _read_yes(msg: _Message) -> bool | None:
    text = _FILLER.sub("", msg.text.strip(" .,!"))  # "ну ладно давайте" is a yes
    if _NO_START.match(text):
        return False
    if _YES_START.match(text):
        return True
    return None


def _read_consent(msg: _Message, yes: bool | None) -> bool | None:
    if msg.has(_CONSENT_NO):
        return False
    if msg.has(_CONSENT_YES):
        return True
    if msg.expected == Ask.CONSENT:
        return yes
    return None


# ---------------------------------------------------------------- call time

_DAYS = (
    r"(?:сегодня|завтра|послезавтра|в понедельник|во вторник|в среду|в четверг|в пятницу"
    r"|в субботу|в воскресенье|в выходные|на выходных|в будни|по будням|в будний день"
    r"|на неделе|понедельник|вторник|среда|четверг|пятница|суббота|воскресенье)"
)
_PARTS = (
    r"(?:утром|с утра|днем|днём|вечером|после обеда|до обеда|в обед|в обеденное время"
    r"|ближе к вечеру|ночью|в первой половине дня|во второй половине дня|утро|день|вечер)"
)
_HOUR_WORDS = {
    "час": 1, "часа": 1, "двух": 2, "трех": 3, "четырех": 4, "пяти": 5, "шести": 6, "семи": 7,
    "восьми": 8, "девяти": 9, "десяти": 10, "одиннадцати": 11, "двенадцати": 12, "два": 2,
    "три": 3, "четыре": 4, "пять": 5, "шесть": 6, "семь": 7, "восемь": 8, "девять": 9,
    "десять": 10, "одиннадцать": 11, "двенадцать": 12,
}  # fmt: skip
_HOUR = r"(?:[01]?\d|2[0-3])(?:[:.][0-5]\d)?|" + "|".join(
    sorted(_HOUR_WORDS, key=len, reverse=True)
)
_TIME = re.compile(
    rf"\b(?P<prep>после|в|с|до|к|около|ближе к|часов в|часа в)\s(?P<h>{_HOUR})"
    rf"(?:\s?(?:ч|час\w*))?(?:\s?(?P<ampm>утра|дня|вечера))?"
    rf"(?:\s?(?:до|-)\s?(?P<h2>{_HOUR}))?(?![\d\w])"
)
_ANY_TIME = re.compile(
    r"\b(?:в любое время|когда угодно|любое время|в любой день|хоть сейчас"
    r"|прямо сейчас|сейчас можно|сейчас удобно|круглосуточно)\b"
)


def _hour_text(raw: str, ampm: str | None, preposition: str) -> str:
    raw = raw.replace(".", ":")
    if raw in _HOUR_WORDS:
        hour, minutes = _HOUR_WORDS[raw], "00"
    else:
        hour_part, _, minutes = raw.partition(":")
        hour, minutes = int(hour_part), minutes or "00"
    if (ampm in {"дня", "вечера"} and hour < 12) or (ampm is None and 1 <= hour <= 7):
        hour += 12
    return f"{hour:02d}:{minutes}" if hour >= 10 else f"{hour}:{minutes}"


_TIME_CLAUSE_BREAK = re.compile(r"(?<!\d)[.,](?!\d)|[!?;\n]| но | а ")


_WANTS_HELP = re.compile(r"\b(?:хочу|хотим|хотела|хотел|помогите|давайте|помощь)\b")
_GREETING_TIME = re.compile(r"\b(?:добр\w* (?:утр\w*|день|дня|вечер\w*|ночи)|спокойной ночи)\b")


def _read_call_time(norm: str, msg: _Message, with_phone: bool = False) -> str | None:
    norm = _GREETING_TIME.sub(" ", norm)  # "добрый вечер" greets, it names no time
    clauses = [c for c in _TIME_CLAUSE_BREAK.split(re.sub(r"[^\S\n]+", " ", norm)) if c.strip()]
    # A time next to the phone number ("+7 913 …, после 18:00") is when to call.
    if msg.expected not in (Ask.CALL_TIME, Ask.PHONE) and not with_phone:
        clauses = [c for c in clauses if _CALL_CUE.search(c)]
    phrases: list[str] = []
    for clause in clauses:
        last_end = None
        for start, end, phrase in sorted(_time_parts(clause)):
            if phrase in phrases:
                continue
            if last_end is not None and re.search(r"\bили\b", clause[last_end:start]):
                phrases.append("или")  # "сегодня вечером или завтра утром"
            phrases.append(phrase)
            last_end = end
    return " ".join(phrases) or None


def _time_parts(text: str) -> list[tuple[int, int, str]]:
    """(start, end, phrase) of every time expression, none inside another."""
    parts: list[tuple[int, int, str]] = []
    for pattern in (_DAYS, _PARTS):
        for m in re.finditer(rf"\b{pattern}\b", text):
            parts.append((m.start(), m.end(), m.group(0).replace("днем", "днём")))
    m = _TIME.search(text)
    if m and not re.match(r"\s?(?:мес|год|лет|банк|тыс|млн|к\b|кредит|мфо|%)", text[m.end() :]):
        preposition = {"часов в": "в", "часа в": "в", "около": "около", "ближе к": "к"}.get(
            m.group("prep"), m.group("prep")
        )
        phrase = f"{preposition} {_hour_text(m.group('h'), m.group('ampm'), preposition)}"
        if m.group("h2"):
            phrase = f"с {_hour_text(m.group('h'), m.group('ampm'), 'с')} до " + _hour_text(
                m.group("h2"), m.group("ampm"), "до"
            )
        parts.append((m.start(), m.end(), phrase))
    m = _ANY_TIME.search(text)
    if m:
        inside = [p for p in parts if m.start() <= p[0] < m.end()]
        parts = [p for p in parts if p not in inside]  # "в любой день": not also "день"
        parts.append((m.start(), m.end(), m.group(0)))
    return parts


# ---------------------------------------------------------------- objections and topics


def _any_of(*alternatives: str) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(alternatives) + r")\b")


_TAKE = r"(?:заберут|отберут|отнимут|изымут|арестуют|продадут|забрать|отобрать|лишат|оставят"
_TAKE += r"|тронут|отбирают|забирают|выселят|выгонят)\w*"
_TAKEN = r"(?:заберут|отберут|отнимут|изымут|арестуют|продадут|оставят|останется|тронут)"
_CAR = r"(?:машин\w*|авто\w*|тачк\w*)"
_HOME = r"(?:квартир\w*|жиль\w*|дом\w*|комнат\w*|единственн\w*|ипотек\w*)"
_SPOUSE = r"(?:муж\w*|жен\w*|супруг\w*)"

# First match wins: the order settles messages with two doubts
# ("посоветуюсь с мужем" is THINK, not SPOUSE).
_RULES: list[tuple[ObjectionKind, Topic | None, re.Pattern[str]]] = [
    (ObjectionKind.COMPETITOR, None, _any_of(
        r"(?:в|у|к) (?:друг\w*|соседн\w*|одн\w*) (?:компани\w*|фирм\w*|контор\w*|юрист\w*)",
        r"друг\w* (?:компани\w*|фирм\w*|юрист\w*|контор\w*)",
        r"соседн\w* (?:фирм\w*|компани\w*)",
        r"конкурент\w*", r"дешевле", r"у других", r"в другом месте",
        r"обещали (?:все |всё )?(?:сделать |списать )?за", r"предлагают за",
        r"(?:там|они) (?:берут|сделают|просят|предлагают)",
        r"(?:юристы|фирмы|компании|конторы)(?: \w+){0,4} (?:просят|берут|хотят|предлагают|обещают)",
        r"предлагал\w*(?: \w+){0,5} за \d", r"под ключ",
        r"(?:чем|почему) (?:вы|у вас) (?:лучше|дороже)",
        r"(?:в|из) (?:инст\w*|интернет\w*|рекламе|авито|вк|телеграм\w*)(?: \w+){0,3}"
        r" (?:юрист\w*|предлага\w*|обещ\w*)",
    )),
    (ObjectionKind.TRUST, Topic.GUARANTEE, _any_of(
        r"гаранти\w* (?:есть|даете|дадите|будут|какие)",
        r"(?:есть|будут|дадите) (?:ли )?гаранти\w*",
        r"^гаранти\w*\W*$", r"(?:где|какие) гаранти\w*", r"а если не (?:получится|спишут|выйдет)",
        r"(?:вдруг|если) (?:суд )?(?:откаж\w*|не спиш\w*)", r"точно (?:ли )?спиш\w*",
        r"100 ?%", r"спишут (?:ли )?(?:все|всё) (?:долги )?точно",
    )),
    (ObjectionKind.TRUST, None, _any_of(
        r"мошенник\w*", r"мошенничеств\w*", r"лохотрон\w*", r"обман\w*", r"кидал\w*",
        r"кинете", r"кинуть", r"жулик\w*", r"аферист\w*", r"подвох\w*", r"scam",
        r"(?<!в )(?<!после )(?<!при )развод(?! с)(?!ом)\w{0,2}", r"разводил\w*",
        r"разводите", r"разведете", r"развести", r"разводят",
        r"(?:почему|зачем|как) (?:я )?(?:должен|должна|мне) (?:вам )?верить", r"не верю",
        r"можно (?:ли )?вам доверять", r"доверять вам", r"где гарантии", r"какие гарантии",
        r"вы (?:реальн\w*|настоящ\w*) (?:компани\w*|фирм\w*)", r"отзывы", r"лицензи\w*",
    )),
    (ObjectionKind.PRICE, None, _any_of(
        r"сколько (?:это |у вас |вам |ваши услуги |будут )?(?:стоит|стоят|будет стоить|стоить"
        r"|обойдется|берете|возьмете|платить|денег)",
        r"стоимост\w*", r"цен(?:а|у|ы|е)", r"расценк\w*", r"по деньгам", r"дорого\w*",
        r"денег (?:на это )?нет", r"нет (?:лишних )?денег", r"платн\w*", r"бесплатно",
        r"нечем (?:платить|заплатить) (?:за|вам|юрист)", r"предоплат\w*", r"рассрочк\w*",
        r"не по карману", r"не потяну", r"ваши услуги",
    )),
    (ObjectionKind.PROPERTY, Topic.CAR, _any_of(
        rf"{_TAKE} (?:\w+ )?{_CAR}", rf"{_CAR}(?: [^.?!\s]+){{0,6}} {_TAKEN}",
        rf"(?:что|как) (?:будет )?с (?:моей )?{_CAR}",
        rf"{_CAR}\b.{{0,80}}\b(?:е[её]|его) (?:\w+ )?{_TAKEN}",
    )),
    (ObjectionKind.PROPERTY, Topic.FLAT, _any_of(
        rf"{_TAKE} (?:\w+ )?{_HOME}",
        rf"(?:квартир\w*|жиль\w*|дом|комнат\w*|ипотек\w*)(?: [^.?!\s]+){{0,6}} {_TAKEN}",
        rf"(?:что|как) (?:будет )?с (?:моей |нашей )?{_HOME}",
        r"останусь без (?:жилья|квартиры)", r"на улиц\w*", r"выселят", r"выгонят",
    )),
    (ObjectionKind.PROPERTY, None, _any_of(
        r"(?:дач\w*|гараж\w*|участ(?:ок|ка)|земл\w*|дом\w*|имуществ\w*)\b.{0,80}\b(?:их|его|е[её])"
        rf" (?:\w+ )?{_TAKEN}",
        r"(?:заберут|отберут|отнимут|изымут|арестуют|опишут) (?:\w+ )?(?:имуществ\w*|все|вещи"
        r"|технику)",
        r"что (?:будет )?с имуществ\w*",
    )),
    (ObjectionKind.CONSEQUENCES, Topic.CREDIT_HISTORY, _any_of(
        r"кредитн\w* истори\w*", r"кредиты? (?:потом|после|дадут|давать)", r"черн\w* спис\w*",
        r"(?:кредит\w*|ипотек\w*)(?: \w+){0,2} (?:не )?дадут", r"клейм\w*",
        r"(?:брать|взять|дадут) (?:\w+ )?(?:кредит\w*|ипотек\w*) (?:потом|после|в будущем)",
        r"(?:дадут|смогу|можно) (?:ли )?(?:потом |после |в будущем )?"
        r"(?:взять |брать |получить )?(?:кредит\w*|ипотек\w*)",
    )),
    (ObjectionKind.CONSEQUENCES, Topic.TRAVEL, _any_of(
        r"за ?границ\w*", r"загран\w*", r"выезд\w*", r"выпустят", r"за рубеж\w*",
        r"отдыхать", r"в отпуск за", r"в турцию", r"в египет",
    )),
    (ObjectionKind.CONSEQUENCES, Topic.JOB, _any_of(
        r"(?:на работе|работодател\w*|начальств\w*|начальник\w*|коллеги) (?:\w+ )?узна\w*",
        r"узна\w* (?:\w+ )?(?:на работе|работодател\w*|начальник\w*|коллеги)",
        r"уволят", r"уволить", r"(?:смогу|можно) (?:ли )?(?:дальше )?работать",
        r"с работы выгонят",
    )),
    (ObjectionKind.CONSEQUENCES, Topic.SALARY, _any_of(
        r"(?:зарплат\w*|пенси\w*|доход\w*|зп) (?:\w+ )?(?:заберут|отберут|оставят|будут"
        r"|останется|списывать|арестуют)",
        r"(?:заберут|отберут|оставят|арестуют) (?:\w+ )?(?:зарплат\w*|пенси\w*|доход\w*)",
        r"что (?:будет )?с (?:моей |моим |нашей )?(?:зарплат\w*|пенси\w*|доход\w*)",
        r"на что (?:я )?(?:буду )?жить",
        r"прожиточн\w*", r"сколько (?:мне )?(?:оставят|будут оставлять)",
    )),
    (ObjectionKind.CONSEQUENCES, None, _any_of(
        r"последстви\w*", r"чем (?:это )?грозит", r"какие (?:есть )?(?:минусы|ограничения|риски)",
        r"что мне (?:за это )?будет", r"посадят", r"уголовн\w*",
    )),
    (ObjectionKind.THINK, None, _any_of(
        r"подумаю", r"подумать", r"подумаем", r"посоветоваться", r"посоветуюсь",
        r"посоветуемся", r"обсудить с", r"обсужу с", r"не сейчас", r"пока не готов\w*",
        r"не готов\w* пока", r"не уверен\w*", r"(?:позже|потом) (?:решу|напишу|свяжусь)",
        r"решу позже", r"еще думаю", r"не решил\w*",
        r"не готов\w* (?:\w+ )?(?:решать|решить|принять решение|сейчас)",
        r"(?:с|со) (?:мамой|папой|мужем|женой|родными|семьей|детьми|сыном|дочерью|родителями)"
        r" (?:\w+ )?(?:обсудить|обсужу|посоветоваться|посоветуюсь|поговорить|решить)",
    )),
    (ObjectionKind.SPOUSE, Topic.SPOUSE, _any_of(
        r"(?:что|как) (?:будет )?с (?:мужем|женой|супруг\w*)",
        r"(?:муж|жена|супруг\w*) (?:\w+ )?(?:узна\w*|пострада\w*|отвеча\w*|поручител\w*"
        r"|созаемщик\w*)",
        rf"(?:затронет|затронут|коснется|касается|повлияет на|отразится на) (?:\w+ )?"
        rf"(?:{_SPOUSE}|семь\w*)",
        r"имуществ\w* (?:мужа|жены|супруг\w*)", r"совместно нажит\w*",
        r"(?:мужа|жену|супруга|супругу|мужу|жене) (?:\w+ )?(?:коснет\w*|затрон\w*|касается)",
        r"совместн\w* имуществ\w*", r"в браке", r"развод с", r"в разводе", r"после развода",
        r"брачн\w* договор\w*",
    )),
]  # fmt: skip
_SPOUSE_RULE = next(p for k, _, p in _RULES if k is ObjectionKind.SPOUSE)
_TOPICS: list[tuple[Topic, re.Pattern[str]]] = [
    (Topic.STATE_PROGRAM, _any_of(
        r"государственн\w* программ\w*", r"госпрограмм\w*", r"программ\w* (?:от )?государств\w*",
        r"(?:путин\w*|президент\w*|государств\w*) (?:\w+ )?спис\w*", r"амнисти\w*",
    )),
    (Topic.CONSENT_INFO, _any_of(
        r"(?:что за|зачем|для чего|какое|почему) (?:\w+ )?соглас\w*", r"соглас\w* (?:на что|зачем)",
        r"зачем (?:вам )?(?:мои )?(?:данные|номер|телефон)",
    )),
    (Topic.NON_PAYMENT, _any_of(
        r"(?:мне )?(?:перестать|прекратить|бросить) (?:\w+ )?(?:платить|гасить|вносить)",
        r"(?:что|чем) (?:мне )?(?:будет|грозит)[, ]+если (?:я )?(?:просто )?(?:не (?:буду|стану) "
        r"|перестану )?(?:не )?(?:платить|плачу|гасить|отдавать)",
        r"если (?:я )?(?:просто )?(?:не (?:буду|стану) |перестану )(?:платить|гасить|отдавать)",
        r"можно (?:ли )?(?:просто )?не (?:платить|отдавать)",
        r"(?:просто )?не платить (?:и всё|и все)",
    )),
    (Topic.DURATION, _any_of(
        r"сколько (?:это )?(?:длится|времени|по времени|займет|идет|ждать|месяцев|длиться)",
        r"по срокам", r"по времени",
        r"как долго", r"какой срок", r"какие сроки", r"сроки", r"долго ли", r"за сколько",
    )),
    (Topic.COLLECTORS, _any_of(
        r"коллектор\w*", r"названива\w*", r"угрожа\w*", r"звонят (?:из|с|по)",
        r"(?:звонят постоянно|постоянно звонят)", r"достали звонками",
    )),
    (Topic.MFC, _any_of(r"внесудеб\w*", r"мфц", r"упрощенн\w*", r"бесплатн\w* банкротств\w*")),
    (Topic.WHICH_DEBTS, _any_of(
        r"алимент\w*", r"(?:все|какие|любые) (?:ли )?долги (?:спиш\w*|списыва\w*)",
        r"(?:спиш\w*|списыва\w*|списать) (?:ли )?(?:\w+ )?(?:штраф\w*|налог\w*|жкх|коммунал\w*"
        r"|ипотек\w*|все|алимент\w*|долги по)",
        r"что (?:не )?(?:спишут|списывается)",
        r"(?:штраф\w*|налог\w*|жкх|коммунал\w*|алимент\w*|ипотек\w*|долг\w* по \w+)"
        r"(?: \S+){0,3} (?:спиш\w*|списыва\w*)",
    )),
    (Topic.HOW_IT_WORKS, _any_of(
        r"как (?:это )?(?:все |всё )?(?:работает|проходит|происходит|будет происходить)",
        r"что (?:нужно|надо) (?:делать|от меня)", r"какие (?:нужны )?документ\w*",
        r"с чего начать", r"что такое банкротств\w*", r"в чем суть", r"что за процедура",
        r"как (?:проходит|идет) процедур\w*", r"расскажите (?:подробнее|про процедуру|как)",
    )),
]  # fmt: skip


def _read_objection(msg: _Message) -> tuple[ObjectionKind | None, Topic | None]:
    objection: ObjectionKind | None = None
    topic: Topic | None = None
    for kind, kind_topic, pattern in _RULES:
        if msg.has(pattern):
            objection, topic = kind, kind_topic
            break
    if objection is ObjectionKind.PRICE and re.search(r"\bмфц\b|внесудеб", msg.text):
        objection, topic = None, Topic.MFC  # "можно бесплатно через МФЦ?" asks about МФЦ
    if objection is ObjectionKind.PROPERTY and msg.has(_SPOUSE_RULE):
        # "что будет с имуществом жены" is about the spouse, not one's own flat.
        objection, topic = ObjectionKind.SPOUSE, Topic.SPOUSE
    if topic is None:
        for candidate, pattern in _TOPICS:
            if msg.has(pattern):
                topic = candidate
                break
    return objection, topic


# ---------------------------------------------------------------- flags

_COMMAND = re.compile(r"^/(?P<name>[a-zA-Z_]+)(?:@\w+)?(?:\s+(?P<payload>\S.*))?$", re.DOTALL)
_OPT_OUT = re.compile(
    r"\b(?:не (?:пишите|пиши|присылайте|беспокойте|надо (?:мне )?писать)|отпишите|отписаться"
    r"|больше не (?:пишите|писать|присылайте|беспокойте)|хватит (?:мне )?писать|отстаньте"
    r"|прекратите (?:мне )?писать|не хочу (?:получать )?(?:сообщени\w*|рассылк\w*)|спам)\b"
)
_ASKS_IF_BOT = re.compile(
    r"\b(?:(?:ты|вы|это) (?:что )?(?:бот|робот|нейросеть|ии|программа|автоответчик)"
    r"|с (?:ботом|роботом|нейросетью|программой|ии)|(?:живой|живым|реальный|настоящий|реальным)"
    r" (?:человек\w*|оператор\w*|менеджер\w*)"
    r"|(?:ты|вы) (?:живой|живая|человек|настоящ\w*|реальн\w*)"
    r"|(?:ты|вы) (?:сама |сами )?(?:юрист|адвокат|юристка)(?=\s*\?|$)"
    r"|(?:ты|вы) (?:что )?(?:из|от) (?:банка|банк\w*|коллектор\w*|мфо|сбер\w*)"
    r"|chatgpt|чат ?гпт|gpt|искусственн\w* интеллект\w*|бот ли)\b"
)
_INJECTION = re.compile(
    r"(?:\bзабудь\w*\b.{0,30}\b(?:правил\w*|инструкци\w*|все|указани\w*|роль|настройк\w*)"
    r"|\b(?:игнорируй\w*|проигнорируй\w*)\b|ignore\b.{0,20}\b(?:previous|prior|above|all)"
    r"|system ?prompt|системн\w* (?:промпт\w*|инструкци\w*|сообщени\w*)|\bпромпт\w*|\bprompt\b"
    r"|(?:напиши|покажи|выведи|раскрой|расскажи|скажи)\s(?:мне\s)?(?:свои|свой|твои|твой|ваши)\s"
    r"(?:правила|инструкци\w*|настройк\w*|указани\w*)|\bты теперь\b|\bтеперь ты\b"
    r"|\bпредставь,? что ты\b|\bпритворись\b|\bведи себя как\b|режим разработчика|developer mode"
    r"|jailbreak|\bact as\b|\byou are now\b|\bpretend\b|\bdan\b|новые инструкции|смени роль"
    r"|^\s*(?:system|admin|assistant|система|админ\w*)\s*:|\[system\]|<\|?system"
    r"|(?:отвечай|пиши|говори|скажи|подтверди)\s(?:всем\s|клиентам\s|мне\s)?(?:что|,\s?что)\s"
    r"(?:мы|вы|ты)\s(?:гарантир\w*|обещ\w*|точно)|\bподтверди\b.{0,40}\bгарантир\w*"
    r"|ты должна (?:говорить|отвечать|писать))"
)
_OFF_TOPIC = re.compile(
    r"\b(?:погод\w*|стих\w*|анекдот\w*|шутк\w*|пошути|реши\w* (?:задач\w*|уравнени\w*|пример\w*)"
    r"|задач\w* по|домашк\w*|выбор\w*|футбол\w*|хоккей|рецепт\w*|переведи|напиши (?:код|сочинени\w*"
    r"|программ\w*|песн\w*|рассказ\w*|эссе)|кто выиграет|курс (?:доллара|евро|биткоин\w*|валют\w*)"
    r"|гороскоп\w*|фильм\w*|сериал\w*|песн\w*|президент\w*|политик\w*|сколько будет \d|столица"
    r"|как приготовить|как похудеть|что посмотреть|какой сегодня день|который час)\b"
)
_GREETING = re.compile(
    r"^(?:\W*)(?:здравствуй\w*|здрасте|здрасьте|здраствуйте|здравсвуйте|добрый (?:день|вечер)"
    r"|доброе утро|доброй ночи|доброго (?:времени суток|дня|вечера)|привет\w*|хай|hello|hi"
    r"|ку|салют|здоров\w*|доброго|добрый|day|алло|hey)\b"
)
_NOISE_WORDS = re.compile(
    r"\b(?:select|from|where|insert|into|update|delete|drop|table|union|or|and|null|script"
    r"|alert|div|span|html|body|href|img|src|onerror|nbsp|b|i|u|br|p|a|script|style|true|false"
    r"|console|log|var|let|const|function|return|window|document)\b"
)
_MARKUP = re.compile(
    r"<[^>]{0,100}>|\b(?:select|insert|drop|union|delete)\b.{0,40}"
    r"\b(?:from|into|table|select|where)\b|&\w+;|\{.*\}"
)


def _read_command(raw: str) -> tuple[Command | None, str | None, bool]:
    m = _COMMAND.match(raw.strip())
    if not m:
        return None, None, False
    try:
        command = Command(m.group("name").lower())
    except ValueError:
        return None, None, True
    payload = (m.group("payload") or "").split()
    return command, (payload[0][:64] if payload else None), True


def _is_unreadable(raw: str, msg: _Message) -> bool:
    if not re.search(r"[^\W_]", raw):
        return True
    words = re.findall(r"[а-яa-z]{2,}", _MARKUP.sub(" ", msg.norm))
    meaningful = [
        w
        for w in words[:60]
        if not _NOISE_WORDS.fullmatch(w)
        and not re.fullmatch(r"(.)\1{2,}", w)
        and _CYRILLIC.search(w)
        and _is_known_word(w)
    ]
    if _MARKUP.search(msg.norm):
        return len(meaningful) <= 2
    return not meaningful


# ---------------------------------------------------------------- understand


def understand(text: str, expected: Ask | None = None, today: date | None = None) -> Understanding:
    """Everything the rules can read from one message. Never raises on odd input."""
    raw, _ = clean_text(text, _READ_LIMIT)
    command, payload, is_command = _read_command(raw)
    if is_command:
        return Understanding(command=command, command_payload=payload)

    norm = _normalise(raw)
    phones = _find_phones(norm, expecting_phone=expected == Ask.PHONE)
    tokens, negated_value = _apply_negated_values(_tokens(_mask(norm, phones.spans)))
    msg = _Message(norm=norm, tokens=tokens, text=" ".join(tokens), expected=expected, today=today)
    msg.words = re.findall(r"[а-яa-z]+", msg.text)

    objection, topic = _read_objection(msg)
    yes = _read_yes(msg)
    price_talk = objection in {ObjectionKind.PRICE, ObjectionKind.COMPETITOR}
    amounts = _read_amounts(msg, price_talk)
    income_official = _read_income_official(msg)
    benefits = True if msg.has(_BENEFITS) else None
    extra_property = _read_extra_property(msg)
    mortgage = _read_mortgage(msg)
    deals = _read_deals(msg)
    enforcement = _read_enforcement(msg)
    consent = _read_consent(msg, yes)
    wants_call = msg.has(_WANTS_CALL) and not msg.has(_NO_CALL)
    off_topic = msg.has(_OFF_TOPIC)
    explicit_consent = consent is not None and expected != Ask.CONSENT
    # "да хочу", "да помогите": a yes to being helped, not to "is there other property?"
    wants_help = msg.has(_WANTS_HELP)
    if (
        yes is not None
        and not (wants_call and expected != Ask.CALL_INVITE)
        and not explicit_consent
        and not (wants_help and expected != Ask.CALL_INVITE)
    ):
        # ("да давайте звоните" after the deals question is a call request, not a deal)
        if expected == Ask.MORTGAGE and mortgage is None:
            mortgage = yes
        elif expected == Ask.DEALS and deals is None:
            deals = yes
        elif expected == Ask.PROPERTY and extra_property is None:
            extra_property = yes
        elif expected == Ask.ENFORCEMENT and enforcement is None:
            enforcement = Enforcement.OPEN if yes else Enforcement.NONE
        elif expected == Ask.INCOME and income_official is None:
            income_official = yes
        elif expected == Ask.CALL_INVITE and yes:
            wants_call = True
    if (
        expected == Ask.ENFORCEMENT
        and enforcement is None
        and re.fullmatch(r"\W*(?:не было|нету|не|никогда|ни разу)\W*", msg.text)
    ):
        enforcement = Enforcement.NONE

    slots = Slots(
        debt_total=amounts.get("debt_total"),  # type: ignore[arg-type]
        creditors_count=_read_creditors(msg),
        months_overdue=_read_months(msg),
        enforcement=enforcement,
        writ_years=_read_writ_years(msg),
        income_monthly=amounts.get("income_monthly"),  # type: ignore[arg-type]
        income_official=income_official,
        benefits=benefits,
        extra_property=extra_property,
        mortgage=mortgage,
        recent_deals=deals,
        region=None if off_topic and expected != Ask.REGION else _read_region(msg),
        phone=phones.phone,
        call_time=_read_call_time(norm, msg, with_phone=phones.phone is not None),
    )
    correction = bool(slots.known()) and (negated_value or msg.has(_CORRECTION_WORDS))
    if correction and "last_debt" in amounts:
        slots = Slots.merged(slots, Slots(debt_total=amounts["last_debt"]))  # type: ignore[arg-type]
    result = Understanding(
        slots=slots,
        objection=objection,
        topic=topic,
        yes=yes,
        consent=consent,
        wants_call=wants_call,
        invalid_phone=phones.invalid,
        absurd_amount=bool(amounts["absurd"]),
        correction=correction,
        asks_if_bot=msg.has(_ASKS_IF_BOT),
        injection=bool(_INJECTION.search(norm)),
        off_topic=off_topic,
        greeting=bool(_GREETING.search(msg.text)),
        opt_out=msg.has(_OPT_OUT),
    )
    if result.is_empty and _is_unreadable(raw, msg):
        return Understanding(unreadable=True)
    return result
