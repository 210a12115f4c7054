"""Time of cross-checking 50 summaries (with their bodies) in one call.

Five invented visits, ten reports each, eight documents per report with the variations
outlets produce (another type, a status, a shortened party, a missing document). Every
pair is decided, every event aligned and checked, the report validated against its schema.
Goal: < 100 ms for 50 summaries on one core.

Run:  .venv/bin/python bench/bench_crosscheck.py [--articles 50 --repeat 15] [--profile 25]
`--profile N` also prints the N most expensive functions (cProfile, cumulative) over the timed runs.
The articles are generated here from templates (no corpus text). On a shared machine the wall
median moves with the load; the CPU median and the best run are steadier.
"""

from __future__ import annotations

import argparse
import cProfile
import hashlib
import pstats
import random
import statistics
import time

from service.crosscheck import crosscheck
from service.grounding import ground
from service.models import ArticleMeta, ArticleSummary, Document, Event, Location, Party, Provenance

VISITS = [
    ("Tallinn", "EE", "KZ", "2024-03-13", ("Maris Tamm", "Arman Sadykov")),
    ("Hanoi", "VN", "AZ", "2025-09-04", ("Lan Pham", "Rauf Aliyev")),
    ("Lima", "PE", "KR", "2023-11-20", ("Rosa Quispe", "Min-jun Park")),
    ("Nairobi", "KE", "NO", "2024-06-02", ("Achieng Otieno", "Lars Berg")),
    ("Hobart", "AU", "FI", "2025-01-28", ("Tom Reid", "Aino Virtanen")),
]
SUBJECTS = [
    ("wind power", "Energy"),
    ("officer training", "Defence"),
    ("rail freight transit", "Transport"),
    ("customs data exchange", "Finance"),
    ("museum loans", "Culture"),
    ("vaccine research", "Health"),
    ("student exchanges", "Education"),
    ("fisheries control", "Agriculture"),
]
TYPES = [("memorandum_of_understanding", "memorandum of understanding"), ("letter_of_intent", "letter of intent")]


def article(n: int, visit: tuple, rng: random.Random, tag: str = "") -> tuple[ArticleSummary, str]:
    city, host, guest, day, (p1, p2) = visit
    lines = [f"{city}. President {p1} received President {p2} for talks on {day}."]
    docs = []
    for subject, ministry in SUBJECTS:
        if rng.random() < 0.15:
            continue
        doc_type, label = TYPES[0] if rng.random() < 0.85 else TYPES[1]
        verb = rng.choice(["signed", "inked", "exchanged"])
        sentence = f"The {ministry.lower()} ministries {verb} a {label} on {subject}."
        lines.append(sentence)
        docs.append((sentence, doc_type, label, subject, ministry, "discussed" if rng.random() < 0.05 else "signed"))
    lines.append("Recap: " + "; ".join(f"a {d[2]} on {d[3]}" for d in docs[:3]) + ".")
    lines.append(f"Filed by desk {tag or n}.")
    body = "\n".join(lines)
    documents = [
        Document(
            type=doc_type,
            title=f"{label} on {subject}",
            subject=subject,
            status=status,
            parties=[
                Party(name=f"Ministry of {ministry}", country=host),
                Party(name=f"Ministry of {ministry}", country=guest),
            ],
            evidence=[ground(body, sentence)],
        )
        for sentence, doc_type, label, subject, ministry, status in docs
    ]
    summary = ArticleSummary(
        article=ArticleMeta(id=f"report-{n}", sha256=hashlib.sha256(body.encode()).hexdigest(), length=len(body)),
        event=Event(
            location=Location(city=city, country=host), date=day, countries=sorted([host, guest]), principals=[p1, p2]
        ),
        documents=documents,
        stated_count=len(documents),
        list_complete=rng.random() < 0.5,
        provenance=Provenance(extractor="gold"),
    )
    return summary, body


def batch(n: int, seed: int) -> tuple[list[ArticleSummary], dict[str, str]]:
    rng = random.Random(seed)
    built = [article(k, VISITS[k % len(VISITS)], rng, tag=f"{seed}-{k}") for k in range(n)]
    return [s for s, _ in built], {s.article.id: b for s, b in built}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=50)
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--profile", type=int, default=0, metavar="N", help="print the N costliest functions")
    args = parser.parse_args()
    profiler = cProfile.Profile() if args.profile else None
    warm, warm_bodies = batch(args.articles, seed=0)
    crosscheck(warm, bodies=warm_bodies)  # imports and compiled patterns, not the timed batches' texts
    timings, cpu = [], []
    for run in range(1, args.repeat + 1):
        summaries, bodies = batch(args.articles, seed=run)  # a fresh batch each run: no warm per-text caches
        started, started_cpu = time.perf_counter(), time.process_time()
        if profiler:
            profiler.enable()
        report = crosscheck(summaries, bodies=bodies)
        if profiler:
            profiler.disable()
        timings.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
    findings = sum(len(e.findings) for e in report.events)
    median = statistics.median(timings)
    print(
        f"crosscheck of {args.articles} summaries: median {median:.1f} ms, best {min(timings):.1f} ms "
        f"(CPU median {statistics.median(cpu):.1f} ms) over {args.repeat} runs "
        f"({len(report.events)} events, {findings} findings) - goal < 100 ms: "
        f"{'met' if median < 100 else 'NOT met'}"
    )
    if profiler:
        print("(timings above include the profiler's overhead)")
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(args.profile)


if __name__ == "__main__":
    main()
