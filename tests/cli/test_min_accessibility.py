"""`--min-accessibility` takes a percentage 0-100 as shown everywhere else, and keeps 0-1 working."""

from __future__ import annotations

import json

import pytest

from cli.argtypes import share
from tests.cli.test_cli import run


@pytest.mark.parametrize(("typed", "fraction"), [
    ("60", 0.6), ("60%", 0.6), ("60 %", 0.6), ("0.6", 0.6), ("1", 1.0), ("100", 1.0), ("100%", 1.0),
    ("0", 0.0), ("1%", 0.01), ("2.5", 0.025), ("0.5%", 0.005),
])
def test_share_reads_percent_and_fraction(typed: str, fraction: float) -> None:
    assert share(typed) == pytest.approx(fraction)


@pytest.mark.parametrize("typed", ["101", "150%", "-1", "nan", "inf", "sixty", ""])
def test_out_of_range_is_a_usage_error(typed: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "match", "--min-accessibility", typed, "--quiet")
    assert code == 2 and out == "" and "--min-accessibility" in err


def test_percent_and_fraction_give_the_same_match(capsys: pytest.CaptureFixture[str]) -> None:
    results = []
    for typed in ("60", "60%", "0.6"):
        code, out, _ = run(capsys, "match", "--min-accessibility", typed, "--format", "json", "--quiet")
        assert code == 0
        data = json.loads(out)
        assert data["min_accessibility"] == pytest.approx(0.6)
        results.append(data["assignments"])
    assert results[0] == results[1] == results[2]


def test_help_says_percent(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "match", "--help")
    assert code == 0 and "percentage 0-100" in " ".join(out.split())
