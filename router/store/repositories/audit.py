"""The tamper-evident audit log: an append-only hash chain (S8)."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import String, cast, or_, select, update
from sqlalchemy.orm import Session

from router.store.models import AuditEntry, AuditHead, utcnow

GENESIS = "0" * 64


def _digest(
    prev_hash: str,
    at: datetime,
    actor: str,
    action: str,
    subject: str | None,
    detail: dict[str, Any],
) -> str:
    body = json.dumps(
        {
            "prev": prev_hash,
            "at": at.isoformat(),
            "actor": actor,
            "action": action,
            "subject": subject,
            "detail": detail,
        },
        sort_keys=True,
        separators=(",", ":"),
        default=str,
    )
    return hashlib.sha256(body.encode()).hexdigest()


def append(
    session: Session,
    *,
    actor: str,
    action: str,
    subject: str | None = None,
    detail: dict[str, Any] | None = None,
) -> AuditEntry:
    """Adds an entry after the current head. The head row's update serialises writers."""
    session.execute(update(AuditHead).where(AuditHead.id == 1).values(count=AuditHead.count + 1))
    last = session.scalars(select(AuditEntry).order_by(AuditEntry.id.desc()).limit(1)).first()
    prev_hash = last.hash if last else GENESIS
    # Microseconds are dropped so the stored time hashes the same on every backend.
    at = utcnow().replace(microsecond=0)
    detail = json.loads(json.dumps(detail or {}, default=str))
    entry = AuditEntry(
        at=at,
        actor=actor,
        action=action,
        subject=subject,
        detail=detail,
        prev_hash=prev_hash,
        hash=_digest(prev_hash, at, actor, action, subject, detail),
    )
    session.add(entry)
    session.flush()
    return entry


@dataclass(frozen=True)
class ChainCheck:
    entries: int
    broken_at: int | None
    reason: str | None

    @property
    def ok(self) -> bool:
        return self.broken_at is None


def verify(session: Session) -> ChainCheck:
    prev_hash = GENESIS
    count = 0
    for entry in session.scalars(select(AuditEntry).order_by(AuditEntry.id)).yield_per(1000):
        count += 1
        if entry.prev_hash != prev_hash:
            return ChainCheck(count, entry.id, "its previous-hash does not match the entry before")
        expected = _digest(
            prev_hash, entry.at, entry.actor, entry.action, entry.subject, entry.detail
        )
        if entry.hash != expected:
            return ChainCheck(count, entry.id, "its content does not match its hash")
        prev_hash = entry.hash
    head = session.get(AuditHead, 1)
    if head is not None and head.count != count:
        return ChainCheck(count, -1, f"{head.count} entries were written but {count} remain")
    return ChainCheck(count, None, None)


# Actions whose detail lists the contacts a person read (the API's and the pages' reads).
CONTACT_READS = ("contacts.read", "contacts.export")


def about_contact(session: Session, contact_id: str, limit: int = 1000) -> list[AuditEntry]:
    """The audit trail of one contact, oldest first: entries about it (its follow-up's
    changes, opening its timeline) and every read or export of the log that showed it."""
    mentions = cast(AuditEntry.detail, String).contains(contact_id, autoescape=True)
    query = (
        select(AuditEntry)
        .where(
            or_(
                AuditEntry.subject == f"contact:{contact_id}",
                AuditEntry.action.in_(CONTACT_READS) & mentions,
            )
        )
        .order_by(AuditEntry.id)
        .limit(limit)
    )
    return [
        entry
        for entry in session.scalars(query)
        if entry.subject == f"contact:{contact_id}"
        or contact_id in (entry.detail or {}).get("contacts", [])
    ]


def about_subject(session: Session, subject: str, limit: int = 1000) -> list[AuditEntry]:
    """Every entry about one subject ("window:12", "user:dr-lee"), oldest first."""
    return list(
        session.scalars(
            select(AuditEntry)
            .where(AuditEntry.subject == subject)
            .order_by(AuditEntry.id)
            .limit(limit)
        )
    )
