"""The editor's path in a real browser: Playwright driving Debian's Chromium.

Signs in, submits articles, checks each document's evidence is highlighted in its own
colour, runs a cross-check from the event page, follows a finding's quote to its span,
and confirms that an article carrying a script payload stays inert. Screenshots go to
artifacts/screenshots/ (git-ignored) for a person to look at.
"""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn

from service.app import create_app
from tests.api.conftest import ARTICLE, SECOND, WRITER, service_settings
from tests.fakes.scripted_extractor import scripted_factory

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
SHOTS = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
XSS = (
    "Riga, 2025-06-02. <script>window.__pwned = 1; document.title = 'pwned'</script>"
    '<img src=x onerror="window.__pwned = 2"> Latvia and Norway signed a memorandum on offshore wind.'
)


def _need_browser() -> None:
    if CHROMIUM.exists():
        return
    if os.environ.get("PACTCHECK_REQUIRE_BROWSER") == "1":
        pytest.fail(f"{CHROMIUM} is missing but PACTCHECK_REQUIRE_BROWSER=1 (apt-get install chromium)")
    pytest.skip(f"{CHROMIUM} not installed (apt-get install chromium); browser tests skipped")


@pytest.fixture
def server(tmp_path: Path) -> Iterator[str]:
    app = create_app(service_settings(tmp_path), extractor_factory=scripted_factory())
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    uv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=uv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not uv.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert uv.started, "uvicorn did not start"
    yield f"http://127.0.0.1:{port}"
    uv.should_exit = True
    thread.join(10)


@pytest.fixture
def page(server: str):  # type: ignore[no-untyped-def]
    _need_browser()
    from playwright.sync_api import sync_playwright

    SHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, headless=True)
        context = browser.new_context(base_url=server, viewport={"width": 1400, "height": 1000})
        tab = context.new_page()
        tab.set_default_timeout(15_000)
        dialogs: list[str] = []
        tab.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        tab.dialogs = dialogs  # type: ignore[attr-defined]
        yield tab
        context.close()
        browser.close()


def _sign_in(page) -> None:  # type: ignore[no-untyped-def]
    page.goto("/")
    assert "/signin" in page.url
    page.fill("#token", WRITER)
    page.click("button[type=submit]")
    page.wait_for_url("**/")


def _submit(page, text: str, title: str, outlet: str) -> None:  # type: ignore[no-untyped-def]
    page.goto("/")
    page.fill("#text", text)
    page.fill("#title", title)
    page.fill("#outlet", outlet)
    page.click("#submit-form button[type=submit]")
    page.wait_for_url("**/articles/art_*")


def test_editor_submits_reads_and_cross_checks(page) -> None:  # type: ignore[no-untyped-def]
    _sign_in(page)
    page.screenshot(path=str(SHOTS / "01-articles-empty.png"), full_page=True)
    _submit(page, ARTICLE, "Grid link agreed", "Baltic Wire")
    marks = page.locator(".body mark[id^=d]")
    assert marks.count() == 2
    colours = {m.evaluate("el => getComputedStyle(el).backgroundColor") for m in marks.all()}
    assert len(colours) == 2, "each document gets its own highlight colour"
    assert page.locator("#documents tbody tr").count() == 2
    page.click("#documents tbody tr:nth-child(2) a.jump")
    page.wait_for_function("() => location.hash === '#d1-e0'")
    assert "flash" in (page.locator("#d1-e0").get_attribute("class") or "")
    page.screenshot(path=str(SHOTS / "02-article-highlights.png"), full_page=True)

    _submit(page, SECOND, "Helsinki signs", "Nordic Daily")
    page.goto("/events")
    page.click("text=ee-fi-2025")
    page.check("#pick-all")  # app.js ticks every summarised article
    assert page.locator("input[name=article_ids]:checked").count() == 2
    page.click("#run-crosscheck")
    page.wait_for_url("**/events/ee-fi-2025?report=cc_*")
    matrix = page.locator("table.matrix").first
    assert matrix.locator("tbody tr").count() >= 2
    assert matrix.locator("td.present").count() >= 4
    finding = page.locator(".finding").first
    quotes = finding.locator("blockquote a.jump")
    assert quotes.count() >= 2
    target = quotes.nth(1).get_attribute("href")
    quotes.nth(1).click()
    page.wait_for_function(f"() => location.hash === '{target}'")
    flashed = page.locator("mark.flash")
    assert flashed.count() >= 1 and flashed.first.is_visible()
    page.screenshot(path=str(SHOTS / "03-crosscheck-report.png"), full_page=True)
    assert page.dialogs == []  # type: ignore[attr-defined]


def test_script_in_an_article_stays_inert(page) -> None:  # type: ignore[no-untyped-def]
    _sign_in(page)
    _submit(page, XSS, "<b>Wind</b> <script>window.__pwned = 3</script>", "Test Outlet")
    assert page.evaluate("() => window.__pwned") is None
    assert page.title() != "pwned"
    assert page.locator(".body script, .body img, h1 b").count() == 0
    assert "<script>window.__pwned = 1;" in page.locator(".body").inner_text()
    page.goto("/")
    assert page.evaluate("() => window.__pwned") is None
    assert "<b>Wind</b>" in page.locator("#articles").inner_text()
    page.screenshot(path=str(SHOTS / "04-xss-inert.png"), full_page=True)
    assert page.dialogs == []  # type: ignore[attr-defined]
