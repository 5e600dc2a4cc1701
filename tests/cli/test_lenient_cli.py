"""One bad file does not stop the firm: recommend, match and sheet use the valid records and say what they skipped."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from catalog import demo_workspace
from tests.cli.test_cli import run

BROKEN = "id: w-003\ncapacities: {lifting: x, vison: 2}\n"


@pytest.fixture
def firm(tmp_path: Path) -> Path:
    """The demo workspace with w-003's file broken: a type error and an unknown dimension."""
    root = tmp_path / "firm"
    shutil.copytree(demo_workspace(), root)
    (root / "workers" / "w-003.yaml").write_text(BROKEN)
    return root


def skipped(err: str, root: Path) -> bool:
    bad = root / "workers" / "w-003.yaml"
    return f"{bad}:2:23: capacities.lifting:" in err and "skipped 1 file with problems" in err


def test_recommend_uses_the_valid_records(firm: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "recommend", "--workspace", str(firm), "--worker", "w-001",
                         "--workstation", "ws-palletising", "--format", "json")
    assert code == 0 and json.loads(out)["worker"] == "w-001" and skipped(err, firm)


def test_recommend_for_the_broken_worker_is_an_input_error(firm: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "recommend", "--workspace", str(firm), "--worker", "w-003",
                         "--workstation", "ws-palletising")
    assert code == 1 and out == "" and skipped(err, firm)
    assert "the worker 'w-003' is in a file that could not be loaded" in err


def test_recommend_for_an_unknown_worker_is_an_input_error(firm: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "recommend", "--workspace", str(firm), "--worker", "w-999",
                       "--workstation", "ws-palletising")
    assert code == 1 and "unknown worker 'w-999'" in err


def test_match_places_the_valid_workers(firm: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "match", "--workspace", str(firm), "--format", "json", "--quiet")
    data = json.loads(out)
    placed = {a["worker"] for a in data["assignments"]} | set(data["unassigned_workers"])
    assert code == 0 and skipped(err, firm)
    assert "w-003" not in placed and len(placed) == 17


def test_sheet_for_a_valid_pair(firm: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out_file = tmp_path / "w-001.md"
    code, _, err = run(capsys, "sheet", "--workspace", str(firm), "--worker", "w-001",
                       "--workstation", "ws-palletising", "--out", str(out_file))
    assert code == 0 and out_file.is_file() and skipped(err, firm)


def test_a_folder_that_is_no_workspace_still_fails(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "match", "--workspace", str(tmp_path), "--quiet")
    assert code == 1 and "not a workspace" in err


def test_validate_reports_type_errors_and_unknown_ids_together(firm: Path,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "validate", str(firm))
    bad = firm / "workers" / "w-003.yaml"
    assert code == 1
    assert f"{bad}:2:23: capacities.lifting: Input should be a valid integer" in err
    assert f"{bad}:2:26: capacities.vison: unknown dimension 'vison'; did you mean 'vision'?" in err
