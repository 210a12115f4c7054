"""An eval run: gold folder + extractor (or the gold itself) + cross-checker + scorers -> `EvalRun`.

`--backend gold` feeds the gold annotations as summaries, so the cross-checker is measured
in isolation from extraction errors. An article the extractor fails on is recorded with
its error and scored as all-missed; the run goes on.
"""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Callable, Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

from pydantic import ValidationError

from service import __version__
from service.articles import ArticleInput
from service.config import get_settings
from service.errors import InputError, PactCheckError
from service.evaluation import aggregate
from service.evaluation.conflicts import score_report, score_same_event
from service.evaluation.gold import GoldCorpus, event_of, gold_summary, load_corpus
from service.evaluation.metrics import failed_article, score_article
from service.evaluation.provenance import corpus_sha256, git_revision
from service.evaluation.results import ArticleResult, EvalRun, EventResult, RunProvenance, SameEventResult
from service.evaluation.usage import article_usage
from service.extract import get_extractor, validated
from service.extractors import Extractor
from service.models import SCHEMA_VERSION, ArticleSummary, CrossCheckReport

EvalBackend = Literal["auto", "offline", "llm", "gold"]
Checker = Callable[..., CrossCheckReport]
Outcome = tuple[ArticleSummary | None, str | None, float]  # summary, error, wall ms


def _error(exc: BaseException) -> str:
    return str(exc) if isinstance(exc, PactCheckError) else f"{type(exc).__name__}: {exc}"


def _extract_one(extractor: Extractor, article: ArticleInput) -> Outcome:
    start = time.perf_counter()
    try:
        summary = validated(extractor.extract(article))
    except Exception as exc:  # one bad article must not lose the run; the error is recorded
        return None, _error(exc), (time.perf_counter() - start) * 1000
    return summary, None, (time.perf_counter() - start) * 1000


async def _extract_concurrently(extractor: Extractor, articles: Sequence[ArticleInput], limit: int) -> list[Outcome]:
    gate = asyncio.Semaphore(max(1, limit))

    async def one(article: ArticleInput) -> Outcome:
        async with gate:
            start = time.perf_counter()
            try:
                summary = validated(await extractor.aextract(article))
            except Exception as exc:  # recorded per article, as in the sequential path
                return None, _error(exc), (time.perf_counter() - start) * 1000
            return summary, None, (time.perf_counter() - start) * 1000

    return list(await asyncio.gather(*(one(a) for a in articles)))


def summarise(
    corpus: GoldCorpus,
    backend: EvalBackend,
    *,
    extractor: Extractor | None = None,
    concurrency: int | None = None,
    on_article: Callable[[str], None] | None = None,
) -> dict[str, Outcome]:
    """A summary (or an error) for every loaded article, from the extractor or from the gold."""
    items = list(corpus.articles.values())
    if extractor is not None:
        chosen = extractor
    elif backend != "gold":
        chosen = get_extractor(backend)
    else:
        out: dict[str, Outcome] = {}
        for item in items:
            out[item.id] = (gold_summary(item), None, 0.0)
            if on_article:
                on_article(item.id)
        return out
    limit = concurrency or get_settings().llm_concurrency
    if chosen.name == "offline" or limit == 1:
        results = {}
        for item in items:
            results[item.id] = _extract_one(chosen, item.article)
            if on_article:
                on_article(item.id)
        return results
    outcomes = asyncio.run(_extract_concurrently(chosen, [i.article for i in items], limit))
    return {item.id: outcome for item, outcome in zip(items, outcomes, strict=True)}


def default_checker() -> Checker | None:
    """The package cross-checker, or None when this installation does not have one."""
    try:
        from service.crosscheck import crosscheck
    except ImportError:
        return None
    return crosscheck


class _CrossChecks:
    """Runs the cross-checker on gold groups of articles, remembering which checker answered."""

    def __init__(self, checker: Checker, corpus: GoldCorpus, summaries: Mapping[str, ArticleSummary], backend: str):
        self.checker, self.corpus, self.summaries, self.backend = checker, corpus, summaries, backend
        self.names: set[str] = set()
        self.errors: list[str] = []

    def report(self, ids: Sequence[str]) -> CrossCheckReport:
        bodies = {a: self.corpus.articles[a].article.body for a in ids}
        report = self.checker([self.summaries[a] for a in ids], backend=self.backend, bodies=bodies)
        self.names.add(report.provenance.checker)
        return report

    def events(self, results: Mapping[str, ArticleResult]) -> list[EventResult]:
        """Each events file's articles cross-checked together and scored against its conflicts."""
        out = []
        for event in self.corpus.events:
            if not event.articles:
                continue
            ids = [a for a in event.articles if a in self.summaries]
            if not ids:
                out.append(EventResult(event_id=event.event_id, articles=event.articles, error="no article summarised"))
                continue
            try:
                report = self.report(ids)
            except Exception as exc:  # a cross-checker failure on one event is reported, not fatal
                message = f"cross-check of {event.event_id} failed: {_error(exc)}"
                self.errors.append(message)
                out.append(EventResult(event_id=event.event_id, articles=event.articles, error=message))
                continue
            out.append(score_report(event, self.corpus, results, report))
        return out

    def same_event(self) -> SameEventResult:
        """All summarised articles in one call: the pairs of different gold events must stay apart."""
        ids = sorted(self.summaries)
        if len(ids) < 2:
            return SameEventResult()
        try:
            report = self.report(ids)
        except Exception as exc:  # reported in the run's errors
            self.errors.append(f"cross-check of all articles failed: {_error(exc)}")
            return SameEventResult()
        return score_same_event(event_of(self.corpus), report, ids)


def _resolve(backend: EvalBackend, extractor: Extractor | None) -> str:
    if extractor is not None:
        return extractor.name
    if backend == "gold":
        return "gold"
    return get_settings().resolve_backend(backend)


def _prompt(summaries: Sequence[ArticleSummary]) -> tuple[str | None, str | None, str | None]:
    for s in summaries:
        p = s.provenance
        if p.prompt_id or p.model:
            prompt = f"{p.prompt_id}@{p.prompt_version}" if p.prompt_id else None
            return p.model, prompt, p.prompt_hash
    return None, None, None


def _score_articles(
    corpus: GoldCorpus, outcomes: Mapping[str, Outcome], gold_event: Mapping[str, str]
) -> tuple[dict[str, ArticleResult], dict[str, ArticleSummary], list[str]]:
    """Every article scored (a failed one as all-missed), the summaries that exist, the errors."""
    prices = get_settings().prices
    results: dict[str, ArticleResult] = {}
    summaries: dict[str, ArticleSummary] = {}
    errors: list[str] = []
    for item in corpus.articles.values():
        summary, error, wall_ms = outcomes[item.id]
        if summary is None:
            results[item.id] = failed_article(item, event_id=gold_event[item.id], error=error or "no summary")
            errors.append(f"{item.id}: {error}")
            continue
        summaries[item.id] = summary
        result = score_article(item, summary, event_id=gold_event[item.id])
        result.usage = article_usage(summary, wall_ms=wall_ms, prices=prices)
        results[item.id] = result
    return results, summaries, errors


def run_eval(
    corpus_dir: str | Path,
    *,
    backend: EvalBackend = "auto",
    lang: str | None = None,
    extractor: Extractor | None = None,
    checker: Checker | None = None,
    concurrency: int | None = None,
    on_article: Callable[[str], None] | None = None,
) -> EvalRun:
    """Score extraction and cross-checking on a gold folder; raises `GoldFormatError` on malformed gold."""
    started = time.perf_counter()
    root = Path(corpus_dir)
    corpus = load_corpus(root, lang=lang)
    if not corpus.articles:
        raise InputError(f"{root}: no gold article in language {lang!r}" if lang else f"{root}: no gold article")
    settings = get_settings()
    resolved = _resolve(backend, extractor)
    outcomes = summarise(corpus, backend, extractor=extractor, concurrency=concurrency, on_article=on_article)
    gold_event = event_of(corpus)
    results, summaries, errors = _score_articles(corpus, outcomes, gold_event)

    checker = checker or default_checker()
    events: list[EventResult] = []
    same_event = SameEventResult()
    checker_name = None
    if checker is None:
        errors.append("cross-checker not available in this installation; cross-check metrics skipped")
    else:
        checks = _CrossChecks(checker, corpus, summaries, "llm" if resolved == "llm" else "offline")
        events = checks.events(results)
        same_event = checks.same_event()
        errors += checks.errors
        checker_name = ", ".join(sorted(checks.names)) or None
    checked = {e.event_id for e in events}
    for event_id in sorted(set(gold_event.values()) - checked):
        events.append(
            EventResult(event_id=event_id, articles=sorted(a for a, e in gold_event.items() if e == event_id))
        )
    aggregate.event_documents(events, list(results.values()))

    model, prompt, prompt_hash = _prompt(list(summaries.values()))
    commit, dirty = git_revision()
    provenance = RunProvenance(
        extractor=resolved,
        model=model or (settings.model if resolved == "llm" else None),
        prompt=prompt,
        prompt_hash=prompt_hash,
        schema_version=SCHEMA_VERSION,
        checker=checker_name,
        pactcheck_version=__version__,
        git_commit=commit,
        git_dirty=dirty,
        created_at=datetime.now(UTC).isoformat(timespec="seconds"),
        duration_s=round(time.perf_counter() - started, 2),
        corpus_path=str(root.resolve()),
        corpus_sha256=corpus_sha256(root),
        lang=lang,
    )
    articles = list(results.values())
    return EvalRun(
        provenance=provenance,
        totals=aggregate.totals(articles, events, same_event, checker=checker is not None),
        articles=articles,
        events=events,
        errors=errors,
    )


def write_run(run: EvalRun, path: str | Path) -> Path:
    """Write the run as JSON (the format `read_run` and `--baseline` read back)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(run.model_dump(mode="json"), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return path


def read_run(path: str | Path) -> EvalRun:
    """An earlier run written by `write_run`; a clear `InputError` for anything else."""
    path = Path(path)
    try:
        data: Any = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise InputError(f"{path}: no such baseline file") from exc
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: not a JSON eval run ({exc})") from exc
    try:
        return EvalRun.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "<root>"
        raise InputError(
            f"{path}: not an eval run written by `pactcheck eval --json` ({where}: {first['msg']})"
        ) from exc
