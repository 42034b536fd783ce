"""Answers a lawyer found wrong or missing in batch 25, in other wordings than the batch's.

The heir's own inheritance (never the spouse's-own rule), worrying facts told unasked (a deal
with a relative, a pledged car, the person's own guarantee), a question pressed with no words
of its own, the МФЦ conclusion once its facts arrive, car models, and the lead card's quotes."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.transcript_check import replay


async def _replies(turns: list[str], tmp_path: Path) -> list[str]:
    return [t["reply"].lower() for t in await replay({"turns": turns}, tmp_path / "x.db")]


@pytest.mark.parametrize(
    "asked",
    [
        "отец умер, квартира его. если я вступлю в наследство, квартиру продадут в банкротстве?",
        "после мамы остался дом, я наследство ещё не оформила. его потом отберут, если оформлю?",
        "мне досталась дача от бабушки по наследству, её заберут?",
    ],
)
async def test_what_the_person_inherits_is_theirs_not_a_spouses_own(
    asked: str, tmp_path: Path
) -> None:
    reply = (await _replies(["долг 700 тысяч, 3 банка", asked], tmp_path))[-1]
    assert "ваш" in reply and "наследств" in reply
    assert "не продают" not in reply and "его личное" not in reply
    assert "личное имущество" not in reply or "а не личное" in reply


async def test_a_spouses_inheritance_is_still_the_spouses_own(tmp_path: Path) -> None:
    reply = (
        await _replies(
            ["долг 900 тысяч", "у мужа дом по наследству от его родителей, его заберут?"],
            tmp_path,
        )
    )[-1]
    assert "личн" in reply
