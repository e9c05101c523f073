"""`GET /api/v1/coverage` (SPEC §11): the coverage gaps of a stretch of time."""

from __future__ import annotations

from datetime import timedelta
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from sqlalchemy.orm import Session

from policies.vocabulary import STAFF_ROLES
from router.api.deps import CurrentUser, SessionDep
from router.api.schemas import CoverageOut
from router.api.windows import refuse_unknown_filters
from router.core import clock
from router.core.errors import InputError
from router.core.instants import parse_instant
from router.oncall.coverage import gap_document, gaps_for
from router.store.models import Clinician, Practice
from router.store.repositories import staff

router = APIRouter(prefix="/api/v1", tags=["coverage"])

DEFAULT_SPAN = timedelta(days=14)
LONGEST_SPAN = timedelta(days=62)


def coverage_document(
    session: Session, user: Clinician, practice: Practice, gaps: list[Any]
) -> dict[str, Any]:
    """Supervisors and admins see every patient; a clinician only their own (S8)."""
    documents = [gap_document(gap) for gap in gaps]
    if user.role not in STAFF_ROLES:
        own = staff.patients_of(session, user.id)
        documents = [
            {
                **doc,
                "patients": [p for p in doc["patients"] if p in own],
                "why": {p: why for p, why in doc["why"].items() if p in own},
            }
            for doc in documents
        ]
        documents = [doc for doc in documents if doc["patients"]]
    return {"practice": practice.id, "gaps": documents}


@router.get("/coverage", response_model=CoverageOut)
def coverage(
    request: Request,
    session: SessionDep,
    user: CurrentUser,
    from_: Annotated[str | None, Query(alias="from")] = None,
    to: str | None = None,
) -> dict[str, Any]:
    """Outside office hours, the intervals in which some patient has nobody on call
    (default: the next 14 days)."""
    refuse_unknown_filters(request, {"from", "to"})
    start = parse_instant("from", from_) or clock.now()
    end = parse_instant("to", to) or start + DEFAULT_SPAN
    if end <= start:
        raise InputError("to", to, f"must be after from ({start.isoformat()})")
    if end - start > LONGEST_SPAN:
        raise InputError("to", to, "is more than 62 days after from")
    practice = session.get(Practice, user.practice_id)
    assert practice is not None
    return coverage_document(session, user, practice, gaps_for(session, practice, start, end))
