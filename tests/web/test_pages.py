"""The pages over HTTP: sign-in, sessions, CSRF, rendering, escaping of untrusted text."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

from service.api.sessions import COOKIE
from tests.api.conftest import ARTICLE, READER, auth
from tests.web.conftest import csrf_of, sign_in

XSS = 'Breaking <script>document.title="pwned"</script> <img src=x onerror="alert(1)"> Norway and Chile signed an agreement on krill.'


def _submit(client: TestClient, text: str, **fields: str) -> str:
    page = client.get("/")
    response = client.post(
        "/articles", data={"text": text, "csrf": csrf_of(page.text), **fields}, follow_redirects=False
    )
    assert response.status_code == 303, response.text
    return response.headers["location"]


def test_pages_redirect_to_signin_without_credentials(client: TestClient) -> None:
    for path in ("/", "/articles/art_00000000000000000000", "/events", "/events/all"):
        response = client.get(path, follow_redirects=False)
        assert response.status_code == 303
        assert response.headers["location"].startswith("/signin?next=")


def test_signin_sets_a_hardened_session_cookie(client: TestClient) -> None:
    form = client.get("/signin")
    response = client.post(
        "/signin",
        data={"token": "writer-token-0123456789abcdef", "csrf": csrf_of(form.text), "next": "/events"},
        follow_redirects=False,
    )
    assert response.status_code == 303 and response.headers["location"] == "/events"
    cookie = response.headers["set-cookie"]
    assert cookie.startswith(f"{COOKIE}=") and "HttpOnly" in cookie and "SameSite=lax" in cookie
    assert "writer-token" not in cookie  # the cookie holds a signed token id, never the token
    assert client.get("/").status_code == 200


def test_signin_refuses_bad_tokens_and_forged_forms(client: TestClient) -> None:
    form = client.get("/signin")
    bad = client.post("/signin", data={"token": "wrong-token-0123456789", "csrf": csrf_of(form.text)})
    assert bad.status_code == 401 and "not valid" in bad.text
    forged = client.post("/signin", data={"token": "writer-token-0123456789abcdef", "csrf": "guess"})
    assert forged.status_code == 403


def test_signin_never_redirects_off_site(client: TestClient) -> None:
    form = client.get("/signin")
    for target in ("https://evil.example/", "//evil.example/", "/\\evil"):
        response = client.post(
            "/signin",
            data={
                "token": "writer-token-0123456789abcdef",
                "csrf": csrf_of(client.get("/signin").text),
                "next": target,
            },
            follow_redirects=False,
        )
        assert response.headers["location"] == "/"
    assert form.status_code == 200


def test_form_posts_need_the_session_csrf_value(signed_in: TestClient) -> None:
    response = signed_in.post("/articles", data={"text": ARTICLE, "csrf": "forged"})
    assert response.status_code == 403
    assert signed_in.get("/v1/articles", headers=auth()).json()["total"] == 0


def test_submit_and_read_the_article_page(signed_in: TestClient) -> None:
    location = _submit(signed_in, ARTICLE, title="Grid deal", outlet="Baltic Wire")
    page = signed_in.get(location)
    assert page.status_code == 200
    html = page.text
    assert "Grid deal" in html and "memorandum of understanding" in html
    marks = re.findall(r'<mark class="hl (hl-\d)[^"]*" id="(d\d-e\d)"', html)
    assert {css for css, _ in marks} == {"hl-0", "hl-1"}  # each document in its own colour
    assert 'href="#d0-e0"' in html and 'href="#d1-e0"' in html
    assert 'id="provenance"' in html and "offline" in html


def test_article_text_is_escaped_never_markup(signed_in: TestClient) -> None:
    location = _submit(signed_in, XSS, title='<b onmouseover="x()">t</b>')
    html = signed_in.get(location).text
    assert "<script>document.title" not in html and "<img src=x" not in html and "<b onmouseover" not in html
    assert "&lt;script&gt;document." in html and "&lt;img src=x onerror=&#34;alert(1)&#34;&gt;" in html
    listing = signed_in.get("/").text
    assert "<b onmouseover" not in listing and "&lt;b onmouseover" in listing


def test_form_errors_are_shown_on_the_page(signed_in: TestClient) -> None:
    page = signed_in.get("/")
    response = signed_in.post("/articles", data={"text": "   ", "csrf": csrf_of(page.text)})
    assert response.status_code == 422 and "empty" in response.text
    assert signed_in.get("/v1/articles", headers=auth()).json()["total"] == 0


def test_pages_accept_the_bearer_token_without_csrf(client: TestClient) -> None:
    assert client.get("/", headers=auth()).status_code == 200
    response = client.post("/articles", headers=auth(), data={"text": ARTICLE}, follow_redirects=False)
    assert response.status_code == 303


def test_read_only_token_sees_no_submit_form_and_cannot_post(client: TestClient) -> None:
    sign_in(client, READER)
    page = client.get("/")
    assert page.status_code == 200 and 'id="submit-form"' not in page.text
    response = client.post("/articles", data={"text": ARTICLE, "csrf": csrf_of(page.text)})
    assert response.status_code == 403


def test_signout_ends_the_session(signed_in: TestClient) -> None:
    page = signed_in.get("/")
    response = signed_in.post("/signout", data={"csrf": csrf_of(page.text)}, follow_redirects=False)
    assert response.status_code == 303
    assert signed_in.get("/", follow_redirects=False).status_code == 303


def test_tampered_session_cookie_is_ignored(signed_in: TestClient) -> None:
    value = signed_in.cookies.get(COOKIE)
    assert value
    signed_in.cookies.clear()
    signed_in.cookies.set(COOKIE, value[:-3] + ("AAA" if not value.endswith("AAA") else "BBB"))
    assert signed_in.get("/", follow_redirects=False).status_code == 303


def test_unknown_article_page_is_an_html_404(signed_in: TestClient) -> None:
    response = signed_in.get("/articles/art_00000000000000000000", headers={"Accept": "text/html"})
    assert response.status_code == 404 and "<h1>404</h1>" in response.text


def test_pages_send_a_strict_csp(signed_in: TestClient) -> None:
    csp = signed_in.get("/").headers["content-security-policy"]
    assert "script-src 'self'" in csp and "'unsafe-inline'" not in csp and "frame-ancestors 'none'" in csp
