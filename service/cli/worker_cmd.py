"""`pactcheck worker`: claims and runs extraction jobs, no HTTP; run as many as the model allows.

With PostgreSQL the jobs come through procrastinate, so workers may run on other machines
than the API; with the embedded SQLite database the worker claims from the same file (same
machine only). Stop it with SIGTERM or Ctrl-C: jobs in hand are handed back.
"""

from __future__ import annotations

import asyncio
import logging
import os
import signal
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from service.cli.common import err, friendly_errors
from service.config import get_settings

if TYPE_CHECKING:
    from service.api.queue import JobQueue


def worker(
    concurrency: int | None = typer.Option(
        None, "--concurrency", min=1, max=64, help="Jobs this process runs at once (default PACTCHECK_WORKERS)."
    ),
    data_dir: Path | None = typer.Option(None, "--data-dir", help="SQLite file and cache (PACTCHECK_DATA_DIR)."),
    log_level: str = typer.Option("info", "--log-level", help="debug, info, warning or error."),
) -> None:
    """Run extraction jobs from the shared queue until stopped (no HTTP)."""
    if data_dir is not None:
        os.environ["PACTCHECK_DATA_DIR"] = str(data_dir)
    get_settings.cache_clear()
    with friendly_errors():
        from service.api.jobs import Executor
        from service.api.queue import make_queue, queue_engine
        from service.api.redact import install_log_redaction, settings_secrets
        from service.storage import open_database

        settings = get_settings()
        db = open_database(settings)
        count = concurrency or settings.workers or 1
        queue = make_queue(Executor(db, settings), settings, workers=count)
        logging.basicConfig(level=log_level.upper(), format="%(asctime)s %(levelname)s %(name)s: %(message)s")
        install_log_redaction(settings_secrets(settings))
        err.print(
            f"PactCheck worker: {count} at once, queue {queue_engine(settings)}, backend {settings.resolve_backend()}"
        )
        try:
            asyncio.run(_run(queue))
        finally:
            db.dispose()


async def _run(queue: JobQueue) -> None:
    """Start the queue's workers, wait for SIGTERM or SIGINT, stop them (jobs in hand go back)."""
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    await queue.start()
    try:
        await stop.wait()
    finally:
        await queue.stop()


def register(app: typer.Typer) -> None:
    app.command("worker")(worker)
