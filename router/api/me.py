"""`GET /api/v1/me` (SPEC §11) and the iCal feed it points to.

The feed needs no bearer token: the secret in its URL is the credential (stored hashed)."""

from __future__ import annotations

from fastapi import APIRouter, Response

from policies.vocabulary import Role
from router.api.deps import CurrentUser, SessionDep
from router.api.schemas import IcalOut, MeOut
from router.core.errors import NotFound
from router.oncall import ical

router = APIRouter(prefix="/api/v1", tags=["me"])


@router.get("/me", response_model=MeOut)
def me(session: SessionDep, user: CurrentUser) -> MeOut:
    """Who the bearer token belongs to, and their private calendar feed."""
    return MeOut(
        id=user.id,
        name=user.name,
        role=Role(user.role),
        practice=user.practice_id,
        ical_url=ical.feed_url(session, user),
    )


@router.post("/me/ical/revoke", response_model=IcalOut)
def revoke_ical(session: SessionDep, user: CurrentUser) -> IcalOut:
    """A new feed URL; calendars subscribed to the old one stop updating."""
    return IcalOut(ical_url=ical.revoke(session, user))


@router.get("/ical/{token}.ics", include_in_schema=False)
def ical_feed(session: SessionDep, token: str) -> Response:
    clinician = ical.clinician_for(session, token) if len(token) <= 64 else None
    if clinician is None:
        raise NotFound("no such calendar (the link may have been replaced)")
    return Response(
        ical.feed(session, clinician),
        media_type="text/calendar; charset=utf-8",
        headers={"Cache-Control": "private, max-age=300", "Referrer-Policy": "no-referrer"},
    )
