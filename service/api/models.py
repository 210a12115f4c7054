"""Request and response bodies of the HTTP API (the summary and report use the contract models)."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from service.articles import FIELD_LIMITS, LANGUAGE_PATTERN

JobState = Literal["queued", "running", "done", "failed"]
NO_NUL = r"^[^\x00]*$"
"""Declares in the OpenAPI document that text fields may not hold NUL characters."""


class _Body(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ArticleCreate(_Body):
    """A JSON submission; `text/plain` bodies carry the text alone."""

    text: str = Field(
        min_length=1,
        description="The article: plain text, corpus format (headers) or HTML. Header lines and an HTML "
        "<title> obey the same limits as the fields below. No NUL characters.",
        json_schema_extra={"pattern": NO_NUL},  # declared; enforced (with a clearer message) by `_storable`
    )
    title: str | None = Field(default=None, max_length=FIELD_LIMITS["title"], json_schema_extra={"pattern": NO_NUL})
    outlet: str | None = Field(default=None, max_length=FIELD_LIMITS["outlet"], json_schema_extra={"pattern": NO_NUL})
    url: str | None = Field(default=None, max_length=FIELD_LIMITS["url"], json_schema_extra={"pattern": NO_NUL})
    date: str | None = Field(
        default=None,
        max_length=FIELD_LIMITS["published"],
        description="Publication date as given (free text).",
        json_schema_extra={"pattern": NO_NUL},
    )
    language: str | None = Field(default=None, pattern=LANGUAGE_PATTERN, description="ISO 639-1, else detected.")

    @field_validator("text", "title", "outlet", "url", "date", "language")
    @classmethod
    def _storable(cls, value: str | None) -> str | None:
        """Refuse what no database can store: NUL characters and unpaired surrogates (JSON allows both)."""
        if value is None:
            return value
        if "\x00" in value:
            raise ValueError("contains NUL characters (binary data?)")
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            raise ValueError("contains an unpaired surrogate (invalid Unicode)") from None
        return value


class ArticleLinks(_Body):
    self: str
    summary: str
    page: str


class ArticleOut(_Body):
    """An article and the state of its extraction."""

    id: str
    sha256: str
    status: JobState
    reason: str | None = Field(default=None, description="Why the extraction failed (or why the last try did).")
    attempts: int
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: str | None = None
    language: str | None = None
    length: int
    source_format: str
    event: str | None = Field(default=None, description="Event group key (sides and year) once summarised.")
    documents: int | None = Field(default=None, description="Documents found, once summarised.")
    created_at: datetime
    links: ArticleLinks


class ArticleSubmitted(ArticleOut):
    created: bool = Field(description="False when the same text was already stored (idempotent submit).")


class ArticleDetail(ArticleOut):
    body: str = Field(description="The analysed text; every evidence offset refers to it.")


class ArticlePage(_Body):
    items: list[ArticleOut]
    total: int
    limit: int
    offset: int
    next_offset: int | None = None


class CrossCheckCreate(_Body):
    article_ids: list[str] = Field(
        min_length=1,
        max_length=50,
        description="Articles to compare, in order; each at most once.",
        json_schema_extra={"uniqueItems": True},  # enforced by the route (422 duplicate_ids)
    )


class CrossCheckLinks(_Body):
    self: str
    page: str


class CrossCheckCreated(_Body):
    id: str
    article_ids: list[str]
    events: int
    findings: int = Field(description="Findings to act on (errors and warnings); info notes are counted apart.")
    info_notes: int = Field(default=0, description="Info notes, e.g. documents a list known to be incomplete omits.")
    created_at: datetime
    links: CrossCheckLinks


class Health(_Body):
    status: Literal["ok", "unavailable"]
    database: Literal["ok", "unavailable"]
    version: str


class ErrorDetail(_Body):
    code: str = Field(description="Stable machine-readable code, e.g. not_found, unauthorized.")
    message: str = Field(description="What went wrong and what to do about it.")
    details: list[str] | None = None


class ErrorBody(_Body):
    error: ErrorDetail
