"""The Telegram adapter with fakes of telethon's event and client, a real service and store.

The fakes carry only what the adapter reads, named as on telethon's
`events.NewMessage.Event` / `Message`: is_private, out, id, chat_id, sender_id,
raw_text, date, voice, media, get_sender(), download_media(); and on the
client: send_message(), action().
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from telethon.crypto import AuthKey
from telethon.errors import FloodWaitError
from telethon.sessions import StringSession

from credit_expert.config import ConfigError, Settings, load_settings
from credit_expert.conversation import ConversationService, ConversationSettings
from credit_expert.models import Incoming, WriteRequest, Written
from credit_expert.scripted_writer import ScriptedWriter
from credit_expert.store import Store, open_store
from credit_expert.store.base import StoreUnavailable
from credit_expert.telegram_adapter import OpenAITranscriber, TelegramAdapter
from credit_expert.telegram_app import TelegramLogin, open_session, run_telegram

PERSON = 5001
OTHER_PERSON = 5002
VOICE_REPLY = "голос"  # both scripted variants for a voice note mention it


# --- fakes of telethon ----------------------------------------------------------------------


@dataclass
class FakeUser:
    id: int
    first_name: str | None = "Ольга"
    username: str | None = "olga_k"
    bot: bool = False
    support: bool = False


@dataclass
class FakeVoice:
    size: int = 4096


@dataclass
class FakeEvent:
    id: int
    raw_text: str = ""
    sender_id: int = PERSON
    chat_id: int = PERSON
    is_private: bool = True
    out: bool = False
    voice: FakeVoice | None = None
    audio: bytes = b""
    sender: FakeUser | None = None
    date: datetime = field(default_factory=lambda: datetime.now(UTC))

    @property
    def media(self) -> object | None:
        return self.voice

    async def get_sender(self) -> FakeUser | None:
        if self.sender is None and not self.out:
            self.sender = FakeUser(self.sender_id)
        return self.sender

    async def download_media(self, file: type[bytes] | None = None) -> bytes:
        assert file is bytes
        return self.audio


@dataclass
class FakeMessage:
    id: int


class FakeClient:
    """Records sends and typing; can raise flood waits; can echo Daria's own sends
    as outgoing updates before send_message returns, as Telegram sometimes does."""

    def __init__(self) -> None:
        self.sent: list[tuple[int, str]] = []
        self.typing: list[int] = []
        self.flood_waits: list[int] = []
        self.echo: Callable[[FakeEvent], Any] | None = None
        self._next_id = 100_000

    @contextlib.asynccontextmanager
    async def action(self, chat: int, action: str) -> AsyncIterator[None]:
        assert action == "typing"
        self.typing.append(chat)
        yield

    async def send_message(self, entity: int, message: str, **kwargs: Any) -> FakeMessage:
        if self.flood_waits:
            raise FloodWaitError(request=None, capture=self.flood_waits.pop(0))
        self._next_id += 1
        if self.echo is not None:
            await self.echo(FakeEvent(id=self._next_id, raw_text=message, chat_id=entity, out=True))
        self.sent.append((entity, message))
        return FakeMessage(self._next_id)

    def replies_to(self, chat: int) -> list[str]:
        return [text for to, text in self.sent if to == chat]


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


# --- fixtures -------------------------------------------------------------------------------


@pytest.fixture
def store(sqlite_store: Store) -> Store:
    return sqlite_store


@pytest.fixture
def service(store: Store) -> ConversationService:
    return ConversationService(
        store,
        ScriptedWriter(),
        ConversationSettings(
            privacy_policy_url="https://example.com/privacy", consent_version="2025-09-01"
        ),
    )


@pytest.fixture
def client() -> FakeClient:
    return FakeClient()


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
async def adapter(
    client: FakeClient, service: ConversationService, clock: Clock
) -> AsyncIterator[TelegramAdapter]:
    telegram = make_adapter(client, service, clock=clock)
    yield telegram
    await telegram.close()


def make_adapter(
    client: FakeClient, service: ConversationService, **kwargs: Any
) -> TelegramAdapter:
    options: dict[str, Any] = {
        "burst_seconds": 0.05,
        "takeover_minutes": 60,
        "typing_seconds": lambda text: 0.0,
    }
    options.update(kwargs)
    return TelegramAdapter(client, service, **options)


async def say(adapter: TelegramAdapter, *events: FakeEvent) -> None:
    """Deliver the updates, then wait until every burst they started is answered."""
    for event in events:
        await adapter.on_new_message(event)
    await adapter.idle()


# --- a person writes ------------------------------------------------------------------------


async def test_a_private_text_gets_one_reply(
    adapter: TelegramAdapter, client: FakeClient, store: Store
) -> None:
    await say(adapter, FakeEvent(id=1, raw_text="Здравствуйте, у меня долги по кредитам"))

    assert len(client.replies_to(PERSON)) == 1
    assert client.typing == [PERSON]
    assert await store.count_messages(PERSON) == 2  # the message and the reply


async def test_a_group_message_is_ignored(
    adapter: TelegramAdapter, client: FakeClient, store: Store
) -> None:
    await say(adapter, FakeEvent(id=1, raw_text="Дарья, привет", chat_id=-100777, is_private=False))
    assert client.sent == []
    assert await store.count_messages(PERSON) == 0


async def test_other_bots_and_telegram_itself_are_ignored(
    adapter: TelegramAdapter, client: FakeClient
) -> None:
    robot = FakeEvent(id=1, raw_text="/start", sender=FakeUser(PERSON, bot=True))
    service_notice = FakeEvent(id=2, raw_text="Login code: 12345", sender_id=777000, chat_id=777000)
    await say(adapter, robot, service_notice)
    assert client.sent == []


async def test_a_burst_of_three_messages_is_one_turn(
    adapter: TelegramAdapter, client: FakeClient, store: Store
) -> None:
    for number, text in enumerate(["Добрый день", "Долг около 800 тысяч", "Банков четыре"], 1):
        await adapter.on_new_message(FakeEvent(id=number, raw_text=text))
        await asyncio.sleep(0.01)
    await adapter.idle()

    assert len(client.replies_to(PERSON)) == 1
    assert await store.count_messages(PERSON) == 4
    state = await store.load_state(PERSON)
    assert state is not None and state.turns == 1


async def test_two_people_are_answered_independently(
    adapter: TelegramAdapter, client: FakeClient
) -> None:
    await say(
        adapter,
        FakeEvent(id=1, raw_text="Здравствуйте"),
        FakeEvent(id=1, raw_text="Добрый вечер", sender_id=OTHER_PERSON, chat_id=OTHER_PERSON),
    )
    assert len(client.replies_to(PERSON)) == 1
    assert len(client.replies_to(OTHER_PERSON)) == 1


async def test_a_duplicate_update_gets_no_second_reply(
    adapter: TelegramAdapter, client: FakeClient, store: Store
) -> None:
    update = FakeEvent(id=1, raw_text="Здравствуйте, долг миллион")
    await say(adapter, update)
    await say(adapter, update)  # catch_up replays it after a reconnect
    assert len(client.replies_to(PERSON)) == 1
    assert await store.count_messages(PERSON) == 2


async def test_start_payload_stores_the_source(
    adapter: TelegramAdapter, client: FakeClient, store: Store
) -> None:
    await say(adapter, FakeEvent(id=1, raw_text="/start ad_vk"))
    state = await store.load_state(PERSON)
    assert state is not None and state.source == "ad_vk"
    assert len(client.replies_to(PERSON)) == 1


async def test_an_edit_before_the_answer_is_taken(
    client: FakeClient, service: ConversationService, store: Store
) -> None:
    adapter = make_adapter(client, service, burst_seconds=5.0)
    await adapter.on_new_message(FakeEvent(id=1, raw_text="долг 80 тысяч"))
    await adapter.on_message_edited(FakeEvent(id=1, raw_text="долг 800 тысяч"))
    pending = await store.pending_turn(PERSON)
    assert pending is not None and pending.messages[0].text == "долг 800 тысяч"
    await adapter.close()
    assert client.sent == [], "closing before the burst ends answers nothing now"


class CountingWriter(ScriptedWriter):
    """The script, slowed a little, counting the turns it words at once."""

    def __init__(self) -> None:
        super().__init__()
        self.at_once = self.most = 0

    async def write(self, request: WriteRequest) -> Written:
        self.at_once += 1
        self.most = max(self.most, self.at_once)
        try:
            await asyncio.sleep(0.02)
            return await super().write(request)
        finally:
            self.at_once -= 1


async def test_a_crowd_is_answered_a_bounded_number_of_turns_at_a_time(
    client: FakeClient, store: Store
) -> None:
    writer = CountingWriter()
    settings = ConversationSettings(
        privacy_policy_url="https://example.com/privacy", consent_version="2025-09-01"
    )
    adapter = make_adapter(client, ConversationService(store, writer, settings), max_turns=3)
    people = range(PERSON, PERSON + 12)
    await say(
        adapter, *(FakeEvent(id=1, raw_text="Здравствуйте", sender_id=p, chat_id=p) for p in people)
    )
    assert all(len(client.replies_to(p)) == 1 for p in people), "everyone answered, once"
    assert writer.most == 3, "the rest waited for a free turn, recorded"
    await adapter.close()


# --- voice notes ----------------------------------------------------------------------------


async def test_a_voice_note_without_an_llm_asks_to_type(
    adapter: TelegramAdapter, client: FakeClient, store: Store
) -> None:
    await say(adapter, FakeEvent(id=1, voice=FakeVoice(), audio=b"OggS voice"))
    (reply,) = client.replies_to(PERSON)
    assert VOICE_REPLY in reply.lower()


@pytest.fixture
def openai_server() -> Any:
    fake_openai_server = pytest.importorskip("fake_openai_server")
    server = fake_openai_server.FakeOpenAIServer().start()
    yield server
    server.stop()


async def test_a_voice_note_with_an_llm_is_transcribed(
    client: FakeClient, service: ConversationService, store: Store, openai_server: Any
) -> None:
    openai_server.transcript = "Долг примерно миллион рублей"
    transcriber = OpenAITranscriber("test-key", openai_server.base_url, "whisper-1", timeout=5)
    adapter = make_adapter(client, service, transcribe=transcriber)
    try:
        await say(adapter, FakeEvent(id=1, voice=FakeVoice(), audio=b"OggS voice"))
    finally:
        await adapter.close()
        await transcriber.close()

    (request,) = openai_server.requests
    assert request.path == "/v1/audio/transcriptions"
    assert request.raw_size > len(b"OggS voice")  # the audio went up as multipart
    (reply,) = client.replies_to(PERSON)
    assert VOICE_REPLY not in reply.lower()
    state = await store.load_state(PERSON)
    assert state is not None and state.slots.debt_total == 1_000_000


async def test_a_failed_transcription_is_an_unreadable_voice_note(
    client: FakeClient, service: ConversationService, store: Store
) -> None:
    async def broken(audio: bytes) -> str:
        raise ConnectionError("provider is down")

    adapter = make_adapter(client, service, transcribe=broken)
    await say(adapter, FakeEvent(id=1, voice=FakeVoice(), audio=b"OggS"))
    await adapter.close()
    (reply,) = client.replies_to(PERSON)
    assert VOICE_REPLY in reply.lower()


async def test_a_slow_transcription_keeps_the_burst_open(
    client: FakeClient, service: ConversationService, store: Store
) -> None:
    async def slow(audio: bytes) -> str:
        await asyncio.sleep(0.2)  # longer than the burst
        return "долг 500 тысяч"

    adapter = make_adapter(client, service, transcribe=slow)
    voice = adapter.on_new_message(FakeEvent(id=1, voice=FakeVoice(), audio=b"OggS"))
    text = adapter.on_new_message(FakeEvent(id=2, raw_text="и ещё кредитка"))
    await asyncio.gather(voice, text)
    await adapter.idle()
    await adapter.close()
    assert len(client.replies_to(PERSON)) == 1
    pending_messages = await store.count_messages(PERSON)
    assert pending_messages == 3


# --- delivery -------------------------------------------------------------------------------


async def test_a_flood_wait_is_sat_out_and_the_reply_still_sent(
    adapter: TelegramAdapter, client: FakeClient
) -> None:
    client.flood_waits = [1]
    started = time.monotonic()
    await say(adapter, FakeEvent(id=1, raw_text="Здравствуйте"))
    assert time.monotonic() - started >= 1.0
    assert len(client.replies_to(PERSON)) == 1


async def test_typing_lasts_with_the_length_of_the_reply() -> None:
    from credit_expert.telegram_adapter import human_typing_seconds

    assert human_typing_seconds("Да.") == pytest.approx(1.03)
    assert 1.0 < human_typing_seconds("х" * 150) < 4.0
    assert human_typing_seconds("х" * 5000) == 4.0


# --- manager takeover (user-account mode) ---------------------------------------------------


def manager_writes(text: str, message_id: int = 900) -> FakeEvent:
    return FakeEvent(id=message_id, raw_text=text, out=True)


async def test_a_manager_takes_over_and_daria_comes_back_on_daria(
    adapter: TelegramAdapter, client: FakeClient, store: Store
) -> None:
    await say(adapter, FakeEvent(id=1, raw_text="Здравствуйте, долг миллион"))
    assert len(client.replies_to(PERSON)) == 1

    await say(adapter, manager_writes("Ольга, добрый день! Это Анна, юрист."))
    assert adapter.muted(PERSON)
    await say(adapter, FakeEvent(id=2, raw_text="Да, Анна, слушаю"))
    assert len(client.replies_to(PERSON)) == 1, "Daria keeps quiet while the manager talks"
    assert await store.count_messages(PERSON) == 3, "the person's words are kept for the CRM"
    assert await store.pending_turn(PERSON) is None, "and never answered by Daria later"

    await say(adapter, manager_writes("/daria", 901))
    assert not adapter.muted(PERSON)
    await say(adapter, FakeEvent(id=3, raw_text="А сколько стоит?"))
    assert len(client.replies_to(PERSON)) == 2


async def test_a_takeover_ends_by_itself(adapter: TelegramAdapter, clock: Clock) -> None:
    await say(adapter, manager_writes("Добрый день, я юрист"))
    assert adapter.muted(PERSON)
    clock.now += 59 * 60
    assert adapter.muted(PERSON)
    clock.now += 2 * 60
    assert not adapter.muted(PERSON)


async def test_a_takeover_is_per_chat(adapter: TelegramAdapter, client: FakeClient) -> None:
    await say(adapter, manager_writes("Добрый день, я юрист"))
    await say(
        adapter,
        FakeEvent(id=1, raw_text="Здравствуйте", sender_id=OTHER_PERSON, chat_id=OTHER_PERSON),
    )
    assert len(client.replies_to(OTHER_PERSON)) == 1


async def test_daria_own_messages_are_not_a_takeover(
    adapter: TelegramAdapter, client: FakeClient
) -> None:
    # The update for Daria's send arrives while send_message is still waiting for its id.
    client.echo = adapter.on_new_message
    await say(adapter, FakeEvent(id=1, raw_text="Здравствуйте"))
    assert not adapter.muted(PERSON)
    # ... or afterwards, by id.
    client.echo = None
    await say(adapter, FakeEvent(id=2, raw_text="Долг 900 тысяч"))
    await say(adapter, manager_writes(client.replies_to(PERSON)[-1], client._next_id))
    assert not adapter.muted(PERSON)
    assert len(client.replies_to(PERSON)) == 2


async def test_a_takeover_cancels_a_burst_not_answered_yet(
    client: FakeClient, service: ConversationService, store: Store
) -> None:
    adapter = make_adapter(client, service, burst_seconds=0.3)
    await adapter.on_new_message(FakeEvent(id=1, raw_text="Здравствуйте"))
    await adapter.on_new_message(manager_writes("Здравствуйте! Я юрист, сейчас помогу."))
    await adapter.idle()
    await adapter.close()
    assert client.sent == []
    pending = await store.pending_turn(PERSON)
    assert pending is not None, "left for Daria's next turn, not answered into the void"


# --- run_telegram: settings are checked before anything connects ---------------------------


def settings_with(**env: str) -> Settings:
    base = {"DATABASE_URL": "sqlite:////nonexistent/never-opened.db"}
    return load_settings({**base, **env}, dotenv=False)


BOT_TOKEN = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw1"
API_HASH = "0123456789abcdef0123456789abcdef"


@pytest.mark.parametrize(
    ("env", "named"),
    [
        ({}, "CREDIT_EXPERT_BOT_TOKEN"),
        ({"CREDIT_EXPERT_BOT_TOKEN": BOT_TOKEN, "TELEGRAM_API_HASH": API_HASH}, "TELEGRAM_API_ID"),
        ({"CREDIT_EXPERT_BOT_TOKEN": BOT_TOKEN, "TELEGRAM_API_ID": "12345"}, "TELEGRAM_API_HASH"),
        (
            {
                "CREDIT_EXPERT_BOT_TOKEN": "nope",
                "TELEGRAM_API_ID": "1",
                "TELEGRAM_API_HASH": API_HASH,
            },
            "CREDIT_EXPERT_BOT_TOKEN",
        ),
        (
            {"TELEGRAM_SESSION": "1garbage", "TELEGRAM_API_ID": "1", "TELEGRAM_API_HASH": API_HASH},
            "TELEGRAM_SESSION",
        ),
        (
            {"TELEGRAM_SESSION": "x", "TELEGRAM_API_ID": "1", "TELEGRAM_API_HASH": API_HASH},
            "TELEGRAM_SESSION",
        ),
    ],
)
async def test_run_telegram_names_the_missing_setting(env: dict[str, str], named: str) -> None:
    with pytest.raises(ConfigError) as raised:
        await run_telegram(settings_with(**env))
    message = str(raised.value)
    assert named in message
    assert "\n" not in message


def offline_session_string() -> str:
    session = StringSession()
    session.set_dc(2, "149.154.167.51", 443)
    session.auth_key = AuthKey(bytes(range(256)))
    return session.save()


def test_a_user_session_is_kept_in_a_private_file(tmp_path: Path) -> None:
    string = offline_session_string()
    login = TelegramLogin(api_id=1, api_hash=API_HASH, bot_token=None, session=string)
    session = open_session(login, tmp_path)
    assert session.auth_key.key == bytes(range(256))
    assert session.dc_id == 2
    session.close()

    (path,) = tmp_path.glob("telegram-user-*.session")
    assert path.stat().st_mode & 0o777 == 0o600
    again = open_session(login, tmp_path)
    assert again.auth_key.key == bytes(range(256))
    again.close()


# --- run_telegram end to end, with a fake TelegramClient -------------------------------------


class FakeTelegramClient(FakeClient):
    """What run_telegram uses of telethon.TelegramClient; never touches the network."""

    def __init__(self, session: Any, api_id: int, api_hash: str, **options: Any) -> None:
        super().__init__()
        self.session = session
        self.options = options
        self.handlers: list[Any] = []
        self.connected = False
        self.bot_token: str | None = None
        self.disconnected: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        RUNNING.append(self)

    def add_event_handler(self, callback: Any, event: Any) -> None:
        self.handlers.append(callback)

    async def start(self, bot_token: str | None = None) -> FakeTelegramClient:
        self.bot_token, self.connected = bot_token, True
        return self

    def is_connected(self) -> bool:
        return self.connected

    async def disconnect(self) -> None:
        self.connected = False
        if not self.disconnected.done():
            self.disconnected.set_result(None)


RUNNING: list[FakeTelegramClient] = []


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


async def healthz(port: int) -> int:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(b"GET /healthz HTTP/1.1\r\n\r\n")
    status = int((await reader.readline()).split()[1])
    writer.close()
    return status


@pytest.fixture
def fake_telegram(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> list[FakeTelegramClient]:
    import credit_expert.config as config
    import credit_expert.telegram_app as telegram_app

    RUNNING.clear()
    monkeypatch.setattr(telegram_app, "TelegramClient", FakeTelegramClient)
    monkeypatch.setattr(config, "DEFAULT_DATA_DIR", tmp_path / "data")
    monkeypatch.delenv("NOTIFY_SOCKET", raising=False)
    return RUNNING


async def test_run_serves_until_sigterm(fake_telegram: list[Any], tmp_path: Path) -> None:
    import os
    import signal

    from credit_expert.models import Incoming

    database = f"sqlite:///{tmp_path}/run.db"
    left_over = open_store(database)  # a message recorded before a crash, never answered
    await left_over.connect()
    await left_over.migrate()
    await left_over.record_incoming(
        Incoming(
            user_id=OTHER_PERSON,
            chat_id=OTHER_PERSON,
            message_id=1,
            text="Здравствуйте",
            at=datetime.now(UTC),
        ),
        "Здравствуйте",
    )
    await left_over.close()
    port = free_port()
    settings = settings_with(
        DATABASE_URL=database,
        CREDIT_EXPERT_BOT_TOKEN=BOT_TOKEN,
        TELEGRAM_API_ID="12345",
        TELEGRAM_API_HASH=API_HASH,
        METRICS_ADDR=f"127.0.0.1:{port}",
        BURST_SECONDS="0",
    )
    running = asyncio.create_task(run_telegram(settings))
    for _ in range(500):  # typing before a reply takes 1-4 s
        await asyncio.sleep(0.02)
        if fake_telegram and fake_telegram[0].sent:
            break
    client = fake_telegram[0]
    assert client.bot_token == BOT_TOKEN
    assert client.options["catch_up"] is True
    assert client.replies_to(OTHER_PERSON), "recover() answered the left-over message"
    assert await healthz(port) == 200

    on_new_message = client.handlers[0]
    await on_new_message(FakeEvent(id=1, raw_text="/start site"))
    for _ in range(500):
        await asyncio.sleep(0.02)
        if client.replies_to(PERSON):
            break
    assert len(client.replies_to(PERSON)) == 1

    os.kill(os.getpid(), signal.SIGTERM)
    assert await asyncio.wait_for(running, 10) == 0
    assert not client.connected


async def test_run_exits_non_zero_when_telegram_is_lost(
    fake_telegram: list[Any], tmp_path: Path
) -> None:
    settings = settings_with(
        DATABASE_URL=f"sqlite:///{tmp_path}/run.db",
        CREDIT_EXPERT_BOT_TOKEN=BOT_TOKEN,
        TELEGRAM_API_ID="12345",
        TELEGRAM_API_HASH=API_HASH,
        METRICS_ADDR=f"127.0.0.1:{free_port()}",
    )
    running = asyncio.create_task(run_telegram(settings))
    while not (fake_telegram and fake_telegram[0].connected):
        await asyncio.sleep(0.02)
    await asyncio.sleep(0.1)
    fake_telegram[0].disconnected.set_result(None)
    assert await asyncio.wait_for(running, 10) == 1


# --- a database outage ----------------------------------------------------------------------


class FlakyStore:
    """The real store, with an outage switch in front of it."""

    def __init__(self, real: Store) -> None:
        self.real = real
        self.down = False

    def __getattr__(self, name: str) -> Any:
        attribute = getattr(self.real, name)
        if not callable(attribute):
            return attribute

        async def call(*args: Any, **kwargs: Any) -> Any:
            if self.down:
                raise StoreUnavailable("DATABASE_URL: the database is not answering")
            return await attribute(*args, **kwargs)

        return call


async def test_a_message_refused_by_the_database_is_recorded_and_answered_once_after(
    client: FakeClient, store: Store
) -> None:
    flaky = FlakyStore(store)
    service = ConversationService(
        flaky,  # type: ignore[arg-type]
        ScriptedWriter(),
        ConversationSettings(privacy_policy_url="https://example.com/p", consent_version="1"),
    )
    adapter = make_adapter(client, service)
    flaky.down = True
    await say(adapter, FakeEvent(id=1, raw_text="Здравствуйте, долг 900 тысяч"))
    assert client.sent == []
    assert await store.count_messages(PERSON) == 0

    await adapter.sweep()  # still down: nothing lost, nothing sent
    flaky.down = False
    await adapter.sweep()
    await adapter.idle()
    assert len(client.replies_to(PERSON)) == 1
    assert await store.count_messages(PERSON) == 2

    await adapter.sweep()
    await adapter.idle()
    assert len(client.replies_to(PERSON)) == 1, "answered exactly once"
    await adapter.close()


async def test_the_sweep_answers_old_unanswered_messages_but_not_fresh_bursts(
    client: FakeClient, service: ConversationService, store: Store
) -> None:
    adapter = make_adapter(client, service)
    old = datetime.now(UTC) - timedelta(minutes=5)
    await service.receive(
        Incoming(
            user_id=OTHER_PERSON, chat_id=OTHER_PERSON, message_id=1, text="Долг 1 млн", at=old
        )
    )
    await service.receive(
        Incoming(
            user_id=PERSON, chat_id=PERSON, message_id=1, text="Здравствуйте", at=datetime.now(UTC)
        )
    )
    await adapter.sweep()
    assert len(client.replies_to(OTHER_PERSON)) == 1  # its turn failed long ago: answered now
    assert client.replies_to(PERSON) == []  # fresh: left to its own burst
    await adapter.close()
