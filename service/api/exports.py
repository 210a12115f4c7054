"""Results out: a summary or a cross-check as JSON, CSV or a self-contained HTML page.

CSV is one row per document (summary) or per finding (cross-check, with the editor's
decision beside it), for a spreadsheet; JSON is the contract payload; HTML is a page that
opens offline with no assets. The pages and the API both call these.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping
from typing import Any, Literal

from markupsafe import escape
from starlette.responses import Response

from service.api.editor import readable
from service.crosscheck.html import Span, highlight, render_html
from service.models import ArticleSummary, CrossCheckReport
from service.storage.decisions import Decision, fingerprint
from service.vocabulary import TYPE_LABEL

ExportFormat = Literal["json", "csv", "html"]
EXPORT_FORMATS: tuple[ExportFormat, ...] = ("json", "csv", "html")
MEDIA = {"json": "application/json", "csv": "text/csv; charset=utf-8", "html": "text/html; charset=utf-8"}

SUMMARY_COLUMNS = (
    "article_id", "article_title", "outlet", "published", "number", "type", "title", "subject", "status",
    "parties", "signatories", "period", "quote", "start", "end",
)  # fmt: skip
FINDING_COLUMNS = (
    "event", "finding", "fingerprint", "kind", "severity", "document", "internal", "articles", "values", "quotes",
    "explanation", "decision", "comment", "decided_by", "decided_at",
)  # fmt: skip


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
"""A spreadsheet runs a cell starting with these as a formula: article text must never do that."""


def _cell(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def _csv(columns: tuple[str, ...], rows: list[dict[str, Any]]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows({k: _cell(v) for k, v in row.items()} for row in rows)
    return buffer.getvalue()


def summary_csv(summary: ArticleSummary) -> str:
    """One row per document, each with its first quote and offsets."""
    meta = summary.article
    rows = []
    for n, d in enumerate(summary.documents, 1):
        ev = d.evidence[0]
        rows.append(
            {
                "article_id": meta.id,
                "article_title": meta.title or "",
                "outlet": meta.outlet or "",
                "published": meta.published or "",
                "number": n,
                "type": TYPE_LABEL.get(d.type, d.type),
                "title": d.title,
                "subject": d.subject or "",
                "status": d.status,
                "parties": "; ".join(f"{p.name} ({p.country})" if p.country else p.name for p in d.parties),
                "signatories": "; ".join(d.signatories),
                "period": d.period or "",
                "quote": ev.quote,
                "start": ev.start,
                "end": ev.end,
            }
        )
    return _csv(SUMMARY_COLUMNS, rows)


def report_csv(report: CrossCheckReport, decisions: Mapping[str, Decision], names: Mapping[str, str]) -> str:
    """One row per finding: what each side says and where, and the editor's decision if any."""
    rows = []
    for event in report.events:
        for f in event.findings:
            key = fingerprint(f)
            decided = decisions.get(key)
            rows.append(
                {
                    "event": event.label,
                    "finding": f.id,
                    "fingerprint": key,
                    "kind": f.kind,
                    "severity": f.severity,
                    "document": f.document or "",
                    "internal": "yes" if f.internal else "no",
                    "articles": "; ".join(names.get(a, a) for a in f.articles),
                    "values": " | ".join(f"{names.get(v.article_id, v.article_id)}: {v.value}" for v in f.values),
                    "quotes": " | ".join(ev.quote for v in f.values for ev in v.evidence),
                    "explanation": readable(f.explanation, names),
                    "decision": decided.verdict if decided else "",
                    "comment": (decided.comment or "") if decided else "",
                    "decided_by": decided.decided_by if decided else "",
                    "decided_at": decided.decided_at.isoformat(timespec="seconds") if decided else "",
                }
            )
    return _csv(FINDING_COLUMNS, rows)


_SUMMARY_CSS = (
    "body{font:15px/1.5 system-ui,sans-serif;max-width:60rem;margin:1rem auto;padding:0 1rem;color:#1d2330}"
    ".body{white-space:pre-wrap;font-family:Georgia,serif;border:1px solid #d9dde5;padding:1rem}"
    "mark.doc{background:#ffe08a}table{border-collapse:collapse;width:100%}"
    "td,th{border:1px solid #d9dde5;padding:.3rem .5rem;text-align:left;vertical-align:top}"
    ".meta{color:#5b6475}"
)


def summary_html(summary: ArticleSummary, body: str) -> str:
    """A page that opens anywhere: the summary, the documents with their quotes, the highlighted text."""
    meta = summary.article
    spans = [
        Span(ev.start, ev.end, f"doc-{i}-{j}", "doc", f"document {i + 1}: {d.title}")
        for i, d in enumerate(summary.documents)
        for j, ev in enumerate(d.evidence)
        if ev.end > ev.start
    ]
    rows = "".join(
        f"<tr><td>{i}</td><td>{escape(TYPE_LABEL.get(d.type, d.type))}</td><td>{escape(d.title)}</td>"
        f"<td>{escape(d.status)}</td><td>{escape('; '.join(p.name for p in d.parties))}</td>"
        f'<td><a href="#doc-{i - 1}-0">{escape(d.evidence[0].quote)}</a></td></tr>'
        for i, d in enumerate(summary.documents, 1)
    )
    warnings = "".join(f"<li>{escape(w.code)}: {escape(w.message)}</li>" for w in summary.warnings)
    title = escape(meta.title or meta.outlet or meta.id)
    return (
        f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{title} · PactCheck</title>'
        f'<meta name="viewport" content="width=device-width, initial-scale=1"><style>{_SUMMARY_CSS}</style></head><body>'
        f'<h1>{title}</h1><p class="meta">{escape(meta.outlet or "")} {escape(meta.published or "")} · '
        f"{escape(summary.provenance.extractor)} extractor</p><p>{escape(summary.summary)}</p>"
        f"{f'<ul>{warnings}</ul>' if warnings else ''}"
        "<table><thead><tr><th>#</th><th>Type</th><th>Title</th><th>Status</th><th>Parties</th><th>Quote</th></tr>"
        f'</thead><tbody>{rows}</tbody></table><h2>Text</h2><div class="body">{highlight(body, spans)}</div>'
        "</body></html>"
    )


def summary_export(summary: ArticleSummary, body: str, fmt: ExportFormat) -> str:
    if fmt == "csv":
        return summary_csv(summary)
    if fmt == "html":
        return summary_html(summary, body)
    return json.dumps(summary.model_dump(mode="json"), ensure_ascii=False, indent=2) + "\n"


def report_export(
    report: CrossCheckReport,
    bodies: Mapping[str, str],
    fmt: ExportFormat,
    decisions: Mapping[str, Decision],
    names: Mapping[str, str],
) -> str:
    if fmt == "csv":
        return report_csv(report, decisions, names)
    if fmt == "html":
        return render_html(report, bodies)
    return json.dumps(report.model_dump(mode="json"), ensure_ascii=False, indent=2) + "\n"


def filename(stem: str, fmt: str) -> str:
    safe = "".join(c if c.isalnum() or c in "-_" else "-" for c in stem)[:80] or "export"
    return f"{safe}.{fmt}"


def download(content: str | bytes, media: str, name: str) -> Response:
    """An export as a file the browser saves under `name` (API routes and pages alike)."""
    return Response(content, media_type=media, headers={"Content-Disposition": f'attachment; filename="{name}"'})


def export_format(value: str) -> ExportFormat | None:
    """`value` as an export format (from a URL suffix), or None when it names none."""
    return next((fmt for fmt in EXPORT_FORMATS if fmt == value), None)
