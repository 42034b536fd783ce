"""The managers' Telegram chat as a destination: lead cards, their updates, their
deletion on /forget, and the crisis alert.

A card is sent when a call is booked; a change from the dialogue sends a new
card as a reply to the old one; a call outcome a manager recorded edits the card
in place; /forget deletes the bot's own cards. The chat itself is a small
protocol (`ManagersChat`) so that telethon stays in the adapter and tests use
fakes.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Protocol

from credit_expert.destinations.base import (
    CRISIS_ALERT,
    LEAD_BOOKED,
    LEAD_CREATED,
    LEAD_FORGOTTEN,
    LEAD_OPTED_OUT,
    OUTCOMES,
    Delivery,
    call_time_line,
    figure_line,
)
from credit_expert.models import Firm
from credit_expert.scripted_writer import format_phone, format_rubles

TITLES = {
    LEAD_CREATED: "🟢 Новая заявка",
    LEAD_BOOKED: "🟢 Новая заявка: звонок юриста",
    "lead.updated": "🟡 Заявка изменена",
    LEAD_OPTED_OUT: "⚪ Просил больше не писать",
}
_VERDICTS = {
    "court": "банкротство через арбитражный суд",
    "mfc": "внесудебное банкротство через МФЦ",
    "not_a_fit": "не подходит под банкротство",
}
UNKNOWN = "не указано"
OUTCOME_HINT = (
    "Итог звонка — ответьте на карточку: «дозвонились», «не дозвонились», «договор» или"
    " «отказ». Любой другой ответ на карточку уйдёт человеку от имени юриста."
)
FORGOTTEN_TEXT = (
    "⛔ Человек отозвал согласие на обработку данных (/forget): его данные и карточка"
    " удалены — не звонить и не писать ему."
)
CRISIS_TEXT = (
    "🆘 Человек написал о мыслях о самоубийстве или самоповреждении. Дарья дала ему"
    " номер 112 и не продавала. Пожалуйста, позвоните или напишите ему как человек,"
    " не как продавец: только участие и помощь."
)

CRISIS_UPDATE_TEXT = (
    "🆘 Дополнение к тревоге о мыслях о самоубийстве: тот же человек написал ещё. Звонить"
    " или писать ему как человек, без продажи."
)


class ManagersChat(Protocol):
    """What the destination needs of the chat (telegram_adapter.ManagersChatClient)."""

    async def send(self, text: str, *, reply_to: int | None = None, buttons: bool = False) -> int:
        """Send; returns the message id. `buttons`: the outcome buttons (bot mode)."""

    async def edit(self, message_id: int, text: str, *, buttons: bool = False) -> None: ...

    async def delete(self, message_id: int) -> None: ...


def _debt_line(payload: Mapping[str, Any]) -> str | None:
    debt = payload.get("debt_total")
    return (
        figure_line(payload, "debt_total", format_rubles(debt)) if isinstance(debt, int) else None
    )


def _creditors_line(payload: Mapping[str, Any]) -> str | None:
    creditors = payload.get("creditors_count")
    return (
        figure_line(payload, "creditors_count", str(creditors)) if creditors is not None else None
    )


def format_lead_card(kind: str, payload: Mapping[str, Any], firm: Firm | None = None) -> str:
    """The card a manager reads before calling: who, how much, which route, when. (A crisis
    alert is its own text: `crisis_alert`.)"""
    if kind == CRISIS_ALERT:
        return crisis_alert(payload)
    if kind == LEAD_FORGOTTEN:  # carries only ids: no facts, and never a time to call
        return FORGOTTEN_TEXT
    firm = firm or Firm()
    phone = payload.get("phone")
    user_id = payload.get("user_id")
    title = TITLES.get(kind, kind)
    lines = [
        f"{title} — {firm.name}" if firm.name else title,
        f"Имя: {payload.get('name') or UNKNOWN}",
        f"Телефон: {format_phone(phone) if phone else UNKNOWN}",
        f"Долг: {_debt_line(payload) or UNKNOWN}",
        f"Кредиторов: {_creditors_line(payload) or UNKNOWN}",
        f"Маршрут: {_VERDICTS.get(payload.get('verdict') or '', 'не определён')}",
        f"Когда звонить: {call_time_line(payload)}",
        f"Регион: {payload.get('region') or UNKNOWN}",
        f"Источник: {payload.get('source') or 'напрямую'}",
    ]
    if firm.phone:  # the person was told the lawyer calls from this number
        lines.append(f"Звонить с номера: {firm.phone}")
    if user_id:
        lines.append(f"Telegram: tg://user?id={user_id}")
    outcome = OUTCOMES.get(payload.get("outcome") or "")
    if outcome:
        lines.append(f"✅ Итог звонка: {outcome}")
    summary = str(payload.get("summary") or "").strip()
    if summary:
        lines += ["", summary]
    return "\n".join(lines)


def crisis_alert(payload: Mapping[str, Any]) -> str:
    """Who to reach, the words that raised the alert, and what the person told so far: the
    one who reaches out must know whom they write to. Health data (152-ФЗ art. 10) goes here
    only to protect a life (ч. 2 п. 3), and never to a CRM (`routing.destinations_for`). No
    sales route: the facts only. A later message adds to the alert (`update`), quoted."""
    lines = [CRISIS_UPDATE_TEXT if payload.get("update") else CRISIS_TEXT]
    if payload.get("words"):
        lines.append(f"Написал(а): «{payload['words']}»")
    if payload.get("said"):
        lines.append(f"Потом написал(а): «{payload['said']}»")
    lines.append(f"Имя: {payload.get('name') or UNKNOWN}")
    if payload.get("phone"):
        lines.append(f"Телефон: {format_phone(payload['phone'])}")
    if payload.get("user_id"):
        lines.append(f"Telegram: tg://user?id={payload['user_id']}")
    known = {  # the lead card's fields, only those known
        "Долг": _debt_line(payload),
        "Кредиторов": _creditors_line(payload),
        "Регион": payload.get("region"),
    }
    lines += [f"{name}: {value}" for name, value in known.items() if value]
    summary = str(payload.get("summary") or "").strip()
    if summary:
        lines += ["", summary]
    return "\n".join(lines)


def mask_phone(phone: str | None) -> str:
    """+79991231122 -> +7******1122: enough to tell two leads apart in a log, no more."""
    if not phone:
        return "-"
    digits = phone.lstrip("+")
    return "+" + digits[:1] + "*" * max(len(digits) - 5, 0) + digits[-4:]


class ManagersChatDestination:
    name = "managers"

    def __init__(self, chat: ManagersChat, firm: Firm | None = None) -> None:
        self._chat = chat
        self._firm = firm

    async def deliver(self, delivery: Delivery) -> Mapping[str, Any] | None:
        card_id = delivery.refs.get("message_id")
        if delivery.kind == LEAD_FORGOTTEN:
            if card_id:
                await self._chat.delete(int(card_id))  # a bot may delete its own messages
            return None
        if delivery.kind == CRISIS_ALERT:
            await self._chat.send(crisis_alert(delivery.payload))
            return None
        text = format_lead_card(delivery.kind, delivery.payload, self._firm)
        text = f"{text}\n\n{OUTCOME_HINT}"
        if card_id and delivery.payload.get("changed_by") == "manager":
            await self._chat.edit(int(card_id), text, buttons=True)
            return None
        reply_to = int(card_id) if card_id else None
        message_id = await self._chat.send(text, reply_to=reply_to, buttons=True)
        return {"message_id": message_id}
