"""The "did you mean" of an unknown id: fewest edits first, then the nearest number, then a prefix."""

from __future__ import annotations

import pytest

from cli.main import main
from engine.validation import close_ids, suggest

WORKERS = [f"w-{i:03d}" for i in range(1, 19)]


def test_w01_ranks_w001_and_w010_before_w018() -> None:
    ranked = close_ids("w-01", WORKERS)
    assert ranked[:2] == ["w-001", "w-010"]
    assert "w-018" not in ranked
    assert suggest("w-01", WORKERS) == "; did you mean 'w-001', 'w-010' or 'w-011'?"


def test_one_close_id_is_named_alone() -> None:
    assert suggest("vison", ["vision", "version", "lifting"]) == "; did you mean 'vision'?"
    assert suggest("w-0001", WORKERS) == "; did you mean 'w-001'?"


def test_a_prefix_is_close() -> None:
    assert close_ids("ws-pal", ["ws-palletising", "ws-kitchen", "ws-reception"]) == ["ws-palletising"]


def test_nothing_close_says_nothing() -> None:
    assert suggest("zzz", WORKERS) == ""
    assert suggest("w-01", []) == ""


def test_unknown_worker_on_the_command_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["recommend", "--worker", "w-01", "--workstation", "ws-palletising"]) == 1
    err = capsys.readouterr().err
    assert "did you mean 'w-001', 'w-010' or 'w-011'?" in err
