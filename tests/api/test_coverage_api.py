"""`GET /api/v1/coverage` and `afterhours coverage` (SPEC §11), with S8."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from router.cli import app
from tests.api.staff import bearer, load_two_practices

# Wednesday 2026-11-25 21:00 to Thursday 12:00 New York. No office hours in the test roster:
# the whole week is after hours. Ana's Dr Chen is off at 23:00 New York; Lee and Patel (Sam,
# Jo) at 08:00.
SPAN = "?from=2026-11-25T21:00:00-05:00&to=2026-11-26T12:00:00-05:00"
ANA_ALONE = {
    "from": "2026-11-26T04:00:00+00:00",
    "to": "2026-11-26T13:00:00+00:00",
    "patients": ["pt-ana"],
}
EVERYONE = {
    "from": "2026-11-26T13:00:00+00:00",
    "to": "2026-11-26T17:00:00+00:00",
    "patients": ["pt-ana", "pt-jo", "pt-sam"],
}


@pytest.fixture(autouse=True)
def _practices(database_url: str, clock) -> None:
    load_two_practices()


def gaps(client, user: str, query: str = SPAN) -> list[dict[str, object]]:
    response = client.get(f"/api/v1/coverage{query}", headers=bearer(user))
    assert response.status_code == 200, response.text
    return [{k: g[k] for k in ("from", "to", "patients")} for g in response.json()["gaps"]]


def test_a_supervisor_sees_every_gap_of_the_practice_with_its_patients(client) -> None:
    assert gaps(client, "sup-ortiz") == [ANA_ALONE, EVERYONE]
    assert gaps(client, "adm-ray") == [ANA_ALONE, EVERYONE]


def test_each_gap_says_why(client) -> None:
    response = client.get(f"/api/v1/coverage{SPAN}", headers=bearer("sup-ortiz")).json()
    assert "nobody on the care team is on call" in response["gaps"][0]["why"]["pt-ana"]


def test_a_clinician_sees_only_the_gaps_of_their_own_patients_S8(client) -> None:
    assert gaps(client, "dr-lee") == [{**EVERYONE, "patients": ["pt-sam"]}]
    assert gaps(client, "dr-chen") == [ANA_ALONE, {**EVERYONE, "patients": ["pt-ana"]}]


def test_another_practices_staff_see_only_their_own_gaps_S8(client) -> None:
    for user in ("sup-hale", "adm-hale", "dr-wu"):
        for gap in gaps(client, user):
            assert gap["patients"] == ["pt-max"]


def test_a_window_added_through_the_api_closes_a_gap(client) -> None:
    created = client.post(
        "/api/v1/windows",
        json={"from": "2026-11-26T08:00", "to": "2026-11-26T12:00"},
        headers=bearer("dr-patel"),
    )
    assert created.status_code == 201
    # Patel is on Sam's and Jo's teams: only Ana is left uncovered, all night and morning.
    assert gaps(client, "sup-ortiz") == [{**ANA_ALONE, "to": EVERYONE["to"]}]


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("?from=yesterday", "from"),
        ("?from=2026-11-26T00:00:00Z&to=2026-11-25T00:00:00Z", "to"),
        ("?from=2026-11-26T00:00:00Z&to=2027-11-25T00:00:00Z", "to"),
        ("?since=2026-11-26T00:00:00Z", "since"),
    ],
)
def test_bad_coverage_queries_are_refused_naming_the_field(client, query, field) -> None:
    response = client.get(f"/api/v1/coverage{query}", headers=bearer("sup-ortiz"))
    assert response.status_code == 422, response.text
    assert response.json()["detail"][0]["loc"][-1] == field


def test_the_cli_prints_the_same_gaps(client, clock) -> None:
    result = CliRunner().invoke(
        app, ["coverage", "--days", "1", "--json", "--practice", "riverside"]
    )
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    api = client.get(
        "/api/v1/coverage?from=2026-11-26T02:00:00Z&to=2026-11-27T02:00:00Z",
        headers=bearer("sup-ortiz"),
    ).json()
    assert document == api
    text = CliRunner().invoke(app, ["coverage", "--days", "1", "--practice", "riverside"])
    assert text.exit_code == 0
    assert "Thu 2026-11-26 08:00 to" in text.stdout


def test_the_cli_refuses_bad_days_in_one_line(client) -> None:
    result = CliRunner().invoke(app, ["coverage", "--days", "0", "--practice", "riverside"])
    assert result.exit_code == 1
    assert result.stderr.strip() == "afterhours: --days 0 must be from 1 to 62"
    several = CliRunner().invoke(app, ["coverage"])
    assert several.exit_code == 1
    assert "choose one with --practice" in several.stderr
