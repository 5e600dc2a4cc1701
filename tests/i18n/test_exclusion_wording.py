"""One wording for why a tool was left out, in the CLI and on the sheets (issue 13, round 5 point 6).

The sheets kept their own sentences (and the CLI others: "bedoeld voor
nieuwkomers" on a sheet, "dient voor anderstaligen" in the terminal). Both
now say i18n.explain.exclusion_words; the English sheets read as before.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from cli.main import main
from engine.loader import Workspace
from engine.recommend import recommend
from i18n.explain import exclusion_words

PAIRS = [("w-005", "ws-lamp-assembly", 300), ("w-013", "ws-cable-assembly", 3000), ("w-017", "ws-lamp-assembly", 3000)]


def shown(text: str) -> str:
    return " ".join(text.replace("|", " ").split())


@pytest.mark.parametrize("lang", ["en", "nl"])
@pytest.mark.parametrize(("worker", "station", "budget"), PAIRS)
def test_cli_and_sheet_say_the_same(demo: Workspace, capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                    lang: str, worker: str, station: str, budget: int) -> None:
    rec = recommend(demo.catalog, demo.worker(worker), demo.workstation(station), budget=budget, top=5,
                    terms=demo.terms())
    assert rec.excluded
    assert main(["recommend", "--worker", worker, "--workstation", station, "--budget", str(budget),
                 "--lang", lang]) == 0
    cli = shown(capsys.readouterr().out)
    sheet = tmp_path / "s.md"
    assert main(["sheet", "--worker", worker, "--workstation", station, "--budget", str(budget), "--lang", lang,
                 "--out", str(sheet)]) == 0
    capsys.readouterr()
    on_sheet = shown(sheet.read_text(encoding="utf-8"))
    for e in rec.excluded:
        for said in exclusion_words(e, demo.catalog, lang, rec.terms.horizon_years):
            assert shown(said) in cli
        for said in exclusion_words(e, demo.catalog, lang, rec.terms.horizon_years, cents=True):
            assert shown(said) in on_sheet


def test_every_reason_is_worded_from_the_catalogue(demo: Workspace) -> None:
    rec = recommend(demo.catalog, demo.worker("w-005"), demo.workstation("ws-lamp-assembly"), budget=300, top=5,
                    terms=demo.terms())
    words = {e.reason: exclusion_words(e, demo.catalog, "nl", 3) for e in rec.excluded}
    assert set(words) == {"budget", "capacity", "feature", "first_language"}
    assert words["first_language"] == (
        "bedoeld voor anderstaligen; de eerste taal van de werknemer is de taal op de werkvloer (nl)",
        "niet nodig: de werknemer werkt al in de eigen eerste taal")
    assert words["feature"][0].startswith("de werkpost heeft geen ")
    assert words["budget"][0].startswith("kost €") and words["budget"][0].endswith(" over 3 jaar, boven het budget van €\xa0300")


def test_the_english_sheet_reads_as_before(demo: Workspace, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    sheet = tmp_path / "s.md"
    assert main(["sheet", "--worker", "w-013", "--workstation", "ws-cable-assembly", "--budget", "3000",
                 "--out", str(sheet)]) == 0
    text = sheet.read_text(encoding="utf-8")
    # the rows as the sheet wrote them before the wording moved to the catalogue
    assert "| the worker does not want Augmented-reality instructions tools | ask the worker again; the choice is " \
        "theirs |" in text
    assert "| the workstation lacks free floor space | provide free floor space at the workstation |" in text
    assert "costs €18,500.00 over 3 years, over the budget of €3,000.00 | raise the budget to €18,500.00 |" in text
