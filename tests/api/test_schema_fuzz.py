"""`/openapi.json` tells the truth (issue 11): schemathesis sends every API operation examples
made from the schema itself, in process, against a migrated database with the fictional clinic
and a supervisor's (or a clinician's) bearer token, and every answer must be documented: no
5xx, a documented status code and content type, a body that matches the documented schema
(errors included).

Bounded and deterministic: a few examples per operation, derandomized. The webhooks (/twilio/*)
are form posts signed by Twilio and are left out; their 403 is checked in
tests/api/test_openapi_document.py.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.core.failures import FailureGroup
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from router.app import create_app
from router.core.db import session_scope
from router.store.repositories import tokens

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


@pytest.fixture
def api_schema(roster: None, clock: object) -> Any:
    """The app's own schema, over an in-process ASGI transport, on the test roster."""
    return schemathesis.openapi.from_asgi("/openapi.json", create_app())


def bearer(user_id: str) -> dict[str, str]:
    with session_scope() as session:
        return {"Authorization": f"Bearer {tokens.issue(session, user_id)}"}


BOUNDED = settings(
    max_examples=6,
    derandomize=True,
    deadline=None,
    database=None,
    phases=[Phase.explicit, Phase.generate],  # no shrinking: the first failure is reported
    suppress_health_check=list(HealthCheck),
)


def fuzz(
    operation: Any, mode: GenerationMode, headers: dict[str, str], seen: Counter[int]
) -> str | None:
    """Runs one operation's examples, counting the status codes; the first failure, or None."""

    @BOUNDED
    @given(case=operation.as_strategy(generation_mode=mode))
    def examples(case: Any) -> None:
        response = case.call_and_validate(headers=headers, checks=CHECKS)
        seen[response.status_code] += 1

    try:
        examples()
    except (Exception, FailureGroup) as failure:  # every failing operation is listed
        return f"{operation.label}: {failure}"
    return None


@pytest.mark.parametrize(
    ("mode", "user"),
    [
        (GenerationMode.POSITIVE, "sup-ortiz"),
        (GenerationMode.NEGATIVE, "sup-ortiz"),
        (GenerationMode.POSITIVE, "dr-lee"),  # a clinician: the S8 refusals are documented too
    ],
)
def test_every_answer_of_the_api_is_in_its_schema(
    api_schema: Any, mode: GenerationMode, user: str
) -> None:
    operations = [result.ok() for result in api_schema.get_all_operations()]
    fuzzed = [op for op in operations if op.path.startswith("/api/")]
    assert len(fuzzed) >= 15, [op.label for op in operations]
    seen: Counter[int] = Counter()
    failures = [found for op in fuzzed if (found := fuzz(op, mode, bearer(user), seen)) is not None]
    assert not failures, "\n\n".join(failures)
    # The token works: the examples reach the endpoints, not only the bearer check.
    assert sum(n for status, n in seen.items() if status < 300) > 0, seen
    print(f"{mode}: {len(fuzzed)} operations, answers by status {dict(sorted(seen.items()))}")
