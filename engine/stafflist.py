"""Provides the reading of staff lists: workers from a CSV or XLSX file.

One row per worker with the columns `id`, `label`, one column per dimension
id (capacity 0-4, blank = 4), `avoid_categories` (a `;` list),
`acceptance:<category>` (0-1) and optionally `notes`. Every bad cell becomes
a Problem at FILE:ROW:COLUMN (1-based, as a spreadsheet shows them) and one
InputError carries them all: nothing is matched from a half-read list.
"""

from __future__ import annotations

import csv
import math
import re
import stat
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from engine.errors import InputError, Problem
from engine.loader import Catalog
from engine.models import MAX_LEVEL, Worker
from engine.records import WORKER, validate_as
from engine.validation import suggest
from engine.yamlio import Loc, SourceMap, excerpt

MAX_SHEET_BYTES = 50_000_000
"""A staff list of thousands of rows is a few MB; far more is a mistake."""
MAX_UNCOMPRESSED_BYTES = 50_000_000
"""The most an XLSX file may unpack to (the sum of its parts' declared sizes, which zipfile enforces while
reading): a 1 MB workbook can hold a 1 GB shared string, and the compressed size alone says nothing."""
MAX_ZIP_ENTRIES = 1_000
"""Parts an XLSX file may hold; a workbook has a dozen or two, a bomb hundreds of thousands."""
MAX_ROWS = 100_000
"""Rows a staff list may have (a firm of thousands uses a few per cent of it)."""
MAX_COLUMNS = 1_000
"""Columns a staff list may have: id, label, about 30 dimensions, the categories and notes need under 100."""
MAX_CELL_CHARS = 32_767
"""The most characters one cell may hold: a spreadsheet program's own limit, so a real list never meets it."""
ID_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
LEVEL = re.compile(f"[0-{MAX_LEVEL}]")
"""A capacity: one ASCII digit 0-4. str.isdigit would take '²' and '١' (and int() the latter as 1)."""
FRACTION = re.compile(r"(?:[0-9]{1,20}\.?[0-9]{0,20}|\.[0-9]{1,20})(?:[eE][-+]?[0-9]{1,3})?")
"""An acceptance as written: ASCII digits, at most one point, a short exponent (no 'nan', 'inf', '1_0', '٠.٥')."""
FIXED = ("id", "label", "avoid_categories", "notes")
ACCEPT = "acceptance:"


def _rows(path: Path) -> Iterator[tuple[int, list[Any]]]:
    """(1-based row number, cell values) of the first sheet or the CSV file; InputError when unreadable."""
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            raise InputError.single("not a regular file", path)
        if info.st_size > MAX_SHEET_BYTES:
            raise InputError.single(f"file is larger than {MAX_SHEET_BYTES} bytes", path)
        if path.suffix.lower() == ".xlsx":
            yield from _xlsx_rows(path)
        else:
            yield from _csv_rows(path)
    except OSError as exc:
        raise InputError.single(f"cannot read: {exc.strerror or exc}", path) from exc


def _csv_rows(path: Path) -> Iterator[tuple[int, list[Any]]]:
    """Rows of a CSV file, each checked against the row, column and cell limits as it is read."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.reader(handle)
        n = 0
        while True:
            try:
                cells = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:  # a field over csv's limit (131,072 characters), a NUL byte, ...
                raise InputError.single(f"cannot be read as CSV: {exc}", path, n + 1) from exc
            except UnicodeDecodeError as exc:
                raise _not_utf8(path) from exc
            n += 1
            _check_row(path, n, len(cells))
            for c, text in enumerate(cells, 1):
                _check_cell(path, n, c, text)
            yield n, cells


def _not_utf8(path: Path) -> InputError:
    """Where the first byte that is not UTF-8 stands (the decoder reads ahead, so its offset is no guide)."""
    data = path.read_bytes()[:MAX_SHEET_BYTES]
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = len(data[data.rfind(b"\n", 0, exc.start) + 1: exc.start].decode("utf-8", "replace")) + 1
        return InputError.single(f"not UTF-8 text: the byte 0x{data[exc.start]:02x} cannot be read; save the file "
                                 "as UTF-8", path, line, column)
    return InputError.single("not UTF-8 text; save the file as UTF-8", path)


def _check_row(path: Path, row: int, columns: int) -> None:
    if row > MAX_ROWS:
        raise InputError.single(f"more than {MAX_ROWS} rows: a staff list this long is a mistake", path, row)
    if columns > MAX_COLUMNS:
        raise InputError.single(f"more than {MAX_COLUMNS} columns", path, row, MAX_COLUMNS + 1)


def _check_cell(path: Path, row: int, column: int, value: Any) -> None:
    if isinstance(value, str) and len(value) > MAX_CELL_CHARS:
        raise InputError.single(f"the cell holds more than {MAX_CELL_CHARS} characters", path, row, column)


def _check_zip(path: Path) -> None:
    """Refuse a workbook whose parts are too many or unpack to too much, before any part is parsed."""
    try:
        with zipfile.ZipFile(path) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError) as exc:
        raise InputError.single(f"not a readable XLSX workbook: {excerpt(str(exc), 80)}", path) from exc
    if len(parts) > MAX_ZIP_ENTRIES:
        raise InputError.single(f"not a staff list: the workbook has {len(parts)} parts "
                                f"(at most {MAX_ZIP_ENTRIES})", path)
    unpacked = sum(part.file_size for part in parts)
    if unpacked > MAX_UNCOMPRESSED_BYTES:
        raise InputError.single(f"the workbook unpacks to {unpacked} bytes (at most {MAX_UNCOMPRESSED_BYTES})",
                                path)


class _CellError(Exception):
    """A cell the staff list cannot take, found while its sheet is parsed."""

    def __init__(self, row: int, column: int, message: str) -> None:
        super().__init__(message)
        self.row, self.column, self.message = row, column, message


def _xlsx_rows(path: Path) -> Iterator[tuple[int, list[Any]]]:
    """Rows of the `workers` sheet (else the first), read once, each cell checked as it is parsed."""
    _check_zip(path)
    # Deferred: openpyxl takes a while to import and CSV lists never need it (start-up time).
    from openpyxl import load_workbook
    from openpyxl.worksheet._read_only import ReadOnlyWorksheet

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except _READ_ERRORS as exc:
        raise InputError.single(f"not a readable XLSX workbook: {excerpt(str(exc), 80)}", path) from exc
    try:
        if not book.sheetnames:
            raise InputError.single("the workbook has no sheet", path)
        name = "workers" if "workers" in book.sheetnames else book.sheetnames[0]
        sheet = book[name]
        if not isinstance(sheet, ReadOnlyWorksheet):
            raise InputError.single(f"the sheet {excerpt(name)} is a chart, not a table: put the staff list "
                                    "on the first sheet or on a sheet named 'workers'", path)
        # The declared size, when the file gives one, refuses a huge sheet before a row is parsed;
        # the rows are checked again as they come, since the declaration may be missing or false.
        if (sheet.max_row or 0) > MAX_ROWS or (sheet.max_column or 0) > MAX_COLUMNS:
            raise InputError.single(f"the sheet {excerpt(name)} declares {sheet.max_row} rows and "
                                    f"{sheet.max_column} columns (at most {MAX_ROWS} and {MAX_COLUMNS})", path)
        yield from _sheet_rows(path, book, sheet)
    except _CellError as exc:
        raise InputError.single(exc.message, path, exc.row, exc.column) from exc
    except _READ_ERRORS as exc:
        raise InputError.single(f"not a readable XLSX workbook: {excerpt(str(exc), 80)}", path) from exc
    finally:
        book.close()


def _sheet_rows(path: Path, book: Any, sheet: Any) -> Iterator[tuple[int, list[Any]]]:
    """The cells of `sheet` in one pass, computed values with the formulas that have none marked.

    openpyxl's own row reader gives either values or formulas (so the sheet
    was read twice) and pads every row to the declared width; this drives its
    sheet parser directly (openpyxl 3.1's ReadOnlyWorksheet._get_source and
    _shared_strings) with one change: a formula without a saved value becomes
    an UncomputedFormula instead of a None that would pass for a blank cell.
    """
    from openpyxl.worksheet._reader import FORMULA_TAG, WorkSheetParser

    class Parser(WorkSheetParser):  # type: ignore[misc]
        def parse_cell(self, element: Any) -> dict[str, Any]:
            try:
                cell: dict[str, Any] = super().parse_cell(element)
            except ValueError as exc:  # a number of 5,000 digits, a bad coordinate
                raise _CellError(self.row_counter, self.col_counter, f"unreadable cell: {excerpt(str(exc))}") \
                    from exc
            row, column, value = cell["row"], cell["column"], cell["value"]
            if row > MAX_ROWS or column > MAX_COLUMNS:
                _check_row(path, row, MAX_COLUMNS + 1 if column > MAX_COLUMNS else 0)
            _check_cell(path, row, column, value)
            if value is None and element.find(FORMULA_TAG) is not None:
                formula = self.parse_formula(element)
                cell["value"] = UncomputedFormula(formula if isinstance(formula, str) else "=(array formula)")
            return cell

    source = sheet._get_source()
    try:
        parser = Parser(source, sheet._shared_strings, data_only=True, epoch=book.epoch,
                        date_formats=book._date_formats, timedelta_formats=book._timedelta_formats)
        first = True
        for number, cells in parser.parse():
            if first and number > 1:
                yield 1, []  # the heading row is row 1, even when the file leaves it out
            first = False
            _check_row(path, number, 0)
            values: list[Any] = [None] * max((c["column"] for c in cells), default=0)
            for c in cells:
                values[c["column"] - 1] = c["value"]
            yield number, values
    finally:
        source.close()


_READ_ERRORS = (KeyError, ValueError, IndexError, TypeError, AttributeError, SyntaxError, EOFError,
                NotImplementedError, zipfile.BadZipFile, zlib.error)
"""What openpyxl, zipfile and the XML parser raise on a file that is not a sound workbook (a hostile one
included: malformed XML is a SyntaxError, an unknown compression NotImplementedError)."""


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
                row_problems.append(Problem(where, n, c, f"{name}: the formula {excerpt(str(cells[c - 1]))} has no "
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
