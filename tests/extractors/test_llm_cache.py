"""The on-disk draft cache: hits, misses, atomic writes, and damage that must not fail an extraction."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from service.extractors.llm.cache import CacheEntry, CacheKey, DraftCache
from service.models import Usage
from service.models.draft import DraftDocument, DraftSummary

KEY = CacheKey(
    body_sha256="ab" * 32,
    prompt_ref="extract_summary@1",
    schema_version="1.0.0",
    model="m",
    endpoint="http://127.0.0.1:8080/v1",
    mode="tools",
)
DRAFT = DraftSummary(documents=[DraftDocument(type="treaty", title="t", status="signed", quote="q")])


def entry(prompt_hash: str = "h1") -> CacheEntry:
    return CacheEntry(
        draft=DRAFT,
        usage=Usage(prompt_tokens=9, completion_tokens=1, total_tokens=10),
        calls=2,
        chunks=1,
        prompt_hash=prompt_hash,
    )


def test_round_trip_and_no_temporary_files_left(tmp_path: Path) -> None:
    cache = DraftCache(tmp_path)
    assert cache.get(KEY, "h1") is None
    cache.put(KEY, entry())

    found = cache.get(KEY, "h1")
    assert found is not None and found.draft == DRAFT and found.usage.total_tokens == 10 and found.calls == 2
    assert [p.name for p in tmp_path.rglob("*") if p.is_file()] == [f"{KEY.digest}.json"]


def test_each_key_part_changes_the_entry(tmp_path: Path) -> None:
    cache = DraftCache(tmp_path)
    cache.put(KEY, entry())
    for other in (
        replace(KEY, body_sha256="cd" * 32),
        replace(KEY, prompt_ref="extract_summary@2"),
        replace(KEY, schema_version="2.0.0"),
        replace(KEY, model="other-model"),
        replace(KEY, endpoint="http://127.0.0.1:9090/v1"),  # another server answering to the same model name
        replace(KEY, mode="json_schema"),
    ):
        assert cache.get(other, "h1") is None


def test_an_edited_prompt_file_is_a_miss(tmp_path: Path) -> None:
    cache = DraftCache(tmp_path)
    cache.put(KEY, entry("h1"))
    assert cache.get(KEY, "h2") is None


def test_a_damaged_entry_is_a_miss_and_is_replaced(tmp_path: Path) -> None:
    cache = DraftCache(tmp_path)
    cache.put(KEY, entry())
    cache.path(KEY).write_text('{"key": ', encoding="utf-8")
    assert cache.get(KEY, "h1") is None
    cache.put(KEY, entry())
    assert cache.get(KEY, "h1") is not None


def test_an_unwritable_cache_does_not_raise(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("x", encoding="utf-8")
    cache = DraftCache(blocker / "cache")
    cache.put(KEY, entry())  # logged, not raised
    assert cache.get(KEY, "h1") is None


def test_disabled_cache_stores_nothing(tmp_path: Path) -> None:
    cache = DraftCache(tmp_path, enabled=False)
    cache.put(KEY, entry())
    assert cache.get(KEY, "h1") is None and not any(tmp_path.iterdir())
