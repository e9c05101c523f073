"""The vocabulary (policies/vocabulary.py): the values SPEC fixes, and every word the code
writes today. The second half keeps the enums complete while modules still write literals."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from enum import StrEnum
from pathlib import Path

import pytest

from policies.vocabulary import (
    STAFF_ROLES,
    Channel,
    EventType,
    FollowUpStatus,
    MessageKind,
    MessageStatus,
    Outcome,
    Purpose,
    Role,
)

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    ("words", "spec"),
    [
        (Channel, ["voice", "sms"]),
        (Outcome, ["connected", "acknowledged", "crisis_line", "abandoned", "open"]),
        (MessageKind, ["sms", "call"]),
        (FollowUpStatus, ["open", "done"]),
        (Role, ["clinician", "supervisor", "admin"]),
    ],
)
def test_the_closed_sets_are_the_ones_spec_names_in_its_order(
    words: type[StrEnum], spec: list[str]
) -> None:
    assert [word.value for word in words] == spec


def test_the_message_log_statuses_spec_names_are_all_there() -> None:
    spec = {"queued", "sent", "delivered", "failed", "undelivered", "simulated"}
    assert spec <= {status.value for status in MessageStatus}


def test_a_word_is_the_string_the_database_stores() -> None:
    assert Outcome.CRISIS_LINE == "crisis_line"
    assert f"{EventType.TEXT_RECEIVED}" == "text_received"
    assert "admin" in STAFF_ROLES
    assert "clinician" not in STAFF_ROLES


def test_the_roster_accepts_exactly_the_roles() -> None:
    from router.roster.parse import ROLES

    assert tuple(Role) == ROLES


def _calls(name: str) -> Iterator[ast.Call]:
    for folder in ("router", "workers"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Call):
                    called = node.func
                    if getattr(called, "attr", getattr(called, "id", None)) == name:
                        yield node


def _literals(node: ast.expr) -> Iterator[str]:
    """String constants an expression can evaluate to ("a" if x else "b" gives both)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        yield node.value
    elif isinstance(node, ast.IfExp):
        yield from _literals(node.body)
        yield from _literals(node.orelse)
    elif isinstance(node, ast.Dict):
        for value in node.values:
            yield from _literals(value)
    elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
        if node.func.attr == "get":  # {"busy": "busy", ...}.get(status, "no_answer")
            yield from _literals(node.func.value)
            for arg in node.args[1:]:
                yield from _literals(arg)


def test_every_event_type_the_code_writes_is_in_the_vocabulary() -> None:
    written = {word for call in _calls("add_event") for word in _literals(call.args[2])}
    assert written, "found no add_event calls: has the repository moved?"
    assert written <= {word.value for word in EventType}, written - set(EventType)


def test_every_purpose_the_code_sends_for_is_in_the_vocabulary() -> None:
    written = {
        word
        for name in ("queue_sms", "queue_call", "_text_staff")
        for call in _calls(name)
        for keyword in call.keywords
        if keyword.arg == "purpose"
        for word in _literals(keyword.value)
    } | {
        word
        for call in _calls("_text_staff")
        if len(call.args) > 5
        for word in _literals(call.args[5])
    }
    assert written, "found no queue_sms calls: has the outbox moved?"
    assert written <= {word.value for word in Purpose}, written - set(Purpose)
