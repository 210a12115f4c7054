"""What an extractor proposes before grounding: items with quotes, no offsets.

The LLM is asked to fill exactly these models (they are its instructor `response_model`)
and the offline rules produce them too, so one resolver grounds, checks and rejects for
both extractors. Field descriptions are part of the prompt the model sees.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from service.models.common import Context, DocumentType, Status


class _Draft(BaseModel):
    model_config = ConfigDict(extra="ignore")


class DraftParty(_Draft):
    name: str = Field(description="The state, ministry, company or body as named in the article.")
    country: str | None = Field(
        default=None, description="ISO 3166-1 alpha-2 code of its country; null for an international body."
    )


class DraftRestatement(_Draft):
    quote: str = Field(description="Exact words of another sentence in the article that reports this document.")
    type: DocumentType | None = None
    title: str | None = None
    status: Status | None = None
    parties: list[DraftParty] = Field(default_factory=list)
    period: str | None = None


class DraftDocument(_Draft):
    type: DocumentType = Field(description="Document type from the fixed vocabulary.")
    title: str = Field(description="The document's name as the article gives it, lower-case.")
    subject: str | None = Field(default=None, description="Short noun phrase: what it is about.")
    parties: list[DraftParty] = Field(default_factory=list)
    signatories: list[str] = Field(default_factory=list, description="Persons named as signing it.")
    status: Status = Field(description="signed, adopted, planned or discussed, as the article reports it.")
    period: str | None = Field(default=None, description="Validity period such as 2025-2027, if stated.")
    context: Context | None = Field(
        default=None, description="earlier when the article recalls it from a past visit or year, else null."
    )
    quote: str = Field(description="Exact words copied from the article that report this document.")
    also: list[DraftRestatement] = Field(
        default_factory=list, description="Other sentences of the article that report the same document."
    )


class DraftCommitment(_Draft):
    actors: list[str] = Field(default_factory=list, description="ISO alpha-2 codes (or names) of who pledged.")
    text: str = Field(description="What was promised, as a short verb phrase.")
    sector: str | None = None
    timeframe: str | None = None
    quote: str = Field(description="Exact words copied from the article that state the pledge.")


class DraftEvent(_Draft):
    city: str | None = None
    country: str | None = Field(default=None, description="ISO alpha-2 code of the host country.")
    date: str | None = Field(default=None, description="ISO date (YYYY-MM-DD) of the talks or signing.")
    countries: list[str] = Field(default_factory=list, description="ISO alpha-2 codes of the sides.")
    principals: list[str] = Field(default_factory=list, description="Leaders who met or witnessed.")
    kind: str | None = Field(default=None, description="state visit, official visit, ministerial talks...")
    quote: str | None = Field(default=None, description="Exact words that say where/when the event was.")


class DraftSummary(_Draft):
    """Everything the article reports about the agreements of one visit."""

    event: DraftEvent = Field(default_factory=DraftEvent)
    documents: list[DraftDocument] = Field(default_factory=list)
    commitments: list[DraftCommitment] = Field(default_factory=list)
    stated_count: int | None = Field(default=None, description="Number of documents the article states.")
    list_complete: bool = Field(
        default=True, description="False when the text is cut off or only gives examples ('including ...')."
    )
