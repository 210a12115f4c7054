"""The `pactcheck` command: a thin Typer layer over the library, one module per command."""

from __future__ import annotations

import typer

from service.cli import crosscheck_cmd, eval_cmd, extract_cmd, schemas_cmd, serve_cmd, worker_cmd

app = typer.Typer(
    name="pactcheck",
    help="Grounded summaries and cross-checks of the agreements reported from official visits.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

for module in (extract_cmd, schemas_cmd, eval_cmd, serve_cmd, crosscheck_cmd, worker_cmd):
    module.register(app)


def main() -> None:
    """Console-script entry point."""
    app()
