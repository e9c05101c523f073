"""`/coverage`: the next 14 days hour by hour for supervisors and admins (SPEC §11). Each hour
is coloured by how many patients nobody covers in it; a gap's hours are red and link to the
gap, which names its patients and why. The gaps are the coverage service's, as the API's."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Request
from fastapi.responses import Response

from router.api.deps import SessionDep
from router.core import clock
from router.oncall.coverage import gaps_for, office_hours
from router.store.repositories import contacts
from router.web.deps import SupervisorStaff
from router.web.templating import render

router = APIRouter(tags=["pages"], include_in_schema=False)

DAYS = 14


@dataclass(frozen=True)
class Hour:
    start: datetime
    uncovered: int
    office: bool
    gap: int | None  # index of the first gap in this hour, for the link

    @property
    def level(self) -> str:
        """The colour: none, or one of three reds by how many are uncovered."""
        if self.uncovered == 0:
            return "office" if self.office else "ok"
        return "gap1" if self.uncovered == 1 else "gap2" if self.uncovered <= 3 else "gap3"


@router.get("/coverage")
def coverage(request: Request, session: SessionDep, staff: SupervisorStaff) -> Response:
    zone = ZoneInfo(staff.practice.timezone)
    now = clock.now()
    first = now.astimezone(zone).replace(hour=0, minute=0, second=0, microsecond=0)
    end = (first + timedelta(days=DAYS + 1)).replace(hour=0)
    gaps = gaps_for(session, staff.practice, now, end)
    office = office_hours(staff.practice)
    names = {p.id: p.name for p in contacts.patients_of_practice(session, staff.practice.id)}
    days: list[tuple[datetime, list[Hour | None]]] = []
    for n in range(DAYS):
        day = (first + timedelta(days=n)).replace(hour=0)
        hours: list[Hour | None] = []
        for h in range(24):
            # Wall-clock hours: on a DST night one hour is missing or comes twice.
            start = day.replace(hour=h).astimezone(zone)
            stop = start + timedelta(hours=1)
            if stop <= now:
                hours.append(None)  # past
                continue
            overlapping = [i for i, gap in enumerate(gaps) if gap.start < stop and gap.end > start]
            patients = {p for i in overlapping for p in gaps[i].patients}
            hours.append(
                Hour(
                    start,
                    len(patients),
                    office.is_open(start),
                    overlapping[0] if overlapping else None,
                )
            )
        days.append((day, hours))
    context: dict[str, Any] = {
        "staff": staff,
        "zone": zone.key,
        "days": days,
        "gaps": [
            {
                "gap": gap,
                "patients": [(p, names.get(p, p), dict(gap.why).get(p, "")) for p in gap.patients],
            }
            for gap in gaps
        ],
        "patient_count": len(names),
    }
    return render(request, "coverage.html", context)
