"""CheckList tests (minimum functionality, invariance, directional) for list and mention shapes that blind
held-out batch 13 showed the rules missing; every sentence is self-written.

- a plural head, a comma, then a coordination that repeats "on": "two MoUs, on A and on B";
- a plural on the first noun of an "of" head: "three letters of intent in the sphere of A, B and C";
- a singular "of" head whose last noun is plural: "Programme of Cultural Exchanges";
- fields written before the plural head: "signed defence, trade and energy agreements";
- list markers inside a field list: "on (i) A, (ii) B and (iii) C";
- a list counted by its own number after named documents that already reach a stated count;
- a signing "postponed" is still planned.
"""

from __future__ import annotations

import pytest

from service.articles import from_text
from service.extractors.offline import OfflineExtractor
from service.models import ArticleSummary

LEAD = "{a} and {b} held talks in {city} on Monday."
SIDES = {"a": "Ghana", "b": "Slovenia", "city": "Accra"}
OTHER_SIDES = {"a": "Paraguay", "b": "Mongolia", "city": "Asuncion"}

MOU, AGR, LOI, PROG, TREATY = (
    "memorandum_of_understanding",
    "agreement",
    "letter_of_intent",
    "cooperation_programme",
    "treaty",
)


def run(sentence: str, sides: dict[str, str] = SIDES) -> ArticleSummary:
    text = LEAD.format(**sides) + " " + sentence.format(**sides)
    return OfflineExtractor().extract(from_text(text))


def found(sentence: str, sides: dict[str, str] = SIDES) -> list[tuple[str, str]]:
    """(type, subject) of every document, in order."""
    return [(d.type, (d.subject or d.title).lower()) for d in run(sentence, sides).documents]


# --- minimum functionality ------------------------------------------------------------------------------

SHAPES = [
    # a comma between the plural head and a coordination that repeats "on"
    (
        "The sides also signed two MoUs, on higher education and on cyber security.",
        [(MOU, "higher education"), (MOU, "cyber security")],
    ),
    (
        "The ministers signed three agreements, on fisheries, on mining and on tourism.",
        [(AGR, "fisheries"), (AGR, "mining"), (AGR, "tourism")],
    ),
    # the plural is on the noun before "of"
    (
        "The sides signed three letters of intent in the sphere of tourism, aviation and sports.",
        [(LOI, "tourism"), (LOI, "aviation"), (LOI, "sports")],
    ),
    (
        "The ministries signed two plans of action, on youth and on sport.",
        [(PROG, "youth"), (PROG, "sport")],
    ),
    # two plural groups in one sentence, the first with the comma shape
    (
        "They signed two MoUs, on ports and on railways, and three LoIs in the sphere of tourism, aviation and sports.",
        [(MOU, "ports"), (MOU, "railways"), (LOI, "tourism"), (LOI, "aviation"), (LOI, "sports")],
    ),
    # fields written before the plural head
    (
        "The two countries signed defence, trade and energy agreements.",
        [(AGR, "defence"), (AGR, "trade"), (AGR, "energy")],
    ),
    (
        "The leaders witnessed the signing of civil aviation, tourism and health cooperation agreements.",
        [(AGR, "aviation"), (AGR, "tourism"), (AGR, "health")],
    ),
    # list markers are not part of a field
    (
        "The leaders witnessed the signing of MoUs on (i) energy, (ii) health and (iii) education.",
        [(MOU, "energy"), (MOU, "health"), (MOU, "education")],
    ),
    (
        "The ministers signed memoranda on a) water, b) forestry and c) mining.",
        [(MOU, "water"), (MOU, "forestry"), (MOU, "mining")],
    ),
]


@pytest.mark.parametrize(("sentence", "expected"), SHAPES)
def test_list_shapes_give_one_document_per_field(sentence: str, expected: list[tuple[str, str]]) -> None:
    assert found(sentence) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "The ministers signed a Programme of Cultural Exchanges for 2026-2029.",
        "4) Programme of Cultural Exchanges for 2026-2029",
        "The agencies signed a Plan of Joint Activities.",
    ],
)
def test_a_singular_of_head_with_a_plural_last_noun_is_one_programme(sentence: str) -> None:
    docs = run(sentence).documents
    assert [d.type for d in docs] == [PROG]


def test_a_list_counted_by_its_own_number_adds_to_documents_named_before() -> None:
    text = (
        "The energy memorandum was signed by the two energy ministers; the health agreement was signed by the "
        "health ministers; and a letter of intent on a joint refinery was exchanged between the oil companies. "
        "The sides also signed two MoUs, on higher education and on cyber security."
    )
    subjects = [s for _, s in found(text)]
    assert {"higher education", "cyber security"} <= set(subjects)
    assert len(subjects) == 5


# --- precision: what must not become a field list -------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "{a}, {b} and Togo signed agreements.",
        "The two sides signed new, important and historic agreements.",
        "They agreed to boost trade, investment and tourism and signed agreements.",
        "The sides signed agreements, on Tuesday and on Wednesday.",
    ],
)
def test_words_before_or_after_a_plural_head_that_are_not_fields(sentence: str) -> None:
    assert found(sentence) == []


# --- invariance -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("sentence", "expected"), SHAPES)
def test_other_sides_do_not_change_the_fields(sentence: str, expected: list[tuple[str, str]]) -> None:
    assert found(sentence, OTHER_SIDES) == expected


@pytest.mark.parametrize(
    "variant",
    [
        "The sides also signed 2 MoUs, on higher education and on cyber security.",
        "The sides also inked two MoUs, on higher education and on cyber security.",
        "The sides also signed two MoCs, on higher education and on cyber security.",
        "The sides also signed two memoranda, on higher education and on cyber security.",
    ],
)
def test_numbers_verbs_and_acronyms_do_not_change_the_comma_coordination(variant: str) -> None:
    assert [s for _, s in found(variant)] == ["higher education", "cyber security"]


@pytest.mark.parametrize(
    "variant",
    [
        "The sides signed three letters of intent in the sphere of tourism, aviation and sports.",
        "The sides signed three letters of intent in the spheres of tourism, aviation and sports.",
        "The sides signed letters of intent in the fields of tourism, aviation and sports.",
        "The sides signed three LoIs in the sphere of tourism, aviation and sports.",
    ],
)
def test_introducers_and_spellings_of_the_plural_do_not_change_the_letters(variant: str) -> None:
    assert found(variant) == [(LOI, "tourism"), (LOI, "aviation"), (LOI, "sports")]


# --- directional ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "status"),
    [
        ("A treaty on extradition was signed.", "signed"),
        ("A treaty on extradition was postponed.", "planned"),
        ("The signing of a treaty on extradition was postponed to next year.", "planned"),
        ("The signing of a treaty on extradition was deferred.", "planned"),
        ("A treaty on extradition is now to be signed next year.", "planned"),
    ],
)
def test_a_postponed_signing_is_planned(sentence: str, status: str) -> None:
    docs = run(sentence).documents
    assert [(d.type, d.status) for d in docs] == [(TREATY, status)]


def test_a_postponed_document_beside_signed_ones_keeps_its_own_status() -> None:
    docs = run(
        "The sides inked deals on energy and health, while a bilateral investment treaty was postponed."
    ).documents
    assert {(d.type, d.status) for d in docs} >= {(TREATY, "planned")}
    assert all(d.status == "signed" for d in docs if d.type == AGR)


def test_a_fourth_field_before_the_head_adds_a_fourth_document() -> None:
    three = found("The two countries signed defence, trade and energy agreements.")
    four = found("The two countries signed defence, trade, health and energy agreements.")
    assert len(four) == len(three) + 1


# --- where one name ends and the next list starts ---------------------------------------------------------

NEXT_LISTS = [
    # a bare plural head after "and" starts its own mention: the singular name stops before it
    (
        "The sides signed an intergovernmental agreement on visa exemption and memoranda on health and on sport.",
        [(AGR, "intergovernmental visa exemption"), (MOU, "health"), (MOU, "sport")],
    ),
    (
        "Twelve agreements were signed, including a treaty on extradition, an agreement on social security and "
        "MoUs on culture, youth and sport.",
        [(TREATY, "extradition"), (AGR, "social security"), (MOU, "culture"), (MOU, "youth"), (MOU, "sport")],
    ),
    # a relative clause lists the fields of the plural before its verb
    (
        "The deals, which cover energy, mining and education, were signed in the presence of the presidents.",
        [(AGR, "energy"), (AGR, "mining"), (AGR, "education")],
    ),
    (
        "The memoranda, which span fisheries, forestry and water, were signed on the sidelines.",
        [(MOU, "fisheries"), (MOU, "forestry"), (MOU, "water")],
    ),
    # "were signed:" then the fields
    (
        "The following agreements were signed: on trade, on investment protection and on tourism.",
        [(AGR, "trade"), (AGR, "investment protection"), (AGR, "tourism")],
    ),
]


@pytest.mark.parametrize(("sentence", "expected"), NEXT_LISTS)
def test_where_a_name_ends_and_the_next_list_starts(sentence: str, expected: list[tuple[str, str]]) -> None:
    assert found(sentence) == expected
    assert found(sentence, OTHER_SIDES) == expected


def test_a_plural_inside_a_name_that_is_not_a_document_does_not_end_it() -> None:
    assert found("The sides signed an agreement on trade and investments.") == [(AGR, "trade and investments")]


def test_a_plan_of_consultations_between_ministries_is_a_programme() -> None:
    docs = run("The heads of the two foreign ministries signed a Plan of Consultations for 2026-2027.").documents
    assert [(d.type, d.period) for d in docs] == [(PROG, "2026-2027")]


# --- two fields under a plural head -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "{a} and {b} also signed MoUs pertaining to agriculture and health.",
        "Agreements on agriculture and health were signed.",
        "The ministers signed memoranda in the fields of agriculture and health.",
    ],
)
def test_a_plural_over_two_fields_is_two_documents_and_a_singular_one(sentence: str) -> None:
    plural = found(sentence)
    assert [s for _, s in plural] == ["agriculture", "health"]
    singular = found("The ministers signed a memorandum on agriculture and health.")
    assert len(singular) == 1  # directional: the singular head names one document over both fields


@pytest.mark.parametrize(
    "sum_",
    ["worth a total of 500 million euros", "worth $2 billion", "valued at about EUR 40 million", ""],
)
def test_a_sum_between_the_plural_and_its_fields_does_not_hide_them(sum_: str) -> None:
    sentence = f"{{a}} and {{b}} signed agreements {sum_} in the fields of agriculture, health and tourism."
    assert [s for _, s in found(" ".join(sentence.split()))] == ["agriculture", "health", "tourism"]


# --- status of documents still being worked on ----------------------------------------------------------------

STATUS_SHAPES = [
    ("The two sides are working on an agreement on visa exemption.", "discussed"),
    ("Work is under way on an agreement on visa exemption.", "discussed"),
    ("An agreement on visa exemption is in the pipeline.", "discussed"),
    ("The sides were unable to agree on an agreement on visa exemption.", "discussed"),
    ("The ministers failed to agree on an agreement on visa exemption.", "discussed"),
    ("Officials said an agreement on visa exemption would be finalised by the end of the year.", "planned"),
    ("An agreement on visa exemption is to be finalised next month.", "planned"),
    # directional: the same document once the text says it was done
    ("The sides finalised an agreement on visa exemption.", "signed"),
    ("The two sides signed an agreement on visa exemption at a ceremony in {city}.", "signed"),
]


@pytest.mark.parametrize(("sentence", "status"), STATUS_SHAPES)
def test_the_status_of_a_document_in_the_making(sentence: str, status: str) -> None:
    docs = run(sentence).documents
    assert [(d.type, d.status, d.subject) for d in docs] == [(AGR, status, "visa exemption")]
    other = run(sentence, OTHER_SIDES).documents
    assert [(d.type, d.status) for d in other] == [(AGR, status)]


def test_a_signed_by_aside_is_not_part_of_the_name() -> None:
    docs = run(
        "The following documents were signed: an Agreement on Economic Cooperation (signed by the foreign "
        "ministers), a Memorandum on Agriculture (signed by the agriculture ministers) and a Protocol on Consular Affairs."
    ).documents
    assert [d.title for d in docs] == [
        "agreement on economic cooperation",
        "memorandum on agriculture",
        "protocol on consular affairs",
    ]


# --- shapes from blind batch 14 -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "They signed three memorandums: one on climate finance, one on policing and one on seasonal work.",
        "They signed three memorandums, one on climate finance, one on policing and one on seasonal work.",
        "They signed 3 MoUs: one on climate finance, one on policing, and one on seasonal work.",
        "Three memorandums were signed: one on climate finance, one on policing and one on seasonal work.",
    ],
)
def test_a_count_then_one_on_each_field(sentence: str) -> None:
    assert found(sentence) == [(MOU, "climate finance"), (MOU, "policing"), (MOU, "seasonal work")]


def test_one_on_each_field_after_a_question_line() -> None:
    text = (
        "{a} and {b} held talks in {city} on Monday.\n\nWhat did they sign?\n"
        "Three memorandums: one on climate finance, one on policing and one on seasonal work."
    ).format(**SIDES)
    docs = OfflineExtractor().extract(from_text(text)).documents
    assert [d.subject for d in docs] == ["climate finance", "policing", "seasonal work"]


def test_a_title_case_name_keeps_its_capitalised_fields() -> None:
    docs = run(
        "Five documents were signed, namely: the Agreement on Road Transport; the Memorandum on Higher Education; "
        "and the Programme of Cooperation in Culture, Science and Youth for 2026-2029."
    ).documents
    programme = [d for d in docs if d.type == PROG]
    assert [(d.title, d.period) for d in programme] == [
        ("programme of cooperation in culture, science and youth", "2026-2029")
    ]


def test_a_table_cell_and_a_that_clause_end_a_name() -> None:
    row = run("1 | MoU on cooperation in traditional medicine | Ravi Kumar, Ambassador | Ana Novak, Minister").documents
    assert [d.title for d in row] == ["mou on cooperation in traditional medicine"]
    aside = run("They signed a letter of intent on film co-production that nobody could describe in detail.").documents
    assert [d.title for d in aside] == ["letter of intent on film co-production"]


STALLED = [
    ("The air services deal remains stuck over slot allocations.", "discussed"),
    ("The air services deal has stalled over slot allocations.", "discussed"),
    ("The air services deal is still under review and will be signed next year.", "planned"),
    ("The air services deal is due to be signed next year.", "planned"),
    # directional: the same deal once signed
    ("The air services deal was signed on Monday.", "signed"),
]


@pytest.mark.parametrize(("sentence", "status"), STALLED)
def test_stuck_stalled_and_later_plans(sentence: str, status: str) -> None:
    assert [(d.type, d.status) for d in run(sentence).documents] == [(AGR, status)]


def test_a_dated_earlier_document_does_not_take_the_status_of_the_sentence_before() -> None:
    text = (
        "Ghana and Slovenia held talks in Accra on Monday. The air services deal remains stuck over slot "
        "allocations. The 1987 extradition treaty, meanwhile, is due for renegotiation."
    )
    docs = OfflineExtractor().extract(from_text(text, published="2026-03-12")).documents
    assert [(d.type, d.status) for d in docs] == [(AGR, "discussed"), (TREATY, "signed")]


# --- shapes from blind batch 15 -------------------------------------------------------------------------------

OTHERS = [
    (
        "We signed an agreement on migration, which is the most important, and two others, on energy and on culture.",
        [(AGR, "migration"), (AGR, "energy"), (AGR, "culture")],
    ),
    (
        "They signed a treaty on extradition and two more on legal aid and prisoner transfer.",
        [(TREATY, "extradition"), (TREATY, "legal aid"), (TREATY, "prisoner transfer")],
    ),
    (
        "The ministers signed an MoU on tourism and 3 others: on ports, on rail and on aviation.",
        [(MOU, "tourism"), (MOU, "ports"), (MOU, "rail"), (MOU, "aviation")],
    ),
]


@pytest.mark.parametrize(("sentence", "expected"), OTHERS)
def test_n_others_after_a_named_document_are_documents_of_its_type(
    sentence: str, expected: list[tuple[str, str]]
) -> None:
    assert found(sentence) == expected
    assert found(sentence, OTHER_SIDES) == expected


def test_n_others_without_fields_or_without_a_document_add_nothing() -> None:
    assert found("They signed a treaty on extradition and two others.") == [(TREATY, "extradition")]
    assert found("Two ministers spoke, and two others, on the left and on the right, listened.") == []


def test_a_capitalised_name_inside_a_lower_case_field_keeps_its_and() -> None:
    sentence = (
        "They signed cooperation documents covering the Belt and Road cooperation, green development, "
        "the digital economy and aerospace."
    )
    assert [s for _, s in found(sentence)] == [
        "belt and road cooperation",
        "green development",
        "digital economy",
        "aerospace",
    ]


def test_joining_an_initiative_or_its_action_plan_is_not_a_document_of_the_visit() -> None:
    assert found("{a} welcomes {b}'s participation in the regional forum action plan.") == []
    assert found("{a} supports {b} in joining the regional cooperation action plan.") == []


@pytest.mark.parametrize(
    ("sentence", "doc_type"),
    [
        ("The ministers renewed the Strategic Sector Cooperation Framework for 2026-2030.", PROG),
        ("The ministries signed a cooperation framework agreement on energy.", AGR),
        ("The minister handed over an investment certificate for the new industrial park.", "other"),
    ],
)
def test_frameworks_and_investment_certificates(sentence: str, doc_type: str) -> None:
    assert [d.type for d in run(sentence).documents] == [doc_type]


def test_a_bare_no_deal_is_no_document_even_when_talks_continue() -> None:
    docs = run("The fisheries access agreement was not reached: still no deal, talks continue in November.").documents
    assert all(d.title != "no deal" for d in docs)


# --- a schedule of the day ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("time", ["11:30", "9.45", "11:30 am", "3:15 p.m."])
def test_a_schedule_line_is_a_list_item_not_a_headline(time: str) -> None:
    """A timed line ("11:30 - Signing of ...") reports what happened; a headline would be folded into a body
    document of the same type and lose its own."""
    text = (
        "Ghana and Slovenia held talks in Accra on Thursday.\n\n"
        "10:15 - Bilateral talks\n"
        f"{time} - Signing of an MoU on border trade and an agreement on labour migration\n"
        "12:00 - Joint press conference\n\n"
        "The ministers said the two sides would sign a railway agreement within months."
    )
    docs = OfflineExtractor().extract(from_text(text)).documents
    assert [(d.type, d.status, d.subject) for d in docs] == [
        (MOU, "signed", "border trade"),
        (AGR, "signed", "labour migration"),
        (AGR, "planned", "railway"),
    ]


def test_a_range_from_one_document_to_another_names_both() -> None:
    sentence = "The others range from a memorandum on grain transit to a programme of youth exchanges."
    assert [d.type for d in run(sentence).documents] == [MOU, PROG]
    # directional: "to the agreement" after an amending protocol stays inside its name
    amending = run("They signed a protocol on amendments to the agreement on customs.").documents
    assert [d.type for d in amending] == ["protocol"]
