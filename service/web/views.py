"""View models: what the article and report pages show, computed from the contract models."""

from __future__ import annotations

from dataclasses import dataclass, field

from service.models import ArticleSummary, CrossCheckReport, Evidence
from service.web.highlight import Segment, Span, segments

PALETTE = 8  # colour classes hl-0 .. hl-7, one per document (cycled)


def doc_css(index: int) -> str:
    return f"hl-{index % PALETTE}"


@dataclass
class ArticleView:
    """The article page: the highlighted body and the anchors each table row links to."""

    summary: ArticleSummary
    segments: list[Segment]
    doc_anchors: list[list[str]]
    commitment_anchors: list[str]


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
    return ArticleView(summary, segments(body, spans), doc_anchors, commitment_anchors)


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

    def anchor(self, article_id: str, ev: Evidence) -> str:
        return span_anchor(self.articles[article_id].index, ev) if article_id in self.articles else ""


def report_view(report: CrossCheckReport, bodies: dict[str, str]) -> ReportView:
    """Bodies highlighted with every span the report cites: mentions by document row, findings in red."""
    articles = {
        ref.id: ReportArticle(ref.id, i, " · ".join(x for x in (ref.outlet, ref.title or ref.id) if x))
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
                        Span(ev.start, ev.end, "hl-f", anchor, f"{finding.kind}: {value.value}")
                    )
    for article_id, view in articles.items():
        view.segments = segments(bodies.get(article_id, ""), spans[article_id])
    return ReportView(report, articles)
