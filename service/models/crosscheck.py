"""The cross-check contract: how several reports of one visit agree and disagree.

Single source of `schemas/crosscheck_report.schema.json` (generated, drift-tested).
Finding kinds are the conflict kinds of the corpus README plus the ones only a
cross-check can produce (`document_missing`, `duplicate`, `syndicated`).
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from service.models.common import SCHEMA_VERSION, DocumentType, Evidence, Status, Strict

FindingKind = Literal[
    "document_type",
    "parties",
    "signatories",
    "status",
    "period",
    "count",
    "event_date",
    "event_location",
    "name_spelling",
    "figure",
    "title",
    "document_missing",
]
FINDING_KINDS: tuple[str, ...] = FindingKind.__args__  # type: ignore[attr-defined]

Severity = Literal["info", "warning", "error"]


class ArticleRef(Strict):
    """The article as the report names it."""

    id: str
    title: str | None = None
    outlet: str | None = None
    language: str = "en"
    documents: int = 0


class PairDecision(Strict):
    """Whether two articles report the same event, and why."""

    articles: tuple[str, str]
    same_event: bool
    score: float = Field(ge=0.0, le=1.0)
    reasons: list[str] = Field(default_factory=list)


class CopyGroup(Strict):
    """Articles that are the same text (duplicate) or copies of one wire story (syndicated).

    They are compared once, so five copies never count as five confirmations.
    """

    kind: Literal["duplicate", "syndicated"]
    article_ids: list[str] = Field(min_length=2)
    kept: str = Field(description="The article that stands for the group in the comparison.")
    similarity: float = Field(ge=0.0, le=1.0)


class Mention(Strict):
    """One article's report of a canonical document."""

    article_id: str
    document_index: int = Field(ge=0, description="Index into that article's summary documents.")
    type: DocumentType
    title: str
    status: Status
    evidence: Evidence


class CanonicalDocument(Strict):
    """A document of the event as aligned across its articles (one row of the matrix)."""

    key: str
    label: str
    type: DocumentType
    mentions: dict[str, Mention | None] = Field(
        description="article id -> that article's mention, or null where the article does not report it."
    )
    agreement: Literal["agreed", "disputed", "single"]
    confidence: float = Field(
        ge=0.0, le=1.0, default=1.0, description="The lowest score at which a mention joined this document."
    )
    reasons: list[str] = Field(
        default_factory=list,
        description='Why the mentions were aligned ("same parties: ...", "the one leaders\' document of both reports").',
    )
    uncertain: bool = Field(default=False, description="A mention joined below the alignment's certainty threshold.")


class FindingValue(Strict):
    """What one article (or one place in it) says, with the span that says it."""

    article_id: str
    value: str
    evidence: list[Evidence] = Field(default_factory=list)


class Finding(Strict):
    """One inconsistency, with the evidence from every side."""

    id: str
    kind: FindingKind
    severity: Severity
    event_id: str
    document: str | None = Field(default=None, description="Key of the canonical document, if any.")
    articles: list[str]
    values: list[FindingValue] = Field(min_length=1)
    explanation: str = Field(description="One sentence an editor can act on.")
    internal: bool = Field(default=False, description="A contradiction inside one article.")


class EventTotals(Strict):
    """The top line for an event: what all agree on, what is disputed, what one source alone says."""

    agreed: int = 0
    disputed: int = 0
    single_source: int = 0
    findings_by_kind: dict[str, int] = Field(default_factory=dict)


class EventReport(Strict):
    """The articles judged to report one event, their alignment and their disagreements."""

    event_id: str
    label: str
    article_ids: list[str]
    reasons: list[str] = Field(default_factory=list)
    documents: list[CanonicalDocument] = Field(default_factory=list)
    findings: list[Finding] = Field(default_factory=list)
    totals: EventTotals = Field(default_factory=EventTotals)


class CrossCheckProvenance(Strict):
    """How the report was made."""

    checker: str = "rules"
    schema_version: str = SCHEMA_VERSION
    extractor: str | None = None
    adjudicated: int = Field(default=0, description="Alignments decided by the LLM adjudicator.")
    latency_ms: float = 0.0


class CrossCheckReport(Strict):
    """Everything an editor needs to see where reports of a visit disagree."""

    schema_version: str = SCHEMA_VERSION
    articles: list[ArticleRef]
    events: list[EventReport]
    pairs: list[PairDecision] = Field(
        default_factory=list, description="Same-event decisions for every pair of distinct articles."
    )
    copies: list[CopyGroup] = Field(default_factory=list)
    notes: list[str] = Field(default_factory=list, description="Not compared and why, and other caveats.")
    provenance: CrossCheckProvenance = Field(default_factory=CrossCheckProvenance)
