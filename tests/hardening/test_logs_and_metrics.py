"""S7 in the logs (a scrubber fed numbers, names and bodies), and the metrics at /metrics."""

from __future__ import annotations

import io
import json
import logging

import pytest
from hypothesis import given
from hypothesis import strategies as st

from router.core.logging import REDACTED, JsonFormatter, loggable
from tests.clinic import CRISIS_LINE, LEE, PRACTICE_NUMBER, SAM

NUMBERS = ["+16175550199", "16175550199", "617-555-0199", "(617) 555-0199", "617.555.0199"]
NAMES = ["Sam Rivera", "Sam", "Rivera", "Dana Lee", "Ana Gómez"]
BODIES = [
    "Rough night. Can someone text me back?",
    "pills",
    "I took 30 of my pills",
    "ON until 23:00",
    "sam.rivera@example.org",
]
SECRETS = NUMBERS + NAMES + BODIES


def _output(emit) -> str:
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    logger = logging.getLogger("afterhours.scrubber-test")
    logger.addHandler(handler)
    logger.propagate = False
    logger.setLevel(logging.DEBUG)
    try:
        emit(logger)
    finally:
        logger.removeHandler(handler)
    return stream.getvalue()


def _leaks(output: str) -> list[str]:
    return [secret for secret in SECRETS if secret in output or json.dumps(secret)[1:-1] in output]


def test_the_logs_carry_no_number_name_or_body_whatever_a_log_call_passes():
    def emit(logger: logging.Logger) -> None:
        for secret in SECRETS:
            logger.info("text from %s", secret)
            logger.warning("contact %s: %s said %s", "ct_8fJ2kQ", secret, secret)
            logger.error("job failed", extra={"contact": secret, "reason": secret})
            logger.info("named %(who)s", {"who": secret})
            try:
                raise ValueError(f"INSERT failed for {secret}")
            except ValueError:
                logger.exception("insert failed")

    output = _output(emit)
    assert _leaks(output) == []
    lines = [json.loads(line) for line in output.splitlines()]
    assert all(set(line) >= {"ts", "level", "logger", "event"} for line in lines)
    assert {"error": "ValueError"}.items() <= lines[4].items()


def test_the_logs_keep_ids_event_types_and_error_classes():
    sid = "CA" + "0123456789abcdef" * 2

    def emit(logger: logging.Logger) -> None:
        logger.info("call %s: contact %s, %d clinicians on the route", sid, "ct_8fJ2kQ-x", 2)
        logger.error("incoming call fell back to the crisis line: %s", "OperationalError")
        logger.warning("spooled %s record set aside: %s", "voice_failsafe", "timeout")
        logger.info("job %s %s", "escalate_text", "escalate:ct_1:0")

    events = [json.loads(line)["event"] for line in _output(emit).splitlines()]
    assert events == [
        f"call {sid}: contact ct_8fJ2kQ-x, 2 clinicians on the route",
        "incoming call fell back to the crisis line: OperationalError",
        "spooled voice_failsafe record set aside: timeout",
        "job escalate_text escalate:ct_1:0",
    ]


@given(
    st.one_of(
        st.from_regex(r"\+1[2-9]\d{2}555\d{4}", fullmatch=True),
        st.from_regex(r"\(?\d{3}\)?[ .-]?\d{3}[ .-]\d{4}", fullmatch=True),
        st.lists(st.text(st.characters(categories=["L"]), min_size=1), min_size=2, max_size=5).map(
            " ".join
        ),
    )
)
def test_no_phone_number_or_phrase_survives_the_scrubber(value):
    assert loggable(value) == REDACTED


def test_a_fail_safe_call_leaves_no_number_in_the_logs(sim, roster, clock, database_down, caplog):
    caplog.set_level(logging.DEBUG)
    sim.post("/twilio/voice", {"CallSid": "CA" + "e" * 32, "From": SAM, "To": PRACTICE_NUMBER})
    formatter = JsonFormatter()
    output = "\n".join(formatter.format(record) for record in caplog.records)
    for number in (SAM, PRACTICE_NUMBER, CRISIS_LINE, LEE):
        assert number not in output
        assert number[2:] not in output


def _metric(client, name: str) -> float:
    total = 0.0
    for line in client.get("/metrics").text.splitlines():
        if line.startswith(name) and not line.startswith("#"):
            total += float(line.rsplit(" ", 1)[1])
    return total


def test_metrics_are_served_in_prometheus_format(client):
    response = client.get("/metrics")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain")
    for name in (
        "afterhours_webhook_seconds",
        "afterhours_failsafe_answers_total",
        "afterhours_contact_outcomes_total",
        "afterhours_escalations_pending",
        "afterhours_escalations_overdue",
        "afterhours_deliveries_failed_total",
        "afterhours_spool_depth",
        "afterhours_queue_depth",
    ):
        assert name in response.text, name


def test_a_fail_safe_answer_is_counted_and_the_spool_depth_shows_it(
    sim, client, roster, clock, database_down
):
    before = _metric(client, 'afterhours_failsafe_answers_total{channel="voice"')
    sim.post("/twilio/voice", {"CallSid": "CA" + "f" * 32, "From": SAM, "To": PRACTICE_NUMBER})
    assert _metric(client, 'afterhours_failsafe_answers_total{channel="voice"') == before + 1
    assert _metric(client, "afterhours_spool_depth") == 1


def test_webhook_latency_is_timed_by_route_without_the_query(sim, client, roster, clock):
    sim.phone(LEE).answers_and_presses("1")
    sim.call(SAM, PRACTICE_NUMBER)
    text = client.get("/metrics").text
    assert 'afterhours_webhook_seconds_count{route="/twilio/voice"}' in text
    assert 'route="/twilio/voice/screen"' in text
    assert "?c=" not in text
    assert "c=ct" not in text


def test_a_committed_outcome_is_counted(sim, client, roster, clock):
    before = _metric(
        client, 'afterhours_contact_outcomes_total{channel="voice",outcome="connected"'
    )
    sim.phone(LEE).answers_and_presses("1")
    sim.call(SAM, PRACTICE_NUMBER)
    after = _metric(client, 'afterhours_contact_outcomes_total{channel="voice",outcome="connected"')
    assert after == before + 1


def test_the_metrics_carry_no_number(sim, client, roster, clock):
    sim.phone(LEE).answers_and_presses("1")
    sim.call(SAM, PRACTICE_NUMBER)
    text = client.get("/metrics").text
    for number in (SAM, PRACTICE_NUMBER, LEE):
        assert number[2:] not in text


@pytest.mark.parametrize("hook", ["escalations", "delivery_failed"])
def test_the_hooks_for_the_texts_side_move_their_metrics(client, hook):
    from router import metrics

    if hook == "escalations":
        metrics.escalations(pending=3, overdue=1)
        assert _metric(client, "afterhours_escalations_pending") == 3
        assert _metric(client, "afterhours_escalations_overdue") == 1
    else:
        before = _metric(client, 'afterhours_deliveries_failed_total{kind="sms"}')
        metrics.delivery_failed("sms")
        assert _metric(client, 'afterhours_deliveries_failed_total{kind="sms"}') == before + 1
