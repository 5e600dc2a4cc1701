"""Tests the three sheet formats: content, languages, escaping, Unicode and the empty cases."""

from __future__ import annotations

import dataclasses
import datetime
import io
import re

import pytest
from pypdf import PdfReader

from engine.loader import Workspace
from engine.models import Task, Worker, Workstation
from engine.recommend import Recommendation, recommend
from i18n import money, percent
from sheets import render_sheet

TODAY = datetime.date(2026, 11, 26)
HOSTILE = "<script>alert(1)</script>"


@pytest.fixture()
def ws(demo: Workspace) -> Workspace:
    """The demo workspace (session fixture of tests/conftest.py), read only."""
    return demo


@pytest.fixture()
def rec(ws: Workspace) -> Recommendation:
    return recommend(ws.catalog, ws.worker("w-001"), ws.workstation("ws-palletising"))


def text_of(data: bytes, fmt: str) -> str:
    """The visible text of a sheet, whitespace folded (PDF through pypdf)."""
    if fmt == "pdf":
        raw = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    else:
        raw = data.decode("utf-8")
    return " ".join(raw.replace("\xa0", " ").split())


def norm(text: str) -> str:
    return " ".join(text.replace("\xa0", " ").split())


@pytest.mark.parametrize("fmt", ["md", "html", "pdf"])
@pytest.mark.parametrize("lang", ["en", "nl"])
def test_sheet_holds_worker_percentages_and_tools(ws: Workspace, rec: Recommendation, fmt: str, lang: str) -> None:
    text = text_of(render_sheet(rec, ws.catalog, fmt, lang=lang, today=TODAY), fmt)
    assert "w-001" in text and "Operator A" in text and "ws-palletising" in text
    best = rec.best
    assert best is not None
    assert percent(rec.baseline.accessibility, lang) in text
    assert percent(best.setup.accessibility, lang) in text
    assert norm(money(best.setup.cost_eur, lang, cents=True)) in text
    for tool in best.setup.tools:
        assert ws.catalog.tools[tool].name.get(lang) in text


@pytest.mark.parametrize("fmt", ["md", "html", "pdf"])
def test_dutch_sheet_uses_dutch_labels(ws: Workspace, rec: Recommendation, fmt: str) -> None:
    text = text_of(render_sheet(rec, ws.catalog, fmt, lang="nl", today=TODAY), fmt)
    for heading in ("Adviesfiche werkpostaanpassing", "Profielvergelijking", "Taken", "Volgende stappen",
                    "Handtekeningen", "Jobcoach", "Werkgever", "Eenmalige kost"):
        assert heading in text, heading
    assert "Tillen" in text and "Fysiek" in text  # catalogue nl labels
    assert "26 november 2026" in text and "26 februari 2027" in text  # date and follow-up, Babel nl_BE
    assert "Technische maatregel" in text
    assert "Recommended set-ups" not in text and "Next steps" not in text


def test_english_follow_up_is_three_months_later(ws: Workspace, rec: Recommendation) -> None:
    text = text_of(render_sheet(rec, ws.catalog, "md", lang="en", today=datetime.date(2026, 11, 30)), "md")
    assert "30 November 2026" in text and "28 February 2027" in text


def hostile_rec(ws: Workspace, label: str) -> Recommendation:
    worker = Worker(id="w-x", label=label, capacities={"lifting": 1})
    station = Workstation(id="ws-x", label=label, tasks=[
        Task(name=f"Lift | {label}", share=1, tags=frozenset({"manual_handling"}), demands={"lifting": 3}),
    ])
    return recommend(ws.catalog, worker, station)


def test_html_escapes_hostile_labels(ws: Workspace) -> None:
    html = render_sheet(hostile_rec(ws, HOSTILE), ws.catalog, "html", today=TODAY).decode()
    assert "<script" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_markdown_escapes_pipes_and_tags(ws: Workspace) -> None:
    md = render_sheet(hostile_rec(ws, HOSTILE), ws.catalog, "md", today=TODAY).decode()
    assert "<script>" not in md
    assert r"Lift \| \<script\>" in md
    # Every table row still has as many cells as its heading.
    for block in re.findall(r"(?:^\|.*\|$\n?)+", md, flags=re.M):
        counts = {len(re.split(r"(?<!\\)\|", line)) for line in block.strip().splitlines()}
        assert len(counts) == 1, block


def test_pdf_prints_non_latin1_labels(ws: Workspace) -> None:
    data = render_sheet(hostile_rec(ws, "Zoë Łukasz 李"), ws.catalog, "pdf", lang="nl", today=TODAY)
    text = text_of(data, "pdf")
    assert "Zoë Łukasz" in text
    assert "\ufffd" in text  # the CJK glyph DejaVu lacks is shown as a replacement mark, not dropped


def test_pdf_bytes_are_reproducible(ws: Workspace, rec: Recommendation) -> None:
    first = render_sheet(rec, ws.catalog, "pdf", today=TODAY)
    assert first.startswith(b"%PDF-")
    assert render_sheet(rec, ws.catalog, "pdf", today=TODAY) == first
    assert PdfReader(io.BytesIO(first)).metadata.creation_date.date() == TODAY  # type: ignore[union-attr]


@pytest.mark.parametrize("fmt", ["md", "html", "pdf"])
def test_accessible_as_is(ws: Workspace, fmt: str) -> None:
    # Demo v2: Operator A meets every demand of the office workstation (no gaps, no blocked task).
    rec = recommend(ws.catalog, ws.worker("w-001"), ws.workstation("ws-office-admin"))
    assert not rec.gaps and not rec.blocks
    text = text_of(render_sheet(rec, ws.catalog, fmt, today=TODAY), fmt)
    assert "accessible as it is" in text
    assert "Recommended set-ups" not in text and "Gaps that remain" not in text


@pytest.mark.parametrize("fmt", ["md", "html", "pdf"])
def test_nothing_helps_lists_the_gaps(ws: Workspace, fmt: str) -> None:
    rec = recommend(ws.catalog, ws.worker("w-005"), ws.workstation("ws-green-maintenance"))
    assert rec.gaps and not rec.setups
    text = text_of(render_sheet(rec, ws.catalog, fmt, today=TODAY), fmt)
    assert "No tool in the catalogue improves accessibility" in text
    assert "None: no tool helps here." in text
    for gap in rec.gaps:
        assert ws.catalog.dimension_label(gap.dimension, "en") in text
    assert "Job redesign" in text


def test_budget_and_inexact_search_are_stated(ws: Workspace) -> None:
    rec = recommend(ws.catalog, ws.worker("w-001"), ws.workstation("ws-palletising"), budget=5000)
    rec = dataclasses.replace(rec, result=dataclasses.replace(rec.result, exact=False))
    assert not rec.exact
    text = text_of(render_sheet(rec, ws.catalog, "md", today=TODAY), "md")
    # Contract v2: the budget bounds the total cost over the horizon.
    assert "Budget (total cost over 3 years)" in text and "€5,000.00" in text
    assert "not proven to be the best possible" in text


@pytest.mark.parametrize("fmt", ["md", "html", "pdf"])
def test_remaining_and_unclosable_gaps_are_listed(ws: Workspace, fmt: str) -> None:
    # No catalogue tool boosts kneeling: that gap stays and calls for job redesign.
    worker = Worker(id="w-y", capacities={"lifting": 1, "kneeling": 0})
    station = Workstation(id="ws-y", features=["floor_space", "power", "fixed_bench"], tasks=[
        Task(name="Lift boxes", share=0.5, tags=frozenset({"manual_handling"}), demands={"lifting": 3}),
        Task(name="Kneel to clean", share=0.5, tags=frozenset({"cleaning"}), demands={"kneeling": 3}),
    ])
    rec = recommend(ws.catalog, worker, station)
    assert rec.setups and [g.dimension for g in rec.unclosable] == ["kneeling"]
    assert rec.setups[0].setup.accessible == (True, False)
    text = text_of(render_sheet(rec, ws.catalog, fmt, today=TODAY), fmt)
    assert "Gaps that remain" in text and "Kneel to clean" in text
    assert "job redesign" in text and "Job redesign:" in text


def test_unknown_language_and_format_are_refused(ws: Workspace, rec: Recommendation) -> None:
    from engine.errors import InputError, WriteError

    with pytest.raises(InputError, match="unknown language"):
        render_sheet(rec, ws.catalog, "md", lang="fr")
    with pytest.raises(WriteError, match="unknown sheet format"):
        render_sheet(rec, ws.catalog, "docx")


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_every_demo_worker_gets_a_sheet(ws: Workspace, lang: str) -> None:
    station = ws.workstations["ws-palletising"]
    for worker in ws.workers.values():
        rec = recommend(ws.catalog, worker, station)
        for fmt in ("md", "html"):
            assert worker.id in render_sheet(rec, ws.catalog, fmt, lang=lang, today=TODAY).decode()


def test_sources_are_clickable(ws: Workspace, rec: Recommendation) -> None:
    best = rec.best
    assert best is not None
    urls = {u for t in best.setup.tools for u in ws.catalog.tools[t].sources}
    reader = PdfReader(io.BytesIO(render_sheet(rec, ws.catalog, "pdf", today=TODAY)))
    links = {a.get_object()["/A"]["/URI"] for page in reader.pages for a in page.get("/Annots", [])
             if "/A" in a.get_object()}
    assert urls <= links
    html = render_sheet(rec, ws.catalog, "html", today=TODAY).decode()
    assert all(f'<a href="{u}">' in html for u in urls)
