"""The bench's own parts that can be checked without services (`make bench` itself is not
part of the suite): its generated roster loads, its numbers are fictional, its floor checks
signatures, its percentiles are right."""

from __future__ import annotations

from datetime import UTC, datetime

from fastapi.testclient import TestClient
from twilio.request_validator import RequestValidator

from bench.floor import create_floor
from bench.load import percentile
from bench.roster import fictional_capacity, fictional_number, generate
from router.roster.parse import parse_roster


def test_generated_roster_passes_the_roster_parser(tmp_path):
    roster = generate(
        practice_id="bench",
        clinicians=12,
        patients=40,
        windows_per_clinician=9,
        number_offset=0,
        today=datetime(2026, 12, 2, tzinfo=UTC),
    )
    path = tmp_path / "roster.yaml"
    roster.write_yaml(str(path))
    parsed = parse_roster(path.read_text())
    assert len(parsed.clinicians) == 12
    assert len(parsed.patients) == 40
    assert len(parsed.windows) == 12 * 9
    assert any(w.duty and w.weekly for w in parsed.windows)


def test_fictional_numbers_are_distinct_and_in_the_555_01xx_range():
    assert fictional_capacity() >= 21_001 + 2_101
    numbers = [fictional_number(i) for i in range(0, fictional_capacity(), 97)]
    assert len(set(numbers)) == len(numbers)
    assert all(n.startswith("+1") and n[5:10] == "55501" for n in numbers)


def test_floor_answers_signed_requests_and_refuses_others():
    token, base = "0123456789abcdef", "http://127.0.0.1:8101"
    client = TestClient(create_floor(token, base))
    params = {"CallSid": "CA" + "1" * 32, "From": "+12015550150", "To": "+12015550100"}
    signature = RequestValidator(token).compute_signature(base + "/twilio/voice", params)
    ok = client.post("/twilio/voice", data=params, headers={"X-Twilio-Signature": signature})
    assert ok.status_code == 200
    assert "<Dial" in ok.text
    assert client.post("/twilio/voice", data=params).status_code == 403
    forged = {"X-Twilio-Signature": signature}
    assert (
        client.post("/twilio/voice", data=params | {"To": "x"}, headers=forged).status_code == 403
    )


def test_percentile_is_nearest_rank():
    values = [float(i) for i in range(1, 101)]
    assert percentile(values, 50) == 50.0
    assert percentile(values, 99) == 99.0
    assert percentile([3.0], 99) == 3.0
