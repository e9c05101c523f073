"""What the router stores, one module an area. Every query lives in `router.store.repositories`.

The tables are defined in the area modules below; importing this package imports them all,
so `Base.metadata` (what Alembic's env and the tests compare with the migrations) holds every
table. Callers may import a model from here or from its area module: the names are the same.
"""

from __future__ import annotations

from router.store.models.accounts import (
    ApiToken,
    IcalFeed,
    SignInChallenge,
    StaffCredential,
    StaffInvite,
    WebSession,
)
from router.store.models.audit import AuditEntry, AuditHead
from router.store.models.base import Base, UTCDateTime, utcnow
from router.store.models.contacts import CallLeg, Contact, ContactEvent, FollowUp, FollowUpDigest
from router.store.models.directory import (
    CareTeamMember,
    Clinician,
    Patient,
    PatientPhone,
    Practice,
    PracticeNumber,
    RouteVersion,
)
from router.store.models.messaging import (
    EscalationDeadline,
    InboundText,
    OutboundMessage,
    TextThread,
)
from router.store.models.oncall import CoachingPause, CoverageAlert, CoverRequest, OnCallWindow

__all__ = [
    "ApiToken",
    "AuditEntry",
    "AuditHead",
    "Base",
    "CallLeg",
    "CareTeamMember",
    "Clinician",
    "CoachingPause",
    "Contact",
    "ContactEvent",
    "CoverRequest",
    "CoverageAlert",
    "EscalationDeadline",
    "FollowUp",
    "FollowUpDigest",
    "IcalFeed",
    "InboundText",
    "OnCallWindow",
    "OutboundMessage",
    "Patient",
    "PatientPhone",
    "Practice",
    "PracticeNumber",
    "RouteVersion",
    "SignInChallenge",
    "StaffCredential",
    "StaffInvite",
    "TextThread",
    "UTCDateTime",
    "WebSession",
    "utcnow",
]
