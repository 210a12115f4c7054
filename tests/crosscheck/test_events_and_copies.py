"""Same-event decisions, copies compared once, and the inputs a newsroom really sends."""

from __future__ import annotations

import pytest

from service.crosscheck import crosscheck
from service.errors import InputError
from service.schemas import validate_payload
from tests.crosscheck.builders import doc, kinds, summary

TALLINN = "President Maris Tamm received President Arman Sadykov in Tallinn on Wednesday. The defence ministries signed a letter of intent on officer training."
HANOI = "Defence minister Lan Pham hosted minister Rauf Aliyev in Hanoi. The two ministers signed a letter of intent on cadet exchanges."
LOI = {"type": "letter_of_intent", "title": "letter of intent", "subject": "defence training"}


def tallinn(article_id: str = "tallinn", body: str = TALLINN, **kw: object):
    return summary(article_id, body, [doc(body, "signed a letter of intent on officer training", **LOI)], **kw)


def hanoi():
    return summary(
        "hanoi",
        HANOI,
        [doc(HANOI, "signed a letter of intent on cadet exchanges", **LOI)],
        city="Hanoi",
        country="VN",
        date="2025-09-04",
        countries=("EE", "KZ"),  # the same two countries, another visit: like the corpus seeds
        principals=("Lan Pham", "Rauf Aliyev"),
    )


def test_different_events_are_never_compared_even_with_a_similar_document() -> None:
    report = crosscheck([tallinn(), hanoi()], bodies={"tallinn": TALLINN, "hanoi": HANOI})
    assert [e.article_ids for e in report.events] == [["tallinn"], ["hanoi"]]
    assert kinds(report, ("error", "warning", "info")) == []
    (decision,) = report.pairs
    assert not decision.same_event
    assert decision.reasons[0] == "Tallinn, 13 Mar 2024 vs Hanoi, 4 Sep 2025"
    assert "different principals" in decision.reasons
    assert any("Not compared" in n and "different events" in n for n in report.notes)


def test_visits_between_other_countries_are_closed_at_once() -> None:
    other = hanoi().model_copy(update={"event": hanoi().event.model_copy(update={"countries": ["AZ", "VN"]})})
    (decision,) = crosscheck([tallinn(), other], bodies={"tallinn": TALLINN, "hanoi": HANOI}).pairs
    assert not decision.same_event
    assert decision.reasons == ["Tallinn, 13 Mar 2024 vs Hanoi, 4 Sep 2025", "different sides (EE, KZ vs AZ, VN)"]


def test_reports_of_one_event_are_grouped_with_reasons() -> None:
    other = "In Tallinn, Arman Sadykov and Maris Tamm witnessed the defence ministries sign a letter of intent on officer training."
    second = summary(
        "second", other, [doc(other, "sign a letter of intent on officer training", **LOI)], published="13 March 2024"
    )
    report = crosscheck([tallinn(), second], bodies={"tallinn": TALLINN, "second": other})
    (event,) = report.events
    assert event.article_ids == ["tallinn", "second"]
    assert event.totals.agreed == 1 and event.totals.disputed == 0
    assert report.pairs[0].same_event
    assert report.pairs[0].reasons == [
        "same sides (EE, KZ)",
        "both in Tallinn",
        "same principals (Maris Tamm, Arman Sadykov)",
        "1 document in common",
        "same day (2024-03-13)",
    ]


def test_duplicate_text_is_flagged_and_compared_once() -> None:
    first, again = tallinn("first"), tallinn("again")
    report = crosscheck([first, again], bodies={"first": TALLINN, "again": TALLINN})
    (group,) = report.copies
    assert group.kind == "duplicate" and group.article_ids == ["first", "again"] and group.kept == "first"
    (event,) = report.events
    assert event.article_ids == ["first", "again"]
    assert list(event.documents[0].mentions) == ["first"]
    assert event.documents[0].agreement == "single"


def test_syndicated_copies_count_once() -> None:
    wire = (
        "Tallinn. President Maris Tamm received President Arman Sadykov for talks on energy, transport and trade. "
        "The two leaders watched their defence ministries sign a letter of intent on officer training, and agreed that "
        "a joint commission on transit corridors would meet again in the autumn to review the rail freight projects "
        "that both governments have promised to finance over the coming five years."
    )
    copies = [
        summary(f"outlet{n}", text, [doc(text, "sign a letter of intent on officer training", **LOI)])
        for n, text in enumerate([wire, wire + " Our correspondent adds that talks went well.", wire[:-60]], 1)
    ]
    bodies = {
        s.article.id: text
        for s, text in zip(
            copies, [wire, wire + " Our correspondent adds that talks went well.", wire[:-60]], strict=True
        )
    }
    report = crosscheck(copies, bodies=bodies)
    (group,) = report.copies
    assert group.kind == "syndicated" and len(group.article_ids) == 3
    (canon,) = report.events[0].documents
    assert list(canon.mentions) == [group.kept]


def test_one_article_gets_an_internal_consistency_report() -> None:
    body = TALLINN + "\n\nIn brief:\n1. The defence ministries discussed officer training through a letter of intent.\n"
    report = crosscheck([tallinn(body=body)], bodies={"tallinn": body})
    assert [f.kind for f in report.events[0].findings] == ["status"]
    assert report.events[0].findings[0].internal
    assert report.events[0].reasons == ["the only article of this event"]


def test_articles_without_documents_and_in_other_languages() -> None:
    german = "Präsident Maris Tamm empfing Präsident Arman Sadykov am Mittwoch in Tallinn."
    empty = summary("de", german, [], city=None, country=None, date=None, countries=(), principals=(), language="de")
    report = crosscheck([tallinn(), empty], bodies={"tallinn": TALLINN, "de": german})
    assert [e.article_ids for e in report.events] == [["tallinn", "de"]]
    assert "de's text names" in " ".join(report.pairs[0].reasons)
    assert any("report no documents" in n for n in report.notes)
    assert any("articles in de, en" in n for n in report.notes)


def test_fifty_articles_in_one_call() -> None:
    summaries = [tallinn(f"a{n}", body=TALLINN + f" Item {n}.") for n in range(50)]
    bodies = {s.article.id: TALLINN + f" Item {n}." for n, s in enumerate(summaries)}
    report = crosscheck(summaries, bodies=bodies)
    assert len(report.articles) == 50 and len(report.pairs) == 50 * 49 // 2
    assert sum(len(e.article_ids) for e in report.events) == 50


def test_bad_inputs_get_clear_errors() -> None:
    with pytest.raises(InputError, match="at least one article"):
        crosscheck([])
    with pytest.raises(InputError, match="a list of articles"):
        crosscheck("just one text")  # type: ignore[arg-type]
    with pytest.raises(InputError, match="expected a summary"):
        crosscheck([42])  # type: ignore[list-item]


def test_same_id_twice_and_a_body_that_does_not_fit_lose_nothing() -> None:
    report = crosscheck(
        [tallinn("x"), hanoi().model_copy(update={"article": hanoi().article.model_copy(update={"id": "x"})})],
        bodies={"x": "something else"},
    )
    assert [a.id for a in report.articles] == ["x", "x-2"]
    assert any("called x" in n for n in report.notes)
    assert any("does not match the summary" in n for n in report.notes)


def test_report_is_schema_valid_and_deterministic() -> None:
    bodies = {"tallinn": TALLINN, "hanoi": HANOI}
    first = crosscheck([tallinn(), hanoi()], bodies=bodies).model_dump(mode="json")
    second = crosscheck([tallinn(), hanoi()], bodies=bodies).model_dump(mode="json")
    validate_payload("crosscheck_report", first)
    first["provenance"].pop("latency_ms")
    second["provenance"].pop("latency_ms")
    assert first == second


def test_texts_are_extracted_with_the_chosen_backend(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []

    class Fake:
        name = "fake"

        def extract(self, article):
            calls.append(article.id)
            return tallinn(article.id, body=article.body)

    monkeypatch.setattr("service.crosscheck.inputs.get_extractor", lambda backend=None: Fake())
    report = crosscheck([TALLINN, TALLINN + " More."], backend="offline")
    assert calls == ["article-1", "article-2"]
    assert [a.id for a in report.articles] == ["article-1", "article-2"]


def test_a_paper_listed_twice_by_the_shorter_report_keeps_every_row_aligned() -> None:
    long_body = (
        "Tallinn talks. The energy ministries signed a memorandum of understanding on wind power. "
        "The rail companies signed an agreement on freight transit. The health ministries signed a memorandum "
        "on vaccines."
    )
    short_body = (
        "Tallinn talks. The energy ministries signed a memorandum of understanding on wind power. "
        "The rail companies signed an agreement on freight transit.\n"
        "Recap: the energy ministries signed a memorandum of understanding on wind power."
    )
    wind = {"title": "memorandum of understanding on wind power", "subject": "wind power"}
    rail = {"type": "agreement", "title": "agreement on freight transit", "subject": "freight transit"}
    long_report = summary(
        "long",
        long_body,
        [
            doc(long_body, "signed a memorandum of understanding on wind power", **wind),
            doc(long_body, "signed an agreement on freight transit", **rail),
            doc(long_body, "signed a memorandum on vaccines", title="memorandum on vaccines", subject="vaccines"),
        ],
    )
    # The summary takes the recap for a second paper: it is folded into the first, and the rail
    # agreement after it must still land in its own row.
    short_report = summary(
        "short",
        short_body,
        [
            doc(short_body, "signed a memorandum of understanding on wind power", **wind),
            doc(short_body, "Recap: the energy ministries signed a memorandum of understanding on wind power", **wind),
            doc(short_body, "signed an agreement on freight transit", **rail),
        ],
    )
    report = crosscheck([long_report, short_report], bodies={"long": long_body, "short": short_body})
    rows = {
        d.key: {a: m.document_index if m else None for a, m in d.mentions.items()} for d in report.events[0].documents
    }
    assert rows["wind-power"] == {"long": 0, "short": 0}
    assert rows["freight-transit"] == {"long": 1, "short": 2}
    assert any("repeat earlier ones" in n for n in report.notes)
