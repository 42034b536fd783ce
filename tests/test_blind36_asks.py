"""What a question asks, from blind batch 36: "что мне тогда делать" after the honest exit,
a credit card "потом дадут", a microloan forgotten in the МФЦ application, being sent away
"с завода", another month "пропустим"; and the answer texts that must say plainly what was
asked (the criminal risk, the collectors' call limits, the travel ban, other property sold,
a debt left out, a hidden garage), and the job of the relative written for.
Each case in other wordings, and one that must not match."""

from __future__ import annotations

from pathlib import Path

import pytest

from credit_expert.models import Subject, Topic
from tests.reading_helpers import asked_topics as _asked
from tests.reading_helpers import prompt_table
from tests.transcript_check import replay

ANSWERS = prompt_table("answers")


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        ("а что мне тогда делать", Topic.HOW_IT_WORKS),
        ("и чё мне делать тогда", Topic.HOW_IT_WORKS),
        ("что нам теперь делать?", Topic.HOW_IT_WORKS),
        ("и кредитку мне потом вообще дадут когда нибудь?", Topic.CREDIT_HISTORY),
        ("а ипотеку мне потом хоть когда-нибудь дадут?", Topic.CREDIT_HISTORY),
        ("и если одну мфошку забуду вписать?", Topic.UNLISTED_DEBT),
        ("а если микрозайм не впишу в заявление?", Topic.UNLISTED_DEBT),
        ("и что будет если ещё месяц пропустим?", Topic.NON_PAYMENT),
        ("а если я опять просрочу платёж?", Topic.NON_PAYMENT),
        ("и с завода его не выгонят из-за банкротства?", Topic.JOB),
        ("меня из школы не попросят?", Topic.JOB),
    ],
)
def test_a_question_in_plain_words_names_its_topic(text: str, topic: Topic) -> None:
    assert topic in _asked(text)


def test_sent_away_from_the_workplace_is_no_fear_for_the_home() -> None:
    asked = _asked("и с завода его не выгонят из-за банкротства?")
    assert Topic.FLAT not in asked


def test_evicted_from_the_flat_is_still_the_home() -> None:
    assert Topic.FLAT in _asked("из квартиры нас не выгонят?")


def test_a_missed_call_is_no_missed_payment() -> None:
    assert Topic.NON_PAYMENT not in _asked("если пропущу звонок юриста, перезвоните?")


@pytest.mark.parametrize(
    ("key", "words"),
    [
        # "посадят?": the plain rule — no crime by itself, intent and hiding are
        ("criminal", ("умышлен", "сокрыт")),
        ("criminal_deal", ("умышлен", "сокрыт")),
        ("criminal_tax", ("умышлен", "сокрыт")),
        # "коллекторы имеют право звонить 10 раз в день??": the law and its limits
        ("collectors", ("230",)),
        # "так выпустят или нет??": the court may restrict travel until the case ends
        ("travel", ("ограничить выезд", "ограничение выезда")),
        # "дачу заберут?": it can be sold
        ("property", ("продать", "может быть продан", "конкурсн")),
        # "гараж на сестру перепишу?": the deal is challenged, release refused
        ("hide_property", ("оспор", "оспар")),
        # "одну мфошку забуду вписать?": it stays, it is not written off
        ("unlisted_debt", ("останется", "остаётся", "не спиш", "не списыва", "полн")),
        # the writer, a relative: collectors may not talk to them without written consent
        ("collectors_writer_relative", ("письменного согласия", "не вправе")),
    ],
)
def test_every_answer_variant_says_plainly_what_was_asked(key: str, words: tuple[str, ...]) -> None:
    table = ANSWERS["answer"][key]
    for text in [*table["short"], *table["full"]]:
        assert any(w in text.lower() for w in words), text


def test_every_collectors_variant_names_the_three_limits() -> None:
    table = ANSWERS["answer"]["collectors"]
    for text in table["short"]:
        assert all(part in text for part in ("раз", "в неделю", "в месяц")), text


async def _replies(turns: list[str], tmp_path: Path) -> list[str]:
    return [t["reply"] for t in await replay({"turns": turns}, tmp_path / "x.db", seed=0)]


async def test_the_fathers_job_is_answered_of_him_beside_his_garage(tmp_path: Path) -> None:
    replies = await _replies(
        [
            "добрый вечер, я насчёт папы. у него долги 1.9 млн, 6 банков, не платит 10 месяцев",
            "у него ещё гараж есть. гараж заберут? и с завода его не выгонят из-за банкротства?",
        ],
        tmp_path,
    )
    last = replies[-1].lower()
    assert "не основание для увольнения" in last or "не повод для увольнения" in last
    assert "уволить вас" not in last and "продать" in last
    assert "единственное жильё" not in last.split("гараж")[-1]  # no home answer for "выгонят"


async def test_what_to_do_after_the_honest_exit_names_the_bank(tmp_path: Path) -> None:
    replies = await _replies(
        [
            "у меня долг по кредитной карте 55 тысяч, просрочка месяц, работаю официально",
            "а что мне тогда делать",
        ],
        tmp_path,
    )
    assert any(w in replies[-1].lower() for w in ("реструктуризац", "каникул", "уполномоченн"))


async def test_three_asks_in_one_message_each_get_their_sentence(tmp_path: Path) -> None:
    replies = await _replies(
        [
            "долг 1 600 000, 5 банков, не плачу с мая",
            "в прошлом году продал машину брату за 300 тыс",
            "эту сделку могут отменить? брату придётся машину отдавать? и меня за это не посадят?",
        ],
        tmp_path,
    )
    last = replies[-1].lower()
    assert "оспор" in last and "умышлен" in last


@pytest.mark.parametrize("subject", [Subject.PARENT])
def test_the_job_answer_for_a_relative_never_says_you(subject: Subject) -> None:
    table = ANSWERS["answer"]["job_relative"]
    for text in [*table["short"], *table["full"]]:
        assert "{who}" in text and " вас " not in text, (subject, text)


async def test_five_asks_in_one_message_each_get_their_sentence(tmp_path: Path) -> None:
    # (no cap on the questions answered: the fifth is never left to "the lawyer says the rest")
    replies = await _replies(
        [
            "долг 900 тыс, 3 банка, не плачу полгода",
            "квартиру заберут? машину заберут? с работы уволят? за границу выпустят? кредит потом"
            " дадут?",
        ],
        tmp_path,
    )
    last = replies[-1].lower()
    for stem in ("единственн", "продать", "увольнени", "выезд", "кредитную истори"):
        assert stem in last, (stem, last)
