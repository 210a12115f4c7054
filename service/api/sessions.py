"""Browser sessions: a signed cookie holding a server-side session id (never the token) and a CSRF value.

HttpOnly, SameSite=Lax, Secure on https, twelve hours. The session lives in the database
(`service.storage.web_sessions`) and is looked up on every request: signing out deletes it,
and revoking or removing the token ends it, so a copy of the cookie opens nothing afterwards.
Even a cookie forged with the signing key names no live session.
"""

from __future__ import annotations

import hmac
import secrets
from dataclasses import dataclass

from itsdangerous import BadSignature, URLSafeTimedSerializer
from starlette.requests import Request
from starlette.responses import Response

from service.storage import Database, web_sessions

COOKIE = "pactcheck_session"
MAX_AGE_S = 12 * 3600


@dataclass(frozen=True)
class SessionData:
    token_id: int | None
    csrf: str
    session_id: str | None = None  # the server-side session; None while signed out


class SessionCodec:
    def __init__(self, secret: str, db: Database) -> None:
        self._signer = URLSafeTimedSerializer(secret, salt="pactcheck.session.v2")
        self._db = db

    def read(self, request: Request) -> SessionData | None:
        raw = request.cookies.get(COOKIE)
        if not raw:
            return None
        try:
            data = self._signer.loads(raw, max_age=MAX_AGE_S)
        except (BadSignature, ValueError):
            return None
        if not isinstance(data, dict) or not isinstance(data.get("c"), str):
            return None
        session_id = data.get("s")
        if not isinstance(session_id, str):
            return SessionData(None, data["c"])
        token_id = web_sessions.token_for(self._db, session_id)
        return SessionData(token_id, data["c"], session_id if token_id is not None else None)

    def start(self, token_id: int | None) -> SessionData:
        """A fresh session (new CSRF value) for `token_id` (None: signed out), stored server-side."""
        session_id = web_sessions.create(self._db, token_id, max_age_s=MAX_AGE_S) if token_id is not None else None
        return SessionData(token_id, secrets.token_urlsafe(24), session_id)

    def end(self, request: Request, response: Response) -> None:
        """Sign out: delete the server-side session (every copy of the cookie dies) and the cookie."""
        data = self.read(request)
        if data is not None and data.session_id is not None:
            web_sessions.end(self._db, data.session_id)
        self.clear(response)

    def save(self, request: Request, response: Response, data: SessionData) -> None:
        response.set_cookie(
            COOKIE,
            self._signer.dumps({"s": data.session_id, "c": data.csrf}),
            max_age=MAX_AGE_S,
            httponly=True,
            samesite="lax",
            secure=request.url.scheme == "https",
            path="/",
        )

    @staticmethod
    def clear(response: Response) -> None:
        response.delete_cookie(COOKIE, path="/", httponly=True, samesite="lax")


def csrf_ok(session: SessionData | None, presented: str | None) -> bool:
    return bool(session and presented and hmac.compare_digest(session.csrf, presented))
