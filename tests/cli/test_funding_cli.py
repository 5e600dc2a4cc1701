"""The command line and funding: support in recommend (json, text, md), --rank-by net, match totals."""

from __future__ import annotations

import json

import pytest

from catalog import catalog_dir
from tests.cli.test_cli import run


def test_recommend_json_carries_support_for_a_worker_with_status(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "recommend", "--worker", "w-003", "--workstation", "ws-kitchen", "--format", "json")
    data = json.loads(out)
    assert code == 0 and data["rank_by"] == "total"
    for setup in data["setups"]:
        assert {"support", "support_eur", "net_cost_eur", "net_cost_by_payer"} <= set(setup)
        for entry in setup["support"]:
            assert set(entry) >= {"tool", "measure", "recipient", "applicant", "estimated_eur", "basis"}
            assert entry["tool"] in setup["tools"]


def test_recommend_json_has_no_support_without_status(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "recommend", "--worker", "w-002", "--workstation", "ws-lamp-assembly", "--format", "json")
    data = json.loads(out)
    assert code == 0 and data["setups"] and "funding" not in data
    assert all("support" not in s and "net_cost_eur" not in s for s in data["setups"])


def test_rank_by_net_reorders_and_says_so(capsys: pytest.CaptureFixture[str]) -> None:
    args = ("recommend", "--worker", "w-003", "--workstation", "ws-kitchen")
    _, out_total, _ = run(capsys, *args, "--format", "json")
    code, out_net, _ = run(capsys, *args, "--format", "json", "--rank-by", "net")
    by_total, by_net = json.loads(out_total)["setups"], json.loads(out_net)["setups"]
    assert code == 0
    assert sorted(map(tuple, (s["tools"] for s in by_total))) == sorted(map(tuple, (s["tools"] for s in by_net)))
    assert [s["net_cost_eur"] for s in by_net] == sorted(s["net_cost_eur"] for s in by_net)
    assert [s["net_cost_eur"] for s in by_total] != [s["net_cost_eur"] for s in by_net]
    _, text, _ = run(capsys, *args, "--rank-by", "net")
    assert "by net cost" in text and "VDAB decides" in text


def test_text_and_markdown_show_support_briefly(capsys: pytest.CaptureFixture[str]) -> None:
    args = ("recommend", "--worker", "w-003", "--workstation", "ws-kitchen", "--top", "2")
    _, text, _ = run(capsys, *args)
    # the header "net (est.)" stands on two lines so that seven columns fit 80 (round 5)
    assert " net ┃" in text and " (est.) ┃" in text and "support:" in text and "net cost ~EUR" in text
    _, md, _ = run(capsys, *args, "--format", "md")
    assert "| net (est.) |" in md and "- support: " in md and "_Estimate only: VDAB decides" in md


def test_rank_by_is_a_usage_error_when_unknown(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, _ = run(capsys, "recommend", "--worker", "w-003", "--workstation", "ws-kitchen", "--rank-by", "cheap")
    assert code == 2


def test_match_totals_carry_support(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "match", "--format", "json", "--quiet")
    data = json.loads(out)
    totals = data["totals"]
    assert code == 0 and totals["support_eur"] > 0
    with_status = [a for a in data["assignments"] if "support_eur" in a]
    assert {a["worker"] for a in with_status} <= {"w-001", "w-003"} and with_status
    assert totals["net_cost_eur"] == pytest.approx(
        sum(a.get("net_cost_eur", a["total_cost_eur"]) for a in data["assignments"]))


def test_validate_the_funding_file(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "validate", str(catalog_dir() / "funding.yaml"))
    assert code == 0 and "funding rules ok: 7 measures" in out and err == ""
