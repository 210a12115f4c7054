"""The event page's alignment matrix shows, under each aligned document, why and how sure (issue 8).

The page must say what the report says: every reason of a row and its confidence as a
percentage; the uncertain badge only where the report marks the row uncertain, with its legend.
"""

from __future__ import annotations

import html as html_lib
import re

from fastapi.testclient import TestClient

from service.models import CanonicalDocument, Evidence, Mention
from service.web.render import env
from service.web.views import ReportView
from tests.api.conftest import ARTICLE, SECOND, auth
from tests.web.conftest import csrf_of

ROW = re.compile(r'<th scope="row">(.*?)</th>', re.S)


def _crosscheck(client: TestClient) -> tuple[str, dict[str, object]]:
    """Submit two reports of one visit, run the cross-check from the event page; the page and its report."""
    ids = [
        client.post("/v1/articles", headers=auth(), json={"text": text, "outlet": outlet}).json()["id"]
        for text, outlet in ((ARTICLE, "Baltic Wire"), (SECOND, "Nordic Daily"))
    ]
    page = client.get("/events/ee-fi-2025")
    made = client.post(
        "/events/ee-fi-2025/crosschecks", data={"csrf": csrf_of(page.text), "article_ids": ids}, follow_redirects=False
    )
    location = made.headers["location"].split("#")[0]
    report = client.get(f"/v1/crosschecks/{location.split('report=')[1]}", headers=auth()).json()
    return client.get(location).text, report


def test_each_aligned_row_shows_its_reasons_and_confidence(signed_in: TestClient) -> None:
    page, report = _crosscheck(signed_in)
    rows = [html_lib.unescape(r) for r in ROW.findall(page)]
    documents = [d for e in report["events"] for d in e["documents"]]  # type: ignore[index, union-attr]
    assert len(rows) == len(documents) > 0
    aligned = [
        (row, d) for row, d in zip(rows, documents, strict=True) if sum(bool(m) for m in d["mentions"].values()) > 1
    ]
    assert aligned, "the two reports share documents: some rows must join both"
    for row, doc in aligned:
        assert f"confidence {round(doc['confidence'] * 100)}%" in row
        assert doc["reasons"], "an aligned row carries the reasons of its joins"
        assert re.findall(r"<li>(.*?)</li>", row) == doc["reasons"]
        assert ("uncertain" in row) == doc["uncertain"]
    for row, doc in zip(rows, documents, strict=True):
        if (row, doc) not in aligned:  # one article only: nothing was aligned, so no confidence to show
            assert "confidence" not in row and "<li>" not in row
    assert "why the articles' mentions were aligned" in page  # the legend


def _doc(uncertain: bool, reasons: list[str]) -> CanonicalDocument:
    def mention(article_id: str, start: int) -> Mention:
        ev = Evidence(quote="a memorandum on wind", start=start, end=start + 20)
        return Mention(
            article_id=article_id,
            document_index=0,
            type="memorandum_of_understanding",
            title="wind",
            status="signed",
            evidence=ev,
        )

    return CanonicalDocument(
        key="wind",
        label="MoU: wind",
        type="memorandum_of_understanding",
        mentions={"art_a": mention("art_a", 0), "art_b": mention("art_b", 5), "art_c": None},
        agreement="agreed",
        confidence=0.456,
        reasons=reasons,
        uncertain=uncertain,
    )


def test_uncertain_badge_explains_itself_and_reasons_name_articles() -> None:
    macros = env.get_template("macros.html").module
    view = ReportView(report=None, articles={}, names={"art_b": "Nordic Daily"})  # type: ignore[arg-type]
    shown = str(macros.alignment(_doc(True, ["subject: wind", "confirmed by art_b"]), view))  # type: ignore[attr-defined]
    assert "confidence 46%" in shown
    badge = re.search(r'<span class="badge uncertain" title="([^"]+)">uncertain</span>', shown)
    assert badge and f"below {round(view.certain * 100)}%" in badge.group(1)
    assert "<li>subject: wind</li>" in shown and "Nordic Daily" in html_lib.unescape(shown) and "art_b" not in shown
    plain = str(macros.alignment(_doc(False, ["subject: wind"]), view))  # type: ignore[attr-defined]
    assert "confidence 46%" in plain and "uncertain" not in plain


def test_reasons_are_escaped() -> None:
    macros = env.get_template("macros.html").module
    view = ReportView(report=None, articles={}, names={})  # type: ignore[arg-type]
    shown = str(macros.alignment(_doc(False, ["<script>x()</script>"]), view))  # type: ignore[attr-defined]
    assert "<script>" not in shown and "&lt;script&gt;" in shown
