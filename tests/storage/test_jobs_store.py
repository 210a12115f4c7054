"""The queue: compare-and-set claims, leases, takeover after a crash, results recorded once."""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor

from service.articles import from_text
from service.storage import Database
from service.storage import articles as store
from service.storage import jobs as job_store


def _queue(db: Database, n: int, tag: str = "") -> list[str]:
    texts = [f"Item {i}{tag}: a protocol was signed." for i in range(n)]
    return [store.submit(db, from_text(t), backend="llm").article.id for t in texts]


def test_concurrent_claimers_never_share_a_job(db: Database) -> None:
    _queue(db, 20)

    def drain(_: int) -> list[int]:
        got = []
        while (claim := job_store.claim_next(db, lease_s=30)) is not None:
            got.append(claim.job_id)
        return got

    with ThreadPoolExecutor(max_workers=4) as pool:
        claimed = [job for jobs in pool.map(drain, range(4)) for job in jobs]
    assert sorted(claimed) == sorted(set(claimed)) and len(claimed) == 20
    assert job_store.counts(db)["running"] == 20


def test_expired_lease_is_taken_over_and_the_old_claim_cannot_complete(db: Database) -> None:
    (article_id,) = _queue(db, 1)
    crashed = job_store.claim_next(db, lease_s=0.2)
    assert crashed is not None and crashed.attempt == 1
    assert job_store.claim_next(db, lease_s=30) is None  # still leased
    time.sleep(0.3)
    taker = job_store.claim_next(db, lease_s=30)
    assert taker is not None and taker.job_id == crashed.job_id and taker.attempt == 2
    assert not job_store.complete(db, crashed, payload={"documents": []}, extractor="llm", event_key=None)
    assert job_store.complete(db, taker, payload={"documents": [1]}, extractor="llm", event_key="x-2025")
    # A second completion (a job delivered twice) records nothing new and says it is recorded.
    assert job_store.complete(db, taker, payload={"documents": [2]}, extractor="llm", event_key=None)
    assert store.summary(db, article_id) == {"documents": [1]}
    assert job_store.counts(db) == {"queued": 0, "running": 0, "done": 1, "failed": 0}


def test_renewed_lease_is_not_taken_over(db: Database) -> None:
    _queue(db, 1)
    claim = job_store.claim_next(db, lease_s=0.3)
    assert claim is not None
    for _ in range(3):
        time.sleep(0.15)
        assert job_store.renew(db, [claim], lease_s=0.3) == 1
    assert job_store.claim_next(db, lease_s=30) is None


def test_a_crash_loop_ends_in_failed(db: Database) -> None:
    _queue(db, 1)
    for _ in range(2):
        assert job_store.claim_next(db, lease_s=0.05) is not None
        time.sleep(0.1)
    assert job_store.claim_next(db, lease_s=30, max_attempts=2) is None  # left for give_up, not run a third time
    assert job_store.give_up_exhausted(db, max_attempts=2) == 1
    page = store.list_page(db, status="failed")
    assert page.total == 1 and "interrupted 2 times" in (page.items[0][1].reason or "")


def test_retry_later_and_release(db: Database) -> None:
    _queue(db, 1)
    claim = job_store.claim_next(db, lease_s=30)
    assert claim is not None
    assert job_store.retry_later(db, claim, "model unavailable", delay_s=60)
    assert job_store.claim_next(db, lease_s=30) is None  # not before its time
    _queue(db, 1, tag="b")
    other = job_store.claim_next(db, lease_s=30)
    assert other is not None and other.attempt == 1
    assert job_store.release(db, other)
    again = job_store.claim_next(db, lease_s=30)
    assert again is not None and again.job_id == other.job_id and again.attempt == 1  # release does not count


def test_failure_is_recorded_with_its_reason(db: Database) -> None:
    (article_id,) = _queue(db, 1)
    claim = job_store.claim_next(db, lease_s=30)
    assert claim is not None and job_store.fail(db, claim, "no usable text")
    _row, job = store.get(db, article_id)  # type: ignore[misc]
    assert job.state == "failed" and job.reason == "no usable text" and job.finished_at is not None


def _payload(model: str, documents: list[int]) -> dict[str, object]:
    return {"documents": documents, "provenance": {"extractor": "llm", "model": model}, "schema_version": "1"}


def test_a_redelivered_job_records_its_summary_once_keyed_by_the_settings(db: Database) -> None:
    (article_id,) = _queue(db, 1)
    first = job_store.claim_next(db, lease_s=0.2)
    assert first is not None
    time.sleep(0.3)  # the first delivery's worker "died": its lease runs out
    second = job_store.claim_next(db, lease_s=30)
    assert second is not None
    assert job_store.complete(db, second, payload=_payload("m1", [1]), extractor="llm", event_key=None)
    # The first delivery comes back with the same settings: already recorded, nothing written twice.
    assert job_store.complete(db, first, payload=_payload("m1", [1]), extractor="llm", event_key=None)
    # Other settings (another model) are not taken for the recorded result.
    assert not job_store.complete(db, first, payload=_payload("m2", [9]), extractor="llm", event_key=None)
    assert store.summary(db, article_id) == _payload("m1", [1])
    assert job_store.settings_key(_payload("m1", [1])) != job_store.settings_key(_payload("m2", [1]))
    assert job_store.counts(db)["done"] == 1
