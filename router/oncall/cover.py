"""Cover requests (SPEC §11): a clinician asks a named colleague to take one occurrence of a
window; the colleague accepts or declines through the API or by texting the code they were
sent. On acceptance the colleague is on call for exactly that stretch (on duty too, if the
window was a duty window), the asker is off call for it, and the colleague takes the asker's
place in the route of the asker's patients. Every step is audited; services never commit.
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from policies.schedule import occurrences
from policies.vocabulary import CoverStatus, Purpose
from router.core import errors
from router.oncall.coverage import windows_changed
from router.outbox import queue_sms
from router.roster.parse import WindowError
from router.store.models import Clinician, CoverRequest, OnCallWindow, Practice
from router.store.repositories import audit, directory, oncall_index, staff
from router.store.repositories import windows as window_store
from router.store.repositories.roster import window_zone

STAFF_ROLES = ("supervisor", "admin")
_ANSWER = re.compile(
    r"^\s*(?:cover\s+)?(?:(?P<word1>yes|no|accept|decline)\s+#?(?P<code1>\d{4})"
    r"|#?(?P<code2>\d{4})\s+(?P<word2>yes|no|accept|decline))\s*[.!]?\s*$",
    re.IGNORECASE,
)


class Forbidden(errors.Forbidden, PermissionError):
    """The API's 403."""


class NotFound(errors.NotFound, LookupError):
    """The API's 404."""


class AlreadyAnswered(errors.Conflict, ValueError):
    """The API's 409."""


@dataclass(frozen=True)
class CoverAnswer:
    code: str
    accept: bool


def parse_cover_answer(text: str) -> CoverAnswer | None:
    """`YES 4821`, `4821 no`, `cover 4821 yes`...: a colleague's answer, or None."""
    match = _ANSWER.match(text or "")
    if match is None:
        return None
    word = (match["word1"] or match["word2"]).lower()
    return CoverAnswer(match["code1"] or match["code2"], word in ("yes", "accept"))


def request_document(request: CoverRequest) -> dict[str, object]:
    return {
        "id": request.id,
        "window": request.window_id,
        "from": request.asker_id,
        "to": request.colleague_id,
        "at": request.starts_at.isoformat(),
        "until": request.ends_at.isoformat(),
        "duty": request.duty,
        "status": request.status,
    }


def _stretch(session: Session, row: OnCallWindow, at: datetime) -> tuple[datetime, datetime]:
    """The occurrence of the window that starts at `at` (naive: the clinician's zone)."""
    zone = window_zone(session, row.clinician_id)
    if at.tzinfo is None:
        at = at.replace(tzinfo=zone)
    window = window_store.as_policy_window(row)
    for span in occurrences(window, zone, at - timedelta(seconds=1), at + timedelta(seconds=1)):
        if span.start == at:
            return span.start, span.end
    raise WindowError(
        "at",
        at.isoformat(),
        f"at {at.isoformat()!r} is not the start of an occurrence of this window",
    )


def _code(session: Session, practice_id: str) -> str:
    used = staff.cover_codes_in_use(session, practice_id)
    while True:
        code = f"{secrets.randbelow(9000) + 1000}"
        if code not in used:
            return code


def _when(practice: Practice, zone: ZoneInfo, start: datetime, end: datetime) -> str:
    local_start, local_end = start.astimezone(zone), end.astimezone(zone)
    return f"{local_start:%a %d %b %H:%M} to {local_end:%a %d %b %H:%M}"


def ask(
    session: Session, user: Clinician, window_id: int, to: object, at: datetime, now: datetime
) -> CoverRequest:
    row = session.get(OnCallWindow, window_id)
    if row is None or row.practice_id != user.practice_id:
        raise NotFound(f"no window {window_id} in your practice")
    if user.role not in STAFF_ROLES and row.clinician_id != user.id:
        raise Forbidden("clinicians ask cover only for their own windows")
    if row.off:
        raise WindowError("window", window_id, "a time-off window has nobody to cover")
    colleague = (
        staff.clinician_of_practice(session, user.practice_id, to) if isinstance(to, str) else None
    )
    if colleague is None:
        raise WindowError("to", to, f"to {to!r} is not a clinician of your practice")
    if colleague.id == row.clinician_id:
        raise WindowError("to", to, f"to {to!r} is the window's own clinician")
    start, end = _stretch(session, row, at)
    if end <= now:
        raise WindowError("at", at.isoformat(), "that occurrence is already over")
    request = CoverRequest(
        practice_id=row.practice_id,
        window_id=row.id,
        asker_id=row.clinician_id,
        colleague_id=colleague.id,
        starts_at=start,
        ends_at=end,
        duty=row.duty,
        code=_code(session, row.practice_id),
        status=CoverStatus.PENDING,
        created_at=now,
    )
    session.add(request)
    session.flush()
    practice = session.get(Practice, row.practice_id)
    asker = session.get(Clinician, row.clinician_id)
    assert practice is not None and asker is not None
    zone = window_store.clinician_zone(colleague, practice)
    numbers = directory.practice_numbers(session, practice.id)
    duty = " (duty)" if row.duty else ""
    queue_sms(
        session,
        practice_id=practice.id,
        to=colleague.phone,
        from_=numbers[0] if numbers else None,
        body=(
            f"{asker.name} asks you to cover on call{duty} {_when(practice, zone, start, end)}. "
            f"Reply YES {request.code} to take it or NO {request.code} to decline."
        ),
        purpose=Purpose.COVER_REQUEST,
        now=now,
        clinician_id=colleague.id,
    )
    audit.append(
        session,
        actor=user.id,
        action="cover.request",
        subject=f"window:{row.id}",
        detail=request_document(request),
    )
    return request


def _one_off(
    session: Session, request: CoverRequest, clinician_id: str, *, off: bool, duty: bool
) -> OnCallWindow:
    zone = window_zone(session, clinician_id)

    def local(at: datetime) -> str:
        return at.astimezone(zone).replace(tzinfo=None).isoformat("T", "minutes")

    row = OnCallWindow(
        practice_id=request.practice_id,
        clinician_id=clinician_id,
        source="self",
        kind="oneoff",
        local_start=request.starts_at.astimezone(zone)
        .replace(tzinfo=None)
        .isoformat("T", "minutes"),
        local_end=request.ends_at.astimezone(zone).replace(tzinfo=None).isoformat("T", "minutes"),
        starts_at=request.starts_at,
        ends_at=request.ends_at,
        duty=duty,
        off=off,
    )
    session.add(row)
    session.flush()
    oncall_index.invalidate(request.practice_id)
    return row


def answer(
    session: Session, user: Clinician, request_id: int, accept: bool, now: datetime, *, by: str
) -> CoverRequest:
    request = staff.cover_request(session, request_id)
    if request is None or request.practice_id != user.practice_id:
        raise NotFound(f"no cover request {request_id} in your practice")
    if request.colleague_id != user.id:
        raise Forbidden("only the colleague asked can answer a cover request")
    if request.status != CoverStatus.PENDING:
        raise AlreadyAnswered(f"cover request {request_id} is already {request.status}")
    if accept and request.ends_at <= now:
        raise AlreadyAnswered(f"cover request {request_id} is for a stretch that is over")
    request.status, request.answered_at = (
        (CoverStatus.ACCEPTED if accept else CoverStatus.DECLINED),
        now,
    )
    if accept:
        request.cover_window_id = _one_off(
            session, request, request.colleague_id, off=False, duty=request.duty
        ).id
        request.off_window_id = _one_off(
            session, request, request.asker_id, off=True, duty=False
        ).id
    session.flush()
    audit.append(
        session,
        actor=user.id,
        action="cover.accept" if accept else "cover.decline",
        subject=f"window:{request.window_id}",
        detail={**request_document(request), "by": by},
    )
    if accept:
        windows_changed(session, request.practice_id)
    asker = session.get(Clinician, request.asker_id)
    if asker is not None and asker.active:
        numbers = directory.practice_numbers(session, request.practice_id)
        colleague = session.get(Clinician, request.colleague_id)
        name = colleague.name if colleague else request.colleague_id
        queue_sms(
            session,
            practice_id=request.practice_id,
            to=asker.phone,
            from_=numbers[0] if numbers else None,
            body=f"{name} {'accepted' if accept else 'declined'} your cover request.",
            purpose=Purpose.COVER_ANSWER,
            now=now,
            clinician_id=asker.id,
        )
    return request


def answer_cover_by_text(
    session: Session, clinician: Clinician, text: str, now: datetime
) -> str | None:
    """For the clinician-text handler: the reply to a cover answer, or None when the text is
    not one (the handler goes on with threads and commands)."""
    parsed = parse_cover_answer(text)
    if parsed is None:
        return None
    for request in staff.pending_cover_requests_for(session, clinician.id):
        if request.code == parsed.code:
            try:
                answer(session, clinician, request.id, parsed.accept, now, by="text")
            except AlreadyAnswered as exc:
                return f"{exc}."
            if parsed.accept:
                return f"Thanks: you are on call for that stretch (code {parsed.code})."
            return f"Declined (code {parsed.code}); they have been told."
    return f"No open cover request has the code {parsed.code}."
