"""Submitting, listing and reading articles and their summaries over HTTP."""

from __future__ import annotations

from fastapi.testclient import TestClient

from service.schemas import validate_payload
from tests.api.conftest import ARTICLE, SECOND, auth


def test_submit_json_extracts_inline_and_returns_201(client: TestClient) -> None:
    response = client.post(
        "/v1/articles",
        headers=auth(),
        json={"text": ARTICLE, "title": "Grid deal", "outlet": "Baltic Wire", "date": "14 May 2025"},
    )
    assert response.status_code == 201
    body = response.json()
    assert body["created"] is True
    assert body["status"] == "done"
    assert body["id"].startswith("art_")
    assert response.headers["location"] == f"/v1/articles/{body['id']}"
    assert body["title"] == "Grid deal" and body["outlet"] == "Baltic Wire" and body["published"] == "14 May 2025"
    assert body["event"] == "ee-fi-2025"
    assert body["documents"] == 2


def test_same_text_twice_is_the_same_article(client: TestClient) -> None:
    first = client.post("/v1/articles", headers=auth(), json={"text": ARTICLE})
    again = client.post("/v1/articles", headers=auth(), json={"text": ARTICLE, "title": "another title"})
    plain = client.post("/v1/articles", headers={**auth(), "Content-Type": "text/plain"}, content=ARTICLE.encode())
    assert first.status_code == 201
    assert again.status_code == 200 and plain.status_code == 200
    assert first.json()["id"] == again.json()["id"] == plain.json()["id"]
    assert again.json()["created"] is False
    assert client.get("/v1/articles", headers=auth()).json()["total"] == 1


def test_text_plain_submission(client: TestClient) -> None:
    response = client.post(
        "/v1/articles", headers={**auth(), "Content-Type": "text/plain; charset=utf-8"}, content=SECOND.encode()
    )
    assert response.status_code == 201
    assert response.json()["status"] == "done"


def test_get_article_has_body_and_state(client: TestClient) -> None:
    article_id = client.post("/v1/articles", headers=auth(), json={"text": ARTICLE}).json()["id"]
    response = client.get(f"/v1/articles/{article_id}", headers=auth())
    assert response.status_code == 200
    body = response.json()
    assert body["body"] == ARTICLE
    assert body["status"] == "done" and body["attempts"] == 1 and body["reason"] is None


def test_summary_follows_the_schema_and_offsets_index_the_body(client: TestClient) -> None:
    article_id = client.post("/v1/articles", headers=auth(), json={"text": ARTICLE}).json()["id"]
    response = client.get(f"/v1/articles/{article_id}/summary", headers=auth())
    assert response.status_code == 200
    summary = validate_payload("article_summary", response.json())
    assert summary["article"]["id"] == article_id
    for doc in summary["documents"]:
        ev = doc["evidence"][0]
        assert ARTICLE[ev["start"] : ev["end"]] == ev["quote"]
    assert {d["type"] for d in summary["documents"]} == {"memorandum_of_understanding", "agreement"}


def test_list_is_paged_and_filtered(client: TestClient) -> None:
    ids = []
    for i in range(5):
        text = f"Story {i}. Estonia and Finland signed a memorandum of understanding on topic {i}."
        ids.append(
            client.post(
                "/v1/articles", headers=auth(), json={"text": text, "outlet": "Wire" if i % 2 else "Daily"}
            ).json()["id"]
        )
    first = client.get("/v1/articles?limit=2", headers=auth()).json()
    assert first["total"] == 5 and len(first["items"]) == 2 and first["next_offset"] == 2
    assert [item["id"] for item in first["items"]] == ids[::-1][:2]  # newest first
    last = client.get("/v1/articles?limit=2&offset=4", headers=auth()).json()
    assert len(last["items"]) == 1 and last["next_offset"] is None
    wire = client.get("/v1/articles?outlet=wire", headers=auth()).json()
    assert wire["total"] == 2 and all(item["outlet"] == "Wire" for item in wire["items"])
    assert client.get("/v1/articles?status=failed", headers=auth()).json()["total"] == 0
    event = client.get("/v1/articles", headers=auth()).json()["items"][0]["event"]
    assert client.get(f"/v1/articles?event={event}", headers=auth()).json()["total"] == 5


def test_failed_extraction_is_reported_with_a_reason_and_no_secret(make_app, extractor) -> None:  # type: ignore[no-untyped-def]
    extractor.fail_on = "EXPLODE"
    with TestClient(make_app()) as client:
        response = client.post("/v1/articles", headers=auth(), json={"text": "This text will EXPLODE the extractor."})
        assert response.status_code == 201
        body = response.json()
        assert body["status"] == "failed"
        assert "internal error while extracting" in body["reason"]
        assert "sk-secret" not in response.text
        summary = client.get(f"/v1/articles/{body['id']}/summary", headers=auth())
        assert summary.status_code == 409 and summary.json()["error"]["code"] == "extraction_failed"
        # Resubmitting a failed article queues it again (the failure may have been an outage).
        extractor.fail_on = None
        again = client.post("/v1/articles", headers=auth(), json={"text": "This text will EXPLODE the extractor."})
        assert again.status_code == 200 and again.json()["status"] == "done"


def test_unknown_ids_are_404_with_a_message(client: TestClient) -> None:
    for path in (
        "/v1/articles/art_00000000000000000000",
        "/v1/articles/nope",
        "/v1/articles/art_00000000000000000000/summary",
    ):
        response = client.get(path, headers=auth())
        assert response.status_code == 404
        assert "no article with id" in response.json()["error"]["message"]
