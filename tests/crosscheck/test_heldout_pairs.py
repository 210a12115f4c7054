"""A second held-out set: self-written pairs worded unlike the corpus and the eval fixtures.

Other countries, other verbs ("put pen to paper", "inked", "initialled"), amounts in euros,
rupees and "bn", dates as "on 3 March" or "last Tuesday", recaps with bullets and dashes, and
names with transliteration variants (Mohammad / Muhammad: same spelling) against real
misspellings (Katherine / Catherine). Each pair states the findings an editor expects, and
nothing else may be reported.
"""

from __future__ import annotations

from typing import Any

from service.crosscheck import crosscheck
from service.models import CrossCheckReport, Finding
from tests.crosscheck.builders import doc, kinds, pair, summary

Spec = tuple[str, dict[str, Any]]


def run(a: Spec, b: Spec) -> CrossCheckReport:
    """Two articles from (body, summary fields); `docs` holds (quote, document fields) pairs."""
    built = []
    for n, (body, spec) in enumerate((a, b), 1):
        fields = dict(spec)
        docs = [doc(body, q, **d) for q, d in fields.pop("docs", [])]
        built.append((body, summary(f"art{n}", body, docs, **fields)))
    summaries, bodies = pair(built[0], built[1])
    report = crosscheck(summaries, bodies=bodies)
    assert len(report.events) == 1, report.notes
    return report


def found(report: CrossCheckReport, kind: str) -> list[Finding]:
    return [f for f in report.events[0].findings if f.kind == kind and f.severity != "info"]


# Portugal and Jordan: a recap with bullets whose last item was only initialled.
LISBON_A = (
    "LISBON, 3 March 2027 - Portugal and Jordan put pen to paper on three documents on 3 March after Prime "
    "Minister Rui Almeida held talks with Jordanian Prime Minister Mohammad Haddad.\n"
    "The water ministries signed a memorandum of understanding on desalination worth EUR 250 million.\n"
    "The tourism ministries concluded an agreement on hotel training.\n"
    "The defence ministries signed a protocol on defence industry cooperation.\n"
    "Signed in Lisbon:\n"
    "\u2022 memorandum on desalination (EUR 250 million)\n"
    "\u2022 agreement on hotel training\n"
    "\u2022 protocol on defence industry cooperation (initialled; signature expected in May)\n"
)
LISBON_B = (
    "AMMAN, 4 March 2027 - Jordan and Portugal signed three agreements in Lisbon on Wednesday, the office of "
    "Prime Minister Muhammad Haddad said.\n"
    "Haddad and his Portuguese counterpart Rui Almeida witnessed the signing of a \u20ac250m memorandum of "
    "understanding on water desalination, an agreement on training hotel staff and a defence industry protocol."
)
LISBON = {
    "city": "Lisbon",
    "country": "PT",
    "date": "2027-03-03",
    "countries": ("JO", "PT"),
    "stated_count": 3,
    "list_complete": True,
}
WATER = {"title": "memorandum of understanding on desalination", "subject": "water desalination"}
HOTEL = {"type": "agreement", "title": "agreement on hotel training", "subject": "hotel staff training"}
DEFENCE = {"type": "protocol", "title": "protocol on defence industry cooperation", "subject": "defence industry"}


def test_bullet_recap_with_an_initialled_paper_is_an_internal_status_contradiction() -> None:
    report = run(
        (
            LISBON_A,
            {
                **LISBON,
                "principals": ("Rui Almeida", "Mohammad Haddad"),
                "docs": [
                    ("signed a memorandum of understanding on desalination worth EUR 250 million", WATER),
                    ("concluded an agreement on hotel training", HOTEL),
                    ("signed a protocol on defence industry cooperation", DEFENCE),
                ],
            },
        ),
        (
            LISBON_B,
            {
                **LISBON,
                "principals": ("Rui Almeida", "Muhammad Haddad"),
                "docs": [
                    ("a \u20ac250m memorandum of understanding on water desalination", WATER),
                    ("an agreement on training hotel staff", {**HOTEL, "title": "agreement on training hotel staff"}),
                    ("a defence industry protocol", {**DEFENCE, "title": "defence industry protocol"}),
                ],
            },
        ),
    )
    assert kinds(report) == ["status"]
    status = found(report, "status")[0]
    assert status.internal and {v.value for v in status.values} == {"signed", "planned"}
    assert any("initialled" in v.evidence[0].quote for v in status.values)


# India and Kenya: rupees in crore, a misspelt given name, counts that differ, a paper still to come.
NAIROBI_A = (
    "NEW DELHI: India and Kenya inked three pacts in Nairobi on Tuesday during External Affairs Minister "
    "Arjun Menon's visit, where he met Kenyan Foreign Secretary Katherine Wanjiru.\n"
    "The Export-Import Bank of India extended a Rs 2,000 crore line of credit to Kenya's National Treasury "
    "for irrigation projects.\n"
    "The health ministries signed a memorandum of understanding on generic medicines.\n"
    "The two sides also signed an agreement on cultural exchanges.\n"
)
NAIROBI_B = (
    "NAIROBI, 9 March 2027 - Kenya and India signed four agreements on Tuesday as Foreign Secretary Catherine "
    "Wanjiru hosted India's Arjun Menon.\n"
    "Under a \u20b91,800 crore line of credit from the Export-Import Bank of India, the National Treasury will "
    "fund irrigation schemes.\n"
    "The health ministries signed a memorandum of understanding on affordable generic drugs.\n"
    "An agreement on cultural exchanges was also signed.\n"
    "A fourth document, a memorandum on space research, is set to be signed in June.\n"
)
NAIROBI = {"city": "Nairobi", "country": "KE", "date": "2027-03-09", "countries": ("IN", "KE")}
CREDIT = {
    "type": "other",
    "title": "line of credit",
    "subject": "line of credit for irrigation",
    "parties": [("Export-Import Bank of India", "IN"), ("National Treasury", "KE")],
}
MEDICINES = {"title": "memorandum of understanding on generic medicines", "subject": "generic medicines"}
CULTURE = {"type": "agreement", "title": "agreement on cultural exchanges", "subject": "cultural exchanges"}


def test_rupee_amounts_counts_and_a_misspelt_given_name() -> None:
    report = run(
        (
            NAIROBI_A,
            {
                **NAIROBI,
                "principals": ("Arjun Menon", "Katherine Wanjiru"),
                "stated_count": 3,
                "list_complete": False,
                "docs": [
                    ("extended a Rs 2,000 crore line of credit to Kenya's National Treasury", CREDIT),
                    ("signed a memorandum of understanding on generic medicines", MEDICINES),
                    ("signed an agreement on cultural exchanges", CULTURE),
                ],
            },
        ),
        (
            NAIROBI_B,
            {
                **NAIROBI,
                "principals": ("Arjun Menon", "Catherine Wanjiru"),
                "stated_count": 4,
                "list_complete": True,
                "docs": [
                    ("Under a \u20b91,800 crore line of credit from the Export-Import Bank of India", CREDIT),
                    (
                        "signed a memorandum of understanding on affordable generic drugs",
                        {**MEDICINES, "subject": "affordable generic drugs"},
                    ),
                    ("An agreement on cultural exchanges was also signed", CULTURE),
                    (
                        "a memorandum on space research, is set to be signed in June",
                        {"title": "memorandum on space research", "subject": "space research", "status": "planned"},
                    ),
                ],
            },
        ),
    )
    assert kinds(report) == ["count", "figure", "name_spelling"]
    assert not any(f.internal for f in found(report, "count")), "four listed with one to come is not a contradiction"
    assert {v.value for v in found(report, "figure")[0].values} == {"INR 20 billion", "INR 18 billion"}
    assert {v.value for v in found(report, "name_spelling")[0].values} == {"Katherine Wanjiru", "Catherine Wanjiru"}


# Uzbekistan and Malaysia: "last Tuesday" against the dateline, two different carmakers, other signatories.
TASHKENT_A = (
    "KUALA LUMPUR, 12 March 2027 - Malaysia and Uzbekistan signed two agreements in Tashkent last Tuesday "
    "during Prime Minister Aziz Rahman's official visit.\n"
    "UzAuto Motors and Proton Holdings signed a contract for the assembly of 5,000 cars.\n"
    "The agreement on avoiding double taxation was signed by finance ministers Nodir Yusupov and Lim Wei Jie.\n"
)
TASHKENT_B = (
    "TASHKENT, 10 March 2027 - Uzbekistan and Malaysia signed two agreements on 10 March as President "
    "Bakhtiyor Karimov received Prime Minister Aziz Rahman.\n"
    "Samarkand Car Factory and Proton Holdings signed a contract to assemble 5,000 cars.\n"
    "Deputy prime ministers Jamshid Tursunov and Lim Wei Jie signed the agreement on avoiding double taxation.\n"
)
TASHKENT = {"city": "Tashkent", "country": "UZ", "countries": ("MY", "UZ"), "stated_count": 2}
CARS = {"type": "contract", "title": "contract for the assembly of cars", "subject": "car assembly"}
TAX = {"type": "agreement", "title": "agreement on avoiding double taxation", "subject": "double taxation"}


def test_last_weekday_against_the_dateline_other_firm_and_other_signatory() -> None:
    report = run(
        (
            TASHKENT_A,
            {
                **TASHKENT,
                "date": None,
                "principals": ("Aziz Rahman",),
                "docs": [
                    (
                        "UzAuto Motors and Proton Holdings signed a contract for the assembly of 5,000 cars",
                        {**CARS, "parties": [("UzAuto Motors", "UZ"), ("Proton Holdings", "MY")]},
                    ),
                    (
                        "The agreement on avoiding double taxation was signed by finance ministers Nodir Yusupov "
                        "and Lim Wei Jie",
                        {**TAX, "signatories": ["Nodir Yusupov", "Lim Wei Jie"]},
                    ),
                ],
            },
        ),
        (
            TASHKENT_B,
            {
                **TASHKENT,
                "date": "2027-03-10",
                "principals": ("Bakhtiyor Karimov", "Aziz Rahman"),
                "docs": [
                    (
                        "Samarkand Car Factory and Proton Holdings signed a contract to assemble 5,000 cars",
                        {**CARS, "parties": [("Samarkand Car Factory", "UZ"), ("Proton Holdings", "MY")]},
                    ),
                    (
                        "Deputy prime ministers Jamshid Tursunov and Lim Wei Jie signed the agreement on avoiding "
                        "double taxation",
                        {**TAX, "signatories": ["Jamshid Tursunov", "Lim Wei Jie"]},
                    ),
                ],
            },
        ),
    )
    assert kinds(report) == ["event_date", "parties", "signatories"]
    date = found(report, "event_date")[0]
    assert {v.article_id: v.value for v in date.values}["art1"].startswith("2027-03-09")


# Ghana and Norway: another city, a communique against a declaration, a protocol against an agreement.
ACCRA_A = (
    "ACCRA - President Ama Owusu received Norwegian Prime Minister Ingrid Lunde in Accra on 17 March 2027.\n"
    "The two leaders issued a joint communique on a green growth partnership.\n"
    "Ghana's Ministry of Fisheries and Norway's Institute of Marine Research signed a protocol on fisheries "
    "research for 2027 to 2030.\n"
    "The energy ministries inked a memorandum of understanding on offshore wind.\n"
)
ACCRA_B = (
    "KUMASI - Norwegian Prime Minister Ingrid Lunde met President Ama Owusu in Kumasi on 17 March 2027.\n"
    "The leaders adopted a joint declaration on a green growth partnership.\n"
    "Ghana's fisheries ministry and Norway's Institute of Marine Research put pen to paper on an agreement on "
    "fisheries research covering 2027-2029.\n"
    "The Ministry of Energy of Ghana and Norway's energy ministry exchanged a memorandum of understanding on "
    "offshore wind power.\n"
)
GHANA = {"country": "GH", "date": "2027-03-17", "countries": ("GH", "NO"), "principals": ("Ama Owusu", "Ingrid Lunde")}
GREEN = {"subject": "green growth partnership", "status": "adopted"}
FISH = {"subject": "fisheries research", "parties": []}
WIND = {"title": "memorandum of understanding on offshore wind", "subject": "offshore wind"}


def test_city_title_type_and_period_while_paraphrases_stay_silent() -> None:
    research = [("Norway's Institute of Marine Research", "NO")]
    report = run(
        (
            ACCRA_A,
            {
                **GHANA,
                "city": "Accra",
                "docs": [
                    (
                        "issued a joint communique on a green growth partnership",
                        {**GREEN, "type": "joint_statement", "title": "joint communique on a green growth partnership"},
                    ),
                    (
                        "Ghana's Ministry of Fisheries and Norway's Institute of Marine Research signed a protocol on "
                        "fisheries research for 2027 to 2030",
                        {
                            **FISH,
                            "type": "protocol",
                            "title": "protocol on fisheries research",
                            "period": "2027 to 2030",
                            "parties": [("Ghana's Ministry of Fisheries", "GH"), *research],
                        },
                    ),
                    ("The energy ministries inked a memorandum of understanding on offshore wind", WIND),
                ],
            },
        ),
        (
            ACCRA_B,
            {
                **GHANA,
                "city": "Kumasi",
                "docs": [
                    (
                        "adopted a joint declaration on a green growth partnership",
                        {**GREEN, "type": "declaration", "title": "joint declaration on a green growth partnership"},
                    ),
                    (
                        "put pen to paper on an agreement on fisheries research covering 2027-2029",
                        {
                            **FISH,
                            "type": "agreement",
                            "title": "agreement on fisheries research",
                            "period": "2027-2029",
                            "parties": [("Ghana's fisheries ministry", "GH"), *research],
                        },
                    ),
                    (
                        "exchanged a memorandum of understanding on offshore wind power",
                        {
                            **WIND,
                            "parties": [("Ministry of Energy of Ghana", "GH"), ("Norway's energy ministry", "NO")],
                        },
                    ),
                ],
            },
        ),
    )
    assert kinds(report) == ["document_type", "event_location", "period", "title"]


# Qatar and Morocco: every difference is a paraphrase.
DOHA_A = (
    "DOHA, 3 March 2027 - Qatar and Morocco sealed two agreements on Wednesday as Emir Tamim bin Hamad Al Thani "
    "received Prime Minister Mohammed El Idrissi.\n"
    "QatarEnergy and Morocco's ONEE signed a US$1.2bn contract for liquefied natural gas supplies from 2028 to "
    "2038.\n"
    "The education ministries concluded an agreement on scholarships.\n"
    "Outcomes of the visit: - the LNG supply contract - the agreement on scholarships.\n"
)
DOHA_B = (
    "RABAT, 4 March 2027 - Morocco and Qatar inked two deals in Doha on 3 March, the office of Prime Minister "
    "Muhammad El-Idrissi said.\n"
    "Morocco's national electricity office ONEE and QatarEnergy signed a contract worth 1.2 billion dollars to "
    "supply liquefied natural gas between 2028 and 2038.\n"
    "An agreement on scholarships was signed by the education ministries.\n"
)
DOHA = {"city": "Doha", "country": "QA", "date": "2027-03-03", "countries": ("MA", "QA"), "stated_count": 2}
LNG = {
    "type": "contract",
    "title": "contract for liquefied natural gas supplies",
    "subject": "liquefied natural gas supply",
    "period": "2028-2038",
}
GRANTS = {"type": "agreement", "title": "agreement on scholarships", "subject": "scholarships"}


def test_transliterated_names_amount_formats_and_dash_recaps_are_not_conflicts() -> None:
    report = run(
        (
            DOHA_A,
            {
                **DOHA,
                "list_complete": True,
                "principals": ("Tamim bin Hamad Al Thani", "Mohammed El Idrissi"),
                "docs": [
                    (
                        "QatarEnergy and Morocco's ONEE signed a US$1.2bn contract for liquefied natural gas supplies",
                        {**LNG, "parties": [("QatarEnergy", "QA"), ("ONEE", "MA")]},
                    ),
                    ("concluded an agreement on scholarships", GRANTS),
                ],
            },
        ),
        (
            DOHA_B,
            {
                **DOHA,
                "list_complete": True,
                "principals": ("Tamim Al Thani", "Muhammad El-Idrissi"),
                "docs": [
                    (
                        "Morocco's national electricity office ONEE and QatarEnergy signed a contract worth 1.2 "
                        "billion dollars",
                        {
                            **LNG,
                            "parties": [("Morocco's national electricity office ONEE", "MA"), ("QatarEnergy", "QA")],
                        },
                    ),
                    ("An agreement on scholarships was signed by the education ministries", GRANTS),
                ],
            },
        ),
    )
    assert kinds(report) == []


# One article alone: a count against its own list.
SOFIA = (
    "SOFIA, 5 May 2027 - Bulgaria and Chile signed three agreements on 5 May: an agreement on mining, an "
    "agreement on wine exports, an agreement on seismology and an agreement on pensions.\n"
    "Separately, the two leaders adopted a joint declaration on a strategic dialogue.\n"
)
SOFIA_DOCS = [
    ("an agreement on mining", {"type": "agreement", "title": "agreement on mining", "subject": "mining"}),
    ("an agreement on wine exports", {"type": "agreement", "title": "agreement on wine exports", "subject": "wine"}),
    ("an agreement on seismology", {"type": "agreement", "title": "agreement on seismology", "subject": "seismology"}),
    ("an agreement on pensions", {"type": "agreement", "title": "agreement on pensions", "subject": "pensions"}),
    (
        "adopted a joint declaration on a strategic dialogue",
        {"type": "declaration", "title": "joint declaration", "subject": "strategic dialogue", "status": "adopted"},
    ),
]


def _alone(body: str, stated: int, docs: list[tuple[str, dict[str, Any]]]) -> CrossCheckReport:
    fields = {"city": "Sofia", "country": "BG", "date": "2027-05-05", "countries": ("BG", "CL")}
    built = summary(
        "alone", body, [doc(body, q, **d) for q, d in docs], stated_count=stated, list_complete=True, **fields
    )
    return crosscheck([built], bodies={"alone": body})


def test_a_count_is_contradicted_by_its_own_sentence_not_by_documents_added_separately() -> None:
    contradicted = _alone(SOFIA, 3, SOFIA_DOCS)
    (finding,) = found(contradicted, "count")
    assert finding.internal and {v.value for v in finding.values} == {"3", "4 named"}
    body = SOFIA.replace("three agreements", "four agreements")
    # Four in the sentence, a declaration adopted separately: five listed, and no contradiction.
    assert found(_alone(body, 4, SOFIA_DOCS), "count") == []
