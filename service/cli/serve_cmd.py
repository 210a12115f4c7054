"""`pactcheck serve`: the HTTP API and the editor's pages, run by uvicorn."""

from __future__ import annotations

import copy
import os
from pathlib import Path
from typing import Any

import typer

from service.cli.common import err, friendly_errors
from service.config import get_settings


def serve(
    host: str = typer.Option("127.0.0.1", "--host", help="Interface to listen on (0.0.0.0 for every interface)."),
    port: int = typer.Option(8000, "--port", min=1, max=65535, help="TCP port."),
    data_dir: Path | None = typer.Option(None, "--data-dir", help="SQLite file and cache (PACTCHECK_DATA_DIR)."),
    workers: int | None = typer.Option(
        None,
        "--workers",
        min=0,
        max=32,
        help="Background extraction workers per process (0: none here, run `pactcheck worker`).",
    ),
    processes: int = typer.Option(1, "--processes", min=1, max=16, help="Server processes (they share the job queue)."),
    extract_processes: int | None = typer.Option(
        None,
        "--extract-processes",
        min=0,
        max=64,
        help="Processes per server process for inline offline extraction (default: cores / processes; 0: threads).",
    ),
    log_level: str = typer.Option("info", "--log-level", help="uvicorn log level."),
    proxy_headers: bool = typer.Option(
        False, "--proxy-headers", help="Trust X-Forwarded-* from a local reverse proxy."
    ),
) -> None:
    """Serve the API (/v1, docs at /docs) and the web pages (/, /articles, /events)."""
    import uvicorn

    from service.api.server import HTTP_PROTOCOL

    # Flags become the environment so every server process builds the same settings.
    if data_dir is not None:
        os.environ["PACTCHECK_DATA_DIR"] = str(data_dir)
    if workers is not None:
        os.environ["PACTCHECK_WORKERS"] = str(workers)
    if extract_processes is not None:
        os.environ["PACTCHECK_EXTRACT_PROCESSES"] = str(extract_processes)
    get_settings.cache_clear()
    if "extract_processes" not in get_settings().model_fields_set:  # neither flag, environment nor .env
        os.environ["PACTCHECK_EXTRACT_PROCESSES"] = str(max(1, _cores() // processes))
        get_settings.cache_clear()
    with friendly_errors():
        from service.storage import open_database
        from service.storage.tokens import parse_tokens

        settings = get_settings()
        parse_tokens(settings.api_tokens)  # refuse weak tokens before binding the port
        open_database(settings).dispose()  # migrate once, before any worker process starts
    if not settings.api_tokens.strip():
        err.print("[yellow]warning:[/] no API tokens configured; set PACTCHECK_API_TOKENS (every request will get 401)")
    err.print(f"PactCheck on http://{host}:{port}/ (backend {settings.resolve_backend()}, data {settings.data_dir})")
    uvicorn.run(
        "service.app:app_from_env",
        factory=True,
        host=host,
        port=port,
        workers=processes,
        log_level=log_level,
        proxy_headers=proxy_headers,
        server_header=False,
        access_log=log_level == "debug",
        http=HTTP_PROTOCOL,
        log_config=log_config(log_level),
    )


def log_config(level: str) -> dict[str, Any]:
    """uvicorn's logging plus the `pactcheck.*` loggers at `level`, every handler redacting secrets.

    The access log (debug only) loses its query-string values on the way out.
    """
    from uvicorn.config import LOGGING_CONFIG

    config = copy.deepcopy(LOGGING_CONFIG)
    config["filters"] = {"redact": {"()": "service.api.redact.RedactingFilter"}}
    for handler in config["handlers"].values():
        handler["filters"] = ["redact"]
    config["formatters"]["pactcheck"] = {
        "()": "uvicorn.logging.DefaultFormatter",
        "fmt": "%(levelprefix)s %(name)s: %(message)s",
        "use_colors": None,
    }
    config["handlers"]["pactcheck"] = {
        "formatter": "pactcheck",
        "class": "logging.StreamHandler",
        "stream": "ext://sys.stderr",
        "filters": ["redact"],
    }
    python_level = {"trace": "DEBUG", "critical": "CRITICAL"}.get(level.lower(), level.upper())
    config["loggers"]["pactcheck"] = {"handlers": ["pactcheck"], "level": python_level, "propagate": False}
    return config


def _cores() -> int:
    """Cores this process may run on (a container's CPU set, not the host's count)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def register(app: typer.Typer) -> None:
    app.command("serve")(serve)
