"""The roster phases: `afterhours roster load` of a medium roster and its unchanged reload
through the CLI (rows written counted by PostgreSQL), and the tables' sizes for growth."""

from __future__ import annotations

import os
import subprocess
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import text

from bench import servers
from bench.common import say
from bench.roster import generate

GROWTH_TABLES = (
    "contacts",
    "contact_events",
    "call_legs",
    "follow_ups",
    "messages",
    "inbound_texts",
    "text_threads",
    "audit_log",
)


def afterhours(argv: list[str], url: str, cwd: Path) -> tuple[float, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TWILIO_", "REDIS_URL"))}
    env["DATABASE_URL"] = url
    t0 = time.perf_counter()
    done = subprocess.run(
        [servers.tool("afterhours"), *argv], env=env, cwd=cwd, capture_output=True, text=True
    )
    elapsed = time.perf_counter() - t0
    if done.returncode != 0:
        raise RuntimeError(f"afterhours {argv[0]} failed: {done.stderr.strip()[-500:]}")
    return elapsed, done.stdout.strip()


def rows_written(engine: Any) -> int:
    """Rows inserted, updated or deleted in this database so far (pg_stat_user_tables)."""
    time.sleep(1.2)  # statistics reach the collector within a second of a backend's commit
    with engine.connect() as connection:
        return int(
            connection.execute(
                text(
                    "SELECT coalesce(sum(n_tup_ins + n_tup_upd + n_tup_del), 0) "
                    "FROM pg_stat_user_tables"
                )
            ).scalar_one()
        )


def measure_roster_load(p: Any, engine: Any, url: str, run_dir: Path, res: Any) -> None:
    roster = generate(
        practice_id="loadbench",
        clinicians=p.load_clinicians,
        patients=p.load_patients,
        windows_per_clinician=p.load_windows_per_clinician,
        number_offset=22_000,  # after the big roster's 21,001 numbers
        today=datetime.now(UTC),
        id_prefix="lb-",
    )
    path = run_dir / "loadbench-roster.yaml"
    roster.write_yaml(str(path))
    windows = len(roster.windows)
    say(
        f"roster load: {p.load_clinicians} clinicians, {p.load_patients} patients, "
        f"{windows} windows"
    )
    first_s, out = afterhours(["roster", "load", str(path)], url, run_dir)
    before = rows_written(engine)
    reload_s, out2 = afterhours(["roster", "load", str(path)], url, run_dir)
    written = rows_written(engine) - before
    res.roster_load = {
        "clinicians": p.load_clinicians,
        "patients": p.load_patients,
        "windows": windows,
        "load_s": first_s,
        "windows_per_s": windows / first_s,
        "reload_s": reload_s,
        "reload_windows_per_s": windows / reload_s,
        "reload_rows_written": written,
        "output": out.splitlines()[-1] if out else "",
    }
    say(
        f"  load {first_s:.1f} s ({windows / first_s:.0f} windows/s); "
        f"unchanged reload {reload_s:.1f} s, {written} rows written"
    )


def table_sizes(engine: Any) -> dict[str, tuple[int, int]]:
    sizes = {}
    with engine.connect() as connection:
        for table in GROWTH_TABLES:
            exists = connection.execute(
                text("SELECT to_regclass(:t) IS NOT NULL"), {"t": table}
            ).scalar_one()
            if not exists:
                continue
            count = connection.execute(text(f"SELECT count(*) FROM {table}")).scalar_one()
            size = connection.execute(
                text("SELECT pg_total_relation_size(:t)"), {"t": table}
            ).scalar_one()
            sizes[table] = (int(count), int(size))
    return sizes
