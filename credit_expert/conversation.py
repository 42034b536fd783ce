"""The conversation service: one turn from recorded messages to a stored reply.

Adapters call `receive` for every message the moment it arrives (durable,
idempotent), then `respond` for the person: all their unanswered messages
become one turn, answered under a per-person lock. `handle` does both.
"""

from __future__ import annotations

import asyncio
import logging
import re
import time
from collections.abc import AsyncIterator, Callable, Collection, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from functools import partial
from typing import Protocol
from zoneinfo import ZoneInfo

from credit_expert.destinations.routing import turn_events
from credit_expert.followups import (
    PAUSE_OFFER_WITHIN,
    FollowupSettings,
    ReminderWords,
    decide_pause_offer,
    decide_reminder,
    turn_changes,
)
from credit_expert.models import (
    Act,
    ActKind,
    Ask,
    Event,
    Feeling,
    Incoming,
    MessageKind,
    Reminder,
    ReminderAction,
    Reply,
    SessionState,
    Slots,
    Stage,
    Subject,
    TurnPlan,
    Understanding,
    Writer,
    WriteRequest,
    Written,
)
from credit_expert.office_hours import (
    DEFAULT_HOURS,
    MOSCOW_ZONE,
    OfficeHours,
    any_moment,
    call_window,
    in_moscow,
    outside_hours,
    zoned_call_time,
)
from credit_expert.policy import (
    NOTE_MIN_WORDS,
    call_time_zone,
    call_zone,
    case_verdict,
    first_told,
    inherited_debts,
    take_turn,
)
from credit_expert.scripted_writer import (
    SENT_KEPT,
    ScriptedWriter,
    describe_facts,
    format_phone,
    person_seed,
    plural,
    sentence_digests,
)
from credit_expert.store.base import Lead, OutgoingReply, PendingTurn, Store, TurnRecord
from credit_expert.understanding import clean_text, mask_phones, understand
from credit_expert.understanding.property import said_bought_in_marriage

log = logging.getLogger(__name__)

TRUNCATION_MARK = " […]"


def known_about(state: SessionState) -> frozenset[str]:
    """What sharpens the reading of a question: "машину заберут?" with a car under pledge;
    the topics answered last, for "неужели всё равно могут забрать?" right after them; the
    figures given (debt, creditors, months, income), which a late correction is judged against."""
    return (
        frozenset(
            name
            for name, present in (
                ("mortgage", state.slots.mortgage),
                ("pledged_car", state.pledged_car),
                ("recent_deals", state.slots.recent_deals),
                (f"guarantor:{state.guarantor}", state.guarantor),
                (f"on_behalf:{state.on_behalf}", state.on_behalf),
                ("heirs", state.heirs),  # a relative died: "я уже вступила" is the inheritance
            )
            if present
        )
        | frozenset(
            # the figures given, for a correction that comes after Daria moved on ("ой нет, 310")
            f"{name}:{value}"
            for name, value in (
                ("debt", state.slots.debt_total),
                ("creditors", state.slots.creditors_count),
                ("months", state.slots.months_overdue),
                ("income", state.slots.income_monthly),
            )
            if value is not None
        )
        | frozenset(
            [f"answered:{topic}" for topic in state.answered[-2:]]
            + [f"last:{topic}" for topic in state.answered[-1:]]
            # answered in the reply just sent: what a bare "а почему?" presses
            + [
                f"just:{topic}"
                for topic in state.answered[-1:]
                if state.answered_turn == state.turns
            ]
        )
    )


class TurnObserver(Protocol):
    """Metrics hook: told about every finished turn."""

    def turn_finished(self, reply: Reply, written: Written, seconds: float) -> None: ...


class Reconciler(Protocol):
    """Merges what an LLM understood into the rule-based reading (rules win)."""

    def __call__(self, rules: Understanding, llm: Understanding) -> Understanding: ...


@dataclass(frozen=True)
class ConversationSettings:
    privacy_policy_url: str
    consent_version: str
    max_message_chars: int = 2000
    history_limit: int = 6
    office_hours: OfficeHours = DEFAULT_HOURS
    retention_days: int = 90  # told to the person in /mydata
    destinations: tuple[str, ...] = ("managers",)  # where lead events go (outbox rows)
    crisis_helpline: str = ""
    reply_stale_minutes: int = 60  # an unsent reply older than this is not sent any more
    # The variant seed given to every new person (`chat --seed`, reproducible replays);
    # None: each person's own, from their id (A/B arms spread over people).
    variant_seed: int | None = None
    # FOLLOWUP_DELAYS_DAYS, FOLLOWUP_PAUSE_MINUTES
    followups: FollowupSettings = field(default_factory=FollowupSettings)


class UserLocks:
    """One turn at a time per person; every person concurrent. No lock outlives its users."""

    def __init__(self) -> None:
        self._locks: dict[int, tuple[asyncio.Lock, int]] = {}

    @asynccontextmanager
    async def hold(self, user_id: int) -> AsyncIterator[None]:
        lock, users = self._locks.get(user_id, (asyncio.Lock(), 0))
        self._locks[user_id] = (lock, users + 1)
        try:
            async with lock:
                yield
        finally:
            lock, users = self._locks[user_id]
            if users <= 1:
                del self._locks[user_id]
            else:
                self._locks[user_id] = (lock, users - 1)

    def __len__(self) -> int:
        return len(self._locks)


class ConversationService:
    def __init__(
        self,
        store: Store,
        writer: Writer,
        settings: ConversationSettings,
        *,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
        observer: TurnObserver | None = None,
        reconcile: Reconciler | None = None,
    ) -> None:
        self._store = store
        self._writer = writer
        self._fallback = writer if isinstance(writer, ScriptedWriter) else ScriptedWriter()
        self._settings = settings
        self._clock = clock
        self._observer = observer
        self._reconcile = reconcile
        self._words = ReminderWords(self._fallback)
        self.locks = UserLocks()

    def stored_text(self, text: str) -> str:
        cleaned, truncated = clean_text(text, self._settings.max_message_chars)
        return cleaned + TRUNCATION_MARK if truncated else cleaned

    async def receive(self, incoming: Incoming) -> bool:
        """Record the message; False for a duplicate (it gets no second reply)."""
        return await self._store.record_incoming(incoming, self.stored_text(incoming.text))

    async def edit(self, user_id: int, message_id: int, text: str) -> bool:
        """A message edited before Daria answered is taken in its edited form."""
        return await self._store.update_unanswered(user_id, message_id, self.stored_text(text))

    async def record_answered_by_manager(self, incoming: Incoming) -> bool:
        """A message in a chat a manager has taken over: kept for the CRM, never
        answered by Daria (now or after a restart). False for a duplicate."""
        async with self.locks.hold(incoming.user_id):
            if not await self.receive(incoming):
                return False
            pending = await self._store.pending_turn(incoming.user_id, 0)
            if pending is None:
                return True
            await self._store.commit_turn(
                TurnRecord(
                    user_id=pending.user_id,
                    answered_ids=tuple(m.message_id for m in pending.messages),
                    reply_text="",
                    stage=pending.state.stage,
                    state=pending.state,
                    writer="manager",
                    plan={"handled_by": "manager"},
                    at=self._clock(),
                )
            )
            return True

    async def handle(self, incoming: Incoming) -> Reply | None:
        await self.receive(incoming)
        return await self.respond(incoming.user_id)

    async def recover(
        self, min_age: timedelta | None = None, skip: Collection[int] = ()
    ) -> list[Reply]:
        """Answer, once, what was recorded but never answered: at start after a restart
        (everything), and periodically after a database outage (only messages older than
        `min_age`, and not people whose burst is still being collected: `skip`)."""
        replies = []
        for user_id in await self._store.users_with_unanswered():
            if user_id in skip:
                continue
            reply = await self.respond(user_id, min_age=min_age)
            if reply is not None:
                replies.append(reply)
        return replies

    async def respond(self, user_id: int, min_age: timedelta | None = None) -> Reply | None:
        """One turn over all the person's unanswered messages; None if nothing to answer."""
        async with self.locks.hold(user_id):
            pending = await self._store.pending_turn(user_id, self._settings.history_limit)
            if pending is None:
                return None
            if min_age is not None and self._clock() - pending.messages[-1].at < min_age:
                return None  # still fresh: the adapter's own turn will answer it
            return await self._turn(pending)

    async def _turn(self, pending: PendingTurn) -> Reply | None:
        started = time.perf_counter()
        now = self._clock()
        if pending.state.variant_seed is None:  # the first turn: the person's A/B arms
            seed = self._settings.variant_seed
            seed = person_seed(pending.user_id) if seed is None else seed
            pending = replace(pending, state=replace(pending.state, variant_seed=seed))
        text, truncated, voice_unreadable = _turn_text(pending)
        if text.strip().lower().split("@", 1)[0] == "/mydata":
            return await self._show_stored_data(pending, started, now)
        try:
            carried = pending.state.last_subject
            understood = understand(
                text,
                expected=pending.state.last_ask,
                today=now.date(),
                carried=Subject(carried) if carried else None,
                known=known_about(pending.state),
            )
            understood = first_told(pending.state, understood)
            if understood.wants_mydata:
                return await self._show_stored_data(pending, started, now)
        except Exception:  # a reading bug must not leave the person without an answer
            log.exception("understanding failed; the turn goes on as unreadable")
            understood = Understanding(unreadable=True)
        turn = take_turn(
            pending.state,
            understood,
            now,
            truncated=truncated,
            voice_unreadable=voice_unreadable,
        )
        plan, state = turn.plan, turn.state
        answered = tuple(m.message_id for m in pending.messages)
        request = WriteRequest(
            plan=plan,
            state=replace(state, last_reply=pending.state.last_reply),
            user_text=text,
            history=pending.history,
            privacy_policy_url=self._settings.privacy_policy_url,
            understanding=understood,
            call_window=self._call_window(plan, state, now),
            call_time_text=call_time_text(state, now),
            crisis_helpline=self._settings.crisis_helpline,
            followup_when=self._settings.followups.first_when,
        )
        written = await self._write(request)

        if plan.forget:
            await self._store.forget_user(pending.user_id, now, self._settings.destinations)
            return self._finish(pending, written, state, plan, answered, started)

        if written.extracted is not None and self._reconcile is not None and not plan.silent:
            state = self._merge_llm(understood, written.extracted, state)
        state = replace(
            state,
            last_reply=written.text or pending.state.last_reply,
            sent=(*state.sent, *sentence_digests(written.text))[-SENT_KEPT:],
        )
        lead = self._lead(pending, state)
        alert = crisis_alert_payload(
            pending.user_id,
            pending.first_name,
            lead,
            state,
            text,
            plan,
            update=crisis_update(pending.state, state, text, plan),
        )
        card = (
            lead_card(lead, state, now, self._settings.office_hours) if lead is not None else None
        )
        events = turn_events(plan, pending.state, card, alert, self._settings.destinations)
        reminders = turn_changes(
            plan,
            pending.state,
            state,
            now,
            self._settings.followups,
            self._settings.office_hours,
        )
        committed = await self._store.commit_turn(
            TurnRecord(
                user_id=pending.user_id,
                answered_ids=answered,
                reply_text=written.text,
                stage=state.stage,
                state=state,
                writer=written.writer if written.text else "none",
                plan=plan.to_json(),
                at=now,
                rejection=written.rejection,
                tokens_in=written.tokens_in,
                tokens_out=written.tokens_out,
                latency_ms=written.latency_ms,
                variants=written.variants,
                lead=lead,
                events=events,
                supersede_unsent=state.stage is Stage.OPTED_OUT,
                reminders=reminders,
            )
        )
        if not committed:
            return None  # answered already (a retry, another process, /forget)
        if plan.has(Event.CONSENT_REFUSED):
            # No consent, no phone: not on the lead, not in the session, not in the log.
            await self._store.rewrite_incoming(pending.user_id, mask_phones)
        return self._finish(pending, written, state, plan, answered, started)

    async def _show_stored_data(
        self, pending: PendingTurn, started: float, now: datetime
    ) -> Reply | None:
        """/mydata (152-ФЗ art. 14): everything stored about the person, in one message."""
        lead = await self._store.get_lead(pending.user_id)
        messages = await self._store.count_messages(pending.user_id)
        reminders = await self._store.reminders_of(pending.user_id)
        items = stored_data_items(pending.state, lead, messages, pending.first_name, reminders)
        days = self._settings.retention_days
        text = self._fallback.text(
            "mydata",
            items=items,
            retention=f"{days} {plural(days, 'день', 'дня', 'дней')}",
        )
        state = pending.state
        plan = TurnPlan(stage=state.stage, previous_stage=state.stage, ask=Ask.NOTHING)
        answered = tuple(m.message_id for m in pending.messages)
        committed = await self._store.commit_turn(
            TurnRecord(
                user_id=pending.user_id,
                answered_ids=answered,
                reply_text=text,
                stage=state.stage,
                state=state,
                writer="script",
                plan={"mydata": True},
                at=now,
                variants=("mydata#0",),
            )
        )
        if not committed:
            return None
        written = Written(text=text, writer="script")
        return self._finish(pending, written, state, plan, answered, started)

    # --- reminders: follow-ups people agreed to, call reminders, the offer after a pause ---
    # Each is claimed in the transaction that stores its reply (take_reminder), so two
    # processes never send the same one; the reply then goes out like any other: at
    # least once, with a stored send mark (claim_replies / reply_sent below).

    async def send_due_reminders(self, user_id: int | None = None) -> list[SentReminder]:
        """Hand every due reminder (and offer after a pause) to the reply queue; the front
        then sends the people's pending replies. `user_id`: only this person (`chat`)."""
        now = self._clock()
        followups = self._settings.followups
        sent: list[SentReminder] = []
        for _ in range(REMINDER_ROUNDS):  # a backlog (after downtime) drains in one call
            batch = await self._store.due_reminders(now, REMINDER_BATCH, user_id=user_id)
            for due in batch:
                async with self.locks.hold(due.user_id):
                    action = await self._store.take_reminder(
                        due.user_id,
                        due.id,
                        now,
                        partial(
                            decide_reminder,
                            now=now,
                            settings=followups,
                            hours=self._settings.office_hours,
                            words=self._words,
                        ),
                    )
                if action is not None:
                    sent += self._reminder_result(due.user_id, due.kind.value, action, now)
            if len(batch) < REMINDER_BATCH:
                break
        quiet_since = now - followups.pause
        for person, _ in await self._store.quiet_sessions(
            quiet_since - PAUSE_OFFER_WITHIN, quiet_since, user_id=user_id
        ):
            async with self.locks.hold(person):
                action = await self._store.take_reminder(
                    person,
                    None,
                    now,
                    partial(decide_pause_offer, now=now, settings=followups, words=self._words),
                )
            if action is not None:
                sent += self._reminder_result(person, "offer", action, now)
        return sent

    @staticmethod
    def _reminder_result(
        user_id: int, kind: str, action: ReminderAction, now: datetime
    ) -> list[SentReminder]:
        if action.cancel:
            log.info("%s reminder cancelled: %s", kind, action.cancel)
        if not action.text:
            return []
        log.info("%s reminder handed to the reply queue", kind)
        return [SentReminder(user_id=user_id, kind=kind, text=action.text, at=now)]

    async def next_reminder_moment(
        self, after: datetime, user_id: int | None = None
    ) -> datetime | None:
        """The next moment after `after` when a reminder or a pause offer may fall due
        (`chat`'s /_wait steps its clock through these)."""
        pause = self._settings.followups.pause
        moments = [
            updated + pause
            for _, updated in await self._store.quiet_sessions(
                after - pause, after + timedelta(days=3650), user_id=user_id
            )
        ]
        due = await self._store.next_reminder_due(after, user_id=user_id)
        if due is not None:
            moments.append(due)
        return min(moments, default=None)

    # --- sending: at least once ---------------------------------------------------------
    # A reply is committed as pending with its turn; the front claims it, sends it and
    # marks it sent. Unsent replies are claimed again by the sweep and at start, in
    # order per person; stale ones (stopped, taken over, too old) are never sent.

    async def claim_replies(self, user_id: int, lease: timedelta) -> list[OutgoingReply]:
        now = self._clock()
        stale_before = now - timedelta(minutes=self._settings.reply_stale_minutes)
        return await self._store.claim_replies(user_id, now, lease, stale_before)

    async def unsent_users(self) -> list[int]:
        return await self._store.unsent_users(self._clock())

    async def reply_sent(self, reply_id: int, telegram_id: int | None) -> None:
        await self._store.reply_sent(reply_id, telegram_id, self._clock())

    async def reply_failed(self, reply_id: int, retry_in: timedelta, flood: bool) -> None:
        await self._store.reply_failed(reply_id, self._clock() + retry_in, flood)

    async def reply_blocked(self, user_id: int) -> None:
        await self._store.reply_blocked(user_id)

    async def drop_unanswered(self, user_id: int, message_ids: tuple[int, ...]) -> int:
        """Messages deleted before Daria answered them are not answered."""
        async with self.locks.hold(user_id):
            return await self._store.delete_unanswered(user_id, message_ids)

    async def set_takeover(self, chat_id: int, until: datetime) -> None:
        await self._store.set_takeover(chat_id, until, self._clock())

    async def clear_takeover(self, chat_id: int) -> None:
        await self._store.clear_takeover(chat_id)

    async def takeovers(self) -> dict[int, datetime]:
        return await self._store.takeovers(self._clock())

    async def _write(self, request: WriteRequest) -> Written:
        if request.plan.silent:
            return Written(text="", writer="none")
        if (
            request.plan.forget
            or request.plan.stage is Stage.OPTED_OUT
            or request.plan.ask is Ask.FOLLOWUP
            or any(request.plan.has(event) for event in _REMINDER_EVENTS)
        ):
            return await self._fallback.write(request)  # fixed, legally worded texts
        try:
            written = await self._writer.write(request)
        except Exception:  # the person always gets an answer
            log.exception("writer failed; the script answers")
            fallback = await self._fallback.write(request)
            return replace(fallback, rejection="writer_error")
        if not written.text.strip():
            fallback = await self._fallback.write(request)
            return replace(fallback, rejection=written.rejection or "empty_reply")
        return written

    def _call_window(self, plan: TurnPlan, state: SessionState, now: datetime) -> str:
        if not (plan.has(Event.BOOKED) or plan.has(Event.BOOKING_UPDATED)):
            return ""
        zone = call_zone(state)  # the person's: "в 9:00" in Perm is 7:00 in Moscow
        hours, call_time = self._settings.office_hours, state.slots.call_time
        if not plan.has(Event.BOOKED) and not (
            call_time and not any_moment(call_time) and outside_hours(hours, now, call_time, zone)
        ):
            return ""  # an update: the working hours again only when the new time is outside
        return call_window(hours, now, call_time, zone)

    def _merge_llm(
        self, rules: Understanding, llm: Understanding, after: SessionState
    ) -> SessionState:
        """Facts the LLM read and the rules missed join the state for the next turn."""
        assert self._reconcile is not None
        merged = self._reconcile(rules, llm)
        if merged == rules:
            return after
        extra = replace(merged.slots, phone=None)  # a phone only ever comes from the rules
        return replace(after, slots=after.slots.merged(extra))

    def _lead(self, pending: PendingTurn, state: SessionState) -> Lead | None:
        if state.consent is not True or not state.slots.phone:
            return None  # no consent, no lead data
        slots = state.slots
        return Lead(
            user_id=pending.user_id,
            phone=slots.phone,
            debt_total=slots.debt_total,
            creditors_count=slots.creditors_count,
            verdict=_verdict_value(state),
            call_time=slots.call_time,
            region=slots.region,
            source=state.source,
            first_name=pending.first_name,
            consent_at=state.consent_at,
            consent_version=self._settings.consent_version,
            summary=dialogue_summary(state),
            status="booked" if state.stage is Stage.BOOKED else "booking",
        )

    def _finish(
        self,
        pending: PendingTurn,
        written: Written,
        state: SessionState,
        plan: TurnPlan,
        answered: tuple[int, ...],
        started: float,
    ) -> Reply:
        reply = Reply(
            user_id=pending.user_id,
            chat_id=pending.chat_id,
            text=written.text,
            stage=state.stage,
            plan=plan,
            state=state,
            writer=written.writer,
            rejection=written.rejection,
            answered_message_ids=answered,
        )
        if self._observer is not None:
            self._observer.turn_finished(reply, written, time.perf_counter() - started)
        return reply


REMINDER_BATCH = 50  # due reminders read at once
REMINDER_ROUNDS = 40  # batches in one sender call, at most (each reminder leaves "due" when
# acted on, so a round never sees the same one twice)


@dataclass(frozen=True)
class SentReminder:
    """A reminder handed to the reply queue (its text waits there as a pending reply)."""

    user_id: int
    kind: str  # "followup", "call", "offer"
    text: str
    at: datetime


# Reminder turns are worded by the script: fixed texts that ask a clear agreement.
_REMINDER_EVENTS = (
    Event.FOLLOWUP_OFFERED,
    Event.FOLLOWUP_AGREED,
    Event.FOLLOWUP_DECLINED,
    Event.REMINDERS_STOPPED,
    Event.CALL_CANCELLED,
)


def _turn_text(pending: PendingTurn) -> tuple[str, bool, bool]:
    """The text of one turn: a burst joined; a command in it wins."""
    texts = [m.text for m in pending.messages if m.text.strip()]
    commands = [t for t in texts if t.lstrip().startswith("/")]
    text = commands[-1] if commands else "\n".join(texts)
    truncated = any(m.text.endswith(TRUNCATION_MARK) for m in pending.messages)
    if truncated:
        text = text.replace(TRUNCATION_MARK, "")
    voice_unreadable = not texts and any(m.kind == MessageKind.VOICE for m in pending.messages)
    return text, truncated, voice_unreadable


def _verdict_value(state: SessionState) -> str | None:
    found = case_verdict(state)
    return found.value if found else None


_OBJECTION_NAMES = {
    "price": "цена",
    "think": "хочет подумать",
    "competitor": "сравнивает с другими",
    "trust": "сомневается в честности",
    "property": "боится за имущество",
    "consequences": "спрашивал о последствиях",
    "spouse": "вопрос о супруге",
}
_VERDICT_NAMES = {"court": "суд", "mfc": "МФЦ", "not_a_fit": "не подходит"}


def dialogue_summary(state: SessionState, *, route: bool = True) -> str:
    """Two lines for the sales manager: the facts, then the route and the doubts. `route`
    False (the crisis alert: the facts, never a sales route): the doubts alone."""
    names = tuple(n for n in state.slots.known() if n not in ("phone", "call_time"))
    facts = describe_facts(state.slots, names, approximate=state.approximate) or "фактов пока нет"
    if state.no_own_home and not state.slots.mortgage:
        facts += ", своего жилья нет (со слов)"
    way = _VERDICT_NAMES.get(_verdict_value(state) or "", "не определён")
    doubts = ", ".join(_OBJECTION_NAMES.get(o, o) for o in state.objections) or "нет"
    summary = f"{facts[:1].upper()}{facts[1:]}."
    if not route:
        summary += f"\nСомнения: {doubts}." if state.objections else ""
    else:
        summary += f"\nМаршрут: {way}; сомнения: {doubts}."
    # only what the person asked: a concern answered unasked is no question of theirs
    asked = ", ".join(dict.fromkeys(_TOPIC_NAMES[t] for t in state.questions if t in _TOPIC_NAMES))
    if asked:
        summary += f"\nСпрашивал(а): {asked}."
    if state.crisis and route:
        summary += (
            "\nВНИМАНИЕ: писал(а) о мыслях уйти из жизни — звонить бережно, как человеку, "
            "без продажи; ему дан номер 112."
        )
    if state.heirs:
        summary += (
            "\nУпоминал(а) смерть близкого: есть ли среди долгов долги умершего и принято ли "
            "наследство — уточнить (наследник отвечает в пределах наследства)."
        )
    if state.flagged:
        summary += (
            "\nВажно для юриста: "
            + "; ".join(f"{_flag_name(f)} — «{f['text']}»" for f in state.flagged)
            + "."
        )
    quoted = [n for n in state.notes if len(n.split()) >= NOTE_MIN_WORDS]
    said = [n for n in quoted if not n.endswith("?")]
    asked_words = [n for n in quoted if n.endswith("?")]
    if said:
        summary += "\nСо слов клиента: " + "; ".join(f"«{n}»" for n in said) + "."
    if asked_words:
        # a question is quoted as asked, never as an intention ("перепишу гараж на жену?")
        summary += "\nСпрашивал(а) дословно: " + "; ".join(f"«{n}»" for n in asked_words) + "."
    if state.on_behalf:
        whom = _RELATIVE_NAMES.get(state.on_behalf, "близкий")
        summary += (
            f"\nПишет не сам должник, а близкий; факты выше — о должнике ({whom}). Телефон "
            "и согласие на обработку дал пишущий: чей номер и согласие самого должника — "
            "уточнить на звонке."
        )
    if state.switched_from:
        whom = _RELATIVE_NAMES.get(str(state.switched_from.get("subject")), "близкий")
        before = Slots.from_json(state.switched_from.get("slots") or {})
        told = describe_facts(before, before.known()) or "фактов не назвал(а)"
        summary += (
            f"\nСначала писал(а) за близкого ({whom}: {told}), потом попросил(а) считать "
            "своим случаем: факты выше — о самом пишущем."
        )
    joint = relatives_facts(state, joint=True)
    if joint:
        # bought in the marriage: joint, whoever it is registered to (СК ст. 34)
        summary += (
            "\nСовместно нажитое (куплено в браке — может войти в конкурсную массу, "
            f"СК ст. 34): {joint}."
        )
    theirs = relatives_facts(state)
    if theirs and inherited_debts(state):
        # a dead relative's debts pass to the heir who accepted the inheritance
        summary += f"\nО близких (долги умершего — возможно, в пределах наследства): {theirs}."
    elif theirs:
        summary += f"\nО близких (не имущество и не долги клиента): {theirs}."
    if state.call_cancelled:
        summary += "\nКлиент отменил звонок и назовёт новое время."
    return summary


# The notes a lawyer reads before the call (DOMAIN.md: alimony is not written off, fines
# promise nothing, a new bankruptcy waits 5 years), each beside the words it came from
_FLAG_NAMES = {
    "ip_closed": "был(а) ИП, закрыто",
    "ip_open": "ИП действует",
    "ip": "ИП (действует ли — уточнить)",
    "tax_debt": "долг по налогам",
    "fines": "штрафы (списание не обещать)",
    "alimony_debt": "долг по алиментам (не списывается)",
    "alimony": "платит алименты (не списываются)",
    "past_bankruptcy": "уже было банкротство (проверить 5-летний срок)",
    "writer_debts": "у пишущего свои долги (отдельный случай)",
    "relative_cosigner": "близкий — поручитель или созаёмщик по кредиту клиента",
    "company": "учредитель или директор ООО",
    "foreign_currency": "сумма в иностранной валюте (в рублях не записана)",
    "inheritance_accepted": "принял(а) наследство (долги умершего — в пределах наследства)",
    "svo": "участник СВО (сам или член семьи): кредитные каникулы 377-ФЗ, приостановка"
    " исполнительных производств (229-ФЗ ст. 40) — проверить",
}


def _flag_name(flag: dict[str, str]) -> str:
    if flag["value"] == "past_bankruptcy" and flag.get("until"):
        # "процедура закончилась в 2022": the 5 years have not passed
        return (
            f"уже было банкротство, менее 5 лет назад (самому подать — не раньше {flag['until']})"
        )
    return _FLAG_NAMES.get(flag["value"], flag["value"])


_RELATIVE_NAMES = {
    "spouse": "супруг или супруга",
    "child": "сын или дочь",
    "parent": "мать или отец",
    "sibling": "брат или сестра",
    "other": "другой родственник",
    "self": "сам пишущий",
}


def _bought_in_marriage(fact: dict[str, object]) -> bool:
    return (
        fact.get("subject") == "spouse"
        and fact.get("slot") == "extra_property"
        and said_bought_in_marriage(str(fact.get("text") or ""))
    )


def relatives_facts(state: SessionState, *, joint: bool = False) -> str:
    """What the person told about relatives, grouped by whom and quoted as said ("супруг или
    супруга — «машина на муже, куплена до свадьбы»") — for the lawyer, never as the client's.
    `joint`: only a spouse's thing bought in the marriage, which is joint property and may go
    into the estate (the rest leave it out)."""
    by_whom: dict[str, list[str]] = {}
    for fact in state.others:
        whom, text = fact.get("subject"), fact.get("text")
        if not isinstance(whom, str) or not isinstance(text, str) or not text.strip():
            continue
        if _bought_in_marriage(fact) is not joint:
            continue
        said = " ".join(text.split())
        said = said if len(said) <= 100 else said[:99] + "…"
        if said not in by_whom.setdefault(whom, []):
            by_whom[whom].append(said)
    return "; ".join(
        f"{_RELATIVE_NAMES.get(whom, whom)} — " + ", ".join(f"«{t}»" for t in told[:3])
        for whom, told in by_whom.items()
    )


_TOPIC_NAMES = {
    "flat": "единственное жильё", "mortgage_flat": "ипотечная квартира", "car": "машина",
    "pledged_car": "машина в залоге", "salary": "сколько оставят из дохода", "travel": "выезд",
    "credit_history": "кредиты после", "job": "работа", "spouse": "супруг",
    "spouse_salary": "доход супруга", "spouse_debts": "долги супруга", "children": "дети, родные",
    "relatives_collectors": "коллекторы звонят родным", "collectors": "коллекторы",
    "deal_with_relative": "сделка с родственником", "deal_reversed": "отмена сделки",
    "hide_property": "хотел(а) переоформить имущество", "deal_check": "проверка сделок",
    "guarantor": "поручитель, созаёмщик", "repeat": "повторное банкротство",
    "criminal": "уголовная ответственность", "price": "цена", "duration": "сроки",
    "mfc": "МФЦ", "self_filing": "подать самому", "company": "бизнес, директор",
    "benefits": "пособия", "deductions": "удержания", "property": "другое имущество",
    "relative_property": "имущество родных", "relative_salary": "доход родных",
}  # fmt: skip


_STORED_FACTS_HIDDEN = ("phone", "call_time")


MOSCOW = ZoneInfo("Europe/Moscow")


def stored_data_items(
    state: SessionState,
    lead: Lead | None,
    messages: int,
    first_name: str | None,
    reminders: Sequence[Reminder] = (),
) -> str:
    """What /mydata lists, in plain Russian: every kind of data kept about the person."""
    items = []
    if first_name:
        items.append(f"имя из Telegram — {first_name}")
    items.append(
        f"наша переписка — {messages} {plural(messages, 'сообщение', 'сообщения', 'сообщений')}"
    )
    names = tuple(n for n in state.slots.known() if n not in _STORED_FACTS_HIDDEN)
    facts = describe_facts(state.slots, names)
    items.append(f"что вы рассказали — {facts}" if facts else "сведений о долгах пока нет")
    phone = (lead.phone if lead else None) or state.slots.phone
    if phone:
        items.append(f"телефон — {format_phone(phone)}")
    call_time = (lead.call_time if lead else None) or state.slots.call_time
    if call_time:
        items.append(f"удобное время звонка — {call_time}")
    if lead is not None and lead.consent_at:
        version = f", версия текста {lead.consent_version}" if lead.consent_version else ""
        items.append(f"согласие на обработку данных — от {lead.consent_at[:10]}{version}")
    else:
        items.append("согласия на обработку персональных данных вы не давали")
    if state.source:
        items.append(f"откуда вы пришли — {state.source}")
    planned = sorted(r.due_at for r in reminders if r.status == "scheduled")
    if planned:
        when = planned[0].astimezone(MOSCOW).strftime("%d.%m в %H:%M")
        items.append(
            f"запланированные напоминания — {len(planned)} (ближайшее {when} по Москве;"
            " отменить: «не надо напоминать»)"
        )
    return "; ".join(items)


def call_time_text(state: SessionState, at: datetime) -> str:
    """The call time as the person said it, with its zone (and Moscow's clock)."""
    if not state.slots.call_time:
        return ""
    zone, local = call_time_zone(state)
    return zoned_call_time(state.slots.call_time, zone, local, at, zone_said(state))


def call_time_fields(
    call_time: str | None,
    state: SessionState | None,
    at: datetime,
    hours: OfficeHours = DEFAULT_HOURS,
) -> dict[str, object]:
    """The lead card's normalised call time: its zone, the time in Moscow, the words the
    person was told, and whether it falls outside the lawyers' hours (the person was told the
    call comes at the nearest working time: `office_hours.call_window`). Without the session
    (a lead whose dialogue is gone) only Moscow."""
    if not call_time:
        return {
            "call_tz": None,
            "call_time_msk": None,
            "call_time_text": None,
            "call_outside_hours": None,
        }
    zone, local = call_time_zone(state) if state is not None else (None, False)
    known = zone or (None if local else MOSCOW_ZONE)
    said = zone_said(state) if state is not None else None
    return {
        "call_tz": known,
        "call_time_msk": in_moscow(call_time, known, at) if known else None,
        "call_time_text": zoned_call_time(call_time, zone, local, at, said),
        "call_outside_hours": not any_moment(call_time)
        and outside_hours(hours, at, call_time, call_zone(state) if state is not None else None),
    }


def zone_said(state: SessionState) -> str | None:
    """The zone of the call time in the person's words, when they named it ("по тюменскому")."""
    return state.call_zone_said if state.call_tz not in (None, "local") else None


def approximate_fields(lead: Lead, state: SessionState | None) -> dict[str, object]:
    """Which of the card's figures the person hedged ("где-то под 700 тыщ"): the card says
    "около … (со слов)". Without the session (a lead whose dialogue is gone) unknown."""
    if state is None:
        return {"debt_approximate": None, "approximate": []}
    hedged = [name for name in state.approximate if getattr(state.slots, name, None) is not None]
    return {
        "debt_approximate": None if lead.debt_total is None else "debt_total" in hedged,
        "approximate": hedged,
    }


_SENTENCE_BREAK = re.compile(r"(?<=[.!?…\n])\s*")
CRISIS_WORDS_MAX = 300


def crisis_words(text: str, acts: Sequence[Act]) -> str:
    """The sentence of the message that raised the crisis alert, as written ("иногда не хочу
    жить вообще"); the words read as the crisis when no sentence holds them."""
    said = next(
        (a.text for a in acts if a.kind is ActKind.FEELING and a.value == Feeling.CRISIS.value),
        "",
    )
    key = said.lower().replace("ё", "е")
    for sentence in _SENTENCE_BREAK.split(text):
        if key and key in sentence.lower().replace("ё", "е"):
            said = sentence.strip()
            break
    return said if len(said) <= CRISIS_WORDS_MAX else said[: CRISIS_WORDS_MAX - 1] + "…"


def crisis_update(before: SessionState, after: SessionState, text: str, plan: TurnPlan) -> bool:
    """Whether a turn after the crisis alert adds to it: while the person has not asked to go
    on, every message they write ("я ничего с собой не сделаю, просто устал", "я подумаю");
    after that, only new facts (the creditors, the overdue, a guarantor mother)."""
    if not before.crisis or not after.crisis or plan.has(Event.CRISIS) or plan.forget:
        return False
    if after.stage is Stage.OPTED_OUT or not text.strip() or text.lstrip().startswith("/"):
        return False
    if not before.crisis_resumed:
        return True
    return dialogue_summary(before, route=False) != dialogue_summary(after, route=False)


def crisis_alert_payload(
    user_id: int,
    first_name: str | None,
    lead: Lead | None,
    state: SessionState,
    text: str,
    plan: TurnPlan,
    *,
    update: bool = False,
) -> dict[str, object]:
    """What the managers' crisis alert carries: who (the phone only with consent), the words
    that raised it, and every fact told so far (never a sales route: the one who reaches out
    does so as a person). `update`: a later message adds to the alert; it is quoted."""
    hedged = [name for name in state.approximate if getattr(state.slots, name, None) is not None]
    alert: dict[str, object] = {
        "user_id": user_id,
        "name": first_name,
        "words": crisis_words(text, plan.acts) if plan.has(Event.CRISIS) else None,
        "debt_total": state.slots.debt_total,
        "creditors_count": state.slots.creditors_count,
        "region": state.slots.region,
        "summary": dialogue_summary(state, route=False),
        "debt_approximate": "debt_total" in hedged,
        "approximate": hedged,
    }
    if update:
        said = " ".join(mask_phones(text).split())
        alert["update"] = True
        cut = len(said) > CRISIS_WORDS_MAX
        alert["said"] = said[: CRISIS_WORDS_MAX - 1] + "…" if cut else said
    if lead is not None:
        alert["phone"] = lead.phone
    return alert


def lead_card(
    lead: Lead,
    state: SessionState | None = None,
    at: datetime | None = None,
    hours: OfficeHours = DEFAULT_HOURS,
) -> dict[str, object]:
    """The payload of a lead hand-off event (the outbox delivers it to managers). `hours`:
    the lawyers' (OFFICE_HOURS), to flag a call time outside them."""
    return {
        "user_id": lead.user_id,
        "name": lead.first_name,
        "phone": lead.phone,
        "debt_total": lead.debt_total,
        "creditors_count": lead.creditors_count,
        "verdict": lead.verdict,
        "call_time": lead.call_time,
        **call_time_fields(lead.call_time, state, at or datetime.now(UTC), hours),
        "region": lead.region,
        "source": lead.source,
        "summary": lead.summary,
        **approximate_fields(lead, state),
        "status": lead.status,
        "consent_at": lead.consent_at,
        "consent_version": lead.consent_version,
    }
