"""Provides staff lists from CSV/XLSX and the export of a match result as CSV, XLSX or JSON.

Import: one row per worker with the columns `id`, `label`, one column per
dimension id (capacity 0-4, blank = 4), `avoid_categories` (a `;` list),
`acceptance:<category>` (0-1) and optionally `notes`. Every bad cell becomes
a Problem at FILE:ROW:COLUMN (1-based, as a spreadsheet shows them) and one
InputError carries them all: nothing is matched from a half-read list.

Export: text that a spreadsheet would run as a formula (starting with = + -
@, a tab or a carriage return) is defused: in CSV it gets a leading
apostrophe, in XLSX the cell is written with the string data type.
"""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from engine.errors import InputError, Problem, WriteError
from engine.loader import Catalog
from engine.models import MAX_LEVEL, Worker
from engine.validation import suggest
from engine.yamlio import atomic_write_bytes, atomic_write_text

if TYPE_CHECKING:
    from engine.match import MatchResult

MAX_SHEET_BYTES = 50_000_000
"""A staff list of thousands of rows is a few MB; far more is a mistake."""
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
ID_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
FIXED = ("id", "label", "avoid_categories", "notes")
ACCEPT = "acceptance:"


# ---------------------------------------------------------------- import


def _rows(path: Path) -> Iterator[tuple[int, list[Any]]]:
    """(1-based row number, cell values) of the first sheet or the CSV file."""
    try:
        if path.stat().st_size > MAX_SHEET_BYTES:
            raise InputError.single(f"file is larger than {MAX_SHEET_BYTES} bytes", path)
        if path.suffix.lower() == ".xlsx":
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
        if not row_problems:
            first_row[data["id"]] = n
            workers.append(Worker.model_validate(data))
    if columns is None:
        problems.append(Problem(where, None, None, "the staff list is empty (no heading row)"))
    if problems:
        raise InputError(problems)
    return workers


# ---------------------------------------------------------------- export


def defuse(text: str) -> str:
    """Text a spreadsheet shows as text, never runs as a formula (CSV: a leading apostrophe)."""
    return "'" + text if text.startswith(FORMULA_START) else text


def _gaps(gaps: Iterable[Any]) -> str:
    return "; ".join(f"{g.task}: {g.dimension} {g.demand} > {g.capacity}" for g in gaps)


ROW_HEAD = ("worker", "worker_label", "placed", "workstation", "workstation_label", "tools", "cost_eur",
            "yearly_eur", "accessibility_before", "accessibility_after", "expected_accessibility_after",
            "coverage_after", "gain", "from_inventory", "remaining_gaps", "reason")
UNPLACED_HEAD = ("worker", "worker_label", "best_workstation", "best_expected_accessibility",
                 "unclosable_gaps", "reason")


def result_rows(result: MatchResult) -> list[tuple[Any, ...]]:
    """One row per worker (placed and unplaced), in worker order, under ROW_HEAD."""
    rows: list[tuple[Any, ...]] = [
        (a.worker, a.worker_label, "yes", a.workstation, a.workstation_label, "; ".join(a.tools), a.cost_eur,
         a.yearly_eur, a.accessibility_before, a.accessibility_after, a.expected_accessibility_after,
         a.coverage_after, a.gain, "; ".join(a.from_inventory), _gaps(a.remaining_gaps), "")
        for a in result.assignments
    ]
    rows += [(u.worker, u.worker_label, "no", "", "", "", None, None, None, None, None, None, None, "",
              _gaps(u.unclosable_gaps), u.reason) for u in result.unassigned]
    return sorted(rows, key=lambda r: str(r[0]))


def summary_rows(result: MatchResult) -> list[tuple[str, Any]]:
    """Key / value rows for the summary sheet."""
    totals = result.to_dict()["totals"]
    rows: list[tuple[str, Any]] = [(k, v) for k, v in totals.items()]
    rows += [("objective", result.objective), ("solver", result.solver), ("exact", "yes" if result.exact else "no"),
             ("bound", result.bound), ("gap", result.gap), ("budget_eur", result.budget),
             ("min_accessibility", result.min_accessibility)]
    rows += [("note", n) for n in result.notes]
    return rows


def to_csv(result: MatchResult) -> str:
    """The per-worker rows as CSV text (formulas defused)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(ROW_HEAD)
    for row in result_rows(result):
        writer.writerow(["" if v is None else defuse(v) if isinstance(v, str) else v for v in row])
    return buffer.getvalue()


def to_xlsx(result: MatchResult) -> bytes:
    """A workbook with the sheets assignments, summary and unplaced."""
    from openpyxl import Workbook

    book = Workbook()
    sheets: list[tuple[str, Sequence[str], Iterable[Sequence[Any]]]] = [
        ("assignments", ROW_HEAD, result_rows(result)),
        ("summary", ("key", "value"), summary_rows(result)),
        ("unplaced", UNPLACED_HEAD, [(u.worker, u.worker_label, u.best_workstation or "",
                                      u.best_expected_accessibility, _gaps(u.unclosable_gaps), u.reason)
                                     for u in result.unassigned]),
    ]
    book.remove(book.active)
    for title, head, rows in sheets:
        sheet = book.create_sheet(title)
        for r, row in enumerate([head, *rows], 1):
            for c, value in enumerate(row, 1):
                cell = sheet.cell(row=r, column=c)
                cell.value = value
                if isinstance(value, str):
                    cell.data_type = "s"  # openpyxl would take "=..." for a formula
        sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def write_match(result: MatchResult, path: Path) -> Path:
    """Write `result` to `path` as .csv, .xlsx or .json (atomic: temp file, then rename)."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".csv":
        atomic_write_text(path, to_csv(result))
    elif suffix == ".xlsx":
        atomic_write_bytes(path, to_xlsx(result))
    elif suffix == ".json":
        atomic_write_text(path, json.dumps(result.to_dict(), indent=2, ensure_ascii=False) + "\n")
    else:
        raise WriteError(f"{path}: unknown format; use .csv, .xlsx or .json")
    return path
