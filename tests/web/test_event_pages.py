"""The event pages: groups, picking articles, the alignment matrix and side-by-side findings."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

from tests.api.conftest import submit_two
from tests.web.conftest import csrf_of


def test_events_list_and_group_page(signed_in: TestClient) -> None:
    ids = submit_two(signed_in)
    events = signed_in.get("/events")
    assert events.status_code == 200 and 'href="/events/ee-fi-2025"' in events.text
    group = signed_in.get("/events/ee-fi-2025")
    assert group.status_code == 200
    assert all(f'value="{i}"' in group.text for i in ids)
    assert signed_in.get("/events/no-such-group").status_code == 404
    assert signed_in.get("/events/NOT%20valid").status_code == 404


def test_run_crosscheck_from_the_event_page(signed_in: TestClient) -> None:
    ids = submit_two(signed_in)
    page = signed_in.get("/events/ee-fi-2025")
    response = signed_in.post(
        "/events/ee-fi-2025/crosschecks", data={"csrf": csrf_of(page.text), "article_ids": ids}, follow_redirects=False
    )
    assert response.status_code == 303
    location = response.headers["location"]
    assert location.startswith("/events/ee-fi-2025?report=cc_")
    html = signed_in.get(location.split("#")[0]).text
    assert "Alignment: documents × articles" in html
    assert html.count('class="present"') >= 2
    # Each finding shows a quote from each side, linking to the highlighted span in that article's text.
    finding = re.search(r'<div class="finding .*?<div class="decision">', html, re.S)
    assert finding is not None
    links = re.findall(r'<blockquote><a class="jump" href="#(s\d-\d+-\d+)">', finding.group(0))
    assert len(links) >= 2 and {link.split("-")[0] for link in links} == {"s0", "s1"}
    for anchor in links:
        assert f'id="{anchor}"' in html or f'<span id="{anchor}"' in html
    # The report is reachable by its own page link as well.
    report_id = location.split("report=")[1].split("#")[0]
    again = signed_in.get(f"/crosschecks/{report_id}", follow_redirects=False)
    assert again.status_code == 303 and report_id in again.headers["location"]


def test_crosscheck_form_needs_csrf_and_a_pick(signed_in: TestClient) -> None:
    ids = submit_two(signed_in)
    forged = signed_in.post("/events/ee-fi-2025/crosschecks", data={"csrf": "x", "article_ids": ids})
    assert forged.status_code == 403
    page = signed_in.get("/events/ee-fi-2025")
    empty = signed_in.post("/events/ee-fi-2025/crosschecks", data={"csrf": csrf_of(page.text)})
    assert empty.status_code == 422 and "pick at least one" in empty.text
