"""Texts from clinicians: replies inside a thread reach the patient (masked); outside a
thread, the commands ON [until HH:MM], OFF, WHO, HELP. Each is recorded.
"""

from __future__ import annotations

import re
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from policies.privacy import display_name, first_name
from policies.route import is_on_duty
from policies.schedule import is_on_call, on_call_until, resolve_local
from router.store.models import (
    Clinician,
    InboundText,
    OnCallWindow,
    Patient,
    Practice,
    TextThread,
)
from router.store.repositories import audit, contacts, directory, texts
from router.texts import wording
from router.texts.outbox import queue_sms
from router.texts.service import EMPTY, _practice_number, acknowledge, twiml_messages

COMMAND = re.compile(r"^\s*(ON|OFF|WHO|HELP)\b\s*(.*)$", re.IGNORECASE | re.DOTALL)
# With threads open, only a bare command counts: "On my way" is a reply, not ON.
EXACT_COMMAND = re.compile(
    r"^\s*(ON(\s+until\s+\d{1,2}:\d{2})?|OFF|WHO|HELP)\s*[.!?]?\s*$", re.IGNORECASE
)
# A thread code always starts with "#": "5 minutes, calling you" is a reply.
THREAD_CODE = re.compile(r"^\s*#(\d{1,2})\s*[:.)-]?\s*(.*)$", re.DOTALL)
UNTIL = re.compile(r"^until\s+(\d{1,2}):(\d{2})\s*$", re.IGNORECASE)
DEFAULT_ON_UNTIL = time(8, 0)  # "ON" alone: on call until the next morning


def handle_clinician_text(
    session: Session,
    practice: Practice,
    clinician: Clinician,
    record: InboundText,
    now: datetime,
) -> str:
    body = record.body.strip()
    threads = texts.open_threads_of(session, clinician.id, now)
    coded = THREAD_CODE.match(body)
    if coded and threads:
        code, rest = int(coded.group(1)), coded.group(2).strip()
        chosen = next((t for t in threads if t.code == code), None)
        if chosen is None:
            return twiml_messages(_threads_list(session, threads, f"No open thread #{code}."))
        return _reply_in_thread(session, practice, clinician, chosen, rest, record, now)
    command = COMMAND.match(body)
    if command and (EXACT_COMMAND.match(body) or not threads):
        return _command(
            session, practice, clinician, command.group(1).upper(), command.group(2).strip(), now
        )
    if len(threads) == 1:
        return _reply_in_thread(session, practice, clinician, threads[0], body, record, now)
    if len(threads) > 1:
        return twiml_messages(_threads_list(session, threads, "Not sent: several open threads."))
    return twiml_messages("No open thread to reply to. " + wording.CLINICIAN_HELP)


def _threads_list(session: Session, threads: list[TextThread], lead: str) -> str:
    names = []
    for thread in threads:
        contact = contacts.get(session, thread.contact_id)
        patient = (
            session.get(Patient, contact.patient_id) if contact and contact.patient_id else None
        )
        names.append(f"#{thread.code} {display_name(patient.name) if patient else 'Unknown'}")
    return f"{lead} Start your reply with the code: {', '.join(names)}".rstrip(".") + "."


def _reply_in_thread(
    session: Session,
    practice: Practice,
    clinician: Clinician,
    thread: TextThread,
    body: str,
    record: InboundText,
    now: datetime,
) -> str:
    contact = contacts.get(session, thread.contact_id)
    if contact is None or not body:
        return twiml_messages("Nothing to send.")
    record.contact_id = contact.id
    thread.last_activity_at = now
    patient = session.get(Patient, contact.patient_id) if contact.patient_id else None
    label = display_name(patient.name) if patient else "the texter"
    contacts.add_event(
        session,
        contact,
        "clinician_replied",
        key=f"reply:{record.sid}",
        clinician_id=clinician.id,
        at=now,
    )
    acknowledge(session, contact, clinician.id, now, how="text")
    if patient is not None and not patient.textable:
        return twiml_messages(f"Not sent: {label} opted out of texts (STOP). Please call them.")
    if not contact.from_number:
        return twiml_messages("Not sent: this texter's number is not available.")
    queue_sms(
        session,
        practice_id=practice.id,
        to=contact.from_number,
        from_=_practice_number(session, practice, contact.to_number),
        body=body,
        purpose="clinician_reply",
        now=now,
        contact_id=contact.id,
        clinician_id=clinician.id,
    )
    return twiml_messages(f"Sent to {label.rstrip('.')}.")


def _command(
    session: Session,
    practice: Practice,
    clinician: Clinician,
    verb: str,
    rest: str,
    now: datetime,
) -> str:
    zone = ZoneInfo(clinician.timezone or practice.timezone)
    if verb == "HELP":
        threads = texts.open_threads_of(session, clinician.id, now)
        extra = f" Open threads: {', '.join(f'#{t.code}' for t in threads)}." if threads else ""
        return twiml_messages(wording.CLINICIAN_HELP + extra)
    if verb == "WHO":
        return twiml_messages(_who(session, practice, now))
    if verb == "ON":
        until_local = DEFAULT_ON_UNTIL
        if rest:
            match = UNTIL.match(rest)
            hour, minute = (int(match.group(1)), int(match.group(2))) if match else (99, 99)
            if not match or hour > 23 or minute > 59:
                return twiml_messages(f"Not understood: 'ON {rest[:20]}'. Try: ON until 23:30")
            until_local = time(hour, minute)
        local_now = now.astimezone(zone).replace(tzinfo=None, second=0, microsecond=0)
        end_local = datetime.combine(local_now.date(), until_local)
        if end_local <= local_now:
            end_local += timedelta(days=1)
        _end_self_windows(session, clinician.id, now, zone, off=True)
        _add_self_window(session, practice, clinician, local_now, end_local, zone, off=False)
        audit.append(
            session,
            actor=clinician.id,
            action="window.on",
            subject=f"clinician:{clinician.id}",
            detail={"until": end_local.isoformat(timespec="minutes")},
        )
        return twiml_messages(f"You are on call until {end_local:%H:%M}. Text OFF to stop.")
    # OFF: end the windows they set themselves, and stand down from the rest until they end.
    _end_self_windows(session, clinician.id, now, zone, off=False)
    session.flush()
    schedule = directory.schedules_at(session, practice, [clinician.id], now).get(clinician.id)
    until = None
    if schedule is not None and is_on_call(schedule.windows, zone, now):
        until = on_call_until(schedule.windows, zone, now)
    if until is not None:
        local_now = now.astimezone(zone).replace(tzinfo=None, second=0, microsecond=0)
        local_end = until.astimezone(zone).replace(tzinfo=None)
        _add_self_window(session, practice, clinician, local_now, local_end, zone, off=True)
    audit.append(
        session,
        actor=clinician.id,
        action="window.off",
        subject=f"clinician:{clinician.id}",
        detail={"until": until.isoformat() if until else None},
    )
    return twiml_messages("You are off call now. New texts and calls go to the next clinician.")


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
    local_now = now.astimezone(zone).replace(tzinfo=None, second=0, microsecond=0)
    rows = session.scalars(
        select(OnCallWindow).where(
            OnCallWindow.clinician_id == clinician_id,
            OnCallWindow.source == "self",
            OnCallWindow.kind == "oneoff",
            OnCallWindow.starts_at <= now,
            OnCallWindow.ends_at > now,
        )
    )
    for row in rows:
        if row.off != off:
            continue
        if row.starts_at is not None and row.starts_at >= now - timedelta(minutes=1):
            session.delete(row)
        else:
            row.ends_at, row.local_end = now, local_now.isoformat(timespec="minutes")


def _who(session: Session, practice: Practice, now: datetime) -> str:
    clinicians = list(
        session.scalars(
            select(Clinician)
            .where(Clinician.practice_id == practice.id, Clinician.active.is_(True))
            .order_by(Clinician.position, Clinician.id)
        )
    )
    schedules = directory.schedules_at(session, practice, [c.id for c in clinicians], now)
    on, duty = [], []
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


__all__ = ["EMPTY", "handle_clinician_text"]
