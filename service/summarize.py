"""The 2-4 sentences an editor can paste, written only from grounded fields.

Template-built rather than generated: every word of it is traceable to a grounded item,
so a summary can never state what the evidence does not.
"""

from __future__ import annotations

from collections import Counter

from service.countries import country_name
from service.models import ArticleSummary
from service.vocabulary import TYPE_LABEL


def _join(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _plural(label: str, n: int) -> str:
    if n == 1:
        return label
    if label.startswith("memorandum"):
        return label.replace("memorandum", "memoranda", 1)
    if label == "treaty":
        return "treaties"
    if label.startswith("letter of"):
        return label.replace("letter", "letters", 1)
    return label + "s"


def write_summary(s: ArticleSummary) -> str:
    sentences: list[str] = []
    ev = s.event
    sides = [country_name(c) or c for c in ev.countries]
    where = ", ".join(x for x in (ev.location.city, country_name(ev.location.country)) if x)
    if sides or ev.principals or where:
        who = _join(ev.principals) if ev.principals else _join(sides) or "The sides"
        sentence = f"{who} met"
        if where:
            sentence += f" in {where}"
        if ev.date:
            sentence += f" on {ev.date}"
        if sides and ev.principals:
            sentence += f" ({_join(sides)})"
        sentences.append(sentence + ".")
    if s.documents:
        by_status = Counter(d.status for d in s.documents)
        parts = []
        for status in ("signed", "adopted", "planned", "discussed"):
            docs = [d for d in s.documents if d.status == status]
            if not docs:
                continue
            kinds = Counter(d.type for d in docs)
            listed = _join([f"{n} {_plural(TYPE_LABEL[t], n)}" for t, n in kinds.most_common()])
            verb = {
                "signed": "signed",
                "adopted": "adopted",
                "planned": "planned for later",
                "discussed": "discussed only",
            }[status]
            parts.append(f"{listed} {verb}")
        total = sum(by_status.values())
        sentences.append(f"The article reports {total} document{'s' if total != 1 else ''}: {'; '.join(parts)}.")
        subjects = [d.subject for d in s.documents if d.subject][:4]
        if subjects:
            sentences.append(f"Subjects include {_join(subjects)}.")
    else:
        sentences.append("The article reports no signed or planned documents.")
    concluded = sum(1 for d in s.documents if d.status in ("signed", "adopted"))
    if s.stated_count is not None and s.stated_count != concluded:
        # Planned and discussed documents are not among the ones an article counts as signed.
        sentences.append(f"It states {s.stated_count} documents but names {concluded} signed or adopted.")
    elif s.commitments and len(sentences) < 4:
        sentences.append(f"It also reports {len(s.commitments)} pledge{'s' if len(s.commitments) != 1 else ''}.")
    return " ".join(sentences[:4])
