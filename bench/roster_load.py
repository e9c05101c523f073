"""`python -m bench.roster_load`: `afterhours roster load` of a large generated roster file.

The bench's own roster-load figure loads 2,500 windows through the CLI, where starting Python
and importing the app is most of the time. This loads a file of WINDOWS windows (default
25,000; `--windows N`) into a PostgreSQL database of its own (afterhours_bench_roster), and
reports, each through the CLI as an operator runs it (`--database NAME`: another database
whose name starts with afterhours_bench):

- the process start cost: `afterhours roster load --help` (Python, the imports, typer);
- `--dry-run` of the file into the empty database (read, validate, plan; nothing written);
- the first load, and an unchanged reload (rows written counted in pg_stat_user_tables);

throughput is windows / wall time of the whole command, start cost included, and the start
cost is stated beside it. `--profile` samples the first load with py-spy (top frames).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from bench import servers
from bench.common import say
from bench.profile import _top_frames
from bench.roster import generate
from bench.roster_phase import afterhours, rows_written
from router.core.db import make_engine

DB_NAME = "afterhours_bench_roster"


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--windows", type=int, default=25_000)
    parser.add_argument("--profile", action="store_true")
    # Its own database per user of the machine (the name must start with afterhours_bench).
    parser.add_argument("--database", default=DB_NAME)
    args = parser.parse_args()
    clinicians = max(20, args.windows // 50)
    patients = min(30_000, clinicians * 20)
    url = servers.pg_url(args.database)
    servers.recreate_database(args.database)
    engine = make_engine(url.replace("postgresql://", "postgresql+psycopg://", 1))
    try:
        with tempfile.TemporaryDirectory() as tmp:
            run_dir = Path(tmp)
            afterhours(["db", "upgrade"], url, run_dir)
            roster = generate(
                practice_id="rosterbench",
                clinicians=clinicians,
                patients=patients,
                windows_per_clinician=args.windows // clinicians,
                number_offset=0,
                today=datetime.now(UTC),
                id_prefix="rb-",
            )
            path = run_dir / "roster.yaml"
            roster.write_yaml(str(path))
            windows = len(roster.windows)
            size_mib = path.stat().st_size / 2**20
            say(
                f"roster file: {clinicians} clinicians, {patients} patients, {windows} windows, "
                f"{size_mib:.1f} MiB"
            )
            start_s = min(afterhours(["roster", "load", "--help"], url, run_dir)[0] for _ in "abc")
            dry_s, _ = afterhours(["roster", "load", "--dry-run", str(path)], url, run_dir)
            if args.profile:
                raw = run_dir / "roster-load.txt"
                first_s = _profiled_load(path, url, raw)
                inclusive, own, total = _top_frames(raw, limit=30)
            else:
                first_s, _ = afterhours(["roster", "load", str(path)], url, run_dir)
            before = rows_written(engine)
            reload_s, _ = afterhours(["roster", "load", str(path)], url, run_dir)
            written = rows_written(engine) - before
            lines = [
                f"# roster load, {datetime.now(UTC):%Y-%m-%d %H:%M} UTC, PostgreSQL",
                f"file: {clinicians} clinicians, {patients} patients, {windows} windows "
                f"({size_mib:.1f} MiB)",
                f"process start (`roster load --help`, best of 3): {start_s:.2f} s",
                f"--dry-run: {dry_s:.1f} s",
                f"first load: {first_s:.1f} s = {windows / first_s:,.0f} windows/s "
                f"({windows / max(first_s - start_s, 1e-9):,.0f} windows/s after the start)",
                f"unchanged reload: {reload_s:.1f} s, {written} rows written",
            ]
            if args.profile:
                lines.append(f"\nfirst load, top frames of {total} samples (inclusive):")
                lines += [f"- {share:5.1%} {frame}" for frame, share in inclusive]
                lines.append("\nself:")
                lines += [f"- {share:5.1%} {frame}" for frame, share in own[:20]]
            print("\n".join(lines))
    finally:
        engine.dispose()
        servers.drop_database(args.database)
    return 0


def _profiled_load(path: Path, url: str, raw: Path) -> float:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TWILIO_", "REDIS_URL"))}
    env["DATABASE_URL"] = url
    t0 = time.perf_counter()
    subprocess.run(
        [
            servers.tool("py-spy"),
            "record",
            "--rate",
            "200",
            "--format",
            "raw",
            "--output",
            str(raw),
            "--",
            servers.tool("afterhours"),
            "roster",
            "load",
            str(path),
        ],
        env=env,
        check=True,
        capture_output=True,
    )
    return time.perf_counter() - t0


if __name__ == "__main__":
    sys.exit(main())
