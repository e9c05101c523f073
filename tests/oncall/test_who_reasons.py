"""`afterhours who` says why each clinician is or is not on the route, and reads an --at
without an offset in the practice's zone (issue 7, item 9)."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from typer.testing import CliRunner

from router.cli import app
from router.core.db import session_scope
from router.store.models import CoachingPause


def who(*args: str):
    return CliRunner().invoke(app, ["who", *args])


def reasons(stdout: str) -> dict[str, str]:
    lines = stdout.splitlines()
    found = {}
    for line in lines[lines.index("why:") + 1 :]:
        head, _, reason = line.strip().partition(": ")
        found[head.split(" ")[0]] = reason
    return found


def test_who_says_why_each_clinician_is_or_is_not_on_the_route(roster) -> None:
    with session_scope() as session:
        session.add(
            CoachingPause(
                clinician_id="dr-patel",
                patient_id="pt-sam",
                until=datetime(2026, 11, 26, 6, tzinfo=UTC),
            )
        )
    result = who("pt-sam", "--at", "2026-11-25T21:00:00-05:00")
    assert result.exit_code == 0, result.output
    why = reasons(result.stdout)
    assert why["dr-lee"] == "on the route: care team #1, on call"
    assert why["dr-patel"].startswith("not on the route: coaching paused until")
    assert why["dr-chen"] == "not on the route: on call, but not on the care team"
    assert why["dr-kim"] == "not on the route: not on call at that time"


def test_who_names_the_duty_clinician(roster) -> None:
    why = reasons(who("pt-sam", "--at", "2026-11-28T10:00:00-05:00").stdout)
    assert why["dr-kim"] == "on the route: on duty for every patient"
    # --at another time than now: not "now" (issue 7).
    assert why["dr-lee"] == "not on the route: not on call at that time"


def test_who_without_at_says_now(roster) -> None:
    why = reasons(who("pt-sam").stdout)
    assert "not on the route: not on call now" in why.values()
    assert not any("at that time" in reason for reason in why.values())


def test_who_reads_an_at_without_offset_in_the_practices_zone(roster) -> None:
    # 21:00 in New York, not 21:00 UTC (16:00 in New York, when nobody is on call).
    result = who("pt-sam", "--at", "2026-11-25T21:00", "--json")
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert document["at"] == "2026-11-25T21:00:00-05:00"
    assert document["route"] == ["dr-lee", "dr-patel"]
