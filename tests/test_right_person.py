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
    (
        ["Долг миллион. По одному кредиту брат поручитель", "Что будет с братом, если я банкрот?"],
        ["поручител"],
        ["наследник"],
    ),
    (
        [
            "Долг миллион. По одному кредиту брат поручитель",
            "а сын будет отвечать по моим кредитам?",
        ],
        ["не отвечают"],
        [],
    ),
    (["Долг 500 тысяч. И могут ли за неуплату посадить?"], ["не сажают"], []),
    (["а реструктуризация это что?"], ["график"], []),
    (  # "их" asks about both things named before it
        ["у меня долг 900 тысяч, квартира и машина, их заберут?"],
        ["единственное жильё", "машин"],
        [],
    ),
    (
        ["Долг 900 тысяч", "а пени и штрафы перестанут капать?"],
        ["начислен", "прекращ"],
        ["не списываются"],
    ),
    (  # the person is the guarantor of a brother's loan, not the borrower
        ["Долг 700 тысяч", "я у брата поручителем по одному кредиту — на мне это как скажется?"],
        ["поручител", "с вас"],
        ["ваше банкротство его"],
    ),
    (  # over the МФЦ ceiling the price answer does not say the procedure is free
        [
            "Долг 1 300 000, приставы закрыли производство, взять нечего",
            "а через суд скока по деньгам выйдет примерно?",
        ],
        ["юрист"],
        ["мфц бесплатн", "процедура через мфц бесплатная"],
    ),
    (  # a relative who wants the same help: their own case, they write themselves
        ["Долг 900 тысяч", "брат тоже весь в долгах, ему можно к вам?"],
        ["бесплатн", "сам"],
        ["не отвечают", "не получилось понять"],
    ),
    (
        ["Долг 900 тысяч", "можно маму тоже к вам записать?"],
        ["бесплатн", "сам"],
        ["наследник"],
    ),
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


NEGATED_PLEDGES = [
    (
        ["Долг 900 тысяч. Квартира единственная, не ипотека. Машина не в залоге. Машину заберут?"],
        ["ипотечн", "в залоге обычно", "залогодерж"],
    ),
    (["Долг 900 тысяч. Квартира без ипотеки, единственная. Её заберут?"], ["ипотечн"]),
]


@pytest.mark.parametrize(("said", "unwanted"), NEGATED_PLEDGES, ids=lambda v: str(v)[:40])
async def test_no_pledge_is_read_where_the_person_denied_one(
    said: list[str], unwanted: list[str], tmp_path: Path
) -> None:
    turns = await replay({"turns": said}, tmp_path / "pledge.db")
    reply = turns[-1]["reply"].lower()
    assert not any(word in reply for word in unwanted), reply
    assert "pledged_car" not in (turns[-1].get("debt_approximate") or [])


async def test_a_mothers_flat_with_no_deal_is_not_in_the_persons_case(tmp_path: Path) -> None:
    turns = await replay(
        {"turns": ["Долг 700 тысяч. А квартиру у мамы не заберут?"]}, tmp_path / "m.db"
    )
    reply = turns[-1]["reply"].lower()
    assert "не ваше" in reply and "оспор" not in reply


async def test_a_count_of_flats_is_no_answer_to_the_creditors_question(tmp_path: Path) -> None:
    turns = await replay(
        {"turns": ["долг 900 тысяч", "квартира одна, машина старая. её заберут?"]},
        tmp_path / "count.db",
    )
    assert turns[0]["reply"].lower().count("банк") >= 1  # the creditors question was asked
    assert turns[-1]["slots"]["creditors_count"] is None


async def test_three_questions_with_a_spouse_each_get_their_answer(tmp_path: Path) -> None:
    """The wife's salary, the flat, the price: three answers, the general spouse paragraph
    that a precise one already covers does not push the price out."""
    turns = await replay(
        {
            "turns": [
                "долгов тыщ 800 наверно, 4 банка и мфо",
                "не плачу месяцев 5. жена получает 45 тыщ, ее зарплату тронут? и квартира у нас "
                "одна, без ипотеки, ее заберут? и сколько стоит ваша помощь?",
            ]
        },
        tmp_path / "three.db",
    )
    reply = turns[-1]["reply"].lower()
    assert "супруг" in reply and "единственное жильё" in reply and "цен" in reply, reply
    assert turns[-1]["slots"]["income_monthly"] is None  # the wife's 45 000 is hers


async def test_writing_for_a_parent_her_flat_is_the_debtors_own_home(tmp_path: Path) -> None:
    """ "пишу за маму": the mother is the debtor, so her flat gets the sole-home answer, not
    "не ваше имущество"; she is the lead, her facts are the card's."""
    turns = await replay(
        {
            "turns": [
                "Здравствуйте. Пишу за маму, ей 72. у нее кредиты тыщ 450 примерно и пенсия 23 "
                "тыщи",
                "а её квартиру не заберут? и мне потом её долги не перейдут?",
            ]
        },
        tmp_path / "behalf.db",
    )
    reply = turns[-1]["reply"].lower()
    assert "единственное жильё" in reply and "не ваше" not in reply, reply
    assert "наслед" in reply, reply
    assert turns[-1]["slots"]["debt_total"] == 450_000


async def test_the_spouses_gifted_or_inherited_flat_is_theirs_not_joint(tmp_path: Path) -> None:
    turns = await replay(
        {"turns": ["долг 900 тыс", "у жены своя квартира от родителей, её не тронут?"]},
        tmp_path / "own.db",
    )
    reply = turns[-1]["reply"].lower()
    assert "личн" in reply and "совместное имущество может" not in reply


async def test_a_guarantor_relative_asked_about_gets_the_guarantor_answer(tmp_path: Path) -> None:
    turns = await replay(
        {
            "turns": [
                "Кредитов на 1,8 млн в 5 банках. Сестра была поручителем по одному кредиту на "
                "300 тысяч. Что теперь с сестрой будет?"
            ]
        },
        tmp_path / "g.db",
    )
    reply = turns[-1]["reply"].lower()
    assert "поручител" in reply and "не отвечают по чужим" not in reply, reply
