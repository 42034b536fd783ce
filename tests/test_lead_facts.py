"""Facts that reach the lead card: the relative written for, facts told after /stop, and the
lawyer's notes (a former ИП, debts not written off, an earlier bankruptcy)."""

from __future__ import annotations

from pathlib import Path

import pytest

from credit_expert.models import ActKind, Ask, Subject
from credit_expert.understanding import understand
from tests.transcript_check import replay
from tests.understanding_examples import TODAY


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("у него машина, старая уже", True),
        ("у мамы гараж и участок в деревне", True),
        ("у него ничего нет кроме квартиры", False),
    ],
)
def test_the_relative_written_for_owns_the_leads_property(text: str, expected: bool) -> None:
    whom = "parent" if "мам" in text else "spouse"
    reading = understand(text, Ask.PROPERTY, TODAY, known=frozenset({f"on_behalf:{whom}"}))
    assert reading.slots.extra_property is expected
    whose = {a.subject for a in reading.of(ActKind.FACT) if a.slot == "extra_property"}
    assert whose == {Subject(whom)}


async def test_facts_told_after_stop_still_decide_the_route(tmp_path: Path) -> None:
    turns = await replay(
        {"turns": ["долг 1,4 млн, 5 банков, год не плачу", "/stop", "пермь, зарплата 60 белая"]},
        tmp_path / "x.db",
    )
    assert turns[-1]["stage"] == "opted_out"
    assert turns[-1]["verdict"] == "court"
    assert turns[-1]["slots"]["region"] == "Пермь"
