"""A deploy that refuses to start wrong, and says what a development one only pretends to do."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
import yaml
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from router.core.db import reset_caches
from router.core.settings import get_settings
from router.store.migrate import upgrade
from tests.clinic import ACCOUNT_SID, BASE_URL

ROOT = Path(__file__).resolve().parents[2]
SECRET_VARIABLES = {
    "TWILIO_AUTH_TOKEN",
    "TWILIO_AUTH_TOKEN_PREVIOUS",
    "POSTGRES_PASSWORD",
    "DATABASE_PASSWORD",
}


@pytest.fixture
def production(monkeypatch, database_url):
    """A production configuration that is right: each test takes one thing away."""
    monkeypatch.setenv("AFTERHOURS_ENV", "production")
    monkeypatch.setenv("TWILIO_ACCOUNT_SID", ACCOUNT_SID)
    monkeypatch.setenv("PUBLIC_BASE_URL", "https://afterhours.example.org")
    get_settings.cache_clear()
    yield monkeypatch
    get_settings.cache_clear()


def _refusal(monkeypatch) -> str:
    from router.app import create_app

    get_settings.cache_clear()
    with pytest.raises(SystemExit) as refused:
        create_app()
    return str(refused.value)


def test_a_right_production_configuration_starts(production):
    from router.app import create_app

    with TestClient(create_app(), base_url=BASE_URL) as client:
        body = client.get("/readyz").json()
    assert body["environment"] == "production"
    assert body["sends"] == "twilio"
    assert "warnings" not in body


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("TWILIO_AUTH_TOKEN", None),
        ("TWILIO_AUTH_TOKEN", "   "),
        ("TWILIO_ACCOUNT_SID", None),
        ("TWILIO_ACCOUNT_SID", ""),
        ("PUBLIC_BASE_URL", None),
        ("PUBLIC_BASE_URL", "http://afterhours.example.org"),
    ],
)
def test_production_refuses_to_start_without_what_a_real_line_needs(production, variable, value):
    if value is None:
        production.delenv(variable, raising=False)
    else:
        production.setenv(variable, value)
    message = _refusal(production)
    assert variable in message
    assert "refusing to start" in message


def test_the_cli_and_the_worker_refuse_in_one_line_without_a_traceback(production):
    from router.cli import app
    from workers.run import run_worker

    production.delenv("TWILIO_AUTH_TOKEN")
    production.setattr("router.core.logging.configure_logging", lambda: None)

    def started(*_: object, **__: object) -> None:
        raise AssertionError("the server started")

    production.setattr("uvicorn.run", started)
    get_settings.cache_clear()
    result = CliRunner().invoke(app, ["serve", "--port", "1"])
    assert result.exit_code == 1
    assert "TWILIO_AUTH_TOKEN" in str(result.exception)
    get_settings.cache_clear()
    with pytest.raises(SystemExit) as refused:
        run_worker(burst=True)
    assert "TWILIO_AUTH_TOKEN" in str(refused.value)
    assert "Traceback" not in result.output


def test_a_misspelt_environment_is_refused_by_name(monkeypatch, database_url):
    monkeypatch.setenv("AFTERHOURS_ENV", "prod")
    message = _refusal(monkeypatch)
    assert "AFTERHOURS_ENV='prod'" in message


def test_readiness_says_loudly_that_sends_are_simulated_and_the_dev_token_signs(
    client, monkeypatch, caplog
):
    monkeypatch.delenv("TWILIO_AUTH_TOKEN")
    get_settings.cache_clear()
    body = client.get("/readyz").json()
    assert body["sends"] == "simulated"
    assert body["webhook_signing"] == "development token"
    assert any("SIMULATED" in warning for warning in body["warnings"])
    assert any("DEVELOPMENT token" in warning for warning in body["warnings"])

    from router.app import create_app

    caplog.clear()
    create_app()
    assert "SIMULATED" in caplog.text
    assert "DEVELOPMENT token" in caplog.text


def test_readiness_fails_when_the_schema_is_missing(client, monkeypatch, tmp_path):
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'empty.db'}")
    get_settings.cache_clear()
    reset_caches()
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["schema"].startswith("missing")


def test_readiness_fails_when_the_schema_is_behind(client, monkeypatch, tmp_path):
    url = f"sqlite:///{tmp_path / 'old.db'}"
    upgrade(url, "0001")
    monkeypatch.setenv("DATABASE_URL", url)
    get_settings.cache_clear()
    reset_caches()
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["schema"].startswith("behind (database at 0001")


def test_readiness_is_ready_at_the_head(client):
    body = client.get("/readyz").json()
    assert body["schema"] == "ok"
    assert body["ready"] == "true"


def test_secrets_can_come_from_files_not_the_environment(monkeypatch, database_url, tmp_path):
    secrets = tmp_path / "secrets"
    secrets.mkdir()
    (secrets / "twilio_auth_token").write_text("token-from-a-file-0123456789abcdef\n")
    (secrets / "database_password").write_text("p@ss/word\n")
    monkeypatch.delenv("TWILIO_AUTH_TOKEN")
    monkeypatch.setenv("SECRETS_DIR", str(secrets))
    monkeypatch.setenv("DATABASE_URL", "postgresql://afterhours@postgres:5432/afterhours")
    get_settings.cache_clear()
    settings = get_settings()
    assert settings.twilio_auth_token == "token-from-a-file-0123456789abcdef"
    assert settings.database_url == (
        "postgresql+psycopg://afterhours:p%40ss%2Fword@postgres:5432/afterhours"
    )


# The deploy files, read as an operator would (no Docker needed).


def _compose() -> dict:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def test_compose_has_no_empty_defaults_for_secrets_or_the_public_url():
    text = (ROOT / "docker-compose.yml").read_text()
    for variable in ("TWILIO_AUTH_TOKEN", "TWILIO_ACCOUNT_SID", "PUBLIC_BASE_URL"):
        assert f"${{{variable}:?" in text, variable
        assert f"${{{variable}:-" not in text, variable
    assert "${POSTGRES_PASSWORD:?" in text
    assert "POSTGRES_PASSWORD: afterhours" not in text


def test_compose_runs_production_behind_a_tls_proxy_on_loopback():
    services = _compose()["services"]
    assert services["api"]["environment"]["AFTERHOURS_ENV"] == "production"
    assert all(port.startswith("127.0.0.1:") for port in services["api"]["ports"])
    assert "caddy" in services["caddy"]["image"]
    assert (ROOT / "Caddyfile").exists()
    assert "reverse_proxy api:8000" in (ROOT / "Caddyfile").read_text()


def test_compose_gives_the_worker_a_healthcheck():
    assert "healthcheck" in _compose()["services"]["worker"]


def test_compose_keeps_secrets_out_of_docker_inspect():
    compose = _compose()
    for name in ("api", "worker", "migrate", "postgres"):
        environment = compose["services"][name].get("environment", {})
        for key, value in environment.items():
            assert key not in SECRET_VARIABLES, (name, key)
            assert "${TWILIO_AUTH_TOKEN" not in str(value)
            assert not re.search(r"://[^@/]*:[^@/]*@", str(value)), (name, key)
    assert set(compose["secrets"]) >= {"twilio_auth_token", "database_password"}
    assert "twilio_auth_token" in compose["services"]["api"]["secrets"]


def test_the_image_installs_exactly_the_locked_dependencies():
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert "requirements.lock" in dockerfile
    assert "--require-hashes" in dockerfile
    lock = (ROOT / "requirements.lock").read_text().lower()
    pinned = set(re.findall(r"^([a-z0-9][a-z0-9._-]*)==", lock, re.MULTILINE))
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    for requirement in project["dependencies"]:
        name = re.split(r"[<>=!~\[ ;]", requirement, maxsplit=1)[0].lower().replace("_", "-")
        assert name in pinned, f"{name} is not pinned in requirements.lock"
        # An extra that is a package of its own (psycopg[binary,pool]) is pinned too.
        extras = re.search(r"\[([^\]]+)\]", requirement)
        for extra in extras.group(1).split(",") if extras and name == "psycopg" else []:
            assert f"psycopg-{extra.strip()}" in pinned, f"psycopg-{extra} is not pinned"


@pytest.mark.parametrize(
    "path",
    [
        "afterhours.spool",
        "data/afterhours.spool.rejected",
        "afterhours.db",
        "afterhours.db-wal",
        ".env",
        ".env.production",
        ".afterhours-dev-token",
        "riverside.yaml",
        "rosters/clinic.yaml",
        "secrets/twilio_auth_token",
    ],
)
def test_dockerignore_keeps_patient_data_and_secrets_out_of_the_image(path):
    assert _ignored(path), path


def test_dockerignore_keeps_the_source_and_the_demo_roster():
    for path in ("router/app.py", "router/demo/riverside.yaml", "pyproject.toml"):
        assert not _ignored(path), path
    assert not _ignored("requirements.lock")


def _ignored(path: str) -> bool:
    """Docker's rule: the last matching pattern wins; `**/` matches any depth."""
    ignored = False
    for line in (ROOT / ".dockerignore").read_text().splitlines():
        pattern = line.strip()
        if not pattern or pattern.startswith("#"):
            continue
        negate = pattern.startswith("!")
        pattern = pattern.lstrip("!")
        if _matches(pattern, path):
            ignored = not negate
    return ignored


def _matches(pattern: str, path: str) -> bool:
    regex = re.escape(pattern).replace(r"\*\*/", "(?:.*/)?").replace(r"\*", "[^/]*")
    return re.fullmatch(f"{regex}(?:/.*)?", path) is not None


def test_readme_go_live_covers_fallback_hosting_10dlc_and_a_baa():
    readme = (ROOT / "README.md").read_text()
    section = readme.split("## Going live", 1)[1].split("\n## ", 1)[0]
    assert "TwiML Bin" in section
    assert "A2P 10DLC" in section
    assert "BAA" in section
    assert "AFTERHOURS_ENV" in section
