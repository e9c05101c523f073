"""The fault matrix's fixtures: the usual app, mock Twilio and clock (tests/conftest.py), but
on a private PostgreSQL cluster and a private Redis that the tests stop, hang and restart.
Skipped, in one line, where the binaries are absent."""

from __future__ import annotations

import os
import pwd
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from router.store.migrate import upgrade
from tests.conftest import BASE_URL, TOKEN, _reset, _truncate_postgres
from tests.faults.servers import PrivatePostgres, PrivateRedis, postgres_bin


def _initdb_user() -> str | None:
    """initdb refuses root: as root the cluster is made by the `postgres` user."""
    if os.geteuid() != 0:
        return "self"
    try:
        pwd.getpwnam("postgres")
    except KeyError:
        return None
    return "postgres" if shutil.which("runuser") else None


_PG_BIN = postgres_bin()
_REDIS = shutil.which("redis-server")
_MISSING = ", ".join(
    name
    for name, found in (
        ("initdb/pg_ctl", _PG_BIN),
        ("redis-server", _REDIS),
        ("a postgres user and runuser (running as root)", _initdb_user()),
    )
    if found is None
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    if _MISSING:
        skip = pytest.mark.skip(reason=f"fault matrix needs {_MISSING}")
        for item in items:
            if "tests/faults" in str(item.path):
                item.add_marker(skip)


@pytest.fixture(scope="session")
def postgres() -> Iterator[PrivatePostgres]:
    assert _PG_BIN is not None
    cluster = PrivatePostgres(_PG_BIN)
    try:
        upgrade(cluster.url)
        yield cluster
    finally:
        cluster.destroy()


@pytest.fixture(scope="session")
def redis_server() -> Iterator[PrivateRedis]:
    assert _REDIS is not None
    server = PrivateRedis(_REDIS)
    yield server
    server.destroy()


@pytest.fixture
def database_url(
    postgres: PrivatePostgres, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[str]:
    postgres.thaw()
    _truncate_postgres(postgres.url)
    monkeypatch.setenv("DATABASE_URL", postgres.url)
    monkeypatch.setenv("TWILIO_AUTH_TOKEN", TOKEN)
    monkeypatch.delenv("TWILIO_ACCOUNT_SID", raising=False)
    monkeypatch.delenv("REDIS_URL", raising=False)
    monkeypatch.setenv("PUBLIC_BASE_URL", BASE_URL)
    monkeypatch.setenv("SPOOL_PATH", str(tmp_path / "afterhours.spool"))
    monkeypatch.setenv("DEV_TOKEN_PATH", str(tmp_path / "dev-token"))
    monkeypatch.setenv("VOICE_DEADLINE_S", "0.8")
    monkeypatch.setenv("SMS_DEADLINE_S", "5")
    monkeypatch.setenv("EMBEDDED_QUEUE_POLL_S", "0")
    monkeypatch.setenv("SWEEP_INTERVAL_S", "0")  # the test sweeps when it says
    monkeypatch.setenv("TWILIO_RETRY_BACKOFF_S", "0")
    _reset()
    yield postgres.url
    _reset()


@pytest.fixture
def queue_backend(
    redis_server: PrivateRedis, database_url: str, monkeypatch: pytest.MonkeyPatch
) -> Iterator[str]:
    """RQ on the private Redis, flushed around each test."""
    if redis_server.process is None:
        redis_server.start()
    redis_server.client().flushdb()
    monkeypatch.setenv("REDIS_URL", redis_server.url)
    _reset()
    yield "rq"
    if redis_server.process is None:
        redis_server.start()
    redis_server.client().flushdb()


RECOVERY: list[tuple[str, float]] = []


@pytest.fixture
def recovered() -> object:
    """`recovered(fault, seconds)`: how long a fault took to heal, shown after the run."""
    return lambda fault, seconds: RECOVERY.append((fault, seconds))


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    for fault, seconds in RECOVERY:
        terminalreporter.write_line(f"fault recovery: {fault}: {seconds:.2f} s")
