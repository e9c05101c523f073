"""The contact log for supervisors and admins (SPEC §9, S8): the log with the API's filters, a
contact's timeline leg by leg, a CSV export, and a contact's audit trail.

Every read is audited as the API audits it, by the same service (router/contacts/log.py): the
rows are shown only once the read's audit entry has committed, and not at all if it cannot be.
Another practice's contact is not there (404); clinicians have no log page (403).
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from urllib.parse import quote
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response
from sqlalchemy.orm import Session

from policies.vocabulary import FollowUpStatus, Outcome
from router.api.deps import SessionDep
from router.contacts import log as audited_log
from router.core import clock
from router.core.errors import InputError, one_of
from router.core.instants import parse_instant
from router.store.models import Contact, Patient
from router.store.repositories import audit, contacts, directory
from router.web.deps import Staff, SupervisorStaff
from router.web.refusals import refuse_unknown_filters
from router.web.templating import PAGE_HEADERS, render

router = APIRouter(tags=["pages"], include_in_schema=False)

PAGE_LIMIT = 200
EXPORT_LIMIT = 5000
FILTERS = ("since", "until", "patient", "clinician", "outcome", "follow_up")
# An offset after the time part ("...T21:00-05:00", "...Z"): without one, the practice's zone.
_HAS_OFFSET = re.compile(r"T[^+\-Zz ]*([Zz]|[+\- ]\d\d(:?\d\d)?)$")

EVENT_WORDS = {
    "greeted": "caller greeted",
    "dialled": "rang",
    "answered": "answered",
    "accepted": "pressed 1: accepted",
    "declined": "declined",
    "not_accepted": "answered but did not accept (voicemail?)",
    "no_answer": "no answer",
    "busy": "busy",
    "failed": "call failed",
    "canceled": "caller hung up while ringing",
    "bridged": "connected",
    "crisis_line": "sent to the crisis line",
    "crisis_connected": "crisis line answered",
    "crisis_unreached": "crisis line not reached",
    "call_ended": "call ended",
    "text_received": "text received",
    "relayed": "text relayed",
    "escalated": "escalated to the next clinician",
    "clinician_replied": "clinician replied",
    "acknowledged": "acknowledged",
    "not_acknowledged": "not acknowledged in time",
    "paged": "paged by phone",
    "page_accepted": "page accepted",
    "supervisors_alerted": "supervisors alerted",
    "crisis_message": "crisis resources texted",
    "failsafe": "answered by the fail-safe",
}


@dataclass
class LogQuery:
    """What the filter form asked for: the raw values (to refill the form) and the parsed
    filter, or the one problem with them."""

    raw: dict[str, str]
    filters: contacts.ContactFilter | None = None
    error: InputError | None = None
    patients: list[Patient] = field(default_factory=list)

    @property
    def given(self) -> dict[str, str]:
        return {k: v for k, v in self.raw.items() if v}


def _instant(name: str, value: str, zone: ZoneInfo) -> datetime | None:
    at = parse_instant(name, value)
    if at is not None and not _HAS_OFFSET.search(value.strip()):
        at = at.replace(tzinfo=zone)  # a datetime-local field: the practice's wall clock
    return at


def read_query(session: Session, staff: Staff, request: Request, limit: int) -> LogQuery:
    refuse_unknown_filters(request, FILTERS)
    raw = {name: request.query_params.get(name, "").strip()[:64] for name in FILTERS}
    query = LogQuery(raw, patients=contacts.patients_of_practice(session, staff.practice.id))
    given = query.given
    try:
        one_of("outcome", given.get("outcome"), Outcome)
        one_of("follow_up", given.get("follow_up"), FollowUpStatus)
        zone = ZoneInfo(staff.practice.timezone)
        since = _instant("since", raw["since"], zone)
        until = _instant("until", raw["until"], zone)
        if since is not None and until is not None and until <= since:
            raise InputError("until", raw["until"], f"must be after since ({raw['since']})")
        if "patient" in given and given["patient"] not in {p.id for p in query.patients}:
            raise InputError("patient", given["patient"], "is not a patient of this practice")
        clinician_ids = {c.id for c in directory.clinicians_of(session, staff.practice.id)}
        if "clinician" in given and given["clinician"] not in clinician_ids:
            raise InputError("clinician", given["clinician"], "is not on this practice's staff")
    except InputError as problem:
        query.error = problem
        return query
    query.filters = contacts.ContactFilter(
        since=since,
        until=until,
        patient=given.get("patient"),
        clinician=given.get("clinician"),
        outcome=given.get("outcome"),
        follow_up=given.get("follow_up"),
        limit=limit,
    )
    return query


def search_audited(
    session: Session, staff: Staff, filters: contacts.ContactFilter, action: str
) -> list[Contact]:
    """The API's audited search for the staff member's practice: the rows come back only once
    the read's audit entry has committed (router/contacts/log.py)."""
    return audited_log.search(
        session, filters, practice_id=staff.practice.id, actor=staff.member.id, action=action
    )


def _names(session: Session, staff: Staff) -> dict[str, str]:
    return {c.id: c.name for c in directory.clinicians_of(session, staff.practice.id)}


def _row(session: Session, contact: Contact) -> dict[str, Any]:
    return {"contact": contact, "follow_up": contacts.follow_up(session, contact.id)}


@router.get("/contacts")
def contact_log(request: Request, session: SessionDep, staff: SupervisorStaff) -> Response:
    query = read_query(session, staff, request, PAGE_LIMIT + 1)
    context: dict[str, Any] = {
        "staff": staff,
        "query": query,
        "outcomes": list(Outcome),
        "statuses": list(FollowUpStatus),
        "clinicians": directory.clinicians_of(session, staff.practice.id),
        "patient_names": {p.id: p.name for p in query.patients},
        "names": _names(session, staff),
        "rows": [],
        "more": False,
    }
    if query.filters is None:
        assert query.error is not None
        context |= {"error": str(query.error), "field": query.error.field}
        return render(request, "contacts.html", context, 422)
    found = search_audited(session, staff, query.filters, "contacts.read")
    context["more"] = len(found) > PAGE_LIMIT
    context["rows"] = [_row(session, contact) for contact in found[:PAGE_LIMIT]]
    context["export_query"] = request.url.query
    return render(request, "contacts.html", context)


CSV_COLUMNS = [
    "id",
    "sid",
    "channel",
    "patient",
    "from",
    "started_at",
    "ended_at",
    "duration_s",
    "outcome",
    "connected_to",
    "follow_up_status",
    "follow_up_assignee",
    "follow_up_due",
    "follow_up_urgent",
]
_E164 = re.compile(r"^\+\d{6,15}$")


def _cell(value: object) -> str:
    """A spreadsheet never runs a cell as a formula (a phone number stays a phone number)."""
    text = "" if value is None else value.isoformat() if isinstance(value, datetime) else str(value)
    if text[:1] in ("=", "+", "-", "@", "\t", "\r") and not _E164.match(text):
        return "'" + text
    return text


@router.get("/contacts.csv")
def export_contacts(request: Request, session: SessionDep, staff: SupervisorStaff) -> Response:
    query = read_query(session, staff, request, EXPORT_LIMIT)
    if query.filters is None:
        assert query.error is not None
        return Response(
            f"{query.error}\n", status_code=422, media_type="text/plain", headers=PAGE_HEADERS
        )
    found = search_audited(session, staff, query.filters, "contacts.export")
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for contact in found:
        follow = contacts.follow_up(session, contact.id)
        writer.writerow(
            _cell(value)
            for value in (
                contact.id,
                contact.sid,
                contact.channel,
                contact.patient_id,
                contact.from_number,
                contact.started_at,
                contact.ended_at,
                contact.duration_s,
                contact.outcome,
                contact.connected_to,
                follow.status if follow else None,
                follow.assignee if follow else None,
                follow.due if follow else None,
                follow.urgent if follow else None,
            )
        )
    day = clock.now().astimezone(ZoneInfo(staff.practice.timezone)).date().isoformat()
    headers = PAGE_HEADERS | {
        "Content-Disposition": f'attachment; filename="contacts-{staff.practice.id}-{day}.csv"'
    }
    return Response(out.getvalue(), media_type="text/csv; charset=utf-8", headers=headers)


def contact_of_practice(session: Session, staff: Staff, contact_id: str) -> Contact:
    """The contact if it is this practice's: otherwise it is not there for this person."""
    return audited_log.of_practice(session, contact_id, staff.practice.id)


def _detail_text(detail: dict[str, Any] | None) -> str:
    return ", ".join(f"{key}: {value}" for key, value in (detail or {}).items())


@router.get("/contacts/{contact_id}")
def timeline(
    request: Request, session: SessionDep, staff: SupervisorStaff, contact_id: str
) -> Response:
    contact = audited_log.one(
        session, contact_id, practice_id=staff.practice.id, actor=staff.member.id
    )
    names = _names(session, staff)
    patients = {p.id: p for p in contacts.patients_of_practice(session, staff.practice.id)}
    patient = patients.get(contact.patient_id or "")
    events = [
        {
            "at": event.at,
            "what": EVENT_WORDS.get(event.type, event.type.replace("_", " ")),
            "type": event.type,
            "who": names.get(event.clinician_id or "", event.clinician_id or ""),
            "detail": _detail_text(event.detail),
        }
        for event in contacts.events(session, contact.id)
    ]
    legs = [
        {"leg": leg, "who": names.get(leg.clinician_id, leg.clinician_id)}
        for leg in contacts.legs(session, contact.id)
    ]
    return render(
        request,
        "contact.html",
        {
            "staff": staff,
            "contact": contact,
            "patient": patient,
            "names": names,
            "events": events,
            "legs": legs,
            "route": [names.get(cid, cid) for cid in contact.route or []],
            "follow_up": contacts.follow_up(session, contact.id),
        },
    )


@router.get("/contacts/{contact_id}/audit")
def contact_audit(
    request: Request, session: SessionDep, staff: SupervisorStaff, contact_id: str
) -> Response:
    contact = contact_of_practice(session, staff, contact_id)
    entries = audit.about_contact(session, contact.id)
    audited_log.record_read(
        session, actor=staff.member.id, action="audit.read", subject=f"contact:{contact.id}"
    )
    return render(
        request,
        "audit_trail.html",
        {
            "staff": staff,
            "title": f"Audit trail of contact {contact.id}",
            "back": f"/contacts/{contact.id}",
            "entries": [
                {"entry": entry, "detail": _audit_detail(entry.detail, contact.id)}
                for entry in entries
            ],
        },
    )


def _audit_detail(detail: dict[str, Any] | None, contact_id: str) -> str:
    """A read that showed many contacts says how many, not all their ids."""
    shown = dict(detail or {})
    listed = shown.pop("contacts", None)
    if isinstance(listed, list) and len(listed) > 1:
        shown["contacts shown"] = len(listed)
    return _detail_text(shown)


@router.get("/audit")
def audit_lookup(
    request: Request, staff: SupervisorStaff, contact: str = "", window: str = ""
) -> Response:
    """Find an audit trail: a contact's (its id is in the log) or a window's."""
    refuse_unknown_filters(request, ("contact", "window"))
    contact, window = contact.strip()[:64], window.strip()[:16]
    if contact:
        return RedirectResponse(f"/contacts/{quote(contact, safe='')}/audit", 303)
    if window:
        if not window.isdigit():
            context = {"staff": staff, "error": f"window {window!r} is not a window number"}
            return render(request, "audit_lookup.html", context | {"field": "window"}, 422)
        return RedirectResponse(f"/windows/{window}/audit", 303)
    return render(request, "audit_lookup.html", {"staff": staff})
