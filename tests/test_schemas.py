"""The checked-in JSON Schemas are the generated image of the models, and outputs are validated."""

from __future__ import annotations

import pytest

from service.errors import SchemaValidationError
from service.models import ArticleMeta, ArticleSummary, Provenance
from service.schemas import SCHEMA_MODELS, render_schema, schema_path, to_validated_json, validate_payload


@pytest.mark.parametrize("name", sorted(SCHEMA_MODELS))
def test_checked_in_schema_matches_the_models(name: str) -> None:
    on_disk = schema_path(name).read_text(encoding="utf-8")
    assert on_disk == render_schema(name), f"schemas/{name}.schema.json drifted: run `pactcheck schemas --write`"


def _summary() -> ArticleSummary:
    return ArticleSummary(
        article=ArticleMeta(id="x", sha256="0" * 64, length=10),
        provenance=Provenance(extractor="offline"),
    )


def test_valid_summary_passes_validation() -> None:
    payload = to_validated_json("article_summary", _summary())
    assert payload["schema_version"] == "1.0.0"


def test_invalid_payload_is_refused_with_the_path() -> None:
    payload = _summary().model_dump(mode="json")
    payload["event"]["countries"] = "AZ"
    payload["documents"] = [{"type": "pact", "status": "signed", "title": "x", "evidence": []}]
    with pytest.raises(SchemaValidationError) as info:
        validate_payload("article_summary", payload)
    assert any("documents/0" in e or "event/countries" in e for e in info.value.errors)
