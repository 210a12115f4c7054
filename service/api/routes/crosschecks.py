"""`/v1/crosschecks`: compare summarised articles and read the stored report."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import JSONResponse

from service.api import operations
from service.api.auth import require
from service.api.models import CrossCheckCreate, CrossCheckCreated, CrossCheckLinks
from service.api.routes.common import errors, ok
from service.api.state import get_state
from service.models import CrossCheckReport
from service.schemas import validate_payload
from service.storage.tokens import Principal

router = APIRouter(prefix="/v1/crosschecks", tags=["crosschecks"])


@router.post(
    "",
    status_code=201,
    response_model=CrossCheckCreated,
    summary="Cross-check articles",
    responses=errors(400, 401, 403, 409, 413, 422, 429),
)
def create_crosscheck(
    request: Request, body: CrossCheckCreate, principal: Principal = Depends(require("write"))
) -> CrossCheckCreated:
    """Run the cross-check over summarised articles; the same ordered list returns the same report."""
    row = operations.run_crosscheck(get_state(request), body.article_ids, principal)
    events = row.report.get("events", [])
    return CrossCheckCreated(
        id=row.id,
        article_ids=row.article_ids,
        events=len(events),
        findings=sum(1 for e in events for f in e.get("findings", []) if f.get("severity") != "info"),
        info_notes=sum(1 for e in events for f in e.get("findings", []) if f.get("severity") == "info"),
        created_at=row.created_at,
        links=CrossCheckLinks(self=f"/v1/crosschecks/{row.id}", page=f"/crosschecks/{row.id}"),
    )


@router.get(
    "/{report_id}",
    response_class=JSONResponse,
    summary="A cross-check report",
    responses=ok(CrossCheckReport, "Follows schemas/crosscheck_report.schema.json.") | errors(401, 403, 404, 429),
)
def get_crosscheck(request: Request, report_id: str, _principal: Principal = Depends(require("read"))) -> Any:
    """The `CrossCheckReport`: events, the alignment matrix (documents x articles) and findings."""
    row = operations.find_report(get_state(request), report_id)
    return JSONResponse(validate_payload("crosscheck_report", row.report))
