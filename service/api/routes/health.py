"""`/healthz`: the only route without a token; says whether the database answers, nothing more."""

from __future__ import annotations

import sqlalchemy as sa
from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from service import __version__
from service.api.models import Health
from service.api.state import get_state

router = APIRouter(tags=["health"])


@router.get(
    "/healthz", response_model=Health, responses={503: {"model": Health, "description": "Database unreachable."}}
)
def healthz(request: Request) -> JSONResponse:
    try:
        with get_state(request).db.read() as session:
            session.execute(sa.text("SELECT 1"))
    except Exception:
        body = Health(status="unavailable", database="unavailable", version=__version__)
        return JSONResponse(body.model_dump(), status_code=503)
    return JSONResponse(Health(status="ok", database="ok", version=__version__).model_dump())
