"""The layout's rules that a tool can check (LAYOUT.md §2): queries live in router/store, and
project modules are imported at the top of a module, not inside functions (the cli package
aside: its verbs import what they need so that `afterhours --help` stays fast). The import direction
itself is import-linter's job (`.importlinter`, run by `make lint`)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PROJECT = ("router", "workers", "policies")
QUERY = re.compile(r"\bselect\(|\bsession\.execute\(|\bsession\.scalars\(")


def _sources(*packages: str) -> list[Path]:
    return sorted(path for package in packages for path in (ROOT / package).rglob("*.py"))


def _relative(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def test_queries_live_only_in_the_store() -> None:
    found = [
        f"{_relative(path)}:{number}"
        for path in _sources(*PROJECT)
        if not _relative(path).startswith("router/store/")
        for number, line in enumerate(path.read_text().splitlines(), start=1)
        if QUERY.search(line)
    ]
    assert not found, f"queries outside router/store/: {found}"


def _function_level_project_imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text())
    found = []
    for function in ast.walk(tree):
        if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        for node in ast.walk(function):
            names: list[str] = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            if any(name.split(".")[0] in PROJECT for name in names):
                found.append(f"{_relative(path)}:{node.lineno}")
    return found


def test_project_modules_are_imported_at_the_top_outside_the_cli() -> None:
    found = [
        place
        for path in _sources(*PROJECT)
        if not _relative(path).startswith("router/cli/")
        for place in _function_level_project_imports(path)
    ]
    assert not found, f"function-level imports of project modules: {found}"


def test_no_test_module_imports_another_test_module() -> None:
    found = []
    for path in _sources("tests"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom) and node.module:
                last = node.module.rsplit(".", 1)[-1]
                if node.module.startswith("tests") and last.startswith("test_"):
                    found.append(f"{_relative(path)}:{node.lineno} imports {node.module}")
    assert not found, found


def test_the_simulator_imports_nothing_of_the_app() -> None:
    found = []
    for path in _sources("router/twilio/sim"):
        for node in ast.walk(ast.parse(path.read_text())):
            module = None
            if isinstance(node, ast.ImportFrom) and node.level == 0:
                module = node.module
            elif isinstance(node, ast.Import):
                module = node.names[0].name
            if module and module.split(".")[0] in PROJECT:
                if not module.startswith("router.twilio.sim"):
                    found.append(f"{_relative(path)}:{node.lineno} imports {module}")
    assert not found, found
