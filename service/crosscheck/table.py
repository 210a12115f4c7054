"""A readable terminal view of a report: per event, the alignment matrix and the findings."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from service.models import CrossCheckReport, EventReport
from service.vocabulary import TYPE_LABEL

_SEVERITY_STYLE = {"error": "bold red", "warning": "yellow", "info": "dim"}


def short_id(article_id: str, width: int = 18) -> str:
    """The distinctive end of an id ("event__outlet" -> "outlet"), cut to `width`."""
    tail = article_id.split("__")[-1]
    return tail if len(tail) <= width else tail[: width - 1] + "\u2026"


def matrix(event: EventReport) -> Table:
    """Canonical documents x compared articles: each cell the article's type and status, or a dash."""
    columns = list(event.documents[0].mentions) if event.documents else []
    table = Table(title="Alignment", show_lines=False, expand=False, title_justify="left")
    table.add_column("document", overflow="fold", max_width=40)
    table.add_column("", no_wrap=True)
    for article_id in columns:
        table.add_column(short_id(article_id), overflow="fold")
    for doc in event.documents:
        cells = []
        for article_id in columns:
            m = doc.mentions.get(article_id)
            cells.append("\u2014" if m is None else f"{TYPE_LABEL.get(m.type, m.type)}, {m.status}")
        style = {"disputed": "red", "single": "dim", "agreed": "green"}[doc.agreement]
        label = doc.label
        if doc.reasons:
            label += (
                f"\n[dim]{'; '.join(doc.reasons)} ({doc.confidence:.2f}{', uncertain' if doc.uncertain else ''})[/]"
            )
        table.add_row(label, Text(doc.agreement, style=style), *cells)
    return table


def findings(event: EventReport) -> Table:
    table = Table(title="Findings", show_lines=True, expand=True, title_justify="left")
    for col, width in (("id", 8), ("severity", 8), ("kind", 14), ("explanation", None), ("what each says", None)):
        table.add_column(col, overflow="fold", max_width=width, ratio=None if width else 1)
    for f in event.findings:
        if f.severity == "info":
            continue
        values = "\n".join(
            f"{short_id(v.article_id)}: {v.value}" + (f"\n  \u201c{v.evidence[0].quote}\u201d" if v.evidence else "")
            for v in f.values
        )
        kind = f.kind + (" (internal)" if f.internal else "")
        table.add_row(
            f.id.rsplit(":", 1)[-1],
            Text(f.severity, style=_SEVERITY_STYLE[f.severity]),
            kind,
            f.explanation,
            values,
        )
    return table


def render(report: CrossCheckReport) -> list[RenderableType]:
    """One panel per event, then the copy groups and the notes."""
    out: list[RenderableType] = []
    for event in report.events:
        t = event.totals
        head = Text.assemble(
            (f"{len(event.article_ids)} article(s). ", "bold"),
            f"Agreed {t.agreed} \u00b7 disputed {t.disputed} \u00b7 single source {t.single_source}. ",
            ("Why grouped: " + "; ".join(event.reasons), "dim"),
        )
        parts: list[RenderableType] = [head]
        if event.documents:
            parts.append(matrix(event))
        alarms = [f for f in event.findings if f.severity != "info"]
        notes = [f for f in event.findings if f.severity == "info"]
        if alarms:
            parts.append(findings(event))
        else:
            parts.append(Text("No inconsistencies found.", style="green"))
        if notes:
            parts.append(
                Text(
                    f"{len(notes)} info note(s): documents some reports omit while their lists are incomplete "
                    "(see the JSON or HTML report).",
                    style="dim",
                )
            )
        out.append(Panel(Group(*parts), title=f"[bold]{event.label}[/]", subtitle=event.event_id))
    for group in report.copies:
        out.append(Text(f"{group.kind}: {', '.join(group.article_ids)} (kept {group.kept})", style="cyan"))
    for note in report.notes:
        out.append(Text(f"note: {note}", style="dim"))
    return out
