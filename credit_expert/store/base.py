"""The storage contract every backend (SQLite, MySQL) implements.

A turn is durable in two steps: `record_incoming` stores what the person wrote
the moment it arrives (idempotent on the person and the Telegram message id),
and `commit_turn` stores the reply, the new state, the lead and any outbox
event in one transaction, marking the incoming messages answered.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, Protocol

from credit_expert.models import (
    HistoryLine,
    Incoming,
    Reminder,
    ReminderAction,
    ReminderChange,
    ReminderContext,
    SessionState,
    Stage,
)


class StoreUnavailable(Exception):
    """The database cannot be reached, or it aborted the transaction.

    The operation's transaction was rolled back (or, when the connection broke
    during COMMIT, its outcome is unknown): try again later; record_incoming
    and commit_turn are safe to repeat. The message names DATABASE_URL, never
    the password.
    """


@dataclass(frozen=True)
class StoredIncoming:
    message_id: int  # Telegram message id (unique per person)
    text: str
    kind: str
    at: datetime


@dataclass(frozen=True)
class PendingTurn:
    """A person's unanswered messages plus what a turn needs to answer them."""

    user_id: int
    chat_id: int
    messages: tuple[StoredIncoming, ...]  # oldest first
    state: SessionState
    history: tuple[HistoryLine, ...]  # last answered messages before these, oldest first
    first_name: str | None = None  # from Telegram, for the lead card


@dataclass(frozen=True)
class Lead:
    user_id: int
    phone: str | None
    debt_total: int | None
    creditors_count: int | None
    verdict: str | None
    call_time: str | None
    region: str | None
    source: str | None
    first_name: str | None
    consent_at: str | None
    consent_version: str | None
    summary: str
    status: str = "booked"


@dataclass(frozen=True)
class OutboxEvent:
    kind: str  # "lead.booked" (credit_expert/destinations/base.py names them all)
    payload: dict[str, Any]
    destinations: tuple[str, ...] = ("managers",)  # one outbox row for each


@dataclass(frozen=True)
class OutboxItem:
    id: int
    kind: str
    payload: dict[str, Any]
    attempts: int
    event_id: str = ""  # the idempotency key, shared by the event's rows
    destination: str = "managers"
    lead_key: str | None = None
    created_at: datetime | None = None


@dataclass(frozen=True)
class AwaitingLead:
    """A booked lead with no call outcome yet (the managers' reminder looks at these)."""

    user_id: int
    lead_key: str
    booked_at: datetime


@dataclass(frozen=True)
class OutgoingReply:
    """A reply stored as pending and claimed for sending (at least once)."""

    id: int  # the bot_messages row
    user_id: int
    chat_id: int
    text: str
    created_at: datetime
    attempts: int


@dataclass(frozen=True)
class TurnRecord:
    user_id: int
    answered_ids: tuple[int, ...]  # incoming message ids this reply answers
    reply_text: str  # "" when nothing is sent (opted out): no outgoing row
    stage: Stage
    state: SessionState
    writer: str  # "script" | "llm" | "none"
    plan: dict[str, Any]  # TurnPlan as JSON, for "why did Daria say that"
    at: datetime
    rejection: str | None = None  # why the LLM answer was replaced
    tokens_in: int = 0
    tokens_out: int = 0
    latency_ms: int = 0
    variants: tuple[str, ...] = ()  # the script texts the reply was made of ("offer.court#1")
    lead: Lead | None = None  # upserted on the person
    events: tuple[OutboxEvent, ...] = field(default=())
    # The person stopped: replies still unsent from before are not sent any more.
    supersede_unsent: bool = False
    reminders: tuple[ReminderChange, ...] = ()  # scheduled or cancelled with the turn


@dataclass(frozen=True)
class DialogueRow:
    """One person's dialogue as the funnel report sees it (no words, no phone)."""

    user_id: int
    started_at: datetime
    source: str | None  # the /start payload (deep link)
    stage: str | None  # the session's stage now
    verdict: str | None
    lead_status: str | None  # "booking", "booked", or None without a lead
    booked_at: datetime | None
    outcome: str | None  # the managers' call outcome


@dataclass(frozen=True)
class ReplyRow:
    """One of Daria's replies: what the report counts (no text)."""

    user_id: int
    at: datetime
    stage: str | None  # the stage after the turn
    writer: str | None
    rejection: str | None
    tokens_in: int
    tokens_out: int
    objection: str | None
    ask_topics: tuple[str, ...]
    variants: tuple[str, ...]


@dataclass(frozen=True)
class ReminderRow:
    """A sent follow-up or call reminder (the `reminders` table) and whether the person
    wrote after it (before the next follow-up sent to them)."""

    user_id: int
    kind: str  # "followup" | "call"
    sent_at: datetime
    came_back: bool


@dataclass(frozen=True)
class ReportRows:
    """Dialogues started in a period, their replies and reminders, oldest first."""

    dialogues: tuple[DialogueRow, ...]
    replies: tuple[ReplyRow, ...]
    reminders: tuple[ReminderRow, ...] | None  # None: no reminders table yet


class Store(Protocol):
    async def connect(self) -> None: ...

    async def close(self) -> None: ...

    async def migrate(self) -> None:
        """Create the base schema and apply every migration not applied yet; safe to rerun."""

    async def schema_version(self) -> int:
        """The highest schema version applied; 0 before the first migrate."""

    async def applied_migrations(self) -> set[int]:
        """Every schema version applied (1 = the base schema); empty before the first migrate."""

    async def ping(self) -> bool: ...

    async def record_incoming(self, incoming: Incoming, stored_text: str) -> bool:
        """Store the message (and the user and session on first contact).

        `stored_text` is what goes into bot_messages (already cut and cleaned).
        Returns False for a duplicate (same person and message id): a no-op.
        """

    async def update_unanswered(self, user_id: int, message_id: int, text: str) -> bool:
        """An edit of a message not answered yet replaces its text."""

    async def pending_turn(self, user_id: int, history_limit: int = 6) -> PendingTurn | None:
        """None when the person has no unanswered message."""

    async def commit_turn(self, record: TurnRecord) -> bool:
        """One transaction: reply row, session state, lead, outbox, answered marks.

        False (and nothing written) when every message in `answered_ids` is
        already answered or gone: a retry after a commit whose outcome was
        lost, another process answering first, or /forget.
        """

    async def rewrite_incoming(self, user_id: int, rewrite: Callable[[str], str]) -> int:
        """Replace the text of the person's stored messages by `rewrite(text)` where it
        changes (phone numbers masked after a refused consent). Returns rows changed."""

    async def forget_user(
        self, user_id: int, at: datetime | None = None, destinations: tuple[str, ...] = ()
    ) -> None:
        """Delete every row of the person in every table, in one transaction. A lead
        leaves one `lead.forgotten` outbox row per destination, tied to no user and
        holding only the ids that destination returned."""

    async def users_with_unanswered(self) -> list[int]: ...

    async def load_state(self, user_id: int) -> SessionState | None: ...

    async def count_messages(self, user_id: int) -> int: ...

    async def get_lead(self, user_id: int) -> Lead | None: ...

    async def stale_dialogues(self, before: datetime, limit: int = 500) -> list[int]:
        """People silent since `before` who never booked a call (the retention job)."""

    async def delete_unanswered(self, user_id: int, message_ids: tuple[int, ...]) -> int:
        """Delete the person's incoming messages among `message_ids` not answered yet."""

    async def last_incoming_id(self, user_id: int) -> int:
        """The highest message id recorded from the person (0: none): `chat` numbers on."""

    # --- reply delivery (at least once) ---

    async def unsent_users(self, now: datetime) -> list[int]:
        """People with a pending reply due now, the longest waiting first."""

    async def claim_replies(
        self, user_id: int, now: datetime, lease: timedelta, stale_before: datetime
    ) -> list[OutgoingReply]:
        """The person's pending replies to send now, oldest first, hidden from other claims
        for `lease`. Marks stale (never sent) those made before `stale_before` (unless a
        flood wait delayed them) and all of them while a manager holds the chat. Stops at
        the first reply not due yet, so replies go out in order."""

    async def reply_sent(self, reply_id: int, telegram_id: int | None, at: datetime) -> None: ...

    async def reply_failed(self, reply_id: int, retry_at: datetime, flood: bool) -> None:
        """The send failed: try again at `retry_at` (a flood wait is counted apart)."""

    async def reply_blocked(self, user_id: int) -> None:
        """The person blocked Daria: their pending replies are marked and never retried."""

    async def set_takeover(self, chat_id: int, until: datetime, at: datetime) -> None:
        """A manager holds the chat until `until`; the person's unsent replies become stale."""

    async def clear_takeover(self, chat_id: int) -> None: ...

    async def takeovers(self, now: datetime) -> dict[int, datetime]:
        """Chats a manager holds now: chat id -> until when."""

    async def outbox_due(self, now: datetime, limit: int = 20) -> list[OutboxItem]: ...

    async def outbox_claim(
        self, now: datetime, lease: timedelta, limit: int = 20, destination: str | None = None
    ) -> list[OutboxItem]:
        """Take due events for delivery: each is hidden from other claims for `lease`
        (several processes never deliver the same event at once; a crashed one's
        events come back when the lease ends). With a destination, only its rows, and
        a lead's row only once its earlier rows there are delivered (order per lead)."""

    async def outbox_delivered(self, item_id: int, at: datetime) -> None: ...

    async def outbox_failed(self, item_id: int, error: str, retry_at: datetime) -> None: ...

    async def outbox_backlog(self) -> dict[str, int]:
        """Undelivered rows per destination (the backlog metric)."""

    async def lead_refs(self, lead_key: str, destination: str) -> dict[str, Any]:
        """The ids a destination returned for the lead ({} if none yet)."""

    async def save_lead_refs(
        self,
        lead_key: str,
        destination: str,
        refs: dict[str, Any],
        external_id: str | None,
        at: datetime,
    ) -> bool:
        """Keep the ids. False when the lead was forgotten meanwhile: then a
        lead.forgotten row with these ids is queued for the destination instead."""

    async def user_by_external(self, destination: str, external_id: str) -> int | None:
        """The person whose lead has this id at the destination (a card's message id)."""

    async def lead_state(self, user_id: int) -> tuple[str | None, str | None]:
        """(lead_key, outcome) of the person's lead; (None, None) without a lead."""

    async def record_outcome(
        self, user_id: int, outcome: str, at: datetime, events: tuple[OutboxEvent, ...]
    ) -> bool:
        """A manager's call outcome on the lead plus its outbox rows, in one transaction."""

    async def outbox_add(self, user_id: int, events: tuple[OutboxEvent, ...], at: datetime) -> None:
        """Outbox rows for events outside a turn (a manager's action)."""

    async def leads_awaiting_call(self) -> list[AwaitingLead]:
        """Booked leads with no outcome and no reminder sent yet."""

    async def report_rows(self, since: datetime, until: datetime) -> ReportRows:
        """Dialogues started in [since, until) with all their replies and sent reminders
        (the funnel report); read only."""

    async def mark_reminded(self, user_id: int, at: datetime | None) -> bool:
        """Take the lead's one reminder: False when another process took it first.
        `at=None` gives it back (the send failed)."""

    # --- reminders (credit_expert/followups.py) ---

    async def due_reminders(
        self, now: datetime, limit: int = 50, user_id: int | None = None
    ) -> list[Reminder]:
        """Scheduled reminders due by `now`, the oldest first."""

    async def next_reminder_due(
        self, after: datetime, user_id: int | None = None
    ) -> datetime | None:
        """The earliest due time of a scheduled reminder later than `after` (`chat`'s clock)."""

    async def quiet_sessions(
        self, after: datetime, until: datetime, user_id: int | None = None
    ) -> list[tuple[int, datetime]]:
        """(person, last turn) of dialogues in qualification, offer or booking whose last
        turn was after `after` and not after `until`, the oldest first."""

    async def take_reminder(
        self,
        user_id: int,
        reminder_id: int | None,
        now: datetime,
        decide: Callable[[ReminderContext], ReminderAction],
    ) -> ReminderAction | None:
        """Act on a due reminder (or, with no id, on the offer after a pause) in one
        transaction: lock the person's session and the reminder, `decide`, and store the
        outcome — a pending reply with the new state and the reminder marked sent, or
        the reminder cancelled or moved. None when there is nothing to act on any more
        (another process took it, /forget): so two processes never send the same one."""

    async def reminders_of(self, user_id: int) -> list[Reminder]:
        """Every reminder row of the person, oldest first."""
