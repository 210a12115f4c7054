"""The extraction scorer on tiny hand-made cases with known precision, recall and F1."""

from __future__ import annotations

import pytest
from evalkit import BODY, document, gold_article, summary

from service.evaluation.aggregate import sum_prf
from service.evaluation.metrics import failed_article, score_article
from service.evaluation.results import PRF
from service.models import Commitment

Q_FISH = "Norway and Ghana signed an agreement on fisheries."
Q_WIND = "The ministries exchanged a memorandum of understanding on offshore wind."
Q_JOINT = "Both sides adopted a joint statement on a strategic dialogue."
Q_TREATY = "Officials discussed a future treaty on extradition."

GOLD_DOCS = [
    {"type": "agreement", "title": "agreement on fisheries", "status": "signed", "quote": Q_FISH,
     "parties": [{"name": "Norway", "country": "NO"}, {"name": "Ghana", "country": "GH"}]},
    {"type": "memorandum_of_understanding", "title": "memorandum of understanding on offshore wind",
     "status": "signed", "quote": Q_WIND, "period": "2026-2028"},
]  # fmt: skip


def _gold() -> object:
    return gold_article(GOLD_DOCS)


def _fish(**kw: object) -> object:
    base = {"type": "agreement", "title": "agreement on fisheries", "parties": [("Norway", "NO"), ("Ghana", "GH")]}
    return document(BODY, Q_FISH, **{**base, **kw})  # type: ignore[arg-type]


def _wind(**kw: object) -> object:
    base = {"type": "memorandum_of_understanding", "title": "mou on offshore wind", "period": "2026-28"}
    return document(BODY, Q_WIND, **{**base, **kw})  # type: ignore[arg-type]


def _prf(p: PRF) -> tuple[float | None, float | None, float | None]:
    return p.precision, p.recall, p.f1


def test_perfect_prediction() -> None:
    result = score_article(_gold(), summary([_fish(), _wind()]), event_id="e")  # type: ignore[arg-type]
    assert _prf(result.documents) == (1.0, 1.0, 1.0)
    assert _prf(result.strict) == (1.0, 1.0, 1.0)
    assert result.missed == [] and result.spurious == []
    assert all(r.value == 1.0 for r in result.fields.values())  # "2026-28" is the period 2026-2028


def test_empty_prediction() -> None:
    result = score_article(_gold(), summary([]), event_id="e")  # type: ignore[arg-type]
    assert (result.documents.tp, result.documents.fp, result.documents.fn) == (0, 0, 2)
    assert _prf(result.documents) == (None, 0.0, 0.0)
    assert [m.index for m in result.missed] == [0, 1]
    assert result.fields["type"].value is None  # nothing matched, nothing to judge


def test_empty_gold_and_empty_prediction_has_no_rates() -> None:
    result = score_article(gold_article([]), summary([]), event_id="e")
    assert _prf(result.documents) == (None, None, None)


def test_one_spurious_prediction() -> None:
    extra = document(BODY, Q_JOINT, type="joint_statement", title="joint statement", status="adopted")
    result = score_article(_gold(), summary([_fish(), _wind(), extra]), event_id="e")  # type: ignore[arg-type]
    assert _prf(result.documents) == (pytest.approx(2 / 3, abs=1e-4), 1.0, 0.8)
    assert [(s.index, s.quote) for s in result.spurious] == [(2, Q_JOINT)]


def test_one_missed_document() -> None:
    result = score_article(_gold(), summary([_fish()]), event_id="e")  # type: ignore[arg-type]
    assert _prf(result.documents) == (1.0, 0.5, pytest.approx(2 / 3, abs=1e-4))
    assert [(m.index, m.quote) for m in result.missed] == [(1, Q_WIND)]


def test_wrong_type_counts_for_detection_but_not_strict() -> None:
    result = score_article(_gold(), summary([_fish(), _wind(type="letter_of_intent")]), event_id="e")  # type: ignore[arg-type]
    assert result.documents.f1 == 1.0
    assert (result.strict.tp, result.strict.fp, result.strict.fn) == (1, 1, 1)
    assert result.strict.f1 == 0.5
    assert result.fields["type"].value == 0.5
    diff = next(m for m in result.matches if m.gold_index == 1).diffs["type"]
    assert (diff.gold, diff.predicted) == ("memorandum_of_understanding", "letter_of_intent")


def test_field_accuracy_on_matched_documents() -> None:
    fish = _fish(status="planned", parties=[("Norway", "NO")], signatories=["Kari Nordmann"])
    result = score_article(_gold(), summary([fish, _wind(period="2026-2029")]), event_id="e")  # type: ignore[arg-type]
    assert result.fields["status"].value == 0.5
    assert result.fields["parties"].value == 0.5
    assert result.fields["signatories"].value == 0.5
    assert result.fields["period"].value == 0.5


def test_signatories_compare_folded_names() -> None:
    gold = gold_article([{**GOLD_DOCS[0], "signatories": ["Tomás Errázuriz"]}])
    result = score_article(gold, summary([_fish(signatories=["tomas errazuriz"])]), event_id="e")
    assert result.fields["signatories"].value == 1.0


def test_event_fields_stated_count_and_commitments() -> None:
    pledge = "Both sides adopted a joint statement on a strategic dialogue."
    gold = gold_article(
        GOLD_DOCS,
        event={"location": {"city": "Accra", "country": "GH"}, "date": "2026-02-03", "countries": ["GH", "NO"]},
        stated_count=2,
        commitments=[{"actors": ["GH", "NO"], "text": "hold a strategic dialogue", "quote": pledge}],
    )
    pred = summary(
        [_fish(), _wind()], city="ACCRA", country="GH", date="2026-02-04", countries=["NO", "GH"], stated_count=3
    )
    pred.commitments = [
        Commitment(actors=["NO"], text="strategic dialogue", evidence=[document(BODY, pledge).evidence[0]])
    ]
    result = score_article(gold, pred, event_id="e")
    assert result.event["location"].value == 1.0  # city folded
    assert result.event["countries"].value == 1.0  # a set
    assert result.event["date"].value == 0.0
    assert result.event_diffs["date"].predicted == "2026-02-04"
    assert result.stated_count.value == 0.0 and result.stated_count_diff is not None
    assert result.commitments.recall == 1.0


def test_failed_article_counts_every_gold_document_as_missed() -> None:
    result = failed_article(_gold(), event_id="e", error="boom")  # type: ignore[arg-type]
    assert result.documents.fn == 2 and result.documents.recall == 0.0 and result.error == "boom"


def test_totals_are_sums_of_counts_not_means_of_rates() -> None:
    a = PRF(tp=1, fp=0, fn=0)
    b = PRF(tp=0, fp=0, fn=3)
    total = sum_prf([a, b])
    assert (total.tp, total.fn, total.recall) == (1, 3, 0.25)
