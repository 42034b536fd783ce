"""Soak: many dialogues through the Telegram adapter's boundary while things go wrong.

    .venv/bin/python bench/soak.py [--dialogues 10000] [--time-scale 0.01]

People (a fake telethon client and fake updates) talk to the real adapter,
service and MySQL store; the LLM is a local OpenAI-compatible server that
answers in 1-3 s times --time-scale and fails 10 % of requests; the database
sits behind a TCP proxy that stalls twice (everything in flight hangs, new
connections get no handshake), each time for 5 s. The sweep runs as in
production (scaled). At the end the database and the fake client are compared:

- answered: incoming messages marked answered; lost: recorded and never
  answered, or a committed reply never sent, or a message a person sent that
  never reached the database;
- double: Telegram sends beyond one per reply row (the documented repeat
  window: a crash between send and mark — none is planted here, so 0 expected);
- stalled_turns: turns or records that failed on the stalled database and were
  taken over by the sweep;
- p99_overhead_ms: a turn's time minus the LLM's own time (service observer).

Needs MariaDB on 127.0.0.1:3306 (root, no password); creates and drops its own
database. The last line is `dialogues=… messages=… answered=… double=… lost=…
stalled_turns=… p99_overhead_ms=… rss_start_mb=… rss_end_mb=…`.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import logging
import random
import resource
import sys
import time
import uuid
from collections import Counter
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pymysql

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from fake_openai_server import FakeOpenAIServer, good, http_error  # noqa: E402
from tcp_proxy import StallingProxy  # noqa: E402

from credit_expert import telegram_adapter  # noqa: E402
from credit_expert.app import build_app  # noqa: E402
from credit_expert.config import load_settings  # noqa: E402
from credit_expert.telegram_adapter import TelegramAdapter  # noqa: E402

SCRIPTS = (
    ("Здравствуйте, у меня долги по кредитам", "Долг около 900 тысяч", "Три банка и МФО"),
    ("Добрый день", "Должна миллион двести", "Пять кредиторов", "Приставов нет"),
    ("Здравствуйте! Коллекторы звонят", "Примерно 450 тысяч", "Два банка"),
    ("Привет", "Долг 2 миллиона, 6 банков", "Работаю официально", "Москва"),
)
STALL_SECONDS = 5.0


def rss_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


class Sender:
    id = 0
    first_name = "Ольга"
    username = None
    bot = False
    support = False


class Update:
    """What the adapter reads of telethon's NewMessage event."""

    is_private = True
    out = False
    voice = None
    media = None

    def __init__(self, person: int, message_id: int, text: str) -> None:
        self.id = message_id
        self.sender_id = person
        self.chat_id = person
        self.raw_text = text
        self.date = datetime.now(UTC)

    async def get_sender(self) -> Sender:
        return Sender()


class Sent:
    def __init__(self, message_id: int) -> None:
        self.id = message_id


class FakeClient:
    def __init__(self) -> None:
        self.sends: Counter[int] = Counter()  # chat -> messages sent
        self.waiters: dict[int, asyncio.Event] = {}
        self._next = 0

    @contextlib.asynccontextmanager
    async def action(self, chat: int, action: str):
        yield

    async def send_message(self, chat: int, text: str, **kwargs: Any) -> Sent:
        self._next += 1
        self.sends[chat] += 1
        waiter = self.waiters.get(chat)
        if waiter is not None:
            waiter.set()
        return Sent(self._next)


class Counting(logging.Handler):
    """Counts the adapter's records of turns hit by the database (no texts in them)."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.stalled = 0

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        if "StoreUnavailable" in message and (
            "turn failed" in message or "not recorded" in message
        ):
            self.stalled += 1


def llm_step(scale: float, rng: random.Random):
    def step(handler: Any, body: dict[str, Any]) -> None:
        if rng.random() < 0.10:
            http_error(500, headers={"retry-after": "0"})(handler, body)
            return
        time.sleep(rng.uniform(1.0, 3.0) * scale)
        good()(handler, body)

    return step


async def main(args: argparse.Namespace) -> str:
    rng = random.Random(7)
    name = f"daria_soak_{uuid.uuid4().hex[:8]}"
    admin = pymysql.connect(host="127.0.0.1", user="root", autocommit=True)
    with closing(admin.cursor()) as cur:
        cur.execute(f"CREATE DATABASE {name} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci")
    proxy = StallingProxy(3306)
    llm = FakeOpenAIServer(default=llm_step(args.time_scale, rng)).start()
    counting = Counting()
    logging.getLogger("credit_expert").addHandler(counting)
    logging.getLogger("credit_expert").setLevel(logging.WARNING)
    logging.getLogger("credit_expert").propagate = args.verbose
    # The sweep's "old enough" age, scaled like everything else.
    telegram_adapter.SWEEP_MIN_AGE_SECONDS = max(1, int(30 * args.time_scale * 10))
    telegram_adapter.RESPOND_RETRY_SECONDS = 1.0
    settings = load_settings(
        {
            "DATABASE_URL": proxy.url(name),
            "DB_TIMEOUT": "2",
            "OPENAI_API_KEY": "sk-soak",
            "OPENAI_BASE_URL": llm.base_url,
            "LLM_TIMEOUT": str(max(1.0, 8 * args.time_scale * 10)),
            "PRIVACY_POLICY_URL": "https://pravo-expert.ru/consent",
        },
        dotenv=False,
    )
    overheads: list[float] = []

    class Observer:
        def turn_finished(self, reply: Any, written: Any, seconds: float) -> None:
            overheads.append(seconds * 1000 - (written.latency_ms or 0))

    rss_start = rss_mb()
    app = await build_app(settings, observer=Observer())
    client = FakeClient()
    adapter = TelegramAdapter(
        client,
        app.service,
        burst_seconds=0.05,
        takeover_minutes=60,
        typing_seconds=lambda text: 0.0,
    )
    sent_messages = 0
    unreached = 0
    limit = asyncio.Semaphore(args.concurrency)
    done = 0

    async def dialogue(number: int) -> None:
        nonlocal sent_messages, unreached, done
        person = 1_000_000 + number
        script = SCRIPTS[number % len(SCRIPTS)]
        async with limit:
            for message_id, text in enumerate(script, start=1):
                waiter = client.waiters[person] = asyncio.Event()
                sent_messages += 1
                await adapter.on_new_message(Update(person, message_id, text))
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(waiter.wait(), args.reply_wait)
            client.waiters.pop(person, None)
        done += 1

    async def sweeper() -> None:
        while True:
            await asyncio.sleep(args.sweep_seconds)
            await adapter.sweep()

    async def progress() -> None:
        while True:
            await asyncio.sleep(30)
            print(
                f"progress: {done}/{args.dialogues} dialogues, {sent_messages} messages,"
                f" {sum(client.sends.values())} sends, {time.monotonic() - started:.0f} s",
                file=sys.stderr,
                flush=True,
            )

    async def staller(total: int) -> None:
        for fraction in (0.3, 0.7):
            while done < total * fraction:
                await asyncio.sleep(0.2)
            proxy.stall()
            await asyncio.sleep(STALL_SECONDS)
            proxy.resume()

    started = time.monotonic()
    background = [
        asyncio.create_task(sweeper()),
        asyncio.create_task(staller(args.dialogues)),
        asyncio.create_task(progress()),
    ]
    await asyncio.gather(*(dialogue(n) for n in range(args.dialogues)))
    # Let the sweep finish what the stalls left (bounded).
    deadline = time.monotonic() + args.drain_seconds
    while time.monotonic() < deadline:
        await adapter.idle()
        await adapter.sweep()
        await adapter.idle()
        try:
            if (
                not adapter._unrecorded
                and not await app.store.users_with_unanswered()
                and not await app.service.unsent_users()
            ):
                break
        except Exception as exc:  # the database may still be catching up
            print(f"drain: {type(exc).__name__}", file=sys.stderr)
        await asyncio.sleep(1.0)
    for task in background:
        task.cancel()
    await asyncio.gather(*background, return_exceptions=True)
    elapsed = time.monotonic() - started
    await adapter.close()
    await app.close()
    rss_end = rss_mb()
    proxy.close()  # connections the stalls left behind end: the server rolls them back

    with (
        closing(
            pymysql.connect(host="127.0.0.1", user="root", database=name, autocommit=True)
        ) as db,
        closing(db.cursor()) as cur,
    ):
        cur.execute(
            "SELECT SUM(direction = 'in'), SUM(direction = 'in' AND answered_at IS NOT NULL),"
            " SUM(direction = 'out' AND send_status = 'sent'),"
            " SUM(direction = 'out' AND send_status = 'pending') FROM bot_messages"
        )
        incoming, answered, sent_rows, pending = (int(v or 0) for v in cur.fetchone())
        cur.execute(f"DROP DATABASE {name}")
    unreached = sent_messages - incoming
    telegram_sends = sum(client.sends.values())
    double = max(0, telegram_sends - sent_rows)
    lost = (incoming - answered) + pending + unreached
    llm.stop()
    overheads.sort()
    p99 = overheads[int(len(overheads) * 0.99) - 1] if overheads else 0.0
    print(
        f"elapsed_s={elapsed:.0f} turns={len(overheads)} telegram_sends={telegram_sends}"
        f" llm_requests={len(llm.requests)}",
        file=sys.stderr,
    )
    return (
        f"dialogues={args.dialogues} messages={sent_messages} answered={answered}"
        f" double={double} lost={lost} stalled_turns={counting.stalled}"
        f" p99_overhead_ms={p99:.0f} rss_start_mb={rss_start:.0f} rss_end_mb={rss_end:.0f}"
    )


def parse() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dialogues", type=int, default=10_000)
    parser.add_argument("--time-scale", type=float, default=1.0, help="LLM delay factor")
    parser.add_argument("--concurrency", type=int, default=300, help="people at once")
    parser.add_argument("--reply-wait", type=float, default=30.0, help="seconds a person waits")
    parser.add_argument("--sweep-seconds", type=float, default=3.0)
    parser.add_argument("--drain-seconds", type=float, default=120.0)
    parser.add_argument("--verbose", action="store_true", help="the adapter's warnings on stderr")
    return parser.parse_args()


if __name__ == "__main__":
    logging.basicConfig(level=logging.WARNING, format="%(name)s: %(message)s")
    print(asyncio.run(main(parse())))
