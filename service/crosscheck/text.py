"""Small text tools the checks share: sentences with offsets, content words, dates and weekdays.

Everything works on folded text (`service.textnorm.fold`) so that case, diacritics, quotes and
dashes never make two reports look different when an editor would read them as the same.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from service.countries import country_code, known_country_words
from service.textnorm import fold as _fold
from service.vocabulary import MONTHS, SUBJECT_PHRASES, SUBJECT_SYNONYMS


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """`service.textnorm.fold`, remembered: the checks fold the same names and quotes many times."""
    return _fold(text)


WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

# Words that say nothing about which document or body is meant.
FILLER = frozenset(
    "a an the of on in for and or to with between by from at as its their both two sides field fields "  # noqa: SIM905
    "cooperation co-operation collaboration memorandum memoranda memorandums understanding agreement "
    "agreements letter intent mou mous moc joint statement program programme plan signed sign area areas "
    "sphere spheres sector sectors relevant other regarding concerning relating related about into upon "
    "over under this that these those new further also respective bilateral mutual countries country "
    "nations nation republic socialist federation state states government governments ministry ministries "
    "minister document documents deal deals establishment establishing aimed aim boost enhance enhancing "
    "strengthen strengthening partnerships work together within framework level high issue issues".split()
)

# Subject words the shared vocabulary does not relate yet (candidates for `SUBJECT_SYNONYMS`).
_MORE_SYNONYMS = {
    "scientific": "technology",
    "technical": "technology",
    "television": "media",
    "broadcasting": "media",
    "broadcast": "media",
    "phytosanitary": "plant",
    "veterinary": "agriculture",
    "twinning": "twin",
    "sister": "twin",
    "mineral": "mining",
    "minerals": "mining",
    "geology": "mining",
    "geological": "mining",
    "mine": "mining",
    "mines": "mining",
}


@dataclass(frozen=True)
class Segment:
    """A sentence or list item of a body with its offsets."""

    start: int
    end: int
    text: str


_SPLIT = re.compile(r"(?<=[.!?])[\"'\u201d\u2019)]?\s+(?=[\"'\u201c\u2018(]?[A-Z0-9\u00C0-\u024F\u0400-\u04FF])|\n+")


@lru_cache(maxsize=512)
def segments(body: str) -> tuple[Segment, ...]:
    """Sentences and list items of `body`, each with the exact offsets of its text.

    Remembered per body: the restatement, date and figure checks all read the same sentences.
    """
    out: list[Segment] = []
    pos = 0
    for m in _SPLIT.finditer(body):
        _add(out, body, pos, m.start())
        pos = m.end()
    _add(out, body, pos, len(body))
    return tuple(out)


@lru_cache(maxsize=512)
def folded_segments(body: str) -> tuple[tuple[Segment, str], ...]:
    """`segments` with each sentence's folded text, for the checks that match folded patterns."""
    return tuple((seg, fold(seg.text)) for seg in segments(body))


def _add(out: list[Segment], body: str, start: int, end: int) -> None:
    chunk = body[start:end]
    stripped = chunk.strip()
    if not stripped:
        return
    lead = len(chunk) - len(chunk.lstrip())
    s = start + lead
    out.append(Segment(s, s + len(stripped), stripped))


# Separators of a run-in list: "Signed: a contract (...); a treaty (...)", "Outcomes: • a • b", "Signed: - a - b".
_BULLET_CHARS = "\u2022\u25aa\u25cf\u00b7"
_BULLETS = re.compile(rf"\s*[{_BULLET_CHARS}]\s*")
_SEMICOLONS = re.compile(r"\s*;\s*")
_DASHES = re.compile(r"\s+[-\u2013\u2014]\s+")
_LEAD = re.compile(r"^(?:[-\u2013\u2014*\u2022\u25aa\u25cf\u00b7]|\(?\d{1,2}[.)])\s+")


def list_items(seg: Segment) -> tuple[Segment | None, list[Segment]]:
    """A run-in list split into its heading and its items, each with exact offsets.

    "Documents signed in Rabat: a contract (...); a treaty (initialled, to be signed later)." says
    one thing per item, so each item is read on its own; a plain sentence comes back as one item
    (with a leading bullet, dash or number stripped), and its heading is None.
    """
    text = seg.text
    if ":" not in text and not any(b in text for b in _BULLET_CHARS):
        m = _LEAD.match(text)
        return (None, [Segment(seg.start + m.end(), seg.end, text[m.end() :])]) if m else (None, [seg])
    colon = text.find(":")
    rest = text[colon + 1 :] if colon >= 0 else text
    for pattern, needs_colon in ((_BULLETS, False), (_SEMICOLONS, True), (_DASHES, True)):
        if needs_colon and colon < 0:
            continue
        parts = pattern.split(rest)
        if len([p for p in parts if p.strip()]) < 2:
            continue
        base = seg.start + (colon + 1 if colon >= 0 else 0)
        items: list[Segment] = []
        pos = 0
        for m in [*pattern.finditer(rest), None]:
            end = m.start() if m else len(rest)
            _add(items, rest, pos, end)
            pos = m.end() if m else pos
        items = [_trimmed(Segment(base + i.start, base + i.end, i.text)) for i in items]
        head = Segment(seg.start, seg.start + colon, text[:colon]) if colon > 0 else None
        return head, [i for i in items if i.text]
    m = _LEAD.match(text)
    if m:
        return None, [Segment(seg.start + m.end(), seg.end, text[m.end() :])]
    return None, [seg]


def _trimmed(seg: Segment) -> Segment:
    """Without the full stop that closes the list, so the quote is the item alone."""
    text = seg.text.rstrip(" .")
    return Segment(seg.start, seg.start + len(text), text)


# American and British spellings of one word.
_SPELLING = {
    "defense": "defence",
    "labor": "labour",
    "program": "programme",
    "programs": "programmes",
    "center": "centre",
    "centers": "centres",
    "organization": "organisation",
    "privatisation": "privatization",
    "catalog": "catalogue",
}


def stem(word: str) -> str:
    """A light English stem: enough for "cities"/"city", "programmes"/"programme", "twinning"/"twin"."""
    word = _SPELLING.get(word, word)
    if len(word) > 5 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 6 and word.endswith("ing"):
        base = word[:-3]
        return base[:-1] if len(base) > 2 and base[-1] == base[-2] else base
    if len(word) > 4 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


@lru_cache(maxsize=16384)
def _is_country_word(word: str) -> bool:
    return country_code(word) is not None


_MULTIWORD_COUNTRIES = re.compile(
    r"\b(?:"
    + "|".join(sorted((re.escape(w) for w in known_country_words() if " " in w), key=len, reverse=True))
    + r")\b"
)


_PHRASES = re.compile(
    r"\b(?:" + "|".join(re.escape(p) for p in sorted(SUBJECT_PHRASES, key=len, reverse=True)) + r")\b"
)


@lru_cache(maxsize=8192)
def content_words(text: str) -> frozenset[str]:
    """Stemmed content words of `text`, without filler and country names ("Viet Nam" included)."""
    folded = _PHRASES.sub(lambda m: f" {SUBJECT_PHRASES[m.group(0)]} ", fold(text))
    words = re.findall(r"[a-z][a-z0-9]+", _MULTIWORD_COUNTRIES.sub(" ", folded.replace("-", " ")))
    return frozenset(stem(w) for w in words if w not in FILLER and len(w) > 2 and not _is_country_word(w))


@lru_cache(maxsize=8192)
def canonical_words(text: str) -> frozenset[str]:
    """`content_words` with the vocabulary's synonyms mapped onto one word each (oil ~ gas ~ petroleum)."""
    out = set()
    for w in content_words(text):
        w = _MORE_SYNONYMS.get(w, w)
        out.add(SUBJECT_SYNONYMS.get(w, SUBJECT_SYNONYMS.get(w + "s", w)))
    return frozenset(out)


_ISO = re.compile(r"\b((?:19|20)\d\d)-(\d\d)-(\d\d)\b")
_DMY = re.compile(r"\b(\d{1,2})\.?\s+([a-z]{3,9})\.?,?\s+((?:19|20)\d\d)\b")
_MDY = re.compile(r"\b([a-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+((?:19|20)\d\d)\b")


def _make(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def parse_date(text: str | None) -> dt.date | None:
    """The first full date written in `text` (ISO, "7 May 2025", "May 7, 2025"), or None."""
    if not text:
        return None
    folded = fold(text)
    found: list[tuple[int, dt.date]] = []
    for m in _ISO.finditer(folded):
        d = _make(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        if d:
            found.append((m.start(), d))
    for m in _DMY.finditer(folded):
        month = MONTHS.get(m.group(2))
        d = _make(int(m.group(3)), month, int(m.group(1))) if month else None
        if d:
            found.append((m.start(), d))
    for m in _MDY.finditer(folded):
        month = MONTHS.get(m.group(1))
        d = _make(int(m.group(3)), month, int(m.group(2))) if month else None
        if d:
            found.append((m.start(), d))
    return min(found)[1] if found else None


def iso_date(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


def short_date(d: dt.date) -> str:
    """ "7 May 2025", the way a reason or an explanation names a day."""
    return f"{d.day} {d.strftime('%B')} {d.year}"


def weekday_name(d: dt.date) -> str:
    return WEEKDAYS[d.weekday()].capitalize()


_YEAR_RANGE = re.compile(r"((?:19|20)\d\d)\s*(?:-|to|/|until|till)\s*((?:19|20)?\d\d)\b")


def normalise_period(value: str | None) -> str | None:
    """ "2025-27", "2025–2027" and "2025 to 2027" all become "2025-2027"; other wording is folded."""
    if not value:
        return None
    folded = fold(value)
    m = _YEAR_RANGE.search(folded)
    if m:
        start, end = m.group(1), m.group(2)
        if len(end) == 2:
            end = start[:2] + end
        return f"{start}-{end}"
    years = re.findall(r"\b(?:19|20)\d\d\b", folded)
    if years:
        return "-".join(years)
    return folded or None


def find_span(body: str | None, needle: str) -> tuple[int, int] | None:
    """Offsets of `needle` in `body`, exact first, then ignoring case."""
    if not body or not needle:
        return None
    pos = body.find(needle)
    if pos < 0:
        pos = body.lower().find(needle.lower())
    return (pos, pos + len(needle)) if pos >= 0 else None
