"""The YAML loader that keeps line numbers, so problems can say where they are."""

from __future__ import annotations

import functools
import gc
import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, cast

import yaml

from router.roster.problems import RosterError

_STR = "tag:yaml.org,2002:str"


class LineMapping(dict[str, Any]):
    line: int = 0


# libyaml's parser when PyYAML has it (every wheel does): a large roster reads in seconds.
_BaseLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _LineLoader(_BaseLoader):  # type: ignore[misc]
    """Keeps each mapping's line number so problems can say where they are."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        # libyaml's composer asks for the tag of every scalar: a roster repeats the same few
        # texts (times, days, clinician ids) tens of thousands of times, so each text is
        # resolved once, and the repeats are answered by lru_cache's C lookup without a
        # Python call (an instance attribute, so that the cache lives as long as the load).
        self.resolve = functools.lru_cache(maxsize=None)(self._resolve_once)

    def _resolve_once(self, kind: Any, value: Any, implicit: tuple[bool, bool]) -> Any:
        if kind is yaml.ScalarNode and implicit[0] and value:
            # No implicit resolver starts with this character (most ids and names): a string.
            if value[0] not in _FIRST_CHARACTERS:
                return _STR
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
# The first characters a plain scalar that is not a string can have (SafeLoader has no
# resolver that applies whatever the first character: asserted).
_FIRST_CHARACTERS = frozenset(first for first in _LineLoader.yaml_implicit_resolvers if first)
assert None not in _LineLoader.yaml_implicit_resolvers


_SEQ = "tag:yaml.org,2002:seq"
_MAP = yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG
_MERGE = "tag:yaml.org,2002:merge"


def _build(loader: _LineLoader, root: yaml.Node) -> Any:
    """The document's value, as PyYAML's constructor would give it, built without its
    per-node machinery for the plain strings, lists and mappings a roster is made of (a large
    roster has hundreds of thousands of them); anything else (merge keys, explicit tags,
    numbers, booleans) goes to the constructor itself. An alias's node is built once and its
    value shared, as the constructor does; a node that contains itself is left to the
    constructor (which refuses it, in its words)."""
    built: dict[int, Any] = {}
    building: set[int] = set()

    def value(node: yaml.Node) -> Any:
        tag = node.tag
        if tag == _STR and type(node) is yaml.ScalarNode:
            return node.value
        known = built.get(id(node))
        if known is not None:
            return known
        if id(node) in building:
            raise _Recursive
        if tag == _SEQ and type(node) is yaml.SequenceNode:
            building.add(id(node))
            items = [value(child) for child in node.value]
            building.discard(id(node))
            built[id(node)] = items
            return items
        if (
            tag == _MAP
            and type(node) is yaml.MappingNode
            and not any(key.tag == _MERGE for key, _ in node.value)
        ):
            mapping = LineMapping()
            mapping.line = node.start_mark.line + 1
            building.add(id(node))
            for key_node, value_node in node.value:
                key = value(key_node)
                try:
                    hash(key)
                except TypeError:
                    # The constructor's own refusal, with its words and place.
                    return loader.construct_object(node, deep=True)
                mapping[key] = value(value_node)
            building.discard(id(node))
            built[id(node)] = mapping
            return mapping
        result = loader.construct_object(node, deep=True)
        if isinstance(result, list | dict):
            built[id(node)] = result
        return result

    return value(root)


class _Recursive(Exception):
    pass


def _load(text: str) -> Any:
    loader = _LineLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        try:
            return _build(loader, node)
        except _Recursive:
            return loader.construct_document(node)
    finally:
        loader.dispose()
        del loader.resolve  # its cache refers to the loader: no cycle left to collect


@contextmanager
def no_cycle_collection() -> Iterator[None]:
    """Building a large roster's hundreds of thousands of containers (none of them in a
    cycle) triggers the cyclic garbage collector over and over, each pass walking all that
    was built so far: four fifths of a 25,000-window file's YAML load. It waits until the
    end (reference counting still frees everything as usual)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            # Re-enabled as is, the collector's next pass would walk everything built since
            # (most of it garbage by then, or long-lived): it goes straight to the oldest
            # generation instead, as if it had survived the passes it skipped.
            gc.freeze()
            gc.enable()
            gc.unfreeze()


def load_document(text: str) -> Any:
    """The YAML document, its mappings carrying their line; RosterError if it is not YAML."""
    try:
        with no_cycle_collection():
            return _load(text)
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
