"""Provides the reading of staff lists: workers from a CSV or XLSX file.

One row per worker with the columns `id`, `label`, one column per dimension
id (capacity 0-4, blank = 4), `avoid_categories` (a `;` list),
`acceptance:<category>` (0-1) and optionally `notes`. Every bad cell becomes
a Problem at FILE:ROW:COLUMN (1-based, as a spreadsheet shows them) and one
InputError carries them all: nothing is matched from a half-read list.
"""

from __future__ import annotations

import math
import re
from pathlib import Path
from typing import Any

from engine.errors import InputError, Problem
from engine.loader import Catalog
from engine.models import MAX_LEVEL, Worker
from engine.records import WORKER, validate_as
from engine.sheetrows import STAFF_LIST, cell_text, formula_problem, read_rows
from engine.validation import suggest
from engine.yamlio import Loc, SourceMap, excerpt

ID_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
LEVEL = re.compile(f"[0-{MAX_LEVEL}]")
"""A capacity: one ASCII digit 0-4. str.isdigit would take '²' and '١' (and int() the latter as 1)."""
FRACTION = re.compile(r"(?:[0-9]{1,20}\.?[0-9]{0,20}|\.[0-9]{1,20})(?:[eE][-+]?[0-9]{1,3})?")
"""An acceptance as written: ASCII digits, at most one point, a short exponent (no 'nan', 'inf', '1_0', '٠.٥')."""
FIXED = ("id", "label", "avoid_categories", "notes")
ACCEPT = "acceptance:"



def _header(cells: list[Any], where: str, catalog: Catalog) -> tuple[dict[int, str], list[Problem]]:
    columns: dict[int, str] = {}
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    known = [*FIXED, *catalog.dimensions, *(ACCEPT + c for c in catalog.vocabulary.categories)]
    for c, raw in enumerate(cells, 1):
        name = cell_text(raw)
        if not name:
            continue
        if name in seen:
            problems.append(Problem(where, 1, c, f"duplicate column {excerpt(name)} (also column {seen[name]})"))
        elif name not in known:
            problems.append(Problem(where, 1, c, f"unknown column {excerpt(name)}{suggest(name, known)}"))
        else:
            seen[name] = c
            columns[c] = name
    if "id" not in seen:
        problems.append(Problem(where, 1, 1, "no 'id' column"))
    return columns, problems


def _cell(name: str, text: str, catalog: Catalog, data: dict[str, Any]) -> str | None:
    """Put one cell into the worker data; the problem message, if any."""
    if name in ("label", "notes"):
        data[name] = text
    elif name == "id":
        if not text:
            return "the id is empty"
        if len(text) > 80 or not ID_PATTERN.match(text):
            return f"id {excerpt(text)} must be letters, digits, '-', '_' or '.' (at most 80)"
        data["id"] = text
    elif name == "avoid_categories":
        cats = [c.strip() for c in text.split(";") if c.strip()]
        bad = [c for c in cats if c not in catalog.vocabulary.categories]
        if bad:
            return f"unknown category {excerpt(bad[0])}{suggest(bad[0], catalog.vocabulary.categories)}"
        data["avoid_categories"] = cats
    elif name.startswith(ACCEPT):
        if text:
            p = float(text) if FRACTION.fullmatch(text) else math.nan
            if math.isnan(p):
                return f"acceptance must be a number between 0 and 1, not {excerpt(text)}"
            if not 0.0 <= p <= 1.0:
                return f"acceptance must be between 0 and 1, not {excerpt(text)}"
            data["acceptance"][name[len(ACCEPT):]] = p
    elif text:
        if not LEVEL.fullmatch(text):
            return f"capacity for {name} must be a whole number 0-4 (blank = 4), not {excerpt(text)}"
        data["capacities"][name] = int(text)
    return None


def _row_map(where: str, row: int, columns: dict[int, str]) -> SourceMap:
    """Where each field of the worker on `row` stands: its column (the row itself for the record)."""
    smap = SourceMap(where, {(): (row, 1)})
    for c, name in columns.items():
        if name.startswith(ACCEPT):
            loc: Loc = ("acceptance", name[len(ACCEPT):])
        elif name in FIXED:
            loc = (name,)
        else:
            loc = ("capacities", name)
        smap.values[loc] = smap.keys[loc] = (row, c)
    return smap


def read_workers(path: Path, catalog: Catalog) -> list[Worker]:
    """Workers from a CSV or XLSX staff list; InputError with every bad cell."""
    path = Path(path)
    where = str(path)
    problems: list[Problem] = []
    columns: dict[int, str] | None = None
    workers: list[Worker] = []
    first_row: dict[str, int] = {}
    for n, cells in read_rows(path, STAFF_LIST):
        if columns is None:
            columns, problems = _header(cells, where, catalog)
            if problems:
                raise InputError(problems)
            continue
        if all(cell_text(v) == "" for v in cells):
            continue  # blank lines between blocks are common in hand-kept lists
        data: dict[str, Any] = {"capacities": {}, "acceptance": {}}
        row_problems = []
        for c, name in columns.items():
            if c <= len(cells) and (formula := formula_problem(where, n, c, name, cells[c - 1])):
                row_problems.append(formula)
                continue
            message = _cell(name, cell_text(cells[c - 1]) if c <= len(cells) else "", catalog, data)
            if message:
                row_problems.append(Problem(where, n, c, message))
        for c in range(1, len(cells) + 1):
            if c not in columns and cell_text(cells[c - 1]):
                row_problems.append(Problem(where, n, c, "a value in a column without a heading"))
        if not row_problems and data["id"] in first_row:
            id_col = next(c for c, name in columns.items() if name == "id")
            row_problems.append(Problem(where, n, id_col, f"duplicate worker id {excerpt(data['id'])} "
                                                          f"(also on row {first_row[data['id']]})"))
        problems += row_problems
        if row_problems:
            continue
        # The cells are checked one by one above; the record as a whole goes through the one record check.
        worker, found = validate_as(WORKER, data, _row_map(where, n, columns), catalog)
        problems += found
        if worker is not None:
            first_row[worker.id] = n
            workers.append(worker)
    if columns is None:
        problems.append(Problem(where, None, None, "the staff list is empty (no heading row)"))
    if problems:
        raise InputError(problems)
    return workers
