"""Writing a validated roster (an idempotent upsert by id, SPEC §5).

The file is compared with the database first (`plan_roster`): only what differs is written,
in set-based statements (repositories/roster_rows.py), so an unchanged file writes nothing
and `--dry-run` can say what a load would do without doing it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import bindparam, delete, or_, select, update
from sqlalchemy.orm import Session

from policies.schedule import DAY_NAMES, resolve_local
from router.roster.parse import Roster, RosterError, RosterWindow
from router.store.models import (
    ApiToken,
    CareTeamMember,
    Clinician,
    Contact,
    CoverRequest,
    FollowUp,
    OnCallWindow,
    Patient,
    PatientPhone,
    Practice,
    PracticeNumber,
    utcnow,
)
from router.store.repositories import audit
from router.store.repositories.roster_export import export_roster, practice_ids
from router.store.repositories.roster_rows import (
    BulkWriter,
    PracticeState,
    WindowKey,
    batches,
    owners,
    read_state,
)

__all__ = [
    "DEACTIVATION_HOOKS",
    "LoadSummary",
    "RosterPlan",
    "apply_roster",
    "day_mask",
    "export_roster",
    "known_clinicians",
    "plan_roster",
    "practice_ids",
    "refresh_one_off_bounds",
    "window_zone",
]

# Called as hook(session, clinician_id) for each clinician the file deactivates, after their
# tokens are revoked: sign-in sessions (router/web) register their revocation here.
DEACTIVATION_HOOKS: list[Callable[[Session, str], None]] = []

# Called as progress(rows_done, rows_total) while a load writes.
Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class LoadSummary:
    practice: str
    clinicians: int
    patients: int
    windows: int
    # What the load did, as "clinician dr-lee" / "patient pt-sam"; not part of equality, so a
    # summary compares by the file's counts.
    added: tuple[str, ...] = field(default=(), compare=False)
    changed: tuple[str, ...] = field(default=(), compare=False)
    deactivated: tuple[str, ...] = field(default=(), compare=False)
    windows_added: int = field(default=0, compare=False)
    windows_removed: int = field(default=0, compare=False)
    rows: int = field(default=0, compare=False)  # rows written (or, dry run, to write)
    dry_run: bool = field(default=False, compare=False)

    @property
    def unchanged(self) -> bool:
        return self.rows == 0

    def lines(self) -> list[str]:
        counts = f"{self.clinicians} clinicians, {self.patients} patients, {self.windows} windows"
        if self.dry_run:
            said = [f"dry run of {self.practice}: {counts}; nothing was written"]
            labels = ("would add", "would change", "would deactivate")
        else:
            said = [f"loaded {self.practice}: {counts}"]
            labels = ("added", "changed", "deactivated")
        for label, names in zip(labels, (self.added, self.changed, self.deactivated), strict=True):
            said.append(f"{label}: {', '.join(names) if names else 'none'}")
        if self.dry_run:
            said.append(
                f"would write windows: {self.windows_added} added, {self.windows_removed} removed"
            )
            said.append(
                "unchanged: the database already matches the file"
                if self.unchanged
                else f"would write {self.rows} rows"
            )
        elif self.unchanged:
            said.append("unchanged: the database already matches the file; nothing was written")
        return said


def known_clinicians(session: Session, practice_id: str) -> set[str]:
    return set(session.scalars(select(Clinician.id).where(Clinician.practice_id == practice_id)))


def day_mask(days: list[str]) -> int:
    return sum(1 << DAY_NAMES.index(day) for day in set(days))


def window_zone(session: Session, clinician_id: str) -> ZoneInfo:
    clinician = session.get(Clinician, clinician_id)
    assert clinician is not None
    if clinician.timezone:
        return ZoneInfo(clinician.timezone)
    practice = session.get(Practice, clinician.practice_id)
    assert practice is not None
    return ZoneInfo(practice.timezone)


def _conflicts(session: Session, roster: Roster, state: PracticeState) -> list[str]:
    """Ids and numbers the file shares with another practice: refused, never taken over."""
    practice_id = roster.practice.id
    problems = []
    numbers = owners(
        session, PracticeNumber.e164, PracticeNumber.practice_id, roster.practice.numbers
    )
    for number in roster.practice.numbers:
        if numbers.get(number, practice_id) != practice_id:
            problems.append(f"practice numbers: {number} already belongs to {numbers[number]}")
    staff = owners(session, Clinician.id, Clinician.practice_id, (c.id for c in roster.clinicians))
    for clinician in roster.clinicians:
        if staff.get(clinician.id, practice_id) != practice_id:
            problems.append(f"clinicians ({clinician.id}): id is used by {staff[clinician.id]}")
    people = owners(session, Patient.id, Patient.practice_id, (p.id for p in roster.patients))
    for patient in roster.patients:
        if people.get(patient.id, practice_id) != practice_id:
            problems.append(f"patients ({patient.id}): id is used by {people[patient.id]}")
    file_clinicians = {c.id for c in roster.clinicians}
    staff_phones: dict[str, str] = {}
    for clinician_id, row in sorted(state.clinicians.items()):
        staff_phones.setdefault(row.phone, clinician_id)
    for patient in roster.patients:
        for phone in patient.phones:
            owner = staff_phones.get(phone)
            if owner is not None and owner not in file_clinicians:
                problems.append(f"patients ({patient.id}): phone {phone} is clinician {owner}'s")
    file_patients = {p.id for p in roster.patients}
    phone_of = {e164: pid for pid, phones in state.phones.items() for e164 in phones}
    for patient in roster.patients:
        for phone in patient.phones:
            other = phone_of.get(phone)
            if other is not None and other != patient.id and other not in file_patients:
                problems.append(f"patients ({patient.id}): phone {phone} belongs to {other}")
    return problems


def _window_key(window: RosterWindow) -> WindowKey:
    if window.weekly:
        return (
            window.clinician,
            "weekly",
            day_mask(window.days),
            window.start,
            window.end,
            None,
            None,
            window.duty,
            False,
        )
    assert window.local_from is not None
    assert window.local_to is not None
    return (
        window.clinician,
        "oneoff",
        0,
        None,
        None,
        window.local_from.isoformat(timespec="minutes"),
        window.local_to.isoformat(timespec="minutes"),
        window.duty,
        False,
    )


@dataclass
class RosterPlan:
    """What loading a file would write: only what differs from the database."""

    summary: LoadSummary
    practice: dict[str, Any] | None = None  # the practice row, when new or changed
    numbers: list[dict[str, Any]] | None = None  # replaces the practice's numbers
    clinicians: list[dict[str, Any]] = field(default_factory=list)  # upserted
    patients: list[dict[str, Any]] = field(default_factory=list)  # upserted
    phones_of: list[str] = field(default_factory=list)  # patients whose phones are replaced
    phones: list[dict[str, Any]] = field(default_factory=list)
    teams_of: list[str] = field(default_factory=list)  # patients whose care team is replaced
    teams: list[dict[str, Any]] = field(default_factory=list)
    windows_gone: list[int] = field(default_factory=list)
    windows_new: list[dict[str, Any]] = field(default_factory=list)
    leaving: list[str] = field(default_factory=list)  # clinicians deactivated
    leaving_patients: list[str] = field(default_factory=list)
    rezoned: dict[str, ZoneInfo] = field(default_factory=dict)  # one-off bounds to recompute

    @property
    def rows(self) -> int:
        return (
            (self.practice is not None)
            + (len(self.numbers) + 1 if self.numbers is not None else 0)
            + len(self.clinicians)
            + len(self.patients)
            + len(self.phones_of)
            + len(self.phones)
            + len(self.teams_of)
            + len(self.teams)
            + len(self.windows_gone)
            + len(self.windows_new)
            + len(self.leaving)
            + len(self.leaving_patients)
            + len(self.rezoned)
        )


def plan_roster(session: Session, roster: Roster) -> RosterPlan:
    """Compares a validated file with the database; raises RosterError on a conflict with
    another practice. Writes nothing."""
    session.flush()
    spec = roster.practice
    state = read_state(session, spec.id)
    problems = _conflicts(session, roster, state)
    if problems:
        raise RosterError(problems)
    plan = RosterPlan(LoadSummary(spec.id, 0, 0, 0))
    practice_row = {
        "name": spec.name,
        "timezone": spec.timezone,
        "crisis_line": spec.crisis_line,
        "policy": dict(spec.policy),
        "office_hours": [hours.as_dict() for hours in spec.office_hours],
        "holidays": [day.isoformat() for day in spec.holidays],
    }
    if state.practice != practice_row:
        plan.practice = {"id": spec.id, **practice_row}
    if state.numbers != spec.numbers:
        plan.numbers = [
            {"e164": number, "practice_id": spec.id, "position": position}
            for position, number in enumerate(spec.numbers)
        ]

    in_file = {c.id for c in roster.clinicians}
    plan.leaving = sorted(
        cid for cid, row in state.clinicians.items() if row.active and cid not in in_file
    )
    leaving = set(plan.leaving)
    patients_in_file = {p.id for p in roster.patients}
    plan.leaving_patients = sorted(
        pid for pid, row in state.patients.items() if row.active and pid not in patients_in_file
    )

    before: dict[str, tuple[object, ...]] = {}
    after: dict[str, tuple[object, ...]] = {}
    zones: dict[str, ZoneInfo] = {}
    practice_zone = ZoneInfo(spec.timezone)
    old_practice_zone = state.practice["timezone"] if state.practice else None
    for cid, old in state.clinicians.items():
        if old.active:
            before[f"clinician {cid}"] = (old.name, old.phone, old.role, old.timezone, old.position)
        zones[cid] = ZoneInfo(old.timezone) if old.timezone else practice_zone
    for position, item in enumerate(roster.clinicians):
        row = {
            "id": item.id,
            "practice_id": spec.id,
            "name": item.name,
            "phone": item.phone,
            "role": item.role,
            "timezone": item.timezone,
            "position": position,
            "active": True,
        }
        old = state.clinicians.get(item.id)
        new = (item.name, item.phone, item.role, item.timezone, position)
        if old is None or (
            old.name,
            old.phone,
            old.role,
            old.timezone,
            old.position,
            old.active,
        ) != (
            *new,
            True,
        ):
            plan.clinicians.append(row)
        after[f"clinician {item.id}"] = new
        zones[item.id] = ZoneInfo(item.timezone) if item.timezone else practice_zone
    for pid, old_p in state.patients.items():
        if old_p.active:
            before[f"patient {pid}"] = (
                old_p.name,
                old_p.language,
                tuple(state.phones.get(pid, ())),
                tuple(member for member, _ in state.teams.get(pid, ())),
            )
    for item_p in roster.patients:
        old_p = state.patients.get(item_p.id)
        if old_p is None or (old_p.name, old_p.language, old_p.active) != (
            item_p.name,
            item_p.language,
            True,
        ):
            plan.patients.append(
                {
                    "id": item_p.id,
                    "practice_id": spec.id,
                    "name": item_p.name,
                    "language": item_p.language,
                    "active": True,
                }
            )
        if state.phones.get(item_p.id, []) != item_p.phones:
            if item_p.id in state.phones:
                plan.phones_of.append(item_p.id)
            plan.phones.extend(
                {"practice_id": spec.id, "patient_id": item_p.id, "e164": e164, "position": i}
                for i, e164 in enumerate(item_p.phones)
            )
        # A care team the file still names a leaving clinician on goes on without them.
        team = [(m, i) for i, m in enumerate(item_p.care_team) if m not in leaving]
        if state.teams.get(item_p.id, []) != team:
            if item_p.id in state.teams:
                plan.teams_of.append(item_p.id)
            plan.teams.extend(
                {"patient_id": item_p.id, "clinician_id": m, "position": i} for m, i in team
            )
        after[f"patient {item_p.id}"] = (
            item_p.name,
            item_p.language,
            tuple(item_p.phones),
            tuple(m for m, _ in team),
        )

    # The file's windows replace the roster windows of the clinicians it names (the leaving
    # lose all theirs); windows clinicians set themselves are left alone.
    named = (in_file | {w.clinician for w in roster.windows}) - leaving
    # Their one-off windows (any source) carry UTC bounds in their zone: a zone that changes
    # (theirs, or the practice's for those without one) moves them.
    file_zone = {c.id: c.timezone for c in roster.clinicians}
    for cid in sorted(named):
        old = state.clinicians.get(cid)
        if old is None:
            continue
        new_zone = file_zone[cid] if cid in file_zone else old.timezone
        if (old.timezone or old_practice_zone) != (new_zone or spec.timezone):
            plan.rezoned[cid] = zones[cid]
    wanted: Counter[WindowKey] = Counter()
    first: dict[WindowKey, RosterWindow] = {}
    for window in roster.windows:
        if window.clinician in named:
            key = _window_key(window)
            wanted[key] += 1
            first.setdefault(key, window)
    for key, ids in state.windows.items():
        if key[0] not in named:
            continue
        keep = min(wanted.get(key, 0), len(ids))
        plan.windows_gone.extend(ids[keep:])
        if keep:
            wanted[key] -= keep
    for window in roster.windows:
        key = _window_key(window)
        if window.clinician in named and wanted.get(key, 0) > 0:
            wanted[key] -= 1
            plan.windows_new.append(_window_row(spec.id, window, key, zones[window.clinician]))
    plan.windows_gone.sort()

    added = tuple(sorted(key for key in after if key not in before))
    changed = tuple(sorted(key for key in after if key in before and before[key] != after[key]))
    gone = tuple(
        sorted(
            [f"clinician {c}" for c in plan.leaving]
            + [f"patient {p}" for p in plan.leaving_patients]
        )
    )
    plan.summary = LoadSummary(
        spec.id,
        len(roster.clinicians),
        len(roster.patients),
        len(roster.windows),
        added,
        changed,
        gone,
        windows_added=len(plan.windows_new),
        windows_removed=len(plan.windows_gone),
        rows=plan.rows,
        dry_run=True,
    )
    return plan


def _window_row(
    practice_id: str, window: RosterWindow, key: WindowKey, zone: ZoneInfo
) -> dict[str, Any]:
    _, kind, days, start, end, local_start, local_end, duty, _ = key
    row: dict[str, Any] = {
        "practice_id": practice_id,
        "clinician_id": window.clinician,
        "source": "roster",
        "kind": kind,
        "days": days,
        "start_time": start,
        "end_time": end,
        "local_start": local_start,
        "local_end": local_end,
        "starts_at": None,
        "ends_at": None,
        "duty": duty,
        "off": False,
    }
    if kind == "oneoff":
        assert window.local_from is not None
        assert window.local_to is not None
        row["starts_at"] = resolve_local(window.local_from, zone)
        row["ends_at"] = resolve_local(window.local_to, zone)
    return row


def apply_roster(
    session: Session, roster: Roster, *, actor: str = "cli", progress: Progress | None = None
) -> LoadSummary:
    """Loads a validated file: writes only what differs from the database, and nothing (no
    audit entry either) when nothing does."""
    plan = plan_roster(session, roster)
    summary = replace(plan.summary, dry_run=False)
    if plan.rows == 0:
        return summary
    spec = roster.practice
    write = BulkWriter(session, plan.rows, progress)
    if plan.practice is not None:
        write.upsert(Practice, [plan.practice], "id", [k for k in plan.practice if k != "id"])
    if plan.numbers is not None:
        write.delete_in(PracticeNumber, PracticeNumber.practice_id, [spec.id])
        write.insert(PracticeNumber, plan.numbers)
    write.upsert(
        Clinician,
        plan.clinicians,
        "id",
        ["practice_id", "name", "phone", "role", "timezone", "position", "active"],
    )
    write.upsert(Patient, plan.patients, "id", ["practice_id", "name", "language", "active"])
    # Every changed patient's phones go before any are added back: a file may move a number
    # from one patient to another, and the (practice, number) pair is unique.
    write.delete_in(PatientPhone, PatientPhone.patient_id, plan.phones_of)
    write.delete_in(CareTeamMember, CareTeamMember.patient_id, plan.teams_of)
    write.insert(PatientPhone, plan.phones)
    write.insert(CareTeamMember, plan.teams)
    write.delete_in(OnCallWindow, OnCallWindow.id, plan.windows_gone)
    write.insert(OnCallWindow, plan.windows_new)
    if plan.leaving or plan.leaving_patients:
        _deactivate(session, spec.id, plan, write)
    if plan.rezoned:
        _rebound(session, plan.rezoned)
        write.done += len(plan.rezoned)
    session.expire_all()  # the ORM's copies of what the statements above changed
    audit.append(
        session,
        actor=actor,
        action="roster.load",
        subject=f"practice:{spec.id}",
        detail={
            "clinicians": sorted(c.id for c in roster.clinicians),
            "patients": sorted(p.id for p in roster.patients),
            "windows": len(roster.windows),
            "windows_added": summary.windows_added,
            "windows_removed": summary.windows_removed,
            "added": list(summary.added),
            "changed": list(summary.changed),
            "deactivated": list(summary.deactivated),
        },
    )
    session.flush()
    return summary


def _deactivate(session: Session, practice_id: str, plan: RosterPlan, write: BulkWriter) -> None:
    """The file is the whole practice: whoever it leaves out is deactivated. Their history
    (contacts, follow-ups, audit) stays; their windows end, they leave care teams and their
    tokens are revoked."""
    left = plan.leaving
    for batch in batches(left):
        session.execute(
            update(Clinician).where(Clinician.id.in_(batch)).values(active=False),
            execution_options={"synchronize_session": False},
        )
        write.delete_in(OnCallWindow, OnCallWindow.clinician_id, batch)
        # A care team the file still names them on goes on without them.
        write.delete_in(CareTeamMember, CareTeamMember.clinician_id, batch)
        session.execute(
            update(ApiToken)
            .where(ApiToken.clinician_id.in_(batch), ApiToken.revoked_at.is_(None))
            .values(revoked_at=utcnow()),
            execution_options={"synchronize_session": False},
        )
    session.expire_all()
    for clinician_id in left:
        for hook in DEACTIVATION_HOOKS:
            hook(session, clinician_id)
    for batch in batches(plan.leaving_patients):
        session.execute(
            update(Patient).where(Patient.id.in_(batch)).values(active=False),
            execution_options={"synchronize_session": False},
        )
    session.flush()
    if left:
        _hand_over(session, practice_id, left)


def _rebound(session: Session, zones: dict[str, ZoneInfo]) -> None:
    """Recomputes the UTC bounds of these clinicians' one-off windows (any source) in their
    new zone."""
    rows = []
    for batch in batches(sorted(zones)):
        for row in session.execute(
            select(
                OnCallWindow.id,
                OnCallWindow.clinician_id,
                OnCallWindow.local_start,
                OnCallWindow.local_end,
            ).where(OnCallWindow.clinician_id.in_(batch), OnCallWindow.kind == "oneoff")
        ):
            zone = zones[row.clinician_id]
            rows.append(
                {
                    "row_id": row.id,
                    "starts_at": resolve_local(datetime.fromisoformat(row.local_start), zone),
                    "ends_at": resolve_local(datetime.fromisoformat(row.local_end), zone),
                }
            )
    statement = (
        update(OnCallWindow.__table__)
        .where(OnCallWindow.__table__.c.id == bindparam("row_id"))
        .values(starts_at=bindparam("starts_at"), ends_at=bindparam("ends_at"))
    )
    for batch_rows in batches(rows):
        session.execute(statement, list(batch_rows))


def _hand_over(session: Session, practice_id: str, left: list[str]) -> None:
    """What the clinicians who left still held: their open follow-ups go to the patient's
    first remaining care-team clinician, else the first supervisor (else admin), so none is
    left with nobody; cover requests to or from them end (an accepted one's time off for the
    asker is lifted, since nobody would stand in)."""
    staff_ids = [
        c.id
        for role in ("supervisor", "admin")
        for c in session.scalars(
            select(Clinician)
            .where(
                Clinician.practice_id == practice_id,
                Clinician.role == role,
                Clinician.active.is_(True),
            )
            .order_by(Clinician.position, Clinician.id)
        )
    ]
    for follow, contact in session.execute(
        select(FollowUp, Contact)
        .join(Contact, Contact.id == FollowUp.contact_id)
        .where(FollowUp.assignee.in_(left), FollowUp.status == "open")
    ):
        team = list(
            session.scalars(
                select(CareTeamMember.clinician_id)
                .join(Clinician, Clinician.id == CareTeamMember.clinician_id)
                .where(CareTeamMember.patient_id == contact.patient_id, Clinician.active.is_(True))
                .order_by(CareTeamMember.position)
            )
        )
        follow.assignee = (team or staff_ids or [None])[0]
    for request in session.scalars(
        select(CoverRequest).where(
            or_(CoverRequest.asker_id.in_(left), CoverRequest.colleague_id.in_(left)),
            CoverRequest.status.in_(("pending", "accepted")),
        )
    ):
        lifted = request.off_window_id
        if request.status == "accepted" and request.colleague_id in left and lifted is not None:
            session.execute(delete(OnCallWindow).where(OnCallWindow.id == lifted))
        request.status = "cancelled"
    session.flush()


def refresh_one_off_bounds(session: Session, clinician_ids: set[str]) -> None:
    """One-off windows carry UTC bounds (for indexed lookups) in their clinician's zone."""

    for clinician_id in clinician_ids:
        zone = window_zone(session, clinician_id)
        for row in session.scalars(
            select(OnCallWindow).where(
                OnCallWindow.clinician_id == clinician_id, OnCallWindow.kind == "oneoff"
            )
        ):
            assert row.local_start is not None
            assert row.local_end is not None
            row.starts_at = resolve_local(datetime.fromisoformat(row.local_start), zone)
            row.ends_at = resolve_local(datetime.fromisoformat(row.local_end), zone)
    session.flush()
