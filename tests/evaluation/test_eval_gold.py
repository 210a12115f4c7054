"""Reading a gold folder: the shipped fixtures, --lang filtering, and one clear error for malformed gold."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from service.errors import GoldFormatError
from service.evaluation.gold import GoldConflict, event_of, gold_summary, load_corpus, restrict_conflict
from service.models import DOCUMENT_TYPES, STATUSES

FIXTURES = Path(__file__).resolve().parents[2] / "evals" / "fixtures"
CHECK_GOLD = Path(__file__).resolve().parents[3] / "shared" / "tools" / "check_gold.py"


@pytest.fixture
def fixtures(tmp_path: Path) -> Path:
    """A writable copy of the shipped gold set, to break on purpose."""
    return Path(shutil.copytree(FIXTURES, tmp_path / "gold_set"))


def test_fixtures_cover_every_type_status_and_conflict_kind() -> None:
    corpus = load_corpus(FIXTURES)
    docs = [d for a in corpus.articles.values() for d in a.gold.documents]
    assert {d.type for d in docs} == set(DOCUMENT_TYPES)
    assert {d.status for d in docs} == set(STATUSES)
    kinds = {c.kind for e in corpus.events for c in e.conflicts}
    assert kinds == {
        "document_type", "parties", "signatories", "status", "period", "count",
        "event_date", "event_location", "name_spelling", "figure", "title",
    }  # fmt: skip
    assert len(corpus.events) >= 2
    assert len(set(event_of(corpus).values())) >= 3  # one article belongs to no events file


@pytest.mark.skipif(not CHECK_GOLD.exists(), reason="../shared/tools/check_gold.py not present")
def test_fixtures_pass_the_shared_gold_checker() -> None:
    done = subprocess.run([sys.executable, str(CHECK_GOLD), str(FIXTURES)], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout


def test_lang_filter_keeps_loaded_article_values_and_drops_agreeing_conflicts() -> None:
    corpus = load_corpus(FIXTURES, lang="en")
    assert all(a.language == "en" for a in corpus.articles.values())
    event = next(e for e in corpus.events if e.event_id == "cl_nz_santiago_2026")
    assert "cl_nz_santiago_2026__courrier_pacifique" not in event.articles
    kinds = {c.kind: c for c in event.conflicts}
    assert "event_location" not in kinds  # only the French outlet disagreed
    assert kinds["event_date"].values == ["2026-04-14", "2026-04-15"]  # the French value went with its article
    assert all("cl_nz_santiago_2026__courrier_pacifique" not in d.mentions for d in event.documents)


def test_restrict_conflict_rules() -> None:
    c = GoldConflict(kind="status", articles=["a", "b", "c"], values=["x", "y", "y"])
    assert restrict_conflict(c, {"a", "b"}).articles == ["a", "b"]  # type: ignore[union-attr]
    assert restrict_conflict(c, {"b", "c"}) is None  # they agree
    assert restrict_conflict(c, {"a"}) is None  # one article cannot disagree with itself
    internal = GoldConflict(kind="status", articles=["a", "a"], values=["signed", "planned"])
    assert restrict_conflict(internal, {"a"}) == internal
    assert restrict_conflict(internal, {"b"}) is None


def test_gold_summary_is_a_valid_summary_with_offsets() -> None:
    corpus = load_corpus(FIXTURES)
    item = corpus.articles["ma_pl_rabat_2026__gazeta_biz"]
    summary = gold_summary(item)
    ev = summary.documents[1].evidence[0]
    assert item.article.body[ev.start : ev.end] == item.gold.documents[1].quote
    assert summary.provenance.extractor == "gold"


def _edit(path: Path, change: object) -> None:
    data = json.loads(path.read_text(encoding="utf-8"))
    change(data)  # type: ignore[operator]
    path.write_text(json.dumps(data), encoding="utf-8")


@pytest.mark.parametrize(
    ("target", "change", "message"),
    [
        ("gold/ma_pl_rabat_2026__gazeta_biz.json", lambda d: d["documents"][0].update(type="pact"), "documents.0.type"),
        ("gold/ma_pl_rabat_2026__gazeta_biz.json", lambda d: d["documents"][1].update(quote="not in the text"), "not in the article body"),
        ("gold/ma_pl_rabat_2026__gazeta_biz.json", lambda d: d.update(article_id="other"), "differs from the file name"),
        ("events/ma_pl_rabat_2026.json", lambda d: d["documents"][0]["mentions"].update({"ma_pl_rabat_2026__maghreb_daily": 9}), "does not exist"),
        ("events/ma_pl_rabat_2026.json", lambda d: d["conflicts"][0].update(kind="mood"), "not a conflict kind"),
        ("events/ma_pl_rabat_2026.json", lambda d: d["conflicts"][0].update(document="nope"), "not a document key"),
        ("events/ma_pl_rabat_2026.json", lambda d: d["articles"].append("ghost"), "has no gold file"),
    ],
)  # fmt: skip
def test_malformed_gold_is_one_clear_error(fixtures: Path, target: str, change: object, message: str) -> None:
    _edit(fixtures / target, change)
    with pytest.raises(GoldFormatError, match=message) as info:
        load_corpus(fixtures)
    assert "\n" not in str(info.value) and Path(target).name in str(info.value)


def test_bad_json_and_missing_folders(fixtures: Path, tmp_path: Path) -> None:
    (fixtures / "gold" / "ma_pl_rabat_2026__gazeta_biz.json").write_text("{ nope", encoding="utf-8")
    with pytest.raises(GoldFormatError, match="not valid JSON"):
        load_corpus(fixtures)
    with pytest.raises(GoldFormatError, match="missing articles/"):
        load_corpus(tmp_path / "gold_set" / "articles")
    with pytest.raises(GoldFormatError, match="not a folder"):
        load_corpus(tmp_path / "nowhere")
