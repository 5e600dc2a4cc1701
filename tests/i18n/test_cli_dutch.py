"""`werkpost recommend --lang nl` shows no English UI string, in text and in Markdown."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from catalog import demo_workspace
from cli.main import main
from tests.i18n.test_no_english_in_dutch import english, found

KNOWN_ENGLISH = (
    "Accessible now", "of the working time", "coverage", "no budget limit", "costs over", "Tasks", "blocked",
    "Gaps", "demand above capacity", "restriction", "Blocked", "contraindication", "No set-up", "Recommended set-ups",
    "best first", "total cost", "accessible", "expected", "Set-up", "partial progress", "still open", "needed",
    "closes", "consider job redesign", "Left out", "what would change it", "lacks", "the budget", "support",
    "net cost", "caution", "employer", "years", "The search hit its limit",
)
"""What the English output said before it went through the catalogue (issue 13's list and more)."""

PAIRS = [
    # gaps, set-ups (one partial), a gap no tool closes, tools left out for a feature and for the budget
    ("w-017", "ws-lamp-assembly", "3000"),
    # gaps, and a budget so small that no set-up fits
    ("w-002", "ws-palletising", "10"),
]


def recommend_nl(capsys: pytest.CaptureFixture[str], worker: str, station: str, budget: str, fmt: str) -> str:
    code = main(["recommend", "--worker", worker, "--workstation", station, "--budget", budget,
                 "--format", fmt, "--lang", "nl"])
    out, _ = capsys.readouterr()
    assert code == 0
    return " ".join(out.split())  # rich wraps long lines: join them back


@pytest.mark.parametrize("fmt", ["text", "md"])
@pytest.mark.parametrize(("worker", "station", "budget"), PAIRS)
def test_recommend_in_dutch_shows_no_english(capsys: pytest.CaptureFixture[str], worker: str, station: str,
                                             budget: str, fmt: str) -> None:
    shown = recommend_nl(capsys, worker, station, budget, fmt)
    # Task names are the workspace's own words (English in the demo): not UI text.
    for task in re.findall(r"name: \"([^\"]+)\"", (demo_workspace() / "workstations" / f"{station}.yaml").read_text()):
        shown = shown.replace(task, "")
    assert not found(english("cli"), shown)
    assert not found(list(KNOWN_ENGLISH), shown)
    assert "€ 3.000" in shown or "€ 10" in shown  # amounts the Belgian way


def test_the_dutch_output_names_the_dutch_terms(capsys: pytest.CaptureFixture[str]) -> None:
    shown = recommend_nl(capsys, "w-017", "ws-lamp-assembly", "3000", "text")
    for word in ("Nu toegankelijk", "Tekorten", "Aanbevolen opstellingen", "nog open", "Weggelaten", "3 jaar",
                 "€ 3.450"):
        assert word in shown


def test_the_workspace_lang_setting_chooses_dutch(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = tmp_path / "firm"
    shutil.copytree(demo_workspace(), root)
    with (root / "werkpost.yaml").open("a") as settings:
        settings.write("lang: nl\n")
    argv = ["recommend", "--workspace", str(root), "--worker", "w-017", "--workstation", "ws-lamp-assembly"]
    assert main(argv) == 0
    assert "Nu toegankelijk" in capsys.readouterr().out
    assert main([*argv, "--lang", "en"]) == 0
    assert "Accessible now" in capsys.readouterr().out


MATCH_ENGLISH = (
    "Batch match", "workers", "positions", "objective", "solver", "placed", "unplaced", "accessibility",
    "total cost", "Largest gains", "Placed", "Unplaced", "worker", "workstation", "before", "after", "tools",
    "expected", "best workstation", "reaches", "gaps no tool closes", "hours a week", "every workstation",
    "job design", "they reach", "positions where they fit", "at most", "below the minimum",
)
"""What the English match text said before it went through the catalogue."""


def demo_task_names() -> list[str]:
    names: list[str] = []
    for path in (demo_workspace() / "workstations").glob("*.yaml"):
        names += re.findall(r"name: \"([^\"]+)\"", path.read_text(encoding="utf-8"))
    return sorted(names, key=len, reverse=True)


@pytest.mark.parametrize("extra", [[], ["--min-accessibility", "90"], ["--objective", "fair", "--budget", "5000"]])
def test_match_in_dutch_shows_no_english(capsys: pytest.CaptureFixture[str], extra: list[str]) -> None:
    assert main(["match", "--quiet", "--lang", "nl", *extra]) == 0
    shown = " ".join(capsys.readouterr().out.split())
    for task in demo_task_names():
        shown = shown.replace(task, "")
    assert "Groepsmatch" in shown and "werknemers" in shown
    assert not found(english("cli"), shown)
    assert not found(list(MATCH_ENGLISH), shown)
