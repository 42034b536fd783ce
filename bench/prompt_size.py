"""Prompt size and calls per turn of the LLM writer over a 30-turn dialogue.

Replays one person's 30 messages through the conversation service (SQLite in
a temporary directory) with the LLM writer talking to the local fake
OpenAI-compatible server (tests/fake_openai_server.py), which answers every
turn with a valid reply. Prompt tokens are the server's usage figure:
ceil(characters / 4) over all message contents of the request (a stand-in
for a tokenizer: Russian text runs closer to 2.5-3 characters per token, so
absolute numbers are low, but the ratio is what the benchmark watches).

    .venv/bin/python bench/prompt_size.py

The last line is `calls_per_turn=… prompt_tokens_turn3=… prompt_tokens_turn30=… ratio=…`.
Targets: calls_per_turn = 1.0 and ratio <= 1.3 (the prompt carries a compact
state summary and the last few messages, not the whole history).
"""

from __future__ import annotations

import asyncio
import logging
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from credit_expert.config import load_settings
from credit_expert.conversation import ConversationService, ConversationSettings
from credit_expert.llm_writer import LLMWriter, reconcile
from credit_expert.models import Incoming
from credit_expert.scripted_writer import ScriptedWriter
from credit_expert.store import open_store
from tests.fake_openai_server import FakeOpenAIServer, approx_tokens

DIALOGUE = (
    "/start",
    "Здравствуйте, кредиты душат, коллекторы звонят каждый день",
    "Около 950 тысяч",
    "А вы точно не мошенники?",
    "Два банка и одна МФО",
    "Уже пять месяцев не плачу",
    "Приставов пока нет",
    "Работаю, зарплата 42 тысячи белая",
    "А квартиру не заберут? Она у меня единственная",
    "Только комната, в которой живу, и всё",
    "нет",
    "Нет, ничего не продавал",
    "Екатеринбург",
    "Сколько это стоит? Денег совсем нет",
    "Хорошо, давайте созвонимся",
    "Согласен",
    "+7 (922) 600-11-22",
    "В субботу утром",
    "А сколько всё это длится?",
    "А на работе узнают?",
    "Что будет с кредитной историей?",
    "А за границу потом выпустят?",
    "А с мужем что будет?",
    "А коллекторы перестанут звонить?",
    "А машину заберут?",
    "Какие долги не спишут?",
    "А как вообще всё это происходит?",
    "Мне надо подумать, посоветоваться с мужем",
    "А в другой компании за 50 тысяч делают",
    "Спасибо, жду звонка",
)


async def replay(server: FakeOpenAIServer, workdir: Path) -> list[tuple[int, int]]:
    """(calls, prompt tokens) for every turn."""
    settings = load_settings(
        env={
            "DATABASE_URL": f"sqlite:///{workdir / 'bench.db'}",
            "OPENAI_API_KEY": "bench",
            "OPENAI_BASE_URL": server.base_url,
            "LLM_TIMEOUT": "5",
        },
        dotenv=False,
    )
    store = open_store(settings.database_url)
    await store.connect()
    await store.migrate()
    writer = LLMWriter(settings, fallback=ScriptedWriter())
    service = ConversationService(
        store,
        writer,
        ConversationSettings(
            privacy_policy_url=settings.privacy_policy_url,
            consent_version=settings.consent_version,
        ),
        reconcile=reconcile,
    )
    turns = []
    try:
        for number, text in enumerate(DIALOGUE, start=1):
            before = server.calls
            incoming = Incoming(
                user_id=1, chat_id=1, message_id=number, text=text, at=datetime.now(UTC)
            )
            reply = await service.handle(incoming)
            requests = server.chat_requests[before:]
            tokens = approx_tokens(requests[-1].prompt_chars) if requests else 0
            writer_name = reply.writer if reply else "none"
            stage = reply.stage.value if reply else "-"
            print(
                f"turn={number:2d} stage={stage:13s} writer={writer_name:6s} prompt_tokens={tokens}"
            )
            turns.append((len(requests), tokens))
    finally:
        await writer.close()
        await store.close()
    return turns


def main() -> None:
    logging.basicConfig(level=logging.ERROR)
    server = FakeOpenAIServer().start()
    try:
        with tempfile.TemporaryDirectory(prefix="daria-bench-") as tmp:
            turns = asyncio.run(replay(server, Path(tmp)))
    finally:
        server.stop()
    calls_per_turn = sum(calls for calls, _ in turns) / len(turns)
    turn3, turn30 = turns[2][1], turns[29][1]
    print(
        f"calls_per_turn={calls_per_turn:.2f} prompt_tokens_turn3={turn3} "
        f"prompt_tokens_turn30={turn30} ratio={turn30 / turn3:.2f}"
    )


if __name__ == "__main__":
    main()
