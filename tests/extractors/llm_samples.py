"""A self-written article and the draft a good model would return for it, shared by the LLM tests."""

from __future__ import annotations

from typing import Any

ARTICLE = (
    "VILNIUS, March 3. Lithuania and Chile signed a memorandum of understanding on renewable energy research "
    "during the visit of the Chilean foreign minister.\n\n"
    "The two ministers also agreed to sign a protocol on visa facilitation later this year.\n\n"
    "Chile pledged to open a trade office in Vilnius by 2026."
)

DRAFT: dict[str, Any] = {
    "event": {
        "city": "Vilnius",
        "country": "LT",
        "date": "2025-03-03",
        "countries": ["LT", "CL"],
        "quote": "VILNIUS, March 3.",
    },
    "documents": [
        {
            "type": "memorandum_of_understanding",
            "title": "memorandum of understanding on renewable energy research",
            "parties": [{"name": "Lithuania", "country": "LT"}, {"name": "Chile", "country": "CL"}],
            "status": "signed",
            "quote": "Lithuania and Chile signed a memorandum of understanding on renewable energy research",
        },
        {
            "type": "protocol",
            "title": "protocol on visa facilitation",
            "status": "planned",
            "quote": "agreed to sign a protocol on visa facilitation later this year",
        },
    ],
    "commitments": [
        {"actors": ["CL"], "text": "open a trade office in Vilnius", "quote": "Chile pledged to open a trade office"}
    ],
    "stated_count": None,
    "list_complete": True,
}
