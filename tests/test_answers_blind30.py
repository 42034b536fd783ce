"""The blind batch 30 showed questions answered with "это уточнит юрист", about the wrong
person, or only in part. Each case is the general form of a miss, in other wordings too."""

from __future__ import annotations

from pathlib import Path

import pytest

from credit_expert.models import ObjectionKind, Topic
from credit_expert.understanding import understand
from credit_expert.understanding.asks import is_question
from tests.transcript_check import replay
from tests.understanding_examples import TODAY


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        ("а оставят мне хоть сколько то? пенсия 19 тысяч", Topic.SALARY),
        ("хоть что-то с зарплаты останется?", Topic.SALARY),
        ("а публикация где будет?", Topic.JOB),
        ("в интернете прям фамилию напишут?", Topic.JOB),
        ("моя фамилия где-то будет висеть?", Topic.JOB),
        ("где то это опубликуют?", Topic.JOB),
        ("директор узнает?", Topic.JOB),
        ("а начальник не узнает?", Topic.JOB),
        ("вы не ответили про гараж. переписывать или нет?", Topic.HIDE_PROPERTY),
        ("так стоит ли переписать дачу?", Topic.HIDE_PROPERTY),
        ("они правда могут описать?", Topic.COLLECTORS),
        ("а жене потом за мой автокредит платить не придется?", Topic.SPOUSE),
        ("мужу за мои кредиты отвечать не придётся?", Topic.SPOUSE),
        ("и на дочкину квартиру могут позариться?", Topic.RELATIVE_PROPERTY),
        ("живу у мамы в её квартире. маме квартиру не тронут?", Topic.RELATIVE_PROPERTY),
        ("внуку машину покупала в прошлом году, на него оформлена. это плохо?",
         Topic.DEAL_WITH_RELATIVE),
        ("покупал сыну квартиру в 2023, это плохо?", Topic.DEAL_WITH_RELATIVE),
    ],
)  # fmt: skip
def test_questions_read_the_topic_the_domain_answers(text: str, topic: Topic) -> None:
    assert topic in {a.topic for a in understand(text, None, TODAY).asks}


@pytest.mark.parametrize(
    "text", ["а директором потом можно быть?", "я директор ооо, это помешает?"]
)
def test_a_director_of_their_own_company_is_still_the_company_ban(text: str) -> None:
    assert Topic.COMPANY in {a.topic for a in understand(text, None, TODAY).asks}


@pytest.mark.parametrize("text", ["где-то 300 тысяч", "как-то так", "когда-то брал кредит"])
def test_somewhere_with_no_verb_of_theirs_is_no_question(text: str) -> None:
    assert not is_question(text, ends_with_mark=True)


@pytest.mark.parametrize(
    "text",
    [
        "а вы сами кто такие? вам то какой интерес мне помогать?",
        "какая вам выгода с этого?",
        "в чём ваш интерес?",
    ],
)
def test_who_are_you_and_what_is_in_it_for_you_is_a_trust_doubt(text: str) -> None:
    assert understand(text, None, TODAY).objection is ObjectionKind.TRUST


async def _replies(turns: list[str], tmp_path: Path) -> list[str]:
    return [t["reply"].lower() for t in await replay({"turns": turns}, tmp_path / "x.db")]


async def test_the_parent_writing_for_a_son_is_told_they_do_not_answer(tmp_path: Path) -> None:
    replies = await _replies(
        [
            "я по поводу сына, у него долги",
            "я сам пенсионер, пенсия 24 тыс, с меня могут взыскать?",
        ],
        tmp_path,
    )
    assert "не отвеча" in replies[-1]


async def test_the_debtors_salary_and_the_writers_own_both_answered(tmp_path: Path) -> None:
    replies = await _replies(
        [
            "здравствуйте. я по поводу мужа, у него долги",
            "его зарплату всю заберут? а мою зарплату тронут?",
        ],
        tmp_path,
    )
    assert "прожиточн" in replies[-1]  # his: the minimum is kept
    assert "ваша зарплата" in replies[-1] or "ваш доход" in replies[-1]  # hers: not taken


async def test_the_employer_and_the_register_both_answered(tmp_path: Path) -> None:
    reply = (
        await _replies(
            ["долг 640 тыс, 3 кредитора", "начальник узнает? а где-то это опубликуют?"],
            tmp_path,
        )
    )[-1]
    assert "работодател" in reply or "увольн" in reply
    assert "ефрсб" in reply


async def test_the_heirs_and_the_childrens_liability_both_answered(tmp_path: Path) -> None:
    reply = (
        await _replies(
            [
                "долги около миллиона, 3 банка",
                "папа умер, у него кредиты остались",
                "мне папины долги платить? мои дети потом за мои долги отвечать будут?",
            ],
            tmp_path,
        )
    )[-1]
    assert "наслед" in reply
    assert "не отвеча" in reply


async def test_a_spouse_who_signed_nothing_is_not_liable(tmp_path: Path) -> None:
    reply = (
        await _replies(
            [
                "долг 1,5 млн, автокредит и кредитки",
                "а жене за мой автокредит платить не придется? она нигде не подписывалась",
            ],
            tmp_path,
        )
    )[-1]
    assert "не отвечает" in reply or "не обязан" in reply or "не придётся" in reply


async def test_the_plan_to_re_register_pressed_gets_a_plain_warning(tmp_path: Path) -> None:
    replies = await _replies(
        [
            "долги 2,3 млн. хочу гараж на сестру переписать пока не поздно, можно?",
            "вы не ответили про гараж. переписывать или нет?",
        ],
        tmp_path,
    )
    assert "юрист на консультации" not in replies[-1]
    assert any(w in replies[-1] for w in ("не делайте", "не стоит", "не советую"))


async def test_the_publication_is_answered_from_the_domain(tmp_path: Path) -> None:
    reply = (
        await _replies(
            ["долг 450 тыс", "а публикация где будет? в интернете прям фамилию напишут?"],
            tmp_path,
        )
    )[-1]
    assert "ефрсб" in reply
    assert "уточнит юрист" not in reply
