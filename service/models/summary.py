"""The extraction contract: what PactCheck says one article reports.

These models are the single source of `schemas/article_summary.schema.json`; the file is
generated from them (`pactcheck schemas --write`) and a test fails when the two drift.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from service.models.common import (
    COUNTRY_PATTERN,
    SCHEMA_VERSION,
    Context,
    DocumentType,
    Evidence,
    Status,
    Strict,
    Usage,
)


class ArticleMeta(Strict):
    """Identity of the analysed text, so a summary can always be traced to its input."""

    id: str = Field(description="Caller's id; for a file input, the file's stem.")
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: str | None = Field(default=None, description="Publication date as given (free text).")
    language: str = Field(default="en", description="ISO 639-1 code, declared or detected.")
    sha256: str = Field(description="SHA-256 of the analysed body (UTF-8).")
    length: int = Field(ge=0, description="Length of the analysed body in characters.")
    source_format: Literal["text", "corpus", "html"] = Field(
        default="text", description="How the input was read; for html, offsets refer to the extracted text."
    )
    truncated: bool = Field(default=False, description="The input says the stored text stops mid-article.")


class Location(Strict):
    """Where the talks or the signing took place; parts are null when the text does not say."""

    city: str | None = None
    country: str | None = Field(default=None, pattern=COUNTRY_PATTERN)


class Event(Strict):
    """The occasion the documents were signed at."""

    location: Location = Field(default_factory=Location)
    date: str | None = Field(
        default=None,
        pattern=r"^\d{4}-\d{2}-\d{2}$",
        description="ISO date of the talks/signing when stated or given by the dateline.",
    )
    countries: list[str] = Field(default_factory=list, description="ISO alpha-2 codes of the sides, sorted.")
    principals: list[str] = Field(default_factory=list, description="Leaders who held the talks or witnessed.")
    kind: str | None = Field(default=None, description="state visit, official visit, ministerial talks...")
    evidence: list[Evidence] = Field(default_factory=list)


class Party(Strict):
    """A side to a document: a state, a ministry, a company or an international body."""

    name: str
    country: str | None = Field(
        default=None, pattern=COUNTRY_PATTERN, description="ISO alpha-2; null for an international body."
    )


class Restatement(Strict):
    """Another place in the same article that reports the same document, with what it says there.

    Recap lists often restate the body with other words; keeping what each place states lets
    the cross-checker show a contradiction inside one article with both quotes.
    """

    evidence: Evidence
    type: DocumentType | None = None
    title: str | None = None
    status: Status | None = None
    parties: list[Party] = Field(default_factory=list)
    period: str | None = None


class Document(Strict):
    """One document the article reports as signed, exchanged, adopted, planned or discussed."""

    type: DocumentType
    title: str = Field(description="As named in the text, lower-case.")
    subject: str | None = Field(default=None, description="Short noun phrase: what it is about.")
    parties: list[Party] = Field(default_factory=list)
    signatories: list[str] = Field(default_factory=list, description="Persons named as signing it.")
    status: Status
    period: str | None = Field(default=None, description="Validity such as 2025-2027 when stated.")
    context: Context | None = Field(
        default=None,
        description="earlier: the text recalls it from a past visit or year (background), not this event.",
    )
    evidence: list[Evidence] = Field(min_length=1, description="Where the text reports it; first is primary.")
    restatements: list[Restatement] = Field(default_factory=list)


class Commitment(Strict):
    """A pledge that is not itself a document: who promised what."""

    actors: list[str] = Field(default_factory=list, description="ISO alpha-2 codes or names of who pledged.")
    text: str = Field(description="What was promised, as a short verb phrase.")
    sector: str | None = None
    timeframe: str | None = None
    evidence: list[Evidence] = Field(min_length=1)


class Notice(Strict):
    """Something the editor should know about how the summary was made."""

    code: str = Field(description="Stable machine-readable code, e.g. language_not_supported.")
    message: str


class Rejected(Strict):
    """An item that was proposed but is not reported as a fact, with the reason."""

    kind: Literal["document", "commitment", "event", "field"]
    reason: str
    quote: str | None = None
    item: dict[str, object] = Field(default_factory=dict, description="The item as it was proposed.")


class Provenance(Strict):
    """How this summary was made, so any figure can be reproduced or compared."""

    extractor: Literal["offline", "llm", "gold"]
    model: str | None = None
    prompt_id: str | None = None
    prompt_version: str | None = None
    prompt_hash: str | None = None
    schema_version: str = SCHEMA_VERSION
    usage: Usage = Field(default_factory=Usage)
    calls: int = Field(default=0, description="Model calls made, retries and re-asks included.")
    latency_ms: float = 0.0
    cache_hit: bool = False
    chunks: int = 1
    endpoint: str | None = Field(
        default=None, description="Which endpoint answered: the base URL (credentials removed), or `replay`."
    )
    mode: str | None = Field(default=None, description="How the structured answer was asked for (tools, json...).")
    token_budget: int | None = Field(default=None, description="The per-article token budget in force, if any.")
    replayed_from: str | None = Field(
        default=None, description="The recorded answer this summary was replayed from (no model was called)."
    )


class ArticleSummary(Strict):
    """A grounded, schema-validated summary of the agreements one article reports."""

    schema_version: str = SCHEMA_VERSION
    article: ArticleMeta
    event: Event = Field(default_factory=Event)
    summary: str = Field(default="", description="2-4 sentences built only from grounded facts.")
    documents: list[Document] = Field(default_factory=list)
    commitments: list[Commitment] = Field(default_factory=list)
    stated_count: int | None = Field(default=None, ge=0, description="Number of documents the text states.")
    list_complete: bool = Field(default=True, description="False when cut off or only examples are given.")
    warnings: list[Notice] = Field(default_factory=list)
    rejected: list[Rejected] = Field(default_factory=list)
    provenance: Provenance
