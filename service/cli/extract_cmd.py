"""`pactcheck extract`: summarise articles to JSON, JSON lines or a readable table."""

from __future__ import annotations

import json
from enum import StrEnum

import typer
from rich.markup import escape
from rich.progress import Progress
from rich.table import Table

from service.articles import ArticleInput
from service.cli.common import RECORD_HELP, REPLAY_HELP, err, friendly_errors, llm_extractor_options, out, read_input
from service.config import get_settings
from service.errors import PactCheckError
from service.extract import get_extractor, validated
from service.models import ArticleSummary
from service.vocabulary import TYPE_LABEL


class BackendChoice(StrEnum):
    auto = "auto"
    offline = "offline"
    llm = "llm"


class ExtractFormat(StrEnum):
    json = "json"
    jsonl = "jsonl"
    table = "table"


def render_table(summary: ArticleSummary) -> None:
    ev = summary.event
    out.rule(f"[bold]{summary.article.id}[/]  {summary.article.outlet or ''}")
    where = ", ".join(x for x in (ev.location.city, ev.location.country) if x) or "?"
    out.print(
        f"[bold]Event[/]: {where} · {ev.date or 'date not stated'} · sides {', '.join(ev.countries) or '?'}"
        f" · principals {', '.join(ev.principals) or '?'}"
    )
    out.print(f"[bold]Summary[/]: {summary.summary}")
    table = Table(show_lines=True, expand=True)
    table.add_column("#", no_wrap=True)
    table.add_column("type", no_wrap=True)
    table.add_column("status", no_wrap=True)
    table.add_column("title", ratio=2)
    table.add_column("parties", ratio=2)
    table.add_column("period", no_wrap=True)
    table.add_column("evidence", ratio=3)
    for i, d in enumerate(summary.documents, 1):
        parties = "; ".join(f"{p.name} ({p.country or '-'})" for p in d.parties)
        ev0 = d.evidence[0]
        quote = ev0.quote  # whole: the column wraps, and a quote cut mid-word reads as a different claim
        table.add_row(
            str(i),
            TYPE_LABEL[d.type],
            d.status,
            d.title,
            parties,
            d.period or "",
            f"[dim]{ev0.start}-{ev0.end}[/] {escape(quote)}",
        )
    out.print(table)
    if summary.stated_count is not None:
        out.print(f"Stated count: {summary.stated_count} · list complete: {summary.list_complete}")
    for c in summary.commitments:
        out.print(f"• pledge ({', '.join(c.actors)}): {c.text}")
    for w in summary.warnings:
        out.print(f"[yellow]warning[/] {w.code}: {w.message}")
    for r in summary.rejected:
        out.print(f"[red]rejected[/] {r.kind}: {r.reason} {r.quote or ''}")
    p = summary.provenance
    out.print(
        f"[dim]{p.extractor} · model {p.model or '-'} · prompt {p.prompt_id or '-'}@{p.prompt_version or '-'}"
        f" · schema {p.schema_version} · tokens {p.usage.total_tokens} · calls {p.calls}[/]"
    )


def extract(
    paths: list[str] = typer.Argument(..., help="Article files (plain text, corpus format, HTML) or - for stdin."),
    backend: BackendChoice = typer.Option(BackendChoice.auto, "--backend", "-b", help="Extractor to use."),
    fmt: ExtractFormat = typer.Option(ExtractFormat.json, "--format", "-f", help="Output format."),
    save: bool = typer.Option(
        True,
        "--save/--no-save",
        help="Also record each summary in the data dir's database (PACTCHECK_DATA_DIR; SQLite by default), "
        "where `pactcheck serve` shows it.",
    ),
    record: str | None = typer.Option(None, "--record", metavar="DIR", help=RECORD_HELP),
    replay: str | None = typer.Option(None, "--replay", metavar="DIR", help=REPLAY_HELP),
) -> None:
    """Summarise the agreements and pledges each article reports, every item grounded in a quote."""
    options = llm_extractor_options(backend.value, record, replay)
    with friendly_errors():
        extractor = get_extractor("llm", **options) if options else get_extractor(backend.value)
    results: list[ArticleSummary] = []
    saved: list[tuple[ArticleInput, ArticleSummary]] = []
    failures: list[str] = []
    show_progress = len(paths) > 3 and err.is_terminal
    with Progress(console=err, transient=True, disable=not show_progress) as progress:
        task = progress.add_task("extracting", total=len(paths))
        for path in paths:
            try:
                article = read_input(path)
                results.append(validated(extractor.extract(article)))
                saved.append((article, results[-1]))
            except PactCheckError as exc:
                failures.append(f"{path}: {exc}" if not str(exc).startswith(path) else str(exc))
            progress.advance(task)
    if fmt is ExtractFormat.json:
        typer.echo(json.dumps([r.model_dump(mode="json") for r in results], ensure_ascii=False, indent=2))
    elif fmt is ExtractFormat.jsonl:
        for r in results:
            typer.echo(json.dumps(r.model_dump(mode="json"), ensure_ascii=False))
    else:
        for r in results:
            render_table(r)
    if save and saved:
        with friendly_errors():
            record_all(saved)
    for message in failures:
        err.print(f"[bold red]error:[/] {message}", markup=True, highlight=False)
    if failures:
        raise typer.Exit(1 if results else 2)


def record_all(items: list[tuple[ArticleInput, ArticleSummary]]) -> None:
    """Log every summary to the database, like every prompt and response in simonw/llm."""
    from service.storage import articles as article_store
    from service.storage.db import open_database

    db = open_database(get_settings())
    try:
        new = sum(article_store.record(db, article, summary)[1] for article, summary in items)
    finally:
        db.dispose()
    err.print(f"[dim]recorded {new} new of {len(items)} in {get_settings().data_dir}[/]")


def register(app: typer.Typer) -> None:
    app.command("extract")(extract)
