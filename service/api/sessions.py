"""Browser sessions: a signed cookie holding the token's row id (never the token) and a CSRF value.

HttpOnly, SameSite=Lax, Secure on https, twelve hours. A session dies with its token: the
id is looked up on every request, so revoking the token signs the browser out.
"""

from __future__ import annotations

import hmac
import secrets
from dataclasses import dataclass

from itsdangerous import BadSignature, URLSafeTimedSerializer
from starlette.requests import Request
from starlette.responses import Response

COOKIE = "pactcheck_session"
MAX_AGE_S = 12 * 3600


@dataclass(frozen=True)
class SessionData:
    token_id: int | None
    csrf: str


class SessionCodec:
    def __init__(self, secret: str) -> None:
        self._signer = URLSafeTimedSerializer(secret, salt="pactcheck.session")

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
        token_id = data.get("t")
        return SessionData(token_id if isinstance(token_id, int) else None, data["c"])

    @staticmethod
    def start(token_id: int | None) -> SessionData:
        """A fresh session (new CSRF value) for `token_id` (None: signed out)."""
        return SessionData(token_id, secrets.token_urlsafe(24))

    def save(self, request: Request, response: Response, data: SessionData) -> None:
        response.set_cookie(
            COOKIE,
            self._signer.dumps({"t": data.token_id, "c": data.csrf}),
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
