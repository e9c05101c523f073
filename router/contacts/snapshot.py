"""The route data of every practice, kept in memory between calls, and proven current in each
call's one write (SPEC §10: a voice webhook near the floor; S1-S8 unchanged).

`identify` and `plan_for` read nine tables per call. What they read changes only when a
roster, a window, a pause or a cover changes; the time of the call is the only input that
moves. So the web process keeps a `Snapshot`: every practice's numbers, its active patients
by phone with their care teams, its active clinicians with their windows (weekly ones, and
the one-off windows, pauses and covers that reach into the next `HORIZON`), loaded in one
read transaction together with the `route_versions` counter (migration 0009), which
triggers move on every change to those nine tables whoever makes it.

A call answered from the snapshot writes its contact only while the counter still reads the
snapshot's version (router/calls/quick.py: a condition of the same INSERT). If it moved,
nothing is written and the call takes the ordinary path, which reads the tables; the
snapshot is marked stale and reloaded off the call path. A route planned here is exactly the
one `plan_for` would plan at the same instant from the same rows (tests/contacts/
test_snapshot.py compares them).
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from policies.policy import PracticePolicy, policy_for
from policies.route import (
    ClinicianSchedule,
    CoachingPause,
    Cover,
    RoutePlan,
    is_on_duty,
    plan_route,
)
from policies.schedule import OnCallWindow
from policies.vocabulary import Role
from router.core import clock
from router.core.db import get_engine, get_sessionmaker
from router.store.repositories import route_data
from router.store.repositories.windows import as_policy_window

log = logging.getLogger("afterhours.snapshot")

# How far ahead the time-bound rows (one-off windows, pauses, covers) are read; the snapshot
# answers for instants in [loaded_at - SLACK, loaded_at + HORIZON) and is reloaded halfway.
HORIZON = timedelta(minutes=30)
SLACK = timedelta(minutes=1)
# A failed reload (the database away) is tried again at most this often.
RETRY_S = 1.0


@dataclass(frozen=True)
class PracticeData:
    id: str
    name: str
    timezone: ZoneInfo
    crisis_line: str
    policy: PracticePolicy
    holidays: frozenset[date]
    # Who follows up an unknown caller when no duty clinician is on call: the first
    # supervisor, else the first admin (router.store.repositories.windows).
    staff_for_unknown: str | None
    # Clinicians with a duty or off window: in every route's schedules, in roster order.
    duty_or_off: tuple[str, ...]


@dataclass(frozen=True)
class PatientData:
    id: str
    language: str
    care_team: tuple[str, ...]  # active clinicians, in priority order


@dataclass(frozen=True)
class _Window:
    window: OnCallWindow
    duty_or_off: bool
    off: bool
    starts_at: datetime | None  # one-off windows: their UTC bounds
    ends_at: datetime | None

    def spans(self, now: datetime) -> bool:
        if self.starts_at is None or self.ends_at is None:
            return True  # weekly
        return self.starts_at <= now < self.ends_at


@dataclass(frozen=True)
class ClinicianData:
    id: str
    phone: str
    timezone: ZoneInfo
    order: tuple[int, str]  # (position, id): the roster order routes keep
    windows: tuple[_Window, ...]  # in id order


@dataclass(frozen=True)
class Reached:
    """A webhook's To and From, read from the snapshot."""

    practice: PracticeData
    patient: PatientData | None


@dataclass
class Snapshot:
    version: int
    engine: Engine
    loaded_at: datetime
    practices: dict[str, PracticeData]
    numbers: dict[str, str]  # practice number (E.164) -> practice id
    patients: dict[tuple[str, str], PatientData]  # (practice id, phone E.164) -> patient
    clinicians: dict[str, ClinicianData]  # active ones
    pauses: dict[str, tuple[CoachingPause, ...]]  # by patient id
    covers: dict[str, tuple[Cover, ...]]  # accepted, by practice id
    stale: bool = field(default=False)

    def answers_for(self, now: datetime) -> bool:
        return (
            not self.stale
            and self.engine is get_engine()
            and self.loaded_at - SLACK <= now < self.loaded_at + HORIZON
        )

    def reached(self, to: str, from_e164: str | None) -> Reached | None:
        practice_id = self.numbers.get(to)
        if practice_id is None:
            return None
        patient = self.patients.get((practice_id, from_e164)) if from_e164 else None
        return Reached(self.practices[practice_id], patient)

    def plan(self, practice: PracticeData, patient: PatientData | None, now: datetime) -> RoutePlan:
        """What `plan_for` plans at `now`: the same schedules from the same rows."""
        team = list(patient.care_team) if patient else []
        return self.route(practice, patient.id if patient else None, team, now)[0]

    def route(
        self, practice: PracticeData, patient_id: str | None, team: list[str], now: datetime
    ) -> tuple[RoutePlan, dict[str, ClinicianSchedule]]:
        """What `route_at` plans at `now` for a patient with this care team, and the
        schedules it planned from."""
        covers = [c for c in self.covers.get(practice.id, ()) if c.absent in team and c.active(now)]
        schedules = self.schedules(practice, team + [c.present for c in covers], now)
        pauses = [p for p in self.pauses.get(patient_id, ()) if p.until > now] if patient_id else []
        plan = plan_route(team, schedules, pauses, practice.crisis_line, now, covers)
        return plan, schedules

    def schedules(
        self, practice: PracticeData, team: list[str], now: datetime
    ) -> dict[str, ClinicianSchedule]:
        """As `windows.schedules_at`: the team's windows and the practice's duty and off
        windows that can matter at `now`, clinicians in roster order."""
        whole = set(team)
        found: list[tuple[tuple[int, str], ClinicianSchedule]] = []
        for clinician_id in whole.union(practice.duty_or_off):
            clinician = self.clinicians.get(clinician_id)
            if clinician is None:
                continue
            on: list[OnCallWindow] = []
            off: list[OnCallWindow] = []
            every = clinician_id in whole
            for w in clinician.windows:
                if (every or w.duty_or_off) and w.spans(now):
                    (off if w.off else on).append(w.window)
            if on or off:
                schedule = ClinicianSchedule(
                    clinician_id, clinician.timezone, tuple(on), tuple(off)
                )
                found.append((clinician.order, schedule))
        found.sort(key=lambda pair: pair[0])
        return {schedule.clinician_id: schedule for _, schedule in found}

    def phone_of(self, clinician_id: str) -> str | None:
        clinician = self.clinicians.get(clinician_id)
        return clinician.phone if clinician is not None and clinician.phone else None

    def follow_up_owner_for_unknown(self, practice: PracticeData, now: datetime) -> str | None:
        for clinician_id, schedule in self.schedules(practice, [], now).items():
            if is_on_duty(schedule, now):
                return clinician_id
        return practice.staff_for_unknown


def load(session: Session, now: datetime) -> Snapshot:
    """Every practice's route data as of one read transaction, with its version."""
    rows = route_data.route_rows(session, now - SLACK, now + HORIZON)
    zones = {row.id: row.timezone for row in rows.practices}
    by_clinician: dict[str, list[_Window]] = {}
    for row in rows.windows:
        weekly = row.kind == "weekly"
        by_clinician.setdefault(row.clinician_id, []).append(
            _Window(
                as_policy_window(row),
                bool(row.duty or row.off),
                bool(row.off),
                None if weekly else row.starts_at,
                None if weekly else row.ends_at,
            )
        )
    clinicians: dict[str, ClinicianData] = {}
    duty_or_off: dict[str, list[tuple[tuple[int, str], str]]] = {}
    first_staff: dict[str, dict[str, tuple[tuple[int, str], str]]] = {}
    for person in rows.clinicians:
        order = (person.position, person.id)
        windows = tuple(by_clinician.get(person.id, ()))
        zone = ZoneInfo(person.timezone or zones[person.practice_id])
        clinicians[person.id] = ClinicianData(person.id, person.phone, zone, order, windows)
        if any(w.duty_or_off for w in windows):
            duty_or_off.setdefault(person.practice_id, []).append((order, person.id))
        if person.role in (Role.SUPERVISOR, Role.ADMIN):
            best = first_staff.setdefault(person.practice_id, {})
            if person.role not in best or order < best[person.role][0]:
                best[person.role] = (order, person.id)
    practices: dict[str, PracticeData] = {}
    for row in rows.practices:
        staff = first_staff.get(row.id, {})
        chosen = staff.get(Role.SUPERVISOR) or staff.get(Role.ADMIN)
        practices[row.id] = PracticeData(
            row.id,
            row.name,
            ZoneInfo(row.timezone),
            row.crisis_line,
            policy_for(row.policy),
            frozenset(date.fromisoformat(day) for day in (row.holidays or [])),
            chosen[1] if chosen else None,
            tuple(cid for _, cid in sorted(duty_or_off.get(row.id, []))),
        )
    teams: dict[str, list[tuple[int, str]]] = {}
    for member in rows.care_team:
        if member.clinician_id in clinicians:
            teams.setdefault(member.patient_id, []).append((member.position, member.clinician_id))
    people = {
        row.id: PatientData(
            row.id, row.language, tuple(cid for _, cid in sorted(teams.get(row.id, [])))
        )
        for row in rows.patients
    }
    patients: dict[tuple[str, str], PatientData] = {}
    for phone in rows.phones:
        known = people.get(phone.patient_id)
        if known is not None:
            patients[(phone.practice_id, phone.e164)] = known
    pauses: dict[str, list[CoachingPause]] = {}
    for pause in rows.pauses:
        pauses.setdefault(pause.patient_id, []).append(
            CoachingPause(pause.clinician_id, pause.until)
        )
    covers: dict[str, list[Cover]] = {}
    for cover in rows.covers:
        covers.setdefault(cover.practice_id, []).append(
            Cover(cover.asker_id, cover.colleague_id, cover.starts_at, cover.ends_at)
        )
    return Snapshot(
        version=rows.version,
        engine=session.get_bind().engine,
        loaded_at=now,
        practices=practices,
        numbers={number.e164: number.practice_id for number in rows.numbers},
        patients=patients,
        clinicians=clinicians,
        pauses={k: tuple(v) for k, v in pauses.items()},
        covers={k: tuple(v) for k, v in covers.items()},
    )


class _Keeper:
    """The process's snapshot: loaded at warm-up, reloaded off the call path when it is stale
    or halfway through its horizon (one load at a time)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._current: Snapshot | None = None
        self._loading = False
        self._failed_at = -RETRY_S

    def reset(self) -> None:
        with self._lock:
            self._current, self._failed_at = None, -RETRY_S

    def current(self, now: datetime, mode: str) -> Snapshot | None:
        """The snapshot that answers for `now`, or None (the call reads the tables). `mode`:
        "background" reloads on a thread; "inline" (tests) reloads before answering."""
        snap = self._current
        if snap is not None and snap.answers_for(now):
            if now >= snap.loaded_at + HORIZON / 2 and mode == "background":
                self._reload_soon()
            return snap
        if mode == "inline":
            return self.reload(now)
        self._reload_soon()
        return None

    def peek(self, now: datetime, mode: str) -> Snapshot | None:
        """The snapshot if it answers for `now` (never a load on the caller's thread: for a
        caller inside a transaction); a reload is started as by `current`."""
        snap = self._current
        if mode == "off" or snap is None:
            return None  # never loaded here: a worker, or a process without the web's warm-up
        if snap.answers_for(now):
            if now >= snap.loaded_at + HORIZON / 2 and mode == "background":
                self._reload_soon()
            return snap
        if mode == "background":
            self._reload_soon()
        return None

    def prime(self, now: datetime, mode: str) -> None:
        """In "inline" mode (tests), a snapshot that does not answer for `now` is reloaded
        here, before the caller's unit of work begins; in production the warm-up and the
        background reloads keep it. A failed load leaves the tables to answer."""
        if mode != "inline":
            return
        try:
            self.current(now, mode)
        except Exception as exc:  # the database away: the unit of work finds out itself
            log.warning("route snapshot not loaded: %s", type(exc).__name__)

    def mark_stale(self, snap: Snapshot) -> None:
        snap.stale = True

    def reload(self, now: datetime | None = None) -> Snapshot | None:
        session = get_sessionmaker()()
        try:
            snap = load(session, now or clock.now())
        finally:
            session.rollback()
            session.close()
        with self._lock:
            self._current = snap
        return snap

    def _reload_soon(self) -> None:
        with self._lock:
            if self._loading or time.monotonic() - self._failed_at < RETRY_S:
                return
            self._loading = True
        threading.Thread(target=self._reload_quietly, name="route-snapshot", daemon=True).start()

    def _reload_quietly(self) -> None:
        try:
            self.reload()
        except Exception as exc:  # the calls read the tables meanwhile; a later call retries
            self._failed_at = time.monotonic()
            log.warning("route snapshot not reloaded: %s", type(exc).__name__)
        finally:
            with self._lock:
                self._loading = False


keeper = _Keeper()
