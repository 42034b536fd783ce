"""Observability: process and Python metrics, the gauges an operator alerts on, the
rejected-LLM counter; the alert rules (promtool) and the dashboard use only real names."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import NoReturn

import pytest
from prometheus_client import generate_latest

from credit_expert.metrics import StateSampler, TurnMetrics
from credit_expert.models import (
    Ask,
    Incoming,
    Reply,
    SessionState,
    Stage,
    TurnPlan,
    Written,
)
from credit_expert.store import Store
from credit_expert.store.base import Lead, OutboxEvent, TurnRecord

ROOT = Path(__file__).resolve().parent.parent
ALERTS = ROOT / "deploy" / "prometheus-alerts.yml"
DASHBOARD = ROOT / "deploy" / "grafana-dashboard.json"


def exposition(metrics: TurnMetrics) -> str:
    return generate_latest(metrics.registry).decode()


def turn(writer: str, rejection: str | None = None) -> tuple[Reply, Written]:
    plan = TurnPlan(stage=Stage.QUALIFICATION, previous_stage=Stage.GREETING, ask=Ask.DEBT_TOTAL)
    reply = Reply(1, 1, "текст", Stage.QUALIFICATION, plan, SessionState(), writer)
    return reply, Written(text="текст", writer=writer, rejection=rejection)


def test_process_and_python_metrics_are_exposed() -> None:
    text = exposition(TurnMetrics())
    for name in ("process_resident_memory_bytes", "process_cpu_seconds_total", "python_info"):
        assert re.search(rf"^{name}", text, re.MULTILINE), name
    assert "python_gc_collections_total" in text


def test_rejected_llm_answers_are_counted_apart_from_failures() -> None:
    metrics = TurnMetrics()
    metrics.turn_finished(*turn("script", rejection="guarantee"), 0.1)
    metrics.turn_finished(*turn("script", rejection="canary_leak"), 0.1)
    metrics.turn_finished(*turn("script", rejection="timeout"), 0.1)
    metrics.turn_finished(*turn("script", rejection="http_500"), 0.1)
    text = exposition(metrics)
    assert 'daria_llm_rejected_total{reason="guarantee"} 1.0' in text
    assert 'daria_llm_rejected_total{reason="canary_leak"} 1.0' in text
    assert 'daria_llm_rejected_total{reason="timeout"}' not in text
    assert 'daria_llm_fallbacks_total{reason="timeout"} 1.0' in text
    assert 'daria_llm_fallbacks_total{reason="http_500"} 1.0' in text


async def test_the_sampler_reads_waiting_people_and_the_database(
    sqlite_store: Store,
) -> None:
    metrics = TurnMetrics()
    now = datetime.now(UTC)
    await sqlite_store.record_incoming(Incoming(7, 7, 1, "Здравствуйте", now), "Здравствуйте")
    await sqlite_store.record_incoming(Incoming(8, 8, 1, "Добрый день", now), "Добрый день")
    lead = Lead(8, "+79226001122", 900_000, 3, "court", "завтра", None, None, None, None, None, "")
    await sqlite_store.commit_turn(
        TurnRecord(
            user_id=8,
            answered_ids=(1,),
            reply_text="Готово",
            stage=Stage.BOOKED,
            state=SessionState(stage=Stage.BOOKED),
            writer="script",
            plan={},
            at=now,
            lead=lead,
            events=(OutboxEvent(kind="lead_booked", payload={"user_id": 8}),),
        )
    )
    sampler = StateSampler.for_store(metrics, sqlite_store)
    await sampler.sample()
    text = exposition(metrics)
    assert "daria_database_up 1.0" in text
    assert "daria_people_waiting 1.0" in text  # person 7; person 8 was answered

    await sqlite_store.close()  # the database goes away
    await sampler.sample()
    assert "daria_database_up 0.0" in exposition(metrics)


def test_telegram_connection_gauge_follows_the_client() -> None:
    metrics = TurnMetrics()
    connected = [True]
    metrics.telegram_connected.set_function(lambda: 1.0 if connected[0] else 0.0)
    assert "daria_telegram_connected 1.0" in exposition(metrics)
    connected[0] = False
    assert "daria_telegram_connected 0.0" in exposition(metrics)


def exposed_names() -> set[str]:
    """Every series name /metrics can show, with every labelled metric touched once."""
    metrics = TurnMetrics()
    metrics.turn_finished(*turn("llm"), 0.2)
    metrics.turn_finished(*turn("script", rejection="guarantee"), 0.2)
    metrics.llm_tokens.labels(direction="in").inc()
    metrics.leads_booked.inc()
    metrics.stage_transitions.labels(from_stage="a", to_stage="b").inc()
    metrics.outbox_backlog.labels(destination="managers").set(0)
    names = set()
    for line in exposition(metrics).splitlines():
        if line and not line.startswith("#"):
            names.add(re.split(r"[{ ]", line, maxsplit=1)[0])
    return names | {"up"}  # Prometheus's own


def names_in(expr: str) -> set[str]:
    words = set(re.findall(r"\b([a-z_][a-z0-9_]*)\b(?=\s*(?:\{|\[|\)|$|\s|>|<|=|\*|/|-|\+))", expr))
    return {w for w in words if w.startswith(("daria_", "process_", "python_", "up"))}


def alert_exprs() -> list[str]:
    exprs, current = [], None
    for line in ALERTS.read_text(encoding="utf-8").splitlines():
        match = re.match(r"\s+expr:\s*(>-)?\s*(.*)$", line)
        if match:
            current = [match[2]] if match[2] else []
            exprs.append(current)
        elif current is not None and re.match(r"\s{10,}\S", line) and ":" not in line:
            current.append(line.strip())
        else:
            current = None
    return [" ".join(parts) for parts in exprs]


def test_alerts_and_dashboard_use_only_metrics_the_bot_exposes() -> None:
    exposed = exposed_names()
    exprs = alert_exprs()
    assert len(exprs) == 5
    dashboard = json.loads(DASHBOARD.read_text(encoding="utf-8"))
    exprs += [t["expr"] for p in dashboard["panels"] for t in p["targets"]]
    for expr in exprs:
        used = names_in(expr)
        assert used, expr
        assert used <= exposed, (expr, used - exposed)


def test_the_dashboard_shows_what_the_operator_watches() -> None:
    dashboard = json.loads(DASHBOARD.read_text(encoding="utf-8"))
    exprs = " ".join(t["expr"] for p in dashboard["panels"] for t in p["targets"])
    for name in (
        "daria_turns_total",  # replies
        "daria_reply_seconds_bucket",  # latency
        "daria_stage_transitions_total",  # the funnel
        "daria_llm_fallbacks_total",  # fallbacks
        "daria_outbox_backlog",  # backlog
    ):
        assert name in exprs, name
    ids = [p["id"] for p in dashboard["panels"]]
    assert len(ids) == len(set(ids))


@pytest.fixture
def promtool(unavailable: Callable[[str], NoReturn]) -> str:
    path = shutil.which("promtool")
    if path is None:
        unavailable("promtool is not installed (Debian package prometheus)")
    return path


def test_promtool_accepts_the_alert_rules(promtool: str) -> None:
    result = subprocess.run(
        [promtool, "check", "rules", str(ALERTS)], capture_output=True, text=True, timeout=30
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "SUCCESS: 5 rules found" in result.stdout


RULE_TESTS = """
rule_files: [{rules}]
evaluation_interval: 1m
tests:
  - interval: 1m
    input_series:
      - series: 'daria_database_up{{instance="bot:9108", job="credit-expert-bot"}}'
        values: '1 1 0 0 0 0 0'
      - series: 'daria_people_waiting{{instance="bot:9108", job="credit-expert-bot"}}'
        values: '3x30'
      - series: 'daria_turns_total{{instance="bot:9108", job="credit-expert-bot", writer="llm"}}'
        values: '5x30'
      - series: 'daria_outbox_backlog{{instance="bot:9108", job="credit-expert-bot",
                  destination="managers"}}'
        values: '0+1x90'
    alert_rule_test:
      - eval_time: 6m
        alertname: DariaDatabaseUnreachable
        exp_alerts:
          - exp_labels: {{severity: critical, instance: "bot:9108", job: credit-expert-bot}}
      - eval_time: 1m
        alertname: DariaDatabaseUnreachable
        exp_alerts: []
      - eval_time: 25m
        alertname: DariaNoRepliesWhileMessagesArrive
        exp_alerts:
          - exp_labels: {{severity: critical, instance: "bot:9108", job: credit-expert-bot}}
      - eval_time: 75m
        alertname: DariaOutboxBacklogGrowing
        exp_alerts:
          - exp_labels:
              severity: warning
              instance: "bot:9108"
              job: credit-expert-bot
              destination: managers
"""


def without_annotations(rules: str) -> str:
    """The rules as they evaluate; promtool would otherwise compare every annotation text."""
    kept, skipping = [], False
    for line in rules.splitlines():
        if line.strip() == "annotations:":
            skipping = True
        elif skipping and not line.startswith(" " * 10):
            skipping = False
        if not skipping:
            kept.append(line)
    return "\n".join(kept) + "\n"


def test_the_alerts_fire_when_they_should(promtool: str, tmp_path: Path) -> None:
    rules = tmp_path / "rules.yml"
    rules.write_text(without_annotations(ALERTS.read_text(encoding="utf-8")))
    tests = tmp_path / "alerts_test.yml"
    tests.write_text(RULE_TESTS.format(rules=json.dumps(str(rules))))
    result = subprocess.run(
        [promtool, "test", "rules", str(tests)], capture_output=True, text=True, timeout=30
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_broken_rule_would_be_caught(promtool: str, tmp_path: Path) -> None:
    broken = tmp_path / "broken.yml"
    broken.write_text(ALERTS.read_text().replace("daria_database_up == 0", "daria_database_up =="))
    result = subprocess.run(
        [promtool, "check", "rules", str(broken)], capture_output=True, text=True, timeout=30
    )
    assert result.returncode != 0
