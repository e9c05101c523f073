"""The vocabulary (policies/vocabulary.py): the values SPEC fixes, and every word the code
writes. The second half keeps the enums complete, and the code writing their members rather
than the strings they stand for."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from enum import StrEnum
from functools import cache
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


# Where the router writes a word of the vocabulary: the enum each kind of place takes.
# Twilio's own words (the simulator, CallStatus values) and the frozen migrations are not ours.
NOT_OURS = ("router/twilio/sim/", "router/store/migrations/")
BY_ATTRIBUTE: dict[str, type[StrEnum]] = {
    "channel": Channel,
    "outcome": Outcome,
    "purpose": Purpose,
    "kind": MessageKind,
    "role": Role,
    "result": EventType,  # a call leg's result is the event that ended it
    "status": MessageStatus,  # thread and follow-up statuses share "open": not checked here
}
VOCABULARY = {words.__name__: words for words in {*BY_ATTRIBUTE.values(), FollowUpStatus}}


@cache
def _modules() -> list[tuple[str, ast.Module]]:
    found = []
    for folder in ("router", "workers"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            name = path.relative_to(ROOT).as_posix()
            if not name.startswith(NOT_OURS):
                found.append((name, ast.parse(path.read_text(encoding="utf-8"))))
    return found


def _calls(name: str) -> Iterator[ast.Call]:
    for _path, tree in _modules():
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                called = node.func
                if getattr(called, "attr", getattr(called, "id", None)) == name:
                    yield node


def _constants(node: ast.expr) -> Iterator[ast.Constant]:
    """String constants an expression can evaluate to ("a" if x else "b" gives both)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        yield node
    elif isinstance(node, ast.IfExp):
        yield from _constants(node.body)
        yield from _constants(node.orelse)
    elif isinstance(node, ast.Tuple | ast.List | ast.Set):
        for element in node.elts:
            yield from _constants(element)
    elif isinstance(node, ast.Dict):
        for value in node.values:
            if value is not None:
                yield from _constants(value)
    elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
        if node.func.attr == "get":  # {"busy": "busy", ...}.get(status, "no_answer")
            yield from _constants(node.func.value)
            for arg in node.args[1:]:
                yield from _constants(arg)


def _members(node: ast.expr) -> Iterator[str]:
    """Vocabulary members an expression names (EventType.RELAYED, in the same shapes)."""
    for child in ast.walk(node):
        if isinstance(child, ast.Attribute) and isinstance(child.value, ast.Name):
            words = VOCABULARY.get(child.value.id)
            if words is not None and child.attr in words.__members__:
                yield words[child.attr].value


def _literals(node: ast.expr) -> Iterator[str]:
    """What an expression can write: its string constants and the members it names."""
    yield from (constant.value for constant in _constants(node))
    yield from _members(node)


def test_every_event_type_the_code_writes_is_in_the_vocabulary() -> None:
    written = {word for call in _calls("add_event") for word in _literals(call.args[2])}
    assert written, "found no add_event calls: has the repository moved?"
    assert written <= {word.value for word in EventType}, written - set(EventType)


def _purposes() -> Iterator[ast.expr]:
    for name in ("queue_sms", "queue_call", "text_staff"):
        for call in _calls(name):
            yield from (keyword.value for keyword in call.keywords if keyword.arg == "purpose")
    # texts/alerts.py: text_staff(session, practice, contact, people, body, purpose, ...)
    yield from (call.args[5] for call in _calls("text_staff") if len(call.args) > 5)


def test_every_purpose_the_code_sends_for_is_in_the_vocabulary() -> None:
    written = {word for value in _purposes() for word in _literals(value)}
    assert written, "found no queue_sms calls: has the outbox moved?"
    assert written <= {word.value for word in Purpose}, written - set(Purpose)


def _attribute(node: ast.expr) -> str | None:
    """`outcome` for contact.outcome and Contact.outcome, and for a bare `outcome` name; but
    a bare `status` is mostly Twilio's (DialCallStatus, CallStatus), not the message log's."""
    if isinstance(node, ast.Attribute):
        return node.attr
    return node.id if isinstance(node, ast.Name) and node.id != "status" else None


def _slots(tree: ast.Module) -> Iterator[tuple[type[StrEnum], ast.expr]]:
    """Each expression the router writes or compares as a word of one of the enums."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            name = _attribute(node.func)
            if name in ("add_event", "has_event") and len(node.args) > 2:
                yield EventType, node.args[2]
            if name == "staff_with_role":
                yield from ((Role, arg) for arg in node.args if not isinstance(arg, ast.Name))
            if name == "text_staff" and len(node.args) > 5:
                yield Purpose, node.args[5]
            if name == "in_" and isinstance(node.func, ast.Attribute):
                words = BY_ATTRIBUTE.get(_attribute(node.func.value) or "")
                if words is not None:
                    yield from ((words, arg) for arg in node.args)
            for keyword in node.keywords:
                if keyword.arg in BY_ATTRIBUTE:
                    yield BY_ATTRIBUTE[keyword.arg], keyword.value
        elif isinstance(node, ast.Compare):
            sides = [node.left, *node.comparators]
            for name in filter(None, map(_attribute, sides)):
                if name in BY_ATTRIBUTE:
                    yield from ((BY_ATTRIBUTE[name], side) for side in sides)
        elif isinstance(node, ast.Assign | ast.AnnAssign) and node.value is not None:
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for target in targets:
                if isinstance(target, ast.Tuple) and isinstance(node.value, ast.Tuple):
                    pairs = list(zip(target.elts, node.value.elts, strict=False))
                else:
                    pairs = [(target, node.value)]
                for left, value in pairs:
                    name = left.id if isinstance(left, ast.Name) else _attribute(left)
                    words = BY_ATTRIBUTE.get(name or "")
                    if words is None:
                        continue
                    if isinstance(value, ast.Call):  # a model column's default
                        value = next((k.value for k in value.keywords if k.arg == "default"), value)
                    yield words, value


def test_the_code_writes_the_vocabulary_not_string_literals() -> None:
    """A value the vocabulary has a word for is written as that word (Outcome.OPEN, not
    "open"), so a typo is a NameError and every use of a word can be found."""
    written = []
    for path, tree in _modules():
        for words, value in _slots(tree):
            for constant in _constants(value):
                if constant.value in {word.value for word in words}:
                    member = f"{words.__name__}.{words(constant.value).name}"
                    written.append(f"{path}:{constant.lineno}: {constant.value!r} -> {member}")
    assert not written, "\n".join(written)
