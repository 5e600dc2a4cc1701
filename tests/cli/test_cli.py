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
    assert code == 0 and len(tools) >= 80 and len({t["category"] for t in tools}) == 18
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
    assert data["horizon_years"] == 3 and "blocked" in data["baseline"]
    best = data["setups"][0]
    for key in ("tools", "cost_eur", "yearly_eur", "total_cost_eur", "accessibility", "coverage",
                "expected_accessibility", "gain", "expected_gain", "closes", "unblocks", "remaining_gaps"):
        assert key in best
    # Set-up order: expected accessibility in whole points first, never rising down the list.
    points = [s["ea_points"] for s in data["setups"]]
    assert points == sorted(points, reverse=True)
    assert best["accessibility"] == 1.0 and best["gain"] == pytest.approx(0.7)
    assert best["total_cost_eur"] == pytest.approx(best["cost_eur"] + 3 * best["yearly_eur"])
    # w-001 may lift under 5 kg (restriction 1): the lifting gap of the stacking task (demand 4)
    # is closed only by tools that change the task, never by a boost.
    for setup in data["setups"]:
        for c in setup["closes"]:
            assert c["kind"] in ("boost", "lower", "via")
            if c["dimension"] == "lifting":
                assert c["kind"] == "lower", c


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


def test_catalog_review_says_every_effect_in_words(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "catalog", "review")
    assert code == 0 and out.count("\n## ") >= 80
    # Each kind in words: a via names the other channel, a lower says the task changes, a boost the restriction.
    assert "Hearing speech: lets Reading do the work instead, up to level 3" in out
    assert "changes the task: lowers the demand by 3 levels" in out
    assert "never past a medical restriction" in out
    assert "Sources (the first earns the evidence label)" in out and "+None" not in out


def test_catalog_list_json_carries_reliability(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "catalog", "list", "--format", "json")
    tools = json.loads(out)
    assert code == 0
    assert {(t["evidence"], t["reliability"]) for t in tools} == {("strong", 0.9), ("moderate", 0.75),
                                                                   ("emerging", 0.5)}
