"""The HTML page, the terminal table and the `pactcheck crosscheck` command."""

from __future__ import annotations

import json
import re
from pathlib import Path

from typer.testing import CliRunner

from service.cli import app
from service.crosscheck import crosscheck
from service.crosscheck.html import render_html
from service.crosscheck.table import render
from tests.crosscheck.builders import doc, summary

A = "President Maris Tamm received President Arman Sadykov in Tallinn. The energy ministries signed a memorandum of understanding on wind power. <script>alert('x')</script>"
B = "President Maris Tamm received President Arman Sadykov in Tallinn. The energy ministries signed a letter of intent on wind power."


def _report():
    first = summary("a", A, [doc(A, "signed a memorandum of understanding on wind power", subject="wind power")])
    second = summary(
        "b",
        B,
        [
            doc(
                B,
                "signed a letter of intent on wind power",
                type="letter_of_intent",
                title="letter of intent",
                subject="wind power",
            )
        ],
    )
    bodies = {"a": A, "b": B}
    return crosscheck([first, second], bodies=bodies), bodies


def test_html_escapes_article_text_and_links_findings_to_both_quotes() -> None:
    report, bodies = _report()
    page = render_html(report, bodies)
    assert "<script>alert" not in page and "&lt;script&gt;" in page
    links = re.findall(r'href="#(q-[^"]+)"', page)
    anchors = set(re.findall(r'id="(q-[^"]+)"', page))
    assert links and set(links) <= anchors
    finding = report.events[0].findings[0]
    assert {v.article_id for v in finding.values} == {"a", "b"}
    assert page.count("<mark") >= 2


def test_html_without_bodies_lists_the_quotes() -> None:
    report, _ = _report()
    page = render_html(report, None)
    assert "Text not available" in page


def test_table_shows_matrix_and_findings() -> None:
    from rich.console import Console

    report, _ = _report()
    console = Console(record=True, width=200)
    for part in render(report):
        console.print(part)
    text = console.export_text()
    assert "Alignment" in text and "document_type" in text and "letter of intent, signed" in text
    assert "LoI" not in text and "\u201csigned a letter of intent on wind power\u201d" in text  # words and quotes


def test_cli_json_table_and_html(tmp_path: Path) -> None:
    saved = tmp_path / "summaries.json"
    summaries = [summary("a", A, []), summary("b", B, [])]
    saved.write_text(json.dumps([s.model_dump(mode="json") for s in summaries]), encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(app, ["crosscheck", str(saved), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["schema_version"] == "1.0.0"
    page = tmp_path / "report.html"
    result = runner.invoke(app, ["crosscheck", str(saved), "--format", "html", "--output", str(page)])
    assert result.exit_code == 0 and page.read_text(encoding="utf-8").startswith("<!doctype html>")
    result = runner.invoke(app, ["crosscheck", str(saved), "--format", "table"])
    assert result.exit_code == 0 and "Tallinn" in result.stdout


def test_cli_reports_unreadable_inputs_and_keeps_the_rest(tmp_path: Path) -> None:
    saved = tmp_path / "one.json"
    saved.write_text(json.dumps(summary("a", A, []).model_dump(mode="json")), encoding="utf-8")
    result = CliRunner().invoke(app, ["crosscheck", str(saved), str(tmp_path / "missing.txt"), "-f", "json"])
    assert result.exit_code == 1
    assert "missing.txt" in result.output
    assert json.loads(result.stdout[: result.stdout.rindex("}") + 1])["articles"][0]["id"] == "a"
    bad = tmp_path / "bad.json"
    bad.write_text('{"hello": 1}', encoding="utf-8")
    result = CliRunner().invoke(app, ["crosscheck", str(bad)])
    assert result.exit_code == 2 and "not PactCheck summaries" in result.output


def test_alignment_reasons_are_in_json_html_and_table() -> None:
    from rich.console import Console

    report, bodies = _report()
    (aligned,) = [d for d in report.events[0].documents if all(d.mentions.values())]
    assert aligned.reasons and any("wind" in r or "power" in r for r in aligned.reasons)
    assert 0.0 < aligned.confidence <= 1.0
    assert "reasons" in report.model_dump(mode="json")["events"][0]["documents"][0]
    page = render_html(report, bodies)
    assert "aligned on:" in page and aligned.reasons[0] in page
    console = Console(record=True, width=200)
    for part in render(report):
        console.print(part)
    assert aligned.reasons[0] in console.export_text()
