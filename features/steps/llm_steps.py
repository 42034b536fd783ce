"""LLM-specific steps: a local OpenAI-compatible server answers for Daria.

Everything else (the person writes, Daria asks, stages, leads) comes from
dialogue_steps.py; environment.py gives each scenario its `env` and `cleanups`.
"""

from __future__ import annotations

import json
import sqlite3
import sys
import time
from pathlib import Path

from behave import given, then, when

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests.fake_openai_server import FakeOpenAIServer, draft_of, guarantee, stall  # noqa: E402

LLM_TIMEOUT = 1.0


@given("Дарья пишет ответы через LLM")
def daria_uses_llm(context) -> None:
    assert context.app is None, "LLM подключают до первого сообщения"
    server = FakeOpenAIServer().start()
    context.cleanups.append(server.stop)
    context.llm = server
    context.env.update(
        {
            "OPENAI_API_KEY": "test-key",
            "OPENAI_BASE_URL": server.base_url,
            "LLM_TIMEOUT": str(LLM_TIMEOUT),
        }
    )


@when("LLM на следующем ходу обещает гарантированное списание")
def llm_will_promise(context) -> None:
    context.llm.enqueue(guarantee())


@when("LLM на следующем ходу зависает")
def llm_will_stall(context) -> None:
    context.llm.enqueue(stall(LLM_TIMEOUT + 3))
    context.turn_started = time.perf_counter()


def _answered(context) -> list:
    return [r for r in context.replies if r is not None and r.text]


@then("каждый ответ написал LLM")
def every_reply_by_llm(context) -> None:
    """The fake model rewords the script: the person must get the model's words."""
    answered = _answered(context)
    for reply in answered:
        assert reply.writer == "llm", f"{reply.rejection}: {reply.text}"
    sent = context.llm.replies
    assert len(sent) == len(answered), (len(sent), len(answered))
    requests = context.llm.chat_requests
    for reply, words, request in zip(answered, sent, requests, strict=True):
        assert reply.text == words.replace("[телефон]", "+7 922 600-11-22"), (reply.text, words)
        assert words != draft_of(request.body), f"модель повторила скрипт: {words}"


@then("на каждый ход ушёл ровно один запрос к LLM")
def one_call_per_turn(context) -> None:
    assert context.llm.calls == len(_answered(context)), context.llm.calls


@then("номер телефона ни разу не ушёл в LLM")
def no_phone_sent(context) -> None:
    for request in context.llm.chat_requests:
        prompt = json.dumps(request.body, ensure_ascii=False)
        assert "600-11-22" not in prompt and "6001122" not in prompt


@then('ответ написан по скрипту, причина отказа LLM "{reason}"')
def reply_by_script(context, reason: str) -> None:
    reply = context.replies[-1]
    assert reply is not None and reply.text, "ответа нет"
    assert (reply.writer, reply.rejection) == ("script", reason), (reply.writer, reply.rejection)


@then('в базе у ответа записана причина отказа "{reason}"')
def stored_rejection(context, reason: str) -> None:
    path = context.env["DATABASE_URL"].removeprefix("sqlite:///")
    with sqlite3.connect(path) as db:
        row = db.execute(
            "SELECT writer, rejection, tokens_in FROM bot_messages"
            " WHERE direction = 'out' ORDER BY id DESC LIMIT 1"
        ).fetchone()
    assert row is not None and row[:2] == ("script", reason), row
    assert row[2] > 0, "токены отвергнутого ответа не записаны"


@then("ответ пришёл не позже чем через LLM_TIMEOUT + 1 секунду")
def answered_in_time(context) -> None:
    elapsed = time.perf_counter() - context.turn_started
    assert elapsed < LLM_TIMEOUT + 1, f"{elapsed:.2f} с"
