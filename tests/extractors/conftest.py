"""Helpers shared by the extractor tests."""

from __future__ import annotations

from service.articles import from_text
from service.extractors.offline import OfflineExtractor
from service.models import ArticleSummary


def run(text: str, **meta: str) -> ArticleSummary:
    """The offline extractor on a self-written text (`meta`: title, outlet, published, language...)."""
    return OfflineExtractor().extract(from_text(text, **meta))
