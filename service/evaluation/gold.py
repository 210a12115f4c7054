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
from service.errors import GoldFormatError
from service.grounding import ground
from service.models import (
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


def load_corpus(root: str | Path, *, lang: str | None = None) -> GoldCorpus:
    """Load every article that has a gold file; events keep only the loaded articles."""
    root = Path(root)
    if not root.is_dir():
        raise GoldFormatError(f"{root}: not a folder")
    for sub in ("articles", "gold"):
        if not (root / sub).is_dir():
            raise GoldFormatError(f"{root}: missing {sub}/ (expected articles/, gold/ and events/)")
    loaded: dict[str, GoldArticle] = {}
    for gold_path in sorted((root / "gold").glob("*.json")):
        gold = _parse(GoldExtraction, _load_json(gold_path), gold_path)
        article_path = root / "articles" / f"{gold_path.stem}.txt"
        if not article_path.exists():
            raise GoldFormatError(f"{gold_path}: no article file {article_path.name}")
        article = from_path(article_path)
        item = GoldArticle(article=article, gold=gold)
        if lang and item.language != lang:
            continue
        loaded[item.id] = item
    events: list[GoldEvent] = []
    if (root / "events").is_dir():
        for event_path in sorted((root / "events").glob("*.json")):
            event = _parse(GoldEvent, _load_json(event_path), event_path)
            event.articles = [a for a in event.articles if a in loaded]
            for doc in event.documents:
                doc.mentions = {a: i for a, i in doc.mentions.items() if a in loaded}
            event.conflicts = [c for c in event.conflicts if all(a in loaded for a in c.articles)]
            events.append(event)
    return GoldCorpus(root=root, articles=loaded, events=events)


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
