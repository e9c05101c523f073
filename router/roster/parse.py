"""Reading and validating a roster file (SPEC §5) before anything is written: the four
sections -> Roster. Every problem names the place in the file, the entry, the field and the
value, and every problem is listed (router/roster/problems.py).

The names other modules import from here stay importable from here.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from policies.policy import PolicyError, validate_overrides
from policies.vocabulary import Role
from router.core.phones import region_of
from router.roster import fields
from router.roster.fields import ID_PATTERN, LANGUAGES, NAME_MAX, ROLES
from router.roster.model import (
    OfficeHours,
    Roster,
    RosterClinician,
    RosterPatient,
    RosterPractice,
    RosterWindow,
)
from router.roster.problems import Checker, RosterError, WindowError, place_of
from router.roster.windows import WINDOW_FIELDS, parse_window, parse_windows
from router.roster.yaml_lines import load_document

__all__ = [
    "ID_PATTERN",
    "LANGUAGES",
    "NAME_MAX",
    "ROLES",
    "WINDOW_FIELDS",
    "OfficeHours",
    "Roster",
    "RosterClinician",
    "RosterError",
    "RosterPatient",
    "RosterPractice",
    "RosterWindow",
    "WindowError",
    "parse_roster",
    "parse_window",
]


def parse_roster(
    text: str, *, known_clinicians: set[str] | Callable[[str], set[str]] | None = None
) -> Roster:
    """Validates a whole roster and lists every problem in it. `known_clinicians` are ids
    already in this practice, or a function of the file's practice id that gives them (so the
    file is read once)."""
    document = load_document(text)
    if not isinstance(document, dict):
        raise RosterError(["the file: a roster is a mapping with practice, clinicians, patients"])
    check = Checker()
    fields.unknown_keys(
        check, "top level", document, {"practice", "clinicians", "patients", "windows"}
    )

    practice = _parse_practice(check, document.get("practice"))
    region = region_of(practice.numbers) if practice else "US"
    clinicians, named = _parse_clinicians(
        check, fields.listed(check, "top level", document, "clinicians"), region
    )
    # An entry refused for, say, its phone still names a clinician: one mistake, one problem.
    if callable(known_clinicians):
        raw = document.get("practice")
        raw_id = raw.get("id") if isinstance(raw, dict) else None
        # Only an id that can be one is looked up: a NUL in a query fails on PostgreSQL.
        usable = isinstance(raw_id, str | int) and ID_PATTERN.match(str(raw_id).strip())
        known = known_clinicians(str(raw_id).strip()) if usable else set()
    else:
        known = known_clinicians or set()
    clinician_ids = named | known
    patients = _parse_patients(
        check,
        fields.listed(check, "top level", document, "patients"),
        region,
        clinician_ids,
        {c.phone: c.id for c in clinicians},
    )
    windows = parse_windows(
        check, fields.listed(check, "top level", document, "windows"), clinician_ids
    )
    if check.problems or practice is None:
        raise RosterError(check.problems or ["practice: missing"])
    return Roster(practice, clinicians, patients, windows)


def _parse_practice(check: Checker, item: Any) -> RosterPractice | None:
    if not isinstance(item, dict):
        check.fail("practice", "missing, or not a mapping with id, name, timezone, numbers")
        return None
    where = f"line {getattr(item, 'line', 0)}, practice"
    fields.unknown_keys(
        check,
        where,
        item,
        {"id", "name", "timezone", "numbers", "crisis_line", "policy", "office_hours", "holidays"},
    )
    ident = fields.ident(check, where, fields.text(check, where, item, "id"), set(), "practice")
    name = fields.name(check, where, item)
    zone = fields.zone(check, where, "timezone", fields.text(check, where, item, "timezone"))
    raw_numbers = fields.listed(check, where, item, "numbers")
    if not raw_numbers:
        check.fail(where, "numbers must list at least one after-hours number")
    numbers = [
        n for n in (fields.phone(check, where, "numbers", v, "US") for v in raw_numbers) if n
    ]
    if len(set(numbers)) != len(numbers):
        check.fail(where, "numbers lists the same number twice")
    region = region_of(numbers)
    crisis_raw = item.get("crisis_line")
    crisis = None
    if crisis_raw is None:
        check.fail(where, "crisis_line is missing")
    else:
        crisis = fields.phone(check, where, "crisis_line", crisis_raw, region)
    policy: dict[str, int] = {}
    raw_policy = item.get("policy") or {}
    if not isinstance(raw_policy, dict):
        check.fail(where, f"policy must be a mapping, not {raw_policy!r}")
    else:
        try:
            policy = validate_overrides(dict(raw_policy))
        except PolicyError as exc:
            check.fail(where, f"policy: {exc}")
    office_hours = _parse_office_hours(
        check, where, fields.listed(check, where, item, "office_hours")
    )
    holidays = _parse_holidays(check, where, fields.listed(check, where, item, "holidays"))
    if ident and name and zone and numbers and crisis:
        return RosterPractice(ident, name, zone, numbers, crisis, policy, office_hours, holidays)
    return None


def _parse_office_hours(check: Checker, where: str, items: list[Any]) -> list[OfficeHours]:
    result = []
    for index, item in enumerate(items):
        here = f"{where}, office_hours[{index}]"
        if not isinstance(item, dict):
            check.fail(here, f"expected a mapping with days, start, end, not {item!r}")
            continue
        fields.unknown_keys(check, here, item, {"days", "start", "end"})
        days = fields.days(check, here, item, "the weekdays these hours apply to")
        start = fields.clock(check, here, "start", item.get("start"), allow_24=False)
        end = fields.clock(check, here, "end", item.get("end"), allow_24=True)
        if start and end and start == end:
            check.fail(here, f"end {end!r} equals start: office hours must end after they start")
            continue
        if days and start and end:
            result.append(OfficeHours(days, start, end))
    return result


def _parse_holidays(check: Checker, where: str, items: list[Any]) -> list[date]:
    result = []
    for value in items:
        try:
            day = date.fromisoformat(str(value))
        except ValueError:
            check.fail(where, f"holidays {value!r} is not a date like 2026-12-25")
            continue
        if day not in result:
            result.append(day)
    return sorted(result)


def _parse_clinicians(
    check: Checker, items: list[Any], region: str
) -> tuple[list[RosterClinician], set[str]]:
    """The valid entries, and the ids of every entry that has a usable id."""
    seen: set[str] = set()
    result = []
    for index, item in enumerate(items):
        if not isinstance(item, dict):
            check.fail(f"clinicians[{index}]", f"expected a mapping, not {item!r}")
            continue
        where = place_of("clinicians", index, item, item.get("id"))
        fields.unknown_keys(check, where, item, {"id", "name", "phone", "role", "timezone"})
        ident = fields.ident(check, where, fields.text(check, where, item, "id"), seen, "clinician")
        name = fields.name(check, where, item)
        phone_raw = item.get("phone")
        phone = None
        if phone_raw is None:
            check.fail(where, "phone is missing")
        else:
            phone = fields.phone(check, where, "phone", phone_raw, region)
        # The plain string, as YAML reads it: `roster export`'s yaml.safe_dump refuses enums.
        role = item.get("role", Role.CLINICIAN.value)
        if role not in ROLES:
            check.fail(where, f"role {role!r} must be one of {', '.join(ROLES)}")
        zone = fields.zone(
            check, where, "timezone", fields.text(check, where, item, "timezone", required=False)
        )
        if ident and name and phone and role in ROLES:
            result.append(RosterClinician(ident, name, phone, role, zone))
    return result, seen


def _parse_patients(
    check: Checker,
    items: list[Any],
    region: str,
    clinician_ids: set[str],
    clinician_phones: dict[str, str],
) -> list[RosterPatient]:
    seen: set[str] = set()
    phone_owner: dict[str, str] = {}
    result = []
    for index, item in enumerate(items):
        if not isinstance(item, dict):
            check.fail(f"patients[{index}]", f"expected a mapping, not {item!r}")
            continue
        where = place_of("patients", index, item, item.get("id"))
        fields.unknown_keys(check, where, item, {"id", "name", "phones", "care_team", "language"})
        ident = fields.ident(check, where, fields.text(check, where, item, "id"), seen, "patient")
        name = fields.name(check, where, item)
        phones = []
        for raw in fields.listed(check, where, item, "phones"):
            phone = fields.phone(check, where, "phones", raw, region)
            if phone is None:
                continue
            if phone in clinician_phones:
                # A shared number would make the patient's texts read as a clinician's.
                owner = clinician_phones[phone]
                check.fail(where, f"phones {raw!r} is also clinician {owner}'s phone")
                continue
            if phone in phone_owner and phone_owner[phone] != ident:
                check.fail(where, f"phones {raw!r} also belongs to patient {phone_owner[phone]}")
                continue
            phone_owner[phone] = ident or "?"
            if phone not in phones:
                phones.append(phone)
        care_team = []
        for member in fields.listed(check, where, item, "care_team"):
            if not isinstance(member, str) or member not in clinician_ids:
                check.fail(where, f"care_team {member!r} is not a clinician of this practice")
            elif member in care_team:
                check.fail(where, f"care_team lists {member!r} twice")
            else:
                care_team.append(member)
        language = item.get("language", "en")
        if language not in LANGUAGES:
            check.fail(where, f"language {language!r} must be one of {', '.join(LANGUAGES)}")
        if ident and name and language in LANGUAGES:
            result.append(RosterPatient(ident, name, phones, care_team, language))
    return result
