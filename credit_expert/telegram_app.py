"""`run`: Daria on Telegram; `login`: make a TELEGRAM_SESSION for user-account mode.

Two modes. Bot mode (CREDIT_EXPERT_BOT_TOKEN): a bot from @BotFather. User mode
(TELEGRAM_SESSION): a real account, where a manager may also write from any
device and Daria steps aside. Both need TELEGRAM_API_ID / TELEGRAM_API_HASH.

The Telegram session lives in a file in the data folder: telethon keeps there
the update state (so `catch_up` fetches what arrived while we were down) and
the access hashes of the people (so a reply can be sent after a restart). In
user mode that file is seeded from TELEGRAM_SESSION; a new login (another
session string) gets a new file.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import logging
import os
import re
import signal
import struct
import sys
from dataclasses import dataclass
from pathlib import Path

from telethon import TelegramClient
from telethon.sessions import SQLiteSession, StringSession

from credit_expert.app import App, build_app
from credit_expert.config import ConfigError, Settings
from credit_expert.destinations import crm_destinations
from credit_expert.destinations.managers_chat import ManagersChatDestination
from credit_expert.health import HealthServer, SystemdNotifier
from credit_expert.managers_desk import ManagersDesk
from credit_expert.metrics import StateSampler, TurnMetrics
from credit_expert.outbox import Outbox
from credit_expert.retention import RetentionJob
from credit_expert.telegram_adapter import (
    ManagersChatClient,
    OpenAITranscriber,
    TelegramAdapter,
)

log = logging.getLogger(__name__)

BOT_TOKEN_PATTERN = re.compile(r"^\d{3,}:[A-Za-z0-9_-]{30,}$")
API_HASH_PATTERN = re.compile(r"^[0-9a-fA-F]{32}$")
DEVICE_MODEL = "Credit Expert Daria"
SHUTDOWN_SECONDS = 20.0
SWEEP_SECONDS = 30.0  # how often recorded-but-unanswered messages are looked for
REMINDER_SECONDS = 60.0  # how often due follow-ups and call reminders are looked for


@dataclass(frozen=True)
class TelegramLogin:
    api_id: int
    api_hash: str
    bot_token: str | None  # bot mode
    session: str | None  # user-account mode: a telethon StringSession

    @property
    def is_bot(self) -> bool:
        return self.bot_token is not None


def check_api_credentials(settings: Settings) -> tuple[int, str]:
    if settings.telegram_api_id is None:
        raise ConfigError("TELEGRAM_API_ID is not set: take it from https://my.telegram.org")
    if settings.telegram_api_id <= 0:
        raise ConfigError("TELEGRAM_API_ID must be a positive number from https://my.telegram.org")
    if not settings.telegram_api_hash:
        raise ConfigError("TELEGRAM_API_HASH is not set: take it from https://my.telegram.org")
    if not API_HASH_PATTERN.match(settings.telegram_api_hash):
        raise ConfigError("TELEGRAM_API_HASH must be 32 hexadecimal characters")
    return settings.telegram_api_id, settings.telegram_api_hash


def check_telegram_settings(settings: Settings) -> TelegramLogin:
    """Which mode, with which credentials; a ConfigError naming the variable otherwise."""
    token, session = settings.bot_token, settings.telegram_session
    if token and session:
        raise ConfigError(
            "CREDIT_EXPERT_BOT_TOKEN and TELEGRAM_SESSION are both set: keep one (bot or user mode)"
        )
    if not token and not session:
        raise ConfigError(
            "CREDIT_EXPERT_BOT_TOKEN (bot mode) or TELEGRAM_SESSION (user mode) must be set"
        )
    api_id, api_hash = check_api_credentials(settings)
    if token and not BOT_TOKEN_PATTERN.match(token):
        raise ConfigError("CREDIT_EXPERT_BOT_TOKEN does not look like a token from @BotFather")
    if session:
        _string_session(session)
    return TelegramLogin(api_id=api_id, api_hash=api_hash, bot_token=token, session=session)


def _string_session(value: str) -> StringSession:
    try:
        session = StringSession(value)
    except (ValueError, struct.error) as exc:
        raise ConfigError(
            "TELEGRAM_SESSION is not a session string: make one with `credit_expert_bot.py login`"
        ) from exc
    if session.auth_key is None:
        raise ConfigError(
            "TELEGRAM_SESSION holds no login: make one with `credit_expert_bot.py login`"
        )
    return session


def open_session(login: TelegramLogin, data_dir: Path) -> SQLiteSession:
    """The persistent session file for this bot or this login, created 0600 in data_dir."""
    data_dir.mkdir(parents=True, exist_ok=True)
    if login.is_bot:
        assert login.bot_token is not None
        name = f"telegram-bot-{login.bot_token.split(':', 1)[0]}"
        return _private(SQLiteSession(str(data_dir / name)))
    assert login.session is not None
    seed = _string_session(login.session)
    fingerprint = hashlib.sha256(seed.auth_key.key).hexdigest()[:12]
    session = _private(SQLiteSession(str(data_dir / f"telegram-user-{fingerprint}")))
    if session.auth_key is None:
        session.set_dc(seed.dc_id, seed.server_address, seed.port)
        session.auth_key = seed.auth_key
        session.save()
    return session


def _private(session: SQLiteSession) -> SQLiteSession:
    with contextlib.suppress(OSError):
        os.chmod(session.filename, 0o600)  # it holds the account's auth key
    return session


async def run_telegram(settings: Settings) -> int:
    """Serve Telegram until SIGTERM (exit 0) or a lost connection (exit 1, systemd restarts)."""
    login = check_telegram_settings(settings)
    metrics = TurnMetrics()
    app = await build_app(settings, observer=metrics)  # StoreUnavailable: cli names DATABASE_URL
    try:
        return await _serve(settings, login, app, metrics)
    finally:
        await app.close()


async def _serve(settings: Settings, login: TelegramLogin, app: App, metrics: TurnMetrics) -> int:
    notifier = SystemdNotifier.from_environment(os.environ)
    transcriber = None
    if settings.llm_enabled:
        assert settings.openai_api_key is not None
        transcriber = OpenAITranscriber(
            settings.openai_api_key,
            settings.openai_transcribe_base_url or settings.openai_base_url,
            settings.openai_transcribe_model,
            settings.llm_timeout * 2,
        )
    client = TelegramClient(
        open_session(login, settings.data_dir),
        login.api_id,
        login.api_hash,
        catch_up=True,
        device_model=DEVICE_MODEL,
    )
    adapter = TelegramAdapter(
        client,
        app.service,
        burst_seconds=settings.burst_seconds,
        takeover_minutes=settings.manager_takeover_minutes,
        transcribe=transcriber,
        flood_wait_max_seconds=settings.flood_wait_max_seconds,
    )
    adapter.register()
    health = HealthServer(
        *settings.metrics_addr,
        database_ok=app.store.ping,
        telegram_ok=client.is_connected,
        registry=metrics.registry,
    )
    metrics.telegram_connected.set_function(lambda: 1.0 if client.is_connected() else 0.0)
    destinations = crm_destinations(settings.crm)
    desk = None
    if settings.managers_chat_id is not None:
        chat = ManagersChatClient(client, settings.managers_chat_id, bot=login.is_bot)
        destinations.append(ManagersChatDestination(chat, settings.firm))
        desk = ManagersDesk(
            app.store,
            chat,
            adapter.send_text,
            destinations=settings.crm.destinations,
            office_hours=settings.office_hours,
            unattended_minutes=settings.crm.unattended_lead_minutes,
            relay_minutes=settings.manager_takeover_minutes,
            firm_name=settings.firm.name,
        )
        adapter.attach_desk(desk, settings.managers_chat_id)
    outbox = Outbox(app.store, destinations, observer=metrics)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, stop.set)
    background: list[asyncio.Task[None]] = []
    exit_code = 0
    try:
        await health.start()
        background.append(asyncio.create_task(notifier.feed_watchdog()))
        await _sign_in(client, login)
        notifier.ready()
        log.info("Daria is online (%s mode)", "bot" if login.is_bot else "user")
        if settings.managers_chat_id is None:
            log.warning("MANAGERS_CHAT_ID is not set: lead cards stay in the outbox undelivered")
        background.append(asyncio.create_task(outbox.run()))
        if desk is not None:
            background.append(asyncio.create_task(desk.run_reminders()))
        background.append(asyncio.create_task(_sweep_forever(adapter)))
        background.append(asyncio.create_task(_remind_forever(app, adapter)))
        retention = RetentionJob(app.store, settings.retention_days)
        sampler = StateSampler.for_store(metrics, app.store)
        background.append(asyncio.create_task(sampler.run()))
        background.append(asyncio.create_task(retention.run()))
        await _recover(app, adapter)
        stopped = asyncio.create_task(stop.wait())
        lost = asyncio.shield(client.disconnected)  # never cancel telethon's own future
        await asyncio.wait({stopped, lost}, return_when=asyncio.FIRST_COMPLETED)
        if not stop.is_set():
            log.error("the Telegram connection was lost; exiting so that systemd restarts us")
            exit_code = 1
        for waiter in (stopped, lost):
            waiter.cancel()
    finally:
        notifier.stopping()
        for signum in (signal.SIGTERM, signal.SIGINT):
            loop.remove_signal_handler(signum)
        for task in background:
            task.cancel()
        await asyncio.gather(*background, return_exceptions=True)
        await adapter.close(SHUTDOWN_SECONDS)
        await health.close()
        await client.disconnect()
        if transcriber is not None:
            await transcriber.close()
        for destination in destinations:
            close = getattr(destination, "close", None)
            if close is not None:
                await close()
    return exit_code


async def _recover(app: App, adapter: TelegramAdapter) -> None:
    """At start: takeovers hold on, replies committed but never sent go out (in order,
    stale ones not), then what was recorded but never answered is answered. A database
    down now is no reason to stop: the sweep does all of this once it is back."""
    try:
        await adapter.load_takeovers()
        await adapter.resend_unsent()
        recovered = await app.service.recover()
    except Exception as exc:
        log.error("recovery at start postponed to the sweep: %s", type(exc).__name__)
        return
    if recovered:
        log.info("answering %d dialogues left unanswered before the restart", len(recovered))
        await asyncio.gather(*(adapter.deliver(reply) for reply in recovered))


async def _sweep_forever(adapter: TelegramAdapter) -> None:
    """The safety net after a database outage: nothing recorded stays unanswered."""
    while True:
        await asyncio.sleep(SWEEP_SECONDS)
        try:
            await adapter.sweep()
        except Exception:  # a bug in one sweep must not end the safety net for good
            log.exception("sweep failed")


async def send_reminders(app: App, adapter: TelegramAdapter) -> int:
    """Hand due reminders to the reply queue, then send them like replies (at least once,
    marked sent; a failed send stays pending for the sweep). How many were handed over."""
    sent = await app.service.send_due_reminders()
    for user_id in dict.fromkeys(reminder.user_id for reminder in sent):
        await adapter.flush(user_id)
    return len(sent)


async def _remind_forever(app: App, adapter: TelegramAdapter) -> None:
    """Follow-ups people agreed to and call reminders, on the event loop like the sweep."""
    while True:
        await asyncio.sleep(REMINDER_SECONDS)
        try:
            await send_reminders(app, adapter)
        except Exception as exc:  # a database outage: the next round tries again
            log.warning("reminders not sent now: %s", type(exc).__name__)


async def _sign_in(client: TelegramClient, login: TelegramLogin) -> None:
    if login.is_bot:
        await client.start(bot_token=login.bot_token)
        return
    await client.connect()  # never the interactive start(): no terminal under systemd
    if not await client.is_user_authorized():
        raise ConfigError(
            "TELEGRAM_SESSION is logged out (revoked or expired): run `credit_expert_bot.py login`"
        )
    # Fill the cache of people with the recent dialogues, so that messages recorded before
    # a restart can be answered even on a first start from a fresh session file.
    await client.get_dialogs(limit=200)


async def login(settings: Settings) -> int:
    """Interactive login to a user account; prints the session string once, to stdout."""
    api_id, api_hash = check_api_credentials(settings)
    client = TelegramClient(StringSession(), api_id, api_hash, device_model=DEVICE_MODEL)
    await client.start()  # asks for the phone, the code and the 2FA password, if any
    try:
        session = client.session.save()
    finally:
        await client.disconnect()
    print(
        "Logged in. Under systemd store the value after TELEGRAM_SESSION= as the credential\n"
        "/etc/credstore/credit-expert-bot.TELEGRAM_SESSION (0600); elsewhere put the line\n"
        "into .env as is. It is a full login to this Telegram account: never share it,\n"
        "never commit it, never paste it in a chat.\n"
        "To revoke it: Telegram > Settings > Devices > terminate the session.",
        file=sys.stderr,
    )
    print(f"TELEGRAM_SESSION={session}")
    return 0
