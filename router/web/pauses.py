"""`/pauses`: coaching pauses (DBT's 24-hour rule). A clinician sees their own, ends one now,
and pauses themselves for one of their patients; supervisors and admins see the practice's
and may pause or resume anyone on a patient's care team. Through the pause service the API
uses (S8, the audit); an ended pause is off the route from the next call on."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Annotated, Any
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response
from sqlalchemy.orm import Session

from policies.vocabulary import STAFF_ROLES
from router.api.deps import SessionDep
from router.core import clock
from router.core.errors import InputError
from router.oncall import pauses
from router.store.repositories import contacts, directory, staff
from router.store.repositories.windows import clinician_zone
from router.web.deps import CurrentStaff, Staff
from router.web.refusals import REFUSALS, refused_form
from router.web.sign_in import FORM_REFUSED
from router.web.templating import render

router = APIRouter(tags=["pages"], include_in_schema=False)

NOTICES = {
    "paused": "Paused: you are skipped for that patient until then (never the duty clinician "
    "or the crisis line).",
    "ended": "Pause ended: from the next call or text on, the clinician is rung again.",
}
PAST_SHOWN = 20
LOCAL_INPUT = "%Y-%m-%dT%H:%M"
Text = Annotated[str, Form()]


def _zone(viewer: Staff) -> ZoneInfo:
    return clinician_zone(viewer.member, viewer.practice)


def _page(
    request: Request, session: Session, viewer: Staff, status_code: int = 200, **context: Any
) -> Response:
    now = clock.now()
    member = viewer.member
    is_staff = member.role in STAFF_ROLES
    found = pauses.list_pauses(session, member, now)
    patients = staff.active_patients(session, viewer.practice.id)
    if not is_staff:
        own = staff.patients_of(session, member.id)
        patients = [p for p in patients if p.id in own]
    names = {c.id: c.name for c in directory.clinicians_of(session, viewer.practice.id)}
    zone = _zone(viewer)
    return render(
        request,
        "pauses.html",
        {
            "staff": viewer,
            "field": "",
            "is_staff": is_staff,
            "zone": zone.key,
            "active": [p for p in found if p.until > now],
            "past": [p for p in found if p.until <= now][:PAST_SHOWN],
            "patients": patients,
            "patient_names": {
                p.id: p.name for p in contacts.patients_of_practice(session, viewer.practice.id)
            },
            "names": names,
            "clinicians": staff.active_clinicians(session, viewer.practice.id),
            "form": {"until": (now + timedelta(hours=24)).astimezone(zone).strftime(LOCAL_INPUT)},
        }
        | context,
        status_code,
    )


@router.get("/pauses")
def coaching_pauses(
    request: Request, session: SessionDep, viewer: CurrentStaff, m: str = ""
) -> Response:
    return _page(request, session, viewer, notice=NOTICES.get(m))


def _until(value: str, zone: ZoneInfo) -> datetime:
    """The form's date and time, read in the viewer's zone (an offset, if given, wins)."""
    try:
        parsed = datetime.fromisoformat(value.strip())
    except ValueError:
        raise InputError("until", value, "is not a date and time like 2026-11-26T21:00") from None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=zone)


@router.post("/pauses")
def create_pause(
    request: Request,
    session: SessionDep,
    viewer: CurrentStaff,
    patient: Text = "",
    until: Text = "",
    clinician: Text = "",
    csrf: Text = "",
) -> Response:
    form = {"patient": patient, "until": until, "clinician": clinician}
    if not viewer.csrf_ok(csrf):
        return _page(request, session, viewer, 403, error=FORM_REFUSED, form=form)
    try:
        if not patient:
            raise InputError("patient", patient, "is missing: choose one of your patients")
        instant = _until(until, _zone(viewer))
        with session.begin_nested():
            pauses.pause_coaching(
                session, viewer.member, patient[:64], instant, clock.now(), clinician[:64] or None
            )
    except REFUSALS as exc:
        return refused_form(
            exc,
            lambda refused: _page(
                request,
                session,
                viewer,
                refused.status,
                error=refused.message,
                field=refused.field,
                form=form,
            ),
            not_found_page=False,
        )
    return RedirectResponse("/pauses?m=paused", 303)


@router.post("/pauses/{pause_id}/end")
def end_pause(
    request: Request, session: SessionDep, viewer: CurrentStaff, pause_id: int, csrf: Text = ""
) -> Response:
    if not viewer.csrf_ok(csrf):
        return _page(request, session, viewer, 403, error=FORM_REFUSED)
    try:
        with session.begin_nested():
            pauses.end_pause(session, viewer.member, pause_id, clock.now())
    except REFUSALS as exc:
        return refused_form(
            exc,
            lambda refused: _page(request, session, viewer, refused.status, error=refused.message),
        )
    return RedirectResponse("/pauses?m=ended", 303)
