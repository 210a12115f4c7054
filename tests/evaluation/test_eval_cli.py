"""`pactcheck eval` end to end: exit codes, files written, baseline diff, malformed gold."""

from __future__ import annotations

import importlib.util
import json
import shutil
from pathlib import Path

import pytest
from fakes_eval import FIXTURES, GoldEchoExtractor, PrefixChecker
from typer.testing import CliRunner

from service.cli import app

A1 = "cl_nz_santiago_2026__harbour_post"


@pytest.fixture
def fake_backends(monkeypatch: pytest.MonkeyPatch) -> dict[str, object]:
    """`--backend offline` gets the echo extractor (dropping one document), cross-checks get the prefix checker."""
    chosen: dict[str, object] = {"extractor": GoldEchoExtractor(drop_last_of=[A1])}
    monkeypatch.setattr("service.evaluation.run.get_extractor", lambda backend=None: chosen["extractor"])
    monkeypatch.setattr("service.evaluation.run.default_checker", lambda: PrefixChecker())
    return chosen


def _run(*args: str) -> object:
    return CliRunner().invoke(app, ["eval", *args])


def test_gold_backend_writes_json_and_html(tmp_path: Path, fake_backends: object) -> None:
    result = _run(
        str(FIXTURES), "--backend", "gold", "--json", str(tmp_path / "run.json"), "--html", str(tmp_path / "run.html")
    )
    assert result.exit_code == 0, result.output
    data = json.loads((tmp_path / "run.json").read_text(encoding="utf-8"))
    assert data["format"] == "pactcheck.eval_run/1" and data["totals"]["documents"]["f1"] == 1.0
    assert "<svg" in (tmp_path / "run.html").read_text(encoding="utf-8")
    assert "documents P 1.000 R 1.000 F1 1.000" in result.output


def test_min_f1_sets_the_exit_code(fake_backends: object) -> None:
    below = _run(str(FIXTURES), "--backend", "offline", "--min-f1", "0.99")
    assert below.exit_code == 1
    assert "documents.f1" in below.output and "below the floor" in below.output
    above = _run(str(FIXTURES), "--backend", "offline", "--min-f1", "0.9")
    assert above.exit_code == 0, above.output


def test_conflict_floors_fail_when_nothing_is_recovered(fake_backends: object) -> None:
    result = _run(str(FIXTURES), "--backend", "gold", "--min-conflict-recall", "0.5")
    assert result.exit_code == 1 and "conflicts.recall" in result.output


def test_baseline_regression_is_shown(tmp_path: Path, fake_backends: object) -> None:
    assert _run(str(FIXTURES), "--backend", "gold", "--json", str(tmp_path / "base.json")).exit_code == 0
    result = _run(str(FIXTURES), "--backend", "offline", "--baseline", str(tmp_path / "base.json"))
    assert result.exit_code == 0, result.output
    assert "REGRESSION" in result.output and "documents.f1" in result.output
    assert f"article F1 dropped {A1}" in result.output


def test_malformed_gold_is_one_line_and_exit_2(tmp_path: Path, fake_backends: object) -> None:
    broken = Path(shutil.copytree(FIXTURES, tmp_path / "broken"))
    path = broken / "gold" / f"{A1}.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["documents"][0]["status"] = "maybe"
    path.write_text(json.dumps(data), encoding="utf-8")
    result = _run(str(broken), "--backend", "gold")
    assert result.exit_code == 2
    text = "".join(result.output.split("\n"))  # the one-line message, unwrapped from the console width
    assert result.output.count("error:") == 1 and "harbour_post.json: documents.0.status: Input should be" in text


def test_unknown_language_is_a_clear_error(fake_backends: object) -> None:
    result = _run(str(FIXTURES), "--backend", "gold", "--lang", "xx")
    assert result.exit_code == 2 and "no gold article in language 'xx'" in result.output


def _offline_available() -> bool:
    try:
        from service.extractors import available

        return importlib.util.find_spec("service.extractors.offline") is not None and "offline" in available()
    except Exception:
        return False


@pytest.mark.skipif(
    not _offline_available(), reason="the offline extractor (service/extractors/offline) is not importable yet"
)
def test_end_to_end_offline_on_the_fixtures(tmp_path: Path) -> None:
    result = _run(str(FIXTURES), "--backend", "offline", "--json", str(tmp_path / "run.json"))
    assert result.exit_code == 0, result.output
    data = json.loads((tmp_path / "run.json").read_text(encoding="utf-8"))
    assert data["provenance"]["extractor"] == "offline" and data["totals"]["articles"] == 6
    assert data["totals"]["failed_articles"] == 0, data["errors"]
    assert data["totals"]["documents"]["tp"] > 0
