"""Names are bounded at roster load (issue 11): at most 100 characters, no control character.

A 5,000-character clinician name made a 10,000-character reply; a control character in a
practice's name made every call's TwiML unparseable; over 200 characters or with a NUL,
`roster load` printed a traceback on PostgreSQL. Now each is one problem line naming the
place, the field and the value (cut for display), listed with every other problem, exit 1,
nothing changed. Run on SQLite and, where TEST_DATABASE_URL is set, PostgreSQL.
"""

from __future__ import annotations

import copy
import itertools
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from router.failsafe import spooling
from router.roster.parse import NAME_MAX, RosterError, parse_roster
from tests.cli_runner import run
from tests.clinic import DATA, LEE, SAM
from tests.roster_files import table_rows

RIVERSIDE: dict[str, Any] = yaml.safe_load((DATA / "riverside.yaml").read_text())


def _write(directory: Path, document: dict[str, Any], name: str = "roster.yaml") -> Path:
    path = directory / name
    path.write_text(yaml.safe_dump(document, sort_keys=False), encoding="utf-8")
    return path


def _with(**names: str) -> dict[str, Any]:
    """The test roster with some names changed: practice=, dr-lee=, pt-sam=..."""
    document = copy.deepcopy(RIVERSIDE)
    for key, value in names.items():
        if key == "practice":
            document["practice"]["name"] = value
        for entry in document["clinicians"] + document["patients"]:
            if entry["id"] == key.replace("_", "-"):
                entry["name"] = value
    return document


def _refused(tmp_path: Path, document: dict[str, Any]) -> list[str]:
    """`afterhours roster load`: exit 1, no traceback, nothing changed; the problem lines."""
    before = table_rows()
    result = run("roster", "load", str(_write(tmp_path, document)))
    assert result.exit_code == 1, result.output
    assert isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    assert table_rows() == before
    return result.stderr.splitlines()


@pytest.mark.parametrize(
    ("name", "shown"),
    [
        ("N" * 5000, "is 5000 characters; a name is at most 100"),
        ("P" * 250, "is 250 characters"),
        ("N" * (NAME_MAX + 1), f"is {NAME_MAX + 1} characters"),
        ("Sam\x00 Rivera", r"'Sam\x00 Rivera' has a control character (U+0000 at position 4)"),
        ("River\x01side", "U+0001"),
        ("Dana\x1b[31m Lee", "U+001B"),
        ("Dana\nLee", "U+000A"),
        ("Dana\x85 Lee", "U+0085"),
        ("Dana\ufffe", "a noncharacter (U+FFFE"),
    ],
)
def test_a_name_too_long_or_with_a_control_character_is_refused_by_roster_load(
    database_url: str, tmp_path: Path, name: str, shown: str
) -> None:
    lines = _refused(tmp_path, _with(dr_lee=name))
    assert len(lines) == 1, lines
    assert lines[0].startswith("afterhours: ")
    assert "clinicians[0] (dr-lee): name " in lines[0]
    assert shown in lines[0]
    assert len(lines[0]) < 300  # the value is cut for display


def test_every_bad_name_is_listed_with_every_other_problem(
    database_url: str, tmp_path: Path
) -> None:
    document = _with(practice="R" * 101, dr_patel="Ravi\x00", pt_sam="S\x07am")
    document["clinicians"][2]["phone"] = "617-555-01"
    lines = _refused(tmp_path, document)
    assert len(lines) == 4, lines
    assert "(and 3 more)" in lines[0]
    text = "\n".join(lines)
    for place in ("practice: name", "(dr-patel): name", "(pt-sam): name", "(dr-kim): phone"):
        assert place in text


def test_a_name_of_exactly_the_limit_loads_and_is_said_on_the_call(
    sim: Any, database_url: str, tmp_path: Path, clock: object
) -> None:
    name = "R" * NAME_MAX
    result = run("roster", "load", str(_write(tmp_path, _with(practice=name))))
    assert result.exit_code == 0, result.output
    sim.phone(LEE).answers_and_presses("1")
    call = sim.call(SAM, RIVERSIDE["practice"]["numbers"][0])
    assert name in call.heard_by_caller[0]
    assert call.bridged_to == LEE


def test_a_raw_control_character_in_the_file_is_one_problem_with_its_line(
    database_url: str, tmp_path: Path
) -> None:
    path = tmp_path / "raw.yaml"
    text = yaml.safe_dump(RIVERSIDE, sort_keys=False).replace("Dana Lee", "Dana\x01Lee")
    path.write_text(text, encoding="utf-8")
    before = table_rows()
    result = run("roster", "load", str(path))
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert len(lines) == 1, lines
    line = next(i for i, row in enumerate(text.splitlines(), 1) if "Dana\x01Lee" in row)
    assert f"line {line}: character U+0001" in lines[0]
    assert table_rows() == before


def test_the_roster_upload_page_applies_the_same_limits() -> None:
    """The web page loads through the same parser: the same refusal, field and value."""
    with pytest.raises(RosterError) as refused:
        parse_roster(yaml.safe_dump(_with(pt_sam="Sam" * 40)))
    assert "(pt-sam): name 'SamSamSam" in refused.value.problems[0]
    assert "is 120 characters" in refused.value.problems[0]


# Property: any string anywhere in the roster -----------------------------------------------


def _paths(document: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Where every string (and number) of the roster sits: every roster string is probed."""
    if isinstance(document, dict):
        return [p for key, value in document.items() for p in _paths(value, (*prefix, key))]
    if isinstance(document, list):
        return [p for i, value in enumerate(document) for p in _paths(value, (*prefix, i))]
    return [prefix]


PATHS = _paths(RIVERSIDE)
_SIDS = itertools.count(1)
_ANY = st.one_of(
    st.text(max_size=30),
    st.text(
        st.sampled_from("\x00\x01\x09\x0a\x0d\x1b\x7f\x85\ufffe\uffff\u2028ab:-\"' "), max_size=12
    ),
    st.text(min_size=95, max_size=260),
)


def _set(document: dict[str, Any], path: tuple[Any, ...], value: str) -> None:
    target: Any = document
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = value


def _answered(response: Any) -> ET.Element:
    assert response.status_code == 200, response.text[:200]
    return ET.fromstring(response.content)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(changes=st.lists(st.tuples(st.sampled_from(PATHS), _ANY), min_size=1, max_size=3))
def test_any_string_in_a_roster_loads_and_calls_parse_or_is_refused_line_by_line(
    sim: Any, database_url: str, tmp_path_factory: pytest.TempPathFactory, clock: object, changes
) -> None:
    document = copy.deepcopy(RIVERSIDE)
    for path, value in changes:
        _set(document, path, value)
    before = table_rows()
    result = run("roster", "load", str(_write(tmp_path_factory.mktemp("roster"), document)))
    assert "Traceback" not in result.output
    if result.exit_code != 0:
        assert result.exit_code == 1, result.output
        assert isinstance(result.exception, SystemExit), repr(result.exception)
        lines = result.stderr.splitlines()
        assert lines, result.output
        assert lines[0].startswith("afterhours: "), lines
        assert all(line.startswith("  ") for line in lines[1:]), lines
        assert table_rows() == before
        return
    before_spool = len(spooling.spool().records())
    for number in document["practice"]["numbers"]:
        sid = f"{next(_SIDS):032x}"
        call = {"AccountSid": "AC0", "CallSid": "CA" + sid, "From": SAM, "To": str(number)}
        root = _answered(sim.post("/twilio/voice", call | {"CallStatus": "ringing"}))
        assert root.tag == "Response"
        text = {"AccountSid": "AC0", "MessageSid": "SM" + sid, "From": LEE, "To": str(number)}
        _answered(sim.post("/twilio/sms", text | {"Body": "WHO"}))
    assert spooling.spool().records()[before_spool:] == []
