"""How fast due follow-ups are handed to the reply queue on MariaDB, by one and two senders.

N people each agree to a reminder ("я подумаю" -> "да"); the clock moves a day on; the
senders then take every due reminder in one call each (two processes share the work, each
reminder once). The figure is the wall time of that call.

    .venv/bin/python bench/reminders.py [--people 500]

Needs MariaDB on 127.0.0.1:3306 (root, no password); creates its own database and drops
it afterwards. The last line is `people=… one_sender_s=… per_s=… two_senders_s=… sent=…`.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import time
import uuid
from contextlib import closing
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pymysql

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from credit_expert.conversation import ConversationService, ConversationSettings
from credit_expert.models import Incoming
from credit_expert.scripted_writer import ScriptedWriter
from credit_expert.store import open_store
from credit_expert.store.base import Store

START = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)


class Clock:
    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> datetime:
        return self.now


def service(store: Store, clock: Clock) -> ConversationService:
    settings = ConversationSettings("https://example.com/privacy", "2025-09-01")
    return ConversationService(store, ScriptedWriter(), settings, clock=clock)


async def agree(one: ConversationService, user_id: int) -> None:
    for n, text in enumerate(("Здравствуйте", "Долг 1,3 млн", "я подумаю", "да"), 1):
        await one.handle(Incoming(user_id, user_id, n, text, at=START))


async def round_of(people: int, url: str, senders: int) -> tuple[float, int]:
    clock = Clock()
    stores = [open_store(url) for _ in range(senders)]
    for store in stores:
        await store.connect()
    await stores[0].migrate()
    try:
        first = service(stores[0], clock)
        base = 10_000_000 * senders
        for start in range(0, people, 50):
            await asyncio.gather(*(agree(first, base + n) for n in range(start, start + 50)))
        clock.now = START + timedelta(days=1)
        began = time.perf_counter()
        results = await asyncio.gather(*(service(s, clock).send_due_reminders() for s in stores))
        return time.perf_counter() - began, sum(len(r) for r in results)
    finally:
        for store in stores:
            await store.close()


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=500)
    people = parser.parse_args().people
    name = f"daria_bench_{uuid.uuid4().hex[:8]}"
    admin = pymysql.connect(host="127.0.0.1", user="root", password="", autocommit=True)
    with closing(admin), admin.cursor() as cur:
        cur.execute(f"CREATE DATABASE `{name}` CHARACTER SET utf8mb4")
        try:
            url = f"mysql://root@127.0.0.1:3306/{name}"
            one, sent_one = await round_of(people, url, senders=1)
            two, sent_two = await round_of(people, url, senders=2)
        finally:
            cur.execute(f"DROP DATABASE `{name}`")
    assert sent_one == people and sent_two == people, (sent_one, sent_two)
    print(
        f"people={people} one_sender_s={one:.2f} per_s={people / one:.0f}"
        f" two_senders_s={two:.2f} sent={sent_two}"
    )


if __name__ == "__main__":
    asyncio.run(main())
