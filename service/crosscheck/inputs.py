"""Turn what the caller hands in (summaries, texts, paths, articles) into comparable items.

Every input gets a unique id (a file's stem, `article-N` for pasted text), non-summary inputs
are extracted with the chosen backend, and a body is kept beside each summary whenever its
offsets can be trusted, so text-level checks (spellings, weekdays, figures) can run.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from pathlib import Path

from service.articles import ArticleInput
from service.config import Backend
from service.crosscheck.model import Item
from service.errors import InputError
from service.extract import get_extractor, read_source, validated
from service.extractors import Extractor
from service.models import ArticleSummary

CrossCheckInput = ArticleSummary | ArticleInput | str | Path


def _renamed(summary: ArticleSummary, new_id: str) -> ArticleSummary:
    return summary.model_copy(update={"article": summary.article.model_copy(update={"id": new_id})})


def prepare(
    sources: Sequence[CrossCheckInput],
    *,
    backend: Backend | None = None,
    bodies: Mapping[str, str] | None = None,
) -> tuple[list[Item], list[str]]:
    """Items in input order, and notes about inputs that lost something (e.g. a body that does not fit)."""
    if isinstance(sources, (str, Path, ArticleSummary, ArticleInput)):
        raise InputError("crosscheck takes a list of articles, not a single one")
    if not sources:
        raise InputError("crosscheck needs at least one article (a summary, a text or a path)")
    bodies = dict(bodies or {})
    extractor: Extractor | None = None
    items: list[Item] = []
    notes: list[str] = []
    used: set[str] = set()
    for n, source in enumerate(sources, 1):
        if isinstance(source, ArticleSummary):
            summary, body = source, bodies.get(source.article.id)
        elif isinstance(source, (ArticleInput, str, Path)):
            article = read_source(source)
            if article.id == "article" and not isinstance(source, (ArticleInput, Path)):
                article.id = f"article-{n}"
            extractor = extractor or get_extractor(backend)
            summary = validated(extractor.extract(article))
            body = article.body
        else:
            raise InputError(f"item {n}: expected a summary, an article, a text or a path, got {type(source).__name__}")
        if body is not None and hashlib.sha256(body.encode("utf-8")).hexdigest() != summary.article.sha256:
            notes.append(
                f"{summary.article.id}: the body given does not match the summary (different SHA-256), "
                "so only the summary was compared"
            )
            body = None
        new_id = summary.article.id
        k = 1
        while new_id in used:
            k += 1
            new_id = f"{summary.article.id}-{k}"
        if new_id != summary.article.id:
            notes.append(f"two inputs are called {summary.article.id}; the later one is reported as {new_id}")
            summary = _renamed(summary, new_id)
        used.add(new_id)
        items.append(Item(id=new_id, summary=summary, body=body))
    return items, notes
