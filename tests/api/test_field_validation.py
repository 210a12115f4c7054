"""Every metadata field is checked the same way whatever its source, on SQLite and PostgreSQL.

A title may come as a JSON field, a `TITLE:` header line inside the text or an HTML <title>;
each source obeys the same limits (`service.articles.FIELD_LIMITS`) and the language rule, so
the database never has to refuse a value (on PostgreSQL that used to be a 500) and SQLite
never stores one past the rule.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from service.app import create_app
from service.articles import FIELD_LIMITS
from tests.api.conftest import auth, service_settings
from tests.fakes.scripted_extractor import scripted_factory
from tests.storage.conftest import postgres_schema

BODY = "Riga, 2025-03-02. Latvia and Norway signed a memorandum of understanding on offshore wind."
TEXT_PLAIN = {**auth(), "Content-Type": "text/plain; charset=utf-8"}


@pytest.fixture(params=["sqlite", "postgresql"])
def client(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[TestClient]:
    if request.param == "sqlite":
        with TestClient(create_app(service_settings(tmp_path), extractor_factory=scripted_factory())) as test_client:
            yield test_client
        return
    with postgres_schema() as url:
        app = create_app(service_settings(tmp_path, database_url=url), extractor_factory=scripted_factory())
        with TestClient(app) as test_client:
            yield test_client
        app.state.pactcheck.db.dispose()


def corpus_text(**headers: str) -> str:
    lines = "\n".join(f"{key}: {value}" for key, value in headers.items())
    return f"{lines}\n\n{BODY}"


# (header lines, field named in the message): each value is one past its rule.
OVER_THE_LIMIT = [
    ({"TITLE": "T" * (FIELD_LIMITS["title"] + 1)}, "title"),
    ({"OUTLET": "O" * (FIELD_LIMITS["outlet"] + 1)}, "outlet"),
    ({"URL": "https://example.org/" + "u" * FIELD_LIMITS["url"]}, "url"),
    ({"DATE": "2025-03-02 " + "d" * FIELD_LIMITS["published"]}, "published"),
    ({"NOTE": "n" * (FIELD_LIMITS["note"] + 1)}, "note"),
    ({"LANGUAGE": "en-evil-long-language-code"}, "language"),
    ({"LANGUAGE": "e"}, "language"),
    ({"LANGUAGE": "e1"}, "language"),
    ({"TITLE": "A title with a NUL \x00 inside"}, "title"),
    ({"OUTLET": "Daily", "TITLE": "x" * 9000 + "\x00"}, "title"),  # NUL past the 8 KB binary sniff
]


@pytest.mark.parametrize(("headers", "field"), OVER_THE_LIMIT)
def test_header_lines_obey_the_field_rules(client: TestClient, headers: dict[str, str], field: str) -> None:
    has_nul = any("\x00" in value for value in headers.values())
    for response in (
        client.post("/v1/articles", headers=auth(), json={"text": corpus_text(**headers)}),
        client.post("/v1/articles", headers=TEXT_PLAIN, content=corpus_text(**headers).encode()),
    ):
        assert response.status_code == 422, response.text
        message = response.json()["error"]["message"]
        assert field in message or (has_nul and "NUL" in message), message
    assert client.get("/v1/articles", headers=auth()).json()["total"] == 0


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"title": "T" * (FIELD_LIMITS["title"] + 1)}, "title"),
        ({"language": "en-evil-long-language-code"}, "language"),
        ({"outlet": "nul\x00outlet"}, "outlet"),
    ],
)
def test_json_fields_obey_the_same_rules(client: TestClient, fields: dict[str, str], field: str) -> None:
    response = client.post("/v1/articles", headers=auth(), json={"text": BODY, **fields})
    assert response.status_code == 422
    assert field in response.text
    assert client.get("/v1/articles", headers=auth()).json()["total"] == 0


def test_an_html_title_obeys_the_title_limit(client: TestClient) -> None:
    page = f"<html><head><title>{'W' * (FIELD_LIMITS['title'] + 237)}</title></head><body><p>{BODY}</p><p>More.</p><p>End.</p></body></html>"
    response = client.post("/v1/articles", headers=TEXT_PLAIN, content=page.encode())
    assert response.status_code == 422
    assert "title" in response.json()["error"]["message"]


def test_a_nul_deep_in_the_body_is_refused_from_both_sources(client: TestClient) -> None:
    late_nul = BODY + " More text." * 1_000 + "\x00 end."
    assert client.post("/v1/articles", headers=auth(), json={"text": late_nul}).status_code == 422
    assert client.post("/v1/articles", headers=TEXT_PLAIN, content=late_nul.encode()).status_code == 422


def test_values_at_the_limits_are_stored_as_given(client: TestClient) -> None:
    headers = {
        "TITLE": "T" * FIELD_LIMITS["title"],
        "OUTLET": "O" * FIELD_LIMITS["outlet"],
        "DATE": "D" * FIELD_LIMITS["published"],
        "LANGUAGE": "EN",
    }
    response = client.post("/v1/articles", headers=TEXT_PLAIN, content=corpus_text(**headers).encode())
    assert response.status_code == 201, response.text
    stored = response.json()
    assert (len(stored["title"]), len(stored["outlet"]), len(stored["published"])) == (
        FIELD_LIMITS["title"],
        FIELD_LIMITS["outlet"],
        FIELD_LIMITS["published"],
    )
    assert stored["language"] == "en"
