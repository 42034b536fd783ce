"""The reading: MAX_DEBT = 1_000_000_000."""

from __future__ import annotations

import re
import unicodedata

from credit_expert.understanding.typos import correct_typos

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


# Case and writ numbers ("дело 2-3344/2025", "45871/22/76001-ИП", "№ 12345/24"): ids, never
# amounts, counts or dates
_CASE_NUMBER = re.compile(
    r"(?:№\s*[\d/-]*\d|\b\d{1,3}-\d{1,6}/\d{2,4}\b|\b\d{3,}/\d{2}/\d{3,}(?:-?ип)?\b)"
)


def _normalise(text: str) -> str:
    text = text.lower().replace("ё", "е")
    text = _CASE_NUMBER.sub(lambda m: " " * len(m.group(0)), text)
    text = _LETTER_ZEROS.sub(lambda m: "0" * len(m.group(0)), text)
    text = _DASHES.sub("-", text)
    text = text.replace("\u00a0", " ").replace("\u202f", " ")
    # Misspelt key words ("кридит", "зарплота") are fixed before any rule reads them.
    return correct_typos(_WORDISH.sub(_fix_lookalikes, text))


# Russian typed in Latin letters ("dolg 500 tysyach, 2 banka"): read as Cyrillic.
_TRANSLIT_CUE = re.compile(
    r"\b(?:dolg|kredit|bank|tys|tis|mln|lyam|plach|pristav|rabot|zarplat|mfo|privet|zdravst"
    r"|spis|bankrot|kollektor|ipotek|mesyac|kvartir|mashin|yurist|pomogite|skolko|zvon|pensi"
    r"|dobryj|dobriy|zdras|soglas|davaj|davai)\w*"
)
_TRANSLIT_WORDS = re.compile(
    r"\b(?:u menya|menya|mne|eshe|eshche|vsego|skoka|nado|mozhno|ochen|spasibo|pozhalujsta"
    r"|zaim\w*|procent\w*|rublej|tysyach\w*|nichego|pochemu|chto|kak|kogda|da|net|ladno"
    r"|horosho|khorosho|konechno|posle|utrom|vecherom|zavtra|segodnya|dnem|dnyom)\b"
)
_TRANSLIT = (
    ("shch", "щ"), ("sch", "щ"), ("zh", "ж"), ("kh", "х"), ("ts", "ц"), ("ch", "ч"),
    ("sh", "ш"), ("yo", "ё"), ("yu", "ю"), ("ya", "я"), ("ye", "е"), ("iy", "ий"), ("yy", "ый"),
    ("y", "ы"), ("a", "а"), ("b", "б"), ("v", "в"), ("g", "г"), ("d", "д"), ("e", "е"),
    ("z", "з"), ("i", "и"), ("j", "й"), ("k", "к"), ("l", "л"), ("m", "м"), ("n", "н"),
    ("o", "о"), ("p", "п"), ("r", "р"), ("s", "с"), ("t", "т"), ("u", "у"), ("f", "ф"),
    ("h", "х"), ("c", "ц"), ("w", "в"), ("x", "кс"), ("q", "к"), ("'", "ь"),
)  # fmt: skip
_LATIN_RUN = re.compile(r"[a-z']+")
# Translit drops the soft sign: the words a question or a figure hangs on get it back.
_SOFT_SIGNS = {
    "если": "если", "сколко": "сколько", "толко": "только", "болше": "больше",
    "менше": "меньше", "денги": "деньги", "платит": "платить", "писат": "писать",
    "звонит": "звонить", "брат": "брать", "взят": "взять", "подат": "подать",
}  # fmt: skip
_SOFT_SIGN_WORDS = re.compile(r"\b(?:" + "|".join(_SOFT_SIGNS) + r")\b")


_ENGLISH = re.compile(
    r"\b(?:i|the|have|has|my|to|can|you|sorry|please|help|is|are|what|how|dont|don't|write|in"
    r"|about|and|of|owe|with|will|would"
    # "She owes about 700k rubles to banks… She is retired": English, not Russian in Latin
    r"|she|he|her|his|they|we|it|for|think|owes|rubles|ago|years?|months?|retired|stopped)\b"
)


# Words the translit cues catch that are English as written ("banks", "pension").
_ENGLISH_FORMS = frozenset({"banks", "pension", "pensions"})


def looks_like_translit(text: str) -> bool:
    lowered = text.lower()
    # "chё po cenniku": a "ё" typed inside a Latin word does not make the text Cyrillic
    if _CYRILLIC.search(re.sub(r"(?<=[a-z])ё|ё(?=[a-z])", "", lowered)):
        return False
    # "i" and "to" are also Russian "и", "то" in translit: they count for neither side
    english = [w for w in _ENGLISH.findall(lowered) if w not in ("i", "to")]
    cues = [c for c in _TRANSLIT_CUE.findall(lowered) if c not in _ENGLISH_FORMS]
    cues += _TRANSLIT_WORDS.findall(lowered)
    return bool(cues) and len(cues) > len(english)


def from_translit(text: str) -> str:
    """ "dolg 500 tysyach" -> "долг 500 тысяч"; a vowel before "y" makes it "й" ("moy")."""

    def word(match: re.Match[str]) -> str:
        latin = re.sub(r"(?<=[aeiou])y(?![aeiou])", "j", match.group(0))
        for pair, letter in _TRANSLIT:
            latin = latin.replace(pair, letter)
        return latin

    cyrillic = _LATIN_RUN.sub(word, text.lower())
    return _SOFT_SIGN_WORDS.sub(lambda m: _SOFT_SIGNS[m.group(0)], cyrillic)
