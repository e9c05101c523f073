"""Reading and validating a roster file (SPEC §5) before anything is written.

Every problem names the place in the file, the entry, the field and the value.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any, cast
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import yaml

from policies.policy import PolicyError, validate_overrides
from policies.schedule import DAY_NAMES, parse_clock
from policies.vocabulary import Role
from router.core.errors import AfterhoursError, InputError
from router.core.phones import InvalidPhoneNumber, region_of, to_e164

ROLES = tuple(Role)
LANGUAGES = ("en", "es")
ID_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")


class RosterError(InputError, ValueError):
    """A roster that cannot be loaded. `problems` holds every one found, first one first;
    each already names its line, field and value, so the message is the first of them."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        self.field, self.value, self.problem = "roster", None, problems[0] + more
        AfterhoursError.__init__(self, self.problem)


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


class _Mapping(dict[str, Any]):
    line: int = 0


# libyaml's parser when PyYAML has it (every wheel does): a large roster reads in seconds.
_BaseLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _LineLoader(_BaseLoader):  # type: ignore[misc]
    """Keeps each mapping's line number so problems can say where they are."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._plain_tags: dict[str, str] = {}

    def resolve(self, kind: Any, value: Any, implicit: tuple[bool, bool]) -> Any:
        # A plain scalar's tag depends on its text alone, and a roster repeats the same few
        # texts (ids, times, days) tens of thousands of times: each is resolved once.
        if kind is yaml.ScalarNode and implicit[0]:
            tag = self._plain_tags.get(value)
            if tag is None:
                tag = self._plain_tags[value] = super().resolve(kind, value, implicit)
            return tag
        return super().resolve(kind, value, implicit)


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> _Mapping:
    # A key YAML reads as something else (`1: x`) is still only a key: _unknown_keys names it.
    mapping = _Mapping(cast("dict[str, Any]", loader.construct_mapping(node, deep=True)))
    mapping.line = node.start_mark.line + 1
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
# Times like 17:00 and dates must stay strings: YAML 1.1 would read 17:00 as the number 1020.
_DECIMAL = re.compile(r"^[-+]?(0|[1-9][0-9_]*)$")
_LineLoader.yaml_implicit_resolvers = {
    first: [
        (tag, _DECIMAL if tag == "tag:yaml.org,2002:int" else regexp)
        for tag, regexp in resolvers
        if tag != "tag:yaml.org,2002:timestamp"
    ]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


class _Checker:
    def __init__(self) -> None:
        self.problems: list[str] = []
        # The field and value of each problem, for answers that name them (the windows API).
        self.fields: list[tuple[str, Any]] = []

    def fail(self, where: str, message: str, field: str = "", value: Any = None) -> None:
        self.problems.append(f"{where}: {message}")
        self.fields.append((field, value))


class WindowError(InputError, ValueError):
    """One window entry that cannot be stored: the field, its value and why (the API's 422).
    Its message is written whole, naming the field and the value itself."""

    def __init__(self, field: str, value: Any, message: str) -> None:
        super().__init__(field, value, message)
        self.args = (message,)


def _where(section: str, index: int, item: Any, ident: Any = None) -> str:
    line = getattr(item, "line", 0)
    label = f"{section}[{index}]"
    if ident:
        label += f" ({ident})"
    return f"line {line}, {label}" if line else label


def _text(
    check: _Checker, where: str, item: dict[str, Any], key: str, *, required: bool = True
) -> str | None:
    value = item.get(key)
    if value is None:
        if required:
            check.fail(where, f"{key} is missing")
        return None
    if not isinstance(value, str | int) or isinstance(value, bool) or not str(value).strip():
        check.fail(where, f"{key} {value!r} is not text")
        return None
    return str(value).strip()


def _unknown_keys(check: _Checker, where: str, item: dict[str, Any], allowed: set[str]) -> None:
    for key in item:
        if key not in allowed:
            check.fail(
                where, f"unknown field {key!r} (expected one of: {', '.join(sorted(allowed))})"
            )


def _zone(check: _Checker, where: str, key: str, value: str | None) -> str | None:
    if value is None:
        return None
    try:
        ZoneInfo(value)
    # A region such as "America" is a directory of the zone database: OSError, not NotFound.
    except (ZoneInfoNotFoundError, ValueError, OSError):
        check.fail(where, f"{key} {value!r} is not a time zone (try America/New_York)")
        return None
    return value


def _phone(check: _Checker, where: str, key: str, value: Any, region: str) -> str | None:
    try:
        return to_e164(str(value), region)
    except InvalidPhoneNumber as exc:
        check.fail(where, f"{key} {exc}")
        return None


def _ident(check: _Checker, where: str, value: str | None, seen: set[str], kind: str) -> str | None:
    if value is None:
        return None
    if not ID_PATTERN.match(value):
        check.fail(where, f"id {value!r} must be letters, digits, '-', '_' or '.' (64 at most)")
        return None
    if value in seen:
        check.fail(where, f"id {value!r} names a second {kind}; ids must be unique")
        return None
    seen.add(value)
    return value


def _list(check: _Checker, where: str, item: dict[str, Any], key: str) -> list[Any]:
    value = item.get(key, [])
    if value is None:
        return []
    if not isinstance(value, list):
        check.fail(where, f"{key} must be a list, not {value!r}")
        return []
    return value


def parse_roster(
    text: str, *, known_clinicians: set[str] | Callable[[str], set[str]] | None = None
) -> Roster:
    """Validates a whole roster and lists every problem in it. `known_clinicians` are ids
    already in this practice, or a function of the file's practice id that gives them (so the
    file is read once)."""
    try:
        document = yaml.load(text, Loader=_LineLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}" if mark else "the file"
        problem = getattr(exc, "problem", None) or "it is not valid YAML"
        raise RosterError([f"{where}: {problem}"]) from None
    if not isinstance(document, dict):
        raise RosterError(["the file: a roster is a mapping with practice, clinicians, patients"])
    check = _Checker()
    _unknown_keys(check, "top level", document, {"practice", "clinicians", "patients", "windows"})

    practice = _parse_practice(check, document.get("practice"))
    region = region_of(practice.numbers) if practice else "US"
    clinicians, named = _parse_clinicians(
        check, _list(check, "top level", document, "clinicians"), region
    )
    # An entry refused for, say, its phone still names a clinician: one mistake, one problem.
    if callable(known_clinicians):
        raw = document.get("practice")
        raw_id = raw.get("id") if isinstance(raw, dict) else None
        known = known_clinicians(str(raw_id)) if isinstance(raw_id, str | int) else set()
    else:
        known = known_clinicians or set()
    clinician_ids = named | known
    patients = _parse_patients(
        check,
        _list(check, "top level", document, "patients"),
        region,
        clinician_ids,
        {c.phone: c.id for c in clinicians},
    )
    windows = _parse_windows(check, _list(check, "top level", document, "windows"), clinician_ids)
    if check.problems or practice is None:
        raise RosterError(check.problems or ["practice: missing"])
    return Roster(practice, clinicians, patients, windows)


def _parse_practice(check: _Checker, item: Any) -> RosterPractice | None:
    if not isinstance(item, dict):
        check.fail("practice", "missing, or not a mapping with id, name, timezone, numbers")
        return None
    where = f"line {getattr(item, 'line', 0)}, practice"
    _unknown_keys(
        check,
        where,
        item,
        {"id", "name", "timezone", "numbers", "crisis_line", "policy", "office_hours", "holidays"},
    )
    ident = _ident(check, where, _text(check, where, item, "id"), set(), "practice")
    name = _text(check, where, item, "name")
    zone = _zone(check, where, "timezone", _text(check, where, item, "timezone"))
    raw_numbers = _list(check, where, item, "numbers")
    if not raw_numbers:
        check.fail(where, "numbers must list at least one after-hours number")
    numbers = [n for n in (_phone(check, where, "numbers", v, "US") for v in raw_numbers) if n]
    if len(set(numbers)) != len(numbers):
        check.fail(where, "numbers lists the same number twice")
    region = region_of(numbers)
    crisis_raw = item.get("crisis_line")
    crisis = None
    if crisis_raw is None:
        check.fail(where, "crisis_line is missing")
    else:
        crisis = _phone(check, where, "crisis_line", crisis_raw, region)
    policy: dict[str, int] = {}
    raw_policy = item.get("policy") or {}
    if not isinstance(raw_policy, dict):
        check.fail(where, f"policy must be a mapping, not {raw_policy!r}")
    else:
        try:
            policy = validate_overrides(dict(raw_policy))
        except PolicyError as exc:
            check.fail(where, f"policy: {exc}")
    office_hours = _parse_office_hours(check, where, _list(check, where, item, "office_hours"))
    holidays = _parse_holidays(check, where, _list(check, where, item, "holidays"))
    if ident and name and zone and numbers and crisis:
        return RosterPractice(ident, name, zone, numbers, crisis, policy, office_hours, holidays)
    return None


def _days(check: _Checker, where: str, item: dict[str, Any], what: str) -> list[str] | None:
    days = _list(check, where, item, "days")
    if not days:
        check.fail(where, f"days is missing ({what})", "days", item.get("days"))
        return None
    bad = [d for d in days if str(d).lower() not in DAY_NAMES]
    for day in bad:
        check.fail(where, f"days {day!r} is not one of {', '.join(DAY_NAMES)}", "days", day)
    return None if bad else [str(d).lower() for d in days]


def _parse_office_hours(check: _Checker, where: str, items: list[Any]) -> list[OfficeHours]:
    result = []
    for index, item in enumerate(items):
        here = f"{where}, office_hours[{index}]"
        if not isinstance(item, dict):
            check.fail(here, f"expected a mapping with days, start, end, not {item!r}")
            continue
        _unknown_keys(check, here, item, {"days", "start", "end"})
        days = _days(check, here, item, "the weekdays these hours apply to")
        start = _clock(check, here, "start", item.get("start"), allow_24=False)
        end = _clock(check, here, "end", item.get("end"), allow_24=True)
        if start and end and start == end:
            check.fail(here, f"end {end!r} equals start: office hours must end after they start")
            continue
        if days and start and end:
            result.append(OfficeHours(days, start, end))
    return result


def _parse_holidays(check: _Checker, where: str, items: list[Any]) -> list[date]:
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
    check: _Checker, items: list[Any], region: str
) -> tuple[list[RosterClinician], set[str]]:
    """The valid entries, and the ids of every entry that has a usable id."""
    seen: set[str] = set()
    result = []
    for index, item in enumerate(items):
        if not isinstance(item, dict):
            check.fail(f"clinicians[{index}]", f"expected a mapping, not {item!r}")
            continue
        where = _where("clinicians", index, item, item.get("id"))
        _unknown_keys(check, where, item, {"id", "name", "phone", "role", "timezone"})
        ident = _ident(check, where, _text(check, where, item, "id"), seen, "clinician")
        name = _text(check, where, item, "name")
        phone_raw = item.get("phone")
        phone = None
        if phone_raw is None:
            check.fail(where, "phone is missing")
        else:
            phone = _phone(check, where, "phone", phone_raw, region)
        # The plain string, as YAML reads it: `roster export`'s yaml.safe_dump refuses enums.
        role = item.get("role", Role.CLINICIAN.value)
        if role not in ROLES:
            check.fail(where, f"role {role!r} must be one of {', '.join(ROLES)}")
        zone = _zone(
            check, where, "timezone", _text(check, where, item, "timezone", required=False)
        )
        if ident and name and phone and role in ROLES:
            result.append(RosterClinician(ident, name, phone, role, zone))
    return result, seen


def _parse_patients(
    check: _Checker,
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
        where = _where("patients", index, item, item.get("id"))
        _unknown_keys(check, where, item, {"id", "name", "phones", "care_team", "language"})
        ident = _ident(check, where, _text(check, where, item, "id"), seen, "patient")
        name = _text(check, where, item, "name")
        phones = []
        for raw in _list(check, where, item, "phones"):
            phone = _phone(check, where, "phones", raw, region)
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
        for member in _list(check, where, item, "care_team"):
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


def _clock(check: _Checker, where: str, key: str, value: Any, *, allow_24: bool) -> str | None:
    if value is None:
        check.fail(where, f"{key} is missing", key, None)
        return None
    text = str(value)
    try:
        parsed: time | None = parse_clock(text)
    except ValueError:
        check.fail(where, f"{key} {text!r} is not a time of day as HH:MM", key, value)
        return None
    if parsed is None and not allow_24:
        check.fail(where, f"{key} {text!r}: 24:00 can only end a window", key, value)
        return None
    return text if parsed is None else parsed.strftime("%H:%M")


def _local(check: _Checker, where: str, key: str, value: Any) -> datetime | None:
    if value is None:
        check.fail(where, f"{key} is missing", key, None)
        return None
    try:
        parsed = datetime.fromisoformat(str(value))
    except ValueError:
        check.fail(
            where, f"{key} {value!r} is not a local date and time like 2026-12-24T18:00", key, value
        )
        return None
    if parsed.tzinfo is not None:
        check.fail(
            where, f"{key} {value!r} must be local wall-clock time, without an offset", key, value
        )
        return None
    return parsed


WINDOW_FIELDS = {"clinician", "days", "start", "end", "from", "to", "duty"}


def _parse_windows(
    check: _Checker, items: list[Any], clinician_ids: set[str]
) -> list[RosterWindow]:
    result = []
    for index, item in enumerate(items):
        if not isinstance(item, dict):
            check.fail(f"windows[{index}]", f"expected a mapping, not {item!r}")
            continue
        where = _where("windows", index, item, item.get("clinician"))
        window = _window(check, where, item, clinician_ids, WINDOW_FIELDS)
        if window is not None:
            result.append(window)
    return result


def parse_window(item: Any, clinician_ids: set[str]) -> RosterWindow:
    """One window written like a roster entry, plus `off` (the windows API, SPEC §11).
    Raises WindowError naming the first bad field and its value."""
    check = _Checker()
    if not isinstance(item, dict):
        raise WindowError("body", item, f"a window is a mapping, not {item!r}")
    window = _window(check, "window", item, clinician_ids, WINDOW_FIELDS | {"off"})
    if check.problems or window is None:
        field_name, value = check.fields[0] if check.fields else ("body", item)
        problem = check.problems[0] if check.problems else "window: not a window"
        raise WindowError(field_name or "body", value, problem.removeprefix("window: "))
    return window


def _window(
    check: _Checker, where: str, item: dict[str, Any], clinician_ids: set[str], allowed: set[str]
) -> RosterWindow | None:
    for key in item:
        if key not in allowed:
            check.fail(
                where,
                f"unknown field {key!r} (expected one of: {', '.join(sorted(allowed))})",
                key,
                item[key],
            )
    clinician = item.get("clinician")
    clinician_id: str | None = clinician if isinstance(clinician, str) else None
    if clinician_id not in clinician_ids:
        clinician_id = None
    if clinician is None:
        check.fail(where, "clinician is missing", "clinician", None)
    elif clinician_id is None:
        check.fail(
            where,
            f"clinician {clinician!r} is not a clinician of this practice",
            "clinician",
            clinician,
        )
    flags = {}
    for flag in ("duty", "off"):
        value = item.get(flag, False)
        if not isinstance(value, bool):
            check.fail(where, f"{flag} {value!r} must be true or false", flag, value)
        flags[flag] = value is True
    if flags["duty"] and flags["off"]:
        check.fail(where, "a time-off window cannot be a duty window", "duty", item.get("duty"))
    weekly = any(key in item for key in ("days", "start", "end"))
    one_off = any(key in item for key in ("from", "to"))
    if weekly and one_off:
        check.fail(where, "a window has either days/start/end or from/to, not both", "from")
        return None
    problems = len(check.problems)
    if one_off:
        local_from = _local(check, where, "from", item.get("from"))
        local_to = _local(check, where, "to", item.get("to"))
        if local_from and local_to and local_to <= local_from:
            check.fail(
                where,
                f"to {item.get('to')!r} must be after from {item.get('from')!r}",
                "to",
                item.get("to"),
            )
            return None
        if clinician_id and local_from and local_to and len(check.problems) == problems:
            return RosterWindow(
                clinician_id,
                flags["duty"],
                local_from=local_from,
                local_to=local_to,
                off=flags["off"],
            )
        return None
    days = _days(check, where, item, "a weekly window) or from/to (a one-off window")
    start = _clock(check, where, "start", item.get("start"), allow_24=False)
    end = _clock(check, where, "end", item.get("end"), allow_24=True)
    if start and end and start == end:
        # Not read as 24 hours: say so, and how to write a whole day.
        check.fail(
            where,
            f"end {item.get('end')!r} equals start: a window must end after it starts "
            '(for a whole day, start "00:00" and end "24:00")',
            "end",
            item.get("end"),
        )
        return None
    if clinician_id and days and start and end and len(check.problems) == problems:
        return RosterWindow(
            clinician_id, flags["duty"], days=days, start=start, end=end, off=flags["off"]
        )
    return None
