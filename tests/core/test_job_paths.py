"""router names its jobs by dotted path (it never imports workers): each path must resolve."""

from __future__ import annotations

import pytest

from router.core.jobs import Job, resolve


@pytest.mark.parametrize("job", list(Job))
def test_every_job_path_names_a_worker_entry_point(job: Job) -> None:
    assert job.startswith("workers.jobs.")
    assert callable(resolve(job))
