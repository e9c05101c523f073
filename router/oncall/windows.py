"""Who is on call, as clinicians change it by text: ON until a time, OFF, and the WHO
summary. Each change is a one-off window of the clinician's own (source "self"), audited."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from policies.privacy import first_name
from policies.route import is_on_duty
from policies.schedule import is_on_call, local_minute, on_call_until, resolve_local
from router.oncall.coverage import windows_changed
from router.store.models import Clinician, OnCallWindow, Practice
from router.store.repositories import audit, directory, oncall_index, selfwindows
from router.store.repositories.windows import clinician_zone, schedules_at


def go_on_call(
    session: Session, practice: Practice, clinician: Clinician, end_local: datetime, now: datetime
) -> None:
    """ON: on call from now until `end_local` (the clinician's wall clock), ending any
    off-call window they set themselves."""
    zone = clinician_zone(clinician, practice)
    _end_self_windows(session, clinician.id, now, zone, off=True)
    _add_self_window(
        session, practice, clinician, local_minute(now, zone), end_local, zone, off=False
    )
    audit.append(
        session,
        actor=clinician.id,
        action="window.on",
        subject=f"clinician:{clinician.id}",
        detail={"until": end_local.isoformat(timespec="minutes")},
    )
    windows_changed(session, practice.id)


def go_off_call(session: Session, practice: Practice, clinician: Clinician, now: datetime) -> None:
    """OFF: end the windows they set themselves, and stand down from the rest until they end."""
    zone = clinician_zone(clinician, practice)
    _end_self_windows(session, clinician.id, now, zone, off=False)
    session.flush()
    schedule = schedules_at(session, practice, [clinician.id], now).get(clinician.id)
    until = None
    if schedule is not None and is_on_call(schedule.windows, zone, now):
        until = on_call_until(schedule.windows, zone, now)
    if until is not None:
        local_end = until.astimezone(zone).replace(tzinfo=None)
        _add_self_window(
            session, practice, clinician, local_minute(now, zone), local_end, zone, off=True
        )
    audit.append(
        session,
        actor=clinician.id,
        action="window.off",
        subject=f"clinician:{clinician.id}",
        detail={"until": until.isoformat() if until else None},
    )
    windows_changed(session, practice.id)  # standing down may open a gap: told at once


def _add_self_window(
    session: Session,
    practice: Practice,
    clinician: Clinician,
    local_start: datetime,
    local_end: datetime,
    zone: ZoneInfo,
    *,
    off: bool,
) -> None:
    """A one-off window the clinician set by text: on call, or (off=True) off call."""
    oncall_index.invalidate(practice.id)
    session.add(
        OnCallWindow(
            practice_id=practice.id,
            clinician_id=clinician.id,
            source="self",
            kind="oneoff",
            local_start=local_start.isoformat(timespec="minutes"),
            local_end=local_end.isoformat(timespec="minutes"),
            starts_at=resolve_local(local_start, zone),
            ends_at=resolve_local(local_end, zone),
            duty=False,
            off=off,
        )
    )


def _end_self_windows(
    session: Session, clinician_id: str, now: datetime, zone: ZoneInfo, *, off: bool
) -> None:
    """Ends now the clinician's own one-off windows that are running (on, or off if `off`)."""
    local_now = local_minute(now, zone)
    for row in selfwindows.running_self_windows(session, clinician_id, now):
        if row.off != off:
            continue
        oncall_index.invalidate(row.practice_id)
        if row.starts_at is not None and row.starts_at >= now - timedelta(minutes=1):
            session.delete(row)
        else:
            row.ends_at, row.local_end = now, local_now.isoformat(timespec="minutes")


def who(session: Session, practice: Practice, now: datetime) -> str:
    """WHO: who is on call and on duty now, first names and until when."""
    clinicians = directory.clinicians_of(session, practice.id)
    schedules = schedules_at(session, practice, [c.id for c in clinicians], now)
    on: list[str] = []
    duty: list[str] = []
    for clinician in clinicians:
        schedule = schedules.get(clinician.id)
        if schedule is None or schedule.is_off(now):
            continue
        if not is_on_call(schedule.windows, schedule.timezone, now):
            continue
        until = on_call_until(schedule.windows, schedule.timezone, now)
        label = first_name(clinician.name)
        if until is not None:
            label += f" until {until.astimezone(schedule.timezone):%H:%M}"
        (duty if is_on_duty(schedule, now) else on).append(label)
    if not on and not duty:
        return "Nobody is on call right now."
    parts = []
    if on:
        parts.append("On call: " + ", ".join(on))
    if duty:
        parts.append("Duty: " + ", ".join(duty))
    return ". ".join(parts) + "."
