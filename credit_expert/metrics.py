"""Prometheus metrics of the conversation, on a registry of their own.

`TurnMetrics` is the service's `TurnObserver`: it is told about every finished
turn and counts it, and the outbox's observer (deliveries, backlog). The same
registry carries the process and Python metrics (`process_*`, `python_*`), the
Telegram connection, and what `StateSampler` reads from the database every few
seconds (people waiting for a reply, the database itself). No label carries
anything a person wrote. Alert rules and a Grafana dashboard over these names
live in deploy/.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Mapping

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram
from prometheus_client.gc_collector import GCCollector
from prometheus_client.platform_collector import PlatformCollector
from prometheus_client.process_collector import ProcessCollector

from credit_expert.models import Event, Reply, Written
from credit_expert.store.base import Store

log = logging.getLogger(__name__)

REPLY_SECONDS_BUCKETS = (0.05, 0.1, 0.25, 0.5, 1.0, 2.0, 4.0, 8.0, 15.0, 30.0)


class TurnMetrics:
    def __init__(self, registry: CollectorRegistry | None = None) -> None:
        self.registry = registry or CollectorRegistry()
        self.turns = Counter(
            "daria_turns",
            "Turns answered, by who wrote the reply (llm, script, none)",
            ["writer"],
            registry=self.registry,
        )
        self.reply_seconds = Histogram(
            "daria_reply_seconds",
            "Time from the start of a turn to a stored reply",
            buckets=REPLY_SECONDS_BUCKETS,
            registry=self.registry,
        )
        self.llm_fallbacks = Counter(
            "daria_llm_fallbacks",
            "Turns where the LLM answer was not used and the script answered, by reason",
            ["reason"],
            registry=self.registry,
        )
        self.llm_tokens = Counter(
            "daria_llm_tokens",
            "LLM tokens used, by direction (in, out)",
            ["direction"],
            registry=self.registry,
        )
        self.stage_transitions = Counter(
            "daria_stage_transitions",
            "Turns that moved a dialogue from one stage of the script to another",
            ["from_stage", "to_stage"],
            registry=self.registry,
        )
        self.leads_booked = Counter(
            "daria_leads_booked",
            "Calls with a lawyer booked",
            registry=self.registry,
        )
        self.outbox_backlog = Gauge(
            "daria_outbox_backlog",
            "Outbox rows not delivered yet, per destination",
            ["destination"],
            registry=self.registry,
        )
        self._backlog_seen: set[tuple[str]] = set()
        self.outbox_deliveries = Counter(
            "daria_outbox_deliveries",
            "Outbox delivery attempts per destination and result (delivered, failed)",
            ["destination", "result"],
            registry=self.registry,
        )
        self.llm_rejected = Counter(
            "daria_llm_rejected",
            "LLM answers that arrived but were not sent (the validator's or the provider's"
            " refusal), by reason",
            ["reason"],
            registry=self.registry,
        )
        self.telegram_connected = Gauge(
            "daria_telegram_connected",
            "1 while the Telegram connection is up",
            registry=self.registry,
        )
        self.database_up = Gauge(
            "daria_database_up",
            "1 when the last database ping answered",
            registry=self.registry,
        )
        self.people_waiting = Gauge(
            "daria_people_waiting",
            "People whose last message has no reply yet",
            registry=self.registry,
        )
        if registry is None:
            # The default collectors, on this registry: process_* (CPU, memory, open
            # files, start time) and python_* (GC, version).
            ProcessCollector(registry=self.registry)
            PlatformCollector(registry=self.registry)
            GCCollector(registry=self.registry)

    def turn_finished(self, reply: Reply, written: Written, seconds: float) -> None:
        self.turns.labels(writer=written.writer if written.text else "none").inc()
        self.reply_seconds.observe(seconds)
        if written.rejection:
            reason = _reason_label(written.rejection)
            self.llm_fallbacks.labels(reason=reason).inc()
            if not reason.startswith(_NOT_ANSWERED):
                self.llm_rejected.labels(reason=reason).inc()
        if written.tokens_in:
            self.llm_tokens.labels(direction="in").inc(written.tokens_in)
        if written.tokens_out:
            self.llm_tokens.labels(direction="out").inc(written.tokens_out)
        before, after = reply.plan.previous_stage, reply.stage
        if before is not after:
            self.stage_transitions.labels(from_stage=before.value, to_stage=after.value).inc()
        if reply.plan.has(Event.BOOKED):
            self.leads_booked.inc()

    # --- the outbox (credit_expert/outbox.py OutboxObserver) ------------------------------

    def delivered(self, destination: str) -> None:
        self.outbox_deliveries.labels(destination=destination, result="delivered").inc()

    def failed(self, destination: str) -> None:
        self.outbox_deliveries.labels(destination=destination, result="failed").inc()

    def backlog(self, counts: Mapping[str, int]) -> None:
        for destination in set(counts) | {d for (d,) in self._backlog_seen}:
            self.outbox_backlog.labels(destination=destination).set(counts.get(destination, 0))
        self._backlog_seen |= {(d,) for d in counts}


# Fallback reasons where no usable answer arrived at all (transport, protocol, time);
# every other reason is an answer that came and was rejected.
_NOT_ANSWERED = (
    "timeout",
    "http_",
    "connection_error",
    "invalid_response",
    "invalid_json",
    "empty_answer",
    "answer_cut",
    "writer_error",
    "empty_reply",
)


class StateSampler:
    """Reads what only the database knows into gauges, every `interval` seconds.
    (The outbox backlog is the outbox loop's own: TurnMetrics.backlog.)"""

    def __init__(
        self,
        metrics: TurnMetrics,
        *,
        ping: Callable[[], Awaitable[bool]],
        waiting: Callable[[], Awaitable[int]],
        interval: float = 15.0,
    ) -> None:
        self._metrics = metrics
        self._ping = ping
        self._waiting = waiting
        self._interval = interval

    @classmethod
    def for_store(cls, metrics: TurnMetrics, store: Store) -> StateSampler:
        async def waiting() -> int:
            return len(await store.users_with_unanswered())

        return cls(metrics, ping=store.ping, waiting=waiting)

    async def sample(self) -> None:
        try:
            up = bool(await asyncio.wait_for(self._ping(), 5.0))
        except Exception:
            up = False
        self._metrics.database_up.set(1 if up else 0)
        if not up:
            return  # the other gauges keep their last value: unknown is not zero
        try:
            self._metrics.people_waiting.set(await self._waiting())
        except Exception as exc:
            log.warning("metrics sampling failed: %s", type(exc).__name__)

    async def run(self) -> None:
        while True:
            await self.sample()
            await asyncio.sleep(self._interval)


def _reason_label(rejection: str) -> str:
    """A short, bounded label: the code before any detail ("timeout: 12s" -> "timeout")."""
    return rejection.split(":", 1)[0].strip()[:40] or "unknown"
