"""The managers' loop in their Telegram chat: call outcomes, replies relayed to the
person and back, and a reminder about a booked lead nobody called.

- A card's outcome — a button (bot mode) or a reply with the word ("дозвонились",
  "не дозвонились", "договор", "отказ"; also /reached, /no_answer, /contract,
  /refused) — is stored on the lead and sent to every destination as lead.updated.
- Any other reply to a card goes to the person from the bot, signed as the firm's
  lawyer; for MANAGER_TAKEOVER_MINUTES after it Daria is silent in that chat and the
  person's messages come back to the managers' chat under the card.
- A booked lead with no outcome after UNATTENDED_LEAD_MINUTES of working time
  (OFFICE_HOURS) gets one reminder under its card.

Telegram stays in the adapter: this class gets plain ids and texts.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta

from credit_expert.conversation import lead_card
from credit_expert.destinations.base import LEAD_UPDATED, OUTCOMES
from credit_expert.destinations.managers_chat import ManagersChat
from credit_expert.destinations.routing import MANAGERS, destinations_for
from credit_expert.office_hours import DEFAULT_HOURS, OfficeHours
from credit_expert.store.base import OutboxEvent, Store

log = logging.getLogger(__name__)

SendToPerson = Callable[[int, str], Awaitable[object]]  # (chat id, text)

_OUTCOME_WORDS = {word: code for code, word in OUTCOMES.items()} | {
    f"/{code}": code for code in OUTCOMES
}
SIGNATURE = "— юрист компании"
REMINDER = (
    "⏰ По этой заявке {minutes} мин рабочего времени нет итога звонка. Кто возьмёт?"
    " Ответьте на карточку итогом, когда позвоните."
)


def outcome_of(text: str) -> str | None:
    """The outcome a reply names, or None: it is a message for the person."""
    return _OUTCOME_WORDS.get(text.strip().lower().rstrip(".!"))


class ManagersDesk:
    def __init__(
        self,
        store: Store,
        chat: ManagersChat,
        send_to_person: SendToPerson,
        *,
        destinations: tuple[str, ...] = (MANAGERS,),
        office_hours: OfficeHours = DEFAULT_HOURS,
        unattended_minutes: float = 60,
        relay_minutes: float = 60,
        firm_name: str = "",
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self._store = store
        self._chat = chat
        self._send_to_person = send_to_person
        self._destinations = destinations
        self._hours = office_hours
        self._unattended = unattended_minutes
        self._relay = timedelta(minutes=relay_minutes)
        self._signature = f"{SIGNATURE} «{firm_name}»" if firm_name else SIGNATURE
        self._clock = clock
        self._relaying: dict[int, tuple[int, datetime]] = {}  # user id -> (card id, until)

    # --- from the managers' chat ----------------------------------------------------------

    async def on_outcome(self, card_id: int, outcome: str) -> str:
        """A button or a reply word; returns a short answer for the manager."""
        user_id = await self._store.user_by_external(MANAGERS, str(card_id))
        lead = await self._store.get_lead(user_id) if user_id is not None else None
        if user_id is None or lead is None or outcome not in OUTCOMES:
            return "Заявка не найдена (возможно, человек удалил свои данные)."
        state = await self._store.load_state(user_id)
        card = lead_card(lead, state, self._clock(), self._hours)
        payload = {**card, "outcome": outcome, "changed_by": "manager"}
        event = OutboxEvent(
            LEAD_UPDATED, payload, destinations_for(LEAD_UPDATED, self._destinations)
        )
        await self._store.record_outcome(user_id, outcome, self._clock(), (event,))
        log.info("call outcome %s recorded on a lead", outcome)
        return f"Записано: {OUTCOMES[outcome]}"

    async def on_reply(self, card_id: int, text: str) -> str | None:
        """A manager's reply to a card: an outcome, or a message relayed to the person.
        Returns a note for the chat, or None when there is nothing to say."""
        outcome = outcome_of(text)
        if outcome is not None:
            return await self.on_outcome(card_id, outcome)
        if not text.strip():
            return None
        user_id = await self._store.user_by_external(MANAGERS, str(card_id))
        if user_id is None:
            return "Заявка не найдена (возможно, человек удалил свои данные)."
        await self._send_to_person(user_id, f"{text.strip()}\n\n{self._signature}")
        self._relaying[user_id] = (card_id, self._clock() + self._relay)
        log.info("a manager's reply was relayed to a person")
        return None

    # --- from the person -----------------------------------------------------------------

    def relaying(self, user_id: int) -> bool:
        """True while a manager talks with the person: Daria stays silent."""
        found = self._relaying.get(user_id)
        if found is None:
            return False
        if self._clock() >= found[1]:
            del self._relaying[user_id]
            return False
        return True

    async def on_person_message(self, user_id: int, text: str) -> None:
        """The person's answer goes to the managers' chat under the card."""
        card_id, _ = self._relaying[user_id]
        self._relaying[user_id] = (card_id, self._clock() + self._relay)
        await self._chat.send(f"💬 Ответ клиента:\n{text}", reply_to=card_id)

    # --- the unattended-lead reminder -------------------------------------------------------

    async def remind_due(self) -> int:
        """One pass: remind about each booked lead past its working-time allowance."""
        now = self._clock()
        reminded = 0
        for lead in await self._store.leads_awaiting_call():
            waited = self._hours.working_seconds(lead.booked_at, now) / 60
            if waited < self._unattended:
                continue
            if not await self._store.mark_reminded(lead.user_id, now):
                continue  # another process reminds about this one
            refs = await self._store.lead_refs(lead.lead_key, MANAGERS)
            card_id = refs.get("message_id")
            text = REMINDER.format(minutes=int(self._unattended))
            try:
                await self._chat.send(text, reply_to=int(card_id) if card_id else None)
            except Exception:
                await self._store.mark_reminded(lead.user_id, None)  # the next pass retries
                raise
            reminded += 1
        return reminded

    async def run_reminders(self, every_seconds: float = 60.0) -> None:
        while True:
            try:
                await self.remind_due()
            except Exception as exc:
                log.warning("unattended-lead reminder pass failed: %s", type(exc).__name__)
            await asyncio.sleep(every_seconds)
