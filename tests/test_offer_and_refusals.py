"""The script's policy where the lawyer's review found it wrong (findings 1, 2, 12, 17–20, 23).

Replayed end to end through `chat --json`, as QA replays transcripts: the offer and its
statutory warning before every booking; a "no" to consent respected; gentle turns after
a crisis; a soft refusal closed politely; honest texts for small debts and trust.
"""

from __future__ import annotations

import json
import re
import tempfile
import tomllib
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from credit_expert.scripted_writer import SCRIPT_FILE, STATUTORY_WARNING
from tests.transcript_check import DATA, replay


async def talk(tmp_path: Path, *turns: str) -> list[dict[str, Any]]:
    return await replay({"id": "t", "turns": list(turns)}, tmp_path / "t.db")


def _questions(reply: str) -> int:
    return reply.count("?")


# --- finding 23: no booking without the route and the statutory warning -----------------------


async def test_every_transcript_that_books_heard_the_warning_before_the_confirmation() -> None:
    """All transcripts in tests/data: whoever reaches `booked` got the verbatim warning in
    some reply before the booking confirmation (QA's, blind batches and ours)."""
    missing, booked = [], 0
    for path in sorted(DATA.glob("*dialogues.json")):
        for dialogue in json.loads(path.read_text(encoding="utf-8")):
            with tempfile.TemporaryDirectory() as tmp:
                turns = await replay(dialogue, Path(tmp) / "w.db")
            heard = False
            for i, turn in enumerate(turns):
                reply = turn["reply"]
                if turn["stage"] == "booked" and (i == 0 or turns[i - 1]["stage"] != "booked"):
                    booked += 1
                    before = reply.split("записала")[0] if "записала" in reply else ""
                    if not heard and STATUTORY_WARNING not in before:
                        missing.append(f"{path.name}:{dialogue['id']} turn {i + 1}")
                    break
                heard = heard or STATUTORY_WARNING in reply
    assert booked >= 100  # the check has something to check
    assert not missing, missing


async def test_call_asked_at_the_first_turn_hears_both_routes_and_the_warning(
    tmp_path: Path,
) -> None:
    turns = await talk(tmp_path, "Долг 1 млн, перезвоните")
    first = turns[0]
    assert first["stage"] == "booking"
    reply = first["reply"]
    assert STATUTORY_WARNING in reply
    assert "МФЦ" in reply.split(STATUTORY_WARNING)[0] and "суд" in reply
    # the consent message asks nothing but the consent, and the warning comes before it
    assert _questions(reply) == 1 and "согласи" in reply.split(STATUTORY_WARNING)[1]


async def test_phone_given_before_consent_gets_the_route_inside_the_consent_message(
    tmp_path: Path,
) -> None:
    turns = await talk(
        tmp_path,
        "долг 2 млн 6 банков полгода не плачу Тюмень официально 48к, приставов нет, "
        "имущества нет, звоните 89220001122 после 5 вечера",
        "да согласен",
    )
    assert STATUTORY_WARNING in turns[0]["reply"]
    assert "арбитражн" in turns[0]["reply"]  # the route the facts decide: court
    assert turns[1]["stage"] == "booked"
    assert STATUTORY_WARNING not in turns[1]["reply"]  # said once, not twice


async def test_after_the_offer_the_consent_message_does_not_repeat_it(tmp_path: Path) -> None:
    turns = await talk(
        tmp_path,
        "долг 300 тыщ, 2 банка, не плачу 2 года",
        "приставы всё закрыли, взыскать нечего, новых производств нет, я не работаю",
        "имущества нет, ипотеки нет, ничего не продавала, Воронеж",
        "да, пусть позвонит",
    )
    assert STATUTORY_WARNING in turns[2]["reply"]
    assert turns[3]["stage"] == "booking"
    assert STATUTORY_WARNING not in turns[3]["reply"]


async def test_a_tiny_debt_asking_for_the_call_hears_no_route_promise(tmp_path: Path) -> None:
    turns = await talk(tmp_path, "займ в мфо 18 тысяч, перезвоните мне")
    reply = turns[0]["reply"]
    assert STATUTORY_WARNING in reply
    assert "не оправдано" in reply and "подходит банкротство" not in reply


# --- finding 17: a "no" to consent -------------------------------------------------------------


async def test_no_to_consent_is_explained_once_and_never_asked_again(tmp_path: Path) -> None:
    turns = await talk(
        tmp_path,
        "Перезвоните мне на 89161234567, долг 700 тысяч, хочу банкротство",
        "нет, я не согласен на обработку данных",
        "а почему без согласия нельзя просто позвонить?",
        "ну ладно. а зарплату мне хоть какую-то оставят?",
        "ладно, пусть юрист позвонит",
    )
    refused, why, salary, again = (t["reply"].lower() for t in turns[1:])
    assert "персональных данных" in refused and "?" not in refused  # no push in that turn
    assert turns[2]["stage"] != "booking"
    assert "согласи" in why and "152-фз" in why
    assert "требует закон" not in why and "требование закона" not in why  # the firm's rule
    assert "стоимость" not in why and "рассрочк" not in why  # not the price paragraph
    for reply in (why, salary):
        assert "example.com/privacy" not in reply and "согласие?" not in reply
    assert "прожиточн" in salary
    # asking for the call again brings the consent question back
    assert turns[4]["stage"] == "booking" and "согласи" in again


# --- finding 18: after a crisis ----------------------------------------------------------------


_SALES = ("консультац", "юрист бесплатно", "запиш", "рассрочк", "стоимость")


async def test_after_a_crisis_questions_are_answered_gently_without_script_or_sales(
    tmp_path: Path,
) -> None:
    turns = await talk(
        tmp_path,
        "Здравствуйте. Долгов 2 миллиона, 7 банков, коллекторы звонят маме. "
        "Я уже не хочу жить, честно.",
        "спасибо что ответили. мне немного легче. а маме правда могут звонить коллекторы?",
        "я подумаю про консультацию",
        "пусть юрист позвонит",
    )
    crisis, question, thinking, call = turns
    assert "112" in crisis["reply"]
    assert crisis["slots"]["debt_total"] == 2_000_000  # kept: never asked again
    assert crisis["slots"]["creditors_count"] == 7
    assert "согласи" in question["reply"]  # the answer about relatives
    for turn in (question, thinking):
        reply = turn["reply"].lower()
        assert "?" not in reply, reply  # no script question
        assert not any(word in reply for word in _SALES), reply
        assert "сколько" not in reply  # the debt is not asked again
    assert "112" in question["reply"] + thinking["reply"]
    assert call["stage"] == "booking"  # the person asked for the call: the script resumes


async def test_facts_after_a_crisis_are_noted_and_only_going_on_resumes_the_script(
    tmp_path: Path,
) -> None:
    turns = await talk(
        tmp_path,
        "сил больше нет, иногда думаю руки на себя наложить",
        "долг 3 миллиона, 4 банка",
        "а это правда можно как то решить?",
        "официально не работаю",
        "хорошо, давайте продолжим",
    )
    facts, hope, more, go_on = turns[1:]
    assert facts["slots"]["debt_total"] == 3_000_000  # noted, never asked again
    for turn in (facts, hope, more):
        reply = turn["reply"].lower()
        assert "?" not in reply, reply  # no script question
        assert not any(word in reply for word in _SALES), reply
    # hope, and no route advertised (so no statutory warning either)
    assert "мфц" not in hope["reply"].lower() and "негативные последствия" not in hope["reply"]
    assert "выход" in hope["reply"] or "решени" in hope["reply"] or "решаем" in hope["reply"]
    assert more["reply"].strip()  # heard: never silence
    assert go_on["reply"].rstrip().endswith("?")  # asked to go on: the script resumes


# --- finding 19: a soft refusal ----------------------------------------------------------------


@pytest.mark.parametrize("refusal", ["не нужно мне ничего", "не нужно мне без гарантий"])
async def test_a_soft_refusal_gets_a_polite_close_and_no_question(
    tmp_path: Path, refusal: str
) -> None:
    turns = await talk(tmp_path, "долг 1.6 млн", refusal, "а квартиру заберут? она единственная")
    close = turns[1]
    assert "не настаиваю" in close["reply"] or "уговаривать не буду" in close["reply"]
    assert "?" not in close["reply"]
    assert close["stage"] != "opted_out"  # not an opt-out: /stop stays separate
    assert "единственное жильё" in turns[2]["reply"].lower()  # writing again: answered


async def test_filing_alone_at_the_mfc_gets_a_helpful_close(tmp_path: Path) -> None:
    turns = await talk(
        tmp_path,
        "долг 300 тыщ, 2 банка, не плачу 2 года",
        "приставы всё закрыли, взыскать нечего, новых производств нет, я не работаю",
        "имущества нет, ипотеки нет, ничего не продавала, Воронеж",
        "тогда я сама в мфц схожу, спасибо",
    )
    reply = turns[3]["reply"].lower()
    assert "бесплатно" in reply and "кредитор" in reply
    assert "?" not in reply and "запиш" not in reply


# --- findings 1, 2, 12, 20: the texts ----------------------------------------------------------


def _script_texts() -> list[tuple[str, str]]:
    with SCRIPT_FILE.open("rb") as file:
        data = tomllib.load(file)
    found: list[tuple[str, str]] = []

    def walk(prefix: str, node: dict[str, Any]) -> None:
        for key, value in node.items():
            if key == "variants":
                found.extend((prefix, text) for text in value)
            elif isinstance(value, dict):
                walk(f"{prefix}.{key}" if prefix else key, value)

    walk("", data)
    return found


# "долги списываются", "спишут", "будут списаны": a promise of the outcome (38-ФЗ art. 28.1).
_PROMISE = re.compile(r"(?<!не )\b(?:списываются|спишут|будут списаны|списываем|спишем)\b")


def test_no_script_text_promises_that_debts_are_written_off() -> None:
    texts = _script_texts()
    assert len(texts) > 50
    for key, text in texts:
        assert not _PROMISE.search(text.lower()), (key, text)
        assert "ничего не просим" not in text.lower(), (key, text)


def test_no_route_text_is_left_unused() -> None:
    keys = {key for key, _ in _script_texts()}
    assert not {k for k in keys if k.startswith("route.")}


def test_the_small_debt_exits_name_the_creditor_not_only_a_bank() -> None:
    texts = dict(_script_texts())
    assert "МФО" in texts["not_a_fit_tiny"]
    assert "приставы окончат" not in texts["not_a_fit_tiny"]  # no МФЦ hope below 25 000 ₽


# --- an earlier bankruptcy: the 5-year pause before any route ----------------------------------


# The answers of a court case after the debt is told: creditors, overdue, bailiffs, income,
# property, mortgage, deals, city
_COURT_CASE_ANSWERS = (
    "4 банка",
    "полгода не плачу",
    "приставов нет",
    "работаю официально 45 тысяч",
    "ничего нет",
    "нет",
    "нет",
    "омск",
)


def _offer(turns: list[dict[str, Any]]) -> str:
    return next(t["reply"] for t in turns if STATUTORY_WARNING in t["reply"])


async def test_an_earlier_bankruptcy_told_unasked_hears_the_five_years_then_the_offer_waits_on_them(
    tmp_path: Path,
) -> None:
    """ "я уже банкротилась через суд": the pause is said at once (DOMAIN: cannot file again for
    5 years), and the offer puts the route under that condition before naming it."""
    turns = await talk(
        tmp_path,
        "здравствуйте",
        "я уже банкротилась через суд, сейчас опять долги 900 тысяч",
        *_COURT_CASE_ANSWERS,
    )
    told = turns[1]["reply"].lower()
    assert "5 лет" in told or "пять лет" in told
    offer = _offer(turns)
    route = offer.lower().index("арбитражн")
    pause = offer.lower().find("5 лет")
    assert 0 <= pause < route, offer


async def test_no_earlier_bankruptcy_no_five_year_condition_in_the_offer(tmp_path: Path) -> None:
    turns = await talk(
        tmp_path,
        "долг 900 тысяч, 4 банка",
        "полгода",
        "нет",
        "работаю официально 45 тысяч",
        "ничего нет",
        "нет",
        "нет",
        "омск",
    )
    offer = _offer(turns)
    assert "уже было" not in offer and "завершения прошлого" not in offer


async def test_an_earlier_bankruptcy_ended_less_than_five_years_ago_names_the_year(
    tmp_path: Path,
) -> None:
    """ "процедура закончилась в 2022" (two years ago, on the real clock the replay runs on):
    filing again is barred until 5 years after, said in the offer before the route."""
    ended = datetime.now(UTC).year - 2
    turns = await talk(
        tmp_path,
        "здравствуйте",
        f"я уже банкротилась, процедура закончилась в {ended} году, сейчас опять долги 900 тысяч",
        *_COURT_CASE_ANSWERS,
    )
    offer = _offer(turns)
    until = str(ended + 5)
    assert until in offer and offer.index(until) < offer.lower().index("арбитражн"), offer


async def test_a_first_message_that_asks_gets_the_short_introduction(tmp_path: Path) -> None:
    """The answer comes sooner on a phone: the virtual assistant named in one short sentence."""
    asked = (await talk(tmp_path, "коллекторы звонят маме, они вообще имеют право?"))[0]["reply"]
    assert "виртуальный помощник" in asked and "по вопросам долгов" not in asked, asked
    plain = (await talk(tmp_path / "b", "здравствуйте"))[0]["reply"]
    assert "виртуальный помощник" in plain


async def test_the_feeling_named_outright_is_the_one_acknowledged(tmp_path: Path) -> None:
    """ "имеют право?? мне страшно": indignation and fear; the fear said is acknowledged."""
    reply = (await talk(tmp_path, "коллекторы звонят маме, они имеют право?? мне страшно"))[0]
    assert re.search(r"тревог|страш|бояться|пугает", reply["reply"].lower()), reply["reply"]
