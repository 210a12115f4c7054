"""The run as Rich tables in a terminal (or a CI log): headline first, then where it went wrong."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from service.evaluation.results import PRF, EvalRun, Ratio


def pct(value: float | None) -> str:
    return "—" if value is None else f"{value:.3f}"


def _prf_row(name: str, s: PRF) -> list[str]:
    return [name, pct(s.precision), pct(s.recall), pct(s.f1), f"{s.tp}/{s.fp}/{s.fn}"]


def _ratio(r: Ratio) -> str:
    return f"{pct(r.value)}  ({r.correct}/{r.total})"


def headline_lines(run: EvalRun) -> list[str]:
    """Plain one-liners for logs: the figures CI prints and floors are set from."""
    t = run.totals
    cc = t.crosscheck
    lines = [
        f"documents P {pct(t.documents.precision)} R {pct(t.documents.recall)} F1 {pct(t.documents.f1)}"
        f" strict-F1 {pct(t.strict.f1)} ({t.articles} articles, {t.failed_articles} failed)",
        "fields " + " ".join(f"{k} {pct(v.value)}" for k, v in t.fields.items()),
        "event "
        + " ".join(f"{k} {pct(v.value)}" for k, v in t.event.items())
        + f" stated_count {pct(t.stated_count.value)} commitments-R {pct(t.commitments.recall)}",
    ]
    if cc.available:
        lines.append(
            f"conflicts R {pct(cc.conflicts.recall)} P {pct(cc.conflicts.precision)}"
            f" ({cc.conflicts.recovered}/{cc.conflicts.gold} recovered, {cc.conflicts.correct}/{cc.conflicts.findings}"
            f" findings right) document_missing R {pct(cc.document_missing.recall)} P {pct(cc.document_missing.precision)}"
            f" same-event {pct(cc.same_event.pairs.value)} (false merges {cc.same_event.false_merges})"
        )
    return lines


def _tables(run: EvalRun) -> list[Table]:
    t = run.totals
    docs = Table(title="Extraction", title_justify="left")
    for col in ("", "precision", "recall", "F1", "tp/fp/fn"):
        docs.add_column(col, justify="right" if col else "left")
    docs.add_row(*_prf_row("documents", t.documents))
    docs.add_row(*_prf_row("strict (type right)", t.strict))
    docs.add_row(*_prf_row("commitments", t.commitments))
    fields = Table(title="Fields (matched documents) and event", title_justify="left")
    fields.add_column("field")
    fields.add_column("accuracy", justify="right")
    for name, r in t.fields.items():
        fields.add_row(name, _ratio(r))
    for name, r in t.event.items():
        fields.add_row(f"event {name}", _ratio(r))
    fields.add_row("stated_count", _ratio(t.stated_count))
    tables = [docs, fields]
    cc = t.crosscheck
    if cc.available:
        kinds = Table(title="Cross-check by kind", title_justify="left")
        for col in ("kind", "gold", "recovered", "recall", "findings", "right", "precision"):
            kinds.add_column(col, justify="left" if col == "kind" else "right")
        for kind, s in cc.by_kind.items():
            kinds.add_row(
                kind, str(s.gold), str(s.recovered), pct(s.recall), str(s.findings), str(s.correct), pct(s.precision)
            )
        c = cc.conflicts
        kinds.add_row(
            "[bold]conflicts[/]",
            str(c.gold),
            str(c.recovered),
            pct(c.recall),
            str(c.findings),
            str(c.correct),
            pct(c.precision),
        )
        tables.append(kinds)
    events = Table(title="Per event", title_justify="left")
    for col in ("event", "articles", "doc F1", "conflict R", "conflict P"):
        events.add_column(col, justify="left" if col == "event" else "right")
    for ev in run.events:
        scored = [s for k, s in ev.by_kind.items() if k != "document_missing"]
        recovered, gold = sum(s.recovered for s in scored), sum(s.gold for s in scored)
        correct, found = sum(s.correct for s in scored), sum(s.findings for s in scored)
        recall = pct(recovered / gold if gold else None) if ev.checked else ""
        precision = pct(correct / found if found else None) if ev.checked else ""
        events.add_row(ev.event_id, str(len(ev.articles)), pct(ev.documents.f1), recall, precision)
    tables.append(events)
    if t.usage.calls:
        u = t.usage
        usage = Table(title="Model usage", title_justify="left")
        for col in ("calls", "prompt tok", "completion tok", "cache hits", "mean latency ms", "cost/article USD"):
            usage.add_column(col, justify="right")
        usage.add_row(
            str(u.calls), str(u.prompt_tokens), str(u.completion_tokens), str(u.cache_hits),
            pct(u.latency_ms_mean), "—" if u.cost_per_article_usd is None else f"{u.cost_per_article_usd:.5f}",
        )  # fmt: skip
        tables.append(usage)
    return tables


def _misses(run: EvalRun, limit: int) -> list[str]:
    lines = []
    for a in run.articles:
        if a.error:
            lines.append(f"[red]{a.id}[/]: failed: {a.error}")
        lines += [f"[yellow]missed[/] {a.id}#{m.index} {m.type} “{m.quote[:110]}”" for m in a.missed]
        lines += [f"[magenta]spurious[/] {a.id}#{s.index} {s.type} “{s.quote[:110]}”" for s in a.spurious]
    for ev in run.events:
        lines += [
            f"[yellow]missed conflict[/] {ev.event_id} {c.kind} {c.document or '-'} {', '.join(dict.fromkeys(c.articles))}"
            for c in ev.conflicts
            if not c.recovered_by
        ]
        lines += [
            f"[magenta]false finding[/] {ev.event_id} {f.kind} {f.document or '-'}: {f.explanation}"
            for f in ev.findings
            if f.correct is False
        ]
    if len(lines) > limit:
        lines = [*lines[:limit], f"… {len(lines) - limit} more (see --json or --html)"]
    return lines


def render(run: EvalRun, console: Console, *, misses: int = 25) -> None:
    """Tables, then the first misses, then the comparison with the baseline if there is one."""
    p = run.provenance
    console.rule(f"[bold]pactcheck eval[/] {p.corpus_path}")
    console.print(
        f"[dim]extractor {p.extractor} · model {p.model or '-'} · prompt {p.prompt or '-'} · checker {p.checker or '-'}"
        f" · schema {p.schema_version} · commit {(p.git_commit or '-')[:10]}{'+dirty' if p.git_dirty else ''}"
        f" · lang {p.lang or 'all'} · {p.duration_s:.1f}s[/]"
    )
    for table in _tables(run):
        console.print(table)
    for line in _misses(run, misses):
        console.print(line, highlight=False)
    for error in run.errors:
        console.print(f"[red]error[/] {error}", highlight=False)
    if run.comparison:
        render_comparison(run, console)
    for line in headline_lines(run):
        console.print(line, highlight=False)


def render_comparison(run: EvalRun, console: Console) -> None:
    c = run.comparison
    if c is None:
        return
    table = Table(
        title=f"Against baseline {c.baseline_created_at} ({(c.baseline_commit or '-')[:10]})", title_justify="left"
    )
    for col in ("metric", "baseline", "now", "delta", ""):
        table.add_column(col, justify="left" if col in ("metric", "") else "right")
    style = {"regression": "[bold red]REGRESSION[/]", "improvement": "[green]better[/]", "same": "", "n/a": "n/a"}
    for d in c.deltas:
        delta = "" if d.delta is None else f"{d.delta:+.3f}"
        table.add_row(d.name, pct(d.baseline), pct(d.current), delta, style[d.status])
    console.print(table)
    if not c.same_corpus:
        console.print("[yellow]the baseline was measured on a different corpus or language filter[/]")
    if not c.same_extractor:
        console.print("[yellow]the baseline used another extractor or model[/]")
    for d in c.article_regressions:
        console.print(f"[red]article F1 dropped[/] {d.name}: {pct(d.baseline)} -> {pct(d.current)}", highlight=False)
