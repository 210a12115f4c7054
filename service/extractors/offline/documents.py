"""Find every document mention of an article: named documents, enumerated fields, list entries.

Works clause by clause on the ASCII view. Each type head ("memorandum of understanding",
"MoU", "cooperation programme") becomes a `Mention`; plural heads that enumerate fields
become one mention per field; entries of a list introduced by "the MoUs signed" become
mentions even without a type word; "X and Y agreed on a long-term supply of crude oil"
is a document of type `other`.
"""

from __future__ import annotations

import re

from service.extractors.offline import fieldlists, parties
from service.extractors.offline.context import Context
from service.extractors.offline.entries import implicit_deal, list_entries
from service.extractors.offline.lexicon import BACKGROUND_RE, STATUS_CUE_RE, duration_in, number_value, period_in
from service.extractors.offline.mentions import (
    STATEMENTS,
    Mention,
    is_plural,
    premodifiers,
    subject_text,
    title_end,
)
from service.extractors.offline.sentences import Segment, clauses
from service.extractors.offline.status import status_in, status_near
from service.vocabulary import SIGNING_VERBS, TYPE_LABEL

_SPOKEN = re.compile(
    r"(?:deliver(?:ed|ing|s)?|ma(?:de|ke|king)|read(?:ing)?|g[ai]ve|giving|hold(?:ing)?|held)\s+(?:a|the|their|his|"
    r"her)?\s*$",
    re.I,
)
_NOT_A_DOCUMENT = re.compile(r"(?i)\s*(?:with\s+(?:him|her|them|us|me)|among)\b")
_NEGATED = re.compile(
    r"(?i)(?:\b(?:not|never|no|n't)\s+(?:\w+\s+)?|\b(?:failed|fail|fails|unable)\s+to\s+)"
    r"(?:" + "|".join(SIGNING_VERBS) + r"|adopt|discuss|talk\s+about|raise|mention)\w*[\s:,-]+(?:[\w'-]+\s+){0,3}$"
)
_IN_AGREEMENT = re.compile(r"(?i)\b(?:(?:in|by)\s+(?:full|complete|total|broad|general|close)?|mutual)\s*$")
_VERB_DEAL = re.compile(r"(?i)\b(?:to|must|will|would|can|could|should|may|might|cannot|we|they|i|you)\s+$")
_BIG_DEAL = re.compile(r"(?i)\b(?:a|no)\s+big\s+$")
_WITHOUT = re.compile(r"(?i)\bwithout\s+(?:an?\s+|any\s+)?(?:[\w-]+\s+){0,2}$")
_QUANTITY = re.compile(r"(?i)\b(?:a\s+)?(?:great|good|fair)\s+$")
"""'a great deal of time': a quantity, not a deal."""
_IN_TITLE_CASE = re.compile(
    r"\s+in\s+(?:the\s+)?(?P<words>[A-Z][a-z]+(?:\s+[A-Z][a-z]+)*(?:,\s+[A-Z][a-z]+(?:\s+[A-Z][a-z]+)*)*"
    r"(?:,?\s+and\s+[A-Z][a-z]+(?:\s+[A-Z][a-z]+)*)?)"
)
"""The capitalised "in ..." complement of a title-case name ("... in Culture, Science and Youth")."""
_OTHERS = re.compile(
    r"(?i)\b(?:and\s+|plus\s+)(?:another\s+)?(?P<n>two|three|four|five|six|seven|eight|nine|ten|\d{1,2})\s+"
    r"(?:others|more)\b(?=\s*[,:-]|\s+(?:on|in|for|covering)\s)"
)
"""A counted pro-form after a named document: "... and two others, on A and on B"."""
_SMALL_NUMBER = re.compile(r"\b\d{1,2}\b")
_CONSENSUS = re.compile(r"(?i)\b(?:reached|reach|came\s+to|come\s+to)\s+(?:an?\s+|broad\s+|general\s+)*$")
_CONSENSUS_OBJECT = re.compile(r"(?i)\s+(?:to\s+[a-z]+|that|with\b)")
_COORDINATED = re.compile(r"^\s*(?:\([^)]{0,60}\)|\[[^\]]{0,60}\])?\s*(?:and|&|or|,)\s*$")
_COUNT_BEFORE = re.compile(r"(?i)\b(\d{1,2}|two|three|four|five|six|seven|eight|nine|ten)\s+(?:[a-z-]+\s+){0,2}$")
_YEAR_IN = re.compile(r"\b(?:in|on|since)\s+(?:\d{1,2}\s+)?(?:[A-Z][a-z]+\s+)?(?:\d{1,2},?\s+)?((?:19|20)\d\d)\b")
_YEAR_BEFORE_HEAD = re.compile(r"\b((?:19|20)\d\d)(?:'s)?\s+(?:[\w-]+\s+){0,3}$")
_DATED_AFTER = re.compile(
    r"\s*,?\s*(?:signed|issued|adopted|concluded|initial(?:l)?ed|dated)?\s*(?:in|on|of)?\s+(?:\d{1,2}\s+)?"
    r"(?:[A-Z][a-z]+\s+)?(?:\d{1,2},?\s+)?((?:19|20)\d\d)\b"
)
_QUESTION = re.compile(r"\?[\"')\]]*\s*$")
_OFF_THE_TABLE = re.compile(r"(?i)\bnot\s+on\s+the\s+(?:table|agenda)\b|\boff\s+the\s+(?:table|agenda)\b")
_CITING = re.compile(
    r"(?i)\b(?:commitment\s+to|committed\s+to|adherence\s+to|in\s+(?:line|accordance|keeping|conformity)\s+with|"
    r"pursuant\s+to|under|within\s+the\s+framework\s+of|consistent\s+with|based\s+on|guided\s+by|"
    r"principles\s+of|obligations\s+under|participation\s+in|joining|to\s+join|accession\s+to|accede\s+to)"
    r"\s+(?:the\s+)?(?:[\w'-]+\s+){0,3}$"
)
"""Words that invoke a text as a norm ("in accordance with the UN Charter") rather than report it."""
_PRO_FORM = re.compile(
    r"(?:\b[Tt]he\s+(?:(?:other|remaining)\s+)?(?P<n>one|two|three|four|five|six|seven|eight|nine|ten|\d{1,2})"
    r"|\b(?:They|These|Those)(?P<all>))\s+"
    r"(?:(?:is|was|are|were)\s+)?(?:(?:also\s+)?(?:on|in|covered|cover|covers|concern(?:s|ed)?|include|includes|span|"
    r"deal(?:s|t)?\s+with|dealt\s+with|relate\s+to|pertain\s+to))\s+"
    r"(?:the\s+(?:fields?|areas?|spheres?|sectors?)\s+of\s+|areas\s+(?:such\s+as|including|like)\s+|the\s+)?"
)
"""A pro-form of counted documents and its complement: "the one on X", "the other three covered A, B and C",
"They cover A, B and C"."""
_PRO_FORM_KEYS = re.compile(r"\b(?:one|other|remaining|they|these|those|two|three|four|five|six)\b")
_NAMED_BETWEEN = re.compile(r"(?i)\s+between\s+(?!the\s+two\b|both\b|them\b|their\b|the\s+countries\b)(?:the\s+)?[a-z]")
_APPOSITION = re.compile(r"\s*,\s*")
_GENERIC_HEAD = re.compile(r"(?i)deal|agreement|accord|pact|document|arrangement")
_RANKING = re.compile(r"(?i)^(?:\w+est|first|second|third|only|latest|biggest|largest)$")


def _apposition(text: str, prev: Mention, m: Mention) -> bool:
    """ "a contract worth €420 million, the largest Polish export deal in Africa": a second name, not a second deal."""
    if m.plural or not _APPOSITION.fullmatch(text, prev.title_span[1], m.title_span[0]):
        return False
    if m.det == "indefinite":  # "an agreement on X, a deal that was initialled in May": a bare generic word
        return not m.postmod and not m.premods and _GENERIC_HEAD.fullmatch(text, *m.head) is not None
    return m.det == "definite" and (not m.postmod or any(_RANKING.match(w) for w in m.premods))


def _skip(ctx: Context, clause: tuple[int, int], heads: list[tuple[int, int, str]], i: int) -> bool:
    """Acronym repeats "(MoU)", spoken statements "delivering a joint statement", "in agreement"."""
    text = ctx.text
    start, end, doc_type = heads[i]
    before = text[max(clause[0], start - 30) : start]
    if i > 0 and heads[i - 1][1] >= start - 3 and before.rstrip().endswith(("(", "[")):
        return True
    if doc_type in STATEMENTS and _SPOKEN.search(before):
        return True
    if doc_type == "agreement" and _IN_AGREEMENT.search(before):
        return True
    if doc_type == "agreement" and _QUANTITY.search(before) and text.startswith(" of", end):
        return True
    if (
        doc_type == "agreement"
        and (_VERB_DEAL.search(before) or _BIG_DEAL.search(before))
        and text[start:end].lower() == "deal"
    ):
        return True  # "must deal with the crisis", "a big deal for the region"
    if _WITHOUT.search(text, max(clause[0], start - 40), start):
        return True  # "the talks ended without an agreement on fishing quotas"
    if text[start - 1 : start] == "/" or text[end : end + 1] == "/":
        return True  # "Name of MoU/Agreement": a table header, not a document
    if _NEGATED.search(text, max(clause[0], start - 50), start):
        return not _discussed_after(text, end, clause[1])  # "did not sign X ..., which remains under review"
    if _OFF_THE_TABLE.search(text, end, clause[1]):
        return True  # "Asked about a mobility agreement, he said it is not on the table"
    if doc_type == "agreement" and _CONSENSUS.search(text, max(clause[0], start - 30), start):
        return bool(_CONSENSUS_OBJECT.match(text, end, clause[1]))
    return bool(_NOT_A_DOCUMENT.match(text, end, clause[1])) and doc_type == "agreement"


def _only_place(ctx: Context, start: int, end: int) -> bool:
    """Whether `start:end` is just a place name ("Kumasi"), not a field that names places ("the Dar es Salaam port")."""
    covered = sum(p.end - p.start for p in ctx.places_in(start, end))
    return covered >= 0.7 * (end - start)


def _cited(ctx: Context, m: Mention) -> bool:
    """ "reaffirmed their commitment to the Paris Agreement": a text invoked as a norm, with no verb saying it was
    signed, adopted, planned or discussed, is not a document of the event."""
    if m.status is not None or m.background:  # "under the 2015 agreement": a dated document of these two sides
        return False
    return _CITING.search(ctx.text, max(m.clause[0], m.title_span[0] - 60), m.title_span[0]) is not None


def _discussed_after(text: str, start: int, end: int) -> bool:
    """Whether the clause goes on to say the document was talked about (then a negated signing is `discussed`)."""
    return any(c.lastgroup == "discussed" for c in STATUS_CUE_RE.finditer(text, start, end))


def _background(ctx: Context, start: int, head_start: int, name_end: int, end: int) -> bool:
    """Whether the text recalls the document from an earlier occasion ("signed in 2019", "the previous visit").

    A year before the head dates this document ("the 2015 agreement"); a year inside its complement
    ("a protocol amending the 2019 agreement") dates another one; a year after the name dates this one.
    """
    window = ctx.text[start:end]
    low = window.lower()
    if not any(k in low for k in ("previous", "earlier", "past", "ago", "already", "existing", "last ", " 19", " 20")):
        return False
    if BACKGROUND_RE.search(window):
        return True
    year = _YEAR_IN.search(ctx.text, name_end, end) or _YEAR_BEFORE_HEAD.search(ctx.text, start, head_start)
    return bool(year and ctx.year and int(year.group(1)) < ctx.year)


def _final_status(doc_type: str, status: str | None) -> str | None:
    if status == "announced":
        return "adopted" if doc_type in STATEMENTS else "signed"
    if status == "adopted" and doc_type not in STATEMENTS and doc_type not in ("cooperation_programme", "other"):
        return "signed"
    return status


def _mention(ctx: Context, seg: Segment, clause: tuple[int, int], head: tuple[int, int], doc_type: str) -> Mention:
    text = ctx.text
    cs, ce = clause
    det, premods, count, np_start = premodifiers(text, cs, head[0])
    proper = text[head[0]].isupper() and not text[head[0] : head[1]].isupper()
    name_end, postmod = title_end(text, head[1], ce, proper=proper)
    if proper:  # "the Programme of Cooperation in Culture, Science and Youth": a title-case field, not a place
        field = _IN_TITLE_CASE.match(text, name_end, ce)
        if field and not _only_place(ctx, field.start("words"), field.end()):
            name_end, postmod = field.end(), True
    plural = is_plural(text[head[0] : head[1]])
    status, cue = status_in(text, clause, head, name_end)
    named = postmod or any(w.lower() not in ("new", "joint") for w in premods)
    if det == "negative" and (status != "discussed" or not named):
        status = "negated"  # "still no deal, talks continue": a bare "no deal" names nothing, whatever the talks
    elif _NEGATED.search(text, max(cs, head[0] - 50), head[0]):
        status = "discussed"  # kept by `_skip` only because the clause says it was discussed
    m = Mention(
        type=doc_type,
        kind="specific",
        head=head,
        title_span=(np_start, name_end),
        clause=clause,
        segment=seg,
        plural=plural,
        det=det,
        count=count,
        premods=premods,
        postmod=postmod,
        status=status,
        explicit=status is not None,
        cue_start=cue,
    )
    content = [w for w in premods if w.lower() not in ("new", "joint")]
    capitalised = text[head[0]].isupper() and not text[head[0] : head[1]].isupper()
    if plural:
        m.kind = "count" if det == "number" else "generic"
    elif det == "definite" and not content and not postmod:
        m.kind = "bare"
    elif det == "generic" or (
        det == "none" and not content and not postmod and not capitalised and seg.kind == "sentence"
    ):
        m.kind = "generic"
        return m  # never a document: the details below are not needed
    m.title = ctx.body[np_start:name_end]
    m.subject = subject_text(text, premods, np_start, name_end, head[1])
    m.background = _background(ctx, np_start, head[0], name_end, min(ce, name_end + 60))
    dated = _YEAR_IN.match(text, name_end, min(ce, name_end + 40)) or _DATED_AFTER.match(text, name_end, ce)
    m.year = int(dated.group(1)) if dated else None
    m.period = period_in(ctx.text, head[0], min(ce, name_end + 40)) or duration_in(ctx.text, np_start, name_end)
    return m


def _fields(ctx: Context, m: Mention, stop: int | None, subcounts: dict[str, int]) -> list[Mention]:
    """One mention per enumerated field of a plural mention, or none when it enumerates nothing."""
    span = fieldlists.list_span(ctx.text, m.head[1], m.clause[1], stop)
    if span is None:
        before = fieldlists.premodifier_span(ctx.text, m.clause[0], m.head[0])
        if before is None:
            return []
        span = (*before, False)
    start, end, examples = span
    expected, exact = None, True
    if m.det == "number" and not examples:
        expected = m.count
    elif m.det in ("definite", "none") and m.type in subcounts:
        expected, exact = subcounts[m.type], False
    items = fieldlists.split_fields(ctx.text, start, end, expected=expected, exact=exact)
    if sum(1 for s, e in items if _only_place(ctx, s, e)) * 2 > len(items):
        return []  # "signed agreements in Accra, Kumasi and Tamale": places, not fields
    status = m.status or status_near(ctx.text, m.clause)
    level = 2 if m.det == "number" or _SMALL_NUMBER.search(ctx.text, m.clause[0], m.head[0]) else 1
    if m.segment.kind == "heading":
        level = 3
    out = []
    label = "document" if m.type == "other" else TYPE_LABEL[m.type]
    for s, e in items:
        field = ctx.body[s:e].strip()
        out.append(
            Mention(
                type=m.type,
                kind="field",
                head=(s, e),
                title_span=(s, e),
                clause=m.clause,
                segment=m.segment,
                plural=False,
                det=m.det,
                count=m.count if m.count == len(items) else None,  # the list is exactly what its number counts
                status=status,
                explicit=status is not None,
                cue_start=m.cue_start,
                level=level,
                parties=m.parties,
                title=f"{label} on {field}",
                subject=field,
                examples=examples,
            )
        )
    return out


def _clause_mentions(ctx: Context, seg: Segment, clause: tuple[int, int], subcounts: dict[str, int]) -> list[Mention]:
    text = ctx.text
    heads = ctx.heads_in(clause[0], clause[1])
    raw: list[tuple[tuple[int, int], str]] = []
    for i, (hs, he, doc_type) in enumerate(heads):
        if _skip(ctx, clause, heads, i):
            continue
        if raw and is_plural(text[hs:he]) and is_plural(text[raw[-1][0][0] : raw[-1][0][1]]):
            prev = raw[-1]
            if _COORDINATED.match(text[prev[0][1] : hs]):
                kind = prev[1] if prev[1] == doc_type else "other"
                raw[-1] = ((prev[0][0], he), kind)
                continue
        raw.append(((hs, he), doc_type))
    mentions = [_mention(ctx, seg, clause, head, doc_type) for head, doc_type in raw]
    mentions = [m for m in mentions if m.status != "negated" and not _cited(ctx, m)]
    out: list[Mention] = []
    consumed_until = -1
    for i, m in enumerate(mentions):
        if m.head[0] < consumed_until:
            continue
        if out and out[-1].kind in ("specific", "bare") and m.head[0] < out[-1].title_span[1]:
            continue  # "MoU on Credit Facility Agreement": the inner head names the outer document
        if out and out[-1].kind == "specific" and _apposition(text, out[-1], m):
            continue
        if m.plural:
            nxt = next((n for n in mentions[i + 1 :] if n.det in ("indefinite", "definite") and not n.plural), None)
            parties.attach(ctx, m)
            fields = _fields(ctx, m, nxt.title_span[0] if nxt else None, subcounts)
            if fields:
                consumed_until = fields[-1].head[1]
                out.extend(fields)
                continue
            named = _NAMED_BETWEEN.match(text, m.head[1], m.clause[1]) if m.det in ("none", "definite") else None
            if named and not ctx.codes(named.end() - 1, named.end() + 24):
                m.kind = "specific"  # "memoranda between the state oil company and two refiners": one set, one entry
        if m.kind in ("specific", "bare"):
            out.append(parties.attach(ctx, m))
        elif m.kind == "count" or (m.kind == "generic" and m.plural):
            out.append(m)
    return out


def _others(ctx: Context, seg: Segment, subcounts: dict[str, int]) -> list[Mention]:
    """ "an agreement on A, which is the most important, and two others, on B and on C": a counted pro-form
    after a document of the same sentence stands for documents of its type, one per field that follows."""
    text = ctx.text
    found = _OTHERS.search(text, seg.start, seg.end)
    if found is None:
        return []
    before = ctx.heads_in(seg.start, found.start())
    if not before:
        return []
    count = number_value(found.group("n"))
    proxy = Mention(
        type=before[-1][2],
        kind="count",
        head=(found.start(), found.end()),
        title_span=(found.start(), found.end()),
        clause=(found.start(), seg.end),
        segment=seg,
        plural=True,
        det="number",
        count=count,
        status=status_near(text, (seg.start, found.start())),
    )
    return _fields(ctx, proxy, None, subcounts)


def _pro_forms(ctx: Context, seg: Segment, clause: tuple[int, int]) -> list[Mention]:
    """ "We signed four agreements. The most important is the one on X; the other three covered A, B and C":
    pro-forms of a counted plural stand for documents of its type, one per field."""
    text = ctx.text
    found = _PRO_FORM.search(text, clause[0], clause[1])
    if found is None:
        return []
    antecedent = next(
        (
            h
            for h in reversed(ctx.heads_in(0, clause[0]))
            if is_plural(text[h[0] : h[1]]) and _COUNT_BEFORE.search(text, max(0, h[0] - 40), h[0])
        ),
        None,
    )
    if antecedent is None:
        return []
    start = found.end()
    end = fieldlists.list_end(text, start, clause[1])
    if end - start < 3:
        return []
    count = number_value(found.group("n")) if found.group("n") else None
    items = fieldlists.split_fields(text, start, end, expected=count if count and count > 1 else None)
    idx = ctx.segment_at(antecedent[0])
    here = ctx.segment_at(clause[0])
    if found.group("all") is not None and (idx is None or here is None or here - idx > 1 or len(items) < 2):
        return []  # "They cover A and B": a pronoun points at the sentence just before, and lists
    if not items or sum(1 for s, e in items if _only_place(ctx, s, e)) * 2 > len(items):
        return []  # "They are in Accra for two days"
    status = status_near(text, (ctx.segments[idx].start, ctx.segments[idx].end)) if idx is not None else None
    doc_type = antecedent[2]
    label = "document" if doc_type == "other" else TYPE_LABEL[doc_type]
    out = []
    for s, e in items:
        field = ctx.body[s:e].strip()
        out.append(
            parties.attach(
                ctx,
                Mention(
                    type=doc_type,
                    kind="field",
                    head=(s, e),
                    title_span=(s, e),
                    clause=clause,
                    segment=seg,
                    det="number",
                    status=status,
                    explicit=status is not None,
                    level=2,
                    title=f"{label} on {field}",
                    subject=field,
                ),
            )
        )
    return out


def _subcounts(ctx: Context) -> dict[str, int]:
    """ "three agreements and three memorandums": how many of each type the text says."""
    counts: dict[str, int] = {}
    per_segment: dict[int, dict[str, int]] = {}
    for hs, he, doc_type in ctx.heads:
        if not is_plural(ctx.text[hs:he]):
            continue
        idx = ctx.segment_at(hs)
        if idx is None:
            continue
        m = _COUNT_BEFORE.search(ctx.text, max(ctx.segments[idx].start, hs - 40), hs)
        value = number_value(m.group(1)) if m else None
        if value:
            per_segment.setdefault(idx, {})[doc_type] = value
    for found in per_segment.values():
        if len(found) >= 2:
            for doc_type, value in found.items():
                counts[doc_type] = max(counts.get(doc_type, 0), value)
    return counts


def find_mentions(ctx: Context) -> list[Mention]:
    """All mentions of the article in body order, statuses filled from context where the clause is silent."""
    subcounts = _subcounts(ctx)
    found: dict[int, list[Mention]] = {}
    for idx, seg in enumerate(ctx.segments):
        if seg.related or _QUESTION.search(ctx.text, seg.start, seg.end):
            continue  # another story's headline; a question asks, it does not report
        if not ctx.heads_in(seg.start, seg.end):
            low = ctx.text[seg.start : seg.end].lower()
            deal_words = "agreed on" in low or "agreed upon" in low or "reached" in low
            pro_form = _PRO_FORM_KEYS.search(low) and _PRO_FORM.search(ctx.text, seg.start, seg.end)
            if not deal_words and not pro_form:
                continue
        for clause in clauses(ctx.text, seg.start, seg.end):
            mentions = _clause_mentions(ctx, seg, clause, subcounts)
            if not mentions:
                implicit = implicit_deal(ctx, seg, clause)
                mentions = [implicit] if implicit else _pro_forms(ctx, seg, clause)
            found.setdefault(idx, []).extend(mentions)
        if idx in found:
            found[idx].extend(_others(ctx, seg, subcounts))
    entries = list_entries(ctx, found)
    all_mentions = [m for ms in found.values() for m in ms] + entries
    for idx, mentions in found.items():
        for m in mentions:
            if m.status is None and not m.background:  # a dated earlier document keeps its own history
                m.status = _context_status(ctx, idx)
                if m.status == "signed" and m.type in STATEMENTS and m.segment.kind != "item":
                    m.status = "adopted"  # a statement no sentence or list intro of its own calls signed
    for m in all_mentions:
        m.status = _final_status(m.type, m.status)
    return sorted(all_mentions, key=lambda m: (m.head[0], m.head[1]))


def _context_status(ctx: Context, idx: int) -> str | None:
    """The status of the sentence before (same paragraph), or of a list's intro."""
    seg = ctx.segments[idx]
    for back in range(idx - 1, max(-1, idx - 3), -1):
        prev = ctx.segments[back]
        if prev.block != seg.block and seg.kind != "item":
            break
        status = status_near(ctx.text, (prev.start, prev.end))
        if status:
            return status
    return None
