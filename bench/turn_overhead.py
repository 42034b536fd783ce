"""Per-turn overhead of the conversation service on MariaDB, with a writer that answers at once.

500 simulated people talk at the same time (several turns each, realistic
Russian messages, a pause to "type" between turns), 10 000 dialogues in all.
A turn is timed from the message arriving to the reply being committed:
`ConversationService.handle` (record, understand, plan, write, commit).

    .venv/bin/python bench/turn_overhead.py [--dialogues 10000] [--concurrency 500]

Needs MariaDB on 127.0.0.1:3306 (root, no password) unless --database-url is
given; creates its own database and drops it afterwards. The last line is
`p50_ms=… p99_ms=… turns_per_s=… rss_mb=… dialogues=…`.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import random
import resource
import statistics
import sys
import time
import uuid
from array import array
from collections.abc import Iterator
from contextlib import closing, contextmanager
from datetime import UTC, datetime
from pathlib import Path

import pymysql

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from credit_expert.conversation import ConversationService, ConversationSettings
from credit_expert.models import Incoming, WriteRequest, Written
from credit_expert.store import open_store

OPENINGS = (
    "Здравствуйте! Хочу узнать про списание долгов",
    "Добрый день, меня замучили коллекторы, что делать?",
    "Привет. Можно ли списать кредиты через банкротство?",
    "Здравствуйте, по рекламе. Долги по кредитам, платить нечем",
)
DEBTS = ("Общий долг около {m} млн", "Должна примерно {k} тысяч", "долг {k} 000 рублей")
CREDITORS = ("{n} кредитора, банки и МФО", "Кредиторов {n}: Сбер, Тинькофф и микрозаймы")
OVERDUE = ("Не плачу уже {n} месяцев", "просрочка месяцев {n}", "Почти год не плачу")
ENFORCEMENT = ("Приставы списывают половину зарплаты", "Приставов пока нет", "исполнительных нет")
INCOME = ("Работаю официально, зарплата {k} тысяч", "Пенсия 23 тысячи", "Неофициально, тысяч 40")
DOUBTS = (
    "А квартиру не заберут? Она у меня единственная",
    "Сколько это стоит? Дорого наверное",
    "Мне надо подумать, посоветоваться с мужем",
    "А вы точно не мошенники?",
)
CLOSINGS = (
    "Да, согласна на обработку персональных данных",
    "+7 916 {a:03d}-{b:02d}-{c:02d}",
    "Лучше завтра после 18:00",
    "Спасибо, жду звонка 🙏",
)
INSTANT_REPLY = "Поняла вас. Подскажите, пожалуйста, сколько у вас кредиторов?"


class InstantWriter:
    """Answers at once: what is measured is the service and the store, not a model."""

    name = "instant"

    async def write(self, request: WriteRequest) -> Written:
        return Written(text=INSTANT_REPLY, writer=self.name, tokens_in=900, tokens_out=60)


def dialogue_messages(rng: random.Random) -> list[str]:
    """One person's side of a conversation: 5 to 10 messages along the sales script."""
    k = rng.randrange(300, 3000)
    messages = [
        rng.choice(OPENINGS),
        rng.choice(DEBTS).format(m=round(k / 1000, 1), k=k),
        rng.choice(CREDITORS).format(n=rng.randrange(2, 9)),
        rng.choice(OVERDUE).format(n=rng.randrange(1, 24)),
        rng.choice(ENFORCEMENT),
        rng.choice(INCOME).format(k=rng.randrange(20, 120)),
    ]
    if rng.random() < 0.5:
        messages.append(rng.choice(DOUBTS))
    for closing_text in CLOSINGS[: rng.randrange(0, len(CLOSINGS) + 1)]:
        digits = {"a": rng.randrange(1000), "b": rng.randrange(100), "c": rng.randrange(100)}
        messages.append(closing_text.format(**digits))
    return messages


def rss_mb() -> float:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


class Run:
    def __init__(self, service: ConversationService, dialogues: int, pause: float, seed: int):
        self.service = service
        self.dialogues = dialogues
        self.pause = pause  # mean seconds a person takes to write the next message
        self.rng = random.Random(seed)
        self.next_dialogue = 0
        self.finished = 0
        self.latencies = array("d")
        self.rss_marks: dict[int, float] = {}
        self.failures = 0

    async def person(self) -> None:
        while self.next_dialogue < self.dialogues:
            index = self.next_dialogue
            self.next_dialogue += 1
            await self.talk(index)
            self.finished += 1
            if self.finished in (self.dialogues // 2, self.dialogues):
                self.rss_marks[self.finished] = rss_mb()

    async def talk(self, index: int) -> None:
        user_id = 7_000_000_000 + index
        for message_id, text in enumerate(dialogue_messages(self.rng), start=1):
            await asyncio.sleep(self.rng.uniform(0, 2 * self.pause))
            incoming = Incoming(
                user_id=user_id,
                chat_id=user_id,
                message_id=message_id,
                text=text,
                at=datetime.now(UTC),
                first_name="Ирина",
            )
            started = time.perf_counter()
            reply = await self.service.handle(incoming)
            self.latencies.append(time.perf_counter() - started)
            if reply is None or not reply.text:
                self.failures += 1


@contextmanager
def admin_cursor() -> Iterator[pymysql.cursors.Cursor]:
    with closing(pymysql.connect(host="127.0.0.1", user="root", autocommit=True)) as admin:
        yield admin.cursor()


def create_database() -> tuple[str, str]:
    name = f"daria_bench_{uuid.uuid4().hex[:8]}"
    with admin_cursor() as cur:
        cur.execute(f"CREATE DATABASE {name} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci")
    return name, f"mysql://root@127.0.0.1:3306/{name}"


def drop_database(name: str) -> None:
    with admin_cursor() as cur:
        cur.execute(f"DROP DATABASE IF EXISTS {name}")


async def bench(args: argparse.Namespace, database_url: str) -> None:
    store = open_store(database_url)
    await store.connect()
    await store.migrate()
    service = ConversationService(
        store,
        InstantWriter(),
        ConversationSettings("https://example.com/privacy", "2025-09-01"),
    )
    run = Run(service, args.dialogues, args.pause, args.seed)
    started = time.perf_counter()
    await asyncio.gather(*(run.person() for _ in range(args.concurrency)))
    elapsed = time.perf_counter() - started
    await store.close()

    ms = sorted(x * 1000 for x in run.latencies)
    p50 = statistics.median(ms)
    p99 = ms[min(len(ms) - 1, int(len(ms) * 0.99))]
    for done, mb in sorted(run.rss_marks.items()):
        print(f"rss_mb_at_{done}_dialogues={mb:.1f}")
    print(
        f"turns={len(ms)} seconds={elapsed:.1f} p90_ms={ms[int(len(ms) * 0.9)]:.2f}"
        f" max_ms={ms[-1]:.1f} unanswered={run.failures}"
        f" concurrency={args.concurrency} pause_s={args.pause}"
    )
    print(
        f"p50_ms={p50:.2f} p99_ms={p99:.2f} turns_per_s={len(ms) / elapsed:.0f}"
        f" rss_mb={rss_mb():.1f} dialogues={run.finished}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dialogues", type=int, default=10_000)
    parser.add_argument("--concurrency", type=int, default=500)
    parser.add_argument(
        "--pause", type=float, default=1.4, help="mean seconds between a person's messages"
    )
    parser.add_argument("--seed", type=int, default=20250915)
    parser.add_argument("--database-url", help="use this (empty) database instead of a new one")
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)

    if args.database_url:
        asyncio.run(bench(args, args.database_url))
        return 0
    name, url = create_database()
    try:
        asyncio.run(bench(args, url))
    finally:
        drop_database(name)
    return 0


if __name__ == "__main__":
    sys.exit(main())
