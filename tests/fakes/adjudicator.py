"""A responder for the fake OpenAI server that plays the cross-check adjudicator.

It reads the questions of an `adjudicate_alignment` request (ids and proposed mentions) and
answers each with the verdict a test chose for the proposing article, quoting the first words of
that mention, so the answer is grounded the way a careful model's would be.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

_QUESTION = re.compile(r"^\[(q\d+)\]$.*?^proposed mention: ([^:\n]+): \"(.*?)\"$", re.M | re.S)


def questions_of(body: dict[str, Any]) -> list[tuple[str, str, str]]:
    """(question id, article id, quote) for every question the request asks."""
    user = "\n".join(str(m.get("content") or "") for m in body.get("messages", []) if m.get("role") == "user")
    return [(m.group(1), m.group(2).strip(), m.group(3)) for m in _QUESTION.finditer(user)]


@dataclass
class Judge:
    """Answers "same" unless `verdicts` names the proposing article with another verdict."""

    verdicts: dict[str, str] = field(default_factory=dict)
    quote_words: int = 4

    def __call__(self, body: dict[str, Any]) -> dict[str, Any]:
        decisions = []
        for qid, article, quote in questions_of(body):
            phrase = " ".join(quote.split()[: self.quote_words])
            decisions.append({"question": qid, "verdict": self.verdicts.get(article, "same"), "quote": phrase})
        return {"decisions": decisions}
