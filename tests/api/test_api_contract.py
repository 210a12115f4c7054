"""What the OpenAPI document declares matches what the API enforces; pages get pages for errors."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.api.conftest import READER, auth
from tests.web.conftest import sign_in


def _document(client: TestClient) -> dict:  # type: ignore[type-arg]
    response = client.get("/openapi.json", headers=auth(READER))
    assert response.status_code == 200
    return response.json()  # type: ignore[no-any-return]


def test_nul_is_declared_where_it_is_refused(client: TestClient) -> None:
    body = _document(client)["paths"]["/v1/articles"]["post"]["requestBody"]["content"]
    assert body["application/json"]["schema"]["properties"]["text"]["pattern"] == "^[^\\x00]*$"
    assert body["text/plain"]["schema"]["pattern"] == "^[^\\x00]*$"
    assert client.post("/v1/articles", headers=auth(), json={"text": "a\x00b"}).status_code == 422


def test_duplicate_article_ids_are_declared_and_refused(client: TestClient) -> None:
    ids = _document(client)["components"]["schemas"]["CrossCheckCreate"]["properties"]["article_ids"]
    assert ids["uniqueItems"] is True
    same = ["art_00000000000000000000", "art_00000000000000000000"]
    refused = client.post("/v1/crosschecks", headers=auth(), json={"article_ids": same})
    assert refused.status_code == 422 and refused.json()["error"]["code"] == "duplicate_ids"


def test_a_wrong_method_lists_every_allowed_method(client: TestClient) -> None:
    response = client.options("/v1/articles", headers=auth())
    assert response.status_code == 405
    assert {m.strip() for m in response.headers["Allow"].split(",")} >= {"GET", "POST"}
    one = client.patch("/v1/articles/art_00000000000000000000", headers=auth())
    assert one.status_code == 405
    assert {m.strip() for m in one.headers["Allow"].split(",")} >= {"GET", "DELETE"}


def test_openapi_and_docs_need_a_reader(client: TestClient) -> None:
    assert client.get("/openapi.json").status_code == 401
    assert client.get("/openapi.json", headers=auth("not-a-valid-token-000000")).status_code == 401
    location = client.get("/docs", follow_redirects=False).headers["location"]
    assert location.startswith("/signin?next=") and "docs" in location
    sign_in(client, READER)  # a signed-in browser reads them with its session
    assert client.get("/openapi.json").status_code == 200
    assert client.get("/docs").status_code == 200


def test_a_page_with_a_bad_query_gets_an_html_error_page(client: TestClient) -> None:
    page = client.get("/?offset=-1", headers={**auth(), "Accept": "text/html,application/xhtml+xml"})
    assert page.status_code == 422
    assert page.headers["content-type"].startswith("text/html")
    assert "<html" in page.text.lower() and "offset" in page.text
    api = client.get("/v1/articles?offset=-1", headers={**auth(), "Accept": "text/html"})
    assert api.status_code == 422 and api.headers["content-type"] == "application/json"
