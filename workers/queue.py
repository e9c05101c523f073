"""Moved to router/core/jobs.py; kept for router/demo/night.py until the merge re-points it."""

from router.core.jobs import InProcessQueue, get_queue

__all__ = ["InProcessQueue", "get_queue"]
