"""`pactcheck eval`: score extraction and cross-checking on a gold folder, compare with a baseline, gate CI."""

from __future__ import annotations

from enum import StrEnum

import typer
from rich.progress import Progress

from service.cli.common import RECORD_HELP, REPLAY_HELP, err, fail, friendly_errors, llm_extractor_options, out
from service.evaluation import below_floors, compare, read_run, run_eval, write_html, write_run
from service.evaluation.terminal import render
from service.extract import get_extractor


class EvalBackendChoice(StrEnum):
    auto = "auto"
    offline = "offline"
    llm = "llm"
    gold = "gold"


def eval_command(
    corpus_dir: str = typer.Argument(..., help="A folder in the corpus format: articles/, gold/, events/."),
    backend: EvalBackendChoice = typer.Option(
        EvalBackendChoice.auto,
        "--backend",
        "-b",
        help="Extractor to score; `gold` feeds the gold to the cross-checker.",
    ),
    lang: str | None = typer.Option(None, "--lang", help="Only articles in this language (ISO 639-1)."),
    json_out: str | None = typer.Option(None, "--json", help="Write the run as JSON (a baseline for later runs)."),
    html_out: str | None = typer.Option(None, "--html", help="Write a self-contained HTML report."),
    baseline: str | None = typer.Option(None, "--baseline", help="An earlier --json run to compare with."),
    min_f1: float | None = typer.Option(None, "--min-f1", help="Exit 1 when document F1 is below this."),
    min_conflict_recall: float | None = typer.Option(None, "--min-conflict-recall", help="Exit 1 below this."),
    min_conflict_precision: float | None = typer.Option(None, "--min-conflict-precision", help="Exit 1 below this."),
    concurrency: int | None = typer.Option(None, "--concurrency", min=1, help="Parallel LLM calls."),
    record: str | None = typer.Option(None, "--record", metavar="DIR", help=RECORD_HELP),
    replay: str | None = typer.Option(None, "--replay", metavar="DIR", help=REPLAY_HELP),
) -> None:
    """Score the extractor and the cross-checker against gold annotations (exit 1 below a floor, 2 on bad input)."""
    options = llm_extractor_options(backend.value, record, replay)
    with friendly_errors():
        extractor = get_extractor("llm", **options) if options else None
        previous = read_run(baseline) if baseline else None
        with Progress(console=err, transient=True, disable=not err.is_terminal) as progress:
            task = progress.add_task("extracting", total=None)
            run = run_eval(
                corpus_dir,
                backend=backend.value,
                lang=lang,
                extractor=extractor,
                concurrency=concurrency,
                on_article=lambda _id: progress.advance(task),
            )
        if previous is not None:
            run.comparison = compare(run, previous)
        if json_out:
            err.print(f"wrote {write_run(run, json_out)}")
        if html_out:
            err.print(f"wrote {write_html(run, html_out)}")
    render(run, out)
    failures = below_floors(
        run,
        {
            "documents.f1": min_f1,
            "conflicts.recall": min_conflict_recall,
            "conflicts.precision": min_conflict_precision,
        },
    )
    if failures:
        raise fail("; ".join(failures), 1)


def register(app: typer.Typer) -> None:
    app.command("eval")(eval_command)
