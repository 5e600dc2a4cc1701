"""`werkpost init DIR`: a new workspace that validates as it is, never over an existing folder."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from engine.loader import load_workspace
from engine.models import Task, WorkspaceSettings
from engine.scaffold import FILES
from tests.cli.test_cli import run


def test_init_makes_a_workspace_that_validates(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = tmp_path / "firm"
    code, out, err = run(capsys, "init", str(root))
    assert code == 0 and err == ""
    for name, _ in FILES:
        assert str(root / name) in out
    assert (root / "workers").is_dir() and (root / "workstations").is_dir()
    assert yaml.safe_load((root / "werkpost.yaml").read_text())["language"] == "nl"
    code, out, err = run(capsys, "validate", str(root))
    assert code == 0 and "workspace ok: 1 workers, 1 workstations" in out and err == ""
    assert not list(root.rglob("*.tmp"))


def test_init_examples_explain_every_field(tmp_path: Path) -> None:
    from engine.scaffold import init_workspace

    init_workspace(tmp_path / "firm")
    ws = load_workspace(tmp_path / "firm")
    worker, station = ws.workers["w-001"], ws.workstations["ws-example"]
    for path, fields in ((ws.worker_paths["w-001"], type(worker).model_fields),
                         (ws.workstation_paths["ws-example"], type(station).model_fields),
                         (ws.workstation_paths["ws-example"], Task.model_fields),
                         (tmp_path / "firm" / "werkpost.yaml", WorkspaceSettings.model_fields)):
        comments = "".join(line for line in path.read_text().splitlines(True) if line.startswith("#"))
        missing = [f for f in fields if not re.search(rf"^#\s+{f}(\s|$)", comments, re.M)]
        assert not missing, (path.name, missing)


def test_init_settings_valid_when_uncommented(tmp_path: Path) -> None:
    from engine.scaffold import SETTINGS_TEXT

    lines = [line[2:] for line in SETTINGS_TEXT.splitlines() if line.startswith("# ") and ":" in line
             and not line.startswith("#  ") and line[2:].split(":")[0] in WorkspaceSettings.model_fields]
    data = yaml.safe_load("\n".join(lines))
    assert set(data) >= {"horizon_years", "weeks_per_year", "reliability", "lang"}
    WorkspaceSettings.model_validate(data)


def test_init_refuses_a_non_empty_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "notes.txt").write_text("mine")
    code, out, err = run(capsys, "init", str(tmp_path))
    assert code == 1 and "not empty" in err and out == ""
    assert [p.name for p in tmp_path.iterdir()] == ["notes.txt"]


def test_init_in_an_empty_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, _ = run(capsys, "init", str(tmp_path))
    assert code == 0 and (tmp_path / "werkpost.yaml").is_file()
