# TEMPORARY shim: the lead removes it at merge
"""Re-exports for modules not yet pointed at router/contacts/ (router/texts/*, api, cli)."""

from router.contacts.caller import Caller, identify
from router.contacts.routes import (
    UnknownPatient,
    plan_for,
    practice_policy,
    route_document,
    route_for_patient,
)
from router.contacts.service import open_follow_up

__all__ = [
    "Caller",
    "UnknownPatient",
    "identify",
    "open_follow_up",
    "plan_for",
    "practice_policy",
    "route_document",
    "route_for_patient",
]
