"""The problem list: every problem a roster has, each naming its line, entry, field and value."""

from __future__ import annotations

from typing import Any

from router.core.errors import AfterhoursError, InputError


class RosterError(InputError, ValueError):
    """A roster that cannot be loaded. `problems` holds every one found, first one first;
    each already names its line, field and value, so the message is the first of them."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        self.field, self.value, self.problem = "roster", None, problems[0] + more
        AfterhoursError.__init__(self, self.problem)


class WindowError(InputError, ValueError):
    """One window entry that cannot be stored: the field, its value and why (the API's 422).
    Its message is written whole, naming the field and the value itself."""

    def __init__(self, field: str, value: Any, message: str) -> None:
        super().__init__(field, value, message)
        self.args = (message,)


class Checker:
    """Collects problems instead of stopping at the first: a roster's author fixes them all
    in one go."""

    def __init__(self) -> None:
        self.problems: list[str] = []
        # The field and value of each problem, for answers that name them (the windows API).
        self.fields: list[tuple[str, Any]] = []

    def fail(self, where: str, message: str, field: str = "", value: Any = None) -> None:
        self.problems.append(f"{where}: {message}")
        self.fields.append((field, value))


def place_of(section: str, index: int, item: Any, ident: Any = None) -> str:
    """`line 12, clinicians[3] (dr-lee)`: the place of an entry in the file."""
    line = getattr(item, "line", 0)
    label = f"{section}[{index}]"
    if ident:
        # The entry's id as written, unless it could break the line or flood it.
        written = str(ident)
        if not written.isprintable() or len(written) > 64:
            written = repr(written[:40])
        label += f" ({written})"
    return f"line {line}, {label}" if line else label
