"""`GET /api/v1/messages` (SPEC §8): every outbound text and call, for supervisors and admins."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request

from policies.vocabulary import MessageKind, MessageStatus, Purpose
from router.api.deps import SessionDep, StaffOnly
from router.api.schemas import MessageOut
from router.api.windows import refuse_unknown_filters
from router.core.errors import one_of
from router.store.models import Clinician, OutboundMessage
from router.store.repositories import audit
from router.store.repositories import messages as message_log

router = APIRouter()

MessageLogReader = Annotated[Clinician, Depends(StaffOnly("the message log"))]


# Texts that carry a sign-in secret: readable in the log only when simulated (development).
SECRET_PURPOSES = frozenset({Purpose.INVITE, Purpose.SIGN_IN_CODE})
HIDDEN_SECRET = "[hidden: this text carries a sign-in secret]"


def message_out(message: OutboundMessage) -> MessageOut:
    status = message.status
    body = message.body
    if message.purpose in SECRET_PURPOSES and status != MessageStatus.SIMULATED:
        body = HIDDEN_SECRET
    if status == MessageStatus.SENDING:
        status = MessageStatus.QUEUED  # "sending" is the router's own claim on a queued message
    return MessageOut(
        id=message.id,
        kind=MessageKind(message.kind),
        purpose=message.purpose,
        to=message.to_number,
        from_=message.from_number,
        body=body,
        status=status,
        sid=message.sid,
        error_code=message.error_code,
        contact=message.contact_id,
        clinician=message.clinician_id,
        created_at=message.created_at,
        updated_at=message.updated_at,
    )


@router.get("/messages", response_model=list[MessageOut])
def list_messages(
    request: Request,
    session: SessionDep,
    user: MessageLogReader,
    contact: Annotated[str | None, Query(max_length=64)] = None,
    kind: str | None = None,
    limit: Annotated[int, Query(ge=1, le=5000)] = 500,
) -> list[MessageOut]:
    """Every outbound text and call (admins and supervisors)."""
    refuse_unknown_filters(request, {"contact", "kind", "limit"})
    one_of("kind", kind, MessageKind)
    found = message_log.messages(
        session, user.practice_id, contact_id=contact, kind=kind, limit=limit
    )
    audit.append(
        session,
        actor=user.id,
        action="messages.read",
        subject=f"practice:{user.practice_id}",
        detail={"messages": len(found), "contact": contact},
    )
    return [message_out(message) for message in found]
