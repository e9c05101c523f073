"""A patient who opts out (STOP, or Twilio's 21610) is no longer texted, and the care team
is told."""

from __future__ import annotations

from sqlalchemy import select

from router.core.db import session_scope
from router.store.models import OutboundMessage, Patient
from tests.clinic import LEE, PATEL, PRACTICE_NUMBER, SAM


def test_stop_marks_the_patient_not_textable_and_tells_the_care_team(texting):
    sim, jobs = texting.sim, texting.jobs
    sim.text(SAM, PRACTICE_NUMBER, "STOP")
    jobs.settle()
    with session_scope() as session:
        assert session.get(Patient, "pt-sam").textable is False
    sim.device(LEE).expect_sms("replied STOP")
    sim.device(PATEL).expect_sms("replied STOP")


def test_opted_out_error_from_twilio_marks_the_patient_not_textable(texting):
    sim, jobs = texting.sim, texting.jobs
    sim.text(SAM, PRACTICE_NUMBER, "hi")
    jobs.settle()
    sim.device(SAM).opted_out()
    sim.device(LEE).expect_sms("hi").reply("Hello Sam")
    jobs.settle()
    with session_scope() as session:
        assert session.get(Patient, "pt-sam").textable is False
        failed = session.scalars(
            select(OutboundMessage).where(OutboundMessage.purpose == "clinician_reply")
        ).one()
        assert failed.status == "failed"
        assert failed.error_code == 21610
