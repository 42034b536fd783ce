"""Plant known bugs one at a time in a temporary copy and show the tests catch each.

    .venv/bin/python scripts/mutation_check.py [--only NAME]

Each mutation is a text replacement in one file (it must match exactly once, so a
mutation that no longer applies is reported, not silently skipped) and the tests
that claim the behaviour. "caught" = those tests fail with the bug planted. Not part
of scripts/test.sh: it runs the chosen tests once per mutation (a few minutes).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTEST = [".venv/bin/python", "-m", "pytest", "-q", "-x", "-p", "no:cacheprovider"]
TIMEOUT = 180  # seconds per mutation; a run that hangs longer counts as caught
BEHAVE = [".venv/bin/behave", "--format", "progress", "--stop"]


@dataclass(frozen=True)
class Mutation:
    name: str
    path: str
    old: str
    new: str
    command: list[str]


MUTATIONS = [
    Mutation(
        "commit failure swallowed by the service",
        "credit_expert/conversation.py",
        "        committed = await self._store.commit_turn(\n            TurnRecord(\n"
        "                user_id=pending.user_id,\n                answered_ids=answered,\n"
        "                reply_text=written.text,",
        "        committed = await _swallow(self._store.commit_turn)(\n            TurnRecord(\n"
        "                user_id=pending.user_id,\n                answered_ids=answered,\n"
        "                reply_text=written.text,",
        [*PYTEST, "tests/test_delivery.py", "-k", "commit"],
    ),
    Mutation(
        "court threshold >= moved to > (300 000 ₽)",
        "credit_expert/policy.py",
        "    if debt >= COURT_MIN_DEBT:",
        "    if debt > COURT_MIN_DEBT:",
        [*PYTEST, "tests/test_route_boundaries.py"],
    ),
    Mutation(
        "МФЦ lower bound moved (25 000 ₽)",
        "credit_expert/policy.py",
        "if grounds and MFC_MIN_DEBT <= debt <= MFC_MAX_DEBT:",
        "if grounds and MFC_MIN_DEBT < debt <= MFC_MAX_DEBT:",
        [*PYTEST, "tests/test_route_boundaries.py"],
    ),
    Mutation(
        "two question texts swapped in the script",
        "credit_expert/prompts/script.toml",
        "[ask.creditors_count]",
        "[ask.creditors_count_swapped]",
        [*BEHAVE, "features/routes.feature", "features/booking.feature"],
    ),
    Mutation(
        "invalid-phone detection off",
        "credit_expert/policy.py",
        "        events.append(Event.INVALID_PHONE)",
        "        pass",
        [*BEHAVE, "features/consent.feature"],
    ),
    Mutation(
        "phone masking of stored messages off",
        "credit_expert/conversation.py",
        "await self._store.rewrite_incoming(pending.user_id, mask_phones)",
        "None",
        [*BEHAVE, "features/consent.feature"],
    ),
    Mutation(
        "off-topic detection off",
        "credit_expert/policy.py",
        "        flags.append(Event.OFF_TOPIC)",
        "        pass",
        [*BEHAVE, "features/safety.feature"],
    ),
    Mutation(
        "replies stored as sent before sending (at most once)",
        "credit_expert/store/sqlite.py",
        "?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending')",
        "?, ?, ?, ?, ?, ?, ?, ?, ?, 'sent')",
        [*PYTEST, "tests/test_delivery.py", "-k", "sqlite"],
    ),
    Mutation(
        "no DB_TIMEOUT on store calls",
        "credit_expert/store/timing.py",
        "            async with asyncio.timeout(limit):",
        "            if limit:",
        [*PYTEST, "tests/test_faults.py", "-k", "stalled"],
    ),
    Mutation(
        "a sent reply whose mark failed is sent again after its lease",
        "credit_expert/telegram_adapter.py",
        "        self._unmarked[outgoing.id] = (outgoing.user_id, telegram_id)",
        "        pass",
        [*PYTEST, "tests/test_delivery.py", "-k", "mark"],
    ),
    Mutation(
        "no bound on turns at once",
        "credit_expert/telegram_adapter.py",
        "        self._turn_slots = asyncio.Semaphore(max_turns)",
        "        self._turn_slots = asyncio.Semaphore(10**6)",
        [*PYTEST, "tests/test_telegram_adapter.py", "-k", "crowd"],
    ),
    Mutation(
        "chat takes another process's message id as its own",
        "credit_expert/chat.py",
        "            self._message_id = max(self._message_id, await store.last_incoming_id("
        "self.user_id))",
        "            return  # a duplicate id taken as recorded",
        [*PYTEST, "tests/test_faults.py", "-k", "continues or two_processes"],
    ),
]

# The swallowing wrapper the first mutation calls (appended to conversation.py).
SWALLOW = """

def _swallow(commit):
    async def call(record):
        try:
            return await commit(record)
        except Exception:  # the planted bug: a failed commit counts as done
            return True

    return call
"""


def copy_tree(target: Path) -> None:
    files = subprocess.run(
        ["git", "ls-files", "-co", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split("\n")
    for name in filter(None, files):
        source = ROOT / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    os.symlink(ROOT / ".venv", target / ".venv")


def plant(root: Path, mutation: Mutation) -> str | None:
    path = root / mutation.path
    if not path.exists():
        return f"does not apply ({mutation.path} is gone)"
    text = path.read_text(encoding="utf-8")
    if text.count(mutation.old) != 1:
        return f"does not apply ({text.count(mutation.old)} matches)"
    text = text.replace(mutation.old, mutation.new)
    if "_swallow(" in mutation.new:
        text += SWALLOW
    if "_swapped]" in mutation.new:
        # the creditors question now asks the debt's words and vice versa
        text = text.replace("[ask.debt_total]", "[ask.creditors_count]", 1)
        text = text.replace("[ask.creditors_count_swapped]", "[ask.debt_total]", 1)
    path.write_text(text, encoding="utf-8")
    return None


def run(mutation: Mutation) -> tuple[str, float]:
    with tempfile.TemporaryDirectory(prefix="daria-mutant-") as folder:
        root = Path(folder)
        copy_tree(root)
        problem = plant(root, mutation)
        if problem:
            return problem, 0.0
        started = time.monotonic()
        try:
            result = subprocess.run(
                mutation.command, cwd=root, capture_output=True, text=True, timeout=TIMEOUT
            )
        except subprocess.TimeoutExpired:
            return "caught (the tests hang: no bound)", time.monotonic() - started
        took = time.monotonic() - started
        return ("caught" if result.returncode != 0 else "SURVIVED"), took


def baseline(commands: list[list[str]]) -> list[str]:
    """The chosen tests pass on the unmutated copy: a failure with a mutant is its doing."""
    failing = []
    with tempfile.TemporaryDirectory(prefix="daria-baseline-") as folder:
        root = Path(folder)
        copy_tree(root)
        for command in commands:
            result = subprocess.run(command, cwd=root, capture_output=True, timeout=TIMEOUT)
            if result.returncode != 0:
                failing.append(" ".join(command))
    return failing


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", help="run the mutations whose name contains this")
    args = parser.parse_args()
    chosen = [m for m in MUTATIONS if not args.only or args.only in m.name]
    commands = [list(c) for c in dict.fromkeys(tuple(m.command) for m in chosen)]
    broken = baseline(commands)
    if broken:
        print("the tests fail without any mutation:", *broken, sep="\n  ")
        return 2
    print(f"baseline: the {len(commands)} test commands pass unmutated", flush=True)
    survived = 0
    for mutation in chosen:
        verdict, took = run(mutation)
        survived += not verdict.startswith("caught")
        print(f"{verdict:9} {took:6.1f}s  {mutation.name}", flush=True)
    print(f"mutations={len(chosen)} caught={len(chosen) - survived} survived={survived}")
    return 1 if survived else 0


if __name__ == "__main__":
    sys.exit(main())
