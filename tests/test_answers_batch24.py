"""Answers a lawyer found missing or from a nearby topic in blind batch 24 (README "Answering"),
each replayed through `chat --json` in other wordings than the transcripts'."""

from __future__ import annotations

from pathlib import Path

import pytest

from credit_expert.models import ActKind, Topic
from credit_expert.understanding import understand
from tests.transcript_check import replay

CASES = [
    # (what was said, words the last reply must hold, words it must not hold)
    (  # the family's only home, bought in marriage, registered to the spouse
        [
            "долг 900 тысяч",
            "дом оформлен на мужа, покупали в браке, живём в нём с детьми. его отнимут?",
        ],
        ["единственн", "ипотек"],
        ["могут продать"],
    ),
    (  # a guarantor's own salary: the bank collects from the guarantor
        ["я поручительница у сестры по кредиту. мою зарплату будут забирать?"],
        ["поручител"],
        ["пособия на детей"],
    ),
    (  # a pension to come: the right stays
        ["долг 600 тыс", "я через два года выхожу на пенсию, её потом будут платить?"],
        ["пенси", "прожиточн"],
        ["пособи"],
    ),
    (  # refinancing loans and the court's refusal: no promise
        [
            "долг 700 тысяч, 9 мфо",
            "суд не откажет из-за того что я брала одни займы чтобы закрыть другие?",
        ],
        ["добросовест"],
        ["не откажет", "точно"],
    ),
    (  # the company's debts and the directorship asked together
        [
            "у меня своё ооо, я там гендиректор. по долгам ооо я буду отвечать?"
            " и руководить смогу дальше?"
        ],
        ["субсидиар", "три года"],
        [],
    ),
    (  # a foreigner
        ["я гражданин узбекистана, живу в москве. иностранцу можно банкротиться?"],
        ["юрист", "иностран"],
        [],
    ),
    (  # a repeat procedure pressed after the 5-year answer
        ["проходил банкротство в 2022 году, можно снова?", "а в суд тоже нельзя? когда смогу?"],
        ["пят"],
        [],
    ),
    (  # a gift to a relative, then "will they take it from her?"
        ["в прошлом году подарила машину дочери. у неё её заберут, если я обанкрочусь?"],
        ["оспор"],
        [],
    ),
]


@pytest.mark.parametrize(("turns", "must", "must_not"), CASES)
async def test_the_answer_is_the_one_asked_for(
    tmp_path: Path, turns: list[str], must: list[str], must_not: list[str]
) -> None:
    replies = await replay({"id": "t", "turns": turns}, tmp_path / "t.db")
    reply = replies[-1]["reply"].lower()
    for word in must:
        assert word in reply, (word, reply)
    for word in must_not:
        assert word not in reply, (word, reply)


READINGS = [
    # (message, the ask topic it must hold)
    ("а на заводе узнают?", Topic.JOB),
    ("коллеги не узнают про это?", Topic.JOB),
    ("скока это вообще по времени длится?", Topic.DURATION),
    ("скоко всё это тянется?", Topic.DURATION),
    ("а брату тоже можно?", Topic.RELATIVE_SERVICE),
    ("а отцу подойдёт?", Topic.RELATIVE_SERVICE),
    ("суд не откажет из-за того что кредиты брал один за другим?", Topic.GUARANTEE),
    ("откажут ли если я займы брала чтобы платить по кредитке?", Topic.GUARANTEE),
    ("два года назад продала дачу дочери. у неё её отберут?", Topic.DEAL_WITH_RELATIVE),
    ("солярис у меня в залоге у банка. машину заберут?", Topic.PLEDGED_CAR),
]


@pytest.mark.parametrize(("text", "topic"), READINGS)
def test_the_question_is_read_with_its_topic(text: str, topic: Topic) -> None:
    asked = [a.topic for a in understand(text).acts if a.kind is ActKind.ASK]
    assert topic in asked, (text, asked)
