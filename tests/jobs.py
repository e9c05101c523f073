"""Running the app's jobs from a test: the in-process queue, or RQ on the real Redis.

Either way a test says `jobs.settle()` (run what is due, deliver Twilio's callbacks, until
quiet) and `jobs.advance(minutes=10)` (move the clock, then settle).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from router.core.jobs import QUEUE_NAME, InProcessQueue, get_queue


class JobDriver:
    def __init__(self, clock: Any, sim: Any) -> None:
        self.clock = clock
        self.sim = sim
        self.queue = get_queue()

    def _run_due(self) -> int:
        if isinstance(self.queue, InProcessQueue):
            return self.queue.run_due()
        from rq import SimpleWorker
        from rq.registry import ScheduledJobRegistry

        queue = self.queue.queue  # type: ignore[attr-defined]
        registry = ScheduledJobRegistry(queue=queue)
        # RQ schedules in real time; the test's clock moves on its own. Each job carries the
        # app clock's due time: promote those the test clock has passed, as the scheduler would.
        for job_id in registry.get_job_ids():
            job = queue.fetch_job(job_id)
            due = datetime.fromisoformat(job.meta["due"]) if job and "due" in job.meta else None
            if job is not None and due is not None and due <= self.clock.at:
                registry.remove(job_id)
                queue.enqueue_job(job)
        ran = queue.count
        if ran:
            SimpleWorker([queue], connection=queue.connection).work(burst=True)
        return ran

    def settle(self, rounds: int = 20) -> None:
        for _ in range(rounds):
            ran = self._run_due()
            self.sim.flush()
            if not ran and not self.sim.pending:
                return
        raise AssertionError("jobs and callbacks did not settle (a loop?)")

    def advance(self, **delta: float) -> None:
        self.clock.advance(**delta)
        self.settle()

    def pending(self) -> list[str]:
        """Job ids waiting for a later time."""
        if isinstance(self.queue, InProcessQueue):
            return [request.job_id or "" for _, request in self.queue.scheduled()]
        from rq.registry import ScheduledJobRegistry

        return list(ScheduledJobRegistry(queue=self.queue.queue).get_job_ids())  # type: ignore[attr-defined]


__all__ = ["QUEUE_NAME", "JobDriver"]
