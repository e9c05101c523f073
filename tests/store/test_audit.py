"""The audit log's hash chain (S8): every entry covers its content and the one before."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import delete, select, update

from router.core.db import session_scope
from router.store.models import AuditEntry
from router.store.repositories import audit

ENTRIES = AuditEntry.__table__


def append_three() -> list[int]:
    with session_scope() as session:
        first = audit.append(session, actor="cli", action="roster.load", subject="practice:x")
        second = audit.append(
            session,
            actor="dr-lee",
            action="window.add",
            subject="user:dr-lee",
            detail={"days": ["mon", "tue"], "start": "17:00"},
        )
        third = audit.append(session, actor="cli", action="token.issue", subject=None)
        return [first.id, second.id, third.id]


def verify() -> audit.ChainCheck:
    with session_scope() as session:
        return audit.verify(session)


def tamper(entry_id: int, **values: Any) -> None:
    """Rewrites a stored entry with SQL, behind the repository's back."""
    with session_scope() as session:
        session.execute(update(ENTRIES).where(ENTRIES.c.id == entry_id).values(**values))


def remove(entry_id: int) -> None:
    with session_scope() as session:
        session.execute(delete(ENTRIES).where(ENTRIES.c.id == entry_id))


def stored(entry_id: int) -> AuditEntry:
    with session_scope() as session:
        entry = session.get(AuditEntry, entry_id)
        assert entry is not None
        return entry


def test_an_empty_log_verifies(database_url: str) -> None:
    assert verify() == audit.ChainCheck(0, None, None)


def test_the_first_entry_follows_the_genesis_hash(database_url: str) -> None:
    first, _, _ = append_three()
    entry = stored(first)
    assert entry.prev_hash == audit.GENESIS
    assert len(entry.hash) == 64
    assert entry.hash != audit.GENESIS


def test_each_entry_carries_the_hash_of_the_one_before(database_url: str) -> None:
    ids = append_three()
    entries = [stored(i) for i in ids]
    assert [e.prev_hash for e in entries[1:]] == [e.hash for e in entries[:-1]]
    assert len({e.hash for e in entries}) == 3


def test_an_untouched_chain_verifies_across_sessions(database_url: str) -> None:
    append_three()
    with session_scope() as session:
        audit.append(session, actor="cli", action="roster.load")
    check = verify()
    assert check.ok
    assert check.entries == 4


def test_details_hash_the_same_after_a_round_trip_through_the_database(
    database_url: str,
) -> None:
    at = datetime(2026, 11, 26, 2, 0, tzinfo=UTC)
    with session_scope() as session:
        entry = audit.append(
            session,
            actor="cli",
            action="followup.close",
            subject="contact:c1",
            detail={"at": at, "note": "called back — fine", "nested": {"b": 1, "a": [2, 1]}},
        )
        entry_id = entry.id
    assert stored(entry_id).detail == {
        "at": str(at),
        "note": "called back — fine",
        "nested": {"b": 1, "a": [2, 1]},
    }
    assert verify().ok


def test_an_altered_detail_breaks_the_chain_at_that_entry(database_url: str) -> None:
    _, second, _ = append_three()
    tamper(second, detail={"days": ["mon", "tue", "wed"], "start": "17:00"})
    check = verify()
    assert not check.ok
    assert check.broken_at == second
    assert check.reason == "its content does not match its hash"


@pytest.mark.parametrize(
    ("column", "value"),
    [
        ("actor", "dr-patel"),
        ("action", "window.remove"),
        ("subject", "user:dr-patel"),
        ("subject", None),
        ("at", datetime(2026, 11, 26, 2, 0, tzinfo=UTC)),
    ],
)
def test_any_altered_field_breaks_the_chain_at_that_entry(
    database_url: str, column: str, value: object
) -> None:
    _, second, _ = append_three()
    tamper(second, **{column: value})
    assert verify().broken_at == second


def test_a_time_moved_by_one_second_breaks_the_chain(database_url: str) -> None:
    first, _, _ = append_three()
    tamper(first, at=stored(first).at + timedelta(seconds=1))
    assert verify().broken_at == first


def test_an_altered_previous_hash_breaks_the_chain_at_that_entry(database_url: str) -> None:
    _, _, third = append_three()
    tamper(third, prev_hash="f" * 64)
    check = verify()
    assert check.broken_at == third
    assert check.reason == "its previous-hash does not match the entry before"


def test_an_entry_rewritten_with_a_fresh_hash_breaks_the_next_link(database_url: str) -> None:
    first, second, _ = append_three()
    entry = stored(first)
    forged_detail = {"forged": True}
    forged = audit._digest(
        entry.prev_hash, entry.at, entry.actor, entry.action, entry.subject, forged_detail
    )
    tamper(first, detail=forged_detail, hash=forged)
    check = verify()
    assert check.broken_at == second
    assert check.reason == "its previous-hash does not match the entry before"


def test_a_deleted_first_entry_breaks_the_chain(database_url: str) -> None:
    first, second, _ = append_three()
    remove(first)
    assert verify().broken_at == second


def test_a_deleted_middle_entry_breaks_the_chain(database_url: str) -> None:
    _, second, third = append_three()
    remove(second)
    assert verify().broken_at == third


def test_a_deleted_newest_entry_is_caught_by_the_count(database_url: str) -> None:
    _, _, third = append_three()
    remove(third)
    check = verify()
    assert not check.ok
    assert check.entries == 2
    assert check.reason == "3 entries were written but 2 remain"


def load_that_fails_after_its_audit_entry() -> None:
    with session_scope() as session:
        audit.append(session, actor="cli", action="roster.load")
        raise RuntimeError("the load failed")


def test_an_append_rolled_back_leaves_the_chain_intact(database_url: str) -> None:
    append_three()
    with pytest.raises(RuntimeError):
        load_that_fails_after_its_audit_entry()
    assert verify() == audit.ChainCheck(3, None, None)


def test_the_chain_continues_from_the_newest_entry(database_url: str) -> None:
    _, _, third = append_three()
    third_hash = stored(third).hash  # read first: SQLite allows one writer at a time
    with session_scope() as session:
        fourth = audit.append(session, actor="cli", action="roster.load")
        assert fourth.prev_hash == third_hash
        newest = session.scalars(select(AuditEntry).order_by(AuditEntry.id.desc())).first()
        assert newest is fourth
