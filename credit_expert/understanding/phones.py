"""The reading: phones."""

from __future__ import annotations

import re
from dataclasses import dataclass

import phonenumbers

from credit_expert.understanding.text import _READ_LIMIT, _normalise, clean_text

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
