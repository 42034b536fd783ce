"""Transcripts replayed the way sales QA does: `chat --json`, then the expectations.

tests/data/qa_dialogues.json are QA's examples; more_dialogues.json are ours,
written the same way with other wording; blind_dialogues.json,
blind2_ and blind3_ were written by testers who never saw the rules (38, 37 and
34 of 40 passed on their first runs), to keep the understanding general.
"""

from __future__ import annotations

import io
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from credit_expert.chat import run_chat
from credit_expert.config import load_settings
from tests.transcript_check import failures, replay, written_at

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"


FULLY_PASSING = (
    "qa_dialogues.json",
    "more_dialogues.json",
    "blind_dialogues.json",
    "blind2_dialogues.json",
    "blind3_dialogues.json",
)
# Batches written blind for issues 9 and 10: every transcript listed in
# blind_passing.txt must keep passing (the list only grows); the rest are measured
# by scripts/score_transcripts.py and reported in the README, first run first.
RATCHETED = (
    "blind4_dialogues.json",
    "blind5_dialogues.json",
    "blind6_dialogues.json",
    "blind7_dialogues.json",
    "blind8_dialogues.json",
    "blind9_dialogues.json",
    "blind10_dialogues.json",
    "blind11_dialogues.json",
    "blind12_dialogues.json",
    "blind13_dialogues.json",
    "blind14_dialogues.json",
    "blind15_dialogues.json",
    "blind16_dialogues.json",
    "blind17_dialogues.json",
    "blind18_dialogues.json",
    "blind19_dialogues.json",
    "blind20_dialogues.json",
    "blind21_dialogues.json",
    "blind22_dialogues.json",
    "blind23_dialogues.json",
    "blind24_dialogues.json",
    "blind25_dialogues.json",
    "blind26_dialogues.json",
    "blind27_dialogues.json",
    "blind28_dialogues.json",
    "blind29_dialogues.json",
    "blind30_dialogues.json",
    "blind31_dialogues.json",
    "blind32_dialogues.json",
    "blind33_dialogues.json",
    "blind34_dialogues.json",
    "blind35_dialogues.json",
    "blind36_dialogues.json",
    "blind37_dialogues.json",
    "blind38_dialogues.json",
)


def dialogues() -> list[dict]:
    found = []
    for name in FULLY_PASSING:
        found += json.loads((DATA / name).read_text(encoding="utf-8"))
    passing = set((DATA / "blind_passing.txt").read_text(encoding="utf-8").split())
    for name in RATCHETED:
        found += [
            d for d in json.loads((DATA / name).read_text(encoding="utf-8")) if d["id"] in passing
        ]
    return found


def check(dialogue: dict, turns: list[dict], db_path: Path) -> None:
    misses = failures(dialogue, turns, db_path)
    assert not misses, "\n".join(misses)


@pytest.mark.parametrize("dialogue", dialogues(), ids=lambda d: d["id"])
async def test_dialogue_replays_as_expected(dialogue: dict, tmp_path: Path) -> None:
    db_path = tmp_path / "qa.db"
    check(dialogue, await replay(dialogue, db_path, now=written_at(dialogue)), db_path)


def test_the_ratchet_lists_only_known_transcripts() -> None:
    known = {
        d["id"] for name in RATCHETED for d in json.loads((DATA / name).read_text(encoding="utf-8"))
    }
    passing = (DATA / "blind_passing.txt").read_text(encoding="utf-8").split()
    assert passing and set(passing) <= known


def test_chat_json_through_the_real_command_line(tmp_path: Path) -> None:
    """The exact command QA runs: stdin lines in, one JSON object per turn out."""
    dialogue = next(d for d in dialogues() if d["id"] == "everything-at-once")
    db_path = tmp_path / "cli.db"
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{db_path}", "OPENAI_API_KEY": ""}
    result = subprocess.run(
        [sys.executable, "credit_expert_bot.py", "chat", "--json"],
        input="\n".join(dialogue["turns"]) + "\n",
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=60,
        check=True,
    )
    turns = [json.loads(line) for line in result.stdout.splitlines()]
    assert all(t["writer"] == "script" for t in turns)
    assert set(turns[0]) >= {"reply", "stage", "objection", "slots", "verdict", "writer"}
    check(dialogue, turns, db_path)
    assert "79277001122" not in result.stderr  # no phone in logs


def test_wrong_database_url_is_one_line_naming_the_variable(tmp_path: Path) -> None:
    env = {**os.environ, "DATABASE_URL": "postgres://x"}
    result = subprocess.run(
        [sys.executable, "credit_expert_bot.py", "chat", "--json"],
        input="",
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=60,
    )
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "DATABASE_URL" in lines[0]


def test_broken_bytes_and_odd_lines_never_stop_a_replay(tmp_path: Path) -> None:
    lines = [
        b"\xff\xfe\x00garbage",
        b"",
        b"   ",
        "🙂🙂".encode(),
        b"<script>alert(1)</script>",
        b"'; DROP TABLE bot_users; --",
        "\u200b\u200d\u2060".encode(),
        ("я" * 12_000).encode(),
        "Долг 880 000".encode(),
    ]
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'odd.db'}", "OPENAI_API_KEY": ""}
    result = subprocess.run(
        [sys.executable, "credit_expert_bot.py", "chat", "--json"],
        input=b"\n".join(lines) + b"\n",
        capture_output=True,
        cwd=ROOT,
        env=env,
        timeout=60,
        check=True,
    )
    turns = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert len(turns) == len(lines)
    assert all(t["reply"].strip() for t in turns)
    assert turns[-1]["slots"]["debt_total"] == 880_000
    with sqlite3.connect(tmp_path / "odd.db") as db:
        assert db.execute("SELECT COUNT(*) FROM bot_users").fetchone()[0] == 1


async def test_interactive_chat_greets_first_and_reaches_a_booking(tmp_path: Path) -> None:
    settings = load_settings(env={"DATABASE_URL": f"sqlite:///{tmp_path / 'i.db'}"}, dotenv=False)
    typed = "Долг 1,2 млн, перезвоните мне\nсогласен\n+7 916 123-45-67\nзавтра в 10\n/quit\n"
    stdout = io.StringIO()
    await run_chat(settings, json_mode=False, stdin=io.StringIO(typed), stdout=stdout)
    screen = stdout.getvalue()
    assert screen.index("Дарья: Здравствуйте") < screen.index("Вы: ")  # Daria speaks first
    assert "+7 916 123-45-67" in screen and "завтра в 10" in screen
    assert screen.count("Дарья: ") == 5


async def test_quit_ends_a_json_replay_as_it_ends_the_terminal(tmp_path: Path) -> None:
    settings = load_settings(env={"DATABASE_URL": f"sqlite:///{tmp_path / 'q.db'}"}, dotenv=False)
    stdout = io.StringIO()
    stdin = io.StringIO("Долг 1,2 млн\n/quit\nещё строка\n")
    await run_chat(settings, json_mode=True, stdin=stdin, stdout=stdout)
    assert len(stdout.getvalue().splitlines()) == 1
