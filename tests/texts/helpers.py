"""What the text tests share (not a test module: no test module imports another): the
webhook's own answer to a text, and an API bearer token to read the logs with."""

from __future__ import annotations

from router.core.db import session_scope
from router.store.repositories import tokens


def webhook_answer(record) -> str:
    """The text the patient got straight back from the webhook."""
    assert record.replies, "the webhook answered nothing"
    return record.replies[0].body


def bearer(user_id: str) -> dict[str, str]:
    with session_scope() as session:
        return {"Authorization": f"Bearer {tokens.issue(session, user_id)}"}
