"""Generate the checked-in JSON Schemas from the pydantic models and validate outputs with them.

The pydantic models are the single source; `schemas/*.schema.json` are their generated,
reviewed image. Every summary or report that leaves the package is validated against the
file with `jsonschema`, so a consumer that only reads the schema gets what it promises.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator
from pydantic import BaseModel

from service.errors import SchemaValidationError
from service.models import SCHEMA_VERSION, ArticleSummary, CrossCheckReport
from service.resources import resource_dir

SCHEMA_MODELS: dict[str, type[BaseModel]] = {
    "article_summary": ArticleSummary,
    "crosscheck_report": CrossCheckReport,
}


def generate_schema(name: str) -> dict[str, Any]:
    """Build the JSON Schema for a named contract model, with a stable id and version."""
    model = SCHEMA_MODELS[name]
    schema = model.model_json_schema(mode="serialization")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"https://pactcheck.dev/schemas/{name}/{SCHEMA_VERSION}.json",
        "x-schema-version": SCHEMA_VERSION,
        **schema,
    }


def schema_path(name: str, folder: Path | None = None) -> Path:
    return (folder or resource_dir("schemas")) / f"{name}.schema.json"


def render_schema(name: str) -> str:
    """The exact text written to disk, so drift tests compare bytes, not just meaning."""
    return json.dumps(generate_schema(name), indent=2, ensure_ascii=False, sort_keys=False) + "\n"


def write_schemas(folder: Path | None = None) -> list[Path]:
    """Regenerate every schema file; returns the paths written."""
    written = []
    for name in SCHEMA_MODELS:
        path = schema_path(name, folder)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(render_schema(name), encoding="utf-8")
        written.append(path)
    return written


@cache
def _validator(name: str) -> Draft202012Validator:
    schema = json.loads(schema_path(name).read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


@cache
def _fast_validator(name: str) -> Any:
    """A compiled (Rust) validator of the same schema when jsonschema-rs is installed, else None.

    A cross-check report of 50 articles holds 1,225 pair decisions; the pure-Python validator
    needs ~0.6 s for it, the compiled one ~3 ms. jsonschema still explains any failure.
    """
    try:
        import jsonschema_rs
    except ImportError:
        return None
    return jsonschema_rs.validator_for(json.loads(schema_path(name).read_text(encoding="utf-8")))


def validate_payload(name: str, payload: dict[str, Any]) -> dict[str, Any]:
    """Raise `SchemaValidationError` unless `payload` satisfies the checked-in schema."""
    fast = _fast_validator(name)
    if fast is not None and fast.is_valid(payload):
        return payload
    errors = sorted(_validator(name).iter_errors(payload), key=lambda e: list(e.path))
    if errors:
        details = [f"{'/'.join(map(str, e.path)) or '<root>'}: {e.message}" for e in errors[:10]]
        raise SchemaValidationError(
            f"{name} output does not match schemas/{name}.schema.json: {details[0]}", errors=details
        )
    return payload


def to_validated_json(name: str, model: BaseModel) -> dict[str, Any]:
    """Dump a contract model to JSON-compatible data and validate it at the boundary."""
    return validate_payload(name, model.model_dump(mode="json"))
