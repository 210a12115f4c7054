"""Page fixtures: the service app plus a signed-in browser-like client."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from tests.api.conftest import WRITER, client, extractor, make_app  # noqa: F401  (the service fixtures, shared)

CSRF = re.compile(r'name="csrf" value="([^"]+)"')


def csrf_of(html: str) -> str:
    found = CSRF.search(html)
    assert found, "the page has no CSRF field"
    return found.group(1)


def sign_in(http: TestClient, token: str = WRITER) -> None:
    form = http.get("/signin")
    response = http.post(
        "/signin", data={"token": token, "csrf": csrf_of(form.text), "next": "/"}, follow_redirects=False
    )
    assert response.status_code == 303, response.text


@pytest.fixture
def signed_in(client: TestClient) -> TestClient:  # noqa: F811
    sign_in(client)
    return client
