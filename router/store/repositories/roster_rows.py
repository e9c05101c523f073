"""Set-based reads and writes for loading a roster: a practice's roster rows as plain
values, and bulk upserts, inserts and deletes (one statement per batch, never one per row).

`apply_roster` (repositories/roster.py) compares the file with `read_state` and hands only
the difference to a `BulkWriter`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from sqlalchemy import ColumnElement, Table, delete, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from router.store.models import (
    CareTeamMember,
    Clinician,
    OnCallWindow,
    Patient,
    PatientPhone,
    Practice,
    PracticeNumber,
)

# Rows per executemany batch and ids per IN list (well under SQLite's 32,766 parameters).
BATCH = 2_000

T = TypeVar("T")

# What a roster file says about a window, as stored: the key two windows are equal by.
WindowKey = tuple[str, str, int, str | None, str | None, str | None, str | None, bool, bool]


def batches(items: Sequence[T], size: int = BATCH) -> Iterator[Sequence[T]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


@dataclass(frozen=True)
class ClinicianRow:
    name: str
    phone: str
    role: str
    timezone: str | None
    position: int
    active: bool


@dataclass(frozen=True)
class PatientRow:
    name: str
    language: str
    active: bool


@dataclass
class PracticeState:
    """Everything of one practice that a roster file can change, read in a few queries."""

    practice: dict[str, Any] | None
    numbers: list[str]
    clinicians: dict[str, ClinicianRow]
    patients: dict[str, PatientRow]
    phones: dict[str, list[str]] = field(default_factory=dict)  # by position
    teams: dict[str, list[tuple[str, int]]] = field(default_factory=dict)  # by position
    # The practice's roster windows: key -> the ids of the rows with that key.
    windows: dict[WindowKey, list[int]] = field(default_factory=dict)


def window_key(row: Any) -> WindowKey:
    return (
        row.clinician_id,
        row.kind,
        row.days or 0,
        row.start_time,
        row.end_time,
        row.local_start,
        row.local_end,
        bool(row.duty),
        bool(row.off),
    )


def read_state(session: Session, practice_id: str) -> PracticeState:
    practice = session.execute(
        select(
            Practice.name,
            Practice.timezone,
            Practice.crisis_line,
            Practice.policy,
            Practice.office_hours,
            Practice.holidays,
        ).where(Practice.id == practice_id)
    ).first()
    numbers = list(
        session.scalars(
            select(PracticeNumber.e164)
            .where(PracticeNumber.practice_id == practice_id)
            .order_by(PracticeNumber.position)
        )
    )
    clinicians = {
        row.id: ClinicianRow(
            row.name, row.phone, row.role, row.timezone, row.position, bool(row.active)
        )
        for row in session.execute(
            select(
                Clinician.id,
                Clinician.name,
                Clinician.phone,
                Clinician.role,
                Clinician.timezone,
                Clinician.position,
                Clinician.active,
            ).where(Clinician.practice_id == practice_id)
        )
    }
    patients = {
        row.id: PatientRow(row.name, row.language, bool(row.active))
        for row in session.execute(
            select(Patient.id, Patient.name, Patient.language, Patient.active).where(
                Patient.practice_id == practice_id
            )
        )
    }
    phones: dict[str, list[str]] = defaultdict(list)
    for patient_id, e164 in session.execute(
        select(PatientPhone.patient_id, PatientPhone.e164)
        .where(PatientPhone.practice_id == practice_id)
        .order_by(PatientPhone.patient_id, PatientPhone.position, PatientPhone.id)
    ):
        phones[patient_id].append(e164)
    teams: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for patient_id, clinician_id, position in session.execute(
        select(CareTeamMember.patient_id, CareTeamMember.clinician_id, CareTeamMember.position)
        .join(Patient, Patient.id == CareTeamMember.patient_id)
        .where(Patient.practice_id == practice_id)
        .order_by(CareTeamMember.patient_id, CareTeamMember.position)
    ):
        teams[patient_id].append((clinician_id, position))
    windows: dict[WindowKey, list[int]] = defaultdict(list)
    for row in session.execute(
        select(
            OnCallWindow.id,
            OnCallWindow.clinician_id,
            OnCallWindow.kind,
            OnCallWindow.days,
            OnCallWindow.start_time,
            OnCallWindow.end_time,
            OnCallWindow.local_start,
            OnCallWindow.local_end,
            OnCallWindow.duty,
            OnCallWindow.off,
        )
        .where(OnCallWindow.practice_id == practice_id, OnCallWindow.source == "roster")
        .order_by(OnCallWindow.id)
    ):
        windows[window_key(row)].append(row.id)
    return PracticeState(
        dict(practice._mapping) if practice else None,
        numbers,
        clinicians,
        patients,
        dict(phones),
        dict(teams),
        dict(windows),
    )


def owners(session: Session, column: Any, owner: Any, values: Iterable[Any]) -> dict[Any, Any]:
    """{value: owner} for the rows whose `column` is one of `values`, in batches."""
    found: dict[Any, Any] = {}
    items = sorted(set(values))
    for batch in batches(items):
        for value, who in session.execute(select(column, owner).where(column.in_(batch))):
            found[value] = who
    return found


class BulkWriter:
    """Executes batches of writes and reports progress as rows done of `total`."""

    def __init__(
        self, session: Session, total: int, progress: Callable[[int, int], None] | None = None
    ) -> None:
        self.session, self.total, self.done = session, total, 0
        self.progress = progress
        self.dialect = session.get_bind().dialect.name

    def _advance(self, count: int) -> None:
        self.done += count
        if self.progress is not None:
            self.progress(min(self.done, self.total), self.total)

    def insert(self, table: Any, rows: Sequence[dict[str, Any]]) -> None:
        target: Table = table.__table__
        if self.dialect == "postgresql" and rows:
            self._copy(target, rows)
            return
        for batch in batches(rows):
            self.session.execute(target.insert(), list(batch))
            self._advance(len(batch))

    def _copy(self, target: Table, rows: Sequence[dict[str, Any]]) -> None:
        """PostgreSQL: the rows through COPY on the session's connection and transaction, as
        the INSERT would have written them (the columns' bind processing, e.g. UTC datetimes
        stored naive, and their Python-side defaults, e.g. created_at), several times faster
        than an executemany of 50,000 rows."""
        dialect = self.session.get_bind().dialect
        given = list(rows[0])
        defaults: dict[str, Any] = {}
        for column in target.columns:
            if column.name in rows[0] or column.default is None:
                continue
            default: Any = column.default
            if default.is_scalar:
                defaults[column.name] = default.arg
            elif default.is_callable:
                defaults[column.name] = default.arg(None)
        processors = [target.columns[name].type.bind_processor(dialect) for name in given]
        for name, value in defaults.items():
            process = target.columns[name].type.bind_processor(dialect)
            defaults[name] = value if process is None or value is None else process(value)
        names = given + list(defaults)
        quote = dialect.identifier_preparer.quote
        statement = (
            f"COPY {quote(target.name)} ({', '.join(quote(name) for name in names)}) FROM STDIN"
        )
        raw: Any = self.session.connection().connection.driver_connection
        fixed = [defaults[name] for name in defaults]
        with raw.cursor() as cursor:
            for batch in batches(rows, BATCH * 5):
                with cursor.copy(statement) as copy:
                    for row in batch:
                        copy.write_row(
                            [
                                value if process is None or value is None else process(value)
                                for value, process in zip(
                                    [row[name] for name in given], processors, strict=True
                                )
                            ]
                            + fixed
                        )
                self._advance(len(batch))

    def upsert(
        self, table: Any, rows: Sequence[dict[str, Any]], key: str, columns: Sequence[str]
    ) -> None:
        """INSERT ... ON CONFLICT (key) DO UPDATE SET columns (PostgreSQL and SQLite)."""
        if not rows:
            return
        target: Table = table.__table__
        dialect_insert: Any = postgresql.insert if self.dialect == "postgresql" else sqlite.insert
        statement = dialect_insert(target)
        statement = statement.on_conflict_do_update(
            index_elements=[key], set_={name: statement.excluded[name] for name in columns}
        )
        for batch in batches(rows):
            self.session.execute(statement, list(batch))
            self._advance(len(batch))

    def delete_in(
        self, table: Any, column: Any, values: Sequence[Any], *where: ColumnElement[bool]
    ) -> None:
        for batch in batches(values):
            self.session.execute(
                delete(table).where(column.in_(batch), *where),
                execution_options={"synchronize_session": False},
            )
            self._advance(len(batch))
