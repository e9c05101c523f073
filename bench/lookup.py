"""The route lookup's cost as the window table grows (1,000, 100,000, 1,000,000 windows).

Model of growth: the practice's 1,000 clinicians keep one weekly window each (the seven duty
clinicians a 24-hour duty window, one weekday each); every further window is a one-off
12-hour window, spread evenly over five years back and one year ahead, as history piles up:
5% of them duty windows, 3% off windows (an OFF text). The lookup measured is what a call
pays: `router.contacts.routes.plan_for` (its care-team, schedule and pause queries on PostgreSQL,
then the pure `policies.route.plan_route`), and separately the pure part alone.
"""

from __future__ import annotations

import random
import statistics
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import Engine, delete, func, select, text
from sqlalchemy.orm import Session

from bench.roster import analyze, copy_rows, window_row
from policies.route import plan_route
from policies.schedule import DAY_NAMES
from router.contacts.routes import plan_for
from router.store import models
from router.store.models import Clinician, OnCallWindow, Patient, Practice
from router.store.repositories import directory, windows


@dataclass
class LookupResult:
    windows: int
    plan_for_p50_ms: float
    plan_for_p99_ms: float
    pure_p50_ms: float
    rows_fetched: float  # windows the query hands to the pure part, on average


def _weekly(clinician_id: str, index: int) -> dict[str, object]:
    if index < 7:
        return {
            "clinician": clinician_id,
            "days": [DAY_NAMES[index]],
            "start": "00:00",
            "end": "24:00",
            "duty": True,
        }
    start = 17 + index % 6
    return {
        "clinician": clinician_id,
        "days": [DAY_NAMES[(index + d) % 7] for d in range(3)],
        "start": f"{start:02d}:00",
        "end": f"{(start + 10) % 24:02d}:00",
    }


def _one_offs(
    clinician_id: str, count: int, today: datetime, rng: random.Random
) -> list[dict[str, object]]:
    """`count` one-off windows for this clinician, evenly spread over the six years."""
    begin = today - timedelta(days=5 * 365)
    hours = 6 * 365 * 24
    shift = rng.randrange(0, max(1, hours // max(count, 1)))
    result = []
    for k in range(count):
        start = begin + timedelta(hours=int(k * hours / count) + shift)
        window: dict[str, object] = {
            "clinician": clinician_id,
            "from": start.strftime("%Y-%m-%dT%H:00"),
            "to": (start + timedelta(hours=12)).strftime("%Y-%m-%dT%H:00"),
        }
        roll = rng.random()
        if roll < 0.05:
            window["duty"] = True
        elif roll < 0.08:
            window["off"] = True
            window["source"] = "self"
        result.append(window)
    return result


def grow_to(
    engine: Engine,
    practice_id: str,
    clinicians: list[tuple[str, ZoneInfo]],
    have: int,
    want: int,
    today: datetime,
) -> None:
    """Adds windows until the practice holds `want`: the weekly ones first, then one-offs,
    each batch spread over the same six years (so the density grows evenly)."""
    rng = random.Random(want)
    n = len(clinicians)
    rows = []
    if have == 0:
        rows += [
            window_row(practice_id, _weekly(cid, i), zone)
            for i, (cid, zone) in enumerate(clinicians)
        ]
        have = n
    per = (want - have) // n
    for cid, zone in clinicians:
        for window in _one_offs(cid, per, today, rng):
            rows.append(window_row(practice_id, window, zone))
    copy_rows(engine, OnCallWindow.__table__, rows)  # type: ignore[arg-type]
    analyze(engine)


QUIET_WAIT_S = 90.0


def quiet(engine: Engine, wait_s: float = QUIET_WAIT_S) -> float:
    """Waits (bounded) until PostgreSQL does nothing else: a checkpoint of what was just
    written, and no autovacuum or other backend at work. The webhook rounds and the load
    scenario before this phase leave tens of thousands of fresh rows that autovacuum takes
    up a minute later, on the same 2 cores as the lookups (a 1M-window figure of 2.05x the
    1k one in one full run, 1.12x on the same data measured alone). Returns the seconds
    waited."""
    started = time.perf_counter()
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.execute(text("CHECKPOINT"))
        while time.perf_counter() - started < wait_s:
            busy = connection.scalar(
                text(
                    "SELECT count(*) FROM pg_stat_activity WHERE pid <> pg_backend_pid() AND "
                    "(backend_type = 'autovacuum worker' OR "
                    "(state = 'active' AND backend_type = 'client backend'))"
                )
            )
            if not busy:
                break
            time.sleep(0.5)
    return time.perf_counter() - started


def measure(
    engine: Engine,
    practice_id: str,
    samples: list[tuple[str, datetime]],
    repeat: int,
    time_cap_s: float = 60.0,
) -> LookupResult:
    """Times the lookups: a warm-up pass, then `repeat` passes or until `time_cap_s` (with at
    least 50 timed lookups)."""
    total_windows = 0
    with Session(engine) as session:
        total_windows = int(
            session.scalar(select(func.count()).where(OnCallWindow.practice_id == practice_id)) or 0
        )
    plan_times: list[float] = []
    pure_times: list[float] = []
    fetched: list[int] = []

    def one(patient_id: str, at: datetime) -> None:
        with Session(engine) as session:
            patient = session.get(Patient, patient_id)
            practice = session.get(Practice, practice_id)
            assert patient is not None
            assert practice is not None
            t0 = time.perf_counter()
            plan_for(session, practice, patient, at)
            elapsed = time.perf_counter() - t0
            team = directory.care_team(session, patient.id)
            schedules = windows.schedules_at(session, practice, team, at)
            pauses = windows.pauses_for(session, patient.id, at)
            crisis_line = practice.crisis_line
            session.rollback()
        t1 = time.perf_counter()
        plan_route(team, schedules, pauses, crisis_line, at)
        plan_times.append(elapsed)
        pure_times.append(time.perf_counter() - t1)
        fetched.append(sum(len(s.windows) + len(s.off) for s in schedules.values()))

    for patient_id, at in samples[:20]:  # warm-up: caches, prepared statements
        one(patient_id, at)
    plan_times.clear()
    pure_times.clear()
    fetched.clear()
    deadline = time.perf_counter() + time_cap_s
    for _ in range(repeat):
        for patient_id, at in samples:
            if len(plan_times) >= 50 and time.perf_counter() > deadline:
                break
            one(patient_id, at)
    ordered = sorted(plan_times)
    return LookupResult(
        windows=total_windows,
        plan_for_p50_ms=statistics.median(plan_times) * 1000,
        plan_for_p99_ms=ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))] * 1000,
        pure_p50_ms=statistics.median(pure_times) * 1000,
        rows_fetched=statistics.fmean(fetched),
    )


def run(
    engine: Engine, practice_id: str, sizes: list[int], samples_n: int, repeat: int
) -> list[LookupResult]:
    """Replaces the practice's windows with the growth model's and measures at each size."""
    today = datetime.now(UTC).replace(minute=0, second=0, microsecond=0)
    with Session(engine) as session:
        practice = session.get(Practice, practice_id)
        assert practice is not None
        staff = list(
            session.scalars(
                select(Clinician).where(Clinician.practice_id == practice_id).order_by(Clinician.id)
            )
        )
        clinicians = [(c.id, ZoneInfo(c.timezone or practice.timezone)) for c in staff]
        patient_ids = list(
            session.scalars(select(Patient.id).where(Patient.practice_id == practice_id))
        )
        session.execute(delete(models.CoachingPause))
        session.execute(delete(OnCallWindow).where(OnCallWindow.practice_id == practice_id))
        session.commit()
    rng = random.Random(1)
    samples = [
        (rng.choice(patient_ids), today + timedelta(minutes=rng.randrange(0, 7 * 24 * 60)))
        for _ in range(samples_n)
    ]
    results = []
    have = 0
    for size in sizes:
        grow_to(engine, practice_id, clinicians, have, size, today)
        have = size
        quiet(engine)
        results.append(measure(engine, practice_id, samples, repeat))
    return results
