"""Provides the bounded row readers of spreadsheets (CSV and XLSX) that staff lists and task-analysis sheets share.

A sheet is read once, row by row, and refused as soon as it passes a bound
(file size, unpacked size, parts, rows, columns, characters in a cell), so a
hostile or mistaken file costs little. Every refusal is an InputError at
FILE:ROW:COLUMN where the place is known (1-based, as a spreadsheet shows
it). A formula without a computed value is marked (`UncomputedFormula`) so
that it is not taken for a blank cell.
"""

from __future__ import annotations

import csv
import stat
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from engine.errors import InputError, Problem
from engine.yamlio import excerpt

MAX_SHEET_BYTES = 50_000_000
"""A staff list or task analysis of thousands of rows is a few MB; far more is a mistake."""
MAX_UNCOMPRESSED_BYTES = 50_000_000
"""The most an XLSX file may unpack to (the sum of its parts' declared sizes, which zipfile enforces while
reading): a 1 MB workbook can hold a 1 GB shared string, and the compressed size alone says nothing."""
MAX_ZIP_ENTRIES = 1_000
"""Parts an XLSX file may hold; a workbook has a dozen or two, a bomb hundreds of thousands."""
MAX_ROWS = 100_000
"""Rows a sheet may have (a firm of thousands uses a few per cent of it)."""
MAX_COLUMNS = 1_000
"""Columns a sheet may have: id, label, about 40 dimensions, the categories and notes need under 100."""
MAX_CELL_CHARS = 32_767
"""The most characters one cell may hold: a spreadsheet program's own limit, so a real list never meets it."""

@dataclass(frozen=True)
class SheetKind:
    """What a sheet holds, for the messages and for the choice of the XLSX sheet."""

    noun: str
    """How messages call it: 'staff list', 'task-analysis sheet'."""
    sheet_name: str
    """The XLSX sheet read when the workbook has one of this name (else the first)."""


STAFF_LIST = SheetKind("staff list", "workers")


def read_rows(path: Path, kind: SheetKind = STAFF_LIST) -> Iterator[tuple[int, list[Any]]]:
    """(1-based row number, cell values) of the CSV file or of the XLSX sheet `kind` names (else the first).

    InputError when the file is unreadable or passes a bound.
    """
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            raise InputError.single("not a regular file", path)
        if info.st_size > MAX_SHEET_BYTES:
            raise InputError.single(f"file is larger than {MAX_SHEET_BYTES} bytes", path)
        if path.suffix.lower() == ".xlsx":
            yield from _xlsx_rows(path, kind)
        else:
            yield from _csv_rows(path, kind)
    except OSError as exc:
        raise InputError.single(f"cannot read: {exc.strerror or exc}", path) from exc


def _csv_rows(path: Path, kind: SheetKind) -> Iterator[tuple[int, list[Any]]]:
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
            _check_row(path, kind, n, len(cells))
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


def _check_row(path: Path, kind: SheetKind, row: int, columns: int) -> None:
    if row > MAX_ROWS:
        raise InputError.single(f"more than {MAX_ROWS} rows: a {kind.noun} this long is a mistake", path, row)
    if columns > MAX_COLUMNS:
        raise InputError.single(f"more than {MAX_COLUMNS} columns", path, row, MAX_COLUMNS + 1)


def _check_cell(path: Path, row: int, column: int, value: Any) -> None:
    if isinstance(value, str) and len(value) > MAX_CELL_CHARS:
        raise InputError.single(f"the cell holds more than {MAX_CELL_CHARS} characters", path, row, column)


def _check_zip(path: Path, kind: SheetKind) -> None:
    """Refuse a workbook whose parts are too many or unpack to too much, before any part is parsed."""
    try:
        with zipfile.ZipFile(path) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError) as exc:
        raise InputError.single(f"not a readable XLSX workbook: {excerpt(str(exc), 80)}", path) from exc
    if len(parts) > MAX_ZIP_ENTRIES:
        raise InputError.single(f"not a {kind.noun}: the workbook has {len(parts)} parts "
                                f"(at most {MAX_ZIP_ENTRIES})", path)
    unpacked = sum(part.file_size for part in parts)
    if unpacked > MAX_UNCOMPRESSED_BYTES:
        raise InputError.single(f"the workbook unpacks to {unpacked} bytes (at most {MAX_UNCOMPRESSED_BYTES})",
                                path)


class _CellError(Exception):
    """A cell the sheet cannot take, found while it is parsed."""

    def __init__(self, row: int, column: int, message: str) -> None:
        super().__init__(message)
        self.row, self.column, self.message = row, column, message


def _xlsx_rows(path: Path, kind: SheetKind) -> Iterator[tuple[int, list[Any]]]:
    """Rows of the sheet `kind` names (else the first), read once, each cell checked as it is parsed."""
    _check_zip(path, kind)
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
        name = kind.sheet_name if kind.sheet_name in book.sheetnames else book.sheetnames[0]
        sheet = book[name]
        if not isinstance(sheet, ReadOnlyWorksheet):
            raise InputError.single(f"the sheet {excerpt(name)} is a chart, not a table: put the {kind.noun} "
                                    f"on the first sheet or on a sheet named '{kind.sheet_name}'", path)
        # The declared size, when the file gives one, refuses a huge sheet before a row is parsed;
        # the rows are checked again as they come, since the declaration may be missing or false.
        if (sheet.max_row or 0) > MAX_ROWS or (sheet.max_column or 0) > MAX_COLUMNS:
            raise InputError.single(f"the sheet {excerpt(name)} declares {sheet.max_row} rows and "
                                    f"{sheet.max_column} columns (at most {MAX_ROWS} and {MAX_COLUMNS})", path)
        yield from _sheet_rows(path, kind, book, sheet)
    except _CellError as exc:
        raise InputError.single(exc.message, path, exc.row, exc.column) from exc
    except _READ_ERRORS as exc:
        raise InputError.single(f"not a readable XLSX workbook: {excerpt(str(exc), 80)}", path) from exc
    finally:
        book.close()


def _sheet_rows(path: Path, kind: SheetKind, book: Any, sheet: Any) -> Iterator[tuple[int, list[Any]]]:
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
                _check_row(path, kind, row, MAX_COLUMNS + 1 if column > MAX_COLUMNS else 0)
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
            _check_row(path, kind, number, 0)
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


def cell_text(value: Any) -> str:
    """A cell as the text typed: blank for an empty cell, '3' for a number 3.0, surrounding spaces dropped."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def formula_problem(where: str, row: int, column: int, name: str, value: Any) -> Problem | None:
    """The problem of a formula cell without a computed value, None for any other cell."""
    if not isinstance(value, UncomputedFormula):
        return None
    return Problem(where, row, column, f"{name}: the formula {excerpt(str(value))} has no computed value; open "
                   "and save the file in a spreadsheet program, or type the value")
