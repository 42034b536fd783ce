"""The conversation service over a real SQLite store: what is answered, what is stored."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from credit_expert.conversation import ConversationService, ConversationSettings
from credit_expert.models import Incoming, MessageKind, Stage
from credit_expert.scripted_writer import ScriptedWriter
from credit_expert.store.base import Store

PERSON = 501
NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)


@pytest.fixture
def store(sqlite_store: Store) -> Store:
    return sqlite_store


@pytest.fixture
def service(store: Store) -> ConversationService:
    return ConversationService(
        store,
        ScriptedWriter(),
        ConversationSettings(
            privacy_policy_url="https://example.com/privacy",
            consent_version="2025-09-01",
            max_message_chars=500,
        ),
        clock=lambda: NOW,
    )


class Person:
    def __init__(self, service: ConversationService, user_id: int = PERSON) -> None:
        self.service = service
        self.user_id = user_id
        self.message_id = 0

    def message(self, text: str, kind: MessageKind = MessageKind.TEXT) -> Incoming:
        self.message_id += 1
        return Incoming(
            user_id=self.user_id,
            chat_id=self.user_id,
            message_id=self.message_id,
            text=text,
            at=NOW,
            kind=kind,
            first_name="Ольга",
        )

    async def says(self, text: str):
        return await self.service.handle(self.message(text))


def db_rows(tmp_path: Path, sql: str) -> list[tuple]:
    with sqlite3.connect(tmp_path / "daria.db") as db:
        return db.execute(sql).fetchall()


async def test_a_booking_hands_a_named_lead_card_to_the_outbox(
    service: ConversationService, store: Store
) -> None:
    person = Person(service)
    await person.says("Здравствуйте")
    await person.says("Долг 1,5 млн, перезвоните мне")
    await person.says("согласна")
    await person.says("+7 916 123-45-67")
    reply = await person.says("завтра утром")
    assert reply.stage is Stage.BOOKED
    [event] = await store.outbox_due(NOW + timedelta(seconds=1))
    assert event.kind == "lead.booked"
    assert event.payload["name"] == "Ольга"
    assert event.payload["phone"] == "+79161234567"
    assert event.payload["debt_total"] == 1_500_000
    assert event.payload["call_time"] == "завтра утром"
    assert "Маршрут: суд" in event.payload["summary"]
    lead = await store.get_lead(PERSON)
    assert lead.consent_at == NOW.isoformat(timespec="seconds")
    assert lead.consent_version == "2025-09-01"


async def test_a_refused_consent_leaves_no_phone_anywhere(
    service: ConversationService, store: Store, tmp_path: Path
) -> None:
    person = Person(service)
    await person.says("Здравствуйте")
    await person.says("Долг 600 тыс, перезвоните мне 8 903 111 22 33")
    reply = await person.says("нет, согласия не даю")
    assert reply.state.slots.phone is None and reply.state.pending_phone is None
    assert await store.get_lead(PERSON) is None
    stored = " ".join(text for (text,) in db_rows(tmp_path, "SELECT text FROM bot_messages"))
    stored += " ".join(s for (s,) in db_rows(tmp_path, "SELECT state_json FROM bot_sessions"))
    assert "903" not in stored and "22 33" not in stored
    assert "[номер скрыт]" in stored
    assert "600 тыс" in stored  # the rest of what the person wrote stays


async def test_a_burst_becomes_one_turn_and_one_reply(
    service: ConversationService, store: Store
) -> None:
    person = Person(service)
    for text in ("Здравствуйте", "долг 900 тысяч", "три банка"):
        assert await service.receive(person.message(text))
    reply = await service.respond(PERSON)
    assert reply.answered_message_ids == (1, 2, 3)
    assert reply.state.slots.debt_total == 900_000
    assert reply.state.slots.creditors_count == 3
    assert await service.respond(PERSON) is None
    assert await store.count_messages(PERSON) == 4


async def test_a_duplicate_gets_no_second_reply(service: ConversationService) -> None:
    person = Person(service)
    first = person.message("Долг 700 тысяч")
    assert await service.handle(first) is not None
    assert await service.handle(first) is None


async def test_recorded_but_unanswered_messages_are_answered_once_after_a_restart(
    service: ConversationService, store: Store
) -> None:
    await service.receive(Person(service, 1).message("Долг 2 млн"))
    await service.receive(Person(service, 2).message("Здравствуйте"))
    restarted = ConversationService(
        store, ScriptedWriter(), ConversationSettings("https://example.com/p", "1")
    )
    replies = await restarted.recover()
    assert sorted(r.user_id for r in replies) == [1, 2]
    assert await restarted.recover() == []


async def test_an_edit_before_the_answer_is_taken_in_its_edited_form(
    service: ConversationService,
) -> None:
    person = Person(service)
    incoming = person.message("Долг 800 тысяч")
    await service.receive(incoming)
    assert await service.edit(PERSON, incoming.message_id, "Долг 900 тысяч")
    reply = await service.respond(PERSON)
    assert reply.state.slots.debt_total == 900_000
    assert not await service.edit(PERSON, incoming.message_id, "Долг 1 млн")  # answered already


async def test_a_very_long_message_is_cut_stored_cut_and_answered_with_a_note(
    service: ConversationService, tmp_path: Path
) -> None:
    reply = await Person(service).says("долг 900 тысяч " + "я" * 10_000)
    assert "начало" in reply.text or "первую часть" in reply.text
    [(length,)] = db_rows(
        tmp_path, "SELECT MAX(LENGTH(text)) FROM bot_messages WHERE direction='in'"
    )
    assert length <= 500 + len(" […]")


async def test_control_and_zero_width_characters_are_stripped(
    service: ConversationService,
) -> None:
    reply = await Person(service).says("до\u200bлг\x00 1 200\u200b 000\x07")
    assert reply.text
    assert reply.state.slots.debt_total == 1_200_000


async def test_a_voice_note_without_transcription_asks_to_type(
    service: ConversationService,
) -> None:
    person = Person(service)
    await person.says("Здравствуйте")
    reply = await service.handle(person.message("", kind=MessageKind.VOICE))
    assert "текстом" in reply.text


async def test_forget_deletes_everything_and_stores_not_even_the_confirmation(
    service: ConversationService, store: Store, tmp_path: Path
) -> None:
    person = Person(service)
    for text in ("Долг 1 млн, перезвоните", "да", "89161234567", "вечером", "/forget"):
        reply = await person.says(text)
    assert "удалила" in reply.text
    for table in ("bot_users", "bot_sessions", "bot_messages", "bot_leads", "bot_lead_refs"):
        assert db_rows(tmp_path, f"SELECT COUNT(*) FROM {table}") == [(0,)], table
    # Left: one lead.forgotten row per destination, tied to nobody, holding only CRM ids.
    assert db_rows(
        tmp_path, "SELECT user_id, kind, payload_json FROM bot_outbox WHERE delivered_at IS NULL"
    ) == [(None, "lead.forgotten", "{}")]


async def test_forget_twice_in_a_row_says_the_truth_and_not_the_same_paragraph(
    service: ConversationService, store: Store
) -> None:
    person = Person(service)
    await person.says("Долг 800 тысяч")
    first = await person.says("удалите мои данные")
    second = await person.says("/forget")
    assert "удалила" in first.text
    assert "нет никаких ваших данных" in second.text and "удалила" not in second.text
    assert await store.count_messages(PERSON) == 0


async def test_messages_during_a_manager_takeover_are_kept_and_never_answered(
    service: ConversationService, store: Store
) -> None:
    person = Person(service)
    await person.says("Здравствуйте")
    assert await service.record_answered_by_manager(person.message("Анна, слушаю вас"))
    assert await store.count_messages(PERSON) == 3
    assert await service.recover() == []
