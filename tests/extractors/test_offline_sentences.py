"""Segmentation keeps exact offsets and tells sentences, list items and headlines apart."""

from __future__ import annotations

from service.extractors.offline.lexicon import ascii_view
from service.extractors.offline.sentences import clauses, segments


def texts(body: str) -> list[tuple[str, str]]:
    return [(s.kind, body[s.start : s.end]) for s in segments(ascii_view(body))]


def test_sentences_split_but_not_after_titles_or_initials() -> None:
    body = "Mr. Novak met Dr. Mensah in Accra. They signed an MoU. J. K. Osei attended."
    assert texts(body) == [
        ("sentence", "Mr. Novak met Dr. Mensah in Accra."),
        ("sentence", "They signed an MoU."),
        ("sentence", "J. K. Osei attended."),
    ]


def test_wrapped_lines_are_one_sentence() -> None:
    body = "An exchange of documents signed\nduring the visit was held\nin the presence of the leaders."
    assert texts(body) == [("sentence", body)]


def test_numbered_and_bulleted_items_drop_their_markers() -> None:
    body = "Documents signed:\n\n1. Agreement on air services.\n2) MoU on tourism;\n\u2022 Protocol on customs."
    assert texts(body) == [
        ("sentence", "Documents signed:"),
        ("item", "Agreement on air services."),
        ("item", "MoU on tourism;"),
        ("item", "Protocol on customs."),
    ]
    assert [s.item_no for s in segments(body)][1:] == [1, 2, None]


def test_short_line_without_full_stop_is_a_heading() -> None:
    body = "Ghana, Slovenia sign five deals\n\nACCRA, June 3 - The two countries signed five deals."
    assert [k for k, _ in texts(body)] == ["heading", "sentence"]


def test_cut_off_lead_is_a_teaser() -> None:
    body = "The leaders agreed to issue a joint statement...\n\nThe leaders agreed to issue a joint statement today."
    segs = segments(body)
    assert segs[0].teaser and not segs[1].teaser


def test_offsets_survive_diacritics_and_curly_quotes() -> None:
    body = "Việt Nam’s ministry “signed” an MoU. Đà Nẵng hosted it."
    for seg in segments(ascii_view(body)):
        assert body[seg.start : seg.end] in body
    assert texts(body)[0][1] == "Việt Nam’s ministry “signed” an MoU."


def test_clauses_split_at_semicolon_and_while() -> None:
    text = "Ghana signed an MoU, while Slovenia signed a protocol; both hailed the talks."
    assert [text[a:b] for a, b in clauses(text, 0, len(text))] == [
        "Ghana signed an MoU",
        "Slovenia signed a protocol",
        "both hailed the talks.",
    ]


def test_lines_under_a_colon_intro_are_items_until_a_blank_line() -> None:
    body = (
        "The documents signed:\nAgreement on air services – the transport ministers\nProtocol on customs\n\n"
        "The remaining two documents concern sport and youth."
    )
    assert [k for k, _ in texts(body)] == ["sentence", "item", "item", "sentence"]


def test_read_also_lists_are_not_items() -> None:
    body = "Read also:\nGhana signs MoU on cocoa\nSlovenia opens embassy"
    assert [k for k, _ in texts(body)] == ["heading", "heading", "heading"]


def test_an_also_read_line_names_another_story() -> None:
    body = "ALSO READ | Kenya, Peru sign deal on tea\n\nPeru and Slovenia signed an MoU."
    segs = segments(ascii_view(body))
    assert segs[0].related and not segs[1].related


def test_roman_and_lettered_markers_make_items() -> None:
    body = "Documents signed:\n(i) Agreement on air services;\n(ii) MoU on tourism;\niv. Protocol on customs;\nb) Plan"
    assert [k for k, _ in texts(body)] == ["sentence", "item", "item", "item", "item"]
    assert texts(body)[1][1] == "Agreement on air services;"
