"""What a question asks, from blind batch 37: the spouse's own debts asked into the person's
case, the spouse drawn into the person's debts by a pronoun ("а его самого"), the place of
study, collectors coming home, a household item named alone after a question of a taking,
whether bankruptcy is lawful, the honest exit's plain reason, and a relative's flat pressed.
Each case in other wordings, and one that must not match."""

from __future__ import annotations

from pathlib import Path

import pytest

from credit_expert.models import Topic
from tests.reading_helpers import asked_topics as _asked
from tests.reading_helpers import prompt_table
from tests.transcript_check import replay

ANSWERS = prompt_table("answers")
SCRIPT = prompt_table("script")


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        ("её долги тоже в моё дело войдут?", Topic.SPOUSE),
        ("а долги мужа в мое банкротство включат?", Topic.SPOUSE),
        ("а его самого могут к моим долгам привлечь?", Topic.SPOUSE),
        ("мужа к моим кредитам привлекут?", Topic.SPOUSE),
        ("и в универ сообщат?", Topic.JOB),
        ("в колледже узнают?", Topic.JOB),
        ("из института не отчислят?", Topic.JOB),
        ("дачу заберут? и гараж? а холодильник с телевизором тоже?", Topic.HOUSEHOLD),
        ("машину заберут? а телевизор?", Topic.HOUSEHOLD),
    ],
)
def test_a_question_in_plain_words_names_its_topic(text: str, topic: Topic) -> None:
    assert topic in _asked(text)


def test_drawn_into_the_debts_is_no_criminal_charge() -> None:
    assert Topic.CRIMINAL not in _asked("мужа к моим кредитам привлекут?")
    assert Topic.CRIMINAL in _asked("меня привлекут к уголовной?")


async def _replies(turns: list[str], tmp_path: Path, seed: int = 0) -> list[str]:
    return [t["reply"] for t in await replay({"turns": turns}, tmp_path / "x.db", seed=seed)]


async def test_the_wifes_own_debts_stay_her_own_case(tmp_path: Path) -> None:
    replies = await _replies(
        [
            "ижевск. долгов 700 тысяч, 3 банка, работаю. жена тоже в долгах, у неё мфо тысяч на"
            " 200. её долги тоже в моё дело войдут? и нам обоим можно через вас?"
        ],
        tmp_path,
    )
    last = replies[-1].lower()
    assert "отдельн" in last and "личн" in last
    assert "уточнит юрист на консультации" not in last


async def test_a_husband_who_signed_nothing_is_not_liable_asked_by_pronoun(
    tmp_path: Path,
) -> None:
    replies = await _replies(
        [
            "долг миллион триста, 5 банков, не плачу 3 месяца",
            "у мужа зарплата 210 тыс, а я не работаю",
            "а его самого могут к моим долгам привлечь? он нигде не подписывался",
        ],
        tmp_path,
    )
    last = replies[-1].lower()
    assert "не отвечает" in last or "не обязан" in last
    assert "юрист на консультации" not in last


async def test_the_university_is_not_notified(tmp_path: Path) -> None:
    replies = await _replies(
        ["я студентка, микрозаймов тысяч на 70, 7 мфо", "и в универ сообщат?"], tmp_path
    )
    last = replies[-1].lower()
    assert "не сообща" in last or "не уведом" in last or "не пишет" in last


async def test_collectors_coming_home_pressed_get_the_visit_and_seizure_rules(
    tmp_path: Path,
) -> None:
    replies = await _replies(
        [
            "долгов тыщ 900, банки и мфо, штук 6",
            "а коллекторы могут домой прийти описывать имущество?",
            "так могут коллекторы домой прийти или нет?? ответьте",
        ],
        tmp_path,
    )
    for reply in replies[1:]:
        assert "пристав" in reply.lower()
    assert "недел" in replies[-1].lower()  # 230-ФЗ: a personal visit at most once a week


async def test_a_fridge_in_a_third_question_is_answered(tmp_path: Path) -> None:
    replies = await _replies(
        ["должен 3,2 млн, банков 5", "дачу заберут? и гараж? а холодильник с телевизором тоже?"],
        tmp_path,
    )
    last = replies[-1].lower()
    assert "обычн" in last or "бытов" in last
    assert "уточнит юрист на консультации" not in last


@pytest.mark.parametrize("text", ["это вообще законно?", "законно ли это?", "а это легально?"])
async def test_lawfulness_is_answered_with_the_law(text: str, tmp_path: Path) -> None:
    replies = await _replies(["долг около 1,2 млн, 4 банка", text], tmp_path)
    last = replies[-1]
    assert "127-ФЗ" in last and "уточнит юрист" not in last


def test_every_legality_wording_names_the_law_and_promises_nothing() -> None:
    table = ANSWERS["answer"]["legal"]
    for text in [*table["short"], *table["full"]]:
        assert "127-ФЗ" in text
        assert "спишут" not in text and "гарант" not in text


def test_the_honest_exit_says_why_in_plain_words() -> None:
    for text in SCRIPT["not_a_fit"]["variants"]:
        assert "300 000" in text and "невыгод" in text
        assert "МФЦ" not in text  # the exit names no route (no statutory warning needed)


@pytest.mark.parametrize("seed", [0, 1, 2])
async def test_a_fathers_flat_pressed_opens_with_a_plain_no(seed: int, tmp_path: Path) -> None:
    replies = await _replies(
        [
            "живу в квартире родителей, она оформлена на отца. долгов 850 тысяч, 3 банка."
            " родительскую квартиру не заберут?",
            "так квартиру отца не заберут? отец очень переживает, ответьте",
        ],
        tmp_path,
        seed=seed,
    )
    last = replies[-1]
    assert last.startswith("Нет") and ("не входит" in last or "не заберут" in last)


async def test_what_can_be_done_after_a_crisis_gets_the_calm_fact(tmp_path: Path) -> None:
    """b37a_15: "расскажите что вообще можно сделать с долгами" after a crisis message and
    "я ничего не сделаю" got "Тут не хочу гадать"; it is the calm fact (a court procedure
    exists for such a debt), with no script question."""
    turns = await replay(
        {
            "turns": [
                "долгов 3 млн, 8 банков. не хочу жить уже если честно",
                "спасибо. я ничего не сделаю, просто устал. расскажите что вообще можно "
                "сделать с долгами",
            ]
        },
        tmp_path / "x.db",
    )
    reply = turns[-1]["reply"].lower()
    assert "суд" in reply and "гадать" not in reply and "?" not in reply
