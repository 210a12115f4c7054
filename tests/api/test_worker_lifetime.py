"""Extraction worker processes never outlive their server: a real `kill -9` of the parent, and SIGTERM."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from service.storage import open_database
from tests.api.conftest import service_settings

PARENT = """
import asyncio, sys
from pathlib import Path
from service.api.pool import ExtractionPool
from service.config import Settings

settings = Settings(_env_file=None, data_dir=Path(sys.argv[1]), backend="offline")
pool = ExtractionPool(settings, "offline", 2)
asyncio.run(pool.warm())
print(" ".join(map(str, pool.pids())), flush=True)
sys.stdin.read()  # stay up until killed (or until the test closes stdin)
"""

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")


def _alive(pid: int) -> bool:
    """True while `pid` runs; a zombie (dead, not yet reaped by its new parent) counts as gone."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (FileNotFoundError, ProcessLookupError):
        return False
    return fields[0] not in ("Z", "X")


def _wait_gone(pids: list[int], timeout: float = 20.0) -> list[int]:
    """Wait for the processes to end (each check is an exit condition, not a guess at timing)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        alive = [p for p in pids if _alive(p)]
        if not alive:
            return []
        time.sleep(0.05)
    return [p for p in pids if _alive(p)]


def _start_parent(tmp_path: Path) -> tuple[subprocess.Popen[str], list[int]]:
    data = tmp_path / "data"
    open_database(service_settings(tmp_path, data_dir=data)).dispose()  # the children connect without migrating
    parent = subprocess.Popen(
        [sys.executable, "-c", PARENT, str(data)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    assert parent.stdout is not None
    line = parent.stdout.readline()  # written once both children answered
    children = [int(p) for p in line.split()]
    assert len(children) == 2 and all(_alive(p) for p in children), line
    return parent, children


def test_children_die_with_a_parent_killed_by_sigkill(tmp_path: Path) -> None:
    parent, children = _start_parent(tmp_path)
    try:
        os.kill(parent.pid, signal.SIGKILL)  # a crash: no shutdown code runs in the parent
        parent.wait(10)
        assert _wait_gone(children) == []
    finally:
        for pid in children:
            if _alive(pid):
                os.kill(pid, signal.SIGKILL)


def test_a_child_ends_on_sigterm(tmp_path: Path) -> None:
    parent, children = _start_parent(tmp_path)
    try:
        os.kill(children[0], signal.SIGTERM)
        assert _wait_gone([children[0]]) == []  # (the pool then ends its siblings too: it is broken)
    finally:
        parent.kill()
        parent.wait(10)
        assert _wait_gone(children) == []
