"""The command line: exit codes, JSON keys of the contract, errors on stderr."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cli.main import main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    try:
        code = main(list(argv))
    except SystemExit as exc:  # argparse usage errors
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def test_validate_demo(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "validate")
    assert code == 0 and "catalogue ok" in out and "workspace ok: 18 workers" in out and err == ""


def test_validate_typo_exit_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "workers" / "w.yaml"
    bad.parent.mkdir()
    bad.write_text("id: w\ncapacities: {lifting: 1, vison: 2}\n")
    code, _out, err = run(capsys, "validate", str(bad))
    assert code == 1
    assert f"{bad}:2:26: capacities.vison: unknown dimension 'vison'; did you mean 'vision'?" in err


def test_catalog_list_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "catalog", "list", "--format", "json")
    tools = json.loads(out)
    assert code == 0 and len(tools) >= 40 and len({t["category"] for t in tools}) == 12
    for key in ("id", "name", "category", "measure", "iso9999", "examples", "effects", "requires",
                "conflicts_with", "cost_eur", "yearly_eur", "evidence", "sources"):
        assert all(key in t for t in tools), key


def test_catalog_dimensions_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "catalog", "dimensions", "--format", "json")
    dims = json.loads(out)
    assert code == 0 and len(dims) >= 30 and all(d["icf"] for d in dims)


def test_recommend_json_contract_keys(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "recommend", "--worker", "w-001", "--workstation", "ws-palletising",
                       "--format", "json")
    data = json.loads(out)
    assert code == 0 and data["worker"] == "w-001" and data["workstation"] == "ws-palletising"
    assert {"accessibility", "coverage", "gaps"} <= set(data["baseline"])
    assert data["baseline"]["accessibility"] == pytest.approx(0.3)
    best = data["setups"][0]
    for key in ("tools", "cost_eur", "yearly_eur", "accessibility", "coverage", "gain", "expected_gain",
                "closes", "remaining_gaps"):
        assert key in best
    # Worked out by hand: the lifter takes lifting (1+3) and carrying (2+1), the
    # pallet loader trunk bending (1+2); both tasks with gaps (50% + 20%) open up.
    assert best["tools"] == ["pallet-level-loader", "vacuum-tube-lifter"]
    assert best["accessibility"] == 1.0 and best["gain"] == pytest.approx(0.7)
    assert best["cost_eur"] == 14500.0


def test_recommend_budget_and_text(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "recommend", "--worker", "w-001", "--workstation", "ws-palletising",
                       "--budget", "5000", "--format", "json")
    assert code == 0 and all(s["cost_eur"] <= 5000 for s in json.loads(out)["setups"])
    code, out, _ = run(capsys, "recommend", "--worker", "w-001", "--workstation", "ws-palletising")
    assert code == 0 and "Recommended set-ups" in out and "Vacuum tube lifter" in out
    code, out, _ = run(capsys, "recommend", "--worker", "w-001", "--workstation", "ws-palletising", "--format", "md")
    assert code == 0 and out.startswith("## w-001 at ws-palletising")


def test_recommend_unknown_id(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "recommend", "--worker", "w-0001", "--workstation", "ws-palletising")
    assert code == 1 and out == "" and "unknown worker 'w-0001'" in err and "did you mean" in err


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "recommend", "--worker", "w-001")[0] == 2
    assert run(capsys, "recommend", "--worker", "w-001", "--workstation", "x", "--budget", "-5")[0] == 2
    assert run(capsys, "nonsense")[0] == 2


def test_catalog_unknown_category(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "catalog", "list", "--category", "exoskeletons")
    assert code == 1 and out == "" and "did you mean 'exoskeleton'?" in err


def test_numbers_must_be_finite(capsys: pytest.CaptureFixture[str]) -> None:
    for bad in ("inf", "nan", "-1", "lots"):
        assert run(capsys, "recommend", "--worker", "w-001", "--workstation", "ws-kitchen", "--budget", bad)[0] == 2
