"""Reading inputs: corpus format, plain text, HTML, bytes in odd encodings, and refusals."""

from __future__ import annotations

from pathlib import Path

import pytest

from service.articles import decode_bytes, from_bytes, from_path, from_text, html_to_text
from service.errors import InputError
from service.language import detect_language

CORPUS_STYLE = (
    "URL: https://example.org/a\nOUTLET: Example Wire\nDATE: 2026-02-01\nTRUNCATED: yes\n\n"
    "RIGA, Feb 1 \u2014 Latvia and Chile signed an agreement on air services."
)


def test_corpus_format_headers_and_body_offsets() -> None:
    article = from_text(CORPUS_STYLE, id="a1")
    assert article.source_format == "corpus"
    assert article.outlet == "Example Wire" and article.published == "2026-02-01"
    assert article.truncated is True
    assert article.body.startswith("RIGA, Feb 1")


def test_plain_text_is_kept_verbatim() -> None:
    text = "Latvia and Chile signed an agreement.\nNothing else happened."
    article = from_text(text)
    assert article.body == text and article.source_format == "text"


def test_html_is_stripped_and_scripts_dropped() -> None:
    html = (
        "<!doctype html><html><head><title>Visit</title><script>alert(1)</script></head>"
        "<body><nav>Menu</nav><p>Latvia and Chile <b>signed</b> an agreement.</p><p>Second para.</p></body></html>"
    )
    article = from_text(html)
    assert article.source_format == "html"
    assert article.title == "Visit"
    assert "alert" not in article.body and "Menu" not in article.body
    assert "Latvia and Chile signed an agreement." in article.body
    assert any(code == "html_stripped" for code, _ in article.notices)
    assert html_to_text("<p>a</p><p>b</p>")[0] == "a\n\nb"


@pytest.mark.parametrize("text", ["", "   \n\t  "])
def test_empty_text_is_refused(text: str) -> None:
    with pytest.raises(InputError, match="empty"):
        from_text(text)


def test_huge_text_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PACTCHECK_MAX_ARTICLE_CHARS", "1000")
    from service.config import get_settings

    get_settings.cache_clear()
    try:
        with pytest.raises(InputError, match="limit is 1,000"):
            from_text("word " * 500)
    finally:
        get_settings.cache_clear()


def test_binary_is_refused() -> None:
    with pytest.raises(InputError, match="binary"):
        from_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 10)


def test_legacy_encoding_is_read_with_a_notice() -> None:
    text, notices = decode_bytes("Caf\u00e9 talks in S\u00e3o Paulo".encode("cp1252"))
    assert text == "Caf\u00e9 talks in S\u00e3o Paulo"
    assert notices and notices[0][0] == "encoding_guessed"


def test_utf16_with_bom_is_read() -> None:
    data = "\ufeffLatvia and Chile signed an agreement.".encode("utf-16-le")
    assert from_bytes(data).body == "Latvia and Chile signed an agreement."


def test_path_id_is_the_stem(tmp_path: Path) -> None:
    path = tmp_path / "riga_visit.txt"
    path.write_text(CORPUS_STYLE, encoding="utf-8")
    assert from_path(path).id == "riga_visit"
    with pytest.raises(InputError, match="no such file"):
        from_path(tmp_path / "missing.txt")


def test_language_detection() -> None:
    assert detect_language("The two presidents signed an agreement on trade and investment in the capital.") == "en"
    assert detect_language("Die beiden Präsidenten unterzeichneten in der Hauptstadt ein Abkommen über Handel.") == "de"
    assert detect_language("12 34 !!") == "und"
