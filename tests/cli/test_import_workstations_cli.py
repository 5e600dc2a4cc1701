"""`werkpost import-workstations`: the example sheet into a new workspace, located errors, --force, Dutch."""

from __future__ import annotations

from pathlib import Path

import pytest

from engine.loader import load_workspace
from engine.scaffold import init_workspace
from tests.cli.test_cli import run
from tests.engine.test_stationlist import EXAMPLE


@pytest.fixture
def firm(tmp_path: Path) -> Path:
    root = tmp_path / "firm"
    init_workspace(root)
    return root


def test_import_writes_each_workstation_and_says_where(firm: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "import-workstations", str(EXAMPLE), "--workspace", str(firm), "--lang", "en")
    assert (code, err) == (0, "")
    for name in ("ws-bike-repair", "ws-parcel-sorting"):
        assert f"{firm / 'workstations' / name}.yaml (new, " in out
    assert "wrote 2 workstations" in out
    assert sorted(load_workspace(firm).workstations) == ["ws-bike-repair", "ws-example", "ws-parcel-sorting"]
    code, out, err = run(capsys, "validate", str(firm))
    assert code == 0 and "3 workstations" in out


def test_existing_files_need_force_and_nothing_is_written_without_it(
        firm: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "import-workstations", str(EXAMPLE), "--workspace", str(firm))
    target = firm / "workstations" / "ws-bike-repair.yaml"
    target.write_text(target.read_text(encoding="utf-8").replace("Bicycle repair workshop", "Edited"),
                      encoding="utf-8")
    code, out, err = run(capsys, "import-workstations", str(EXAMPLE), "--workspace", str(firm))
    assert code == 1 and out == ""
    assert f"{EXAMPLE}:2:1: {target} exists already: use --force to replace it" in err.splitlines()
    assert "Edited" in target.read_text(encoding="utf-8")
    code, out, err = run(capsys, "import-workstations", str(EXAMPLE), "--workspace", str(firm), "--force",
                         "--lang", "nl")
    assert code == 0 and "2 werkposten geschreven" in out and "(vervangen, 4 taken)" in out
    assert "Edited" not in target.read_text(encoding="utf-8")


def test_a_bad_sheet_writes_nothing(firm: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text(EXAMPLE.read_text(encoding="utf-8").replace(",20,", ",twenty,"), encoding="utf-8")
    code, out, err = run(capsys, "import-workstations", str(bad), "--workspace", str(firm))
    assert code == 1 and out == ""
    assert f"{bad}:2:9: hours must be a number above 0, not 'twenty'" in err
    assert sorted(p.name for p in (firm / "workstations").iterdir()) == ["ws-example.yaml"]


def test_dry_run_and_usage(firm: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "import-workstations", str(EXAMPLE), "--workspace", str(firm), "--dry-run")
    assert code == 0 and "2 workstations are fine" in out
    assert sorted(p.name for p in (firm / "workstations").iterdir()) == ["ws-example.yaml"]
    code, _, err = run(capsys, "import-workstations", "sheet.ods", "--workspace", str(firm))
    assert code == 2 and "must end in .csv or .xlsx" in err
    code, _, err = run(capsys, "import-workstations", str(EXAMPLE), "--workspace", str(tmp_path / "none"))
    assert code == 1 and "not a workspace" in err
    code, out, _ = run(capsys, "--help")
    assert "import-workstations" in out
