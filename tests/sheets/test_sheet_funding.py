"""The funding section per tool, the annex for the funder, and no false "no tool can close this" (issues 14 and 10)."""

from __future__ import annotations

import datetime
import os
from pathlib import Path

import pytest

from engine.loader import Workspace
from engine.recommend import Recommendation, recommend
from sheets import render_sheet
from sheets.content import build_content, fixable_closers
from tests.sheets.test_sheet_formats import norm, text_of

TODAY = datetime.date(2026, 11, 26)
GOLDEN = Path(__file__).parent / "golden" / "w-003_ws-kitchen_nl.md"
"""The Dutch Markdown sheet of w-003 (deaf, VDAB support with interpreting hours) at the kitchen, on TODAY."""


@pytest.fixture()
def supported(demo: Workspace) -> Recommendation:
    return recommend(demo.catalog, demo.worker("w-003"), demo.workstation("ws-kitchen"))


@pytest.fixture()
def unsupported(demo: Workspace) -> Recommendation:
    # w-002 has no support status.
    rec = recommend(demo.catalog, demo.worker("w-002"), demo.workstation("ws-palletising"))
    assert rec.setups and not rec.has_support
    return rec


WORDS = {
    "en": ("Funding", "Support measure", "Applies / receives", "apply before buying", "buy by 26 November 2027",
           "invoices by 26 May 2028", "Annex: for the funding application", "Gap profile", "Why these tools",
           "Cost estimate", "Net cost (estimate)", "Alternatives considered", "Tools left out",
           "What would change it", "VDAB decides"),
    "nl": ("Financiering", "Ondersteuningsmaatregel", "Aanvrager / ontvanger", "vraag aan voor de aankoop",
           "koop uiterlijk op 26 november 2027", "facturen uiterlijk op 26 mei 2028",
           "Bijlage: voor de aanvraag van een tegemoetkoming", "Profiel van de tekorten", "Waarom deze hulpmiddelen",
           "Kostenraming", "Nettokost (schatting)", "Bekeken alternatieven", "Weggevallen hulpmiddelen",
           "Wat het zou veranderen", "VDAB beslist"),
}


@pytest.mark.parametrize("fmt", ["md", "html", "pdf"])
@pytest.mark.parametrize("lang", ["en", "nl"])
def test_funding_section_and_annex_in_every_format(demo: Workspace, supported: Recommendation, fmt: str,
                                                    lang: str) -> None:
    shown = text_of(render_sheet(supported, demo.catalog, fmt, lang=lang, today=TODAY), fmt)
    for words in WORDS[lang]:
        assert norm(words) in shown, words
    for m in ("btom-work-tools", "btom-interpreting"):
        measure = demo.catalog.funding.measure(m) if demo.catalog.funding else None
        assert measure is not None and measure.name.get(lang) in shown
    # Every left-out tool is named in the annex, the remote interpreter with its fix.
    for e in supported.excluded:
        assert demo.catalog.tool_name(e.tool, lang) in shown
    fix = {"en": "provide network connection at the workstation", "nl": "voorzie netwerkverbinding aan de werkpost"}
    assert fix[lang] in shown


@pytest.mark.parametrize("fmt", ["md", "html", "pdf"])
@pytest.mark.parametrize("lang", ["en", "nl"])
def test_without_support_one_line_says_so(demo: Workspace, unsupported: Recommendation, fmt: str,
                                          lang: str) -> None:
    shown = text_of(render_sheet(unsupported, demo.catalog, fmt, lang=lang, today=TODAY), fmt)
    line = {"en": "No support was assumed", "nl": "Er werd geen tegemoetkoming aangenomen"}[lang]
    assert line in shown and "support" in shown
    assert {"en": "Support measure", "nl": "Ondersteuningsmaatregel"}[lang] not in shown
    assert {"en": "Tools left out", "nl": "Weggevallen hulpmiddelen"}[lang] in shown  # the annex is still there


def test_annex_numbers_follow_the_recommendation(demo: Workspace, supported: Recommendation) -> None:
    c = build_content(supported, demo.catalog, "en", TODAY)
    assert c.annex is not None
    cost = next(p for p in c.annex.parts if p.heading == "Cost estimate")
    assert cost.table is not None
    rows = {r[0]: r[1] for r in cost.table.rows}
    best = supported.setups[0]
    assert best.support is not None
    assert rows["Net cost (estimate)"] == f"€{best.support.net_cents / 100:,.2f}"
    assert rows["Total over 3 years"] == f"€{best.setup.total_cost_eur:,.2f}"
    alternatives = next(p for p in c.annex.parts if p.heading == "Alternatives considered")
    assert alternatives.table is not None
    assert [r[0] for r in alternatives.table.rows] == [str(n) for n in range(2, len(supported.setups) + 1)]


def test_golden_dutch_sheet(demo: Workspace, supported: Recommendation) -> None:
    """Compared to a committed, read-and-checked file; WERKPOST_GOLDEN=write rewrites it (then read it again)."""
    got = render_sheet(supported, demo.catalog, "md", lang="nl", today=TODAY).decode("utf-8")
    if os.environ.get("WERKPOST_GOLDEN") == "write":
        GOLDEN.write_text(got, encoding="utf-8")
    assert got == GOLDEN.read_text(encoding="utf-8")


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_no_false_unclosable_when_a_tool_was_left_out_for_a_fixable_reason(demo: Workspace, lang: str) -> None:
    # w-001 at green maintenance: the lifters would close lifting and carrying, but the station lacks
    # floor space and power; kneeling and trunk bending have no tool at all.
    rec = recommend(demo.catalog, demo.worker("w-001"), demo.workstation("ws-green-maintenance"))
    closers = fixable_closers(rec, demo.catalog)
    assert {g.dimension for g in closers} == {"lifting", "carrying"}
    assert {g.dimension for g in rec.unclosable} >= {"lifting", "carrying", "kneeling", "trunk_bending"}
    c = build_content(rec, demo.catalog, lang, TODAY)
    assert c.remaining is not None
    redesign = {"en": "no tool can close this", "nl": "geen hulpmiddel lost dit op"}[lang]
    could = {"en": "a tool could close this if", "nl": "een hulpmiddel kan dit oplossen als"}[lang]
    for row in c.remaining.rows:
        dim = row[1]
        if dim in (demo.catalog.dimension_label(d, lang) for d in ("lifting", "carrying")):
            assert redesign not in row[-1] and could in row[-1]
            assert {"en": "floor space", "nl": "vloerruimte"}[lang] in row[-1]
        elif dim in (demo.catalog.dimension_label(d, lang) for d in ("kneeling", "trunk_bending")):
            assert redesign in row[-1]
    assert c.status is not None and {"en": "can be fixed", "nl": "te verhelpen"}[lang] in c.status


def test_only_fixable_reasons_count(demo: Workspace) -> None:
    # A tool the worker refused is no fixable closer: the gap stays a redesign gap.
    rec = recommend(demo.catalog, demo.worker("w-001"), demo.workstation("ws-green-maintenance"))
    from dataclasses import replace

    refused = [replace(e, reason="avoided") for e in rec.excluded]
    rec.excluded = refused
    assert fixable_closers(rec, demo.catalog) == {}
    md = render_sheet(rec, demo.catalog, "md", today=TODAY).decode()
    assert "a tool could close this if" not in md and "no tool can close this" in md
