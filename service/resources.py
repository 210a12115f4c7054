"""Locate `prompts/` and `schemas/` both in a checkout and in an installed wheel.

In a checkout (and an editable install) they are top-level folders beside the package;
a wheel carries them as package data under `service/_data/` (see pyproject force-include).
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def resource_dir(name: str) -> Path:
    """Return the folder holding the `name` resources (``prompts`` or ``schemas``)."""
    for candidate in (_PACKAGE.parent / name, _PACKAGE / "_data" / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"PactCheck resource folder {name!r} is missing from this installation")
