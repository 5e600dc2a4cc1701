"""`werkpost match` and `werkpost demo generate` end to end through cli.main.main."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from openpyxl import load_workbook

from cli.main import main


def run_json(capsys: pytest.CaptureFixture[str], *args: str) -> dict[str, object]:
    assert main(["match", "--format", "json", "--quiet", *args]) == 0
    data: dict[str, object] = json.loads(capsys.readouterr().out)
    return data


def test_json_has_the_contract_keys(capsys: pytest.CaptureFixture[str]) -> None:
    data = run_json(capsys)
    assert {"assignments", "unassigned_workers", "totals", "solver", "exact", "gap"} <= set(data)
    assignments = data["assignments"]
    assert isinstance(assignments, list) and assignments
    for a in assignments:
        assert {"worker", "workstation", "tools", "cost_eur", "accessibility_before", "accessibility_after",
                "expected_accessibility_after"} <= set(a)
    totals = data["totals"]
    assert isinstance(totals, dict)
    assert totals["accessibility_after_sum"] == pytest.approx(sum(a["accessibility_after"] for a in assignments))
    assert totals["cost_eur"] == pytest.approx(sum(a["cost_eur"] for a in assignments))
    assert data["exact"] is True and data["gap"] == 0.0


def test_budget_and_fair(capsys: pytest.CaptureFixture[str]) -> None:
    data = run_json(capsys, "--budget", "100", "--objective", "fair", "--min-accessibility", "0.9")
    totals = data["totals"]
    assert isinstance(totals, dict) and totals["cost_eur"] <= 100
    assert data["objective"] == "fair" and data["solver"] == "milp-highs"


def test_text_summary(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["match", "--min-accessibility", "1", "--top-gains", "3"]) == 0
    out = capsys.readouterr().out
    assert "placed" in out and "total cost" in out


@pytest.mark.parametrize("suffix", [".csv", ".xlsx", ".json"])
def test_out_files(tmp_path: Path, capsys: pytest.CaptureFixture[str], suffix: str) -> None:
    path = tmp_path / f"result{suffix}"
    run_json(capsys, "--out", str(path))
    if suffix == ".csv":
        rows = list(csv.DictReader(path.open(encoding="utf-8")))
        assert len(rows) == 18 and rows[0]["worker"] == "w-001"
    elif suffix == ".xlsx":
        assert load_workbook(path).sheetnames == ["Assignments", "Summary", "Unplaced"]
    else:
        assert "assignments" in json.loads(path.read_text(encoding="utf-8"))
    assert [p.name for p in tmp_path.iterdir()] == [path.name]  # no temporary file left behind


def test_staff_list_errors_exit_1_and_write_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    staff = tmp_path / "staff.csv"
    staff.write_text("id,lifting\nw-1,9\n", encoding="utf-8")
    out = tmp_path / "result.xlsx"
    assert main(["match", "--workers", str(staff), "--out", str(out), "--quiet"]) == 1
    assert f"{staff}:2:2: capacity for lifting" in capsys.readouterr().err
    assert not out.exists()


def test_staff_list_is_matched(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    staff = tmp_path / "staff.csv"
    staff.write_text("id,label,lifting,reading\nw-1,A,1,\nw-2,B,,1\n", encoding="utf-8")
    data = run_json(capsys, "--workers", str(staff))
    assigned = data["assignments"]
    assert isinstance(assigned, list) and {a["worker"] for a in assigned} == {"w-1", "w-2"}


def test_bad_out_suffix_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["match", "--out", "result.txt"])
    assert info.value.code == 2


def test_inventory_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    inventory = tmp_path / "inventory.yaml"
    inventory.write_text("reading-pen: 1\n", encoding="utf-8")
    data = run_json(capsys, "--inventory", str(inventory), "--budget", "100")
    assigned = data["assignments"]
    assert isinstance(assigned, list)
    assert any(a["from_inventory"] == ["reading-pen"] and a["cost_eur"] == 0 for a in assigned)
    inventory.write_text("reading-penn: 1\n", encoding="utf-8")
    assert main(["match", "--inventory", str(inventory), "--quiet"]) == 1
    assert f"{inventory}:1:1: unknown tool 'reading-penn'; did you mean 'reading-pen'?" in capsys.readouterr().err


def test_demo_generate_then_match(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    firm = tmp_path / "firm"
    assert main(["demo", "generate", "--workers", "40", "--workstations", "10", "--seed", "7", str(firm)]) == 0
    assert len(list((firm / "workers").iterdir())) == 40
    capsys.readouterr()
    data = run_json(capsys, "--workspace", str(firm))
    assert data["exact"] is True
    assert main(["demo", "generate", "--workers", "1", str(firm)]) == 1  # will not mix two firms


def test_the_summary_is_an_average_percentage_not_a_sum(capsys: pytest.CaptureFixture[str]) -> None:
    from cli.main import main

    assert main(["match", "--quiet"]) == 0
    out = capsys.readouterr().out
    assert "on average" in out and "%" in out.split("on average")[1].splitlines()[0]
    assert "sum of expected accessibility" not in out
