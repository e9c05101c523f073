"""`/week`: a clinician's on-call week as a calendar, and their windows: add, change, delete,
time off, and asking a colleague to cover one occurrence. Every change goes through the
windows service the API uses (the roster's field checks, S8, the audit, the coverage hook).
Supervisors and admins may open any clinician of their practice (`?clinician=`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Annotated, Any
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Depends, Form, HTTPException, Request
from fastapi.responses import RedirectResponse, Response
from sqlalchemy.orm import Session

from policies.schedule import DAY_NAMES, Interval, occurrences
from router.api.deps import SessionDep
from router.core import clock
from router.core.errors import InputError
from router.core.instants import parse_instant
from router.oncall import cover, window_service
from router.store.models import Clinician, OnCallWindow
from router.store.repositories import audit, directory
from router.store.repositories.windows import as_policy_window, clinician_zone
from router.web.deps import CurrentStaff, Staff, SupervisorStaff
from router.web.refusals import REFUSALS, refusal, refuse_unknown_filters, refused_form
from router.web.sign_in import FORM_REFUSED
from router.web.templating import render

router = APIRouter(tags=["pages"], include_in_schema=False)

DAYS_SHOWN = 7
NOTICES = {
    "added": "Window added.",
    "saved": "Window changed.",
    "deleted": "Window deleted.",
    "asked": "Cover request sent: your colleague gets a text and sees it on their page.",
}
KINDS = ("weekly", "oneoff", "off")


@dataclass(frozen=True)
class Occurrence:
    window: OnCallWindow
    span: Interval


def _target(session: Session, staff: Staff, clinician_id: str) -> Clinician:
    """Whose week: yourself, or (supervisors, admins) a clinician of your practice."""
    clinician_id = clinician_id or staff.member.id
    try:
        window_service.list_windows(session, staff.member, clinician_id)
    except REFUSALS as exc:
        refused = refusal(exc)
        raise HTTPException(refused.status, refused.message) from None
    member = next(
        (c for c in directory.clinicians_of(session, staff.practice.id) if c.id == clinician_id),
        None,
    )
    if member is None:
        raise HTTPException(404, f"no clinician {clinician_id!r} in your practice")
    return member


def _calendar(
    rows: list[OnCallWindow], zone: ZoneInfo, now: datetime
) -> list[tuple[datetime, list[Occurrence]]]:
    """The next seven local days, each with the occurrences that start on it."""
    today = now.astimezone(zone).replace(hour=0, minute=0, second=0, microsecond=0)
    days = [today + timedelta(days=n) for n in range(DAYS_SHOWN)]
    start, end = days[0], days[-1] + timedelta(days=1)
    found: list[Occurrence] = []
    for row in rows:
        for span in occurrences(as_policy_window(row), zone, start, end):
            found.append(Occurrence(row, span))
    found.sort(key=lambda o: (o.span.start, o.window.id))
    by_day: list[tuple[datetime, list[Occurrence]]] = []
    for day in days:
        next_day = day + timedelta(days=1)
        on_day = [
            o
            for o in found
            if day <= o.span.start.astimezone(zone) < next_day
            or (day == days[0] and o.span.start.astimezone(zone) < day)
        ]
        by_day.append((day, on_day))
    return by_day


def _describe(row: OnCallWindow) -> str:
    doc = window_service.window_document(row)
    if row.kind == "weekly":
        text = f"{', '.join(doc['days'])} {doc['start']}-{doc['end']}"
    else:
        text = f"{str(doc['from']).replace('T', ' ')} to {str(doc['to']).replace('T', ' ')}"
    if row.off:
        text = "time off: " + text
    if row.duty:
        text += " (duty)"
    return text


def _page(
    request: Request,
    session: Session,
    staff: Staff,
    target: Clinician,
    status_code: int = 200,
    **context: Any,
) -> Response:
    zone = clinician_zone(target, staff.practice)
    now = clock.now()
    rows = window_service.list_windows(session, staff.member, target.id)
    colleagues = [
        c for c in directory.clinicians_of(session, staff.practice.id) if c.id != target.id
    ]
    return render(
        request,
        "week.html",
        {
            "staff": staff,
            "field": "",
            "target": target,
            "mine": target.id == staff.member.id,
            "zone": zone.key,
            "now": now,
            "calendar": _calendar(rows, zone, now),
            "windows": [
                {"row": row, "doc": window_service.window_document(row), "text": _describe(row)}
                for row in rows
            ],
            "day_names": DAY_NAMES,
            "colleagues": colleagues,
            "form": {},
        }
        | context,
        status_code,
    )


@router.get("/week")
def week(
    request: Request, session: SessionDep, staff: CurrentStaff, clinician: str = "", m: str = ""
) -> Response:
    refuse_unknown_filters(request, ("clinician", "m"))
    target = _target(session, staff, clinician[:64])
    return _page(request, session, staff, target, notice=NOTICES.get(m))


Text = Annotated[str, Form()]


@dataclass(frozen=True)
class WindowForm:
    """The fields of a window form, the same for adding one and for changing one."""

    clinician: str
    kind: str
    days: list[str]
    start: str
    end: str
    from_: str
    to: str
    duty: bool
    csrf: str

    def refill(self) -> dict[str, Any]:
        """What the template puts back in the fields after a refusal."""
        return {
            "kind": self.kind,
            "days": self.days,
            "start": self.start,
            "end": self.end,
            "from": self.from_,
            "to": self.to,
        }

    def entry(self, target: Clinician) -> dict[str, Any]:
        """The form as a roster window entry: the windows service checks every field."""
        if self.kind not in KINDS:
            raise InputError("kind", self.kind, "is not weekly, oneoff or off")
        entry: dict[str, Any] = {"clinician": target.id}
        if self.kind == "weekly":
            entry |= {"days": self.days, "start": self.start, "end": self.end}
        else:
            entry |= {"from": self.from_, "to": self.to}
        if self.kind == "off":
            entry["off"] = True
        if self.duty:
            entry["duty"] = True
        return entry


def window_form(
    clinician: Text = "",
    kind: Text = "weekly",
    days: Annotated[list[str] | None, Form()] = None,
    start: Text = "",
    end: Text = "",
    from_: Annotated[str, Form(alias="from")] = "",
    to: Text = "",
    duty: Text = "",
    csrf: Text = "",
) -> WindowForm:
    return WindowForm(clinician[:64], kind, days or [], start, end, from_, to, bool(duty), csrf)


WindowFormData = Annotated[WindowForm, Depends(window_form)]


def _back(target: Clinician, staff: Staff, message: str) -> RedirectResponse:
    who = "" if target.id == staff.member.id else f"clinician={target.id}&"
    return RedirectResponse(f"/week?{who}m={message}", 303)


@router.post("/week/windows")
def add_window(
    request: Request, session: SessionDep, staff: CurrentStaff, form: WindowFormData
) -> Response:
    target = _target(session, staff, form.clinician)
    if not staff.csrf_ok(form.csrf):
        return _page(request, session, staff, target, 403, error=FORM_REFUSED, form=form.refill())
    try:
        entry = form.entry(target)
        with session.begin_nested():
            window_service.create_window(session, staff.member, entry)
    except REFUSALS as exc:
        return refused_form(
            exc,
            lambda refused: _page(
                request,
                session,
                staff,
                target,
                refused.status,
                error=refused.message,
                field=refused.field,
                form=form.refill(),
            ),
            not_found_page=False,
        )
    return _back(target, staff, "added")


@router.post("/week/windows/{window_id}")
def change_window(
    request: Request,
    session: SessionDep,
    staff: CurrentStaff,
    window_id: int,
    form: WindowFormData,
    action: Text = "save",
) -> Response:
    target = _target(session, staff, form.clinician)
    if not staff.csrf_ok(form.csrf):
        return _page(request, session, staff, target, 403, error=FORM_REFUSED)
    try:
        with session.begin_nested():
            if action == "delete":
                window_service.delete_window(session, staff.member, window_id)
            else:
                entry = form.entry(target)
                entry.pop("clinician")
                entry.setdefault("off", False)
                entry.setdefault("duty", False)
                window_service.update_window(session, staff.member, window_id, entry)
    except REFUSALS as exc:
        return refused_form(
            exc,
            lambda refused: _page(
                request,
                session,
                staff,
                target,
                refused.status,
                error=refused.message,
                field=f"{refused.field}-{window_id}",
            ),
        )
    return _back(target, staff, "deleted" if action == "delete" else "saved")


@router.post("/week/windows/{window_id}/cover")
def ask_cover(
    request: Request,
    session: SessionDep,
    staff: CurrentStaff,
    window_id: int,
    at: Text = "",
    to: Text = "",
    clinician: Text = "",
    csrf: Text = "",
) -> Response:
    target = _target(session, staff, clinician[:64])
    if not staff.csrf_ok(csrf):
        return _page(request, session, staff, target, 403, error=FORM_REFUSED)
    try:
        instant = parse_instant("at", at)
        if instant is None:
            raise InputError("at", at, "is not an occurrence: choose one to be covered")
        with session.begin_nested():
            cover.ask(session, staff.member, window_id, to, instant, clock.now())
    except REFUSALS as exc:
        return refused_form(
            exc,
            lambda refused: _page(
                request, session, staff, target, refused.status, error=refused.message
            ),
        )
    return _back(target, staff, "asked")


def _owner(detail: dict[str, Any]) -> str | None:
    """The clinician a window's audit entry names (created, changed or deleted)."""
    for doc in (detail, detail.get("after") or {}, detail.get("before") or {}):
        if isinstance(doc, dict) and isinstance(doc.get("clinician"), str):
            return str(doc["clinician"])
    return None


@router.get("/windows/{window_id}/audit")
def window_audit(
    request: Request, session: SessionDep, staff: SupervisorStaff, window_id: int
) -> Response:
    """A window's audit trail, deleted windows too; another practice's is not there (S8)."""
    entries = audit.about_subject(session, f"window:{window_id}")
    ours = {c.id for c in directory.clinicians_of(session, staff.practice.id)}
    live = {row.id for row in window_service.list_windows(session, staff.member, None)}
    if window_id not in live and not any(_owner(e.detail or {}) in ours for e in entries):
        raise HTTPException(404, f"no window {window_id} in your practice")
    audit.append(session, actor=staff.member.id, action="audit.read", subject=f"window:{window_id}")
    return render(
        request,
        "audit_trail.html",
        {
            "staff": staff,
            "title": f"Audit trail of window {window_id}",
            "back": "/audit",
            "entries": [
                {"entry": e, "detail": ", ".join(f"{k}: {v}" for k, v in (e.detail or {}).items())}
                for e in entries
            ],
        },
    )
