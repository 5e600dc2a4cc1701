"""Output a person reads: `catalog list` at 80 columns and in a pipe, `recommend --format md` as full as text."""

from __future__ import annotations

import re

import pytest

from cli.main import main
from engine.loader import Catalog


def test_catalog_list_fits_80_columns_and_keeps_every_id_whole(capsys: pytest.CaptureFixture[str],
                                                               monkeypatch: pytest.MonkeyPatch,
                                                               catalog: Catalog) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    for lang in ("en", "nl"):
        assert main(["catalog", "list", "--lang", lang]) == 0
        out = capsys.readouterr().out
        lines = out.splitlines()
        assert max(len(line) for line in lines) <= 80
        assert "…" not in out
        # Each id on a line of its own, whole: it can be copied into a worker file.
        assert {line for line in lines if line in catalog.tools} == set(catalog.tools)
    flat = " ".join(out.split())
    assert "hulpmiddelen" in lines[0] and "per jaar" in flat and "€ 15.000" in flat


def test_catalog_list_is_a_table_on_a_wide_terminal(capsys: pytest.CaptureFixture[str],
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "200")
    assert main(["catalog", "list", "--lang", "nl", "--category", "exoskeleton"]) == 0
    out = capsys.readouterr().out
    assert re.search(r"┃ id +┃ naam", out) and "exo-shoulder-passive" in out


def catalogue_fragments(lang: str) -> list[str]:
    """The fixed words of every cli message in `lang` (the parts between the fields)."""
    from i18n.catalogue import _CATALOGUES

    out: list[str] = []
    for key, message in _CATALOGUES[lang].items():
        if key.startswith("cli.") and not key.startswith(("cli.match.", "cli.catalog.")):
            for form in message.values() if isinstance(message, dict) else [message]:
                out += [p.strip(" :;.()") for p in re.split(r"\{[^}]*\}", form) if len(p.strip(" :;.()")) >= 4]
    return out


def flat(text: str) -> str:
    """Words only: no table borders, no Markdown marks, one space between words."""
    return " ".join(re.sub(r"[│┃┏┓┗┛┡┩└┘┳┻╇━─|*#_`]+", " ", text).split())


@pytest.mark.parametrize("lang", ["en", "nl"])
@pytest.mark.parametrize(("worker", "station", "extra"), [
    ("w-017", "ws-lamp-assembly", ["--budget", "3000"]),   # gaps, a partial set-up, tools left out
    ("w-002", "ws-palletising", ["--budget", "10"]),       # no set-up within the budget
    ("w-003", "ws-kitchen", []),                           # support estimates and the funding footer
    ("w-001", "ws-office-admin", []),                      # no gaps at all
])
def test_markdown_says_as_much_as_the_text(capsys: pytest.CaptureFixture[str], worker: str, station: str,
                                           extra: list[str], lang: str) -> None:
    argv = ["recommend", "--worker", worker, "--workstation", station, "--lang", lang, *extra]
    assert main([*argv, "--format", "text"]) == 0
    shown = flat(capsys.readouterr().out)
    assert main([*argv, "--format", "md"]) == 0
    md = flat(capsys.readouterr().out)
    missing = [f for f in catalogue_fragments(lang) if f in shown and f not in md]
    assert not missing
    # The people, the places and every task with its share.
    from catalog import demo_workspace
    from engine.loader import load_workspace

    ws = load_workspace(demo_workspace())
    for word in (ws.workers[worker].label, ws.workstations[station].label,
                 *(t.name for t in ws.workstations[station].tasks)):
        assert word in md
