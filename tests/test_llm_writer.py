"""The LLM writer against a real local HTTP server speaking the OpenAI protocol.

Each case: what the server does, what the person receives (the LLM's words or
the script's), and why the LLM answer was not used. Nothing in the SDK is
patched; the server counts the calls.
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import AsyncIterator, Iterator
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest

from credit_expert.config import Settings, load_settings
from credit_expert.conversation import ConversationService, ConversationSettings
from credit_expert.llm_writer import LLMWriter, parse_answer, reconcile
from credit_expert.models import (
    Ask,
    Enforcement,
    Event,
    HistoryLine,
    Incoming,
    ObjectionKind,
    SessionState,
    Slots,
    Stage,
    Topic,
    TurnPlan,
    Understanding,
    WriteRequest,
)
from credit_expert.scripted_writer import ScriptedWriter
from credit_expert.store import Store
from tests.fake_openai_server import (
    FakeOpenAIServer,
    canary_leak,
    good,
    guarantee,
    half_json_body,
    http_error,
    invalid_json_content,
    invented_phone,
    rate_limited,
    raw_content,
    refusal,
    stage_change,
    stall,
    truncated_body,
)

URL = "https://example.com/privacy"
ASK_CREDITORS = "Поняла, долг 950 000 ₽. Сколько у вас кредиторов — банков и МФО?"


def settings_for(server: FakeOpenAIServer, timeout: float = 2.0) -> Settings:
    return load_settings(
        env={
            "OPENAI_API_KEY": "test-key",
            "OPENAI_BASE_URL": server.base_url,
            "OPENAI_MODEL": "fake-model",
            "LLM_TIMEOUT": str(timeout),
            "PRIVACY_POLICY_URL": URL,
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
    ask: Ask = Ask.CREDITORS,
    *,
    stage: Stage = Stage.QUALIFICATION,
    events: tuple[Event, ...] = (),
    slots: Slots | None = None,
    user_text: str = "Около 950 тысяч",
    rules: Understanding | None = None,
    history: tuple[HistoryLine, ...] = (),
) -> WriteRequest:
    plan = TurnPlan(
        stage=stage, previous_stage=stage, ask=ask, events=events, filled=("debt_total",)
    )
    state = SessionState(stage=stage, slots=slots or Slots(debt_total=950_000), turns=2)
    return WriteRequest(
        plan=plan,
        state=state,
        user_text=user_text,
        history=history,
        privacy_policy_url=URL,
        understanding=rules or Understanding(slots=Slots(debt_total=950_000)),
    )


def script_text(req: WriteRequest) -> str:
    return ScriptedWriter().compose(req)


# --- One turn, one call -------------------------------------------------------------------


async def test_a_good_answer_is_sent_as_written(server, writer) -> None:
    server.enqueue(good(ASK_CREDITORS, slots={"region": "Казань"}))

    written = await writer.write(request(user_text="Около 950 тысяч, Казань"))

    assert (written.writer, written.text, written.rejection) == ("llm", ASK_CREDITORS, None)
    assert written.extracted is not None and written.extracted.slots.region == "Казань"
    assert written.tokens_in > 0 and written.tokens_out > 0 and written.latency_ms >= 0
    assert server.calls == 1
    sent = server.chat_requests[0].body
    assert sent["model"] == "fake-model"
    assert sent["response_format"]["type"] == "json_schema"
    assert sent["response_format"]["json_schema"]["strict"] is True
    assert server.chat_requests[0].headers.get("authorization") == "Bearer test-key"


async def test_the_prompt_names_the_plan_and_carries_the_canary(server, writer) -> None:
    await writer.write(request(Ask.MONTHS_OVERDUE))

    messages = server.chat_requests[0].body["messages"]
    assert messages[0]["role"] == "system" and writer.canary in messages[0]["content"]
    brief = messages[-1]["content"]
    assert "сколько месяцев длится просрочка" in brief  # the plan's question
    assert "долг 950 000 ₽" in brief  # known facts, compact
    assert script_text(request(Ask.MONTHS_OVERDUE)) in brief  # the script's reference text


async def test_phones_never_reach_the_model(server, writer) -> None:
    history = (HistoryLine("user", "мой номер 8 922 600-11-22"), HistoryLine("assistant", "Ок."))
    req = request(Ask.PHONE, stage=Stage.BOOKING, user_text="+7 (922) 600-11-22", history=history)

    await writer.write(req)

    prompt = json.dumps(server.chat_requests[0].body, ensure_ascii=False)
    assert "600-11-22" not in prompt and "6001122" not in prompt
    assert "[телефон]" in prompt


async def test_history_is_cut_to_the_last_few_messages(server, writer) -> None:
    history = tuple(
        HistoryLine("assistant" if i % 2 else "user", f"реплика {i}") for i in range(20)
    )

    await writer.write(request(history=history))

    messages = server.chat_requests[0].body["messages"]
    assert [m["content"] for m in messages[1:-1]] == [f"реплика {i}" for i in range(14, 20)]


async def test_the_booking_confirmation_gets_the_real_phone_back(server, writer) -> None:
    slots = Slots(debt_total=950_000, phone="+79226001122", call_time="в субботу утром")
    req = request(Ask.ANYTHING_ELSE, stage=Stage.BOOKED, events=(Event.BOOKED,), slots=slots)
    server.enqueue(
        good("Готово: юрист позвонит на [телефон] в субботу утром. Подготовьте договоры.")
    )

    written = await writer.write(req)

    assert written.writer == "llm", written.rejection
    assert written.text == "Готово: юрист позвонит на +7 922 600-11-22 в субботу утром. " + (
        "Подготовьте договоры."
    )


# --- Faults: the script answers, the reason is kept ---------------------------------------


@pytest.mark.parametrize(
    ("steps", "reason", "calls"),
    [
        ((http_error(500),) * 4, "http_500", 4),  # one call and three retries in the budget
        ((http_error(401, "bad key"),), "http_401", 1),  # not retried
        ((truncated_body(),), "invalid_json", 1),  # a body cut short
        ((half_json_body(),), "invalid_json", 1),  # HTTP 200, half a JSON document
        ((invalid_json_content(),), "invalid_json", 1),
        ((raw_content("Извините, я не могу ответить в формате JSON."),), "invalid_json", 1),
        ((refusal(),), "refusal", 1),
        ((guarantee(),), "guarantee", 1),
        ((canary_leak(),), "canary_leak", 1),
        ((stage_change(),), "false_booking", 1),
        ((invented_phone(),), "phone_invented", 1),
        ((good("Сколько у вас кредиторов? А доход какой?"),), "extra_question", 1),
        ((good("How many creditors do you have?"),), "not_in_persona", 1),
    ],
    ids=lambda value: value if isinstance(value, str) else None,
)
async def test_a_bad_answer_is_replaced_by_the_script(server, writer, steps, reason, calls):
    server.enqueue(*steps)
    req = request()

    written = await writer.write(req)

    assert (written.writer, written.rejection) == ("script", reason)
    assert written.text == script_text(req)
    assert written.extracted is None
    assert server.calls == calls


async def test_a_rejected_answer_keeps_its_token_usage(server, writer) -> None:
    server.enqueue(guarantee())

    written = await writer.write(request())

    assert written.rejection == "guarantee"
    assert written.tokens_in > 0 and written.tokens_out > 0


@pytest.mark.parametrize("first", [rate_limited(), http_error(503)], ids=["429", "503"])
async def test_a_busy_server_is_retried_within_the_budget(server, writer, first) -> None:
    server.enqueue(first, good(ASK_CREDITORS))

    written = await writer.write(request())

    assert (written.writer, written.text) == ("llm", ASK_CREDITORS)
    assert server.calls == 2


async def test_a_stall_past_the_timeout_gets_the_script_in_time(server) -> None:
    writer = LLMWriter(settings_for(server, timeout=1.0), fallback=ScriptedWriter())
    server.enqueue(stall(5))
    started = time.perf_counter()

    written = await writer.write(request())

    elapsed = time.perf_counter() - started
    await writer.close()
    assert (written.writer, written.rejection) == ("script", "timeout")
    assert 0.9 <= elapsed < 1.5
    assert 900 <= written.latency_ms < 1500


async def test_the_consent_question_must_carry_the_link(server, writer) -> None:
    req = request(Ask.CONSENT, stage=Stage.BOOKING)
    server.enqueue(good("Нужно ваше согласие на обработку персональных данных. Вы согласны?"))
    server.enqueue(good(f"Нужно согласие на обработку данных, текст: {URL}. Вы согласны?"))

    without_link = await writer.write(req)
    with_link = await writer.write(req)

    assert (without_link.writer, without_link.rejection) == ("script", "consent_link_missing")
    assert URL in without_link.text
    assert (with_link.writer, with_link.rejection) == ("llm", None)


async def test_legally_worded_replies_never_go_to_the_model(server, writer) -> None:
    req = request(Ask.NOTHING, stage=Stage.OPTED_OUT, events=(Event.OPTED_OUT,))

    written = await writer.write(req)

    assert (written.writer, written.rejection) == ("script", None)
    assert server.calls == 0


# --- Providers without json_schema --------------------------------------------------------


async def test_json_mode_only_provider_falls_back_to_json_object_once(server, writer) -> None:
    server.json_schema_supported = False
    fenced = json.dumps({"reply": ASK_CREDITORS, "slots": {"region": "Казань"}}, ensure_ascii=False)
    server.enqueue(raw_content(f"Вот ответ:\n```json\n{fenced}\n```"), good(ASK_CREDITORS))

    first = await writer.write(request(user_text="Казань, долг 950 тысяч"))
    second = await writer.write(request())

    assert (first.writer, first.text) == ("llm", ASK_CREDITORS)
    assert first.extracted is not None and first.extracted.slots.region == "Казань"
    assert second.writer == "llm"
    formats = [r.response_format_type for r in server.chat_requests]
    assert formats == ["json_schema", "json_object", "json_object"]  # one extra call, once


def test_parse_is_tolerant_of_loose_json() -> None:
    content = (
        'Конечно! {"reply": "Сколько у вас кредиторов?", "slots": {"debt_total": "1 200 000",'
        ' "mortgage": "false", "enforcement": "closed", "region": "Самара",'
        ' "call_time": "в полночь на Луне"}, "objection": "price", "topic": "unknown"}'
    )

    answer = parse_answer(content, user_text="долг 1,2 млн, ипотеки нет, приставы закрыли, Самара")

    slots = answer.understanding.slots
    assert answer.reply == "Сколько у вас кредиторов?"
    assert (slots.debt_total, slots.mortgage, slots.enforcement) == (
        None,  # amounts are the rules' alone
        False,
        Enforcement.CLOSED,
    )
    assert slots.region == "Самара"
    assert slots.call_time is None  # not in the person's words: imagined
    assert (answer.understanding.objection, answer.understanding.topic) == (
        ObjectionKind.PRICE,
        None,
    )


# --- reconcile: the rules win ---------------------------------------------------------------


def test_reconcile_keeps_the_rules_numbers_and_phone() -> None:
    rules = Understanding(slots=Slots(debt_total=950_000, phone="+79226001122"))
    llm = Understanding(slots=Slots(debt_total=590_000, phone="+79990001122", creditors_count=3))

    assert reconcile(rules, llm) == rules


def test_reconcile_lets_the_llm_add_facts_without_numbers() -> None:
    rules = Understanding(slots=Slots(debt_total=950_000, mortgage=False))
    llm = Understanding(
        slots=Slots(region="Казань", mortgage=True, recent_deals=False, call_time="после обеда"),
        objection=ObjectionKind.TRUST,
        topic=Topic.FLAT,
        yes=True,
        consent=True,
    )

    merged = reconcile(rules, llm)

    assert merged.slots == Slots(
        debt_total=950_000,
        mortgage=False,  # the rules said so
        region="Казань",
        recent_deals=False,
        call_time="после обеда",
    )
    assert (merged.objection, merged.topic, merged.yes) == (ObjectionKind.TRUST, Topic.FLAT, True)
    assert merged.consent is None  # consent is only ever the person's explicit, rule-read yes


def test_reconcile_keeps_the_rules_objection() -> None:
    rules = Understanding(objection=ObjectionKind.PRICE)
    llm = Understanding(objection=ObjectionKind.THINK, topic=Topic.DURATION)

    merged = reconcile(rules, llm)

    assert (merged.objection, merged.topic) == (ObjectionKind.PRICE, Topic.DURATION)


# --- Through the conversation service: what is stored ----------------------------------


@pytest.fixture
def store(sqlite_store: Store) -> Store:
    return sqlite_store


def service(store: Store, writer: LLMWriter) -> ConversationService:
    return ConversationService(
        store,
        writer,
        ConversationSettings(privacy_policy_url=URL, consent_version="test"),
        reconcile=reconcile,
    )


class Person:
    def __init__(self, conversation: ConversationService, user_id: int = 7) -> None:
        self.conversation = conversation
        self.user_id = user_id
        self.message_id = 0

    async def says(self, text: str):
        self.message_id += 1
        incoming = Incoming(
            user_id=self.user_id,
            chat_id=self.user_id,
            message_id=self.message_id,
            text=text,
            at=datetime.now(UTC),
        )
        return await self.conversation.handle(incoming)


def stored_replies(tmp_path: Path) -> list[dict[str, object]]:
    with sqlite3.connect(tmp_path / "daria.db") as db:
        db.row_factory = sqlite3.Row
        rows = db.execute(
            "SELECT text, writer, rejection, tokens_in, tokens_out, latency_ms"
            " FROM bot_messages WHERE direction = 'out' ORDER BY id"
        ).fetchall()
    return [dict(row) for row in rows]


async def test_every_turn_is_one_call_and_its_cost_is_stored(server, writer, store, tmp_path):
    person = Person(service(store, writer))

    for text in ("Здравствуйте", "Долг около 950 тысяч", "Два банка и МФО", "Полгода не плачу"):
        reply = await person.says(text)
        assert reply is not None and reply.writer == "llm", reply and reply.rejection

    assert server.calls == 4  # exactly one LLM call per turn
    rows = stored_replies(tmp_path)
    assert [r["writer"] for r in rows] == ["llm"] * 4
    assert [r["text"] for r in rows] == server.replies  # the model's (reworded) words
    assert all(r["rejection"] is None for r in rows)
    assert all(r["tokens_in"] > 0 and r["tokens_out"] > 0 for r in rows)
    assert all(r["latency_ms"] >= 0 for r in rows)


async def test_a_rejected_answer_is_stored_with_its_reason(server, writer, store, tmp_path):
    person = Person(service(store, writer))
    await person.says("Здравствуйте")
    server.enqueue(guarantee())

    reply = await person.says("Долг около 950 тысяч")

    assert (reply.writer, reply.rejection) == ("script", "guarantee")
    assert "гарант" not in reply.text.lower()
    last = stored_replies(tmp_path)[-1]
    assert (last["writer"], last["rejection"], last["text"]) == ("script", "guarantee", reply.text)
    assert last["tokens_in"] > 0 and last["tokens_out"] > 0
    assert reply.state.slots.debt_total == 950_000  # the rules' reading still counts


async def test_a_stalled_server_still_gets_the_person_an_answer_in_time(server, store, tmp_path):
    writer = LLMWriter(settings_for(server, timeout=1.0), fallback=ScriptedWriter())
    person = Person(service(store, writer))
    server.enqueue(stall(5))
    started = time.perf_counter()

    reply = await person.says("Здравствуйте, долг 950 тысяч")

    elapsed = time.perf_counter() - started
    await writer.close()
    assert reply.text and (reply.writer, reply.rejection) == ("script", "timeout")
    assert elapsed < 1.0 + 1.0
    last = stored_replies(tmp_path)[-1]
    assert last["rejection"] == "timeout" and last["latency_ms"] >= 900


async def test_the_llm_adds_what_the_rules_missed_but_no_numbers(server, writer, store):
    person = Person(service(store, writer))
    await person.says("Здравствуйте")
    server.enqueue(
        good(
            "Поняла, долг 950 000 ₽. Сколько у вас кредиторов?",
            slots={"debt_total": 9_500_000, "creditors_count": 12, "region": "Кукуево"},
        )
    )

    reply = await person.says("Долг около 950 тысяч, живу в Кукуево")

    assert reply.writer == "llm"
    slots = reply.state.slots
    assert (slots.debt_total, slots.creditors_count) == (950_000, None)  # the rules' numbers
    assert slots.region == "Кукуево"
    stored = await store.load_state(person.user_id)
    assert stored is not None and stored.slots.region == "Кукуево"


async def test_the_llm_cannot_move_the_stage(server, writer, store, tmp_path):
    person = Person(service(store, writer))
    await person.says("Здравствуйте")
    server.enqueue(stage_change())

    reply = await person.says("Долг около 950 тысяч")

    assert reply.stage is Stage.QUALIFICATION and reply.rejection == "false_booking"
    stored = await store.load_state(person.user_id)
    assert stored is not None and stored.stage is Stage.QUALIFICATION
    assert replace(stored.slots, debt_total=None).phone is None
