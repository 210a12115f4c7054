"""The durable record of an eval run: every figure kept as counts so runs can be summed and compared.

An `EvalRun` is written as JSON (`pactcheck eval --json`) and read back as a baseline, so
these models are its format: add fields with defaults, never rename or remove one.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, computed_field

EVAL_RUN_FORMAT = "pactcheck.eval_run/1"


class _Model(BaseModel):
    model_config = ConfigDict(extra="ignore")


def _div(num: int, den: int) -> float | None:
    return round(num / den, 4) if den else None


class PRF(_Model):
    """Detection counts; a rate is None when nothing defines it (no prediction, no gold)."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @computed_field  # type: ignore[prop-decorator]
    @property
    def precision(self) -> float | None:
        return _div(self.tp, self.tp + self.fp)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def recall(self) -> float | None:
        return _div(self.tp, self.tp + self.fn)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def f1(self) -> float | None:
        return _div(2 * self.tp, 2 * self.tp + self.fp + self.fn)

    def __add__(self, other: PRF) -> PRF:
        return PRF(tp=self.tp + other.tp, fp=self.fp + other.fp, fn=self.fn + other.fn)


class Ratio(_Model):
    """An accuracy as correct/total; None when there was nothing to judge."""

    correct: int = 0
    total: int = 0

    @computed_field  # type: ignore[prop-decorator]
    @property
    def value(self) -> float | None:
        return _div(self.correct, self.total)

    @classmethod
    def of(cls, ok: bool) -> Ratio:
        return cls(correct=int(ok), total=1)

    def __add__(self, other: Ratio) -> Ratio:
        return Ratio(correct=self.correct + other.correct, total=self.total + other.total)


class DocRef(_Model):
    """A document as a developer needs to see it to understand a miss."""

    index: int
    type: str
    title: str
    status: str
    quote: str


class FieldDiff(_Model):
    gold: Any = None
    predicted: Any = None


class DocMatch(_Model):
    """A gold document and the prediction it was assigned to, and the fields they disagree on."""

    gold_index: int
    predicted_index: int
    by: Literal["span", "title"]
    score: float
    diffs: dict[str, FieldDiff] = Field(default_factory=dict)


class ArticleUsage(_Model):
    calls: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    cache_hit: bool = False
    latency_ms: float = 0.0
    cost_usd: float | None = None


class ArticleResult(_Model):
    """Extraction scored on one article, with what was missed and what was invented."""

    id: str
    event_id: str
    language: str
    error: str | None = None
    gold_documents: int = 0
    predicted_documents: int = 0
    documents: PRF = Field(default_factory=PRF)
    strict: PRF = Field(default_factory=PRF, description="A match counts only when the type is right too.")
    fields: dict[str, Ratio] = Field(default_factory=dict)
    event: dict[str, Ratio] = Field(default_factory=dict)
    event_diffs: dict[str, FieldDiff] = Field(default_factory=dict)
    stated_count: Ratio = Field(default_factory=Ratio)
    stated_count_diff: FieldDiff | None = None
    commitments: PRF = Field(default_factory=PRF)
    matches: list[DocMatch] = Field(default_factory=list)
    missed: list[DocRef] = Field(default_factory=list)
    spurious: list[DocRef] = Field(default_factory=list)
    usage: ArticleUsage = Field(default_factory=ArticleUsage)

    def predicted_for(self, gold_index: int) -> int | None:
        """The predicted document assigned to a gold document, if any."""
        return next((m.predicted_index for m in self.matches if m.gold_index == gold_index), None)


class ValueQuote(_Model):
    article_id: str
    value: str
    quote: str | None = None


class ConflictOutcome(_Model):
    """A gold conflict and the findings that recovered it (none: missed)."""

    kind: str
    document: str | None = None
    articles: list[str]
    values: list[Any] = Field(default_factory=list)
    detail: str = ""
    internal: bool = False
    recovered_by: list[str] = Field(default_factory=list)


class MissingOutcome(_Model):
    """An expected `document_missing`: one complete list reports the document, another omits it."""

    document: str
    reported_by: str
    omitted_by: str
    recovered_by: list[str] = Field(default_factory=list)


class FindingOutcome(_Model):
    """A finding of the cross-checker and whether gold supports it (None: info, not scored)."""

    id: str
    kind: str
    severity: str
    document: str | None = None
    articles: list[str]
    explanation: str
    internal: bool = False
    values: list[ValueQuote] = Field(default_factory=list)
    correct: bool | None = None


class KindScore(_Model):
    """Recall over gold items of a kind, precision over the scored findings of that kind."""

    gold: int = 0
    recovered: int = 0
    findings: int = 0
    correct: int = 0

    @computed_field  # type: ignore[prop-decorator]
    @property
    def recall(self) -> float | None:
        return _div(self.recovered, self.gold)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def precision(self) -> float | None:
        return _div(self.correct, self.findings)

    def __add__(self, other: KindScore) -> KindScore:
        return KindScore(
            gold=self.gold + other.gold,
            recovered=self.recovered + other.recovered,
            findings=self.findings + other.findings,
            correct=self.correct + other.correct,
        )


class EventResult(_Model):
    """One gold event: extraction over its articles and, when an events file defines it, the cross-check."""

    event_id: str
    articles: list[str]
    documents: PRF = Field(default_factory=PRF)
    checked: bool = Field(default=False, description="An events file defines its conflicts and it was cross-checked.")
    error: str | None = None
    conflicts: list[ConflictOutcome] = Field(default_factory=list)
    missing: list[MissingOutcome] = Field(default_factory=list)
    findings: list[FindingOutcome] = Field(default_factory=list)
    by_kind: dict[str, KindScore] = Field(default_factory=dict)


class PairError(_Model):
    articles: tuple[str, str]
    gold_same: bool
    predicted_same: bool
    reasons: list[str] = Field(default_factory=list)


class SameEventResult(_Model):
    """Same-event decisions over every pair of articles of the folder."""

    pairs: Ratio = Field(default_factory=Ratio)
    false_merges: int = Field(default=0, description="Pairs of different gold events judged one event.")
    false_splits: int = 0
    errors: list[PairError] = Field(default_factory=list)


class UsageTotals(_Model):
    articles: int = 0
    calls: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    cache_hits: int = 0
    latency_ms_total: float = 0.0
    cost_usd: float | None = None

    @computed_field  # type: ignore[prop-decorator]
    @property
    def latency_ms_mean(self) -> float | None:
        return round(self.latency_ms_total / self.articles, 1) if self.articles else None

    @computed_field  # type: ignore[prop-decorator]
    @property
    def cost_per_article_usd(self) -> float | None:
        return round(self.cost_usd / self.articles, 6) if self.cost_usd is not None and self.articles else None


class CrossCheckTotals(_Model):
    conflicts: KindScore = Field(default_factory=KindScore, description="The gold conflict kinds.")
    document_missing: KindScore = Field(default_factory=KindScore)
    by_kind: dict[str, KindScore] = Field(default_factory=dict)
    same_event: SameEventResult = Field(default_factory=SameEventResult)
    available: bool = True


class Totals(_Model):
    articles: int = 0
    failed_articles: int = 0
    documents: PRF = Field(default_factory=PRF)
    strict: PRF = Field(default_factory=PRF)
    fields: dict[str, Ratio] = Field(default_factory=dict)
    event: dict[str, Ratio] = Field(default_factory=dict)
    stated_count: Ratio = Field(default_factory=Ratio)
    commitments: PRF = Field(default_factory=PRF)
    crosscheck: CrossCheckTotals = Field(default_factory=CrossCheckTotals)
    usage: UsageTotals = Field(default_factory=UsageTotals)


class RunProvenance(_Model):
    """What was measured, with what, on what: enough to reproduce or to refuse a comparison."""

    extractor: str
    model: str | None = None
    prompt: str | None = Field(default=None, description="prompt id@version")
    prompt_hash: str | None = None
    schema_version: str
    checker: str | None = None
    pactcheck_version: str
    git_commit: str | None = None
    git_dirty: bool | None = None
    created_at: str
    duration_s: float = 0.0
    corpus_path: str
    corpus_sha256: str
    lang: str | None = None


class MetricDelta(_Model):
    name: str
    baseline: float | None = None
    current: float | None = None
    delta: float | None = None
    status: Literal["regression", "improvement", "same", "n/a"] = "n/a"


class Comparison(_Model):
    """The run against an earlier one: every headline metric, regressions marked."""

    baseline_created_at: str
    baseline_commit: str | None = None
    same_corpus: bool
    same_extractor: bool
    deltas: list[MetricDelta] = Field(default_factory=list)
    article_regressions: list[MetricDelta] = Field(default_factory=list)

    @property
    def regressions(self) -> list[MetricDelta]:
        return [d for d in self.deltas if d.status == "regression"]


class EvalRun(_Model):
    """Dataset + extractor + scorers -> this record, written as JSON."""

    format: str = EVAL_RUN_FORMAT
    provenance: RunProvenance
    totals: Totals
    articles: list[ArticleResult] = Field(default_factory=list)
    events: list[EventResult] = Field(default_factory=list)
    errors: list[str] = Field(default_factory=list)
    comparison: Comparison | None = None
