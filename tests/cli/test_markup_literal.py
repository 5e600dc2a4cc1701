"""Labels, task names and tool names are plain text in every text output: `[/]` never crashes, `[bold red]` shows.

Issue 15: rich markup in a label or task name crashed the text output of
`recommend` and `match`, and `"[bold red]x"` was silently swallowed. One
workspace carries both shapes in worker and workstation labels, a task name
and two tool names (its own catalogue); every command prints them literally.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from catalog import catalog_dir, demo_workspace
from cli.main import main

CRASH = "A [/] B"
"""Closes a tag that was never opened: rich's markup parser raises on it."""
SWALLOW = "[bold red]"
"""A style tag: rich would print the text after it in bold red and drop the tag."""


def _set(path: Path, pattern: str, value: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    new, n = re.subn(pattern, lambda m: m.group(1) + value, text, count=count, flags=re.M)
    assert n == count, (path, pattern)
    path.write_text(new, encoding="utf-8")


def build_hostile(root: Path) -> Path:
    """A copy of the demo at `root` with markup in labels, a task name and two tool names (also used by the TUI test)."""
    shutil.copytree(demo_workspace(), root)
    _set(root / "workers" / "w-001.yaml", r"^(label: ).*$", f'"{CRASH}"')
    _set(root / "workers" / "w-002.yaml", r"^(label: ).*$", f'"{SWALLOW}x"')
    station = root / "workstations" / "ws-palletising.yaml"
    _set(station, r"^(label: ).*$", f'"{CRASH} ws"')
    _set(station, r"^(  - name: ).*$", f'"{SWALLOW}stack [/] cartons"')
    (root / "catalog" / "tools").mkdir(parents=True)
    for tool in ("cobot-palletiser", "exo-back-passive"):
        target = root / "catalog" / "tools" / f"{tool}.yaml"
        shutil.copy(catalog_dir() / "tools" / f"{tool}.yaml", target)
        _set(target, r"^(name: ).*$", f'{{en: "{SWALLOW}{tool} [/] x", nl: "{SWALLOW}{tool} [/] nl"}}')
    return root


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_hostile(tmp_path_factory.mktemp("markup") / "ws")


def run(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, *argv: str) -> tuple[int, str, str]:
    monkeypatch.setenv("COLUMNS", "400")  # rich wraps table cells to the terminal: wide enough for one line each
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def shown_literally(out: str) -> None:
    """Every trace of the style tag still has its brackets: nothing was taken as markup."""
    assert out.count("bold red") == out.count(SWALLOW), out


CASES = {
    "recommend": (["recommend", "--worker", "w-001", "--workstation", "ws-palletising"],
                  [f"{CRASH}  at", f"{CRASH} ws", f"{SWALLOW}stack [/] cartons"]),
    "recommend-nl": (["recommend", "--worker", "w-002", "--workstation", "ws-palletising", "--lang", "nl"],
                     [f"{SWALLOW}x", f"{SWALLOW}stack [/] cartons", f"{SWALLOW}cobot-palletiser [/] nl"]),
    "match": (["match", "--top-gains", "18"], [f"{SWALLOW}exo-back-passive [/] x"]),
    "redesign": (["redesign", "--workers", "w-001,w-002"],
                 [f"{CRASH} (w-001)", f"{SWALLOW}x (w-002)", f"from {CRASH} ws (ws-palletising"]),
    "catalog-list": (["catalog", "list"], [f"{SWALLOW}cobot-palletiser [/] x", f"{SWALLOW}exo-back-passive [/] x"]),
    "catalog-review": (["catalog", "review", "--category", "cobot"], [f"{SWALLOW}cobot-palletiser [/] x"]),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_text_output_shows_markup_literally(case: str, hostile: Path, capsys: pytest.CaptureFixture[str],
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    argv, expected = CASES[case]
    code, out, err = run(capsys, monkeypatch, *argv, "--workspace", str(hostile))
    assert code == 0, err
    assert "Traceback" not in err
    for literal in expected:
        assert literal in out, (literal, out)
    shown_literally(out)


def test_validate_prints_markup_in_problems_literally(hostile: Path, tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str],
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    assert run(capsys, monkeypatch, "validate", str(hostile))[0] == 0
    bad = tmp_path / "w-900.yaml"
    bad.write_text(f'id: "{SWALLOW}{CRASH}"\nlabel: "{CRASH}"\ncapacities: {{"{SWALLOW}x": 2}}\n', encoding="utf-8")
    code, _, err = run(capsys, monkeypatch, "validate", str(bad))
    assert code == 1 and "Traceback" not in err
    lines = [line for line in err.splitlines() if line.startswith(str(bad))]
    assert len(lines) >= 2 and all(re.match(rf"{re.escape(str(bad))}:\d+:\d+: ", line) for line in lines), err
    assert f"{SWALLOW}x" in err  # the unknown dimension, quoted as written
    shown_literally(err)
