"""The staff pages (SPEC §11): server-rendered, plain HTML forms, no script, no build step.

`router` holds every page; router/app.py includes it once.
"""

from fastapi import APIRouter

from router.web import access_log, contacts, home, roster, sign_in

access_log.install()
router = APIRouter()
router.include_router(sign_in.router)
router.include_router(home.router)
router.include_router(contacts.router)
router.include_router(roster.router)

__all__ = ["router"]
