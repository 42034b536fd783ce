"""What a question asks, from blind batch 38: "his money", "her car" — the relative the
message names (the husband's pay, the wife's car bought in marriage); where the number
goes; "я за него отвечаю?" of a relative's loan; and the wordings every variant of an
answer must hold (no crime without intent, the relatives' own income, parents not made to
pay a grown child's debts, deductions stopped by the МФЦ procedure). Each case in other
wordings, and one that must not match."""

from __future__ import annotations

from pathlib import Path

import pytest

from credit_expert.models import Topic
from tests.reading_helpers import asked_topics as _asked
from tests.reading_helpers import prompt_table
from tests.transcript_check import replay

ANSWERS = prompt_table("answers")


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        # his money, the husband named in the message or the writer a wife
        (
            "у мужа выплаты большие, но он говорит это его деньги. а его деньги могут забрать"
            " за мои долги?",
            Topic.SPOUSE_SALARY,
        ),
        (
            "а его выплаты не заберут за мои долги? и можно мне как жене военного каникулы?",
            Topic.SPOUSE_SALARY,
        ),
        ("выплаты мужа не заберут?", Topic.SPOUSE_SALARY),
        ("муж много получает. а её зарплату за мои кредиты тронут?", Topic.SPOUSE_SALARY),
        # his money, a son named: the relative's own income
        (
            "сын работает, получает 90. а его выплаты за мои кредиты не заберут?",
            Topic.RELATIVE_SALARY,
        ),
        # her car, the wife named
        ("у жены машина. и машину ее заберут или нет?", Topic.SPOUSE),
        # where the number goes
        ("а номер мой куда пойдет?", Topic.CONSENT_INFO),
        ("куда уйдет мой телефон?", Topic.CONSENT_INFO),
        # a relative's loan, "it", answered for
        ("и у жены кредит 300 тыс на ней, я за него отвечаю?", Topic.SPOUSE),
        ("у сына кредит на нем, я за него отвечаю?", Topic.CHILDREN),
    ],
)
def test_a_question_in_plain_words_names_its_topic(text: str, topic: Topic) -> None:
    assert topic in _asked(text)


def test_his_money_with_no_relative_named_is_not_guessed() -> None:
    # nobody named: "его" is no one known, so no relative's answer is given
    topics = _asked("а его деньги могут забрать за мои долги?")
    assert Topic.SPOUSE_SALARY not in topics and Topic.RELATIVE_SALARY not in topics


def test_the_number_asked_for_by_the_firm_is_no_data_question() -> None:
    assert Topic.CONSENT_INFO not in _asked("на какой номер вам позвонить?")


async def _replies(turns: list[str], tmp_path: Path, seed: int = 0) -> list[str]:
    return [t["reply"] for t in await replay({"turns": turns}, tmp_path / "x.db", seed=seed)]


async def test_the_wifes_car_bought_in_marriage_is_joint(tmp_path: Path) -> None:
    replies = await _replies(
        [
            "долг около миллиона, 4 банка, не плачу 5 месяцев",
            "жена работает официально, 60 тысяч получает",
            "а у жены зарплату не тронут? и машину ее заберут или нет?",
        ],
        tmp_path,
    )
    last = replies[-1].lower()
    assert "совместн" in last or "долю" in last
    assert "защиты, как у единственного жилья" not in last


async def test_where_the_number_goes_names_who_and_forget(tmp_path: Path) -> None:
    replies = await _replies(
        ["долг 1,9 млн, 3 банка, не плачу 2 месяца", "а номер мой куда пойдет? боюсь утечки"],
        tmp_path,
    )
    last = replies[-1]
    assert "/forget" in last and "России" in last


def test_no_crime_variant_says_intent() -> None:
    table = ANSWERS["answer"]["criminal"]
    for text in table["short"]:
        assert "не преступлен" in text or "умысел" in text, text


def test_relatives_salary_names_no_one_relative() -> None:
    # the answer is given of a daughter, a mother, a brother: it names none of them alone
    for text in ANSWERS["answer"]["relative_salary"]["short"]:
        assert "сына," not in text and "дочери," not in text


def test_relatives_liability_says_they_need_not_pay() -> None:
    for text in ANSWERS["answer"]["children"]["short"]:
        lowered = text.lower()
        assert "не обязан" in lowered or "не отвечают" in lowered
    assert "не обязаны" in ANSWERS["answer"]["children"]["short"][0]


def test_deductions_for_a_relative_say_they_stop() -> None:
    # "маме пенсию перестанут удерживать если через мфц?": said plainly, not "на паузу"
    table = ANSWERS["answer"]["deductions_relative"]
    for text in [*table["short"], *table["full"]]:
        assert "приостан" in text, text
