"""`afterhours who` as the browser tests read it: the route, in order."""

from __future__ import annotations

import re

from typer.testing import CliRunner

from router.cli import app


def route_of(patient: str, at: str) -> list[str]:
    """Who `afterhours who` says is tried, in order (the lines before its "why:")."""
    result = CliRunner().invoke(app, ["who", patient, "--at", at])
    assert result.exit_code == 0, result.output
    return re.findall(r"^\s+\d+\. (\S+) \(", result.output.split("why:")[0], re.M)
