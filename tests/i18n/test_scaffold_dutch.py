"""`werkpost init --lang nl` writes Dutch examples that validate and still explain every field (issue 13 point 2)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from cli.commands.init import scaffold_words
from cli.main import main
from engine.loader import load_workspace
from engine.models import Task, WorkspaceSettings
from engine.scaffold import ENGLISH, FILES, files


def _words(line: str) -> list[str]:
    """The words of a line that are not ids or keys (no '_', '.' or '-' inside)."""
    return [w for w in re.findall(r"[\w.'-]+", line) if w.isalpha() and len(w) > 2]


def test_the_english_catalogue_says_what_the_engine_writes_by_default() -> None:
    assert scaffold_words("en") == ENGLISH
    assert files(scaffold_words("en")) == FILES


def test_init_in_dutch_writes_dutch_examples_that_validate(tmp_path: Path,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    root = tmp_path / "firma"
    assert main(["init", "--lang", "nl", str(root)]) == 0
    assert "werkruimte" in capsys.readouterr().out
    ws = load_workspace(root)
    assert ws.workers["w-001"].label == "Voorbeeldwerknemer"
    assert ws.workstations["ws-example"].label == "Voorbeeldwerkpost"
    assert [t.name for t in ws.workstations["ws-example"].tasks] == [
        "Onderdelen monteren aan de werkbank", "Volle dozen naar het rek dragen"]
    # The workspace is in Dutch: its screens' language is set, the workplace language as in English.
    settings = yaml.safe_load((root / "werkpost.yaml").read_text(encoding="utf-8"))
    assert settings == {"language": "nl", "lang": "nl"}
    assert main(["validate", "--lang", "nl", str(root)]) == 0
    assert "werkruimte in orde: 1 werknemer, 1 werkpost" in capsys.readouterr().out


def test_dutch_examples_explain_every_field_and_say_no_english(tmp_path: Path) -> None:
    root = tmp_path / "firma"
    assert main(["init", "--lang", "nl", str(root)]) == 0
    ws = load_workspace(root)
    english_lines = {line.strip() for block in ENGLISH.values() for line in block.splitlines() if line.strip()}
    for path, fields in ((ws.worker_paths["w-001"], type(ws.workers["w-001"]).model_fields),
                         (ws.workstation_paths["ws-example"], type(ws.workstations["ws-example"]).model_fields),
                         (ws.workstation_paths["ws-example"], Task.model_fields),
                         (root / "werkpost.yaml", WorkspaceSettings.model_fields)):
        written = path.read_text(encoding="utf-8")
        comments = "".join(line for line in written.splitlines(True) if line.startswith("#"))
        assert [f for f in fields if not re.search(rf"^#\s+{f}(\s|$)", comments, re.M)] == [], path.name
        # No line of the English examples came through (ids and keys are the same in both: not words).
        said = {line.lstrip("# ").strip() for line in written.splitlines()
                if not re.match(r"#? ?\w+: ", line)}  # a `key: value` line is data, the same in every language
        assert {line for line in said & english_lines if len(_words(line)) >= 3} == set(), path.name
