"""The JSON API (SPEC §9): `router` holds every /api/v1 endpoint; create_app() includes it."""

from __future__ import annotations

from fastapi import APIRouter

from router.api import contacts, messages, patients

router = APIRouter(prefix="/api/v1", tags=["api"])
router.include_router(contacts.router)
router.include_router(messages.router)
router.include_router(patients.router)

__all__ = ["router"]
