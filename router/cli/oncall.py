"""Who is on call: `afterhours who` (a patient's route) and `coverage` (the gaps ahead)."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Annotated
from zoneinfo import ZoneInfo

import typer

from router.cli.verbs import choose_practice
from router.core.errors import InputError, NotFound


def who(
    patient_id: Annotated[str, typer.Argument(help="The patient's id.")],
    at: Annotated[str | None, typer.Option(help="ISO 8601 instant; default now.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """The ordered route for a patient at an instant."""
    from policies.schedule import resolve_local
    from router.contacts.routes import UnknownPatient, route_document, route_for_patient
    from router.core import clock
    from router.core.db import session_scope
    from router.oncall.why import reasons_for
    from router.store.models import Clinician, Patient, Practice

    instant = clock.now()
    parsed: datetime | None = None
    if at:
        try:
            parsed = datetime.fromisoformat(at.replace("Z", "+00:00"))
        except ValueError:
            raise InputError(
                "--at", at, "is not an ISO 8601 time like 2026-11-25T02:00:00-05:00"
            ) from None
    with session_scope() as session:
        patient = session.get(Patient, patient_id)
        practice = session.get(Practice, patient.practice_id) if patient else None
        if parsed is not None:
            # Without an offset, --at is the practice's wall-clock time (RFC 5545 rules).
            zone = ZoneInfo(practice.timezone) if practice else ZoneInfo("UTC")
            instant = parsed if parsed.tzinfo else resolve_local(parsed, zone)
            if practice is not None and parsed.tzinfo is None:
                instant = instant.astimezone(zone)
        try:
            plan = route_for_patient(session, patient_id, instant)
        except UnknownPatient as exc:
            raise NotFound(str(exc)) from None
        names = {
            cid: (session.get(Clinician, cid) or Clinician(name=cid)).name
            for cid in plan.clinicians
        }
        reasons = reasons_for(session, patient, instant) if patient and not as_json else []
    if as_json:
        typer.echo(json.dumps(route_document(patient_id, plan)))
        return
    typer.echo(f"route for {patient_id} at {plan.at.isoformat()}:")
    for position, cid in enumerate(plan.clinicians, start=1):
        typer.echo(f"  {position}. {cid} ({names[cid]})")
    typer.echo(f"  {len(plan.clinicians) + 1}. crisis line {plan.crisis_line}")
    if reasons:
        typer.echo("why:")
        for cid, name, reason in reasons:
            typer.echo(f"  {cid} ({name}): {reason}")


def coverage(
    days: Annotated[int, typer.Option(help="How many days ahead, from now.")] = 14,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    practice: Annotated[str | None, typer.Option(help="Practice id (if several).")] = None,
) -> None:
    """The coverage gaps of the next N days: outside office hours, who has nobody on call."""
    from datetime import timedelta

    from router.core import clock
    from router.core.db import session_scope
    from router.oncall.coverage import gap_document, gaps_for
    from router.store.models import Practice
    from router.store.repositories.roster import practice_ids

    if not 1 <= days <= 62:
        raise InputError("--days", days, "must be from 1 to 62")
    start = clock.now()
    with session_scope() as session:
        practice = choose_practice(practice_ids(session), practice)
        row = session.get(Practice, practice)
        assert row is not None
        gaps = gaps_for(session, row, start, start + timedelta(days=days))
        zone = ZoneInfo(row.timezone)
    documents = [gap_document(gap) for gap in gaps]
    if as_json:
        typer.echo(json.dumps({"practice": practice, "gaps": documents}))
        return
    typer.echo(f"coverage of {practice} for the next {days} days: {len(gaps)} gaps")
    for gap in gaps:
        start_local, end_local = gap.start.astimezone(zone), gap.end.astimezone(zone)
        typer.echo(
            f"  {start_local:%a %Y-%m-%d %H:%M} to {end_local:%a %Y-%m-%d %H:%M}: "
            f"{', '.join(gap.patients)}"
        )
        for patient, why in gap.why:
            typer.echo(f"    {patient}: {why}")
