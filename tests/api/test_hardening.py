"""Sessions that end, a private data folder, throttled guessing, and rate limits shared by processes."""

from __future__ import annotations

import stat
from collections.abc import Callable
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from itsdangerous import URLSafeTimedSerializer

from service.api.ratelimit import RateLimiter
from service.api.sessions import COOKIE
from service.app import create_app
from service.storage import Database, limits, open_database
from tests.api.conftest import ARTICLE, READER, WRITER, auth, service_settings
from tests.fakes.scripted_extractor import scripted_factory
from tests.web.conftest import csrf_of, sign_in


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


# -- 3. sign-out and token removal end the session server-side --------------------------------


def test_a_cookie_saved_before_sign_out_opens_nothing_afterwards(client: TestClient) -> None:
    sign_in(client)
    saved = client.cookies.get(COOKIE)
    assert client.get("/", follow_redirects=False).status_code == 200
    page = client.get("/")
    assert client.post("/signout", data={"csrf": csrf_of(page.text)}, follow_redirects=False).status_code == 303
    client.cookies.set(COOKIE, saved)  # the attacker's copy of the cookie
    assert client.get("/", follow_redirects=False).status_code == 303  # to /signin
    posted = client.post("/articles", data={"text": ARTICLE, "csrf": csrf_of(page.text)}, follow_redirects=False)
    assert posted.status_code in (303, 403) and posted.headers.get("location", "/signin").startswith("/signin")
    assert client.get("/v1/articles", headers=auth()).json()["total"] == 0


def test_removing_a_token_from_the_configuration_ends_its_sessions(tmp_path: Path) -> None:
    with TestClient(create_app(service_settings(tmp_path), extractor_factory=scripted_factory())) as first:
        sign_in(first, READER)
        saved = first.cookies.get(COOKIE)
        assert first.get("/", follow_redirects=False).status_code == 200
    restarted = create_app(service_settings(tmp_path, api_tokens=WRITER), extractor_factory=scripted_factory())
    with TestClient(restarted) as second:
        second.cookies.set(COOKIE, saved)
        assert second.get("/", follow_redirects=False).status_code == 303


def test_a_cookie_forged_with_the_signing_key_names_no_session(client: TestClient) -> None:
    key = "test-session-secret-0123456789"  # service_settings' key: as if read from the database file
    for payload in ({"t": 1, "c": "x"}, {"s": "made-up-session-id", "c": "x"}):
        client.cookies.set(COOKIE, URLSafeTimedSerializer(key, salt="pactcheck.session.v2").dumps(payload))
        assert client.get("/", follow_redirects=False).status_code == 303


# -- 4. the data folder and the database file are private --------------------------------------


def test_data_folder_is_0700_and_database_files_0600(tmp_path: Path) -> None:
    data = tmp_path / "fresh" / "data"
    with TestClient(create_app(service_settings(tmp_path, data_dir=data), extractor_factory=scripted_factory())) as c:
        assert c.post("/v1/articles", headers=auth(), json={"text": ARTICLE}).status_code == 201
        files = [p for p in data.iterdir() if p.name.startswith("pactcheck.db") and not p.name.endswith(".lock")]
        assert _mode(data) == 0o700
        assert {p.name for p in files} >= {"pactcheck.db", "pactcheck.db-wal"}
        assert {p.name: _mode(p) for p in files} == {p.name: 0o600 for p in files}


def test_an_old_world_readable_database_is_tightened(tmp_path: Path) -> None:
    data = tmp_path / "old"
    data.mkdir()
    (data / "pactcheck.db").touch(mode=0o644)
    (data / "pactcheck.db").chmod(0o644)
    open_database(service_settings(tmp_path, data_dir=data)).dispose()
    assert _mode(data / "pactcheck.db") == 0o600


# -- 6. failed authentication is throttled per client address ---------------------------------


def test_wrong_tokens_get_429_after_the_configured_failures(make_app: Callable[..., FastAPI]) -> None:
    with TestClient(make_app(auth_failures_per_window=5, auth_failure_window_s=600)) as client:
        codes = [client.get("/v1/articles", headers=auth(f"wrong-token-{i:020d}")).status_code for i in range(8)]
        assert codes == [401] * 5 + [429] * 3
        blocked = client.get("/v1/articles", headers=auth())  # even the right token waits now
        assert blocked.status_code == 429 and int(blocked.headers["Retry-After"]) > 0
        form = client.get("/signin")
        signin = client.post("/signin", data={"token": WRITER, "csrf": csrf_of(form.text)}, follow_redirects=False)
        assert signin.status_code == 429


def test_other_addresses_are_not_throttled(make_app: Callable[..., FastAPI]) -> None:
    app = make_app(auth_failures_per_window=2)
    with TestClient(app, client=("192.0.2.1", 5000)) as attacker:
        for _ in range(4):
            attacker.get("/v1/articles", headers=auth("wrong-token-000000000000"))
        assert attacker.get("/v1/articles", headers=auth()).status_code == 429
    with TestClient(app, client=("192.0.2.2", 5000)) as editor:
        assert editor.get("/v1/articles", headers=auth()).status_code == 200


# -- 8. the rate limit is counted in the database, across processes ----------------------------


def test_two_limiters_on_one_database_share_one_budget(tmp_path: Path) -> None:
    db: Database = open_database(service_settings(tmp_path))
    try:
        clock = [120.0]
        first = RateLimiter(db, 30, clock=lambda: clock[0])  # as two server processes would hold
        second = RateLimiter(db, 30, clock=lambda: clock[0])
        allowed = 0
        for i in range(120):
            limiter = first if i % 2 else second
            allowed += limiter.check(7) is None
            limiter.sync()  # each process shares its count (the server does so every SYNC_S)
        # 120 requests against a limit of 30 through two processes: the limit holds, give or take what
        # the other process admitted since its last sync (one here); per process it would have been 60.
        assert 30 <= allowed <= 31
        assert first.check(7) is not None and second.check(7) is not None
        clock[0] += 60  # the next window
        assert first.check(7) is None and second.check(8) is None
        first.sync()
        second.sync()
        assert limits.prune(db, older_than_s=30, now=clock[0]) == 1  # the first window's counter
    finally:
        db.dispose()


def test_the_api_answers_429_past_the_limit(make_app: Callable[..., FastAPI]) -> None:
    with TestClient(make_app(rate_limit_per_minute=3)) as client:
        codes = [client.get("/v1/articles", headers=auth()).status_code for _ in range(5)]
    assert codes[:3] == [200] * 3 and codes[3:] == [429, 429]


@pytest.mark.parametrize("token", [WRITER, READER])
def test_limits_count_per_token(make_app: Callable[..., FastAPI], token: str) -> None:
    with TestClient(make_app(rate_limit_per_minute=2)) as client:
        other = READER if token == WRITER else WRITER
        assert [client.get("/v1/articles", headers=auth(token)).status_code for _ in range(3)] == [200, 200, 429]
        assert client.get("/v1/articles", headers=auth(other)).status_code == 200
