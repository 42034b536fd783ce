"""Small helpers shared by the per-batch answer tests: the topics a message asks, and the
prompt tables as TOML (for checks over every variant of an answer)."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from credit_expert.models import ActKind, Topic
from credit_expert.understanding import understand

PROMPTS = Path(__file__).resolve().parent.parent / "credit_expert" / "prompts"


def asked_topics(text: str, known: frozenset[str] = frozenset()) -> list[Topic]:
    """The topics of the questions the message asks, in order."""
    return [
        a.topic for a in understand(text, known=known).acts if a.kind is ActKind.ASK and a.topic
    ]


def prompt_table(name: str) -> dict[str, Any]:
    """`answers` or `script`: the prompt file as parsed TOML."""
    return tomllib.loads((PROMPTS / f"{name}.toml").read_text(encoding="utf-8"))
