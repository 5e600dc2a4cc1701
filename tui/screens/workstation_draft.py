"""Provides the workstation draft the editor changes: plain, mutable, and checked by the engine's own validation.

The editor keeps shares as percentages that make 100 (the coach thinks in
"30 % of the time"); a workstation file holds fractions that the engine
normalises. Numbers typed into fields stay text here until the check, so a
typo reaches the same validation `werkpost validate` runs and is reported,
never raised.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from engine.errors import Problem
from engine.loader import Catalog
from engine.models import Workstation
from engine.persist import task_data
from engine.records import WORKSTATION, validate_as
from engine.yamlio import SourceMap

FULL = 100.0
"""The shares of a workstation's tasks make 100 %."""
SHARE_TOLERANCE = 0.05
"""Percentage points the shares may miss 100 by (rounding of thirds)."""
_NUMBER = re.compile(r"\s*[0-9]{1,9}(?:[.,][0-9]{1,9})?\s*")


@dataclass
class TaskDraft:
    """One task as the coach edits it."""

    name: str
    percent: float
    """Share of the working time, 0-100."""
    tags: set[str] = field(default_factory=set)
    demands: dict[str, int] = field(default_factory=dict)
    hazards: list[str] = field(default_factory=list)
    core: bool = False


@dataclass
class StationDraft:
    """A workstation as the coach edits it; `data()` is what would be saved."""

    id: str
    label: str = ""
    department: str = ""
    hours: str = ""
    """Hours a week, as typed."""
    wage: str = ""
    """Euro an hour, as typed."""
    positions: int = 1
    features: list[str] = field(default_factory=list)
    tasks: list[TaskDraft] = field(default_factory=list)

    @classmethod
    def of(cls, station: Workstation) -> StationDraft:
        """The draft of a saved workstation, its shares as percentages of 100."""
        shares = station.shares()
        return cls(
            id=station.id, label=station.label, department=station.department or "",
            hours=_text(station.hours_per_week), wage=_text(station.wage_eur_per_hour),
            positions=station.positions, features=list(station.features),
            tasks=[TaskDraft(t.name, round(share * FULL, 2), set(t.tags), dict(t.demands), list(t.hazards), t.core)
                   for t, share in zip(station.tasks, shares, strict=True)],
        )

    def assigned(self) -> float:
        """The percentage of the working time the tasks take together."""
        return round(sum(t.percent for t in self.tasks), 2)

    def remaining(self) -> float:
        """The percentage still to give to a task (negative when the tasks take too much)."""
        return round(FULL - self.assigned(), 2)

    def data(self) -> dict[str, Any]:
        """The workstation as plain data, as a file would hold it (typed numbers converted where they read)."""
        data: dict[str, Any] = {"id": self.id.strip()}
        if self.label.strip():
            data["label"] = self.label.strip()
        for key, typed in (("hours_per_week", self.hours), ("wage_eur_per_hour", self.wage)):
            if typed.strip():
                data[key] = _number(typed)
        if self.positions != 1:
            data["positions"] = self.positions
        if self.department.strip():
            data["department"] = self.department.strip()
        if self.features:
            data["features"] = list(self.features)
        data["tasks"] = [task_data(t.name.strip(), t.percent / FULL, t.tags, t.demands, t.hazards, t.core)
                         for t in self.tasks]
        return data


@dataclass(frozen=True)
class Check:
    """The outcome of checking a draft: the workstation, or the problems in the engine's words."""

    station: Workstation | None
    problems: list[Problem]
    """Located by the dotted field (`tasks[1].share: ...`), as `werkpost validate` says them."""
    shares_off: bool
    """Whether the shares miss 100 % (the editor's own rule; the files would normalise them)."""


def check(draft: StationDraft, catalog: Catalog, where: Path | str) -> Check:
    """Validate the draft as `werkpost validate` validates a workstation file, and its shares."""
    station, problems = validate_as(WORKSTATION, draft.data(), SourceMap(str(where)), catalog)
    off = bool(draft.tasks) and abs(draft.remaining()) > SHARE_TOLERANCE
    return Check(station if not off else None, problems, off)


def _text(value: float | None) -> str:
    if value is None:
        return ""
    return f"{value:g}"


def _number(typed: str) -> float | str:
    """A typed number ('38', '21,5') as a float; anything else as it was, for the validation to name."""
    if _NUMBER.fullmatch(typed):
        return float(typed.strip().replace(",", "."))
    return typed.strip()


def next_station_id(taken: set[str]) -> str:
    """A free id for a new workstation: ws-new, ws-new-2, ..."""
    if "ws-new" not in taken:
        return "ws-new"
    n = 2
    while f"ws-new-{n}" in taken:
        n += 1
    return f"ws-new-{n}"


def keep_order(old: list[str], chosen: set[str]) -> list[str]:
    """The chosen ids: those already listed in their order (a file's order survives a save), new ones after."""
    return [i for i in old if i in chosen] + sorted(chosen - set(old))
