"""LLM adjudication of uncertain alignments, end to end over HTTP against the fake OpenAI server.

The scenario: report b's "memorandum of understanding on timber" (same institute, same type)
joins report a's forestry research memorandum below the certainty threshold, so it is the one
proposal the rules leave to the adjudicator.
"""

from __future__ import annotations

from collections.abc import Callable

from service.config import Settings
from service.crosscheck import crosscheck
from service.models import CrossCheckReport
from tests.crosscheck.test_behaviour import Paper, base, render
from tests.fakes.adjudicator import Judge, questions_of
from tests.fakes.openai_server import Answer, FakeOpenAI, Raw


def _run(settings: Settings, adjudicate: bool | None = True) -> CrossCheckReport:
    a, b = base("a"), base("b")
    b.papers[1] = Paper("memorandum_of_understanding", "timber", [("Finnish Forest Institute", "FI"), ("Peru", "PE")])
    rendered = [render(a), render(b)]
    return crosscheck(
        [s for s, _ in rendered],
        bodies={s.article.id: t for s, t in rendered},
        adjudicate=adjudicate,
        settings=settings,
    )


def _holders(report: CrossCheckReport, article: str, index: int) -> list[set[str]]:
    """The articles aligned with (article, index)."""
    return [
        {a for a, m in d.mentions.items() if m}
        for d in report.events[0].documents
        if (m := d.mentions.get(article)) is not None and m.document_index == index
    ]


def test_rules_alone_mark_the_join_uncertain(llm_settings: Callable[..., Settings], fake_openai: FakeOpenAI) -> None:
    report = _run(llm_settings(), adjudicate=False)
    assert _holders(report, "b", 1) == [{"a", "b"}]
    joined = next(d for d in report.events[0].documents if d.mentions.get("b") and d.mentions["b"].document_index == 1)
    assert joined.uncertain and joined.confidence < 0.6 and joined.reasons
    assert fake_openai.requests == [] and report.provenance.adjudicated == 0


def test_off_by_default(llm_settings: Callable[..., Settings], fake_openai: FakeOpenAI) -> None:
    report = _run(llm_settings(), adjudicate=None)
    assert fake_openai.requests == [] and report.provenance.checker == "rules"


def test_reject_splits_the_mention_and_is_counted(
    llm_settings: Callable[..., Settings], fake_openai: FakeOpenAI
) -> None:
    fake_openai.responder = Judge({"b": "different"})
    report = _run(llm_settings())
    assert _holders(report, "b", 1) == [{"b"}]
    assert report.provenance.adjudicated == 1 and report.provenance.checker == "rules+llm"
    (request,) = fake_openai.requests
    asked = questions_of(request.body)
    assert [(q, art) for q, art, _ in asked] == [("q1", "b")]
    assert "timber" in asked[0][2]


def test_confirm_keeps_the_join_and_clears_uncertainty(
    llm_settings: Callable[..., Settings], fake_openai: FakeOpenAI
) -> None:
    fake_openai.responder = Judge()
    report = _run(llm_settings())
    assert _holders(report, "b", 1) == [{"a", "b"}]
    doc = next(d for d in report.events[0].documents if d.mentions.get("b") and d.mentions["b"].document_index == 1)
    assert not doc.uncertain and any("adjudicator" in r for r in doc.reasons)


def test_answer_is_cached(llm_settings: Callable[..., Settings], fake_openai: FakeOpenAI) -> None:
    fake_openai.responder = Judge({"b": "different"})
    settings = llm_settings()
    first, second = _run(settings), _run(settings)
    assert len(fake_openai.requests) == 1
    assert _holders(first, "b", 1) == _holders(second, "b", 1) == [{"b"}]
    assert second.provenance.adjudicated == 1


def test_uncited_verdict_is_ignored(llm_settings: Callable[..., Settings], fake_openai: FakeOpenAI) -> None:
    fake_openai.script(
        Answer({"decisions": [{"question": "q1", "verdict": "different", "quote": "a quote nobody wrote"}]})
    )
    report = _run(llm_settings())
    assert _holders(report, "b", 1) == [{"a", "b"}]
    assert report.provenance.adjudicated == 0
    assert any("undecided" in n for n in report.notes)


def test_unknown_question_cannot_create_anything(
    llm_settings: Callable[..., Settings], fake_openai: FakeOpenAI
) -> None:
    fake_openai.script(Answer({"decisions": [{"question": "q9", "verdict": "same", "quote": "timber"}]}))
    report = _run(llm_settings())
    rules = _run(llm_settings(cache_enabled=False), adjudicate=False)
    assert [f.kind for f in report.events[0].findings] == [f.kind for f in rules.events[0].findings]
    assert report.provenance.adjudicated == 0


def test_off_vocabulary_verdict_is_reasked(llm_settings: Callable[..., Settings], fake_openai: FakeOpenAI) -> None:
    fake_openai.responder = Judge({"b": "different"})
    fake_openai.script(Answer({"decisions": [{"question": "q1", "verdict": "probably", "quote": "timber"}]}))
    report = _run(llm_settings())
    assert len(fake_openai.requests) == 2  # the invalid answer, then the re-ask
    assert _holders(report, "b", 1) == [{"b"}]


def test_malformed_answers_leave_the_rules_alignment(
    llm_settings: Callable[..., Settings], fake_openai: FakeOpenAI
) -> None:
    fake_openai.script(*[Raw("{not json")] * 3)
    report = _run(llm_settings(llm_max_reasks=2))
    assert _holders(report, "b", 1) == [{"a", "b"}]
    assert report.provenance.adjudicated == 0
    assert any("adjudication failed" in n for n in report.notes)


def test_without_endpoint_it_says_so(tmp_path) -> None:  # type: ignore[no-untyped-def]
    report = _run(Settings(_env_file=None, data_dir=tmp_path))  # type: ignore[call-arg]
    assert report.provenance.adjudicated == 0
    assert any("no LLM endpoint" in n for n in report.notes)


def test_near_miss_is_re_paired_and_then_compared(
    llm_settings: Callable[..., Settings], fake_openai: FakeOpenAI
) -> None:
    """A lone letter of intent on forest science scored just under the threshold against the
    forestry research memorandum: the model says it is the same paper, the rules then compare it."""
    a, b = base("a"), base("b")
    b.papers[1] = Paper("letter_of_intent", "forest science", [("Finnish Forest Institute", "FI"), ("Peru", "PE")])
    rendered = [render(a), render(b)]
    bodies = {s.article.id: t for s, t in rendered}
    summaries = [s for s, _ in rendered]
    before = crosscheck(summaries, bodies=bodies, adjudicate=False, settings=llm_settings())
    assert _holders(before, "b", 1) == [{"b"}]

    fake_openai.responder = Judge()
    after = crosscheck(summaries, bodies=bodies, adjudicate=True, settings=llm_settings())
    (request,) = fake_openai.requests
    assert len(questions_of(request.body)) == 1
    assert _holders(after, "b", 1) == [{"a", "b"}]
    assert after.provenance.adjudicated == 1
    assert "document_type" in {f.kind for f in after.events[0].findings}
