"""Accuracy of the rule-based understanding on the labelled tables.

Run: .venv/bin/python bench/nlu_accuracy.py
Prints per-field accuracy (checks right / checks made) for the tested table
and for the held-out table (written without tuning the rules on it), then,
as the last line, `examples=N accuracy=0.xx`: the share of all examples whose
every labelled field is right.

Scores of the held-out batches on their first, blind run (the rules were fixed
afterwards, so today's 1.00 on them is no longer an unseen-data estimate):
HOLDOUT 66/79 = 0.84, HOLDOUT_2 57/62 = 0.92. Write a fresh batch and run it
once before touching the rules to measure again.
"""

from __future__ import annotations

import dataclasses
import sys
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from credit_expert.models import Slots, Understanding
from credit_expert.understanding import understand
from tests.understanding_examples import EXAMPLES, HOLDOUT, HOLDOUT_2, TODAY, Example

SLOT_NAMES = {f.name for f in dataclasses.fields(Slots)}


def field_of(understanding: Understanding, name: str) -> Any:
    return getattr(understanding.slots if name in SLOT_NAMES else understanding, name)


def score(table: list[Example], title: str, show_misses: bool) -> tuple[int, int]:
    right: Counter[str] = Counter()
    made: Counter[str] = Counter()
    whole = 0
    for text, expected, fields in table:
        understanding = understand(text, expected, TODAY)
        misses = []
        for name, value in fields.items():
            made[name] += 1
            got = field_of(understanding, name)
            if got == value:
                right[name] += 1
            else:
                misses.append(f"{name}={got!r} (want {value!r})")
        whole += not misses
        if misses and show_misses:
            print(f"  miss: {text[:60]!r} [{expected}] " + "; ".join(misses))
    print(f"{title}: {whole}/{len(table)} examples fully right")
    for name in sorted(made):
        print(f"  {name:16} {right[name] / made[name]:.2f}  ({right[name]}/{made[name]})")
    return whole, len(table)


def main() -> None:
    tested = score(EXAMPLES, "tested table", show_misses=True)
    held = score(HOLDOUT + HOLDOUT_2, "held-out tables", show_misses=True)
    whole, total = tested[0] + held[0], tested[1] + held[1]
    print(f"held_out_examples={held[1]} held_out_accuracy={held[0] / held[1]:.2f}")
    print(f"examples={total} accuracy={whole / total:.2f}")


if __name__ == "__main__":
    main()
