"""Saves stay inside the workspace, for new and existing workers alike, whatever symbolic links say (issue 15).

When `workers/` was a link to a folder outside the workspace, an existing
worker was refused but a new one was written outside. Both are refused now;
a workspace that is itself reached through a link still saves normally.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from catalog import demo_workspace
from engine.errors import WriteError
from engine.loader import load_workspace
from engine.models import Worker
from engine.persist import save_worker, worker_path


@pytest.fixture
def ws(tmp_path: Path) -> Path:
    root = tmp_path / "ws"
    shutil.copytree(demo_workspace(), root)
    return root


def _worker(ws: Path, worker_id: str) -> Worker:
    return load_workspace(ws).workers["w-001"].model_copy(update={"id": worker_id, "label": "new one"})


def _link_workers_outside(ws: Path, tmp_path: Path) -> Path:
    elsewhere = tmp_path / "elsewhere"
    shutil.move(ws / "workers", elsewhere)
    (ws / "workers").symlink_to(elsewhere, target_is_directory=True)
    return elsewhere


def test_a_new_worker_is_not_saved_through_a_workers_link_outside(ws: Path, tmp_path: Path) -> None:
    worker = _worker(ws, "w-777")
    elsewhere = _link_workers_outside(ws, tmp_path)
    before = sorted(p.name for p in elsewhere.iterdir())
    with pytest.raises(WriteError, match="outside the workspace"):
        worker_path(ws, "w-777")
    with pytest.raises(WriteError, match="outside the workspace"):
        save_worker(ws, worker)
    assert sorted(p.name for p in elsewhere.iterdir()) == before  # nothing written there, not even a temp file


def test_an_existing_worker_is_not_saved_through_a_workers_link_outside(ws: Path, tmp_path: Path) -> None:
    worker = load_workspace(ws).workers["w-001"].model_copy(update={"label": "edited"})
    elsewhere = _link_workers_outside(ws, tmp_path)
    original = (elsewhere / "w-001.yaml").read_bytes()
    with pytest.raises(WriteError, match="not inside the workspace"):
        save_worker(ws, worker, ws / "workers" / "w-001.yaml")
    assert (elsewhere / "w-001.yaml").read_bytes() == original


def test_an_existing_worker_file_linked_outside_is_not_written(ws: Path, tmp_path: Path) -> None:
    outside = tmp_path / "w-001.yaml"
    shutil.move(ws / "workers" / "w-001.yaml", outside)
    (ws / "workers" / "w-001.yaml").symlink_to(outside)
    original = outside.read_bytes()
    worker = Worker.model_validate({"id": "w-001", "label": "edited"})
    with pytest.raises(WriteError, match="not inside the workspace"):
        save_worker(ws, worker, ws / "workers" / "w-001.yaml")
    assert outside.read_bytes() == original


def test_a_workspace_reached_through_a_link_saves_inside_itself(ws: Path, tmp_path: Path) -> None:
    # The link is the way in, not a way out: resolved, everything stays in the real workspace.
    link = tmp_path / "link-to-ws"
    link.symlink_to(ws, target_is_directory=True)
    new = save_worker(link, _worker(ws, "w-778"))
    assert new == (ws / "workers" / "w-778.yaml").resolve() and new.is_file()
    existing = load_workspace(link).workers["w-001"].model_copy(update={"label": "edited"})
    written = save_worker(link, existing, link / "workers" / "w-001.yaml")
    assert written == (ws / "workers" / "w-001.yaml").resolve()
    assert load_workspace(ws).workers["w-001"].label == "edited"
