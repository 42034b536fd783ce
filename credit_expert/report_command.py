"""`report`: the funnel report from the database, as text, CSV, PNG and HTML.

Dates are days in the time zone of OFFICE_HOURS (the firm's own): `--since 2026-11-24
--until 2026-11-24` is that one day; without `--since`, from the first dialogue.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import TextIO

from credit_expert.config import ConfigError, Settings
from credit_expert.funnel_report import Report, TokenPrices, build_report, report_csv, report_text
from credit_expert.store import open_store

EARLIEST = datetime(2000, 1, 1, tzinfo=UTC)
REPORT_DB_TIMEOUT = 120.0  # a year of dialogues is read in one go: not a turn's budget


@dataclass(frozen=True)
class ReportRequest:
    since: date | None = None
    until: date | None = None  # inclusive
    csv: Path | None = None
    png: Path | None = None
    html: Path | None = None


def parse_day(name: str, value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise ConfigError(f"{name} must be a date like 2026-11-24, got {value!r}") from exc


def period(
    request: ReportRequest, settings: Settings, now: datetime
) -> tuple[datetime | None, datetime]:
    """[since, until) as aware times: the days' midnights in the firm's zone."""
    zone = settings.office_hours.tz
    since = datetime.combine(request.since, time(), zone) if request.since else None
    if request.until is not None:
        until = datetime.combine(request.until + timedelta(days=1), time(), zone)
    else:
        until = now.astimezone(zone) + timedelta(microseconds=1)
    if since is not None and since >= until:
        raise ConfigError("--since must be a day before or equal to --until")
    return since, until


async def make_report(settings: Settings, request: ReportRequest, now: datetime) -> Report:
    since, until = period(request, settings, now)
    store = open_store(settings.database_url, timeout=max(settings.db_timeout, REPORT_DB_TIMEOUT))
    await store.connect()
    try:
        await store.migrate()  # as run and chat do: an older database gets the columns read
        rows = await store.report_rows(since or EARLIEST, until)
    finally:
        await store.close()
    prices = TokenPrices(settings.llm_price_per_1k_in, settings.llm_price_per_1k_out)
    return build_report(rows, since, until, prices)


async def run_report(
    settings: Settings,
    request: ReportRequest,
    *,
    now: datetime | None = None,
    stdout: TextIO | None = None,
) -> int:
    stdout = stdout or sys.stdout
    if request.png or request.html:
        from credit_expert.report_charts import pyplot

        pyplot()  # fail before reading anything when matplotlib is missing
    report = await make_report(settings, request, now or datetime.now(UTC))
    stdout.write(report_text(report))
    stdout.flush()
    if request.csv:
        request.csv.write_text(report_csv(report), encoding="utf-8")
        print(f"report: CSV written to {request.csv}", file=sys.stderr)
    if request.png or request.html:
        from credit_expert.report_charts import write_html, write_png

        if request.png:
            write_png(report, request.png)
            print(f"report: PNG written to {request.png}", file=sys.stderr)
        if request.html:
            write_html(report, request.html)
            print(f"report: HTML written to {request.html}", file=sys.stderr)
    return 0
