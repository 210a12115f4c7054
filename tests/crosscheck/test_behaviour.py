"""Behavioural tests of the cross-checker (CheckList: minimum functionality, invariance, directional).

Two self-written reports of one fictional visit are rendered from a structured description, so a
perturbation changes one fact in the text and the summary together. Each test states the
phenomenon, never a wording of the dev corpus.
"""

from __future__ import annotations

import copy
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, replace

import pytest

from service.crosscheck import crosscheck
from service.models import ArticleSummary, CrossCheckReport
from tests.crosscheck.builders import doc, summary

TYPE_WORDS = {
    "memorandum_of_understanding": "memorandum of understanding",
    "letter_of_intent": "letter of intent",
    "agreement": "agreement",
    "treaty": "treaty",
    "protocol": "protocol",
    "declaration": "joint declaration",
    "joint_statement": "joint statement",
    "cooperation_programme": "cooperation programme",
    "contract": "contract",
}
VERBS = {"signed": "signed", "planned": "would sign", "adopted": "adopted", "discussed": "discussed"}


@dataclass
class Paper:
    type: str
    subject: str
    parties: list[tuple[str, str]]
    status: str = "signed"
    signatories: list[str] = field(default_factory=list)
    period: str | None = None
    amount: str | None = None
    words: str | None = None  # how the type is written, when not the usual words


@dataclass
class Report:
    article_id: str
    papers: list[Paper]
    weekday: str = "Tuesday"
    date: str = "2026-04-14"
    verb_signed: str = "signed"
    countries: tuple[str, str] = ("Finland", "Peru")
    codes: tuple[str, str] = ("FI", "PE")
    leaders: tuple[str, str] = ("Aino Lehtonen", "Rosa Quispe")
    city: str = "Helsinki"
    style: int = 0  # two outlets write the same facts in different sentences


def _sentence(p: Paper, verb_signed: str, style: int) -> str:
    who = " and ".join(p.signatories) if p.signatories else " and ".join(n for n, _ in p.parties)
    verb = verb_signed if p.status == "signed" else VERBS[p.status]
    what = p.words or TYPE_WORDS[p.type]
    tail = f" for {p.period}" if p.period else ""
    tail += f" worth {p.amount}" if p.amount else ""
    if style == 1:
        return f"Officials said that {who} {verb} a {what} on {p.subject}{tail}, according to the delegation"
    return f"{who} {verb} a {what} on {p.subject}{tail}"


def render(r: Report) -> tuple[ArticleSummary, str]:
    """The body and a grounded summary of one report."""
    first = (
        f"{r.leaders[0]} of {r.countries[0]} held talks with {r.leaders[1]} of {r.countries[1]} "
        f"in {r.city} on {r.weekday}."
        if r.style == 0
        else f"The visit to {r.city} brought {r.leaders[1]} together with {r.leaders[0]} on {r.weekday}, "
        "and several papers were concluded."
    )
    sentences = [_sentence(p, r.verb_signed, r.style) for p in r.papers]
    body = first + "\n\n" + "\n\n".join(s + "." for s in sentences) + "\n"
    docs = [
        doc(
            body,
            s,
            type=p.type,
            title=f"{p.words or TYPE_WORDS[p.type]} on {p.subject}",
            subject=p.subject,
            status=p.status,
            parties=p.parties,
            signatories=p.signatories,
            period=p.period,
        )
        for p, s in zip(r.papers, sentences, strict=True)
    ]
    made = summary(
        r.article_id,
        body,
        docs,
        city=r.city,
        country=r.codes[0],
        date=r.date,
        countries=r.codes,
        principals=r.leaders,
        list_complete=True,
    )
    return made, body


def base(article_id: str) -> Report:
    fi, pe = ("Finland", "FI"), ("Peru", "PE")
    return Report(
        article_id,
        style=0 if article_id == "a" else 1,
        papers=[
            Paper("declaration", "a strategic partnership", [fi, pe], signatories=["Aino Lehtonen", "Rosa Quispe"]),
            Paper("memorandum_of_understanding", "forestry research", [("Finnish Forest Institute", "FI"), pe]),
            Paper("agreement", "air services", [fi, pe]),
            Paper("cooperation_programme", "education exchange", [fi, pe], period="2026-2028"),
            Paper(
                "contract",
                "mining equipment",
                [("Kallio Machines Oy", "FI"), ("Andes Copper Corp", "PE")],
                amount="$120 million",
            ),
        ],
    )


def run(*reports: Report) -> CrossCheckReport:
    rendered = [render(r) for r in reports]
    return crosscheck([s for s, _ in rendered], bodies={s.article.id: b for s, b in rendered})


def findings(report: CrossCheckReport) -> Counter[str]:
    return Counter(f.kind for ev in report.events for f in ev.findings if f.severity != "info")


def test_the_base_pair_agrees() -> None:
    report = run(base("a"), base("b"))
    assert len(report.events) == 1
    assert findings(report) == Counter()
    assert all(len([m for m in d.mentions.values() if m]) == 2 for d in report.events[0].documents)


def _perturbed(change) -> Report:  # type: ignore[no-untyped-def]
    b = base("b")
    change(b)
    return b


MINIMAL_PAIRS = {
    "document_type": lambda r: setattr(r.papers[1], "type", "letter_of_intent"),
    "status": lambda r: setattr(r.papers[2], "status", "planned"),
    "parties": lambda r: setattr(r.papers[4], "parties", [("Kallio Machines Oy", "FI"), ("Pacific Ore Ltd", "PE")]),
    "signatories": lambda r: setattr(r.papers[0], "signatories", ["Aino Lehtonen", "Jorge Salas"]),
    "period": lambda r: setattr(r.papers[3], "period", "2026-2030"),
    "figure": lambda r: setattr(r.papers[4], "amount", "$150 million"),
    "title": lambda r: setattr(r.papers[0], "type", "joint_statement"),
}


@pytest.mark.parametrize("kind", sorted(MINIMAL_PAIRS))
def test_minimal_pair_gives_exactly_one_finding_of_its_kind(kind: str) -> None:
    report = run(base("a"), _perturbed(MINIMAL_PAIRS[kind]))
    assert findings(report) == Counter({kind: 1}), findings(report)


def test_declaration_vs_treaty_for_the_leaders_paper_is_a_type_finding() -> None:
    """No word in common: the role (the one paper the two leaders signed) aligns them."""

    def treaty(r: Report) -> None:
        r.papers[0] = replace(r.papers[0], type="treaty", subject="bilateral ties")

    report = run(base("a"), _perturbed(treaty))
    assert findings(report) == Counter({"document_type": 1})
    leaders = next(d for d in report.events[0].documents if d.type in ("declaration", "treaty"))
    assert len([m for m in leaders.mentions.values() if m]) == 2
    assert any("leaders" in r for r in leaders.reasons)


def test_vague_umbrella_list_is_not_aligned_to_a_specific_paper() -> None:
    """ "Agreements on forestry, health and culture" are fields, not the forestry memorandum."""
    b = base("b")
    fi, pe = ("Finland", "FI"), ("Peru", "PE")
    b.papers[1] = Paper("agreement", "forestry, health and culture", [fi, pe], status="planned")
    a_summary, a_body = render(base("a"))
    b_summary, b_body = render(b)
    quote = b_summary.documents[1].evidence[0]
    umbrella = b_summary.documents[1]
    b_summary.documents[1:2] = [
        umbrella.model_copy(update={"subject": s, "title": f"agreement on {s}", "evidence": [quote]})
        for s in ("forestry", "health", "culture")
    ]
    report = crosscheck([a_summary, b_summary], bodies={"a": a_body, "b": b_body})
    assert not {"document_type", "status"} & set(findings(report))


@pytest.mark.parametrize(
    "variant",
    ["rename", "reorder", "inked", "syndicated"],
)
def test_invariance(variant: str) -> None:
    reference = findings(run(base("a"), _perturbed(MINIMAL_PAIRS["status"])))
    a, b = base("a"), _perturbed(MINIMAL_PAIRS["status"])
    extra: list[Report] = []
    if variant == "rename":
        for r in (a, b):
            r.countries, r.codes, r.leaders, r.city = (
                ("Norway", "Chile"),
                ("NO", "CL"),
                ("Kari Berg", "Luis Rojas"),
                "Oslo",
            )
            for p in r.papers:
                p.parties = [
                    {"Finland": ("Norway", "NO"), "Peru": ("Chile", "CL")}.get(n, (n, {"FI": "NO", "PE": "CL"}[c]))
                    for n, c in p.parties
                ]
                p.signatories = [
                    {"Aino Lehtonen": "Kari Berg", "Rosa Quispe": "Luis Rojas"}.get(s, s) for s in p.signatories
                ]
    elif variant == "reorder":
        b.papers.reverse()
    elif variant == "inked":
        b.verb_signed = "inked"
    elif variant == "syndicated":
        extra = [copy.deepcopy(a)]
        extra[0].article_id = "a_copy"
    assert findings(run(a, b, *extra)) == reference


def test_directional_signed_to_would_sign_adds_one_status_finding() -> None:
    before = findings(run(base("a"), base("b")))
    after = findings(run(base("a"), _perturbed(lambda r: setattr(r.papers[3], "status", "planned"))))
    assert after - before == Counter({"status": 1})
    assert before - after == Counter()


def test_directional_dropping_a_party_adds_one_parties_finding() -> None:
    def drop(r: Report) -> None:
        r.papers[4].parties = [("Kallio Machines Oy", "FI"), ("Pacific Ore Ltd", "PE")]

    before = findings(run(base("a"), base("b")))
    after = findings(run(base("a"), _perturbed(drop)))
    assert after - before == Counter({"parties": 1})


def test_stated_count_of_one_type_against_the_list_is_internal() -> None:
    """ "Three memoranda were signed" over a complete list of two memoranda and a protocol."""
    body = (
        "Three memoranda were signed in Lima on Tuesday. The memoranda cover fisheries and tourism, "
        "and a protocol on customs was also concluded.\n"
    )
    quote_m = "The memoranda cover fisheries and tourism"
    docs = [
        doc(body, quote_m, subject="fisheries", title="memorandum on fisheries"),
        doc(body, quote_m, subject="tourism", title="memorandum on tourism"),
        doc(
            body,
            "a protocol on customs was also concluded",
            type="protocol",
            subject="customs",
            title="protocol on customs",
        ),
    ]
    one = summary("solo", body, docs, city="Lima", country="PE", stated_count=3, list_complete=True)
    report = crosscheck([one], bodies={"solo": body})
    internal = [f for ev in report.events for f in ev.findings if f.kind == "count" and f.internal]
    assert len(internal) == 1


def test_subsidiary_against_its_parent_is_a_parties_finding() -> None:
    def unit(r: Report) -> None:
        r.papers[4].parties = [("Kallio Mining Systems", "FI"), ("Andes Copper Corp", "PE")]

    assert findings(run(base("a"), _perturbed(unit))) == Counter({"parties": 1})


def test_the_same_firm_with_or_without_its_legal_form_is_no_finding() -> None:
    def short(r: Report) -> None:
        r.papers[4].parties = [("Kallio Machines", "FI"), ("Andes Copper", "PE")]

    assert findings(run(base("a"), _perturbed(short))) == Counter()


@pytest.mark.parametrize("currency", ["kroner", "million euros", "zloty"])
def test_amounts_in_other_currencies_are_compared(currency: str) -> None:
    def amount(value: str) -> Callable[[Report], None]:
        def change(r: Report) -> None:
            r.papers[4].amount = f"{value} {currency}" if currency != "million euros" else f"{value} million euros"

        return change

    a, b = _perturbed(amount("120")), _perturbed(amount("150"))
    a.article_id, a.style = "a", 0
    assert findings(run(a, b)) == Counter({"figure": 1})


def test_a_count_over_a_list_the_summary_holds_only_in_part_is_no_contradiction() -> None:
    """ "Three memoranda were signed" when the summary found two of them and, elsewhere, a contract."""
    body = (
        "Three memoranda were signed in Lima on Tuesday, covering fisheries, tourism and mining. "
        "Separately, a contract for buses was signed.\n"
    )
    quote_m = "covering fisheries, tourism and mining"
    docs = [
        doc(body, quote_m, subject="fisheries", title="memorandum on fisheries"),
        doc(body, quote_m, subject="tourism", title="memorandum on tourism"),
        doc(body, "a contract for buses was signed", type="contract", subject="buses", title="contract for buses"),
    ]
    one = summary("solo", body, docs, city="Lima", country="PE", stated_count=3, list_complete=True)
    report = crosscheck([one], bodies={"solo": body})
    assert [f for ev in report.events for f in ev.findings if f.kind == "count"] == []


def test_a_quote_naming_a_subsidiary_makes_its_bodies_firms() -> None:
    """Two names of unknown kind, one "a subsidiary of" the other's group: a parties finding."""

    def parent(r: Report) -> None:
        r.papers[4].parties = [("Kallio Tech", "FI"), ("Andes Copper Corp", "PE")]
        r.papers[4].words = "contract, through Kallio Tech, a subsidiary of Kallio Group,"

    def child(r: Report) -> None:
        r.papers[4].parties = [("Kallio Group", "FI"), ("Andes Copper Corp", "PE")]

    a = base("a")
    child(a)
    assert findings(run(a, _perturbed(parent))) == Counter({"parties": 1})


def test_a_province_against_a_national_ministry_is_a_parties_finding() -> None:
    def province(r: Report) -> None:
        r.papers[1].parties = [("Finnish Forest Institute", "FI"), ("regional government of Loreto province", "PE")]

    def ministry(r: Report) -> None:
        r.papers[1].parties = [("Finnish Forest Institute", "FI"), ("Ministry of Agriculture", "PE")]

    a = base("a")
    province(a)
    assert findings(run(a, _perturbed(ministry))) == Counter({"parties": 1})


def test_an_iso_code_before_the_number_is_a_currency() -> None:
    a, b = base("a"), base("b")
    a.papers[4].amount, b.papers[4].amount = "CZK 120 million", "150 million koruna"
    assert findings(run(a, b)) == Counter({"figure": 1})
