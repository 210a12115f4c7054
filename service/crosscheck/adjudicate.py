"""LLM adjudication of the alignments the rules leave uncertain: one bounded call per event.

The rules propose; the model only decides. Two kinds of proposal go to it, at most
`AdjudicationLimits.max_questions` per event: a mention that joined a canonical document
below the alignment's certainty threshold (the model may confirm or reject it), and a
mention left on its own whose best canonical document scored just under the threshold (the
model may re-pair it there). Every verdict must cite a phrase from the question's quotes,
else it is ignored: the model never creates a finding or an alignment the rules did not
propose. Answers are validated by a pydantic model (an off-vocabulary verdict is re-asked by
instructor, then dropped), cached under the data dir keyed by the prompt, the model and the
exact questions, and counted in `provenance.adjudicated`.

Off by default: `PACTCHECK_CROSSCHECK_ADJUDICATE=1` (or `crosscheck(..., adjudicate=True)`) with an
LLM endpoint configured.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, cast

from pydantic import BaseModel, Field, ValidationError

from service.config import Settings
from service.crosscheck.align import relabel
from service.crosscheck.alignment_score import WEIGHTS, AlignWeights, article_view, score_cluster
from service.crosscheck.features import event_aliases, features
from service.crosscheck.model import CanonDoc, EventGroup, Item
from service.crosscheck.text import fold
from service.errors import ModelError
from service.models import Usage
from service.prompts import Prompt, load_prompt

log = logging.getLogger(__name__)

PROMPT_ID = "adjudicate_alignment"


@dataclass(frozen=True)
class AdjudicationLimits:
    """Bounds of one event's call."""

    max_questions: int = 12
    near_min: float = 0.25  # a lone mention scoring at least this against a document is worth asking about
    quotes_per_document: int = 3
    max_output_tokens: int = 1024  # a verdict per question with a short cited phrase; bounds a runaway answer


class Verdict(BaseModel):
    """The model's answer to one question."""

    question: str = Field(description="The question id, e.g. q1.")
    verdict: Literal["same", "different"]
    quote: str = Field(min_length=3, description="An exact phrase from the question's quotes supporting the verdict.")


class AdjudicationAnswer(BaseModel):
    decisions: list[Verdict]


@dataclass
class Question:
    """One proposal of the rules: mention (`article`, `index`) is the paper `canon` stands for."""

    id: str
    canon: CanonDoc
    article: str
    index: int
    joined: bool  # already aligned there (confirm / reject) or left apart (re-pair)
    score: float
    label: str
    quote: str
    members: list[dict[str, str]] = field(default_factory=list)


@dataclass
class Outcome:
    """What adjudication did to one event."""

    decided: int = 0
    calls: int = 0
    usage: Usage = field(default_factory=Usage)
    cached: bool = False
    notes: list[str] = field(default_factory=list)


def _quote(item: Item, index: int) -> str:
    doc = item.documents[index]
    return doc.evidence[0].quote if doc.evidence else doc.title


def questions(
    event: EventGroup, limits: AdjudicationLimits = AdjudicationLimits(), weights: AlignWeights = WEIGHTS
) -> list[Question]:
    """The uncertain joins and the near misses of the event's alignment, least certain first."""
    by_id = {it.id: it for it in event.compared}
    found: list[Question] = []
    for canon in event.canon:
        for article, score in canon.joins.items():
            if score < weights.certain:
                found.append(Question("", canon, article, canon.mentions[article], True, score, canon.label, ""))
    known = event_aliases(event.compared)
    feats = {it.id: features(it, known) for it in event.compared}
    views = {it.id: article_view(it, feats[it.id]) for it in event.compared}
    asked_pairs: set[frozenset[int]] = set()
    for lone in (c for c in event.canon if len(c.mentions) == 1):
        ((article, index),) = lone.mentions.items()
        f = feats[article][index]
        best: tuple[float, CanonDoc] | None = None
        for other in event.canon:
            if other is lone or article in other.mentions:
                continue
            members = [feats[a][i] for a, i in other.mentions.items()]
            score = score_cluster(f, views[article], members, views, weights).score
            if limits.near_min <= score < weights.minimum and (best is None or score > best[0]):
                best = (score, other)
        if best is not None and (pair := frozenset((id(lone), id(best[1])))) not in asked_pairs:
            asked_pairs.add(pair)  # two lone mentions proposed to each other: one question
            found.append(Question("", best[1], article, index, False, best[0], best[1].label, ""))
    found.sort(key=lambda q: (q.score if q.joined else weights.minimum - q.score, q.article, q.index))
    found = found[: limits.max_questions]
    for n, q in enumerate(found, 1):
        q.id = f"q{n}"
        q.quote = _quote(by_id[q.article], q.index)
        q.members = [
            {"article": a, "quote": _quote(by_id[a], i)} for a, i in q.canon.mentions.items() if a != q.article
        ][: limits.quotes_per_document]
    return found


def _cited(verdict: Verdict, q: Question) -> bool:
    """The verdict's quote is a phrase of the question's quotes (folded), so it rests on the text."""
    phrase = fold(verdict.quote).strip(" .\"'")
    return bool(phrase) and any(phrase in fold(text) for text in [q.quote, *(m["quote"] for m in q.members)])


def apply(event: EventGroup, asked: list[Question], answer: AdjudicationAnswer) -> int:
    """Carry out the cited verdicts; returns how many were decided by the model."""
    by_id = {q.id: q for q in asked}
    decided = 0
    done: set[str] = set()
    settled: dict[int, set[str]] = {}  # canonical document (by id) -> articles the model decided on
    for verdict in answer.decisions:
        q = by_id.get(verdict.question)
        if q is None or q.id in done or not _cited(verdict, q):
            continue
        done.add(q.id)
        settled.setdefault(id(q.canon), set()).add(q.article)
        if q.joined and verdict.verdict == "different" and q.canon.mentions.get(q.article) == q.index:
            del q.canon.mentions[q.article]
            q.canon.joins.pop(q.article, None)
            event.canon.append(CanonDoc(key="", label="", type="other", mentions={q.article: q.index}))
            relabel(event.canon[-1], event.compared, {c.key for c in event.canon})
        elif not q.joined and verdict.verdict == "same" and q.article not in q.canon.mentions:
            lone = next((c for c in event.canon if c.mentions == {q.article: q.index}), None)
            if lone is None:
                continue
            event.canon.remove(lone)
            q.canon.mentions[q.article] = q.index
            q.canon.joins[q.article] = 1.0
            q.canon.reasons.append(f"the same paper according to the adjudicator: \u201c{verdict.quote}\u201d")
        elif q.joined and verdict.verdict == "same":
            q.canon.reasons.append(f"confirmed by the adjudicator: \u201c{verdict.quote}\u201d")
        ok = settled[id(q.canon)]
        q.canon.uncertain = any(s < WEIGHTS.certain for a, s in q.canon.joins.items() if a not in ok)
        decided += 1
    return decided


# --- the call ------------------------------------------------------------------------------------


def _cache_path(settings: Settings, digest: str) -> Path:
    return settings.cache_dir / "adjudication" / digest[:2] / f"{digest}.json"


def _read_cache(path: Path) -> AdjudicationAnswer | None:
    try:
        return AdjudicationAnswer.model_validate_json(path.read_text(encoding="utf-8"))
    except (OSError, ValidationError, ValueError):
        return None


def _write_cache(path: Path, answer: AdjudicationAnswer) -> None:
    """Written to a temporary file then renamed: a crash never leaves half an entry."""
    with contextlib.suppress(OSError):
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(answer.model_dump_json())
        os.replace(tmp, path)


def _messages(prompt: Prompt, event: EventGroup, asked: list[Question]) -> list[dict[str, str]]:
    user = prompt.render_user(
        event=event.label,
        questions=[
            {"id": q.id, "label": q.label, "members": q.members, "article": q.article, "quote": q.quote} for q in asked
        ],
    )
    return [{"role": "system", "content": prompt.system}, {"role": "user", "content": user}]


def _ask(settings: Settings, messages: list[dict[str, str]], max_tokens: int) -> tuple[AdjudicationAnswer, Usage, int]:
    # The LLM extractor's client, retry and error helpers, used as they are: the same transport
    # retries, alternating-turn re-asks, temperature 0 and bounded output as extraction.
    from service.extractors.llm import client as clients
    from service.extractors.llm.calling import CallSpec
    from service.extractors.llm.failures import model_error
    from service.extractors.llm.retry import CallLog, RetryPolicy, with_retries

    spec = CallSpec(
        model=settings.model,
        mode=settings.llm_mode,
        max_reasks=settings.llm_max_reasks,
        policy=RetryPolicy.from_settings(settings),
        provider=clients.provider_name(settings.openai_base_url),
        endpoint=clients.redact_url(settings.openai_base_url),
        context_tokens=settings.llm_context_tokens,
    )
    log = CallLog()
    openai = clients.openai_client(settings)
    wrapped = clients.structured(with_retries(openai.chat.completions.create, spec.policy, log), spec.mode)
    try:
        answer = wrapped.create(
            messages=cast(Any, messages),  # openai's message TypedDicts; ours are plain dicts of the same shape
            response_model=AdjudicationAnswer,
            max_retries=spec.max_reasks,
            strict=False,
            model=spec.model,
            max_tokens=max_tokens,
            temperature=0,
        )
    except Exception as exc:  # every failure leaves as a ModelError
        raise model_error(exc, spec=spec, log=log) from exc
    return answer, log.usage, log.calls


def adjudicate(event: EventGroup, settings: Settings, limits: AdjudicationLimits = AdjudicationLimits()) -> Outcome:
    """Ask the model about the event's uncertain alignments and apply its cited verdicts."""
    outcome = Outcome()
    asked = questions(event, limits)
    if not asked:
        return outcome
    prompt = load_prompt(PROMPT_ID)
    messages = _messages(prompt, event, asked)
    endpoint = settings.openai_base_url or "openai"
    key = json.dumps([prompt.ref, prompt.sha256, endpoint, settings.llm_mode, settings.model, messages], sort_keys=True)
    path = _cache_path(settings, hashlib.sha256(key.encode("utf-8")).hexdigest())
    answer = _read_cache(path) if settings.cache_enabled else None
    if answer is not None:
        outcome.cached = True
    else:
        try:
            answer, outcome.usage, outcome.calls = _ask(settings, messages, limits.max_output_tokens)
        except ModelError as exc:
            outcome.notes.append(f"{event.event_id}: adjudication failed ({exc}); the rules' alignment stands")
            return outcome
        if settings.cache_enabled:
            _write_cache(path, answer)
    outcome.decided = apply(event, asked, answer)
    skipped = len(asked) - outcome.decided
    if skipped:
        outcome.notes.append(
            f"{event.event_id}: the adjudicator left {skipped} of {len(asked)} proposals undecided "
            "(no answer or no supporting quote); the rules' alignment stands for them"
        )
    return outcome
