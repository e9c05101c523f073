"""On-call windows, in a roster file and from the windows API (SPEC §5, §11)."""

from __future__ import annotations

from typing import Any

from router.roster import fields
from router.roster.model import RosterWindow
from router.roster.problems import Checker, WindowError, place_of

WINDOW_FIELDS = {"clinician", "days", "start", "end", "from", "to", "duty"}


def parse_windows(check: Checker, items: list[Any], clinician_ids: set[str]) -> list[RosterWindow]:
    result = []
    for index, item in enumerate(items):
        if not isinstance(item, dict):
            check.fail(f"windows[{index}]", f"expected a mapping, not {item!r}")
            continue
        place = place_of("windows", index, item, item.get("clinician"))
        window = _window(check, place, item, clinician_ids, WINDOW_FIELDS)
        if window is not None:
            result.append(window)
    return result


def parse_window(item: Any, clinician_ids: set[str]) -> RosterWindow:
    """One window written like a roster entry, plus `off` (the windows API, SPEC §11).
    Raises WindowError naming the first bad field and its value."""
    check = Checker()
    if not isinstance(item, dict):
        raise WindowError("body", item, f"a window is a mapping, not {item!r}")
    window = _window(check, "window", item, clinician_ids, WINDOW_FIELDS | {"off"})
    if check.problems or window is None:
        field_name, value = check.fields[0] if check.fields else ("body", item)
        problem = check.problems[0] if check.problems else "window: not a window"
        raise WindowError(field_name or "body", value, problem.removeprefix("window: "))
    return window


def _window(
    check: Checker, where: str, item: dict[str, Any], clinician_ids: set[str], allowed: set[str]
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
    weekly = "days" in item or "start" in item or "end" in item
    one_off = "from" in item or "to" in item
    if weekly and one_off:
        check.fail(where, "a window has either days/start/end or from/to, not both", "from")
        return None
    problems = len(check.problems)
    if one_off:
        local_from = fields.local(check, where, "from", item.get("from"))
        local_to = fields.local(check, where, "to", item.get("to"))
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
    days = fields.days(check, where, item, "a weekly window) or from/to (a one-off window")
    start = fields.clock(check, where, "start", item.get("start"), allow_24=False)
    end = fields.clock(check, where, "end", item.get("end"), allow_24=True)
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
