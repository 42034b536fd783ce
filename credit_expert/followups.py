"""Follow-ups people agreed to, call reminders and the offer after a pause: the rules.

Pure: states and times in, decisions out; the clock comes in as `now`. The service
stores what a turn decides (`turn_changes`) in the turn's transaction; the sender
asks `decide_reminder` / `decide_pause_offer` inside the transaction that claims a
due reminder, so two processes never send the same one.

What holds (38-ФЗ art. 18, 152-ФЗ art. 15, the domain brief): a follow-up only after
a clear "да" to Daria's offer, at most two, only 9:00–21:00 in the person's time zone,
never after /stop, a booking, /forget or a crisis; "не надо напоминать" cancels them
at once. Each is a neutral reminder of the person's own request with the statutory
warning word for word.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from credit_expert.models import (
    Ask,
    Event,
    ReminderAction,
    ReminderChange,
    ReminderContext,
    ReminderKind,
    SessionState,
    Stage,
    TurnPlan,
)
from credit_expert.office_hours import OfficeHours, zone_phrase
from credit_expert.policy import DEFAULT_ZONE, call_zone, offer_after_pause
from credit_expert.scripted_writer import (
    SENT_KEPT,
    STATUTORY_WARNING,
    ScriptedWriter,
    format_phone,
    plural,
    sentence_digests,
)
from credit_expert.understanding.region import city_zone

DAY_OPENS, DAY_CLOSES = time(9, 0), time(21, 0)  # nothing unasked outside, local time
MORNING, EVENING = time(10, 0), time(19, 0)  # where a reminder outside the day is moved
CALL_NOTICE = timedelta(hours=1)  # the call reminder comes about this long before the call
CALL_LATEST = timedelta(minutes=15)  # closer to the call than this, no reminder any more
CALL_MIN_AHEAD = timedelta(minutes=10)  # booked too close to the call: no reminder
PAUSE_OFFER_WITHIN = timedelta(hours=3)  # a silence older than this gets no offer
BUSY_RETRY = timedelta(minutes=2)  # a turn of the person is in progress: look again soon
ALL_KINDS = (ReminderKind.FOLLOWUP, ReminderKind.CALL)


@dataclass(frozen=True)
class FollowupSettings:
    delays_days: tuple[int, ...] = (1, 3)  # FOLLOWUP_DELAYS_DAYS: first, then second after it
    pause_minutes: int = 30  # FOLLOWUP_PAUSE_MINUTES: silence before the offer

    @property
    def pause(self) -> timedelta:
        return timedelta(minutes=self.pause_minutes)

    @property
    def first_when(self) -> str:
        return when_phrase(self.delays_days[0]) if self.delays_days else "завтра"


# --- time zones and the day window ------------------------------------------------------


def person_zone(state: SessionState) -> str:
    """Where the person lives: their region's zone, else the zone they named, else Moscow."""
    named = state.call_tz if state.call_tz not in (None, "local") else None
    return city_zone(state.slots.region) or named or DEFAULT_ZONE


def daytime(at: datetime, zone: str) -> bool:
    return DAY_OPENS <= at.astimezone(ZoneInfo(zone)).time() < DAY_CLOSES


def next_daytime(at: datetime, zone: str) -> datetime:
    """`at` itself in the day window, else 10:00 local of the coming morning (UTC)."""
    if daytime(at, zone):
        return at
    local = at.astimezone(ZoneInfo(zone))
    day = local.date() if local.time() < DAY_OPENS else local.date() + timedelta(days=1)
    return datetime.combine(day, MORNING, tzinfo=ZoneInfo(zone)).astimezone(UTC)


def followup_due(agreed_at: datetime, days: int, zone: str) -> datetime:
    """The same hour `days` later, kept on that date inside the day window: "завтра"
    said at 22:30 comes tomorrow at 19:00, not the day after."""
    tz = ZoneInfo(zone)
    local = agreed_at.astimezone(tz) + timedelta(days=days)
    if local.time() < DAY_OPENS:
        local = datetime.combine(local.date(), MORNING, tzinfo=tz)
    elif local.time() >= DAY_CLOSES:
        local = datetime.combine(local.date(), EVENING, tzinfo=tz)
    return local.astimezone(UTC)


def when_phrase(days: int) -> str:
    if days == 1:
        return "завтра"
    if days == 2:
        return "послезавтра"
    return f"через {days} {plural(days, 'день', 'дня', 'дней')}"


# --- the booked call --------------------------------------------------------------------

_CLOCK = re.compile(r"(?:^|\s)(?P<prep>около|после|в|к|с) (?P<h>\d{1,2}):(?P<m>\d{2})\b")
_DAY_OFFSETS = (("послезавтра", 2), ("завтра", 1), ("сегодня", 0))
_WEEKDAYS = (
    ("понедельник", 0),
    ("вторник", 1),
    ("сред", 2),
    ("четверг", 3),
    ("пятниц", 4),
    ("суббот", 5),
    ("воскресен", 6),
)
_ON_DAY = ("в понедельник", "во вторник", "в среду", "в четверг", "в пятницу", "в субботу",
           "в воскресенье")  # fmt: skip


@dataclass(frozen=True)
class CallMoment:
    at: datetime  # UTC
    after: bool  # "после 18:00": not before that time


def call_moment(call_time: str, said_at: datetime, zone: str) -> CallMoment | None:
    """When the call is planned, for a call time with a concrete hour ("завтра в 15:00",
    "в пятницу около 11:30", "после 18:00"); None for "вечером" or "утром или днём"."""
    text = call_time.lower().replace("ё", "е")
    found = _CLOCK.search(text)
    if found is None or re.search(r"\bили\b", text) or int(found["h"]) > 23:
        return None
    tz = ZoneInfo(zone)
    local_now = said_at.astimezone(tz)
    hour = time(int(found["h"]), int(found["m"]))
    day = _named_day(text, local_now.date())
    if day is None:  # no day: the first such hour from now on
        day = local_now.date()
        if datetime.combine(day, hour, tzinfo=tz) <= local_now:
            day += timedelta(days=1)
    elif isinstance(day, int):  # a weekday: the coming one (today if the hour is ahead)
        ahead = (day - local_now.weekday()) % 7
        day = local_now.date() + timedelta(days=ahead)
        if datetime.combine(day, hour, tzinfo=tz) <= local_now:
            day += timedelta(days=7)
    moment = datetime.combine(day, hour, tzinfo=tz)
    if moment <= local_now:
        return None  # "сегодня в 10:00" said at 11: no moment to remind of
    return CallMoment(at=moment.astimezone(UTC), after=found["prep"] == "после")


def _named_day(text: str, today: date) -> date | int | None:
    for word, offset in _DAY_OFFSETS:
        if re.search(rf"(?<!\w){word}(?!\w)", text):
            return today + timedelta(days=offset)
    for stem, weekday in _WEEKDAYS:
        if re.search(rf"(?<!\w){stem}", text):
            return weekday
    return None


def call_reminder_due(
    call_at: datetime, now: datetime, zone: str, hours: OfficeHours
) -> datetime | None:
    """About an hour before the call, inside the person's day window; None when the call
    falls outside the office hours (the lawyer does not call then), or it is too close."""
    if not hours.is_open(call_at):
        return None
    due = call_at - CALL_NOTICE
    if not daytime(due, zone):
        local = due.astimezone(ZoneInfo(zone))
        edge = DAY_OPENS if local.time() < DAY_OPENS else time(20, 45)
        due = datetime.combine(local.date(), edge, tzinfo=ZoneInfo(zone)).astimezone(UTC)
    if due > call_at - CALL_LATEST or due < now + CALL_MIN_AHEAD:
        return None
    return due


# --- what a turn changes ----------------------------------------------------------------


def may_remind(state: SessionState) -> bool:
    return not state.opted_out_ever and not state.crisis


def turn_changes(
    plan: TurnPlan,
    before: SessionState,
    after: SessionState,
    now: datetime,
    settings: FollowupSettings,
    hours: OfficeHours,
) -> tuple[ReminderChange, ...]:
    """The reminders a turn schedules or cancels (stored in the turn's transaction)."""
    if plan.forget:
        return ()  # /forget deletes them with everything else

    def cancel(reason: str, *kinds: ReminderKind) -> list[ReminderChange]:
        return [ReminderChange(kind, cancel=reason) for kind in kinds or ALL_KINDS]

    if plan.has(Event.CRISIS):
        return tuple(cancel("crisis"))
    if plan.has(Event.OPTED_OUT):
        return tuple(cancel("opted_out"))
    if plan.has(Event.REMINDERS_STOPPED):
        return tuple(cancel("declined"))
    changes: list[ReminderChange] = []
    if plan.has(Event.FOLLOWUP_AGREED) and settings.delays_days and may_remind(after):
        due = followup_due(now, settings.delays_days[0], person_zone(after))
        changes += cancel("replaced", ReminderKind.FOLLOWUP)
        changes.append(ReminderChange(ReminderKind.FOLLOWUP, due_at=due, attempt=1))
    if after.stage is Stage.BOOKED and before.stage is not Stage.BOOKED:
        changes += cancel("booked", ReminderKind.FOLLOWUP)
    if plan.has(Event.CALL_CANCELLED):
        changes += cancel("call_cancelled", ReminderKind.CALL)
    elif after.stage is Stage.BOOKED and (plan.has(Event.BOOKED) or "call_time" in plan.filled):
        changes += cancel("moved", ReminderKind.CALL)
        if after.slots.call_time and may_remind(after):
            moment = call_moment(after.slots.call_time, now, call_zone(after))
            zone = person_zone(after)
            remind_at = call_reminder_due(moment.at, now, zone, hours) if moment else None
            if moment and remind_at:
                changes.append(
                    ReminderChange(ReminderKind.CALL, due_at=remind_at, call_at=moment.at)
                )
    return tuple(changes)


# --- what is sent, and when -------------------------------------------------------------


class ReminderWords:
    """Daria's words for reminders (prompts/script.toml), the first wording of each:
    a reminder is a fixed, legally worded text."""

    def __init__(self, writer: ScriptedWriter) -> None:
        self._writer = writer

    def followup(self, attempt: int) -> str:
        if attempt == 1:
            parts = [self._writer.text("followup.first"), STATUTORY_WARNING]
            parts.append(self._writer.text("followup.how_to_stop"))
        else:
            parts = [self._writer.text("followup.last"), STATUTORY_WARNING]
        return " ".join(p for p in parts if p)

    def pause_offer(self, when: str) -> str:
        offer = self._writer.text("ask.followup", when=when)
        return f"{self._writer.text('followup.pause')} {offer}"

    def call(self, call: CallMoment, now: datetime, state: SessionState) -> str:
        zone = call_zone(state)
        local = call.at.astimezone(ZoneInfo(zone))
        today = now.astimezone(ZoneInfo(zone)).date()
        if local.date() == today:
            day = "сегодня"
        elif local.date() == today + timedelta(days=1):
            day = "завтра"
        else:
            day = _ON_DAY[local.weekday()]
        phone = state.slots.phone
        return self._writer.text(
            "call.reminder",
            day=day,
            clock=f"{'после' if call.after else 'около'} {local.hour}:{local.minute:02d}",
            zone=zone_phrase(zone, call.at),
            phone=f" на номер {format_phone(phone)}" if phone else "",
        )


def after_sending(state: SessionState, text: str, **changes: object) -> SessionState:
    """The state with the sent text remembered (never the same paragraph twice)."""
    sent = (*state.sent, *sentence_digests(text))[-SENT_KEPT:]
    return dataclasses.replace(state, sent=sent, last_reply=text, **changes)  # type: ignore[arg-type]


def decide_reminder(
    ctx: ReminderContext,
    now: datetime,
    settings: FollowupSettings,
    hours: OfficeHours,
    words: ReminderWords,
) -> ReminderAction:
    """A due reminder: send it, move it, or cancel it (with the reason)."""
    reminder, state = ctx.reminder, ctx.state
    assert reminder is not None
    if state.opted_out_ever:
        return ReminderAction(cancel="opted_out")
    if state.crisis:
        return ReminderAction(cancel="crisis")
    if ctx.held:
        return ReminderAction(cancel="manager")  # a person of the firm is talking to them
    if reminder.kind is ReminderKind.CALL:
        return _call_reminder(ctx, now, hours, words)
    return _followup(ctx, now, settings, words)


def _followup(
    ctx: ReminderContext, now: datetime, settings: FollowupSettings, words: ReminderWords
) -> ReminderAction:
    reminder, state = ctx.reminder, ctx.state
    assert reminder is not None
    if state.stage is Stage.BOOKED:
        return ReminderAction(cancel="booked")
    if state.stage is Stage.NOT_A_FIT:
        return ReminderAction(cancel="not_a_fit")
    if state.followup == "declined":
        return ReminderAction(cancel="declined")
    came_back = ctx.last_incoming_at is not None and ctx.last_incoming_at > reminder.created_at
    if reminder.attempt > 1 and came_back:
        return ReminderAction(cancel="replied")  # the first one brought them back
    if ctx.unanswered or (
        ctx.last_incoming_at is not None and ctx.last_incoming_at > now - settings.pause
    ):
        return ReminderAction(postpone_to=now + settings.pause)  # talking right now
    zone = person_zone(state)
    if not daytime(now, zone):
        return ReminderAction(postpone_to=next_daytime(now, zone))
    text = words.followup(reminder.attempt)
    schedule: tuple[ReminderChange, ...] = ()
    if reminder.attempt == 1 and len(settings.delays_days) > 1:
        due = followup_due(now, settings.delays_days[1], zone)
        schedule = (ReminderChange(ReminderKind.FOLLOWUP, due_at=due, attempt=2),)
    return ReminderAction(
        text=text,
        state=after_sending(state, text, last_ask=None),
        plan={"reminder": "followup", "attempt": reminder.attempt},
        schedule=schedule,
    )


def _call_reminder(
    ctx: ReminderContext, now: datetime, hours: OfficeHours, words: ReminderWords
) -> ReminderAction:
    reminder, state = ctx.reminder, ctx.state
    assert reminder is not None
    if state.stage is not Stage.BOOKED or not state.slots.call_time or reminder.call_at is None:
        return ReminderAction(cancel="not_booked")
    latest = reminder.call_at - CALL_LATEST
    if now > latest:
        return ReminderAction(cancel="too_late")
    if ctx.unanswered:
        return ReminderAction(postpone_to=min(now + BUSY_RETRY, latest))
    zone = person_zone(state)
    if not daytime(now, zone):
        later = next_daytime(now, zone)
        if later > latest:
            return ReminderAction(cancel="night")
        return ReminderAction(postpone_to=later)
    moment = call_moment(state.slots.call_time, reminder.created_at, call_zone(state))
    after = moment.after if moment else False
    text = words.call(CallMoment(reminder.call_at, after), now, state)
    return ReminderAction(
        text=text,
        state=after_sending(state, text, last_ask=Ask.CALL_TIME),  # "давайте завтра" moves it
        plan={"reminder": "call"},
    )


def decide_pause_offer(
    ctx: ReminderContext, now: datetime, settings: FollowupSettings, words: ReminderWords
) -> ReminderAction:
    """A person silent in qualification, offer or booking: one offer of a reminder,
    in the day window; nothing when anything happened since, or the offer was made."""
    if ctx.unanswered or ctx.held or ctx.updated_at > now - settings.pause:
        return ReminderAction()
    offered = offer_after_pause(ctx.state)
    if offered is None or not daytime(now, person_zone(ctx.state)):
        return ReminderAction()
    text = words.pause_offer(settings.first_when)
    return ReminderAction(text=text, state=after_sending(offered, text), plan={"reminder": "offer"})
