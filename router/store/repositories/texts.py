"""Split into inbound.py, threads.py and messages.py (staff lookups: directory.py); kept for
router/api/v1.py and router/twilio/recovery.py until the merge re-points them."""

from router.store.repositories.inbound import inbound_by_sid
from router.store.repositories.messages import messages

__all__ = ["inbound_by_sid", "messages"]
