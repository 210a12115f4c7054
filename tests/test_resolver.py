"""The shared resolver grounds drafts, rejects what the text does not say, and writes the summary."""

from __future__ import annotations

from service.articles import from_text
from service.models import Provenance
from service.models.draft import DraftCommitment, DraftDocument, DraftEvent, DraftParty, DraftRestatement, DraftSummary
from service.resolver import resolve

BODY = (
    "VILNIUS, April 2 - Lithuania and Chile signed two documents after talks between the presidents. "
    "The foreign ministries signed a cooperation programme for 2026-28. "
    "The energy ministries discussed a memorandum on green hydrogen. "
    "Both sides pledged to open embassies.\n\n"
    "Recap: 1. Programme of cooperation between the foreign ministries (2026-2028), exchanged."
)


def _draft(**over: object) -> DraftSummary:
    base = DraftSummary(
        event=DraftEvent(
            city="Vilnius", countries=["Lithuania", "CL"], principals=["the presidents"], quote="VILNIUS, April 2"
        ),
        documents=[
            DraftDocument(
                type="cooperation_programme",
                title="Cooperation Programme",
                status="signed",
                period="2026-28",
                parties=[DraftParty(name="Lithuanian foreign ministry", country="lithuania")],
                quote="The foreign ministries signed a cooperation programme for 2026-28.",
                also=[
                    DraftRestatement(
                        quote="Programme of cooperation between the foreign ministries (2026-2028), exchanged",
                        status="signed",
                        period="2026-2028",
                    )
                ],
            ),
            DraftDocument(
                type="memorandum_of_understanding",
                title="memorandum on green hydrogen",
                status="discussed",
                quote="The energy ministries discussed a memorandum on green hydrogen.",
            ),
            DraftDocument(
                type="treaty",
                title="nuclear treaty",
                status="signed",
                quote="Lithuania and Chile signed a nuclear treaty.",
            ),
        ],
        commitments=[
            DraftCommitment(
                actors=["LT", "Chile"], text="open embassies", quote="Both sides pledged to open embassies."
            )
        ],
        stated_count=2,
    )
    return base.model_copy(update=over)


def _resolve(draft: DraftSummary, **article: object):
    return resolve(
        from_text(BODY, id="vilnius", **article), draft, language="en", provenance=Provenance(extractor="offline")
    )


def test_grounded_items_carry_exact_offsets() -> None:
    summary = _resolve(_draft())
    assert [d.type for d in summary.documents] == ["cooperation_programme", "memorandum_of_understanding"]
    for doc in summary.documents:
        for ev in doc.evidence:
            assert BODY[ev.start : ev.end] == ev.quote
    programme = summary.documents[0]
    assert programme.period == "2026-2028"
    assert programme.title == "cooperation programme"
    assert programme.parties[0].country == "LT"
    assert len(programme.evidence) == 2 and programme.restatements[0].status == "signed"


def test_hallucinated_quote_is_rejected_not_reported() -> None:
    summary = _resolve(_draft())
    assert all(d.type != "treaty" for d in summary.documents)
    rejected = [r for r in summary.rejected if r.kind == "document"]
    assert len(rejected) == 1 and "not found" in rejected[0].reason
    assert any(w.code == "items_rejected" for w in summary.warnings)


def test_event_fields_are_checked_against_the_text() -> None:
    summary = _resolve(_draft())
    assert summary.event.location.city == "Vilnius" and summary.event.location.country == "LT"
    assert summary.event.countries == ["CL", "LT"]
    bad = _draft(event=DraftEvent(city="Paris", date="April 2", principals=["Emmanuel Macron"]))
    summary = _resolve(bad)
    assert summary.event.location.city is None and summary.event.date is None
    assert summary.event.principals == []
    assert {r.kind for r in summary.rejected} >= {"field"}


def test_commitment_actors_become_codes() -> None:
    summary = _resolve(_draft())
    assert summary.commitments[0].actors == ["LT", "CL"]


def test_truncated_articles_are_never_complete_lists() -> None:
    summary = _resolve(_draft())
    assert summary.list_complete is True
    truncated = resolve(
        from_text("URL: x\nTRUNCATED: yes\n\n" + BODY, id="t"),
        _draft(),
        language="en",
        provenance=Provenance(extractor="offline"),
    )
    assert truncated.list_complete is False
    assert any(w.code == "truncated" for w in truncated.warnings)


def test_summary_text_only_states_grounded_facts() -> None:
    summary = _resolve(_draft())
    assert "2 documents" in summary.summary
    assert "treat" not in summary.summary.lower()
    assert summary.summary.count(".") <= 6
