"""Amounts written in a text ("NZ$4.5 billion", "€420m", "Rs 1,200 crore", "2 million barrels a day")
and, for a stated figure outside any document, what it measures and for when.

Two reports give "the same figure" only when they speak of the same quantity: a trade target for
2030 is not last year's turnover, and an amount in rupees is not one in dollars. So a figure is
read with its measure (trade, investment, exports, a loan...), its horizon (a year, "last year")
and whether it is a goal ("could reach", "aim to") or a result.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from service.crosscheck.text import Segment, fold
from service.models import Evidence
from service.vocabulary import CURRENCY_WORDS

_SCALE_VALUE = {"thousand": 1e3, "k": 1e3, "million": 1e6, "mn": 1e6, "mln": 1e6, "m": 1e6, "billion": 1e9, "bn": 1e9,
          "b": 1e9, "trillion": 1e12, "tn": 1e12, "crore": 1e7, "cr": 1e7, "lakh": 1e5}  # fmt: skip
# Currency words and symbols; "$" after a country prefix is that country's dollar.
_CURRENCY = {"$": "USD", "us$": "USD", "usd": "USD", "dollars": "USD", "dollar": "USD", "€": "EUR", "eur": "EUR",
             "euros": "EUR", "euro": "EUR", "£": "GBP", "gbp": "GBP", "pounds": "GBP", "rs": "INR", "rs.": "INR",
             "inr": "INR", "₹": "INR", "rupees": "INR", "manat": "AZN", "manats": "AZN", "azn": "AZN",
             "rubles": "RUB", "roubles": "RUB", "rub": "RUB", "yuan": "CNY", "cny": "CNY", "vnd": "VND", "dong": "VND",
             "¥": "JPY", "yen": "JPY", "jpy": "JPY", "won": "KRW", "krw": "KRW", "tenge": "KZT", "kzt": "KZT",
             "dirhams": "MAD", "riyals": "SAR", "lira": "TRY", "rand": "ZAR", "pesos": "MXN", "chf": "CHF",
             "francs": "CHF", "nz$": "NZD", "nzd": "NZD", "a$": "AUD", "au$": "AUD", "aud": "AUD", "c$": "CAD",
             "ca$": "CAD", "cad": "CAD", "hk$": "HKD", "s$": "SGD", "r$": "BRL"}  # fmt: skip
# Physical quantities deals are measured in; compared like currencies.
_UNITS = {"barrels": "barrels", "barrel": "barrels", "tonnes": "tonnes", "tons": "tonnes", "mw": "MW",
          "megawatts": "MW", "gw": "GW", "gigawatts": "GW", "bcm": "bcm"}  # fmt: skip
_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")
_SCALES = r"(?:(thousand|million|billion|trillion|crore|lakh|mln|mn|bn|tn|cr|k|m|b)\b)"
# Read around each number (a quick scan) rather than searching every position for a currency.
# ISO codes written before the number ("CZK 1.2 billion"), from the vocabulary's currency words.
_CODES = "|".join(sorted(k for k, v in CURRENCY_WORDS.items() if len(k) == 3 and v == k.upper()))
_PREFIX = re.compile(
    r"(?<![a-z])((?:us|nz|au|ca|hk|a|c|s|r)?\$|€|£|₹|¥|usd|eur|gbp|inr|azn|nzd|aud|cad|chf|jpy|krw|kzt|rs\.?"
    + (f"|{_CODES}" if _CODES else "")
    + r")\s?$",
    re.I,
)
_SCALE = re.compile(r"\s*" + _SCALES + "?", re.I)
_CURRENCY.update(CURRENCY_WORDS)
_WORDS = sorted({w for w in [*_CURRENCY, *_UNITS] if w.isalpha() and len(w) > 1}, key=len, reverse=True)
_SUFFIX = re.compile(r"\s*" + _SCALES + r"?\s*(" + "|".join(_WORDS) + r")\b", re.I)
_RATE = re.compile(r"^\s*(?:per|a|an|each)\s+(day|month|year|annum)\b", re.I)


@dataclass(frozen=True)
class Amount:
    """A number with its unit (an ISO currency code or a physical unit) and where it is written."""

    unit: str
    value: float
    evidence: Evidence
    rate: str | None = None  # "day", "month", "year" for "2 million barrels a day"

    @property
    def key(self) -> tuple[str, float, str | None]:
        return (self.unit, self.value, self.rate)


def amounts(text: str, offset: int = 0) -> list[Amount]:
    """Amounts written in `text`, in order, each with its span (shifted by `offset`)."""
    found: list[Amount] = []
    for m in _NUMBER.finditer(text):
        window = max(0, m.start() - 8)
        before = _PREFIX.search(text, window, m.start())
        if before:
            unit = _CURRENCY.get(before.group(1).lower())
            scale = _SCALE.match(text, m.end())
            if unit and scale:
                found.append(_amount(text, before.start(), scale.end(), unit, m.group(0), scale.group(1), offset))
            continue
        after = _SUFFIX.match(text, m.end())
        if after:
            word = after.group(2).lower()
            unit = _CURRENCY.get(word) or _UNITS.get(word)
            if unit:
                found.append(_amount(text, m.start(), after.end(), unit, m.group(0), after.group(1), offset))
    return found


def _amount(text: str, start: int, end: int, unit: str, num: str, scale: str | None, offset: int) -> Amount:
    value = float(num.replace(",", "")) * _SCALE_VALUE.get((scale or "").lower(), 1.0)
    quote = text[start:end].rstrip()
    rate = _RATE.match(text[end:])
    return Amount(
        unit=unit,
        value=value,
        evidence=Evidence(quote=quote, start=offset + start, end=offset + start + len(quote)),
        rate=rate.group(1).lower().replace("annum", "year") if rate else None,
    )


def show(unit: str, value: float, rate: str | None = None) -> str:
    """ "NZD 4.5 billion", "barrels 2 million a day": how a finding names a value."""
    per = f" a {rate}" if rate else ""
    for name, scale in (("trillion", 1e12), ("billion", 1e9), ("million", 1e6)):
        if value >= scale:
            return f"{unit} {value / scale:g} {name}{per}"
    return f"{unit} {value:g}{per}"


# What a stated amount measures; amounts of documents are compared through their documents.
_MEASURES = {
    "trade": "trade", "turnover": "trade", "commerce": "trade", "trading": "trade",
    "investment": "investment", "investments": "investment", "invest": "investment", "invested": "investment",
    "fdi": "investment", "export": "exports", "exports": "exports", "import": "imports", "imports": "imports",
    "loan": "loan", "loans": "loan", "credit": "loan", "financing": "loan", "funding": "loan",
    "aid": "aid", "grant": "aid", "grants": "aid", "assistance": "aid", "budget": "budget",
    "supply": "supply", "supplies": "supply", "deliveries": "supply", "capacity": "capacity",
}  # fmt: skip
_TARGET = re.compile(
    r"\b(?:could|should|will|would|shall|aim\w*|target\w*|goal|seek\w*|expect\w*|plan\w*|hope\w*|potential"
    r"|projected|to\s+(?:reach|raise|increase|boost|double|bring|hit))\b"
)
_YEAR = re.compile(r"\b((?:19|20)\d\d)\b")
_RELATIVE_YEAR = re.compile(r"\b(last|this|next|previous|current)\s+year\b")
_SAME_YEAR = {
    "previous": "last year",
    "last": "last year",
    "this": "this year",
    "current": "this year",
    "next": "next year",
}
_LEFT_STOP = re.compile(r"[;:(]|\b(?:while|whereas|but)\b")
_RIGHT_STOP = re.compile(r"[;:()]|,\s*(?:and|but|while)\b|\.\s")


@dataclass(frozen=True)
class Figure:
    """A stated amount with what it measures, for when, and whether it is a goal."""

    amount: Amount
    measure: str
    horizon: str
    target: bool
    sentence: Evidence

    @property
    def quantity(self) -> tuple[str, str, str, bool, str | None]:
        """Two figures with one quantity speak of the same thing."""
        return (self.amount.unit, self.measure, self.horizon, self.target, self.amount.rate)


def figure(seg: Segment, amount: Amount) -> Figure | None:
    """What an amount in a sentence measures, from its clause; None when the clause does not say
    what and when (a bare "$2 billion" is too vague to contradict anything)."""
    start, end = amount.evidence.start - seg.start, amount.evidence.end - seg.start
    left = fold(seg.text[max(0, start - 90) : start])
    right = fold(seg.text[end : end + 60])
    cut = list(_LEFT_STOP.finditer(left))
    left = left[cut[-1].end() :] if cut else left
    stop = _RIGHT_STOP.search(right)
    right = right[: stop.start()] if stop else right
    words = re.findall(r"[a-z]+", left)
    measure = next((_MEASURES[w] for w in reversed(words) if w in _MEASURES), None)
    if measure is None:
        measure = next((_MEASURES[w] for w in re.findall(r"[a-z]+", right) if w in _MEASURES), None)
    year = _YEAR.search(right) or _YEAR.search(left)
    relative = _RELATIVE_YEAR.search(right) or _RELATIVE_YEAR.search(left)
    horizon = year.group(1) if year else (_SAME_YEAR.get(relative.group(1), relative.group(1)) if relative else None)
    if measure is None or horizon is None:
        return None
    return Figure(
        amount=amount,
        measure=measure,
        horizon=horizon,
        target=bool(_TARGET.search(f"{left} {right}")),
        sentence=Evidence(quote=seg.text, start=seg.start, end=seg.end),
    )
