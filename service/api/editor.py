"""The editor's loop behind the pages and the API: names, decisions, re-runs, deletions, exports.

One implementation for both entry points, so a decision taken on the page and one sent as
JSON are the same row, and an export downloaded from either is the same file.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from pydantic import Field
from starlette.concurrency import run_in_threadpool

from service.api import operations
from service.api.errors import ApiError
from service.api.gold import GoldArticle, export_reports, export_zip
from service.api.models import ArticleSubmitted, _Body
from service.api.state import ServiceState
from service.models import ArticleSummary, CrossCheckReport, Finding
from service.storage import articles as article_store
from service.storage import decisions as decision_store
from service.storage import library
from service.storage.decisions import Decision
from service.storage.tables import ArticleRow
from service.storage.tokens import Principal

HEADLINE_CHARS = 110
"""A body's first line is taken as the headline when it is at most this long; else it is shortened."""


def article_name(title: str | None, outlet: str | None, published: str | None, body: str | None = None) -> str:
    """What to call an article on a page: its title, else its headline, else outlet and date; never a hash."""
    if title and title.strip():
        return title.strip()
    first = next((line.strip() for line in (body or "").splitlines() if line.strip()), "")
    if first:
        if len(first) <= HEADLINE_CHARS:
            return first
        cut = first[:HEADLINE_CHARS].rsplit(" ", 1)[0]
        return f"{cut}\u2026"
    named = " · ".join(x for x in (outlet, published) if x)
    return named or "untitled article"


def row_name(row: ArticleRow) -> str:
    return article_name(row.title, row.outlet, row.published, row.body)


def readable(text: str, names: Mapping[str, str]) -> str:
    """A cross-checker sentence with article ids replaced by the articles' names."""
    for article_id in sorted(names, key=len, reverse=True):  # longest first: no id is a prefix of another's name
        if article_id in text:
            text = text.replace(article_id, f"\u201c{names[article_id]}\u201d")
    return text


class DecisionCreate(_Body):
    """An editor's verdict on one finding."""

    verdict: str = Field(pattern=r"^(confirmed|dismissed)$", description="confirmed or dismissed")
    comment: str | None = Field(default=None, max_length=2000)


class DecisionOut(_Body):
    finding_id: str | None = Field(default=None, description="The finding's id in this report.")
    fingerprint: str = Field(description="Stable key of what the finding says; decisions follow it across re-runs.")
    verdict: str
    comment: str | None = None
    decided_by: str
    decided_at: datetime
    report_id: str | None = None


def decision_out(d: Decision, finding_id: str | None = None) -> DecisionOut:
    return DecisionOut(
        finding_id=finding_id,
        fingerprint=d.fingerprint,
        verdict=d.verdict,
        comment=d.comment,
        decided_by=d.decided_by,
        decided_at=d.decided_at,
        report_id=d.report_id,
    )


@dataclass
class ReportBundle:
    """A stored cross-check with what every view of it needs."""

    id: str
    event_key: str | None
    report: CrossCheckReport
    bodies: dict[str, str]
    names: dict[str, str]
    rows: dict[str, ArticleRow]

    def findings(self) -> list[Finding]:
        return [f for e in self.report.events for f in e.findings]

    def finding(self, finding_id: str) -> Finding:
        for f in self.findings():
            if f.id == finding_id:
                return f
        raise ApiError(404, f"no finding {finding_id[:80]!r} in cross-check {self.id}")


def bundle(state: ServiceState, report_id: str) -> ReportBundle:
    row = operations.find_report(state, report_id)
    found = article_store.get_many(state.db, list(row.article_ids))
    rows = {a: r for a, (r, _j) in found.items()}
    report = CrossCheckReport.model_validate(row.report)
    names = {
        a.id: (row_name(rows[a.id]) if a.id in rows else article_name(a.title, a.outlet, None)) for a in report.articles
    }
    return ReportBundle(row.id, row.event_key, report, {a: r.body for a, r in rows.items()}, names, rows)


def decisions_for(state: ServiceState, report: CrossCheckReport) -> dict[str, Decision]:
    """The decisions on a report's findings, by fingerprint."""
    keys = [decision_store.fingerprint(f) for e in report.events for f in e.findings]
    return decision_store.for_fingerprints(state.db, keys)


def decide(
    state: ServiceState, report_id: str, finding_id: str, body: DecisionCreate, principal: Principal
) -> DecisionOut:
    found = bundle(state, report_id)
    finding = found.finding(finding_id)
    decided = decision_store.decide(
        state.db,
        finding,
        verdict=body.verdict,
        comment=(body.comment or "").strip() or None,
        decided_by=principal.name,
        token_id=principal.token_id,
        report_id=report_id,
    )
    return decision_out(decided, finding_id)


def withdraw(state: ServiceState, report_id: str, finding_id: str) -> None:
    finding = bundle(state, report_id).finding(finding_id)
    if not decision_store.forget(state.db, decision_store.fingerprint(finding)):
        raise ApiError(404, "this finding has no decision to withdraw")


def _gold_articles(state: ServiceState, rows: Mapping[str, ArticleRow]) -> dict[str, GoldArticle]:
    payloads = article_store.summaries(state.db, list(rows))
    return {
        aid: GoldArticle(
            id=aid,
            body=row.body,
            summary=ArticleSummary.model_validate(payloads[aid]),
            event_key=row.event_key,
            url=row.url,
            published=row.published,
            truncated=row.truncated,
        )
        for aid, row in rows.items()
        if aid in payloads
    }


def gold_zip(state: ServiceState, report_id: str) -> bytes:
    """The report and its articles in the corpus gold format, conflicts from confirmed findings."""
    found = bundle(state, report_id)
    return export_zip(found.id, found.report, _gold_articles(state, found.rows), decisions_for(state, found.report))


def desk_gold_zip(state: ServiceState) -> bytes:
    """Every decided cross-check as one gold set: per event group, the newest report with a decision.

    Older reports of the same group are left out, so one visit is not counted twice.
    """
    chosen: dict[str, ReportBundle] = {}
    decided: dict[str, Decision] = {}
    for row in library.reports_newest_first(state.db):
        group = row.event_key or row.id
        if group in chosen:
            continue
        report = CrossCheckReport.model_validate(row.report)
        found = decisions_for(state, report)
        if found:
            chosen[group] = bundle(state, row.id)
            decided.update(found)
    if not chosen:
        raise ApiError(
            404, "no cross-check has a decision yet; confirm or dismiss findings first", code="nothing_decided"
        )
    rows = {aid: r for b in chosen.values() for aid, r in b.rows.items()}
    return export_reports([(b.id, b.report) for b in chosen.values()], _gold_articles(state, rows), decided)


def delete_article(state: ServiceState, article_id: str) -> None:
    operations.find_article(state, article_id)
    library.delete(state.db, article_id)


async def rerun_article(state: ServiceState, article_id: str) -> ArticleSubmitted:
    """Extract the article again with the current extractor (inline when offline, else queued)."""
    await run_in_threadpool(operations.find_article, state, article_id)
    backend = state.settings.resolve_backend()
    lease = state.settings.job_lease_s if backend == "offline" else None
    sub = await run_in_threadpool(library.rerun, state.db, article_id, backend=backend, claim_lease_s=lease)
    if sub is None:  # pragma: no cover - deleted between the two calls
        raise ApiError(404, f"no article with id {article_id[:60]!r}")
    return await operations.process(state, sub)


def summary_for(state: ServiceState, article_id: str) -> tuple[ArticleSummary, str, str]:
    """The summary, the body and the name of an article (409 while there is no summary)."""
    payload = operations.summary_payload(state, article_id)
    row, _job = operations.find_article(state, article_id)
    return ArticleSummary.model_validate(payload), row.body, row_name(row)
