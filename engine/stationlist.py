"""Provides the import of workstations from a task-analysis sheet (CSV or XLSX), all or nothing.

One row per task. Columns: `workstation` (the id), `task` (its name), and
`share` (of the working time: a fraction such as 0.3, or a percentage `30%`)
or `hours` (a week) per task; optionally `label`, `department`,
`hours_per_week`, `wage_eur_per_hour`, `positions` and `features` (a `;`
list) for the workstation, given on any of its rows (and the same wherever
repeated); `tags`, `hazards` (`;` lists) and `core` (yes/no) for the task;
and one column per dimension id with the task's demand 0-4 (blank = 0).

The sheet is read with the staff lists' bounded readers (engine.sheetrows);
each workstation goes through the same validation as a workstation file
(engine.records), its problems placed at FILE:ROW:COLUMN. Nothing is written
unless every row and every target file is fine.
"""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from engine.atomic import atomic_write_bytes
from engine.errors import InputError, Problem, WriteError
from engine.loader import Catalog
from engine.models import Workstation
from engine.persist import save_workstation, workstation_path
from engine.records import WORKSTATION, validate_as
from engine.sheetrows import SheetKind, cell_text, formula_problem, read_rows
from engine.validation import suggest
from engine.yamlio import Loc, SourceMap, excerpt

TASK_SHEET = SheetKind("task-analysis sheet", "tasks")
STATION_COLUMNS = ("workstation", "label", "department", "hours_per_week", "wage_eur_per_hour", "positions",
                   "features")
"""Columns that describe the workstation: the same on each of its rows, or given once."""
TASK_COLUMNS = ("task", "share", "hours", "tags", "core", "hazards")
LISTS = ("features", "tags", "hazards")
NUMBER = re.compile(r"[0-9]{1,9}(?:[.,][0-9]{1,9})?")
"""A number as typed: ASCII digits and one decimal point or comma (Belgian sheets write 0,5)."""
LEVEL = re.compile(r"[0-4]")
YES = frozenset({"yes", "y", "true", "1", "x", "ja", "j", "waar"})
NO = frozenset({"", "no", "n", "false", "0", "nee", "onwaar"})


@dataclass(frozen=True)
class SheetStation:
    """A workstation read from a sheet, and where its id first stands (for problems about it as a whole)."""

    station: Workstation
    row: int
    column: int


@dataclass
class _Station:
    """One workstation as its rows come in: its fields, its tasks and where each stands in the sheet."""

    first_row: int
    data: dict[str, Any]
    smap: SourceMap
    set_on: dict[str, int] = field(default_factory=dict)
    """The row each workstation field was taken from."""
    time_kind: tuple[str, int] | None = None
    """How the task time is given ('share', 'percent' or 'hours') and on which row first."""
    broken: bool = False


def _number(text: str) -> float | None:
    return float(text.replace(",", ".")) if NUMBER.fullmatch(text) else None


def _header(cells: list[Any], where: str, catalog: Catalog) -> tuple[dict[int, str], list[Problem]]:
    columns: dict[int, str] = {}
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    dims = [d.id for d in catalog.dimensions.values() if d.demandable]
    known = [*STATION_COLUMNS, *TASK_COLUMNS, *dims]
    for c, raw in enumerate(cells, 1):
        name = cell_text(raw)
        if not name:
            continue
        if name in seen:
            problems.append(Problem(where, 1, c, f"duplicate column {excerpt(name)} (also column {seen[name]})"))
        elif name in catalog.dimensions and name not in dims:
            problems.append(Problem(where, 1, c, f"{name} is a capacity only (a worker's skill): a task cannot "
                                    "demand it"))
        elif name not in known:
            problems.append(Problem(where, 1, c, f"unknown column {excerpt(name)}{suggest(name, known)}"))
        else:
            seen[name] = c
            columns[c] = name
    for needed in ("workstation", "task"):
        if needed not in seen:
            problems.append(Problem(where, 1, 1, f"no {needed!r} column"))
    if "share" not in seen and "hours" not in seen:
        problems.append(Problem(where, 1, 1, "no 'share' or 'hours' column: give each task's share of the "
                                "working time or its hours a week"))
    return columns, problems


def _station_value(name: str, text: str) -> tuple[Any, str | None]:
    """A workstation cell as a value for the model; (None, message) when it cannot be one."""
    if name in ("hours_per_week", "wage_eur_per_hour", "positions"):
        value = _number(text)
        if value is None:
            return None, f"{name} must be a number, not {excerpt(text)}"
        return (int(value) if name == "positions" and value.is_integer() else value), None
    if name == "features":
        return [f for f in re.split(r"[;,]", text) if f.strip()], None
    return text, None


def _task_cell(name: str, text: str, task: dict[str, Any]) -> str | None:
    """Put one task cell into the task data; the problem message, if any."""
    if name == "task":
        if not text:
            return "the task has no name"
        task["name"] = text
    elif name in ("share", "hours"):
        if text:
            value = _number(text.removesuffix("%").strip())
            if value is None or value <= 0:
                return f"{name} must be a number above 0, not {excerpt(text)}"
            percent = name == "share" and text.endswith("%")
            task["share"] = value / 100 if percent else value
            task["_time"] = "percent" if percent else name
    elif name in ("tags", "hazards"):
        items = [t.strip() for t in re.split(r"[;,]", text) if t.strip()]
        if items:
            task[name] = items
    elif name == "core":
        if text.lower() not in YES | NO:
            return f"core must be yes or no (blank = no), not {excerpt(text)}"
        if text.lower() in YES:
            task["core"] = True
    elif text:
        if not LEVEL.fullmatch(text):
            return f"demand for {name} must be a whole number 0-4 (blank = 0), not {excerpt(text)}"
        task.setdefault("demands", {})[name] = int(text)
    return None


def _add_row(where: str, n: int, cells: list[Any], columns: dict[int, str], stations: dict[str, _Station],
             ) -> list[Problem]:
    """Read one task row into its workstation; the problems of its cells."""
    problems: list[Problem] = []
    text = {name: cell_text(cells[c - 1]) if c <= len(cells) else "" for c, name in columns.items()}
    col = {name: c for c, name in columns.items()}
    for c, name in columns.items():
        if c <= len(cells) and (formula := formula_problem(where, n, c, name, cells[c - 1])):
            problems.append(formula)
    for c in range(1, len(cells) + 1):
        if c not in columns and cell_text(cells[c - 1]):
            problems.append(Problem(where, n, c, "a value in a column without a heading"))
    sid = text["workstation"]
    if not sid:
        return [*problems, Problem(where, n, col["workstation"], "the row has no workstation id")]
    station = stations.setdefault(sid, _Station(n, {"id": sid, "tasks": []}, SourceMap(where, {(): (n, 1)})))
    smap = station.smap
    smap.values[("id",)] = smap.values.get(("id",), (station.first_row, col["workstation"]))
    for name in STATION_COLUMNS[1:]:
        if name not in col or not text[name]:
            continue
        value, message = _station_value(name, text[name])
        if message:
            problems.append(Problem(where, n, col[name], message))
        elif name in station.data and station.data[name] != value:
            problems.append(Problem(where, n, col[name], f"{name} {excerpt(text[name])} differs from row "
                                    f"{station.set_on[name]} of workstation {excerpt(sid)}: give it once, or "
                                    "the same on every row"))
        elif name not in station.data:
            station.data[name], station.set_on[name] = value, n
            smap.values[(name,)] = (n, col[name])
            if name == "features":
                for j in range(len(value)):
                    smap.values[(name, j)] = (n, col[name])
    task: dict[str, Any] = {}
    for c, name in columns.items():
        if name in STATION_COLUMNS or (c <= len(cells) and formula_problem(where, n, c, name, cells[c - 1])):
            continue
        if (message := _task_cell(name, text[name], task)) is not None:
            problems.append(Problem(where, n, c, message))
    if "share" not in task and not any(p.line == n and columns.get(p.column or 0) in ("share", "hours")
                                       for p in problems):
        both = " or ".join(name for name in ("share", "hours") if name in col)
        problems.append(Problem(where, n, col.get("share", col.get("hours", 1)), f"the task needs its {both}"))
    kind = task.pop("_time", None)
    if kind is not None and station.time_kind is not None and station.time_kind[0] != kind:
        problems.append(Problem(where, n, col["hours" if kind == "hours" else "share"],
                                f"workstation {excerpt(sid)} gives its task time as {station.time_kind[0]} on row "
                                f"{station.time_kind[1]}: give every task of a workstation the same way"))
    elif kind is not None and station.time_kind is None:
        station.time_kind = (kind, n)
    if problems:
        station.broken = True
        return problems
    i = len(station.data["tasks"])
    station.data["tasks"].append(task)
    smap.values[("tasks", i)] = (n, col["task"])
    for c, name in columns.items():
        if name in ("share", "hours"):
            if text[name]:  # the one of the two this row fills
                smap.values[("tasks", i, "share")] = (n, c)
        elif name in TASK_COLUMNS:
            loc: Loc = ("tasks", i, name)
            smap.values[loc] = (n, c)
            for j in range(len(task.get(name, [])) if name in LISTS else 0):
                smap.values[(*loc, j)] = (n, c)
        elif name not in STATION_COLUMNS:
            smap.values[("tasks", i, "demands", name)] = smap.keys[("tasks", i, "demands", name)] = (n, c)
    return problems


def _hours(station: _Station, where: str, columns: dict[int, str]) -> list[Problem]:
    """With task hours: the workstation's hours are their sum, or must equal it when given."""
    if station.time_kind is None or station.time_kind[0] != "hours":
        return []
    exact = sum(t["share"] for t in station.data["tasks"])
    total = round(exact, 2)
    for task in station.data["tasks"]:
        # Written as fractions of the week, as a workstation file has them: the same time, and a file
        # the editor shows in percentages.
        task["share"] = max(round(task["share"] / exact, 4), 0.0001)
    given = station.data.get("hours_per_week")
    if given is None:
        station.data["hours_per_week"] = total
        return []
    if abs(given - total) > 0.01:
        col = next(c for c, name in columns.items() if name == "hours_per_week")
        return [Problem(where, station.set_on["hours_per_week"], col, f"the tasks' hours sum to {total:g}, not "
                        f"the {given:g} hours_per_week given: correct one of them")]
    return []


def read_workstations(path: Path, catalog: Catalog) -> list[SheetStation]:
    """Workstations from a task-analysis sheet, each with the row it starts on; InputError with every problem."""
    path = Path(path)
    where = str(path)
    problems: list[Problem] = []
    columns: dict[int, str] | None = None
    stations: dict[str, _Station] = {}
    for n, cells in read_rows(path, TASK_SHEET):
        if columns is None:
            columns, problems = _header(cells, where, catalog)
            if problems:
                raise InputError(problems)
            continue
        if all(cell_text(v) == "" for v in cells):
            continue  # blank lines between workstations are common in hand-kept sheets
        problems += _add_row(where, n, cells, columns, stations)
    if columns is None:
        raise InputError([Problem(where, None, None, "the task-analysis sheet is empty (no heading row)")])
    if not stations and not problems:
        problems.append(Problem(where, None, None, "the task-analysis sheet has no task rows"))
    out: list[SheetStation] = []
    id_column = next(c for c, name in columns.items() if name == "workstation")
    for station in stations.values():
        if station.broken:
            continue
        found = _hours(station, where, columns)
        record, found2 = validate_as(WORKSTATION, station.data, station.smap, catalog)
        problems += found + found2
        if record is not None and not found:
            out.append(SheetStation(record, station.first_row, id_column))
    if problems:
        raise InputError(problems)
    return out


@dataclass(frozen=True)
class Planned:
    """One workstation file to write."""

    station: Workstation
    path: Path
    """Where it goes: workstations/<id>.yaml."""
    replaces: bool
    """Whether a file is there already (only with force)."""


def plan_import(root: Path, stations: list[SheetStation], existing: Mapping[str, Path], *,
                force: bool, sheet: str) -> list[Planned]:
    """Where each workstation goes; InputError, before anything is written, when one cannot go there.

    A file that exists is replaced only with `force`; a workstation whose id
    another file of the workspace holds is refused even then (two files, one id).
    """
    problems: list[Problem] = []
    out: list[Planned] = []
    for item in stations:
        station, row, column = item.station, item.row, item.column
        try:
            target = workstation_path(root, station.id)
        except WriteError as exc:
            problems.append(Problem(sheet, row, column, str(exc)))
            continue
        other = existing.get(station.id)
        if other is not None and Path(other).resolve() != target:
            problems.append(Problem(sheet, row, column, f"workstation {station.id!r} exists already in {other}"))
        elif os.path.lexists(target) and not force:
            problems.append(Problem(sheet, row, column, f"{target} exists already: use --force to replace it"))
        else:
            out.append(Planned(station, target, os.path.lexists(target)))
    if problems:
        raise InputError(problems)
    return out


def write_import(root: Path, planned: list[Planned]) -> list[Path]:
    """Write every planned file atomically; on a failed write, undo the ones written before it."""
    done: list[tuple[Path, bytes | None]] = []
    try:
        for item in planned:
            before = item.path.read_bytes() if item.replaces else None
            save_workstation(root, item.station, item.path if item.replaces else None)
            done.append((item.path, before))
    except (WriteError, OSError):
        for path, before in reversed(done):
            with contextlib.suppress(OSError, WriteError):
                if before is None:
                    path.unlink()
                else:
                    atomic_write_bytes(path, before)
        raise
    return [path for path, _ in done]
