"""Runs last (by name): every log line written during the suites holds no phone number
and no message text.

conftest.py sends every record of Daria's loggers during the pytest session to one
file (DARIA_TEST_LOG): warnings and errors of every failure path the suites provoke,
and the INFO lines of tests that run at LOG_LEVEL=INFO. This test first adds a dialogue
of its own at DEBUG, with a phone number, through failing sends and a failing commit.
Daria's logs are English; what people write is Russian — so a Cyrillic letter in a log
line is a message text leaking, and so is a run of phone digits.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
from pathlib import Path

from test_delivery import (
    CommitFails,
    FailingClient,
    FakeEvent,
    Wall,
    incoming,
    make_service,
    new_adapter,
    say,
)

from credit_expert.store import Store, StoreUnavailable

PHONE = re.compile(r"(?:\+7|\b8)[\s\-()]*9\d{2}[\s\-()]*\d{3}[\s\-]*\d{2}[\s\-]*\d{2}|\d{10,}")
CYRILLIC = re.compile(r"[а-яё]", re.IGNORECASE)


async def a_dialogue_at_debug(store: Store) -> None:
    daria = logging.getLogger("credit_expert")
    level = daria.level
    daria.setLevel(logging.DEBUG)
    try:
        wall, client = Wall(), FailingClient()
        adapter = new_adapter(client, make_service(store, wall), wall)
        client.failures = [ConnectionError("down"), ConnectionError("down")]
        for number, text in enumerate(
            ("Здравствуйте, долг 900 тысяч", "согласна", "мой номер +7 916 123-45-67"), start=1
        ):
            await say(adapter, FakeEvent(id=number, raw_text=text))
        wall.advance(seconds=31)
        await adapter.sweep()
        failing = make_service(CommitFails(store), wall)  # type: ignore[arg-type]
        with contextlib.suppress(StoreUnavailable):
            await failing.handle(incoming(9, "Позвоните на 89161234567"))
        await adapter.close()
    finally:
        daria.setLevel(level)


async def test_no_log_line_holds_a_phone_number_or_a_message_text(sqlite_store: Store) -> None:
    await a_dialogue_at_debug(sqlite_store)
    path = Path(os.environ["DARIA_TEST_LOG"])
    lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    assert len(lines) >= 2, "nothing was logged: is the handler attached?"
    leaks = [line[:200] for line in lines if PHONE.search(line) or CYRILLIC.search(line)]
    assert leaks == [], f"{len(leaks)} of {len(lines)} log lines leak: {leaks[:5]}"
