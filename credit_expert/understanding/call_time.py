"""The reading: call time."""

from __future__ import annotations

import re
from datetime import date, timedelta

from credit_expert.models import (
    Ask,
)
from credit_expert.understanding.consent import _CALL_CUE
from credit_expert.understanding.message import _Message
from credit_expert.understanding.region import place_genitive, place_zone

# ---------------------------------------------------------------- call time

_DAYS = (
    r"(?:сегодня|завтра|послезавтра|в понедельник|во вторник|в среду|в четверг|в пятницу"
    r"|в субботу|в воскресенье|в выходные|на выходных|в будни|по будням|в будний день"
    r"|на неделе|понедельник|вторник|среда|четверг|пятница|суббота|воскресенье)"
)
_PARTS = (
    r"(?:утром|с утра|днем|днём|вечером|после обеда|до обеда|в обед|в обеденное время"
    r"|ближе к вечеру|ближе к обеду|к вечеру|к обеду|ночью|в первой половине дня"
    r"|во второй половине дня|утро|день|вечер)"
)
_HOUR_WORDS = {
    "час": 1, "часа": 1, "двух": 2, "трех": 3, "четырех": 4, "пяти": 5, "шести": 6, "семи": 7,
    "восьми": 8, "девяти": 9, "десяти": 10, "одиннадцати": 11, "двенадцати": 12, "два": 2,
    "три": 3, "четыре": 4, "пять": 5, "шесть": 6, "семь": 7, "восемь": 8, "девять": 9,
    "десять": 10, "одиннадцать": 11, "двенадцать": 12,
}  # fmt: skip
_MONTH = r"(?:январ|феврал|март|апрел|ма[йя]|июн|июл|август|сентябр|октябр|ноябр|декабр)"
_HOUR = r"(?:[01]?\d|2[0-3])(?:[:.][0-5]\d)?|" + "|".join(
    sorted(_HOUR_WORDS, key=len, reverse=True)
)
_TIME = re.compile(
    rf"\b(?P<prep>после|в|с|до|к|около|ближе к|часов в|часа в)\s(?P<h>{_HOUR})"
    rf"(?:\s?(?:ч|час\w*))?(?:\s?(?P<ampm>утра|дня|вечера|ночи))?"
    rf"(?:\s?(?:до|-)\s?(?P<h2>{_HOUR}))?(?![\d\w])"
    rf"(?!-?(?:го|е|ое|ого)\b|\s?(?:числ|{_MONTH}))"
)
# "после 21-го", "с 5 числа", "21 марта": a day of the month, never an hour ("до 20 числа"
# is when the person is away: not a call time at all).
_DATE = re.compile(
    rf"\b(?:(?P<prep>после|с|к)\s)?(?<!до )(?<!по )(?P<d>[1-9]|[12]\d|3[01])"
    rf"(?:-?(?:го|е|ое|ого)\b(?:\s(?:числа|(?P<m1>{_MONTH}\w*)))?|\s(?:числа|(?P<m2>{_MONTH}\w*)))"
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


# (a comma after an hour breaks too: "я на работе до 18, звоните после 19"; not "18.30")
_TIME_CLAUSE_BREAK = re.compile(r"(?<!\d)[.,](?!\d)|(?<=\d)[.,](?=\s)|[!?;\n]| но | а ")


_WANTS_HELP = re.compile(r"\b(?:хочу|хотим|хотела|хотел|помогите|давайте|помощь)\b")
_GREETING_TIME = re.compile(r"\b(?:добр\w* (?:утр\w*|день|дня|вечер\w*|ночи)|спокойной ночи)\b")


def _read_call_time(norm: str, msg: _Message, with_phone: bool = False) -> str | None:
    norm = _GREETING_TIME.sub(" ", norm)  # "добрый вечер" greets, it names no time
    clauses = [c for c in _TIME_CLAUSE_BREAK.split(re.sub(r"[^\S\n]+", " ", norm)) if c.strip()]
    # A time next to the phone number ("+7 913 …, после 18:00") is when to call.
    if (
        msg.expected not in (Ask.CALL_TIME, Ask.PHONE, Ask.ANYTHING_ELSE, Ask.CONSENT)
        and not with_phone
    ):
        # "позвоните мне лучше, после 6 вечера": the cue's own clause and the one after it
        cued = [bool(_CALL_CUE.search(c)) for c in clauses]
        clauses = [c for i, c in enumerate(clauses) if cued[i] or (i > 0 and cued[i - 1])]
    elif msg.expected is Ask.ANYTHING_ELSE and not with_phone:
        # After the booking: "завтра в 11", "с 10 до 12 по иркутскому времени" alone say
        # when to call, with no call word (a correction of the booked time).
        cued = [bool(_CALL_CUE.search(c)) or _only_time(c) for c in clauses]
        clauses = [c for i, c in enumerate(clauses) if cued[i] or (i > 0 and cued[i - 1])]
    # "в 10 по калининграду… ой нет лучше в 12 по нашему": a time taken back gives way to the
    # one after the take-back (replaced, never joined)
    joined = " , ".join(clauses)
    back = [m for m in _TAKE_BACK.finditer(joined) if _time_parts(joined[m.end() :])]
    if back:
        rest = joined[back[-1].end() :]
        clauses = [c for c in _TIME_CLAUSE_BREAK.split(rest) if c.strip()]
    phrases: list[str] = []
    for clause in clauses:
        last_end = None
        for start, end, phrase in sorted(_time_parts(clause)):
            if (
                re.search(r"\bне\s*$", clause[:start])
                or _REFUSED_AFTER.match(clause[end:])
                or _BUSY_BEFORE.search(clause[:start])
            ):
                # "не утром, после обеда"; "утром не могу"; "я на работе до 6": when not to call
                continue
            if phrase in phrases:
                continue
            if last_end is not None and re.search(r"\bили\b", clause[last_end:start]):
                phrases.append("или")  # "сегодня вечером или завтра утром"
            phrases.append(phrase)
            last_end = end
    if any(not _ANY_TIME.fullmatch(p) for p in phrases) and "или" not in phrases:
        # "после 6 вечера в любой день": the hour is the time; "any day" names no day
        phrases = [p for p in phrases if not _ANY_TIME.fullmatch(p)]
    if any(_CLOCK.search(p) for p in phrases) and "или" not in phrases:
        # "вечером после 18:00", "с утра в 9:00": the part of the day only chose the half of
        # it; the clock time says it all
        phrases = [p for p in phrases if not _PART_ONLY.fullmatch(p)]
    return " ".join(phrases) or None


_CLOCK = re.compile(r"\d{1,2}:\d{2}")
_PART_ONLY = re.compile(_PARTS)
_TAKE_BACK = re.compile(
    r"\b(?:ой\s*,?\s*нет|а нет|нет\s*,?\s*(?:лучше|давайте|пусть|наверное)|ой\s*,?\s*лучше"
    r"|вернее|точнее"
    r"|поправка|передумал\w*)\b"
)


# Words right after a time saying the person cannot talk then ("утром не могу", "до 20
# числа я на вахте"): that time is not when to call.
_REFUSED_AFTER = re.compile(
    r"\s*(?:(?:я|мне|у меня|буду|уже|там|точно|никак)\s+)*(?:не могу|не смогу|не получится"
    r"|не выйдет|нельзя|неудобно|не удобно|занят\w*|на работе|на вахте|в рейсе|на смене"
    r"|на заказах|на заказе|на объекте|на выезде|на линии|на учебе|на парах|за рулем|в дороге"
    r"|не звоните|не надо|не нужно|сплю|работаю)\b"
)
# Words right before a time saying the person is busy until or at it ("я на работе до 6",
# "работаю с 9 до 18", "до 5 занята" is _REFUSED_AFTER's): that time is not when to call.
_BUSY_BEFORE = re.compile(
    r"\b(?:на работе|работаю|работаем|занят\w*|на смене|на вахте|в рейсе|на учебе|на парах"
    r"|учусь|сплю|за рулем|в дороге)(?:\s+\w+)?\s*$"
)
_TIME_FILLER = re.compile(
    r"\b(?:ну|а|и|да|ок|ладно|хорошо|тогда|лучше|давайте|можно|мне|только|пожалуйста|уж"
    r"|лучше всего|или|вот|так|уточню|уточняю|поправка|точнее|нет|ой)\b|[^\w\s]"
)


def _only_time(clause: str) -> bool:
    """The clause says nothing but a time ("завтра в 11", "после 17")."""
    parts = _time_parts(clause)
    if not parts:
        return False
    rest = clause
    for start, end, _ in sorted(parts, reverse=True):
        rest = rest[:start] + " " + rest[end:]
    return not _TIME_FILLER.sub(" ", rest).strip()


def _time_parts(text: str) -> list[tuple[int, int, str]]:
    """(start, end, phrase) of every time expression, none inside another."""
    parts: list[tuple[int, int, str]] = []
    for pattern in (_DAYS, _PARTS):
        for hit in re.finditer(rf"\b{pattern}\b", text):
            if re.search(
                r"\b(?:каждый|каждую|каждое|целый|весь|на|в|за|по|раз в)\s$", text[: hit.start()]
            ):
                continue  # "звонит каждый день", "раз в день": how often, not when to call
            parts.append((hit.start(), hit.end(), hit.group(0).replace("днем", "днём")))
    m = _TIME.search(text)
    if m and not re.match(r"\s?(?:мес|год|лет|банк|тыс|млн|к\b|кредит|мфо|%)", text[m.end() :]):
        preposition = {"часов в": "в", "часа в": "в", "около": "около", "ближе к": "к"}.get(
            m.group("prep"), m.group("prep")
        )
        # "вечером часов в 8": the part of the day names the half of it
        # ("сегодня вечером или завтра утром в 10": the part nearest before the hour)
        nearest = list(re.finditer(r"\b(?:вечер\w*|утр\w*|с утра)\b", text[: m.start()]))
        after = re.match(r"\s*(?:\w+\s+)?(вечер\w*)", text[m.end() :])
        evening = after is not None or (bool(nearest) and nearest[-1].group(0).startswith("вечер"))
        ampm = m.group("ampm") or ("вечера" if evening else None)
        phrase = f"{preposition} {_hour_text(m.group('h'), ampm, preposition)}"
        if m.group("h2"):
            phrase = f"с {_hour_text(m.group('h'), ampm, 'с')} до " + _hour_text(
                m.group("h2"), ampm, "до"
            )
        parts.append((m.start(), m.end(), phrase))
    for hit in _DATE.finditer(text):
        if not any(start <= hit.start() < end for start, end, _ in parts):
            prep = f"{hit.group('prep')} " if hit.group("prep") else ""
            month = hit.group("m1") or hit.group("m2")
            day = f"{hit.group('d')} {month}" if month else f"{hit.group('d')}-го числа"
            parts.append((hit.start(), hit.end(), f"{prep}{day}"))
    m = _ANY_TIME.search(text)
    if m:
        inside = [p for p in parts if m.start() <= p[0] < m.end()]
        parts = [p for p in parts if p not in inside]  # "в любой день": not also "день"
        parts.append((m.start(), m.end(), m.group(0)))
    return parts


# "по Москве", "по мск", "по местному", "по новосибирскому": the zone of a call time,
# never the person's region.
_ZONES = {
    "москв": "Europe/Moscow",
    "мск": "Europe/Moscow",
    "московск": "Europe/Moscow",
    "питерск": "Europe/Moscow",
    "калининградск": "Europe/Kaliningrad",
    "самарск": "Europe/Samara",
    "екатеринбургск": "Asia/Yekaterinburg",
    "уральск": "Asia/Yekaterinburg",
    "омск": "Asia/Omsk",
    "новосибирск": "Asia/Novosibirsk",
    "красноярск": "Asia/Krasnoyarsk",
    "иркутск": "Asia/Irkutsk",
    "якутск": "Asia/Yakutsk",
    "хабаровск": "Asia/Vladivostok",
    "владивостокск": "Asia/Vladivostok",
    "сахалинск": "Asia/Sakhalin",
    "магаданск": "Asia/Magadan",
    "камчатск": "Asia/Kamchatka",
    "челябинск": "Asia/Yekaterinburg",
    "пермск": "Asia/Yekaterinburg",
    "уфимск": "Asia/Yekaterinburg",
    "тюменск": "Asia/Yekaterinburg",
    "оренбургск": "Asia/Yekaterinburg",
    "курганск": "Asia/Yekaterinburg",
    "томск": "Asia/Tomsk",
    "барнаульск": "Asia/Barnaul",
    "алтайск": "Asia/Barnaul",
    "кемеровск": "Asia/Novokuznetsk",
    "читинск": "Asia/Chita",
    "забайкальск": "Asia/Chita",
    "благовещенск": "Asia/Yakutsk",
    "амурск": "Asia/Yakutsk",
    "саратовск": "Europe/Saratov",
    "волгоградск": "Europe/Volgograd",
    "астраханск": "Europe/Astrakhan",
    "ульяновск": "Europe/Ulyanovsk",
    "ижевск": "Europe/Samara",
    "удмуртск": "Europe/Samara",
    # city names after "по" ("по перми", "по екб", "по казани"): the zone, not the region
    "екб": "Asia/Yekaterinburg",
    "екатеринбург": "Asia/Yekaterinburg",
    "перм": "Asia/Yekaterinburg",
    "уфе": "Asia/Yekaterinburg",
    "тюмен": "Asia/Yekaterinburg",
    "челябе": "Asia/Yekaterinburg",
    "новосиб": "Asia/Novosibirsk",
    "самар": "Europe/Samara",
    "казан": "Europe/Moscow",
    "питер": "Europe/Moscow",
    "спб": "Europe/Moscow",
    "краснодар": "Europe/Moscow",
    "ростов": "Europe/Moscow",
    "владивосток": "Asia/Vladivostok",
    "местн": "local",
    "нашему": "local",
}
_ZONE_PHRASE = re.compile(
    r"\bпо (?:времени )?(?P<zone>" + "|".join(_ZONES) + r")\w*(?: времени| время)?\b"
    r"|(?<=\d )(?P<msk>мск)(?:\s?[+-]\s?\d{1,2})?\b|\b(?P<msk2>мск)\s?[+-]\s?\d{1,2}\b"
    r"|\b(?P<adj>московск|местн)\w* (?:времени|время)\b"
    r"|\b(?:время|времени|по времени) (?P<adj2>московск|местн)\w*\b",
    re.IGNORECASE,
)


# "мск+4": Russia's zones by their offset from Moscow.
_MSK_OFFSETS = {
    -1: "Europe/Kaliningrad", 0: "Europe/Moscow", 1: "Europe/Samara", 2: "Asia/Yekaterinburg",
    3: "Asia/Omsk", 4: "Asia/Krasnoyarsk", 5: "Asia/Irkutsk", 6: "Asia/Yakutsk",
    7: "Asia/Vladivostok", 8: "Asia/Magadan", 9: "Asia/Kamchatka",
}  # fmt: skip


# "+1 к москве", "мск +2", "на 4 часа больше москвы": an offset from Moscow time.
_OFFSET_PHRASE = re.compile(
    r"(?P<sign>[+-]|плюс|минус)\s?(?P<n>\d{1,2})(?: ч\w*)? (?:к|от|относительно|по сравнению с) "
    r"(?:москв\w*|мск)\b"
    r"|\b(?:на )?(?P<n2>\d{1,2}|один|два|три|четыре|пять|шесть|семь|восемь|девять)? ?час\w* "
    r"(?P<dir>больше|вперед|впереди|позже|меньше|раньше|назад)"
    r"(?: (?:чем )?(?:в |от |у )?(?:москв\w*|мск))?\b",
    re.IGNORECASE,
)


_RESTATED_IN_ZONE = re.compile(
    r"\b(?:у нас|по-нашему|по нашему|по местному|это у нас|у вас|по-вашему|по вашему)"
    r"(?: (?:это|будет|получается|выходит))* (?:с |в |после |до |около |к )?\d[^,.;!?\n]*"
)


_OFFSET_WORDS = {"один": 1, "два": 2, "три": 3, "четыре": 4, "пять": 5, "шесть": 6, "семь": 7,
                 "восемь": 8, "девять": 9}  # fmt: skip


def _blank(raw: str, start: int, end: int) -> str:
    return raw[:start] + " " * (end - start) + raw[end:]


_BY_PLACE = re.compile(r"\bпо (?:времени )?(?P<place>[а-я]+(?:-[а-я]+)*)(?: времени| время)?\b")


def _city_zone_phrase(norm: str) -> tuple[str, tuple[int, int], str] | None:
    """ "по саратову": any listed city after "по", its zone, where the phrase stands and
    the city's word."""
    for match in _BY_PLACE.finditer(norm):
        zone = place_zone(match.group("place"))
        if zone is not None:
            return zone, match.span(), match.group("place")
    return None


def _zone_said(word: str) -> str | None:
    """How the card names a zone the person named by a city: their own adjective ("по
    тюменскому" -> "тюменскому времени", even where the zone is Yekaterinburg's), or the
    city itself ("по перми" -> "времени Перми"); None for no city ("по местному")."""
    if re.fullmatch(r"[а-я]+ск(?:ому|ом)", word) and not word.startswith(("местн", "московск")):
        return f"{word[:-2]}ому времени" if word.endswith("ом") else f"{word} времени"
    city = place_genitive(word) if not word.startswith("москв") else None
    return f"времени {city}" if city else None


# "…, по москве это 3 ночи", "…, это 12 по москве", "… (по мск 3 ночи)": a part of the message
# after a time that gives the same time again on another clock.
_RESTATING_WORD = re.compile(r"\b(?:это|будет|получается|выходит|то есть|т\.\s?е)\b")
_PART_BREAK = re.compile(r"[,;()—]|\s-\s")


def _restatements(norm: str) -> list[tuple[int, int]]:
    """Where a time already given is said again in another zone: a part after a time, with a
    zone and a figure, that says "это"/"будет" or stands in brackets ("в 10 утра по владику,
    по москве это 3 ночи"). Its zone is not the call's, and its time is no second time."""
    spans: list[tuple[int, int]] = []
    start = 0
    for brk in [*_PART_BREAK.finditer(norm), None]:
        end = brk.start() if brk else len(norm)
        part = norm[start:end]
        bracketed = start > 0 and norm[start - 1] == "("
        figures = _OFFSET_PHRASE.sub(" ", _ZONE_PHRASE.sub(" ", part))  # "+2 к москве": a zone
        if (
            _TIME.search(norm[:start])
            and re.search(r"\d", figures)
            and (_RESTATING_WORD.search(part) or bracketed)
            and (
                _ZONE_PHRASE.search(part)
                or _OFFSET_PHRASE.search(part)
                or _city_zone_phrase(part) is not None
            )
        ):
            spans.append((start, end))
        start = brk.end() if brk else end
    return spans


def _zone_of(norm: str) -> str | None:
    """The zone a part of the message names (for a restatement: the other clock)."""
    zone, _, _ = call_zone(norm, restating=False)
    return zone


def call_zone(raw: str, restating: bool = True) -> tuple[str | None, str | None, str]:
    """The zone a call time is given in, how the person named it (`_zone_said`), and the
    text with every zone phrase blanked out.

    The first phrase names the zone ("после 18 по самаре, это +1 к москве": Samara); the
    others only restate it and are blanked too, so no "москве" becomes a region and no
    "+1" a figure.
    """
    norm = raw.lower().replace("ё", "е")
    zone: str | None = None
    said: str | None = None
    again = _restatements(norm) if restating else []
    if again:
        # "в 10 утра по владику, по москве это 3 ночи": the first time with its own zone is
        # the call's; the restatement is blanked (its zone, its "3 ночи") before reading
        other = {_zone_of(norm[start:end]) for start, end in again}
        for start, end in again:
            raw, norm = _blank(raw, start, end), _blank(norm, start, end)
        zone, said, raw = call_zone(raw, restating=False)
        if zone is None and other == {"Europe/Moscow"}:
            zone = "local"  # "в 10 утра, по москве это 3 ночи": the first is their own clock
        elif zone is None and other == {"local"}:
            zone = "Europe/Moscow"  # "в 12, у нас это 14": the first is Moscow's
        return zone, said, raw
    first = _ZONE_PHRASE.search(norm)
    offset = _OFFSET_PHRASE.search(norm)
    if first and (offset is None or first.start() < offset.start()):
        if first.group("msk") or first.group("msk2"):
            found = re.search(r"([+-])\s?(\d{1,2})", first.group(0))
            hours = int(found.group(2)) * (-1 if found.group(1) == "-" else 1) if found else 0
            zone = _MSK_OFFSETS.get(hours, "Europe/Moscow")
        else:
            zone = _ZONES[
                (first.group("zone") or first.group("adj") or first.group("adj2")).lower()
            ]
            if first.group("zone"):
                word = re.match(r"[а-я-]+", norm[first.start("zone") :])
                said = _zone_said(word.group(0)) if word else None
    elif offset is not None:
        count = offset.group("n") or offset.group("n2") or "1"  # "на час меньше москвы"
        hours = int(count) if count.isdigit() else _OFFSET_WORDS[count]
        behind = offset.group("sign") in ("-", "минус") or offset.group("dir") in (
            "меньше",
            "раньше",
            "назад",
        )
        zone = _MSK_OFFSETS.get(-hours if behind else hours)
    city = _city_zone_phrase(norm) if re.search(r"\d", norm) else None
    named_first = min((m.start() for m in (first, offset) if m is not None), default=len(norm))
    if city is not None and (zone is None or city[1][0] < named_first):
        # "в 11 по саратову", "в 11 по калининграду, это 12 по москве": the first named
        zone = city[0]
        said = _zone_said(city[2])
    else:
        city = None
    if zone is None:
        return None, None, raw
    if city is not None:
        raw, norm = _blank(raw, *city[1]), _blank(norm, *city[1])
    restated = _RESTATED_IN_ZONE.search(norm)
    if restated and _TIME.search(norm[: restated.start()]):
        # "с 10 до 12 по москве, у нас это с 12 до 2": one time, said twice (but "по местному
        # после 19, раньше на смене" says it once, its zone first)
        raw = _blank(raw, restated.start(), restated.end())
        norm = _blank(norm, restated.start(), restated.end())
    for pattern in (_ZONE_PHRASE, _OFFSET_PHRASE):
        for match in pattern.finditer(norm):
            raw = _blank(raw, match.start(), match.end())
    return zone, said, raw


_CLOCK_PHRASE = re.compile(r"(?:около|после|в|к|с) \d{1,2}:\d{2}(?: до \d{1,2}:\d{2})?")


def moved_call_time(old: str | None, new: str) -> str:
    """ "давайте завтра" after "в 15:00": the day moves, the hour stays ("завтра в 15:00")."""
    if old is None or not re.fullmatch(_DAYS, new):
        return new
    kept = _CLOCK_PHRASE.search(old)
    return f"{new} {kept.group(0)}" if kept else new


def corrected_call_time(old: str | None, new: str) -> str:
    """A time named after the booking ("с 10 до 12" after "завтра"): what it leaves out is
    kept from the booked one, the day ("завтра с 10:00 до 12:00") or the hour."""
    if old is None or re.search(rf"(?<!\w){_DAYS}(?!\w)", new):
        return moved_call_time(old, new)
    day = re.search(rf"(?<!\w){_DAYS}(?:\s\d{{1,2}}\s{_MONTH}\w*)?(?!\w)", old)
    return f"{day.group(0)} {new}" if day else new


_RELATIVE_DAYS = (("послезавтра", 2), ("завтра", 1), ("сегодня", 0))
_ON_WEEKDAY = ("в понедельник", "во вторник", "в среду", "в четверг", "в пятницу", "в субботу",
               "в воскресенье")  # fmt: skip
_MONTHS = ("января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа",
           "сентября", "октября", "ноября", "декабря")  # fmt: skip


def dated_call_time(text: str, today: date) -> str:
    """ "завтра в 15:00" said on 3 March -> "в среду 4 марта в 15:00": a moved call keeps
    its day when the phrase is read later (by the lawyer, or by the next reminder)."""
    for word, offset in _RELATIVE_DAYS:
        found = re.search(rf"(?<!\w){word}(?!\w)", text)
        if found:
            day = today + timedelta(days=offset)
            named = f"{_ON_WEEKDAY[day.weekday()]} {day.day} {_MONTHS[day.month - 1]}"
            return text[: found.start()] + named + text[found.end() :]
    return text
