"""Provides the export of a match result as CSV, XLSX or JSON, written atomically.

Text that a spreadsheet would run as a formula (starting with = + - @, a tab
or a carriage return) is defused: in CSV it gets a leading apostrophe, in
XLSX the cell is written with the string data type.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from engine.atomic import atomic_write_bytes, atomic_write_text
from engine.errors import WriteError
from engine.match.results import MatchResult

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


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
    # Deferred: openpyxl takes a while to import and CSV and JSON exports never need it (start-up time).
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
