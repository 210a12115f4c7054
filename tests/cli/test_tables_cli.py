"""CLI tables: the terminal's width (or a wide page when piped), full words, quotes not offsets."""

from __future__ import annotations

import re

import pytest
from rich.console import Console

from service.articles import from_text
from service.cli import common
from service.crosscheck import crosscheck
from service.crosscheck.table import render
from service.extract import get_extractor
from service.vocabulary import PLEDGE_TEXT_MAX_CHARS

FIRST = (
    "Vilnius, 2025-03-04. Lithuania and Ghana signed a memorandum of understanding on cocoa processing "
    "and a joint statement on maritime security."
)
SECOND = (
    "Accra, 2025-03-04. Ghana and Lithuania signed a letter of intent on cocoa processing "
    "and a joint statement on maritime security."
)


def _table_text(width: int = 200) -> str:
    report = crosscheck([FIRST, SECOND], backend="offline")
    console = Console(width=width, record=True, file=open("/dev/null", "w"))  # noqa: SIM115
    for part in render(report):
        console.print(part)
    return console.export_text()


def test_crosscheck_table_uses_full_words_and_shows_quotes() -> None:
    text = _table_text()
    assert "memorandum of understanding" in text and "joint statement" in text
    for short in ("jt stmt", "MoU", "LoI", " agr ", "decl", "prog"):
        assert short not in text
    assert "\u201c" in text and "letter of intent on cocoa processing" in text  # the quote, not its offsets
    assert not re.search(r"\[\d+:\d+\]", text)


@pytest.mark.parametrize(("columns", "width"), [("", common.PIPED_WIDTH), ("132", 132), ("junk", common.PIPED_WIDTH)])
def test_piped_output_is_not_squeezed_to_80(monkeypatch: pytest.MonkeyPatch, columns: str, width: int) -> None:
    monkeypatch.setattr("sys.stdout.isatty", lambda: False, raising=False)
    monkeypatch.setenv("COLUMNS", columns)
    assert common.output_width() == width


def test_a_terminal_keeps_its_own_width(monkeypatch: pytest.MonkeyPatch) -> None:
    class Tty:
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr("sys.stdout", Tty())
    assert common.output_width() is None  # rich asks the terminal


def test_a_long_pledge_is_shortened_between_words() -> None:
    """Directional: however long the promise, its text ends on a whole word of the article."""
    what = " ".join(f"district{n} heating network" for n in range(30))
    body = f"Tallinn, 2025-05-14. Estonia and Finland signed an agreement on energy. Finland pledged to build {what}."
    summary = get_extractor("offline").extract(from_text(body))
    assert summary.commitments, "the pledge sentence should yield a commitment"
    text = summary.commitments[0].text
    assert len(text) <= PLEDGE_TEXT_MAX_CHARS
    words = text.removesuffix(" \u2026").split()
    assert text.endswith("\u2026") and all(re.search(rf"\b{re.escape(w)}\b", body) for w in words)
