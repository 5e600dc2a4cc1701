"""Staff lists are bounded before they are parsed and every refusal is located: no traceback, no hang.

The cases of issue 15: XLSX bombs (a huge part that compresses to little,
thousands of parts), huge or sparse sheets, over-long cells, a CSV field past
the csv module's limit, capacities that str.isdigit takes but are no level,
a chartsheet first; and the workbook is read once.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from openpyxl import Workbook

from engine import sheetrows
from engine.errors import InputError, Problem
from engine.loader import Catalog
from engine.sheetrows import MAX_CELL_CHARS, MAX_COLUMNS, MAX_ROWS
from engine.stafflist import read_workers

HEAD: list[object] = ["id", "label", "lifting", "acceptance:exoskeleton"]


def xlsx(path: Path, rows: list[list[object]]) -> Path:
    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def rewrite(path: Path, change: Callable[[str, bytes], bytes | None], extra: dict[str, bytes] | None = None) -> Path:
    """Rewrite the parts of a workbook (None drops one) and add `extra` parts."""
    with zipfile.ZipFile(path) as old:
        parts = [(i.filename, old.read(i)) for i in old.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as new:
        for name, data in parts:
            changed = change(name, data)
            if changed is not None:
                new.writestr(name, changed)
        for name, data in (extra or {}).items():
            new.writestr(name, data)
    return path


def sheet_xml(path: Path, edit: Callable[[str], str]) -> Path:
    def change(name: str, data: bytes) -> bytes:
        return edit(data.decode()).encode() if name == "xl/worksheets/sheet1.xml" else data
    return rewrite(path, change)


def refused(path: Path, catalog: Catalog) -> Problem:
    with pytest.raises(InputError) as info:
        read_workers(path, catalog)
    [problem] = info.value.problems
    assert len(problem.message) < 300  # never the cell or the file echoed
    return problem


def test_a_part_that_unpacks_to_too_much_is_refused_before_parsing(tmp_path: Path, catalog: Catalog) -> None:
    path = xlsx(tmp_path / "bomb.xlsx", [HEAD, ["w-1", "A", 1, ""]])
    rewrite(path, lambda n, d: d, {"xl/padding.bin": b"\0" * (sheetrows.MAX_UNCOMPRESSED_BYTES + 1)})
    assert path.stat().st_size < 1_000_000
    problem = refused(path, catalog)
    assert problem.path == str(path) and "unpacks to" in problem.message


def test_a_huge_string_cell_is_refused_by_the_unpacked_size(tmp_path: Path, catalog: Catalog,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sheetrows, "MAX_UNCOMPRESSED_BYTES", 200_000)  # the rule, at a size a test can afford
    path = xlsx(tmp_path / "big.xlsx", [HEAD, ["w-1", "LONG", 1, ""]])
    sheet_xml(path, lambda x: x.replace("LONG", "x" * 300_000))  # openpyxl itself cuts cells at 32,767
    assert path.stat().st_size < 100_000
    assert "unpacks to" in refused(path, catalog).message


def test_too_many_parts_are_refused(tmp_path: Path, catalog: Catalog) -> None:
    path = xlsx(tmp_path / "parts.xlsx", [HEAD])
    rewrite(path, lambda n, d: d, {f"xl/x{i}.xml": b"" for i in range(sheetrows.MAX_ZIP_ENTRIES)})
    assert "parts" in refused(path, catalog).message


def test_a_declared_huge_sheet_is_refused_before_its_rows(tmp_path: Path, catalog: Catalog) -> None:
    path = tmp_path / "tall.xlsx"
    book = Workbook()
    book.active.append(HEAD)
    book.active.cell(row=MAX_ROWS + 1, column=1, value="w-9")
    book.save(path)
    assert "declares" in refused(path, catalog).message


def test_a_sparse_sheet_without_a_dimension_stops_at_the_row_limit(tmp_path: Path, catalog: Catalog) -> None:
    # The last row of the sheet, one cell, and no <dimension>: openpyxl would pad a million empty rows.
    path = xlsx(tmp_path / "sparse.xlsx", [HEAD, ["w-1", "A", 1, ""]])
    sheet_xml(path, lambda x: re.sub(r"<dimension[^>]*/>", "", x).replace(
        "</sheetData>", '<row r="1048576"><c r="A1048576" t="inlineStr"><is><t>w-2</t></is></c></row></sheetData>'))
    problem = refused(path, catalog)
    assert (problem.line, "rows" in problem.message) == (1048576, True)


def test_a_cell_far_to_the_right_stops_at_the_column_limit(tmp_path: Path, catalog: Catalog) -> None:
    path = xlsx(tmp_path / "wide.xlsx", [HEAD, ["w-1", "A", 1, ""]])
    sheet_xml(path, lambda x: re.sub(r"<dimension[^>]*/>", "", x).replace(
        "</row></sheetData>", '<c r="XFD2" t="inlineStr"><is><t>x</t></is></c></row></sheetData>'))
    problem = refused(path, catalog)
    assert (problem.line, problem.column) == (2, MAX_COLUMNS + 1) and "columns" in problem.message


def test_an_over_long_xlsx_cell_is_located(tmp_path: Path, catalog: Catalog) -> None:
    path = xlsx(tmp_path / "long.xlsx", [HEAD, ["w-1", "LONG", 1, ""]])
    sheet_xml(path, lambda x: x.replace("LONG", "x" * (MAX_CELL_CHARS + 1)))
    problem = refused(path, catalog)
    assert (problem.line, problem.column) == (2, 2) and "characters" in problem.message


def test_a_number_of_5000_digits_in_xlsx_is_located(tmp_path: Path, catalog: Catalog) -> None:
    path = xlsx(tmp_path / "digits.xlsx", [HEAD, ["w-1", "A", 1, ""]])
    sheet_xml(path, lambda x: re.sub(r'(<c r="C2"[^>]*>)<v>1</v>', r"\1<v>" + "9" * 5000 + "</v>", x))
    problem = refused(path, catalog)
    assert (problem.line, problem.column) == (2, 3)


def test_a_chartsheet_first_is_located(tmp_path: Path, catalog: Catalog) -> None:
    from openpyxl.chart import BarChart, Reference

    book = Workbook()
    book.active.append(HEAD)
    book.active.append(["w-1", "A", 1, 0.5])
    chart = BarChart()
    chart.add_data(Reference(book.active, min_col=3, min_row=1, max_row=2), titles_from_data=True)
    book.create_chartsheet("Chart", 0).add_chart(chart)
    path = tmp_path / "chart.xlsx"
    book.save(path)
    problem = refused(path, catalog)
    assert problem.path == str(path) and "'Chart' is a chart" in problem.message


def test_not_a_zip_and_broken_xml_are_input_errors(tmp_path: Path, catalog: Catalog) -> None:
    junk = tmp_path / "junk.xlsx"
    junk.write_bytes(b"PK\x03\x04 not really")
    assert "not a readable XLSX" in refused(junk, catalog).message
    path = xlsx(tmp_path / "broken.xlsx", [HEAD, ["w-1", "A", 1, ""]])
    sheet_xml(path, lambda x: x.replace("</sheetData>", "<row><c"))
    assert "not a readable XLSX" in refused(path, catalog).message


def test_the_workbook_is_opened_once(tmp_path: Path, catalog: Catalog, monkeypatch: pytest.MonkeyPatch) -> None:
    import openpyxl

    calls = []
    real = openpyxl.load_workbook

    def counting(*args: object, **kwargs: object) -> object:
        calls.append(kwargs)
        return real(*args, **kwargs)

    monkeypatch.setattr(openpyxl, "load_workbook", counting)
    path = xlsx(tmp_path / "staff.xlsx", [HEAD, ["w-1", "A", 1, 0.5], ["w-2", "B", None, None]])
    assert [w.id for w in read_workers(path, catalog)] == ["w-1", "w-2"]
    assert len(calls) == 1


def test_a_csv_field_past_the_csv_limit_is_located(tmp_path: Path, catalog: Catalog) -> None:
    path = tmp_path / "staff.csv"
    path.write_text("id,label\nw-1,\"" + "x" * 200_000 + "\"\n", encoding="utf-8")
    problem = refused(path, catalog)
    assert problem.line == 2 and "field" in problem.message


def test_an_over_long_csv_cell_is_located(tmp_path: Path, catalog: Catalog) -> None:
    path = tmp_path / "staff.csv"
    path.write_text("id,label\nw-1," + "x" * (MAX_CELL_CHARS + 1) + "\n", encoding="utf-8")
    problem = refused(path, catalog)
    assert (problem.line, problem.column) == (2, 2)


def test_bad_utf8_in_a_csv_is_located_at_its_row(tmp_path: Path, catalog: Catalog) -> None:
    path = tmp_path / "staff.csv"
    path.write_bytes(b"id,label\nw-1,A\nw-2,\xff\n")
    problem = refused(path, catalog)
    assert (problem.line, problem.column) == (3, 5) and "0xff" in problem.message


@pytest.mark.parametrize("capacity", ["²", "١", "9" * 5000, "3.0.0", " 5", "+1", "nan", "0x2", "４"])
def test_a_capacity_must_be_an_ascii_digit_0_to_4(tmp_path: Path, catalog: Catalog, capacity: str) -> None:
    path = tmp_path / "staff.csv"
    path.write_text(f"id,lifting\nw-1,{capacity}\n", encoding="utf-8")
    problem = refused(path, catalog)
    assert (problem.line, problem.column) == (2, 2) and "capacity for lifting" in problem.message


@pytest.mark.parametrize("acceptance", ["nan", "inf", "1e999", "١", "0.5.5", "1_0", "-0.1", "2"])
def test_an_acceptance_must_be_a_plain_number_0_to_1(tmp_path: Path, catalog: Catalog, acceptance: str) -> None:
    path = tmp_path / "staff.csv"
    path.write_text(f"id,acceptance:exoskeleton\nw-1,{acceptance}\n", encoding="utf-8")
    problem = refused(path, catalog)
    assert (problem.line, problem.column) == (2, 2) and "acceptance" in problem.message


@pytest.mark.parametrize("acceptance", ["0", "1", "0.5", ".25", "1.0", "5e-1"])
def test_plain_acceptances_are_read(tmp_path: Path, catalog: Catalog, acceptance: str) -> None:
    path = tmp_path / "staff.csv"
    path.write_text(f"id,acceptance:exoskeleton\nw-1,{acceptance}\n", encoding="utf-8")
    [worker] = read_workers(path, catalog)
    assert worker.acceptance_of("exoskeleton") == float(acceptance)


def test_a_named_pipe_is_refused_not_waited_on(tmp_path: Path, catalog: Catalog) -> None:
    import os

    fifo = tmp_path / "staff.csv"
    os.mkfifo(fifo)
    assert "not a regular file" in refused(fifo, catalog).message
