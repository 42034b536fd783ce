"""Soak: many dialogues through the Telegram adapter's boundary while things go wrong.

    .venv/bin/python bench/soak.py [--dialogues 10000] [--time-scale 0.1]

People (a fake telethon client and fake updates) talk to the real adapter,
service and MySQL store in this process; the LLM is a local OpenAI-compatible
server that answers in 1-3 s times --time-scale and fails 10 % of requests; the
database sits behind a TCP proxy that stalls twice (everything in flight hangs,
new connections get no handshake), each time for 5 s. The LLM server and the
proxy run in child processes, so that their threads do not compete with the
bot for its interpreter (and keep nothing of what passes through them). The
sweep runs as in production (scaled). At the end the database and the fake
client are compared, reply by reply (person and text):

- answered: incoming messages marked answered; lost: recorded and never
  answered, or a committed reply never sent, or a message a person sent that
  never reached the database;
- double: Telegram sends of a reply beyond one (the documented repeat window:
  a crash between send and mark — none is planted here, so 0 expected);
  unmarked (stderr): replies sent once whose "sent" mark never landed;
- stalled_turns: adapter records of a turn, a record or a claim that failed on
  the database (during the stalls, or late under load) and was retried;
- p99_overhead_ms: a turn's time minus the LLM's own time (service observer);
- rss_start_mb: the bot process once the first dialogues are done (dictionaries,
  caches and pools loaded; stderr shows the figure before start-up too);
  rss_end_mb: after the last dialogue, drained, before closing.

Needs MariaDB on 127.0.0.1:3306 (root, no password); creates and drops its own
database. The last line is `dialogues=… messages=… answered=… double=… lost=…
stalled_turns=… p99_overhead_ms=… rss_start_mb=… rss_end_mb=…`.
"""

from __future__ import annotations

import argparse
import array
import asyncio
import contextlib
import hashlib
import logging
import multiprocessing
import random
import resource
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter
from contextlib import closing
from datetime import UTC, datetime
from multiprocessing.connection import Connection
from pathlib import Path
from typing import IO, Any

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
WARM_FRACTION = 0.05  # rss_start: once this share of the dialogues is done


def rss_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


# --- child processes: the LLM server and the database proxy --------------------------------


def llm_step(scale: float, rng: random.Random, served: Counter[str]):
    lock = threading.Lock()

    def step(handler: Any, body: dict[str, Any]) -> None:
        with lock:
            failing = rng.random() < 0.10
            delay = rng.uniform(1.0, 3.0) * scale
            served["failed" if failing else "answered"] += 1
        if failing:
            http_error(500, headers={"retry-after": "0"})(handler, body)
            return
        time.sleep(delay)
        good()(handler, body)

    return step


def serve_llm(conn: Connection, scale: float) -> None:
    """Child process: the LLM server until told to stop; then how many it served."""
    served: Counter[str] = Counter()
    server = FakeOpenAIServer(default=llm_step(scale, random.Random(7), served))
    server.record = lambda request: None  # type: ignore[method-assign]  # keep no prompts
    server.start()
    conn.send(server.base_url)
    conn.recv()
    server.stop()
    conn.send(dict(served))


def serve_proxy(conn: Connection) -> None:
    """Child process: the stalling proxy, driven by 'stall', 'resume' and 'close'."""
    proxy = StallingProxy(3306)
    conn.send(proxy.port)
    while (command := conn.recv()) != "close":
        proxy.stall() if command == "stall" else proxy.resume()
        conn.send(command)
    proxy.close()
    conn.send("closed")


class Child:
    def __init__(self, target: Any, *args: Any) -> None:
        context = multiprocessing.get_context("spawn")
        self.conn, theirs = context.Pipe()
        self.process = context.Process(target=target, args=(theirs, *args), daemon=True)
        self.process.start()
        self.first = self.conn.recv()

    def ask(self, command: str) -> Any:
        self.conn.send(command)
        return self.conn.recv()

    def stop(self, command: str) -> Any:
        answer = self.ask(command)
        self.process.join(10)
        return answer


# --- the Telegram side -------------------------------------------------------------------


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
    """Every send goes to a file (chat and a digest of the text), so that what the soak
    keeps to count doubles does not grow the process whose memory it measures."""

    def __init__(self, log: IO[str]) -> None:
        self.log = log
        self.count = 0
        self.waiters: dict[int, asyncio.Event] = {}
        self._next = 0

    def sends(self) -> Counter[tuple[int, str]]:
        """(chat, text digest) -> times sent."""
        self.log.flush()
        self.log.seek(0)
        found: Counter[tuple[int, str]] = Counter()
        for line in self.log:
            chat, digest = line.split()
            found[(int(chat), digest)] += 1
        return found

    @contextlib.asynccontextmanager
    async def action(self, chat: int, action: str):
        yield

    async def send_message(self, chat: int, text: str, **kwargs: Any) -> Sent:
        self._next += 1
        self.count += 1
        self.log.write(f"{chat} {digest(text)}\n")
        waiter = self.waiters.get(chat)
        if waiter is not None:
            waiter.set()
        return Sent(self._next)


class Counting(logging.Handler):
    """Counts the adapter's records of work the database failed (no texts in them)."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.stalled = 0

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        if "StoreUnavailable" in message and (
            "turn failed" in message or "not recorded" in message or "not claimed" in message
        ):
            self.stalled += 1


def digest(text: str) -> str:
    return hashlib.blake2b(text.encode(), digest_size=8).hexdigest()


def count_pending(name: str) -> int:
    with (
        closing(
            pymysql.connect(host="127.0.0.1", user="root", database=name, autocommit=True)
        ) as db,
        closing(db.cursor()) as cur,
    ):
        cur.execute(
            "SELECT COUNT(*) FROM bot_messages WHERE direction = 'out' AND send_status = 'pending'"
        )
        return int(cur.fetchone()[0])


async def main(args: argparse.Namespace, sends_log: IO[str]) -> str:
    name = f"daria_soak_{uuid.uuid4().hex[:8]}"
    admin = pymysql.connect(host="127.0.0.1", user="root", autocommit=True)
    with closing(admin.cursor()) as cur:
        cur.execute(f"CREATE DATABASE {name} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci")
    proxy = Child(serve_proxy)
    llm = Child(serve_llm, args.time_scale)
    counting = Counting()
    logging.getLogger("credit_expert").addHandler(counting)
    logging.getLogger("credit_expert").setLevel(logging.WARNING)
    logging.getLogger("credit_expert").propagate = args.verbose
    # The sweep's "old enough" age, scaled like everything else (production: 30 s).
    telegram_adapter.SWEEP_MIN_AGE_SECONDS = max(3, round(30 * args.time_scale))
    telegram_adapter.RESPOND_RETRY_SECONDS = 1.0
    settings = load_settings(
        {
            "DATABASE_URL": f"mysql://root@127.0.0.1:{proxy.first}/{name}",
            "DB_TIMEOUT": str(args.db_timeout),
            "OPENAI_API_KEY": "sk-soak",
            "OPENAI_BASE_URL": llm.first,
            "LLM_TIMEOUT": str(max(1.0, 8 * args.time_scale)),
            "PRIVACY_POLICY_URL": "https://pravo-expert.ru/consent",
        },
        dotenv=False,
    )
    overheads = array.array("d")  # a float each, not an object each

    class Observer:
        def turn_finished(self, reply: Any, written: Any, seconds: float) -> None:
            overheads.append(seconds * 1000 - (written.latency_ms or 0))

    rss_boot = rss_mb()
    rss_start = 0.0
    app = await build_app(settings, observer=Observer())
    client = FakeClient(sends_log)
    adapter = TelegramAdapter(
        client,
        app.service,
        burst_seconds=0.05,
        takeover_minutes=60,
        typing_seconds=lambda text: 0.0,
        **({"max_turns": args.max_turns} if args.max_turns else {}),
    )
    sent_messages = 0
    limit = asyncio.Semaphore(args.concurrency)
    done = 0

    async def dialogue(number: int) -> None:
        nonlocal sent_messages, done, rss_start
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
        if done == max(1, int(args.dialogues * WARM_FRACTION)):
            rss_start = rss_mb()

    async def sweeper() -> None:
        while True:
            await asyncio.sleep(args.sweep_seconds)
            await adapter.sweep()

    async def progress() -> None:
        while True:
            await asyncio.sleep(30)
            print(
                f"progress: {done}/{args.dialogues} dialogues, {sent_messages} messages,"
                f" {client.count} sends, {time.monotonic() - started:.0f} s,"
                f" rss {rss_mb():.0f} MB",
                file=sys.stderr,
                flush=True,
            )

    async def staller(total: int) -> None:
        for fraction in (0.3, 0.7):
            while done < total * fraction:
                await asyncio.sleep(0.2)
            proxy.ask("stall")
            await asyncio.sleep(STALL_SECONDS)
            proxy.ask("resume")

    started = time.monotonic()
    background = [
        asyncio.create_task(sweeper()),
        asyncio.create_task(staller(args.dialogues)),
        asyncio.create_task(progress()),
    ]
    await asyncio.gather(*(dialogue(n) for n in range(args.dialogues)))
    dialogues_s = time.monotonic() - started
    # Let the sweep finish what the stalls left (bounded): nothing unrecorded, nothing
    # unanswered, no reply pending (a reply claimed by a call that timed out waits for
    # its lease to run out, as in production).
    deadline = time.monotonic() + args.drain_seconds
    while time.monotonic() < deadline:
        await adapter.idle()
        await adapter.sweep()
        await adapter.idle()
        try:
            if (
                not adapter._unrecorded
                and not await app.store.users_with_unanswered()
                and not await asyncio.to_thread(count_pending, name)
            ):
                break
        except Exception as exc:  # the database may still be catching up
            print(f"drain: {type(exc).__name__}", file=sys.stderr)
        await asyncio.sleep(1.0)
    for task in background:
        task.cancel()
    await asyncio.gather(*background, return_exceptions=True)
    elapsed = time.monotonic() - started
    rss_end = rss_mb()
    await adapter.close()
    await app.close()
    proxy.stop("close")  # connections the stalls left behind end: the server rolls them back
    served = llm.stop("stop")

    with (
        closing(
            pymysql.connect(host="127.0.0.1", user="root", database=name, autocommit=True)
        ) as db,
        closing(db.cursor()) as cur,
    ):
        cur.execute(
            "SELECT SUM(direction = 'in'), SUM(direction = 'in' AND answered_at IS NOT NULL)"
            " FROM bot_messages"
        )
        incoming, answered = (int(v or 0) for v in cur.fetchone())
        cur.execute(
            "SELECT chat_id, text, send_status FROM bot_messages WHERE direction = 'out'"
            " AND send_status IN ('sent', 'pending')"
        )
        replies: Counter[tuple[int, str]] = Counter()
        pending: Counter[tuple[int, str]] = Counter()
        for chat, text, status in cur.fetchall():
            replies[(chat, digest(text))] += 1
            pending[(chat, digest(text))] += status == "pending"
        cur.execute(f"DROP DATABASE {name}")
    unreached = sent_messages - incoming
    sends = client.sends()
    double = sum(max(0, n - replies[key]) for key, n in sends.items())
    unsent = sum(max(0, n - sends[key]) for key, n in replies.items())
    # still pending although Telegram took it: sent once, the "sent" mark never landed
    unmarked = sum(max(0, min(n, sends[key] - (replies[key] - n))) for key, n in pending.items())
    lost = (incoming - answered) + unsent + unreached
    ordered = sorted(overheads)
    p99 = ordered[int(len(ordered) * 0.99) - 1] if ordered else 0.0
    print(
        f"elapsed_s={elapsed:.0f} dialogues_s={dialogues_s:.0f} turns={len(overheads)}"
        f" telegram_sends={client.count} unmarked={unmarked} unsent={unsent}"
        f" unreached={unreached} llm_answered={served.get('answered', 0)}"
        f" llm_failed={served.get('failed', 0)} rss_boot_mb={rss_boot:.0f}"
        f" cpu_ms_per_turn={cpu_seconds() * 1000 / max(1, len(overheads)):.1f}",
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
    parser.add_argument("--time-scale", type=float, default=0.1, help="LLM delay factor")
    parser.add_argument("--concurrency", type=int, default=300, help="people at once")
    parser.add_argument("--reply-wait", type=float, default=30.0, help="seconds a person waits")
    parser.add_argument("--sweep-seconds", type=float, default=3.0)
    parser.add_argument("--max-turns", type=int, default=0, help="the adapter's turns at once")
    parser.add_argument("--db-timeout", type=float, default=2.0, help="DB_TIMEOUT")
    parser.add_argument("--drain-seconds", type=float, default=180.0)
    parser.add_argument("--verbose", action="store_true", help="the adapter's warnings on stderr")
    return parser.parse_args()


if __name__ == "__main__":
    logging.basicConfig(level=logging.WARNING, format="%(name)s: %(message)s")
    with tempfile.TemporaryFile("w+", encoding="ascii") as sends_log:
        print(asyncio.run(main(parse(), sends_log)))
