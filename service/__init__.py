"""PactCheck: grounded summaries and cross-checks of the agreements reported from official visits.

from service import extract, crosscheck
summary = extract("path/to/article.txt")          # -> ArticleSummary
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from service.errors import (
    ConfigurationError,
    ExtractionError,
    InputError,
    ModelError,
    PactCheckError,
    SchemaValidationError,
)
from service.extract import extract, extract_many
from service.models import ArticleSummary, CrossCheckReport

if TYPE_CHECKING:
    from service.crosscheck import crosscheck as crosscheck

__version__ = "0.1.0"


def __getattr__(name: str) -> Any:
    # The cross-checker is imported on first use so `extract` stays light to import.
    if name == "crosscheck":
        from service.crosscheck import crosscheck

        return crosscheck
    raise AttributeError(name)


__all__ = [
    "ArticleSummary",
    "ConfigurationError",
    "CrossCheckReport",
    "ExtractionError",
    "InputError",
    "ModelError",
    "PactCheckError",
    "SchemaValidationError",
    "crosscheck",
    "extract",
    "extract_many",
]
