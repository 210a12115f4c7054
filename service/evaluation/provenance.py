"""Where a run came from: the code revision and the exact gold it was measured on.

Two runs are comparable figure by figure only on the same corpus bytes, so the corpus is
fingerprinted; the git commit is recorded when the package runs from a checkout.
"""

from __future__ import annotations

import hashlib
import subprocess
from pathlib import Path

_CHECKOUT = Path(__file__).resolve().parents[2]


def corpus_sha256(root: Path) -> str:
    """SHA-256 over every file of articles/, gold/ and events/ (relative path and bytes)."""
    digest = hashlib.sha256()
    for sub in ("articles", "gold", "events"):
        folder = root / sub
        if not folder.is_dir():
            continue
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            digest.update(path.relative_to(root).as_posix().encode("utf-8") + b"\0")
            digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()


def _git(*args: str) -> str | None:
    try:
        done = subprocess.run(["git", *args], cwd=_CHECKOUT, capture_output=True, text=True, timeout=10, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout.strip() if done.returncode == 0 else None


def git_revision() -> tuple[str | None, bool | None]:
    """(commit, dirty) of the checkout the package runs from, or (None, None) outside one."""
    commit = _git("rev-parse", "HEAD")
    if commit is None:
        return None, None
    status = _git("status", "--porcelain", "--untracked-files=no")
    return commit, None if status is None else bool(status)
