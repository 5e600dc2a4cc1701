"""The function description sheet of inclusive job design: its numbers are the result's, every format renders,
Dutch has no English, and `werkpost redesign --sheets` writes one per function, all or nothing."""

from __future__ import annotations

import datetime
import io
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
from pypdf import PdfReader

from catalog import demo_workspace
from cli.main import main
from engine.loader import Workspace
from engine.redesign import NewFunction, RedesignResult, redesign, resolve_workers
from i18n import message_keys, money, number
from sheets.function import build_function_content
from sheets.function_write import render_function
from tests.i18n.test_no_english_in_dutch import english, found

TODAY = datetime.date(2026, 11, 30)
ROOT = Path(__file__).parents[2]
WITH_TOOLS = ("w-002", "w-003", "w-005")
"""Demo candidates: w-003's and w-005's functions need tools (a visual alarm, a reading pen), w-002's none."""


@pytest.fixture(scope="module")
def tooled(demo: Workspace) -> RedesignResult:
    return redesign(demo, workers=resolve_workers(demo, WITH_TOOLS))


@pytest.fixture(scope="module")
def plain(demo: Workspace) -> RedesignResult:
    return redesign(demo)


def _eur(amount: float, lang: str = "en") -> str:
    return money(amount, lang, cents=True)


def _f(text: str) -> float:
    return float(re.sub(r"[^0-9.\-]", "", text))


def test_the_sheet_numbers_are_the_results(demo: Workspace, tooled: RedesignResult) -> None:
    assert len(tooled.functions) == 3 and sum(bool(f.tools) for f in tooled.functions) == 2
    horizon = tooled.settings["horizon_years"]
    for f in (f for f in tooled.functions if f.tools):
        c = build_function_content(tooled, f, demo, "en", TODAY)
        *tasks, total = c.tasks.rows
        assert [(r[0], _f(r[2])) for r in tasks] == [(t.task, round(t.hours, 1)) for t in f.tasks]
        assert total[2] == number(round(f.hours, 1), "en")
        assert sum(t.hours for t in f.tasks) == pytest.approx(f.hours)
        # The business case from first principles: the tools' prices and the moved tasks' savings.
        tools = [demo.catalog.tools[t] for t in f.tools]
        charge = sum(t.cost_eur / horizon + t.yearly_eur for t in tools)
        saving = sum(t.yearly_saving_eur for t in f.tasks)
        once = sum(t.cost_eur for t in tools)
        case = dict(c.case.rows)
        assert case["Wage saving (hours × weeks × difference in wage)"] == _eur(saving) == _eur(f.yearly_saving_eur)
        assert _f(case["Tools per year (one-off cost spread over the years, plus the yearly cost)"]) == \
            pytest.approx(charge, abs=0.01)
        assert case["Net benefit a year"] == _eur(f.net_yearly_benefit_eur)
        assert _f(case["Net benefit a year"]) == pytest.approx(saving - charge, abs=0.01)
        assert case["One-off cost of the set-up"] == _eur(once)
        months = 12 * once / (saving - sum(t.yearly_eur for t in tools))
        assert f.payback_months == pytest.approx(months, abs=0.05)
        assert case["Payback time"] == f"{number(f.payback_months or 0, 'en')} months"
        assert dict(c.facts)["Net benefit"] == f"{_eur(f.net_yearly_benefit_eur)} a year"
        # The set-up's total row is the function's total cost over the horizon (what a budget bounds).
        assert c.setup is not None and c.setup.rows[-1][-1] == _eur(f.total_cost_eur)


def test_every_gap_is_closed_by_a_tool_of_the_setup(demo: Workspace, tooled: RedesignResult) -> None:
    for f in (f for f in tooled.functions if f.tools):
        c = build_function_content(tooled, f, demo, "en", TODAY)
        assert c.gaps is not None and c.gaps_none is None
        names = {demo.catalog.tool_name(t) for t in f.tools}
        for row in c.gaps.rows:
            assert row[4] and set(row[4].split("\n")) <= names, row
            if not row[1].startswith("Hazard"):
                assert int(row[2]) > int(row[3])  # only demands above the capacity are gaps
        # Every tool of the set-up closes something (the optimiser keeps no idle tool).
        closing = {n for row in c.gaps.rows for n in row[4].split("\n")}
        assert closing == names


def test_a_function_without_gaps_says_no_tools_are_needed(demo: Workspace, plain: RedesignResult) -> None:
    f = next(f for f in plain.functions if not f.tools)
    c = build_function_content(plain, f, demo, "en", TODAY)
    assert c.gaps is None and c.setup is None and c.gaps_none and c.setup_none
    assert dict(c.case.rows)["Payback time"] == "immediate (no one-off cost)"


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.tags: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_every_format_renders(demo: Workspace, tooled: RedesignResult, lang: str) -> None:
    f: NewFunction = next(f for f in tooled.functions if f.tools)
    net = _eur(f.net_yearly_benefit_eur, lang)
    md = render_function(tooled, f, demo, "md", lang=lang, today=TODAY).decode()
    assert md.startswith("# ") and " ".join(net.split()) in md and all(t.task in md for t in f.tasks)
    html = render_function(tooled, f, demo, "html", lang=lang, today=TODAY).decode()
    parser = _Text()
    parser.feed(html)
    shown = "".join(parser.parts)
    assert {"svg", "table", "h1"} <= parser.tags and net in shown and f'lang="{lang}"' in html
    pdf = render_function(tooled, f, demo, "pdf", lang=lang, today=TODAY)
    assert pdf.startswith(b"%PDF")
    assert pdf == render_function(tooled, f, demo, "pdf", lang=lang, today=TODAY)  # reproducible bytes
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert f.worker in text and " ".join(net.split()) in " ".join(text.split())


def test_a_dutch_sheet_shows_no_english(demo: Workspace, tooled: RedesignResult, plain: RedesignResult) -> None:
    texts = english("redesign")
    assert texts  # the check has something to look for
    for result in (tooled, plain):
        for f in result.functions:
            md = render_function(result, f, demo, "md", lang="nl", today=TODAY).decode()
            for t in f.tasks:  # the demo's task names are data, in English ("Clean and store the tools")
                md = md.replace(t.task, "")
            assert not found(texts, md)
            assert not found(english("sheet"), md)


def test_every_redesign_key_the_sheet_uses_exists() -> None:
    source = (ROOT / "sheets" / "function.py").read_text(encoding="utf-8")
    used = {f"redesign.{k}" for k in re.findall(r'_t\("([a-z_]+)"', source)}
    used |= set(re.findall(r'"(redesign\.[a-z_]+)"', source))
    assert len(used) > 30 and not used - message_keys("en") and not used - message_keys("nl")


def test_a_hostile_label_stays_text(demo: Workspace, tooled: RedesignResult) -> None:
    f = tooled.functions[0]
    station = demo.workstations[f.tasks[0].workstation]
    bad = station.model_copy(update={"label": "<script>x</script> | #"})
    ws = Workspace(**{**vars(demo), "workstations": {**demo.workstations, station.id: bad}})
    html = render_function(tooled, f, ws, "html", lang="en", today=TODAY).decode()
    assert "<script>" not in html and "&lt;script&gt;" in html
    md = render_function(tooled, f, ws, "md", lang="en", today=TODAY).decode()
    assert "\\<script\\>" in md and "\\|" in md


def test_cli_writes_one_sheet_per_function_and_refuses_to_overwrite(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "sheets"
    args = ["redesign", "--workers", ",".join(WITH_TOOLS), "--format", "json", "--sheets", str(out)]
    assert main([*args, "--sheet-format", "html"]) == 0
    capsys.readouterr()
    written = sorted(p.name for p in out.iterdir())
    assert written == [f"function_{w}.html" for w in WITH_TOOLS]
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    assert main([*args, "--sheet-format", "html", "--lang", "nl"]) == 1
    assert "already exist" in capsys.readouterr().err
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before  # nothing written
    assert main([*args, "--sheet-format", "html", "--lang", "nl", "--force"]) == 0
    assert 'lang="nl"' in (out / "function_w-003.html").read_text(encoding="utf-8")


def test_cli_sheet_language_follows_the_workspace(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = tmp_path / "ws"
    shutil.copytree(demo_workspace(), root)
    settings = root / "werkpost.yaml"
    settings.write_text(settings.read_text(encoding="utf-8") + "lang: nl\n", encoding="utf-8")
    out = tmp_path / "out"
    assert main(["redesign", "--workspace", str(root), "--sheets", str(out), "--sheet-format", "md"]) == 0
    sheets = sorted(out.iterdir())
    assert len(sheets) >= 2
    assert all(s.read_text(encoding="utf-8").startswith("# Inclusief jobherontwerp") for s in sheets)
    assert "function_" in capsys.readouterr().err


def test_cli_refuses_a_file_as_the_sheet_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    blocker = tmp_path / "taken"
    blocker.write_text("x", encoding="utf-8")
    assert main(["redesign", "--sheets", str(blocker), "--out", str(tmp_path / "r.json")]) == 1
    assert "not a folder" in capsys.readouterr().err
    assert not (tmp_path / "r.json").exists()
