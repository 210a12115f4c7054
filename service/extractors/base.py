"""The interface every extractor implements, and the registry that picks one.

An extractor proposes a `DraftSummary` for an article; `service.resolver` grounds it. The
LLM support is registered through the same registry as any third-party extractor would be.
"""

from __future__ import annotations

import abc
import asyncio
import importlib
from collections.abc import Callable, Sequence

from service.articles import ArticleInput
from service.models import ArticleSummary


class Extractor(abc.ABC):
    """Produces a grounded `ArticleSummary` from an `ArticleInput`."""

    name: str = "extractor"

    @abc.abstractmethod
    def extract(self, article: ArticleInput) -> ArticleSummary:
        """Summarise one article; raise a `PactCheckError` subclass when it cannot."""

    async def aextract(self, article: ArticleInput) -> ArticleSummary:
        """Async variant; CPU-bound extractors run in a thread so an event loop stays free."""
        return await asyncio.to_thread(self.extract, article)

    async def aextract_many(self, articles: Sequence[ArticleInput], concurrency: int = 4) -> list[ArticleSummary]:
        """Extract many articles with bounded concurrency, results in input order."""
        gate = asyncio.Semaphore(max(1, concurrency))

        async def one(article: ArticleInput) -> ArticleSummary:
            async with gate:
                return await self.aextract(article)

        return list(await asyncio.gather(*(one(a) for a in articles)))


_REGISTRY: dict[str, Callable[..., Extractor]] = {}


def register(name: str) -> Callable[[Callable[..., Extractor]], Callable[..., Extractor]]:
    """Class decorator: make an extractor available by name."""

    def deco(factory: Callable[..., Extractor]) -> Callable[..., Extractor]:
        _REGISTRY[name] = factory
        return factory

    return deco


def available() -> list[str]:
    _load_builtin("offline")
    _load_builtin("llm")
    return sorted(_REGISTRY)


def create(name: str, **options: object) -> Extractor:
    """Instantiate the extractor registered under `name`."""
    _load_builtin(name)
    try:
        factory = _REGISTRY[name]
    except KeyError:
        from service.errors import ConfigurationError

        raise ConfigurationError(f"unknown extractor {name!r}; choose one of {', '.join(available())}") from None
    return factory(**options)


_BUILTIN = {"offline": "service.extractors.offline", "llm": "service.extractors.llm"}


def _load_builtin(name: str) -> None:
    # Only the requested one is imported: an offline run never pays ~1 s for openai/instructor.
    if name not in _REGISTRY and name in _BUILTIN:
        importlib.import_module(_BUILTIN[name])
