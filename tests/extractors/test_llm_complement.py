"""The LLM extractor adds the offline rules' field batches only where its model left the sentence out.

Over real HTTP against the fake server: a model that skips "documents on A, B and C" (as strong
models do) gets the three entries added with a notice; a model that read the sentence, an
article in another language, or the setting turned off get nothing added.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

from service.articles import from_text
from service.config import Settings
from service.extractors.llm import LLMExtractor
from service.models import ArticleSummary
from tests.fakes.openai_server import Answer, FakeOpenAI

ARTICLE = (
    "RIGA, May 12. Latvia and Ghana signed a memorandum of understanding on port logistics during the visit "
    "of the Ghanaian president.\n\n"
    "The delegations also exchanged documents on tourism, fisheries and higher education.\n\n"
    "President Mensah said the visit opened a new chapter."
)
BATCH = "The delegations also exchanged documents on tourism, fisheries and higher education."

MOU_ONLY: dict[str, Any] = {
    "event": {"city": "Riga", "country": "LV", "date": None, "countries": ["GH", "LV"], "quote": "RIGA, May 12."},
    "documents": [
        {
            "type": "memorandum_of_understanding",
            "title": "memorandum of understanding on port logistics",
            "status": "signed",
            "quote": "Latvia and Ghana signed a memorandum of understanding on port logistics",
        }
    ],
    "commitments": [],
    "stated_count": None,
    "list_complete": True,
}


def _run(fake: FakeOpenAI, make: Callable[..., Settings], draft: dict[str, Any], **kw: Any) -> ArticleSummary:
    fake.script(Answer(draft))
    return LLMExtractor(settings=make(**kw)).extract(from_text(ARTICLE, id="riga"))


def test_a_field_batch_the_model_left_out_is_added_with_a_notice(
    fake_openai: FakeOpenAI, llm_settings: Callable[..., Settings]
) -> None:
    summary = _run(fake_openai, llm_settings, MOU_ONLY)
    assert summary.documents[0].title == "memorandum of understanding on port logistics"
    added = summary.documents[1:]
    assert [d.subject for d in added] == ["tourism", "fisheries", "higher education"]
    assert len(added) == 3 and all(d.status == "signed" for d in added)
    assert all(
        d.evidence[0].quote == BATCH and ARTICLE[d.evidence[0].start : d.evidence[0].end] == BATCH for d in added
    )
    assert [w.code for w in summary.warnings].count("complemented") == 1
    assert "4 documents" in summary.summary  # the editor's sentences count the added papers


def test_a_sentence_the_model_read_is_never_second_guessed(
    fake_openai: FakeOpenAI, llm_settings: Callable[..., Settings]
) -> None:
    draft = copy.deepcopy(MOU_ONLY)
    draft["documents"].append(
        {"type": "other", "title": "documents on several fields", "status": "signed", "quote": BATCH}
    )
    summary = _run(fake_openai, llm_settings, draft)
    assert len(summary.documents) == 2
    assert "complemented" not in [w.code for w in summary.warnings]


def test_nothing_is_added_when_turned_off_or_for_other_languages(
    fake_openai: FakeOpenAI, llm_settings: Callable[..., Settings]
) -> None:
    off = _run(fake_openai, llm_settings, MOU_ONLY, llm_complement=False)
    assert len(off.documents) == 1
    fake_openai.script(Answer(MOU_ONLY))
    # Declared French: the offline rules read English only, so they have nothing to add.
    summary = LLMExtractor(settings=llm_settings()).extract(from_text(ARTICLE, id="riga-fr", language="fr"))
    assert len(summary.documents) == 1
