"""The sales manager's morning: a seeded day of dialogues, then `report` as she runs it."""

from __future__ import annotations

import io
import re
import sys
from datetime import UTC, datetime
from pathlib import Path

from behave import given, then, when

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from credit_expert.config import load_settings  # noqa: E402
from credit_expert.report_command import ReportRequest, parse_day, run_report  # noqa: E402
from credit_expert.store import open_store  # noqa: E402
from tests.fake_openai_server import FakeOpenAIServer  # noqa: E402
from tests.report_seed import seed_day  # noqa: E402

MORNING = datetime(2026, 11, 25, 6, 30, tzinfo=UTC)  # 09:30 in Moscow


def run(context, coroutine):
    return context.loop.run_until_complete(coroutine)


async def _seed(url: str, server: FakeOpenAIServer):
    store = open_store(url)
    await store.connect()
    await store.migrate()
    try:
        return await seed_day(store, server)
    finally:
        await store.close()


@given("24.11.2026 с Дарьей поговорили семь человек, двое записались на звонок")
def a_day_of_dialogues(context) -> None:
    server = FakeOpenAIServer().start()
    context.cleanups.append(server.stop)
    context.seeded = run(context, _seed(context.env["DATABASE_URL"], server))
    booked = [p for p, replies in context.seeded.replies.items() if replies[-1].stage == "booked"]
    assert booked == [501, 502], booked


@given("юрист отметил по одной записи «договор»")
def one_contract(context) -> None:
    # The seeded day records it on person 501 (tests/report_seed.py), as the card's button does.
    async def outcome() -> str | None:
        store = open_store(context.env["DATABASE_URL"])
        await store.connect()
        try:
            return (await store.lead_state(501))[1]
        finally:
            await store.close()

    assert run(context, outcome()) == "contract"


def _report(context, day: str, csv: Path | None = None) -> str:
    settings = load_settings(env=context.env, dotenv=False)
    request = ReportRequest(
        since=parse_day("--since", day), until=parse_day("--until", day), csv=csv
    )
    out = io.StringIO()
    assert run(context, run_report(settings, request, now=MORNING, stdout=out)) == 0
    return out.getvalue()


@when("руководитель открывает отчёт за {day}")
def open_report(context, day: str) -> None:
    iso = "-".join(reversed(day.split(".")))
    context.report_day = iso
    context.report = _report(context, iso)


@then("в отчёте {dialogues:d} диалогов и {booked:d} записи на звонок")
def totals(context, dialogues: int, booked: int) -> None:
    assert f"Диалогов: {dialogues}, записались на звонок: {booked}" in context.report, (
        context.report
    )


@then("воронка читается так:")
def funnel(context) -> None:
    for row in context.table:
        step = row["от предыдущего"].strip()
        pattern = rf"{re.escape(row['этап'])}\s+{row['диалогов']}" + (
            rf"\s+{step}" if step else r"\n"
        )
        assert re.search(pattern, context.report), (row["этап"], context.report)


@then('после возражения "{first}" записались {a:d} из {n:d}, а после "{second}" — {b:d} из {m:d}')
def objections(context, first: str, a: int, n: int, second: str, b: int, m: int) -> None:
    for name, booked, raised in ((first, a, n), (second, b, m)):
        assert re.search(rf"{name}\s+{raised}\s+записались {booked} ", context.report), name


@then('чаще всего спрашивали "{question}"')
def top_question(context, question: str) -> None:
    section = context.report.split("Частые вопросы")[1].splitlines()
    assert section[1].strip().startswith(question), section[:3]


@then('ссылка "{source}" привела {dialogues:d} диалог и {booked:d} запись')
def source(context, source: str, dialogues: int, booked: int) -> None:
    assert re.search(rf"{re.escape(source)}\s+{dialogues}\s+{booked} \(", context.report)


@then('от первого сообщения до записи в среднем проходит "{wait}"')
def median(context, wait: str) -> None:
    assert f"Медиана времени до записи: {wait}" in context.report


@then('исходы звонков: "{first}", "{second}"')
def outcomes(context, first: str, second: str) -> None:
    assert f"  {first}\n" in context.report and f"  {second}\n" in context.report


@then('про напоминания сказано "{words}"')
@then('про варианты текстов сказано честно: "{words}"')
def says(context, words: str) -> None:
    assert words in context.report, context.report


@then('у LLM одна подмена скриптом по причине "{reason}"')
def one_fallback(context, reason: str) -> None:
    assert "подмен скриптом 1 из" in context.report
    assert f"причины подмен: {reason} 1" in context.report


@then("в отчёте нет ни телефонов, ни слов клиентов")
def nothing_personal(context) -> None:
    assert not re.search(r"\+?7\s?9\d\d", context.report)
    for words in ("сколько стоит", "не плачу", "Москва"):
        assert words not in context.report


@when("руководитель выгружает отчёт в CSV")
def export_csv(context) -> None:
    context.csv = context.tmpdir / "day.csv"
    _report(context, context.report_day, csv=context.csv)


@then('в CSV есть строка "{line}"')
def csv_line(context, line: str) -> None:
    assert line in context.csv.read_text(encoding="utf-8").splitlines()
