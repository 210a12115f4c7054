"""The controlled vocabularies and the words news text uses for them.

One place says that "MoU", "memorandum of cooperation" and "memoranda" are all a
`memorandum_of_understanding`, that "inked" and "exchanged" mean `signed`, and which
subjects are near-synonyms ("oil" ~ "petroleum"), for the extractor, the cross-checker
and the evaluator alike.
"""

from __future__ import annotations

import re
from typing import cast

from service.models import DOCUMENT_TYPES, STATUSES
from service.models.common import DocumentType, Status

__all__ = [
    "BLAND_MODIFIERS",
    "CUE_TYPO_MIN_SIMILARITY",
    "CUE_TYPO_NOT",
    "CURRENCY_SIGNS",
    "CURRENCY_WORDS",
    "DEFINITE_DETERMINERS",
    "DOCUMENT_TYPES",
    "FUNCTION_WORDS",
    "GENERIC_DETERMINERS",
    "GROUPING_STOPWORDS",
    "GROUPING_SYNONYMS",
    "INDEFINITE_DETERMINERS",
    "INITIALLED_PARTICIPLES",
    "KEEP_UPPER",
    "LIST_CUE_NOUNS",
    "MONEY_SCALES",
    "MONTHS",
    "MONTH_NAMES",
    "NEGATIVE_DETERMINERS",
    "NUMBER_WORDS",
    "PLEDGE_TEXT_MAX_CHARS",
    "SIGNED_PARTICIPLES",
    "SIGNING_STEMS",
    "SIGNING_STEMS_RE",
    "SIGNING_VERBS",
    "STATUSES",
    "STATUS_LABEL",
    "SUBJECT_SYNONYMS",
    "TYPE_HEADS",
    "TYPE_LABEL",
    "TYPE_PATTERNS",
    "WEEKDAYS",
    "alternation",
    "as_document_type",
    "as_status",
    "canonical_subject_words",
    "type_family",
    "type_of_phrase",
]

TYPE_LABEL: dict[str, str] = {
    "memorandum_of_understanding": "memorandum of understanding",
    "letter_of_intent": "letter of intent",
    "agreement": "agreement",
    "contract": "contract",
    "treaty": "treaty",
    "protocol": "protocol",
    "joint_statement": "joint statement",
    "declaration": "declaration",
    "cooperation_programme": "cooperation programme",
    "other": "document",
}

STATUS_LABEL: dict[str, str] = {
    "signed": "signed",
    "adopted": "adopted",
    "planned": "planned",
    "discussed": "discussed",
}

PLEDGE_TEXT_MAX_CHARS = 200
"""A pledge's text longer than this is shortened at a word boundary, with an ellipsis (never mid-word)."""

# Order matters: the first pattern that matches a phrase names its type.
# The one table of document words: each type and the regex source of the heads that name it, in the order
# they are tried (the first that matches names the type). Acronyms are matched case-sensitively, words not.
TYPE_HEADS: list[tuple[str, str]] = [
    (
        "letter_of_intent",
        r"(?i:letters?\s+of\s+(?:intent(?:ion)?|cooperation|co-operation)|(?:statements?|declarations?)\s+of\s+intent)"
        r"|\bLoIs?\b|\bLOIs?\b",
    ),
    (
        "memorandum_of_understanding",
        r"(?i:memorand(?:um|a|ums)(?:\s+of\s+(?:understanding|cooperation|co-operation|intent|agreement)s?)?)"
        r"|\bMoU's|\bMoUs?\b|\bMOUs?\b|\bMoCs?\b|\bMOCs?\b",
    ),
    (
        "joint_statement",
        r"(?i:joint\s+(?:(?:vision|leaders'?|political|press)\s+)?(?:statements?|communiqu(?:[eé]|A\u00a9)s?)"
        r"|communiqu(?:[eé]|A\u00a9)s?)",  # "A\u00a9": the mojibake of "é" as the ASCII view reads it
    ),
    ("declaration", r"(?i:(?:joint\s+)?declarations?)"),
    (
        "cooperation_programme",
        r"(?i:(?:cooperation|co-operation|exchange|action|work|working|implementation|executive)\s+(?:programmes?|"
        r"programs?|plans?|frameworks?(?!\s+(?:agreement|accord|deal|memorand|treaty|contract|for\s+the)))"
        r"(?:\s+(?:of|for)\s+(?:[a-z-]+\s+){0,2}?(?:cooperation|co-operation|joint\s+action|action))?"
        r"|(?:programmes?|programs?|plans?)\s+(?:of|for)\s+(?:[a-z-]+\s+){0,2}?(?:cooperation|co-operation|"
        r"joint\s+action|action)"
        # "Programme of Cultural Exchanges", "Plan of Consultations": the plan is the document
        r"|(?:programmes?|programs?|plans?)\s+(?:of|for)\s+(?:[a-z-]+\s+){0,2}?(?:exchanges|activities|consultations|events|measures)"
        r"|road\s?-?maps?)",
    ),
    ("treaty", r"(?i:treat(?:y|ies))"),
    ("protocol", r"(?i:protocols?)"),
    ("contract", r"(?i:contracts?)"),
    # not "convention": articles cite multilateral conventions as law ("in line with the 1982 UN Convention ...")
    ("agreement", r"(?i:agreements?|accords?|deals?|pacts?)"),
    (
        "other",
        r"(?i:joint\s+visions?|charters?|exchanges?\s+of\s+notes|(?<=exchanged\s)notes|arrangements?"
        r"|minutes\s+of\s+(?:the\s+)?(?:meeting|talks)"
        r"|credit\s+lines?(?!\s+(?:agreement|deal|contract|memorand|facility))|lines?\s+of\s+credit"
        r"|investment\s+(?:registration\s+)?(?:certificates?|licen[cs]es?)"
        r"|(?:cooperation\s+)?documents|instruments)",
    ),
]
# The cross-checker's reading of a restated phrase (the first pattern that matches names its type). It is
# narrower than TYPE_HEADS on purpose for now: reading "pact" in a headline as an agreement changes its
# verdicts (issue 9 leaves that to the cross-checker).
TYPE_PATTERNS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"\bletters? of (?:intent|intention|cooperation|co-operation)\b|\bLoIs?\b", re.I), "letter_of_intent"),
    (re.compile(r"\bmemorand(?:um|a|ums)\b|\bMoUs?\b|\bMoCs?\b|\bMOUs?\b", re.I), "memorandum_of_understanding"),
    (re.compile(r"\bjoint (?:statement|communiqu[eé])s?\b|\bcommuniqu[eé]s?\b", re.I), "joint_statement"),
    (re.compile(r"\b(?:joint |political )?declarations?\b", re.I), "declaration"),
    (
        re.compile(
            r"\b(?:cooperation |co-operation |action |work(?:ing)? )(?:programmes?|programs?|plans?)\b"
            r"|\b(?:programmes?|programs?|plans?) (?:of|for) (?:cooperation|co-operation|action)\b"
            r"|\broad ?maps?\b|\baction plans?\b",
            re.I,
        ),
        "cooperation_programme",
    ),
    (re.compile(r"\btreat(?:y|ies)\b", re.I), "treaty"),
    (re.compile(r"\bprotocols?\b", re.I), "protocol"),
    (re.compile(r"\bcontracts?\b", re.I), "contract"),
    (re.compile(r"\bagreements?\b|\baccords?\b|\bdeals?\b|\bconventions?\b", re.I), "agreement"),
]

# Number words of counted references ("nine memorandums", "a dozen agreements").
NUMBER_WORDS: dict[str, int] = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "a dozen": 12,
    "two dozen": 24,
    "dozen": 12,
}


# Types that outlets swap for one another when naming the same paper.
_FAMILY: dict[str, str] = {
    "memorandum_of_understanding": "instrument",
    "letter_of_intent": "instrument",
    "agreement": "instrument",
    "contract": "instrument",
    "treaty": "instrument",
    "protocol": "instrument",
    "cooperation_programme": "instrument",
    "other": "instrument",
    "joint_statement": "statement",
    "declaration": "statement",
}


def type_family(doc_type: str) -> str:
    """Coarse family: leaders' statements vs. signed instruments; alignment never crosses it."""
    return _FAMILY.get(doc_type, "instrument")


def type_of_phrase(phrase: str) -> str | None:
    """The document type a noun phrase names ("an MoU" -> memorandum_of_understanding)."""
    for pattern, doc_type in TYPE_PATTERNS:
        if pattern.search(phrase):
            return doc_type
    return None


# Subject words that mean the same thing for alignment purposes (folded, singular).
SUBJECT_SYNONYMS: dict[str, str] = {
    "petroleum": "oil",
    "gas": "oil",
    "hydrocarbon": "oil",
    "hydrocarbons": "oil",
    "crude": "oil",
    "lng": "oil",
    "petrochemical": "oil",
    "refinery": "oil",
    "refining": "oil",
    "digital": "technology",
    "ict": "technology",
    "telecommunication": "technology",
    "telecommunications": "technology",
    "science": "technology",
    "innovation": "technology",
    "defense": "defence",
    "military": "defence",
    "security": "defence",
    "power": "energy",
    "electricity": "energy",
    "renewable": "energy",
    "renewables": "energy",
    "legal": "justice",
    "judicial": "justice",
    "law": "justice",
    "cultural": "culture",
    "tourism": "culture",
    "arts": "culture",
    "trading": "trade",
    "commerce": "trade",
    "commercial": "trade",
    "economic": "economy",
    "investment": "investment",
    "investments": "investment",
    "finance": "finance",
    "financial": "finance",
    "banking": "finance",
    "bank": "finance",
    "health": "health",
    "healthcare": "health",
    "medical": "health",
    "medicine": "health",
    "education": "education",
    "educational": "education",
    "university": "education",
    "universities": "education",
    "agriculture": "agriculture",
    "agricultural": "agriculture",
    "farming": "agriculture",
    "food": "agriculture",
    "transport": "transport",
    "transportation": "transport",
    "logistics": "transport",
    "railway": "transport",
    "railways": "transport",
    "media": "media",
    "news": "media",
    "press": "media",
    "information": "media",
    "sport": "sport",
    "sports": "sport",
    "youth": "youth",
    "environment": "environment",
    "environmental": "environment",
    "climate": "environment",
    "ecology": "environment",
    "maritime": "maritime",
    "shipping": "maritime",
    "customs": "customs",
    "tax": "tax",
    "taxation": "tax",
    "labour": "labour",
    "labor": "labour",
    "employment": "labour",
    "space": "space",
    "nuclear": "nuclear",
    "atomic": "nuclear",
}

# Words that carry no subject: articles, prepositions, pronouns (shared by alignment and titles).
FUNCTION_WORDS: frozenset[str] = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "on",
        "in",
        "for",
        "and",
        "or",
        "to",
        "with",
        "by",
        "at",
        "as",
        "its",
        "their",
        "this",
        "that",
    ]
)
_STOP = FUNCTION_WORDS | frozenset(
    [
        "between",
        "from",
        "both",
        "two",
        "sides",
        "field",
        "fields",
        "cooperation",
        "co-operation",
        "collaboration",
        "memorandum",
        "understanding",
        "agreement",
        "letter",
        "intent",
        "mou",
        "joint",
        "statement",
        "program",
        "programme",
        "plan",
        "signed",
        "sign",
        "area",
        "areas",
        "sphere",
        "spheres",
        "sector",
        "sectors",
        "relevant",
        "other",
    ]
)


def canonical_subject_words(text: str) -> set[str]:
    """Content words of a subject or title with synonyms mapped to one word each."""
    from service.textnorm import fold

    words = re.findall(r"[a-z][a-z\-]+", fold(text))
    out = set()
    for word in words:
        if word in _STOP or len(word) < 3:
            continue
        stem = word[:-1] if word.endswith("s") and len(word) > 4 and not word.endswith("ss") else word
        out.add(SUBJECT_SYNONYMS.get(word, SUBJECT_SYNONYMS.get(stem, stem)))
    return out


# English month names and abbreviations -> month number, for datelines and dated sentences.
MONTHS: dict[str, int] = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",), ("june", "jun"),
            ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"), ("october", "oct"),
            ("november", "nov"), ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}  # fmt: skip


# Names across scripts (grounding a principal or city given in English form against, e.g., a
# Russian text): both sides are transliterated to ASCII (anyascii), folded, then reduced to a
# skeleton by these rewrites, which erase the usual differences between English spellings and
# romanised Cyrillic ("Aliyev"/"Aliev", "Jomart"/"Zhomart", "Ilham"/"Il'kham") and between
# pinyin and its Russian (Palladius) transcription ("Xi Jinping"/"Si Tszin'pin"). Applied in order.
NAME_SKELETON_REWRITES: tuple[tuple[str, str], ...] = (
    (r"'", ""),  # soft and hard signs
    (r"tsz|dz|chzh|zh", "j"),
    (r"x", "s"),
    (r"kh", "h"),
    (r"y", "i"),
    (r"ng\b", "n"),
    (r"(\w)\1", r"\1"),  # doubled letters ("Kassym"/"Kasym")
)
# A name's word matches a word of the text when their skeletons are equal, when the text's word
# is the name's word plus a short case ending ("Putina", "Aliyeva"), or when they are this similar
# (rapidfuzz ratio, words of at least NAME_FUZZY_MIN_CHARS letters).
NAME_CASE_ENDING_MAX = 3
NAME_FUZZY_MIN_CHARS = 4
NAME_TOKEN_MIN_SCORE = 85.0


# -- the LLM client ------------------------------------------------------------------------------
# The words that mean the request is longer than the server's context window.
LLM_CONTEXT_OVERFLOW_MARKERS: tuple[str, ...] = (
    "context size",
    "context length",
    "context window",
    "maximum context",
    "prompt is too long",
    "input is too long",
    "too many tokens",
    "exceeds the available context",
    "n_ctx",
)
# Words in an error body that say the request itself is wrong (a chat template refusing the
# conversation, a schema or parameter the server cannot take, a request longer than its context):
# asking again with the same request cannot help, whatever the status code.
LLM_PERMANENT_ERROR_MARKERS: tuple[str, ...] = (
    "roles must alternate",
    "validation error",  # the server could not read the request (llama-cpp-python answers these with a 500)
    "input should be",
    "chat template",
    "jinja",
    "template",
    "unsupported",
    "not supported",
    "does not support",
    "unknown parameter",
    "unrecognized",
    "schema",
    "grammar",
    *LLM_CONTEXT_OVERFLOW_MARKERS,
)
# Token estimates without a tokenizer: characters per token, low so estimates err on the long
# side for non-English text (English is about 4).
LLM_CHARS_PER_TOKEN = 3.0
# Output budget per request when PACTCHECK_LLM_MAX_OUTPUT_TOKENS is not set: the answer's JSON
# structure (this much) plus the quotes it copies, at most the part's own length, capped.
LLM_OUTPUT_BASE_TOKENS = 1_024
LLM_OUTPUT_MAX_TOKENS = 8_192
# A sentence in which the offline rules find at least this many documents and the model none is a
# batch named by its fields that the model left out: the rules' entries are added (extractors/complement.py).
COMPLEMENT_MIN_BATCH = 2
# Nouns that introduce a list of fields ("in the areas of A, B and C"), singular and plural: a
# misspelt one in the text ("in the ares of") is mended to the form of the same length.
LIST_CUE_NOUNS: tuple[str, ...] = (
    "field", "fields", "area", "areas", "sphere", "spheres", "sector", "sectors", "domain", "domains",
)  # fmt: skip
CUE_TYPO_MIN_SIMILARITY = 75.0
"""Least rapidfuzz ratio (0-100) for a word to count as a misspelt cue word ("feilds" ~ "fields": 83)."""
CUE_TYPO_NOT = frozenset(["acres", "ages", "arms", "arts", "sides", "series", "fiends"])
"""Real words close to a cue noun that must stay as they are."""

# Participles that report a document as signed (status `signed`), and those that report a text only
# initialled (status `planned`: still to be signed). Every offline rule builds its regexes from these.
SIGNED_PARTICIPLES: tuple[str, ...] = ("signed", "inked", "exchanged", "sealed", "concluded")
SIGNING_VERBS: tuple[str, ...] = ("sign", "ink", "seal", "conclude")
# The stems of those verbs in any form ("signs", "inking", "exchanged", "concluding"), for the rules
# that read any tense, and their regex (each stem followed by the rest of its word).
SIGNING_STEMS: tuple[str, ...] = ("sign", "ink", "seal", "exchang", "conclud")
SIGNING_STEMS_RE = "|".join(rf"{stem}\w*" for stem in SIGNING_STEMS)
"""Base forms: "agreed to sign", "will ink", "is to seal" (planned)."""
INITIALLED_PARTICIPLES: tuple[str, ...] = ("initialled", "initialed")


def alternation(words: tuple[str, ...] | list[str]) -> str:
    """A regex group matching any of `words` (longest first, so no word hides a longer one)."""
    return "(?:" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) + ")"


def as_document_type(value: str) -> DocumentType:
    """`value` typed as a `DocumentType` once checked against the vocabulary (rules carry types as strings)."""
    if value not in DOCUMENT_TYPES:
        raise ValueError(f"not a document type: {value!r}")
    return cast("DocumentType", value)


def as_status(value: str) -> Status:
    """`value` typed as a `Status` once checked against the vocabulary."""
    if value not in STATUSES:
        raise ValueError(f"not a status: {value!r}")
    return cast("Status", value)


# Calendar words as they are written (capitalised), for the rules that tell a date from a list or a name.
WEEKDAYS: tuple[str, ...] = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTH_NAMES: tuple[str, ...] = tuple(name.capitalize() for name in MONTHS)
"""Month names and abbreviations ("January", "Jan", "Sept"), from `MONTHS`."""

KEEP_UPPER: frozenset[str] = frozenset(
    ["MOU", "MOUS", "MOC", "MOCS", "LOI", "LOIS", "IGA", "FTA", "CEPA", "EU", "UN", "US", "UK"]
)
"""Acronyms that stay in capitals when a line written in capitals is read in title case."""


# Words the offline rules read around a document word (moved here from the rules, issue 9).
MONEY_SCALES: frozenset[str] = frozenset(
    {"million", "billion", "trillion", "thousand", "bn", "mn", "m", "mln", "bln", "crore", "lakh"}
)
"""Scale words of a sum ("$1.2 billion", "Rs 500 crore")."""
CURRENCY_SIGNS: frozenset[str] = frozenset({"$", "\u20ac", "\u00a3", "\u00a5", "usd", "eur", "us"})
"""Currency signs and codes that open a sum."""
INDEFINITE_DETERMINERS: frozenset[str] = frozenset({"a", "an", "another", "one"})
"""As in "an MoU": a document named for the first time."""
NEGATIVE_DETERMINERS: frozenset[str] = frozenset({"no", "neither", "nor"})
"""As in "no agreement ... would be signed": no document."""
DEFINITE_DETERMINERS: frozenset[str] = frozenset(
    {"the", "this", "that", "these", "those", "said", "its", "their", "his", "her", "our", "both"}
)
"""As in "the agreement": a document named before (or known)."""
GENERIC_DETERMINERS: frozenset[str] = frozenset(
    {"other", "several", "many", "some", "various", "numerous", "multiple", "all", "any", "more", "such"}
)
"""As in "several agreements": documents not named one by one."""
BLAND_MODIFIERS: frozenset[str] = frozenset(
    [
        "new", "important", "significant", "key", "major", "historic", "landmark", "bilateral", "relevant",
        "respective", "above", "aforementioned", "first", "second", "recent", "latest", "final", "formal", "official",
        "joint", "cooperation", "co-operation", "further", "several"
    ]
)  # fmt: skip
"""Modifiers of a document word that say nothing about its subject ("a new, historic agreement")."""
GROUPING_STOPWORDS: frozenset[str] = frozenset(
    [
        "the", "a", "an", "of", "on", "in", "for", "and", "or", "to", "with", "by", "at", "from", "between", "its",
        "their", "both", "two", "sides", "field", "fields", "area", "areas", "sphere", "spheres", "sector", "sectors",
        "cooperation", "co-operation", "collaboration", "partnership", "partnerships", "memorandum", "memoranda",
        "understanding", "agreement", "agreements", "letter", "intent", "mou", "mous", "moc", "joint", "statement",
        "declaration", "program", "programme", "plan", "signed", "sign", "relevant", "other", "bilateral", "boost",
        "enhance", "strengthen", "promote", "support", "develop", "expand", "deepen", "respective", "ministry",
        "ministries", "minister", "government", "governments", "state", "affairs", "development", "services",
        "exchange", "exchanges", "upcoming", "period", "year", "years", "new", "various", "focusing", "regarding",
        "concerning", "establishment", "establishing", "of-the", "national", "republic", "federation", "people",
        "organisation", "organization"
    ]
)  # fmt: skip
"""Words that never tell two mentions of documents apart (function words, document and role words)."""
GROUPING_SYNONYMS: dict[str, str] = {
    "commerce": "trade",
    "commercial": "trade",
    "law": "justice",
    "legal": "justice",
    "judicial": "justice",
    "mines": "mineral",
    "mine": "mineral",
    "minerals": "mineral",
    "cultural": "culture",
    "healthcare": "health",
    "medical": "health",
    "defense": "defence",
    "military": "defence",
    "petroleum": "oil",
    "crude": "oil",
    "scientific": "science",
    "technological": "technology",
    "technical": "technology",
    "economic": "economy",
    "investments": "investment",
    "educational": "education",
    "labor": "labour",
    "telecommunication": "telecommunications",
    "broadcasting": "media",
    "television": "media",
}
"""Subject words folded to one form when deciding whether two mentions name the same document."""


# --- cross-checker tables (issue 8) -------------------------------------------------------------
# Kept in one block so the extractor's refactor of the tables above merges cleanly.

# Multi-word subjects that name one concept however an outlet words them; applied before the
# subject is split into words (a hyphen or a space would otherwise leave nothing in common).
SUBJECT_PHRASES: dict[str, str] = {
    "e-governance": "egovernment",
    "e-government": "egovernment",
    "electronic government": "egovernment",
    "digital government": "egovernment",
    "digital governance": "egovernment",
    "search and rescue": "rescue",
    "double taxation": "taxation",
    "visa exemption": "visa",
    "visa waiver": "visa",
}

# Nouns an outlet counts documents with ("four memoranda were signed"): the plural names one
# type, or is the umbrella word for any paper (None), which says nothing about each one's type.
COUNTED_NOUNS: dict[str, str | None] = {
    "memoranda": "memorandum_of_understanding",
    "memorandums": "memorandum_of_understanding",
    "mous": "memorandum_of_understanding",
    "protocols": "protocol",
    "contracts": "contract",
    "treaties": "treaty",
    "letters": "letter_of_intent",
    "programmes": "cooperation_programme",
    "documents": None,
    "agreements": None,
    "deals": None,
    "accords": None,
    "pacts": None,
    "instruments": None,
    "papers": None,
}

# The name a title gives its kind of paper, where outlets differ ("Memorandum of Cooperation" vs
# "memorandum of understanding", "Joint Vision Statement" vs "Joint Statement"): pattern ->
# canonical name. A bare "memorandum" or "statement" names no particular kind and is not listed.
TITLE_KINDS: list[tuple[str, str]] = [
    (r"memorandum of understanding|\bmou\b|\bmemoranda of understanding", "memorandum of understanding"),
    (r"memorand(?:um|a) of cooperation|\bmoc\b", "memorandum of cooperation"),
    (r"memorand(?:um|a) of intent", "memorandum of intent"),
    (r"letters? of intent|\bloi\b", "letter of intent"),
    (r"letters? of cooperation", "letter of cooperation"),
    (r"joint vision statement|vision statement", "joint vision statement"),
    (r"joint statement|joint communiqu", "joint statement"),
    (r"joint action plan|action plan", "action plan"),
    (r"framework agreement", "framework agreement"),
]
# Words that name the kind of paper, not what it is about (never evidence of one subject).
DOCUMENT_NOUNS: frozenset[str] = frozenset(
    "declaration statement communique treaty protocol contract convention accord pact programme "  # noqa: SIM905
    "memorandum agreement letter plan roadmap charter".split()
)
# Words of a type phrase ("joint statement", "memorandum of understanding", "letter of intent"):
# what a title says about its kind of paper rather than its subject.
TYPE_PHRASE_WORDS: frozenset[str] = frozenset(
    "joint statement statements declaration declarations communique memorandum memorandums memoranda mou "  # noqa: SIM905
    "understanding agreement agreements letter intent protocol treaty contract programme program plan".split()
)
# Words that report a signing (any tense or noun form); the cross-checker builds its event and
# quote patterns from this list, so a new verb ("sealed", "inked") is added here once.
SIGNING_WORDS: frozenset[str] = (
    frozenset(SIGNED_PARTICIPLES)
    | frozenset(SIGNING_VERBS)
    | frozenset("signing signs inking exchange adopted adoption".split())  # noqa: SIM905
)
# Words a quote adds around a document's name that say nothing about what the paper is.
REPORTING_WORDS: frozenset[str] = frozenset(
    "agreed shared announced reached issued witnessed said also".split()  # noqa: SIM905
)
# Currency words the amount reader knows beyond its symbols table (word -> ISO code, or the word
# itself where one word serves several currencies: Norwegian/Danish kroner, Swedish kronor).
CURRENCY_WORDS: dict[str, str] = {
    "kroner": "kroner", "krone": "kroner", "kronor": "kronor", "krona": "kronor", "zloty": "PLN", "zlotys": "PLN",
    "reais": "BRL", "real": "BRL", "naira": "NGN", "shillings": "shillings", "rupiah": "IDR", "ringgit": "MYR",
    "baht": "THB", "dinars": "dinars", "hryvnias": "UAH", "forint": "HUF", "lei": "RON", "cedis": "GHS",
    "nok": "NOK", "sek": "SEK", "dkk": "DKK", "pln": "PLN", "brl": "BRL", "idr": "IDR",
    "koruna": "CZK", "korunas": "CZK", "korun": "CZK", "czk": "CZK", "huf": "HUF", "uah": "UAH",
    "egp": "EGP", "ngn": "NGN", "kes": "KES", "ghs": "GHS", "mnt": "MNT", "tugrik": "MNT",
}  # fmt: skip
# --- end of cross-checker tables -----------------------------------------------------------------
# --- event fields (offline extractor: venue, date and sides of the talks) ------------------------
# Verbs and nouns that put the visitor at a place or date the talks ("held talks in Helsinki on
# Tuesday", "was received at the palace on Thursday", "co-chaired the meeting in Rabat").
EVENT_PRESENCE_WORDS: tuple[str, ...] = (
    "received", "hosted", "welcomed", "greeted", "co-chaired", "chaired", "met", "meets", "meeting", "retreat",
    "talks", "summit", "is in", "was in", "were in",
)  # fmt: skip
# Travel verbs: they date or place the visitor's arrival or departure, not the talks; a story that
# dates nothing else is dated by its arrival ("landed in Cairo on Sunday"), not by its departure,
# which ends a visit of several days.
ARRIVAL_WORDS: tuple[str, ...] = (
    "arrived", "arrives", "arriving", "landed", "lands", "stepped off", "touched down",
)  # fmt: skip
# Timestamped lines ("09:00 Good morning from ...") that make a story a live blog, which covers the
# day it is published: with nothing else dated, that day is the day of the talks.
LIVE_BLOG_MIN_STAMPS: int = 2
# Words before a place that make it the venue rather than an origin or an aside ("visit to X",
# "talks in X", "left X for Y", "returned from X": the visitor was in X).
VENUE_PREPOSITIONS: tuple[str, ...] = (
    "in", "at", "to", "visit", "visits", "visited", "visiting", "tour of", "trip to", "left", "leaves", "leaving", "departed",
    "returned from", "returns from", "back from", "home from",
)  # fmt: skip
# The prepositions among them that name the venue even before a country ("visit to Finland"), where
# "in Ukraine" may be where a product is made rather than where the talks were.
STRONG_VENUE_PREPOSITIONS: tuple[str, ...] = (
    "visit to", "visit", "visits", "visited", "visiting", "tour of", "trip to", "left", "leaves", "leaving", "departed",
    "returned from", "returns from", "back from", "home from",
)  # fmt: skip
# Words that put a venue in the future or in another story ("invited ... to visit Tashkent", "is due
# to visit a shipyard in Busan", "told reporters in Gaborone"): the place is not where the talks were.
NOT_VENUE_WORDS: tuple[str, ...] = (
    "will", "would", "shall", "invited", "invitation", "promised", "plans", "plan to", "expected", "due to",
    "next", "later", "to visit", "to sign", "said", "says", "told", "added", "flying", "return visit", "headed",
    "heading", "onward", "last", "earlier", "previous", "recent", "recently", "ago", "recalled", "recalling",
    "recalls", "remembered", "own", "former",
)  # fmt: skip
# How far (characters) before a place its preposition may stand ("visit to" ... "the Czech Republic").
VENUE_WINDOW: int = 24
# Seats of government and palaces a story names instead of the city ("talks at the Kremlin",
# "welcomed him to the White House"): ASCII lower-case name -> (city, ISO country). Only places that
# stand for one city; "the Presidential Palace" or "State House" could be anywhere.
LANDMARKS: dict[str, tuple[str, str]] = {
    "kremlin": ("Moscow", "RU"), "white house": ("Washington", "US"), "elysee palace": ("Paris", "FR"),
    "downing street": ("London", "GB"), "malacanang": ("Manila", "PH"), "casa rosada": ("Buenos Aires", "AR"),
    "la moneda": ("Santiago", "CL"), "akasaka palace": ("Tokyo", "JP"), "great hall of the people": ("Beijing", "CN"),
    "zhongnanhai": ("Beijing", "CN"), "rashtrapati bhavan": ("New Delhi", "IN"), "hyderabad house": ("New Delhi", "IN"),
    "akorda": ("Astana", "KZ"), "palazzo chigi": ("Rome", "IT"), "quirinale": ("Rome", "IT"),
    "bellevue palace": ("Berlin", "DE"), "planalto": ("Brasilia", "BR"), "aso rock": ("Abuja", "NG"),
    "aso villa": ("Abuja", "NG"), "union buildings": ("Pretoria", "ZA"), "carthage palace": ("Tunis", "TN"),
    "prague castle": ("Prague", "CZ"), "hofburg": ("Vienna", "AT"), "rideau hall": ("Ottawa", "CA"),
    "belweder": ("Warsaw", "PL"), "bestepe": ("Ankara", "TR"), "dolmabahce": ("Istanbul", "TR"),
    "cheong wa dae": ("Seoul", "KR"), "sandor palace": ("Budapest", "HU"), "istana merdeka": ("Jakarta", "ID"),
}  # fmt: skip
# Words before "America" that make it a region, not the United States ("North America Brief").
AMERICA_REGIONS: tuple[str, ...] = ("north", "south", "latin", "central")
# Last words that make a country name a noun however it ends ("Czech Republic" is not an adjective
# for ending in "-ic", nor "Solomon Islands" for ending in "-s").
COUNTRY_NAME_HEADS: tuple[str, ...] = ("republic", "islands", "kingdom", "emirates", "states", "federation")
# --- end of event fields -------------------------------------------------------------------------
