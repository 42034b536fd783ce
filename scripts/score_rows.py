"""Score single-message labelled rows (tests/data/acts_rows.json) against the reader.

    .venv/bin/python scripts/score_rows.py [FILE] [-v]

A row: {"text", "after" (the question just asked, or null), "slots" (a subset that must
hold; null = unknown), "acts" (acts that must be present, matched on the keys they name),
"no_acts"}. Prints `rows=N passed=P slot_checks=S slot_ok=K act_checks=A act_ok=B`.
"""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from credit_expert.models import Ask
from credit_expert.understanding import understand

TODAY = date(2026, 11, 25)
DEFAULT = Path(__file__).resolve().parent.parent / "tests" / "data" / "acts_rows.json"


def row_misses(row: dict[str, Any]) -> tuple[list[str], int, int, int, int]:
    after = Ask(row["after"]) if row.get("after") else None
    reading = understand(row["text"], after, TODAY)
    slots = reading.slots.to_json()
    acts = [a.to_json() for a in reading.acts]
    misses = []
    slot_ok = act_ok = 0
    for name, value in (row.get("slots") or {}).items():
        if slots.get(name) == value:
            slot_ok += 1
        else:
            misses.append(f"slots.{name} = {slots.get(name)!r}, expected {value!r}")
    wanted = row.get("acts") or []
    unwanted = row.get("no_acts") or []
    for want in wanted:
        if any(all(a.get(k) == v for k, v in want.items()) for a in acts):
            act_ok += 1
        else:
            misses.append(f"no act {want}")
    for want in unwanted:
        if any(all(a.get(k) == v for k, v in want.items()) for a in acts):
            misses.append(f"unwanted act {want}")
        else:
            act_ok += 1
    slot_checks = len(row.get("slots") or {})
    return misses, slot_checks, slot_ok, len(wanted) + len(unwanted), act_ok


def main() -> None:
    args = [a for a in sys.argv[1:] if a != "-v"]
    rows = json.loads(Path(args[0] if args else DEFAULT).read_text(encoding="utf-8"))
    passed = slot_checks = slot_ok = act_checks = act_ok = 0
    for i, row in enumerate(rows):
        misses, sc, so, ac, ao = row_misses(row)
        slot_checks, slot_ok, act_checks, act_ok = (
            slot_checks + sc,
            slot_ok + so,
            act_checks + ac,
            act_ok + ao,
        )
        if misses:
            if "-v" in sys.argv:
                print(f"FAIL {i}: {row['text'][:90]}")
                for miss in misses:
                    print(f"    {miss}")
        else:
            passed += 1
    print(
        f"rows={len(rows)} passed={passed} slot_checks={slot_checks} slot_ok={slot_ok}"
        f" act_checks={act_checks} act_ok={act_ok}"
    )


if __name__ == "__main__":
    main()
