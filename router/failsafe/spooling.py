"""What the edges keep when the database is away (S1, S5): each kind of record the spool
holds, the crisis line each number uses, and whether a clinician's acceptance is waiting.

Nothing here touches the database; router/failsafe/replay.py writes the records back.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from datetime import datetime

from router.core.phones import caller_e164
from router.core.runtime import process_singleton
from router.core.settings import get_settings
from router.core.spool import Spool

log = logging.getLogger("afterhours.failsafe")

CALL, ACCEPTANCE, TEXT, STATUS = "voice_failsafe", "voice_accepted", "sms_failsafe", "voice_status"
KINDS = (CALL, ACCEPTANCE, TEXT, STATUS)
_STATUS_FIELDS = ("CallSid", "CallStatus", "CallDuration")


@process_singleton
def spool() -> Spool:
    return Spool(get_settings().spool_path)


@process_singleton
def _crisis_lines() -> dict[str, str]:
    """Crisis-line numbers seen per practice number: the fail-safe uses them without a database."""
    return {}


def remember_crisis_lines(lines: Mapping[str, str]) -> None:
    _crisis_lines().update(lines)


def crisis_line_for(to: str | None) -> str:
    number = caller_e164(to) if to else None
    return _crisis_lines().get(number or "", get_settings().crisis_line)


def keep_call(params: Mapping[str, str], reason: str, at: datetime, step: int | None = None) -> str:
    """A call the fail-safe answers; returns the crisis line it dials. An unwritable spool
    costs the record, never the answer."""
    crisis_line = crisis_line_for(params.get("To"))
    _append(
        {
            "kind": CALL,
            "sid": params.get("CallSid"),
            "from": params.get("From"),
            "to": params.get("To"),
            "at": at.isoformat(),
            "reason": reason,
            "step": step,
            "crisis_line": crisis_line,
        }
    )
    return crisis_line


def keep_acceptance(contact_id: str, step: int, at: datetime) -> None:
    """A clinician pressed 1 while the database was away: they are bridged, and this is kept."""
    spool().append({"kind": ACCEPTANCE, "contact": contact_id, "step": step, "at": at.isoformat()})


def keep_text(params: Mapping[str, str], reason: str, at: datetime) -> None:
    """A text the fail-safe answered: it is relayed as usual once the database is back."""
    _append({"kind": TEXT, "params": dict(params), "at": at.isoformat(), "reason": reason})


def keep_status(params: Mapping[str, str], at: datetime) -> None:
    """A call's status callback the database could not take (or whose call it has not seen)."""
    keep = {k: params[k] for k in _STATUS_FIELDS if k in params}
    spool().append({"kind": STATUS, "params": keep, "at": at.isoformat()})


def accepted_in_spool(contact_id: str, step: int) -> bool:
    return any(
        r.get("kind") == ACCEPTANCE
        and r.get("contact") == contact_id
        and int(r.get("step", -1)) == step
        for r in spool().records()
    )


def _append(record: dict[str, object]) -> None:
    try:
        spool().append(record)
    except OSError:
        log.error("spool unwritable; the fail-safe answer goes out regardless")
