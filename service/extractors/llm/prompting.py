"""Render the extraction prompt with the article fenced off as data.

The article and its metadata are untrusted text. They are placed between `<article>` /
`<metadata>` tags and any such tag inside them is defused first, so an article cannot close
its own block and speak as the instructions. The system prompt says the block is data.
"""

from __future__ import annotations

import re

from service.articles import ArticleInput
from service.prompts import Prompt, load_prompt

PROMPT_ID = "extract_summary"

_DELIMITER = re.compile(r"<\s*(/?)\s*(article|metadata)\b([^>]*)>", re.IGNORECASE)


def neutralise(text: str) -> str:
    """Escape every `<article>` / `</metadata>`-like tag so the text cannot leave its block."""
    return _DELIMITER.sub(lambda m: f"&lt;{m.group(1)}{m.group(2)}{m.group(3)}&gt;", text)


def metadata_text(article: ArticleInput) -> str:
    """The caller's title and dates, which help date the event; empty when none were given."""
    fields = (("title", article.title), ("outlet", article.outlet), ("published", article.published))
    return "\n".join(f"{name}: {value}" for name, value in fields if value)


def messages(
    prompt: Prompt, text: str, *, metadata: str = "", part: int = 1, part_count: int = 1
) -> list[dict[str, str]]:
    """The chat messages for one article (or one part of a long article)."""
    user = prompt.render_user(article=neutralise(text), metadata=neutralise(metadata), part=part, part_count=part_count)
    return [{"role": "system", "content": prompt.system}, {"role": "user", "content": user}]


def default_prompt(version: str | None = None) -> Prompt:
    """The extraction prompt at `version` (PACTCHECK_PROMPT_VERSION), else its highest released version."""
    return load_prompt(PROMPT_ID, version)
