"""`pactcheck schemas`: regenerate or check the JSON Schemas generated from the models."""

from __future__ import annotations

import typer

from service.cli.common import err, fail
from service.schemas import SCHEMA_MODELS, render_schema, schema_path, write_schemas


def schemas(
    write: bool = typer.Option(False, "--write", help="Rewrite schemas/*.schema.json from the models."),
) -> None:
    """Check (default) or rewrite the checked-in JSON Schemas."""
    if write:
        for path in write_schemas():
            err.print(f"wrote {path}")
        return
    stale = [n for n in SCHEMA_MODELS if not schema_path(n).exists() or schema_path(n).read_text() != render_schema(n)]
    if stale:
        raise fail(f"schemas out of date: {', '.join(stale)}; run `pactcheck schemas --write`", 1)
    err.print("schemas up to date")


def register(app: typer.Typer) -> None:
    app.command("schemas")(schemas)
