"""The staff pages (SPEC §11): server-rendered, plain HTML forms, no script, no build step.

`router` holds every page; router/app.py includes it once.
"""

from fastapi import APIRouter, Depends

from router.web import (
    access_log,
    contacts,
    cover,
    coverage,
    followups,
    home,
    pauses,
    roster,
    sign_in,
    week,
)
from router.web.deps import usable_values

access_log.install()
router = APIRouter(dependencies=[Depends(usable_values)])
router.include_router(sign_in.router)
router.include_router(home.router)
router.include_router(contacts.router)
router.include_router(roster.router)
router.include_router(week.router)
router.include_router(cover.router)
router.include_router(followups.router)
router.include_router(coverage.router)
router.include_router(pauses.router)

__all__ = ["router"]
