"""The coach's day in Dutch from the command line, round 5 (issue 13 point 7): what the walk found.

- `catalog list --workspace DIR` spoke English in a workspace set to Dutch,
  where recommend, match and validate follow the setting.
- `recommend` at 80 columns cut off its last column (coverage) for a worker
  with a support status: seven columns with Dutch headers were 89 wide.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from catalog import demo_workspace
from cli.main import main


@pytest.fixture
def dutch(tmp_path: Path) -> Path:
    root = tmp_path / "ws"
    shutil.copytree(demo_workspace(), root)
    with (root / "werkpost.yaml").open("a", encoding="utf-8") as f:
        f.write("lang: nl\n")
    return root


def out_of(capsys: pytest.CaptureFixture[str], argv: list[str]) -> str:
    assert main(argv) == 0
    return capsys.readouterr().out


def test_catalog_follows_the_workspace_language(capsys: pytest.CaptureFixture[str], dutch: Path) -> None:
    assert out_of(capsys, ["catalog", "list", "--workspace", str(dutch)]).startswith("89 hulpmiddelen")
    assert "dimensies op de schaal" in out_of(capsys, ["catalog", "dimensions", "--workspace", str(dutch)])
    assert out_of(capsys, ["catalog", "list", "--workspace", str(dutch), "--lang", "en"]).startswith("89 tools")
    assert out_of(capsys, ["catalog", "list"]).startswith("89 tools")


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_setups_table_fits_80_columns(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
                                          lang: str) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    out = out_of(capsys, ["recommend", "--worker", "w-001", "--workstation", "ws-palletising", "--budget", "5000",
                          "--lang", lang])
    assert max(len(line) for line in out.splitlines()) <= 80
    head = [line for line in out.splitlines() if "┃" in line]
    # every column is there, the last one (coverage) too
    assert any({"nl": "dekking", "en": "coverage"}[lang] in line for line in head)
    assert any({"nl": "(raming)", "en": "(est.)"}[lang] in line for line in head)
