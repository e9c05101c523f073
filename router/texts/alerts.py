"""Texts to staff about a contact: the end of the list (crisis resources to the patient,
supervisors, then admins, then the care team alerted), and the STOP notice."""

from __future__ import annotations

import logging
from datetime import datetime

from sqlalchemy.orm import Session

from policies.privacy import display_name
from router.outbox import queue_sms
from router.store.models import Clinician, Contact, Patient, Practice
from router.store.repositories import contacts, directory
from router.texts import wording

log = logging.getLogger("afterhours.texts")


def label(patient: Patient | None) -> str:
    """How texts to staff name the texter (S7: a display name, never a number)."""
    return display_name(patient.name) if patient else "Unknown texter"


def nobody_left(
    session: Session,
    practice: Practice,
    contact: Contact,
    patient: Patient | None,
    now: datetime,
    *,
    tell_patient: bool,
) -> None:
    """The end of the list: the patient gets crisis resources, supervisors are alerted."""
    contact.outcome = "crisis_line"
    contacts.add_event(session, contact, "crisis_message", at=now)
    number = directory.reply_number(session, practice, contact.to_number)
    if tell_patient and contact.from_number and (patient is None or patient.textable):
        queue_sms(
            session,
            practice_id=practice.id,
            to=contact.from_number,
            from_=number,
            body=wording.reply("unanswered", contact.language, practice=practice.name),
            purpose="crisis_message",
            now=now,
            contact_id=contact.id,
        )
    alert = (
        f"afterhours: a text from {label(patient)} was not answered by anyone on call; "
        "they were given crisis resources. An urgent follow-up is open."
    )
    told = alert_people(session, practice, contact, patient, alert, now, number)
    contacts.add_event(session, contact, "supervisors_alerted", at=now, detail={"to": told})
    follow = contacts.follow_up(session, contact.id)
    if follow is not None and follow.status == "open":
        follow.urgent = True
        follow.due = min(follow.due, now)


def text_staff(
    session: Session,
    practice: Practice,
    contact: Contact,
    people: list[Clinician],
    body: str,
    purpose: str,
    now: datetime,
    number: str | None,
) -> None:
    """The same text to each of these staff, from the practice number, about this contact."""
    for person in people:
        queue_sms(
            session,
            practice_id=practice.id,
            to=person.phone,
            from_=number,
            body=body,
            purpose=purpose,
            now=now,
            contact_id=contact.id,
            clinician_id=person.id,
        )


def alert_people(
    session: Session,
    practice: Practice,
    contact: Contact,
    patient: Patient | None,
    body: str,
    now: datetime,
    number: str | None,
) -> list[str]:
    """Texts the practice's supervisors; without any, its admins; without those, the care
    team. Returns who was told (ids), so the log never claims an alert nobody got."""
    people = directory.supervisors(session, practice.id) or directory.staff_with_role(
        session, practice.id, "admin"
    )
    if not people and patient is not None:
        people = directory.care_team_clinicians(session, patient.id)
    text_staff(session, practice, contact, people, body, "supervisor_alert", now, number)
    if not people:
        log.error("practice %s has nobody to alert about contact %s", practice.id, contact.id)
    return [person.id for person in people]


def stop_notice(
    session: Session, practice: Practice, contact: Contact, patient: Patient, now: datetime
) -> None:
    """The patient replied STOP: their care team is told to call instead."""
    number = directory.reply_number(session, practice, contact.to_number)
    notice = (
        f"afterhours: {display_name(patient.name)} replied STOP and can no longer be texted "
        "from the practice number. Call them instead."
    )
    team = directory.care_team_clinicians(session, patient.id)
    text_staff(session, practice, contact, team, notice, "optout_notice", now, number)
