"""Tests saving a workstation: round trip, comments kept, new files private, never out of the workspace."""

from __future__ import annotations

import os
import shutil
import stat
from pathlib import Path

import pytest

from catalog import demo_workspace
from engine.checkfiles import check_paths
from engine.errors import WriteError
from engine.loader import load_workspace
from engine.models import Task, Workstation
from engine.persist import save_workstation, workstation_data


@pytest.fixture
def ws(tmp_path: Path) -> Path:
    root = tmp_path / "ws"
    shutil.copytree(demo_workspace(), root)
    return root


def station(station_id: str = "ws-new") -> Workstation:
    return Workstation(
        id=station_id, label="Sorting returns", hours_per_week=30, wage_eur_per_hour=21.5,
        department="logistics", features=["power", "fixed_bench"],
        tasks=[Task(name="Sort parcels", share=0.75, tags=frozenset({"sorting", "bench"}),
                    demands={"vision": 3, "lifting": 2, "reading": 0}, core=True),
               Task(name="Take bins out", share=0.25, tags=frozenset({"transport"}),
                    demands={"walking": 2}, hazards=["forklift_traffic"])])


def test_a_new_workstation_round_trips_and_validates(ws: Path) -> None:
    path = save_workstation(ws, station())
    assert path == (ws / "workstations" / "ws-new.yaml").resolve()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    loaded = load_workspace(ws).workstations["ws-new"]
    assert loaded.tasks[0].demands == {"vision": 3, "lifting": 2}  # the 0 is left out: same meaning
    assert loaded.tasks[0].tags == {"sorting", "bench"} and loaded.tasks[0].core
    assert loaded.tasks[1].hazards == ["forklift_traffic"]
    assert (loaded.hours_per_week, loaded.wage_eur_per_hour, loaded.department) == (30, 21.5, "logistics")
    assert loaded.shares() == pytest.approx([0.75, 0.25])
    summary, problems = check_paths([path])
    assert problems == [] and [str(c) for c in summary] == [f"{path}: workstation ok"]


def test_data_leaves_defaults_out_in_contract_order() -> None:
    data = workstation_data(Workstation(id="ws-a", tasks=[Task(name="x", share=1)]))
    assert data == {"id": "ws-a", "tasks": [{"name": "x", "share": 1}]}
    assert list(workstation_data(station())) == ["id", "label", "hours_per_week", "wage_eur_per_hour",
                                                 "department", "features", "tasks"]


def test_a_new_workstation_never_replaces_another(ws: Path) -> None:
    before = (ws / "workstations" / "ws-kitchen.yaml").read_bytes()
    with pytest.raises(WriteError, match="already exists"):
        save_workstation(ws, station("ws-kitchen"))
    assert (ws / "workstations" / "ws-kitchen.yaml").read_bytes() == before


def test_saving_an_existing_file_keeps_its_comments_and_mode(ws: Path) -> None:
    path = ws / "workstations" / "ws-kitchen.yaml"
    path.write_text("# the kitchen, checked with the chef\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
    os.chmod(path, 0o640)
    kitchen = load_workspace(ws).workstations["ws-kitchen"]
    edited = kitchen.model_copy(update={"label": "Kitchen (edited)"})
    save_workstation(ws, edited, path)
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# the kitchen, checked with the chef\n")
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert load_workspace(ws).workstations["ws-kitchen"].label == "Kitchen (edited)"


def test_symbolic_links_out_of_the_workspace_are_refused(ws: Path, tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "ws-x.yaml").write_text("id: ws-x\n", encoding="utf-8")
    link = ws / "workstations" / "ws-x.yaml"
    link.symlink_to(outside / "ws-x.yaml")
    with pytest.raises(WriteError, match="not inside the workspace"):
        save_workstation(ws, station("ws-x"), link)
    # A new file whose name is a link out: the resolved target is outside the folder.
    with pytest.raises(WriteError, match="outside"):
        save_workstation(ws, station("ws-x"))
    # The folder itself linked elsewhere.
    shutil.rmtree(ws / "workstations")
    (ws / "workstations").symlink_to(outside, target_is_directory=True)
    with pytest.raises(WriteError, match="outside the workspace"):
        save_workstation(ws, station("ws-y"))
    assert sorted(p.name for p in outside.iterdir()) == ["ws-x.yaml"]
    assert (outside / "ws-x.yaml").read_text(encoding="utf-8") == "id: ws-x\n"


def test_unsafe_ids_and_the_demo_are_refused(ws: Path) -> None:
    with pytest.raises(WriteError, match="cannot be a file name"):
        save_workstation(ws, station().model_copy(update={"id": "../x"}))
    with pytest.raises(WriteError, match="read-only"):
        save_workstation(demo_workspace(), station())
    with pytest.raises(WriteError, match="read-only"):
        save_workstation(None, station())
