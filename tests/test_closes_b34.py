"""Closing replies, from batch 34's lawyer: a goodbye gets a short warm close with no script
question; "попробуем сами", "по мфц сам попробую, звонить не надо" is the decision to file
alone; and the canned empathy line never stands in for a message read as nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from credit_expert.models import Ask
from credit_expert.scripted_writer import load_texts
from credit_expert.understanding import understand
from credit_expert.understanding.refusals import BYE, SELF, SELF_MFC, declined
from tests.transcript_check import replay
from tests.understanding_examples import TODAY

TEXTS = load_texts()
MFC_CASE = "долг 310 тыс, приставы окончили производство, взыскать нечего"


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("ясно. спасибо, пока", BYE),
        ("спасибо, до свидания", BYE),
        ("понятно, всего доброго!", BYE),
        ("поняла, спасибо, попробуем сами", SELF),
        ("сами подадим", SELF),
        ("справимся сами, спасибо", SELF),
        ("ладно, я сама попробую, звонить не надо", SELF),
        ("спасибо. по мфц наверно сам попробую, звонить не надо", SELF_MFC),
        ("попробую сама в мфц подать", SELF_MFC),
        # not a goodbye, not a plan to file alone
        ("пока не плачу", None),
        ("пока думаю", None),
        ("спасибо", None),
        ("сама попробую договориться с банком", None),
        ("а сами справимся?", None),
    ],
)
def test_a_goodbye_and_a_plan_to_file_alone_are_read(text: str, found: str | None) -> None:
    assert declined(text) == found


async def test_a_goodbye_gets_a_warm_close_and_no_question(tmp_path: Path) -> None:
    """b34_36 T7: "ясно. спасибо, пока" got "Есть ли у вас ипотека?"."""
    turns = await replay(
        {"turns": ["долг 1 700 000, 11 кредиторов", "ясно. спасибо, пока"]}, tmp_path / "x.db"
    )
    reply = turns[-1]["reply"]
    assert reply in TEXTS.get("farewell"), reply
    assert "?" not in reply


async def test_a_goodbye_after_the_booking_asks_nothing_more(tmp_path: Path) -> None:
    """Booked, "спасибо, до свидания" got "Остались ли у вас вопросы…?"."""
    turns = await replay(
        {
            "turns": [
                "долг 2 млн, 5 банков, не плачу 6 месяцев, приставов нет, работаю официально"
                " 50 тысяч, имущества нет, ипотеки нет, сделок не было, Пермь",
                "да, давайте",
                "согласен",
                "89221234567",
                "завтра в 11 по пермскому",
                "спасибо, до свидания",
            ]
        },
        tmp_path / "x.db",
    )
    assert turns[-2]["stage"] == turns[-1]["stage"] == "booked"
    assert turns[-1]["reply"] in TEXTS.get("farewell"), turns[-1]["reply"]


async def test_a_goodbye_after_a_crisis_keeps_the_quiet_line(tmp_path: Path) -> None:
    turns = await replay(
        {"turns": ["долг 2 млн", "иногда не хочу жить вообще", "спасибо, пока"]},
        tmp_path / "x.db",
    )
    reply = turns[-1]["reply"]
    assert "112" in reply and "?" not in reply, reply


@pytest.mark.parametrize(
    "decision",
    ["поняла, спасибо, попробуем сами", "спасибо. по мфц наверно сам попробую, звонить не надо"],
)
async def test_a_decision_to_file_alone_gets_the_mfc_close(tmp_path: Path, decision: str) -> None:
    """b34_35 T6, b34_17 T6: the decision got the empathy line and a script question."""
    turns = await replay({"turns": [MFC_CASE, decision]}, tmp_path / "x.db")
    reply = turns[-1]["reply"]
    assert "кредитор" in reply and "?" not in reply, reply
    assert "ситуация непростая" not in reply


def test_no_empathy_line_is_left_to_stand_in_for_understanding() -> None:
    assert not TEXTS.get("empathy")
    assert TEXTS.get("not_understood")
    for text in TEXTS.get("not_understood"):
        assert "Понимаю" not in text and "поняла" in text.lower(), text


async def test_a_message_read_as_nothing_is_not_met_with_empathy(tmp_path: Path) -> None:
    """b34_36 T4: a message read as nothing got "Понимаю вас" (that one is read as a question
    now; any message of which nothing is read stands in for it)."""
    assert understand("ну вот такие пироги у нас", Ask.ENFORCEMENT, TODAY).acts == ()
    turns = await replay(
        {"turns": ["долг 1 700 000, 11 кредиторов", "ну вот такие пироги у нас"]},
        tmp_path / "x.db",
    )
    reply = turns[-1]["reply"]
    assert not reply.startswith(("Понимаю", "Давайте разберёмся")), reply
    assert any(reply.startswith(t) for t in TEXTS.get("not_understood")), reply


async def test_a_dont_know_is_simply_noted(tmp_path: Path) -> None:
    turns = await replay({"turns": ["долг 500 тысяч", "не знаю"]}, tmp_path / "x.db")
    assert any(turns[-1]["reply"].startswith(t) for t in TEXTS.get("noted")), turns[-1]
