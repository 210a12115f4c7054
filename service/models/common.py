"""Shared pieces of the contract: evidence spans, usage counters and the vocabularies.

The vocabularies are the ones of the corpus README so that summaries and reports can be
scored against hand-made gold without any translation layer.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = "1.0.0"

DocumentType = Literal[
    "memorandum_of_understanding",
    "letter_of_intent",
    "agreement",
    "contract",
    "treaty",
    "protocol",
    "joint_statement",
    "declaration",
    "cooperation_programme",
    "other",
]
DOCUMENT_TYPES: tuple[str, ...] = DocumentType.__args__  # type: ignore[attr-defined]

Status = Literal["signed", "adopted", "planned", "discussed"]
Context = Literal["earlier"]
"""When a document belongs to another occasion than the reported event: `earlier` (a past visit or year)."""
STATUSES: tuple[str, ...] = Status.__args__  # type: ignore[attr-defined]

CountryCode = str
"""ISO 3166-1 alpha-2, upper case (validated by the `COUNTRY_PATTERN` on fields)."""
COUNTRY_PATTERN = r"^[A-Z]{2}$"


class Strict(BaseModel):
    """Base for every contract model: unknown fields are errors, not silent defaults."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)


class Evidence(Strict):
    """An exact span of the analysed body that supports an item.

    Offsets are computed by the package (never trusted from a model) and index the body as
    a Python string: ``body[start:end]`` is the text the quote was matched to.
    """

    quote: str = Field(description="The text of the body between start and end.")
    start: int = Field(ge=0, description="Offset of the first character in the body.")
    end: int = Field(ge=0, description="Offset one past the last character in the body.")


class Usage(Strict):
    """Token counts summed over every model call, retries and re-asks included."""

    prompt_tokens: int = 0
    completion_tokens: int = 0
    total_tokens: int = 0
    estimated_tokens: int = Field(
        default=0,
        description="Part of the prompt and total tokens estimated for requests that got no answer "
        "(abandoned at the timeout, dropped): the server may have spent them, so they are counted.",
    )

    def add(self, other: Usage) -> Usage:
        """Return the sum, so usage can be folded over attempts without mutation."""
        return Usage(
            prompt_tokens=self.prompt_tokens + other.prompt_tokens,
            completion_tokens=self.completion_tokens + other.completion_tokens,
            total_tokens=self.total_tokens + other.total_tokens,
            estimated_tokens=self.estimated_tokens + other.estimated_tokens,
        )
