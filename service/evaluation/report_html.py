"""The run as one self-contained HTML page: no script, no external asset, readable offline in CI artifacts."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from jinja2 import Environment, PackageLoader, select_autoescape

from service.evaluation.results import EvalRun
from service.evaluation.terminal import pct

BAR_HEIGHT = 18
LABEL_WIDTH = 260
BAR_WIDTH = 300


@dataclass(frozen=True)
class Bar:
    label: str
    value: float | None
    y: int
    width: float
    text: str


@dataclass(frozen=True)
class Chart:
    title: str
    bars: list[Bar]
    height: int


def chart(title: str, values: list[tuple[str, float | None]]) -> Chart:
    """Horizontal bars on a 0..1 scale; a missing value is drawn as an empty bar labelled "—"."""
    bars = [
        Bar(
            label=label,
            value=value,
            y=24 + i * (BAR_HEIGHT + 6),
            width=round((value or 0.0) * BAR_WIDTH, 1),
            text=pct(value),
        )
        for i, (label, value) in enumerate(values)
    ]
    return Chart(title=title, bars=bars, height=30 + len(bars) * (BAR_HEIGHT + 6))


def charts(run: EvalRun) -> list[Chart]:
    out = [chart("Document F1 per event", [(e.event_id, e.documents.f1) for e in run.events])]
    cc = run.totals.crosscheck
    if cc.available:
        out.append(chart("Conflict recall per kind", [(k, s.recall) for k, s in cc.by_kind.items()]))
    return out


def _environment() -> Environment:
    return Environment(
        loader=PackageLoader("service.evaluation", "templates"),
        autoescape=select_autoescape(["html", "j2"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )


def render_html(run: EvalRun) -> str:
    """The HTML page for a run (headline, per-field tables, chart, misses, baseline diff)."""
    template = _environment().get_template("eval_report.html.j2")
    return template.render(
        run=run,
        charts=charts(run),
        pct=pct,
        label_width=LABEL_WIDTH,
        bar_width=BAR_WIDTH,
        bar_height=BAR_HEIGHT,
    )


def write_html(run: EvalRun, path: str | Path) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render_html(run), encoding="utf-8")
    return path
