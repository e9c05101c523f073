"""What a roster file holds once it is valid (SPEC §5): plain data, nothing written yet."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime


@dataclass
class RosterPractice:
    id: str
    name: str
    timezone: str
    numbers: list[str]
    crisis_line: str
    policy: dict[str, int]
    # When staff answer the main line; empty: the whole week is after hours (SPEC §5, §11).
    office_hours: list[OfficeHours] = field(default_factory=list)
    holidays: list[date] = field(default_factory=list)


@dataclass
class OfficeHours:
    days: list[str]
    start: str
    end: str

    def as_dict(self) -> dict[str, object]:
        return {"days": list(self.days), "start": self.start, "end": self.end}


@dataclass
class RosterClinician:
    id: str
    name: str
    phone: str
    role: str
    timezone: str | None


@dataclass
class RosterPatient:
    id: str
    name: str
    phones: list[str]
    care_team: list[str]
    language: str


@dataclass
class RosterWindow:
    clinician: str
    duty: bool
    days: list[str] = field(default_factory=list)
    start: str | None = None
    end: str | None = None
    local_from: datetime | None = None
    local_to: datetime | None = None
    off: bool = False  # time off (the windows API); roster files do not set it

    @property
    def weekly(self) -> bool:
        return self.local_from is None


@dataclass
class Roster:
    practice: RosterPractice
    clinicians: list[RosterClinician]
    patients: list[RosterPatient]
    windows: list[RosterWindow]
