"""A real `pactcheck serve` in a subprocess, for tests that need sockets, signals or the server's log."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class LiveServer:
    process: subprocess.Popen[bytes]
    port: int
    log: Path

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def output(self) -> str:
        return self.log.read_text(errors="replace")


def start_server(env: dict[str, str], log: Path, *, log_level: str = "warning", port: int | None = None) -> LiveServer:
    """Start `pactcheck serve` (its own process group) with `env` added to this environment."""
    port = port or free_port()
    full_env = {**os.environ, **env}
    if "DATABASE_URL" not in env:
        full_env.pop("DATABASE_URL", None)
    command = [sys.executable, "-c", "from service.cli import main; main()", "serve", "--port", str(port)]
    command += ["--log-level", log_level]
    process = subprocess.Popen(
        command, env=full_env, stdout=log.open("ab"), stderr=subprocess.STDOUT, start_new_session=True
    )
    return LiveServer(process, port, log)


def wait_healthy(server: LiveServer, timeout: float = 60.0) -> None:
    """Wait until /healthz answers (or the server exits: then fail with its log)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            pytest.fail(f"server exited early:\n{server.output()}")
        try:
            if httpx.get(f"{server.base}/healthz", timeout=1).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.1)
    pytest.fail(f"server did not become healthy:\n{server.output()}")


def stop_server(server: LiveServer) -> None:
    """SIGTERM (graceful), then SIGKILL of the whole group if it does not end."""
    if server.process.poll() is None:
        server.process.send_signal(signal.SIGTERM)
        try:
            server.process.wait(20)
        except subprocess.TimeoutExpired:
            os.killpg(server.process.pid, signal.SIGKILL)
            server.process.wait(10)


@contextmanager
def running_server(env: dict[str, str], log: Path, *, log_level: str = "warning") -> Iterator[LiveServer]:
    server = start_server(env, log, log_level=log_level)
    try:
        wait_healthy(server)
        yield server
    finally:
        stop_server(server)
