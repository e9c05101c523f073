"""Clear answers (issue 7, item 9): 404 for unknown ids, 422 for unknown filters, the bearer
scheme in /docs, and one line for an unmigrated database."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from router.cli import app
from router.core.db import reset_caches
from tests.api.staff import bearer, load_two_practices


@pytest.fixture
def practices(database_url: str, clock) -> None:
    load_two_practices()


@pytest.mark.parametrize(
    ("query", "status"),
    [
        ("?patient=pt-nobody", 404),
        ("?patient=pt-max", 404),  # another practice's
        ("?clinician=dr-nobody", 404),
        ("?clinician=dr-wu", 404),
        ("?doctor=dr-lee", 422),
        ("?patient=pt-sam", 200),
    ],
)
def test_the_contact_log_answers_unknown_ids_and_filters(client, practices, query, status):
    response = client.get(f"/api/v1/contacts{query}", headers=bearer("sup-ortiz"))
    assert response.status_code == status, response.text


def test_docs_offer_the_bearer_scheme(client) -> None:
    document = client.get("/openapi.json").json()
    assert document["components"]["securitySchemes"]["HTTPBearer"]["scheme"] == "bearer"
    for path in ("/api/v1/windows", "/api/v1/follow-ups", "/api/v1/coverage", "/api/v1/me"):
        assert document["paths"][path]["get"]["security"] == [{"HTTPBearer": []}]


def test_an_unmigrated_database_gets_one_line_saying_to_upgrade(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'empty.db'}")
    reset_caches()
    try:
        for args in (["who", "pt-sam"], ["roster", "export"], ["coverage"], ["token", "dr-lee"]):
            result = CliRunner().invoke(app, args)
            assert result.exit_code == 1, (args, result.output)
            assert result.stderr.splitlines() == [
                "afterhours: the database has no afterhours tables yet: run `afterhours db upgrade`"
            ]
            assert "Traceback" not in result.output
    finally:
        reset_caches()
