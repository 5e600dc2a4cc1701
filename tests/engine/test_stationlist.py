"""Task-analysis sheets: the shipped example, located problems, bounds shared with staff lists, all or nothing."""

from __future__ import annotations

import csv
import os
import stat
from pathlib import Path

import pytest
from openpyxl import Workbook

from engine.errors import InputError, Problem, WriteError
from engine.loader import Catalog, load_workspace
from engine.scaffold import init_workspace
from engine.sheetrows import MAX_ROWS
from engine.stationlist import plan_import, read_workstations, write_import

EXAMPLE = Path(__file__).resolve().parents[2] / "docs" / "examples" / "task-analysis.csv"
HEAD = ["workstation", "label", "task", "share", "tags", "core", "hazards", "lifting", "reading"]


def sheet(path: Path, rows: list[list[object]]) -> Path:
    if path.suffix == ".xlsx":
        book = Workbook()
        book.active.title = "tasks"
        for row in rows:
            book.active.append(row)
        book.save(path)
    else:
        with path.open("w", newline="", encoding="utf-8") as handle:
            csv.writer(handle).writerows(rows)
    return path


def problems(path: Path, catalog: Catalog) -> list[tuple[int | None, int | None, str]]:
    with pytest.raises(InputError) as info:
        read_workstations(path, catalog)
    return [(p.line, p.column, p.message) for p in info.value.problems]


def test_the_shipped_example_reads_as_two_workstations(catalog: Catalog) -> None:
    read = read_workstations(EXAMPLE, catalog)
    assert [(s.station.id, s.row, s.column) for s in read] == [("ws-bike-repair", 2, 1), ("ws-parcel-sorting", 6, 1)]
    bike, parcels = (s.station for s in read)
    # Hours 20 + 6 + 8 + 4 = 38 a week, as the workstation says: shares are the fractions of the week.
    assert [round(t.share, 4) for t in bike.tasks] == [0.5263, 0.1579, 0.2105, 0.1053]
    assert bike.hours_per_week == 38 and bike.wage_eur_per_hour == 26 and bike.department == "workshop"
    assert bike.features == ["power", "fixed_bench", "floor_space"]
    first = bike.tasks[0]
    assert first.core and first.hazards == ["sharp_tools"]
    assert first.tags == {"assembly", "fastening", "bench", "inspection"}
    assert first.demands["fine_motor"] == 3 and "carrying" not in first.demands  # blank = 0, left out
    assert [t.share for t in parcels.tasks] == [0.6, 0.3, 0.1]  # 60% 30% 10%
    assert not any(t.core for t in parcels.tasks)


def test_the_same_sheet_as_xlsx_reads_the_same(tmp_path: Path, catalog: Catalog) -> None:
    with EXAMPLE.open(encoding="utf-8") as handle:
        rows: list[list[object]] = [list(r) for r in csv.reader(handle)]
    # Numbers typed as numbers, as a spreadsheet program stores them.
    typed = [[float(c) if c.replace(".", "", 1).isdigit() else c for c in map(str, r)] for r in rows]
    as_xlsx = read_workstations(sheet(tmp_path / "t.xlsx", typed), catalog)
    assert [s.station for s in as_xlsx] == [s.station for s in read_workstations(EXAMPLE, catalog)]


def test_every_bad_cell_is_reported_at_its_row_and_column(tmp_path: Path, catalog: Catalog) -> None:
    path = sheet(tmp_path / "bad.csv", [
        [*HEAD, "sign_language"],
        ["ws-a", "A", "Pack", "0.5", "packing", "maybe", "", "5", "", ""],
        ["ws-a", "A", "", "0.5", "", "", "", "", "", ""],
        ["ws-b", "B", "Sort", "x", "", "", "", "", "", ""],
    ])
    assert problems(path, catalog) == [(1, 10, "sign_language is a capacity only (a worker's skill): a task "
                                               "cannot demand it")]
    path = sheet(tmp_path / "bad.csv", [
        HEAD,
        ["ws-a", "A", "Pack", "0.5", "pakking", "maybe", "", "5", ""],
        ["ws-a", "A", "", "0.5", "", "", "", "", ""],
        ["ws-b", "B", "Sort", "x", "", "", "", "", ""],
        ["", "", "Orphan", "1", "", "", "", "", ""],
        ["ws-c", "C", "Sort", "1", "pakking", "", "heigths", "", "2"],
        ["ws-c", "Other label", "Carry", "1", "", "", "", "", ""],
    ])
    found = problems(path, catalog)
    assert (2, 6, "core must be yes or no (blank = no), not 'maybe'") in found
    assert (2, 8, "demand for lifting must be a whole number 0-4 (blank = 0), not '5'") in found
    assert (3, 3, "the task has no name") in found
    assert (4, 4, "share must be a number above 0, not 'x'") in found
    assert (5, 1, "the row has no workstation id") in found
    assert (7, 2, "label 'Other label' differs from row 6 of workstation 'ws-c': give it once, or the same "
                  "on every row") in found
    # ws-c's other rows are fine, but a workstation is judged whole: its broken row keeps it out.
    assert not any(line == 6 for line, *_ in found)


def test_unknown_ids_go_through_the_workstation_validation_at_their_cell(tmp_path: Path, catalog: Catalog) -> None:
    path = sheet(tmp_path / "ids.csv", [
        [*HEAD, "features"],
        ["ws-c", "C", "Sort", "1", "sorting;pakking", "", "heigths", "", "2", "power;stepfree"],
    ])
    found = problems(path, catalog)
    assert (2, 5, "tasks[0].tags[1]: unknown task tag 'pakking'; did you mean 'packing'?") in found
    assert (2, 7, "tasks[0].hazards[0]: unknown hazard 'heigths'; did you mean 'heights'?") in found
    assert (2, 10, "features[1]: unknown feature 'stepfree'; did you mean 'step_free'?") in found
    assert len(found) == 3


def test_header_problems_and_missing_columns(tmp_path: Path, catalog: Catalog) -> None:
    path = sheet(tmp_path / "head.csv", [["workstation", "liftng", "label", "label"], ["ws-a", "1", "", ""]])
    found = problems(path, catalog)
    assert (1, 2, "unknown column 'liftng'; did you mean 'lifting'?") in found
    assert (1, 4, "duplicate column 'label' (also column 3)") in found
    assert (1, 1, "no 'task' column") in found
    assert any("no 'share' or 'hours' column" in m for *_, m in found)


def test_task_hours_must_add_up_to_the_workstation_hours(tmp_path: Path, catalog: Catalog) -> None:
    head = ["workstation", "hours_per_week", "task", "hours", "share"]
    path = sheet(tmp_path / "h.csv", [head, ["ws-a", "38", "One", "20", ""], ["ws-a", "", "Two", "10", ""]])
    assert problems(path, catalog) == [(2, 2, "the tasks' hours sum to 30, not the 38 hours_per_week given: "
                                              "correct one of them")]
    path = sheet(tmp_path / "h.csv", [head, ["ws-a", "", "One", "20", ""], ["ws-a", "", "Two", "10,5", ""]])
    [read] = read_workstations(path, catalog)
    assert read.station.hours_per_week == 30.5  # the sum, when the workstation's hours are not given
    path = sheet(tmp_path / "h.csv", [head, ["ws-a", "", "One", "20", ""], ["ws-a", "", "Two", "", "0.5"]])
    assert problems(path, catalog) == [(3, 5, "workstation 'ws-a' gives its task time as hours on row 2: give "
                                              "every task of a workstation the same way")]


def test_the_shared_bounds_apply_with_the_sheets_own_words(tmp_path: Path, catalog: Catalog) -> None:
    path = tmp_path / "long.csv"
    path.write_text("workstation,task,share\n" + "ws-a,t,1\n" * MAX_ROWS, encoding="utf-8")
    [problem] = [Problem(str(path), *p) for p in problems(path, catalog)]
    assert problem.line == MAX_ROWS + 1 and "a task-analysis sheet this long" in problem.message
    fifo = tmp_path / "pipe.csv"
    os.mkfifo(fifo)
    assert problems(fifo, catalog) == [(None, None, "not a regular file")]


def test_import_is_all_or_nothing_and_never_overwrites_without_force(tmp_path: Path, catalog: Catalog) -> None:
    root = tmp_path / "firm"
    init_workspace(root)
    read = read_workstations(EXAMPLE, catalog)
    written = write_import(root, plan_import(root, read, {}, force=False, sheet="s.csv"))
    assert [p.name for p in written] == ["ws-bike-repair.yaml", "ws-parcel-sorting.yaml"]
    assert all(stat.S_IMODE(p.stat().st_mode) == 0o600 for p in written)
    ws = load_workspace(root)  # strict: every file valid
    assert ws.workstations["ws-bike-repair"] == read[0].station
    before = {p: p.read_bytes() for p in written}
    with pytest.raises(InputError) as info:
        plan_import(root, read, ws.workstation_paths, force=False, sheet="s.csv")
    assert [(p.line, p.column) for p in info.value.problems] == [(2, 1), (6, 1)]
    assert all("use --force" in p.message for p in info.value.problems)
    # The same id in another file of the workspace is refused, even with force (two files, one id).
    (root / "workstations" / "ws-parcel-sorting.yaml").rename(root / "workstations" / "parcels.yaml")
    ws = load_workspace(root)
    with pytest.raises(InputError, match="exists already in"):
        plan_import(root, read, ws.workstation_paths, force=True, sheet="s.csv")
    assert all(p.read_bytes() == before[p] for p in written if p.exists())


def test_a_failed_write_undoes_the_files_written_before_it(tmp_path: Path, catalog: Catalog,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    root = tmp_path / "firm"
    init_workspace(root)
    read = read_workstations(EXAMPLE, catalog)
    planned = plan_import(root, read, {}, force=False, sheet="s.csv")
    import engine.stationlist as stationlist

    real = stationlist.save_workstation
    calls: list[str] = []

    def fail_second(root: Path, station: object, path: Path | None = None) -> Path:
        calls.append(str(station))
        if len(calls) == 2:
            raise WriteError("disk full")
        return real(root, station, path)  # type: ignore[arg-type]

    monkeypatch.setattr(stationlist, "save_workstation", fail_second)
    with pytest.raises(WriteError, match="disk full"):
        write_import(root, planned)
    assert sorted(p.name for p in (root / "workstations").iterdir()) == ["ws-example.yaml"]
