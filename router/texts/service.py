"""Moved to router/texts/inbound.py and router/texts/escalation.py; kept for the two
function-level imports in router/twilio/calls.py and router/twilio/recovery.py until the
merge re-points them."""

from router.texts.escalation import acknowledge_open_texts
from router.texts.inbound import handle_text

__all__ = ["acknowledge_open_texts", "handle_text"]
