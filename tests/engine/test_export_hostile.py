"""Exports of match results with hostile labels: no formula, no extra row, no stray file, in every format.

The property writes random labels, task names, tool ids, reasons and notes
(formula starts after line breaks, lone CRs, quotes, control characters that
XML forbids) through CSV, XLSX and JSON and reads them back with the csv
module, openpyxl and json.
"""

from __future__ import annotations

import csv
import io
import json
import re
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import load_workbook

from engine.accessibility import Gap
from engine.errors import WriteError
from engine.export import FORMULA_START, ROW_HEAD, defuse, result_rows, to_csv, to_xlsx, write_match, xlsx_text
from engine.match.results import Assignment, MatchResult, Unplaced

FRAGMENTS = ["=cmd|' /C calc'!A0", "=1+1", "+1", "-1", "@SUM(A1)", "\t", "\r", "\n", "\r\n", "\r=", "\n+",
             '"', '""', ",", ";", "'", "\x00", "\x1b[31m", "\x0b", "\x7f", "\u2028", "\x85", "\ufeff", " ", "[/]"]
"""Pieces that broke or could break an export, mixed with random text."""

hostile = st.lists(
    st.one_of(st.sampled_from(FRAGMENTS), st.text(st.characters(exclude_categories=["Cs"]), max_size=4)),
    max_size=6,
).map("".join)
"""Random hostile text. No lone surrogates: neither the YAML reader nor a UTF-8 staff list lets one in."""


@st.composite
def results(draw: st.DrawFn) -> MatchResult:
    """A match result whose every free-text field is hostile."""
    def gaps() -> list[Gap]:
        return [Gap(i, draw(hostile), draw(hostile), 3, 1) for i in range(draw(st.integers(0, 2)))]

    assignments = [
        Assignment(worker=f"w{i}{draw(hostile)}", workstation=draw(hostile),
                   tools=tuple(draw(st.lists(hostile, max_size=3))), cost_eur=1.5, total_cost_eur=2.0,
                   yearly_eur=0.0, accessibility_before=0.25, accessibility_after=1.0,
                   expected_accessibility_after=0.75, coverage_after=1.0, remaining_gaps=gaps(),
                   from_inventory=tuple(draw(st.lists(hostile, max_size=2))), worker_label=draw(hostile),
                   workstation_label=draw(hostile))
        for i in range(draw(st.integers(0, 3)))
    ]
    unplaced = [Unplaced(worker=f"u{i}{draw(hostile)}", best_workstation=draw(st.one_of(st.none(), hostile)),
                         best_expected_accessibility=0.5, unclosable_gaps=gaps(), reason=draw(hostile),
                         worker_label=draw(hostile))
                for i in range(draw(st.integers(0, 2)))]
    return MatchResult(assignments, unplaced, "total", "lazy-lsa", True, 1.0, 0.0,
                       notes=draw(st.lists(hostile, max_size=2)))


_BREAK = re.compile(r"\r\n|\r|\n")


def formula_free(cell: str) -> bool:
    """No line of the cell (as a spreadsheet may split it) starts a formula."""
    return not any(line.startswith(FORMULA_START) for line in _BREAK.split(cell)[1:]) and \
        not cell.startswith(FORMULA_START)


def records_outside_quotes(text: str) -> int:
    """Records as a spreadsheet program splits them: CR, LF or CRLF outside quotes ends one; a bare CR counts."""
    count, quoted, i = 0, False, 0
    while i < len(text):
        ch = text[i]
        if ch == '"':
            quoted = not quoted
        elif ch in "\r\n" and not quoted:
            assert text[i:i + 2] == "\r\n", f"a bare line break outside quotes at {i}"
            count += 1
            i += 1
        i += 1
    return count


def expected_cells(result: MatchResult) -> list[list[str]]:
    """What the CSV must read back as: every value defused, None as empty."""
    return [["" if v is None else defuse(v) if isinstance(v, str) else str(v) for v in row]
            for row in result_rows(result)]


@given(results())
def test_hostile_text_through_every_format(result: MatchResult) -> None:
    n_rows = len(result.assignments) + len(result.unassigned)
    # CSV: as many records as rows, every cell exactly the defused value, no formula on any line.
    text = to_csv(result)
    assert records_outside_quotes(text) == 1 + n_rows
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert rows[0] == list(ROW_HEAD)
    assert rows[1:] == expected_cells(result)
    for row in rows[1:]:
        for cell in row:
            assert formula_free(cell) or _number(cell), repr(cell)
    # XLSX: no formula cell, no illegal character, every text exactly as written (bar replaced characters).
    book = load_workbook(io.BytesIO(to_xlsx(result)))
    sheet = book["assignments"]
    assert sheet.max_row == 1 + n_rows
    read = [[c.value for c in row] for row in sheet.iter_rows(min_row=2)]
    want = [[xlsx_text(v) if isinstance(v, str) else v for v in row] for row in result_rows(result)]
    assert [[("" if v is None else v) for v in row] for row in read] == \
        [[("" if v is None else v) for v in row] for row in want]
    assert book["unplaced"].max_row == 1 + len(result.unassigned)
    for ws in book.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f"
    # JSON: valid, and the text comes back unchanged.
    assert json.loads(json.dumps(result.to_dict(), ensure_ascii=False)) == _plain(result.to_dict())
    # Through the files, atomically: the three targets and nothing else.
    with tempfile.TemporaryDirectory() as folder:
        for suffix in (".csv", ".xlsx", ".json"):
            write_match(result, Path(folder) / f"out{suffix}")
        assert json.loads((Path(folder) / "out.json").read_text(encoding="utf-8")) == _plain(result.to_dict())
        assert sorted(p.name for p in Path(folder).iterdir()) == ["out.csv", "out.json", "out.xlsx"]


def _number(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True


def _plain(data: Any) -> Any:
    """Tuples as lists, as JSON reads them back."""
    return json.loads(json.dumps(data))


# ---------------------------------------------------------------- the cases of issue 15, one by one


def test_a_carriage_return_then_a_formula_is_quoted_and_defused() -> None:
    label = "Op A\r=cmd|' /C calc'!A0"
    result = MatchResult([], [Unplaced("w-1", None, 0.0, [], "r", worker_label=label)], "total", "x", True,
                         None, 0.0)
    text = to_csv(result)
    assert '"Op A\r\'=cmd|\' /C calc\'!A0"' in text
    assert records_outside_quotes(text) == 2
    assert [r[1] for r in csv.reader(io.StringIO(text, newline=""))][1] == "Op A\r'=cmd|' /C calc'!A0"


def test_defuse_after_every_line_break() -> None:
    assert defuse("a\n=1") == "a\n'=1"
    assert defuse("\r\r=") == "'\r'\r'="
    assert defuse("a\r\n-1\n@x") == "a\r\n'-1\n'@x"
    assert defuse("a=b\n c") == "a=b\n c"


def test_a_control_character_in_a_label_is_replaced_in_xlsx_not_a_crash() -> None:
    result = MatchResult([], [Unplaced("w-1", None, 0.0, [], "r", worker_label="A\x00B\x1bC")], "total", "x",
                         True, None, 0.0)
    book = load_workbook(io.BytesIO(to_xlsx(result)))
    assert book["unplaced"].cell(2, 2).value == "A\ufffdB\ufffdC"


def test_the_xlsx_export_never_writes_to_the_system_temporary_folder(monkeypatch: pytest.MonkeyPatch) -> None:
    # openpyxl's own writer spills each worksheet's XML (ids, labels, gaps) to /tmp/openpyxl.*.
    import openpyxl.worksheet._writer as writer

    def refuse(suffix: str = "") -> str:
        raise AssertionError("openpyxl made a temporary file")

    monkeypatch.setattr(writer, "create_temporary_file", refuse)
    result = MatchResult([], [Unplaced("w-1", None, 0.0, [], "r")], "total", "x", True, None, 0.0)
    assert load_workbook(io.BytesIO(to_xlsx(result))).sheetnames == ["assignments", "summary", "unplaced"]


def test_overwrite_false_and_a_missing_folder_write_nothing(tmp_path: Path) -> None:
    result = MatchResult([], [], "total", "x", True, None, 0.0)
    target = tmp_path / "out.csv"
    target.write_text("old")
    with pytest.raises(WriteError, match="already exists"):
        write_match(result, target, overwrite=False)
    with pytest.raises(WriteError, match="does not exist"):
        write_match(result, tmp_path / "nope" / "out.xlsx", parents=False)
    assert [p.name for p in tmp_path.iterdir()] == ["out.csv"] and target.read_text() == "old"
