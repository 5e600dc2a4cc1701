"""The engine hands over facts and the i18n layer makes the sentences (issue 9 point 3, issue 13 point 1)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from engine.loader import Catalog
from engine.review import tool_facts
from engine.support import part
from i18n.review import effect_words, tool_page
from i18n.support import basis_text

ENGINE = Path(__file__).resolve().parents[2] / "engine"


def language_tables(path: Path) -> list[int]:
    """Lines of a module where a dict literal is keyed by a language code: a word table below the i18n layer."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [node.lineno for node in ast.walk(tree) if isinstance(node, ast.Dict)
            and any(isinstance(k, ast.Constant) and k.value == "nl" for k in node.keys)]


def test_the_engine_keeps_no_word_tables() -> None:
    found = {str(p.relative_to(ENGINE)): lines for p in sorted(ENGINE.rglob("*.py"))
             if (lines := language_tables(p))}
    assert found == {}


def test_the_review_facts_are_numbers_and_the_words_come_from_the_catalogue(catalog: Catalog) -> None:
    tool = catalog.tools["exo-shoulder-passive"]
    facts = tool_facts(tool, catalog, horizon_years=3)
    assert facts.total_eur == tool.cost_eur + 3 * tool.yearly_eur
    assert facts.reliability == catalog.vocabulary.evidence[tool.evidence].reliability
    (effect,) = [e for e in facts.effects if e.kind == "boost"][:1]
    assert effect.levels == next(e.boost for e in tool.effects if e.kind == "boost")
    assert "level" in effect_words(effect, catalog, "en") and "niveau" in effect_words(effect, catalog, "nl")
    page = tool_page(tool, catalog, "nl")
    assert "**Kost:** €" in page and "eenmalig" in page and "one-off" not in page and "niveau(s)" not in page


@pytest.mark.parametrize(("basis", "english", "dutch"), [
    ((part("one_off", eligible=400000, pct=100.0), part("running_not_counted")),
     "EUR 4,000 one-off x 100 %; running costs not counted",
     "€ 4.000 eenmalig x 100 %; lopende kosten niet meegeteld"),
    ((part("closed", since="2024-01-01"), part("premium", min=20, max=75)),
     "running file only (closed to new applications since 2024-01-01); wage premium of 20-75 % set by VDAB; "
     "not earmarked for this tool, not counted in the net cost",
     "enkel lopende dossiers (sinds 2024-01-01 gesloten voor nieuwe aanvragen); loonpremie van 20-75 %, bepaald "
     "door VDAB; niet geoormerkt voor dit hulpmiddel, niet meegeteld in de nettokost"),
    ((part("quota", pct=10.0, whose="workstation", hours_per_week=38.0, weeks=46.0, hours=174.8),
      part("interpreting", rate=60.0, needed=83.33, used=83.33, per_year=500000, years=3),
      part("one_off_not_counted")),
     "quota 10 % of the workstation's 38 h x 46 weeks = 175 h a year; at an assumed EUR 60/h this tool needs 83 h, "
     "83 h fit; EUR 5,000 a year x 3 years; one-off costs not counted",
     "quotum 10 % van de 38 u per week van de werkpost x 46 weken = 175 u per jaar; aan een aangenomen € 60/u vraagt "
     "dit hulpmiddel 83 u, 83 u passen; € 5.000 per jaar x 3 jaar; eenmalige kosten niet meegeteld"),
    ((part("one_off", eligible=280050, pct=50.0), part("standard", standard=80000), part("capped", amount=100000),
      part("less_other", other=60000), part("running_not_counted")),
     "EUR 2,800.50 one-off x 50 %; extra cost over a standard model of EUR 800; capped at EUR 1,000; "
     "less EUR 600 other schemes pay; running costs not counted",
     "€ 2.800,50 eenmalig x 50 %; meerkost boven een standaardmodel van € 800; begrensd tot € 1.000; "
     "min € 600 van andere regelingen; lopende kosten niet meegeteld"),
    ((part("granted", hours=20.0),), "20 h a year granted", "20 u per jaar toegekend"),
])
def test_a_support_basis_in_english_and_dutch(basis: tuple, english: str, dutch: str) -> None:  # type: ignore[type-arg]
    assert basis_text(basis, "en") == english
    assert basis_text(basis, "nl").replace("\xa0", " ") == dutch
