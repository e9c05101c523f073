# TEMPORARY shim: the lead removes it at merge
"""Re-exports for modules not yet pointed at router/failsafe/ (router/twilio/sms.py)."""

from router.failsafe.replay import replay_spool
from router.failsafe.spooling import accepted_in_spool, spool

__all__ = ["accepted_in_spool", "replay_spool", "spool"]
