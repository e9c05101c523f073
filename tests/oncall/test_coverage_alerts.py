"""The coverage job texts the supervisors once per gap in the next 48 hours (SPEC §11)."""

from __future__ import annotations

from sqlalchemy import select

from router.core.db import session_scope
from router.oncall.coverage import check_all_practices
from router.store.models import OutboundMessage
from tests.clinic import ORTIZ


def coverage_texts() -> list[OutboundMessage]:
    with session_scope() as session:
        return list(
            session.scalars(
                select(OutboundMessage).where(OutboundMessage.purpose == "coverage_gap")
            )
        )


def test_supervisors_are_texted_once_per_gap(roster, clock) -> None:
    with session_scope() as session:
        told = check_all_practices(session, clock())
    assert told > 0
    texts = coverage_texts()
    assert len(texts) == told  # one supervisor in the test roster
    assert {t.to_number for t in texts} == {ORTIZ}
    for text in texts:
        assert "pt-" not in (text.body or "")  # S7: no patient ids or names
        assert "coverage gap" in (text.body or "")
    with session_scope() as session:
        assert check_all_practices(session, clock()) == 0
    assert len(coverage_texts()) == told
    clock.advance(hours=1)
    with session_scope() as session:
        again = check_all_practices(session, clock())
    # An hour later the running gap is the same gap; only newly seen ones are told.
    assert len(coverage_texts()) == told + again
