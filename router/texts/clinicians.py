"""Texts from clinicians: replies inside a thread reach the patient (masked); outside a
thread, the commands ON [until HH:MM], OFF, WHO, HELP (their windows: router/oncall/).
Each is recorded."""

from __future__ import annotations

import re
from datetime import datetime

from sqlalchemy.orm import Session

from policies.privacy import display_name
from policies.safety import looks_like_command
from policies.schedule import on_until
from policies.triage import Risk
from policies.vocabulary import EventType, Purpose
from router.oncall import windows
from router.oncall.cover import answer_cover_by_text
from router.outbox import queue_sms
from router.store.models import Clinician, InboundText, Patient, Practice, TextThread
from router.store.repositories import contacts, directory
from router.store.repositories import threads as conversations
from router.store.repositories.windows import clinician_zone
from router.texts import wording
from router.texts.escalation import acknowledge
from router.twilio.twiml import messages

COMMAND = re.compile(r"^\s*(ON|OFF|WHO|HELP)\b\s*(.*)$", re.IGNORECASE | re.DOTALL)
# With threads open, only a bare command counts: "On my way" is a reply, not ON.
EXACT_COMMAND = re.compile(
    r"^\s*(ON(\s+until\s+\d{1,2}:\d{2})?|OFF|WHO|HELP)\s*[.!?]?\s*$", re.IGNORECASE
)
# A thread code always starts with "#": "5 minutes, calling you" is a reply.
THREAD_CODE = re.compile(r"^\s*#(\d{1,2})\s*[:.)-]?\s*(.*)$", re.DOTALL)
UNTIL = re.compile(r"^until\s+(\d{1,2}:\d{2})\s*$", re.IGNORECASE)
DEFAULT_ON_UNTIL = "08:00"  # "ON" alone: on call until the next morning


def handle_clinician_text(
    session: Session,
    practice: Practice,
    clinician: Clinician,
    record: InboundText,
    now: datetime,
) -> str:
    body = record.body.strip()
    covered = answer_cover_by_text(session, clinician, body, now)  # "YES 4821" to a cover ask
    if covered is not None:
        return messages(covered)
    threads = conversations.open_threads_of(session, clinician.id, now)
    coded = THREAD_CODE.match(body)
    if coded and threads:
        code, rest = int(coded.group(1)), coded.group(2).strip()
        chosen = next((t for t in threads if t.code == code), None)
        if chosen is None:
            return messages(_threads_list(session, threads, f"No open thread #{code}."))
        return _reply_in_thread(session, practice, clinician, chosen, rest, record, now)
    command = COMMAND.match(body)
    if command and (EXACT_COMMAND.match(body) or not threads):
        return _command(
            session, practice, clinician, command.group(1).upper(), command.group(2).strip(), now
        )
    if not threads:
        return messages("No open thread to reply to. " + wording.CLINICIAN_HELP)
    urgent = _newest_urgent(session, threads)
    target = threads[0] if len(threads) == 1 else urgent
    if looks_like_command(body):
        # Never relayed: "STOP", "on till 2am" or "help me set ON" was not meant for the patient.
        if target is None:
            return messages(_threads_list(session, threads, "Not sent: that reads like a command."))
        return messages(wording.reads_like_command(_label(session, target), target.code))
    if target is None:
        return messages(_threads_list(session, threads, "Not sent: several open threads."))
    others = [t for t in threads if t is not target]
    return _reply_in_thread(session, practice, clinician, target, body, record, now, others=others)


def _newest_urgent(session: Session, threads: list[TextThread]) -> TextThread | None:
    """The most recently opened thread whose contact reads as high risk: an unprefixed reply
    goes there, never bounced by an older thread (the clinician is told where it went)."""
    urgent = []
    for thread in threads:
        contact = contacts.get(session, thread.contact_id)
        if contact is not None and contact.risk == Risk.HIGH.value:
            urgent.append(thread)
    return max(urgent, key=lambda t: (t.opened_at, t.step), default=None)


def _label(session: Session, thread: TextThread) -> str:
    contact = contacts.get(session, thread.contact_id)
    patient = session.get(Patient, contact.patient_id) if contact and contact.patient_id else None
    return display_name(patient.name) if patient else "the texter"


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
    *,
    others: list[TextThread] | None = None,
) -> str:
    contact = contacts.get(session, thread.contact_id)
    if contact is None or not body:
        return messages("Nothing to send.")
    record.contact_id = contact.id
    thread.last_activity_at = now
    patient = session.get(Patient, contact.patient_id) if contact.patient_id else None
    label = display_name(patient.name) if patient else "the texter"
    contacts.add_event(
        session,
        contact,
        EventType.CLINICIAN_REPLIED,
        key=f"reply:{record.sid}",
        clinician_id=clinician.id,
        at=now,
    )
    acknowledge(session, contact, clinician.id, now, how="text")
    if patient is not None and not patient.textable:
        return messages(f"Not sent: {label} opted out of texts (STOP). Please call them.")
    if not contact.from_number:
        return messages("Not sent: this texter's number is not available.")
    queue_sms(
        session,
        practice_id=practice.id,
        to=contact.from_number,
        from_=directory.reply_number(session, practice, contact.to_number),
        body=body,
        purpose=Purpose.CLINICIAN_REPLY,
        now=now,
        contact_id=contact.id,
        clinician_id=clinician.id,
    )
    answer = f"Sent to {label.rstrip('.')}."
    if others:  # the urgent thread won: say so, and how to answer the others
        answer = _threads_list(session, others, f"Sent to {label} (#{thread.code}, urgent).")
        answer = answer.replace("Start your reply", "For the others start your reply", 1)
    if wording.PHOTO in body:
        answer += " Media is not forwarded, only the text."
    return messages(answer)


def _command(
    session: Session,
    practice: Practice,
    clinician: Clinician,
    verb: str,
    rest: str,
    now: datetime,
) -> str:
    if verb == "HELP":
        threads = conversations.open_threads_of(session, clinician.id, now)
        extra = f" Open threads: {', '.join(f'#{t.code}' for t in threads)}." if threads else ""
        return messages(wording.CLINICIAN_HELP + extra)
    if verb == "WHO":
        return messages(windows.who(session, practice, now))
    if verb == "ON":
        until = UNTIL.match(rest) if rest else None
        zone = clinician_zone(clinician, practice)
        end_local = on_until(now, zone, until.group(1) if until else DEFAULT_ON_UNTIL)
        if (rest and until is None) or end_local is None:
            return messages(f"Not understood: 'ON {rest[:20]}'. Try: ON until 23:30")
        windows.go_on_call(session, practice, clinician, end_local, now)
        return messages(f"You are on call until {end_local:%H:%M}. Text OFF to stop.")
    windows.go_off_call(session, practice, clinician, now)
    return messages("You are off call now. New texts and calls go to the next clinician.")
