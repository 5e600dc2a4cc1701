"""Provides record validation with positions, and the cross-file id checks.

Pydantic checks the shape of one record; this module turns its errors into
`Problem` rows at the right line and column, and checks every id a record
names against the catalogue, with a "did you mean" where a close id exists.
"""

from __future__ import annotations

import difflib
import math
import re
from collections.abc import Collection, Iterable
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from engine.errors import Problem
from engine.yamlio import EXCERPT_CHARS, Loc, SourceMap, excerpt

M = TypeVar("M", bound=BaseModel)

_BOUNDS = {
    "less_than_equal": ("at most", "le"),
    "greater_than_equal": ("at least", "ge"),
    "less_than": ("less than", "lt"),
    "greater_than": ("more than", "gt"),
}
"""Pydantic's bound errors, said plainly with the value that broke them."""

_MESSAGE_CHARS = 160
"""Longest pydantic message passed on: room for a short quote, never a whole value."""


SUGGESTIONS = 3
"""Most ids a "did you mean" names."""

_NUMBERED_ID = re.compile(r"^(.*?)(\d+)$")


def _distance(a: str, b: str) -> int:
    """Levenshtein distance: insertions, deletions and substitutions of one character."""
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


def _number_gap(a: str, b: str) -> float:
    """How far apart the numbers of two ids with the same stem are (`w-01` and `w-001`: 0); inf otherwise."""
    ma, mb = _NUMBERED_ID.match(a), _NUMBERED_ID.match(b)
    if ma is None or mb is None:
        return 0.0 if ma is mb else math.inf
    return abs(int(ma[2]) - int(mb[2])) if ma[1] == mb[1] else math.inf


def close_ids(name: str, known: Iterable[str]) -> list[str]:
    """The known ids close to `name`, best first (at most SUGGESTIONS).

    Close: similar as difflib measures it, or starting with what was typed.
    Best: fewest edits; among as many edits, the nearest number for numbered
    ids (`w-01`: w-001, then w-010, before w-018), then a prefix match, then by name.
    Only the ids with the fewest edits are named.
    """
    name = str(name)
    pool = [k for k in known if isinstance(k, str)]
    close = set(difflib.get_close_matches(name, pool, n=len(pool) or 1, cutoff=0.6))
    if len(name) >= 2:
        close |= {k for k in pool if k.startswith(name)}
    ranked = sorted((_distance(name, k), _number_gap(name, k), not k.startswith(name), k) for k in close)
    return [k for d, *_, k in ranked if d == ranked[0][0]][:SUGGESTIONS] if ranked else []


def suggest(name: str, known: Iterable[str]) -> str:
    """A "; did you mean 'x'?" (or "'x', 'y' or 'z'") suffix, or "" when nothing is close."""
    return said_close(tuple(excerpt(k) for k in close_ids(name, known)))


def said_close(close: tuple[str, ...]) -> str:
    """The English "did you mean" suffix for quoted close ids ("" for none); i18n.problems says it in others."""
    if not close:
        return ""
    said = close[0] if len(close) == 1 else f"{', '.join(close[:-1])} or {close[-1]}"
    return f"; did you mean {said}?"


def close_quoted(name: str, known: Iterable[str]) -> tuple[str, ...]:
    """The known ids close to `name`, quoted as a message shows them (the values of a "did you mean")."""
    return tuple(excerpt(k) for k in close_ids(name, known))


_close = close_quoted


def _dotted(loc: Iterable[str | int]) -> str:
    parts: list[str] = []
    for part in loc:
        if isinstance(part, int):
            parts.append(f"[{part}]")
        else:
            # A key is quoted from the file: a long one is cut like any other excerpt.
            name = part if len(part) <= EXCERPT_CHARS and part.isprintable() else excerpt(part)
            parts.append(("." if parts else "") + name)
    return "".join(parts) or "(document)"


def _model_fields(model: type[BaseModel], loc: tuple[str | int, ...]) -> list[str]:
    """Field names of the (nested) model that `loc` points into, for suggestions."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        fields = getattr(current, "model_fields", None)
        if not fields or part not in fields:
            return []
        annotation = fields[part].annotation
        inner = [a for a in getattr(annotation, "__args__", ()) if isinstance(a, type)]
        current = next((a for a in [annotation, *inner] if hasattr(a, "model_fields")), None)
        if current is None:
            return []
    return list(getattr(current, "model_fields", {}))


def _not_finite(value: Any) -> bool:
    """A value pydantic reads as infinity or NaN: `.inf` or text such as '1e999' or 'nan'."""
    if isinstance(value, str):
        try:
            value = float(value)
        except ValueError:
            return False
    return isinstance(value, float) and not math.isfinite(value)


def validate_record(
    model: type[M], data: Any, smap: SourceMap, base: Loc = ()
) -> tuple[M | None, list[Problem]]:
    """Validate `data` (found at `base` in the file) as `model`.

    Returns the record, or None and one problem per pydantic error, each at
    the line and column of the offending value (for a missing field: of the
    mapping that lacks it).
    """
    if not isinstance(data, dict):
        kind = "empty" if data is None else type(data).__name__
        return None, [smap.problem(base, f"{_dotted(base)}: expected a mapping of fields, got {kind}")
                      .said("not_mapping", loc=_dotted(base), kind=kind)]
    try:
        record = model.model_validate(data)
    except ValidationError as exc:
        problems = []
        for err in exc.errors():
            loc = tuple(p for p in err["loc"] if isinstance(p, (str, int)))
            full = (*base, *loc)
            where = _dotted(full)
            if err["type"] == "extra_forbidden":
                field = loc[-1]
                close = _close(str(field), _model_fields(model, loc[:-1]))
                msg = f"{where}: unknown field {excerpt(field)}{said_close(close)}"
                problems.append(smap.problem(full, msg, key=True)
                                .said("unknown_field", loc=where, name=excerpt(field), close=close))
                continue
            if err["type"] == "missing":
                problem = smap.problem(full, f"{where}: required field is missing").said("missing", loc=where)
            elif _not_finite(err.get("input")) and err["type"] in (*_BOUNDS, "finite_number", "float_parsing"):
                value = excerpt(err["input"])
                problem = smap.problem(full, f"{where}: must be a finite number, not {value}").said(
                    "not_finite", loc=where, value=value)
            elif err["type"] in _BOUNDS:
                word, key = _BOUNDS[err["type"]]
                levels = "capacities" in full or "demands" in full
                scale = " (levels run from 0 to 4)" if levels else ""
                limit = err["ctx"][key]
                limit = int(limit) if isinstance(limit, float) and limit.is_integer() else limit
                value = excerpt(err["input"])
                problem = smap.problem(full, f"{where}: must be {word} {limit}, not {value}{scale}").said(
                    f"bound.{key}", loc=where, limit=limit, value=value, levels=levels)
            else:
                # A model's own check may quote the whole value it refused; keep the message short.
                text = err["msg"] if len(err["msg"]) <= _MESSAGE_CHARS else err["msg"][:_MESSAGE_CHARS] + "..."
                context = {k: str(v) for k, v in (err.get("ctx") or {}).items() if k != "error"}
                problem = smap.problem(full, f"{where}: {text}").said(
                    f"pydantic.{err['type']}", loc=where, english=text, **context)
            problems.append(problem)
        return None, problems
    return record, []


def check_ids(
    smap: SourceMap,
    items: Iterable[tuple[Loc, Any]],
    known: Collection[str],
    kind: str,
    *,
    key: bool = False,
) -> list[Problem]:
    """One problem per named id that is not in `known`, at its position."""
    problems = []
    for loc, name in items:
        # A name that is not text is a shape error, reported by validate_record.
        if isinstance(name, str) and name not in known:
            close = _close(str(name), known)
            msg = f"{_dotted(loc)}: unknown {kind} {excerpt(name)}{said_close(close)}"
            problems.append(smap.problem(loc, msg, key=key).said(
                "unknown_id", loc=_dotted(loc), kind=kind, name=excerpt(name), close=close))
    return problems


def keys_at(data: Any, loc: Loc) -> list[tuple[Loc, Any]]:
    """(loc, key) for every key of the mapping at `loc` in raw data."""
    node = _get(data, loc)
    return [((*loc, k), k) for k in node] if isinstance(node, dict) else []


def items_at(data: Any, loc: Loc) -> list[tuple[Loc, Any]]:
    """(loc, item) for every item of the list at `loc` in raw data."""
    node = _get(data, loc)
    return [((*loc, i), v) for i, v in enumerate(node)] if isinstance(node, list) else []


def _get(data: Any, loc: Loc) -> Any:
    for part in loc:
        if isinstance(data, dict) and part in data:
            data = data[part]
        elif isinstance(data, list) and isinstance(part, int) and part < len(data):
            data = data[part]
        else:
            return None
    return data
