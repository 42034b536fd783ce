"""/mydata (152-ФЗ art. 14): the person sees what is stored about them, in one message,
and asking changes nothing in the dialogue."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from credit_expert.conversation import ConversationService, ConversationSettings
from credit_expert.models import Incoming
from credit_expert.scripted_writer import ScriptedWriter
from credit_expert.store import Store

URL = "https://pravo-expert.ru/consent"
PERSON = 42


async def test_mydata_lists_what_is_stored_in_one_message(store: Store) -> None:
    now = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)
    service = ConversationService(
        store,
        ScriptedWriter(),
        ConversationSettings(URL, "2025-09-01", retention_days=30),
        clock=lambda: now,
    )
    said = ["Здравствуйте", "Долг 900 тысяч, 3 банка", "Казань"]
    for number, text in enumerate(said, start=1):
        now += timedelta(minutes=1)
        await service.handle(Incoming(PERSON, PERSON, number, text, now, first_name="Ирина"))
    before = await store.load_state(PERSON)

    reply = await service.handle(Incoming(PERSON, PERSON, 10, "/mydata", now))

    assert reply is not None
    text = reply.text
    assert "Ирина" in text
    assert "900 000 ₽" in text and "3 кредитора" in text and "Казань" in text
    assert "7 сообщений" in text  # three of theirs, three replies, and /mydata itself
    assert "согласия на обработку персональных данных вы не давали" in text
    assert "30 дней" in text and "/forget" in text
    assert text.count("?") == 0, "one message, nothing asked"
    after = await store.load_state(PERSON)
    assert after == before, "the dialogue goes on where it was"
    assert before is not None and reply.stage is before.stage
    assert await store.pending_turn(PERSON) is None, "/mydata is answered, not left pending"


async def test_mydata_shows_the_phone_and_the_consent_once_given(store: Store) -> None:
    now = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)
    service = ConversationService(
        store, ScriptedWriter(), ConversationSettings(URL, "2025-09-01"), clock=lambda: now
    )
    said = ["Здравствуйте, перезвоните мне", "да, согласен", "+79226001122", "завтра в 10"]
    for number, text in enumerate(said, start=1):
        now += timedelta(minutes=1)
        await service.handle(Incoming(PERSON, PERSON, number, text, now))
    assert (await store.get_lead(PERSON)) is not None, "the test dialogue gave consent"
    reply = await service.handle(Incoming(PERSON, PERSON, 10, "/mydata", now))
    assert reply is not None
    assert "+7 922 600-11-22" in reply.text
    assert "согласие на обработку данных — от 2026-03-02, версия текста 2025-09-01" in reply.text
