"""Cut an article body into segments so each evidence span can be highlighted in its colour.

Spans may overlap (a document's quote inside an event quote): every segment knows all the
spans covering it, takes the colour of the first one, and lists them all so a link to any
span can light it up. The text itself is left to the template, which always escapes it.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    css: str  # colour class, e.g. "hl-3"
    anchor: str  # element id the links point at
    label: str  # what the span is evidence for (shown on hover)


@dataclass
class Segment:
    text: str
    spans: list[Span] = field(default_factory=list)
    anchors: list[str] = field(default_factory=list)  # spans that start here

    @property
    def css(self) -> str:
        return self.spans[0].css if self.spans else ""

    @property
    def label(self) -> str:
        return "; ".join(dict.fromkeys(s.label for s in self.spans))

    @property
    def span_ids(self) -> str:
        return " ".join(s.anchor for s in self.spans)


def segments(body: str, spans: list[Span]) -> list[Segment]:
    """Segments covering `body` in order; spans outside the body are clipped or dropped."""
    valid = [s for s in spans if 0 <= s.start < s.end <= len(body)]
    cuts = sorted({0, len(body), *(s.start for s in valid), *(s.end for s in valid)})
    out: list[Segment] = []
    for left, right in itertools.pairwise(cuts):
        covering = [s for s in valid if s.start <= left and right <= s.end]
        starting = [s.anchor for s in valid if s.start == left]
        out.append(Segment(body[left:right], covering, list(dict.fromkeys(starting))))
    return out
