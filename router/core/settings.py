"""Configuration from the environment (and a `.env` file), SPEC §3."""

from __future__ import annotations

from pydantic import field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from router.core.runtime import process_singleton

# 988's Twilio-reachable twin (TWILIO.md): used when no practice can be found at all.
DEFAULT_CRISIS_LINE = "+18002738255"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", extra="ignore")

    database_url: str = "sqlite:///./afterhours.db"
    redis_url: str | None = None
    twilio_account_sid: str | None = None
    twilio_auth_token: str | None = None
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

    @field_validator("public_base_url")
    @classmethod
    def _no_trailing_slash(cls, value: str) -> str:
        return value.rstrip("/")


@process_singleton
def get_settings() -> Settings:
    return Settings()
