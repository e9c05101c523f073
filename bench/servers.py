"""Starting and stopping the floor and the app as real uvicorn processes, and the database."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import httpx

PG_ADMIN = ["-h", "127.0.0.1", "-p", "5432", "-U", "postgres"]


def pg_url(name: str) -> str:
    return f"postgresql://postgres@127.0.0.1:5432/{name}"


def recreate_database(name: str) -> None:
    if not name.startswith("afterhours_bench"):
        raise ValueError(f"the bench only creates and drops its own databases, not {name}")
    subprocess.run(["dropdb", *PG_ADMIN, "--if-exists", name], check=True)
    subprocess.run(["createdb", *PG_ADMIN, name], check=True)


def drop_database(name: str) -> None:
    if not name.startswith("afterhours_bench"):
        raise ValueError(f"the bench only drops its own databases, not {name}")
    subprocess.run(["dropdb", *PG_ADMIN, "--if-exists", name], check=False)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def tool(name: str) -> str:
    """A console script of this virtualenv (afterhours, py-spy)."""
    return str(Path(sys.executable).parent / name)


@dataclass
class Server:
    name: str
    process: subprocess.Popen[bytes]
    base_url: str
    log: Path

    def rss_kib(self) -> tuple[int, int]:
        """(VmRSS, VmHWM) of the server process in KiB."""
        fields = {}
        for line in Path(f"/proc/{self.process.pid}/status").read_text().splitlines():
            key, _, value = line.partition(":")
            if key in ("VmRSS", "VmHWM"):
                fields[key] = int(value.split()[0])
        return fields.get("VmRSS", 0), fields.get("VmHWM", 0)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def start(
    name: str, argv: list[str], env: dict[str, str], run_dir: Path, port: int, ready_path: str
) -> Server:
    log = run_dir / f"{name}.log"
    handle = open(log, "wb")  # noqa: SIM115 - the server writes to it for its whole life
    process = subprocess.Popen(argv, env=env, cwd=run_dir, stdout=handle, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    server = Server(name, process, base, log)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{name} exited with {process.returncode}; see {log}")
        try:
            if httpx.get(base + ready_path, timeout=2).status_code < 500:
                return server
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    server.stop()
    raise RuntimeError(f"{name} did not become ready in 60 s; see {log}")


def start_worker(name: str, env: dict[str, str], run_dir: Path) -> Server:
    """`afterhours worker` as in production (jobs and the delayed-job scheduler)."""
    log = run_dir / f"{name}.log"
    handle = open(log, "wb")  # noqa: SIM115 - the worker writes to it for its whole life
    process = subprocess.Popen(
        [tool("afterhours"), "worker"], env=env, cwd=run_dir, stdout=handle,
        stderr=subprocess.STDOUT,
    )  # fmt: skip
    time.sleep(0.5)
    if process.poll() is not None:
        raise RuntimeError(f"{name} exited with {process.returncode}; see {log}")
    return Server(name, process, "", log)


def base_env(token: str, port: int) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("TWILIO_", "DATABASE_URL", "REDIS_URL", "PUBLIC_BASE_URL"))
    }
    env["TWILIO_AUTH_TOKEN"] = token  # validates webhooks; without an account SID nothing is sent
    env["PUBLIC_BASE_URL"] = f"http://127.0.0.1:{port}"
    return env
