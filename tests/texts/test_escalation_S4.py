"""Every text reaches a human or escalates (S4): up the route when unanswered, at once on a
failed delivery, sooner and with a page when high-risk, in conversations that go on after
the first answer, and through Twilio and queue outages."""

from __future__ import annotations

from redis.exceptions import ConnectionError as RedisDown
from sqlalchemy import select

from router.core import jobs as queue
from router.core.db import session_scope
from router.store.models import OutboundMessage
from tests.clinic import JO, LEE, ORTIZ, PATEL, PRACTICE_NUMBER, SAM, WEDNESDAY_1130PM
from tests.contact_log import contact_for
from tests.texts.helpers import webhook_answer


def test_unanswered_text_escalates_then_tells_the_patient_and_alerts_supervisors_S4(texting):
    sim, jobs = texting.sim, texting.jobs
    record = sim.text(SAM, PRACTICE_NUMBER, "Please call me")
    jobs.settle()
    sim.device(LEE).expect_sms("Please call me")
    jobs.advance(minutes=9)
    sim.device(PATEL).expect_no_sms()
    jobs.advance(minutes=1)
    escalated = sim.device(PATEL).expect_sms("Please call me")
    assert "[Sam R.]" in escalated.body
    jobs.advance(minutes=10)
    told = sim.device(SAM).expect_sms("could not reach a clinician")
    assert "988" in told.body
    assert "911" in told.body
    alert = sim.device(ORTIZ).expect_sms("not answered by anyone on call")
    assert "Sam R." in alert.body
    assert "Please call me" not in alert.body
    contact = contact_for(record.message_sid)
    assert contact["outcome"] == "crisis_line"
    assert contact["follow_up"]["urgent"] is True
    assert contact["events"].count("not_acknowledged") == 2


def test_an_acknowledged_text_does_not_escalate_S4(texting):
    sim, jobs = texting.sim, texting.jobs
    sim.text(SAM, PRACTICE_NUMBER, "Please call me")
    jobs.settle()
    sim.device(LEE).expect_sms("Please call me").reply("Calling now")
    jobs.settle()
    jobs.advance(minutes=30)
    sim.device(PATEL).expect_no_sms()
    sim.device(ORTIZ).expect_no_sms()


def test_the_escalation_job_is_safe_to_run_twice_S4(texting):
    from workers.jobs import escalate_text

    sim, jobs = texting.sim, texting.jobs
    record = sim.text(SAM, PRACTICE_NUMBER, "hello?")
    jobs.settle()
    contact_id = contact_for(record.message_sid)["id"]
    jobs.clock.advance(minutes=10)  # the ack window is over: the job is due
    escalate_text(contact_id, 0)
    escalate_text(contact_id, 0)
    jobs.settle()
    sim.device(PATEL).expect_sms("hello?")
    sim.device(PATEL).expect_no_sms()
    assert contact_for(record.message_sid)["events"].count("escalated") == 1


def test_a_failed_delivery_to_the_clinician_escalates_at_once_S4(texting):
    sim, jobs = texting.sim, texting.jobs
    sim.device(LEE).undeliverable()
    sim.text(SAM, PRACTICE_NUMBER, "anyone?")
    jobs.settle()
    sim.device(PATEL).expect_sms("anyone?")


def test_a_high_risk_text_pages_the_clinician_who_can_connect_at_once(texting):
    sim, jobs = texting.sim, texting.jobs
    sim.phone(LEE).answers_and_presses("1")
    sim.phone(SAM).answers_and_presses()
    record = sim.text(SAM, PRACTICE_NUMBER, "took 30 pills")
    jobs.settle()
    sim.device(LEE).expect_sms("took 30 pills")
    assert sim.device(LEE).calls, "the clinician was not paged"
    contact = contact_for(record.message_sid)
    assert "paged" in contact["events"]
    assert contact["outcome"] == "acknowledged"
    assert "page_accepted" in contact["events"]


def test_a_high_risk_text_escalates_sooner_S4(texting):
    sim, jobs = texting.sim, texting.jobs
    sim.text(SAM, PRACTICE_NUMBER, "I want to die")
    jobs.settle()
    jobs.advance(minutes=3)
    sim.device(PATEL).expect_sms("I want to die")


# Conversations that go on after the first answer -----------------------------------------


def _acknowledged_conversation(texting) -> str:
    sim, jobs = texting.sim, texting.jobs
    record = sim.text(SAM, PRACTICE_NUMBER, "rough night")
    jobs.settle()
    sim.device(LEE).expect_sms("rough night").reply("I'm here, Sam")
    jobs.settle()
    sim.device(SAM).clear()
    return record.message_sid


def test_a_new_text_after_the_clinician_went_off_call_goes_to_who_is_on_call_now_S4(texting, clock):
    from tests.clinic import WEDNESDAY_1130PM

    sim, jobs = texting.sim, texting.jobs
    sid = _acknowledged_conversation(texting)
    clock.set(WEDNESDAY_1130PM)  # Lee's window ended at 23:00; Patel is on
    reply = webhook_answer(sim.text(SAM, PRACTICE_NUMBER, "I took all my pills"))
    assert "Ravi (on call)" in reply
    jobs.settle()
    sim.device(PATEL).expect_sms("I took all my pills")
    assert sim.device(PATEL).calls, "a high-risk text pages the clinician"
    assert "reopened" in contact_for(sid)["events"]


def test_an_unanswered_text_in_a_conversation_still_escalates_S4(texting):
    sim, jobs = texting.sim, texting.jobs
    sid = _acknowledged_conversation(texting)
    sim.text(SAM, PRACTICE_NUMBER, "are you still there?")
    jobs.settle()
    sim.device(LEE).expect_sms("still there")
    jobs.advance(minutes=10)
    sim.device(PATEL).expect_sms("still there")
    assert contact_for(sid)["outcome"] == "open"


def test_an_answered_text_in_a_conversation_does_not_escalate_S4(texting):
    sim, jobs = texting.sim, texting.jobs
    _acknowledged_conversation(texting)
    sim.text(SAM, PRACTICE_NUMBER, "ok thanks")
    jobs.settle()
    sim.device(LEE).expect_sms("ok thanks").reply("Talk tomorrow")
    jobs.advance(minutes=30)
    sim.device(PATEL).expect_no_sms()


# Outages ---------------------------------------------------------------------------------


class _QueueDown:
    """The job queue while Redis is down: every submit fails."""

    def submit(self, request: object) -> None:
        raise RedisDown("redis is down")


def test_a_brief_twilio_outage_delays_but_does_not_drop_the_crisis_text_S4(texting, clock):
    sim, jobs = texting.sim, texting.jobs
    clock.set(WEDNESDAY_1130PM)
    sim.text(JO, PRACTICE_NUMBER, "anyone awake")
    jobs.settle()
    sim.device(PATEL).expect_sms("anyone awake")
    sim.device(JO).clear()
    sim.device(JO).server_error(times=3)
    jobs.advance(minutes=10)
    sim.device(JO).expect_no_sms("could not reach")
    jobs.advance(minutes=1)
    sim.device(JO).expect_sms("could not reach a clinician")


def test_a_queue_outage_loses_no_relay_or_escalation_the_sweeper_finds_them_S4(
    texting, monkeypatch
):
    from workers.jobs import sweep

    sim, jobs = texting.sim, texting.jobs
    working = queue.get_queue
    monkeypatch.setattr(queue, "get_queue", lambda: _QueueDown())
    reply = webhook_answer(sim.text(SAM, PRACTICE_NUMBER, "queue is down"))
    assert "Dana (on call)" in reply  # answered as usual: the commit stands
    sim.device(LEE).expect_no_sms()
    monkeypatch.setattr(queue, "get_queue", working)
    texting.jobs.clock.advance(minutes=3)
    assert sweep() == 1
    jobs.settle()
    sim.device(LEE).expect_sms("queue is down")
    # The escalation job was lost too: the sweeper escalates once it is overdue, counted
    # from when the relay left (3 minutes late), never from when the text came in.
    texting.jobs.clock.advance(minutes=9)
    jobs.settle()
    sweep()
    jobs.settle()
    sim.device(PATEL).expect_no_sms()
    texting.jobs.clock.advance(minutes=2)
    jobs.settle()
    sweep()
    jobs.settle()
    sim.device(PATEL).expect_sms("queue is down")


def test_a_send_whose_worker_died_after_its_claim_goes_once_a_minute_later_S4_S5(
    texting, monkeypatch
):
    from router import outbox
    from router.core import clock
    from workers.jobs import sweep

    sim, jobs = texting.sim, texting.jobs
    working = queue.get_queue
    monkeypatch.setattr(queue, "get_queue", lambda: _QueueDown())
    sim.text(SAM, PRACTICE_NUMBER, "claimed then lost")
    monkeypatch.setattr(queue, "get_queue", working)
    with session_scope() as session:
        (relay,) = session.scalars(
            select(OutboundMessage.id).where(OutboundMessage.to_number == LEE)
        ).all()
        assert outbox.claim(session, relay, clock.now()) is not None  # then the worker dies
    texting.jobs.clock.advance(seconds=30)
    sweep()
    jobs.settle()
    sim.device(LEE).expect_no_sms()  # it may still be sending
    texting.jobs.clock.advance(seconds=31)
    sweep()
    jobs.settle()
    sim.device(LEE).expect_sms("claimed then lost")
    sim.device(LEE).expect_no_sms()


def test_a_text_twilio_took_is_never_sent_again_though_its_statuses_never_came_S5(texting):
    """Twilio answers a send with its own "queued"; if the statuses that follow are lost (the
    app was down when Twilio posted them), neither the sweeper nor a second job for it sends
    the text again: a message with a sid is Twilio's."""
    from sqlalchemy import update

    from workers.jobs import send_message, sweep

    sim, jobs = texting.sim, texting.jobs
    sim.text(SAM, PRACTICE_NUMBER, "twilio has this one")
    jobs.settle()
    sim.device(LEE).expect_sms("twilio has this one")
    with session_scope() as session:  # as the send left it, before any status callback
        relay_id = session.scalars(
            select(OutboundMessage.id).where(OutboundMessage.to_number == LEE)
        ).one()
        session.execute(
            update(OutboundMessage).where(OutboundMessage.id == relay_id).values(status="queued")
        )
    send_message(relay_id)  # a second job for it (a retried enqueue, a second worker)
    texting.jobs.clock.advance(minutes=5)
    sweep()
    jobs.settle()
    sim.device(LEE).expect_no_sms()
    with session_scope() as session:
        assert session.get(OutboundMessage, relay_id).attempts == 1  # type: ignore[union-attr]
