"""Offline extraction throughput on one core: articles per second over a corpus folder.

    python bench/bench_offline.py [CORPUS_DIR] [--seconds 3] [--rounds 5]

Reads every article of CORPUS_DIR/articles (default ../shared/corpus) and extracts them
repeatedly, in `--rounds` rounds of about `--seconds / --rounds` each. Prints articles/s by
wall clock and by CPU time of this process (the per-core figure) for the best round and the
median round: like `timeit`, the best round is the figure least disturbed by other processes
sharing the machine, the median shows the spread. The goal is >= 500 articles/s per core.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

from service.articles import ArticleInput, from_path
from service.extractors.offline import OfflineExtractor

DEFAULT_CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"
GOAL = 500.0


def _round(extractor: OfflineExtractor, articles: list[ArticleInput], seconds: float) -> tuple[int, float, float]:
    """Articles extracted, wall seconds and CPU seconds of one round."""
    count = 0
    wall0, cpu0 = time.perf_counter(), time.process_time()
    while time.perf_counter() - wall0 < seconds:
        for article in articles:
            extractor.extract(article)
        count += len(articles)
    return count, time.perf_counter() - wall0, time.process_time() - cpu0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--seconds", type=float, default=3.0, help="how long to keep extracting, in all")
    parser.add_argument("--rounds", type=int, default=5, help="rounds to split the time into (best and median shown)")
    args = parser.parse_args(argv)
    paths = sorted((args.corpus / "articles").glob("*.txt"))
    if not paths:
        print(f"no articles in {args.corpus / 'articles'}", file=sys.stderr)
        return 2
    articles = [from_path(p) for p in paths]
    extractor = OfflineExtractor()
    for article in articles:  # warm up: imports, compiled patterns, lookup tables
        extractor.extract(article)
    rounds = [_round(extractor, articles, args.seconds / max(args.rounds, 1)) for _ in range(max(args.rounds, 1))]
    count = sum(r[0] for r in rounds)
    wall = sum(r[1] for r in rounds)
    cpu = sum(r[2] for r in rounds)
    per_core = sorted(n / c for n, _, c in rounds if c > 0)
    per_wall = sorted(n / w for n, w, _ in rounds if w > 0)
    chars = sum(len(a.body) for a in articles) / len(articles)
    best = per_core[-1]
    print(f"corpus: {args.corpus} ({len(articles)} articles, {chars:,.0f} characters on average)")
    print(f"extracted {count} articles in {len(rounds)} rounds, {wall:.2f} s wall, {cpu:.2f} s CPU")
    print(
        f"offline extraction: best round {best:,.0f} articles/s per core (CPU), {per_wall[-1]:,.0f} articles/s (wall); "
        f"median round {statistics.median(per_core):,.0f} per core"
    )
    print(f"goal: >= {GOAL:.0f} articles/s per core: {'met' if best >= GOAL else 'NOT met'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
