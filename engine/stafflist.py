"""Provides the reading of staff lists: workers from a CSV or XLSX file.

One row per worker with the columns `id`, `label`, one column per dimension
id (capacity 0-4, blank = 4), `avoid_categories` (a `;` list),
`acceptance:<category>` (0-1) and optionally `notes`. Every bad cell becomes
a Problem at FILE:ROW:COLUMN (1-based, as a spreadsheet shows them) and one
InputError carries them all: nothing is matched from a half-read list.
"""

from __future__ import annotations

import csv
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from engine.errors import InputError, Problem
from engine.loader import Catalog
from engine.models import MAX_LEVEL, Worker
from engine.records import WORKER, validate_as
from engine.validation import suggest
from engine.yamlio import Loc, SourceMap

MAX_SHEET_BYTES = 50_000_000
"""A staff list of thousands of rows is a few MB; far more is a mistake."""
ID_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
FIXED = ("id", "label", "avoid_categories", "notes")
ACCEPT = "acceptance:"


def _rows(path: Path) -> Iterator[tuple[int, list[Any]]]:
    """(1-based row number, cell values) of the first sheet or the CSV file."""
    try:
        if path.stat().st_size > MAX_SHEET_BYTES:
            raise InputError.single(f"file is larger than {MAX_SHEET_BYTES} bytes", path)
        if path.suffix.lower() == ".xlsx":
            # Deferred: openpyxl takes a while to import and CSV lists never need it (start-up time).
            from openpyxl import load_workbook

            # Values as last computed, and the formulas beside them: a formula never
            # computed (written by a script, not a spreadsheet program) reads as None,
            # which must not pass for a blank capacity of 4.
            book = load_workbook(path, read_only=True, data_only=True)
            formulas = load_workbook(path, read_only=True, data_only=False)
            try:
                name = "workers" if "workers" in book.sheetnames else book.sheetnames[0]
                pairs = zip(book[name].iter_rows(values_only=True), formulas[name].iter_rows(values_only=True),
                            strict=False)
                for n, (row, raw) in enumerate(pairs, 1):
                    yield n, [UncomputedFormula(str(f)) if v is None and isinstance(f, str) and f.startswith("=")
                              else v for v, f in zip(row, raw, strict=False)]
            finally:
                book.close()
                formulas.close()
            return
        with path.open(encoding="utf-8-sig", newline="") as handle:
            yield from enumerate(csv.reader(handle), 1)
    except UnicodeDecodeError as exc:
        raise InputError.single(f"not UTF-8 text: {exc.reason}", path) from exc
    except OSError as exc:
        raise InputError.single(f"cannot read: {exc.strerror or exc}", path) from exc
    except (KeyError, ValueError, IndexError, zipfile.BadZipFile) as exc:  # openpyxl: not a workbook
        raise InputError.single(f"not a readable XLSX workbook: {exc}", path) from exc


class UncomputedFormula(str):
    """An XLSX cell holding a formula with no computed value saved."""


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _header(cells: list[Any], where: str, catalog: Catalog) -> tuple[dict[int, str], list[Problem]]:
    columns: dict[int, str] = {}
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    known = [*FIXED, *catalog.dimensions, *(ACCEPT + c for c in catalog.vocabulary.categories)]
    for c, raw in enumerate(cells, 1):
        name = _text(raw)
        if not name:
            continue
        if name in seen:
            problems.append(Problem(where, 1, c, f"duplicate column {name!r} (also column {seen[name]})"))
        elif name not in known:
            problems.append(Problem(where, 1, c, f"unknown column {name!r}{suggest(name, known)}"))
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
            return f"id {text!r} must be letters, digits, '-', '_' or '.' (at most 80)"
        data["id"] = text
    elif name == "avoid_categories":
        cats = [c.strip() for c in text.split(";") if c.strip()]
        bad = [c for c in cats if c not in catalog.vocabulary.categories]
        if bad:
            return f"unknown category {bad[0]!r}{suggest(bad[0], catalog.vocabulary.categories)}"
        data["avoid_categories"] = cats
    elif name.startswith(ACCEPT):
        if text:
            try:
                p = float(text)
            except ValueError:
                return f"acceptance must be a number between 0 and 1, not {text!r}"
            if not 0.0 <= p <= 1.0:
                return f"acceptance must be between 0 and 1, not {text}"
            data["acceptance"][name[len(ACCEPT):]] = p
    elif text:
        if not (text.isdigit() and int(text) <= MAX_LEVEL):
            return f"capacity for {name} must be a whole number 0-4 (blank = 4), not {text!r}"
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
    for n, cells in _rows(path):
        if columns is None:
            columns, problems = _header(cells, where, catalog)
            if problems:
                raise InputError(problems)
            continue
        if all(_text(v) == "" for v in cells):
            continue  # blank lines between blocks are common in hand-kept lists
        data: dict[str, Any] = {"capacities": {}, "acceptance": {}}
        row_problems = []
        for c, name in columns.items():
            if c <= len(cells) and isinstance(cells[c - 1], UncomputedFormula):
                row_problems.append(Problem(where, n, c, f"{name}: the formula {str(cells[c - 1])!r} has no "
                                            "computed value; open and save the file in a spreadsheet program, "
                                            "or type the value"))
                continue
            message = _cell(name, _text(cells[c - 1]) if c <= len(cells) else "", catalog, data)
            if message:
                row_problems.append(Problem(where, n, c, message))
        for c in range(1, len(cells) + 1):
            if c not in columns and _text(cells[c - 1]):
                row_problems.append(Problem(where, n, c, "a value in a column without a heading"))
        if not row_problems and data["id"] in first_row:
            id_col = next(c for c, name in columns.items() if name == "id")
            row_problems.append(Problem(where, n, id_col, f"duplicate worker id {data['id']!r} "
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
