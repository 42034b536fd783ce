"""`chat`: talk to Daria in the terminal, or replay a transcript as JSON lines.

With --json (or when stdin is not a terminal) every input line is one message
of the person and every turn prints one JSON object on stdout:
{"reply", "stage", "objection", "slots", "verdict", "writer", ...}.
"""

from __future__ import annotations

import asyncio
import json
import re
import sys
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, TextIO

from credit_expert.app import App, build_app
from credit_expert.config import Settings
from credit_expert.models import Incoming, Reply
from credit_expert.policy import call_time_zone
from credit_expert.store.base import StoreUnavailable

DARIA = "Дарья"


def new_local_user_id() -> int:
    """A fresh person per chat run, so replays never continue each other."""
    return -int(time.time_ns() // 1000)


def turn_json(reply: Reply | None, stored_messages: int) -> dict[str, Any]:
    if reply is None:
        return {
            "reply": "",
            "stage": None,
            "objection": None,
            "slots": {},
            "verdict": None,
            "writer": "none",
            "stored_messages": stored_messages,
            "acts": [],
            "debt_approximate": None,
            "call_tz": None,
        }
    slots = reply.state.slots
    return {
        "reply": reply.text,
        "stage": reply.stage.value,
        "objection": reply.plan.objection.value if reply.plan.objection else None,
        "slots": reply.state.slots.to_json(),
        "verdict": reply.plan.verdict.value if reply.plan.verdict else None,
        "writer": reply.writer,
        "consent": reply.state.consent,
        "rejection": reply.rejection,
        "stored_messages": stored_messages,
        "acts": [act.to_json() for act in reply.plan.acts],
        "debt_approximate": (
            None if slots.debt_total is None else "debt_total" in reply.state.approximate
        ),
        # the zone named with the call time, else the city's ("по местному" in Новосибирске is
        # Asia/Novosibirsk); never the reading's "local" marker
        "call_tz": call_time_zone(reply.state)[0] if slots.call_time else None,
    }


DB_ATTEMPTS = 3  # a database restarted under us: the pool reconnects on the next try
DB_RETRY_SECONDS = 1.0
CHAT_SEND_LEASE = timedelta(minutes=1)
UNAVAILABLE = "database unavailable"


class ChatClock:
    """`chat`'s clock: fixed at `--now` (or the real time), moved forward only by /_wait."""

    def __init__(self, start: datetime | None = None) -> None:
        self._start = start
        self._offset = timedelta()

    def now(self) -> datetime:
        return (self._start or datetime.now(UTC)) + self._offset

    def move_to(self, moment: datetime) -> None:
        if moment > self.now():
            self._offset += moment - self.now()


WAIT_COMMAND = re.compile(r"^/_wait(?:\s+(?P<count>\d{1,4})\s*(?P<unit>[dhm]))?$")
WAIT_UNITS = {"d": timedelta(days=1), "h": timedelta(hours=1), "m": timedelta(minutes=1)}


def parse_wait(text: str) -> timedelta | None:
    """ "/_wait 1d", "/_wait 2h", "/_wait 30m"; None when the line is no /_wait at all.
    A /_wait with another argument raises ValueError."""
    stripped = text.strip()
    if stripped != "/_wait" and not stripped.startswith("/_wait "):
        return None
    found = WAIT_COMMAND.match(stripped)
    if found is None or found["count"] is None:
        raise ValueError("/_wait needs a duration: /_wait 1d, /_wait 2h or /_wait 30m")
    return int(found["count"]) * WAIT_UNITS[found["unit"]]


@dataclass(frozen=True)
class Waited:
    """What /_wait did: the clock's new time and what Daria sent meanwhile."""

    now: datetime
    sent: tuple[tuple[datetime, str], ...]  # (when, text)


class ChatSession:
    """One person in the terminal. Message ids come from the store, so `--user` continues
    a person and two processes on one person never reuse an id (a reused id would be
    dropped as a duplicate: even /forget)."""

    def __init__(self, app: App, user_id: int, clock: ChatClock | None = None) -> None:
        self.app = app
        self.user_id = user_id
        self.clock = clock or ChatClock()
        self._message_id: int | None = None  # the highest id used, read from the store

    async def wait(self, span: timedelta) -> Waited:
        """Move the clock forward by `span`, stopping at every moment a reminder of this
        person falls due, and send (print) what Daria would send then."""
        service = self.app.service
        target = self.clock.now() + span
        sent: list[tuple[datetime, str]] = []
        while True:
            moment = await service.next_reminder_moment(self.clock.now(), self.user_id)
            if moment is None or moment > target:
                break
            self.clock.move_to(moment)
            sent += await self._send_reminders()
        self.clock.move_to(target)
        sent += await self._send_reminders()
        return Waited(now=self.clock.now(), sent=tuple(sent))

    async def _send_reminders(self) -> list[tuple[datetime, str]]:
        await self.app.service.send_due_reminders(self.user_id)
        claimed = await self.app.service.claim_replies(self.user_id, CHAT_SEND_LEASE)
        for outgoing in claimed:
            await self.app.service.reply_sent(outgoing.id, None)
        return [(self.clock.now(), outgoing.text) for outgoing in claimed]

    async def say(self, text: str) -> Reply | None:
        """Record, answer, mark the reply sent (printing is sending here). A database
        that fails is tried again a few times, each step once: StoreUnavailable at last."""
        recorded, answered, reply = False, False, None
        for attempt in range(1, DB_ATTEMPTS + 1):
            try:
                if not recorded:
                    await self._record(text)
                    recorded = True
                if not answered:
                    reply = await self.app.service.respond(self.user_id)
                    answered = True
                await self._mark_sent()
                return reply
            except StoreUnavailable:
                if attempt == DB_ATTEMPTS:
                    if answered:
                        return reply  # printed; the sweep of a later turn marks it
                    raise
                await asyncio.sleep(DB_RETRY_SECONDS * attempt)
        raise AssertionError("unreachable")  # pragma: no cover

    async def _record(self, text: str) -> None:
        store = self.app.store
        if self._message_id is None:
            self._message_id = await store.last_incoming_id(self.user_id)
        while True:
            self._message_id += 1
            incoming = Incoming(
                user_id=self.user_id,
                chat_id=self.user_id,
                message_id=self._message_id,
                text=text,
                at=self.clock.now(),
            )
            if await self.app.service.receive(incoming):
                return
            # Another process on this person took the id: number on after its highest.
            self._message_id = max(self._message_id, await store.last_incoming_id(self.user_id))

    async def _mark_sent(self) -> None:
        for outgoing in await self.app.service.claim_replies(self.user_id, CHAT_SEND_LEASE):
            await self.app.service.reply_sent(outgoing.id, None)


async def run_chat(
    settings: Settings,
    *,
    json_mode: bool | None = None,
    user_id: int | None = None,
    stdin: TextIO | None = None,
    stdout: TextIO | None = None,
    seed: int = 0,
    now: datetime | None = None,
) -> int:
    """`seed`: the variant seed of a new person (0: the script's reference wordings), so
    a replay is reproducible; a person continued with `--user` keeps their stored one.
    `now`: the clock's fixed start (`--now`); /_wait moves it."""
    if stdin is None:
        stdin = sys.stdin
        # Broken bytes in a transcript become "?" instead of stopping the replay.
        stdin.reconfigure(encoding="utf-8", errors="replace")  # type: ignore[union-attr]
    stdout = stdout or sys.stdout
    if json_mode is None:
        json_mode = not stdin.isatty()
    clock = ChatClock(now)
    app = await build_app(settings, variant_seed=seed, clock=clock.now)
    try:
        session = ChatSession(app, user_id or new_local_user_id(), clock)
        if json_mode:
            await _replay(session, stdin, stdout)
        else:
            await _interactive(session, stdin, stdout)
    finally:
        await app.close()
    return 0


def _unavailable(exc: StoreUnavailable) -> None:
    """One line on stderr; the replay goes on with the next message."""
    print(f"{UNAVAILABLE}: {exc}", file=sys.stderr, flush=True)


async def _replay(session: ChatSession, stdin: TextIO, stdout: TextIO) -> None:
    for line in stdin:
        text = line.rstrip("\r\n")
        if text.strip() in ("/quit", "/exit"):
            break  # as in the terminal: the person leaves, nothing is sent for it
        try:
            span = parse_wait(text)
            if span is not None:
                out = await _waited_json(session, span)
            else:
                reply = await session.say(text)
                stored = await session.app.store.count_messages(session.user_id)
                out = turn_json(reply, stored)
        except StoreUnavailable as exc:
            _unavailable(exc)
            out = {**turn_json(None, 0), "error": UNAVAILABLE}
        except ValueError as exc:
            out = {**turn_json(None, 0), "error": str(exc)}
        stdout.write(json.dumps(out, ensure_ascii=False) + "\n")
        stdout.flush()


async def _waited_json(session: ChatSession, span: timedelta) -> dict[str, Any]:
    """/_wait under --json: one line like a turn's, `reply` holding what was sent."""
    waited = await session.wait(span)
    stored = await session.app.store.count_messages(session.user_id)
    state = await session.app.store.load_state(session.user_id)
    out = turn_json(None, stored)
    if state is not None:
        out.update(stage=state.stage.value, slots=state.slots.to_json())
    out.update(
        reply="\n\n".join(text for _, text in waited.sent),
        writer="script" if waited.sent else "none",
        now=waited.now.isoformat(timespec="seconds"),
        sent=[{"at": at.isoformat(timespec="seconds"), "text": text} for at, text in waited.sent],
    )
    return out


async def _interactive(session: ChatSession, stdin: TextIO, stdout: TextIO) -> None:
    stdout.write(
        "Чат с Дарьей. Выход: Ctrl+D или /quit. Команды: /help, /stop, /mydata, /forget;"
        " /_wait 1d (2h, 30m) — промотать время.\n\n"
    )
    line = "/start"
    while True:
        try:
            span = parse_wait(line)
            if span is not None:
                _show_waited(await session.wait(span), stdout)
            else:
                _show(await session.say(line.rstrip("\r\n")), stdout)
        except StoreUnavailable as exc:
            _unavailable(exc)
        except ValueError as exc:
            stdout.write(f"({exc})\n\n")
        stdout.write("Вы: ")
        stdout.flush()
        line = stdin.readline()
        if not line or line.strip() in ("/quit", "/exit"):
            stdout.write("\n")
            return


def _show_waited(waited: Waited, stdout: TextIO) -> None:
    for at, text in waited.sent:
        stdout.write(f"[{_clock_text(at)}] {DARIA}: {text}\n\n")
    if not waited.sent:
        stdout.write("(Дарья ничего не отправила)\n")
    stdout.write(f"(сейчас {_clock_text(waited.now)})\n\n")
    stdout.flush()


def _clock_text(at: datetime) -> str:
    return at.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC")


def _show(reply: Reply | None, stdout: TextIO) -> None:
    if reply is not None and reply.text:
        stdout.write(f"{DARIA}: {reply.text}\n\n")
    else:
        stdout.write("(Дарья молчит: вы отписались. /start — вернуться.)\n\n")
    stdout.flush()
