"""What `/openapi.json` says (issue 11): every API operation documents its errors with the
error model the app really answers, the webhooks their 403, and the closed sets are enums.
(The answers themselves are checked against it by tests/api/test_schema_fuzz.py.)"""

from __future__ import annotations

from typing import Any

import pytest

from policies.vocabulary import Channel, CoverStatus, FollowUpStatus, MessageKind, Outcome, Role
from router.core.db import session_scope
from router.store.repositories import tokens
from tests.clinic import SAM

API_ERRORS = {"400": "ErrorOut", "401": "ErrorOut", "403": "ErrorOut", "404": "ErrorOut"}


@pytest.fixture
def document(client) -> dict[str, Any]:
    response = client.get("/openapi.json")
    assert response.status_code == 200
    return response.json()


def operations(document: dict[str, Any], prefix: str) -> list[tuple[str, dict[str, Any]]]:
    return [
        (f"{method.upper()} {path}", operation)
        for path, item in document["paths"].items()
        if path.startswith(prefix)
        for method, operation in item.items()
    ]


def model_of(response: dict[str, Any]) -> str:
    return response["content"]["application/json"]["schema"]["$ref"].rsplit("/", 1)[-1]


def test_every_api_operation_documents_its_errors_with_the_error_model(document):
    found = operations(document, "/api/")
    assert len(found) >= 17
    for label, operation in found:
        responses = operation["responses"]
        for status, model in API_ERRORS.items():
            assert model_of(responses[status]) == model, (label, status)
        assert model_of(responses["422"]) == "ValidationErrorOut", label
    contacts = document["paths"]["/api/v1/contacts"]["get"]["responses"]
    assert model_of(contacts["503"]) == "ErrorOut"  # its audit entry could not be written
    accept = document["paths"]["/api/v1/cover-requests/{request_id}/accept"]["post"]
    assert model_of(accept["responses"]["409"]) == "ErrorOut"


def test_every_webhook_documents_its_403_for_a_bad_signature(client, document):
    found = operations(document, "/twilio/")
    assert len(found) >= 9
    for label, operation in found:
        for status in ("403", "413", "415"):
            assert model_of(operation["responses"][status]) == "ErrorOut", (label, status)
    forged = client.post("/twilio/sms", data={"From": SAM, "Body": "hello"})
    assert forged.status_code == 403
    assert set(forged.json()) == {"detail"}


def test_every_webhook_documents_its_answer_as_twiml_not_json(document):
    found = operations(document, "/twilio/")
    assert found
    for name, operation in found:
        assert list(operation["responses"]["200"]["content"]) == ["application/xml"], name


def test_readyz_documents_its_503_not_ready(document):
    responses = document["paths"]["/readyz"]["get"]["responses"]
    assert set(responses) >= {"200", "503"}


def test_the_422_the_project_raises_has_every_field_the_schema_requires(client, document, roster):
    """Both 422s, the project's own (InputError) and FastAPI's, carry loc, msg and type."""
    schemas = document["components"]["schemas"]
    required = set(schemas["FieldProblem"]["required"])
    assert required == {"loc", "msg", "type"}
    assert schemas["ErrorOut"]["required"] == ["detail"]
    with session_scope() as session:
        headers = {"Authorization": f"Bearer {tokens.issue(session, 'sup-ortiz')}"}
    ours = client.get("/api/v1/contacts?outcome=lost", headers=headers)
    fastapis = client.get("/api/v1/contacts?limit=0", headers=headers)
    unknown = client.get("/api/v1/windows?colour=blue", headers=headers)
    body = client.post("/api/v1/windows/1/cover", json={"to": "dr-lee", "hue": 1}, headers=headers)
    for response in (ours, fastapis, unknown, body):
        assert response.status_code == 422
        (problem,) = response.json()["detail"]
        assert required <= set(problem), problem
    assert ours.json()["detail"][0]["loc"] == ["query", "outcome"]
    assert unknown.json()["detail"][0]["loc"] == ["query", "colour"]
    assert body.json()["detail"][0]["loc"] == ["body", "hue"]


@pytest.mark.parametrize(
    ("model", "field", "words"),
    [
        ("ContactOut", "channel", Channel),
        ("ContactOut", "outcome", Outcome),
        ("FollowUpOut", "status", FollowUpStatus),
        ("MessageOut", "kind", MessageKind),
        ("MeOut", "role", Role),
        ("CoverRequestOut", "status", CoverStatus),
    ],
)
def test_the_closed_sets_are_declared_as_enums(document, model, field, words):
    schemas = document["components"]["schemas"]
    declared = schemas[model]["properties"][field]
    if "$ref" in declared:
        declared = schemas[declared["$ref"].rsplit("/", 1)[-1]]
    assert declared["enum"] == [str(word) for word in words]
