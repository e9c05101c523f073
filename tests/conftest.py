"""Fixtures: a migrated database per test (SQLite always; PostgreSQL where TEST_DATABASE_URL
is set), the app behind a signing mock Twilio, a clock the test moves, and the test roster.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import create_engine, text

from router.core import clock as app_clock
from router.core import runtime
from router.core.db import reset_caches, session_scope
from router.failsafe import spooling
from router.roster.parse import parse_roster
from router.store.migrate import upgrade
from router.store.models import Base
from router.store.repositories.roster import apply_roster
from router.twilio.sim import TwilioSim
from tests.chromium import NO_CHROMIUM, chromium_found
from tests.clinic import (  # noqa: F401 - re-exported for older imports
    ACCOUNT_SID,
    ANA,
    BASE_URL,
    CHEN,
    CRISIS_LINE,
    DATA,
    DEAD_DATABASE,
    JO,
    KIM,
    LEE,
    ORTIZ,
    PATEL,
    PRACTICE_NUMBER,
    SAM,
    SATURDAY_10AM,
    STRANGER,
    THURSDAY_NOON,
    TOKEN,
    WEDNESDAY_9PM,
    WEDNESDAY_1130PM,
)

POSTGRES_URL = os.environ.get("TEST_DATABASE_URL")
REDIS_URL = os.environ.get("TEST_REDIS_URL")
BACKENDS = ["sqlite"] + (["postgresql"] if POSTGRES_URL else [])


def pytest_report_header() -> list[str]:
    return [f"afterhours backends: {', '.join(BACKENDS)}; redis: {'real' if REDIS_URL else 'no'}"]


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    databases = "SQLite and PostgreSQL" if POSTGRES_URL else "SQLite only (no TEST_DATABASE_URL)"
    redis = "the real Redis" if REDIS_URL else "the in-process queue only (no TEST_REDIS_URL)"
    browser = (
        "browser tests in Chromium" if chromium_found() else f"no browser tests ({NO_CHROMIUM})"
    )
    terminalreporter.write_line(
        f"afterhours suite ran against {databases}; jobs on {redis}; {browser}"
    )


def _postgres_url(url: str) -> str:
    if url.startswith("postgresql://") or url.startswith("postgres://"):
        return "postgresql+psycopg://" + url.split("://", 1)[1]
    return url


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "template.db"
    upgrade(f"sqlite:///{path}")
    return path


@pytest.fixture(scope="session")
def postgres_migrated() -> str | None:
    if not POSTGRES_URL:
        return None
    url = _postgres_url(POSTGRES_URL)
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
    engine.dispose()
    upgrade(url)
    return url


def _truncate_postgres(url: str) -> None:
    engine = create_engine(url)
    tables = ", ".join(t.name for t in Base.metadata.sorted_tables)
    with engine.begin() as connection:
        connection.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
        connection.execute(text("INSERT INTO audit_head (id, count) VALUES (1, 0)"))
        connection.execute(text("INSERT INTO route_versions (id, n) VALUES (1, 0)"))
    engine.dispose()


@pytest.fixture(params=BACKENDS)
def database_url(
    request: pytest.FixtureRequest,
    tmp_path: Path,
    sqlite_template: Path,
    postgres_migrated: str | None,
    monkeypatch: pytest.MonkeyPatch,
) -> Iterator[str]:
    if request.param == "sqlite":
        path = tmp_path / "afterhours.db"
        shutil.copy(sqlite_template, path)
        url = f"sqlite:///{path}"
    else:
        assert postgres_migrated is not None
        _truncate_postgres(postgres_migrated)
        url = postgres_migrated
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.setenv("TWILIO_AUTH_TOKEN", TOKEN)
    monkeypatch.delenv("TWILIO_ACCOUNT_SID", raising=False)
    monkeypatch.delenv("REDIS_URL", raising=False)
    monkeypatch.setenv("PUBLIC_BASE_URL", BASE_URL)
    monkeypatch.setenv("SPOOL_PATH", str(tmp_path / "afterhours.spool"))
    monkeypatch.setenv("DEV_TOKEN_PATH", str(tmp_path / "dev-token"))
    # A test may pause under a debugger or a loaded CI machine: routing itself gets its
    # second; the fail-safe tests set their own deadline.
    monkeypatch.setenv("VOICE_DEADLINE_S", "5")
    monkeypatch.setenv("SMS_DEADLINE_S", "10")
    # The route snapshot reloads before the call that finds it stale: every voice test runs
    # through it deterministically (tests/contacts/test_snapshot.py covers the background).
    monkeypatch.setenv("ROUTE_SNAPSHOT", "inline")
    # Jobs run when the test says (jobs.settle); Twilio errors are retried without pauses.
    monkeypatch.setenv("EMBEDDED_QUEUE_POLL_S", "0")
    monkeypatch.setenv("SWEEP_INTERVAL_S", "0")
    monkeypatch.setenv("TWILIO_RETRY_BACKOFF_S", "0")
    _reset()
    yield url
    _reset()


def _reset() -> None:
    from router.core.jobs import get_queue
    from router.twilio import gateway

    reset_caches()
    get_queue.cache_clear()
    gateway.use_http_client(None)
    runtime.reset()
    app_clock.set_source(None)


@dataclass
class Clock:
    """The application's clock, frozen; a test moves it."""

    at: datetime = field(default_factory=lambda: datetime(2026, 11, 26, 2, 0, tzinfo=UTC))

    def set(self, at: datetime) -> None:
        assert at.tzinfo is not None
        self.at = at

    def advance(self, **delta: float) -> None:
        self.at += timedelta(**delta)

    def __call__(self) -> datetime:
        return self.at


@pytest.fixture
def clock(database_url: str) -> Iterator[Clock]:
    frozen = Clock(WEDNESDAY_9PM)
    app_clock.set_source(frozen)
    yield frozen
    app_clock.set_source(None)


def load_roster(name: str = "riverside.yaml") -> None:
    text_ = (DATA / name).read_text()
    with session_scope() as session:
        apply_roster(session, parse_roster(text_))


@pytest.fixture
def roster(database_url: str) -> None:
    load_roster()


@pytest.fixture
def client(database_url: str) -> Iterator[TestClient]:
    from router.app import create_app

    with TestClient(create_app(), base_url=BASE_URL) as test_client:
        yield test_client


@pytest.fixture
def sim(client: TestClient) -> TwilioSim:
    return TwilioSim(client, TOKEN, BASE_URL)


QUEUES = ["inproc"] + (["rq"] if REDIS_URL else [])


@pytest.fixture(params=QUEUES)
def queue_backend(
    request: pytest.FixtureRequest, database_url: str, monkeypatch: pytest.MonkeyPatch
) -> Iterator[str]:
    """The in-process queue always; RQ on the real Redis (a spare database) when given."""
    if request.param == "rq":
        from redis import Redis

        assert REDIS_URL is not None
        connection = Redis.from_url(REDIS_URL)
        connection.flushdb()
        monkeypatch.setenv("REDIS_URL", REDIS_URL)
        _reset()
        yield "rq"
        connection.flushdb()
        connection.close()
    else:
        yield "inproc"


@dataclass
class Texting:
    sim: TwilioSim
    jobs: Any


@pytest.fixture
def texting(
    queue_backend: str, roster: None, clock: Clock, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Texting]:
    """The app with Twilio credentials, its REST calls served by the mock Twilio."""
    from router.app import create_app
    from router.core.settings import get_settings
    from router.twilio import gateway
    from tests.jobs import JobDriver

    monkeypatch.setenv("TWILIO_ACCOUNT_SID", ACCOUNT_SID)
    get_settings.cache_clear()
    with TestClient(create_app(), base_url=BASE_URL) as test_client:
        sim = TwilioSim(test_client, TOKEN, BASE_URL, account_sid=ACCOUNT_SID)
        gateway.use_http_client(sim.rest_client_http())
        yield Texting(sim, JobDriver(clock, sim))
    gateway.use_http_client(None)


# A database that refuses connections: what an outage looks like to the app.


@pytest.fixture
def database_down(monkeypatch: pytest.MonkeyPatch, database_url: str) -> Iterator[Any]:
    """Points the running app at a database that refuses connections; `.restore()` undoes it."""

    class Outage:
        def restore(self) -> None:
            monkeypatch.setenv("DATABASE_URL", database_url)
            reset_caches()

    monkeypatch.setenv("DATABASE_URL", DEAD_DATABASE)
    reset_caches()
    # The crisis line this practice uses was seen before the outage.
    spooling.remember_crisis_lines({PRACTICE_NUMBER: CRISIS_LINE})
    outage = Outage()
    yield outage
    outage.restore()
