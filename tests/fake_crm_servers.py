"""Small real HTTP servers for tests, imitating what Daria's outbox talks to.

Each listens on 127.0.0.1 (a free port) in a background thread and keeps what
it was sent. `fail_next(n)` makes the next n requests fail with 503 before any
work; `lose_next(n)` does the work and then answers 502, as when the answer is
lost on the way back (the case idempotency exists for).

- `WebhookReceiver`: checks the signature the way the README tells n8n to, and
  processes each Idempotency-Key once.
- `FakeBitrix24`: `crm.{lead,contact,deal}.{add,update,list,delete}` of an
  incoming webhook, with Bitrix24's `{"result": …}` / `{"error": …}` shapes.
- `FakeAmoCRM`: `/api/v4/leads/complex`, leads search, PATCH, notes, tasks.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import re
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit


@dataclass
class Request:
    method: str
    path: str
    query: dict[str, list[str]]
    headers: dict[str, str]
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body) if self.body else None


class FakeServer:
    def __init__(self) -> None:
        self.requests: list[Request] = []
        self._fail = 0
        self._lose = 0
        self._lose_on = ""
        self._lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            def _serve(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                parts = urlsplit(self.path)
                request = Request(
                    self.command,
                    parts.path,
                    parse_qs(parts.query),
                    {k.lower(): v for k, v in self.headers.items()},
                    self.rfile.read(length),
                )
                status, answer = server._dispatch(request)
                data = (
                    json.dumps(answer, ensure_ascii=False).encode() if answer is not None else b""
                )
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            do_GET = do_POST = do_PATCH = do_DELETE = _serve

            def log_message(self, *args: Any) -> None:
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._thread = threading.Thread(
            target=self._server.serve_forever, args=(0.05,), daemon=True
        )

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    def start(self) -> FakeServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def fail_next(self, count: int) -> None:
        self._fail = count

    def lose_next(self, count: int, path_contains: str = "") -> None:
        """Do the work of the next `count` requests (whose path has `path_contains`) but
        answer 502: the answer is lost on the way back."""
        self._lose, self._lose_on = count, path_contains

    def _dispatch(self, request: Request) -> tuple[int, Any]:
        with self._lock:
            self.requests.append(request)
            if self._fail > 0:
                self._fail -= 1
                return 503, {"error": "unavailable"}
            status, answer = self.handle(request)
            if self._lose > 0 and status < 300 and self._lose_on in request.path:
                self._lose -= 1
                return 502, None
            return status, answer

    def handle(self, request: Request) -> tuple[int, Any]:
        raise NotImplementedError


class WebhookReceiver(FakeServer):
    """What the README's n8n workflow does: verify, then process each key once."""

    def __init__(self, secret: str, max_skew_seconds: int = 300) -> None:
        super().__init__()
        self.secret = secret
        self.max_skew = max_skew_seconds
        self.processed: dict[str, dict[str, Any]] = {}  # Idempotency-Key -> body
        self.bad_signatures = 0

    def handle(self, request: Request) -> tuple[int, Any]:
        timestamp = request.headers.get("x-daria-timestamp", "")
        expected = (
            "sha256="
            + hmac.new(
                self.secret.encode(), timestamp.encode() + b"." + request.body, hashlib.sha256
            ).hexdigest()
        )
        fresh = timestamp.isdigit() and abs(time.time() - int(timestamp)) <= self.max_skew
        if not fresh or not hmac.compare_digest(
            expected, request.headers.get("x-daria-signature", "")
        ):
            self.bad_signatures += 1
            return 401, {"error": "bad signature"}
        key = request.headers["idempotency-key"]
        self.processed.setdefault(key, request.json())
        return 200, {"ok": True}


@dataclass
class BitrixItem:
    fields: dict[str, Any]
    updates: list[dict[str, Any]] = field(default_factory=list)


class FakeBitrix24(FakeServer):
    """An incoming webhook: POST /rest/1/<secret>/<method>.json with JSON params."""

    SECRET_PATH = "/rest/1/k3y/"

    def __init__(self) -> None:
        super().__init__()
        self.items: dict[str, dict[int, BitrixItem]] = {"lead": {}, "contact": {}, "deal": {}}
        self._next_id = 100

    @property
    def webhook_url(self) -> str:
        return self.url + self.SECRET_PATH

    def calls(self, method: str) -> list[Any]:
        return [r.json() for r in self.requests if r.path.endswith(f"/{method}.json")]

    def handle(self, request: Request) -> tuple[int, Any]:
        match = re.fullmatch(re.escape(self.SECRET_PATH) + r"crm\.(\w+)\.(\w+)\.json", request.path)
        if request.method != "POST" or match is None:
            return 401, {"error": "INVALID_CREDENTIALS", "error_description": "Invalid request"}
        entity, action = match.groups()
        params = request.json() or {}
        items = self.items[entity]
        if action == "add":
            self._next_id += 1
            items[self._next_id] = BitrixItem(dict(params["fields"]))
            return 200, {"result": self._next_id, "time": {}}
        if action == "list":
            wanted = params.get("filter", {})
            found = [
                {"ID": str(item_id)}
                for item_id, item in items.items()
                if all(item.fields.get(k) == v for k, v in wanted.items())
            ]
            return 200, {"result": found, "total": len(found), "time": {}}
        item_id = int(params.get("id", 0))
        if item_id not in items:
            return 400, {"error": "", "error_description": "Not found"}
        if action == "update":
            items[item_id].fields.update(params["fields"])
            items[item_id].updates.append(params["fields"])
            return 200, {"result": True, "time": {}}
        if action == "delete":
            del items[item_id]
            return 200, {"result": True, "time": {}}
        return 400, {"error": "ERROR_METHOD_NOT_FOUND", "error_description": "Method not found"}


class FakeAmoCRM(FakeServer):
    TOKEN = "long-lived-token"

    def __init__(self) -> None:
        super().__init__()
        self.leads: dict[int, dict[str, Any]] = {}
        self.contacts: dict[int, dict[str, Any]] = {}
        self.notes: list[tuple[int, str]] = []
        self.tasks: list[dict[str, Any]] = []
        self._next_id = 5000

    def _id(self) -> int:
        self._next_id += 1
        return self._next_id

    def handle(self, request: Request) -> tuple[int, Any]:
        if request.headers.get("authorization") != f"Bearer {self.TOKEN}":
            return 401, {"title": "Unauthorized", "status": 401}
        body = request.json()
        path, method = request.path, request.method
        if (method, path) == ("POST", "/api/v4/leads/complex"):
            answer = []
            for lead in body:
                contact = lead["_embedded"]["contacts"][0]
                contact_id, lead_id = self._id(), self._id()
                self.contacts[contact_id] = dict(contact)
                self.leads[lead_id] = {k: v for k, v in lead.items() if k != "_embedded"}
                self.leads[lead_id]["contact_id"] = contact_id
                answer.append(
                    {
                        "id": lead_id,
                        "contact_id": contact_id,
                        "company_id": None,
                        "request_id": ["0"],
                        "merged": False,
                    }
                )
            return 200, answer
        if (method, path) == ("GET", "/api/v4/leads"):
            query = request.query.get("query", [""])[0]
            found = [
                {
                    "id": lead_id,
                    "name": lead["name"],
                    "_embedded": {"contacts": [{"id": lead["contact_id"]}]},
                }
                for lead_id, lead in self.leads.items()
                if query and query in lead["name"]
            ]
            return (200, {"_embedded": {"leads": found}}) if found else (204, None)
        if match := re.fullmatch(r"/api/v4/(leads|contacts)/(\d+)", path):
            table = self.leads if match[1] == "leads" else self.contacts
            if method != "PATCH" or int(match[2]) not in table:
                return 404, {"title": "Not found", "status": 404}
            table[int(match[2])].update(body)
            return 200, {"id": int(match[2])}
        if match := re.fullmatch(r"/api/v4/leads/(\d+)/notes", path):
            for note in body:
                self.notes.append((int(match[1]), note["params"]["text"]))
            return 200, {"_embedded": {"notes": [{"id": self._id()} for _ in body]}}
        if (method, path) == ("POST", "/api/v4/tasks"):
            self.tasks += body
            return 200, {"_embedded": {"tasks": [{"id": self._id()} for _ in body]}}
        return 404, {"title": "Not found", "status": 404}
