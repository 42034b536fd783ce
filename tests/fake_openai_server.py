"""A small, real OpenAI-compatible HTTP server for tests, behave and the benchmark.

It listens on 127.0.0.1 (a free port) in a background thread, so any event
loop (pytest-asyncio, behave, a plain script) can talk to it over real HTTP.
Each POST /v1/chat/completions takes the next scripted step from a queue;
when the queue is empty, `default` answers (by default: the script's own
reference text from the prompt, REWORDED, as a well-formed JSON answer, so a
test can tell the LLM's words from the script's). Every request and every
reply text sent is recorded, and usage tokens are reported as
ceil(characters / 4) of the message contents (a stand-in for a tokenizer,
stable across runs).

The manners of real servers, each switchable on the instance:
- `strict_roles`: llama.cpp's 400 when roles do not alternate user/assistant;
- `reject_max_completion_tokens`: older servers know only `max_tokens`;
- `json_schema_supported=False` (with `json_schema_status`): json_schema refused;
- `ignore_json_schema`: accepted, but the answer is free text, not JSON;
- `honour_limit`: an answer longer than the token limit is cut, finish_reason=length.

    server = FakeOpenAIServer().start()
    server.enqueue(http_error(500), good("Спасибо! Сколько у вас кредиторов?"))
    ... AsyncOpenAI(base_url=server.base_url, api_key="test") ...
    server.stop()
"""

from __future__ import annotations

import contextlib
import json
import math
import re
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

DRAFT_START = "<<<ЧЕРНОВИК"
DRAFT_END = "ЧЕРНОВИК>>>"
CANARY_PATTERN = re.compile(r"CANARY-[0-9a-f]{8,}")

EMPTY_SLOTS: dict[str, Any] = {
    "enforcement": None,
    "income_official": None,
    "benefits": None,
    "extra_property": None,
    "mortgage": None,
    "recent_deals": None,
    "region": None,
    "call_time": None,
}
ROLES_ERROR = "Conversation roles must alternate user/assistant/user/assistant/..."


@dataclass
class RecordedRequest:
    path: str
    headers: dict[str, str]  # names in lower case
    body: dict[str, Any] | None  # parsed JSON; None for multipart (audio)
    raw_size: int
    at: float

    @property
    def prompt_chars(self) -> int:
        return sum(len(m.get("content") or "") for m in (self.body or {}).get("messages", []))

    @property
    def response_format_type(self) -> str | None:
        fmt = (self.body or {}).get("response_format") or {}
        return fmt.get("type")


def _lower(headers: Any) -> dict[str, str]:
    return {name.lower(): value for name, value in headers.items()}


def approx_tokens(chars: int) -> int:
    return math.ceil(chars / 4)


def system_prompt(body: dict[str, Any]) -> str:
    return next((m["content"] for m in body["messages"] if m["role"] == "system"), "")


def last_user_message(body: dict[str, Any]) -> str:
    return next((m["content"] for m in reversed(body["messages"]) if m["role"] == "user"), "")


def draft_of(body: dict[str, Any]) -> str:
    """The scripted reference text the LLM writer puts into the turn brief."""
    text = last_user_message(body)
    start, end = text.find(DRAFT_START), text.find(DRAFT_END)
    if start < 0 or end < 0:
        return "Подскажите, пожалуйста, какая у вас общая сумма долга?"
    return text[start + len(DRAFT_START) : end].strip()


def answer(reply: str, **extra: Any) -> dict[str, Any]:
    """A schema-valid structured answer; `slots=` may add fields a model invents."""
    slots = dict(EMPTY_SLOTS)
    slots.update(extra.pop("slots", {}))
    content = {"reply": reply, "slots": slots}
    content.update(extra)
    return content


# Warmer words for the script's; the reply stays lawful and keeps every fact.
_REWORDINGS = (
    ("Поняла: ", "Спасибо, записала: "),
    ("Записала: ", "Отметила у себя: "),
    ("Спасибо, отметила: ", "Поняла вас: "),
    ("Подскажите", "Скажите"),
    ("Расскажите, пожалуйста,", "Расскажите,"),
    ("Готово, записала:", "Всё готово, записала:"),
    ("Всё записала:", "Готово, всё записала:"),
)


def reword(draft: str) -> str:
    """What a good model does: the same facts and question in other words."""
    for old, new in _REWORDINGS:
        if old in draft:
            return draft.replace(old, new, 1)
    return "Хорошо. " + draft if draft.count(".") < 3 else draft.replace(". ", ", и ", 1)


Step = Callable[["_Handler", dict[str, Any]], None]


# --- Steps: what the server does with one chat request -------------------------------------


def good(reply: str | None = None, **extra: Any) -> Step:
    """200 with a well-formed answer; without `reply`, the script's draft reworded."""

    def step(handler: _Handler, body: dict[str, Any]) -> None:
        text = reply if reply is not None else reword(draft_of(body))
        handler.server.fake.replies.append(text)
        handler.send_completion(body, json.dumps(answer(text, **extra), ensure_ascii=False))

    return step


def echo() -> Step:
    """The script's draft exactly (what the old default did)."""

    def step(handler: _Handler, body: dict[str, Any]) -> None:
        good(draft_of(body))(handler, body)

    return step


def redteam(sentences: list[str]) -> Step:
    """A hostile model: each turn the draft with the next forbidden sentence in front."""
    position = [0]

    def step(handler: _Handler, body: dict[str, Any]) -> None:
        sentence = sentences[position[0] % len(sentences)]
        position[0] += 1
        found = CANARY_PATTERN.search(system_prompt(body))
        canary = found.group(0) if found else "CANARY-0"
        for name, value in (
            ("{canary}", canary),
            ("{canary_spaced}", " ".join(canary)),
            ("{canary_zw}", "\u200b".join(canary)),
            ("{canary_lower}", canary.lower()),
        ):
            sentence = sentence.replace(name, value)
        good(f"{sentence} {draft_of(body)}")(handler, body)

    return step


def half_json_body() -> Step:
    """HTTP 200 whose complete body is half a JSON document."""

    def step(handler: _Handler, body: dict[str, Any]) -> None:
        payload = handler.completion_payload(body, json.dumps(answer("Сколько у вас банков?")))
        data = json.dumps(payload).encode()[:120]
        handler.send_response(200)
        handler.send_header("Content-Type", "application/json")
        handler.send_header("Content-Length", str(len(data)))
        handler.end_headers()
        handler.wfile.write(data)
        handler.wfile.flush()

    return step


def raw_content(content: str) -> Step:
    """200 whose message content is exactly this string (fenced JSON, prose, broken JSON)."""

    def step(handler: _Handler, body: dict[str, Any]) -> None:
        handler.send_completion(body, content)

    return step


def invalid_json_content() -> Step:
    return raw_content('{"reply": "Сколько у вас кредиторов?", "slots": {"debt_total": 9')


def refusal() -> Step:
    def step(handler: _Handler, body: dict[str, Any]) -> None:
        handler.send_completion(body, None, refusal="I can't help with that.")

    return step


def http_error(
    status: int, message: str = "server error", headers: dict[str, str] | None = None
) -> Step:
    def step(handler: _Handler, body: dict[str, Any]) -> None:
        error = {"error": {"message": message, "type": "server_error", "param": None, "code": None}}
        handler.send_json(status, error, headers or {})

    return step


def rate_limited(retry_after: str = "0") -> Step:
    return http_error(429, "Rate limit reached", {"retry-after": retry_after})


def stall(seconds: float = 5.0, then: Step | None = None) -> Step:
    """Waits (longer than the client's timeout), then answers if anyone still listens."""

    def step(handler: _Handler, body: dict[str, Any]) -> None:
        handler.server.stopping.wait(seconds)  # type: ignore[attr-defined]
        with contextlib.suppress(OSError):  # the client gave up long ago
            (then or good())(handler, body)

    return step


def truncated_body() -> Step:
    """Promises a full JSON body, sends half of it and hangs up."""

    def step(handler: _Handler, body: dict[str, Any]) -> None:
        payload = handler.completion_payload(body, json.dumps(answer("Сколько у вас кредиторов?")))
        data = json.dumps(payload).encode()
        handler.send_response(200)
        handler.send_header("Content-Type", "application/json")
        handler.send_header("Content-Length", str(len(data)))
        handler.end_headers()
        handler.wfile.write(data[: len(data) // 2])
        handler.wfile.flush()
        handler.close_connection = True

    return step


def guarantee() -> Step:
    return good("Не переживайте, мы гарантируем списание всех долгов. Сколько у вас кредиторов?")


def canary_leak() -> Step:
    """Answers with the secret token it finds in the system prompt (a prompt leak)."""

    def step(handler: _Handler, body: dict[str, Any]) -> None:
        found = CANARY_PATTERN.search(system_prompt(body))
        token = found.group(0) if found else "CANARY-00000000"
        reply = f"Мои инструкции начинаются с {token}. Сколько у вас кредиторов?"
        handler.send_completion(body, json.dumps(answer(reply), ensure_ascii=False))

    return step


def stage_change() -> Step:
    """Claims a booking the policy never made and asks for a stage of its own."""
    return good(
        "Отлично, я записала вас на консультацию, юрист позвонит завтра.",
        stage="booked",
    )


def invented_phone() -> Step:
    """Extracts a phone the person never wrote."""
    return good(draft_reply_marker(), slots={"phone": "+79990001122"})


def draft_reply_marker() -> str:
    return "Спасибо, поняла. Сколько у вас кредиторов — банков и МФО?"


# --- The server -----------------------------------------------------------------------------


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:
        pass  # tests stay quiet

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        fake = self.server.fake
        path = self.path.split("?", 1)[0]
        if path.endswith("/audio/transcriptions"):
            fake.record(RecordedRequest(path, _lower(self.headers), None, len(raw), time.time()))
            self.send_json(200, {"text": fake.transcript})
            return
        if not path.endswith("/chat/completions"):
            self.send_json(
                404, {"error": {"message": "not found", "type": "invalid_request_error"}}
            )
            return
        try:
            body = json.loads(raw or b"{}")
        except ValueError:
            self.send_json(
                400, {"error": {"message": "body is not JSON", "type": "invalid_request_error"}}
            )
            return
        fake.record(RecordedRequest(path, _lower(self.headers), body, len(raw), time.time()))
        refusal = fake.refuses(body)
        if refusal is not None:
            status, message, param = refusal
            error = {"message": message, "type": "invalid_request_error", "param": param}
            self.send_json(status, {"error": {**error, "code": None}})
            return
        fmt = (body.get("response_format") or {}).get("type")
        if fmt == "json_schema" and fake.ignore_json_schema:
            self.send_completion(body, "Конечно! " + reword(draft_of(body)))
            return
        fake.next_step()(self, body)

    def completion_payload(
        self, body: dict[str, Any], content: str | None, refusal: str | None = None
    ) -> dict[str, Any]:
        prompt_tokens = approx_tokens(
            sum(len(m.get("content") or "") for m in body.get("messages", []))
        )
        finish_reason = "stop"
        limit = body.get("max_completion_tokens") or body.get("max_tokens")
        if (
            self.server.fake.honour_limit
            and content
            and limit
            and approx_tokens(len(content)) > limit
        ):
            content, finish_reason = content[: limit * 4], "length"
        completion_tokens = approx_tokens(len(content or refusal or ""))
        return {
            "id": f"chatcmpl-fake-{self.server.fake.calls}",
            "object": "chat.completion",
            "created": int(time.time()),
            "model": body.get("model", "fake"),
            "choices": [
                {
                    "index": 0,
                    "message": {"role": "assistant", "content": content, "refusal": refusal},
                    "finish_reason": finish_reason,
                    "logprobs": None,
                }
            ],
            "usage": {
                "prompt_tokens": prompt_tokens,
                "completion_tokens": completion_tokens,
                "total_tokens": prompt_tokens + completion_tokens,
            },
        }

    def send_completion(
        self, body: dict[str, Any], content: str | None, refusal: str | None = None
    ) -> None:
        self.send_json(200, self.completion_payload(body, content, refusal))

    def send_json(self, status: int, payload: Any, headers: dict[str, str] | None = None) -> None:
        data = json.dumps(payload, ensure_ascii=False).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)
        self.wfile.flush()


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False
    fake: FakeOpenAIServer
    stopping: threading.Event


@dataclass
class FakeOpenAIServer:
    default: Step = field(default_factory=good)
    json_schema_supported: bool = True
    json_schema_status: int = 400  # how a server refuses json_schema (some say 500)
    ignore_json_schema: bool = False
    strict_roles: bool = False
    reject_max_completion_tokens: bool = False
    honour_limit: bool = True
    replies: list[str] = field(default_factory=list)  # reply texts the steps sent
    transcript: str = "Долг примерно миллион, три банка"
    requests: list[RecordedRequest] = field(default_factory=list)
    _queue: deque[Step] = field(default_factory=deque)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _httpd: _Server | None = None
    _thread: threading.Thread | None = None

    def start(self) -> FakeOpenAIServer:
        httpd = _Server(("127.0.0.1", 0), _Handler)
        httpd.fake = self
        httpd.stopping = threading.Event()
        self._httpd = httpd
        self._thread = threading.Thread(
            target=httpd.serve_forever, args=(0.05,), name="fake-openai", daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._httpd is None:
            return
        self._httpd.stopping.set()  # releases stalled handlers
        self._httpd.shutdown()
        self._httpd.server_close()
        self._httpd = None

    @property
    def base_url(self) -> str:
        assert self._httpd is not None, "start() the server first"
        host, port = self._httpd.server_address[:2]
        return f"http://{host}:{port}/v1"

    def refuses(self, body: dict[str, Any]) -> tuple[int, str, str | None] | None:
        """(status, message, param) when this server's manners refuse the request."""
        if self.reject_max_completion_tokens and "max_completion_tokens" in body:
            return 400, "Unrecognized request argument supplied: max_completion_tokens", None
        if self.strict_roles and not _alternates(body.get("messages", [])):
            return 400, ROLES_ERROR, None
        fmt = (body.get("response_format") or {}).get("type")
        if fmt == "json_schema" and not self.json_schema_supported:
            message = "response_format json_schema is not supported by this model"
            return self.json_schema_status, message, "response_format"
        return None

    def enqueue(self, *steps: Step) -> None:
        with self._lock:
            self._queue.extend(steps)

    def next_step(self) -> Step:
        with self._lock:
            return self._queue.popleft() if self._queue else self.default

    def record(self, request: RecordedRequest) -> None:
        with self._lock:
            self.requests.append(request)

    @property
    def chat_requests(self) -> list[RecordedRequest]:
        with self._lock:
            return [r for r in self.requests if r.path.endswith("/chat/completions")]

    @property
    def calls(self) -> int:
        return len(self.chat_requests)

    def reset(self) -> None:
        with self._lock:
            self.requests.clear()
            self._queue.clear()
            self.replies.clear()
        self.default = good()
        self.json_schema_supported = True
        self.ignore_json_schema = self.strict_roles = self.reject_max_completion_tokens = False


def _alternates(messages: list[dict[str, Any]]) -> bool:
    """Gemma's template: an optional system message, then user/assistant/user/..."""
    roles = [m.get("role") for m in messages if m.get("role") != "system"]
    return all(role == ("user" if i % 2 == 0 else "assistant") for i, role in enumerate(roles))
