"""The JSON API (SPEC §9, §11): `router` holds every /api/v1 endpoint; create_app() includes it.

Every operation is documented with the answers `router/api/errors.py` gives for the error root
(400, 401, 403, 404, 422), declared here once for all of them, and refuses values no row can
match before any query runs (deps.usable_values).
"""

from __future__ import annotations

from fastapi import APIRouter, Depends

from router.api import contacts, coverage, follow_ups, me, messages, patients, pauses, windows
from router.api.deps import usable_values
from router.api.errors import ERROR_RESPONSES

v1 = APIRouter(prefix="/api/v1", tags=["api"])
v1.include_router(contacts.router)
v1.include_router(messages.router)
v1.include_router(patients.router)

router = APIRouter(responses=ERROR_RESPONSES, dependencies=[Depends(usable_values)])
router.include_router(v1)
router.include_router(windows.router)
router.include_router(follow_ups.router)
router.include_router(coverage.router)
router.include_router(me.router)
router.include_router(pauses.router)

__all__ = ["router"]
