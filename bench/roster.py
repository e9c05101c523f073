"""Generated rosters for the bench: roster-file-shaped dicts, a YAML writer for
`afterhours roster load`, and a bulk loader (PostgreSQL COPY) for the big data set.

Phone numbers: the NANP range reserved for fiction, 555-0100 to 555-0199, in every US area
code that phonenumbers accepts as valid (about 400 of them: some 40,000 numbers). So every
number is fictional and still passes the roster parser. Index i is area code i // 100,
line 0100 + i % 100.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from typing import Any
from zoneinfo import ZoneInfo

import phonenumbers
import yaml
from sqlalchemy import Engine, Table, insert, text

from policies.schedule import DAY_NAMES, resolve_local
from router.store.models import (
    CareTeamMember,
    Clinician,
    OnCallWindow,
    Patient,
    PatientPhone,
    Practice,
    PracticeNumber,
)
from router.store.repositories.roster import day_mask

PRACTICE_ZONE = "America/New_York"
OTHER_ZONES = ("America/Chicago", "America/Denver", "America/Los_Angeles")
FIRST = ("Dana", "Ravi", "Min", "Sam", "Alex", "Jordan", "Casey", "Riley", "Noor", "Ines")
LAST = ("Lee", "Patel", "Kim", "Rivera", "Okafor", "Novak", "Silva", "Haddad", "Berg", "Ito")
DUTY_CLINICIANS = 7  # one 24-hour duty window each, one weekday each: nobody is ever uncovered


@lru_cache
def _area_codes() -> tuple[int, ...]:
    codes = []
    for area in range(201, 990):
        number = phonenumbers.parse(f"+1{area}5550100")
        if (
            phonenumbers.is_valid_number(number)
            and phonenumbers.region_code_for_number(number) == "US"
        ):
            codes.append(area)
    return tuple(codes)


def fictional_number(index: int) -> str:
    """The index-th fictional US number (+1 NPA 555 01XX), E.164."""
    codes = _area_codes()
    if index >= len(codes) * 100:
        raise ValueError(f"only {len(codes) * 100} fictional numbers, asked for #{index}")
    return f"+1{codes[index // 100]}55501{index % 100:02d}"


def fictional_capacity() -> int:
    return len(_area_codes()) * 100


@dataclass
class GeneratedRoster:
    practice: dict[str, Any]
    clinicians: list[dict[str, Any]]
    patients: list[dict[str, Any]]
    windows: list[dict[str, Any]]

    def as_document(self) -> dict[str, Any]:
        return {
            "practice": self.practice,
            "clinicians": self.clinicians,
            "patients": self.patients,
            "windows": self.windows,
        }

    def write_yaml(self, path: str) -> None:
        with open(path, "w", encoding="utf-8") as handle:
            yaml.safe_dump(self.as_document(), handle, sort_keys=False, width=200)


def _name(i: int) -> str:
    return f"{FIRST[i % len(FIRST)]} {LAST[(i // len(FIRST)) % len(LAST)]}"


def generate(
    *,
    practice_id: str,
    clinicians: int,
    patients: int,
    windows_per_clinician: int,
    number_offset: int,
    today: datetime,
    seed: int = 9,
    id_prefix: str = "",
) -> GeneratedRoster:
    """A practice with `clinicians` staff, `patients` patients (care teams of 3) and
    clinicians * windows_per_clinician windows.

    Windows per clinician: five weekly evening-to-morning shifts (10 h, starting 17:00-22:00,
    on five consecutive days), the rest one-off 12-hour windows spread over the past and the
    next year (1 in 20 a duty window). The first seven clinicians also carry a 24-hour weekly
    duty window on one weekday each, so every route has a duty clinician at any instant.
    """
    rng = random.Random(seed)
    numbers = iter(range(number_offset, number_offset + 1 + clinicians + patients))
    practice = {
        "id": practice_id,
        "name": f"Bench Clinic {practice_id}",
        "timezone": PRACTICE_ZONE,
        "numbers": [fictional_number(next(numbers))],
        "crisis_line": "+18002738255",
    }
    staff = []
    for i in range(clinicians):
        entry: dict[str, Any] = {
            "id": f"{id_prefix}c{i:04d}",
            "name": _name(i),
            "phone": fictional_number(next(numbers)),
            "role": "supervisor" if i % 50 == 7 else "clinician",
        }
        if rng.random() < 0.3:
            entry["timezone"] = rng.choice(OTHER_ZONES)
        staff.append(entry)
    people = []
    ids = [c["id"] for c in staff]
    for i in range(patients):
        people.append(
            {
                "id": f"{id_prefix}p{i:05d}",
                "name": _name(i + 3),
                "phones": [fictional_number(next(numbers))],
                "care_team": rng.sample(ids, min(3, len(ids))),
                "language": "es" if rng.random() < 0.1 else "en",
            }
        )
    windows: list[dict[str, Any]] = []
    span_start = today - timedelta(days=365)
    span_days = 730
    for i, clinician in enumerate(staff):
        own: list[dict[str, Any]] = []
        if i < DUTY_CLINICIANS:
            own.append(
                {
                    "clinician": clinician["id"],
                    "days": [DAY_NAMES[i % 7]],
                    "start": "00:00",
                    "end": "24:00",
                    "duty": True,
                }
            )
        start_hour = 17 + i % 6
        for d in range(5):
            if len(own) >= min(windows_per_clinician, 5):
                break
            own.append(
                {
                    "clinician": clinician["id"],
                    "days": [DAY_NAMES[(i + d) % 7]],
                    "start": f"{start_hour:02d}:00",
                    "end": f"{(start_hour + 10) % 24:02d}:00",
                }
            )
        one_offs = windows_per_clinician - len(own)
        for k in range(one_offs):
            begin = span_start + timedelta(
                hours=int(k * span_days * 24 / max(one_offs, 1)) + rng.randrange(0, 6)
            )
            window: dict[str, Any] = {
                "clinician": clinician["id"],
                "from": begin.strftime("%Y-%m-%dT%H:00"),
                "to": (begin + timedelta(hours=12)).strftime("%Y-%m-%dT%H:00"),
            }
            if rng.random() < 0.05:
                window["duty"] = True
            own.append(window)
        windows.extend(own)
    return GeneratedRoster(practice, staff, people, windows)


# --- bulk loading ------------------------------------------------------------------------


def _defaults(table: Table, given: set[str]) -> dict[str, Any]:
    """Python-side defaults of the model's columns the generator does not set (so that a
    column added to the models later still gets its value)."""
    values: dict[str, Any] = {}
    for column in table.columns:
        default = column.default
        if column.name in given or column.primary_key or default is None:
            continue
        if default.is_scalar:
            values[column.name] = default.arg  # type: ignore[attr-defined]
        elif default.is_callable:
            values[column.name] = default.arg(None)  # type: ignore[attr-defined]
    return values


def _naive_utc(value: Any) -> Any:
    if isinstance(value, datetime) and value.tzinfo is not None:
        return value.astimezone(UTC).replace(tzinfo=None)
    return value


def copy_rows(engine: Engine, table: Table, rows: list[dict[str, Any]]) -> None:
    """COPY rows into a table (one round trip per batch, not per row)."""
    if not rows:
        return
    given = set(rows[0])
    extra = _defaults(table, given)
    columns = list(rows[0]) + list(extra)
    raw = engine.raw_connection()
    try:
        connection = raw.driver_connection
        with connection.cursor() as cursor:  # type: ignore[union-attr]
            statement = f"COPY {table.name} ({', '.join(columns)}) FROM STDIN"
            with cursor.copy(statement) as copy:
                for row in rows:
                    copy.write_row(
                        [_naive_utc(row[c]) for c in rows[0]]
                        + [_naive_utc(v) for v in extra.values()]
                    )
        raw.commit()
    finally:
        raw.close()


def window_row(practice_id: str, window: dict[str, Any], zone: ZoneInfo) -> dict[str, Any]:
    """A roster window as `apply_roster` stores it (UTC bounds for one-offs)."""
    row: dict[str, Any] = {
        "practice_id": practice_id,
        "clinician_id": window["clinician"],
        "source": window.get("source", "roster"),
        "kind": "weekly",
        "days": 0,
        "start_time": None,
        "end_time": None,
        "local_start": None,
        "local_end": None,
        "starts_at": None,
        "ends_at": None,
        "duty": bool(window.get("duty", False)),
        "off": bool(window.get("off", False)),
    }
    if "days" in window:
        row["days"] = day_mask(window["days"])
        row["start_time"], row["end_time"] = window["start"], window["end"]
    else:
        row["kind"] = "oneoff"
        row["local_start"], row["local_end"] = window["from"], window["to"]
        row["starts_at"] = resolve_local(datetime.fromisoformat(window["from"]), zone)
        row["ends_at"] = resolve_local(datetime.fromisoformat(window["to"]), zone)
    return row


def zones_of(roster: GeneratedRoster) -> dict[str, ZoneInfo]:
    practice_zone = roster.practice["timezone"]
    return {c["id"]: ZoneInfo(c.get("timezone") or practice_zone) for c in roster.clinicians}


def bulk_load(engine: Engine, roster: GeneratedRoster) -> int:
    """Writes the roster as `afterhours roster load` would leave it; returns rows written."""
    spec = roster.practice
    with engine.begin() as connection:
        connection.execute(
            insert(Practice.__table__).values(
                id=spec["id"],
                name=spec["name"],
                timezone=spec["timezone"],
                crisis_line=spec["crisis_line"],
                policy={},
            )
        )
        connection.execute(
            insert(PracticeNumber.__table__),
            [
                {"e164": n, "practice_id": spec["id"], "position": i}
                for i, n in enumerate(spec["numbers"])
            ],
        )
    clinicians = [
        {
            "id": c["id"],
            "practice_id": spec["id"],
            "name": c["name"],
            "phone": c["phone"],
            "role": c["role"],
            "timezone": c.get("timezone"),
            "position": i,
        }
        for i, c in enumerate(roster.clinicians)
    ]
    patients = [
        {
            "id": p["id"],
            "practice_id": spec["id"],
            "name": p["name"],
            "language": p["language"],
            "textable": True,
        }
        for p in roster.patients
    ]
    phones = [
        {"practice_id": spec["id"], "patient_id": p["id"], "e164": e, "position": i}
        for p in roster.patients
        for i, e in enumerate(p["phones"])
    ]
    teams = [
        {"patient_id": p["id"], "clinician_id": c, "position": i}
        for p in roster.patients
        for i, c in enumerate(p["care_team"])
    ]
    zones = zones_of(roster)
    windows = [window_row(spec["id"], w, zones[w["clinician"]]) for w in roster.windows]
    copy_rows(engine, Clinician.__table__, clinicians)  # type: ignore[arg-type]
    copy_rows(engine, Patient.__table__, patients)  # type: ignore[arg-type]
    copy_rows(engine, PatientPhone.__table__, phones)  # type: ignore[arg-type]
    copy_rows(engine, CareTeamMember.__table__, teams)  # type: ignore[arg-type]
    copy_rows(engine, OnCallWindow.__table__, windows)  # type: ignore[arg-type]
    analyze(engine)
    return 2 + len(clinicians) + len(patients) + len(phones) + len(teams) + len(windows)


def analyze(engine: Engine) -> None:
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.execute(text("ANALYZE"))
