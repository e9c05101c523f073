"""No cold first call (SPEC §10): a fresh `afterhours serve` process warms up before /readyz
says ready, and its very first call reaches the on-call clinician, not the fail-safe."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from router.twilio.sim.signing import sign
from tests.clinic import CRISIS_LINE, PRACTICE_NUMBER, TOKEN

CLINICIAN = "+16175550121"
PATIENT = "+16175550191"

ROSTER = f"""\
practice:
  id: allhours
  name: All Hours Clinic
  timezone: America/New_York
  numbers: ["{PRACTICE_NUMBER}"]
  crisis_line: "{CRISIS_LINE}"
clinicians:
  - id: dr-always
    name: Alex Always
    phone: "{CLINICIAN}"
    role: clinician
patients:
  - id: pt-first
    name: Pat First
    phones: ["{PATIENT}"]
    care_team: [dr-always]
windows:
  - clinician: dr-always
    days: [mon, tue, wed, thu, fri, sat, sun]
    start: "00:00"
    end: "24:00"
"""


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


AFTERHOURS = str(Path(sys.executable).parent / "afterhours")


def _afterhours(env: dict[str, str], *args: str) -> None:
    subprocess.run([AFTERHOURS, *args], env=env, check=True, capture_output=True)


@pytest.fixture
def fresh_server(tmp_path: Path) -> Iterator[str]:
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    env = dict(
        os.environ,
        DATABASE_URL=f"sqlite:///{tmp_path / 'first.db'}",
        TWILIO_AUTH_TOKEN=TOKEN,
        PUBLIC_BASE_URL=base,
        SPOOL_PATH=str(tmp_path / "first.spool"),
        DEV_TOKEN_PATH=str(tmp_path / "dev-token"),
        VOICE_DEADLINE_S="0.8",
        SWEEP_INTERVAL_S="0",
    )
    env.pop("REDIS_URL", None)
    (tmp_path / "roster.yaml").write_text(ROSTER)
    _afterhours(env, "db", "upgrade")
    _afterhours(env, "roster", "load", str(tmp_path / "roster.yaml"))
    server = subprocess.Popen(
        [AFTERHOURS, "serve", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"{base}/readyz", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            assert server.poll() is None, "afterhours serve exited"
            assert time.monotonic() < deadline, "afterhours serve never became ready"
            time.sleep(0.1)
        yield base
    finally:
        server.terminate()
        server.wait(10)


def test_the_first_call_after_a_start_reaches_the_on_call_clinician(fresh_server: str) -> None:
    readyz = httpx.get(f"{fresh_server}/readyz", timeout=2).json()
    assert readyz["warm_up"] == "ok"
    params = {"CallSid": "CA" + "f1" * 16, "From": PATIENT, "To": PRACTICE_NUMBER}
    url = f"{fresh_server}/twilio/voice"
    response = httpx.post(
        url,
        data=params,
        headers={"X-Twilio-Signature": sign(TOKEN, url, params.items())},
        timeout=5,
    )
    assert response.status_code == 200
    assert f">{CLINICIAN}</Number>" in response.text, response.text
    assert CRISIS_LINE not in response.text
