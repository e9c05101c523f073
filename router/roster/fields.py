"""Field checks shared by every section: text, time zone, phone, id, list, days, clock time,
local date and time. Each records a problem on the Checker and returns None when refused."""

from __future__ import annotations

import re
from datetime import datetime, time
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from policies.schedule import DAY_NAMES, parse_clock
from policies.vocabulary import Role
from router.core.phones import InvalidPhoneNumber, to_e164
from router.roster.problems import Checker

ROLES = tuple(Role)
LANGUAGES = ("en", "es")
ID_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")
# A name is said on calls and written in texts: a long one was never a name (and a 5,000
# character one made a 10,000 character reply). The columns hold 200.
NAME_MAX = 100
# No control character of any kind in a name (C0 with tab and newline, DEL, C1), no lone
# surrogate, no noncharacter: each would break a call's TwiML or a text, NUL a database write.
_NOT_IN_A_NAME = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
# How much of a refused value a problem shows.
SHOWN = 40


def text(
    check: Checker, where: str, item: dict[str, Any], key: str, *, required: bool = True
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


def shown(value: str) -> str:
    """A refused value as a problem line shows it: quoted, escaped, and cut to SHOWN."""
    return repr(value if len(value) <= SHOWN else value[:SHOWN] + "...")


def name(check: Checker, where: str, item: dict[str, Any], key: str = "name") -> str | None:
    """A person's or the practice's name: text, at most NAME_MAX characters, no control
    characters. Every problem a name has is listed."""
    value = text(check, where, item, key)
    if value is None:
        return None
    refused = False
    if len(value) > NAME_MAX:
        check.fail(
            where,
            f"{key} {shown(value)} is {len(value)} characters; a name is at most {NAME_MAX}",
            key,
            value,
        )
        refused = True
    bad = _NOT_IN_A_NAME.search(value)
    if bad is not None:
        code = ord(bad.group())
        kind = (
            "a lone surrogate"
            if 0xD800 <= code <= 0xDFFF
            else "a noncharacter"
            if code >= 0xFFFE
            else "a control character"
        )
        check.fail(
            where,
            f"{key} {shown(value)} has {kind} (U+{code:04X} at position {bad.start() + 1}); "
            "a name is plain text on one line",
            key,
            value,
        )
        refused = True
    return None if refused else value


def unknown_keys(check: Checker, where: str, item: dict[str, Any], allowed: set[str]) -> None:
    for key in item:
        if key not in allowed:
            check.fail(
                where, f"unknown field {key!r} (expected one of: {', '.join(sorted(allowed))})"
            )


def zone(check: Checker, where: str, key: str, value: str | None) -> str | None:
    if value is None:
        return None
    try:
        ZoneInfo(value)
    # A region such as "America" is a directory of the zone database: OSError, not NotFound.
    except (ZoneInfoNotFoundError, ValueError, OSError):
        check.fail(where, f"{key} {shown(value)} is not a time zone (try America/New_York)")
        return None
    return value


def phone(check: Checker, where: str, key: str, value: Any, region: str) -> str | None:
    try:
        return to_e164(str(value), region)
    except InvalidPhoneNumber as exc:
        check.fail(where, f"{key} {exc}")
        return None


def ident(check: Checker, where: str, value: str | None, seen: set[str], kind: str) -> str | None:
    if value is None:
        return None
    if not ID_PATTERN.match(value):
        check.fail(
            where, f"id {shown(value)} must be letters, digits, '-', '_' or '.' (64 at most)"
        )
        return None
    if value in seen:
        check.fail(where, f"id {value!r} names a second {kind}; ids must be unique")
        return None
    seen.add(value)
    return value


def listed(check: Checker, where: str, item: dict[str, Any], key: str) -> list[Any]:
    value = item.get(key, [])
    if value is None:
        return []
    if not isinstance(value, list):
        check.fail(where, f"{key} must be a list, not {value!r}")
        return []
    return value


def days(check: Checker, where: str, item: dict[str, Any], what: str) -> list[str] | None:
    found = listed(check, where, item, "days")
    if not found:
        check.fail(where, f"days is missing ({what})", "days", item.get("days"))
        return None
    bad = [d for d in found if str(d).lower() not in DAY_NAMES]
    for day in bad:
        check.fail(where, f"days {day!r} is not one of {', '.join(DAY_NAMES)}", "days", day)
    return None if bad else [str(d).lower() for d in found]


def clock(check: Checker, where: str, key: str, value: Any, *, allow_24: bool) -> str | None:
    if value is None:
        check.fail(where, f"{key} is missing", key, None)
        return None
    written = str(value)
    try:
        parsed: time | None = parse_clock(written)
    except ValueError:
        check.fail(where, f"{key} {written!r} is not a time of day as HH:MM", key, value)
        return None
    if parsed is None and not allow_24:
        check.fail(where, f"{key} {written!r}: 24:00 can only end a window", key, value)
        return None
    return written if parsed is None else parsed.strftime("%H:%M")


def local(check: Checker, where: str, key: str, value: Any) -> datetime | None:
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
