"""The response model as the LLM is shown it: `DraftSummary`, with a compact JSON Schema.

Pydantic's schema repeats a title on every field, a `"default": null` on every optional and
an `anyOf` wrapper around every nullable type; a model gains nothing from them and they cost
about a third of the schema's tokens on every request. Validation is unchanged: instructor
still validates the answer against `DraftSummary` itself.
"""

from __future__ import annotations

import json
from typing import Any

import instructor
from pydantic import ConfigDict, Field
from pydantic.json_schema import DEFAULT_REF_TEMPLATE, GenerateJsonSchema, JsonSchemaMode

from service.models.draft import DraftCommitment, DraftDocument, DraftEvent, DraftSummary


def compact(node: Any, *, properties: bool = False) -> Any:
    """`node` without field titles, null defaults and `anyOf: [T, null]` wrappers."""
    if isinstance(node, list):
        return [compact(item) for item in node]
    if not isinstance(node, dict):
        return node
    if properties:  # keys are field names (one may well be called "title")
        return {name: compact(value) for name, value in node.items()}
    out: dict[str, Any] = {}
    for key, value in node.items():
        if key == "title" and isinstance(value, str):
            continue
        if key == "default" and value is None:
            continue
        out[key] = compact(value, properties=key in ("properties", "$defs"))
    options = out.get("anyOf")
    if isinstance(options, list) and len(options) == 2 and {"type": "null"} in options:
        other = next(o for o in options if o != {"type": "null"})
        if isinstance(other.get("type"), str) and set(other) == {"type"}:
            del out["anyOf"]
            out["type"] = [other["type"], "null"]
    return out


class _CompactDraftSummary(DraftSummary):
    """The answer as the model must give it: every top-level key present, no other key.

    Every field of `DraftSummary` has a default, so `{}` or an echo of the schema
    (`{"$ref": ...}`) would validate as "the article reports nothing". Requiring the keys and
    forbidding unknown ones makes such an answer a validation error: it is re-asked, and a
    model that keeps answering so ends as a failure with the reason, not as an empty summary.
    """

    model_config = ConfigDict(extra="forbid")

    event: DraftEvent
    documents: list[DraftDocument]
    commitments: list[DraftCommitment]
    stated_count: int | None = Field(description="Number of documents the article states, else null.")
    list_complete: bool = Field(description="False when the text is cut off or only gives examples ('including ...').")

    @classmethod
    def model_json_schema(
        cls,
        by_alias: bool | None = None,
        ref_template: str = DEFAULT_REF_TEMPLATE,
        schema_generator: type[GenerateJsonSchema] = GenerateJsonSchema,
        mode: JsonSchemaMode = "validation",
        **kwargs: Any,
    ) -> dict[str, Any]:
        schema = compact(super().model_json_schema(by_alias, ref_template, schema_generator, mode, **kwargs))
        schema["title"] = DraftSummary.__name__  # instructor names the tool after it
        schema["description"] = DraftSummary.__doc__
        return schema


_CompactDraftSummary.__name__ = DraftSummary.__name__
_CompactDraftSummary.__doc__ = DraftSummary.__doc__  # the tool's description


def strict_schema(node: Any) -> Any:
    """`node` in the form OpenAI's strict mode demands: every property required, no other key.

    Optional properties stay nullable (`type: [T, "null"]`), so requiring them costs the
    model one `null`; servers that enforce schemas by grammar (vLLM, llama.cpp) accept it too.
    """
    if isinstance(node, list):
        return [strict_schema(item) for item in node]
    if not isinstance(node, dict):
        return node
    out = {key: strict_schema(value) for key, value in node.items() if key != "default"}
    for name in ("properties", "$defs"):
        if isinstance(node.get(name), dict):
            out[name] = {key: strict_schema(value) for key, value in node[name].items()}
    if isinstance(out.get("properties"), dict):
        out["required"] = list(out["properties"])
        out["additionalProperties"] = False
    return out


class _StrictDraftSummary(_CompactDraftSummary):
    @classmethod
    def model_json_schema(cls, *args: Any, **kwargs: Any) -> dict[str, Any]:
        schema: dict[str, Any] = strict_schema(super().model_json_schema(*args, **kwargs))
        return schema


_StrictDraftSummary.__name__ = DraftSummary.__name__
_StrictDraftSummary.__doc__ = DraftSummary.__doc__

# Wrapped once: given a plain model, instructor builds a new wrapper class on every request,
# which also defeats its schema cache (about 20 ms of CPU per request).
RESPONSE_MODEL = instructor.response_schema(_CompactDraftSummary)
STRICT_RESPONSE_MODEL = instructor.response_schema(_StrictDraftSummary)


def response_model(mode: str) -> Any:
    """The model instructor validates against; its schema is the strict form in the strict modes."""
    return STRICT_RESPONSE_MODEL if mode in STRICT_MODES else RESPONSE_MODEL


# Modes whose schema is sent in OpenAI's strict form.
STRICT_MODES = frozenset({"tools_strict"})


def schema_text(mode: str) -> str:
    """The JSON Schema as sent, for token estimates."""
    return json.dumps(response_model(mode).model_json_schema(), ensure_ascii=False)
