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
