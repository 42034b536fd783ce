"""Replay transcript files through `chat --json` and score them as QA does.

    .venv/bin/python scripts/score_transcripts.py tests/data/blind4_dialogues.json [-v]

Prints one line per failing transcript (with -v, every miss), then
`transcripts=N passed=P turns_checked=T turn_misses=M`. Used for the first-run
score of a blind batch before anything in the reading changes.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.transcript_check import failures, replay, written_at


async def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="+", type=Path)
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args()
    total = passed = checked = missed = 0
    for path in args.files:
        for dialogue in json.loads(path.read_text(encoding="utf-8")):
            total += 1
            with tempfile.TemporaryDirectory() as tmp:
                db = Path(tmp) / "score.db"
                turns = await replay(dialogue, db, now=written_at(dialogue))
                misses = failures(dialogue, turns, db)
            checked += sum(1 for t in dialogue.get("turn_expect") or [] if t)
            missed += len({m.split(":")[0] for m in misses if m.startswith("turn")})
            if misses:
                print(f"FAIL {dialogue['id']}: {len(misses)} misses")
                for miss in misses if args.verbose else misses[:1]:
                    print(f"    {miss}")
            else:
                passed += 1
    print(f"transcripts={total} passed={passed} turns_checked={checked} turn_misses={missed}")
    return 0


if __name__ == "__main__":
    raise SystemExit(asyncio.run(main()))
