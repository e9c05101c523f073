"""The hourly staff checks: coverage gaps of the next 48 hours to the supervisors (SPEC §11),
overdue follow-ups to the supervisors, and each clinician's morning text of open follow-ups.

They read every practice's windows and open follow-ups and are pure Python for seconds at a
large roster, so they run where they cannot slow a call: in the worker that holds the
scheduler lock (workers/scheduler.py queues them once an hour), or in the web process only
when there is no worker (the embedded default, jobs in-process). Each text is exactly-once in
the database (router.oncall.coverage, router.oncall.notices), so two runs send nothing twice.
"""

from __future__ import annotations

from datetime import datetime

from router.core import clock
from router.core.db import session_scope
from router.oncall.coverage import check_all_practices
from router.oncall.notices import run_notices


def run_staff_checks(now: datetime | None = None) -> None:
    at = now or clock.now()
    with session_scope() as session:
        check_all_practices(session, at)
    with session_scope() as session:  # overdue follow-ups to supervisors, morning texts
        run_notices(session, at)
