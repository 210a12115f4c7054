"""Token estimates without a tokenizer, the output budget per request and the per-article budget.

Estimates err on the long side (`LLM_CHARS_PER_TOKEN` is low), because they decide whether a
request fits a server's context window and whether an article may spend more of its budget.
"""

from __future__ import annotations

import json
import math
import threading
from dataclasses import dataclass, field
from typing import Any

from service.vocabulary import LLM_CHARS_PER_TOKEN, LLM_OUTPUT_BASE_TOKENS, LLM_OUTPUT_MAX_TOKENS


def estimate(text: str) -> int:
    """Tokens in `text`, estimated from its length."""
    return math.ceil(len(text) / LLM_CHARS_PER_TOKEN)


def request_tokens(kwargs: dict[str, Any]) -> int:
    """Prompt tokens of one chat request: messages, tools and response format as sent."""
    sent = [kwargs.get("messages"), kwargs.get("tools"), kwargs.get("response_format")]
    return estimate(json.dumps([part for part in sent if part], ensure_ascii=False, default=str))


def output_tokens(part_chars: int, configured: int | None) -> int:
    """max_tokens for one request: the configured value, else the answer's structure plus its quotes.

    An answer copies quotes from the part, so it is at most about the part's length in tokens plus
    the JSON around them; the cap keeps a runaway generation from holding a server for minutes.
    """
    if configured is not None:
        return configured
    return min(LLM_OUTPUT_MAX_TOKENS, LLM_OUTPUT_BASE_TOKENS + estimate("x" * part_chars))


def chunk_chars(context_tokens: int | None, overhead_tokens: int, configured_chars: int) -> int:
    """Characters of article per request so prompt + answer fit the server's context window.

    With a window of C tokens, a fixed prompt of O tokens and an answer of at most B + A tokens
    for an article part of A tokens (see `output_tokens`): O + A + B + A <= C.
    """
    if context_tokens is None:
        return configured_chars
    article_tokens = (context_tokens - overhead_tokens - LLM_OUTPUT_BASE_TOKENS) // 2
    return max(200, min(configured_chars, int(article_tokens * LLM_CHARS_PER_TOKEN)))


class BudgetExceeded(Exception):
    """The article's token budget (PACTCHECK_LLM_MAX_TOKENS) would be exceeded by the next request."""


@dataclass
class TokenBudget:
    """Tokens one article may spend over all its requests (parts, retries, re-asks); None: no limit."""

    limit: int | None
    spent: int = 0
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def check(self, upcoming: int) -> None:
        """Refuse a request whose prompt alone would take the article over its budget."""
        if self.limit is None:
            return
        with self._lock:
            if self.spent + upcoming > self.limit:
                raise BudgetExceeded(
                    f"the article's token budget of {self.limit} (PACTCHECK_LLM_MAX_TOKENS) is spent: "
                    f"{self.spent} used, the next request needs about {upcoming}"
                )

    def charge(self, tokens: int) -> None:
        with self._lock:
            self.spent += tokens
