"""Benchmarks of the recommendation sheets: one sheet per format, and a whole --all batch (make bench)."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from pytest_benchmark.fixture import BenchmarkFixture

from engine.loader import Workspace
from engine.recommend import recommend
from sheets import render_sheet
from sheets.batch import write_all

TODAY = datetime.date(2026, 11, 26)


@pytest.mark.parametrize("fmt", ["md", "html", "pdf"])
def test_one_sheet(benchmark: BenchmarkFixture, demo: Workspace, fmt: str) -> None:
    rec = recommend(demo.catalog, demo.workers["w-001"], demo.workstations["ws-palletising"])
    data = benchmark(render_sheet, rec, demo.catalog, fmt, lang="nl", today=TODAY)
    assert len(data) > 1000


def test_all_pdf_sheets(benchmark: BenchmarkFixture, demo: Workspace, tmp_path: Path) -> None:
    def batch() -> int:
        return len(write_all(demo, tmp_path, "pdf", today=TODAY, force=True))

    # Two rounds are enough for a 4 s batch; pytest-benchmark leaves pedantic untyped.
    rounds = benchmark.pedantic(batch, rounds=2, iterations=1)  # type: ignore[no-untyped-call]
    assert rounds == len(demo.workers) + 1
