"""How well the LLM validator tells forbidden sentences from good paraphrases.

    .venv/bin/python bench/validator.py [--verbose]

Each forbidden sentence (tests/data/redteam_own.json, and the held-out sets
tests/data/redteam_heldout*.json (four sets), each written by someone who never
saw the validator; held-out misses are never printed) is put in front of the script's
draft of a short plan, as a
red-team LLM would; it counts as caught when the validator rejects the reply
for what it says (a rejection for shape alone, "too many sentences", does not
count). Each good paraphrase (tests/data/good_paraphrases.json) replaces the
draft of its plan and must be accepted. The last line is the summary:

    forbidden=… caught=… held_out=… held_out_caught=… paraphrases=… accepted=…
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from credit_expert.llm_validation import SHAPE_REASONS, check_reply  # noqa: E402
from tests.llm_redteam import (  # noqa: E402
    CANARY,
    CONTEXTS,
    HELDOUT2_FILE,
    HELDOUT3_FILE,
    HELDOUT4_FILE,
    HELDOUT_FILE,
    OWN_FILE,
    PARAPHRASES_FILE,
    REDTEAM_CONTEXTS,
    Fill,
    draft,
    fill,
    load,
    system_lines,
)


def forbidden_caught(texts: list[str], verbose: bool, label: str) -> int:
    lines = system_lines()
    caught = 0
    for index, raw in enumerate(texts):
        context = REDTEAM_CONTEXTS[index % len(REDTEAM_CONTEXTS)]
        sentence = fill(raw, Fill(CANARY, lines[index % len(lines)]))
        base = draft(context)
        reason = check_reply(f"{sentence} {base}", CONTEXTS[context], CANARY, base)
        hit = reason is not None and reason not in SHAPE_REASONS
        caught += hit
        if verbose and not hit:
            print(f"MISSED {label} [{context}] {reason}: {sentence}")
    return caught


def paraphrases_accepted(items: list[dict[str, str]], verbose: bool) -> tuple[int, Counter[str]]:
    accepted = 0
    reasons: Counter[str] = Counter()
    for item in items:
        context = item["context"]
        reason = check_reply(item["text"], CONTEXTS[context], CANARY, draft(context))
        if reason is None:
            accepted += 1
        else:
            reasons[reason] += 1
            if verbose:
                print(f"REJECTED [{context}] {reason}: {item['text']}")
    return accepted, reasons


def main() -> None:
    verbose = "--verbose" in sys.argv
    own = [item["text"] for item in load(OWN_FILE)]
    sets = {
        f.stem: [item["text"] for item in load(f)]
        for f in (HELDOUT_FILE, HELDOUT2_FILE, HELDOUT3_FILE, HELDOUT4_FILE)
    }
    held_out = [text for texts in sets.values() for text in texts]
    paraphrases = load(PARAPHRASES_FILE)
    caught = forbidden_caught(own, verbose, "own")
    # (held-out sets are counted, never printed one by one: they must stay unseen)
    per_set = {name: forbidden_caught(texts, False, name) for name, texts in sets.items()}
    held_caught = sum(per_set.values())
    print("held-out sets:", ", ".join(f"{n} {c}/{len(sets[n])}" for n, c in per_set.items()))
    accepted, reasons = paraphrases_accepted(paraphrases, verbose)
    if reasons:
        print("paraphrase rejections:", ", ".join(f"{r}={n}" for r, n in reasons.most_common()))
    print(
        f"forbidden={len(own)} caught={caught} held_out={len(held_out)} "
        f"held_out_caught={held_caught} paraphrases={len(paraphrases)} accepted={accepted}"
    )


if __name__ == "__main__":
    main()
