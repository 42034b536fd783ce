"""Questions batch 25 showed unanswered or answered about the wrong thing, in other wordings.

Each case is the general form of a miss: a question whose words stand in another order, a
pronoun whose owner was named a message before, a "почему нельзя?" pressing the route just
refused, a tax question answered with a wording that never names taxes."""

from __future__ import annotations

from pathlib import Path

import pytest

from credit_expert.models import ActKind, ObjectionKind, Subject, Topic
from credit_expert.understanding import understand
from tests.transcript_check import replay
from tests.understanding_examples import TODAY


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        ("и бумаги какие готовить?", Topic.DOCUMENTS),
        ("документы что собирать нужно к звонку?", Topic.DOCUMENTS),
        ("а скока денег мне оставят?", Topic.SALARY),
        ("сколько с пенсии оставлять будут?", Topic.SALARY),
        ("и на работу меня потом нормально возьмут?", Topic.JOB),
        ("скок стоит ваша помощь?", Topic.PRICE),
        ("Will they ban me from travelling abroad?", Topic.TRAVEL),
        ("and is there a travel ban?", Topic.TRAVEL),
    ],
)  # fmt: skip
def test_questions_in_another_word_order_read_their_topic(text: str, topic: Topic) -> None:
    assert topic in {a.topic for a in understand(text, None, TODAY).asks}


@pytest.mark.parametrize(
    "text",
    ["квартира в залоге, её заберут? и детям что будет", "а сыну что грозит он же поручитель"],
)
def test_whom_then_what_is_a_question_without_a_mark(text: str) -> None:
    reading = understand(text, None, TODAY)
    assert any(a.topic in (Topic.CHILDREN, Topic.GUARANTOR) for a in reading.asks)


@pytest.mark.parametrize(
    ("text", "other"),
    [
        ("почем у вас? в другой конторе за 40 тыщ делают", ObjectionKind.COMPETITOR),
        ("сколько стоит? или это очередной лохотрон", ObjectionKind.TRUST),
    ],
)
def test_a_price_question_beside_another_doubt_is_a_price_doubt_too(
    text: str, other: ObjectionKind
) -> None:
    reading = understand(text, None, TODAY)
    doubts = {a.value for a in reading.of(ActKind.OBJECTION)}
    assert {ObjectionKind.PRICE.value, other.value} <= doubts
    assert reading.objection is other  # the message's own doubt stays the playbook's


def test_his_salary_is_the_husbands_named_a_message_before() -> None:
    reading = understand(
        "а мне за его кредиты платить? и его доход не тронут если я подам на банкротство?",
        None,
        TODAY,
        carried=Subject.SPOUSE,
    )
    assert Topic.SPOUSE_SALARY in {a.topic for a in reading.asks}


async def _replies(turns: list[str], tmp_path: Path) -> list[str]:
    return [t["reply"].lower() for t in await replay({"turns": turns}, tmp_path / "x.db")]


@pytest.mark.parametrize(
    ("first", "word"),
    [("пишу за сестру, она стесняется", "сестр"), ("пишу за отца, он сам не разберётся", "пап")],
)
async def test_the_greeting_names_the_relative_written_for(
    first: str, word: str, tmp_path: Path
) -> None:
    reply = (await _replies([first], tmp_path))[0]
    assert word in reply


async def test_his_debts_are_the_fathers_when_writing_for_the_father(tmp_path: Path) -> None:
    replies = await _replies(
        [
            "пишу за папу, он пенсионер",
            "у него 600 тысяч долгов, 2 банка",
            "а мне за его долги платить придётся потом?",
        ],
        tmp_path,
    )
    assert "не отвечают" in replies[-1]
    assert "супруг" not in replies[-1]


async def test_the_childrens_liability_beside_ones_own_guarantee(tmp_path: Path) -> None:
    reply = (
        await _replies(
            [
                "я поручитель у брата по кредиту, он не платит. мне отдавать?"
                " а дети мои будут отвечать?"
            ],
            tmp_path,
        )
    )[0]
    assert "поручител" in reply
    assert "не отвечают" in reply


async def test_taxes_asked_get_a_wording_that_names_taxes(tmp_path: Path) -> None:
    reply = (
        await _replies(
            ["долг 900 тысяч", "а налоговая задолженность тоже уйдёт? и штрафы за парковку?"],
            tmp_path,
        )
    )[-1]
    assert "налог" in reply
    assert "штраф" in reply
    assert "штрафы спишут" not in reply


async def test_why_not_pressed_after_the_route_is_refused(tmp_path: Path) -> None:
    replies = await _replies(
        [
            "должна 1 300 000, 5 банков",
            "приставы закрыли все производства. значит через мфц можно? и долго это?",
            "а почему нельзя-то??",
        ],
        tmp_path,
    )
    assert any(w in replies[-1] for w in ("1 000 000", "миллион"))


async def test_mfc_refused_while_the_bailiffs_collect_says_why(tmp_path: Path) -> None:
    replies = await _replies(
        [
            "долг 600 тыс, один банк",
            "приставы удерживают с зарплаты половину уже год",
            "а почему через мфц нельзя?",
        ],
        tmp_path,
    )
    assert any(w in replies[-1] for w in ("открыт", "удерж", "взыскива"))


async def test_a_price_doubt_beside_another_question_is_answered(tmp_path: Path) -> None:
    reply = (
        await _replies(
            ["долг 500 тысяч", "дорого у вас наверное. а за границу потом выпустят?"], tmp_path
        )
    )[-1]
    assert "границ" in reply
    assert any(w in reply for w in ("бесплатн", "рассрочк", "стоимост"))
