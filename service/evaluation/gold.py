"""Read a gold folder in the corpus format (articles/, gold/, events/) with clear errors.

Any folder in that format can be evaluated, not only the development corpus, so every
malformation is reported with the file and the field, never as a traceback.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from service.articles import ArticleInput, from_path
from service.errors import GoldFormatError, InputError
from service.grounding import ground
from service.models import (
    FINDING_KINDS,
    ArticleMeta,
    ArticleSummary,
    Commitment,
    Document,
    DocumentType,
    Event,
    Evidence,
    Location,
    Party,
    Provenance,
    Status,
)
from service.textnorm import fold


class _Gold(BaseModel):
    model_config = ConfigDict(extra="ignore")


class GoldParty(_Gold):
    name: str
    country: str | None = None


class GoldDocument(_Gold):
    type: DocumentType
    title: str = ""
    subject: str | None = None
    parties: list[GoldParty] = Field(default_factory=list)
    signatories: list[str] = Field(default_factory=list)
    status: Status
    period: str | None = None
    quote: str


class GoldCommitment(_Gold):
    actors: list[str] = Field(default_factory=list)
    text: str = ""
    quote: str


class GoldLocation(_Gold):
    city: str | None = None
    country: str | None = None


class GoldEventFields(_Gold):
    location: GoldLocation = Field(default_factory=GoldLocation)
    date: str | None = None
    countries: list[str] = Field(default_factory=list)
    principals: list[str] = Field(default_factory=list)


class GoldExtraction(_Gold):
    article_id: str
    language: str = "en"
    event: GoldEventFields = Field(default_factory=GoldEventFields)
    documents: list[GoldDocument] = Field(default_factory=list)
    stated_count: int | None = None
    list_complete: bool = True
    commitments: list[GoldCommitment] = Field(default_factory=list)


class GoldCanonical(_Gold):
    key: str
    description: str = ""
    mentions: dict[str, int] = Field(default_factory=dict)


class GoldConflict(_Gold):
    kind: str
    document: str | None = None
    articles: list[str]
    values: list[Any] = Field(default_factory=list)
    detail: str = ""


class GoldEvent(_Gold):
    event_id: str
    description: str = ""
    articles: list[str]
    documents: list[GoldCanonical] = Field(default_factory=list)
    conflicts: list[GoldConflict] = Field(default_factory=list)


@dataclass
class GoldArticle:
    """One article of the gold folder: its input and what a careful editor extracted."""

    article: ArticleInput
    gold: GoldExtraction

    @property
    def id(self) -> str:
        return self.article.id

    @property
    def language(self) -> str:
        return self.article.language or self.gold.language or "en"


@dataclass
class GoldCorpus:
    root: Path
    articles: dict[str, GoldArticle]
    events: list[GoldEvent] = field(default_factory=list)


def _load_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise GoldFormatError(f"{path}: not valid JSON (line {exc.lineno}: {exc.msg})") from exc
    except UnicodeDecodeError as exc:
        raise GoldFormatError(f"{path}: not UTF-8 text") from exc


def _parse(model: type[BaseModel], data: Any, path: Path) -> Any:
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "<root>"
        raise GoldFormatError(f"{path}: {where}: {first['msg']}") from exc


# The gold conflict kinds are the finding kinds a single comparison can disagree on.
CONFLICT_KINDS: frozenset[str] = frozenset(FINDING_KINDS) - {"document_missing"}


def _read_article(article_path: Path, gold_path: Path) -> ArticleInput:
    if not article_path.exists():
        raise GoldFormatError(f"{gold_path}: no article file {article_path.name}")
    try:
        return from_path(article_path)
    except InputError as exc:
        raise GoldFormatError(f"{article_path}: {exc}") from exc


def _check_quotes(item: GoldArticle, gold_path: Path) -> None:
    """Quotes must be exact substrings of the body: scoring locates gold documents by them."""
    body = item.article.body
    for i, doc in enumerate(item.gold.documents):
        if doc.quote not in body:
            raise GoldFormatError(f"{gold_path}: documents.{i}.quote is not in the article body: {doc.quote[:80]!r}")
    for i, com in enumerate(item.gold.commitments):
        if com.quote not in body:
            raise GoldFormatError(f"{gold_path}: commitments.{i}.quote is not in the article body: {com.quote[:80]!r}")


def _check_event(event: GoldEvent, golds: dict[str, GoldExtraction], path: Path) -> None:
    """Reject events that point at nothing, before any filtering hides the mistake."""
    for a in event.articles:
        if a not in golds:
            raise GoldFormatError(f"{path}: article {a!r} has no gold file")
    keys = set()
    for doc in event.documents:
        keys.add(doc.key)
        for a, idx in doc.mentions.items():
            if a not in golds or not 0 <= idx < len(golds[a].documents):
                raise GoldFormatError(f"{path}: document {doc.key!r} mentions {a}[{idx}], which does not exist")
    for i, conflict in enumerate(event.conflicts):
        if conflict.kind not in CONFLICT_KINDS:
            raise GoldFormatError(f"{path}: conflicts.{i}.kind {conflict.kind!r} is not a conflict kind")
        if conflict.document is not None and conflict.document not in keys:
            raise GoldFormatError(f"{path}: conflicts.{i}.document {conflict.document!r} is not a document key")
        for a in conflict.articles:
            if a not in event.articles:
                raise GoldFormatError(f"{path}: conflicts.{i} names article {a!r}, which is not in the event")


def _distinct(values: list[Any]) -> int:
    return len({fold(str(v)) for v in values})


def restrict_conflict(conflict: GoldConflict, loaded: set[str]) -> GoldConflict | None:
    """The conflict as the loaded articles show it, or None when they no longer disagree.

    Values align with articles by position, so each (article, value) pair is kept or dropped
    together. An internal conflict (the same article twice) stands on one article.
    """
    if len(conflict.values) == len(conflict.articles):
        pairs = [(a, v) for a, v in zip(conflict.articles, conflict.values, strict=True) if a in loaded]
        articles, values = [a for a, _ in pairs], [v for _, v in pairs]
    else:
        articles = [a for a in conflict.articles if a in loaded]
        values = conflict.values if len(articles) == len(conflict.articles) else []
    if len(articles) < 2:
        return None
    if values and _distinct(values) < 2 and _distinct(conflict.values) >= 2:
        return None
    return conflict.model_copy(update={"articles": articles, "values": values})


def load_corpus(root: str | Path, *, lang: str | None = None) -> GoldCorpus:
    """Load every article that has a gold file; events keep only the loaded articles.

    With `lang`, conflicts keep the (article, value) pairs of loaded articles and are
    dropped only when what remains no longer shows a disagreement.
    """
    root = Path(root)
    if not root.is_dir():
        raise GoldFormatError(f"{root}: not a folder")
    for sub in ("articles", "gold"):
        if not (root / sub).is_dir():
            raise GoldFormatError(f"{root}: missing {sub}/ (expected articles/, gold/ and events/)")
    golds: dict[str, GoldExtraction] = {}
    loaded: dict[str, GoldArticle] = {}
    for gold_path in sorted((root / "gold").glob("*.json")):
        gold = _parse(GoldExtraction, _load_json(gold_path), gold_path)
        if gold.article_id != gold_path.stem:
            raise GoldFormatError(f"{gold_path}: article_id {gold.article_id!r} differs from the file name")
        article = _read_article(root / "articles" / f"{gold_path.stem}.txt", gold_path)
        item = GoldArticle(article=article, gold=gold)
        _check_quotes(item, gold_path)
        golds[item.id] = gold
        if lang and item.language != lang:
            continue
        loaded[item.id] = item
    if not golds:
        raise GoldFormatError(f"{root}: gold/ holds no *.json files")
    events: list[GoldEvent] = []
    if (root / "events").is_dir():
        for event_path in sorted((root / "events").glob("*.json")):
            event = _parse(GoldEvent, _load_json(event_path), event_path)
            _check_event(event, golds, event_path)
            event.articles = [a for a in event.articles if a in loaded]
            for doc in event.documents:
                doc.mentions = {a: i for a, i in doc.mentions.items() if a in loaded}
            kept = (restrict_conflict(c, set(loaded)) for c in event.conflicts)
            event.conflicts = [c for c in kept if c is not None]
            events.append(event)
    return GoldCorpus(root=root, articles=loaded, events=events)


def event_of(corpus: GoldCorpus) -> dict[str, str]:
    """Gold event of every loaded article: its events file, else the `<event_id>__` id prefix, else itself.

    The corpus names articles `<event_id>__<outlet>`; an article no events file lists and
    whose id carries no prefix is an event of its own, so it is never "the same" as another.
    """
    mapping: dict[str, str] = {}
    for event in corpus.events:
        for a in event.articles:
            mapping.setdefault(a, event.event_id)
    for a in corpus.articles:
        if a not in mapping:
            prefix, sep, _ = a.partition("__")
            mapping[a] = prefix if sep and prefix else a
    return mapping


def gold_span(body: str, quote: str) -> tuple[int, int]:
    """Offsets of the first occurrence of a gold quote (the README's reading)."""
    start = body.find(quote)
    return (start, start + len(quote)) if start >= 0 else (0, 0)


def _evidence(body: str, quote: str) -> Evidence:
    found = ground(body, quote)
    return found or Evidence(quote=quote, start=0, end=0)


def gold_summary(item: GoldArticle) -> ArticleSummary:
    """The gold annotation as an `ArticleSummary`, to test the cross-checker in isolation."""
    body = item.article.body
    g = item.gold
    return ArticleSummary(
        article=ArticleMeta(
            id=item.id,
            title=item.article.title,
            outlet=item.article.outlet,
            url=item.article.url,
            published=item.article.published,
            language=item.language,
            sha256=item.article.sha256,
            length=len(body),
            source_format="corpus",
            truncated=item.article.truncated,
        ),
        event=Event(
            location=Location(city=g.event.location.city, country=g.event.location.country),
            date=g.event.date,
            countries=sorted(g.event.countries),
            principals=g.event.principals,
        ),
        documents=[
            Document(
                type=d.type,
                title=d.title,
                subject=d.subject,
                parties=[Party(name=p.name, country=p.country) for p in d.parties],
                signatories=d.signatories,
                status=d.status,
                period=d.period,
                evidence=[_evidence(body, d.quote)],
            )
            for d in g.documents
        ],
        commitments=[
            Commitment(actors=c.actors, text=c.text or c.quote, evidence=[_evidence(body, c.quote)])
            for c in g.commitments
        ],
        stated_count=g.stated_count,
        list_complete=g.list_complete,
        provenance=Provenance(extractor="gold"),
    )
