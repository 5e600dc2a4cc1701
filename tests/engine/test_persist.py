"""Tests of engine.persist: atomic worker saving, ids as file names, settings."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from catalog import demo_workspace
from engine.errors import WriteError
from engine.loader import load_workspace
from engine.models import Worker
from engine.persist import (
    Settings,
    is_bundled,
    load_settings,
    new_worker_id,
    save_settings,
    save_worker,
    settings_path,
    worker_data,
    worker_path,
)


@pytest.fixture
def ws(tmp_path: Path) -> Path:
    root = tmp_path / "ws"
    shutil.copytree(demo_workspace(), root)
    return root


def test_save_and_reload_keeps_the_edit_and_the_comment(ws: Path) -> None:
    workspace = load_workspace(ws)
    worker = workspace.workers["w-001"]
    path = workspace.worker_paths["w-001"]
    path.write_text("# Back injury, seen by the physician in May\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
    edited = Worker.model_validate({**worker.model_dump(), "capacities": {**worker.capacities, "lifting": 3}})
    written = save_worker(ws, edited, path)
    assert written == path.resolve()
    assert path.read_text(encoding="utf-8").startswith("# Back injury")
    again = load_workspace(ws)
    assert again.workers["w-001"].capacity("lifting") == 3
    assert again.workers["w-001"].acceptance == worker.acceptance
    # Version 2 fields survive a save: a restriction or a contraindication is never lost.
    assert again.workers["w-001"].restrictions == worker.restrictions != {}
    assert again.workers["w-001"].contraindications == worker.contraindications
    assert again.workers["w-001"].notes == worker.notes
    assert not list((ws / "workers").glob(".*.tmp"))


def test_saving_keeps_the_file_mode(ws: Path) -> None:
    path = ws / "workers" / "w-001.yaml"
    path.chmod(0o640)
    save_worker(ws, load_workspace(ws).workers["w-001"], path)
    assert path.stat().st_mode & 0o777 == 0o640
    new = save_worker(ws, Worker(id="w-200"))
    assert new.stat().st_mode & 0o777 == 0o600  # health data: private to the user


def test_defaults_are_left_out() -> None:
    worker = Worker(id="w-9", capacities={"lifting": 4, "reading": 2}, acceptance={"cobot": 1.0})
    assert worker_data(worker) == {"id": "w-9", "capacities": {"reading": 2}}


def test_new_worker_goes_to_its_own_file_and_never_overwrites(ws: Path) -> None:
    worker = Worker(id="w-100", label="New", capacities={"vision": 1})
    path = save_worker(ws, worker)
    assert path == (ws / "workers" / "w-100.yaml").resolve()
    assert load_workspace(ws).workers["w-100"].capacity("vision") == 1
    with pytest.raises(WriteError, match="exists already"):
        save_worker(ws, worker)


def test_unsafe_ids_and_outside_paths_are_refused(ws: Path, tmp_path: Path) -> None:
    with pytest.raises(WriteError):
        worker_path(ws, "../evil")
    with pytest.raises(WriteError):
        worker_path(ws, ".hidden")
    with pytest.raises(WriteError, match="not inside"):
        save_worker(ws, Worker(id="w-1"), tmp_path / "elsewhere.yaml")


def test_the_bundled_demo_is_read_only() -> None:
    assert is_bundled(None) and is_bundled(demo_workspace())
    with pytest.raises(WriteError, match="read-only"):
        save_worker(demo_workspace(), Worker(id="w-001"), demo_workspace() / "workers" / "w-001.yaml")


def test_new_worker_id_follows_the_highest() -> None:
    assert new_worker_id(["w-001", "w-017", "x"]) == "w-018"
    assert new_worker_id([]) == "w-001"


def test_settings_round_trip_and_keep_unknown_keys(ws: Path) -> None:
    assert load_settings(ws) == (Settings(), [])
    (ws / "werkpost.yaml").write_text("theme: dark\n", encoding="utf-8")
    save_settings(ws, Settings(lang="nl"))
    assert load_settings(ws) == (Settings(lang="nl"), [])
    assert "theme: dark" in (ws / "werkpost.yaml").read_text(encoding="utf-8")


def test_broken_settings_fall_back_with_a_problem(ws: Path) -> None:
    (ws / "werkpost.yaml").write_text("lang: fr\n", encoding="utf-8")
    settings, problems = load_settings(ws)
    assert settings.lang == "en"
    assert problems and problems[0].line == 1 and "fr" in problems[0].message
    (ws / "werkpost.yaml").write_text("lang: [\n", encoding="utf-8")
    assert load_settings(ws)[1]


def test_demo_settings_go_to_the_config_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "cfg"))
    assert settings_path(None).is_relative_to(tmp_path / "cfg")
    save_settings(None, Settings(lang="nl"))
    assert load_settings(demo_workspace())[0].lang == "nl"
