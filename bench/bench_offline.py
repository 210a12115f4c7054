"""Offline extraction throughput on one core: articles per second over a corpus folder.

    python bench/bench_offline.py [CORPUS_DIR] [--seconds 3]

Reads every article of CORPUS_DIR/articles (default ../shared/corpus), extracts them
repeatedly for about `--seconds` and prints articles/s by wall clock and by CPU time of
this process (the per-core figure; it does not suffer when other processes share the
machine). The goal is >= 500 articles/s per core.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from service.articles import from_path
from service.extractors.offline import OfflineExtractor

DEFAULT_CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"
GOAL = 500.0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--seconds", type=float, default=3.0, help="how long to keep extracting")
    args = parser.parse_args(argv)
    paths = sorted((args.corpus / "articles").glob("*.txt"))
    if not paths:
        print(f"no articles in {args.corpus / 'articles'}", file=sys.stderr)
        return 2
    articles = [from_path(p) for p in paths]
    extractor = OfflineExtractor()
    for article in articles:  # warm up: imports, compiled patterns, lookup tables
        extractor.extract(article)
    count = 0
    wall0, cpu0 = time.perf_counter(), time.process_time()
    while time.perf_counter() - wall0 < args.seconds:
        for article in articles:
            extractor.extract(article)
        count += len(articles)
    wall, cpu = time.perf_counter() - wall0, time.process_time() - cpu0
    chars = sum(len(a.body) for a in articles) / len(articles)
    print(f"corpus: {args.corpus} ({len(articles)} articles, {chars:,.0f} characters on average)")
    print(f"extracted {count} articles in {wall:.2f} s wall, {cpu:.2f} s CPU")
    print(f"offline extraction: {count / wall:,.0f} articles/s (wall), {count / cpu:,.0f} articles/s per core (CPU)")
    print(f"goal: >= {GOAL:.0f} articles/s per core: {'met' if count / cpu >= GOAL else 'NOT met'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
