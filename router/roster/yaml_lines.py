"""The YAML loader that keeps line numbers, so problems can say where they are."""

from __future__ import annotations

import re
from typing import Any, cast

import yaml

from router.roster.problems import RosterError


class LineMapping(dict[str, Any]):
    line: int = 0


# libyaml's parser when PyYAML has it (every wheel does): a large roster reads in seconds.
_BaseLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _LineLoader(_BaseLoader):  # type: ignore[misc]
    """Keeps each mapping's line number so problems can say where they are."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._plain_tags: dict[str, str] = {}

    def resolve(self, kind: Any, value: Any, implicit: tuple[bool, bool]) -> Any:
        # A plain scalar's tag depends on its text alone, and a roster repeats the same few
        # texts (ids, times, days) tens of thousands of times: each is resolved once.
        if kind is yaml.ScalarNode and implicit[0]:
            tag = self._plain_tags.get(value)
            if tag is None:
                tag = self._plain_tags[value] = super().resolve(kind, value, implicit)
            return tag
        return super().resolve(kind, value, implicit)


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> LineMapping:
    # A key YAML reads as something else (`1: x`) is still only a key: unknown_keys names it.
    mapping = LineMapping(cast("dict[str, Any]", loader.construct_mapping(node, deep=True)))
    mapping.line = node.start_mark.line + 1
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
# Times like 17:00 and dates must stay strings: YAML 1.1 would read 17:00 as the number 1020.
_DECIMAL = re.compile(r"^[-+]?(0|[1-9][0-9_]*)$")
_LineLoader.yaml_implicit_resolvers = {
    first: [
        (tag, _DECIMAL if tag == "tag:yaml.org,2002:int" else regexp)
        for tag, regexp in resolvers
        if tag != "tag:yaml.org,2002:timestamp"
    ]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def load_document(text: str) -> Any:
    """The YAML document, its mappings carrying their line; RosterError if it is not YAML."""
    try:
        return yaml.load(text, Loader=_LineLoader)
    except yaml.reader.ReaderError as exc:
        # A raw control character (a NUL, an escape...): YAML refuses the stream. Say where.
        position = exc.position if isinstance(exc.position, int) else 0
        line = text.count("\n", 0, position) + 1
        written = exc.character
        code = written if isinstance(written, int) else ord(written) if len(written) == 1 else 0
        raise RosterError(
            [f"line {line}: character U+{code:04X} cannot be in a roster file ({exc.reason})"]
        ) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        place = f"line {mark.line + 1}" if mark else "the file"
        problem = getattr(exc, "problem", None) or "it is not valid YAML"
        raise RosterError([f"{place}: {problem}"]) from None
