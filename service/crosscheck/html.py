"""A self-contained HTML page of a report: articles side by side, evidence highlighted, findings
linked to the quotes on every side.

Article text is always escaped; the only markup added to a body is the highlight of spans
whose offsets the report itself gives.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup, escape

from service.models import CrossCheckReport, EventReport


@dataclass(frozen=True)
class Span:
    """A highlighted range of one body and the anchor a finding links to."""

    start: int
    end: int
    anchor: str
    css: str
    title: str


@lru_cache(maxsize=1)
def _environment() -> Environment:
    return Environment(
        loader=PackageLoader("service.crosscheck", "templates"),
        autoescape=select_autoescape(["html", "j2"], default=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )


def anchor(article_id: str, start: int, end: int) -> str:
    safe = "".join(c if c.isalnum() else "-" for c in article_id)
    return f"q-{safe}-{start}-{end}"


def spans_of(event: EventReport) -> dict[str, list[Span]]:
    """Every quote the event's findings and alignment point at, per article."""
    out: dict[str, dict[tuple[int, int], Span]] = {}
    for doc in event.documents:
        for article_id, m in doc.mentions.items():
            if m is not None and m.evidence.end > m.evidence.start:
                key = (m.evidence.start, m.evidence.end)
                out.setdefault(article_id, {}).setdefault(
                    key, Span(*key, anchor(article_id, *key), "doc", f"{doc.label} ({m.status})")
                )
    for f in event.findings:
        for v in f.values:
            for ev in v.evidence:
                if ev.end <= ev.start:
                    continue
                key = (ev.start, ev.end)
                out.setdefault(v.article_id, {})[key] = Span(
                    *key, anchor(v.article_id, *key), f"finding {f.severity}", f"{f.kind}: {v.value}"
                )
    return {a: sorted(s.values(), key=lambda x: (x.start, -x.end)) for a, s in out.items()}


def highlight(body: str, spans: list[Span]) -> Markup:
    """The escaped body with each span wrapped in a <mark>; overlapping spans are split, not nested wrongly."""
    cuts = sorted({0, len(body), *(s.start for s in spans), *(s.end for s in spans)})
    pieces: list[str] = []
    opened: set[str] = set()
    for a, b in itertools.pairwise(cuts):
        text = escape(body[a:b])
        covering = [s for s in spans if s.start <= a and b <= s.end]
        if not covering:
            pieces.append(str(text))
            continue
        top = min(covering, key=lambda s: (s.end - s.start, s.css != "doc"))
        anchors = "".join(f'<a id="{s.anchor}"></a>' for s in covering if s.start == a and s.anchor not in opened)
        opened.update(s.anchor for s in covering if s.start == a)
        css = "finding" if any(s.css.startswith("finding") for s in covering) else "doc"
        severity = next((s.css.split()[1] for s in covering if s.css.startswith("finding")), "")
        pieces.append(f'{anchors}<mark class="{css} {severity}" title="{escape(top.title)}">{text}</mark>')
    return Markup("".join(pieces))


def render_html(report: CrossCheckReport, bodies: Mapping[str, str] | None = None) -> str:
    """The page for `report`; `bodies` (article id -> text) enables the side-by-side view."""
    bodies = bodies or {}
    titles = {a.id: a for a in report.articles}
    events = []
    for event in report.events:
        spans = spans_of(event)
        columns = []
        for article_id in event.article_ids:
            body = bodies.get(article_id)
            columns.append(
                {
                    "id": article_id,
                    "ref": titles.get(article_id),
                    "body": highlight(body, spans.get(article_id, [])) if body else None,
                    "quotes": spans.get(article_id, []),
                }
            )
        events.append({"report": event, "columns": columns})
    template = _environment().get_template("report.html.j2")
    return template.render(report=report, events=events, anchor=anchor)
