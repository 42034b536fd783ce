"""Prometheus metrics of the conversation, on a registry of their own.

`TurnMetrics` is the service's `TurnObserver`: it is told about every finished
turn and counts it. No label carries anything a person wrote.
"""

from __future__ import annotations

from collections.abc import Mapping

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram

from credit_expert.models import Event, Reply, Written

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

    def turn_finished(self, reply: Reply, written: Written, seconds: float) -> None:
        self.turns.labels(writer=written.writer if written.text else "none").inc()
        self.reply_seconds.observe(seconds)
        if written.rejection:
            self.llm_fallbacks.labels(reason=_reason_label(written.rejection)).inc()
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


def _reason_label(rejection: str) -> str:
    """A short, bounded label: the code before any detail ("timeout: 12s" -> "timeout")."""
    return rejection.split(":", 1)[0].strip()[:40] or "unknown"
