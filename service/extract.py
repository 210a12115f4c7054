"""The thin orchestrator users call: read the input, pick the extractor, validate the result."""

from __future__ import annotations

import asyncio
from collections.abc import Mapping, Sequence
from pathlib import Path

from service import articles
from service.articles import ArticleInput
from service.config import Backend, get_settings
from service.extractors import Extractor, create
from service.models import ArticleSummary
from service.schemas import validate_payload

Source = str | Path | bytes | ArticleInput


def read_source(source: Source, metadata: Mapping[str, str | None] | None = None) -> ArticleInput:
    """An `ArticleInput` from text, a path, raw bytes or an already read article.

    A `str` is a path only when it is one line naming an existing file; anything else is
    article text, so pasting an article never silently reads a file.
    """
    meta = {k: v for k, v in (metadata or {}).items() if v is not None}
    if isinstance(source, ArticleInput):
        return source
    if isinstance(source, Path):
        return articles.from_path(source, **meta)
    if isinstance(source, bytes):
        return articles.from_bytes(source, **meta)
    if "\n" not in source and len(source) < 1024 and source.strip() and Path(source).is_file():
        return articles.from_path(source, **meta)
    # Pasted text was never decoded, so it has no decode notices; naming them also keeps the
    # metadata keywords from being taken for `notices`.
    return articles.from_text(source, notices=[], **meta)


def get_extractor(backend: Backend | None = None, **options: object) -> Extractor:
    """The extractor for `backend` (`auto`: the LLM when one is configured, else offline)."""
    return create(get_settings().resolve_backend(backend), **options)


def validated(summary: ArticleSummary) -> ArticleSummary:
    """Check a summary against the checked-in JSON Schema before it leaves the package."""
    validate_payload("article_summary", summary.model_dump(mode="json"))
    return summary


def extract(
    source: Source,
    *,
    metadata: Mapping[str, str | None] | None = None,
    backend: Backend | None = None,
    extractor: Extractor | None = None,
) -> ArticleSummary:
    """Summarise the agreements one article reports, every item grounded in its text.

    `source` is article text, a path, bytes or an `ArticleInput`; `metadata` may give id,
    title, outlet, url, published and language. Raises `InputError` for unusable input.
    """
    article = read_source(source, metadata)
    chosen = extractor or get_extractor(backend)
    return validated(chosen.extract(article))


def extract_many(
    sources: Sequence[Source],
    *,
    backend: Backend | None = None,
    extractor: Extractor | None = None,
    concurrency: int | None = None,
) -> list[ArticleSummary]:
    """Summarise many articles (concurrently for the LLM), in input order."""
    chosen = extractor or get_extractor(backend)
    inputs = [read_source(s) for s in sources]
    limit = concurrency or get_settings().llm_concurrency
    if chosen.name == "offline" or limit == 1:
        return [validated(chosen.extract(a)) for a in inputs]
    results = asyncio.run(chosen.aextract_many(inputs, concurrency=limit))
    return [validated(r) for r in results]
