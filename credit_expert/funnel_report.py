"""The funnel report: what a sales manager asks of the stored dialogues, as figures.

Pure: `build_report(rows, prices)` turns the rows the store read (`ReportRows`: the
dialogues started in a period, their replies, the reminders sent) into a `Report`;
`report_text` and `report_csv` write it down. The charts are in report_charts.py.
The same figures are MySQL views in sql/views.sql (for BI tools).

Definitions (the README's "Funnel report" says them in words):
- a dialogue belongs to the period by its first message; everything it did counts;
- a dialogue *reached* a stage when any of its replies (or its session now) stood at that
  stage or further along greeting → qualification → offer → booking → booked, or its lead
  is booked: a person who asked for a call at once reached the offer too (the funnel is
  cumulative);
- an objection counts for the dialogues that raised it before booking (or never booked);
  "booked after" is how many of those booked later;
- a reply variant's *arm* is the wording of a text a person saw first (`offer.court#1`);
  its booking rate is over the people who saw it.
"""

from __future__ import annotations

import csv
import io
import math
import statistics
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from credit_expert.store.base import DialogueRow, ReplyRow, ReportRows

FUNNEL = ("greeting", "qualification", "offer", "booking", "booked")
FUNNEL_NAMES = {
    "greeting": "начали диалог",
    "qualification": "квалификация",
    "offer": "предложение",
    "booking": "запись",
    "booked": "записались на звонок",
}
OBJECTION_NAMES = {
    "price": "цена",
    "think": "«я подумаю»",
    "competitor": "конкуренты",
    "trust": "недоверие",
    "property": "имущество",
    "consequences": "последствия",
    "spouse": "супруг(а)",
}
VERDICT_NAMES = {
    "court": "суд",
    "mfc": "МФЦ",
    "not_a_fit": "не подходит",
    None: "ещё не ясен",
}
OUTCOME_NAMES = {
    "reached": "дозвонились",
    "no_answer": "не дозвонились",
    "contract": "договор",
    "refused": "отказ",
    None: "исход не отмечен",
}
ASK_NAMES = {
    "price": "цена услуг",
    "flat": "заберут ли квартиру",
    "mortgage_flat": "ипотечная квартира",
    "car": "заберут ли машину",
    "pledged_car": "машина в залоге",
    "salary": "что будет с зарплатой/пенсией",
    "travel": "выезд за границу",
    "credit_history": "кредитная история",
    "job": "узнает ли работодатель",
    "spouse": "что будет с супругом",
    "spouse_salary": "зарплата супруга",
    "relative_salary": "зарплата родственника",
    "children": "дети и родственники",
    "relatives_collectors": "коллекторы звонят родным",
    "number_leaked": "откуда у коллекторов номер",
    "firm_contact": "номер юриста / контакты",
    "collectors": "коллекторы",
    "deal_with_relative": "сделка с родственником",
    "hide_property": "переоформить имущество",
    "deal_check": "проверят ли сделки",
    "duration": "сколько длится",
    "mfc": "что такое МФЦ-процедура",
    "which_debts": "какие долги спишут",
    "how_it_works": "как это работает",
    "non_payment": "что если не платить",
    "guarantee": "гарантии",
    "state_program": "госпрограмма",
    "consent_info": "что за согласие",
    "is_bot": "бот ли это",
    "other": "другое (уточнит юрист)",
}
NO_SOURCE = "(без метки)"
TOP_ASKS = 10
TOP_VARIANT_KEYS = 8
# A/B: below this many people on a wording no comparison is made (see the README).
MIN_PEOPLE_PER_ARM = 30
SIGNIFICANCE = 0.05


@dataclass(frozen=True)
class TokenPrices:
    """Rubles per 1 000 tokens (LLM_PRICE_PER_1K_IN / _OUT); 0 and 0: not configured."""

    per_1k_in: float = 0.0
    per_1k_out: float = 0.0

    @property
    def known(self) -> bool:
        return self.per_1k_in > 0 or self.per_1k_out > 0


@dataclass(frozen=True)
class Share:
    """`count` of `total`: a rate a manager reads as a percentage."""

    count: int
    total: int

    @property
    def rate(self) -> float | None:
        return self.count / self.total if self.total else None

    def percent(self) -> str:
        rate = self.rate
        return "—" if rate is None else f"{rate * 100:.0f}%"


@dataclass(frozen=True)
class StageRow:
    stage: str
    reached: int
    from_previous: Share | None  # None for the first stage


@dataclass(frozen=True)
class ObjectionRow:
    kind: str
    dialogues: int
    booked_after: Share


@dataclass(frozen=True)
class SourceRow:
    source: str
    booked: Share


@dataclass(frozen=True)
class ArmRow:
    variant: str  # "offer.court#1"
    booked: Share


@dataclass(frozen=True)
class VariantComparison:
    key: str  # "offer.court"
    arms: tuple[ArmRow, ...]  # by variant index
    note: str  # plain words: which is better, or why one cannot tell yet
    p_value: float | None


@dataclass(frozen=True)
class LLMUse:
    replies: int  # replies with words (script or LLM)
    by_llm: int
    attempted: int  # turns the LLM was asked to word
    fallbacks: int  # of those, answered by the script instead
    reasons: tuple[tuple[str, int], ...]
    tokens_in: int
    tokens_out: int
    cost: float | None  # rubles; None without prices

    @property
    def llm_share(self) -> Share:
        return Share(self.by_llm, self.replies)

    @property
    def fallback_rate(self) -> Share:
        return Share(self.fallbacks, self.attempted)


@dataclass(frozen=True)
class FollowUps:
    sent: int
    came_back: int
    call_reminders: int
    table_exists: bool


@dataclass(frozen=True)
class Report:
    since: datetime | None  # None: from the first dialogue stored
    until: datetime
    dialogues: int
    booked: int
    funnel: tuple[StageRow, ...]
    not_a_fit: int
    opted_out: int
    objections: tuple[ObjectionRow, ...]
    asks: tuple[tuple[str, int, int], ...]  # topic, times asked, people
    verdicts: tuple[tuple[str | None, int], ...]
    sources: tuple[SourceRow, ...]
    median_to_booking: timedelta | None
    follow_ups: FollowUps
    outcomes: tuple[tuple[str | None, int], ...]
    llm: LLMUse
    variants: tuple[VariantComparison, ...] = field(default=())

    @property
    def tokens_per_booked(self) -> float | None:
        tokens = self.llm.tokens_in + self.llm.tokens_out
        return tokens / self.booked if self.booked else None

    @property
    def cost_per_booked(self) -> float | None:
        if self.llm.cost is None or not self.booked:
            return None
        return self.llm.cost / self.booked


def build_report(
    rows: ReportRows,
    since: datetime | None,
    until: datetime,
    prices: TokenPrices = TokenPrices(),
) -> Report:
    replies: dict[int, list[ReplyRow]] = defaultdict(list)
    for reply in rows.replies:
        replies[reply.user_id].append(reply)
    dialogues = rows.dialogues
    booked = {d.user_id for d in dialogues if d.lead_status == "booked"}
    return Report(
        since=since,
        until=until,
        dialogues=len(dialogues),
        booked=len(booked),
        funnel=_funnel(dialogues, replies),
        not_a_fit=_ever_at(dialogues, replies, "not_a_fit"),
        opted_out=_ever_at(dialogues, replies, "opted_out"),
        objections=_objections(dialogues, replies),
        asks=_asks(rows.replies),
        verdicts=_counted(d.verdict for d in dialogues),
        sources=_sources(dialogues, booked),
        median_to_booking=_median_to_booking(dialogues),
        follow_ups=_follow_ups(rows),
        outcomes=_counted(d.outcome for d in dialogues if d.user_id in booked),
        llm=_llm_use(rows.replies, prices),
        variants=_variants(dialogues, replies, booked),
    )


def _furthest(dialogue: DialogueRow, replies: list[ReplyRow]) -> int:
    stages = {r.stage for r in replies} | {dialogue.stage}
    if dialogue.lead_status == "booked":
        stages.add("booked")
    return max((FUNNEL.index(s) for s in stages if s in FUNNEL), default=0)


def _funnel(
    dialogues: tuple[DialogueRow, ...], replies: dict[int, list[ReplyRow]]
) -> tuple[StageRow, ...]:
    furthest = [_furthest(d, replies[d.user_id]) for d in dialogues]
    reached = [sum(1 for f in furthest if f >= i) for i in range(len(FUNNEL))]
    return tuple(
        StageRow(stage, reached[i], Share(reached[i], reached[i - 1]) if i else None)
        for i, stage in enumerate(FUNNEL)
    )


def _ever_at(
    dialogues: tuple[DialogueRow, ...], replies: dict[int, list[ReplyRow]], stage: str
) -> int:
    return sum(
        1
        for d in dialogues
        if d.stage == stage or any(r.stage == stage for r in replies[d.user_id])
    )


def _objections(
    dialogues: tuple[DialogueRow, ...], replies: dict[int, list[ReplyRow]]
) -> tuple[ObjectionRow, ...]:
    raised: dict[str, set[int]] = defaultdict(set)
    booked_after: dict[str, set[int]] = defaultdict(set)
    for d in dialogues:
        booked = d.lead_status == "booked"
        for reply in replies[d.user_id]:
            if not reply.objection or (booked and d.booked_at and reply.at > d.booked_at):
                continue  # a question after the booking is no doubt about booking
            raised[reply.objection].add(d.user_id)
            if booked:
                booked_after[reply.objection].add(d.user_id)
    found = [
        ObjectionRow(kind, len(people), Share(len(booked_after[kind]), len(people)))
        for kind, people in raised.items()
    ]
    return tuple(sorted(found, key=lambda r: (-r.dialogues, r.kind)))


def _asks(replies: tuple[ReplyRow, ...]) -> tuple[tuple[str, int, int], ...]:
    times: Counter[str] = Counter()
    people: dict[str, set[int]] = defaultdict(set)
    for reply in replies:
        for topic in reply.ask_topics:
            times[topic] += 1
            people[topic].add(reply.user_id)
    ranked = sorted(times, key=lambda t: (-times[t], -len(people[t]), t))
    return tuple((t, times[t], len(people[t])) for t in ranked)


def _counted(values: Iterable[str | None]) -> tuple[tuple[str | None, int], ...]:
    counts = Counter(values)
    return tuple(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0] or "~")))


def _sources(dialogues: tuple[DialogueRow, ...], booked: set[int]) -> tuple[SourceRow, ...]:
    people: dict[str, list[int]] = defaultdict(list)
    for d in dialogues:
        people[d.source or NO_SOURCE].append(d.user_id)
    found = [
        SourceRow(source, Share(sum(1 for p in ids if p in booked), len(ids)))
        for source, ids in people.items()
    ]
    return tuple(sorted(found, key=lambda r: (-r.booked.total, -r.booked.count, r.source)))


def _median_to_booking(dialogues: tuple[DialogueRow, ...]) -> timedelta | None:
    waits = [
        (d.booked_at - d.started_at).total_seconds()
        for d in dialogues
        if d.lead_status == "booked" and d.booked_at is not None
    ]
    return timedelta(seconds=statistics.median(waits)) if waits else None


def _follow_ups(rows: ReportRows) -> FollowUps:
    if rows.reminders is None:
        return FollowUps(0, 0, 0, table_exists=False)
    follow_ups = [r for r in rows.reminders if r.kind == "followup"]
    return FollowUps(
        sent=len(follow_ups),
        came_back=sum(1 for r in follow_ups if r.came_back),
        call_reminders=sum(1 for r in rows.reminders if r.kind == "call"),
        table_exists=True,
    )


def _llm_use(replies: tuple[ReplyRow, ...], prices: TokenPrices) -> LLMUse:
    worded = [r for r in replies if r.writer in ("llm", "script")]
    attempted = [r for r in worded if r.writer == "llm" or r.rejection]
    fallbacks = [r for r in attempted if r.rejection]
    tokens_in = sum(r.tokens_in for r in replies)
    tokens_out = sum(r.tokens_out for r in replies)
    cost = None
    if prices.known:
        cost = tokens_in / 1000 * prices.per_1k_in + tokens_out / 1000 * prices.per_1k_out
    reasons = Counter(r.rejection for r in fallbacks if r.rejection)
    return LLMUse(
        replies=len(worded),
        by_llm=sum(1 for r in worded if r.writer == "llm"),
        attempted=len(attempted),
        fallbacks=len(fallbacks),
        reasons=tuple(sorted(reasons.items(), key=lambda kv: (-kv[1], kv[0]))),
        tokens_in=tokens_in,
        tokens_out=tokens_out,
        cost=cost,
    )


def _variants(
    dialogues: tuple[DialogueRow, ...], replies: dict[int, list[ReplyRow]], booked: set[int]
) -> tuple[VariantComparison, ...]:
    """Per text, the people who saw each wording first, and how many of them booked."""
    arms: dict[str, dict[int, list[int]]] = defaultdict(lambda: defaultdict(list))
    for d in dialogues:
        first: dict[str, int] = {}
        for reply in replies[d.user_id]:
            for variant in reply.variants:
                key, _, number = variant.rpartition("#")
                if key and number.isdigit() and key not in first:
                    first[key] = int(number)
        for key, index in first.items():
            arms[key][index].append(d.user_id)
    found = []
    for key, by_index in arms.items():
        if len(by_index) < 2:
            continue  # one wording seen: nothing to compare
        rows = tuple(
            ArmRow(f"{key}#{i}", Share(sum(1 for p in ids if p in booked), len(ids)))
            for i, ids in sorted(by_index.items())
        )
        note, p_value = compare_arms(rows)
        found.append(VariantComparison(key, rows, note, p_value))
    return tuple(sorted(found, key=lambda c: (-sum(a.booked.total for a in c.arms), c.key)))


def compare_arms(arms: tuple[ArmRow, ...]) -> tuple[str, float | None]:
    """A plain-words verdict on wordings: too few people to tell, or the best against the
    worst by a two-proportion z-test (pooled), which is told as a p-value."""
    small = [a for a in arms if a.booked.total < MIN_PEOPLE_PER_ARM]
    if small:
        fewest = min(small, key=lambda a: a.booked.total)
        return (
            f"мало данных, чтобы сравнивать: у {fewest.variant} всего "
            f"{fewest.booked.total} чел., нужно хотя бы {MIN_PEOPLE_PER_ARM} на каждый вариант",
            None,
        )
    ranked = sorted(arms, key=lambda a: a.booked.rate or 0.0, reverse=True)
    best, worst = ranked[0], ranked[-1]
    p_value = two_proportion_p(best.booked, worst.booked)
    if p_value < SIGNIFICANCE:
        return (
            f"{best.variant} записывает лучше, чем {worst.variant} "
            f"({best.booked.percent()} против {worst.booked.percent()}); "
            f"разница вряд ли случайна (p = {p_value:.3f})",
            p_value,
        )
    return (
        f"разница между вариантами может быть случайной (p = {p_value:.2f}): "
        "пока не ясно, какой лучше",
        p_value,
    )


def two_proportion_p(a: Share, b: Share) -> float:
    """Two-sided p-value of the pooled two-proportion z-test (normal approximation)."""
    if not a.total or not b.total:
        return 1.0
    pooled = (a.count + b.count) / (a.total + b.total)
    spread = math.sqrt(pooled * (1 - pooled) * (1 / a.total + 1 / b.total))
    if spread == 0:
        return 1.0
    z = abs(a.count / a.total - b.count / b.total) / spread
    return math.erfc(z / math.sqrt(2))


# --- writing it down ------------------------------------------------------------------


def duration_text(value: timedelta | None) -> str:
    if value is None:
        return "—"
    minutes = round(value.total_seconds() / 60)
    days, minutes = divmod(minutes, 24 * 60)
    hours, minutes = divmod(minutes, 60)
    parts = [f"{days} д"] if days else []
    if hours:
        parts.append(f"{hours} ч")
    if minutes or not parts:
        parts.append(f"{minutes} мин")
    return " ".join(parts)


def rubles(value: float) -> str:
    return f"{value:,.2f}".replace(",", " ").replace(".", ",") + " ₽"


def period_text(report: Report) -> str:
    """The period in the report's time zone: "24.11.2026 — 25.11.2026"."""
    last_day = report.until - timedelta(microseconds=1)
    if report.since is None:
        return f"всё время по {last_day:%d.%m.%Y}"
    return f"{report.since:%d.%m.%Y} — {last_day:%d.%m.%Y}"


def report_text(report: Report) -> str:
    """The text summary a manager reads in the terminal (stdout)."""
    lines = [
        f"Отчёт по воронке Дарьи за {period_text(report)}",
        f"Диалогов: {report.dialogues}, записались на звонок: {report.booked}",
        "",
        "Воронка (сколько диалогов дошло до этапа; от предыдущего этапа):",
    ]
    for row in report.funnel:
        step = f"  {row.from_previous.percent():>4}" if row.from_previous else ""
        lines.append(f"  {FUNNEL_NAMES[row.stage]:<22}{row.reached:>5}{step}")
    lines.append(f"  ушли как «не подходит»: {report.not_a_fit}; отписались: {report.opted_out}")

    lines += ["", "Возражения (диалогов; из них записались после):"]
    lines += [
        f"  {OBJECTION_NAMES.get(o.kind, o.kind):<22}{o.dialogues:>5}"
        f"  записались {o.booked_after.count} ({o.booked_after.percent()})"
        for o in report.objections
    ] or ["  возражений не было"]

    lines += ["", "Частые вопросы (сколько раз; человек):"]
    lines += [
        f"  {ASK_NAMES.get(topic, topic):<32}{times:>5}{people:>6}"
        for topic, times, people in report.asks[:TOP_ASKS]
    ] or ["  вопросов не было"]

    lines += ["", "Маршрут (вердикт):"]
    lines += [f"  {VERDICT_NAMES.get(v, v)}: {n}" for v, n in report.verdicts] or ["  —"]

    lines += ["", "Источники (диалогов; записались):"]
    lines += [
        f"  {s.source:<28}{s.booked.total:>5}  {s.booked.count} ({s.booked.percent()})"
        for s in report.sources
    ] or ["  —"]

    lines += [
        "",
        f"Медиана времени до записи: {duration_text(report.median_to_booking)}",
        "",
        *follow_up_lines(report.follow_ups),
        "",
        "Звонки юристов (исход по записавшимся):",
    ]
    lines += [f"  {OUTCOME_NAMES.get(o, o)}: {n}" for o, n in report.outcomes] or ["  записей нет"]
    lines += ["", *llm_lines(report), "", *_variant_lines(report)]
    return "\n".join(lines) + "\n"


def follow_up_lines(follow_ups: FollowUps) -> list[str]:
    if not follow_ups.table_exists or not (follow_ups.sent or follow_ups.call_reminders):
        return ["Напоминания: напоминаний ещё нет"]
    back = Share(follow_ups.came_back, follow_ups.sent)
    return [
        f"Напоминания: отправлено {follow_ups.sent}, после них человек написал снова: "
        f"{follow_ups.came_back} ({back.percent()}); напоминаний о звонке: "
        f"{follow_ups.call_reminders}"
    ]


def llm_lines(report: Report) -> list[str]:
    llm = report.llm
    lines = [
        f"LLM: {llm.by_llm} из {llm.replies} ответов ({llm.llm_share.percent()}); "
        f"подмен скриптом {llm.fallbacks} из {llm.attempted} ({llm.fallback_rate.percent()})"
    ]
    if llm.reasons:
        lines.append("  причины подмен: " + ", ".join(f"{r} {n}" for r, n in llm.reasons))
    per_lead = report.tokens_per_booked
    lines.append(
        f"  токены: {llm.tokens_in} на входе, {llm.tokens_out} на выходе; на запись: "
        + ("—" if per_lead is None else f"{per_lead:.0f}")
    )
    if llm.cost is None:
        lines.append("  стоимость: цена не задана (LLM_PRICE_PER_1K_IN, LLM_PRICE_PER_1K_OUT)")
    else:
        per_booked = report.cost_per_booked
        lines.append(
            f"  стоимость: {rubles(llm.cost)}; на запись: "
            + ("—" if per_booked is None else rubles(per_booked))
        )
    return lines


def _variant_lines(report: Report) -> list[str]:
    lines = ["Варианты текстов (первый показанный вариант: человек, записались):"]
    if not report.variants:
        return [*lines, "  сравнивать пока нечего: каждый текст показан в одном варианте"]
    for comparison in report.variants[:TOP_VARIANT_KEYS]:
        arms = "; ".join(
            f"#{a.variant.rpartition('#')[2]}: {a.booked.total} → {a.booked.count}"
            f" ({a.booked.percent()})"
            for a in comparison.arms
        )
        lines.append(f"  {comparison.key}: {arms}")
        lines.append(f"    {comparison.note}")
    if len(report.variants) > TOP_VARIANT_KEYS:
        lines.append(f"  … ещё {len(report.variants) - TOP_VARIANT_KEYS} текстов в CSV")
    return lines


CSV_HEADER = ("section", "item", "count", "of", "share", "note")


def report_csv(report: Report) -> str:
    """Every figure as one row: section, item, count, of (the base), share, note."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_HEADER)

    def row(
        section: str, item: str | None, count: float | str, of: int | None = None, note: str = ""
    ) -> None:
        share = f"{count / of:.4f}" if of and not isinstance(count, str) else ""
        writer.writerow((section, item or "", count, "" if of is None else of, share, note))

    since = report.since.isoformat() if report.since else ""
    row("period", f"{since} .. {report.until.isoformat()}", report.dialogues)
    for stage in report.funnel:
        previous = stage.from_previous.total if stage.from_previous else None
        row("funnel", stage.stage, stage.reached, previous)
    row("exits", "not_a_fit", report.not_a_fit, report.dialogues)
    row("exits", "opted_out", report.opted_out, report.dialogues)
    for o in report.objections:
        row("objection_booked_after", o.kind, o.booked_after.count, o.dialogues)
    for topic, times, people in report.asks:
        row("asks", topic, times, None, f"people={people}")
    for verdict, n in report.verdicts:
        row("verdict", verdict or "unknown", n, report.dialogues)
    for s in report.sources:
        row("source_booked", s.source, s.booked.count, s.booked.total)
    median = report.median_to_booking
    row("median_minutes_to_booking", "", round(median.total_seconds() / 60) if median else "")
    f = report.follow_ups
    row("follow_ups", "sent", f.sent, None, "" if f.table_exists else "no reminders table")
    row("follow_ups", "came_back", f.came_back, f.sent or None)
    row("follow_ups", "call_reminders", f.call_reminders)
    for outcome, n in report.outcomes:
        row("call_outcome", outcome or "none", n, report.booked)
    llm = report.llm
    row("llm", "llm_replies", llm.by_llm, llm.replies)
    row("llm", "fallbacks", llm.fallbacks, llm.attempted)
    for reason, n in llm.reasons:
        row("llm_fallback_reason", reason, n, llm.fallbacks)
    row("llm", "tokens_in", llm.tokens_in)
    row("llm", "tokens_out", llm.tokens_out)
    per_lead = report.tokens_per_booked
    row("llm", "tokens_per_booked", round(per_lead) if per_lead is not None else "")
    row("llm", "cost_rub", round(llm.cost, 2) if llm.cost is not None else "")
    cost = report.cost_per_booked
    row("llm", "cost_per_booked_rub", round(cost, 2) if cost is not None else "")
    for comparison in report.variants:
        for arm in comparison.arms:
            row("variant_booked", arm.variant, arm.booked.count, arm.booked.total, comparison.note)
    return out.getvalue()
