"""Running `afterhours` in-process, and what a refusal must look like (one line, exit 1)."""

from __future__ import annotations

from click.testing import Result
from typer.testing import CliRunner

from router.cli import app


def run(*args: str) -> Result:
    return CliRunner().invoke(app, list(args))


def assert_refused_in_one_line(result: Result) -> str:
    """Exit 1, nothing on stdout, one line on stderr and no traceback; returns the line."""
    assert result.exit_code == 1, result.output
    assert isinstance(result.exception, SystemExit)
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.output
    return lines[0]
