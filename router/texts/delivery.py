"""What Twilio says about the texts and calls we sent: status callbacks update the message
log, and a delivery that failed moves things on (escalate now, tell the clinician, mark the
patient not textable, alert staff)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from policies.delivery import FAILED, call_status, next_status
from policies.vocabulary import EventType, Outcome, Purpose
from router.core.jobs import Job, defer, escalation_job_id
from router.outbox import queue_sms
from router.store.models import Clinician, Patient, Practice
from router.store.repositories import contacts, deadlines
from router.store.repositories import messages as message_log
from router.texts.alerts import alert_people
from router.twilio.gateway import OPTED_OUT


def text_status(session: Session, params: Mapping[str, str], now: datetime) -> None:
    """A text's status callback: the log moves forward only; a failure moves things on."""
    sid = params.get("MessageSid") or params.get("SmsSid") or ""
    reported = (params.get("MessageStatus") or params.get("SmsStatus") or "").strip()
    message = message_log.message_by_sid(session, sid) if sid else None
    if message is None:
        return
    status = next_status(message.status, reported)
    if status is None:
        return
    message.status = status
    message.updated_at = now
    if params.get("ErrorCode", "").isdigit():
        message.error_code = int(params["ErrorCode"])
    if reported in FAILED:
        delivery_failed(session, message.id, now)


def page_status(
    session: Session, message_id: str, params: Mapping[str, str], now: datetime
) -> None:
    """A page call's status callback, in the message log's words."""
    message = message_log.message(session, message_id)
    status = call_status(params.get("CallStatus") or "")
    if message is not None and status:
        message.status, message.updated_at = status, now


def delivery_failed(session: Session, message_id: str, now: datetime) -> None:
    """A text that will not arrive. To a clinician holding a relay: escalate at once.
    To a patient who opted out: mark them not textable."""
    message = message_log.message(session, message_id)
    if message is None or message.contact_id is None:
        return
    contact = contacts.get(session, message.contact_id)
    if contact is None:
        return
    contacts.add_event(
        session,
        contact,
        EventType.DELIVERY_FAILED,
        key=f"failed:{message.id}",
        clinician_id=message.clinician_id,
        at=now,
        detail={"purpose": message.purpose, "error": message.error_code},
    )
    to_patient = message.to_number == contact.from_number
    if message.error_code == OPTED_OUT and to_patient and contact.patient_id:
        patient = session.get(Patient, contact.patient_id)
        if patient is not None:
            patient.textable = False
    number = message.from_number
    if message.purpose == Purpose.CLINICIAN_REPLY and message.clinician_id:
        # The clinician was told "Sent": tell them it did not arrive.
        clinician = session.get(Clinician, message.clinician_id)
        if clinician is not None:
            queue_sms(
                session,
                practice_id=message.practice_id,
                to=clinician.phone,
                from_=number,
                purpose=Purpose.NOTICE,
                now=now,
                contact_id=contact.id,
                clinician_id=clinician.id,
                body="afterhours: your reply was NOT delivered to the patient. Please call them.",
            )
    practice = session.get(Practice, contact.practice_id) if contact.practice_id else None
    if message.purpose == Purpose.CRISIS_MESSAGE and practice is not None:
        # The patient could not be given crisis resources by text: a person must call.
        patient = session.get(Patient, contact.patient_id) if contact.patient_id else None
        alert_people(
            session,
            practice,
            contact,
            patient,
            "afterhours: the crisis-resources text to a patient could not be delivered. "
            "Please call the patient now; the follow-up is open.",
            now,
            number,
        )
    if (
        message.purpose == Purpose.RELAY
        and message.step is not None
        and contact.outcome == Outcome.OPEN
        and contact.escalation_step == message.step
    ):
        job_id = escalation_job_id(contact.id, message.step)
        defer(session, Job.ESCALATE_TEXT, contact.id, message.step, job_id=job_id)
        deadlines.arm(
            session,
            job_id,
            contact_id=contact.id,
            kind="escalate",
            step=message.step,
            wait=timedelta(0),
            now=now,
        )
