"""A malformed roster (SPEC §4, §5) is refused whole: every problem named by its line, entry,
field and value, first one first, and nothing in the database changed."""

from __future__ import annotations

import pytest

from router.roster.parse import RosterError
from tests.roster_files import (
    CHANGED,
    HARBOR,
    RIVERSIDE,
    edit,
    line_of,
    load_text,
    table_rows,
)

# Refusals: the whole file or nothing.

VALID_EARLY_CHANGES = (
    ("name: Dana Lee\n", "name: Dana Lee-Hart\n"),
    ('phone: "617-555-0102"', 'phone: "617-555-0106"'),
    ("name: Riverside DBT Clinic\n", "name: Riverside DBT Clinic East\n"),
)

BAD_ROSTERS = {
    "bad phone": (
        [('phone: "+1 617 555 0103"', 'phone: "617-555-01"')],
        "- id: dr-kim",
        ["clinicians[2] (dr-kim)", "phone '617-555-01'"],
    ),
    "unknown clinician time zone": (
        [("timezone: America/Chicago", "timezone: Mars/Olympus_Mons")],
        "- id: dr-chen",
        ["clinicians[4] (dr-chen)", "timezone 'Mars/Olympus_Mons' is not a time zone"],
    ),
    "a region for a time zone": (
        [("timezone: America/Chicago", "timezone: America")],
        "- id: dr-chen",
        ["clinicians[4] (dr-chen)", "timezone 'America' is not a time zone"],
    ),
    "unknown practice time zone": (
        [("timezone: America/New_York", "timezone: New York")],
        "  id: riverside",
        ["practice", "timezone 'New York' is not a time zone"],
    ),
    "unknown day": (
        [
            (
                "- clinician: dr-chen\n    days: [mon, tue, wed, thu, fri]",
                "- clinician: dr-chen\n    days: [mon, tue, wed, thu, fryday]",
            )
        ],
        "- clinician: dr-chen",
        ["windows[3] (dr-chen)", "days 'fryday' is not one of"],
    ),
    "hour 25": (
        [('end: "23:00"', 'end: "25:00"')],
        "- clinician: dr-lee",
        ["windows[0] (dr-lee)", "end '25:00' is not a time of day"],
    ),
    "a window starting at 24:00": (
        [('start: "08:00"', 'start: "24:00"')],
        "- clinician: dr-kim",
        ["windows[2] (dr-kim)", "start '24:00'", "can only end a window"],
    ),
    "a one-off window ending before it starts": (
        [
            (
                '    end: "22:00"\n',
                '    end: "22:00"\n  - clinician: dr-lee\n'
                '    from: "2026-12-26T08:00"\n    to: "2026-12-24T18:00"\n',
            )
        ],
        "- clinician: dr-lee",
        ["windows[4] (dr-lee)", "to '2026-12-24T18:00' must be after from '2026-12-26T08:00'"],
    ),
    "a window for an unknown clinician": (
        [("- clinician: dr-kim", "- clinician: dr-kimm")],
        "- clinician: dr-kimm",
        ["windows[2] (dr-kimm)", "clinician 'dr-kimm' is not a clinician of this practice"],
    ),
    "a window for a list of clinicians": (
        [("- clinician: dr-kim", "- clinician: [dr-kim]")],
        "- clinician: [dr-kim]",
        ["windows[2]", "clinician ['dr-kim'] is not a clinician of this practice"],
    ),
    "unknown care team clinician": (
        [("care_team: [dr-patel]\n", "care_team: [dr-nobody]\n")],
        "- id: pt-jo",
        ["patients[2] (pt-jo)", "care_team 'dr-nobody' is not a clinician of this practice"],
    ),
    "a care team member that is not an id": (
        [("care_team: [dr-patel]\n", "care_team: [[dr-patel]]\n")],
        "- id: pt-jo",
        ["patients[2] (pt-jo)", "care_team ['dr-patel'] is not a clinician"],
    ),
    "duplicate patient id": (
        [("- id: pt-jo", "- id: pt-sam")],
        "- id: pt-sam",
        ["patients[2] (pt-sam)", "id 'pt-sam' names a second patient"],
    ),
    "duplicate clinician id": (
        [
            (
                "patients:\n",
                '  - id: dr-kim\n    name: Min Kim\n    phone: "617-555-0107"\npatients:\n',
            )
        ],
        "- id: dr-kim",
        ["clinicians[5] (dr-kim)", "id 'dr-kim' names a second clinician"],
    ),
    "unknown field": (
        [("    language: es\n", '    language: es\n    pager: "617-555-0140"\n')],
        "- id: pt-ana",
        ["patients[1] (pt-ana)", "unknown field 'pager'"],
    ),
    "missing crisis line": (
        [('  crisis_line: "+16175550111"\n', "")],
        "  id: riverside",
        ["practice", "crisis_line is missing"],
    ),
    "bad crisis line": (
        [('crisis_line: "+16175550111"', 'crisis_line: "911"')],
        "  id: riverside",
        ["practice", "crisis_line '911'"],
    ),
    "unknown policy key": (
        [("ring_timeout_s: 20", "ring_timeout: 20")],
        "  id: riverside",
        ["practice", "policy", "unknown policy setting 'ring_timeout'"],
    ),
    "policy value out of range": (
        [("ring_timeout_s: 20", "ring_timeout_s: 2")],
        "  id: riverside",
        ["practice", "policy", "ring_timeout_s", "not 2"],
    ),
    "policy value not a number": (
        [("ring_timeout_s: 20", "ring_timeout_s: twenty")],
        "  id: riverside",
        ["practice", "policy", "ring_timeout_s", "not 'twenty'"],
    ),
    "a phone shared by two patients": (
        [('phones: ["617-555-0197"]', 'phones: ["617-555-0199"]')],
        "- id: pt-jo",
        ["patients[2] (pt-jo)", "phones '617-555-0199' also belongs to patient pt-sam"],
    ),
    "invalid YAML": (
        [("    name: Jo Park\n", "    name: Jo Park\n   nickname: Jo\n")],
        "   nickname: Jo",
        ["expected"],
    ),
}


@pytest.mark.parametrize("case", list(BAD_ROSTERS), ids=list(BAD_ROSTERS))
def test_a_malformed_roster_is_refused_whole_and_changes_nothing(roster: None, case: str) -> None:
    replacements, entry_line, fragments = BAD_ROSTERS[case]
    text = edit(RIVERSIDE, *VALID_EARLY_CHANGES, *replacements)
    before = table_rows()
    with pytest.raises(RosterError) as refused:
        load_text(text)
    message = str(refused.value)
    assert len(refused.value.problems) == 1, refused.value.problems
    assert message.startswith(f"line {line_of(text, entry_line)}")
    for fragment in fragments:
        assert fragment in message
    assert "\n" not in message
    assert table_rows() == before


def test_every_problem_in_a_roster_is_reported_first_one_first(database_url: str) -> None:
    before = table_rows()
    text = edit(
        RIVERSIDE,
        ('phone: "+1 617 555 0103"', 'phone: "617-555-01"'),
        ('end: "23:00"', 'end: "25:00"'),
    )
    with pytest.raises(RosterError) as refused:
        load_text(text)
    assert [p.split(":")[0] for p in refused.value.problems] == [
        f"line {line_of(text, '- id: dr-kim')}, clinicians[2] (dr-kim)",
        f"line {line_of(text, '- clinician: dr-lee')}, windows[0] (dr-lee)",
    ]
    assert str(refused.value).endswith("(and 1 more)")
    assert table_rows() == before


def test_a_practice_number_used_by_another_practice_is_refused(roster: None) -> None:
    before = table_rows()
    with pytest.raises(RosterError, match=r"practice numbers: \+16175550100 .*riverside"):
        load_text(edit(HARBOR, ('numbers: ["+16175550120"]', 'numbers: ["617-555-0100"]')))
    assert table_rows() == before


def test_a_clinician_id_used_by_another_practice_is_refused(roster: None) -> None:
    before = table_rows()
    with pytest.raises(RosterError, match=r"clinicians \(dr-lee\): id is used by riverside"):
        load_text(
            edit(
                HARBOR,
                ("- id: dr-wu", "- id: dr-lee"),
                ("[dr-wu]", "[dr-lee]"),
                ("- clinician: dr-wu", "- clinician: dr-lee"),
            ),
            "harbor",
        )
    assert table_rows() == before


def test_a_phone_of_a_patient_left_out_of_the_file_is_refused(roster: None) -> None:
    before = table_rows()
    # pt-jo is not in the changed roster but still holds 617-555-0197.
    taken = edit(CHANGED, ('phones: ["617-555-0195"]', 'phones: ["617-555-0197"]'))
    with pytest.raises(RosterError, match=r"patients \(pt-lou\): phone \+16175550197 .*pt-jo"):
        load_text(taken)
    assert table_rows() == before
