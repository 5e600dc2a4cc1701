"""Every command with --lang nl on the demo says nothing in English (issue 13 point 1: the CLI does the same).

English here: a message of the catalogue whose Dutch says it differently,
found as a whole phrase in what a command printed (stdout and stderr), and
the English the commands said before they went through the catalogue. The
demo's own words (task names, labels) are the firm's data, not UI text.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from catalog import demo_workspace
from cli.main import main
from engine.accessibility import FEATURE_FIX
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


ENGINE_ENGLISH = (
    # why a worker of the batch match is unplaced (engine/match/report.py)
    "there are no workstations to place them at", "they could do none of the work", "of the work (at",
    "with tools within the budget", "below the minimum of", "they reach", "with tools costing",
    "the shared budget does more elsewhere", "the positions where they fit", "every workstation needs more",
    "job design can bundle tasks",
    # why a candidate of a job design has no new function, and the notes (engine/redesign/solve.py)
    "no movable task is accessible", "the tasks this worker could do add up to", "under the minimum",
    "is longer than the most hours of a function", "no bundle of the tasks", "went to other candidates",
    "moved hours are not priced", "count 0 in the wage saving", "is charged in full to one year",
    "have no movable tasks", "stopped the solver",
    # why a tool was left out and what would change it (engine/accessibility.py, engine/recommend.py)
    "the worker does not want", "ask the worker again", "the workstation lacks", "the worker has",
    "look for a tool without this need", "serves newcomers", "none needed: the worker already works",
    "over the budget of", "raise the budget to", "the cheapest helpful set-up costs",
    # lookups and the models' own checks (engine/loader.py, engine/models.py)
    "unknown worker", "unknown workstation", "file not found", "could not be loaded", "workspace folder not found",
    "duplicate", "is not a web address", "needs exactly one of", "Value error",
)
"""English the engine says in its JSON: none of it may reach Dutch output (the catalogue's Dutch says it)."""


@pytest.fixture
def firm(tmp_path: Path) -> Path:
    """The demo, with no new-function wage, a horizon of 0 and a workstation without hours: every note of a job
    design."""
    root = tmp_path / "firm"
    shutil.copytree(demo_workspace(), root)
    (root / "werkpost.yaml").write_text("language: nl\nhorizon_years: 0\n", encoding="utf-8")
    station = root / "workstations" / "ws-cable-assembly.yaml"
    station.write_text("".join(line for line in station.read_text(encoding="utf-8").splitlines(True)
                               if not line.startswith("hours_per_week:")), encoding="utf-8")
    return root


def _cells(path: Path) -> str:
    # Deferred: openpyxl takes a while to import (the other tests of this module never need it).
    from openpyxl import load_workbook

    book = load_workbook(path, read_only=True)
    return "\n".join(str(v) for sheet in book.worksheets for row in sheet.iter_rows(values_only=True)
                     for v in row if isinstance(v, str))


def test_unplaced_excluded_and_redesign_reasons_in_dutch(firm: Path, tmp_path: Path,
                                                        capsys: pytest.CaptureFixture[str],
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    # Wide: a task name of the demo (data) wrapped over two lines of a table would no longer be taken out.
    monkeypatch.setenv("COLUMNS", "400")
    ws = ["--workspace", str(firm), "--lang", "nl"]
    shown = {
        "match": said(capsys, ["match", *ws, "--quiet", "--min-accessibility", "0.97", "--budget", "500",
                               "--out", str(tmp_path / "m.xlsx")]),
        "redesign": said(capsys, ["redesign", *ws, "--workers", "w-001,w-003,w-010,w-017,w-008", "--min-hours", "30",
                                  "--max-hours", "32", "--time-limit", "3", "--out", str(tmp_path / "r.xlsx")]),
        **{f"recommend {w}": said(capsys, ["recommend", *ws, "--worker", w, "--workstation", s, "--budget", "300"])
           for w, s in (("w-003", "ws-kitchen"), ("w-010", "ws-office-cleaning"), ("w-013", "ws-cable-assembly"))},
        "unknown worker": said(capsys, ["recommend", *ws, "--worker", "w-0x", "--workstation", "ws-kitchen"], 1),
        "unknown candidate": said(capsys, ["redesign", *ws, "--workers", "w-0x"], 1),
        "no workspace": said(capsys, ["recommend", "--lang", "nl", "--workspace", str(tmp_path / "nowhere"),
                                      "--worker", "w-001", "--workstation", "ws-kitchen"], 1),
    }
    english_said = [*ENGINE_ENGLISH, *FEATURE_FIX.values()]
    texts = [t for section in (*SECTIONS, "redesign") for t in english(section) if t not in DUTCH_TOO]
    english_found = {name: found(english_said, out) + found(texts, out) for name, out in shown.items()}
    # The workbooks: their reasons and notes (the summary's keys, `candidates` and the like, are data as in JSON).
    shown["match xlsx"] = words_only(_cells(tmp_path / "m.xlsx"))
    shown["redesign xlsx"] = words_only(_cells(tmp_path / "r.xlsx"))
    english_found.update({name: found(english_said, shown[name]) for name in ("match xlsx", "redesign xlsx")})
    assert english_found == {name: [] for name in shown}
    # Each kind was said, in Dutch: unplaced workers (text and workbook), candidates, notes, exclusions, lookups.
    assert "onder het minimum van 97%" in shown["match"] and "onder het minimum van 97%" in shown["match xlsx"]
    assert "gingen naar andere kandidaten" in shown["redesign"] and "Niet geplaatst" in shown["redesign"]
    assert "gingen naar andere kandidaten" in shown["redesign xlsx"]
    for note in ("verplaatste uren krijgen geen prijs", "komt volledig op één jaar", "hebben geen verplaatsbare taken"):
        assert note in shown["redesign"] and note in shown["redesign xlsx"]
    assert "boven het budget van" in shown["recommend w-003"] and "(de werknemer heeft" in shown["recommend w-003"]
    assert "bedoeld voor anderstaligen" in shown["recommend w-010"] and "de werkpost heeft geen" in shown["recommend w-010"]
    assert "de werknemer wil geen hulpmiddelen" in shown["recommend w-013"]
    assert "onbekende werknemer" in shown["unknown worker"] and "onbekende werknemer" in shown["unknown candidate"]
    assert "map van de werkruimte niet gevonden" in shown["no workspace"]


def test_validate_speaks_the_workspace_language(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # The workspace's `lang` setting is the coach's choice; validate follows it like recommend and match do.
    root = tmp_path / "ws"
    shutil.copytree(demo_workspace(), root)
    (root / "workers" / "w-bad.yaml").write_text("id: w-bad\ncapacities:\n  visoin: 2\n", encoding="utf-8")
    asked = said(capsys, ["validate", str(root), "--lang", "nl"], 1)
    settings = root / "werkpost.yaml"
    settings.write_text(settings.read_text(encoding="utf-8") + "lang: nl\n", encoding="utf-8")
    assert said(capsys, ["validate", str(root)], 1) == asked
    assert said(capsys, ["validate", str(root), "--lang", "en"], 1) != asked
