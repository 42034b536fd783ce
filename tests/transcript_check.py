"""QA's transcript checks, as the README describes them: `expect` and per-turn `turn_expect`.

Shared by tests/test_dialogues.py, bench/listening.py and scripts/score_transcripts.py.
Every check returns the list of what failed, each naming its turn, so a replay
reports all misses at once.
"""

from __future__ import annotations

import io
import json
import sqlite3
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from credit_expert.chat import run_chat
from credit_expert.config import load_settings

DATA = Path(__file__).resolve().parent / "data"
# The day the transcripts in tests/data were written: "с декабря прошлого года", "в 2022
# году" and "завтра" mean what they meant to their writer, whatever year the suite runs in.
# A transcript may name its own clock with a top-level "now" (ISO time).
WRITTEN_AT = datetime(2026, 11, 26, 10, 0, tzinfo=UTC)


def written_at(dialogue: dict[str, Any]) -> datetime:
    return datetime.fromisoformat(dialogue["now"]) if dialogue.get("now") else WRITTEN_AT


async def replay(
    dialogue: dict[str, Any], db_path: Path, seed: int = 0, now: datetime | None = None
) -> list[dict[str, Any]]:
    """`now`: the clock's fixed start (None: the real clock, for tests that build their
    messages from today's date)."""
    settings = load_settings(env={"DATABASE_URL": f"sqlite:///{db_path}"}, dotenv=False)
    stdin = io.StringIO("".join(t.replace("\n", " ") + "\n" for t in dialogue["turns"]))
    stdout = io.StringIO()
    code = await run_chat(settings, json_mode=True, stdin=stdin, stdout=stdout, seed=seed, now=now)
    assert code == 0
    return [json.loads(line) for line in stdout.getvalue().splitlines()]


def _act_matches(want: dict[str, Any], act: dict[str, Any]) -> bool:
    return all(act.get(key) == value for key, value in want.items())


def _slot_misses(where: str, want: dict[str, Any], slots: dict[str, Any]) -> list[str]:
    misses = []
    for name, value in want.items():
        got = slots.get(name)
        close = isinstance(value, int) and isinstance(got, int) and abs(got - value) <= value * 0.01
        if name == "debt_total" and close:
            continue
        if got != value:
            misses.append(f"{where}: slots.{name} = {got!r}, expected {value!r}")
    return misses


def _with_zone(turn: dict[str, Any]) -> dict[str, Any]:
    """The turn's slots with its `call_tz` (a field of the turn, not of `slots`, in the README;
    a transcript may list it among the slots all the same)."""
    return {**(turn.get("slots") or {}), "call_tz": turn.get("call_tz")}


def turn_failures(i: int, want: dict[str, Any] | None, turn: dict[str, Any]) -> list[str]:
    if not want:
        return []
    where = f"turn {i + 1}"
    reply = (turn.get("reply") or "").lower()
    misses = _slot_misses(where, want.get("slots") or {}, _with_zone(turn))
    if "stage" in want and turn.get("stage") != want["stage"]:
        misses.append(f"{where}: stage {turn.get('stage')!r}, expected {want['stage']!r}")
    acts = turn.get("acts") or []
    for act in want.get("acts") or []:
        if not any(_act_matches(act, got) for got in acts):
            misses.append(f"{where}: no act {act}")
    for act in want.get("no_acts") or []:
        if any(_act_matches(act, got) for got in acts):
            misses.append(f"{where}: unwanted act {act}")
    for ask in want.get("asks") or []:
        if not any(stem.lower() in reply for stem in ask.get("answer_any") or []):
            misses.append(f"{where}: ask {ask.get('q')!r} not answered")
    any_of = want.get("reply_contains_any") or []
    if any_of and not any(s.lower() in reply for s in any_of):
        misses.append(f"{where}: reply has none of {any_of}")
    for phrase in want.get("no_reply_contains") or []:
        if phrase.lower() in reply:
            misses.append(f"{where}: reply contains {phrase!r}")
    return misses


def failures(dialogue: dict[str, Any], turns: list[dict[str, Any]], db_path: Path) -> list[str]:
    expect = dialogue.get("expect") or {}
    if len(turns) != len(dialogue["turns"]):
        return [f"{len(turns)} turns printed for {len(dialogue['turns'])} messages"]
    misses: list[str] = []
    for i, turn in enumerate(turns):
        silent_ok = turn["stage"] == "opted_out" and i > 0 and turns[i - 1]["stage"] == "opted_out"
        if not (turn["reply"].strip() or silent_ok):
            misses.append(f"turn {i + 1}: no reply")
    for i, want in enumerate(dialogue.get("turn_expect") or []):
        if i < len(turns):
            misses += turn_failures(i, want, turns[i])
    final = turns[-1] if turns else {"slots": {}}
    if "stage" in expect and final.get("stage") != expect["stage"]:
        misses.append(f"end: stage {final.get('stage')!r}, expected {expect['stage']!r}")
    if "phone" in expect and final["slots"].get("phone") != expect["phone"]:
        misses.append(f"end: phone {final['slots'].get('phone')!r}, expected {expect['phone']!r}")
    if "debt" in expect:
        debt = final["slots"].get("debt_total")
        if debt is None or abs(debt - expect["debt"]) > expect["debt"] * 0.01:
            misses.append(f"end: debt {debt!r}, expected {expect['debt']!r}")
    if "verdict" in expect and final.get("verdict") != expect["verdict"]:
        misses.append(f"end: verdict {final.get('verdict')!r}, expected {expect['verdict']!r}")
    if "objection" in expect and expect["objection"] not in {t.get("objection") for t in turns}:
        misses.append(f"objection {expect['objection']!r} never recognised")
    misses += _slot_misses("end", expect.get("slots") or {}, _with_zone(final))
    for phrase in expect.get("no_reply_contains", []):
        for i, turn in enumerate(turns):
            if phrase.lower() in turn["reply"].lower():
                misses.append(f"turn {i + 1}: reply contains {phrase!r}")
    if expect.get("data_deleted"):
        if final.get("stored_messages") != 0:
            misses.append("end: messages still stored")
        with sqlite3.connect(db_path) as db:
            if db.execute("SELECT COUNT(*) FROM bot_messages").fetchone()[0]:
                misses.append("end: bot_messages not empty")
            if db.execute("SELECT COUNT(*) FROM bot_leads").fetchone()[0]:
                misses.append("end: bot_leads not empty")
    return misses
