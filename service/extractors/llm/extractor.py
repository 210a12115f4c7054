"""The LLM extractor: prompt -> instructor + tenacity -> DraftSummary -> the shared resolver.

The model only proposes; `service.resolver.resolve` grounds every quote in the body and moves
what it cannot find to `rejected`, exactly as for the offline rules. Answers are cached on
disk, long articles are read in overlapping parts, and `aextract` uses `AsyncOpenAI` so a
batch waits on many requests at once.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from contextvars import ContextVar

import openai

from service.articles import ArticleInput
from service.config import Settings, get_settings
from service.errors import ConfigurationError, ModelError
from service.extractors.base import Extractor, register
from service.extractors.llm import chunking, prompting
from service.extractors.llm.cache import CacheEntry, CacheKey, DraftCache
from service.extractors.llm.calling import Answer, CallSpec, acall, call
from service.extractors.llm.client import MODES, async_openai_client, openai_client, preload, provider_name
from service.extractors.llm.retry import RetryPolicy
from service.language import detect_language
from service.models import SCHEMA_VERSION, ArticleSummary, Notice, Provenance, Usage
from service.models.draft import DraftSummary
from service.prompts import Prompt
from service.resolver import resolve


def _total(answers: Sequence[Answer]) -> tuple[Usage, int]:
    usage = Usage()
    for answer in answers:
        usage = usage.add(answer.usage)
    return usage, sum(a.calls for a in answers)


def _with_spent(error: ModelError, answers: Sequence[Answer]) -> ModelError:
    """Add what the parts that did succeed spent, so the error reports the whole article's cost."""
    usage, calls = _total(answers)
    if isinstance(error.usage, Usage):
        usage = usage.add(error.usage)
    error.usage = usage
    error.calls += calls
    return error


@register("llm")
class LLMExtractor(Extractor):
    """Any OpenAI-compatible model, through instructor, grounded by the shared resolver.

    Clients, prompt and cache can be injected (tests point them at a local fake server);
    by default everything comes from `Settings` (OPENAI_API_KEY, OPENAI_BASE_URL,
    PACTCHECK_MODEL, PACTCHECK_LLM_*).
    """

    name = "llm"

    def __init__(
        self,
        *,
        settings: Settings | None = None,
        client: openai.OpenAI | None = None,
        aclient: openai.AsyncOpenAI | None = None,
        prompt: Prompt | None = None,
        cache: DraftCache | None = None,
        model: str | None = None,
        mode: str | None = None,
    ) -> None:
        self.settings = settings or get_settings()
        self.prompt = prompt or prompting.default_prompt()
        self.model = model or self.settings.model
        mode = mode or self.settings.llm_mode
        if mode not in MODES:
            raise ConfigurationError(f"unknown LLM mode {mode!r}; choose one of {', '.join(MODES)}")
        if client is None and aclient is None and not self.settings.llm_configured:
            raise ConfigurationError(
                "the llm backend needs OPENAI_API_KEY (or OPENAI_BASE_URL for a local OpenAI-compatible server)"
            )
        injected = client or aclient
        self.cache = cache or DraftCache(self.settings.cache_dir / "llm", enabled=self.settings.cache_enabled)
        self.spec = CallSpec(
            model=self.model,
            mode=mode,
            max_reasks=self.settings.llm_max_reasks,
            policy=RetryPolicy.from_settings(self.settings),
            provider=provider_name(str(injected.base_url) if injected else self.settings.openai_base_url),
        )
        self._client = client
        self._aclient = aclient
        preload()
        self._batch_client: ContextVar[openai.AsyncOpenAI | None] = ContextVar(f"llm-batch-{id(self)}", default=None)

    # -- clients -----------------------------------------------------------------------------

    def _sync_client(self) -> openai.OpenAI:
        if self._client is None:
            self._client = openai_client(self.settings)
        return self._client

    @asynccontextmanager
    async def _async_client(self) -> AsyncIterator[openai.AsyncOpenAI]:
        """The injected client, the current batch's client, or one opened (and closed) for this call.

        An AsyncOpenAI's connections belong to the event loop that opened them, so clients
        are opened per batch and closed when it ends rather than kept on the extractor.
        """
        shared = self._aclient or self._batch_client.get()
        if shared is not None:
            yield shared
            return
        client = async_openai_client(self.settings)
        try:
            yield client
        finally:
            await client.close()

    # -- the pipeline --------------------------------------------------------------------------

    def _key(self, article: ArticleInput) -> CacheKey:
        return CacheKey(article.sha256, self.prompt.ref, SCHEMA_VERSION, self.model)

    def _requests(self, article: ArticleInput) -> list[list[dict[str, str]]]:
        body = article.body
        chunks = chunking.split(body, self.settings.llm_chunk_chars, self.settings.llm_chunk_overlap)
        metadata = prompting.metadata_text(article)
        return [
            prompting.messages(self.prompt, body[c.start : c.end], metadata=metadata, part=i, part_count=len(chunks))
            for i, c in enumerate(chunks, 1)
        ]

    def _finish(
        self,
        article: ArticleInput,
        draft: DraftSummary,
        *,
        started: float,
        usage: Usage,
        calls: int,
        chunks: int,
        cache_hit: bool,
    ) -> ArticleSummary:
        provenance = Provenance(
            extractor="llm",
            model=self.model,
            prompt_id=self.prompt.id,
            prompt_version=self.prompt.version,
            prompt_hash=self.prompt.sha256,
            schema_version=SCHEMA_VERSION,
            usage=usage,
            calls=calls,
            cache_hit=cache_hit,
            chunks=chunks,
        )
        notices = []
        if chunks > 1:
            notices.append(Notice(code="chunked", message=f"the article was read in {chunks} overlapping parts"))
        language = article.language or detect_language(article.body)
        summary = resolve(article, draft, language=language, provenance=provenance, notices=notices)
        summary.provenance.latency_ms = round((time.perf_counter() - started) * 1000, 1)
        return summary

    def _from_cache(self, article: ArticleInput, started: float) -> ArticleSummary | None:
        entry = self.cache.get(self._key(article), self.prompt.sha256)
        if entry is None:
            return None
        return self._finish(
            article, entry.draft, started=started, usage=Usage(), calls=0, chunks=entry.chunks, cache_hit=True
        )

    def _store(self, article: ArticleInput, answers: Sequence[Answer], started: float) -> ArticleSummary:
        draft = chunking.merge([a.draft for a in answers])
        usage, calls = _total(answers)
        entry = CacheEntry(draft=draft, usage=usage, calls=calls, chunks=len(answers), prompt_hash=self.prompt.sha256)
        self.cache.put(self._key(article), entry)
        return self._finish(
            article, draft, started=started, usage=usage, calls=calls, chunks=len(answers), cache_hit=False
        )

    def extract(self, article: ArticleInput) -> ArticleSummary:
        """Summarise one article; a cached article costs no call. Raises `ModelError` on failure."""
        started = time.perf_counter()
        cached = self._from_cache(article, started)
        if cached is not None:
            return cached
        answers: list[Answer] = []
        for messages in self._requests(article):
            try:
                answers.append(call(self._sync_client(), messages, self.spec))
            except ModelError as error:
                raise _with_spent(error, answers) from error.__cause__
        return self._store(article, answers, started)

    async def aextract(self, article: ArticleInput) -> ArticleSummary:
        """Async `extract`: the parts of a long article are asked for concurrently."""
        started = time.perf_counter()
        cached = self._from_cache(article, started)
        if cached is not None:
            return cached
        gate = asyncio.Semaphore(self.settings.llm_concurrency)  # a very long article is still a few requests at once

        async def part(client: openai.AsyncOpenAI, messages: list[dict[str, str]]) -> Answer:
            async with gate:
                return await acall(client, messages, self.spec)

        async with self._async_client() as client:
            results = await asyncio.gather(
                *(part(client, messages) for messages in self._requests(article)), return_exceptions=True
            )
        answers = [r for r in results if isinstance(r, Answer)]
        for result in results:
            if isinstance(result, ModelError):
                raise _with_spent(result, answers) from result.__cause__
            if isinstance(result, BaseException):
                raise result
        return self._store(article, answers, started)

    async def aextract_many(self, articles: Sequence[ArticleInput], concurrency: int = 4) -> list[ArticleSummary]:
        """Extract a batch over one shared AsyncOpenAI (one connection pool), closed at the end."""
        if self._aclient is not None:
            return await super().aextract_many(articles, concurrency)
        async with self._async_client() as client:
            token = self._batch_client.set(client)
            try:
                return await super().aextract_many(articles, concurrency)
            finally:
                self._batch_client.reset(token)
