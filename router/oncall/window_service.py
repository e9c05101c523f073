"""Windows set through the API (SPEC §11): written like a roster window entry, checked by the
roster's own field checks, stored as `self` windows that roster reloads leave alone.

Access (S8): a clinician for themselves only; supervisors and admins for their practice.
Every change is audited. Services never commit: the request does.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy.orm import Session

from policies.schedule import DAY_NAMES, resolve_local
from router.core import errors
from router.oncall.coverage import check_after_window_change
from router.roster.parse import RosterWindow, WindowError, parse_window
from router.store.models import Clinician, OnCallWindow
from router.store.repositories import audit, oncall_index, staff
from router.store.repositories.roster import day_mask, window_zone

STAFF_ROLES = ("supervisor", "admin")
# Called as hook(session, practice_id) after every window change: the lead wires the
# coverage check (router/oncall/coverage.check_and_tell) here.
WINDOW_CHANGE_HOOKS: list[Callable[[Session, str], None]] = []


class Forbidden(errors.Forbidden, PermissionError):
    """S8: the caller may not act on this window or clinician (the API's 403)."""


class NotFound(errors.NotFound, LookupError):
    """The API's 404."""


def window_document(row: OnCallWindow) -> dict[str, Any]:
    doc: dict[str, Any] = {"id": row.id, "clinician": row.clinician_id, "source": row.source}
    if row.kind == "weekly":
        doc["days"] = [day for i, day in enumerate(DAY_NAMES) if row.days & (1 << i)]
        doc["start"], doc["end"] = row.start_time, row.end_time
    else:
        doc["from"], doc["to"] = row.local_start, row.local_end
    doc["duty"], doc["off"] = bool(row.duty), bool(row.off)
    return doc


def _entry(row: OnCallWindow) -> dict[str, Any]:
    """A stored window as the roster entry that would write it."""
    doc = window_document(row)
    for key in ("id", "source"):
        doc.pop(key)
    return doc


def may_act_for(user: Clinician, clinician_id: str) -> bool:
    if user.role in STAFF_ROLES:
        return True
    return clinician_id == user.id


def _check_clinician(session: Session, user: Clinician, clinician_id: Any) -> None:
    """403 for another practice's or another clinician's windows; unknown ids are left to
    the field checks, which name them."""
    if not isinstance(clinician_id, str):
        return
    target = session.get(Clinician, clinician_id)
    if target is not None and target.practice_id != user.practice_id:
        raise Forbidden("supervisors and admins act for their own practice only")
    if target is not None and not may_act_for(user, clinician_id):
        raise Forbidden("clinicians change only their own windows")


def _window_for(session: Session, user: Clinician, window_id: int) -> OnCallWindow:
    row = session.get(OnCallWindow, window_id)
    if row is None or row.practice_id != user.practice_id:
        raise NotFound(f"no window {window_id} in your practice")
    if not may_act_for(user, row.clinician_id):
        raise Forbidden("clinicians change only their own windows")
    return row


def list_windows(session: Session, user: Clinician, clinician_id: str | None) -> list[OnCallWindow]:
    if clinician_id is not None:
        target = session.get(Clinician, clinician_id)
        if target is None or target.practice_id != user.practice_id:
            raise NotFound(f"no clinician {clinician_id!r} in your practice")
        if not may_act_for(user, clinician_id):
            raise Forbidden("clinicians see only their own windows")
    elif user.role not in STAFF_ROLES:
        clinician_id = user.id
    return staff.windows(session, user.practice_id, clinician_id)


def _validated(session: Session, user: Clinician, entry: dict[str, Any]) -> RosterWindow:
    _check_clinician(session, user, entry.get("clinician"))
    return parse_window(entry, staff.active_clinician_ids(session, user.practice_id))


def _store(session: Session, row: OnCallWindow, window: RosterWindow) -> None:
    row.clinician_id, row.duty, row.off = window.clinician, window.duty, window.off
    if window.weekly:
        row.kind, row.days = "weekly", day_mask(window.days)
        row.start_time, row.end_time = window.start, window.end
        row.local_start = row.local_end = None
        row.starts_at = row.ends_at = None
    else:
        assert window.local_from is not None
        assert window.local_to is not None
        zone = window_zone(session, window.clinician)
        row.kind, row.days, row.start_time, row.end_time = "oneoff", 0, None, None
        row.local_start = window.local_from.isoformat(timespec="minutes")
        row.local_end = window.local_to.isoformat(timespec="minutes")
        row.starts_at = resolve_local(window.local_from, zone)
        row.ends_at = resolve_local(window.local_to, zone)


def _changed(session: Session, practice_id: str) -> None:
    oncall_index.invalidate(practice_id)  # routes see the change at once (SPEC §10 index)
    check_after_window_change(session, practice_id)  # a gap it opens is told (SPEC §11)
    for hook in WINDOW_CHANGE_HOOKS:
        hook(session, practice_id)


def create_window(session: Session, user: Clinician, entry: dict[str, Any]) -> OnCallWindow:
    entry = dict(entry)
    entry.setdefault("clinician", user.id)
    window = _validated(session, user, entry)
    row = OnCallWindow(practice_id=user.practice_id, source="self")
    _store(session, row, window)
    session.add(row)
    session.flush()
    audit.append(
        session,
        actor=user.id,
        action="window.create",
        subject=f"window:{row.id}",
        detail=window_document(row),
    )
    _changed(session, user.practice_id)
    return row


_WEEKLY, _ONE_OFF = ("days", "start", "end"), ("from", "to")


def update_window(
    session: Session, user: Clinician, window_id: int, changes: dict[str, Any]
) -> OnCallWindow:
    row = _window_for(session, user, window_id)
    before = window_document(row)
    entry = _entry(row)
    # Switching between weekly and one-off replaces the other kind's fields.
    if any(key in changes for key in _ONE_OFF):
        for key in _WEEKLY:
            entry.pop(key, None)
    if any(key in changes for key in _WEEKLY):
        for key in _ONE_OFF:
            entry.pop(key, None)
    entry.update(changes)
    window = _validated(session, user, entry)
    _store(session, row, window)
    session.flush()
    audit.append(
        session,
        actor=user.id,
        action="window.update",
        subject=f"window:{row.id}",
        detail={"before": before, "after": window_document(row)},
    )
    _changed(session, user.practice_id)
    return row


def delete_window(session: Session, user: Clinician, window_id: int) -> None:
    row = _window_for(session, user, window_id)
    before = window_document(row)
    session.delete(row)
    session.flush()
    audit.append(
        session, actor=user.id, action="window.delete", subject=f"window:{window_id}", detail=before
    )
    _changed(session, user.practice_id)


__all__ = [
    "Forbidden",
    "NotFound",
    "WindowError",
    "create_window",
    "delete_window",
    "list_windows",
    "update_window",
    "window_document",
]
