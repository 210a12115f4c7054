"""One exception root with a small tree, so callers can catch PactCheck errors as a family.

Messages are written for the person at the keyboard: they say what went wrong and what
to do about it. Runtime errors keep the original error and the provider that raised it.
"""

from __future__ import annotations


class PactCheckError(Exception):
    """Root of every error PactCheck raises on purpose."""


class InputError(PactCheckError):
    """The input cannot be analysed as given (empty, too large, binary, undecodable)."""


class ConfigurationError(PactCheckError):
    """A setting is missing or contradicts another (e.g. backend=llm without an endpoint)."""


class SchemaValidationError(PactCheckError):
    """An output failed JSON Schema validation at the package boundary."""

    def __init__(self, message: str, *, errors: list[str] | None = None) -> None:
        super().__init__(message)
        self.errors = errors or []


class ExtractionError(PactCheckError):
    """An extractor could not produce a summary."""


class ModelError(ExtractionError):
    """The model endpoint failed after bounded retries; keeps what was spent so far."""

    def __init__(
        self,
        message: str,
        *,
        provider: str | None = None,
        original: BaseException | None = None,
        usage: object | None = None,
        calls: int = 0,
        last_completion: object | None = None,
    ) -> None:
        super().__init__(message)
        self.provider = provider
        self.original = original
        self.usage = usage
        self.calls = calls
        self.last_completion = last_completion


class GoldFormatError(PactCheckError):
    """A gold folder or file does not follow the corpus format."""
