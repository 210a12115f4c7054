"""Record model answers over real HTTP, replay them through the same client path.

Recording runs against the local fake OpenAI-compatible server; replay runs the real openai
client + instructor over an in-process transport, so re-asks, validation and the resolver
behave as they do live.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from service.articles import from_path, from_text
from service.cli import app
from service.config import Settings, get_settings
from service.errors import ModelError
from service.extractors.llm import LLMExtractor
from service.prompts import load_prompt
from tests.extractors.llm_samples import ARTICLE, DRAFT
from tests.fakes.openai_server import Answer, FakeOpenAI, Raw

runner = CliRunner()

SECOND = (
    "RIGA, May 12. Latvia and Kenya signed an agreement on air services and a letter of intent on "
    "agricultural research during talks in Riga.\n\nThe ministers said they would meet again next year."
)


def _second_draft(body: dict[str, Any]) -> dict[str, Any]:
    return {
        "event": {"city": "Riga", "countries": ["LV", "KE"], "quote": "RIGA, May 12."},
        "documents": [
            {
                "type": "agreement",
                "title": "agreement on air services",
                "status": "signed",
                "quote": "Latvia and Kenya signed an agreement on air services",
            }
        ],
    }


def _strip_replay(summaries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The summaries without the one field that must differ: where a replay came from."""
    out = []
    for summary in summaries:
        copy = json.loads(json.dumps(summary))
        copy["provenance"].pop("replayed_from")
        out.append(copy)
    return out


@pytest.fixture
def articles(tmp_path: Path) -> list[Path]:
    paths = []
    for name, text in (("vilnius", ARTICLE), ("riga", SECOND)):
        path = tmp_path / "in" / f"{name}.txt"
        path.parent.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def test_record_then_replay_reproduces_the_summaries_byte_for_byte(
    fake_openai: FakeOpenAI, articles: list[Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The first article needs a re-ask (an invalid answer first): the recording keeps both answers.
    fake_openai.script(Raw('{"documents": [{"type": "treaty"}]}', usage=(200, 9)), Answer(DRAFT, usage=(260, 40)))
    fake_openai.responder = _second_draft
    monkeypatch.setenv("OPENAI_BASE_URL", fake_openai.url)
    monkeypatch.setenv("PACTCHECK_MODEL", "fake-model")
    get_settings.cache_clear()
    record_dir = tmp_path / "recorded"
    recorded = runner.invoke(
        app, ["extract", *map(str, articles), "--backend", "llm", "--record", str(record_dir), "--no-save"]
    )
    assert recorded.exit_code == 0, recorded.output
    assert len(fake_openai.requests) == 3

    prompt = load_prompt("extract_summary")
    file = record_dir / prompt.ref / "vilnius.json"
    data = json.loads(file.read_text(encoding="utf-8"))
    assert data["article_id"] == "vilnius" and data["body_sha256"] == from_path(articles[0]).sha256
    assert data["prompt"] == {"id": prompt.id, "version": int(prompt.version)}
    assert (data["model"], data["mode"], data["function"]) == ("fake-model", "tools", "DraftSummary")
    assert data["arguments"]["documents"][0]["quote"] == DRAFT["documents"][0]["quote"]
    assert [a["usage"]["prompt_tokens"] for a in data["answers"]] == [200, 260]
    assert data["calls"] == 2 and data["usage"]["total_tokens"] == 200 + 9 + 260 + 40

    monkeypatch.delenv("OPENAI_BASE_URL")  # no endpoint at all: the replay must not need one
    fake_openai.stop()
    get_settings.cache_clear()
    replayed = runner.invoke(
        app, ["extract", *map(str, articles), "--backend", "llm", "--replay", str(record_dir), "--no-save"]
    )
    assert replayed.exit_code == 0, replayed.output
    live, again = json.loads(recorded.stdout), json.loads(replayed.stdout)
    assert all(s["provenance"]["replayed_from"] is None for s in live)
    assert [s["provenance"]["replayed_from"] for s in again] == [
        str(record_dir / prompt.ref / "vilnius.json"),
        str(record_dir / prompt.ref / "riga.json"),
    ]
    assert _strip_replay(again) == _strip_replay(live)
    assert again[0]["provenance"]["calls"] == 2  # the re-ask was replayed through instructor


def test_chunked_article_is_recorded_per_part_and_replayed_with_the_same_split(
    fake_openai: FakeOpenAI, llm_settings: Callable[..., Settings], tmp_path: Path
) -> None:
    paragraphs = [
        f"In Vilnius on day {i}, Lithuania and Chile signed a memorandum on project number {i}." for i in range(1, 7)
    ]
    body = "\n\n".join(paragraphs)
    article = from_text(body, id="long")
    record_dir = tmp_path / "rec"
    live = LLMExtractor(settings=llm_settings(llm_chunk_chars=200, llm_chunk_overlap=60), record=record_dir)
    first = live.extract(article)
    assert first.provenance.chunks > 1

    # A replay with other chunk settings still asks the parts the recording was made with.
    replayer = LLMExtractor(settings=llm_settings(llm_chunk_chars=24_000), replay=record_dir)
    again = replayer.extract(article)
    assert again.provenance.chunks == first.provenance.chunks
    assert again.model_dump(exclude={"provenance": {"replayed_from"}}) == first.model_dump(
        exclude={"provenance": {"replayed_from"}}
    )


def test_replayed_answer_that_fails_validation_fails_like_a_live_one(
    llm_settings: Callable[..., Settings], tmp_path: Path
) -> None:
    prompt = load_prompt("extract_summary", "1")
    folder = tmp_path / "rec" / prompt.ref
    folder.mkdir(parents=True)
    article = from_text(ARTICLE, id="bad")
    record = {
        "article_id": "bad",
        "body_sha256": article.sha256,
        "prompt": {"id": prompt.id, "version": 1},
        "model": "some-model",
        "mode": "tools",
        "function": "DraftSummary",
        "arguments": {"documents": [{"type": "not-a-type", "title": "x", "status": "signed", "quote": "x"}]},
    }
    (folder / "bad.json").write_text(json.dumps(record), encoding="utf-8")
    extractor = LLMExtractor(settings=llm_settings(llm_max_reasks=1), replay=tmp_path / "rec")
    with pytest.raises(ModelError, match="no answer matching the summary schema in 2 attempt") as caught:
        extractor.extract(article)
    assert caught.value.calls == 2  # the re-ask went through instructor and the replay transport


def test_missing_or_stale_recording_is_a_clear_per_article_error(
    llm_settings: Callable[..., Settings], fake_openai: FakeOpenAI, tmp_path: Path
) -> None:
    record_dir = tmp_path / "rec"
    LLMExtractor(settings=llm_settings(), record=record_dir).extract(from_text(ARTICLE, id="vilnius"))
    replayer = LLMExtractor(settings=llm_settings(), replay=record_dir)
    calls_before = len(fake_openai.requests)

    with pytest.raises(ModelError, match="no recorded answer for article 'elsewhere'"):
        replayer.extract(from_text(SECOND, id="elsewhere"))
    with pytest.raises(ModelError, match="made for another text of article 'vilnius'"):
        replayer.extract(from_text(ARTICLE + "\n\nA correction was added.", id="vilnius"))
    # Found by its body hash under another id (a file read from another path, stdin).
    assert replayer.extract(from_text(ARTICLE, id="stdin")).provenance.replayed_from
    assert len(fake_openai.requests) == calls_before  # never a silent call to the configured server


def test_replay_uses_the_recorded_prompt_version_and_mode(
    llm_settings: Callable[..., Settings], tmp_path: Path
) -> None:
    prompt = load_prompt("extract_summary", "1")
    folder = tmp_path / "rec" / prompt.ref
    folder.mkdir(parents=True)
    article = from_text(ARTICLE, id="vilnius")
    record = {
        "article_id": "vilnius",
        "body_sha256": article.sha256,
        "prompt": {"id": prompt.id, "version": 1},
        "model": "reference-model",
        "mode": "json",
        "function": "DraftSummary",
        "arguments": DRAFT,
    }
    (folder / "vilnius.json").write_text(json.dumps(record), encoding="utf-8")
    summary = LLMExtractor(settings=llm_settings(llm_mode="tools"), replay=tmp_path / "rec").extract(article)
    p = summary.provenance
    assert (p.prompt_id, p.prompt_version, p.prompt_hash, p.model) == (
        prompt.id,
        "1",
        prompt.sha256,
        "reference-model",
    )
    assert [d.type for d in summary.documents] == ["memorandum_of_understanding", "protocol"]


def test_record_and_replay_need_the_llm_backend(articles: list[Path], tmp_path: Path) -> None:
    result = runner.invoke(app, ["extract", str(articles[0]), "--backend", "offline", "--replay", str(tmp_path)])
    assert result.exit_code == 2 and "--backend llm" in result.output
    both = ["extract", str(articles[0]), "--record", str(tmp_path), "--replay", str(tmp_path)]
    assert "exclude each other" in runner.invoke(app, both).output


@pytest.mark.corpus
def test_replay_of_the_shared_recordings_works_on_a_corpus_article(corpus_dir: Path) -> None:
    recorded = corpus_dir.parent / "recorded"
    if not recorded.is_dir():
        pytest.skip(f"no recorded answers at {recorded}")
    files = sorted((recorded / "extract_summary@1").glob("*.json"))
    sample = json.loads(files[0].read_text(encoding="utf-8"))
    article = from_path(corpus_dir / "articles" / f"{sample['article_id']}.txt")
    summary = LLMExtractor(settings=Settings(_env_file=None), replay=recorded).extract(article)  # type: ignore[call-arg]
    p = summary.provenance
    assert p.replayed_from == str(files[0]) and (p.prompt_id, p.prompt_version) == ("extract_summary", "1")
    assert p.model == sample["model"] and p.calls == 1
    complemented = [w for w in summary.warnings if w.code == "complemented"]  # field batches the model skipped
    added = int(complemented[0].message.split()[0]) if complemented else 0
    assert len(summary.documents) == len(sample["arguments"]["documents"]) + added
    assert not [r for r in summary.rejected if r.kind == "field"]


def test_async_batch_records_and_replays_like_the_sync_path(
    fake_openai: FakeOpenAI, llm_settings: Callable[..., Settings], tmp_path: Path
) -> None:
    import asyncio

    fake_openai.responder = _second_draft
    batch = [from_text(SECOND, id="riga"), from_text(SECOND.replace("May 12", "May 13"), id="riga-2")]
    record_dir = tmp_path / "rec"
    live = asyncio.run(LLMExtractor(settings=llm_settings(), record=record_dir).aextract_many(batch, concurrency=2))
    replayed = asyncio.run(LLMExtractor(settings=llm_settings(), replay=record_dir).aextract_many(batch, concurrency=2))
    assert len(fake_openai.requests) == 2
    for a, b in zip(live, replayed, strict=True):
        assert b.provenance.replayed_from
        assert a.model_dump(exclude={"provenance": {"replayed_from"}}) == b.model_dump(
            exclude={"provenance": {"replayed_from"}}
        )


def test_crosscheck_takes_replay(
    tmp_path: Path, fake_openai: FakeOpenAI, llm_settings: Callable[..., Settings]
) -> None:
    record_dir = tmp_path / "rec"
    paths = []
    extractor = LLMExtractor(settings=llm_settings(), record=record_dir)
    for name, text in (("a", ARTICLE), ("b", ARTICLE.replace("Chile pledged", "Chile promised"))):
        path = tmp_path / f"{name}.txt"
        path.write_text(text, encoding="utf-8")
        extractor.extract(from_path(path))
        paths.append(str(path))
    fake_openai.stop()
    result = runner.invoke(app, ["crosscheck", *paths, "--backend", "llm", "--replay", str(record_dir)])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert len(report["events"]) == 1
