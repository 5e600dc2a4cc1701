"""Every command with --lang nl on the demo says nothing in English (issue 13 point 1: the CLI does the same).

English here: a message of the catalogue whose Dutch says it differently,
found as a whole phrase in what a command printed (stdout and stderr), and
the English the commands said before they went through the catalogue. The
demo's own words (task names, labels) are the firm's data, not UI text.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from catalog import demo_workspace
from cli.main import main
from tests.i18n.test_cli_dutch import KNOWN_ENGLISH, MATCH_ENGLISH, demo_task_names
from tests.i18n.test_no_english_in_dutch import english, found

SECTIONS = ("cli", "problem", "write", "explain", "review", "support", "export", "format")

BEFORE = (
    "problem(s) found", "unknown field", "required field is missing", "did you mean", "must be at most",
    "unknown dimension", "workspace ok", "catalogue ok", "worker ok", "levels run from", "Input should be",
    "level(s)", "niveau(s)", "made the workspace", "edit the examples", "Inclusive job design", "new function(s)",
    "candidate(s)", "Hours freed", "Business case", "wage saving", "net benefit", "payback", "tools", "removes",
    "(task)", "one-off", "a year", "reliability", "catalogue review", "running costs not counted", "wrote",
    "does not exist", "Evidence", "Needs",
)
"""What the commands said in English before this round (validate, init, redesign, catalog, support, --out)."""


def demo_words() -> list[str]:
    """The demo's own words: task names, worker and workstation labels (the firm's data)."""
    words = demo_task_names()
    for path in (demo_workspace() / "workers").glob("*.yaml"):
        words += re.findall(r"^label: \"?([^\"\n]+)\"?$", path.read_text(encoding="utf-8"), re.M)
    for path in (demo_workspace() / "workstations").glob("*.yaml"):
        words += re.findall(r"^label: \"?([^\"\n]+)\"?$", path.read_text(encoding="utf-8"), re.M)
    return sorted(set(words), key=len, reverse=True)


DUTCH_TOO = ("budget", "label", "basis")
"""English words that are Dutch words as well."""

_DATA_TOKEN = re.compile(r"\S*/\S*|(?<!\w)--[a-z-]+|(?<![\w-])[a-z0-9]+(?:[-_][a-z0-9]+)+(?![\w-])|`[^`]*`")
"""Paths and web addresses, options, and ids (tool, worker, file names): data, not words."""


def words_only(text: str) -> str:
    """What a person reads as sentences: the demo's own words, paths, options and ids taken out."""
    shown = " ".join(text.split())
    for word in demo_words():
        shown = shown.replace(word, "")
    return _DATA_TOKEN.sub(" ", shown)


def said(capsys: pytest.CaptureFixture[str], argv: list[str], code: int = 0) -> str:
    assert main(argv) == code, argv
    out, err = capsys.readouterr()
    return words_only(out + "\n" + err)


def commands(tmp_path: Path) -> list[tuple[str, list[str], int]]:
    broken = tmp_path / "workers" / "w-bad.yaml"
    broken.parent.mkdir(parents=True)
    broken.write_text("id: w-bad\nhours_per_week: lots\ncapacities:\n  visoin: 2\n  lifting: 7\ncolour: blue\n",
                      encoding="utf-8")
    sheet = tmp_path / "sheet.md"
    return [
        ("validate ok", ["validate", "--lang", "nl", str(demo_workspace()), str(demo_workspace() / "workers" /
                                                                               "w-001.yaml")], 0),
        ("validate broken", ["validate", "--lang", "nl", str(broken)], 1),
        ("recommend text", ["recommend", "--lang", "nl", "--worker", "w-003", "--workstation", "ws-kitchen"], 0),
        ("recommend md", ["recommend", "--lang", "nl", "--worker", "w-017", "--workstation", "ws-lamp-assembly",
                          "--budget", "3000", "--format", "md"], 0),
        ("match text", ["match", "--quiet", "--lang", "nl", "--out", str(tmp_path / "m.xlsx")], 0),
        ("match to a missing folder", ["match", "--quiet", "--lang", "nl", "--out", str(tmp_path / "no" / "m.csv")],
         1),
        ("redesign text", ["redesign", "--lang", "nl", "--out", str(tmp_path / "r.xlsx")], 0),
        ("catalog list", ["catalog", "list", "--lang", "nl"], 0),
        ("catalog review", ["catalog", "review", "--lang", "nl", "--category", "exoskeleton"], 0),
        ("catalog unknown category", ["catalog", "list", "--lang", "nl", "--category", "exoskeletons"], 1),
        ("init", ["init", "--lang", "nl", str(tmp_path / "firm")], 0),
        ("sheet md", ["sheet", "--lang", "nl", "--worker", "w-003", "--workstation", "ws-kitchen", "--out",
                      str(sheet)], 0),
    ]


def test_every_command_in_dutch_shows_no_english(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "100")
    texts = [t for section in SECTIONS for t in english(section) if t not in DUTCH_TOO]
    known = [*KNOWN_ENGLISH, *MATCH_ENGLISH, *BEFORE]
    shown: dict[str, str] = {}
    for name, argv, code in commands(tmp_path):
        shown[name] = said(capsys, argv, code)
    shown["sheet file"] = words_only((tmp_path / "sheet.md").read_text(encoding="utf-8"))
    english_found = {name: found(texts, out) + found(known, out) for name, out in shown.items()}
    assert english_found == {name: [] for name in shown}
    # And they did say something, in Dutch.
    assert "problemen gevonden" in shown["validate broken"] and "bedoelde je 'vision'" in shown["validate broken"]
    assert "werkruimte in orde" in shown["validate ok"] and "geschreven naar" in shown["match text"]
    assert "Inclusief jobherontwerp" in shown["redesign text"] and "werkruimte" in shown["init"]
