"""Provides safe YAML loading that remembers where every value came from.

The file is read as bounded UTF-8 bytes, checked for characters YAML forbids,
and its parse events are turned into plain data by one loop with an explicit
stack (no recursion, so no RecursionError and no C stack overflow however deep
the nesting). Along the way each key path is mapped to its 1-based line and
column, so validation errors can point at the exact place in the file. Every
broken input ends in `Problem` rows with a line and column, never another
exception: anchors and aliases (no "billion laughs"), tags other than plain
data, merge keys, non-text keys, numbers that are too long or not finite.
"""

from __future__ import annotations

import marshal
import math
import os
import re
import stat
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, ScalarNode, SequenceNode

from engine.errors import InputError, Problem

MAX_FILE_BYTES = 1_000_000
"""A worker, workstation or tool file is a few kB; anything this big is a mistake."""

MAX_DEPTH = 64
"""Deepest nesting accepted; real files nest four levels, a hostile one thousands."""

MAX_NUMBER_CHARS = 100
"""Longest number literal accepted. Python refuses to print an int of over 4,300
digits, so a longer one would crash the first message that quotes it."""

EXCERPT_CHARS = 40
"""Longest piece of a value quoted in a message: the file is never echoed."""

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

    def renamed(self, path: str) -> SourceMap:
        """A copy of this map for the same text in the file `path`."""
        return SourceMap(path, dict(self.values), dict(self.keys))

    def problem(self, loc: Sequence[str | int], message: str, *, key: bool = False) -> Problem:
        """A problem located at `loc` in this file."""
        line, column = self.where(loc, key=key)
        return Problem(self.path, line, column, message)


ALIAS_MESSAGE = "anchors and aliases (&name, *name) are not allowed in werkpost files"

_TAG = "tag:yaml.org,2002:"
_SCALAR_TAGS = {f"{_TAG}{name}": name for name in ("str", "int", "float", "bool", "null")}
"""Only plain data: a `!!python/...`, `!!binary` or any other tag is refused, not constructed."""
_KEY_KINDS = {
    f"{_TAG}int": "a whole number", f"{_TAG}float": "a number", f"{_TAG}bool": "true or false",
    f"{_TAG}null": "null (no value)", f"{_TAG}timestamp": "a date",
}
"""What a key that is not text reads as, said plainly (`yes:` reads as true)."""

_FORBIDDEN = re.compile("[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
"""Characters YAML does not allow in a file (PyYAML's own rule, lone surrogates included)."""

_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
"""Control characters a double-quoted escape ("\\x1b", "\\0") can still put into a value:
refused too, as they would reach terminals (escape sequences) and spreadsheets (openpyxl refuses them)."""

_BREAKS = re.compile("\r\n|[\n\r\x85\u2028\u2029]")
"""Line breaks as YAML (and so PyYAML's and libyaml's marks) count them."""

_SCALARS = SafeConstructor()


def excerpt(value: object, limit: int = EXCERPT_CHARS) -> str:
    """A short, escaped quote of `value` for a message.

    Text is cut to `limit` characters and repr-escaped, so a message can show
    which value is meant without echoing a whole (possibly hostile) file or
    writing control characters and terminal escapes to a log.
    """
    text = value if isinstance(value, str) else repr(value)
    if len(text) > limit:
        return repr(text[:limit]) + "..."
    return repr(text) if isinstance(value, str) else text


def line_col(text: str, index: int) -> tuple[int, int]:
    """1-based line and column of character `index` in `text`."""
    line, start = 1, 0
    for found in _BREAKS.finditer(text, 0, index):
        line, start = line + 1, found.end()
    return line, index - start + 1


def _mark(mark: Any) -> tuple[int, int]:
    return (mark.line + 1, mark.column + 1)


class _NoKey:
    """The state of a mapping between a value and its next key."""


_NO_KEY = _NoKey()
_BAD_KEY = _NoKey()
"""A refused key: the value that follows is read (to find its problems too) and dropped."""


@dataclass
class _Frame:
    """One open mapping or sequence while the events are read."""

    data: dict[str, Any] | list[Any]
    loc: Loc | None
    """Where it stands; None when it is being dropped (under a refused key or tag)."""
    keep: bool = True
    is_key: bool = False
    """A mapping or sequence used as a key: always refused."""
    key: str | _NoKey = _NO_KEY


class _Builder:
    """Turns parse events into plain data, a source map and problem rows."""

    def __init__(self, loader: Any, smap: SourceMap) -> None:
        self.loader = loader
        self.smap = smap
        self.problems: list[Problem] = []
        self.stack: list[_Frame] = []
        self.root: Any = None
        self.anchored = False
        self.empty = True
        """No value at all, or a bare `---`: an empty plain scalar as the whole document."""

    def problem(self, mark: Any, message: str) -> None:
        self.problems.append(Problem(self.smap.path, *_mark(mark), message))

    def run(self) -> Any:
        documents = 0
        while True:
            event = self.loader.get_event()
            if isinstance(event, yaml.StreamEndEvent):
                return self.root
            if isinstance(event, yaml.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    self.fatal(event.start_mark, "expected a single document in the stream but found another document")
            elif isinstance(event, yaml.AliasEvent):
                self.empty = False
                # An alias names an anchor that is already refused: one problem is enough.
                if not self.anchored:
                    self.problem(event.start_mark, ALIAS_MESSAGE)
                self.child(event.start_mark)
                self.attach(None)
            elif isinstance(event, yaml.ScalarEvent):
                self.scalar(event)
            elif isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                self.start(event)
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                frame = self.stack.pop()
                if not frame.is_key:
                    self.attach(frame.data if frame.keep else None)

    def fatal(self, mark: Any, message: str) -> None:
        """Stop reading: the problems so far and this one."""
        self.problem(mark, message)
        raise InputError(self.problems)

    def expects_key(self) -> bool:
        top = self.stack[-1] if self.stack else None
        return top is not None and isinstance(top.data, dict) and top.key is _NO_KEY

    def child(self, mark: Any) -> Loc | None:
        """Record where the value that starts at `mark` stands; its loc, or None if dropped."""
        if not self.stack:
            loc: Loc | None = ()
        else:
            top = self.stack[-1]
            if top.loc is None or not top.keep or top.key is _BAD_KEY:
                loc = None
            elif isinstance(top.data, list):
                loc = (*top.loc, len(top.data))
            else:
                assert isinstance(top.key, str)
                loc = (*top.loc, top.key)
        if loc is not None:
            self.smap.values[loc] = _mark(mark)
        return loc

    def attach(self, value: Any) -> None:
        """Put a finished value into the open mapping or sequence (or make it the document)."""
        if not self.stack:
            self.root = value
            return
        top = self.stack[-1]
        if isinstance(top.data, list):
            top.data.append(value)
        else:
            if isinstance(top.key, str):
                top.data[top.key] = value
            top.key = _NO_KEY

    def tag(self, event: Any, kind: type[Any]) -> str:
        tag: str | None = event.tag
        if tag is None or tag == "!":
            value = event.value if kind is ScalarNode else None
            return str(self.loader.resolve(kind, value, event.implicit))
        return tag

    def refuse_anchor(self, event: Any) -> None:
        # Refused where it is defined, so a file cannot build shared structure at all.
        if getattr(event, "anchor", None) is not None:
            self.anchored = True
            self.problem(event.start_mark, ALIAS_MESSAGE)

    def start(self, event: Any) -> None:
        mapping = isinstance(event, yaml.MappingStartEvent)
        if len(self.stack) >= MAX_DEPTH:
            self.fatal(event.start_mark, f"nested deeper than {MAX_DEPTH} levels")
        self.refuse_anchor(event)
        if self.expects_key():
            self.problem(event.start_mark, "a key must be a plain value")
            self.stack[-1].key = _BAD_KEY
            self.stack.append(_Frame({} if mapping else [], None, keep=False, is_key=True))
            return
        self.empty = False
        loc = self.child(event.start_mark)
        tag = self.tag(event, MappingNode if mapping else SequenceNode)
        keep = tag == f"{_TAG}{'map' if mapping else 'seq'}"
        if not keep:
            self.problem(event.start_mark, f"the tag {excerpt(tag)} is not allowed here (plain data only)")
        self.stack.append(_Frame({} if mapping else [], loc, keep=keep))

    def scalar(self, event: Any) -> None:
        self.refuse_anchor(event)
        if self.expects_key():
            self.key(event)
            return
        if self.stack or event.value or event.tag is not None or not event.implicit[0]:
            self.empty = False
        self.child(event.start_mark)
        self.attach(self.value(event))

    def key(self, event: Any) -> None:
        top = self.stack[-1]
        assert isinstance(top.data, dict)
        top.key = _BAD_KEY
        if event.tag not in (None, "!"):
            self.problem(event.start_mark, f"a key cannot have a tag ({excerpt(event.tag)})")
            return
        tag = self.tag(event, ScalarNode)
        if tag == f"{_TAG}merge":
            self.problem(event.start_mark, "merge keys (<<) are not allowed; write the keys out")
            return
        if tag != f"{_TAG}str":
            kind = _KEY_KINDS.get(tag, "a tagged value")
            self.problem(event.start_mark, f"the key {excerpt(event.value)} reads as {kind}, not as text; "
                                           "put it in quotes")
            return
        name = str(event.value)
        if self.control(event, name):
            return
        if name in top.data:
            self.problem(event.start_mark, f"duplicate key {excerpt(name)}")
            return
        top.key = name
        if top.loc is not None and top.keep:
            self.smap.keys[(*top.loc, name)] = _mark(event.start_mark)

    def control(self, event: Any, text: str) -> bool:
        """Whether `text` holds a control character (and a problem says so)."""
        found = _CONTROL.search(text)
        if found is None:
            return False
        char = found.group()
        self.problem(event.start_mark, f"the control character {char!r} (U+{ord(char):04X}) is not allowed in a value")
        return True

    def value(self, event: Any) -> Any:
        """The plain value of a scalar, or None and a problem."""
        tag = self.tag(event, ScalarNode)
        kind = _SCALAR_TAGS.get(tag)
        text = str(event.value)
        if kind is None:
            if tag == f"{_TAG}timestamp":
                self.problem(event.start_mark, f"{excerpt(text)} reads as a date; put it in quotes")
            else:
                self.problem(event.start_mark, f"the tag {excerpt(tag)} is not allowed (plain data only)")
            return None
        if kind in ("int", "float") and len(text) > MAX_NUMBER_CHARS:
            self.problem(event.start_mark, f"number too long ({len(text)} characters; at most {MAX_NUMBER_CHARS})")
            return None
        node = ScalarNode(tag, text, event.start_mark, event.end_mark, event.style)
        try:
            # An explicit tag (`!!int abc`) makes the constructor fail on its own
            # terms: ValueError, KeyError (!!bool) or a YAMLError.
            value = _SCALARS.construct_object(node)
        except (ValueError, KeyError, TypeError, OverflowError, yaml.YAMLError):
            self.problem(event.start_mark, f"{excerpt(text)} is not a valid {kind}")
            return None
        if isinstance(value, str) and self.control(event, value):
            return None
        if isinstance(value, float) and not math.isfinite(value):
            self.problem(event.start_mark, f"must be a finite number, not {excerpt(text)}")
            return None
        return value


def _loader(text: str) -> Any:
    # libyaml's parser is about four times faster; both build events with an
    # explicit stack, never by recursion.
    if getattr(yaml, "__with_libyaml__", False):
        return yaml.CSafeLoader(text)
    return yaml.SafeLoader(text)


def _reader_position(exc: yaml.reader.ReaderError, text: str) -> int:
    """A ReaderError's position as a character index (libyaml counts UTF-8 bytes)."""
    if getattr(yaml, "__with_libyaml__", False):
        return len(text.encode("utf-8")[: exc.position].decode("utf-8", "ignore"))
    return int(exc.position)


def _cut(message: str, limit: int = 200) -> str:
    """PyYAML quotes what it found (a tag handle, a directive); keep that short."""
    return message if len(message) <= limit else message[:limit] + "..."


PARSED_KEPT = 4096
"""Parsed documents remembered per process: a catalogue and a large workspace, a few MB at most."""

_parsed: OrderedDict[tuple[str, bool], tuple[bytes, SourceMap]] = OrderedDict()
"""The last PARSED_KEPT successful parses, by exact text and `allow_empty` (see parse_yaml), marshalled."""


def _kept(data: Any) -> bytes | None:
    """`data` as marshal's bytes, from which each caller gets its own copy; None for what marshal cannot hold.

    Parsed data is plain (dicts, lists, text, numbers, booleans, None), which marshal writes and reads
    back in C: a copy of the catalogue's 89 files took a third of loading it when copied in Python.
    """
    try:
        return marshal.dumps(data)
    except ValueError:  # a type marshal does not know (a date, should a parse ever give one)
        return None


def parse_yaml(text: str, path: str, *, allow_empty: bool = False) -> tuple[Any, SourceMap]:
    """Parse one YAML document into plain data and its source map.

    Raises InputError, every problem with a line and column: syntax errors,
    forbidden characters, aliases, tags, merge keys, non-text or duplicate
    keys, numbers too long or not finite, nesting deeper than MAX_DEPTH, a
    text over MAX_FILE_BYTES and (unless `allow_empty`) an empty document.

    A successful parse is a pure function of the text and `allow_empty` (the
    path only names the file in the source map), so a document parsed before
    is answered from memory, as a fresh copy the caller may change: the TUI
    reloads a workspace after every save, a command reads the catalogue's
    files more than once (checking, then loading), and a copied workspace
    holds the same texts. In pure-Python event handling a parse costs
    milliseconds; the copy, microseconds. Only successes are remembered: a
    broken file is parsed again, so its problems name its own path and are
    always new objects.
    """
    key = (text, allow_empty)
    found = _parsed.get(key)
    if found is not None:
        _parsed.move_to_end(key)
        kept, smap = found
        return marshal.loads(kept), smap.renamed(path)
    data, smap = _parse(text, path, allow_empty=allow_empty)
    blob = _kept(data)
    if blob is None:
        return data, smap
    _parsed[key] = (blob, smap.renamed(path))
    if len(_parsed) > PARSED_KEPT:
        _parsed.popitem(last=False)
    return data, smap


def _parse(text: str, path: str, *, allow_empty: bool) -> tuple[Any, SourceMap]:
    """parse_yaml without the memory."""
    smap = SourceMap(path)
    if len(text.encode("utf-8", "replace")) > MAX_FILE_BYTES:
        raise InputError.single(f"the file is larger than {MAX_FILE_BYTES} bytes", path, 1, 1)
    # A byte-order mark is not a column for YAML either.
    text = text.removeprefix("\ufeff")
    bad = _FORBIDDEN.search(text)
    if bad is not None:
        char = bad.group()
        message = f"the character {char!r} (U+{ord(char):04X}) is not allowed in a YAML file"
        raise InputError.single(message, path, *line_col(text, bad.start()))
    builder = _Builder(None, smap)
    try:
        builder.loader = _loader(text)
        data = builder.run()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        message = _cut(" ".join(str(part) for part in (exc.context, exc.problem) if part) or "invalid YAML")
        line, column = _mark(mark) if mark is not None else (1, 1)
        raise InputError([*builder.problems, Problem(path, line, column, message)]) from exc
    except yaml.reader.ReaderError as exc:
        message = f"invalid character: {_cut(str(exc.reason))}"
        line, column = line_col(text, _reader_position(exc, text))
        raise InputError([*builder.problems, Problem(path, line, column, message)]) from exc
    except yaml.YAMLError as exc:
        raise InputError([*builder.problems, Problem(path, 1, 1, "invalid YAML")]) from exc
    finally:
        if builder.loader is not None:
            builder.loader.dispose()
    if builder.problems:
        raise InputError(builder.problems)
    if builder.empty and not allow_empty:
        raise InputError.single("the file is empty", path, 1, 1)
    return data, smap


def _utf8(data: bytes, path: Path) -> str:
    """The bytes as text; a byte that is not UTF-8 is located, never echoed."""
    data = data.removeprefix(b"\xef\xbb\xbf")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = data[: exc.start].decode("utf-8")
        line, column = line_col(before, len(before))
        message = f"not UTF-8 text: the byte 0x{data[exc.start]:02x} cannot be read; save the file as UTF-8"
        if data.startswith((b"\xff\xfe", b"\xfe\xff")):
            message = "the file is UTF-16 text; save it as UTF-8"
        raise InputError.single(message, path, line, column) from exc


def read_yaml(path: Path, *, within: Path | None = None, allow_empty: bool = False) -> tuple[Any, SourceMap]:
    """Read and parse a YAML file; any file that cannot be read becomes an InputError.

    With `within`, a file whose resolved path (symbolic links followed) lies
    outside that folder is refused unread: a workspace cannot make werkpost
    read, and then quote in its messages, a file elsewhere on the disk.
    Problems that concern the whole file are placed at line 1, column 1, so
    every problem has the PATH:LINE:COLUMN form editors and CI tools jump to.
    """
    path = Path(path)
    try:
        if within is not None and not path.resolve().is_relative_to(Path(within).resolve()):
            raise InputError.single(f"refused: the file lies outside {within} (a symbolic link?)", path, 1, 1)
        # O_NONBLOCK: opening a named pipe must not hang; it is refused below.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
        with os.fdopen(fd, "rb") as handle:
            if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
                raise InputError.single("not a regular file", path, 1, 1)
            # Read one byte past the limit rather than trust the size: it can grow meanwhile.
            data = handle.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise InputError.single(f"cannot read: {exc.strerror or type(exc).__name__}", path, 1, 1) from exc
    except RuntimeError as exc:  # a symbolic link loop, on Python before 3.13
        raise InputError.single("cannot read: a symbolic link loop", path, 1, 1) from exc
    if len(data) > MAX_FILE_BYTES:
        raise InputError.single(f"the file is larger than {MAX_FILE_BYTES} bytes", path, 1, 1)
    return parse_yaml(_utf8(data, path), str(path), allow_empty=allow_empty)


def dump_yaml(data: Any) -> str:
    """Dump plain data as block-style YAML, keeping key order and unicode."""
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, default_flow_style=False)
