"""What counts as a renamed proper title: a word replaced by another, never a word cut short."""

from __future__ import annotations

import pytest

from service.crosscheck.findings.title import renamed


@pytest.mark.parametrize(
    ("first", "second", "expected"),
    [
        ("Joint Statement on Strategic Partnership", "Joint Statement on Comprehensive Partnership", True),
        ("Treaty of Friendship and Cooperation", "Treaty of Friendship and Good-Neighbourliness", True),
        # a quote cut at its truncation point names the same paper
        ("Joint Statement of the Republic of Ostria and the Republic of Veldavia",
         "joint statement of the republic of ostria and the republic of velda", False),
        ("Agreement on Cooperation in Fisheries", "agreement on cooperation in fisher", False),
        # invariance: case, the short form in brackets and the parties clause are not the name
        ("Agreement on Road Transport (ART)", "agreement on road transport", False),
        ("Agreement on Road Transport between Ostria and Veldavia", "Agreement on Road Transport", False),
    ],
)  # fmt: skip
def test_renamed(first: str, second: str, expected: bool) -> None:
    assert renamed(first, second) is expected
    assert renamed(second, first) is expected
