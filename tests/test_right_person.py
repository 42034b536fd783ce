"""Answers about the right person and the right property — the cases a lawyer playing
against DOMAIN.md found wrong in the blind transcripts (README "Answering"). Each dialogue
goes through `chat --json` as QA replays it; the words asserted are the legal point."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.transcript_check import replay

CASES = [
    # (what was said, words the last reply must hold, words it must not hold)
    (
        ["мама была поручителем по моему кредиту, с неё будут требовать, если я банкротом стану?"],
        ["поручител"],
        ["супруг"],
    ),
    (
        ["муж созаемщик по автокредиту, ему что будет, если я обанкрочусь?"],
        ["созаём"],
        ["платить не обязан"],
    ),
    (
        ["Муж умер в прошлом году, остались его кредиты. Я должна платить его долги?"],
        ["наслед"],
        ["близкие не отвечают"],
    ),
    (
        ["жена набрала кредитов на 1.3 млн, я не знал. мне теперь отвечать?"],
        ["личные долги"],
        ["юрист: он разберёт"],
    ),
    (
        ["жена набрала кредитов, она хочет банкротиться. мою зарплату тронут?"],
        ["зарплат", "супруг"],
        ["прожиточный минимум"],
    ),
    (
        ["живу с родителями, квартира мамина, её заберут за мои долги?"],
        ["не ваше"],
        ["единственное жильё"],
    ),
    (
        ["Долг 880 тысяч", "Квартира единственная, без ипотеки. Её заберут?"],
        ["единственн"],
        ["ипотечное жильё", "продают для погашения ипотеки"],
    ),
    (["Долг 500 тысяч. И могут ли за неуплату посадить?"], ["не сажают"], []),
    (["а реструктуризация это что?"], ["график"], []),
]


@pytest.mark.parametrize(("said", "wanted", "unwanted"), CASES, ids=lambda v: str(v)[:40])
async def test_the_answer_is_about_the_right_person(
    said: list[str], wanted: list[str], unwanted: list[str], tmp_path: Path
) -> None:
    turns = await replay({"turns": said}, tmp_path / "right.db")
    reply = turns[-1]["reply"].lower()
    for word in wanted:
        assert word in reply, (word, reply)
    for word in unwanted:
        assert word not in reply, (word, reply)
