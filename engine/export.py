"""Provides the export of a match result as CSV, XLSX or JSON, written atomically.

Labels, task names and tool ids are free text from the user's files, so the
exports treat them as hostile:

- CSV: text that a spreadsheet would run as a formula (starting with = + - @,
  a tab or a carriage return) gets a leading apostrophe, at the start of the
  cell and after every line break inside it; line ends are CRLF, so Python's
  csv writer quotes every field holding a CR or an LF (with "\n" as the line
  end it left a lone CR bare, which spreadsheet programs read as a new row).
- XLSX: every text cell has the string data type (never a formula), and the
  control characters XML cannot hold are replaced by U+FFFD. The workbook is
  built in memory: openpyxl's own writer would put each worksheet's XML into
  a temporary file in the system's temporary folder, which a kill leaves
  behind.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from engine.atomic import atomic_write_bytes
from engine.errors import WriteError
from engine.match.results import MatchResult

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

_FORMULA_AT = re.compile(r"(?:^|(?<=[\r\n]))(?=[=+\-@\t\r])")
"""Where a formula could start: the cell's start or just after a line break, before a formula character."""

XLSX_CELL_CHARS = 32_767
"""The most characters a spreadsheet cell holds (Excel's limit); longer text is cut."""


def defuse(text: str) -> str:
    """Text a spreadsheet shows as text, never runs as a formula (CSV: an apostrophe before it).

    Also after each CR or LF inside the text: a program that splits the cell
    at its line breaks must not find a formula on the next line either.
    """
    return _FORMULA_AT.sub("'", text)


def xlsx_text(text: str) -> str:
    """Text an XLSX cell can hold: XML's forbidden control characters replaced, cut to the cell limit.

    CR and CRLF become LF, the line break of a spreadsheet cell: XML reads a
    raw CR back as LF anyway, so this writes what a reader will see.
    """
    # Deferred: openpyxl takes a while to import and CSV and JSON exports never need it (start-up time).
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    text = text.replace("\r\n", "\n").replace("\r", "\n")
    cleaned: str = ILLEGAL_CHARACTERS_RE.sub("\ufffd", text)
    return cleaned[:XLSX_CELL_CHARS]


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


Sheet = tuple[str, Sequence[str], Iterable[Sequence[Any]]]
"""A worksheet: its title, its header row and its rows."""


def csv_text(head: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    """A table as CSV text, every text cell defused and every line break quoted."""
    buffer = io.StringIO()
    # CRLF line ends: the writer quotes a field holding any character of the line end, so both CR and LF.
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(head)
    for row in rows:
        writer.writerow(["" if v is None else defuse(v) if isinstance(v, str) else v for v in row])
    return buffer.getvalue()


Labels = Mapping[str, str]
"""Human headers by column key (and sheet titles by sheet name); the i18n layer makes them (i18n/export.py).
A key without a label is shown as it is."""

PERCENT_COLUMNS = frozenset({
    "accessibility_before", "accessibility_after", "expected_accessibility_after", "coverage_after", "gain",
    "best_expected_accessibility", "min_accessibility", "min_expected_accessibility_after", "gap",
})
"""Columns (and summary keys) holding a share 0-1: shown as a percentage, the number kept."""

MONEY_COLUMNS = frozenset({
    "cost_eur", "yearly_eur", "total_cost_eur", "list_cost_eur", "budget_eur", "support_eur", "net_cost_eur",
    "yearly_saving_eur", "yearly_tool_charge_eur", "net_yearly_benefit_eur",
})
"""Columns (and summary keys) holding euros: shown with thousands and the euro sign, the number kept."""

HOURLY_COLUMNS = frozenset({"new_function_wage_eur_per_hour", "wage_eur_per_hour"})
"""Keys holding euros an hour: shown with cents (19.50 is not 20)."""

WORD_COLUMNS = frozenset({"placed", "exact", "objective"})
"""Columns (and summary keys) whose values are words (yes/no, the objective): shown in the labels' language."""

VALUE = "value:"
"""The prefix of a value word in `Labels` ("value:yes"), apart from the column keys."""

PERCENT_FORMAT = "0%"
MONEY_FORMAT = '#,##0 "€"'
HOURLY_FORMAT = '#,##0.00 "€"'
MAX_WIDTH = 60
"""Widest column in characters; longer text wraps in the cell."""


def _shown(value: Any, key: str) -> str:
    """About what a spreadsheet shows for a value under `key`, to size the column."""
    if value is None:
        return ""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if key in PERCENT_COLUMNS:
            return f"{value:.0%}"
        if key in MONEY_COLUMNS:
            return f"{value:,.0f} €"
        if key in HOURLY_COLUMNS:
            return f"{value:,.2f} €"
    return max(str(value).split("\n"), key=len)


def xlsx_bytes(sheets: Sequence[Sheet], labels: Labels | None = None) -> bytes:
    """A workbook of these sheets, text never a formula, built in memory (no temporary file).

    With `labels` the header row (and a key/value sheet's keys) read as words;
    shares show as percentages and euros with their sign either way, and each
    column is as wide as its longest cell (up to MAX_WIDTH).
    """
    # Deferred: openpyxl takes a while to import and CSV and JSON exports never need it (start-up time).
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    said = labels or {}
    book = Workbook()
    book.remove(book.active)
    for title, head, rows in sheets:
        # A sheet title holds at most 31 characters and none of []:*?/\ (Excel's rule).
        sheet = book.create_sheet(re.sub(r"[\[\]:*?/\\]", " ", said.get(title, title))[:31])
        rows = list(rows)
        keyed = tuple(head) == ("key", "value")
        widths = [len(said.get(h, h)) for h in head]
        for c, key in enumerate(head, 1):
            cell = sheet.cell(row=1, column=c)
            cell.value = xlsx_text(said.get(key, key))
            cell.data_type = "s"
            cell.font = Font(bold=True)
        for r, row in enumerate(rows, 2):
            row_key = str(row[0]) if keyed and row else ""
            for c, value in enumerate(row, 1):
                key = row_key if keyed and c == 2 else head[c - 1]
                cell = sheet.cell(row=r, column=c)
                if keyed and c == 1 and isinstance(value, str):
                    value = said.get(value, value)
                elif key in WORD_COLUMNS and isinstance(value, str):
                    value = said.get(VALUE + value, value)
                if isinstance(value, str):
                    cell.value = xlsx_text(value)
                    cell.data_type = "s"  # openpyxl would take "=..." for a formula
                else:
                    cell.value = value
                    if isinstance(value, (int, float)) and not isinstance(value, bool):
                        if key in PERCENT_COLUMNS:
                            cell.number_format = PERCENT_FORMAT
                        elif key in MONEY_COLUMNS:
                            cell.number_format = MONEY_FORMAT
                        elif key in HOURLY_COLUMNS:
                            cell.number_format = HOURLY_FORMAT
                shown = len(_shown(value, key))
                if shown > MAX_WIDTH or (isinstance(value, str) and "\n" in value):
                    cell.alignment = Alignment(wrap_text=True, vertical="top")
                widths[c - 1] = max(widths[c - 1], shown)
        for c, width in enumerate(widths, 1):
            sheet.column_dimensions[get_column_letter(c)].width = min(width + 2, MAX_WIDTH)
        sheet.freeze_panes = "A2"
    return _save_in_memory(book)


def to_csv(result: MatchResult) -> str:
    """The per-worker rows as CSV text (formulas defused)."""
    return csv_text(ROW_HEAD, result_rows(result))


def to_xlsx(result: MatchResult, labels: Labels | None = None) -> bytes:
    """A workbook with the sheets assignments, summary and unplaced (headers in words with `labels`)."""
    return xlsx_bytes([
        ("assignments", ROW_HEAD, result_rows(result)),
        ("summary", ("key", "value"), summary_rows(result)),
        ("unplaced", UNPLACED_HEAD, [(u.worker, u.worker_label, u.best_workstation or "",
                                      u.best_expected_accessibility, _gaps(u.unclosable_gaps), u.reason)
                                     for u in result.unassigned]),
    ], labels)


def _save_in_memory(book: Any) -> bytes:
    """The workbook as XLSX bytes, each worksheet's XML kept in memory.

    openpyxl's ExcelWriter writes every worksheet through a NamedTemporaryFile
    in the system's temporary folder (holding ids, labels and gaps), which a
    kill leaves behind; this writer overrides that one step and nothing else.
    """
    # Deferred: openpyxl takes a while to import and CSV and JSON exports never need it (start-up time).
    from zipfile import ZIP_DEFLATED, ZipFile

    from openpyxl.drawing.spreadsheet_drawing import SpreadsheetDrawing
    from openpyxl.worksheet._writer import WorksheetWriter
    from openpyxl.writer.excel import ExcelWriter

    class MemoryWriter(ExcelWriter):  # type: ignore[misc]
        def write_worksheet(self, ws: Any) -> None:
            # As ExcelWriter.write_worksheet (openpyxl 3.1) for a normal workbook, with a BytesIO as the output.
            ws._drawing = SpreadsheetDrawing()
            ws._drawing.charts = ws._charts
            ws._drawing.images = ws._images
            writer = WorksheetWriter(ws, out=io.BytesIO())
            writer.write()
            ws._rels = writer._rels
            self._archive.writestr(ws.path[1:], writer.read())
            self.manifest.append(ws)

    buffer = io.BytesIO()
    with ZipFile(buffer, "w", ZIP_DEFLATED, allowZip64=True) as archive:
        MemoryWriter(book, archive).write_data()
    return buffer.getvalue()


DATA_SUFFIXES = (".csv", ".xlsx", ".json")
"""The formats of a data export."""


def check_target(path: Path, *, force: bool = False) -> None:
    """Raise WriteError unless `path` can take an export: a known suffix, an existing folder, no file (or `force`).

    Commands call it before long work, so a refusal costs nothing.
    """
    path = Path(path)
    if path.suffix.lower() not in DATA_SUFFIXES:
        raise WriteError(f"{path}: unknown format; use .csv, .xlsx or .json", "unknown_format", path=path)
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise WriteError(f"{path}: the folder {folder} does not exist", "no_folder", path=path, folder=folder)
    if path.is_dir():
        raise WriteError(f"{path}: is a folder; name a file ending in .csv, .xlsx or .json", "is_folder", path=path)
    if path.exists() and not force:
        raise WriteError(f"{path}: already exists (use --force to replace it)", "exists", path=path)


def write_match(result: MatchResult, path: Path, *, overwrite: bool = True, parents: bool = True,
                labels: Labels | None = None) -> Path:
    """Write `result` to `path` as .csv, .xlsx or .json (atomic: temp file, then rename).

    `overwrite=False` refuses an existing file and `parents=False` a missing
    folder (see engine.atomic); either way nothing is written then. `labels`
    name the XLSX headers in words; CSV and JSON keep the column keys, the
    same in every language, for scripts and re-imports.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".csv":
        data = to_csv(result).encode("utf-8")
    elif suffix == ".xlsx":
        data = to_xlsx(result, labels)
    elif suffix == ".json":
        data = (json.dumps(result.to_dict(), indent=2, ensure_ascii=False) + "\n").encode("utf-8")
    else:
        raise WriteError(f"{path}: unknown format; use .csv, .xlsx or .json")
    atomic_write_bytes(path, data, overwrite=overwrite, parents=parents)
    return path
