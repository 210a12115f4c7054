"""A deterministic extractor for service tests: one document per sentence that reports a signing.

The service (storage, jobs, API, pages) is what those tests exercise; this stand-in keeps
their expectations independent of how the real extractors evolve, and goes through the
real resolver so offsets, rejected items and schema validation are the genuine ones.
An optional delay makes it a slow extractor for queue and restart tests.
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Callable

from service.articles import ArticleInput
from service.errors import ModelError
from service.extractors import Extractor
from service.models import ArticleSummary, Provenance
from service.models.draft import DraftDocument, DraftEvent, DraftParty, DraftSummary
from service.resolver import resolve

_SENTENCE = re.compile(r"[^.!?\n]+[.!?]")
_TYPES = (
    ("memorandum", "memorandum_of_understanding"),
    ("letter of intent", "letter_of_intent"),
    ("joint statement", "joint_statement"),
    ("declaration", "declaration"),
    ("programme", "cooperation_programme"),
    ("agreement", "agreement"),
)
_COUNTRIES = {"estonia": "EE", "finland": "FI", "latvia": "LV", "norway": "NO", "chile": "CL", "ghana": "GH"}
_DATE = re.compile(r"\b(20\d\d-\d\d-\d\d)\b")


class ScriptedExtractor(Extractor):
    name = "offline"

    def __init__(self, delay_s: float = 0.0, fail_on: str | None = None, model_errors: int = 0) -> None:
        self.delay_s = delay_s
        self.fail_on = fail_on
        self.model_errors = model_errors  # the first N calls fail like an unreachable model
        self.calls: list[str] = []
        self.active = 0
        self.max_active = 0
        # When set, a call holds until this many calls run at once (or `wait_s` passes), so a test
        # of concurrency waits on an event, not on the machine being quick enough.
        self.until_active = 0
        self.wait_s = 10.0
        self._lock = threading.Condition()

    def extract(self, article: ArticleInput) -> ArticleSummary:
        with self._lock:
            self.calls.append(article.id)
            self.active += 1
            self.max_active = max(self.max_active, self.active)
            failing = self.model_errors > 0
            self.model_errors -= 1
            self._lock.notify_all()
            if self.until_active:
                self._lock.wait_for(lambda: self.max_active >= self.until_active, timeout=self.wait_s)
        try:
            if self.delay_s:
                time.sleep(self.delay_s)
            if failing:
                raise ModelError("the model endpoint answered 503", provider="scripted")
            return self._extract(article)
        finally:
            with self._lock:
                self.active -= 1

    def _extract(self, article: ArticleInput) -> ArticleSummary:
        if self.fail_on and self.fail_on in article.body:
            raise RuntimeError(f"scripted failure (api_key=sk-secretsecret123) for {article.id}")
        documents = []
        for sentence in (s.strip() for s in _SENTENCE.findall(article.body)):
            lower = sentence.lower()
            if "signed" not in lower:
                continue
            for word, doc_type in _TYPES:
                if word in lower:
                    title = lower[lower.index(word) :].rstrip(".!?")
                    parties = [DraftParty(name=n.title(), country=c) for n, c in _COUNTRIES.items() if n in lower]
                    documents.append(
                        DraftDocument(type=doc_type, title=title, status="signed", quote=sentence, parties=parties)  # type: ignore[arg-type]
                    )
                    break
        body = article.body.lower()
        date = _DATE.search(article.body)
        draft = DraftSummary(
            event=DraftEvent(
                countries=[c for n, c in _COUNTRIES.items() if n in body], date=date.group(1) if date else None
            ),
            documents=documents,
        )
        return resolve(article, draft, language=article.language or "en", provenance=Provenance(extractor="offline"))


def scripted_factory(extractor: ScriptedExtractor | None = None) -> Callable[[str], Extractor]:
    """An `extractor_factory` for `create_app` that answers every backend with one scripted extractor."""
    chosen = extractor or ScriptedExtractor()
    return lambda _backend: chosen
