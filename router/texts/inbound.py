"""An inbound text (SPEC §8): recorded once by its MessageSid (a retried webhook gets the
same answer), then handed to the clinician's or the patient's side. The only dispatcher."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from router.contacts.caller import identify
from router.store.models import Clinician, InboundText
from router.store.repositories import directory
from router.store.repositories import inbound as inbound_log
from router.texts import wording
from router.texts.clinicians import handle_clinician_text
from router.texts.patients import patient_text
from router.twilio.twiml import EMPTY, messages


class MalformedText(ValueError):
    """A signed text webhook without what routing needs: answered with the fail-safe."""


@dataclass(frozen=True)
class Inbound:
    sid: str
    from_raw: str
    to_raw: str
    body: str  # "[photo]" before any caption when media came (MMS): never relayed empty

    @classmethod
    def from_params(cls, params: Mapping[str, str]) -> Inbound:
        sid = (params.get("MessageSid") or params.get("SmsSid") or "").strip()
        if not sid:
            raise MalformedText("MessageSid is missing")
        try:
            num_media = int(params.get("NumMedia") or 0)
        except ValueError:
            num_media = 0
        body = wording.with_media(params.get("Body") or "", num_media)
        return cls(sid[:64], params.get("From") or "", params.get("To") or "", body)


def handle_text(
    session: Session,
    params: Mapping[str, str],
    now: datetime,
    *,
    reply_already_sent: bool = False,
) -> str:
    """An inbound text. A retried webhook (same MessageSid) gets the same answer, once."""
    inbound = Inbound.from_params(params)
    seen = inbound_log.inbound_by_sid(session, inbound.sid)
    if seen is not None:
        return seen.reply or EMPTY
    who = identify(session, inbound.to_raw, inbound.from_raw)
    to, practice, sender = who.to, who.practice, who.number
    if practice is None:
        record = InboundText(
            sid=inbound.sid,
            sender="unknown",
            from_number=None,
            to_number=to,
            body=inbound.body,
            received_at=now,
        )
        record.reply = messages(wording.reply("failsafe", "en"))
        session.add(record)
        return record.reply
    record = InboundText(
        sid=inbound.sid,
        practice_id=practice.id,
        from_number=sender,
        to_number=to,
        body=inbound.body,
        received_at=now,
        sender="unknown",
    )
    session.add(record)
    if who.staff_read:  # the read of who texted looked already
        clinician = session.get(Clinician, who.staff_id) if who.staff_id else None
    else:
        clinician = directory.clinician_by_phone(session, practice.id, sender)
    if clinician is not None:
        record.sender, record.sender_id = "clinician", clinician.id
        answer = handle_clinician_text(session, practice, clinician, record, now)
    else:
        patient = who.patient
        if patient is not None:
            record.sender, record.sender_id = "patient", patient.id
        answer = patient_text(session, practice, patient, record, now, care_team=who.care_team)
    record.reply = answer
    session.flush()
    return EMPTY if reply_already_sent else answer
