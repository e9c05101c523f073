"""Writing a validated roster (an idempotent upsert by id, SPEC §5).

The file is compared with the database first (`plan_roster`, repositories/roster_plan.py):
only what differs is written, in set-based statements (repositories/roster_rows.py), so an
unchanged file writes nothing and `--dry-run` can say what a load would do without doing it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy import Table, bindparam, delete, or_, select, update
from sqlalchemy.orm import Session

from policies.schedule import resolve_local
from policies.vocabulary import CoverStatus
from router.roster.parse import Roster
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
from router.store.repositories import audit, staff
from router.store.repositories.roster_export import export_roster, practice_ids
from router.store.repositories.roster_plan import LoadSummary, RosterPlan, day_mask, plan_roster
from router.store.repositories.roster_rows import BulkWriter, batches

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


WINDOWS_TABLE: Table = OnCallWindow.__table__  # type: ignore[assignment]  # a Table at run time


def known_clinicians(session: Session, practice_id: str) -> set[str]:
    return set(session.scalars(select(Clinician.id).where(Clinician.practice_id == practice_id)))


def window_zone(session: Session, clinician_id: str) -> ZoneInfo:
    clinician = session.get(Clinician, clinician_id)
    assert clinician is not None
    if clinician.timezone:
        return ZoneInfo(clinician.timezone)
    practice = session.get(Practice, clinician.practice_id)
    assert practice is not None
    return ZoneInfo(practice.timezone)


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
    # Windows removed (or changed) and staff deactivated may open gaps: told at once.
    staff.windows_changed(session, spec.id, may_open_gaps=bool(plan.windows_gone or plan.leaving))
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
        update(WINDOWS_TABLE)
        .where(WINDOWS_TABLE.c.id == bindparam("row_id"))
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
        owners: list[str] = team or staff_ids
        follow.assignee = owners[0] if owners else None
    for request in session.scalars(
        select(CoverRequest).where(
            or_(CoverRequest.asker_id.in_(left), CoverRequest.colleague_id.in_(left)),
            CoverRequest.status.in_((CoverStatus.PENDING, CoverStatus.ACCEPTED)),
        )
    ):
        lifted = request.off_window_id
        if (
            request.status == CoverStatus.ACCEPTED
            and request.colleague_id in left
            and lifted is not None
        ):
            session.execute(delete(OnCallWindow).where(OnCallWindow.id == lifted))
        request.status = CoverStatus.CANCELLED
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
