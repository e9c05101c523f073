"""The statements the staff tools need: windows by id and practice, follow-ups with their
contacts, iCal feeds, cover requests and the coverage gaps already told."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from policies.route import Cover
from policies.vocabulary import CoverStatus
from router.store.models import (
    CareTeamMember,
    Clinician,
    Contact,
    CoverageAlert,
    CoverRequest,
    FollowUp,
    IcalFeed,
    OnCallWindow,
    Patient,
    Practice,
)
from router.store.repositories import oncall_index

# Run as hook(session, practice_id) by `windows_changed`: router.oncall.coverage registers
# its gap check here (the store may not import the layers above it).
WINDOWS_CHANGED_HOOKS: list[Callable[[Session, str], None]] = []


def windows_changed(session: Session, practice_id: str, *, may_open_gaps: bool = True) -> None:
    """After any write that changes who is on call (windows, covers, a roster load): routes
    see it at once (the on-call index) and, unless the change can only close gaps, a gap it
    opens is told (SPEC §11)."""
    session.flush()
    oncall_index.invalidate(practice_id)
    if may_open_gaps:
        for hook in WINDOWS_CHANGED_HOOKS:
            hook(session, practice_id)


def active_clinician_ids(session: Session, practice_id: str) -> set[str]:
    return set(
        session.scalars(
            select(Clinician.id).where(
                Clinician.practice_id == practice_id, Clinician.active.is_(True)
            )
        )
    )


def active_clinicians(session: Session, practice_id: str) -> list[Clinician]:
    return list(
        session.scalars(
            select(Clinician)
            .where(Clinician.practice_id == practice_id, Clinician.active.is_(True))
            .order_by(Clinician.position, Clinician.id)
        )
    )


def active_patients(session: Session, practice_id: str) -> list[Patient]:
    return list(
        session.scalars(
            select(Patient)
            .where(Patient.practice_id == practice_id, Patient.active.is_(True))
            .order_by(Patient.id)
        )
    )


def windows(
    session: Session, practice_id: str, clinician_id: str | None = None
) -> list[OnCallWindow]:
    query = select(OnCallWindow).where(OnCallWindow.practice_id == practice_id)
    if clinician_id is not None:
        query = query.where(OnCallWindow.clinician_id == clinician_id)
    return list(session.scalars(query.order_by(OnCallWindow.clinician_id, OnCallWindow.id)))


def covers_by_window(session: Session, clinician_id: str) -> dict[int, CoverRequest]:
    """The clinician's accepted covers, by the one-off window each made for them (the
    colleague's on-call window, the asker's off-call one)."""
    rows = session.scalars(
        select(CoverRequest).where(
            CoverRequest.status == CoverStatus.ACCEPTED,
            or_(CoverRequest.asker_id == clinician_id, CoverRequest.colleague_id == clinician_id),
        )
    )
    found: dict[int, CoverRequest] = {}
    for row in rows:
        if row.colleague_id == clinician_id and row.cover_window_id is not None:
            found[row.cover_window_id] = row
        if row.asker_id == clinician_id and row.off_window_id is not None:
            found[row.off_window_id] = row
    return found


def practice_windows(session: Session, practice_id: str) -> list[OnCallWindow]:
    """Every window of the practice's active clinicians."""
    return list(
        session.scalars(
            select(OnCallWindow)
            .join(Clinician, Clinician.id == OnCallWindow.clinician_id)
            .where(OnCallWindow.practice_id == practice_id, Clinician.active.is_(True))
            .order_by(OnCallWindow.id)
        )
    )


def care_teams(session: Session, practice_id: str) -> dict[str, list[str]]:
    """Each active patient's active care team, in priority order."""
    rows = session.execute(
        select(CareTeamMember.patient_id, CareTeamMember.clinician_id)
        .join(Patient, Patient.id == CareTeamMember.patient_id)
        .join(Clinician, Clinician.id == CareTeamMember.clinician_id)
        .where(
            Patient.practice_id == practice_id,
            Patient.active.is_(True),
            Clinician.active.is_(True),
        )
        .order_by(CareTeamMember.patient_id, CareTeamMember.position)
    )
    teams: dict[str, list[str]] = {}
    for patient_id, clinician_id in rows:
        teams.setdefault(patient_id, []).append(clinician_id)
    return teams


def patients_of(session: Session, clinician_id: str) -> set[str]:
    return set(
        session.scalars(
            select(CareTeamMember.patient_id).where(CareTeamMember.clinician_id == clinician_id)
        )
    )


def follow_ups(
    session: Session,
    practice_id: str,
    *,
    visible_to: str | None,
    status: str | None = None,
    assignee: str | None = None,
    patient: str | None = None,
    overdue_at: datetime | None = None,
) -> list[tuple[FollowUp, Contact]]:
    query = (
        select(FollowUp, Contact)
        .join(Contact, Contact.id == FollowUp.contact_id)
        .where(Contact.practice_id == practice_id)
    )
    if visible_to is not None:
        own = select(CareTeamMember.patient_id).where(CareTeamMember.clinician_id == visible_to)
        query = query.where(or_(FollowUp.assignee == visible_to, Contact.patient_id.in_(own)))
    if status is not None:
        query = query.where(FollowUp.status == status)
    if assignee is not None:
        query = query.where(FollowUp.assignee == assignee)
    if patient is not None:
        query = query.where(Contact.patient_id == patient)
    if overdue_at is not None:
        query = query.where(and_(FollowUp.status == "open", FollowUp.due < overdue_at))
    rows = session.execute(query.order_by(FollowUp.due, FollowUp.id))
    return [(row[0], row[1]) for row in rows]


def follow_up_with_contact(session: Session, follow_up_id: int) -> tuple[FollowUp, Contact] | None:
    follow = session.get(FollowUp, follow_up_id)
    if follow is None:
        return None
    contact = session.get(Contact, follow.contact_id)
    return None if contact is None else (follow, contact)


def ical_feed(session: Session, clinician_id: str) -> IcalFeed | None:
    return session.get(IcalFeed, clinician_id)


def ical_feed_by_hash(session: Session, token_hash: str) -> IcalFeed | None:
    return session.scalars(select(IcalFeed).where(IcalFeed.token_hash == token_hash)).first()


def cover_request(session: Session, request_id: int) -> CoverRequest | None:
    return session.get(CoverRequest, request_id)


def pending_cover_requests_for(session: Session, colleague_id: str) -> list[CoverRequest]:
    return list(
        session.scalars(
            select(CoverRequest)
            .where(
                CoverRequest.colleague_id == colleague_id,
                CoverRequest.status == CoverStatus.PENDING,
            )
            .order_by(CoverRequest.id)
        )
    )


def accepted_covers(
    session: Session, practice_id: str, start: datetime, end: datetime
) -> list[CoverRequest]:
    return list(
        session.scalars(
            select(CoverRequest).where(
                CoverRequest.practice_id == practice_id,
                CoverRequest.status == CoverStatus.ACCEPTED,
                CoverRequest.starts_at < end,
                CoverRequest.ends_at > start,
            )
        )
    )


def cover_codes_in_use(session: Session, practice_id: str) -> set[str]:
    return set(
        session.scalars(
            select(CoverRequest.code).where(
                CoverRequest.practice_id == practice_id, CoverRequest.status == CoverStatus.PENDING
            )
        )
    )


def coverage_alert(
    session: Session, practice_id: str, start: datetime, end: datetime
) -> CoverageAlert | None:
    return session.scalars(
        select(CoverageAlert).where(
            CoverageAlert.practice_id == practice_id,
            CoverageAlert.starts_at == start,
            CoverageAlert.ends_at == end,
        )
    ).first()


def coverage_alerts_overlapping(
    session: Session, practice_id: str, start: datetime, end: datetime
) -> Sequence[CoverageAlert]:
    """The practice's told gaps that overlap [start, end), earliest first."""
    return list(
        session.scalars(
            select(CoverageAlert)
            .where(
                CoverageAlert.practice_id == practice_id,
                CoverageAlert.starts_at < end,
                CoverageAlert.ends_at > start,
            )
            .order_by(CoverageAlert.starts_at, CoverageAlert.id)
        )
    )


def practices(session: Session) -> Sequence[Practice]:
    return list(session.scalars(select(Practice).order_by(Practice.id)))


def clinician_of_practice(
    session: Session, practice_id: str, clinician_id: str
) -> Clinician | None:
    """An active member of staff of the practice, or None."""
    clinician = session.get(Clinician, clinician_id)
    if clinician is None or clinician.practice_id != practice_id or not clinician.active:
        return None
    return clinician


def covers_at(session: Session, practice_id: str, at: datetime) -> list[Cover]:
    """The accepted cover requests running at `at`, as the route reads them."""
    rows = session.scalars(
        select(CoverRequest).where(
            CoverRequest.practice_id == practice_id,
            CoverRequest.status == CoverStatus.ACCEPTED,
            CoverRequest.starts_at <= at,
            CoverRequest.ends_at > at,
        )
    )
    return [Cover(r.asker_id, r.colleague_id, r.starts_at, r.ends_at) for r in rows]


def cover_requests(
    session: Session, practice_id: str, clinician_id: str | None, status: str | None
) -> list[CoverRequest]:
    """The practice's cover requests, or those asked by or of one clinician; newest first."""
    query = select(CoverRequest).where(CoverRequest.practice_id == practice_id)
    if clinician_id is not None:
        query = query.where(
            or_(CoverRequest.asker_id == clinician_id, CoverRequest.colleague_id == clinician_id)
        )
    if status is not None:
        query = query.where(CoverRequest.status == status)
    return list(session.scalars(query.order_by(CoverRequest.id.desc())))
