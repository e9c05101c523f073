"""The spool under faults (S1, S5): a bad record, a database still away, a crashed replay,
and calls that arrive while a replay is writing.

Nothing the spool keeps is lost or written twice, one bad record never holds up the others,
and an append never waits for the database.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from sqlalchemy.exc import IntegrityError, OperationalError, SQLAlchemyError

from router.calls import service as calls
from router.core import db_async
from router.core.db import reset_caches
from router.core.spool import Record, Rejection, Spool
from router.failsafe import replay as recovery
from tests.clinic import CRISIS_LINE, DEAD_DATABASE, LEE, PRACTICE_NUMBER, SAM
from tests.contact_log import contact_count, contact_for
from tests.deadlines import NEVER_WAITS_S


def _call(sid: str, at: str = "2026-11-26T02:00:00+00:00") -> Record:
    """A fail-safe call as the voice edge spools it."""
    return {
        "kind": "voice_failsafe",
        "sid": sid,
        "from": SAM,
        "to": PRACTICE_NUMBER,
        "at": at,
        "reason": "OperationalError",
        "step": None,
        "crisis_line": CRISIS_LINE,
    }


def _rejected(spool: Spool) -> list[dict]:
    if not spool.rejected.exists():
        return []
    return [json.loads(line) for line in spool.rejected.read_text().splitlines()]


# The file alone: no database ------------------------------------------------------------


def test_an_append_does_not_wait_for_a_replay_that_is_writing(tmp_path: Path):
    spool = Spool(tmp_path / "afterhours.spool")
    spool.append({"n": 1})
    writing, release = threading.Event(), threading.Event()
    handed: list[list[Record]] = []

    def slow_database(records: list[Record]) -> list[Rejection]:
        handed.append(records)
        writing.set()
        release.wait(5)
        return []

    replay = threading.Thread(target=spool.replay, args=(slow_database,))
    replay.start()
    assert writing.wait(5)
    started = time.monotonic()
    spool.append({"n": 2})
    elapsed = time.monotonic() - started
    assert spool.pending()
    assert spool.records() == [{"n": 1}, {"n": 2}]  # what is being written counts as kept
    release.set()
    replay.join(5)
    assert elapsed < NEVER_WAITS_S
    assert handed == [[{"n": 1}]]
    assert spool.records() == [{"n": 2}]
    assert not spool.replaying.exists()


def test_a_replay_that_fails_keeps_every_record_in_the_order_they_came(tmp_path: Path):
    spool = Spool(tmp_path / "afterhours.spool")
    spool.append({"n": 1})
    spool.append({"n": 2})

    def database_away(records: list[Record]) -> list[Rejection]:
        spool.append({"n": 3})  # a call that came in meanwhile
        raise OperationalError("SELECT 1", {}, ConnectionRefusedError())

    with pytest.raises(OperationalError):
        spool.replay(database_away)
    assert spool.records() == [{"n": 1}, {"n": 2}, {"n": 3}]
    assert not spool.replaying.exists()
    assert _rejected(spool) == []
    assert spool.replay(lambda records: []) == 3
    assert not spool.pending()


def test_a_replay_that_crashed_is_taken_first_by_the_next_one(tmp_path: Path):
    path = tmp_path / "afterhours.spool"
    spool = Spool(path)
    spool.append({"n": 1})
    # A process that dies while it writes: it keeps the replay lock until it is gone.
    crash = (
        "import os; from router.core.spool import Spool; "
        f"Spool({str(path)!r}).replay(lambda records: os._exit(3))"
    )
    done = subprocess.run([sys.executable, "-c", crash], cwd=Path(__file__).resolve().parents[2])
    assert done.returncode == 3
    assert spool.replaying.exists()
    assert spool.pending()
    spool.append({"n": 2})
    assert spool.records() == [{"n": 1}, {"n": 2}]
    handed: list[list[Record]] = []
    assert spool.replay(lambda records: handed.append(records) or []) == 2
    assert handed == [[{"n": 1}, {"n": 2}]]
    assert not spool.pending()
    assert spool.replay(lambda records: handed.append(records) or []) == 0
    assert len(handed) == 1


def test_a_torn_line_is_set_aside_and_does_not_swallow_the_next_record(tmp_path: Path):
    spool = Spool(tmp_path / "afterhours.spool")
    spool.append({"n": 1})
    with spool.path.open("a") as torn:
        torn.write('{"n": 2, "kin')  # a crash mid-write
    spool.append({"n": 3})
    assert spool.records() == [{"n": 1}, {"n": 3}]
    assert spool.replay(lambda records: []) == 2
    [aside] = _rejected(spool)
    assert aside["error"] == "unreadable"
    assert aside["line"] == '{"n": 2, "kin'


# Against the database ----------------------------------------------------------------------


@pytest.fixture
def night(roster: None, clock: object) -> None:
    """Wednesday 21:00 in New York, with the test roster loaded."""


def test_a_malformed_record_is_set_aside_and_the_ones_around_it_are_written_once_S5(night, caplog):
    caplog.set_level("DEBUG")
    spool = recovery.spool()
    spool.append(_call("CA" + "a" * 32))
    text_without_sid = {"From": SAM, "To": PRACTICE_NUMBER, "Body": "please call me tonight"}
    spool.append({"kind": "sms_failsafe", "params": text_without_sid, "at": "2026-11-26T02:01"})
    spool.append({"kind": "voice_status", "params": {"CallSid": "CA" + "a" * 32}})  # no "at"
    spool.append(_call("CA" + "b" * 32))

    assert recovery.replay_spool() == 2
    assert recovery.replay_spool() == 0
    assert contact_count() == 2
    assert contact_for("CA" + "a" * 32)["events"].count("failsafe") == 1
    assert contact_for("CA" + "b" * 32)["outcome"] == "crisis_line"
    assert not spool.pending()
    aside = _rejected(spool)
    assert [r["error"] for r in aside] == ["MalformedText", "KeyError"]
    assert aside[0]["record"]["params"] == text_without_sid  # kept whole, for a person
    assert "spooled sms_failsafe record set aside: MalformedText" in caplog.text
    for secret in (SAM, SAM[2:], "5550199", "please call me", "Sam", "Rivera"):
        assert secret not in caplog.text


def test_a_record_the_database_refuses_is_set_aside_the_others_written_S5(night, monkeypatch):
    real = recovery._apply

    def refuses_one(session, record):
        if record.get("sid") == "CA" + "c" * 32:
            raise IntegrityError("INSERT", {}, Exception("constraint"))
        real(session, record)

    monkeypatch.setattr(recovery, "_apply", refuses_one)
    recovery.spool().append(_call("CA" + "c" * 32))
    recovery.spool().append(_call("CA" + "d" * 32))
    assert recovery.replay_spool() == 1
    assert contact_count() == 1
    assert [r["error"] for r in _rejected(recovery.spool())] == ["IntegrityError"]


def test_a_call_sid_too_long_for_the_database_does_not_hold_up_the_others_S5(night):
    oversized = "x" * 500  # a signed but odd webhook; PostgreSQL refuses it (a DataError)
    recovery.spool().append(_call(oversized))
    recovery.spool().append(_call("CA" + "9" * 32))
    written = recovery.replay_spool()
    assert contact_for("CA" + "9" * 32)["outcome"] == "crisis_line"
    aside = _rejected(recovery.spool())
    # Nothing lost: written where the database takes it (SQLite), else set aside.
    assert (written, [r["error"] for r in aside]) in [(2, []), (1, ["DataError"])]
    assert not recovery.spool().pending()


def test_a_bad_text_does_not_cost_the_good_text_before_it_its_relay_S4_S5(
    texting, monkeypatch, database_url
):
    sim, jobs = texting.sim, texting.jobs
    monkeypatch.setenv("DATABASE_URL", DEAD_DATABASE)
    reset_caches()
    record = sim.text(SAM, PRACTICE_NUMBER, "is anyone there tonight")
    recovery.spool().append(
        {"kind": "sms_failsafe", "params": {"From": SAM}, "at": "2026-11-26T02:01:00+00:00"}
    )
    monkeypatch.setenv("DATABASE_URL", database_url)
    reset_caches()
    assert recovery.replay_spool() == 1
    jobs.settle()
    sim.device(LEE).expect_sms("is anyone there tonight")
    assert contact_count() == 1
    assert "failsafe" in contact_for(record.message_sid)["events"]


def test_database_still_down_keeps_every_record_and_adds_none_twice_S5(night, sim, database_down):
    sim.post("/twilio/voice", {"CallSid": "CA" + "e" * 32, "From": SAM, "To": PRACTICE_NUMBER})
    sim.post("/twilio/voice", {"CallSid": "CA" + "f" * 32, "From": SAM, "To": PRACTICE_NUMBER})
    spool = recovery.spool()
    kept = spool.records()
    assert len(kept) == 2

    for _ in range(2):
        with pytest.raises(SQLAlchemyError):
            recovery.replay_spool()
        assert spool.records() == kept
        assert not spool.replaying.exists()
        assert _rejected(spool) == []

    database_down.restore()
    assert recovery.replay_spool() == 2
    assert contact_count() == 2
    assert not spool.pending()


def test_a_database_lost_mid_replay_writes_nothing_and_keeps_everything_S5(night, monkeypatch):
    real = recovery._apply

    def lost_at_the_second(session, record):
        if record.get("sid") == "CA" + "2" * 32:
            raise OperationalError("INSERT", {}, ConnectionResetError())
        real(session, record)

    monkeypatch.setattr(recovery, "_apply", lost_at_the_second)
    spool = recovery.spool()
    spool.append(_call("CA" + "1" * 32))
    spool.append(_call("CA" + "2" * 32))
    with pytest.raises(OperationalError):
        recovery.replay_spool()
    assert contact_count() == 0  # one transaction: the first record waits with the second
    assert len(spool.records()) == 2

    monkeypatch.setattr(recovery, "_apply", real)
    assert recovery.replay_spool() == 2
    assert contact_count() == 2


def test_a_replay_that_crashed_is_written_exactly_once_S5(night):
    spool = recovery.spool()
    sid = "CA" + "3" * 32
    spool.append(_call(sid))
    # The state a crash mid-write leaves: the records taken aside, and a retry since.
    os.replace(spool.path, spool.replaying)
    spool.append(_call(sid))
    assert spool.pending()

    assert recovery.replay_spool() == 2
    assert not spool.pending()
    assert contact_count() == 1
    assert contact_for(sid)["events"].count("failsafe") == 1
    # And once more, as after a crash between the commit and the clean-up.
    spool.append(_call(sid))
    recovery.replay_spool()
    assert recovery.replay_spool() == 0
    assert contact_count() == 1
    assert contact_for(sid)["events"].count("failsafe") == 1


def test_a_call_that_fails_during_a_replay_is_answered_at_once_and_kept_S1_S5(
    night, sim, monkeypatch
):
    spool = recovery.spool()
    spool.append(_call("CA" + "4" * 32))
    writing, release = threading.Event(), threading.Event()
    real = recovery._apply

    def slow(session, record):
        writing.set()
        release.wait(5)
        real(session, record)

    def broken(*_args: object, **_kwargs: object) -> str:
        raise RuntimeError("a bug")

    monkeypatch.setattr(recovery, "_apply", slow)
    monkeypatch.setattr(calls, "start_call", broken)
    monkeypatch.setattr(db_async, "pool", lambda: None)  # start_call routes every call
    replay = threading.Thread(target=recovery.replay_spool)
    replay.start()
    try:
        assert writing.wait(5)
        started = time.monotonic()
        response = sim.post(
            "/twilio/voice", {"CallSid": "CA" + "5" * 32, "From": SAM, "To": PRACTICE_NUMBER}
        )
        elapsed = time.monotonic() - started
    finally:
        release.set()
        replay.join(10)
    assert f">{CRISIS_LINE}</Dial>" in response.text
    assert elapsed < NEVER_WAITS_S
    assert any(r.get("sid") == "CA" + "5" * 32 for r in spool.records())

    monkeypatch.setattr(recovery, "_apply", real)
    recovery.replay_spool()
    assert contact_count() == 2
    assert contact_for("CA" + "5" * 32)["events"][:2] == ["failsafe", "crisis_line"]
