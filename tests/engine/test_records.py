"""Tests engine.records: one typed record check for files, folders and staff lists; kinds from keys."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from catalog import catalog_dir, demo_workspace
from cli.main import main
from engine.loader import Catalog
from engine.records import TOOL, WORKER, WORKSTATION, guess_kind, load_record


def test_validate_a_workstation_outside_a_workstations_folder_exits_0(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # The bug: the kind came from the folder name alone, so station.yaml in some/dir/ was read as a
    # worker (four unknown fields, exit 1).
    source = sorted((demo_workspace() / "workstations").glob("*.yaml"))[0]
    station = tmp_path / "some" / "dir" / "station.yaml"
    station.parent.mkdir(parents=True)
    shutil.copy(source, station)
    assert main(["validate", str(station)]) == 0
    out, err = capsys.readouterr()
    assert f"{station}: workstation ok" in out and err == ""


def test_a_tool_and_a_worker_outside_their_folders_are_told_by_their_keys(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    tool = tmp_path / "t.yaml"
    shutil.copy(sorted((catalog_dir() / "tools").glob("*.yaml"))[0], tool)
    worker = tmp_path / "w.yaml"
    shutil.copy(sorted((demo_workspace() / "workers").glob("*.yaml"))[0], worker)
    assert main(["validate", str(tool), str(worker)]) == 0
    out = capsys.readouterr().out
    assert f"{tool}: tool ok" in out and f"{worker}: worker ok" in out


@pytest.mark.parametrize(("data", "folder", "kind"), [
    ({"id": "s", "tasks": []}, "workers", "workstation"),
    ({"id": "t", "effects": []}, "x", "tool"),
    ({"id": "t", "category": "cobot"}, "x", "tool"),
    ({"id": "w", "capacities": {}}, "workstations", "worker"),
    ({"id": "w", "avoid_categories": []}, "tools", "worker"),
    ({"id": "?"}, "tools", "tool"),
    ({"id": "?"}, "workstations", "workstation"),
    ({"id": "?"}, "x", "worker"),
    (None, "workstations", "workstation"),
    ([1, 2], "x", "worker"),
])
def test_guess_kind_reads_the_keys_before_the_folder(data: object, folder: str, kind: str) -> None:
    assert guess_kind(data, Path(folder) / "f.yaml") == kind


def test_load_record_is_typed_per_kind(catalog: Catalog) -> None:
    station_file = sorted((demo_workspace() / "workstations").glob("*.yaml"))[0]
    station, problems = load_record(station_file, WORKSTATION, catalog)
    assert problems == [] and station is not None and station.tasks
    record, problems = load_record(station_file, WORKER, catalog)
    assert record is None and any("unknown field 'tasks'" in p.message for p in problems)
    tool_file = sorted((catalog_dir() / "tools").glob("*.yaml"))[0]
    tool, problems = load_record(tool_file, TOOL, catalog)
    assert problems == [] and tool is not None and tool.id in catalog.tools
