"""Telegram (telethon) in and out: events become `Incoming`, replies become sends.

No decisions here: the conversation service decides what Daria says. This
module only knows Telegram: which updates are a person writing to Daria, how
a burst of messages becomes one turn, how to look like a person typing, how to
wait out a flood limit, and when a manager has taken a chat over.

The telethon client and its events are passed in, so tests use fakes.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections import OrderedDict, defaultdict
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any

from telethon import Button, events
from telethon.errors import (
    FloodWaitError,
    InputUserDeactivatedError,
    UserDeactivatedError,
    UserIsBlockedError,
)

from credit_expert.conversation import ConversationService
from credit_expert.destinations.base import OUTCOMES
from credit_expert.managers_desk import ManagersDesk
from credit_expert.models import Incoming, MessageKind, Reply
from credit_expert.store.base import OutgoingReply

log = logging.getLogger(__name__)

TAKEOVER_END_COMMAND = "/daria"
TELEGRAM_SERVICE_USER_ID = 777000  # login codes and notices: never a customer
MAX_VOICE_BYTES = 20 * 1024 * 1024  # transcription endpoints accept up to 25 MB
OWN_MESSAGES_REMEMBERED = 5000
MAX_SEND_ATTEMPTS = 5
RESPOND_ATTEMPTS = 3
MAX_UNRECORDED = 10_000
# Turns worked on at once; more wait their turn (recorded, not timed). Without a bound a
# burst of people makes every database call wait behind hundreds of others for a pooled
# connection until DB_TIMEOUT fails them: failed turns, retries, late "sent" marks.
MAX_TURNS_AT_ONCE = 64
SWEEP_MIN_AGE_SECONDS = 30
RESPOND_RETRY_SECONDS = 10.0
SHORT_FLOOD_WAIT_SECONDS = 30  # sat out in place; a longer wait reschedules the reply
SEND_TIMEOUT_SECONDS = 30.0  # one send_message call
SEND_LEASE = timedelta(minutes=2)  # a claimed reply is not taken by another sender meanwhile
SEND_RETRY = timedelta(seconds=30)  # after a failed send (network): the sweep tries again
DEFAULT_FLOOD_WAIT_MAX_SECONDS = 900
MARK_ATTEMPTS = 3  # marking a reply sent, in place; then the sweep goes on trying
MARK_RETRY_SECONDS = 0.5
# Replies Telegram took whose "sent" mark did not land yet: marked, never sent again,
# as long as this process lives (a crash in between is the one documented repeat).
MAX_UNMARKED = 10_000
# The person blocked Daria or deleted the account: marked, never retried.
GONE_ERRORS = (UserIsBlockedError, InputUserDeactivatedError, UserDeactivatedError)
# An edit after the answer is a new message; its id must differ from every real one
# (and be the same for a replayed edit): -(message id * 2^32 + edit time).
EDIT_ID_SHIFT = 1 << 32

Transcribe = Callable[[bytes], Awaitable[str]]


def human_typing_seconds(text: str) -> float:
    """1 s for a short answer, up to 4 s for a long one: a person, not a machine gun."""
    return min(1.0 + len(text) / 100, 4.0)


class TelegramAdapter:
    def __init__(
        self,
        client: Any,  # telethon.TelegramClient, or a fake with the same methods
        service: ConversationService,
        *,
        burst_seconds: float,
        takeover_minutes: float,
        transcribe: Transcribe | None = None,
        typing_seconds: Callable[[str], float] = human_typing_seconds,
        clock: Callable[[], float] = time.monotonic,
        flood_wait_max_seconds: int = DEFAULT_FLOOD_WAIT_MAX_SECONDS,
        wall_clock: Callable[[], datetime] = lambda: datetime.now(UTC),
        max_turns: int = MAX_TURNS_AT_ONCE,
    ) -> None:
        self._client = client
        self._service = service
        self._burst_seconds = burst_seconds
        self._takeover_seconds = takeover_minutes * 60
        self._transcribe = transcribe
        self._typing_seconds = typing_seconds
        self._clock = clock
        self._wall_clock = wall_clock
        self._flood_wait_max = flood_wait_max_seconds
        self._turn_slots = asyncio.Semaphore(max_turns)
        self._sending: dict[int, asyncio.Lock] = {}  # user id -> one sender at a time
        self._deadlines: dict[int, float] = {}  # user id -> when the burst is over
        self._holds: dict[int, int] = defaultdict(int)  # user id -> voice notes being read
        self._waiting: dict[int, asyncio.Task[None]] = {}  # burst timers not fired yet
        self._turns: set[asyncio.Task[None]] = set()  # every timer task, fired or not
        self._muted_until: dict[int, float] = {}  # chat id -> clock() when Daria may speak
        self._own_ids: OrderedDict[tuple[int, int], None] = OrderedDict()
        self._own_in_flight: dict[int, list[str]] = defaultdict(list)  # chat id -> texts
        self._closing = False
        self._desk: ManagersDesk | None = None  # the managers' loop, when their chat is set
        self._managers_chat_id: int | None = None
        # Messages the database refused (an outage): kept in memory and recorded by sweep().
        self._unrecorded: OrderedDict[tuple[int, int], Incoming] = OrderedDict()
        # reply id -> (user id, Telegram's message id): sent, the mark still to write.
        self._unmarked: OrderedDict[int, tuple[int, int | None]] = OrderedDict()
        self._sweeping = asyncio.Lock()  # one sweep at a time

    def register(self) -> None:
        """Subscribe to telethon's events (production wiring)."""
        self._client.add_event_handler(self.on_new_message, events.NewMessage())
        self._client.add_event_handler(self.on_message_edited, events.MessageEdited())
        self._client.add_event_handler(self.on_message_deleted, events.MessageDeleted())
        self._client.add_event_handler(self.on_callback, events.CallbackQuery())

    def attach_desk(self, desk: ManagersDesk, managers_chat_id: int) -> None:
        """Route the managers' chat (replies to cards, outcome buttons) to the desk."""
        self._desk = desk
        self._managers_chat_id = managers_chat_id

    # --- incoming -------------------------------------------------------------------------

    async def on_new_message(self, event: Any) -> None:
        if not event.is_private:
            if self._is_managers_chat(event.chat_id) and not event.out:
                await self._on_managers_message(event)
            return  # other groups and channels are not Daria's business
        if event.out:
            self._on_outgoing(event)
            return
        if not await self._from_a_person(event):
            return
        user_id = event.sender_id
        relayed = self._desk is not None and self._desk.relaying(user_id)
        muted = self.muted(event.chat_id) or relayed
        async with self._holding(user_id):
            incoming = await self._incoming(event)
            try:
                if muted:  # the manager answers: kept for the CRM, never answered by Daria
                    await self._service.record_answered_by_manager(incoming)
                else:
                    recorded = await self._service.receive(incoming)
            except Exception as exc:
                log.error("message %d not recorded yet: %s", event.id, type(exc).__name__)
                self._keep_unrecorded(incoming)
                return
        if relayed and self._desk is not None:
            try:  # the person's answer to a manager goes back under the card
                await self._desk.on_person_message(user_id, incoming.text)
            except Exception as exc:
                log.error("an answer to a manager not forwarded: %s", type(exc).__name__)
        if muted:
            return
        if recorded:
            self.touch(user_id)
        else:
            log.debug("duplicate update for message %d ignored", event.id)

    async def on_message_edited(self, event: Any) -> None:
        if not event.is_private or event.out or not await self._from_a_person(event):
            return
        if self.muted(event.chat_id):
            return
        text = event.raw_text or ""
        try:
            if await self._service.edit(event.sender_id, event.id, text):
                return  # not answered yet: the turn reads the edited text
        except Exception as exc:
            log.error("edit of message %d not recorded: %s", event.id, type(exc).__name__)
            return
        if not text.strip():
            return
        # Answered already: the edit is something new the person said.
        edited_at = getattr(event, "edit_date", None) or self._wall_clock()
        incoming = await self._incoming(event)
        new_id = -(event.id * EDIT_ID_SHIFT + int(edited_at.timestamp()))
        incoming = replace(incoming, message_id=new_id, text=text, at=edited_at)
        try:
            recorded = await self._service.receive(incoming)
        except Exception as exc:
            log.error("edit of message %d not recorded yet: %s", event.id, type(exc).__name__)
            self._keep_unrecorded(incoming)
            return
        if recorded:
            self.touch(event.sender_id)

    async def on_message_deleted(self, event: Any) -> None:
        """Deleted before Daria answered: not answered. Telegram names the chat only
        sometimes (private-chat deletions often come without it): best effort."""
        chat_id = getattr(event, "chat_id", None)
        if chat_id is None or chat_id <= 0:
            return
        try:
            dropped = await self._service.drop_unanswered(chat_id, tuple(event.deleted_ids))
        except Exception as exc:
            log.error("deletion not recorded: %s", type(exc).__name__)
            return
        if dropped:
            log.info("%d deleted messages will not be answered", dropped)

    async def _from_a_person(self, event: Any) -> bool:
        if event.sender_id == TELEGRAM_SERVICE_USER_ID:
            return False
        sender = await event.get_sender()
        if sender is None:
            return False
        return not (getattr(sender, "bot", False) or getattr(sender, "support", False))

    async def _incoming(self, event: Any) -> Incoming:
        sender = await event.get_sender()
        text = event.raw_text or ""
        if event.voice is not None:
            kind = MessageKind.VOICE
            text = await self._voice_text(event)
        elif text.strip() or not event.media:
            kind = MessageKind.TEXT
        else:
            kind = MessageKind.OTHER  # sticker, photo, file without a caption
        return Incoming(
            user_id=event.sender_id,
            chat_id=event.chat_id,
            message_id=event.id,
            text=text,
            at=event.date or datetime.now(UTC),
            kind=kind,
            first_name=getattr(sender, "first_name", None),
            username=getattr(sender, "username", None),
        )

    async def _voice_text(self, event: Any) -> str:
        """The words of a voice note, or "" (the service then asks to type)."""
        if self._transcribe is None:
            return ""
        size = getattr(event.voice, "size", 0) or 0
        if size > MAX_VOICE_BYTES:
            log.info("voice note of %d bytes is too long to transcribe", size)
            return ""
        try:
            audio = await event.download_media(file=bytes)
            return (await self._transcribe(audio)).strip() if audio else ""
        except Exception as exc:
            log.warning("voice note not transcribed: %s", type(exc).__name__)
            return ""

    # --- bursts ---------------------------------------------------------------------------

    def touch(self, user_id: int, delay: float | None = None) -> None:
        """Start or extend the person's burst; when it is quiet, one turn answers it all."""
        if self._closing:
            return  # shutting down: recorded messages are answered by recover() next start
        loop = asyncio.get_running_loop()
        wait = self._burst_seconds if delay is None else delay
        self._deadlines[user_id] = max(self._deadlines.get(user_id, 0.0), loop.time() + wait)
        if user_id not in self._waiting:
            task = loop.create_task(self._wait_then_answer(user_id))
            self._waiting[user_id] = task
            self._turns.add(task)
            task.add_done_callback(self._turns.discard)

    @contextlib.asynccontextmanager
    async def _holding(self, user_id: int) -> AsyncIterator[None]:
        """A message still being read (a voice note) keeps its burst open."""
        self._holds[user_id] += 1
        try:
            yield
        finally:
            self._holds[user_id] -= 1
            if self._holds[user_id] <= 0:
                del self._holds[user_id]

    async def _wait_then_answer(self, user_id: int) -> None:
        loop = asyncio.get_running_loop()
        try:
            while True:
                left = self._deadlines.get(user_id, 0.0) - loop.time()
                if left > 0:
                    await asyncio.sleep(left)
                elif self._holds.get(user_id):
                    await asyncio.sleep(max(self._burst_seconds, 0.05))
                else:
                    break
        finally:
            self._waiting.pop(user_id, None)
            self._deadlines.pop(user_id, None)
        # From here on the turn is not cancelled by new messages: they start a new burst.
        await self._answer(user_id)

    async def _answer(self, user_id: int, attempt: int = 1) -> None:
        try:
            async with self._turn_slots:
                reply = await self._service.respond(user_id)
        except Exception as exc:
            # The messages are recorded: a later attempt (or recover() at start) answers them.
            log.error("turn failed (attempt %d): %s", attempt, type(exc).__name__)
            if attempt < RESPOND_ATTEMPTS:
                await asyncio.sleep(RESPOND_RETRY_SECONDS)
                await self._answer(user_id, attempt + 1)
            return
        if reply is not None:
            await self.deliver(reply)

    # --- database outages ------------------------------------------------------------------

    def _keep_unrecorded(self, incoming: Incoming) -> None:
        self._unrecorded[(incoming.user_id, incoming.message_id)] = incoming
        while len(self._unrecorded) > MAX_UNRECORDED:
            self._unrecorded.popitem(last=False)
            log.error("too many messages waiting for the database; the oldest is dropped")

    async def sweep(self) -> None:
        """After an outage: record what the database refused, mark what was sent, then
        answer what was recorded but never answered (the periodic safety net; each turn
        still runs once). One sweep at a time."""
        async with self._sweeping:
            await self._sweep()

    async def _sweep(self) -> None:
        for key, incoming in list(self._unrecorded.items()):
            try:
                recorded = await self._service.receive(incoming)
            except Exception as exc:
                log.warning("database still unavailable: %s", type(exc).__name__)
                return
            self._unrecorded.pop(key, None)
            if recorded:
                self.touch(incoming.user_id)
        for user_id in {user for user, _ in list(self._unmarked.values())}:
            await self.flush(user_id)  # marks first, then sends what waited behind
        try:
            replies = await self._service.recover(
                min_age=timedelta(seconds=SWEEP_MIN_AGE_SECONDS), skip=set(self._waiting)
            )
        except Exception as exc:
            log.warning("sweep failed: %s", type(exc).__name__)
            return
        for reply in replies:
            await self.deliver(reply)
        await self.resend_unsent()

    async def resend_unsent(self) -> None:
        """Send replies committed but not sent (a failed send, a crash, a flood wait)."""
        try:
            users = await self._service.unsent_users()
        except Exception as exc:
            log.warning("unsent replies not looked up: %s", type(exc).__name__)
            return
        for user_id in users:
            if user_id not in self._waiting:  # a burst being collected sends its own
                await self.flush(user_id)

    # --- outgoing -------------------------------------------------------------------------

    async def deliver(self, reply: Reply) -> None:
        """Send what the turn committed (and anything of the person's still unsent)."""
        if not reply.text:
            return  # a silent turn (the person opted out)
        await self.flush(reply.user_id)

    async def flush(self, user_id: int) -> None:
        """Send the person's pending replies in order, each marked sent with Telegram's id.

        At least once: a reply is marked after Telegram took it, so a crash in between
        sends it again. A failure leaves it pending for the sweep; a long flood wait
        reschedules it; a person who blocked Daria is marked and never retried."""
        lock = self._sending.setdefault(user_id, asyncio.Lock())
        async with lock:
            if not await self._mark_remembered(user_id):
                return  # the database is still away; the rest wait their turn (in order)
            try:
                claimed = await self._service.claim_replies(user_id, SEND_LEASE)
            except Exception as exc:
                log.error("unsent replies not claimed: %s", type(exc).__name__)
                return
            for outgoing in claimed:
                if not await self._send_claimed(outgoing):
                    return  # the rest wait their turn: replies go out in order
        if not lock.locked():
            self._sending.pop(user_id, None)

    async def _mark_remembered(self, user_id: int) -> bool:
        """Write the "sent" marks that failed before; False while the database refuses."""
        for reply_id, (user, telegram_id) in list(self._unmarked.items()):
            if user != user_id:
                continue
            try:
                await self._service.reply_sent(reply_id, telegram_id)
            except Exception as exc:
                log.warning("sent reply still not marked: %s", type(exc).__name__)
                return False
            self._unmarked.pop(reply_id, None)
        return True

    async def _send_claimed(self, outgoing: OutgoingReply) -> bool:
        if self.muted(outgoing.chat_id) or (self._desk and self._desk.relaying(outgoing.chat_id)):
            log.info("reply withheld: a manager has taken the chat over")
            return False
        try:
            async with self._client.action(outgoing.chat_id, "typing"):
                await asyncio.sleep(self._typing_seconds(outgoing.text))
        except Exception as exc:  # the typing indicator is decoration, the text is not
            log.debug("typing action failed: %s", type(exc).__name__)
        try:
            message = await self.send_text(outgoing.chat_id, outgoing.text)
        except FloodWaitError as exc:
            wait = min(max(exc.seconds, 1), self._flood_wait_max)
            log.warning("flood wait of %d s: reply rescheduled in %d s", exc.seconds, wait)
            await self._record_failure(outgoing, timedelta(seconds=wait), flood=True)
            return False
        except GONE_ERRORS as exc:
            log.info("the person blocked Daria or left: %s", type(exc).__name__)
            try:
                await self._service.reply_blocked(outgoing.user_id)
            except Exception as store_exc:
                log.error("blocked person not marked: %s", type(store_exc).__name__)
            return False
        except Exception as exc:
            log.error("reply not delivered yet: %s", type(exc).__name__)
            await self._record_failure(outgoing, SEND_RETRY, flood=False)
            return False
        # Sent: the mark is retried a moment, then remembered for the sweep, so the reply
        # is never sent again while this process lives.
        telegram_id = getattr(message, "id", None)
        for attempt in range(1, MARK_ATTEMPTS + 1):
            try:
                await self._service.reply_sent(outgoing.id, telegram_id)
                return True
            except Exception as exc:
                if attempt == MARK_ATTEMPTS:
                    log.error("sent reply not marked yet: %s", type(exc).__name__)
                else:
                    await asyncio.sleep(MARK_RETRY_SECONDS * attempt)
        self._unmarked[outgoing.id] = (outgoing.user_id, telegram_id)
        while len(self._unmarked) > MAX_UNMARKED:
            self._unmarked.popitem(last=False)
            log.error("too many sent replies waiting for their mark; the oldest may repeat")
        return True  # sent: what follows may go out (in order)

    async def _record_failure(self, outgoing: OutgoingReply, retry: timedelta, flood: bool) -> None:
        try:
            await self._service.reply_failed(outgoing.id, retry, flood)
        except Exception as exc:  # the lease runs out and the sweep tries again anyway
            log.error("failed send not recorded: %s", type(exc).__name__)

    async def send_text(self, chat_id: int, text: str) -> Any:
        """Send as Daria: remembered as her own (not a manager's). A short flood wait is
        sat out; a long one raises FloodWaitError for the caller to reschedule."""
        for attempt in range(1, MAX_SEND_ATTEMPTS + 1):
            in_flight = self._own_in_flight[chat_id]
            in_flight.append(text.strip())
            try:
                # Plain text: a "_" in a link must not turn into italics.
                message = await asyncio.wait_for(
                    self._client.send_message(chat_id, text, parse_mode=None, link_preview=False),
                    SEND_TIMEOUT_SECONDS,
                )
            except FloodWaitError as exc:
                if attempt == MAX_SEND_ATTEMPTS or exc.seconds > SHORT_FLOOD_WAIT_SECONDS:
                    raise
                log.warning("flood wait of %d s before sending (attempt %d)", exc.seconds, attempt)
                await asyncio.sleep(exc.seconds)
                continue
            finally:
                in_flight.remove(text.strip())
                if not in_flight:
                    del self._own_in_flight[chat_id]
            self._remember_own(chat_id, getattr(message, "id", None))
            return message
        raise AssertionError("unreachable")  # pragma: no cover

    def _remember_own(self, chat_id: int, message_id: int | None) -> None:
        if message_id is None:
            return
        self._own_ids[(chat_id, message_id)] = None
        while len(self._own_ids) > OWN_MESSAGES_REMEMBERED:
            self._own_ids.popitem(last=False)

    def _is_own(self, chat_id: int, message_id: int, text: str) -> bool:
        if (chat_id, message_id) in self._own_ids:
            return True
        # The update for a send can arrive before send_message returns its id.
        return text.strip() in self._own_in_flight.get(chat_id, ())

    # --- manager takeover -----------------------------------------------------------------

    def _on_outgoing(self, event: Any) -> None:
        """An outgoing message Daria did not send: a manager is writing from the account."""
        chat_id = event.chat_id
        text = event.raw_text or ""
        if self._is_own(chat_id, event.id, text):
            return
        if text.strip().lower() == TAKEOVER_END_COMMAND:
            if self._muted_until.pop(chat_id, None) is not None:
                log.info("a manager handed a chat back to Daria")
            self._remember_takeover(self._service.clear_takeover(chat_id))
            return
        self._muted_until[chat_id] = self._clock() + self._takeover_seconds
        until = self._wall_clock() + timedelta(seconds=self._takeover_seconds)
        self._remember_takeover(self._service.set_takeover(chat_id, until))
        waiting = self._waiting.pop(chat_id, None)  # a private chat's id is the person's id
        if waiting is not None:
            waiting.cancel()
            self._deadlines.pop(chat_id, None)
        log.info("a manager took a chat over for %d min", self._takeover_seconds // 60)

    def _remember_takeover(self, write: Awaitable[None]) -> None:
        """Stored so that a restart keeps it (the memory copy answers `muted` at once)."""

        async def run() -> None:
            try:
                await write
            except Exception as exc:
                log.error("takeover not stored: %s", type(exc).__name__)

        task = asyncio.get_running_loop().create_task(run())
        self._turns.add(task)
        task.add_done_callback(self._turns.discard)

    async def load_takeovers(self) -> None:
        """At start: the takeovers stored before the restart hold on."""
        now_wall, now = self._wall_clock(), self._clock()
        for chat_id, until in (await self._service.takeovers()).items():
            self._muted_until[chat_id] = now + (until - now_wall).total_seconds()

    def muted(self, chat_id: int) -> bool:
        until = self._muted_until.get(chat_id)
        if until is None:
            return False
        if self._clock() >= until:
            del self._muted_until[chat_id]
            return False
        return True

    # --- the managers' chat ---------------------------------------------------------------

    def _is_managers_chat(self, chat_id: int | None) -> bool:
        return self._desk is not None and chat_id is not None and chat_id == self._managers_chat_id

    async def _on_managers_message(self, event: Any) -> None:
        """A reply to a lead card: an outcome word, or words for the person."""
        card_id = getattr(event, "reply_to_msg_id", None)
        if card_id is None or self._desk is None:
            return
        try:
            note = await self._desk.on_reply(card_id, event.raw_text or "")
            if note:
                await event.reply(note)
        except Exception as exc:
            log.error("a reply in the managers' chat failed: %s", type(exc).__name__)

    async def on_callback(self, event: Any) -> None:
        """An outcome button under a card (bot mode)."""
        data = getattr(event, "data", None) or b""
        if not self._is_managers_chat(event.chat_id) or not data.startswith(b"outcome:"):
            return
        assert self._desk is not None
        try:
            note = await self._desk.on_outcome(event.message_id, data[8:].decode())
        except Exception as exc:
            log.error("an outcome button failed: %s", type(exc).__name__)
            note = "Не получилось записать, попробуйте ещё раз"
        await event.answer(note)

    # --- lifecycle ------------------------------------------------------------------------

    async def idle(self) -> None:
        """Wait until every burst has been answered (tests, clean shutdown)."""
        while self._turns:
            await asyncio.gather(*list(self._turns), return_exceptions=True)

    async def close(self, timeout: float = 20.0) -> None:
        """Stop timers that have not fired (their messages are recorded; recover() answers
        them next start) and give turns already running a moment to send."""
        self._closing = True
        for task in list(self._waiting.values()):
            task.cancel()
        if self._turns:
            await asyncio.wait(list(self._turns), timeout=timeout)


class ManagersChatClient:
    """The managers' chat through telethon (destinations.managers_chat.ManagersChat).
    Bot mode puts the outcome buttons under each card; user mode cannot send inline
    buttons, so there the card's hint (reply with the word) does the same."""

    def __init__(self, client: Any, chat_id: int, *, bot: bool) -> None:
        self._client = client
        self._chat_id = chat_id
        self._bot = bot

    def _buttons(self, wanted: bool) -> Any:
        if not (wanted and self._bot):
            return None
        row = [Button.inline(word, f"outcome:{code}".encode()) for code, word in OUTCOMES.items()]
        return [row[:2], row[2:]]

    async def send(self, text: str, *, reply_to: int | None = None, buttons: bool = False) -> int:
        message = await self._client.send_message(
            self._chat_id,
            text,
            reply_to=reply_to,
            buttons=self._buttons(buttons),
            parse_mode=None,
            link_preview=False,
        )
        return int(message.id)

    async def edit(self, message_id: int, text: str, *, buttons: bool = False) -> None:
        await self._client.edit_message(
            self._chat_id,
            message_id,
            text,
            buttons=self._buttons(buttons),
            parse_mode=None,
            link_preview=False,
        )

    async def delete(self, message_id: int) -> None:
        await self._client.delete_messages(self._chat_id, [message_id])


class OpenAITranscriber:
    """Voice note -> text through the provider's /audio/transcriptions endpoint."""

    def __init__(self, api_key: str, base_url: str | None, model: str, timeout: float) -> None:
        from openai import AsyncOpenAI

        self._client = AsyncOpenAI(
            api_key=api_key, base_url=base_url, timeout=timeout, max_retries=1
        )
        self._model = model

    async def __call__(self, audio: bytes) -> str:
        result = await self._client.audio.transcriptions.create(
            model=self._model,
            file=("voice.ogg", audio, "audio/ogg"),
            language="ru",
            response_format="json",
        )
        # an object with .text, or plain text from servers that ignore response_format
        found: object = result
        return found if isinstance(found, str) else str(getattr(found, "text", ""))

    async def close(self) -> None:
        await self._client.close()
