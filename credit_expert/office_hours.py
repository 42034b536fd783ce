"""The firm's working hours (OFFICE_HOURS): when a lawyer can call, in which time zone.

Pure: times in, times and Russian phrases out. Used by the booked confirmation
("сейчас" at 2 a.m. gets the first working hour) and by the reminder about a
booked lead nobody called (counted in working minutes only).

OFFICE_HOURS is one or more "DAYS HH:MM-HH:MM" groups separated by commas, then
an IANA time zone: "Mon-Fri 09:00-19:00, Sat 10:00-15:00 Europe/Moscow". Days
are Mon..Sun (or пн..вс), single or as a range.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

DEFAULT_OFFICE_HOURS = "Mon-Fri 09:00-19:00 Europe/Moscow"

_DAY_NAMES = {
    **{name: n for n, name in enumerate(("mon", "tue", "wed", "thu", "fri", "sat", "sun"))},
    **{name: n for n, name in enumerate(("пн", "вт", "ср", "чт", "пт", "сб", "вс"))},
}
_SHORT_DAYS = ("пн", "вт", "ср", "чт", "пт", "сб", "вс")
_ON_DAY = (
    "в понедельник",
    "во вторник",
    "в среду",
    "в четверг",
    "в пятницу",
    "в субботу",
    "в воскресенье",
)
_GROUP = re.compile(
    r"^(?P<first>[a-zа-я]{2,3})(?:\s*[-–]\s*(?P<last>[a-zа-я]{2,3}))?\s+"
    r"(?P<opens>\d{1,2}:\d{2})\s*[-–]\s*(?P<closes>\d{1,2}:\d{2})$"
)
# How a Russian reader names the zones of Russia; any other zone is given as UTC±N.
_ZONE_WORDS = {
    "Europe/Kaliningrad": "калининградскому",
    "Europe/Moscow": "московскому",
    "Europe/Samara": "самарскому",
    "Asia/Yekaterinburg": "екатеринбургскому",
    "Asia/Omsk": "омскому",
    "Asia/Novosibirsk": "новосибирскому",
    "Asia/Krasnoyarsk": "красноярскому",
    "Asia/Irkutsk": "иркутскому",
    "Asia/Yakutsk": "якутскому",
    "Asia/Vladivostok": "владивостокскому",
    "Asia/Magadan": "магаданскому",
    "Asia/Kamchatka": "камчатскому",
}
# A call time that asks for no particular moment: the first working hour answers it.
_ANY_MOMENT = re.compile(
    r"сейчас|скорее|срочно|любое время|любой день|когда угодно|круглосуточно|в рабочее время"
)
# Parts of the day a call time may name: "в любое время после обеда" is not any moment.
_PART_OF_DAY = re.compile(r"утр|дн[её]м|\bдень\b|вечер|обед|ноч|половин|\d{1,2}:\d{2}")
_LOOKAHEAD_DAYS = 8


def any_moment(call_time: str) -> bool:
    """ "сейчас", "в любое время": no particular moment; "в любое время после 14:00" has one."""
    text = call_time.lower().replace("ё", "е")
    return bool(_ANY_MOMENT.search(text)) and not _PART_OF_DAY.search(_ANY_MOMENT.sub(" ", text))


@dataclass(frozen=True)
class OfficeHours:
    windows: tuple[tuple[time, time] | None, ...]  # Monday first; None: a day off
    zone: str

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.zone)

    def window_on(self, day: date) -> tuple[datetime, datetime] | None:
        window = self.windows[day.weekday()]
        if window is None:
            return None
        opens, closes = window
        return (
            datetime.combine(day, opens, tzinfo=self.tz),
            datetime.combine(day, closes, tzinfo=self.tz),
        )

    def is_open(self, at: datetime) -> bool:
        window = self.window_on(at.astimezone(self.tz).date())
        return window is not None and window[0] <= at < window[1]

    def next_opening(self, at: datetime) -> datetime:
        """`at` itself when open, else the start of the next working window."""
        local = at.astimezone(self.tz)
        for offset in range(_LOOKAHEAD_DAYS):
            window = self.window_on(local.date() + timedelta(days=offset))
            if window is None:
                continue
            opens, closes = window
            if at < closes:
                return max(at, opens)
        raise AssertionError("OFFICE_HOURS has no working day")  # parse() forbids it

    def working_seconds(self, start: datetime, end: datetime) -> float:
        """How much of [start, end) falls into working hours."""
        total = 0.0
        day = start.astimezone(self.tz).date()
        last = end.astimezone(self.tz).date()
        while day <= last:
            window = self.window_on(day)
            if window is not None:
                overlap = min(end, window[1]) - max(start, window[0])
                total += max(overlap.total_seconds(), 0.0)
            day += timedelta(days=1)
        return total

    def after_working_minutes(self, start: datetime, minutes: float) -> datetime:
        """The moment `minutes` of working time have passed since `start`."""
        left = timedelta(minutes=minutes)
        at = self.next_opening(start)
        while True:
            window = self.window_on(at.astimezone(self.tz).date())
            assert window is not None
            if at + left <= window[1]:
                return at + left
            left -= window[1] - at
            at = self.next_opening(window[1])

    def describe(self) -> str:
        """ "пн–пт с 9:00 до 19:00, сб с 10:00 до 15:00 по московскому времени"."""
        groups: list[tuple[int, int, tuple[time, time]]] = []
        for day, window in enumerate(self.windows):
            if window is None:
                continue
            if groups and groups[-1][1] == day - 1 and groups[-1][2] == window:
                groups[-1] = (groups[-1][0], day, window)
            else:
                groups.append((day, day, window))
        parts = []
        for first, last, (opens, closes) in groups:
            days = _SHORT_DAYS[first] + (f"–{_SHORT_DAYS[last]}" if last != first else "")
            parts.append(f"{days} с {_clock(opens)} до {_clock(closes)}")
        return f"{', '.join(parts)} {self.zone_phrase()}"

    def zone_phrase(self, at: datetime | None = None) -> str:
        return zone_phrase(self.zone, at)

    def in_zone(self, zone: str | None, at: datetime) -> str:
        """The working hours on the person's clock, when it is not the office's: " — по вашему
        времени с 16:00 до 2:00" for Khabarovsk; "" when the clocks agree or `zone` is None.
        The first working day's window, shifted by the offset between the two clocks."""
        if zone is None:
            return ""
        shift = (at.astimezone(ZoneInfo(zone)).utcoffset() or timedelta()) - (
            at.astimezone(self.tz).utcoffset() or timedelta()
        )
        if not shift:
            return ""
        opening = self.next_opening(at)
        window = self.window_on(opening.astimezone(self.tz).date())
        assert window is not None  # next_opening lands in a window
        opens, closes = (moment + shift for moment in window)
        return f" — по вашему времени с {_clock(opens)} до {_clock(closes)}"


def zone_phrase(zone: str, at: datetime | None = None) -> str:
    """ "по московскому времени"; a zone outside Russia as "по времени UTC+4"."""
    word = _ZONE_WORDS.get(zone)
    if word:
        return f"по {word} времени"
    offset = (at or datetime.now(UTC)).astimezone(ZoneInfo(zone)).utcoffset() or timedelta()
    hours = offset.total_seconds() / 3600
    sign = "+" if hours >= 0 else "−"
    return f"по времени UTC{sign}{abs(hours):g}"


_CLOCK_PHRASE = re.compile(r"(?:около|после|позже|в|к|с|до) \d{1,2}:\d{2}(?: до \d{1,2}:\d{2})?")
_CLOCK_TIME = re.compile(r"\b(\d{1,2}):(\d{2})\b")
MOSCOW_ZONE = "Europe/Moscow"


# The clock a part of the day stands for, when it names no hour ("днём": 12:00–17:00): so a
# fuzzy time is moved to Moscow's clock and checked against the lawyers' hours as a span is.
# Longest first ("ближе к вечеру" before "вечеру"). Night is left out: it spans two dates.
_PART_SPANS = (
    (r"во второй половине дня", 13, 18),
    (r"в первой половине дня", 8, 13),
    (r"ближе к вечеру|к вечеру", 16, 19),
    (r"ближе к обеду|к обеду", 11, 13),
    (r"в обеденное время|в обед", 12, 14),
    (r"после обеда", 14, 18),
    (r"до обеда", 8, 13),
    (r"с утра|утром|\bутро\b", 8, 12),
    (r"дн[её]м|\bдень\b", 12, 17),
    (r"вечером|\bвечер\b", 18, 22),
)


def part_of_day_span(call_time: str) -> tuple[re.Match[str], time, time] | None:
    """ "в четверг днём" -> (the match of "днём", 12:00, 17:00); None for a time with a clock
    time (it says it all) or with no single part of the day."""
    text = call_time.lower().replace("ё", "е")
    if _CLOCK_TIME.search(text):
        return None
    found = [
        (m, time(start), time(end))
        for pattern, start, end in _PART_SPANS
        if (m := re.search(pattern.replace("[её]", "е"), text))
    ]
    return found[0] if len(found) == 1 else None


def _part_in_moscow(call_time: str, zone: str, at: datetime) -> str | None:
    """ "в четверг днём" in Khabarovsk -> "в четверг с 5:00 до 10:00" (Moscow's clock); None
    where the clocks agree (the part of the day says it as well)."""
    span = part_of_day_span(call_time)
    if span is None:
        return None
    match, opens, closes = span
    if (
        at.astimezone(ZoneInfo(zone)).utcoffset()
        == at.astimezone(ZoneInfo(MOSCOW_ZONE)).utcoffset()
    ):
        return None  # "вечером" in Moscow or Volgograd: already Moscow's clock
    day = at.astimezone(ZoneInfo(zone)).date()
    moved = [
        _clock(datetime.combine(day, t, tzinfo=ZoneInfo(zone)).astimezone(ZoneInfo(MOSCOW_ZONE)))
        for t in (opens, closes)
    ]
    text = call_time.replace("ё", "е")
    return f"{text[: match.start()]}с {moved[0]} до {moved[1]}{text[match.end() :]}".strip()


def in_moscow(call_time: str, zone: str, at: datetime) -> str | None:
    """The call time with its clock times moved to Moscow time ("в будни днём в 14:00" in
    Novosibirsk -> "в будни днём в 10:00"); a part of the day alone as its span ("в четверг
    днём" in Khabarovsk -> "в четверг с 5:00 до 10:00"); None when it names neither."""
    if not _CLOCK_TIME.search(call_time):
        return _part_in_moscow(call_time, zone, at)
    day = at.astimezone(ZoneInfo(zone)).date()

    def moved(match: re.Match[str]) -> str:
        hour, minute = min(int(match.group(1)), 23), min(int(match.group(2)), 59)
        local = datetime.combine(day, time(hour, minute), tzinfo=ZoneInfo(zone))
        return _clock(local.astimezone(ZoneInfo(MOSCOW_ZONE)))

    return _CLOCK_TIME.sub(moved, call_time)


def zoned_call_time(
    call_time: str, zone: str | None, local: bool, at: datetime, said: str | None = None
) -> str:
    """The call time as said, then its zone and Moscow's clock when they differ: "в будни
    днём в 14:00 по новосибирскому времени (в 10:00 по Москве)". `zone`: None when unknown
    (Moscow is meant unless the person said "по местному": `local`); `local`: the zone is
    the person's own (their region, "по местному"), named as "по местному (омскому) времени"
    when the zone has a name. `said`: the person's own name for the zone they named ("по
    тюменскому" is Yekaterinburg's zone, and stays "по тюменскому времени")."""
    if not _PART_OF_DAY.search(call_time.lower()):
        return call_time  # "завтра", "в пятницу": a day is the same day in every zone
    has_clock = _CLOCK_TIME.search(call_time) is not None
    if zone is None or zone == MOSCOW_ZONE:
        if zone is None and local:
            return f"{call_time} по местному времени"
        if zone and said and not local:
            return f"{call_time} по {said}"  # "по питерскому времени": Moscow's, in their word
        return f"{call_time} по московскому времени" if has_clock or zone else call_time
    named = _ZONE_WORDS.get(zone)
    # the manager calling from Moscow reads which local time: "по местному (омскому) времени"
    local_word = f"местному ({named}) времени" if named else "местному времени"
    word = local_word if local else said or (f"{named} времени" if named else "местному времени")
    text = f"{call_time} по {word}"
    clocks = [in_moscow(m.group(0), zone, at) for m in _CLOCK_PHRASE.finditer(call_time)]
    if clocks:
        text += f" ({', '.join(c for c in clocks if c)} по Москве)"
    elif (span := part_of_day_span(call_time)) is not None:
        # "днём" in Khabarovsk: the manager in Moscow reads it on their clock too
        moved = in_moscow(span[0].group(0), zone, at)
        text += f" (примерно {moved} по Москве)" if moved else ""
    return text


def parse_office_hours(text: str) -> OfficeHours:
    """Raises ValueError saying what is wrong (config.py names the variable)."""
    body, _, zone = text.strip().rpartition(" ")
    try:
        ZoneInfo(zone)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ValueError(f"{zone!r} is not a time zone; end with one, e.g. Europe/Moscow") from exc
    windows: list[tuple[time, time] | None] = [None] * 7
    for group in body.split(","):
        match = _GROUP.match(group.strip().lower())
        if match is None:
            raise ValueError(f"{group.strip()!r} is not like 'Mon-Fri 09:00-19:00'")
        first, last = match["first"], match["last"] or match["first"]
        if first not in _DAY_NAMES or last not in _DAY_NAMES:
            raise ValueError(f"unknown day in {group.strip()!r}: use Mon..Sun or пн..вс")
        opens, closes = _time(match["opens"]), _time(match["closes"])
        if closes <= opens:
            raise ValueError(f"{group.strip()!r} closes before it opens")
        day = _DAY_NAMES[first]
        while True:
            windows[day] = (opens, closes)
            if day == _DAY_NAMES[last]:
                break
            day = (day + 1) % 7
    return OfficeHours(windows=tuple(windows), zone=zone)


def call_window(
    hours: OfficeHours, now: datetime, call_time: str | None, zone: str | None = None
) -> str:
    """One sentence for the booked confirmation: when the lawyer's call can come.

    A time the lawyers do not work ("в субботу", "после 19:00", 9:00 in Perm) is never
    confirmed as if it held: the call comes at the nearest working time, and it says so.
    `zone` is the zone the call time was named in (the person's), default the office's.
    """
    if call_time and not any_moment(call_time):
        local = hours.in_zone(zone, now)
        if outside_hours(hours, now, call_time, zone):
            # the person hears the hours on their own clock and may name another time in them
            return (
                f"Юристы звонят {hours.describe()}{local}, поэтому в названное время звонка не"
                " будет: юрист позвонит в ближайшее рабочее время. Если удобнее другое время в"
                " эти часы, напишите его."
            )
        return f"Юристы звонят {hours.describe()}{local}."
    zone = hours.zone_phrase(now)
    if hours.is_open(now):
        closes = hours.window_on(now.astimezone(hours.tz).date())
        assert closes is not None
        return f"Юрист позвонит в ближайшее время, сегодня до {_clock(closes[1])} {zone}."
    opening = hours.next_opening(now)
    day = _day_phrase(now.astimezone(hours.tz).date(), opening.astimezone(hours.tz).date())
    return (
        f"Сейчас нерабочее время: юрист позвонит {day} в первый рабочий час,"
        f" с {_clock(opening.astimezone(hours.tz).time())} {zone}."
    )


_WEEKDAY_WORDS = ("понедельник", "вторник", "сред", "четверг", "пятниц", "суббот", "воскресен")
_CLOCK = r"(\d{1,2}):(\d{2})"
_AFTER = re.compile(r"(?:после|позже)\s+" + _CLOCK)
_BEFORE = re.compile(r"(?<!с )(?<!\d )до\s+" + _CLOCK)
_AT = re.compile(r"(?:^|\s)(?:в|с|около|к)\s+" + _CLOCK)
_RANGE = re.compile(r"(?:^|\s)(?:с|от)\s+" + _CLOCK + r"\s*(?:до|-|–|—)\s*" + _CLOCK)


def _named_days(text: str, today: date) -> list[date]:
    """The days a call time names ("в субботу", "в выходные", "завтра"), as dates."""
    days: list[date] = []
    for offset in range(7):
        day = today + timedelta(days=offset)
        if _WEEKDAY_WORDS[day.weekday()] in text:
            days.append(day)
    if "выходн" in text:
        days += [today + timedelta(days=o) for o in range(7) if (today.weekday() + o) % 7 >= 5]
    for word, offset in (("послезавтра", 2), ("завтра", 1), ("сегодня", 0)):
        if re.search(rf"(?<!\w){word}(?!\w)", text):
            days.append(today + timedelta(days=offset))
            break
    return days


def outside_hours(hours: OfficeHours, now: datetime, call_time: str, zone: str | None) -> bool:
    """Whether a named call time falls where the lawyers do not call: a day off, or a clock
    time (in the person's zone) before opening or after closing on that day."""
    text = call_time.lower().replace("ё", "е")
    person = ZoneInfo(zone) if zone else hours.tz
    today = now.astimezone(person).date()
    days = _named_days(text, today)
    if days and all(hours.window_on(day) is None for day in days):
        return True
    working = [d for d in days if hours.window_on(d) is not None] or [
        hours.next_opening(now).astimezone(person).date()
    ]
    day = working[0]
    window = hours.window_on(day)
    if window is None:
        return False
    opens, closes = window

    def at(match: re.Match[str], first: int = 1) -> datetime:
        hour, minute = int(match.group(first)), int(match.group(first + 1))
        return datetime.combine(day, time(min(hour, 23), min(minute, 59)), tzinfo=person)

    if span := _RANGE.search(text):
        # "с 13:00 до 16:00" in Irkutsk is 8:00–11:00 in Moscow: the call can come at 9:00,
        # within the span; only a span wholly outside the window is outside
        return at(span, 3) <= opens or at(span) >= closes
    if part := part_of_day_span(text):
        # "утром" in Vladivostok (8:00–12:00) is 1:00–5:00 in Moscow: wholly outside
        starts, ends = (datetime.combine(day, t, tzinfo=person) for t in part[1:])
        return ends <= opens or starts >= closes
    if (after := _AFTER.search(text)) and at(after) >= closes:
        return True
    if (before := _BEFORE.search(text)) and at(before) <= opens:
        return True
    moment = _AT.search(text)
    return bool(moment and not after and not opens <= at(moment) < closes)


def _day_phrase(today: date, day: date) -> str:
    if day == today:
        return "сегодня"
    if day == today + timedelta(days=1):
        return "завтра"
    return _ON_DAY[day.weekday()]


def _time(text: str) -> time:
    hour, minute = (int(part) for part in text.split(":"))
    if hour == 24 and minute == 0:
        return time(23, 59, 59)
    if not (0 <= hour <= 23 and 0 <= minute <= 59):
        raise ValueError(f"{text} is not a time of day")
    return time(hour, minute)


def _clock(at: time | datetime) -> str:
    return f"{at.hour}:{at.minute:02d}"


DEFAULT_HOURS = parse_office_hours(DEFAULT_OFFICE_HOURS)
