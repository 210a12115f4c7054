"""prompts/ and schemas/ ship inside the wheel and are found there, not only in a checkout."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    pytest.importorskip("hatchling")
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(out), str(ROOT)],
        check=True,
        capture_output=True,
    )
    (found,) = out.glob("pactcheck-*.whl")
    return found


def test_wheel_carries_prompts_schemas_and_types(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "service/_data/prompts/extract_summary.v1.md" in names
    assert "service/_data/prompts/extract_summary.v2.md" in names
    assert "service/_data/schemas/article_summary.schema.json" in names
    assert "service/_data/schemas/crosscheck_report.schema.json" in names
    assert "service/py.typed" in names
    assert any(n.startswith("service/storage/migrations/versions/") for n in names)


def test_installed_wheel_finds_its_resources(wheel: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    code = (
        "import service, service.resources as r;"
        "from service.prompts import load_prompt;"
        "assert r.resource_dir('prompts').parent.name == '_data', r.resource_dir('prompts');"
        "print(load_prompt('extract_summary').ref);"
        "s = service.extract('Latvia and Chile signed an agreement on air services.', backend='offline');"
        "print(len(s.documents))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=tmp_path,
        env={"PYTHONPATH": str(site), "PATH": "/usr/bin:/bin", "PACTCHECK_DATA_DIR": str(tmp_path / "d")},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["extract_summary@2", "1"]  # the highest released version
