"""What the SQLite and MySQL backends share: times, JSON, and the shape of rows.

Only code that is identical for both lives here; each backend keeps its own SQL.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from credit_expert.models import (
    HistoryLine,
    Reminder,
    ReminderAction,
    ReminderChange,
    ReminderKind,
    SessionState,
)
from credit_expert.store.base import (
    AwaitingLead,
    DialogueRow,
    Lead,
    OutboxEvent,
    OutboxItem,
    OutgoingReply,
    ReminderRow,
    ReplyRow,
    StoredIncoming,
    TurnRecord,
)

LEAD_COLUMNS = (
    "phone",
    "debt_total",
    "creditors_count",
    "verdict",
    "call_time",
    "region",
    "source",
    "first_name",
    "consent_at",
    "consent_version",
    "summary",
    "status",
)

MAX_ERROR_CHARS = 1000


def utc_naive(at: datetime) -> datetime:
    """The database keeps UTC without a zone; a naive time is taken as UTC already."""
    if at.tzinfo is None:
        return at
    return at.astimezone(UTC).replace(tzinfo=None)


def as_utc(value: datetime) -> datetime:
    return value.replace(tzinfo=UTC)


def dump_json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def state_json(state: SessionState) -> str:
    return dump_json(state.to_json())


def state_from_json(text: str) -> SessionState:
    return SessionState.from_json(json.loads(text))


def lead_values(lead: Lead) -> tuple[Any, ...]:
    return tuple(getattr(lead, name) for name in LEAD_COLUMNS)


def lead_from_row(user_id: int, row: Sequence[Any]) -> Lead:
    return Lead(user_id, **dict(zip(LEAD_COLUMNS, row, strict=True)))


def incoming_from_row(row: Sequence[Any], at: datetime) -> StoredIncoming:
    message_id, text, kind = row[0], row[1], row[2]
    return StoredIncoming(message_id=message_id, text=text, kind=kind, at=at)


def history_from_rows(newest_first: Sequence[Sequence[Any]]) -> tuple[HistoryLine, ...]:
    return tuple(
        HistoryLine(role="user" if direction == "in" else "assistant", text=text)
        for direction, text in reversed(newest_first)
    )


# --- outbox: portable SQL with %s marks (SQLite swaps them for ?) -----------------------

OUTBOX_COLUMNS = "id, kind, payload_json, attempts, event_id, destination, lead_key, created_at"
OUTBOX_DUE = (
    f"SELECT {OUTBOX_COLUMNS} FROM bot_outbox o"
    " WHERE o.delivered_at IS NULL AND o.next_attempt_at <= %s"
)
# A lead's row waits while an earlier row of the same lead for the same destination is
# undelivered: a CRM never gets the update before the lead it updates.
OUTBOX_IN_ORDER = (
    " AND o.destination = %s AND NOT EXISTS (SELECT 1 FROM bot_outbox p"
    " WHERE p.lead_key = o.lead_key AND p.destination = o.destination"
    " AND p.delivered_at IS NULL AND p.id < o.id)"
)
OUTBOX_ORDER = " ORDER BY o.next_attempt_at, o.id LIMIT %s"
INSERT_EVENT = (
    "INSERT INTO bot_outbox (event_id, user_id, destination, lead_key, kind, payload_json,"
    " next_attempt_at, created_at)"
    " SELECT %s, %s, %s, (SELECT lead_key FROM bot_leads WHERE user_id = %s), %s, %s, %s, %s"
)
INSERT_FORGOTTEN = (
    "INSERT INTO bot_outbox (event_id, user_id, destination, lead_key, kind, payload_json,"
    " next_attempt_at, created_at)"
    " SELECT %s, NULL, %s, l.lead_key, 'lead.forgotten', COALESCE((SELECT r.refs_json"
    " FROM bot_lead_refs r WHERE r.lead_key = l.lead_key AND r.destination = %s), '{}'), %s, %s"
    " FROM bot_leads l WHERE l.user_id = %s AND l.lead_key IS NOT NULL"
)
INSERT_FORGOTTEN_ELSEWHERE = (
    "INSERT INTO bot_outbox (event_id, user_id, destination, lead_key, kind, payload_json,"
    " next_attempt_at, created_at)"
    " SELECT %s, NULL, r.destination, r.lead_key, 'lead.forgotten', r.refs_json, %s, %s"
    " FROM bot_lead_refs r WHERE r.user_id = %s AND NOT EXISTS (SELECT 1 FROM bot_outbox o"
    " WHERE o.lead_key = r.lead_key AND o.destination = r.destination AND o.event_id = %s)"
)
INSERT_FORGOTTEN_REFS = (
    "INSERT INTO bot_outbox (event_id, user_id, destination, lead_key, kind, payload_json,"
    " next_attempt_at, created_at) VALUES (%s, NULL, %s, %s, 'lead.forgotten', %s, %s, %s)"
)
PERSON_TABLES = (
    "reminders",
    "bot_outbox",
    "bot_lead_refs",
    "bot_leads",
    "bot_messages",
    "bot_sessions",
    "bot_users",
)
BACKLOG = (
    "SELECT destination, COUNT(*) FROM bot_outbox WHERE delivered_at IS NULL GROUP BY destination"
)
AWAITING = (
    "SELECT user_id, lead_key, booked_at FROM bot_leads WHERE status = 'booked'"
    " AND outcome IS NULL AND reminded_at IS NULL AND booked_at IS NOT NULL"
    " AND lead_key IS NOT NULL ORDER BY booked_at"
)

# Taking the reminder is conditional, so two processes never both send it.
MARK_REMINDED = (
    "UPDATE bot_leads SET reminded_at = %s WHERE user_id = %s AND (reminded_at IS NULL OR %s)"
)


def new_key() -> str:
    return uuid.uuid4().hex


def event_rows(user_id: int, events: Sequence[OutboxEvent], at: object) -> list[tuple[Any, ...]]:
    """INSERT_EVENT's parameters: one row per (event, destination), one key per event."""
    found = []
    for event in events:
        event_id, payload = new_key(), dump_json(event.payload)
        for destination in event.destinations:
            found.append((event_id, user_id, destination, user_id, event.kind, payload, at, at))
    return found


def forgotten_statements(
    user_id: int, destinations: Sequence[str], at: object
) -> list[tuple[str, tuple[Any, ...]]]:
    """The lead.forgotten rows of /forget: one per destination named, plus one per
    destination that returned ids though it is not named any more (a CRM switched off,
    or a caller that names none, like the retention job)."""
    event_id = new_key()
    found: list[tuple[str, tuple[Any, ...]]] = [
        (INSERT_FORGOTTEN, (event_id, d, d, at, at, user_id)) for d in destinations
    ]
    found.append((INSERT_FORGOTTEN_ELSEWHERE, (event_id, at, at, user_id, event_id)))
    return found


def booked_at(lead: Lead, at: object) -> object:
    return at if lead.status == "booked" else None


def outbox_from_row(row: Sequence[Any], created_at: datetime | None = None) -> OutboxItem:
    item_id, kind, payload, attempts, event_id, destination, lead_key = row[:7]
    return OutboxItem(
        id=item_id,
        kind=kind,
        payload=json.loads(payload),
        attempts=attempts,
        event_id=event_id or str(item_id),
        destination=destination,
        lead_key=lead_key,
        created_at=created_at,
    )


def awaiting_from_row(row: Sequence[Any], booked: datetime) -> AwaitingLead:
    return AwaitingLead(user_id=row[0], lead_key=row[1], booked_at=booked)


def short_error(error: str) -> str:
    return error[:MAX_ERROR_CHARS]


def redact_url(url: str) -> str:
    """The URL as it may be printed: the password replaced by ***."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    host = parts.hostname or ""
    if ":" in host:
        host = f"[{host}]"
    netloc = f"{parts.username or ''}:***@{host}"
    if parts.port is not None:
        netloc += f":{parts.port}"
    return urlunsplit(parts._replace(netloc=netloc))


def reply_values(record: TurnRecord, chat_id: int, at: object) -> tuple[Any, ...]:
    """The outgoing bot_messages row of a turn, in the column order both backends insert."""
    return (
        record.user_id,
        chat_id,
        record.reply_text,
        record.stage.value,
        record.writer,
        dump_json(record.plan),
        record.rejection,
        record.tokens_in,
        record.tokens_out,
        record.latency_ms,
        at,
        dump_json(list(record.variants)) if record.variants else None,
        _ask_topics(record.plan),
        record.plan.get("objection"),
    )


def _ask_topics(plan: dict[str, Any]) -> str | None:
    """The topics of the person's questions in the turn (the reading's asks), as JSON."""
    topics = [
        act["topic"]
        for act in plan.get("acts") or ()
        if isinstance(act, dict) and act.get("kind") == "ask" and act.get("topic")
    ]
    return dump_json(topics) if topics else None


def session_values(record: TurnRecord, state: SessionState, at: object) -> tuple[Any, ...]:
    """The bot_sessions update of a turn, in the parameter order both backends use."""
    return (
        record.stage.value,
        record.plan.get("verdict"),
        state_json(state),
        state.consent_at,
        state.consent_at,
        record.lead.consent_version if record.lead else None,
        at,
        record.user_id,
    )


# People quiet since `before` whose dialogue never reached a booking: the retention job
# deletes them (RETENTION_DAYS). A message newer than `before` keeps the person, so one
# who comes back while the job runs is not deleted under their feet.
STALE_DIALOGUES = (
    "SELECT s.user_id FROM bot_sessions s"
    " WHERE s.updated_at < %s AND s.stage <> 'booked'"
    " AND NOT EXISTS (SELECT 1 FROM bot_leads l WHERE l.user_id = s.user_id"
    " AND l.status = 'booked')"
    " AND NOT EXISTS (SELECT 1 FROM bot_messages m WHERE m.user_id = s.user_id"
    " AND m.created_at >= %s)"
    " ORDER BY s.updated_at LIMIT %s"
)


def split_claim(
    pending: Sequence[Sequence[Any]], now: Any, stale_before: Any, held: bool
) -> tuple[list[int], list[Sequence[Any]]]:
    """A person's pending reply rows (id, chat_id, text, created_at, attempts, send_after,
    flood_waits; oldest first) split into ids made stale and rows to send now.

    Stale: every row while a manager holds the chat; a row older than `stale_before`
    unless a flood wait delayed it (Telegram's order: never dropped). Sending stops
    at the first row not due yet (a lease of another sender, a flood wait): in order.
    """
    if held:
        return [row[0] for row in pending], []
    stale, taken = [], []
    for row in pending:
        created_at, send_after, flood_waits = row[3], row[5], row[6]
        if not flood_waits and created_at < stale_before:
            stale.append(row[0])
            continue
        if send_after is not None and send_after > now:
            break
        taken.append(row)
    return stale, taken


def outgoing_from_row(user_id: int, row: Sequence[Any]) -> OutgoingReply:
    created_at = row[3]
    if isinstance(created_at, str):
        created_at = datetime.fromisoformat(created_at)
    return OutgoingReply(
        id=row[0],
        user_id=user_id,
        chat_id=row[1],
        text=row[2],
        created_at=as_utc(created_at),
        attempts=row[4],
    )


# --- the funnel report: read only, portable SQL with %s marks ---------------------------

REPORT_DIALOGUES = (
    "SELECT u.user_id, u.created_at, u.source, s.stage, s.verdict, l.status, l.booked_at,"
    " l.outcome FROM bot_users u"
    " LEFT JOIN bot_sessions s ON s.user_id = u.user_id"
    " LEFT JOIN bot_leads l ON l.user_id = u.user_id"
    " WHERE u.created_at >= %s AND u.created_at < %s ORDER BY u.created_at, u.user_id"
)
REPORT_REPLIES = (
    "SELECT m.user_id, m.created_at, m.stage, m.writer, m.rejection, m.tokens_in,"
    " m.tokens_out, m.objection, m.ask_topics, m.variant_ids"
    " FROM bot_messages m JOIN bot_users u ON u.user_id = m.user_id"
    " WHERE m.direction = 'out' AND u.created_at >= %s AND u.created_at < %s"
    " ORDER BY m.user_id, m.id"
)
# (the table of follow-ups and call reminders; a person "came back" after a follow-up
# when they wrote after it and before the next follow-up sent to them)
REPORT_REMINDERS = (
    "SELECT r.user_id, r.kind, r.sent_at, CASE WHEN EXISTS (SELECT 1 FROM bot_messages m"
    " WHERE m.user_id = r.user_id AND m.direction = 'in' AND m.created_at > r.sent_at"
    " AND NOT EXISTS (SELECT 1 FROM reminders n WHERE n.user_id = r.user_id"
    " AND n.kind = 'followup' AND n.status = 'sent' AND n.sent_at > r.sent_at"
    " AND n.sent_at < m.created_at)) THEN 1 ELSE 0 END"
    " FROM reminders r JOIN bot_users u ON u.user_id = r.user_id"
    " WHERE r.status = 'sent' AND r.sent_at IS NOT NULL"
    " AND u.created_at >= %s AND u.created_at < %s ORDER BY r.sent_at, r.id"
)
REMINDERS_TABLE = "reminders"


def _json_list(text: str | None) -> tuple[str, ...]:
    if not text:
        return ()
    try:
        found = json.loads(text)
    except ValueError:
        return ()
    return tuple(str(item) for item in found) if isinstance(found, list) else ()


def dialogue_row(row: Sequence[Any], when: Callable[[Any], datetime]) -> DialogueRow:
    user_id, started, source, stage, verdict, status, booked_at, outcome = row
    return DialogueRow(
        user_id=int(user_id),
        started_at=when(started),
        source=source,
        stage=stage,
        verdict=verdict,
        lead_status=status,
        booked_at=when(booked_at) if booked_at is not None else None,
        outcome=outcome,
    )


def reply_row(row: Sequence[Any], when: Callable[[Any], datetime]) -> ReplyRow:
    user_id, at, stage, writer, rejection, tokens_in, tokens_out, objection, asks, ids = row
    return ReplyRow(
        user_id=int(user_id),
        at=when(at),
        stage=stage,
        writer=writer,
        rejection=rejection,
        tokens_in=int(tokens_in or 0),
        tokens_out=int(tokens_out or 0),
        objection=objection,
        ask_topics=_json_list(asks),
        variants=_json_list(ids),
    )


def reminder_row(row: Sequence[Any], when: Callable[[Any], datetime]) -> ReminderRow:
    user_id, kind, sent_at, came_back = row
    return ReminderRow(int(user_id), str(kind), when(sent_at), bool(came_back))


# --- reminders (credit_expert/followups.py): portable SQL with %s marks -------------------

REMINDER_COLUMNS = (
    "id, user_id, kind, attempt, due_at, status, created_at, call_at, sent_at, cancel_reason"
)
DUE_REMINDERS = (
    f"SELECT {REMINDER_COLUMNS} FROM reminders WHERE status = 'scheduled' AND due_at <= %s"
)
NEXT_REMINDER = "SELECT MIN(due_at) FROM reminders WHERE status = 'scheduled' AND due_at > %s"
# People who stopped answering where a reminder may be offered (followups.decide_pause_offer).
QUIET_SESSIONS = (
    "SELECT user_id, updated_at FROM bot_sessions"
    " WHERE stage IN ('qualification', 'offer', 'booking') AND updated_at > %s AND updated_at <= %s"
)
PERSON_NOW = (
    "SELECT MAX(created_at), COALESCE(SUM(answered_at IS NULL), 0) FROM bot_messages"
    " WHERE user_id = %s AND direction = 'in'"
)
TAKEN_REMINDER = (
    f"SELECT {REMINDER_COLUMNS} FROM reminders"
    " WHERE id = %s AND user_id = %s AND status = 'scheduled' AND due_at <= %s"
)
HELD_CHAT = "SELECT 1 FROM bot_takeovers WHERE chat_id = %s AND until_at > %s"
REMINDER_SENT = "UPDATE reminders SET status = 'sent', sent_at = %s, message_id = %s WHERE id = %s"


SCHEDULED_OF_PERSON = "SELECT id, kind FROM reminders WHERE user_id = %s AND status = 'scheduled'"


def reminder_statements(
    user_id: int,
    changes: Sequence[ReminderChange],
    at: Any,
    to_db: Any,
    scheduled: Sequence[Sequence[Any]] | None = None,
) -> list[tuple[str, tuple[Any, ...]]]:
    """Statements for a turn's (or a sent reminder's) changes; `to_db` turns a UTC
    datetime into the backend's time value. With `scheduled` (id, kind rows read
    before), a cancel touches those rows by primary key: InnoDB then takes no gap
    lock that would deadlock with other people's inserts."""
    found: list[tuple[str, tuple[Any, ...]]] = []
    for change in changes:
        if change.cancel is not None and scheduled is not None:
            ids = tuple(row[0] for row in scheduled if row[1] == change.kind.value)
            if ids:
                marks = ", ".join(["%s"] * len(ids))
                found.append(
                    (
                        "UPDATE reminders SET status = 'cancelled', cancel_reason = %s"
                        f" WHERE id IN ({marks}) AND status = 'scheduled'",
                        (change.cancel[:32], *ids),
                    )
                )
        elif change.cancel is not None:
            found.append(
                (
                    "UPDATE reminders SET status = 'cancelled', cancel_reason = %s"
                    " WHERE user_id = %s AND kind = %s AND status = 'scheduled'",
                    (change.cancel[:32], user_id, change.kind.value),
                )
            )
        elif change.due_at is not None:
            found.append(
                (
                    "INSERT INTO reminders (user_id, kind, attempt, due_at, status, created_at,"
                    " call_at) VALUES (%s, %s, %s, %s, 'scheduled', %s, %s)",
                    (
                        user_id,
                        change.kind.value,
                        change.attempt,
                        to_db(change.due_at),
                        at,
                        to_db(change.call_at) if change.call_at else None,
                    ),
                )
            )
    return found


def reminder_outcome_statements(
    reminder_id: int, action: ReminderAction, to_db: Any
) -> list[tuple[str, tuple[Any, ...]]]:
    """A due reminder cancelled or moved (a sent one is marked with its message row)."""
    if action.cancel is not None:
        return [
            (
                "UPDATE reminders SET status = 'cancelled', cancel_reason = %s WHERE id = %s",
                (action.cancel[:32], reminder_id),
            )
        ]
    if action.postpone_to is not None:
        moved = to_db(action.postpone_to)
        return [("UPDATE reminders SET due_at = %s WHERE id = %s", (moved, reminder_id))]
    return []


def reminder_from_row(row: Sequence[Any], parse: Any) -> Reminder:
    """A reminders row (REMINDER_COLUMNS); `parse` turns the backend's time into UTC."""
    return Reminder(
        id=int(row[0]),
        user_id=int(row[1]),
        kind=ReminderKind(row[2]),
        attempt=int(row[3]),
        due_at=parse(row[4]),
        status=row[5],
        created_at=parse(row[6]),
        call_at=parse(row[7]) if row[7] is not None else None,
        sent_at=parse(row[8]) if row[8] is not None else None,
        cancel_reason=row[9],
    )


def reminder_reply(user_id: int, action: ReminderAction, at: datetime) -> TurnRecord:
    """The outgoing row of a reminder, written like a turn's reply (pending until sent)."""
    assert action.state is not None
    return TurnRecord(
        user_id=user_id,
        answered_ids=(),
        reply_text=action.text,
        stage=action.state.stage,
        state=action.state,
        writer="script",
        plan=dict(action.plan),
        at=at,
    )
