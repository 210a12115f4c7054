"""`pactcheck crosscheck`: compare articles (or saved summaries) and show where they disagree."""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path

import typer
from pydantic import TypeAdapter, ValidationError
from rich.console import Console

from service.cli.common import (
    PIPED_WIDTH,
    RECORD_HELP,
    REPLAY_HELP,
    err,
    fail,
    friendly_errors,
    llm_extractor_options,
    out,
    read_input,
)
from service.cli.extract_cmd import BackendChoice
from service.crosscheck import crosscheck
from service.crosscheck.html import render_html
from service.crosscheck.table import render
from service.errors import InputError, PactCheckError
from service.extract import get_extractor, validated
from service.extractors import Extractor
from service.models import ArticleSummary

_SUMMARIES = TypeAdapter(list[ArticleSummary])


class CrossCheckFormat(StrEnum):
    json = "json"
    table = "table"
    html = "html"


def _summaries_file(path: str) -> list[ArticleSummary] | None:
    """Summaries saved by `pactcheck extract` (one object or a list), or None for an article file."""
    if not path.endswith(".json"):
        return None
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        return None
    try:
        return _SUMMARIES.validate_python(data if isinstance(data, list) else [data])
    except ValidationError as exc:
        raise InputError(f"{path}: JSON but not PactCheck summaries ({exc.errors()[0]['msg']})") from exc


def _load(
    paths: list[str], backend: str, options: dict[str, object] | None = None
) -> tuple[list[ArticleSummary], dict[str, str], list[str]]:
    """Summaries and bodies of every readable input, and one message per input that failed."""
    extractor: Extractor | None = None
    summaries: list[ArticleSummary] = []
    bodies: dict[str, str] = {}
    failures: list[str] = []
    for path in paths:
        try:
            saved = _summaries_file(path)
            if saved is not None:
                summaries += saved
                continue
            article = read_input(path)
            if extractor is None:
                extractor = get_extractor("llm", **options) if options else get_extractor(backend)  # type: ignore[arg-type]
            summary = validated(extractor.extract(article))
            summaries.append(summary)
            bodies[summary.article.id] = article.body
        except PactCheckError as exc:
            failures.append(str(exc) if str(exc).startswith(path) else f"{path}: {exc}")
    return summaries, bodies, failures


def crosscheck_command(
    paths: list[str] = typer.Argument(
        ..., help="Article files (text, corpus format, HTML), summaries saved as JSON, or - for stdin."
    ),
    backend: BackendChoice = typer.Option(BackendChoice.auto, "--backend", "-b", help="Extractor for article files."),
    fmt: CrossCheckFormat = typer.Option(CrossCheckFormat.json, "--format", "-f", help="Output format."),
    output: Path | None = typer.Option(None, "--output", "-o", help="Write to this file instead of stdout."),
    adjudicate: bool | None = typer.Option(
        None,
        "--adjudicate/--no-adjudicate",
        help="Let the configured LLM confirm, reject or re-pair uncertain alignments "
        "(default: PACTCHECK_CROSSCHECK_ADJUDICATE, off).",
    ),
    record: str | None = typer.Option(None, "--record", metavar="DIR", help=RECORD_HELP),
    replay: str | None = typer.Option(None, "--replay", metavar="DIR", help=REPLAY_HELP),
) -> None:
    """Same event? Which documents match? Where do the reports disagree, with quotes from each side."""
    options = llm_extractor_options(backend.value, record, replay)
    summaries, bodies, failures = _load(paths, backend.value, options)
    for message in failures:
        err.print(f"[bold red]error:[/] {message}", markup=True, highlight=False)
    if not summaries:
        raise fail("no article could be read; nothing to compare")
    with friendly_errors():
        report = crosscheck(summaries, bodies=bodies, adjudicate=adjudicate)
    if fmt is CrossCheckFormat.table:
        console = Console(file=output.open("w", encoding="utf-8"), width=PIPED_WIDTH) if output else out
        for part in render(report):
            console.print(part)
        if output:
            console.file.close()
            err.print(f"wrote {output}")
    else:
        if fmt is CrossCheckFormat.json:
            text = json.dumps(report.model_dump(mode="json"), ensure_ascii=False, indent=2) + "\n"
        else:
            text = render_html(report, bodies)
        if output:
            output.write_text(text, encoding="utf-8")
            err.print(f"wrote {output}")
        else:
            typer.echo(text, nl=False)
    if failures:
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    app.command("crosscheck")(crosscheck_command)
