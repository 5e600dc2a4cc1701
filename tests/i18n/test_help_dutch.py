"""Every command's -h help speaks the command line's language (issue 13): Dutch under --lang nl, English unchanged.

The Dutch page is checked with the English-word test of the other
commands' output (`found` of test_no_english_in_dutch): any English help
text of the catalogue (even one copied unchanged into Dutch) must not appear
whole. argparse wraps help at the terminal's width, so a phrase can be
split over lines: the page is read with its whitespace joined first.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from cli.main import build_parser, main
from i18n.catalogue import _CATALOGUES
from tests.i18n.test_no_english_in_dutch import MIN_LENGTH, found
from tests.i18n.test_usage_dutch import parsers

COMMANDS = [words for words, _ in parsers(build_parser())]

ARGPARSE_ENGLISH = ("usage:", "options:", "positional arguments:", "show this help message and exit")
"""argparse's own words on a help page (those its `_` hook words), English unless the catalogue says them."""


def english_help() -> list[str]:
    """Every English help text of the catalogue, cut at its fields, as `english` cuts a section.

    Unlike `english`, a text whose Dutch is a copy of the English counts too: that is the mistake to catch here.
    """
    out: list[str] = []
    for key, message in _CATALOGUES["en"].items():
        if key.startswith("help.") and isinstance(message, str):
            out += [p.strip(" :.") for p in re.split(r"\{[^}]*\}", message) if len(p.strip(" :.")) >= MIN_LENGTH]
    return out


def help_page(capsys: pytest.CaptureFixture[str], argv: list[str]) -> str:
    """What `werkpost ARGV` prints; it must be a help page that exits 0."""
    with pytest.raises(SystemExit) as stop:
        main(argv)
    out, err = capsys.readouterr()
    assert stop.value.code == 0 and not err
    return out


def joined(page: str) -> str:
    return re.sub(r"\s+", " ", page)


def test_the_parser_walk_reaches_every_subcommand() -> None:
    # 10 commands, 3 under catalog and 1 under demo, and werkpost itself: a walk that stopped short would test less.
    assert len(COMMANDS) == 15
    assert ("catalog", "review") in COMMANDS and ("demo", "generate") in COMMANDS


@pytest.mark.parametrize("words", COMMANDS, ids=lambda w: " ".join(w) or "werkpost")
def test_dutch_help_shows_no_english(capsys: pytest.CaptureFixture[str], words: tuple[str, ...]) -> None:
    # -h first: werkpost, catalog and demo have no --lang of their own, and -h stops the parse before it is read.
    page = joined(help_page(capsys, [*words, "-h", "--lang", "nl"]))
    assert page.startswith("gebruik: werkpost")
    assert "toon deze hulp en stop" in page
    assert not found(english_help(), page)
    assert not [word for word in ARGPARSE_ENGLISH if word in page]


def test_a_workspace_in_dutch_gives_dutch_help(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    # No --lang: the workspace the command line names decides, as it does for usage errors.
    assert main(["init", str(tmp_path / "ws"), "--lang", "nl"]) == 0
    capsys.readouterr()
    page = help_page(capsys, ["tui", str(tmp_path / "ws"), "-h"])
    assert "taal van de labels (standaard: onthouden per werkruimte)" in page


ENGLISH_TUI = """\
usage: werkpost tui [-h] [--lang {en,nl}] [WORKSPACE]

Open the terminal UI on a workspace folder (the bundled demo by default). Press ? inside for every
key.

positional arguments:
  WORKSPACE

options:
  -h, --help      show this help message and exit
  --lang {en,nl}  label language (default: remembered per workspace)
"""

ENGLISH_DEMO = """\
usage: werkpost demo [-h] WHAT ...

positional arguments:
  WHAT
    generate  write a random but realistic firm (workers and workstations)

options:
  -h, --help  show this help message and exit
"""

ENGLISH_MATCH_OPTION = """\
  --min-accessibility PCT
                        never place a worker below this expected accessibility, as a percentage
                        0-100 (60 or 60%); a number up to 1 is read as a fraction (0.6 = 60%)
"""
"""The English help, captured with COLUMNS=100 before the texts moved into the catalogue."""


def test_english_help_is_unchanged(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "100")
    assert help_page(capsys, ["tui", "-h"]) == ENGLISH_TUI
    assert help_page(capsys, ["demo", "-h"]) == ENGLISH_DEMO
    assert ENGLISH_MATCH_OPTION in help_page(capsys, ["match", "--lang", "en", "-h"])


def test_a_percent_in_a_description_is_shown_once(capsys: pytest.CaptureFixture[str]) -> None:
    # argparse fills option help with %, not descriptions: the description's "30%" must not come out doubled.
    page = joined(help_page(capsys, ["import-workstations", "-h"]))
    assert "(0.3 or 30%)" in page and "%%" not in page
    assert "(0.3 of 30%)" in joined(help_page(capsys, ["import-workstations", "--lang", "nl", "-h"]))
