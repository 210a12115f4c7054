"""Extraction scorers: small named functions, each judging one thing against the gold.

Each field scorer takes the gold value and the predicted one and says whether they agree
under the reading the corpus README gives (names folded, countries as sets, periods with
the century spelled out). `score_article` composes them; aggregation is plain addition of
counts (see `results.PRF` and `results.Ratio`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from service.evaluation.gold import GoldArticle, GoldDocument, gold_span
from service.evaluation.matching import Item, match
from service.evaluation.results import PRF, ArticleResult, DocMatch, DocRef, FieldDiff, Ratio
from service.models import ArticleSummary, Document
from service.textnorm import fold

DOCUMENT_FIELDS = ("type", "status", "parties", "period", "signatories")
EVENT_FIELDS = ("location", "date", "countries")


def _norm_period(value: str | None) -> str | None:
    """ "2025-27", "2025 – 2027" and "2025-2027" are one period."""
    if not value or not value.strip():
        return None
    text = re.sub(r"\s*[-/]\s*", "-", fold(value))
    m = re.fullmatch(r"((?:19|20)\d\d)-((?:19|20)?\d\d)", text)
    if m:
        end = m.group(2) if len(m.group(2)) == 4 else m.group(1)[:2] + m.group(2)
        return f"{m.group(1)}-{end}"
    return text


def _names(values: Iterable[str]) -> frozenset[str]:
    return frozenset(fold(v) for v in values if v and v.strip())


def party_countries(parties: Iterable[object]) -> frozenset[str | None]:
    return frozenset(getattr(p, "country", None) for p in parties)


FieldScorer = Callable[[GoldDocument, Document], tuple[bool, object, object]]


def type_scorer(g: GoldDocument, p: Document) -> tuple[bool, object, object]:
    return g.type == p.type, g.type, p.type


def status_scorer(g: GoldDocument, p: Document) -> tuple[bool, object, object]:
    return g.status == p.status, g.status, p.status


def parties_scorer(g: GoldDocument, p: Document) -> tuple[bool, object, object]:
    gold, pred = party_countries(g.parties), party_countries(p.parties)
    return gold == pred, sorted(gold, key=str), sorted(pred, key=str)


def period_scorer(g: GoldDocument, p: Document) -> tuple[bool, object, object]:
    return _norm_period(g.period) == _norm_period(p.period), g.period, p.period


def signatories_scorer(g: GoldDocument, p: Document) -> tuple[bool, object, object]:
    return _names(g.signatories) == _names(p.signatories), g.signatories, p.signatories


FIELD_SCORERS: dict[str, FieldScorer] = {
    "type": type_scorer,
    "status": status_scorer,
    "parties": parties_scorer,
    "period": period_scorer,
    "signatories": signatories_scorer,
}


def prf(gold: int, predicted: int, matched: int) -> PRF:
    """Counts of a one-to-one matching: every unmatched gold is missed, every unmatched prediction spurious."""
    return PRF(tp=matched, fp=predicted - matched, fn=gold - matched)


def gold_items(item: GoldArticle) -> list[Item]:
    body = item.article.body
    return [Item(spans=(gold_span(body, d.quote),), texts=(d.title, d.subject or "")) for d in item.gold.documents]


def predicted_items(summary: ArticleSummary) -> list[Item]:
    """A predicted document is found wherever the article reports it, restatements included."""
    items = []
    for d in summary.documents:
        spans = [(e.start, e.end) for e in d.evidence] + [(r.evidence.start, r.evidence.end) for r in d.restatements]
        titles = [d.title, d.subject or ""] + [r.title for r in d.restatements if r.title]
        items.append(Item(spans=tuple(spans), texts=tuple(titles)))
    return items


def score_documents(item: GoldArticle, summary: ArticleSummary) -> tuple[PRF, PRF, list[DocMatch]]:
    """Detection (any type), strict detection (type right too) and the matched pairs with their diffs."""
    golds, preds = item.gold.documents, summary.documents
    matches = []
    for pair in match(gold_items(item), predicted_items(summary)):
        diffs = {}
        for name, scorer in FIELD_SCORERS.items():
            ok, gv, pv = scorer(golds[pair.gold], preds[pair.predicted])
            if not ok:
                diffs[name] = FieldDiff(gold=gv, predicted=pv)
        matches.append(
            DocMatch(gold_index=pair.gold, predicted_index=pair.predicted, by=pair.by, score=pair.score, diffs=diffs)
        )
    strict = sum(1 for m in matches if "type" not in m.diffs)
    return prf(len(golds), len(preds), len(matches)), prf(len(golds), len(preds), strict), matches


def score_fields(matches: list[DocMatch]) -> dict[str, Ratio]:
    """Accuracy of each document field over the matched documents."""
    return {
        name: Ratio(correct=sum(1 for m in matches if name not in m.diffs), total=len(matches))
        for name in DOCUMENT_FIELDS
    }


def score_event(item: GoldArticle, summary: ArticleSummary) -> tuple[dict[str, Ratio], dict[str, FieldDiff]]:
    """Location (city folded and country), date and the set of sides."""
    g, p = item.gold.event, summary.event
    gold_loc = (fold(g.location.city or ""), g.location.country)
    pred_loc = (fold(p.location.city or ""), p.location.country)
    checks = {
        "location": (
            gold_loc == pred_loc,
            [g.location.city, g.location.country],
            [p.location.city, p.location.country],
        ),
        "date": (g.date == p.date, g.date, p.date),
        "countries": (set(g.countries) == set(p.countries), sorted(g.countries), sorted(p.countries)),
    }
    ratios = {name: Ratio.of(ok) for name, (ok, _, _) in checks.items()}
    diffs = {name: FieldDiff(gold=gv, predicted=pv) for name, (ok, gv, pv) in checks.items() if not ok}
    return ratios, diffs


def score_commitments(item: GoldArticle, summary: ArticleSummary) -> PRF:
    """Pledges matched by span overlap, else by text similarity; recall is the headline."""
    body = item.article.body
    gold = [Item(spans=(gold_span(body, c.quote),), texts=(c.text or c.quote,)) for c in item.gold.commitments]
    pred = [
        Item(spans=tuple((e.start, e.end) for e in c.evidence), texts=(c.text, *(e.quote for e in c.evidence)))
        for c in summary.commitments
    ]
    return prf(len(gold), len(pred), len(match(gold, pred, commitments=True)))


def _ref(index: int, doc: GoldDocument | Document) -> DocRef:
    quote = doc.quote if isinstance(doc, GoldDocument) else doc.evidence[0].quote
    return DocRef(index=index, type=doc.type, title=doc.title, status=doc.status, quote=quote)


def score_article(item: GoldArticle, summary: ArticleSummary, *, event_id: str) -> ArticleResult:
    """Every extraction scorer on one article, with its misses and spurious predictions."""
    documents, strict, matches = score_documents(item, summary)
    event, event_diffs = score_event(item, summary)
    gold_count, pred_count = item.gold.stated_count, summary.stated_count
    matched_gold = {m.gold_index for m in matches}
    matched_pred = {m.predicted_index for m in matches}
    return ArticleResult(
        id=item.id,
        event_id=event_id,
        language=item.language,
        gold_documents=len(item.gold.documents),
        predicted_documents=len(summary.documents),
        documents=documents,
        strict=strict,
        fields=score_fields(matches),
        event=event,
        event_diffs=event_diffs,
        stated_count=Ratio.of(gold_count == pred_count),
        stated_count_diff=None if gold_count == pred_count else FieldDiff(gold=gold_count, predicted=pred_count),
        commitments=score_commitments(item, summary),
        matches=matches,
        missed=[_ref(i, d) for i, d in enumerate(item.gold.documents) if i not in matched_gold],
        spurious=[_ref(j, d) for j, d in enumerate(summary.documents) if j not in matched_pred],
    )


def failed_article(item: GoldArticle, *, event_id: str, error: str) -> ArticleResult:
    """An article the extractor could not summarise: every gold item counts as missed."""
    g = item.gold
    return ArticleResult(
        id=item.id,
        event_id=event_id,
        language=item.language,
        error=error,
        gold_documents=len(g.documents),
        documents=prf(len(g.documents), 0, 0),
        strict=prf(len(g.documents), 0, 0),
        fields={name: Ratio() for name in DOCUMENT_FIELDS},
        event={name: Ratio(total=1) for name in EVENT_FIELDS},
        stated_count=Ratio(total=1),
        commitments=prf(len(g.commitments), 0, 0),
        missed=[_ref(i, d) for i, d in enumerate(g.documents)],
    )
