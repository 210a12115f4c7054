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
from dataclasses import dataclass, replace
from pathlib import Path

import openai

from service.articles import ArticleInput
from service.config import Settings, get_settings
from service.errors import ConfigurationError, ModelError
from service.extractors.base import Extractor, register
from service.extractors.complement import complement
from service.extractors.llm import calling, chunking, prompting, recording
from service.extractors.llm.cache import CacheEntry, CacheKey, DraftCache
from service.extractors.llm.calling import Answer, CallSpec, acall, call
from service.extractors.llm.client import (
    MODES,
    async_openai_client,
    openai_client,
    preload,
    provider_name,
    redact_url,
)
from service.extractors.llm.retry import RetryPolicy
from service.extractors.llm.schema import schema_text
from service.extractors.llm.tokens import TokenBudget, chunk_chars, estimate, output_tokens
from service.language import detect_language
from service.models import SCHEMA_VERSION, ArticleSummary, Notice, Provenance, Usage
from service.models.draft import DraftSummary
from service.prompts import Prompt, load_prompt
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


@dataclass
class _Plan:
    """How one article is asked: the prompt, the call settings, the parts, and the replayed answers."""

    prompt: Prompt
    spec: CallSpec
    spans: list[chunking.Chunk]
    requests: list[list[dict[str, str]]]
    replay: recording.Recording | None = None


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
        record: str | Path | None = None,
        replay: str | Path | None = None,
    ) -> None:
        self.settings = settings or get_settings()
        self.record_dir = Path(record) if record else None
        self.replay = recording.Recordings(Path(replay)) if replay else None
        self.prompt = prompt or prompting.default_prompt(self.settings.prompt_version)
        self.model = model or self.settings.model
        mode = mode or self.settings.llm_mode
        if mode not in MODES:
            raise ConfigurationError(f"unknown LLM mode {mode!r}; choose one of {', '.join(MODES)}")
        if client is None and aclient is None and self.replay is None and not self.settings.llm_configured:
            raise ConfigurationError(
                "the llm backend needs OPENAI_API_KEY (or OPENAI_BASE_URL for a local OpenAI-compatible server)"
            )
        injected = client or aclient
        base_url = str(injected.base_url) if injected else self.settings.openai_base_url
        # A replay never reads or fills the cache: the recording is the only source of answers.
        enabled = self.settings.cache_enabled and self.replay is None
        self.cache = cache or DraftCache(self.settings.cache_dir / "llm", enabled=enabled)
        self.spec = CallSpec(
            model=self.model,
            mode=mode,
            max_reasks=self.settings.llm_max_reasks,
            policy=RetryPolicy.from_settings(self.settings),
            provider=provider_name(base_url),
            endpoint=redact_url(base_url),
            context_tokens=self.settings.llm_context_tokens,
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
        """The same article, prompt and model at another endpoint or in another mode is another answer."""
        return CacheKey(
            article.sha256, self.prompt.ref, SCHEMA_VERSION, self.model, self.spec.endpoint or "", self.spec.mode
        )

    def chunk_chars(self, prompt: Prompt | None = None) -> int:
        """Article characters per request: PACTCHECK_LLM_CHUNK_CHARS, or less so a request fits
        PACTCHECK_LLM_CONTEXT_TOKENS (system prompt, template and schema estimated in tokens)."""
        prompt = prompt or self.prompt
        overhead = estimate(prompt.system) + estimate(prompt.user_template) + estimate(schema_text(self.spec.mode))
        return chunk_chars(self.settings.llm_context_tokens, overhead, self.settings.llm_chunk_chars)

    def _plan(self, article: ArticleInput) -> _Plan:
        """The parts and settings for `article`: from the settings, or from its recording on replay."""
        body = article.body
        metadata = prompting.metadata_text(article)
        prompt, spec, replayed = self.prompt, self.spec, None
        if self.replay is not None:
            replayed = self.replay.find(article, self.prompt.id)
            # The recording answers only the prompt version, mode and split it was made with.
            prompt = load_prompt(replayed.prompt_id, replayed.prompt_version)
            if replayed.mode not in MODES:
                raise ModelError(f"{replayed.path}: unknown recorded mode {replayed.mode!r}", provider="replay")
            spec = replace(
                spec,
                model=replayed.model,
                mode=replayed.mode,
                provider=f"replay of {replayed.path}",
                endpoint=replayed.endpoint,
            )
            spans = replayed.spans(body)
        else:
            size = self.chunk_chars(prompt)
            spans = chunking.split(body, size, min(self.settings.llm_chunk_overlap, size // 4))
        requests = [
            prompting.messages(prompt, body[c.start : c.end], metadata=metadata, part=i, part_count=len(spans))
            for i, c in enumerate(spans, 1)
        ]
        return _Plan(prompt=prompt, spec=spec, spans=spans, requests=requests, replay=replayed)

    def _finish(
        self,
        article: ArticleInput,
        draft: DraftSummary,
        *,
        plan: _Plan,
        started: float,
        usage: Usage,
        calls: int,
        chunks: int,
        cache_hit: bool,
    ) -> ArticleSummary:
        provenance = Provenance(
            extractor="llm",
            model=plan.spec.model,
            prompt_id=plan.prompt.id,
            prompt_version=plan.prompt.version,
            prompt_hash=plan.prompt.sha256,
            schema_version=SCHEMA_VERSION,
            usage=usage,
            calls=calls,
            cache_hit=cache_hit,
            chunks=chunks,
            endpoint=plan.spec.endpoint,
            mode=plan.spec.mode,
            token_budget=self.settings.llm_max_tokens,
            replayed_from=str(plan.replay.path) if plan.replay else None,
        )
        notices = []
        if chunks > 1:
            notices.append(Notice(code="chunked", message=f"the article was read in {chunks} overlapping parts"))
        language = article.language or detect_language(article.body)
        summary = resolve(article, draft, language=language, provenance=provenance, notices=notices)
        if self.settings.llm_complement:
            summary = complement(article, summary)
        recorded_latency = plan.replay.latency_ms if plan.replay else None
        if recorded_latency is not None:  # a replay reproduces the recorded run, latency included
            summary.provenance.latency_ms = recorded_latency
        else:
            summary.provenance.latency_ms = round((time.perf_counter() - started) * 1000, 1)
        return summary

    def _from_cache(self, article: ArticleInput, started: float) -> ArticleSummary | None:
        if self.record_dir is not None or self.replay is not None:  # both need the model's (recorded) answer
            return None
        entry = self.cache.get(self._key(article), self.prompt.sha256)
        if entry is None:
            return None
        plan = _Plan(prompt=self.prompt, spec=self.spec, spans=[], requests=[])
        return self._finish(
            article,
            entry.draft,
            plan=plan,
            started=started,
            usage=Usage(),
            calls=0,
            chunks=entry.chunks,
            cache_hit=True,
        )

    def _store(
        self, article: ArticleInput, plan: _Plan, answers: Sequence[Answer], started: float, tap: recording.Tap | None
    ) -> ArticleSummary:
        draft = chunking.merge([a.draft for a in answers])
        usage, calls = _total(answers)
        if plan.replay is None:
            entry = CacheEntry(
                draft=draft, usage=usage, calls=calls, chunks=len(answers), prompt_hash=plan.prompt.sha256
            )
            self.cache.put(self._key(article), entry)
        summary = self._finish(
            article, draft, plan=plan, started=started, usage=usage, calls=calls, chunks=len(answers), cache_hit=False
        )
        if tap is not None and self.record_dir is not None:
            self._write_recording(article, plan, tap, summary)
        return summary

    def _write_recording(self, article: ArticleInput, plan: _Plan, tap: recording.Tap, summary: ArticleSummary) -> None:
        assert self.record_dir is not None
        p = summary.provenance
        try:
            recording.write_recording(
                self.record_dir,
                article,
                prompt_id=plan.prompt.id,
                prompt_version=plan.prompt.version,
                model=plan.spec.model,
                mode=plan.spec.mode,
                endpoint=plan.spec.endpoint,
                exchanges=tap.ordered(),
                spans=plan.spans,
                usage=p.usage.model_dump(mode="json"),
                calls=p.calls,
                latency_ms=p.latency_ms,
            )
        except OSError as exc:
            raise ModelError(f"could not write the recording to {self.record_dir}: {exc}", provider="record") from exc

    def _tap(self, tap: recording.Tap | None, part: int, *, sync: bool) -> calling.Tap | None:
        if tap is None:
            return None
        return (lambda create: tap.wrap(create, part)) if sync else (lambda create: tap.awrap(create, part))

    def _max_tokens(self, plan: _Plan, part: int) -> int:
        span = plan.spans[part - 1]
        return output_tokens(span.end - span.start, self.settings.llm_max_output_tokens)

    def extract(self, article: ArticleInput) -> ArticleSummary:
        """Summarise one article; a cached article costs no call. Raises `ModelError` on failure."""
        started = time.perf_counter()
        cached = self._from_cache(article, started)
        if cached is not None:
            return cached
        plan = self._plan(article)
        tap = recording.Tap() if self.record_dir is not None else None
        budget = TokenBudget(self.settings.llm_max_tokens)
        answers: list[Answer] = []
        for part, messages in enumerate(plan.requests, 1):
            client = recording.replay_client(plan.replay, part) if plan.replay else self._sync_client()
            try:
                answers.append(
                    call(
                        client,
                        messages,
                        plan.spec,
                        max_tokens=self._max_tokens(plan, part),
                        tap=self._tap(tap, part, sync=True),
                        budget=budget,
                    )
                )
            except ModelError as error:
                raise _with_spent(error, answers) from error.__cause__
            finally:
                if plan.replay:
                    client.close()
        return self._store(article, plan, answers, started, tap)

    async def aextract(self, article: ArticleInput) -> ArticleSummary:
        """Async `extract`: the parts of a long article are asked for concurrently."""
        started = time.perf_counter()
        cached = self._from_cache(article, started)
        if cached is not None:
            return cached
        plan = self._plan(article)
        tap = recording.Tap() if self.record_dir is not None else None
        budget = TokenBudget(self.settings.llm_max_tokens)
        gate = asyncio.Semaphore(self.settings.llm_concurrency)  # a very long article is still a few requests at once

        async def part(client: openai.AsyncOpenAI | None, number: int, messages: list[dict[str, str]]) -> Answer:
            async with gate:
                limit = self._max_tokens(plan, number)
                tapped = self._tap(tap, number, sync=False)
                if plan.replay is None:
                    assert client is not None
                    return await acall(client, messages, plan.spec, max_tokens=limit, tap=tapped, budget=budget)
                replayer = recording.async_replay_client(plan.replay, number)
                try:
                    return await acall(replayer, messages, plan.spec, max_tokens=limit, tap=tapped, budget=budget)
                finally:
                    await replayer.close()

        if plan.replay is not None:
            results = await asyncio.gather(
                *(part(None, i, m) for i, m in enumerate(plan.requests, 1)), return_exceptions=True
            )
        else:
            async with self._async_client() as client:
                results = await asyncio.gather(
                    *(part(client, i, m) for i, m in enumerate(plan.requests, 1)), return_exceptions=True
                )
        answers = [r for r in results if isinstance(r, Answer)]
        for result in results:
            if isinstance(result, ModelError):
                raise _with_spent(result, answers) from result.__cause__
            if isinstance(result, BaseException):
                raise result
        return self._store(article, plan, answers, started, tap)

    async def aextract_many(self, articles: Sequence[ArticleInput], concurrency: int = 4) -> list[ArticleSummary]:
        """Extract a batch over one shared AsyncOpenAI (one connection pool), closed at the end."""
        if self._aclient is not None or self.replay is not None:
            return await super().aextract_many(articles, concurrency)
        async with self._async_client() as client:
            token = self._batch_client.set(client)
            try:
                return await super().aextract_many(articles, concurrency)
            finally:
                self._batch_client.reset(token)
