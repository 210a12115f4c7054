"""The real offline extractor behind the API (no test double): submit, summarise, cross-check."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from service.app import create_app
from service.schemas import validate_payload
from tests.api.conftest import auth, service_settings

VISIT = (
    "REYKJAVIK, 3 March 2025. Prime Minister of Iceland and the visiting President of Chile held talks "
    "on Monday and witnessed the signing of three documents.\n\n"
    "Iceland and Chile signed a memorandum of understanding on geothermal energy cooperation. "
    "The two foreign ministers also signed an agreement on the mutual recognition of driving licences.\n\n"
    "In addition, a letter of intent on fisheries research was signed by the heads of the two marine institutes."
)
WIRE = (
    "Reykjavik, March 3, 2025. Iceland and Chile have signed an agreement on geothermal energy cooperation "
    "and an agreement on driving licences during the Chilean president's visit, officials said."
)


def test_offline_extractor_end_to_end(tmp_path: Path) -> None:
    with TestClient(create_app(service_settings(tmp_path))) as client:
        first = client.post("/v1/articles", headers=auth(), json={"text": VISIT, "outlet": "North Atlantic Post"})
        second = client.post("/v1/articles", headers=auth(), json={"text": WIRE, "outlet": "Wire"})
        assert first.status_code == second.status_code == 201
        assert first.json()["status"] == "done", first.json()["reason"]
        summary = validate_payload(
            "article_summary", client.get(f"/v1/articles/{first.json()['id']}/summary", headers=auth()).json()
        )
        assert summary["provenance"]["extractor"] == "offline"
        assert len(summary["documents"]) >= 2
        for doc in summary["documents"]:
            for ev in doc["evidence"]:
                assert VISIT[ev["start"] : ev["end"]] == ev["quote"]
        report = client.post(
            "/v1/crosschecks", headers=auth(), json={"article_ids": [first.json()["id"], second.json()["id"]]}
        )
        assert report.status_code == 201
        data = validate_payload("crosscheck_report", client.get(report.json()["links"]["self"], headers=auth()).json())
        assert data["events"] and data["events"][0]["documents"]
        page = client.get(f"/articles/{first.json()['id']}", headers=auth())
        assert page.status_code == 200 and 'class="hl hl-0' in page.text
