"""`pactcheck extract` on the shipped example, stdin, every format, and bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from service.articles import from_path
from service.cli import app
from service.schemas import validate_payload

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "tallinn_visit.txt"
runner = CliRunner()


def test_extract_example_json_is_grounded_and_valid() -> None:
    result = runner.invoke(app, ["extract", str(EXAMPLE), "--backend", "offline", "--format", "json"])
    assert result.exit_code == 0, result.output
    payload = json.loads(result.stdout)
    assert isinstance(payload, list) and len(payload) == 1
    summary = validate_payload("article_summary", payload[0])
    body = from_path(EXAMPLE).body
    assert summary["article"]["id"] == "tallinn_visit"
    assert summary["provenance"]["extractor"] == "offline"
    assert len(summary["documents"]) >= 6
    for doc in summary["documents"]:
        for ev in doc["evidence"]:
            assert body[ev["start"] : ev["end"]] == ev["quote"]
    types = {d["type"] for d in summary["documents"]}
    assert {"declaration", "memorandum_of_understanding", "cooperation_programme", "contract"} <= types
    assert summary["event"]["location"]["city"] == "Tallinn"
    assert summary["event"]["countries"] == ["EE", "MN"]


def test_extract_stdin_jsonl_and_table() -> None:
    text = "Latvia and Chile signed an agreement on air services in Riga on Monday."
    result = runner.invoke(app, ["extract", "-", "--backend", "offline", "--format", "jsonl"], input=text)
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0]["article"]["id"] == "stdin"
    table = runner.invoke(app, ["extract", str(EXAMPLE), "--backend", "offline", "--format", "table"])
    assert table.exit_code == 0 and "Event: Tallinn" in table.stdout and "contract" in table.stdout


@pytest.mark.parametrize(
    "content, message",
    [(b"", "empty"), (b"\x00\x01\x02binary\x00" * 50, "binary")],
)
def test_bad_input_is_one_line_error(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    result = runner.invoke(app, ["extract", str(path), "--backend", "offline"])
    assert result.exit_code != 0
    errors = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(errors) == 1 and message in errors[0] and "Traceback" not in result.output


def test_one_bad_file_loses_nothing_else(tmp_path: Path) -> None:
    missing = tmp_path / "missing.txt"
    result = runner.invoke(app, ["extract", str(EXAMPLE), str(missing), "--backend", "offline"])
    assert result.exit_code == 1
    assert len(json.loads(result.stdout)) == 1
    assert "no such file" in result.stderr


def test_schemas_command_reports_up_to_date() -> None:
    result = runner.invoke(app, ["schemas"])
    assert result.exit_code == 0 and "up to date" in result.stderr


def test_extract_records_summaries_once_in_the_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from service.config import get_settings
    from service.storage import articles as article_store
    from service.storage.db import open_database

    monkeypatch.setenv("PACTCHECK_DATA_DIR", str(tmp_path / "data"))
    get_settings.cache_clear()
    for _ in range(2):
        result = runner.invoke(app, ["extract", str(EXAMPLE), "--backend", "offline"])
        assert result.exit_code == 0, result.output
    db = open_database(get_settings())
    try:
        page = article_store.list_page(db)
        assert len(page.items) == 1
        row, job, documents = page.items[0]
        assert job.state == "done" and row.event_key == "ee-mn-2026" and documents == 7
        stored = article_store.summary(db, row.id)
        assert stored is not None and stored["article"]["id"] == "tallinn_visit"
    finally:
        db.dispose()


def test_no_save_leaves_no_database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from service.config import get_settings

    monkeypatch.setenv("PACTCHECK_DATA_DIR", str(tmp_path / "data"))
    get_settings.cache_clear()
    result = runner.invoke(app, ["extract", str(EXAMPLE), "--backend", "offline", "--no-save"])
    assert result.exit_code == 0
    assert not (tmp_path / "data").exists()
