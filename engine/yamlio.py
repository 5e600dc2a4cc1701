"""Provides safe YAML loading that remembers where every value came from.

The file is composed into a node tree once (PyYAML's safe composer: no
arbitrary objects), aliases are refused (no "billion laughs"), and the plain
data is built from the nodes while each key path is mapped to its 1-based line
and column. Validation errors can then point at the exact place in the file.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from engine.errors import InputError, Problem

MAX_FILE_BYTES = 1_000_000
"""A worker, workstation or tool file is a few kB; anything this big is a mistake."""

Loc = tuple[str | int, ...]


@dataclass
class SourceMap:
    """Where each value (and each mapping key) of one YAML document stands."""

    path: str
    values: dict[Loc, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Loc, tuple[int, int]] = field(default_factory=dict)

    def where(self, loc: Sequence[str | int], *, key: bool = False) -> tuple[int | None, int | None]:
        """Line and column of `loc`, or of its nearest enclosing value if absent.

        With `key`, prefer the position of the mapping key itself (used for
        unknown ids, which are keys of `capacities` or `demands`).
        """
        loc = tuple(loc)
        if key and loc in self.keys:
            return self.keys[loc]
        while True:
            if loc in self.values:
                return self.values[loc]
            if not loc:
                return (None, None)
            loc = loc[:-1]

    def problem(self, loc: Sequence[str | int], message: str, *, key: bool = False) -> Problem:
        """A problem located at `loc` in this file."""
        line, column = self.where(loc, key=key)
        return Problem(self.path, line, column, message)


ALIAS_MESSAGE = "anchors and aliases (&name, *name) are not allowed in werkpost files"


class _NoAliasComposer(yaml.SafeLoader):
    """A safe pure-Python loader that refuses anchors and aliases outright.

    Used only where PyYAML was built without libyaml; the C loader is about
    four times faster, and `_build` refuses its shared (aliased) nodes.
    """

    def compose_node(self, parent: Node | None, index: Any) -> Node | None:
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()  # type: ignore[no-untyped-call]
            raise yaml.composer.ComposerError(
                None, None, ALIAS_MESSAGE, event.start_mark
            )
        event = self.peek_event()  # type: ignore[no-untyped-call]
        anchor = getattr(event, "anchor", None)
        if anchor is not None:
            raise yaml.composer.ComposerError(
                None, None, ALIAS_MESSAGE, event.start_mark
            )
        return super().compose_node(parent, index)


_SCALARS = SafeConstructor()


def _mark(node: Node) -> tuple[int, int]:
    return (node.start_mark.line + 1, node.start_mark.column + 1)


_PLAIN_TAGS = frozenset(
    f"tag:yaml.org,2002:{name}" for name in ("str", "int", "float", "bool", "null", "map", "seq")
)
"""Only plain data: a `!!python/...` or any other tag is refused, not constructed."""


def _build(node: Node, loc: Loc, smap: SourceMap, problems: list[Problem], seen: set[int]) -> Any:
    smap.values[loc] = _mark(node)
    # An alias makes the composer share one node: refusing the second visit keeps
    # a "billion laughs" file linear instead of expanding it.
    if id(node) in seen:
        problems.append(Problem(smap.path, *_mark(node), ALIAS_MESSAGE))
        return None
    seen.add(id(node))
    if node.tag not in _PLAIN_TAGS:
        problems.append(Problem(smap.path, *_mark(node), f"the tag {node.tag!r} is not allowed (plain data only)"))
        return None
    if isinstance(node, MappingNode):
        out: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode):
                problems.append(Problem(smap.path, *_mark(key_node), "a key must be a plain value"))
                continue
            key = _SCALARS.construct_object(key_node)
            if key in out:
                problems.append(Problem(smap.path, *_mark(key_node), f"duplicate key {key!r}"))
                continue
            smap.keys[(*loc, key)] = _mark(key_node)
            out[key] = _build(value_node, (*loc, key), smap, problems, seen)
        return out
    if isinstance(node, SequenceNode):
        return [_build(item, (*loc, i), smap, problems, seen) for i, item in enumerate(node.value)]
    return _SCALARS.construct_object(node)


def _loader(text: str) -> Any:
    if getattr(yaml, "__with_libyaml__", False):
        return yaml.CSafeLoader(text)
    return _NoAliasComposer(text)


def parse_yaml(text: str, path: str) -> tuple[Any, SourceMap]:
    """Parse one YAML document into plain data and its source map.

    Raises InputError with the position of any syntax error, alias, duplicate
    key or a text over MAX_FILE_BYTES.
    """
    smap = SourceMap(path)
    if len(text.encode("utf-8", "replace")) > MAX_FILE_BYTES:
        raise InputError.single(f"file is larger than {MAX_FILE_BYTES} bytes", path)
    loader = _loader(text)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        message = " ".join(str(part) for part in (exc.context, exc.problem) if part)
        if mark is None:
            raise InputError.single(message or "invalid YAML", path) from exc
        raise InputError.single(message, path, mark.line + 1, mark.column + 1) from exc
    except yaml.YAMLError as exc:
        raise InputError.single(f"invalid YAML: {exc}", path) from exc
    finally:
        loader.dispose()
    if node is None:
        return None, smap
    problems: list[Problem] = []
    data = _build(node, (), smap, problems, set())
    if problems:
        raise InputError(problems)
    return data, smap


def read_yaml(path: Path) -> tuple[Any, SourceMap]:
    """Read and parse a YAML file; unreadable files become an InputError."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise InputError.single(f"file is larger than {MAX_FILE_BYTES} bytes", path)
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise InputError.single(f"not UTF-8 text: {exc.reason}", path) from exc
    except OSError as exc:
        raise InputError.single(f"cannot read: {exc.strerror or exc}", path) from exc
    return parse_yaml(text, str(path))


def dump_yaml(data: Any) -> str:
    """Dump plain data as block-style YAML, keeping key order and unicode."""
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, default_flow_style=False)
