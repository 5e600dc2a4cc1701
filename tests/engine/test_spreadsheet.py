"""Staff lists from CSV/XLSX with exact FILE:ROW:COLUMN errors; exports that never carry a formula."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from engine.errors import InputError
from engine.export import defuse, to_csv, write_match
from engine.loader import Catalog, Workspace
from engine.match import match
from engine.models import Worker
from engine.stafflist import read_workers

HEAD = ["id", "label", "lifting", "reading", "avoid_categories", "acceptance:exoskeleton"]


def write_csv(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)
    return path


def write_xlsx(path: Path, rows: list[list[object]]) -> Path:
    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def test_csv_staff_list_reads_into_workers(tmp_path: Path, catalog: Catalog) -> None:
    path = write_csv(tmp_path / "staff.csv", [HEAD, ["w-1", "Operator A", "1", "", "exoskeleton", ""],
                                              [], ["w-2", "B", "", "2", "", "0.5"]])
    workers = read_workers(path, catalog)
    assert workers == [
        Worker(id="w-1", label="Operator A", capacities={"lifting": 1}, avoid_categories=["exoskeleton"]),
        Worker(id="w-2", label="B", capacities={"reading": 2}, acceptance={"exoskeleton": 0.5}),
    ]


def test_xlsx_staff_list_reads_numbers_as_levels(tmp_path: Path, catalog: Catalog) -> None:
    path = write_xlsx(tmp_path / "staff.xlsx", [HEAD, ["w-1", "A", 1, 3.0, None, 0.8]])
    [worker] = read_workers(path, catalog)
    assert worker.capacities == {"lifting": 1, "reading": 3}
    assert worker.acceptance == {"exoskeleton": 0.8}


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_every_bad_cell_is_reported_at_its_row_and_column(tmp_path: Path, catalog: Catalog, suffix: str) -> None:
    rows: list[list[object]] = [
        HEAD,
        ["w-1", "ok", "1", "", "", ""],
        ["w 2", "bad id", "5", "x", "exoskelet", "1.5"],
        ["w-1", "duplicate", "", "", "", ""],
    ]
    path = tmp_path / f"staff{suffix}"
    if suffix == ".csv":
        write_csv(path, [[str(c) for c in r] for r in rows])
    else:
        write_xlsx(path, rows)
    with pytest.raises(InputError) as info:
        read_workers(path, catalog)
    where = [(p.line, p.column) for p in info.value.problems]
    assert where == [(3, 1), (3, 3), (3, 4), (3, 5), (3, 6), (4, 1)]
    text = [str(p) for p in info.value.problems]
    assert text[1].startswith(f"{path}:3:3: capacity for lifting must be a whole number 0-4")
    assert "did you mean 'exoskeleton'" in text[3]
    assert "also on row 2" in text[5]


def test_unknown_heading_and_missing_id(tmp_path: Path, catalog: Catalog) -> None:
    path = write_csv(tmp_path / "staff.csv", [["label", "liftng"], ["x", "1"]])
    with pytest.raises(InputError) as info:
        read_workers(path, catalog)
    messages = [(p.line, p.column, p.message) for p in info.value.problems]
    assert (1, 2, "unknown column 'liftng'; did you mean 'lifting'?") in messages
    assert any(m == "no 'id' column" for *_, m in messages)


def test_not_a_workbook(tmp_path: Path, catalog: Catalog) -> None:
    path = tmp_path / "staff.xlsx"
    path.write_text("not a zip")
    with pytest.raises(InputError):
        read_workers(path, catalog)


@pytest.fixture
def hostile(demo: Workspace) -> Workspace:
    """The demo with worker labels a spreadsheet would run as formulas."""
    workers = dict(demo.workers)
    workers["w-001"] = workers["w-001"].model_copy(update={"label": '=HYPERLINK("http://evil","x")'})
    workers["w-002"] = workers["w-002"].model_copy(update={"label": "@SUM(A1)"})
    return Workspace(demo.root, demo.catalog, workers, demo.workstations)


def test_defuse() -> None:
    assert [defuse(x) for x in ("=1", "+1", "-1", "@a", "\tx", "\rx", "ok")] == \
        ["'=1", "'+1", "'-1", "'@a", "'\tx", "'\rx", "ok"]


def test_csv_export_defuses_formulas_and_round_trips(hostile: Workspace, tmp_path: Path) -> None:
    result = match(hostile)
    path = write_match(result, tmp_path / "out.csv")
    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))
    assert len(rows) == len(hostile.workers)
    by_id = {r["worker"]: r for r in rows}
    assert by_id["w-001"]["worker_label"] == '\'=HYPERLINK("http://evil","x")'
    assert by_id["w-002"]["worker_label"] == "'@SUM(A1)"
    placed = {a.worker: a for a in result.assignments}
    for worker, row in by_id.items():
        if worker in placed:
            assert row["workstation"] == placed[worker].workstation
            assert float(row["expected_accessibility_after"]) == placed[worker].expected_accessibility_after
    assert to_csv(result) == path.read_text(encoding="utf-8")


def test_xlsx_export_has_three_sheets_and_no_formula(hostile: Workspace, tmp_path: Path) -> None:
    path = write_match(match(hostile, min_accessibility=1.0), tmp_path / "out.xlsx")
    book = load_workbook(path)
    assert book.sheetnames == ["assignments", "summary", "unplaced"]
    sheet = book["assignments"]
    head = [c.value for c in sheet[1]]
    label = head.index("worker_label") + 1
    cells = {sheet.cell(r, 1).value: sheet.cell(r, label) for r in range(2, sheet.max_row + 1)}
    assert cells["w-001"].value == '=HYPERLINK("http://evil","x")'
    assert cells["w-001"].data_type == "s"
    assert cells["w-002"].data_type == "s"
    assert all(c.data_type != "f" for row in sheet.iter_rows() for c in row)
    summary = {r[0]: r[1] for r in book["summary"].iter_rows(min_row=2, values_only=True)}
    assert summary["placed"] == sheet.max_row - 1 - book["unplaced"].max_row + 1


def test_unknown_export_format(demo: Workspace, tmp_path: Path) -> None:
    from engine.errors import WriteError

    with pytest.raises(WriteError):
        write_match(match(demo), tmp_path / "out.txt")
    assert not (tmp_path / "out.txt").exists()


def test_a_formula_without_a_computed_value_is_an_error(tmp_path: Path, catalog: Catalog) -> None:
    # Found in review: openpyxl writes formulas without cached values; data_only reads them as
    # None, which used to pass for a blank capacity (4, no limitation).
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["id", "label", "lifting"])
    sheet.append(["w-1", "A", "=1"])
    path = tmp_path / "staff.xlsx"
    book.save(path)
    with pytest.raises(InputError) as info:
        read_workers(path, catalog)
    [problem] = info.value.problems
    assert (problem.line, problem.column) == (2, 3) and "no computed value" in problem.message
