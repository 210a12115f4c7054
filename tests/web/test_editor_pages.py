"""The editor's pages without a browser: batch form, progress, search, paging, actions, notices."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

from fastapi.testclient import TestClient

from service.app import create_app
from tests.api.conftest import READER, WRITER, auth, service_settings
from tests.web.conftest import csrf_of, sign_in

RIGA = "Riga, 2025-09-10. Latvia and Norway signed a memorandum of understanding on offshore wind."
OSLO = "Oslo, 2025-09-10. Norway and Latvia signed a letter of intent on offshore wind."
FRENCH = (
    "Paris, le 4 mars 2025. La France et le Chili ont signé un accord de coopération sur l'hydrogène vert "
    "ainsi qu'une déclaration commune sur la protection des océans, a annoncé le ministère."
)


def _post_form(http: TestClient, data: dict[str, str], files: list | None = None):  # type: ignore[no-untyped-def,type-arg]
    page = http.get("/")
    return http.post("/articles", data={"csrf": csrf_of(page.text), **data}, files=files, follow_redirects=False)


def test_one_pasted_article_goes_to_its_page(signed_in: TestClient) -> None:
    response = _post_form(signed_in, {"text": RIGA, "title": "Wind memo", "outlet": "Baltic Wire"})
    assert response.status_code == 303 and response.headers["location"].startswith("/articles/art_")
    page = signed_in.get(response.headers["location"]).text
    assert "<h1>Wind memo</h1>" in page and 'class="legend"' in page
    assert "\u201cLatvia and Norway signed a memorandum of understanding\u2026\u201d" in page


def test_a_batch_of_files_and_a_paste_lists_every_input(signed_in: TestClient) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("oslo.txt", OSLO)
    files = [
        ("files", ("riga.txt", RIGA.encode(), "text/plain")),
        ("files", ("pack.zip", buffer.getvalue(), "application/zip")),
        ("files", ("blob.txt", b"\x00\x01" * 100, "text/plain")),
    ]
    text = "Tallinn, 2025-05-14. Estonia and Finland signed an agreement on grid links.\n---\n   \n"
    response = _post_form(signed_in, {"text": text}, files)
    assert response.status_code == 200
    rows = re.findall(
        r"<tr( data-article=\"art_[0-9a-f]+\")?>\s*<td data-label=\"Input\">(.*?)</td>", response.text, re.S
    )
    assert len(rows) == 4
    assert "refused: input looks binary" in response.text
    assert "Batch: 3 stored, 1 refused" in response.text
    ids = re.search(r'data-ids="([^"]+)"', response.text).group(1).split(",")  # type: ignore[union-attr]
    states = signed_in.get("/articles/progress", params={"ids": ",".join([*ids, "junk"])}).json()
    assert set(states) == set(ids) and {s["status"] for s in states.values()} == {"done"}


def test_search_sort_and_no_silent_cap(signed_in: TestClient) -> None:
    for n in range(55):
        text = f"Riga, 2025-09-10. Latvia and Norway signed an agreement on ferry line {n}."
        signed_in.post(
            "/v1/articles", headers=auth(), json={"text": text, "outlet": "Baltic Wire" if n % 2 else "Fjord"}
        )
    first = signed_in.get("/").text
    assert "Showing 1&ndash;50 of 55 articles." in first and 'rel="next"' in first
    second = signed_in.get("/", params={"offset": 50}).text
    assert "Showing 51&ndash;55 of 55 articles." in second and 'rel="prev"' in second
    found = signed_in.get("/", params={"q": "ferry line 17"}).text
    assert "Showing 1&ndash;1 of 1 article." in found
    fjord = signed_in.get("/", params={"outlet": "fjord"}).text
    assert "of 28 articles" in fjord
    group = signed_in.get("/events/lv-no-2025").text
    assert "Showing 1&ndash;50 of 55 articles." in group  # the event page pages too
    assert "art_" not in re.sub(r'(value|href|data-[a-z]+)="[^"]*"', "", group)  # names, never hash ids


def test_rerun_and_delete_from_the_article_page(signed_in: TestClient) -> None:
    location = _post_form(signed_in, {"text": RIGA}).headers["location"]
    page = signed_in.get(location).text
    assert 'id="rerun"' in page and 'id="delete"' in page
    rerun = signed_in.post(f"{location}/rerun", data={"csrf": csrf_of(page)}, follow_redirects=False)
    assert rerun.status_code == 303 and rerun.headers["location"] == location
    assert "status-done" in signed_in.get(location).text
    forged = signed_in.post(f"{location}/delete", data={"csrf": "forged"}, follow_redirects=False)
    assert forged.status_code == 403
    deleted = signed_in.post(f"{location}/delete", data={"csrf": csrf_of(page)}, follow_redirects=False)
    assert deleted.status_code == 303 and signed_in.get(location).status_code == 404


def test_a_reader_sees_no_actions(client: TestClient) -> None:
    article = client.post("/v1/articles", headers=auth(WRITER), json={"text": RIGA}).json()
    sign_in(client, READER)
    page = client.get(article["links"]["page"]).text
    assert 'id="rerun"' not in page and 'id="delete"' not in page and "export.csv" in page


def test_a_non_english_article_says_at_the_top_what_to_configure(tmp_path: Path) -> None:
    """With the real offline extractor: the note comes before the title, and names the settings."""
    with TestClient(create_app(service_settings(tmp_path))) as http:
        sign_in(http)
        article = http.post("/v1/articles", headers=auth(), json={"text": FRENCH, "title": "Hydrogène"}).json()
        page = http.get(article["links"]["page"]).text
    notice = page.index('id="language-notice"')
    assert notice < page.index("<h1>")
    text = page[notice : page.index("</p>", notice)]
    assert "reads English only" in text and "PACTCHECK_BACKEND=llm" in text and "OPENAI_BASE_URL" in text


def test_an_english_article_has_no_language_notice(signed_in: TestClient) -> None:
    location = _post_form(signed_in, {"text": RIGA}).headers["location"]
    assert 'id="language-notice"' not in signed_in.get(location).text
