"""At-least-once replies and Telegram's edge cases at the adapter's boundary (fakes of
telethon, a real service and store on both backends)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from telethon.errors import FloodWaitError, UserIsBlockedError
from test_telegram_adapter import PERSON, FakeClient, FakeEvent, FakeMessage, make_adapter, say

from credit_expert import telegram_adapter
from credit_expert.conversation import ConversationService, ConversationSettings
from credit_expert.models import Incoming
from credit_expert.scripted_writer import ScriptedWriter
from credit_expert.store import Store, StoreUnavailable


class Wall:
    """The wall clock of the service and the adapter, moved by the test."""

    def __init__(self) -> None:
        self.now = datetime.now(UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **kwargs: float) -> None:
        self.now += timedelta(**kwargs)


class FailingClient(FakeClient):
    """send_message raises the queued errors first, one per call."""

    def __init__(self) -> None:
        super().__init__()
        self.failures: list[Exception] = []
        self.attempts = 0

    async def send_message(self, entity: int, message: str, **kwargs: Any) -> FakeMessage:
        self.attempts += 1
        if self.failures:
            raise self.failures.pop(0)
        return await super().send_message(entity, message, **kwargs)


def flood(seconds: int) -> FloodWaitError:
    return FloodWaitError(request=None, capture=seconds)


def make_service(store: Store, wall: Wall, stale_minutes: int = 60) -> ConversationService:
    return ConversationService(
        store,
        ScriptedWriter(),
        ConversationSettings(
            privacy_policy_url="https://example.com/privacy",
            consent_version="2025-09-01",
            reply_stale_minutes=stale_minutes,
        ),
        clock=wall,
    )


def new_adapter(client: FakeClient, service: ConversationService, wall: Wall, **kw: Any):
    return make_adapter(client, service, wall_clock=wall, flood_wait_max_seconds=120, **kw)


def incoming(message_id: int, text: str) -> Incoming:
    return Incoming(PERSON, PERSON, message_id, text, at=datetime.now(UTC))


async def statuses(store: Store, user_id: int = PERSON) -> list[str]:
    """send_status of the person's outgoing rows, oldest first, as the store sees them."""
    sql = (
        "SELECT send_status FROM bot_messages WHERE user_id = {} AND direction = 'out' ORDER BY id"
    )
    raw = getattr(store, "_db", None)
    if raw is not None:
        return [row[0] for row in await raw.execute_fetchall(sql.format("?"), (user_id,))]
    async with store._cursor() as cur:  # type: ignore[attr-defined]
        await cur.execute(sql.format("%s"), (user_id,))
        return [row[0] for row in await cur.fetchall()]


@pytest.fixture
def wall() -> Wall:
    return Wall()


@pytest.fixture
def client() -> FailingClient:
    return FailingClient()


@pytest.fixture
async def adapter(store: Store, wall: Wall, client: FailingClient):
    telegram = new_adapter(client, make_service(store, wall), wall)
    yield telegram
    await telegram.close()


# --- sends that fail ------------------------------------------------------------------------


async def test_a_failed_send_stays_pending_and_the_sweep_sends_it_once(
    adapter, client, store, wall
):
    client.failures = [ConnectionError("network down")]
    await say(adapter, FakeEvent(id=1, raw_text="Здравствуйте"))
    assert client.sent == [] and await statuses(store) == ["pending"]

    await adapter.sweep()  # too early: the retry time has not come
    assert client.sent == []
    wall.advance(seconds=31)
    await adapter.sweep()
    await adapter.sweep()
    assert len(client.replies_to(PERSON)) == 1
    assert await statuses(store) == ["sent"]


async def test_a_long_flood_wait_reschedules_capped_and_never_drops(store, wall, client):
    adapter = new_adapter(client, make_service(store, wall, stale_minutes=1), wall)
    client.failures = [flood(3600)]
    started = datetime.now(UTC)
    await say(adapter, FakeEvent(id=1, raw_text="Здравствуйте"))
    assert (datetime.now(UTC) - started).total_seconds() < 5, "a long wait is not slept through"
    assert client.sent == [] and await statuses(store) == ["pending"]
    wall.advance(seconds=119)
    await adapter.sweep()
    assert client.sent == []
    wall.advance(seconds=2)  # the cap (120 s), past the 1-minute stale limit: still sent
    await adapter.sweep()
    assert len(client.replies_to(PERSON)) == 1
    await adapter.close()


async def test_a_person_who_blocked_daria_is_marked_and_not_retried(adapter, client, store, wall):
    client.failures = [UserIsBlockedError(request=None)]
    await say(adapter, FakeEvent(id=1, raw_text="Здравствуйте"))
    assert await statuses(store) == ["blocked"]
    wall.advance(minutes=10)
    await adapter.sweep()
    assert client.attempts == 1 and client.sent == []


async def test_replies_held_by_a_failure_go_out_in_order_after_a_reconnect(
    adapter, client, store, wall
):
    client.failures = [ConnectionError("disconnected")]
    await say(adapter, FakeEvent(id=1, raw_text="Здравствуйте"))
    # the connection is back for the next turn, but the first reply waits its turn
    await say(adapter, FakeEvent(id=2, raw_text="Долг 900 тысяч, 3 банка"))
    assert client.sent == [], "a later reply never overtakes an unsent earlier one"
    wall.advance(seconds=31)
    await adapter.sweep()
    replies = client.replies_to(PERSON)
    assert len(replies) == 2
    assert await statuses(store) == ["sent", "sent"]
    assert "900" not in replies[0] and "900" in replies[1]


# --- crash between commit and send; restart ------------------------------------------------


async def test_a_reply_committed_but_never_sent_is_sent_after_a_restart(store, wall, client):
    service = make_service(store, wall)
    await service.handle(incoming(1, "Здравствуйте"))  # committed, then the process died
    assert await statuses(store) == ["pending"]

    restarted = new_adapter(client, make_service(store, wall), wall)
    await restarted.resend_unsent()
    await restarted.resend_unsent()
    assert len(client.replies_to(PERSON)) == 1
    assert await statuses(store) == ["sent"]
    await restarted.close()


async def test_a_reply_claimed_by_a_process_that_died_waits_for_its_lease(store, wall, client):
    service = make_service(store, wall)
    await service.handle(incoming(1, "Здравствуйте"))
    assert len(await service.claim_replies(PERSON, timedelta(minutes=2))) == 1  # then died
    restarted = new_adapter(client, make_service(store, wall), wall)
    await restarted.resend_unsent()
    assert client.sent == []
    wall.advance(minutes=2, seconds=1)
    await restarted.resend_unsent()
    assert len(client.replies_to(PERSON)) == 1
    await restarted.close()


async def test_a_stale_reply_is_not_sent_after_a_long_outage(store, wall, client):
    service = make_service(store, wall, stale_minutes=60)
    await service.handle(incoming(1, "Здравствуйте"))
    wall.advance(minutes=61)
    adapter = new_adapter(client, service, wall)
    await adapter.resend_unsent()
    assert client.sent == [] and await statuses(store) == ["stale"]
    await adapter.close()


async def test_stop_makes_earlier_unsent_replies_stale(adapter, client, store, wall):
    client.failures = [ConnectionError("down")]
    await say(adapter, FakeEvent(id=1, raw_text="Здравствуйте"))
    await say(adapter, FakeEvent(id=2, raw_text="/stop"))
    wall.advance(seconds=31)
    await adapter.sweep()
    assert await statuses(store) == ["stale", "sent"]
    assert len(client.replies_to(PERSON)) == 1  # only the confirmation of /stop


async def test_forget_leaves_nothing_to_send(adapter, client, store, wall):
    client.failures = [ConnectionError("down")]
    await say(adapter, FakeEvent(id=1, raw_text="Здравствуйте"))
    await say(adapter, FakeEvent(id=2, raw_text="/forget"))
    wall.advance(seconds=31)
    await adapter.sweep()
    assert await store.count_messages(PERSON) == 0
    assert all("Здравствуйте" not in text for _, text in client.sent)


async def test_a_replayed_update_after_a_restart_is_not_answered_again(store, wall, client):
    first = new_adapter(client, make_service(store, wall), wall)
    await say(first, FakeEvent(id=1, raw_text="Здравствуйте"))
    await first.close()
    again = new_adapter(client, make_service(store, wall), wall)
    await say(again, FakeEvent(id=1, raw_text="Здравствуйте"))
    await again.sweep()
    assert len(client.replies_to(PERSON)) == 1
    await again.close()


# --- manager takeover survives a restart ---------------------------------------------------


async def test_a_takeover_is_stored_and_survives_a_restart(store, wall, client):
    adapter = new_adapter(client, make_service(store, wall), wall)
    await say(adapter, FakeEvent(id=900, raw_text="Добрый день, я юрист Анна", out=True))
    await adapter.close()

    restarted = new_adapter(client, make_service(store, wall), wall)
    await restarted.load_takeovers()
    assert restarted.muted(PERSON)
    await say(restarted, FakeEvent(id=1, raw_text="Здравствуйте, Анна"))
    assert client.sent == []
    await say(restarted, FakeEvent(id=901, raw_text="/daria", out=True))
    await restarted.close()

    back = new_adapter(client, make_service(store, wall), wall)
    await back.load_takeovers()
    assert not back.muted(PERSON)
    await back.close()


async def test_a_takeover_makes_unsent_replies_stale(adapter, client, store, wall):
    client.failures = [ConnectionError("down")]
    await say(adapter, FakeEvent(id=1, raw_text="Здравствуйте"))
    await say(adapter, FakeEvent(id=900, raw_text="Я юрист, отвечу сама", out=True))
    wall.advance(seconds=31)
    await adapter.sweep()
    assert client.sent == [] and await statuses(store) == ["stale"]


# --- deletions and edits -------------------------------------------------------------------


class Deleted:
    def __init__(self, chat_id: int | None, *ids: int) -> None:
        self.chat_id = chat_id
        self.deleted_ids = list(ids)


async def test_a_message_deleted_before_the_answer_is_not_answered(adapter, client, store):
    await adapter.on_new_message(FakeEvent(id=1, raw_text="Долг 900 тысяч"))
    await adapter.on_message_deleted(Deleted(PERSON, 1))
    await adapter.idle()
    assert client.sent == []
    assert await store.count_messages(PERSON) == 0


async def test_a_deletion_without_a_chat_id_is_best_effort(adapter, client):
    await adapter.on_new_message(FakeEvent(id=1, raw_text="Долг 900 тысяч"))
    await adapter.on_message_deleted(Deleted(None, 1))
    await adapter.idle()
    assert len(client.replies_to(PERSON)) == 1  # Telegram did not say whose: answered


async def test_an_edit_after_the_answer_is_a_new_message(adapter, client, wall):
    await say(adapter, FakeEvent(id=1, raw_text="Здравствуйте"))
    edited = FakeEvent(id=1, raw_text="Здравствуйте, долг 900 тысяч")
    edited.edit_date = wall.now + timedelta(seconds=5)  # type: ignore[attr-defined]
    await adapter.on_message_edited(edited)
    await adapter.idle()
    assert len(client.replies_to(PERSON)) == 2
    await adapter.on_message_edited(edited)  # the same edit replayed
    await adapter.idle()
    assert len(client.replies_to(PERSON)) == 2


# --- a commit that fails ---------------------------------------------------------------------


class CommitFails:
    """The store, except that commit_turn fails the first `times` calls."""

    def __init__(self, store: Store, times: int = 1) -> None:
        self._store = store
        self.times = times

    def __getattr__(self, name: str) -> Any:
        return getattr(self._store, name)

    async def commit_turn(self, record):
        if self.times > 0:
            self.times -= 1
            raise StoreUnavailable("DATABASE_URL: lost connection during COMMIT")
        return await self._store.commit_turn(record)


async def test_a_failed_commit_sends_nothing_and_the_retry_answers_once(store, wall, client):
    failing = CommitFails(store)
    service = make_service(failing, wall)  # type: ignore[arg-type]
    with pytest.raises(StoreUnavailable):
        await service.handle(incoming(1, "Здравствуйте, долг 900 тысяч"))
    assert await store.users_with_unanswered() == [PERSON], "the message waits, unanswered"
    assert await statuses(store) == [], "no reply exists to be sent"

    adapter = new_adapter(client, service, wall)
    await adapter.resend_unsent()
    assert client.sent == []
    for reply in await service.recover():
        await adapter.deliver(reply)
    await adapter.sweep()
    assert len(client.replies_to(PERSON)) == 1
    assert await store.users_with_unanswered() == []
    await adapter.close()


class MarkFails:
    """The store, except that the first `times` "sent" marks fail (a database away)."""

    def __init__(self, store: Store, times: int = 1) -> None:
        self._store = store
        self.times = times
        self.failed = False

    def __getattr__(self, name: str) -> Any:
        return getattr(self._store, name)

    async def reply_sent(self, reply_id: int, telegram_id: int | None, at: datetime) -> None:
        if self.times > 0:
            self.times -= 1
            self.failed = True
            raise StoreUnavailable("DATABASE_URL: no answer within 5 s")
        await self._store.reply_sent(reply_id, telegram_id, at)


async def test_a_failed_sent_mark_is_retried_so_the_reply_is_not_repeated(store, wall, client):
    flaky = MarkFails(store)
    adapter = new_adapter(client, make_service(flaky, wall), wall)  # type: ignore[arg-type]
    await say(adapter, FakeEvent(id=1, raw_text="Здравствуйте"))
    assert flaky.failed and await statuses(store) == ["sent"]
    wall.advance(minutes=5)
    await adapter.sweep()
    assert len(client.replies_to(PERSON)) == 1
    await adapter.close()


async def test_a_reply_whose_mark_fails_past_its_lease_is_marked_not_sent_again(
    store, wall, client, monkeypatch
):
    monkeypatch.setattr(telegram_adapter, "MARK_RETRY_SECONDS", 0.0)
    flaky = MarkFails(store, times=telegram_adapter.MARK_ATTEMPTS + 2)
    adapter = new_adapter(client, make_service(flaky, wall), wall)  # type: ignore[arg-type]
    await say(adapter, FakeEvent(id=1, raw_text="Здравствуйте"))
    assert len(client.replies_to(PERSON)) == 1 and await statuses(store) == ["pending"]
    await say(adapter, FakeEvent(id=2, raw_text="Долг 900 тысяч"))  # the mark fails again
    assert len(client.replies_to(PERSON)) == 1, "the next reply waits behind the unmarked one"

    wall.advance(minutes=5)  # the first reply's lease ran out; the database answers again
    await adapter.sweep()
    await adapter.sweep()
    assert len(client.replies_to(PERSON)) == 2, "marked, not sent again; the next one sent"
    assert await statuses(store) == ["sent", "sent"]
    await adapter.close()
