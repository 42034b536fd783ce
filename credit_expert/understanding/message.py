"""The reading: the message."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from credit_expert.models import (
    Ask,
)

# ---------------------------------------------------------------- the message


@dataclass
class _Message:
    norm: str  # normalised text, phones masked
    tokens: list[str]
    text: str  # tokens joined by single spaces: what the regexes read
    expected: Ask | None
    today: date | None
    words: list[str] = field(default_factory=list)
    correcting: bool = False  # "не 600, а 650": a bare figure replaces the one refused
    restating: bool = False  # "ой нет, 7 месяцев, перепутала": an earlier fact said again
    taken_back: bool = False  # a figure was taken back and replaced ("банков 3, ой нет 4")

    def has(self, pattern: re.Pattern[str]) -> bool:
        return pattern.search(self.text) is not None


def _mask(norm: str, spans: tuple[tuple[int, int], ...]) -> str:
    for start, end in spans:
        norm = norm[:start] + " " * (end - start) + norm[end:]
    return norm


def _sentences(text: str) -> list[str]:
    return [s.strip() for s in re.split(r"[.!?;]", text) if s.strip()]


def _clauses(text: str) -> list[str]:
    return [s.strip() for s in re.split(r"[.!?;,:]| но | а ", text) if s.strip()]
