"""Moved to router/texts/endpoints.py and router/texts/page.py; kept so router/app.py can
mount both until the merge includes them itself."""

from fastapi import APIRouter

from router.texts import endpoints, page

router = APIRouter()
router.include_router(endpoints.router)
router.include_router(page.router)
