"""tests/corpus/hostile.txt through `chat`: injections, fake system lines, requests for
guarantees or the prompt, control and zero-width characters, RTL, Unicode digits, 10 000+
characters, SQL, HTML, format strings, absurd numbers, in Russian and English.

Every message is answered and nothing crashes, offline and with an LLM server that fails
every request. (What hostile numbers become as facts is the reader's business and its
tests; here only answers and no crash.)"""

from __future__ import annotations

import asyncio
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from fake_openai_server import FakeOpenAIServer, http_error

from credit_expert.app import build_app
from credit_expert.chat import ChatSession
from credit_expert.config import load_settings

ROOT = Path(__file__).resolve().parent.parent
CONCURRENT = 16
CORPUS = Path(__file__).resolve().parent / "corpus" / "hostile.txt"


def corpus() -> list[str]:
    # split on "\n" only: the corpus holds other line-breaking characters (\x0b, \x1c...)
    return CORPUS.read_text(encoding="utf-8").split("\n")[:-1]


def test_the_corpus_is_what_it_claims() -> None:
    messages = corpus()
    assert len(messages) >= 300
    assert sum(len(m) >= 10_000 for m in messages) >= 3
    cyrillic = sum(any("а" <= ch.lower() <= "я" for ch in m) for m in messages)
    assert cyrillic >= 150 and len(messages) - cyrillic >= 60  # Russian and English
    for sample in ("\u200b", "\u202e", "DROP TABLE", "<script>", "{{7*7}}", "1e308", "\x00"):
        assert any(sample in m for m in messages), sample


async def answer_each(settings) -> list[str]:
    """Each message as the first words of a fresh person: the reply Daria sends."""
    app = await build_app(settings)
    try:
        replies: list[str] = []
        messages = list(enumerate(corpus(), start=1))
        for start in range(0, len(messages), CONCURRENT):  # people write at the same time
            chunk = messages[start : start + CONCURRENT]
            answered = await asyncio.gather(
                *(ChatSession(app, 10_000 + number).say(text) for number, text in chunk)
            )
            replies += [reply.text if reply is not None else "" for reply in answered]
        return replies
    finally:
        await app.close()


async def test_every_hostile_message_is_answered_offline(tmp_path) -> None:
    settings = load_settings({"DATABASE_URL": f"sqlite:///{tmp_path / 'h.db'}"}, dotenv=False)
    replies = await answer_each(settings)
    unanswered = [i for i, reply in enumerate(replies) if not reply.strip()]
    assert unanswered == []


@pytest.fixture
def failing_llm():
    # 500 with retry-after 0: retried at once, so the 300 turns stay quick
    server = FakeOpenAIServer(default=http_error(500, headers={"retry-after": "0"})).start()
    yield server
    server.stop()


async def test_every_hostile_message_is_answered_when_the_llm_fails(tmp_path, failing_llm):
    settings = load_settings(
        {
            "DATABASE_URL": f"sqlite:///{tmp_path / 'h.db'}",
            "OPENAI_API_KEY": "sk-test",
            "OPENAI_BASE_URL": failing_llm.base_url,
            "LLM_TIMEOUT": "2",
        },
        dotenv=False,
    )
    replies = await answer_each(settings)
    assert [i for i, reply in enumerate(replies) if not reply.strip()] == []
    assert failing_llm.requests, "the LLM was asked (and failed) — not an offline run"


def test_the_whole_corpus_as_one_dialogue_through_the_chat_command(tmp_path) -> None:
    """One person sends all of it to a real `chat --json` process: one JSON line per
    message, exit 0, nothing on stderr."""
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(tmp_path),
        "DATA_DIR": str(tmp_path),
    }
    messages = corpus()
    result = subprocess.run(
        [sys.executable, str(ROOT / "credit_expert_bot.py"), "chat", "--json"],
        input="\n".join(messages) + "\n",
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=240,
        encoding="utf-8",
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stderr == ""
    turns = [json.loads(line) for line in io.StringIO(result.stdout)]
    assert len(turns) == len(messages)
    silent = [i for i, t in enumerate(turns) if not t["reply"] and t["stage"] != "opted_out"]
    assert silent == []
