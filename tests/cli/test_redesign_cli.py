"""`werkpost redesign` end to end through cli.main.main: the section 8 JSON and the --out safety."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from openpyxl import load_workbook

from cli.main import main


def run_json(capsys: pytest.CaptureFixture[str], *args: str) -> dict[str, object]:
    assert main(["redesign", "--format", "json", *args]) == 0
    data: dict[str, object] = json.loads(capsys.readouterr().out)
    return data


def test_json_has_the_contract_keys(capsys: pytest.CaptureFixture[str]) -> None:
    data = run_json(capsys)
    assert {"functions", "freed", "totals", "exact"} <= set(data)
    assert data["exact"] is True
    functions = data["functions"]
    assert isinstance(functions, list) and len(functions) >= 2
    for f in functions:
        assert {"worker", "tasks", "hours", "tools", "total_cost_eur"} <= set(f)
        assert all({"workstation", "task", "hours"} <= set(t) for t in f["tasks"])
        assert f["hours"] == pytest.approx(sum(t["hours"] for t in f["tasks"]))
    totals = data["totals"]
    assert isinstance(totals, dict)
    assert {"placed", "hours_moved", "net_yearly_benefit_eur"} <= set(totals)
    assert totals["placed"] == len(functions)
    freed = data["freed"]
    assert isinstance(freed, list)
    assert sum(f["hours"] for f in freed) == pytest.approx(totals["hours_moved"])


def test_text_has_the_business_case(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["redesign", "--workers", "w-013,w-015", "--budget", "0"]) == 0
    out = capsys.readouterr().out
    assert "New function 1" in out and "Hours freed" in out and "payback" in out


def test_unknown_worker_is_an_input_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["redesign", "--workers", "w-0155"]) == 1
    assert "unknown worker 'w-0155'" in capsys.readouterr().err


def test_bad_hours_are_usage_errors(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["redesign", "--min-hours", "-1"])
    assert exc.value.code == 2
    assert main(["redesign", "--min-hours", "20", "--max-hours", "10"]) == 1


@pytest.mark.parametrize("suffix", [".csv", ".xlsx", ".json"])
def test_out_files(tmp_path: Path, capsys: pytest.CaptureFixture[str], suffix: str) -> None:
    path = tmp_path / f"functions{suffix}"
    data = run_json(capsys, "--out", str(path))
    if suffix == ".csv":
        rows = list(csv.DictReader(path.open(encoding="utf-8")))
        assert len(rows) == sum(len(f["tasks"]) for f in data["functions"])  # type: ignore[union-attr]
    elif suffix == ".xlsx":
        assert load_workbook(path).sheetnames == ["New functions", "Moved tasks", "Hours freed", "Summary"]
    else:
        assert json.loads(path.read_text(encoding="utf-8"))["totals"] == data["totals"]
    assert [p.name for p in tmp_path.iterdir()] == [path.name]  # no temporary file left behind


def test_out_refuses_to_overwrite_without_force(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "functions.json"
    path.write_text("keep me", encoding="utf-8")
    assert main(["redesign", "--format", "json", "--out", str(path)]) == 1
    captured = capsys.readouterr()
    assert "already exists" in captured.err and captured.out == ""
    assert path.read_text(encoding="utf-8") == "keep me"
    run_json(capsys, "--out", str(path), "--force")
    assert "functions" in json.loads(path.read_text(encoding="utf-8"))


def test_out_into_a_missing_folder_is_an_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "missing" / "functions.csv"
    assert main(["redesign", "--out", str(path)]) == 1
    assert "does not exist" in capsys.readouterr().err
    assert not path.parent.exists()


def test_out_with_an_unknown_suffix_is_a_usage_error() -> None:
    with pytest.raises(SystemExit) as exc:
        main(["redesign", "--out", "functions.pdf"])
    assert exc.value.code == 2
