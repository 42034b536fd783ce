"""Runs last (by name): every log line written during the suites holds no phone number
and no message text.

conftest.py sends every record of the pytest session (and scripts/test.sh the behave
run's, through DARIA_TEST_LOG) to one file, logging as production does. Daria's logs
are English; what people write is Russian — so a Cyrillic letter in a log line is a
message text leaking, and so is a run of phone digits.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

PHONE = re.compile(r"(?:\+7|\b8)[\s\-()]*9\d{2}[\s\-()]*\d{3}[\s\-]*\d{2}[\s\-]*\d{2}|\d{10,}")
CYRILLIC = re.compile(r"[а-яё]", re.IGNORECASE)


def test_no_log_line_holds_a_phone_number_or_a_message_text() -> None:
    path = Path(os.environ["DARIA_TEST_LOG"])
    lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    assert len(lines) > 50, "the suites logged next to nothing: is the handler attached?"
    leaks = [line[:200] for line in lines if PHONE.search(line) or CYRILLIC.search(line)]
    assert leaks == [], f"{len(leaks)} of {len(lines)} log lines leak: {leaks[:5]}"
