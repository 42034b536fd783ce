"""LLM providers that really work: the manners of llama.cpp, vLLM and older APIs.

Each test switches one manner of the local fake server (tests/fake_openai_server.py)
and shows the writer still gets the LLM's words to the person, within a bounded
number of calls.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Iterator
from dataclasses import replace

import pytest

from credit_expert.config import load_settings
from credit_expert.llm_writer import (
    ANSWER_SCHEMA,
    MAX_OUTPUT_TOKENS,
    STRUCTURED_FAILURES_BEFORE_FALLBACK,
    LLMWriter,
    build_messages,
    load_prompts,
    parse_answer,
)
from credit_expert.models import (
    Ask,
    HistoryLine,
    SessionState,
    Slots,
    Stage,
    TurnPlan,
    WriteRequest,
)
from credit_expert.scripted_writer import ScriptedWriter
from tests.fake_openai_server import FakeOpenAIServer, good, http_error, raw_content

URL = "https://example.com/privacy"
ASK = "Поняла, долг 950 000 ₽. Сколько у вас кредиторов — банков и МФО?"


def settings_for(server: FakeOpenAIServer, **env: str):
    return load_settings(
        env={
            "OPENAI_API_KEY": "test-key",
            "OPENAI_BASE_URL": server.base_url,
            "LLM_TIMEOUT": "3",
            "PRIVACY_POLICY_URL": URL,
            **env,
        },
        dotenv=False,
    )


@pytest.fixture
def server() -> Iterator[FakeOpenAIServer]:
    fake = FakeOpenAIServer().start()
    yield fake
    fake.stop()


@pytest.fixture
async def writer(server: FakeOpenAIServer) -> AsyncIterator[LLMWriter]:
    llm = LLMWriter(settings_for(server), fallback=ScriptedWriter())
    yield llm
    await llm.close()


def request(
    history: tuple[HistoryLine, ...] = (), user_text: str = "Около 950 тысяч"
) -> WriteRequest:
    plan = TurnPlan(
        stage=Stage.QUALIFICATION,
        previous_stage=Stage.QUALIFICATION,
        ask=Ask.CREDITORS,
        filled=("debt_total",),
    )
    state = SessionState(stage=Stage.QUALIFICATION, slots=Slots(debt_total=950_000), turns=2)
    return WriteRequest(
        plan=plan, state=state, user_text=user_text, history=history, privacy_policy_url=URL
    )


def roles(messages: list[dict[str, str]]) -> list[str]:
    return [m["role"] for m in messages]


# --- Alternating roles --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("history", "expected"),
    [
        ((), ["system", "user"]),
        (  # a message nobody answered (after /stop, a manager's takeover)
            (HistoryLine("user", "а"), HistoryLine("assistant", "б"), HistoryLine("user", "в")),
            ["system", "user", "assistant", "user"],
        ),
        (  # a burst of the person's messages, then Daria's reply
            (HistoryLine("user", "а"), HistoryLine("user", "б"), HistoryLine("assistant", "в")),
            ["system", "user", "assistant", "user"],
        ),
        (  # the window starts on Daria's line, and a manager wrote twice
            (
                HistoryLine("assistant", "а"),
                HistoryLine("user", "б"),
                HistoryLine("assistant", "в"),
                HistoryLine("assistant", "г"),
            ),
            ["system", "user", "assistant", "user"],
        ),
    ],
)
def test_history_always_alternates(history, expected) -> None:
    messages = build_messages("system", load_prompts(), request(history), "Черновик.")
    assert roles(messages) == expected


async def test_a_strict_server_gets_alternating_roles(server, writer) -> None:
    server.strict_roles = True
    history = (
        HistoryLine("user", "Здравствуйте"),
        HistoryLine("assistant", "Здравствуйте! Что случилось?"),
        HistoryLine("user", "/stop"),  # answered by the script only, never by the model
        HistoryLine("user", "Я вернулся"),
    )

    written = await writer.write(request(history))

    assert (written.writer, written.rejection) == ("llm", None)
    assert server.calls == 1
    merged = server.chat_requests[0].body["messages"]
    assert roles(merged) == ["system", "user", "assistant", "user"]


# --- max_completion_tokens -> max_tokens ------------------------------------------------


async def test_max_completion_tokens_falls_back_to_max_tokens_once(server, writer) -> None:
    server.reject_max_completion_tokens = True

    first = await writer.write(request())
    second = await writer.write(request())

    assert (first.writer, second.writer) == ("llm", "llm")
    sent = [r.body for r in server.chat_requests]
    assert [("max_completion_tokens" in b, b.get("max_tokens")) for b in sent] == [
        (True, None),
        (False, MAX_OUTPUT_TOKENS),
        (False, MAX_OUTPUT_TOKENS),
    ]


# --- The schema: small, no phone, answers not cut ------------------------------------------


def test_the_schema_holds_only_what_the_llm_may_fill() -> None:
    slots = ANSWER_SCHEMA["properties"]["slots"]["properties"]
    assert "phone" not in slots and "debt_total" not in slots
    assert set(ANSWER_SCHEMA["required"]) == {"reply", "slots"}
    assert len(json.dumps(ANSWER_SCHEMA)) < 900


def test_the_longest_lawful_answer_fits_the_completion_limit() -> None:
    """700 characters of reply plus every slot filled, at 2 characters a token."""
    slots = {name: "x" * 20 for name in ANSWER_SCHEMA["properties"]["slots"]["properties"]}
    longest = json.dumps({"reply": "я" * 700, "slots": slots}, ensure_ascii=False, indent=2)
    assert len(longest) / 2 < MAX_OUTPUT_TOKENS


async def test_an_answer_cut_at_the_limit_is_answer_cut(server, writer) -> None:
    server.enqueue(good("Понимаю. " * 400 + "Сколько у вас кредиторов?"))

    written = await writer.write(request())

    assert (written.writer, written.rejection) == ("script", "answer_cut")


# --- Structured output, bounded -----------------------------------------------------------


@pytest.mark.parametrize("status", [400, 422, 500])
async def test_a_server_refusing_json_schema_gets_json_object_at_once(server, writer, status):
    server.json_schema_supported = False
    server.json_schema_status = status

    written = await writer.write(request())
    again = await writer.write(request())

    assert (written.writer, again.writer) == ("llm", "llm")
    formats = [r.response_format_type for r in server.chat_requests]
    assert formats == ["json_schema", "json_object", "json_object"]


async def test_a_server_ignoring_json_schema_gets_json_object_after_bounded_tries(
    server, writer
) -> None:
    server.ignore_json_schema = True
    results = [
        await writer.write(request()) for _ in range(STRUCTURED_FAILURES_BEFORE_FALLBACK + 2)
    ]

    assert [w.rejection for w in results[:STRUCTURED_FAILURES_BEFORE_FALLBACK]] == [
        "invalid_json"
    ] * STRUCTURED_FAILURES_BEFORE_FALLBACK
    assert all(w.writer == "llm" for w in results[STRUCTURED_FAILURES_BEFORE_FALLBACK:])
    formats = [r.response_format_type for r in server.chat_requests]
    assert formats.count("json_schema") == STRUCTURED_FAILURES_BEFORE_FALLBACK


async def test_a_server_failing_with_500_stops_getting_json_schema(server, writer) -> None:
    server.enqueue(*[http_error(500)] * 4)  # one turn: a call and three retries, all 500

    first = await writer.write(request())
    second = await writer.write(request())

    assert first.rejection == "http_500" and second.writer == "llm"
    formats = [r.response_format_type for r in server.chat_requests]
    assert formats[-1] == "json_object"
    assert server.calls <= 5  # bounded: no more than the first turn's retries, then one call


async def test_a_good_structured_answer_resets_the_count(server, writer) -> None:
    server.enqueue(raw_content("не JSON"), good(ASK), raw_content("не JSON"), good(ASK))
    for _ in range(4):
        await writer.write(request())

    assert {r.response_format_type for r in server.chat_requests} == {"json_schema"}


# --- The prompt cache and what leaves ----------------------------------------------------


async def test_the_canary_follows_the_fixed_part_of_the_system_prompt(server) -> None:
    one = LLMWriter(settings_for(server), fallback=ScriptedWriter(), canary="CANARY-aaaa1111")
    two = LLMWriter(settings_for(server), fallback=ScriptedWriter(), canary="CANARY-bbbb2222")
    await one.write(request())
    await two.write(request())
    await one.close()
    await two.close()

    first, second = (r.body["messages"][0]["content"] for r in server.chat_requests)
    assert "CANARY-aaaa1111" in first and "CANARY-bbbb2222" in second
    assert _common_prefix(first, second) >= len(first) - 100  # only the last line differs


def _common_prefix(a: str, b: str) -> int:
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return n


async def test_names_and_phones_are_masked_before_text_leaves(server, writer) -> None:
    history = (
        HistoryLine("user", "Меня зовут Иван Петров, телефон 8 922 600-11-22"),
        HistoryLine("assistant", "Здравствуйте!"),
    )

    await writer.write(request(history, user_text="Жена Ольга Сергеевна тоже должна"))

    sent = json.dumps(server.chat_requests[0].body, ensure_ascii=False)
    for secret in ("Иван", "Петров", "Ольга", "Сергеевна", "600-11-22"):
        assert secret not in sent
    assert "[имя]" in sent and "[телефон]" in sent and "Дарья" in sent


# --- Settings -----------------------------------------------------------------------------


def test_llm_timeout_default_suits_a_local_server() -> None:
    settings = load_settings(env={}, dotenv=False)
    assert settings.llm_timeout == 30


def test_voice_has_its_own_endpoint_setting() -> None:
    settings = load_settings(
        env={
            "OPENAI_BASE_URL": "https://llm.example.org/v1",
            "OPENAI_TRANSCRIBE_BASE_URL": "https://stt.example.ru/v1",
        },
        dotenv=False,
    )
    assert settings.openai_transcribe_base_url == "https://stt.example.ru/v1"
    assert load_settings(env={}, dotenv=False).openai_transcribe_base_url is None


# --- Facts the LLM read, only where the person said them --------------------------------


@pytest.mark.parametrize(
    ("said", "slots", "kept"),
    [
        ("недавно", {"enforcement": "none"}, {}),
        ("приставов нет", {"enforcement": "none"}, {"enforcement": "none"}),
        ("ок", {"mortgage": False, "recent_deals": False}, {}),
        ("ипотеки нет", {"mortgage": False}, {"mortgage": False}),
        ("работаю без оформления", {"income_official": False}, {"income_official": False}),
    ],
)
def test_llm_facts_need_the_persons_words(said: str, slots: dict, kept: dict) -> None:
    content = json.dumps({"reply": "Хорошо.", "slots": slots}, ensure_ascii=False)
    read = parse_answer(content, user_text=said).understanding.slots
    found = {k: getattr(read, k) for k in slots if getattr(read, k) is not None}
    assert {k: getattr(v, "value", v) for k, v in found.items()} == kept


async def test_the_firms_number_stays_and_never_becomes_the_persons(server, writer) -> None:
    """The draft's "Юрист позвонит с номера <firm>" is configuration, not the person's phone."""
    firm = "Юрист позвонит с номера +7 495 123-45-67."
    history = (
        HistoryLine("user", "мой 8 922 600-11-22"),
        HistoryLine("assistant", "Записала: +7 922 600-11-22. " + firm),
    )
    req = request(history, user_text="В субботу утром")
    req = replace(
        req, state=replace(req.state, slots=replace(req.state.slots, phone="+79226001122"))
    )

    messages = build_messages("system", load_prompts(), req, "Готово. " + firm)

    sent = json.dumps(messages, ensure_ascii=False)
    assert "+7 495 123-45-67" in sent and "600-11-22" not in sent
