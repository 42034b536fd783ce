"""The generic webhook: one signed JSON POST per event (n8n, Make, an in-house CRM).

The body is `webhook_body()`; the signature is HMAC-SHA256 over
"<timestamp>.<raw body>" with WEBHOOK_SECRET, hex, in `X-Daria-Signature:
sha256=<hex>`, the timestamp (Unix seconds) in `X-Daria-Timestamp`, and the
event id in `Idempotency-Key`: a receiver that remembers it processes each
event once although delivery is at least once.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from typing import Any

import httpx2

from credit_expert.destinations.base import LEAD_FORGOTTEN, Delivery, utm_from_source

SCHEMA_VERSION = 1
# The lead fields the webhook carries, in this order (the README documents each).
LEAD_FIELDS = (
    "name",
    "phone",
    "debt_total",
    "creditors_count",
    "verdict",
    "call_time",
    "call_tz",
    "call_time_msk",
    "call_time_text",
    "region",
    "source",
    "summary",
    "status",
    "outcome",
    "consent_at",
    "consent_version",
)


def webhook_body(delivery: Delivery) -> dict[str, Any]:
    lead: dict[str, Any] | None = None
    if delivery.kind != LEAD_FORGOTTEN:
        lead = {"id": delivery.lead_key}
        lead.update({name: delivery.payload.get(name) for name in LEAD_FIELDS})
        lead["utm"] = utm_from_source(delivery.payload.get("source"))
    return {
        "schema": SCHEMA_VERSION,
        "event": delivery.kind,
        "event_id": delivery.event_id,
        "occurred_at": (delivery.occurred_at or datetime.now(UTC)).isoformat(),
        "lead_id": delivery.lead_key,
        "lead": lead,
    }


def sign(secret: str, timestamp: str, body: bytes) -> str:
    digest = hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256)
    return "sha256=" + digest.hexdigest()


class WebhookDestination:
    name = "webhook"

    def __init__(
        self,
        url: str,
        secret: str,
        *,
        timeout: float = 10.0,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self._url = url
        self._secret = secret
        self._clock = clock
        self._client = httpx2.AsyncClient(timeout=timeout)

    async def deliver(self, delivery: Delivery) -> Mapping[str, Any] | None:
        body = json.dumps(webhook_body(delivery), ensure_ascii=False).encode()
        timestamp = str(int(self._clock().timestamp()))
        response = await self._client.post(
            self._url,
            content=body,
            headers={
                "Content-Type": "application/json; charset=utf-8",
                "User-Agent": "credit-expert-daria",
                "X-Daria-Event": delivery.kind,
                "X-Daria-Timestamp": timestamp,
                "X-Daria-Signature": sign(self._secret, timestamp, body),
                "Idempotency-Key": delivery.event_id,
            },
        )
        response.raise_for_status()
        # Kept on the lead so that a /forget from anywhere (the retention job too) knows
        # the receiver holds a copy.
        return {"received": True}

    async def close(self) -> None:
        await self._client.aclose()
