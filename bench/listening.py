"""Does Daria listen? Every transcript in tests/data replayed through `chat --json`.

    .venv/bin/python bench/listening.py [-v] [--seed=N] [FILES...]

--seed=N replays everyone with the variant seed N (real people get other wordings than
QA's seed 0). With -v, every missed ask is printed with what was said, the words wanted
and the reply.

- asks: the questions people asked, from the human labels in the transcripts
  (`turn_expect[i].asks`, each with the words an answer must contain) — never
  from Daria's own plan;
- asks_answered: of those, replies holding at least one of the words;
- repeated_paragraphs: sentences of more than three words sent twice to one person (the
  statutory warning is not counted: 38-ФЗ wants it verbatim in every offer, also after a
  route answer that carried it);
- words_p50/p90/max: reply length in words, the statutory warning of the offer
  not counted (it is required word for word by 38-ФЗ art. 28.1 and adds 25 words).

The last line is the summary the README quotes.
"""

from __future__ import annotations

import asyncio
import json
import re
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from credit_expert.scripted_writer import STATUTORY_WARNING
from tests.transcript_check import DATA, replay, written_at


def _sentences(text: str) -> list[str]:
    return [s.strip().lower() for s in re.split(r"(?<=[.!?])\s+", text) if len(s.split()) > 3]


_WARNING = frozenset(_sentences(STATUTORY_WARNING))


async def main() -> None:
    verbose = "-v" in sys.argv[1:]
    seed = next((int(a.split("=", 1)[1]) for a in sys.argv[1:] if a.startswith("--seed=")), 0)
    args = [a for a in sys.argv[1:] if a != "-v" and not a.startswith("--seed=")]
    files = [Path(a) for a in args] or sorted(DATA.glob("*dialogues.json"))
    transcripts = asks = answered = repeated = 0
    lengths: list[int] = []
    for path in files:
        for dialogue in json.loads(path.read_text(encoding="utf-8")):
            transcripts += 1
            with tempfile.TemporaryDirectory() as tmp:
                turns = await replay(
                    dialogue, Path(tmp) / "listen.db", seed=seed, now=written_at(dialogue)
                )
            seen: set[str] = set()
            for i, turn in enumerate(turns):
                reply = turn["reply"]
                if not reply:
                    continue
                lengths.append(len(re.findall(r"\w+", reply.replace(STATUTORY_WARNING, ""))))
                for sentence in _sentences(reply):
                    if sentence in _WARNING:
                        continue  # the statutory warning is required verbatim in every offer
                    repeated += sentence in seen
                    if verbose and sentence in seen:
                        print(f"REPEATED {dialogue['id']} turn {i + 1}: {sentence}")
                    seen.add(sentence)
                want = (
                    (dialogue.get("turn_expect") or [])[i]
                    if i < len(dialogue.get("turn_expect") or [])
                    else None
                )
                for ask in (want or {}).get("asks") or []:
                    asks += 1
                    hit = any(s.lower() in reply.lower() for s in ask.get("answer_any", []))
                    answered += hit
                    if verbose and not hit:
                        print(f"MISSED {dialogue['id']} turn {i + 1}: {ask.get('q')}")
                        print(f"  said: {dialogue['turns'][i]}")
                        print(f"  want: {ask.get('answer_any')}")
                        print(f"  reply: {reply}")
    lengths.sort()
    p90 = lengths[int(len(lengths) * 0.9) - 1] if lengths else 0
    print(
        f"transcripts={transcripts} asks={asks} asks_answered={answered}"
        f" ({answered / max(asks, 1):.1%}) repeated_paragraphs={repeated}"
        f" words_p50={statistics.median(lengths) if lengths else 0:.0f} words_p90={p90}"
        f" words_max={lengths[-1] if lengths else 0}"
    )


if __name__ == "__main__":
    asyncio.run(main())
