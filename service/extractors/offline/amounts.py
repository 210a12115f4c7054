"""Money amounts named with a document ("a $4.2 billion deal", "a contract worth €420 million").

An amount identifies a deal across the places that report it better than its words do: the
headline's "$4.2 billion gas deal", the body's "$4.2 billion production-sharing agreement" and a
recap's "contract (€420 million)" share no content word but name the same sum.
"""

from __future__ import annotations

import re
from functools import lru_cache

_SCALES = {
    "thousand": 1e3,
    "k": 1e3,
    "million": 1e6,
    "mn": 1e6,
    "mln": 1e6,
    "m": 1e6,
    "billion": 1e9,
    "bn": 1e9,
    "bln": 1e9,
    "trillion": 1e12,
    "crore": 1e7,
    "lakh": 1e5,
}
_CURRENCY_WORDS = (
    r"dollars?|euros?|pounds?|yen|yuan|rupees?|rubles?|roubles?|manats?|tenge|won|dinars?|dirhams?|riyals?|"
    r"francs?|kroner|kronor|krona|reais|real|lira|naira|shillings?|pesos?|USD|EUR|GBP|JPY|CNY|INR|RUB|AZN|"
    r"Norwegian\s+kroner|US\s+dollars?"
)
_SCALE = r"thousand|million|billion|trillion|mn|mln|bn|bln|crore|lakh|m|k"
_AMOUNT = re.compile(
    rf"(?:[$\u20ac\u00a3\u00a5]|\b(?:US|NZ|A|C|HK|S)\$|\b(?:Rs\.?|USD|EUR|GBP)\s?)\s?(?P<n1>\d+(?:[.,]\d+)*)"
    rf"(?:\s*(?P<s1>{_SCALE})\b)?"
    rf"|\b(?P<n2>\d+(?:[.,]\d+)*)\s*(?P<s2>{_SCALE})\b\s*(?:{_CURRENCY_WORDS})?"
    rf"|\b(?P<n3>\d+(?:[.,]\d+)*)\s+(?:{_CURRENCY_WORDS})\b",
    re.I,
)

AMOUNT_SOURCE = _AMOUNT.pattern
"""The regex source of one sum, for rules that step over it ("deals worth $2 billion in A, B and C")."""


def _value(number: str, scale: str | None) -> float | None:
    digits = number.replace(",", "") if re.fullmatch(r"\d{1,3}(?:,\d{3})+", number) else number.replace(",", ".")
    try:
        value = float(digits)
    except ValueError:
        return None
    return value * _SCALES.get((scale or "").lower(), 1.0)


@lru_cache(maxsize=2048)
def amounts(text: str) -> frozenset[float]:
    """The sums named in `text`, as plain numbers (a currency sign or a scale word is required)."""
    if not any(ch.isdigit() for ch in text):
        return frozenset()
    found: set[float] = set()
    for m in _AMOUNT.finditer(text):
        number = m.group("n1") or m.group("n2") or m.group("n3")
        value = _value(number, m.group("s1") or m.group("s2"))
        if value is not None and value >= 1000:
            found.add(value)
    return frozenset(found)
