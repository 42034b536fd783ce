"""Checks an LLM-written reply against the plan and the never-say list (pure).

`check_reply` returns None when the text may be sent, otherwise a short reason
code that is stored on the reply row ("guarantee", "ungrounded_number", ...).
The order of the checks:

1. normalise: NFKC, zero-width and odd spacing removed, look-alike Latin and
   Greek letters inside Cyrillic words folded, s p a c e d letters joined,
   numbers written in words turned into digits;
2. leaks: the canary in any spacing, case or alphabet; the prompt's markers
   and role labels; a long verbatim run of the system prompt or stage goals;
3. claims matched on meaning: lemmas (pymorphy3) against the phrase families
   of prompts/llm_never_say.toml, one family per never-say class;
4. grounding: every number, link, e-mail and phone must come from the draft,
   the person's own words or configuration;
   and beyond the words: an outcome promised in the future tense with no hedge,
   an assurance about the case, a claim-laden word neither the draft nor the
   person used (the model rewords, it does not add);
5. what the plan needs: the booking's phone and time, the not_a_fit reason and
   alternatives, the consent link, the route and its consequences, the answers
   to the person's asks (stem groups), the statutory warning word for word, the
   script question; a text too short to be a sentence is no reply.

The checks are deliberately conservative: a false alarm costs only a scripted
reply instead of the LLM's, a miss costs an unlawful promise.
"""

from __future__ import annotations

import math
import re
import tomllib
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

import pymorphy3

from credit_expert.models import Ask, Event, Topic, Verdict, WriteRequest
from credit_expert.scripted_writer import (
    PROMPTS_DIR,
    STATUTORY_WARNING,
    ScriptedWriter,
    answer_stems,
    format_phone,
    load_texts,
)

NEVER_SAY_FILE = PROMPTS_DIR / "llm_never_say.toml"
PROMPT_FILES = (PROMPTS_DIR / "llm_system.md", PROMPTS_DIR / "llm_stage_goals.toml")

MAX_CHARS = 700
MAX_SENTENCES = 5
# Plans that carry a whole explanation (route and consequences, honest exit,
# booking confirmation, help) get a little more room, as the script does.
MAX_SENTENCES_RICH = 7
RICH_EVENTS = frozenset(
    {Event.VERDICT_READY, Event.OFFER_AT_BOOKING, Event.NOT_A_FIT, Event.BOOKED, Event.HELP}
)
# «а», «я», «отправляем», «недавно» were sent as whole replies by a small model.
MIN_WORDS = 3
MIN_LETTERS = 12

# Figures of the configured facts a reply may use without the draft: 5 / 3 years,
# 6–12 months, the 7-year writ, 112 (emergency number), the 25 000 ₽ deposit and the
# МФЦ bounds (25 000 – 1 000 000 ₽).
CONFIGURED_NUMBERS = frozenset({3, 5, 6, 7, 12, 112, 25_000, 1_000_000})
SMALL_COUNTS = frozenset({0, 1, 2})  # "один вопрос", "пара минут": never a fact to ground
OWN_AMOUNT_TOLERANCE = 0.05  # "около 1,2 млн" for a debt of 1 234 567 ₽
PROMPT_LEAK_WORDS = 8  # this many words in a row from the system prompt is a leak

# Reasons that judge the shape of a reply, not what it claims.
SHAPE_REASONS = frozenset(
    {"too_long", "too_many_sentences", "extra_question", "question_not_last", "too_short"}
)

# --- 1. Normalisation ------------------------------------------------------------------------

_HOMOGLYPHS = str.maketrans(
    {
        # Latin look-alikes
        "a": "а", "b": "ь", "c": "с", "e": "е", "k": "к", "m": "м", "n": "п", "o": "о",
        "p": "р", "r": "г", "u": "и", "x": "х", "y": "у", "A": "А", "B": "В", "C": "С",
        "E": "Е", "H": "Н", "K": "К", "M": "М", "O": "О", "P": "Р", "T": "Т", "X": "Х",
        "Y": "У", "3": "з", "0": "о",
        # Greek look-alikes
        "α": "а", "ε": "е", "ο": "о", "ρ": "р", "τ": "т", "κ": "к", "χ": "х", "υ": "у",
        "Α": "А", "Β": "В", "Ε": "Е", "Η": "Н", "Κ": "К", "Μ": "М", "Ο": "О", "Ρ": "Р",
        "Τ": "Т", "Χ": "Х", "Υ": "У",
    }
)  # fmt: skip
_TO_LATIN = str.maketrans(
    {
        "а": "a", "в": "b", "с": "c", "е": "e", "к": "k", "м": "m", "н": "h", "о": "o",
        "р": "p", "т": "t", "х": "x", "у": "y", "і": "i", "ј": "j", "ѕ": "s",
    }
)  # fmt: skip
_CYR = re.compile(r"[а-яё]", re.IGNORECASE)
_LATIN_OR_GREEK = re.compile(r"[a-zα-ω]", re.IGNORECASE)
_WORD = re.compile(r"\w+")
_LATIN_IN_WORD = re.compile(r"[a-zA-Zα-ωΑ-Ω]")
_DIGIT_IN_WORD = re.compile(r"(?<=[а-яёА-ЯЁ])[03](?=[а-яёА-ЯЁ])")
# Four or more single characters separated by one space or mark: "г а р а н т".
_SPACED = re.compile(r"(?<!\w)(?:\w[ .\-_*·•|/\\~+]){3,}\w(?!\w)")

_NUMBER_WORDS: dict[str, int] = {
    "ноль": 0, "один": 1, "два": 2, "три": 3, "четыре": 4, "пять": 5, "шесть": 6, "семь": 7,
    "восемь": 8, "девять": 9, "десять": 10, "одиннадцать": 11, "двенадцать": 12,
    "тринадцать": 13, "четырнадцать": 14, "пятнадцать": 15, "шестнадцать": 16,
    "семнадцать": 17, "восемнадцать": 18, "девятнадцать": 19, "двадцать": 20, "тридцать": 30,
    "сорок": 40, "пятьдесят": 50, "шестьдесят": 60, "семьдесят": 70, "восемьдесят": 80,
    "девяносто": 90, "сто": 100, "двести": 200, "триста": 300, "четыреста": 400,
    "пятьсот": 500, "шестьсот": 600, "семьсот": 700, "восемьсот": 800, "девятьсот": 900,
}  # fmt: skip
_MULTIPLIERS = {
    "тысяча": 1_000, "тыща": 1_000, "косарь": 1_000, "миллион": 1_000_000, "лям": 1_000_000,
    "лимон": 1_000_000, "миллиард": 1_000_000_000, "ярд": 1_000_000_000,
}  # fmt: skip
# Money slang a figure hides in: "обойдётся в полтинник", "пара соток".
_SLANG_NUMBERS = {
    "десятка": 10, "двадцатка": 20, "тридцатка": 30, "сороковник": 40, "полтинник": 50,
    "полтос": 50, "сотка": 100, "сотня": 100, "стольник": 100, "пятихатка": 500,
}  # fmt: skip
_HALVES = {"полтора": 1.5, "полмиллиона": 500_000}


@cache
def _morph() -> pymorphy3.MorphAnalyzer:
    return pymorphy3.MorphAnalyzer()


# Comparatives pymorphy3 would turn into adjectives ("лучше" -> "хороший"): advice words.
_KEEP_FORM = frozenset({"лучше", "хуже", "больше", "меньше", "раньше", "позже", "дальше"})


@lru_cache(maxsize=50_000)
def lemma(word: str) -> str:
    if not _CYR.search(word) or word in _KEEP_FORM:
        return word
    if word.startswith("управляющ"):
        return "управляющий"  # the financial manager, not the verb "управлять"
    return str(_morph().parse(word)[0].normal_form).replace("ё", "е")


@lru_cache(maxsize=50_000)
def _future_lemmas(word: str) -> frozenset[str]:
    """Verbs this word can be in the indicative future: «признают» -> признать."""
    if not _CYR.search(word):
        return frozenset()
    return frozenset(
        str(p.normal_form).replace("ё", "е")
        for p in _morph().parse(word)[:4]
        if {"VERB", "futr", "indc"} <= p.tag.grammemes
    )


@lru_cache(maxsize=50_000)
def _number_value(word: str) -> float | None:
    low = word.lower()
    if not _CYR.search(low):
        return None
    parse = _morph().parse(low)[0]
    base = str(parse.normal_form)
    if base in _HALVES:
        return _HALVES[base]
    if base in _SLANG_NUMBERS:
        return float(_SLANG_NUMBERS[base])
    if base in _MULTIPLIERS:
        return float(_MULTIPLIERS[base]) * -1  # negative: a multiplier, not a count
    if base in _NUMBER_WORDS and ("NUMR" in parse.tag or base == "один"):
        return float(_NUMBER_WORDS[base])
    return None


# Signs that stand for words: "💯" is "100 %".
_SIGN_WORDS = str.maketrans({"💯": " 100 % "})


def normalise(text: str) -> str:
    """The text as a checker should read it; letters keep their case."""
    text = unicodedata.normalize("NFKC", text).translate(_SIGN_WORDS)
    text = "".join(
        " " if unicodedata.category(ch) in ("Zs", "Zl", "Zp") or ch == "\t" else ch
        for ch in text
        # zero-width, soft hyphen, direction marks; stress marks and other stray
        # combining marks left after NFKC composed й and ё ("гаранти́руем")
        if unicodedata.category(ch) not in ("Cf", "Mn")
    )
    text = re.sub(r"[ ]{2,}", " ", text)
    text = _SPACED.sub(lambda m: re.sub(r"[ .\-_*·•|/\\~+]", "", m.group(0)), text)
    text = _WORD.sub(_fold_word, text)
    text = _spelled_contacts(text)
    return _words_to_digits(text)


# A contact spelled out to slip past the link and e-mail checks:
# "ivanov собака yandex точка ru", "lawyer [at] firm [dot] ru", "сайт dolgi-net точка ру".
_AT_WORD = re.compile(
    r"(?<=[a-z0-9_])\s*(?:[\[(<{]\s*(?:at|собака|собачка)\s*[\])>}]|\s(?:at|собака|собачка|эт)\s)\s*"
    r"(?=[a-z0-9_])",
    re.IGNORECASE,
)
_DOT_WORD = re.compile(
    r"(?<=[a-z0-9_])\s*(?:[\[(<{]\s*(?:dot|точка)\s*[\])>}]|\s(?:dot|точка)\s)\s*(?=[a-zа-я0-9])",
    re.IGNORECASE,
)
_SPELLED_ZONES = {"ру": "ru", "рф": "рф", "ком": "com", "нет": "net", "орг": "org", "су": "su"}


def _spelled_contacts(text: str) -> str:
    text = _AT_WORD.sub("@", text)
    text = _DOT_WORD.sub(".", text)
    return re.sub(
        r"(?<=[a-z0-9_])\.(ру|рф|ком|нет|орг|су)\b",
        lambda m: "." + _SPELLED_ZONES[m.group(1).lower()],
        text,
        flags=re.IGNORECASE,
    )


def _fold_word(match: re.Match[str]) -> str:
    word = match.group(0)
    cyrillic = len(_CYR.findall(word))
    if cyrillic and _LATIN_OR_GREEK.search(word):
        word = _LATIN_IN_WORD.sub(lambda m: m.group(0).translate(_HOMOGLYPHS), word)
    return _DIGIT_IN_WORD.sub(lambda m: m.group(0).translate(_HOMOGLYPHS), word)


def _words_to_digits(text: str) -> str:
    """«триста рублей» -> «300 рублей», «восемь девятьсот двадцать два» -> «8 922»."""
    tokens = list(_WORD.finditer(text))
    out: list[str] = []
    position = 0
    index = 0
    while index < len(tokens):
        first = tokens[index]
        value = _number_value(first.group(0))
        if value is None:
            index += 1
            continue
        run = [first]
        values = [value]
        while index + len(run) < len(tokens):
            following = tokens[index + len(run)]
            if text[run[-1].end() : following.start()].strip():
                break
            next_value = _number_value(following.group(0))
            if next_value is None:
                break
            run.append(following)
            values.append(next_value)
        index += len(run)
        if values == [1]:
            continue  # «ни одного», «одна МФО»: a word, not a figure
        if values[0] < 0 and re.search(r"\d[\s\u00a0]*$", text[: first.start()]):
            continue  # «300 тысяч»: the unit of a figure in digits stays a word
        out.append(text[position : first.start()])
        out.append(" ".join(_format_number(n) for n in _group_numbers(values)))
        position = run[-1].end()
    out.append(text[position:])
    return "".join(out)


def _group_numbers(values: Sequence[float]) -> list[float]:
    """Number words in a row, split where a new figure starts: 8 | 922 | 600 | 11 | 22."""
    numbers: list[float] = []
    total = current = 0.0
    last = math.inf  # size of the last word: 3 hundreds, 2 tens, 1 units and teens
    started = False
    for value in values:
        if value < 0:  # тысяча, миллион
            total += (current or 1) * -value
            current, last, started = 0.0, 4, True
            continue
        size = 3 if value >= 100 else 2 if value >= 20 else 1
        if started and size >= last:
            numbers.append(total + current)
            total = current = 0.0
        current += value
        last = 1 if value < 20 else size
        started = True
    if started:
        numbers.append(total + current)
    return numbers


def _format_number(value: float) -> str:
    return str(int(value)) if value == int(value) else str(value).replace(".", ",")


# --- Sentences and their words ----------------------------------------------------------------

_URL = re.compile(r"(?:https?://|www\.)\S*[^\s.,;:!?»)\]]", re.IGNORECASE)
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# A link without its scheme: "bit.ly/x", "t.me/chan", "spisat-dolgi.ru", "долги.рф".
_BARE_LINK = re.compile(
    r"(?<![\w@./-])(?:[a-zа-яё0-9](?:[a-zа-яё0-9-]*[a-zа-яё0-9])?\.)+"
    r"(?:ru|рф|com|net|org|su|io|me|ly|cc|info|biz|pro|online|site|link|to|gl|sh|app|xyz|ai|"
    r"dev|club|shop|store|by|kz|ua|рус|moscow|tech|space|website|page|tel|cloud)\b"
    r"(?:/\S*[^\s.,;:!?»)\]])?",
    re.IGNORECASE,
)
# A messenger handle: "@yurist_anna", "@daria_help_bot".
_HANDLE = re.compile(r"(?<![\w.@])@[a-z][a-z0-9_]{2,}", re.IGNORECASE)
_LETTER = re.compile(r"[^\W\d_]")
_SENTENCE_END = re.compile(r"[.!?…]+(?=\s|$)|\n+")
_TOKEN = re.compile(r"[a-zа-яё]+|\d+(?:[.,]\d+)?|%")
_CLAUSE_SPLIT = re.compile(r"[,;()]|\s(?:и|а|но|однако|зато)\s")
PHONE_LIKE = re.compile(r"(?<!\d)\+?\d(?:[\s()-]*\d){9,}")


def sentences(text: str) -> list[str]:
    bare = _URL.sub("ссылка", text)
    parts = _SENTENCE_END.split(bare)
    return [p.strip() for p in parts if _LETTER.search(p)]


def is_russian(text: str) -> bool:
    letters = _LETTER.findall(_URL.sub("", _EMAIL.sub("", text)))
    if not letters:
        return False
    cyrillic = sum(1 for ch in letters if _CYR.match(ch))
    return cyrillic / len(letters) >= 0.8


@dataclass(frozen=True)
class Line:
    forms: str  # lower-case words as written, one space apart
    lemmas: str  # the same words in dictionary form


def words_line(text: str) -> Line:
    tokens = _TOKEN.findall(text.lower())
    forms = " ".join(t.replace("ё", "е") for t in tokens)
    lemmas = " ".join(lemma(t) for t in tokens)
    return Line(forms, lemmas)


# --- 3. Never-say families ---------------------------------------------------------------------


@dataclass(frozen=True)
class Family:
    reason: str
    lemma_patterns: tuple[re.Pattern[str], ...]
    form_patterns: tuple[re.Pattern[str], ...]
    unless: tuple[re.Pattern[str], ...]
    unless_forms: tuple[re.Pattern[str], ...] = ()
    negatable: bool = False
    clause: bool = False
    statements_only_forms: bool = False  # "не вносите" in a question is no advice
    hedge_own_part: bool = False  # `unless` is a hedge: it covers only its part of a sentence
    context: re.Pattern[str] | None = None


_NEGATION_BEFORE = re.compile(
    r"\b(не|ни|нет|никто|никакой|без|нельзя)\s((мочь|можно|стать|иметь|давать|дать|бывать|быть|"
    r"вправе|бы|заранее|никакой|даже|один|никто|совсем|вовсе|это|являться|мы|я|право)\s){0,2}$"
)
_NEGATION_INSIDE = re.compile(r"\b(не|ни|нет|никто|никакой|без)\b")
# "такой программы нет", "программы не существует"
_NEGATION_AFTER = re.compile(r"\s(нет|не существовать|не быть|не действовать|никакой)\b")
_SPELLS_NEGATION = re.compile(r"(?<![а-я])(не|ни|без)[ )\\]")


@cache
def families(path: Path = NEVER_SAY_FILE) -> tuple[tuple[Family, ...], tuple[re.Pattern[str], ...]]:
    with path.open("rb") as file:
        data = tomllib.load(file)
    english = tuple(re.compile(p) for p in data.pop("english")["patterns"])
    found = []
    for name, spec in data.items():
        patterns = spec.get("patterns", [])
        unless = spec.get("unless", [])
        context = spec.get("context")
        found.append(
            Family(
                reason=spec.get("reason", name),  # several tables may share one reason
                lemma_patterns=tuple(re.compile(p) for p in patterns if not p.startswith("form:")),
                form_patterns=tuple(
                    re.compile(p.removeprefix("form:")) for p in patterns if p.startswith("form:")
                ),
                unless=tuple(re.compile(p) for p in unless if not p.startswith("form:")),
                unless_forms=tuple(
                    re.compile(p.removeprefix("form:")) for p in unless if p.startswith("form:")
                ),
                negatable=bool(spec.get("negatable", False)),
                hedge_own_part=bool(spec.get("hedge_own_part", False)),
                clause=bool(spec.get("clause", False)),
                statements_only_forms=bool(spec.get("statements_only_forms", False)),
                context=re.compile(context) if context else None,
            )
        )
    return tuple(found), english


def never_said(text: str) -> str | None:
    """The never-say class the (normalised) text falls into, if any.

    The text is read as written, then as it would read with its disguises
    undone: words broken by hyphens joined ("бес-плат-но"), Russian written in
    Latin letters transliterated ("garantiruem spisanie").
    """
    for variant in dict.fromkeys((text, _hyphens_joined(text), _transliterated(text))):
        found = _never_said_as_written(variant)
        if found is not None:
            return found
    return None


def _never_said_as_written(text: str) -> str | None:
    family_list, english = families()
    lowered = text.lower()
    for sentence, question in _sentences_with_kind(text):
        line = _double_negations_read(words_line(sentence))
        for family in family_list:
            if _family_matches(family, sentence, line, question):
                return family.reason
        if not question:
            meaning = _unhedged_claim(line, sentence)
            if meaning is not None:
                return meaning
    if any(p.search(lowered) for p in english):
        return "english_claim"
    return _broken_stem(text)


# A rhetorical question is a statement: "Разве суд откажет?", "Зачем платить банкам?"
_RHETORICAL = re.compile(
    r"^\W*(а |ну |и )?(разве|неужели|зачем|к чему|для чего|почему бы|кто ж|кто же|что ж|"
    r"стоит ли|есть ли смысл|какой смысл|какой толк|смысл)\b|\bли вообще\b",
    re.IGNORECASE,
)


def _sentences_with_kind(text: str) -> list[tuple[str, bool]]:
    """Sentences, each with whether it is a real question to the person.

    Only the last sentence of a reply may ask (the plan's question); a question
    before it, or one that answers itself, is read as the statement it makes.
    """
    bare = _URL.sub("ссылка", text)
    found = []
    matches = [
        m for m in re.finditer(r"[^.!?…\n]+([.!?…]+|\n|$)", bare) if _LETTER.search(m.group(0))
    ]
    for index, match in enumerate(matches):
        sentence = match.group(0).strip()
        asks = "?" in match.group(1)
        last = index == len(matches) - 1
        found.append((sentence, asks and last and not _RHETORICAL.search(sentence)))
    return found


# "не могу не гарантировать", "нельзя не признать": two negations affirm.
_DOUBLE_NEGATION = re.compile(
    r"\b(не (мочь|можно|получиться|удаться|смочь|стать|суметь|прийтись)|нельзя|невозможно) не\b"
)


def _double_negations_read(line: Line) -> Line:
    if not _DOUBLE_NEGATION.search(line.lemmas):
        return line
    return Line(
        _DOUBLE_NEGATION.sub("обязательно", line.forms),
        _DOUBLE_NEGATION.sub("обязательно", line.lemmas),
    )


_SYLLABLE_HYPHENS = re.compile(r"(?<=[а-яё])-(?=[а-яё])", re.IGNORECASE)


def _hyphens_joined(text: str) -> str:
    return _SYLLABLE_HYPHENS.sub("", text)


# Russian typed in Latin letters (translit), longest letter groups first.
_TRANSLIT = (
    ("shch", "щ"), ("sch", "щ"), ("zh", "ж"), ("kh", "х"), ("ts", "ц"), ("ch", "ч"),
    ("sh", "ш"), ("yu", "ю"), ("ju", "ю"), ("ya", "я"), ("ja", "я"), ("yo", "ё"), ("jo", "ё"),
    ("ye", "е"), ("iy", "ий"), ("yy", "ый"), ("y", "ы"), ("j", "й"), ("a", "а"), ("b", "б"),
    ("v", "в"), ("w", "в"), ("g", "г"), ("d", "д"), ("e", "е"), ("z", "з"), ("i", "и"),
    ("k", "к"), ("l", "л"), ("m", "м"), ("n", "н"), ("o", "о"), ("p", "п"), ("r", "р"),
    ("s", "с"), ("t", "т"), ("u", "у"), ("f", "ф"), ("h", "х"), ("c", "ц"), ("x", "кс"),
    ("q", "к"), ("'", "ь"),
)  # fmt: skip
_LATIN_WORD = re.compile(r"(?<![\w@./-])[a-z']{2,}(?![\w@/-]|\.[a-z])", re.IGNORECASE)


def _transliterated(text: str) -> str:
    """Latin-only words read as Russian typed in Latin; e-mails and links stay."""

    def cyrillic(match: re.Match[str]) -> str:
        word = match.group(0).lower()
        for latin, letter in _TRANSLIT:
            word = word.replace(latin, letter)
        return word

    return _LATIN_WORD.sub(cyrillic, _URL.sub(" ", _EMAIL.sub(" ", text)))


# Beyond the phrase families: the shapes a promise takes whatever its words.
# An outcome said as a plain fact about the future ("долги уйдут", "вас
# признают банкротом", "квартира останется") is a promise unless hedged.
_OUTCOME_VERBS = frozenset(
    {"списать", "аннулировать", "обнулить", "простить", "освободить", "избавить",
     "избавиться", "освободиться", "исчезнуть", "уйти", "закрыть", "погасить", "признать",
     "выиграть", "отстать", "сохранить", "сохраниться", "остаться", "оставить", "выпустить",
     "получиться", "решить", "разрешиться", "сгореть", "пропасть", "отменить", "снять",
     "забыть", "растаять", "испариться", "улетучиться", "раствориться", "обнулиться", "кануть",
     "рассосаться", "сгинуть", "списаться", "закрыться", "погаситься", "утвердить",
     "удовлетворить"}
)  # fmt: skip
_OUTCOME_OBJECTS = re.compile(
    r"\b(долг|долговой|нагрузка|кредит|задолженность|займ|банкрот|банкротство|квартира|жилье|дом|машина|"
    r"автомобиль|имущество|дача|граница|выезд|проблема|вопрос|дело|банк|коллектор|пристав|"
    r"списание|свободный|все|обязательство|яма|бремя|кредитор|заем|кредитка|микрозайм)\b"
)
# A condition ("если суд признает…, то…") is no hedge: a promise on a condition is
# still a promise. Only the outcome named inside the condition is not promised.
_HEDGES = re.compile(
    r"\b((?<!не )мочь|можно|возможно|вероятно|скорее|как правило|по общий правило|обычно|"
    r"зависеть|шанс|оценить|уточнить|вряд ли|решать|решение|иногда|"
    r"не исключать|может быть|проверить|разобрать|подсказать|посмотреть|рассказать|надеяться)\b"
)
_CONDITION = re.compile(
    r"^\W*(если|когда|в случае|при условии|пока|как только|после того как)\b", re.IGNORECASE
)
_CLAUSE_MARKS = re.compile(r"[,;:()—–]| - ")
# Words of assurance that turn any domain sentence into a promise.
_ASSURANCE_FORMS = re.compile(
    r"(?<!\bне )\b(обещаю|обещаем|клянусь|гарантирую|даю слово|даем слово|поверьте|верьте|"
    r"уверяю|уверяем|будьте уверены|можете быть уверены|не сомневайтесь)\b"
)
# Comfort is a promise only when nothing in the sentence hedges it:
# "не волнуйтесь: жильё по общему правилу остаётся" is honest.
_COMFORT_FORMS = re.compile(
    r"(?<!\bне )\b(будьте спокойны|можете быть спокойны|спите спокойно|можете спать спокойно|"
    r"не переживайте|не волнуйтесь|не беспокойтесь|выдохните|расслабьтесь|"
    r"(можно|можете) не (волноваться|переживать|беспокоиться))\b"
)
_ASSURANCE = re.compile(
    r"(?<!\bне )\b(уверенный|"
    r"не сомневаться|безусловно|несомненно|всегда|никогда|в полный безопасность|"
    r"в безопасность|все быть хорошо|все будет хорошо|не о что беспокоиться|"
    r"железно|железобетонно|стопроцентно|считать что|наверняка|однозначно|непременно|"
    r"определенно|бесспорно|гарантированно|хеппи|хэппи|счастливый конец|"
    r"(сомневаться|сомнение)( \w+){0,3} (не приходиться|не стоить|не нужно|не надо|незачем)|"
    # certainty idioms: "чистая формальность", "дело техники", "как дважды два"
    r"формальность|дело техника|вопрос время|дважды два|верняк|сто пудов|стопудово|"
    r"стопудовый|без вариант|к гадалка|зуб давать|на весь 100|на все 100|как пить дать|"
    r"(известный|ясный|понятный) заранее|заранее (известный|ясный|понятный)|предрешить|"
    r"предсказуемый|"
    r"предрешенный|никакой сомнение|сомнение нет|нет сомнение|без сомнение|без всякий сомнение|"
    r"сомневаться не приходиться|не сомневаться|100 %)\b"
)
_DOMAIN = re.compile(
    r"\b(долг|долговой|кредит|задолженность|займ|суд|списание|списать|банкротство|банкрот|квартира|"
    r"жилье|дом|машина|автомобиль|имущество|граница|выезд|рубеж|история|сделка|управляющий|"
    r"пристав|коллектор|работодатель|отказ|свободный|признать|навстречу|обязательство|кредитор|"
    r"процедура|признание|освобождение|результат|итог|исход|заем)\b"
)
_ASSURANCE_EXCUSED = re.compile(
    r"\b(не (мочь|можем|стать|буду) (\w+ )?(по)?обещать|(по)?обещать (\w+ ){0,6}не (мочь|можем)|"
    r"(по)?обещать (\w+ ){0,3}нельзя|"
    r"никто не (мочь )?((по)?обещать|гарантировать)|нельзя (по)?обещать|не (по)?обещать)\b"
)


def _unhedged_claim(line: Line, sentence: str) -> str | None:
    parts = _ADVERSATIVE.split(sentence)
    if len(parts) > 1:
        for part in parts:
            found = _unhedged_claim_in(_double_negations_read(words_line(part)), part)
            if found is not None:
                return found
    return _unhedged_claim_in(line, sentence)


def _unhedged_claim_in(line: Line, sentence: str) -> str | None:
    lemmas = line.lemmas
    if _ASSURANCE_EXCUSED.search(lemmas):
        pass
    elif _ASSURANCE_FORMS.search(line.forms):
        return "guarantee"  # "обещаю", "клянусь", "уверяю": Daria vouches for nothing
    elif _ASSURANCE.search(lemmas) and _DOMAIN.search(lemmas):
        return "guarantee"
    if _HEDGES.search(lemmas):
        return None
    if _COMFORT_FORMS.search(line.forms) and _DOMAIN.search(lemmas):
        return "guarantee"
    if not _OUTCOME_OBJECTS.search(lemmas):
        return None
    clauses = _CLAUSE_MARKS.split(sentence)
    for index, clause in enumerate(clauses):
        if _CONDITION.search(clause):
            continue  # "если суд признает вас банкротом, …": the condition promises nothing
        clause_line = words_line(clause)
        # the outcome must be the case's ("разговор получится предметнее" is not), said
        # in the verb's clause or the next ("вы забудете, что такое коллекторы")
        following = words_line(clauses[index + 1]).lemmas if index + 1 < len(clauses) else ""
        if not _OUTCOME_OBJECTS.search(f"{clause_line.lemmas} {following}"):
            continue
        words = clause_line.forms.split()
        for index, word in enumerate(words):
            if index and words[index - 1] in ("не", "ни"):
                continue
            if _future_lemmas(word) & _OUTCOME_VERBS:
                return "guarantee"
    return None


def _english_sentence(text: str) -> bool:
    """A whole sentence in English: Daria speaks Russian, whatever it says."""
    for sentence in sentences(_EMAIL.sub(" ", text)):
        latin = re.findall(r"[a-z]+", sentence.lower())
        letters = _LETTER.findall(sentence)
        if len(latin) >= 3 and sum(map(len, latin)) > len(letters) / 2:
            return True
    return False


def _family_matches(family: Family, sentence: str, line: Line, question: bool) -> bool:
    if family.clause:
        return _clause_matches(family, sentence, line)
    if not _excused(family, line):
        return _claims(family, line, question)
    if not family.hedge_own_part:
        return False
    # "Юрист всё уточнит, но долги спишут в любом случае": a hedge covers its own
    # part of the sentence, not a promise joined to it by "но" or "а".
    parts = _ADVERSATIVE.split(sentence)
    return len(parts) > 1 and any(
        _claims(family, part_line, question) and not _excused(family, part_line)
        for part in parts
        if (part_line := _double_negations_read(words_line(part))).forms
    )


_ADVERSATIVE = re.compile(
    r"[;]|,\s*(?:но|а|однако|хотя|зато|тем не менее|впрочем)\s|\s[—–-]\s(?:но|а|однако|хотя)\s",
    re.IGNORECASE,
)


def _excused(family: Family, line: Line) -> bool:
    return any(p.search(line.lemmas) for p in family.unless) or any(
        p.search(line.forms) for p in family.unless_forms
    )


def _claims(family: Family, line: Line, question: bool) -> bool:
    for pattern in () if question and family.statements_only_forms else family.form_patterns:
        if _hit(pattern, line.forms, family.negatable):
            return True
    return any(_hit(p, line.lemmas, family.negatable) for p in family.lemma_patterns)


def _hit(pattern: re.Pattern[str], line: str, negatable: bool) -> bool:
    # a pattern that spells a negation itself ("проблем не будет") is not excused by one
    negatable = negatable and not _SPELLS_NEGATION.search(pattern.pattern)
    for match in pattern.finditer(line):
        if not negatable:
            return True
        inside = _NEGATION_INSIDE.search(match.group(0))
        before = _NEGATION_BEFORE.search(line[: match.start()])
        after = _NEGATION_AFTER.match(line, match.end())
        if inside is None and not before and not after:
            return True
    return False


_MFC_TALK = re.compile(r"\b(мфц|внесудебный)\b")


def _clause_matches(family: Family, sentence: str, line: Line) -> bool:
    """A free-of-charge word about the firm's service, not the consultation or МФЦ."""
    assert family.context is not None
    allowed = family.unless
    for clause in _CLAUSE_SPLIT.split(sentence):
        if not clause or not clause.strip():
            continue
        words = words_line(clause).lemmas
        if not any(p.search(words) for p in family.lemma_patterns):
            continue
        if any(p.search(words) for p in allowed):
            continue
        if _MFC_TALK.search(line.lemmas):
            continue  # free words in a sentence about МФЦ are about МФЦ
        if family.context.search(words):
            return True
        if family.context.search(line.lemmas) and not any(p.search(line.lemmas) for p in allowed):
            return True
    return False


# Stems an honest reply never breaks apart: "гарант ируем", "гос программа".
_BROKEN_STEMS = {
    "гарантир": "guarantee",
    "гарантия": "guarantee",
    "госпрограм": "state_program",
    "государственнаяпрограм": "state_program",
    "бесплатнаяпроцедурабанкротства": "free_procedure",
    "перестаньтеплатить": "advice_to_stop_paying",
}


def _broken_stem(text: str) -> str | None:
    spaced = re.sub(r"[^а-яё ]", "", text.lower())
    squeezed = spaced.replace(" ", "")
    for stem, reason in _BROKEN_STEMS.items():
        if squeezed.count(stem) > spaced.count(stem):
            return reason
    return None


# --- 2. Leaks ----------------------------------------------------------------------------------

_MARKERS = re.compile(
    r"<<<|>>>|черновик|опорн\w* текст|ход диалога|служебн|клиенту не показывать|"
    r"вопрос в конце|(?:^|\n)\s*(?:system|assistant|user|клиент|дарья|daria|этап|известно|"
    r"маршрут|упомянуть)\s*:|\bsystem prompt|\bsystem:|\bassistant:|\[/?inst\]|<\|?im_(start|end)"
    r"|<start_of_turn>|<end_of_turn>|\{\{\s*canary",
    re.IGNORECASE,
)


def _skeleton(text: str) -> str:
    """Letters and digits only, in one alphabet: what survives any spacing or disguise."""
    folded = unicodedata.normalize("NFKC", text).lower().translate(_TO_LATIN)
    return re.sub(r"[\W_]", "", folded)


def canary_leaked(text: str, canary: str) -> bool:
    if not canary:
        return False
    skeleton = _skeleton(text)
    secret = _skeleton(canary.removeprefix("CANARY-"))
    if "canary" in skeleton or _skeleton(canary) in skeleton:
        return True
    # any half of the secret is as good as the whole for a probe
    half = max(8, len(secret) // 2)
    return any(secret[i : i + half] in skeleton for i in range(len(secret) - half + 1))


@cache
def _prompt_ngrams() -> frozenset[tuple[str, ...]]:
    """Word runs of the system prompt and goals that the script's own texts never say."""
    script_words = [
        words_line(v).forms.split() for vs in load_texts().variants.values() for v in vs
    ]
    script = {g for words in script_words for g in _ngrams(words)}
    prompt = set()
    for line in _instruction_lines():
        prompt |= _ngrams(words_line(normalise(line)).lemmas.split())
    return frozenset(prompt - script)


def _instruction_lines() -> list[str]:
    """The prompt's rules and goals; its facts and doubt playbooks are there to be said."""
    lines = []
    for path in PROMPT_FILES:
        saying = True
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.startswith("# "):
                saying = not line.startswith(("# Факты", "# Сомнения"))
            if saying:
                lines.append(line)
    return lines


def _ngrams(words: Sequence[str], size: int = PROMPT_LEAK_WORDS) -> set[tuple[str, ...]]:
    words = [w for w in words if not w[0].isdigit()]  # figures are grounded, not leaked
    return {tuple(words[i : i + size]) for i in range(len(words) - size + 1)}


@cache
def _prompt_short_lines() -> tuple[str, ...]:
    """Whole prompt lines too short for the run check («reply — текст сообщения Дарьи»)."""
    script = " | ".join(words_line(v).forms for vs in load_texts().variants.values() for v in vs)
    found = []
    for line in _instruction_lines():
        words = words_line(normalise(line)).forms
        if 4 <= len(words.split()) < PROMPT_LEAK_WORDS and words not in script:
            found.append(f" {words} ")
    return tuple(found)


def prompt_leaked(text: str, draft: str) -> bool:
    line = words_line(text)
    forms = line.forms
    reply = _ngrams(line.lemmas.split())
    allowed = _ngrams(words_line(normalise(draft)).lemmas.split())
    if (reply - allowed) & _prompt_ngrams():
        return True
    padded = f" {forms} "
    return any(line in padded for line in _prompt_short_lines())


# --- 3a. No new claims --------------------------------------------------------------------------
# The model rewords the draft: "факты из него не меняй и не добавляй новых". A
# sentence that brings a claim-laden word the draft and the person never used
# ("квартира", "бесплатно", "государство" in a reply about creditors) adds a
# claim nobody checked, whatever its phrasing. Words of one meaning count as one.

_CLAIM_WORDS: tuple[frozenset[str], ...] = tuple(
    frozenset(group.split())
    for group in (
        "списать списание списывать списываться освободить освобождение освобождать "
        "освободиться избавить избавиться аннулировать простить прощать обнулить "
        "аннулирование обнуление прощение обнулиться",
        "гарантия гарантировать гарантированный гарантированно обещать пообещать обещание "
        "стопроцентный стопроцентно верняк формальность навсегда",
        "бесплатный бесплатно даром безвозмездно подарок халява",
        "стоимость цена тариф гонорар госпошлина пошлина оплата оплатить заплатить прайс "
        "расход затрата издержки комиссия",
        "квартира жилье дом комната жилплощадь ипотека жилище недвижимость крыша",
        "машина автомобиль авто",
        "дача участок гараж",
        "граница выезд заграница рубеж загранпаспорт отпуск пограничник погранконтроль аэропорт "
        "самолет путешествовать путешествие летать лететь полететь улететь поездка море курорт",
        "работодатель увольнение уволить бухгалтерия",
        "сделка продажа продать подарить дарение переоформить переоформление переписать "
        "дарственная отписать",
        "государство государственный правительство президент амнистия минфин указ власть госдума",
        "адвокат нотариус оператор",
        "последствие ограничение запрет",
        "успех исход победа выиграть успешный успешно проиграть проигрыш поражение неудача "
        "выигрышный беспроигрышный выигрыш свобода предсказуемый",
        "турция египет таиланд европа заграничный зарубежный",
        # a bank or a messenger nobody named is an identity or a contact nobody gave
        "сбербанк сбер втб тинькофф газпромбанк совкомбанк райффайзенбанк росбанк",
        "сайт вотсап ватсап вацап whatsapp viber вайбер телеграм телеграмм telegram инстаграм "
        "instagram вконтакте вк мессенджер личка директ",
        # who wrote the bot's rules is no topic of a reply
        "инструкция промпт сценарий скрипт разработчик",
    )
)
_CLAIM_GROUP = {word: index for index, group in enumerate(_CLAIM_WORDS) for word in group}


def _claim_groups(lemmas: str) -> set[int]:
    return {_CLAIM_GROUP[w] for w in lemmas.split() if w in _CLAIM_GROUP}


def unsupported_claim(text: str, sources: Iterable[str]) -> bool:
    supported: set[int] = set()
    for source in sources:
        supported |= _claim_groups(words_line(normalise(source)).lemmas)
    return any(
        _claim_groups(words_line(sentence).lemmas) - supported
        for variant in dict.fromkeys((text, _hyphens_joined(text), _transliterated(text)))
        for sentence in sentences(variant)
    )


# --- 4. Grounding ------------------------------------------------------------------------------

_NUMBER = re.compile(
    r"(?<![\w.,])(\d{1,3}(?:[ \u00a0\u202f]\d{3})+|\d+(?:[.,]\d+)?)(?![\d])\s*"
    r"(млн\.?|миллион\w*|млрд\.?|миллиард\w*|тыс\.?|тысяч\w*|к\b)?\s*(₽|руб\w*\.?|р\.)?",
    re.IGNORECASE,
)
_NOT_MONEY_AFTER = re.compile(
    r"\s*(-|–|—)?\s*(\d+\s*)?(лет|год\w*|месяц\w*|мес\b|дн\w*|недел\w*|час\w*|минут\w*|"
    r"процент\w*|%|-?ФЗ|кредитор\w*|банк\w*|раз\w*|МФО|карт\w*|займ\w*)",
    re.IGNORECASE,
)
_FEE_WORDS = re.compile(
    r"пошлин|стоимост|стоит|стоят|цен[аеуы]|тариф|обойд|гонорар|услуг|бер[её]м|берут|комисси|"
    r"от сумм|сбор|взнос|прайс|выйдет",
    re.I,
)


@dataclass(frozen=True)
class Grounds:
    """What a reply may quote: figures, links, e-mails and phones from known sources."""

    numbers: frozenset[float]
    amounts: tuple[int, ...]  # the person's own sums, matched with a tolerance
    links: frozenset[str]
    emails: frozenset[str]
    phones: frozenset[str]  # last 10 digits
    percents: frozenset[float]  # a share is grounded only by a share: "3 %" is not "3 года"


def grounds_for(request: WriteRequest, draft: str, extra: Iterable[str] = ()) -> Grounds:
    sources = [draft, request.user_text, *(h.text for h in request.history if h.role == "user")]
    sources += [request.privacy_policy_url, *extra]
    numbers: set[float] = set(CONFIGURED_NUMBERS)
    links: set[str] = set()
    emails: set[str] = set()
    percents: set[float] = set()
    for source in sources:
        text = normalise(source)
        numbers |= {n for value in _numbers_in(text) for n in value}
        links |= {_link_key(u) for u in _links_in(text)}
        links |= {h.lower() for h in _HANDLE.findall(_EMAIL.sub(" ", text))}
        emails |= {e.lower() for e in _EMAIL.findall(text)}
        percents |= set(_percents_in(text))
    slots = request.state.slots
    said = [request.user_text, *(h.text for h in request.history if h.role == "user")]
    own = {round(v) for s in said for value in _numbers_in(normalise(s)) for v in value}
    amounts = tuple(
        a for a in (slots.debt_total, slots.income_monthly, *sorted(own)) if a and a >= 1000
    )
    for value in (slots.creditors_count, slots.months_overdue, slots.writ_years, *amounts):
        if value is not None:
            numbers.add(float(value))
    phones = _known_phones(request) | {
        _digits(m.group(0))[-10:] for s in sources for m in PHONE_LIKE.finditer(normalise(s))
    }
    return Grounds(
        frozenset(numbers),
        amounts,
        frozenset(links),
        frozenset(emails),
        frozenset(phones),
        frozenset(percents),
    )


def _links_in(text: str) -> list[str]:
    """Links with or without a scheme (e-mails are not links)."""
    bare = _EMAIL.sub(" ", text)
    return _URL.findall(bare) + _BARE_LINK.findall(_URL.sub(" ", bare))


_PERCENT = re.compile(r"(\d+(?:[.,]\d+)?)\s*(?:%|процент)", re.IGNORECASE)


def _percents_in(text: str) -> list[float]:
    return [v for m in _PERCENT.finditer(text) if (v := _as_float(m.group(1))) is not None]


def _link_key(url: str) -> str:
    return re.sub(r"^(https?://)?(www\.)?", "", url.lower()).rstrip("/")


def _numbers_in(text: str) -> list[tuple[float, ...]]:
    """Each figure as its possible values: «950 тыс.» is 950 and 950 000."""
    bare = PHONE_LIKE.sub(" ", _EMAIL.sub(" ", _URL.sub(" ", text)))
    found: list[tuple[float, ...]] = []
    for match in _NUMBER.finditer(bare):
        raw = _as_float(match.group(1))
        if raw is None:
            continue
        unit = (match.group(2) or "").lower()
        scale = 1
        if unit.startswith(("млн", "миллион")):
            scale = 1_000_000
        elif unit.startswith(("млрд", "миллиард")):
            scale = 1_000_000_000
        elif unit.startswith(("тыс", "к")):
            scale = 1_000
        found.append((raw, raw * scale))
    return found


def _as_float(number: str) -> float | None:
    try:
        return float(re.sub(r"[\s\u00a0\u202f]", "", number).replace(",", "."))
    except ValueError:
        return None


def ungrounded(text: str, request: WriteRequest, grounds: Grounds) -> str | None:
    for url in _links_in(text):
        if _link_key(url) not in grounds.links:
            return "ungrounded_link"
    for email in _EMAIL.findall(text):
        if email.lower() not in grounds.emails:
            return "ungrounded_email"
    for handle in _HANDLE.findall(_EMAIL.sub(" ", text)):
        if handle.lower() not in grounds.links:
            return "ungrounded_contact"
    for share in _percents_in(_links_stripped(text)):
        if share not in grounds.percents:
            return "price" if _FEE_WORDS.search(text) else "ungrounded_number"
    for match in PHONE_LIKE.finditer(_URL.sub(" ", text)):
        if _digits(match.group(0))[-10:] not in grounds.phones:
            return "phone_invented"
    bare = PHONE_LIKE.sub(" ", _links_stripped(text))
    for match in _NUMBER.finditer(bare):
        raw = _as_float(match.group(1))
        if raw is None:
            continue
        raw_value, scaled = next(iter(_numbers_in(match.group(0))), (raw, raw))
        values = (scaled,) if (match.group(2) or "").strip() else (raw_value,)
        if any(v in grounds.numbers for v in values):
            continue
        if raw in SMALL_COUNTS and not (match.group(2) or match.group(3)):
            continue
        if any(abs(v - a) <= a * OWN_AMOUNT_TOLERANCE for v in values for a in grounds.amounts):
            continue
        return "price" if _is_money(match, bare) else "ungrounded_number"
    return None


def _links_stripped(text: str) -> str:
    bare = _URL.sub(" ", _EMAIL.sub(" ", text))
    return _BARE_LINK.sub(" ", bare)


def _is_money(match: re.Match[str], text: str) -> bool:
    if match.group(3):
        return True
    if _NOT_MONEY_AFTER.match(text, match.end(1)):
        return False
    if match.group(2):
        return True
    sentence_start = max(text.rfind(".", 0, match.start()), 0)
    return bool(_FEE_WORDS.search(text[sentence_start : match.end() + 30]))


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text)


def _known_phones(request: WriteRequest) -> set[str]:
    candidates = (
        request.understanding.slots.phone,
        request.state.slots.phone,
        request.state.pending_phone,
    )
    return {_digits(p)[-10:] for p in candidates if p}


# --- 5. What the plan needs --------------------------------------------------------------------


@dataclass(frozen=True)
class MustSay:
    """Words a reply has to carry: every group needs one of its stems."""

    reason: str
    groups: tuple[tuple[str, ...], ...]


_NOT_A_FIT_WHY = (
    "небольш", "невелик", "маленьк", "мал", "не оправдан", "неоправдан", "невыгод", "не выгод",
    "вряд ли", "дорож", "расход", "стоит денег", "не подходит", "не стоит", "меньше", "не нужн",
    "нет смысла", "не имеет смысла", "обойд", "затрат", "последстви",
)  # fmt: skip
_NOT_A_FIT_INSTEAD = (
    "реструктуриз", "каникул", "уполномоченн", "омбудсмен", "рассрочк", "договорит",
    "договориться", "переговор", "отсрочк", "рефинанс",
)  # fmt: skip
_COURT = ("суд", "арбитраж")
_MFC = ("мфц", "внесудеб")
_CONSEQUENCES = ("5 лет", "последств", "повторно")
_INTRO = ("дарь",)
_BOT_ADMISSION = ("виртуальн", "не человек", "не живой человек", "бот", "не люд", "программ")


def must_say(request: WriteRequest) -> list[MustSay]:
    """Every fact this plan's reply has to carry, as stem groups (lower case)."""
    plan = request.plan
    slots = request.state.slots
    needs: list[MustSay] = []
    if plan.has(Event.FIRST_CONTACT):
        needs.append(MustSay("no_intro", (_INTRO,)))
    if plan.has(Event.ASKS_IF_BOT):
        needs.append(MustSay("bot_question_dodged", (_BOT_ADMISSION,)))
    if plan.has(Event.VERDICT_READY) and plan.verdict in (Verdict.COURT, Verdict.MFC):
        needs.append(MustSay("wrong_route", (_COURT if plan.verdict is Verdict.COURT else _MFC,)))
        needs.append(MustSay("consequences_missing", (_CONSEQUENCES,)))
    if plan.has(Event.NOT_A_FIT):
        needs.append(MustSay("not_a_fit_reason_missing", (_NOT_A_FIT_WHY,)))
        needs.append(MustSay("alternatives_missing", (_NOT_A_FIT_INSTEAD,)))
    if plan.has(Event.BOOKED) or plan.has(Event.BOOKING_UPDATED):
        if slots.phone:
            needs.append(MustSay("booking_phone_missing", ((format_phone(slots.phone).lower(),),)))
        if slots.call_time:
            needs.append(MustSay("booking_time_missing", _time_groups(slots.call_time)))
    if plan.ask in (Ask.CONSENT, Ask.CALL_INVITE) and request.privacy_policy_url:
        # (the invitation carries the consent text: a yes to it is the consent)
        needs.append(MustSay("consent_link_missing", ((request.privacy_policy_url.lower(),),)))
    needs += [MustSay("answer_missing", groups) for groups in answer_groups(plan)]
    return needs


def answer_groups(plan: Any) -> list[tuple[tuple[str, ...], ...]]:
    """The plan's answers to the person's asks (TurnPlan.answers, when the reading has them).

    Each answer carries `stems`: either one group of alternative stems or a
    tuple of such groups that must all be present.
    """
    found: list[tuple[tuple[str, ...], ...]] = []
    for answer in getattr(plan, "answers", ()) or ():
        stems = answer_stems(answer) if isinstance(answer, Topic) else getattr(answer, "stems", ())
        if not stems:
            continue
        if all(isinstance(s, str) for s in stems):
            found.append((tuple(s.lower() for s in stems),))
        else:
            found.append(tuple(tuple(s.lower() for s in group) for group in stems if group))
    return found


_FUNCTION_WORDS = frozenset(
    {"в", "во", "на", "с", "со", "к", "ко", "по", "до", "после", "около", "примерно", "и", "или",
     "а", "часов", "час", "часа", "где-то", "лучше", "можно", "любое", "любой", "время"}
)  # fmt: skip


def _time_groups(call_time: str) -> tuple[tuple[str, ...], ...]:
    """«в субботу утром» -> the lemmas суббота and утро must both be there."""
    words = [w for w in words_line(normalise(call_time)).forms.split() if w not in _FUNCTION_WORDS]
    groups: list[tuple[str, ...]] = []
    for word in words[:4]:
        if word.isdigit():
            groups.append((word.lstrip("0") or word,))
        else:
            groups.append((lemma(word), word, word[: max(3, len(word) - 2)]))
    return tuple(groups)


def _says(text: str, line: Line, group: tuple[str, ...]) -> bool:
    low = text.lower().replace("ё", "е")
    padded_lemmas = f" {line.lemmas} "
    for stem in group:
        stem = stem.replace("ё", "е")
        if stem.startswith("+") and _digits(stem)[-10:] in _digits(text):
            return True  # a phone, whatever its spacing
        if stem in low or stem in padded_lemmas:
            return True
        if stem.isdigit() and re.search(rf"(?<!\d)0*{stem}(?!\d)", low):
            return True
    return False


# --- Names (what leaves for the provider) -----------------------------------------------------

_NAME_TAGS = frozenset({"Name", "Surn", "Patr"})
_OWN_NAMES = frozenset({"дарья"})  # Daria's own name stays


def mask_names(text: str, placeholder: str) -> str:
    """Person names (pymorphy3's Name/Surn/Patr) replaced before a text leaves.

    A capitalised word is masked when any reading of it is a name, unless it
    opens a sentence and its usual reading is not one («Вера в суд», «Надежда»);
    lower-case words only when their usual reading is a name («меня зовут иван»).
    """

    def replace(match: re.Match[str]) -> str:
        word = match.group(0)
        low = word.lower()
        if low in _OWN_NAMES:
            return word
        first, any_name = _name_readings(low)
        capital = word[0].isupper()
        opens = capital and re.search(r"(^|[.!?…]\s*)$", text[: match.start()]) is not None
        if first or (capital and not opens and any_name):
            return placeholder
        return word

    return re.sub(r"\b[А-ЯЁа-яё]+\b", replace, text)


@lru_cache(maxsize=50_000)
def _name_readings(word: str) -> tuple[bool, bool]:
    """(its usual reading is a name, some likely reading is): every turn masks the
    history again, so each word is parsed once."""
    parses = _morph().parse(word)
    first = bool(_NAME_TAGS & parses[0].tag.grammemes)
    return first, any(_NAME_TAGS & p.tag.grammemes for p in parses if p.score >= 0.05)


# --- The whole check ---------------------------------------------------------------------------

_FALSE_BOOKING = re.compile(
    r"записал[аи]?\s+вас|вы\s+записаны|запись\s+(подтвержден|оформлен|создан)",
    re.IGNORECASE,
)
_REQUEST_VERB = re.compile(
    r"напишите|подскажите|расскажите|уточните|скажите|пришлите|укажите|оставьте|сообщите",
    re.IGNORECASE,
)
# QA reads replies as plain substrings: "консультация юриста" contains "я юрист"
IDENTITY_SUBSTRINGS = ("я юрист", "я человек", "я живой", "я — юрист", "я адвокат")

# The last sentence of a reply that ends on the plan's question must be about it.
ASK_TOPIC: dict[Ask, re.Pattern[str]] = {
    Ask.SITUATION: re.compile(r"долг|сумм|случил|произошл|сколько|ситуац", re.IGNORECASE),
    Ask.DEBT_TOTAL: re.compile(r"долг|сумм|сколько|должн", re.IGNORECASE),
    Ask.CREDITORS: re.compile(r"кредитор|банк|МФО|займ|карт|сколько", re.IGNORECASE),
    Ask.MONTHS_OVERDUE: re.compile(r"месяц|просроч|давно|плат|взнос", re.IGNORECASE),
    Ask.ENFORCEMENT: re.compile(r"пристав|производств|взыск|ФССП|исполнит", re.IGNORECASE),
    Ask.INCOME: re.compile(r"доход|работ|зарплат|пенси|пособи|заработ", re.IGNORECASE),
    Ask.PROPERTY: re.compile(
        r"имуществ|квартир|машин|автомоб|участ|собственност|дач|жиль|земл|дом", re.IGNORECASE
    ),
    Ask.MORTGAGE: re.compile(r"ипотек|залог", re.IGNORECASE),
    Ask.DEALS: re.compile(r"прода|дари|дарен|переоформ|сделк|отчужд", re.IGNORECASE),
    Ask.REGION: re.compile(
        r"город|регион|живёте|живете|област|край|населённ|населен", re.IGNORECASE
    ),
    Ask.CALL_INVITE: re.compile(
        r"юрист|консультац|позвон|звон|созвон|запиш|соглас",
        re.IGNORECASE,  # (the consent too)
    ),
    Ask.CONSENT: re.compile(r"соглас", re.IGNORECASE),
    Ask.PHONE: re.compile(r"номер|телефон", re.IGNORECASE),
    Ask.CALL_TIME: re.compile(r"врем|когда|день|дн[её]м|утр|вечер|удобн|час", re.IGNORECASE),
}


def check_reply(
    text: str,
    request: WriteRequest,
    canary: str = "",
    draft: str | None = None,
    configured: Iterable[str] = (),
) -> str | None:
    """None if the reply may be sent for this plan, else a short reason code.

    `draft` is the script's text for the same plan (what the model was asked to
    reword); `configured` are further texts whose figures and links a reply may
    quote (the firm's contacts, the helpline).
    """
    if not text.strip():
        return "empty"
    if draft is None:
        draft = ScriptedWriter().compose(request)
    clean = normalise(text).strip()
    if canary_leaked(text, canary) or canary_leaked(clean, canary):
        return "canary_leak"
    if _MARKERS.search(clean):
        return "prompt_marker"
    if prompt_leaked(clean, draft):
        return "prompt_leak"
    if len(clean) > MAX_CHARS:
        return "too_long"
    plan = request.plan
    rich = bool(RICH_EVENTS & set(plan.events))
    parts = sentences(clean)
    if len(parts) > (MAX_SENTENCES_RICH if rich else MAX_SENTENCES):
        return "too_many_sentences"
    line = words_line(clean)
    if len(line.forms.split()) < MIN_WORDS or len(_LETTER.findall(clean)) < MIN_LETTERS:
        return "too_short"
    if not is_russian(clean):
        return "not_in_persona"
    claim = never_said(clean)
    if claim is not None:
        return claim
    if _english_sentence(clean) and not _english_sentence(normalise(draft)):
        return "not_in_persona"  # the script answers an English speaker in English itself
    if any(t in clean.lower() for t in IDENTITY_SUBSTRINGS):
        return "identity_substring"
    said = [draft, request.user_text, *(h.text for h in request.history if h.role == "user")]
    if unsupported_claim(clean, said):
        return "unsupported_claim"
    grounding = ungrounded(clean, request, grounds_for(request, draft, configured))
    if grounding is not None:
        return grounding
    if _false_booking(clean, request):
        return "false_booking"
    for need in must_say(request):
        if not all(_says(clean, line, group) for group in need.groups):
            return need.reason
    if _forms(STATUTORY_WARNING) in _forms(draft) and _forms(STATUTORY_WARNING) not in line.forms:
        return "statutory_warning_missing"  # 38-FZ art. 28.1: word for word
    return _check_question(clean, request)


def _forms(text: str) -> str:
    return words_line(normalise(text)).forms


def check_extracted_phone(phone: str | None, request: WriteRequest) -> str | None:
    """An LLM may read a phone only where the rules read the same one."""
    if not phone:
        return None
    return None if _digits(phone)[-10:] in _known_phones(request) else "phone_invented"


def _false_booking(text: str, request: WriteRequest) -> bool:
    plan = request.plan
    if plan.has(Event.BOOKED) or plan.has(Event.BOOKING_UPDATED):
        return False
    return bool(_FALSE_BOOKING.search(text))


def _check_question(text: str, request: WriteRequest) -> str | None:
    ask = request.plan.ask
    questions = text.count("?")
    if ask is Ask.NOTHING:
        return "unexpected_question" if questions else None
    if questions > 1:
        return "extra_question"
    parts = sentences(text)
    last = parts[-1] if parts else ""
    ends_on_question = text.rstrip(" \n\"'»)").endswith("?")
    if questions == 1 and not ends_on_question:
        return "question_not_last"
    if ask is Ask.ANYTHING_ELSE:
        return None  # the closing "any other questions?" is optional
    if not ends_on_question and not _REQUEST_VERB.search(last):
        return "question_missing"
    if not ASK_TOPIC[ask].search(last):
        return "off_plan_question"
    return None
