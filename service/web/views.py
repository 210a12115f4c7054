"""View models: what the article and report pages show, computed from the contract models."""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from typing import Any

from service.api.editor import article_name, readable, row_name
from service.api.models import ArticleOut
from service.api.operations import article_out
from service.crosscheck.alignment_score import WEIGHTS as ALIGN_WEIGHTS
from service.models import ArticleSummary, CrossCheckReport, Evidence, Finding
from service.storage.tables import ArticleRow, JobRow
from service.web.highlight import Segment, Span, segments

PALETTE = 8  # colour classes hl-0 .. hl-7, one per document (cycled)
LINK_WORDS = 8
"""Evidence links read as the first words of their quote, this many at most."""
SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}


@dataclass
class Listed:
    """An article row of a list page, with the name to show (never its hash id)."""

    article: ArticleOut
    name: str


def listed(items: list[tuple[ArticleRow, JobRow, int | None]]) -> list[Listed]:
    return [Listed(article_out(a, j, n), row_name(a)) for a, j, n in items]


def quote_label(quote: str, words: int = LINK_WORDS) -> str:
    """A link label an editor can read: the quote's first words, whole words only."""
    parts = quote.split()
    text = " ".join(parts[:words]) + ("\u2026" if len(parts) > words else "")
    return f"\u201c{text}\u201d"


def offline_language_notice(summary: ArticleSummary) -> str | None:
    """What to say at the top when the offline extractor could not read the article's language."""
    if not any(w.code == "language_not_supported" for w in summary.warnings):
        return None
    return (
        f"This article is in '{summary.article.language}', and the offline extractor reads English only, so no "
        "documents were extracted. To read it, run the service with the LLM extractor: set PACTCHECK_BACKEND=llm "
        "and OPENAI_BASE_URL (any OpenAI-compatible server; or OPENAI_API_KEY for OpenAI), then re-run the article."
    )


def doc_css(index: int) -> str:
    return f"hl-{index % PALETTE}"


@dataclass
class ArticleView:
    """The article page: the highlighted body and the anchors each table row links to."""

    summary: ArticleSummary
    segments: list[Segment]
    doc_anchors: list[list[str]]
    commitment_anchors: list[str]
    doc_labels: list[list[str]] = field(default_factory=list)
    commitment_labels: list[str] = field(default_factory=list)


def article_view(body: str, summary: ArticleSummary) -> ArticleView:
    spans: list[Span] = []
    doc_anchors: list[list[str]] = []
    for i, doc in enumerate(summary.documents):
        anchors = []
        for j, ev in enumerate(doc.evidence):
            anchor = f"d{i}-e{j}"
            spans.append(Span(ev.start, ev.end, doc_css(i), anchor, f"document {i + 1}: {doc.title}"))
            anchors.append(anchor)
        doc_anchors.append(anchors)
    commitment_anchors = []
    for i, c in enumerate(summary.commitments):
        ev = c.evidence[0]
        spans.append(Span(ev.start, ev.end, "hl-c", f"c{i}", f"pledge: {c.text}"))
        commitment_anchors.append(f"c{i}")
    for i, ev in enumerate(summary.event.evidence):
        spans.append(Span(ev.start, ev.end, "hl-ev", f"ev{i}", "event: where and when"))
    return ArticleView(
        summary,
        segments(body, spans),
        doc_anchors,
        commitment_anchors,
        [[quote_label(ev.quote) for ev in doc.evidence] for doc in summary.documents],
        [quote_label(c.evidence[0].quote) for c in summary.commitments],
    )


def span_anchor(article_index: int, ev: Evidence) -> str:
    """Stable id of an evidence span of one article on the report page."""
    return f"s{article_index}-{ev.start}-{ev.end}"


@dataclass
class ReportArticle:
    id: str
    index: int
    label: str
    segments: list[Segment] = field(default_factory=list)


@dataclass
class ReportView:
    report: CrossCheckReport
    articles: dict[str, ReportArticle]
    names: dict[str, str] = field(default_factory=dict)
    certain: float = ALIGN_WEIGHTS.certain
    """Joins below this score are marked uncertain (the legend says so)."""

    def readable(self, text: str) -> str:
        """A cross-checker sentence (explanation, note) with article ids replaced by names."""
        return readable(text, self.names)

    def anchor(self, article_id: str, ev: Evidence) -> str:
        return span_anchor(self.articles[article_id].index, ev) if article_id in self.articles else ""


def report_view(report: CrossCheckReport, bodies: dict[str, str], names: dict[str, str] | None = None) -> ReportView:
    """Bodies highlighted with every span the report cites: mentions by document row, findings in red."""
    names = names or {}
    articles = {
        ref.id: ReportArticle(
            ref.id,
            i,
            " · ".join(
                dict.fromkeys(x for x in (ref.outlet, names.get(ref.id) or article_name(ref.title, None, None)) if x)
            ),
        )
        for i, ref in enumerate(report.articles)
    }
    spans: dict[str, list[Span]] = {a: [] for a in articles}
    for event in report.events:
        for row, doc in enumerate(event.documents):
            for article_id, mention in doc.mentions.items():
                if mention is not None and article_id in articles:
                    ev = mention.evidence
                    spans[article_id].append(
                        Span(ev.start, ev.end, doc_css(row), span_anchor(articles[article_id].index, ev), doc.label)
                    )
        for finding in event.findings:
            for value in finding.values:
                if value.article_id not in articles:
                    continue
                for ev in value.evidence:
                    anchor = span_anchor(articles[value.article_id].index, ev)
                    spans[value.article_id].append(
                        Span(ev.start, ev.end, f"hl-f sev-{finding.severity}", anchor, f"{finding.kind}: {value.value}")
                    )
    for article_id, view in articles.items():
        view.segments = segments(bodies.get(article_id, ""), spans[article_id])
    return ReportView(report, articles, {a: v.label for a, v in articles.items()})


@dataclass
class FindingRow:
    """A finding as the event page lists it: its place in the filtered list and its decision."""

    finding: Finding
    fingerprint: str
    decision: Any | None
    anchor: str
    previous: str | None = None
    following: str | None = None


def finding_rows(
    findings: list[Finding],
    decisions: dict[str, Any],
    fingerprints: dict[str, str],
    *,
    kind: str = "",
    severity: str = "",
    sort: str = "severity",
) -> list[FindingRow]:
    """Filter by kind and severity, sort, and link each finding to its neighbours (next/previous)."""
    chosen = [f for f in findings if (not kind or f.kind == kind) and (not severity or f.severity == severity)]
    keys = {
        "severity": lambda f: (SEVERITY_ORDER[f.severity], f.kind),
        "kind": lambda f: (f.kind, SEVERITY_ORDER[f.severity]),
        "document": lambda f: (f.document or "~", SEVERITY_ORDER[f.severity]),
        "decision": lambda f: (fingerprints[f.id] in decisions, SEVERITY_ORDER[f.severity]),
    }
    chosen.sort(key=keys.get(sort, keys["severity"]))
    rows = [
        FindingRow(f, fingerprints[f.id], decisions.get(fingerprints[f.id]), f"finding-{n}")
        for n, f in enumerate(chosen, 1)
    ]
    for before, after in itertools.pairwise(rows):
        before.following, after.previous = after.anchor, before.anchor
    return rows
