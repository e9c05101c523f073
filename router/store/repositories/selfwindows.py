"""Queries for the one-off windows clinicians set themselves by text (ON, OFF)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from router.store.models import OnCallWindow


def running_self_windows(session: Session, clinician_id: str, now: datetime) -> list[OnCallWindow]:
    """The clinician's own one-off windows (on call or off call) running at `now`."""
    return list(
        session.scalars(
            select(OnCallWindow).where(
                OnCallWindow.clinician_id == clinician_id,
                OnCallWindow.source == "self",
                OnCallWindow.kind == "oneoff",
                OnCallWindow.starts_at <= now,
                OnCallWindow.ends_at > now,
            )
        )
    )
