"""Answers a lawyer found wrong or missing in batch 25, in other wordings than the batch's.

The heir's own inheritance (never the spouse's-own rule), worrying facts told unasked (a deal
with a relative, a pledged car, the person's own guarantee), a question pressed with no words
of its own, the МФЦ conclusion once its facts arrive, car models, and the lead card's quotes."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from credit_expert.conversation import dialogue_summary, known_about
from credit_expert.models import SessionState, Topic
from credit_expert.policy import take_turn
from credit_expert.understanding import understand
from tests.transcript_check import replay
from tests.understanding_examples import TODAY

NOW = datetime(2026, 1, 15, 12, 0, tzinfo=UTC)


def _known(state: SessionState) -> frozenset[str]:
    return known_about(state)


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


@pytest.mark.parametrize(
    ("told", "words"),
    [
        (
            "квартиру в прошлом году переписала на дочку, а долги остались",
            ("оспор", "3 год", "три год"),
        ),
        ("дачу продал тёще за символические деньги два года назад", ("оспор", "3 год", "три год")),
        ("ещё есть авто, купленное в кредит, оно в залоге у банка", ("залог",)),
        ("кстати я поручилась за подругу, она перестала платить", ("поручител",)),
    ],
)
async def test_a_worrying_fact_told_unasked_gets_one_grounded_sentence(
    told: str, words: tuple[str, ...], tmp_path: Path
) -> None:
    replies = await _replies(["долг 900 тысяч, 3 банка, не плачу полгода", told, told], tmp_path)
    assert any(w in replies[1] for w in words)
    assert not any(w in replies[2] for w in words)  # once per person: no question pressed


async def test_a_sale_to_a_stranger_told_unasked_needs_no_warning(tmp_path: Path) -> None:
    reply = (
        await _replies(
            ["долг 900 тысяч, 3 банка", "машину продал в прошлом году, чужому"], tmp_path
        )
    )[-1]
    assert "оспор" not in reply


@pytest.mark.parametrize(
    ("asked", "then", "words"),
    [
        (
            "мне через мфц можно?",
            "долг 350 тысяч, приставы окончили производство, взыскать нечего, новых нет",
            "подходит мфц",
        ),
        ("а через мфц получится?", "долг 400 тыс, 2 кредитки, приставов не было", "оснований"),
        ("мфц мне подойдёт?", "должна 1,5 млн, приставы закрыли дела", "1 000 000"),
    ],
)
async def test_the_mfc_conclusion_follows_the_facts_asked_for(
    asked: str, then: str, words: str, tmp_path: Path
) -> None:
    replies = await _replies(["здравствуйте", asked, then], tmp_path)
    assert words in replies[-1].replace("похоже, условия для мфц", "подходит мфц").replace(
        "основание для бесплатного банкротства через мфц", "подходит мфц"
    )


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        ("а короллу заберут, если банкротиться?", "car"),
        ("солярис мой отберут?", "car"),
        ("у меня киа рио 2018, её продадут?", "car"),
        ("и ладу тоже заберут?", "car"),
    ],
)
def test_a_car_named_by_its_make_or_model_is_the_car_question(text: str, topic: str) -> None:
    assert topic in {a.topic.value for a in understand(text, None, TODAY).asks if a.topic}


@pytest.mark.parametrize(
    "text",
    [
        "can she go to MFC herself?",
        "она сама может в мфц сходить?",
        "можно ли подать в мфц самостоятельно, без вас?",
    ],
)
def test_filing_at_the_mfc_alone_is_the_self_filing_question(text: str) -> None:
    assert Topic.SELF_FILING in {a.topic for a in understand(text, None, TODAY).asks}


async def test_a_pressed_yes_or_no_gets_the_question_before_not_the_lawyer(
    tmp_path: Path,
) -> None:
    replies = await _replies(
        [
            "раньше уже банкротился, дело закончилось в 2022. можно ещё раз?",
            "долг 800 тысяч, 3 банка",
            "ну так можно или нет? скажите прямо",
        ],
        tmp_path,
    )
    assert "пять лет" in replies[-1] or "5 лет" in replies[-1]
    assert "уточнит юрист на консультации" not in replies[-1]
    assert not replies[-1].rstrip().endswith("?")  # pressed: no new script question


def _summary_after(turns: list[str]) -> str:
    state = SessionState()
    for text in turns:
        understood = understand(text, state.last_ask, TODAY, _known(state))
        state = take_turn(state, understood, NOW).state
    return dialogue_summary(state)


def test_a_question_is_quoted_as_asked_and_bare_words_are_dropped() -> None:
    summary = _summary_after(
        [
            "долг 1,5 млн, 5 банков",
            "а можно мне дачу на сестру переписать пока не поздно?",
            "если",
            "машину в прошлом году подарила сыну",
        ]
    )
    assert "Со слов клиента: «дачу на сестру переписать" not in summary
    assert "дословно: «" in summary and "переписать пока не поздно?»" in summary
    assert "«машину в прошлом году подарила сыну»" in summary
    assert "«если»" not in summary
