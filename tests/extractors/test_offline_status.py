"""Statuses read around the document's name: asides skipped, negations noticed, plans and talks told apart."""

from __future__ import annotations

import pytest

from tests.extractors.conftest import run


@pytest.mark.parametrize(
    ("sentence", "status"),
    [
        ('Mensah said an extradition treaty, under negotiation since 2021, "will be signed next spring".', "planned"),
        ("The ministers agreed to work towards the signing of an agreement on pension transfers.", "planned"),
        ("A joint communique is expected after the dinner.", "planned"),
        ("An agreement on fishing quotas is on the table but not ready for signature.", "discussed"),
        ('A visa waiver agreement is "in the works", a Slovenian diplomat said.', "discussed"),
        ("Novak pledged to back Ghana's bid for a free trade agreement with the European Union.", "discussed"),
    ],
)
def test_status_of_asides_plans_and_talks(sentence: str, status: str) -> None:
    summary = run(f"Ghana and Slovenia held talks in Accra. {sentence}")
    assert [d.status for d in summary.documents] == [status]


def test_a_document_said_not_to_be_discussed_is_no_document() -> None:
    summary = run(
        "Ghana and Slovenia held talks in Accra. A social security agreement, under negotiation since 2019, was not "
        "discussed during the visit. The ministers signed a protocol on customs."
    )
    assert [d.type for d in summary.documents] == ["protocol"]


def test_an_aside_starting_with_a_status_word_does_not_decide_the_status() -> None:
    summary = run(
        "Ghana and Slovenia held talks in Accra. The investment treaty, under discussion for years, was signed on "
        "Friday."
    )
    assert [d.status for d in summary.documents] == ["signed"]


@pytest.mark.parametrize(
    ("sentence", "status"),
    [
        ("The sides agreed to conclude negotiations on an agreement on pensions at the earliest date.", "planned"),
        ("A memorandum on shipping was discussed but will only be signed in May.", "planned"),
    ],
)
def test_planned_talks_and_talks_that_end_in_a_signing_are_planned(sentence: str, status: str) -> None:
    summary = run(f"Ghana and Slovenia held talks in Accra. {sentence}")
    assert [d.status for d in summary.documents] == [status]


def test_a_negated_signing_after_a_phrase_is_no_document() -> None:
    summary = run(
        "Ghana and Slovenia held talks in Accra. The much-touted investment agreement with the lenders was not "
        "signed. The ministers signed a protocol on customs."
    )
    assert [d.type for d in summary.documents] == ["protocol"]
