"""The roster files the roster and CLI tests load, and how they read the store back."""

from __future__ import annotations

from datetime import datetime

import yaml
from sqlalchemy import Column, Integer, select

from router.contacts.routes import route_for_patient
from router.core.db import session_scope
from router.roster.parse import parse_roster
from router.store.models import (
    Base,
    OnCallWindow,
    PatientPhone,
)
from router.store.repositories.roster import (
    LoadSummary,
    apply_roster,
    known_clinicians,
)
from tests.clinic import (
    DATA,
)

RIVERSIDE = (DATA / "riverside.yaml").read_text()
CHANGED = (DATA / "roster_changed.yaml").read_text()
HARBOR = (DATA / "roster_harbor.yaml").read_text()
ROSTER_TABLES = (
    "practices",
    "practice_numbers",
    "clinicians",
    "patients",
    "patient_phones",
    "care_team_members",
    "oncall_windows",
)


def load_text(text: str, practice_id: str = "riverside") -> LoadSummary:
    """What `afterhours roster load` does with a file's text."""
    with session_scope() as session:
        roster = parse_roster(text, known_clinicians=known_clinicians(session, practice_id))
        return apply_roster(session, roster)


def _surrogate(column: Column[object]) -> bool:
    return column.name == "created_at" or (column.name == "id" and isinstance(column.type, Integer))


def table_rows(
    tables: tuple[str, ...] | None = None, *, surrogates: bool = True
) -> dict[str, list[tuple[object, ...]]]:
    """Every row of the given tables (all by default), sorted, to compare states."""
    state: dict[str, list[tuple[object, ...]]] = {}
    with session_scope() as session:
        for table in Base.metadata.sorted_tables:
            if tables is not None and table.name not in tables:
                continue
            columns = [c for c in table.columns if surrogates or not _surrogate(c)]
            rows = session.execute(select(*columns)).all()
            state[table.name] = sorted((tuple(row) for row in rows), key=repr)
    return state


def roster_state() -> dict[str, list[tuple[object, ...]]]:
    """The roster as stored, without row ids and creation times."""
    return table_rows(ROSTER_TABLES, surrogates=False)


def windows_of(clinician_id: str) -> list[tuple[object, ...]]:
    with session_scope() as session:
        rows = session.scalars(
            select(OnCallWindow)
            .where(OnCallWindow.clinician_id == clinician_id)
            .order_by(OnCallWindow.id)
        )
        return [
            (w.source, w.kind, w.days, w.start_time, w.end_time, w.local_start, w.local_end, w.duty)
            for w in rows
        ]


def patient_phones(patient_id: str) -> list[str]:
    with session_scope() as session:
        return list(
            session.scalars(
                select(PatientPhone.e164)
                .where(PatientPhone.patient_id == patient_id)
                .order_by(PatientPhone.position)
            )
        )


def add_self_window(clinician_id: str) -> None:
    """A window the clinician set on the web page: no roster file may touch it."""
    with session_scope() as session:
        session.add(
            OnCallWindow(
                practice_id="riverside",
                clinician_id=clinician_id,
                source="self",
                kind="weekly",
                days=0b0010000,  # fri
                start_time="06:00",
                end_time="09:00",
            )
        )


def route_at(patient_id: str, at: datetime) -> list[str]:
    with session_scope() as session:
        return list(route_for_patient(session, patient_id, at).clinicians)


def line_of(text: str, needle: str) -> int:
    """The line number of the last line holding `needle`."""
    numbers = [n for n, line in enumerate(text.splitlines(), start=1) if needle in line]
    assert numbers, f"{needle!r} is not in the file"
    return numbers[-1]


def edit(text: str, *replacements: tuple[str, str]) -> str:
    for old, new in replacements:
        assert text.count(old) == 1, f"{old!r} must occur once"
        text = text.replace(old, new)
    return text


# Loading


# Deactivation helpers: load a file that leaves someone out, and read a patient's route.


def load(text: str) -> LoadSummary:
    with session_scope() as session:
        parsed = parse_roster(text, known_clinicians=known_clinicians(session, "riverside"))
        return apply_roster(session, parsed)


def without_clinician(text: str, clinician_id: str) -> str:
    document = yaml.safe_load(text)
    document["clinicians"] = [c for c in document["clinicians"] if c["id"] != clinician_id]
    document["windows"] = [w for w in document["windows"] if w["clinician"] != clinician_id]
    for patient in document["patients"]:
        patient["care_team"] = [m for m in patient["care_team"] if m != clinician_id]
    return yaml.safe_dump(document, sort_keys=False)


def route(patient_id: str, at: datetime) -> list[str]:
    with session_scope() as session:
        return list(route_for_patient(session, patient_id, at).clinicians)
