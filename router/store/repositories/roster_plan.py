"""What loading a roster file would change (SPEC §5): the file compared with the database,
so that only the difference is written (repositories/roster.py) and `--dry-run` can say it."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from policies.schedule import DAY_NAMES, resolve_local
from router.roster.parse import Roster, RosterError, RosterWindow
from router.store.models import Clinician, Patient, PracticeNumber
from router.store.repositories.roster_rows import PracticeState, WindowKey, owners, read_state


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


def day_mask(days: list[str]) -> int:
    return sum(1 << DAY_NAMES.index(day) for day in set(days))


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


def _window_key(window: RosterWindow, masks: dict[tuple[str, ...], int]) -> WindowKey:
    if window.weekly:
        days = tuple(window.days)
        mask = masks.get(days)
        if mask is None:
            mask = masks[days] = day_mask(window.days)
        return (
            window.clinician,
            "weekly",
            mask,
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
    for cid, known in state.clinicians.items():
        if known.active:
            before[f"clinician {cid}"] = (
                known.name,
                known.phone,
                known.role,
                known.timezone,
                known.position,
            )
        zones[cid] = ZoneInfo(known.timezone) if known.timezone else practice_zone
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
    for pid, known_p in state.patients.items():
        if known_p.active:
            before[f"patient {pid}"] = (
                known_p.name,
                known_p.language,
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
    # Each window's key once (a large file has tens of thousands); the day masks of a file
    # are a handful of distinct day lists.
    masks: dict[tuple[str, ...], int] = {}
    keyed = [
        (_window_key(window, masks), window)
        for window in roster.windows
        if window.clinician in named
    ]
    wanted: Counter[WindowKey] = Counter(key for key, _ in keyed)
    for key, ids in state.windows.items():
        if key[0] not in named:
            continue
        keep = min(wanted.get(key, 0), len(ids))
        plan.windows_gone.extend(ids[keep:])
        if keep:
            wanted[key] -= keep
    for key, window in keyed:
        if wanted.get(key, 0) > 0:
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
