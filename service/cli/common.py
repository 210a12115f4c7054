"""What every command shares: stderr console, one-line errors, input reading."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import typer
from rich.console import Console

from service import articles
from service.articles import ArticleInput
from service.errors import PactCheckError

PIPED_WIDTH = 200
"""Table width when stdout is not a terminal and COLUMNS is unset: wide, so nothing is squeezed to 80."""


def output_width() -> int | None:
    """The terminal's own width when there is one (None lets rich ask it), else COLUMNS or `PIPED_WIDTH`."""
    if sys.stdout.isatty():
        return None
    columns = os.environ.get("COLUMNS", "")
    return int(columns) if columns.isdigit() and int(columns) > 0 else PIPED_WIDTH


err = Console(stderr=True, highlight=False, soft_wrap=True)
out = Console(highlight=False, soft_wrap=True, width=output_width())


def fail(message: str, code: int = 2) -> typer.Exit:
    """Print a one-line error and return the Exit to raise."""
    err.print(f"[bold red]error:[/] {message}", markup=True, highlight=False)
    return typer.Exit(code)


@contextmanager
def friendly_errors() -> Iterator[None]:
    """Turn PactCheck errors into a one-line message and a non-zero exit, never a traceback."""
    try:
        yield
    except PactCheckError as exc:
        raise fail(str(exc)) from None
    except KeyboardInterrupt:
        raise fail("interrupted", 130) from None


def read_input(path: str) -> ArticleInput:
    """A path, or `-` for stdin."""
    if path == "-":
        return articles.from_bytes(sys.stdin.buffer.read(), id="stdin")
    return articles.from_path(Path(path))


RECORD_HELP = "With --backend llm: write every model answer to DIR (one JSON per article; see README)."
REPLAY_HELP = "With --backend llm: answer from the recordings in DIR instead of a model server."


def llm_extractor_options(backend: str, record: str | None, replay: str | None) -> dict[str, object] | None:
    """Extractor options for --record/--replay, or None when neither is given.

    Both only make sense for the LLM backend (`auto` is taken to mean it); a replay needs no
    endpoint settings, and recording and replaying at once is refused as ambiguous.
    """
    if not record and not replay:
        return None
    if record and replay:
        raise fail("--record and --replay exclude each other")
    if backend not in ("auto", "llm"):
        raise fail(f"--record/--replay need --backend llm (got --backend {backend})")
    return {"record": record, "replay": replay}
