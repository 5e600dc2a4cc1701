"""Provides record validation with positions, and the cross-file id checks.

Pydantic checks the shape of one record; this module turns its errors into
`Problem` rows at the right line and column, and checks every id a record
names against the catalogue, with a "did you mean" where a close id exists.
"""

from __future__ import annotations

import difflib
from collections.abc import Collection, Iterable
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from engine.errors import Problem
from engine.yamlio import Loc, SourceMap

M = TypeVar("M", bound=BaseModel)

_BOUNDS = {
    "less_than_equal": ("at most", "le"),
    "greater_than_equal": ("at least", "ge"),
    "less_than": ("less than", "lt"),
    "greater_than": ("more than", "gt"),
}
"""Pydantic's bound errors, said plainly with the value that broke them."""


def suggest(name: str, known: Iterable[str]) -> str:
    """A "; did you mean 'x'?" suffix, or "" when nothing is close."""
    close = difflib.get_close_matches(str(name), list(known), n=1, cutoff=0.6)
    return f"; did you mean {close[0]!r}?" if close else ""


def _dotted(loc: Iterable[str | int]) -> str:
    parts: list[str] = []
    for part in loc:
        if isinstance(part, int):
            parts.append(f"[{part}]")
        else:
            parts.append(("." if parts else "") + part)
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
        return None, [smap.problem(base, f"{_dotted(base)}: expected a mapping of fields, got {kind}")]
    try:
        return model.model_validate(data), []
    except ValidationError as exc:
        problems = []
        for err in exc.errors():
            loc = tuple(p for p in err["loc"] if isinstance(p, (str, int)))
            full = (*base, *loc)
            if err["type"] == "extra_forbidden":
                field = loc[-1]
                hint = suggest(str(field), _model_fields(model, loc[:-1]))
                msg = f"{_dotted(full)}: unknown field {field!r}{hint}"
                problems.append(smap.problem(full, msg, key=True))
                continue
            if err["type"] == "missing":
                msg = f"{_dotted(full)}: required field is missing"
            elif err["type"] in _BOUNDS:
                word, key = _BOUNDS[err["type"]]
                levels = "capacities" in full or "demands" in full
                scale = " (levels run from 0 to 4)" if levels else ""
                limit = err["ctx"][key]
                limit = int(limit) if isinstance(limit, float) and limit.is_integer() else limit
                msg = f"{_dotted(full)}: must be {word} {limit}, not {err['input']!r}{scale}"
            else:
                msg = f"{_dotted(full)}: {err['msg']}"
            problems.append(smap.problem(full, msg))
        return None, problems


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
        if name not in known:
            msg = f"{_dotted(loc)}: unknown {kind} {name!r}{suggest(str(name), known)}"
            problems.append(smap.problem(loc, msg, key=key))
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
