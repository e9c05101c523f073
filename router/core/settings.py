"""Configuration from the environment (and a `.env` file), SPEC §3."""

from __future__ import annotations

import os
from typing import Any, Literal

from pydantic import ValidationError, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from router.core.runtime import process_singleton

# 988's Twilio-reachable twin (TWILIO.md): used when no practice can be found at all.
DEFAULT_CRISIS_LINE = "+18002738255"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", extra="ignore")

    # development: the embedded defaults, simulated sends and a local signing token are fine.
    # production: the app refuses to start without Twilio's credentials and an https origin.
    afterhours_env: Literal["development", "production"] = "development"
    database_url: str = "sqlite:///./afterhours.db"
    redis_url: str | None = None
    twilio_account_sid: str | None = None
    twilio_auth_token: str | None = None
    # During a rotation, the token Twilio may still sign with (accepted, never used to send).
    twilio_auth_token_previous: str | None = None
    # The database user's password, when DATABASE_URL carries none (a compose secret file).
    database_password: str | None = None
    public_base_url: str = "http://127.0.0.1:8000"
    # Where a call's facts are kept while the database is unreachable (S5).
    spool_path: str = "./afterhours.spool"
    # Without TWILIO_AUTH_TOKEN, development and the demo sign with this machine's own token.
    dev_token_path: str = "./.afterhours-dev-token"
    crisis_line: str = DEFAULT_CRISIS_LINE
    # How long the voice webhook may spend routing before it falls back to the crisis line (S1).
    voice_deadline_s: float = 0.8
    # Texts may take longer (Twilio waits 15 s) but the patient's answer still comes at once.
    sms_deadline_s: float = 5.0
    # The route data kept in memory between calls (router/contacts/snapshot.py): reloaded on
    # a thread ("background"), before the call that finds it stale ("inline": tests), or
    # never kept ("off": every call reads the tables).
    route_snapshot: Literal["background", "inline", "off"] = "background"
    # The embedded queue's scheduler looks for due jobs this often (0: only when asked).
    embedded_queue_poll_s: float = 1.0
    # How often the web app sweeps for sends and escalations a queue outage lost (0: never).
    sweep_interval_s: float = 30.0
    # First pause before retrying a temporary Twilio error; doubles each time.
    twilio_retry_backoff_s: float = 1.0

    @field_validator("database_url")
    @classmethod
    def _psycopg3(cls, value: str) -> str:
        if value.startswith("postgresql://") or value.startswith("postgres://"):
            return "postgresql+psycopg://" + value.split("://", 1)[1]
        return value

    @field_validator("twilio_account_sid", "twilio_auth_token", "twilio_auth_token_previous")
    @classmethod
    def _blank_is_unset(cls, value: str | None) -> str | None:
        # An empty variable (compose's `${VAR:-}`, the demo's own environment) means unset.
        return value.strip() if value and value.strip() else None

    @field_validator("public_base_url")
    @classmethod
    def _no_trailing_slash(cls, value: str) -> str:
        return value.rstrip("/")

    @model_validator(mode="after")
    def _password_into_url(self) -> Settings:
        if not self.database_password:
            return self
        try:
            url = make_url(self.database_url)
        except ArgumentError:
            raise ValueError("DATABASE_URL is not a database URL") from None
        if url.username and url.password is None:
            url = url.set(password=self.database_password.strip())
            self.database_url = url.render_as_string(hide_password=False)
        return self

    @property
    def sends_simulated(self) -> bool:
        """SPEC §3: without both credentials, outbound messages are recorded, not sent."""
        return not (_present(self.twilio_account_sid) and _present(self.twilio_auth_token))

    @property
    def signs_with_development_token(self) -> bool:
        return self.twilio_auth_token is None

    def deploy_problems(self) -> list[str]:
        """Why this configuration must not serve real patients (empty: it may)."""
        problems = []
        if not _present(self.twilio_account_sid):
            problems.append("TWILIO_ACCOUNT_SID is not set: every text and call is only simulated")
        if not _present(self.twilio_auth_token):
            problems.append(
                "TWILIO_AUTH_TOKEN is not set: real webhooks get 403 and sends are simulated"
            )
        if not self.public_base_url.startswith("https://"):
            problems.append(
                f"PUBLIC_BASE_URL={self.public_base_url!r} is not an https URL: Twilio signs "
                "the public https origin it calls"
            )
        return problems


def _present(value: str | None) -> bool:
    return bool(value and value.strip())


class UnsafeDeploy(SystemExit):
    """The configuration is wrong for production: one clear message, exit 1, no traceback."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__(
            "afterhours: refusing to start with AFTERHOURS_ENV=production: " + "; ".join(problems)
        )


def load_settings() -> Settings:
    """The settings, or a refusal naming what is wrong (bad values and unsafe deploys)."""
    # SECRETS_DIR: a directory of files named after settings (compose mounts /run/secrets),
    # so that tokens and passwords stay out of the environment `docker inspect` shows.
    secrets_dir = os.environ.get("SECRETS_DIR") or None
    try:
        settings = Settings(_secrets_dir=secrets_dir)  # type: ignore[call-arg]  # pydantic-settings' init option
    except ValidationError as exc:
        details = "; ".join(_described(error) for error in exc.errors())
        raise SystemExit(f"afterhours: invalid configuration: {details}") from None
    if settings.afterhours_env == "production" and settings.deploy_problems():
        raise UnsafeDeploy(settings.deploy_problems())
    return settings


def _described(error: Any) -> str:
    """One validation error: the variable and the value it had (settings that are secrets
    are plain strings and never fail validation, so no secret is shown)."""
    name = ".".join(str(part) for part in error["loc"]).upper()
    value = error["input"]
    if not name:
        return str(error["msg"]).removeprefix("Value error, ")
    shown = repr(value)[:40] if isinstance(value, str | int | float) else "?"
    return f"{name}={shown}: {error['msg']}"


@process_singleton
def get_settings() -> Settings:
    return load_settings()
