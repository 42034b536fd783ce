"""The funnel report as pictures: a PNG of the funnel and the objections, and one
self-contained HTML page with the same figures and the chart embedded (base64).

matplotlib is optional (requirements-dev.txt, not the bot's runtime): without it
`--png` and `--html` stop with one line naming the package.
"""

from __future__ import annotations

import base64
import html
import io
import logging
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from credit_expert.funnel_report import (
    ASK_NAMES,
    FUNNEL_NAMES,
    OBJECTION_NAMES,
    OUTCOME_NAMES,
    VERDICT_NAMES,
    Report,
    Share,
    duration_text,
    follow_up_lines,
    llm_lines,
    period_text,
)

MATPLOTLIB_PIN = "matplotlib==3.11.2"
FUNNEL_COLOR = "#2f6db5"
BOOKED_COLOR = "#2e9b57"
RAISED_COLOR = "#d9822b"


class ChartsUnavailable(Exception):
    """matplotlib is not installed: the message is one line naming it."""


def pyplot() -> Any:
    logging.getLogger("matplotlib").setLevel(logging.WARNING)  # no font-cache chatter
    try:
        import matplotlib

        matplotlib.use("Agg")  # files only, never a window
        import matplotlib.pyplot as plt
    except ImportError as exc:
        raise ChartsUnavailable(
            "the --png and --html charts need the optional package matplotlib: "
            f"pip install {MATPLOTLIB_PIN}"
        ) from exc
    return plt


def chart_png(report: Report) -> bytes:
    """Two panels a manager reads at a glance: the funnel, and each objection with how
    many of those dialogues still booked."""
    plt = pyplot()
    fig, (funnel, objections) = plt.subplots(
        1, 2, figsize=(13, 5.2), gridspec_kw={"width_ratios": [1.1, 1]}
    )
    share = Share(report.booked, report.dialogues).percent()
    fig.suptitle(
        f"Дарья: воронка за {period_text(report)} — диалогов {report.dialogues}, "
        f"записались {report.booked} ({share}), медиана до записи "
        f"{duration_text(report.median_to_booking)}",
        fontsize=12,
    )
    _draw_funnel(funnel, report)
    _draw_objections(objections, report)
    fig.tight_layout(rect=(0, 0, 1, 0.93))
    out = io.BytesIO()
    fig.savefig(out, format="png", dpi=110)
    plt.close(fig)
    return out.getvalue()


def _draw_funnel(ax: Any, report: Report) -> None:
    rows = report.funnel
    widest = max((r.reached for r in rows), default=0) or 1
    names = [FUNNEL_NAMES[r.stage] for r in rows]
    positions = list(range(len(rows)))[::-1]  # the first stage on top
    for y, row in zip(positions, rows, strict=True):
        left = (widest - row.reached) / 2  # centred: the funnel's shape
        color = BOOKED_COLOR if row.stage == "booked" else FUNNEL_COLOR
        ax.barh(y, row.reached or widest * 0.002, left=left, color=color, height=0.7)
        step = f"  ({row.from_previous.percent()} от пред.)" if row.from_previous else ""
        label = f"{row.reached}{step}"
        if row.reached > widest * 0.6:  # room inside the bar
            ax.text(
                widest / 2,
                y,
                label,
                ha="center",
                va="center",
                color="white",
                fontsize=11,
                fontweight="bold",
            )
        else:  # beside it, on white
            ax.text(
                left + max(row.reached, widest * 0.002) + widest * 0.02,
                y,
                label,
                ha="left",
                va="center",
                color="black",
                fontsize=11,
                fontweight="bold",
            )
    ax.set_yticks(positions, names, fontsize=11)
    ax.set_xticks([])
    ax.set_xlim(0, widest)
    ax.set_title("Воронка: сколько диалогов дошло до этапа", fontsize=11)
    for side in ("top", "right", "bottom"):
        ax.spines[side].set_visible(False)
    ax.text(
        0,
        -0.9,
        f"«не подходит»: {report.not_a_fit}, отписались: {report.opted_out}",
        fontsize=9,
        color="#555555",
    )


def _draw_objections(ax: Any, report: Report) -> None:
    rows = report.objections
    ax.set_title("Возражения: диалогов и сколько из них записались", fontsize=11)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    if not rows:
        ax.text(0.5, 0.5, "возражений не было", ha="center", va="center", fontsize=12)
        ax.set_xticks([])
        ax.set_yticks([])
        return
    positions = list(range(len(rows)))[::-1]
    names = [OBJECTION_NAMES.get(r.kind, r.kind) for r in rows]
    raised = [r.dialogues for r in rows]
    booked = [r.booked_after.count for r in rows]
    ax.barh(positions, raised, color=RAISED_COLOR, height=0.7, label="подняли возражение")
    ax.barh(positions, booked, color=BOOKED_COLOR, height=0.7, label="из них записались")
    widest = max(raised)
    for y, row in zip(positions, rows, strict=True):
        ax.text(
            row.dialogues + widest * 0.02,
            y,
            f"{row.booked_after.count} из {row.dialogues} ({row.booked_after.percent()})",
            va="center",
            fontsize=10,
        )
    ax.set_yticks(positions, names, fontsize=11)
    ax.set_xlim(0, widest * 1.45)
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.06), ncol=2, fontsize=9, frameon=False)


def write_png(report: Report, path: Path) -> None:
    path.write_bytes(chart_png(report))


def report_html(report: Report) -> str:
    """One page, nothing fetched from elsewhere: the chart inline, every figure in tables."""
    picture = base64.b64encode(chart_png(report)).decode("ascii")
    e = html.escape
    parts = [
        "<!doctype html>",
        '<html lang="ru"><head><meta charset="utf-8">',
        f"<title>Воронка Дарьи за {e(period_text(report))}</title>",
        "<style>body{font-family:sans-serif;max-width:1100px;margin:2em auto;color:#222}"
        "table{border-collapse:collapse;margin:0.5em 0 1.5em}td,th{border:1px solid #ccc;"
        "padding:4px 10px;text-align:left}td.n{text-align:right}img{max-width:100%}"
        "p.note{color:#555}</style></head><body>",
        f"<h1>Воронка Дарьи за {e(period_text(report))}</h1>",
        f"<p>Диалогов: <b>{report.dialogues}</b>, записались на звонок: "
        f"<b>{report.booked}</b> ({Share(report.booked, report.dialogues).percent()}); "
        f"медиана времени до записи: <b>{e(duration_text(report.median_to_booking))}</b>.</p>",
        f'<img alt="Воронка и возражения" src="data:image/png;base64,{picture}">',
    ]

    def table(title: str, head: tuple[str, ...], rows: Sequence[tuple[object, ...]]) -> None:
        parts.append(f"<h2>{e(title)}</h2>")
        if not rows:
            parts.append('<p class="note">нет данных</p>')
            return
        parts.append("<table><tr>" + "".join(f"<th>{e(h)}</th>" for h in head) + "</tr>")
        for row in rows:
            cells = "".join(
                f'<td class="n">{e(str(c))}</td>' if isinstance(c, int) else f"<td>{e(str(c))}</td>"
                for c in row
            )
            parts.append(f"<tr>{cells}</tr>")
        parts.append("</table>")

    table(
        "Воронка",
        ("этап", "диалогов", "от предыдущего"),
        [
            (FUNNEL_NAMES[r.stage], r.reached, r.from_previous.percent() if r.from_previous else "")
            for r in report.funnel
        ]
        + [("ушли как «не подходит»", report.not_a_fit, ""), ("отписались", report.opted_out, "")],
    )
    table(
        "Возражения",
        ("возражение", "диалогов", "записались после", "доля"),
        [
            (
                OBJECTION_NAMES.get(o.kind, o.kind),
                o.dialogues,
                o.booked_after.count,
                o.booked_after.percent(),
            )
            for o in report.objections
        ],
    )
    table(
        "Частые вопросы",
        ("вопрос", "раз", "человек"),
        [(ASK_NAMES.get(t, t), n, p) for t, n, p in report.asks],
    )
    table(
        "Маршрут",
        ("вердикт", "диалогов"),
        [(VERDICT_NAMES.get(v, v), n) for v, n in report.verdicts],
    )
    table(
        "Источники",
        ("метка", "диалогов", "записались", "конверсия"),
        [(s.source, s.booked.total, s.booked.count, s.booked.percent()) for s in report.sources],
    )
    table(
        "Звонки юристов",
        ("исход", "записей"),
        [(OUTCOME_NAMES.get(o, o), n) for o, n in report.outcomes],
    )
    parts.append("<h2>Напоминания</h2>")
    parts += [f"<p>{e(line)}</p>" for line in follow_up_lines(report.follow_ups)]
    parts.append("<h2>LLM</h2>")
    parts += [f"<p>{e(line.strip())}</p>" for line in llm_lines(report)]
    table(
        "Варианты текстов",
        ("вариант", "человек", "записались", "доля", "вывод"),
        [
            (a.variant, a.booked.total, a.booked.count, a.booked.percent(), c.note)
            for c in report.variants
            for a in c.arms
        ],
    )
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"


def write_html(report: Report, path: Path) -> None:
    path.write_text(report_html(report), encoding="utf-8")
