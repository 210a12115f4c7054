"""An editor's decisions as eval data: a cross-check exported in the corpus gold format.

The zip holds `articles/` (corpus header + body), `gold/` (each article's summary in the
gold schema: documents with quotes, event, pledges) and `events/` (the report's canonical
documents as mentions, and a conflict for every finding the editor CONFIRMED; dismissed and
undecided findings are left out). `pactcheck eval` reads it like `../shared/corpus`.
The documents are the extractor's: the editor vouches for the conflicts, so review the
documents before using the set as a yardstick for extraction.
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from service.models import ArticleSummary, CrossCheckReport, EventReport
from service.storage.decisions import Decision, fingerprint

CONFLICT_KINDS = frozenset(
    {"document_type", "parties", "signatories", "status", "period", "count", "event_date", "event_location",
     "name_spelling", "figure", "title"}
)  # fmt: skip
"""The corpus conflict kinds; `document_missing` is derived from mentions there, never listed."""
_SLUG = re.compile(r"[^a-z0-9]+")


@dataclass(frozen=True)
class GoldArticle:
    """One stored article as the export needs it."""

    id: str
    body: str
    summary: ArticleSummary
    event_key: str | None
    url: str | None = None
    published: str | None = None
    truncated: bool = False


def _slug(text: str) -> str:
    return _SLUG.sub("_", text.lower()).strip("_")[:40]


def gold_ids(articles: Mapping[str, GoldArticle]) -> dict[str, str]:
    """Corpus-style ids `<event>__<outlet>`, unique within the export."""
    out: dict[str, str] = {}
    used: set[str] = set()
    for aid, a in articles.items():
        base = f"{_slug(a.event_key or 'event') or 'event'}__{_slug(a.summary.article.outlet or '') or aid}"
        name, n = base, 1
        while name in used:
            n += 1
            name = f"{base}_{n}"
        used.add(name)
        out[aid] = name
    return out


def _header_value(text: str) -> str:
    return " ".join(text.split())


def article_file(a: GoldArticle) -> str:
    meta = a.summary.article
    headers = {
        "URL": a.url or meta.url,
        "OUTLET": meta.outlet,
        "DATE": a.published or meta.published,
        "LANGUAGE": meta.language,
        "TRUNCATED": "yes" if (a.truncated or meta.truncated) else None,
        "NOTE": f"title: {meta.title}; exported from PactCheck" if meta.title else "exported from PactCheck",
    }
    head = "\n".join(f"{k}: {_header_value(v)}" for k, v in headers.items() if v)
    return f"{head}\n\n{a.body}"


def gold_record(gold_id: str, a: GoldArticle) -> dict[str, Any]:
    """The summary in the gold schema; every quote is the body's own text at the evidence offsets."""
    s = a.summary

    def quote(start: int, end: int, fallback: str) -> str:
        return a.body[start:end] if 0 <= start < end <= len(a.body) else fallback

    return {
        "article_id": gold_id,
        "language": s.article.language,
        "event": {
            "location": {"city": s.event.location.city, "country": s.event.location.country},
            "date": s.event.date,
            "countries": sorted(s.event.countries),
            "principals": list(s.event.principals),
        },
        "documents": [
            {
                "type": d.type,
                "title": d.title,
                "subject": d.subject,
                "parties": [{"name": p.name, "country": p.country} for p in d.parties],
                "signatories": list(d.signatories),
                "status": d.status,
                "period": d.period,
                "quote": quote(d.evidence[0].start, d.evidence[0].end, d.evidence[0].quote),
            }
            for d in s.documents
        ],
        "stated_count": s.stated_count,
        "list_complete": s.list_complete,
        "commitments": [
            {
                "actors": list(c.actors),
                "text": c.text,
                "quote": quote(c.evidence[0].start, c.evidence[0].end, c.evidence[0].quote),
            }
            for c in s.commitments
        ],
    }


def event_record(
    event_id: str, event: EventReport, ids: Mapping[str, str], decisions: Mapping[str, Decision], report_id: str
) -> dict[str, Any]:
    members = [ids[a] for a in event.article_ids if a in ids]
    documents = [
        {
            "key": doc.key,
            "description": doc.label,
            "mentions": {ids[a]: m.document_index for a, m in doc.mentions.items() if m is not None and a in ids},
        }
        for doc in event.documents
    ]
    keys = {d["key"] for d in documents}
    conflicts = []
    for f in event.findings:
        decided = decisions.get(fingerprint(f))
        if decided is None or decided.verdict != "confirmed" or f.kind not in CONFLICT_KINDS:
            continue
        articles = list(dict.fromkeys(ids[a] for a in f.articles if a in ids and ids[a] in members))
        detail = f.explanation + (f" Editor ({decided.decided_by}): {decided.comment}" if decided.comment else "")
        conflicts.append(
            {
                "kind": f.kind,
                "document": f.document if f.document in keys else None,
                "articles": articles,
                "values": list(dict.fromkeys(v.value for v in f.values)),
                "detail": detail,
            }
        )
    return {
        "event_id": event_id,
        "description": f"{event.label} (PactCheck cross-check {report_id}; conflicts are the findings an editor confirmed)",
        "articles": members,
        "documents": documents,
        "conflicts": conflicts,
    }


def export_zip(
    report_id: str, report: CrossCheckReport, articles: Mapping[str, GoldArticle], decisions: Mapping[str, Decision]
) -> bytes:
    """The corpus-format zip of a cross-check: articles/, gold/, events/."""
    return export_reports([(report_id, report)], articles, decisions)


def export_reports(
    reports: list[tuple[str, CrossCheckReport]],
    articles: Mapping[str, GoldArticle],
    decisions: Mapping[str, Decision],
) -> bytes:
    """One corpus-format zip of several cross-checks; an article in two of them is written once."""
    ids = gold_ids(articles)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for aid, a in articles.items():
            archive.writestr(f"articles/{ids[aid]}.txt", article_file(a))
            archive.writestr(
                f"gold/{ids[aid]}.json", json.dumps(gold_record(ids[aid], a), ensure_ascii=False, indent=2) + "\n"
            )
        used: set[str] = set()
        for report_id, report in reports:
            for event in report.events:
                keys = {k for a in event.article_ids if a in articles and (k := articles[a].event_key)}
                base = _slug(keys.pop()) if len(keys) == 1 else _slug(event.event_id) or "event"
                event_id, n = base, 1
                while event_id in used:
                    n += 1
                    event_id = f"{base}_{n}"
                used.add(event_id)
                record = event_record(event_id, event, ids, decisions, report_id)
                archive.writestr(f"events/{event_id}.json", json.dumps(record, ensure_ascii=False, indent=2) + "\n")
    return buffer.getvalue()
