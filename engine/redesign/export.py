"""Provides the export of a job-design result as CSV, XLSX or JSON, written atomically.

One row per moved task (the candidate, the source job, the hours, the
saving, the set-up of the function); the workbook adds the functions, the
hours freed per job and a summary. Text is defused as in `engine.export`.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from engine.atomic import atomic_write_bytes, atomic_write_text
from engine.export import Labels, check_target, csv_text, xlsx_bytes
from engine.redesign.results import RedesignResult

TASK_HEAD = ("worker", "worker_label", "department", "workstation", "workstation_label", "task", "hours",
             "yearly_saving_eur", "tools")
FUNCTION_HEAD = ("worker", "worker_label", "department", "hours", "sources", "tools", "cost_eur", "yearly_eur",
                 "total_cost_eur", "yearly_saving_eur", "yearly_tool_charge_eur", "net_yearly_benefit_eur")
FREED_HEAD = ("workstation", "label", "hours_freed", "hours_per_week")


def task_rows(result: RedesignResult) -> list[tuple[Any, ...]]:
    """One row per moved task, function by function."""
    return [(f.worker, f.worker_label, f.department or "", t.workstation, t.workstation_label, t.task, t.hours,
             t.yearly_saving_eur, "; ".join(f.tools)) for f in result.functions for t in f.tasks]


def function_rows(result: RedesignResult) -> list[tuple[Any, ...]]:
    """One row per new function with its business case."""
    return [(f.worker, f.worker_label, f.department or "", f.hours, "; ".join(f.sources), "; ".join(f.tools),
             f.cost_eur, f.yearly_eur, f.total_cost_eur, f.yearly_saving_eur, f.yearly_tool_charge_eur,
             f.net_yearly_benefit_eur) for f in result.functions]


def summary_rows(result: RedesignResult) -> list[tuple[str, Any]]:
    """Key / value rows: totals, exactness, settings, notes."""
    data = result.to_dict()
    rows: list[tuple[str, Any]] = list(data["totals"].items())
    rows += [("exact", "yes" if result.exact else "no"), ("gap", result.gap)]
    rows += list(result.settings.items())
    rows += [("unplaced", f"{u.worker}: {u.reason}") for u in result.unplaced]
    rows += [("note", n) for n in result.notes]
    return rows


def to_csv(result: RedesignResult) -> str:
    """The moved tasks as CSV text (formulas defused, line breaks quoted)."""
    return csv_text(TASK_HEAD, task_rows(result))


def to_xlsx(result: RedesignResult, labels: Labels | None = None) -> bytes:
    """A workbook with the sheets functions, tasks, freed and summary (in memory, as engine.export)."""
    return xlsx_bytes([
        ("functions", FUNCTION_HEAD, function_rows(result)),
        ("tasks", TASK_HEAD, task_rows(result)),
        ("freed", FREED_HEAD, [(f.workstation, f.label, f.hours, f.hours_per_week) for f in result.freed]),
        ("summary", ("key", "value"), summary_rows(result)),
    ], labels)


def write_redesign(result: RedesignResult, path: Path, *, force: bool = False, labels: Labels | None = None) -> Path:
    """Write `result` to `path` as .csv, .xlsx or .json, atomically.

    Raises WriteError for an unknown suffix, a missing folder, or an existing
    file without `force`; nothing is written then.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    check_target(path, force=force)
    if suffix == ".csv":
        atomic_write_text(path, to_csv(result))
    elif suffix == ".xlsx":
        atomic_write_bytes(path, to_xlsx(result, labels))
    else:
        atomic_write_text(path, json.dumps(result.to_dict(), indent=2, ensure_ascii=False) + "\n")
    return path
