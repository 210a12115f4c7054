"""The editor's whole loop in real Chromium: batch in, decide, export, reload, and /docs offline.

Signs in, submits three self-written reports of one visit in one paste, opens the event, runs
the cross-check, confirms one finding and dismisses another, downloads the CSV and the gold
zip (checked with the corpus checker), reloads and finds the decisions kept. Every request
the browser makes outside this server is refused, so /docs must render from local files.
Screenshots of the article page at 1366 px and 420 px are checked for horizontal overflow.
"""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.web.test_browser import SHOTS, _sign_in, page, server  # noqa: F401  (fixtures shared)

pytestmark = pytest.mark.browser
CHECK_GOLD = Path(__file__).resolve().parents[3] / "shared" / "tools" / "check_gold.py"
REPORTS = [
    "TITLE: Latvia and Norway sign wind memorandum\nOUTLET: Baltic Wire\nDATE: 10 September 2025\n\n"
    "Riga, 2025-09-10. Latvia and Norway signed a memorandum of understanding on offshore wind.\n"
    "Latvia and Norway signed an agreement on fisheries control.\n"
    "The prime ministers said the first turbines could turn before the end of the decade.",
    "TITLE: Oslo and Riga agree on wind and fish\nOUTLET: Nordic Daily\nDATE: 10 September 2025\n\n"
    "Oslo, 2025-09-10. Norway and Latvia signed a letter of intent on offshore wind.\n"
    "Norway signed an agreement on fisheries control.\n"
    "Officials said talks on a ferry link would continue next spring.",
    "TITLE: Three documents signed in Riga\nOUTLET: Wire Service\nDATE: 11 September 2025\n\n"
    "Riga, 2025-09-10. Latvia and Norway signed a memorandum of understanding on offshore wind.\n"
    "Latvia and Norway signed an agreement on fisheries control.\n"
    "Latvia and Norway signed a declaration on energy security.",
]
NO_OVERFLOW = "() => document.scrollingElement.scrollWidth <= window.innerWidth"


def _offline(page, server: str) -> list[str]:  # type: ignore[no-untyped-def]  # noqa: F811
    """Refuse every request that leaves this server; return the list of refused URLs."""
    refused: list[str] = []

    def handle(route) -> None:  # type: ignore[no-untyped-def]
        if route.request.url.startswith(server):
            route.continue_()
        else:
            refused.append(route.request.url)
            route.abort()

    page.context.route("**/*", handle)
    return refused


def _decide(page, kind: str, verdict: str, comment: str) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    box = page.locator(f".finding[data-kind={kind}]").first
    box.locator("input[name=comment]").fill(comment)
    box.locator(f"button[value={verdict}]").click()
    page.wait_for_selector(f".finding[data-kind={kind}] .verdict-{verdict}")


def test_the_editors_loop(page, server: str, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    refused = _offline(page, server)
    _sign_in(page)

    # Batch in: three articles in one paste, one row each with its own progress.
    page.fill("#text", "\n---\n".join(REPORTS))
    page.click("#submit-form button[type=submit]")
    page.wait_for_selector("#batch")
    rows = page.locator("#batch tbody tr")
    assert rows.count() == 3
    page.wait_for_function(
        "() => [...document.querySelectorAll('#batch .status')].every(s => s.textContent === 'done')"
    )
    assert "art_" not in page.locator("#batch").inner_text()  # names, never hash ids
    page.screenshot(path=str(SHOTS / "10-batch.png"), full_page=True)

    # Open the event, run the cross-check.
    page.click("a.open-event")
    page.wait_for_url("**/events/lv-no-2025")
    page.check("#pick-all")
    page.click("#run-crosscheck")
    page.wait_for_url("**/events/lv-no-2025?report=cc_*")
    report_url = page.url.split("#")[0]
    assert page.locator(".finding").count() >= 2
    counts = page.locator("#finding-counts").inner_text()
    assert "finding" in counts
    # Each aligned row says why and how sure (issue 8).
    assert page.locator("#event-0 .matrix .aligned .confidence").count() >= 1
    assert page.locator("#event-0 .matrix ul.reasons li").count() >= 1
    page.set_viewport_size({"width": 1366, "height": 900})
    page.locator("#event-0 .matrix").screenshot(path=str(SHOTS / "19-alignment-1366.png"))

    # Step through findings.
    first = page.locator(".finding").first
    next_link = first.locator("a.next")
    target = next_link.get_attribute("href")
    next_link.click()
    page.wait_for_function(f"() => location.hash === '{target}'")

    # Decide: confirm one, dismiss another, each with a comment; who and when are shown.
    _decide(page, "document_type", "confirmed", "Memorandum per the ministry's release")
    _decide(page, "document_missing", "dismissed", "Nordic Daily only covered two items")
    confirmed = page.locator(".finding[data-kind=document_type] .verdict-confirmed").inner_text()
    assert "Confirmed by" in confirmed and "ministry" in confirmed
    page.screenshot(path=str(SHOTS / "11-decisions.png"), full_page=True)
    page.set_viewport_size({"width": 1100, "height": 820})
    page.locator("h4", has_text="Findings").first.evaluate("el => el.scrollIntoView()")
    page.screenshot(path=str(SHOTS / "15-findings-decided.png"))  # the README's picture (docs/)

    # Filter by severity and kind.
    page.select_option("#kind", "document_type")
    page.click("#finding-filters button[type=submit]")
    page.wait_for_url("**kind=document_type**")
    kinds = {
        page.locator(".finding").nth(i).get_attribute("data-kind") for i in range(page.locator(".finding").count())
    }
    assert kinds == {"document_type"}

    # Results out: the CSV (one row per finding, decisions included) and the gold zip.
    with page.expect_download() as csv_download:
        page.click("#export-csv")
    rows_csv = list(csv.DictReader(io.StringIO(Path(csv_download.value.path()).read_text(encoding="utf-8"))))
    assert {(r["kind"], r["decision"]) for r in rows_csv} >= {
        ("document_type", "confirmed"),
        ("document_missing", "dismissed"),
    }
    with page.expect_download() as gold_download:
        page.click("#export-gold")
    folder = tmp_path / "gold-export"
    zipfile.ZipFile(gold_download.value.path()).extractall(folder)
    [event_file] = (folder / "events").iterdir()
    conflicts = json.loads(event_file.read_text(encoding="utf-8"))["conflicts"]
    assert [c["kind"] for c in conflicts] == ["document_type"]
    if CHECK_GOLD.exists():
        checked = subprocess.run([sys.executable, str(CHECK_GOLD), str(folder)], capture_output=True, text=True)
        assert checked.returncode == 0, checked.stdout

    # Reload: the decisions are still there.
    page.goto(page.url.split("?")[0] + "?" + page.url.split("?")[1].split("&kind")[0])
    page.reload()
    assert page.locator(".verdict-confirmed").count() == 1
    assert page.locator(".verdict-dismissed").count() == 1

    # The article page fits a laptop and a phone.
    page.locator("#pick a").first.click()
    page.wait_for_url("**/articles/art_*")
    for width, name in ((1366, "12-article-1366.png"), (420, "13-article-420.png")):
        page.set_viewport_size({"width": width, "height": 900})
        page.reload()
        page.screenshot(path=str(SHOTS / name), full_page=True)
        assert page.evaluate(NO_OVERFLOW), f"the article page overflows at {width} px"
        assert page.locator(".legend").first.is_visible()
    for path, what in ((report_url, "the cross-check page"), ("/", "the articles page")):
        page.goto(path)
        assert page.evaluate(NO_OVERFLOW), f"{what} overflows at 420 px"
    page.screenshot(path=str(SHOTS / "18-articles-420.png"), full_page=True)
    page.goto(report_url)
    page.screenshot(path=str(SHOTS / "16-crosscheck-420.png"), full_page=True)
    page.locator("#event-0").evaluate("el => el.scrollIntoView()")
    page.screenshot(path=str(SHOTS / "17-crosscheck-420-event.png"))
    page.locator("#event-0 .scroll").screenshot(path=str(SHOTS / "20-alignment-420.png"))

    # /docs renders with no network.
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto("/docs")
    page.wait_for_selector(".swagger-ui .info .title")
    assert "PactCheck" in page.locator(".swagger-ui .info .title").inner_text()
    page.wait_for_selector(".opblock")
    assert page.locator(".opblock").count() > 5
    page.screenshot(path=str(SHOTS / "14-docs-offline.png"))
    assert refused == [], f"the pages tried to reach the network: {refused}"
    assert page.dialogs == []  # type: ignore[attr-defined]
