"""Every finding kind on self-written article pairs, and the paraphrases that must stay silent."""

from __future__ import annotations

from service.crosscheck import crosscheck
from service.models import CrossCheckReport
from tests.crosscheck.builders import doc, kinds, pair, summary

LEAD = "President Maris Tamm received President Arman Sadykov in Tallinn. "
ENERGY = [("Estonian Ministry of Energy", "EE"), ("Kazakh Ministry of Energy", "KZ")]


def check(a: tuple[str, dict], b: tuple[str, dict]) -> CrossCheckReport:
    """Two articles built from (body, summary keyword arguments); the document quote is the second sentence."""
    built = []
    for n, (body, spec) in enumerate((a, b), 1):
        spec = dict(spec)
        docs = [doc(body, q, **d) for q, d in spec.pop("docs", [])]
        built.append((body, summary(f"art{n}", body, docs, **spec)))
    summaries, bodies = pair(built[0], built[1])
    return crosscheck(summaries, bodies=bodies)


def one_doc(quote: str, **fields: object) -> dict:
    """The summary spec of an article that reports one document, grounded in `quote`."""
    return {"docs": [(quote, fields)]}


def wind(quote: str, **fields: object) -> tuple[str, dict]:
    base = {
        "title": "memorandum of understanding on wind power",
        "subject": "wind power cooperation",
        "parties": ENERGY,
    }
    return quote, {**base, **fields}


def test_document_type_letter_of_intent_vs_memorandum() -> None:
    a = LEAD + "The energy ministries signed a memorandum of understanding on wind power."
    b = LEAD + "The energy ministries signed a letter of intent on wind power."
    report = check(
        (a, {"docs": [wind("signed a memorandum of understanding on wind power")]}),
        (
            b,
            {
                "docs": [
                    wind(
                        "signed a letter of intent on wind power",
                        type="letter_of_intent",
                        title="letter of intent on wind power",
                    )
                ]
            },
        ),
    )
    assert kinds(report) == ["document_type"]
    finding = report.events[0].findings[0]
    assert finding.severity == "warning" and {v.value for v in finding.values} == {
        "memorandum of understanding",
        "letter of intent",
    }
    assert all(v.evidence and v.evidence[0].quote for v in finding.values)


def test_status_signed_vs_discussed_is_an_error() -> None:
    a = LEAD + "The energy ministries signed a memorandum of understanding on wind power."
    b = LEAD + "The two sides discussed a memorandum of understanding on wind power."
    report = check(
        (a, {"docs": [wind("signed a memorandum of understanding on wind power")]}),
        (b, {"docs": [wind("discussed a memorandum of understanding on wind power", status="discussed")]}),
    )
    assert kinds(report) == ["status"]
    assert report.events[0].findings[0].severity == "error"


def test_parties_ministry_vs_state_company() -> None:
    a = (
        LEAD
        + "Estonia's Ministry of Economy and Kazakhstan's Ministry of Energy signed a memorandum on hydrogen research."
    )
    b = (
        LEAD
        + "Eesti Gridco, Estonia's state power company, and Kazakhstan's Ministry of Energy signed a memorandum on hydrogen research."
    )
    spec = {"title": "memorandum on hydrogen research", "subject": "hydrogen research"}
    report = check(
        (
            a,
            one_doc(
                "signed a memorandum on hydrogen research",
                **spec,
                parties=[
                    ("Estonia's Ministry of Economy", "EE"),
                    ("Kazakhstan's Ministry of Energy", "KZ"),
                ],
            ),
        ),
        (
            b,
            one_doc(
                "signed a memorandum on hydrogen research",
                **spec,
                parties=[
                    ("Eesti Gridco, Estonia's state power company", "EE"),
                    ("Kazakhstan's Ministry of Energy", "KZ"),
                ],
            ),
        ),
    )
    assert kinds(report) == ["parties"]


def test_signatories_replaced_by_someone_else() -> None:
    a = LEAD + "Kadri Lepp and Nurlan Abenov signed a memorandum of understanding on wind power."
    b = LEAD + "Toomas Rebane and Nurlan Abenov signed a memorandum of understanding on wind power."
    report = check(
        (
            a,
            {
                "docs": [
                    wind(
                        "signed a memorandum of understanding on wind power",
                        signatories=["Kadri Lepp", "Nurlan Abenov"],
                    )
                ]
            },
        ),
        (
            b,
            {
                "docs": [
                    wind(
                        "signed a memorandum of understanding on wind power",
                        signatories=["Toomas Rebane", "Nurlan Abenov"],
                    )
                ]
            },
        ),
    )
    assert kinds(report) == ["signatories"]


def test_period_differs() -> None:
    a = LEAD + "The culture ministries adopted a cooperation programme for 2024-2026."
    b = LEAD + "The culture ministries adopted a cooperation programme for 2024-2028."
    spec = {
        "type": "cooperation_programme",
        "title": "cooperation programme",
        "subject": "culture",
        "parties": [("Estonian Ministry of Culture", "EE"), ("Kazakh Ministry of Culture", "KZ")],
    }
    report = check(
        (a, one_doc("adopted a cooperation programme for 2024-2026", **spec, period="2024-26")),
        (b, one_doc("adopted a cooperation programme for 2024-2028", **spec, period="2024-2028")),
    )
    assert kinds(report) == ["period"]


def test_count_stated_vs_stated_and_stated_vs_own_list() -> None:
    a = (
        LEAD
        + "The two governments signed five documents. The energy ministries signed a memorandum of understanding on wind power."
    )
    b = LEAD + "The two governments signed seven documents in all."
    report = check(
        (
            a,
            {
                "stated_count": 5,
                "list_complete": True,
                "docs": [wind("signed a memorandum of understanding on wind power")],
            },
        ),
        (b, {"stated_count": 7}),
    )
    found = [f for f in report.events[0].findings if f.kind == "count"]
    assert len(found) == 2
    assert {f.internal for f in found} == {True, False}
    cross = next(f for f in found if not f.internal)
    assert {v.value for v in cross.values} == {"5", "7"} and all(v.evidence for v in cross.values)


def test_event_date_differs() -> None:
    report = check((LEAD + "They met.", {"date": "2024-03-13"}), (LEAD + "They met again.", {"date": "2024-03-15"}))
    assert kinds(report) == ["event_date"]


def test_weekday_resolved_against_the_date_of_the_other_report() -> None:
    a = LEAD + "The talks were held on 13 March 2024."
    b = "The presidents signed the documents in Tallinn on Friday. President Maris Tamm thanked his guest."
    report = check((a, {"date": "2024-03-13"}), (b, {"date": None}))
    assert kinds(report) == ["event_date"]
    values = {v.article_id: v.value for v in report.events[0].findings[0].values}
    assert values == {"art2": "Friday", "art1": "2024-03-13 (Wednesday)"}


def test_event_location_two_cities() -> None:
    a = "President Maris Tamm received President Arman Sadykov in Tallinn."
    b = "President Maris Tamm received President Arman Sadykov in Tartu."
    report = check((a, {"city": "Tallinn"}), (b, {"city": "Tartu"}))
    assert len(report.events) == 1
    assert kinds(report) == ["event_location"]


def test_name_spelling_across_reports_and_inside_one() -> None:
    a = LEAD + "Marten Kask signed a memorandum of understanding on wind power. Photo: Trần Hưng. Caption by Trần Hùng."
    b = LEAD + "Morten Kask signed a memorandum of understanding on wind power."
    report = check(
        (a, {"docs": [wind("signed a memorandum of understanding on wind power", signatories=["Marten Kask"])]}),
        (b, {"docs": [wind("signed a memorandum of understanding on wind power", signatories=["Morten Kask"])]}),
    )
    spelled = [f for f in report.events[0].findings if f.kind == "name_spelling"]
    assert {f.internal for f in spelled} == {True, False}
    inside = next(f for f in spelled if f.internal)
    assert {v.value for v in inside.values} == {"Trần Hưng", "Trần Hùng"}
    assert "signatories" not in kinds(report)


def test_figure_for_the_same_loan() -> None:
    a = LEAD + "The finance ministries signed a $680 million loan agreement for the Tallinn port."
    b = LEAD + "The finance ministries signed a $655 million loan agreement for the Tallinn port."
    spec = {
        "type": "agreement",
        "title": "loan agreement for the tallinn port",
        "subject": "port loan",
        "parties": [("Estonian Ministry of Finance", "EE"), ("Kazakh Ministry of Finance", "KZ")],
    }
    report = check(
        (a, one_doc("signed a $680 million loan agreement for the Tallinn port", **spec)),
        (b, one_doc("signed a $655 million loan agreement for the Tallinn port", **spec)),
    )
    assert kinds(report) == ["figure"]
    assert {v.value for v in report.events[0].findings[0].values} == {"USD 680 million", "USD 655 million"}


def test_title_joint_statement_vs_joint_declaration() -> None:
    a = LEAD + "The presidents adopted a joint statement on strategic partnership."
    b = LEAD + "The presidents adopted a joint declaration on strategic partnership."
    report = check(
        (
            a,
            one_doc(
                "adopted a joint statement on strategic partnership",
                type="joint_statement",
                title="joint statement on strategic partnership",
                subject="strategic partnership",
                status="adopted",
            ),
        ),
        (
            b,
            one_doc(
                "adopted a joint declaration on strategic partnership",
                type="declaration",
                title="joint declaration on strategic partnership",
                subject="strategic partnership",
                status="adopted",
            ),
        ),
    )
    assert kinds(report) == ["title"]


def test_title_two_proper_names_with_a_replaced_word() -> None:
    a = LEAD + "They signed the Protocol on Customs Clearance at the border."
    b = LEAD + "They signed the Protocol on Customs Inspection at the border."
    spec = {"type": "protocol", "subject": "customs"}
    report = check(
        (
            a,
            one_doc("signed the Protocol on Customs Clearance", **spec, title="protocol on customs clearance"),
        ),
        (
            b,
            one_doc("signed the Protocol on Customs Inspection", **spec, title="protocol on customs inspection"),
        ),
    )
    assert kinds(report) == ["title"]


def test_document_missing_only_between_complete_lists() -> None:
    a = (
        LEAD
        + "The energy ministries signed a memorandum of understanding on wind power. The rail companies signed an agreement on freight transit."
    )
    b = LEAD + "The energy ministries signed a memorandum of understanding on wind power."
    rail = (
        "signed an agreement on freight transit",
        {
            "type": "agreement",
            "title": "agreement on freight transit",
            "subject": "freight transit",
            "parties": [("Estonian Railways company", "EE"), ("Kazakh Railways company", "KZ")],
        },
    )
    docs_a = [wind("signed a memorandum of understanding on wind power"), rail]
    docs_b = [wind("signed a memorandum of understanding on wind power")]
    complete = check((a, {"docs": docs_a, "list_complete": True}), (b, {"docs": docs_b, "list_complete": True}))
    assert kinds(complete) == ["document_missing"]
    partial = check((a, {"docs": docs_a, "list_complete": True}), (b, {"docs": docs_b, "list_complete": False}))
    assert kinds(partial) == []
    assert kinds(partial, ("info",)) == ["document_missing"]


def test_contradiction_inside_one_article_between_body_and_recap() -> None:
    a = (
        LEAD
        + "The defence ministries exchanged a letter of intent on officer training.\n\n"
        + "Key outcomes:\n1. The defence ministries discussed officer training through a letter of intent.\n"
    )
    b = LEAD + "The defence ministries exchanged a letter of intent on officer training."
    spec = {
        "type": "letter_of_intent",
        "title": "letter of intent on officer training",
        "subject": "officer training",
        "parties": [("Estonian Ministry of Defence", "EE"), ("Kazakh Ministry of Defence", "KZ")],
    }
    report = check(
        (a, one_doc("exchanged a letter of intent on officer training", **spec)),
        (b, one_doc("exchanged a letter of intent on officer training", **spec)),
    )
    assert kinds(report) == ["status"]
    finding = report.events[0].findings[0]
    assert finding.internal and finding.articles == ["art1", "art1"]
    assert {v.value for v in finding.values} == {"signed", "discussed"}
    starts = [v.evidence[0].start for v in finding.values]
    assert starts[0] != starts[1]


def test_paraphrases_are_not_conflicts() -> None:
    a = "President Maris Tamm received Phan Văn Giang in Tallinn. The ministries of energy inked an MoU on wind power."
    b = "In Tallinn, Phan Van Giang met President Maris Tamm. The Ministry of Energy of Estonia and Kazakhstan's energy ministry exchanged a memorandum of understanding on wind power."
    report = check(
        (
            a,
            {
                "principals": ("Maris Tamm", "Phan Văn Giang"),
                "docs": [
                    (
                        "inked an MoU on wind power",
                        {"title": "mou on wind power", "subject": "wind power", "parties": ENERGY},
                    )
                ],
            },
        ),
        (
            b,
            {
                "principals": ("Maris Tamm", "Phan Van Giang"),
                "docs": [
                    (
                        "exchanged a memorandum of understanding on wind power",
                        {
                            "title": "memorandum of understanding on wind power",
                            "subject": "wind power",
                            "parties": [
                                ("Ministry of Energy of Estonia", "EE"),
                                ("Kazakhstan's energy ministry", "KZ"),
                            ],
                        },
                    )
                ],
            },
        ),
    )
    assert kinds(report) == []


def test_shortened_bodies_and_bare_countries_are_not_party_conflicts() -> None:
    a = LEAD + "The Ministry of Public Service signed a memorandum on civil servant training."
    b = (
        LEAD
        + "The Ministry of Public Service and Administrative Reforms signed a memorandum on civil servant training."
    )
    spec = {"title": "memorandum on civil servant training", "subject": "civil servant training"}
    report = check(
        (
            a,
            one_doc(
                "signed a memorandum on civil servant training",
                **spec,
                parties=[("Ministry of Public Service", "EE"), ("Kazakhstan", "KZ")],
            ),
        ),
        (
            b,
            one_doc(
                "signed a memorandum on civil servant training",
                **spec,
                parties=[
                    ("Ministry of Public Service and Administrative Reforms", "EE"),
                    ("Kazakh Ministry of Labour", "KZ"),
                ],
            ),
        ),
    )
    assert kinds(report) == []


def test_spacing_and_shortened_names_are_not_spelling_conflicts() -> None:
    a = LEAD + "They met."
    b = LEAD + "They met too."
    report = check(
        (a, {"principals": ("Navin Chandra Ramgoolam", "Muhammad Shehbaz Sharif")}),
        (b, {"principals": ("Navinchandra Ramgoolam", "Shehbaz Sharif")}),
    )
    assert kinds(report) == []


def test_background_fact_dated_differently_is_a_figure() -> None:
    """The same historical fact told with another year; a date of the visit is not such a fact."""
    body_a = (
        "The leaders met in Tallinn on 13 March 2024. The old harbour bridge, built by Duke Karl the Bold "
        "in 1842, was lit in both flags.\n"
    )
    body_b = (
        "Talks took place in Tallinn on 13 March 2024. Duke Karl the Bold built the harbour bridge in 1843, "
        "guides told the guests.\n"
    )
    report = crosscheck([summary("a", body_a), summary("b", body_b)], bodies={"a": body_a, "b": body_b})
    figures = [f for ev in report.events for f in ev.findings if f.kind == "figure"]
    assert len(figures) == 1
    assert sorted(v.value for v in figures[0].values) == ["1842", "1843"]


def test_counts_of_different_things_are_only_a_note() -> None:
    """ "Five memoranda" in one report and "seven documents" in another need not disagree."""
    body_a = "The leaders met in Tallinn on 13 March 2024 and five memoranda were signed.\n"
    body_b = "Talks in Tallinn on 13 March 2024 ended with seven documents signed.\n"
    report = crosscheck(
        [summary("a", body_a, stated_count=5), summary("b", body_b, stated_count=7)],
        bodies={"a": body_a, "b": body_b},
    )
    counts = [f for ev in report.events for f in ev.findings if f.kind == "count"]
    assert [f.severity for f in counts] == ["info"]
