"""Idempotent submission, lookups, paging and event groups, on SQLite and PostgreSQL."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from service.articles import from_text
from service.storage import Database, crosschecks
from service.storage import articles as store
from service.storage import jobs as job_store

TEXT = "Oslo. Norway and Chile signed an agreement on salmon research."


def test_submit_stores_article_and_queued_job_in_one_go(db: Database) -> None:
    sub = store.submit(db, from_text(TEXT, title="Salmon", outlet="Fjord News"), backend="offline")
    assert sub.created and sub.job.state == "queued" and sub.job.attempts == 0
    row, job = store.get(db, sub.article.id)  # type: ignore[misc]
    assert row.body == TEXT and row.title == "Salmon" and row.length == len(TEXT)
    assert job.article_id == row.id


def test_same_body_twice_returns_the_first(db: Database) -> None:
    first = store.submit(db, from_text(TEXT), backend="offline")
    second = store.submit(db, from_text(TEXT, title="other"), backend="offline")
    assert not second.created and second.article.id == first.article.id and second.article.title is None


def test_concurrent_submissions_of_one_text_make_one_article(db: Database) -> None:
    with ThreadPoolExecutor(max_workers=6) as pool:
        results = list(pool.map(lambda _: store.submit(db, from_text(TEXT), backend="llm"), range(12)))
    assert sum(r.created for r in results) == 1
    assert len({r.article.id for r in results}) == 1
    assert store.list_page(db).total == 1


def test_failed_article_is_requeued_when_resubmitted(db: Database) -> None:
    sub = store.submit(db, from_text(TEXT), backend="offline")
    claim = job_store.claim_job(db, sub.job.id, lease_s=30)
    assert claim is not None and job_store.fail(db, claim, "the model was down")
    again = store.submit(db, from_text(TEXT), backend="llm")
    assert again.requeued and again.job.state == "queued" and again.job.reason is None and again.job.backend == "llm"


def test_list_filters_and_pages(db: Database) -> None:
    ids = []
    for i in range(4):
        sub = store.submit(
            db, from_text(f"Story {i} about a treaty.", outlet="Wire" if i % 2 else "Daily"), backend="offline"
        )
        ids.append(sub.article.id)
        if i < 2:
            claim = job_store.claim_job(db, sub.job.id, lease_s=30)
            assert claim is not None
            job_store.complete(db, claim, payload={"documents": [{}] * i}, extractor="offline", event_key="cl-no-2025")
    page = store.list_page(db, limit=3)
    assert page.total == 4 and [a.id for a, _j, _n in page.items] == ids[::-1][:3]
    assert store.list_page(db, outlet="WIRE").total == 2
    assert store.list_page(db, status="done").total == 2 and store.list_page(db, status="queued").total == 2
    assert {n for _a, _j, n in store.list_page(db, event="cl-no-2025").items} == {0, 1}
    groups = store.events(db)
    assert [(g.key, g.articles, g.done) for g in groups] == [("cl-no-2025", 2, 2)]
    assert groups[0].latest.tzinfo is not None
    assert store.summaries(db, ids).keys() == {ids[0], ids[1]}


def test_crosscheck_reports_are_stored_once_per_id(db: Database) -> None:
    first = crosschecks.save(db, "cc_1", article_ids=["a", "b"], report={"events": []}, event_key="k", token_id=None)
    second = crosschecks.save(db, "cc_1", article_ids=["a", "b"], report={"events": [1]}, event_key="k", token_id=None)
    assert second.report == first.report == {"events": []}
    assert [r.id for r in crosschecks.for_event(db, "k")] == ["cc_1"]
    assert crosschecks.get(db, "cc_2") is None
