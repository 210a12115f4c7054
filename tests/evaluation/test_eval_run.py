"""Eval runs on the shipped fixtures with a known extractor and cross-checker; baselines, floors, HTML."""

from __future__ import annotations

from pathlib import Path

import pytest
from fakes_eval import FIXTURES, GoldEchoExtractor, PrefixChecker

from service.errors import InputError
from service.evaluation import below_floors, compare, read_run, render_html, run_eval, write_html, write_run

A1 = "cl_nz_santiago_2026__harbour_post"
A2 = "cl_nz_santiago_2026__andes_wire"


def test_gold_backend_scores_perfectly_and_crosschecks_each_event_apart() -> None:
    checker = PrefixChecker()
    run = run_eval(FIXTURES, backend="gold", checker=checker)
    assert run.totals.documents.f1 == 1.0 and run.totals.strict.f1 == 1.0
    assert run.provenance.extractor == "gold" and len(run.provenance.corpus_sha256) == 64
    # One call per events file, then one over every article for the same-event pairs.
    assert sorted(map(sorted, checker.calls[:2])) == [
        sorted([A1, A2, "cl_nz_santiago_2026__courrier_pacifique"]),
        ["ma_pl_rabat_2026__gazeta_biz", "ma_pl_rabat_2026__maghreb_daily"],
    ]
    assert len(checker.calls[2]) == 6
    same = run.totals.crosscheck.same_event
    assert (same.pairs.value, same.pairs.total, same.false_merges) == (1.0, 15, 0)
    # The checker found nothing: every conflict is missed, nothing is a false alarm.
    assert run.totals.crosscheck.conflicts.recall == 0.0 and run.totals.crosscheck.conflicts.precision is None
    assert run.totals.crosscheck.conflicts.gold == 13
    assert run.totals.crosscheck.document_missing.gold == 1  # kiwifruit protocol: andes_wire vs harbour_post


def test_lang_filter_reaches_the_scores() -> None:
    run = run_eval(FIXTURES, backend="gold", lang="en", checker=PrefixChecker())
    assert {a.language for a in run.articles} == {"en"} and run.totals.articles == 5
    assert run.totals.crosscheck.conflicts.gold == 12  # the French outlet's location conflict is gone


def test_failed_article_is_recorded_and_the_run_goes_on() -> None:
    extractor = GoldEchoExtractor(fail_on=["ma_pl_rabat_2026__maghreb_daily"], drop_last_of=[A1])
    run = run_eval(FIXTURES, extractor=extractor, checker=PrefixChecker())
    failed = next(a for a in run.articles if a.error)
    assert failed.id == "ma_pl_rabat_2026__maghreb_daily" and failed.documents.fn == 2
    assert run.totals.failed_articles == 1 and any("maghreb_daily" in e for e in run.errors)
    harbour = next(a for a in run.articles if a.id == A1)
    assert [m.index for m in harbour.missed] == [4]
    assert run.totals.documents.fn == 3 and run.totals.documents.fp == 0


def test_without_a_cross_checker_extraction_is_still_scored(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("service.evaluation.run.default_checker", lambda: None)
    run = run_eval(FIXTURES, backend="gold")
    assert run.totals.documents.f1 == 1.0 and not run.totals.crosscheck.available
    assert any("cross-checker not available" in e for e in run.errors)


def test_baseline_comparison_marks_regressions(tmp_path: Path) -> None:
    before = run_eval(FIXTURES, extractor=GoldEchoExtractor(), checker=PrefixChecker())
    path = write_run(before, tmp_path / "base.json")
    baseline = read_run(path)
    after = run_eval(FIXTURES, extractor=GoldEchoExtractor(drop_last_of=[A2]), checker=PrefixChecker())
    comparison = compare(after, baseline)
    regressed = {d.name for d in comparison.regressions}
    assert "documents.f1" in regressed and "documents.recall" in regressed
    assert "documents.precision" not in regressed
    assert [d.name for d in comparison.article_regressions] == [A2]
    assert comparison.same_corpus and comparison.same_extractor
    assert compare(before, baseline).regressions == []


def test_floors() -> None:
    run = run_eval(FIXTURES, extractor=GoldEchoExtractor(drop_last_of=[A1, A2]), checker=PrefixChecker())
    assert below_floors(run, {"documents.f1": 0.5}) == []
    [failure] = below_floors(run, {"documents.f1": 0.99, "conflicts.precision": None})
    assert failure.startswith("documents.f1 0.9")
    assert below_floors(run, {"conflicts.precision": 0.5}) == ["conflicts.precision: no data (floor 0.500)"]
    assert below_floors(run, {"conflicts.precision": 0.0}) == []  # a zero floor asks for nothing


def test_read_run_refuses_other_json(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"hello": 1}', encoding="utf-8")
    with pytest.raises(InputError, match="not an eval run"):
        read_run(bad)
    with pytest.raises(InputError, match="no such baseline"):
        read_run(tmp_path / "missing.json")


def test_html_report_is_self_contained_with_the_chart_and_escaped_text(tmp_path: Path) -> None:
    extractor = GoldEchoExtractor(fail_on=["ma_pl_rabat_2026__maghreb_daily"], drop_last_of=[A1])
    run = run_eval(FIXTURES, extractor=extractor, checker=PrefixChecker())
    run.comparison = compare(run, run_eval(FIXTURES, backend="gold", checker=PrefixChecker()))
    path = write_html(run, tmp_path / "report.html")
    html = path.read_text(encoding="utf-8")
    assert html.count("<svg") == 2  # per-event F1 and per-kind recall
    assert "Document F1 per event" in html and "Conflict recall per kind" in html
    assert "cl_nz_santiago_2026" in html and "REGRESSION" in html
    assert "Wines of Chile and New Zealand Winegrowers exchanged a letter of intent" in html  # the miss, quoted
    assert "<script" not in html and "&lt;script&gt;" in html
    assert "<link" not in html and "src=" not in html
    assert render_html(run) == html


@pytest.mark.corpus
def test_gold_scored_against_itself_is_perfect_on_the_development_corpus(corpus_dir: Path) -> None:
    # Any gold set, fed back as predictions, must score 1.0: it checks the matching on real
    # quotes (shared sentences, recap lists) without asserting anything about an extractor.
    run = run_eval(corpus_dir, backend="gold", checker=PrefixChecker())
    assert run.totals.documents.f1 == 1.0 and run.totals.strict.f1 == 1.0
    assert all(r.value == 1.0 for r in [*run.totals.fields.values(), *run.totals.event.values()])
    assert run.totals.commitments.f1 == 1.0
