"""One place in the text that names a document: its noun phrase, how it is determined, its status.

"an MoU", "the Preferential Trade Agreement (PTA)", "Agreement between X and Y" name a
document; "the agreement" refers back to one; "15 agreements" counts; "agreements on A,
B and C" enumerates. The status is read from the verb nearest the mention ("inked",
"agreed to sign", "discussed ... the adoption of").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from service.extractors.offline.lexicon import STATUS_CUE_RE, number_value
from service.extractors.offline.sentences import Segment
from service.vocabulary import (
    BLAND_MODIFIERS,
    CURRENCY_SIGNS,
    DEFINITE_DETERMINERS,
    GENERIC_DETERMINERS,
    INDEFINITE_DETERMINERS,
    INITIALLED_PARTICIPLES,
    MONEY_SCALES,
    MONTH_NAMES,
    NEGATIVE_DETERMINERS,
    SIGNED_PARTICIPLES,
    TYPE_HEADS,
    WEEKDAYS,
    alternation,
)

STATEMENTS = frozenset({"joint_statement", "declaration"})
_TOKEN = re.compile(r"\d+(?:[.,]\d+)*|[A-Za-z0-9][\w'&-]*|[$\u20ac\u00a3\u00a5]|[^\w\s]")
_SCALE = MONEY_SCALES
_CURRENCY = CURRENCY_SIGNS
_INDEFINITE = INDEFINITE_DETERMINERS
_NEGATIVE = NEGATIVE_DETERMINERS
_DEFINITE = DEFINITE_DETERMINERS
_GENERIC = GENERIC_DETERMINERS
_STOP = frozenset(
    [
        "of", "on", "in", "for", "with", "by", "to", "at", "from", "between", "into", "about", "under", "over", "as",
        "and", "or", "but", "nor", "including", "was", "were", "is", "are", "be", "been", "being", "has", "have", "had",
        "will", "would", "also", "then", "not", "no", "per", "via", "than", "which", "who", "whom", "whose", "while",
        "after", "before", "during", "following", "among", "amongst", "through", "across", "within", "without", "upon",
        "towards", "toward", "regarding", "concerning", "witnessed", "oversaw", "hailed", "noted", "said", "expected",
        "it", "they", "we", "he", "she", "there", "here", "where", "when", "what", "how", "if", "so"
    ]
)  # fmt: skip
_BLAND = BLAND_MODIFIERS
_LY_NOUNS = frozenset(
    ["supply", "family", "assembly", "monopoly", "anomaly", "rally", "ally", "italy", "july", "reply"]
)
"""Words ending in -ly that are not adverbs: "a supply contract" names a document."""
_TO_VERBS = (
    "boost|enhance|strengthen|promote|support|fund|finance|accentuate|develop|expand|deepen|facilitate|establish|"
    "increase|implement|improve|create|build|set\\s+up|ensure|acquire|buy|purchase|supply|construct|operate|invest|"
    "provide|deliver|produce|export|import|train|exchange|share|protect|avoid|prevent|combat|launch|upgrade|"
    "moderni[sz]e|reduce"
)
_POSTMOD_WORDS = "|".join(
    [
        r"on", r"between", r"for", r"of(?=\s+(?:the\s+)?[A-Z0-9])",
        r"to(?=\s+the\s+(?:[\w'-]+\s+){0,3}?(?:[Tt]reaty|[Aa]greement|[Cc]onvention|[Pp]rotocol|[Cc]harter)\b)", r"regarding", r"concerning", r"covering", r"focus(?:ing|ed)\s+on",
        r"cent(?:red|ered)\s+on", r"establishing", r"outlining", r"facilitating", r"with\s+regard\s+to",
        r"in\s+the\s+(?:fields?|areas?|spheres?)\s+of", r"in\s+(?:the\s+)?[a-z-]+\s+(?:sector|field|area|sphere)",
        r"in\s+(?!the\s+presence)(?:the\s+)?[a-z][a-z-]+(?=[\s,.;])", rf"to\s+(?:{_TO_VERBS})", r"worth",
        r"valued\s+at", r"aimed\s+at", r"aiming\s+to", r"starting", r"with\s+(?:a\s+)?(?:value|term|duration)",
        r"amending", r"to\s+amend", r"amendments?\s+to", r"supplementing", r"extending", r"renewing", r"elevating",
        r"upgrading", r"launching", r"creating", r"setting\s+up", r"reaffirming", r"strengthening", r"deepening",
        r"expanding", r"promoting", r"enhancing", r"boosting", r"allowing", r"providing", r"granting",
    ]
)  # fmt: skip
_MONTH_BEFORE = re.compile(r"\b" + alternation(MONTH_NAMES) + r"\.?\s+$")
_YEARS = r"(?:(?:19|20)\d\d(?:\s*[-/]\s*(?:19|20)?\d\d)?\s+)?"  # "the Action Plan 2026-2031 of ..."
_OF = re.compile(r"\s*,?\s*" + _YEARS + r"(?P<prep>of)\s+(?!(?:\d+\s+)?" + alternation(WEEKDAYS) + r"\b)")
_POSTMOD = re.compile(rf"\s*(?:\([^)]{{0,80}}\)|\[[^\]]{{0,80}}\])?\s*,?\s*{_YEARS}(?P<prep>{_POSTMOD_WORDS})\b")
"""A content modifier after the head: what makes "an agreement on X" name one document."""

_CONTINUES = r"(?!(?:covering|focusing|focused|aimed|aiming|regarding|concerning|on|for)\b)"
_NEXT_DOCUMENT = (
    r"(?:agreements?|memorand\w*|MoUs?|letters?\s+of|protocols?|contracts?|programmes?|programs?|plans?|"
    r"statements?|declarations?|treat(?:y|ies)|deals?|accords?|road\s?maps?|communiqu|"
    + "|".join(source for _, source in TYPE_HEADS)
    + ")"
)
"""The start of any document's name: where "... and a/an/the <it>" ends the name before it."""
_NEXT_PLURAL = (
    r"(?:agreements|memorand(?:a|ums)|MoUs|MOUs|MoCs|LoIs|letters\s+of|protocols|contracts|treaties|deals|accords|"
    r"programmes|programs|plans|road\s?maps)"
)
"""A plural document head without a determiner: after "and" it starts the next mention of a list."""
_SIGNED_OR_INITIALLED = alternation(SIGNED_PARTICIPLES + INITIALLED_PARTICIPLES)
_NEXT_NAME = re.compile(rf",\s+(?:and\s+)?(?={_NEXT_DOCUMENT}\b)")
"""A comma, then another document's name: the end of this one."""
_TITLE_END = re.compile(
    "|".join(
        [
            r"[;:!?]|\.(?!\d)",  # not the point of "$1.5 billion"
            r"\s+-{1,2}\s+",  # "Agreement on defence - the two defence ministers": who signed it follows
            rf",\s+(?!and\s+[A-Z]){_CONTINUES}(?=[a-z])",  # ", marking a step"
            rf",\s+(?=(?:\S+\s+){{1,3}}(?!(?:and|of|the|for)\b)[a-z]){_CONTINUES}",  # ", Lam and Aliyev also ..."
            r"\s+(?:was|were|is|are|has|have|had|will|would|which|who|adopted|issued|"
            + _SIGNED_OR_INITIALLED
            + r"|as\s+well\s+as|while|whereas|between\s+the\s+two\s+sides|during|on\s+the\s+sidelines"
            r"|in\s+the\s+presence|at\s+the\s+(?:end|close|conclusion|ceremony)|after\s+(?:talks|the)"
            r"|at\s+(?:a|the)\s+(?:[\w-]+\s+){0,2}?(?:ceremony|meeting|event|forum|summit|session)|soon"
            r"|when|once|until|because|if|unless|so\s+that|could|might|may|should|must|can"
            r"|that\s+(?:nobody|no\s+one|none|few|officials|diplomats|critics|analysts|observers|[A-Z])"
            r"|later|earlier|today|tomorrow|yesterday|next\s+(?:week|month|year))\b",
            r"\t|\s+\|\s+",  # the next cell of a table row (tab or pipe)
            r"\s*[(\[]\s*(?:signed|inked|initial(?:l)?ed|exchanged)\s+by\b",  # "(signed by the foreign ministers)"
            rf",\s+(?:the|an?)\s+(?=(?:[\w'-]+\s+){{0,3}}?{_NEXT_DOCUMENT})",  # "X issued in 1992, the Treaty of Y"
            _NEXT_NAME.pattern,  # "Agreement on Fisheries, Memorandum on Tourism"
            rf"(?:,\s*|\s+)(?:and|as\s+well\s+as|plus)\s+(?:a|an|another|the|two|three|four|five|\d+)\s+"
            rf"(?=(?:[\w-]+\s+){{0,4}}?{_NEXT_DOCUMENT})",  # "... and a protocol on customs"
            rf"(?:,\s*|\s+)(?:and|as\s+well\s+as|plus)\s+(?:[\w-]+\s+){{0,2}}?(?={_NEXT_PLURAL}\s+(?:on|in|for|of|"
            r"regarding|concerning|covering)\b)",  # "an agreement on X and memoranda on A and B": a bare plural
            r"\s+and\s+to\s+[a-z]+\b",  # "... an agreement on X at the earliest date and to hold a meeting"
            rf"\s+to\s+(?:a|an)\s+(?=(?:[\w-]+\s+){{0,3}}?{_NEXT_DOCUMENT})",  # "from a memorandum on X to a programme of Y"
            r",?\s+(?:and|plus)\s+(?:another\s+)?(?:two|three|four|five|six|seven|eight|nine|ten|\d{1,2})\s+"
            r"(?:others|more)\b",  # "a treaty on X and two more on A and B": the pro-form starts its own mention
            r"\s+and\s+(?:also\s+|then\s+|later\s+)?(?:witnessed|"
            + _SIGNED_OR_INITIALLED
            + r"|agreed|discussed|held|noted"
            r"|welcomed|said|expressed|pledged|adopted|issued|attended|oversaw|reviewed|called|stressed|highlighted"
            r"|announced|decided|will|would|is|are|was|were)\b",
        ]
    )
)
"""Where a document's name stops: punctuation, a verb, the next document of a list."""
_LIST_WORD = (
    r"(?!(?:and|or|the|a|an|which|who|whose|while|said|says|told|officials?|according|as|with|its|their|is|are|was|"
    r"were|will|would|has|have|had|remains?|still)\b)[A-Za-z][\w'-]*"
)
_FIELD_LIST = re.compile(
    rf",\s+(?=({_LIST_WORD}))(?:{_LIST_WORD}\s+){{0,3}}?{_LIST_WORD}(?:,\s+(?:{_LIST_WORD}\s+){{0,3}}?{_LIST_WORD})*,?\s+and\s+(?={_LIST_WORD})"
)
"""The rest of a comma list that ends in "and": the fields of one document's name, not the end of it."""
_PAREN = re.compile(r"\s*(?:\([^)]{0,80}\)|\[[^\]]{0,80}\])")
_PLURAL_WORD = re.compile(r"\bmemorand(?:a|ums)\b|\b(?:mous|mocs|lois)\b")
_PLURAL_OF = re.compile(r"^(?:[\w-]+\s+)*?(?:letters|programmes|programs|plans|statements|declarations)\s+of\s")
"""A plural noun before "of" makes the whole head plural ("letters of intent"); "minutes of" is not a plural head."""
_SINGULAR_OF = re.compile(r"^(?:[\w-]+\s+)*?(?:letter|programme|program|plan|statement|declaration)\s+of\s")
"""A singular noun before "of" keeps the head singular ("Programme of Cultural Exchanges")."""
_BETWEEN_TAIL = re.compile(r"\s*\bbetween\b.*?(?=\s+(?:on|for|to|regarding|concerning|in)\s+[a-z]|\s+on\s+|$)")
_SUBJECT_LEAD = re.compile(
    r"^(?:\([^)]*\)\s*)?,?\s*(?:on|for|regarding|concerning|covering|focus(?:ing|ed)\s+on|cent(?:red|ered)\s+on|"
    r"establishing|outlining|facilitating|with\s+regard\s+to|in\s+the\s+(?:fields?|areas?|spheres?)\s+of|to\s+\w+|"
    r"worth|valued\s+at|aimed\s+at|aiming\s+to|amending|in)\s+(?:the\s+|a\s+|an\s+)?",
    re.I,
)
_SUBJECT_NOISE = re.compile(
    r"^(?:(?:the\s+)?(?:upcoming\s+|next\s+)?(?:year\s+|years\s+|period\s+)?(?:19|20)\d\d\s*[-/]\s*(?:19|20)?\d\d"
    r"(?:\s+period)?\s*(?:covering|on|for|regarding|,)?\s*)+",
    re.I,
)


_DIGIT = re.compile(r"\d")
_AMOUNT_LEAD = re.compile(
    r"(?:(?:worth|valued\s+at|of)\s+)?(?:up\s+to\s+|about\s+|some\s+|nearly\s+|over\s+)?(?:[$\u20ac\u00a3\u00a5]|US\$)?"
    r"\s?\d[\d.,]*\s*(?:thousand|million|billion|trillion|bn|mn|m)?\b\s*(?:euros?|dollars?|pounds?|yen)?\s*"
    r"(?:(?:for|to|of)\s+)?",
    re.I,
)
_MONEY = _SCALE | _CURRENCY | {"euro", "euros", "dollar", "dollars", "pound", "pounds", "yen", "rs"}
_PERIOD_TAIL = re.compile(
    r"\s+(?:for|in|during|over)\s+(?:the\s+)?(?:upcoming\s+)?(?:years?\s+|period\s+)?(?:19|20)\d\d\s*[-/]\s*\d{2,4}"
    r"(?:\s+period)?$",
    re.I,
)


@dataclass
class Mention:
    """A document as one place in the text reports it."""

    type: str
    kind: str  # "specific", "bare", "fields", "count", "generic", "field"
    head: tuple[int, int]
    title_span: tuple[int, int]
    clause: tuple[int, int]
    segment: Segment
    plural: bool = False
    det: str = "none"  # "indefinite", "definite", "possessive", "number", "generic", "none"
    count: int | None = None
    premods: list[str] = field(default_factory=list)
    postmod: bool = False
    status: str | None = None
    explicit: bool = False  # the status is stated in the mention's own clause
    cue_start: int | None = None
    level: int = 0
    background: bool = False
    year: int | None = None  # the year the text dates it to ("signed on 13 June 2011"), named right after it
    parties: list[tuple[str, str | None]] = field(default_factory=list)
    signatories: list[str] = field(default_factory=list)
    period: str | None = None
    title: str = ""
    subject: str | None = None
    examples: bool = False
    quote_span: tuple[int, int] | None = None
    cache: dict[str, set[str]] = field(default_factory=dict, repr=False, compare=False)

    @property
    def position(self) -> int:
        return self.head[0]

    @property
    def quote(self) -> tuple[int, int]:
        return self.quote_span or self.clause

    @property
    def weak_place(self) -> bool:
        """Headlines, teasers and list items restate; the body sentence is the better evidence."""
        return self.segment.kind != "sentence" or self.segment.teaser

    @property
    def place_rank(self) -> int:
        """0 a body sentence, 1 a list item or teaser, 2 a headline: how well the place can be evidence."""
        if self.segment.kind == "heading":
            return 2
        return 1 if self.weak_place else 0


@lru_cache(maxsize=512)
def is_plural(head_text: str) -> bool:
    """ "memoranda", "MoUs", "agreements" (but not "minutes of the meeting" or "exchange of notes")."""
    low = head_text.lower()
    if " of " in low:  # the number is on the noun before "of": "letters of intent", "plan of joint activities"
        if _PLURAL_OF.search(low):
            return True
        if _SINGULAR_OF.search(low):
            return False
    if low.endswith(("memoranda", "memorandums", "ies", "mou's")):
        return True
    last = low.split()[-1]
    if _PLURAL_WORD.search(low):
        return True
    if last.endswith("s") and last not in ("news", "minutes", "notes", "affairs", "understandings"):
        return not low.startswith(("exchange of notes", "minutes of"))
    return low.endswith("understandings")


def premodifiers(text: str, clause_start: int, head_start: int) -> tuple[str, list[str], int | None, int]:
    """Determiner kind, modifier words (left to right), stated number, and where the phrase starts."""
    window = max(clause_start, head_start - 160)  # six words and a sum fit; no need to read the whole clause
    if window > clause_start:
        window = text.rfind(" ", clause_start, window) + 1 or clause_start
    tokens = list(_TOKEN.finditer(text, window, head_start))
    premods: list[str] = []
    start = head_start
    for tok in reversed(tokens):
        word = tok.group()
        low = word.lower()
        if low in _INDEFINITE:
            return "indefinite", premods, None, tok.start()
        if low in _NEGATIVE:  # "no agreement on lithium would be signed": no document at all
            return "negative", premods, None, tok.start()
        if low in _DEFINITE:
            return "definite", premods, None, tok.start()
        if low in _GENERIC:
            return "generic", premods, None, tok.start()
        if low in _CURRENCY or (low[0].isdigit() and premods and premods[0].lower() in _SCALE):
            premods.insert(0, word)
            start = tok.start()
            continue
        value = number_value(low)
        if value is not None and low.isdigit() and _MONTH_BEFORE.search(text, window, tok.start()):
            premods.insert(0, word)  # "the July 3 agreement": a day of a date, not a count
            start = tok.start()
            continue
        if value is not None and (not low.isdigit() or len(low) <= 3):
            return "number", premods, value, tok.start()
        if low.endswith("'s") or low.endswith("'"):
            return "possessive", premods, None, tok.start()
        if (
            not word[0].isalnum()
            or low in _STOP
            or (STATUS_CUE_RE.fullmatch(word) and low != "draft")
            or (low.endswith("ly") and len(low) > 4 and low not in _LY_NOUNS)
            or len(premods) >= 5
        ):
            return "none", premods, None, start
        premods.insert(0, word)
        start = tok.start()
    return "none", premods, None, start


def title_end(text: str, head_end: int, limit: int, *, proper: bool = False) -> tuple[int, bool]:
    """Where the document's name ends, and whether a content modifier follows the head.

    A `proper` name (a capitalised head: "Joint Statement of the leaders of ...") takes any "of" complement.
    """
    paren = _PAREN.match(text, head_end, limit)
    m = _POSTMOD.match(text, head_end, limit) or (_OF.match(text, head_end, limit) if proper else None)
    if m is None:
        return (paren.end() if paren else head_end), False
    limit = min(limit, head_end + 240)
    end_m = _TITLE_END.search(text, m.start("prep"), limit)
    if end_m and text[end_m.start()] == "," and not _NEXT_NAME.match(text, end_m.start()):
        field_list = _FIELD_LIST.match(text, end_m.start(), limit)
        title_case = text[text.rfind(" ", head_end, end_m.start()) + 1 : end_m.start()][:1].isupper()
        if field_list and (
            title_case or field_list.group(1)[0].islower()
        ):  # "an agreement on cooperation in tourism, sport and youth affairs": one field
            end_m = _TITLE_END.search(text, field_list.end(), limit)
    end = end_m.start() if end_m else limit
    while end > head_end and text[end - 1] in " ,":
        end -= 1
    return end, True


def subject_text(text: str, premods: list[str], name_start: int, name_end: int, head_end: int) -> str | None:
    """What the document is about: its modifiers and the words after the head, parties left out."""
    tail = text[head_end:name_end]
    tail = _BETWEEN_TAIL.sub("", tail) if "between" in tail else tail
    tail = _PAREN.sub("", tail, count=1) if tail.lstrip().startswith(("(", "[")) else tail
    tail = _SUBJECT_LEAD.sub("", tail.strip()).strip(" ,")
    if _DIGIT.search(tail):  # periods and sums are written with digits
        tail = _PERIOD_TAIL.sub("", _SUBJECT_NOISE.sub("", tail)).strip(" ,")
        amount = _AMOUNT_LEAD.match(tail)
        tail = tail[amount.end() :] if amount else tail
    content = [
        w
        for w in premods
        if w.lower() not in _BLAND and not w[0].isdigit() and w.lower() not in _MONEY and not w.endswith("-year")
    ]
    pieces = [" ".join(content), tail]
    subject = " ".join(p for p in pieces if p).strip()
    return subject or None
