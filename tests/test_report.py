"""The funnel report over a seeded day of real dialogues, on SQLite and MariaDB; the A/B
arms of reply variants; the CSV, PNG and HTML; the MySQL views against the same day."""

from __future__ import annotations

import base64
import csv
import io
import logging
import re
import sqlite3
import sys
from collections.abc import AsyncIterator, Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pymysql
import pytest

from credit_expert.cli import main
from credit_expert.conversation import ConversationService, ConversationSettings
from credit_expert.funnel_report import (
    NO_SOURCE,
    ArmRow,
    Report,
    Share,
    TokenPrices,
    build_report,
    compare_arms,
    report_csv,
    report_text,
)
from credit_expert.models import Incoming
from credit_expert.resources import resource_path
from credit_expert.scripted_writer import ScriptedWriter, load_texts, person_seed
from credit_expert.store import Store, open_store
from credit_expert.store.migrations import split_statements
from tests.fake_openai_server import FakeOpenAIServer
from tests.report_seed import (
    DAY,
    DAY_BEFORE_PERSON,
    LLM_PERSON,
    Seeded,
    at_moscow,
    day_bounds,
    seed_day,
)

PRICES = TokenPrices(per_1k_in=0.5, per_1k_out=1.5)
DAY_PEOPLE = (501, 502, 503, 504, 505, 506, LLM_PERSON)


@pytest.fixture
def llm_server() -> Iterator[FakeOpenAIServer]:
    server = FakeOpenAIServer().start()
    yield server
    server.stop()


@pytest.fixture
async def seeded_store(
    store: Store, llm_server: FakeOpenAIServer
) -> AsyncIterator[tuple[Store, Seeded]]:
    yield store, await seed_day(store, llm_server)


async def day_report(store: Store) -> Report:
    since, until = day_bounds()
    return build_report(await store.report_rows(since, until), since, until, PRICES)


async def test_the_report_of_a_seeded_day(seeded_store: tuple[Store, Seeded]) -> None:
    store, seeded = seeded_store
    report = await day_report(store)

    assert report.dialogues == 7  # person 500 wrote the day before: not in the period
    assert report.booked == 2
    assert [r.reached for r in report.funnel] == [7, 5, 3, 2, 2]
    assert [r.from_previous for r in report.funnel] == [
        None,
        Share(5, 7),
        Share(3, 5),
        Share(2, 3),
        Share(2, 2),
    ]
    assert (report.not_a_fit, report.opted_out) == (1, 1)
    objections = {o.kind: (o.dialogues, o.booked_after.count) for o in report.objections}
    assert objections == {"property": (2, 0), "price": (1, 1), "think": (1, 0)}
    assert report.asks == (("flat", 2, 2), ("price", 1, 1))
    assert dict(report.verdicts) == {"court": 3, None: 3, "not_a_fit": 1}
    sources = {s.source: (s.booked.total, s.booked.count) for s in report.sources}
    assert sources == {"vk-debt2026-story": (2, 1), "site-button": (1, 1), NO_SOURCE: (4, 0)}

    waits = [seeded.booked_at[p] - seeded.started_at[p] for p in (501, 502)]
    assert waits == [timedelta(minutes=22), timedelta(minutes=10)]
    assert report.median_to_booking == timedelta(minutes=16)
    assert dict(report.outcomes) == {"contract": 1, None: 1}
    assert (report.follow_ups.sent, report.follow_ups.came_back) == (0, 0)

    # The LLM figures against what the writers returned (the service's observer).
    written = [w for p in DAY_PEOPLE for w in seeded.written[p] if w.text]
    assert report.llm.replies == len(written) == 30
    assert report.llm.by_llm == sum(w.writer == "llm" for w in written) == 2
    assert (report.llm.fallbacks, report.llm.attempted) == (1, 3)
    assert report.llm.reasons == (("guarantee", 1),)
    tokens_in = sum(w.tokens_in for w in written)
    tokens_out = sum(w.tokens_out for w in written)
    assert (report.llm.tokens_in, report.llm.tokens_out) == (tokens_in, tokens_out)
    assert tokens_in > 1000 and tokens_out > 50
    cost = tokens_in / 1000 * 0.5 + tokens_out / 1000 * 1.5
    assert report.llm.cost == pytest.approx(cost)
    assert report.cost_per_booked == pytest.approx(cost / 2)
    assert report.tokens_per_booked == pytest.approx((tokens_in + tokens_out) / 2)

    # A/B: every person of the day saw Daria's introduction once, in their arm's wording.
    intro = next(c for c in report.variants if c.key == "intro")
    assert sum(a.booked.total for a in intro.arms) == 7
    assert sum(a.booked.count for a in intro.arms) == 2
    assert len(intro.arms) >= 2  # the seeds spread people over the wordings
    assert "мало данных" in intro.note  # 7 people cannot tell two wordings apart
    wordings = load_texts().get("intro")
    for person in DAY_PEOPLE:
        first = seeded.replies[person][0].text
        arm = [a for a in intro.arms if _saw(seeded, person, a.variant)]
        assert len(arm) == 1, person
        index = int(arm[0].variant.rpartition("#")[2])
        assert wordings[index].format(firm="") in first


def _saw(seeded: Seeded, person: int, variant: str) -> bool:
    return any(variant in w.variants for w in seeded.written[person][:1])


async def test_text_and_csv_hold_the_figures_and_nothing_personal(
    seeded_store: tuple[Store, Seeded],
) -> None:
    store, _ = seeded_store
    report = await day_report(store)
    text = report_text(report)
    assert "Отчёт по воронке Дарьи за 24.11.2026 — 24.11.2026" in text
    assert "Диалогов: 7, записались на звонок: 2" in text
    assert re.search(r"предложение\s+3\s+60%", text)
    assert re.search(r"цена\s+1\s+записались 1 \(100%\)", text)
    assert "Медиана времени до записи: 16 мин" in text
    assert "напоминаний ещё нет" in text
    assert "причины подмен: guarantee 1" in text
    assert "стоимость:" in text and "на запись:" in text
    rows = list(csv.reader(io.StringIO(report_csv(report))))
    assert rows[0] == ["section", "item", "count", "of", "share", "note"]
    assert ["funnel", "offer", "3", "5", "0.6000", ""] in rows
    assert ["source_booked", "site-button", "1", "1", "1.0000", ""] in rows
    assert ["call_outcome", "contract", "1", "2", "0.5000", ""] in rows
    assert ["median_minutes_to_booking", "", "16", "", "", ""] in rows
    for written in (text, report_csv(report)):
        assert "916" not in written and "903" not in written  # the phones
        assert "сколько стоит" not in written and "не плачу" not in written  # their words


async def test_the_period_leaves_out_other_days(seeded_store: tuple[Store, Seeded]) -> None:
    store, _ = seeded_store
    since, until = day_bounds()
    before = await store.report_rows(since - timedelta(days=1), since)
    assert [d.user_id for d in before.dialogues] == [DAY_BEFORE_PERSON]
    everything = await store.report_rows(since - timedelta(days=30), until)
    assert len(everything.dialogues) == 8


async def test_follow_ups_sent_and_who_came_back(
    seeded_store: tuple[Store, Seeded], database_url: str
) -> None:
    """Against the reminders table of the follow-ups work (migration 050); on MariaDB the
    `report_follow_ups` view of sql/views.sql gives the same figures."""
    store, _ = seeded_store
    sent = [
        (503, "followup", 1, at_moscow(DAY, "11:30")),  # 503 writes again at 12:45: back
        (504, "followup", 1, at_moscow(DAY, "12:00")),  # 504 never does
        (503, "followup", 2, at_moscow(DAY, "14:00")),  # after 503's last message
        (501, "call", 1, at_moscow(DAY, "11:00")),
    ]
    with _raw(database_url) as (db, mark):
        db.execute(REMINDERS_TABLE_MYSQL if mark == "%s" else REMINDERS_TABLE_SQLITE)
        for user_id, kind, attempt, sent_at in sent:
            when = sent_at.replace(tzinfo=None).isoformat(sep=" ")
            db.execute(
                "INSERT INTO reminders (user_id, kind, attempt, due_at, status, created_at,"
                f" sent_at) VALUES ({mark}, {mark}, {mark}, {mark}, 'sent', {mark}, {mark})",
                (user_id, kind, attempt, when, when, when),
            )
    service = ConversationService(
        store,
        ScriptedWriter(),
        ConversationSettings("https://example.com/privacy", "2025-09-01"),
        clock=lambda: at_moscow(DAY, "12:45"),
    )
    await service.handle(Incoming(503, 503, 10, "ну давайте созвонимся", at_moscow(DAY, "12:45")))
    report = await day_report(store)
    assert report.follow_ups.table_exists
    assert (report.follow_ups.sent, report.follow_ups.came_back) == (3, 1)
    assert report.follow_ups.call_reminders == 1
    assert "отправлено 3, после них человек написал снова: 1 (33%)" in report_text(report)
    with _raw(database_url) as (db, mark):
        if mark != "%s":
            return  # the views are MySQL's, for BI tools
        for statement in split_statements(
            resource_path("sql", "views.sql").read_text(encoding="utf-8")
        ):
            db.execute(statement)
        db.execute("SELECT follow_ups_sent, came_back, call_reminders FROM report_follow_ups")
        assert tuple(int(v) for v in db.fetchone()) == (3, 1, 1)


REMINDERS_TABLE_SQLITE = (
    "CREATE TABLE IF NOT EXISTS reminders (id INTEGER PRIMARY KEY AUTOINCREMENT,"
    " user_id INTEGER NOT NULL, kind TEXT NOT NULL, attempt INTEGER NOT NULL, due_at TEXT NOT"
    " NULL, status TEXT NOT NULL, created_at TEXT NOT NULL, sent_at TEXT NULL,"
    " cancel_reason TEXT NULL)"
)
REMINDERS_TABLE_MYSQL = (
    "CREATE TABLE IF NOT EXISTS reminders (id BIGINT AUTO_INCREMENT PRIMARY KEY,"
    " user_id BIGINT NOT NULL, kind VARCHAR(16) NOT NULL, attempt INT NOT NULL,"
    " due_at DATETIME(6) NOT NULL, status VARCHAR(16) NOT NULL, created_at DATETIME(6) NOT"
    " NULL, sent_at DATETIME(6) NULL, cancel_reason VARCHAR(64) NULL)"
)


class _raw:
    """A plain DB-API connection to the test database: (cursor, parameter mark)."""

    def __init__(self, url: str) -> None:
        self.url = url

    def __enter__(self) -> tuple[Any, str]:
        if self.url.startswith("sqlite:///"):
            self.conn: Any = sqlite3.connect(self.url.removeprefix("sqlite:///"))
            return self.conn, "?"
        self.conn = pymysql.connect(
            host="127.0.0.1", user="root", database=self.url.rsplit("/", 1)[1], autocommit=True
        )
        return self.conn.cursor(), "%s"

    def __exit__(self, *exc: object) -> None:
        self.conn.commit()
        self.conn.close()


async def test_every_reply_stores_the_wordings_it_was_made_of(tmp_path: Path) -> None:
    """Each "key#index" on a scripted reply is a wording whose words are in the text."""
    store = open_store(f"sqlite:///{tmp_path / 'daria.db'}")
    await store.connect()
    await store.migrate()
    server = FakeOpenAIServer().start()
    try:
        await seed_day(store, server)
    finally:
        server.stop()
        await store.close()
    texts = load_texts()
    with sqlite3.connect(tmp_path / "daria.db") as db:
        replies = db.execute(
            "SELECT text, variant_ids, writer FROM bot_messages WHERE direction = 'out'"
        ).fetchall()
    checked = 0
    for text, ids, writer in replies:
        assert ids, text[:40]  # every reply
        if writer != "script":
            continue  # an LLM reply rewords its draft's wordings
        for variant in ids.strip("[]").replace('"', "").split(","):
            key, _, index = variant.rpartition("#")
            wording = texts.get(key)[int(index)]
            if "{" in wording:
                continue
            first = re.split(r"(?<=[.!?])\s+", wording, maxsplit=1)[0]
            assert first[1:].lower() in text.lower(), (variant, text[:60])
            checked += 1
    assert checked > 30


async def test_a_person_keeps_a_seed_and_a_replay_gives_the_same_replies(
    tmp_path: Path,
) -> None:
    messages = ["Здравствуйте", "долг 900 тысяч, 2 банка", "а машину заберут?", "я подумаю"]

    async def replay(name: str, person: int, seed: int | None) -> list[tuple[str, Any]]:
        store = open_store(f"sqlite:///{tmp_path / name}")
        await store.connect()
        await store.migrate()
        service = ConversationService(
            store,
            ScriptedWriter(),
            ConversationSettings("https://example.com/privacy", "1", variant_seed=seed),
            clock=lambda: DAY,
        )
        try:
            for number, text in enumerate(messages, 1):
                await service.handle(Incoming(person, person, number, text, DAY))
            state = await store.load_state(person)
            assert state is not None
            with sqlite3.connect(tmp_path / name) as db:
                out = db.execute(
                    "SELECT text, variant_ids FROM bot_messages WHERE direction = 'out' ORDER BY id"
                ).fetchall()
            return [("seed", state.variant_seed), *out]
        finally:
            await store.close()

    first = await replay("a.db", 4242, None)
    assert first[0] == ("seed", person_seed(4242))
    assert await replay("b.db", 4242, None) == first  # the same person: the same replies
    # A fixed seed (chat's): two people get the same wordings.
    assert (await replay("c.db", 1, 7))[1:] == (await replay("d.db", 2, 7))[1:]
    # Seeds spread people over the wordings.
    people = [await replay(f"p{n}.db", n, None) for n in range(10, 16)]
    assert len({tuple(p[1:]) for p in people}) > 1


def test_arms_are_compared_in_plain_words() -> None:
    def arms(*pairs: tuple[int, int]) -> tuple[ArmRow, ...]:
        return tuple(ArmRow(f"offer.court#{i}", Share(*p)) for i, p in enumerate(pairs))

    note, p_value = compare_arms(arms((5, 12), (9, 40)))
    assert p_value is None and "мало данных" in note and "offer.court#0 всего 12" in note
    note, p_value = compare_arms(arms((30, 100), (60, 100)))
    assert p_value is not None and p_value < 0.001
    assert note.startswith("offer.court#1 записывает лучше, чем offer.court#0 (60% против 30%)")
    note, p_value = compare_arms(arms((45, 100), (50, 100)))
    assert p_value is not None and 0.4 < p_value < 0.6
    assert "может быть случайной" in note


# --- the command, its files and its missing optional dependency ----------------------------


@pytest.fixture(autouse=True)
def root_logging() -> Iterator[None]:
    """main() points the root logger at this test's stderr: give the old handlers back."""
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    yield
    root.handlers[:] = handlers
    root.setLevel(level)


@pytest.fixture
async def seeded_file(tmp_path: Path, llm_server: FakeOpenAIServer) -> str:
    url = f"sqlite:///{tmp_path / 'daria.db'}"
    store = open_store(url)
    await store.connect()
    await store.migrate()
    try:
        await seed_day(store, llm_server)
    finally:
        await store.close()
    return url


def _run_report(
    url: str, args: list[str], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> tuple[int, str, str]:
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.setenv("LLM_PRICE_PER_1K_IN", "0.5")
    monkeypatch.setenv("LLM_PRICE_PER_1K_OUT", "1.5")
    code = main(["report", "--since", "2026-11-24", "--until", "2026-11-24", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_report_command_writes_text_csv_png_and_html(
    seeded_file: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    files = {kind: tmp_path / f"day.{kind}" for kind in ("csv", "png", "html")}
    args = [arg for kind, path in files.items() for arg in (f"--{kind}", str(path))]
    code, out, err = _run_report(seeded_file, args, monkeypatch, capsys)
    assert code == 0, err
    assert "Диалогов: 7, записались на звонок: 2" in out
    assert "стоимость: 2," in out or "стоимость: 3," in out  # rubles, from the prices set

    assert "funnel,booked,2,2,1.0000," in files["csv"].read_text(encoding="utf-8")

    from PIL import Image  # matplotlib's own dependency

    png = files["png"].read_bytes()
    assert png.startswith(b"\x89PNG")
    with Image.open(io.BytesIO(png)) as picture:
        assert picture.size[0] > 1000 and picture.size[1] > 400
        colors = {color for _, color in picture.convert("RGB").getcolors(1_000_000) or []}
    assert (0x2F, 0x6D, 0xB5) in colors  # the funnel's bars
    assert (0x2E, 0x9B, 0x57) in colors  # booked
    assert (0xD9, 0x82, 0x2B) in colors  # objections raised

    page = files["html"].read_text(encoding="utf-8")
    assert page.startswith("<!doctype html>")
    assert "<h1>Воронка Дарьи за 24.11.2026 — 24.11.2026</h1>" in page
    embedded = re.search(r'src="data:image/png;base64,([A-Za-z0-9+/=]+)"', page)
    assert embedded and base64.b64decode(embedded.group(1)).startswith(b"\x89PNG")
    assert "http" not in page.replace("<!doctype html>", "")  # nothing fetched from elsewhere
    for figure in ("записались на звонок", "цена", "vk-debt2026-story", "guarantee", "договор"):
        assert figure in page
    assert "916" not in page.replace(embedded.group(1), "")  # no phone


def test_charts_without_matplotlib_stop_with_one_line(
    seeded_file: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setitem(sys.modules, "matplotlib", None)  # as if not installed
    code, out, err = _run_report(
        seeded_file, ["--png", str(tmp_path / "x.png")], monkeypatch, capsys
    )
    assert code == 2
    assert err.strip().splitlines() == [
        "report error: the --png and --html charts need the optional package matplotlib: "
        "pip install matplotlib==3.11.2"
    ]
    assert out == "" and not (tmp_path / "x.png").exists()


def test_a_wrong_date_is_one_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'x.db'}")
    assert main(["report", "--since", "24.11.2026"]) == 2
    assert capsys.readouterr().err.strip() == (
        "configuration error: --since must be a date like 2026-11-24, got '24.11.2026'"
    )


# --- the MySQL views give the same figures ------------------------------------------------


async def test_the_views_give_the_reports_figures(
    mariadb_url: str, llm_server: FakeOpenAIServer
) -> None:
    store = open_store(mariadb_url)
    await store.connect()
    await store.migrate()
    try:
        await seed_day(store, llm_server)
        since, until = day_bounds()
        everything = await store.report_rows(since - timedelta(days=30), until)
    finally:
        await store.close()
    report = build_report(everything, None, until, PRICES)
    views = resource_path("sql", "views.sql").read_text(encoding="utf-8")
    with _raw(mariadb_url) as (db, _):
        for statement in split_statements(views):
            db.execute(statement)
        for statement in split_statements(views):  # safe to load again
            db.execute(statement)

        def rows(sql: str) -> list[tuple[Any, ...]]:
            db.execute(sql)
            return list(db.fetchall())

        funnel = rows("SELECT stage, dialogues, from_previous FROM report_funnel ORDER BY position")
        assert [(s, int(n)) for s, n, _ in funnel] == [(r.stage, r.reached) for r in report.funnel]
        assert float(funnel[2][2]) == pytest.approx(0.6)
        assert rows("SELECT not_a_fit, opted_out, dialogues FROM report_exits") == [
            (report.not_a_fit, report.opted_out, report.dialogues)
        ]
        assert {
            k: (int(n), int(b))
            for k, n, b in rows("SELECT kind, dialogues, booked_after FROM report_objections")
        } == {o.kind: (o.dialogues, o.booked_after.count) for o in report.objections}
        assert sorted(rows("SELECT topic, times, people FROM report_asks")) == sorted(report.asks)
        assert dict(rows("SELECT verdict, dialogues FROM report_verdicts")) == {
            (v or "unknown"): n for v, n in report.verdicts
        }
        assert {s: (int(n), int(b)) for s, n, b, _ in rows("SELECT * FROM report_sources")} == {
            s.source: (s.booked.total, s.booked.count) for s in report.sources
        }
        [(booked, median)] = rows("SELECT booked, median_seconds FROM report_time_to_booking")
        assert booked == report.booked
        assert report.median_to_booking is not None
        assert float(median) == pytest.approx(report.median_to_booking.total_seconds())
        assert dict(rows("SELECT outcome, leads FROM report_call_outcomes")) == {
            (o or "none"): n for o, n in report.outcomes
        }
        [llm] = rows(
            "SELECT replies, llm_replies, llm_attempted, fallbacks, tokens_in, tokens_out,"
            " booked FROM report_llm"
        )
        assert tuple(int(v) for v in llm) == (
            report.llm.replies,
            report.llm.by_llm,
            report.llm.attempted,
            report.llm.fallbacks,
            report.llm.tokens_in,
            report.llm.tokens_out,
            report.booked,
        )
        assert rows("SELECT reason, replies FROM report_fallback_reasons") == list(
            report.llm.reasons
        )
        variants = rows("SELECT text_key, variant_index, people, booked FROM report_variants")
        assert sorted((k, int(i), int(n), int(b)) for k, i, n, b in variants) == sorted(
            (c.key, int(a.variant.rpartition("#")[2]), a.booked.total, a.booked.count)
            for c in report.variants
            for a in c.arms
        )
    assert report.dialogues == 8  # all time: the day before too
