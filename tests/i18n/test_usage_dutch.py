"""Usage errors speak the command line's language (issue 13, round 5 point 1).

Every option of every command that checks its value is fed a bad value with
--lang nl, and with a workspace whose setting is `lang: nl`: the error must
be Dutch there and English without them. The cases are found by walking the
parser, so a new option cannot slip past.
"""

from __future__ import annotations

import argparse
import inspect
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from catalog import demo_workspace
from cli.main import build_parser, main
from cli.usage import ARGPARSE_MESSAGES
from i18n.catalogue import _CATALOGUES


def parsers(parser: argparse.ArgumentParser, words: tuple[str, ...] = ()) -> Iterator[
        tuple[tuple[str, ...], argparse.ArgumentParser]]:
    """Every (sub)command with the words that reach it."""
    yield words, parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, inner in action.choices.items():
                yield from parsers(inner, (*words, name))


def checked_options() -> list[tuple[tuple[str, ...], str, str]]:
    """(command words, option, a bad value) for every option whose value argparse checks."""
    cases = []
    for words, parser in parsers(build_parser()):
        for action in parser._actions:
            if not action.option_strings or action.nargs == 0:
                continue
            kind = action.type
            if action.choices is None and kind in (None, str, Path):
                continue  # any text is a valid value: nothing to get wrong
            # A list of worker ids accepts any word; an empty list is its one mistake.
            bad = "," if getattr(kind, "__name__", "") == "_ids" else "x"
            cases.append((words, action.option_strings[-1], bad))
    return cases


CASES = checked_options()


def english_phrases() -> list[str]:
    """The fixed words of every English usage message (the parts between the placeholders)."""
    found = []
    for key, message in _CATALOGUES["en"].items():
        if key.startswith("cli.usage.") and isinstance(message, str):
            found += [part.strip(" :\n") for part in re.split(r"\{[^}]*\}", message)]
    return sorted({p for p in found if len(p) > 3}, key=len, reverse=True)


def usage_error(capsys: pytest.CaptureFixture[str], argv: list[str]) -> str:
    with pytest.raises(SystemExit) as exc:
        main(argv)
    assert exc.value.code == 2, argv
    out, err = capsys.readouterr()
    assert out == ""
    return err


@pytest.fixture(scope="module")
def dutch_workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("nl") / "ws"
    shutil.copytree(demo_workspace(), root)
    with (root / "werkpost.yaml").open("a", encoding="utf-8") as f:
        f.write("lang: nl\n")
    return root


def test_the_walk_finds_the_options_of_the_brief() -> None:
    found = {(words[0], option) for words, option, _ in CASES}
    for expected in [("redesign", "--min-hours"), ("redesign", "--budget"), ("redesign", "--max-hours"),
                     ("redesign", "--workers"), ("match", "--min-accessibility"), ("match", "--horizon-years"),
                     ("recommend", "--format"), ("sheet", "--top"), ("catalog", "--format"), ("demo", "--seed")]:
        assert expected in found
    assert len(CASES) >= 40


@pytest.mark.parametrize(("words", "option", "bad"), CASES, ids=lambda v: v if isinstance(v, str) else " ".join(v))
def test_every_bad_value_is_dutch_with_lang_nl(capsys: pytest.CaptureFixture[str], words: tuple[str, ...],
                                               option: str, bad: str) -> None:
    err = usage_error(capsys, [*words, option, bad, "--lang", "nl"])
    assert err.startswith("gebruik: werkpost")
    assert f": fout: optie {option}: " in err
    english = [p for p in english_phrases() if p in err]
    assert not english, err


@pytest.mark.parametrize(("words", "option", "bad"), CASES[::3], ids=lambda v: v if isinstance(v, str) else " ".join(v))
def test_the_same_errors_stay_english(capsys: pytest.CaptureFixture[str], words: tuple[str, ...],
                                      option: str, bad: str) -> None:
    err = usage_error(capsys, [*words, option, bad])
    assert err.startswith("usage: werkpost") and f": error: argument {option}: " in err


@pytest.mark.parametrize("argv", [
    ["redesign", "--min-hours", "x"],
    ["redesign", "--budget", "-5"],
    ["match", "--min-accessibility", "200"],
    ["match", "--out", "x.txt"],
    ["redesign", "--horizon-years", "-1"],
])
def test_a_dutch_workspace_makes_the_errors_dutch(capsys: pytest.CaptureFixture[str], dutch_workspace: Path,
                                                  argv: list[str]) -> None:
    err = usage_error(capsys, [*argv, "--workspace", str(dutch_workspace)])
    assert err.startswith("gebruik: ") and ": fout: optie " in err
    assert not [p for p in english_phrases() if p in err], err
    # --lang says otherwise: English
    err = usage_error(capsys, [*argv, "--workspace", str(dutch_workspace), "--lang", "en"])
    assert err.startswith("usage: ") and ": error: argument " in err


def test_the_words_of_the_values(capsys: pytest.CaptureFixture[str]) -> None:
    assert usage_error(capsys, ["redesign", "--min-hours", "x", "--lang", "nl"]).endswith(
        "werkpost redesign: fout: optie --min-hours: geen aantal uren: 'x'\n")
    assert usage_error(capsys, ["redesign", "--budget", "-5", "--lang=nl"]).endswith(
        "fout: optie --budget: moet een bedrag van 0 of meer zijn, niet '-5'\n")
    assert usage_error(capsys, ["recommend", "--lang", "nl", "--format", "pdf"]).endswith(
        "fout: optie --format: ongeldige keuze: 'pdf' (kies uit 'text', 'json', 'md')\n")
    assert usage_error(capsys, ["recommend", "--lang", "nl"]).endswith(
        "werkpost recommend: fout: deze opties ontbreken: --worker, --workstation\n")
    assert usage_error(capsys, ["match", "--lang", "nl", "--out"]).endswith("optie --out: verwacht één waarde\n")
    assert usage_error(capsys, ["match", "--lang", "nl", "--what"]).endswith("fout: onbekende argumenten: --what\n")
    assert usage_error(capsys, ["opnieuw", "--lang", "nl"]).startswith("gebruik: werkpost [-h] COMMAND")
    assert usage_error(capsys, ["tui", str(demo_workspace()), "--lang", "nl", "extra"]).endswith(
        "onbekende argumenten: extra\n")


def test_tui_and_validate_follow_the_folder_they_name(capsys: pytest.CaptureFixture[str],
                                                      dutch_workspace: Path) -> None:
    assert "fout: onbekende argumenten: --x" in usage_error(capsys, ["tui", str(dutch_workspace), "--x"])
    assert "fout: onbekende argumenten: --x" in usage_error(capsys, ["validate", str(dutch_workspace), "--x"])
    assert "error: unrecognized arguments: --x" in usage_error(capsys, ["validate", str(demo_workspace()), "--x"])


def test_sheet_usage_follows_the_workspace(capsys: pytest.CaptureFixture[str], dutch_workspace: Path,
                                           tmp_path: Path) -> None:
    err = usage_error(capsys, ["sheet", "--workspace", str(dutch_workspace), "--all", "--worker", "w-001",
                               "--out", str(tmp_path)])
    assert "werkpost sheet: fout: --all schrijft een fiche voor elke werknemer" in err


def test_help_speaks_dutch_and_the_hook_is_given_back(capsys: pytest.CaptureFixture[str]) -> None:
    hook = argparse._  # type: ignore[attr-defined]
    with pytest.raises(SystemExit):
        main(["recommend", "--lang", "nl", "--help"])
    out, _ = capsys.readouterr()
    assert out.startswith("gebruik: werkpost recommend") and "opties:" in out and "options:" not in out
    usage_error(capsys, ["recommend", "--lang", "nl"])
    assert argparse._ is hook  # type: ignore[attr-defined]


def test_every_translated_template_is_argparses_own() -> None:
    # A Python upgrade that rewords argparse would leave a template untranslated: this says which.
    source = inspect.getsource(argparse)
    missing = [t for t in ARGPARSE_MESSAGES if repr(t) not in source and f'"{t}"' not in source]
    assert not missing


def test_no_option_takes_a_fixed_count_of_values() -> None:
    # argparse says "expected N arguments" through ngettext, which is not translated: no werkpost option needs it.
    counts = [a.dest for _, p in parsers(build_parser()) for a in p._actions
              if isinstance(a.nargs, int) and a.nargs > 0]
    assert not counts
