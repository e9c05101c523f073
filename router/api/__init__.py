"""The JSON API (SPEC §9): `router` holds every /api/v1 endpoint; create_app() includes it."""

from __future__ import annotations

from fastapi import APIRouter, Depends

from router.api import contacts, messages, patients
from router.api.errors import until_installed

router = APIRouter(
    prefix="/api/v1",
    tags=["api"],
    # TEMPORARY: the lead removes this line once create_app() calls router.api.errors.install.
    dependencies=[Depends(until_installed)],
)
router.include_router(contacts.router)
router.include_router(messages.router)
router.include_router(patients.router)

__all__ = ["router"]
