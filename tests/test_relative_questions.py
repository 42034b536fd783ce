"""Writing for a relative: the script's questions ask about the relative, by the person's word."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from credit_expert.chat import run_chat
from credit_expert.config import load_settings
from credit_expert.models import SessionState
from credit_expert.scripted_writer import relative_forms
from credit_expert.understanding import understand
from credit_expert.understanding.subjects import relative_noun


async def _replies(messages: list[str], tmp_path: Path) -> list[str]:
    settings = load_settings(env={"DATABASE_URL": f"sqlite:///{tmp_path / 'r.db'}"}, dotenv=False)
    stdout = io.StringIO()
    stdin = io.StringIO("".join(m + "\n" for m in messages))
    assert await run_chat(settings, json_mode=True, stdin=stdin, stdout=stdout) == 0
    return [json.loads(line)["reply"] for line in stdout.getvalue().splitlines()]


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("здравствуйте, я пишу за бабулю", "бабушка"),
        ("спрашиваю для свекрови, у неё кредиты", "свекровь"),
        ("вопрос по поводу отца", "папа"),
        ("пишу вместо дочки", "дочь"),
        ("у меня долги", None),
    ],
)
def test_the_relative_written_for_is_named_in_the_persons_word(text: str, word: str | None) -> None:
    assert relative_noun(text) == word


def test_the_reading_carries_the_word_only_when_writing_for_someone() -> None:
    assert understand("пишу за брата, он должен 700 тысяч").on_behalf_word == "брат"
    assert understand("у брата тоже долги, а я должен 700 тысяч").on_behalf_word is None


def test_unknown_relative_is_a_close_one() -> None:
    assert relative_forms("кто-то") == ("ваш близкий", "вашего близкого")
    assert relative_forms("дочь") == ("ваша дочь", "вашей дочери")


def test_the_word_survives_the_session_store() -> None:
    state = SessionState(on_behalf="parent", on_behalf_word="мама")
    assert SessionState.from_json(state.to_json()).on_behalf_word == "мама"


async def test_questions_ask_about_the_relative_long_after_she_was_named(tmp_path: Path) -> None:
    replies = await _replies(
        [
            "добрый день, пишу за свекровь",
            "у неё долг тысяч 350, два банка",
            "не платит месяцев пять",
            "приставов нет",
            "пенсия 21 тысяча",
            "ничего больше нет",
        ],
        tmp_path,
    )
    questions = [r.rsplit(". ", 1)[-1] for r in replies[1:]]
    assert all("свекров" in q for q in questions if "?" in q), questions
    assert not any(" у вас " in f" {q} " for q in questions), questions


async def test_a_person_writing_for_themselves_is_asked_about_themselves(tmp_path: Path) -> None:
    replies = await _replies(["здравствуйте", "долг 500 тысяч, три банка"], tmp_path)
    assert "ваш" not in replies[-1].lower() or "у вас" in replies[-1].lower()
    assert "близк" not in replies[-1].lower()


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("пишу по поводу сестры, долг у неё 400 тыс", "сестра"),
        ("я насчёт брата, он должен банкам 700 тысяч", "брат"),
    ],
)
def test_the_relative_cut_off_after_po_povodu_is_still_written_for(text: str, word: str) -> None:
    reading = understand(text)
    assert reading.on_behalf is not None
    assert reading.on_behalf_word == word
    assert reading.slots.debt_total is not None


def test_a_topic_after_po_povodu_names_no_relative_written_for() -> None:
    assert understand("пишу по поводу долгов, у сестры тоже есть кредиты").on_behalf is None
