"""Provides the reading of version 1 files that mean the same thing in version 2.

Contract section 0: `hearing` is the one renamed id. A capacity or
restriction `hearing` stands for both `hearing_speech` and
`hearing_signals` at that level; a demand `hearing` is `hearing_signals` in
tasks tagged `alarm` and `hearing_speech` otherwise. The raw data is
rewritten before validation (positions are carried over to the new keys) and
the file gets one warning, not an error.
"""

from __future__ import annotations

from typing import Any

from engine.errors import Problem
from engine.yamlio import SourceMap

OLD_HEARING = "hearing"
SPEECH = "hearing_speech"
SIGNALS = "hearing_signals"


def _rename(mapping: dict[str, Any], smap: SourceMap, loc: tuple[str | int, ...], new: list[str]) -> None:
    value = mapping.pop(OLD_HEARING)
    for name in new:
        mapping.setdefault(name, value)
        for table in (smap.values, smap.keys):
            if (*loc, OLD_HEARING) in table:
                table.setdefault((*loc, name), table[(*loc, OLD_HEARING)])


def upgrade(data: Any, smap: SourceMap, kind: str) -> list[Problem]:
    """Rewrite a v1 `hearing` in a worker or workstation's raw data; one warning when it did."""
    if not isinstance(data, dict):
        return []
    where: tuple[str | int, ...] | None = None
    if kind == "worker":
        for section in ("capacities", "restrictions"):
            block = data.get(section)
            if isinstance(block, dict) and OLD_HEARING in block:
                where = where or (section, OLD_HEARING)
                _rename(block, smap, (section,), [SPEECH, SIGNALS])
    elif kind == "workstation" and isinstance(data.get("tasks"), list):
        for i, task in enumerate(data["tasks"]):
            if not isinstance(task, dict):
                continue
            demands = task.get("demands")
            if isinstance(demands, dict) and OLD_HEARING in demands:
                tags = task.get("tags")
                alarm = isinstance(tags, list) and "alarm" in tags
                where = where or ("tasks", i, "demands", OLD_HEARING)
                _rename(demands, smap, ("tasks", i, "demands"), [SIGNALS if alarm else SPEECH])
    if where is None:
        return []
    line, column = smap.where(where, key=True)
    return [Problem(smap.path, line, column,
                    "warning: 'hearing' is version 1; read as hearing_speech and hearing_signals "
                    "(a demand: hearing_signals in alarm tasks, hearing_speech otherwise). "
                    "Rename it to keep this quiet.")]
