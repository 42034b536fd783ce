"""What the SQLite and MySQL backends share: times, JSON, and the shape of rows.

Only code that is identical for both lives here; each backend keeps its own SQL.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from credit_expert.models import HistoryLine, SessionState
from credit_expert.store.base import Lead, OutboxItem, StoredIncoming, TurnRecord

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


def outbox_from_row(row: Sequence[Any]) -> OutboxItem:
    item_id, kind, payload, attempts = row
    return OutboxItem(id=item_id, kind=kind, payload=json.loads(payload), attempts=attempts)


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
    )


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
