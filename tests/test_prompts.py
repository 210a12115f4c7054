"""Prompt files carry an id and a version, and load from the prompts/ folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from service.errors import ConfigurationError
from service.prompts import all_prompts, parse_prompt

GOOD = "---\nid: demo\nversion: 2\ndescription: x\n---\n## system\nYou extract.\n## user\n<a>{{ article }}</a>\n"


def test_parse_prompt_reads_front_matter_and_sections() -> None:
    prompt = parse_prompt(GOOD, Path("demo.md"))
    assert prompt.ref == "demo@2"
    assert prompt.render_user(article="Text") == "<a>Text</a>\n"
    assert len(prompt.sha256) == 64


@pytest.mark.parametrize(
    "text, message",
    [
        ("## system\nx\n## user\ny\n", "front matter"),
        ("---\nid: demo\n---\n## system\nx\n## user\ny\n", "version"),
        ("---\nid: d\nversion: 1\n---\n## system\nx\n", "section"),
    ],
)
def test_malformed_prompt_files_are_refused(text: str, message: str) -> None:
    with pytest.raises(ConfigurationError, match=message):
        parse_prompt(text, Path("bad.md"))


def test_shipped_prompts_all_load() -> None:
    prompts = all_prompts()
    assert prompts, "prompts/ holds no prompt file"
    for versions in prompts.values():
        for prompt in versions.values():
            assert prompt.system.strip() and "{{" in prompt.user_template


# -- prompt v2 beside v1 ------------------------------------------------------------------------------

V1_SHA256 = "e8e0f1fcb66785e6a043490b86896c4bd4508b902254fc48565d10f10b61b70c"  # the v1 the recordings used


def test_released_v1_is_untouched_and_still_loadable() -> None:
    from service.prompts import load_prompt

    v1 = load_prompt("extract_summary", "1")
    assert v1.sha256 == V1_SHA256


def test_v2_examples_are_valid_answers_quoting_their_own_article() -> None:
    import json
    import re

    from service.extractors.llm.schema import RESPONSE_MODEL
    from service.prompts import load_prompt

    system = load_prompt("extract_summary", "2").system
    blocks = re.split(r"\nExample \d+\. ", system)[1:]
    assert len(blocks) == 2
    for block in blocks:
        article, _, answer = " ".join(block.split()).partition('" Answer: ')
        article = article.removeprefix('Article: "')
        parsed, _ = json.JSONDecoder().raw_decode(answer)
        draft = RESPONSE_MODEL.model_validate(parsed)
        quotes = [d.quote for d in draft.documents] + [c.quote for c in draft.commitments]
        quotes += [draft.event.quote] if draft.event.quote else []
        assert quotes and all(q in article for q in quotes), quotes


def test_v2_answers_each_ambiguity_v1_left_open() -> None:
    from service.prompts import load_prompt

    system = load_prompt("extract_summary", "2").system.lower()
    for phrase in (
        'a joint statement and 12 other\ndocuments" states 13',  # stated_count is the total
        '"include"',  # list_complete for lists introduced by "include(s)"
        "only counted",  # unnamed counted documents: count only
        "named only by their fields",  # one entry per field
        "earlier visit",  # documents from an earlier visit
        "initialled",  # status words
        "the text wins",  # body date over metadata date
        "landmark",  # no city from a landmark
        "letter of cooperation",  # type words
        '"pact"',
    ):
        assert phrase in system, phrase
