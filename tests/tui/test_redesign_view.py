"""Pilot tests of the job design view: `j` from the workspace, the worker with its progress, the functions,
Enter to the candidate's match, `e` to a function sheet, the help and the Dutch labels."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pypdf
from textual.pilot import Pilot
from textual.widgets import DataTable, Input, ProgressBar, Select

from engine.redesign import redesign
from tests.i18n.test_no_english_in_dutch import english, found, screen_text
from tui.screens.export import ExportDialog
from tui.screens.help import HelpScreen
from tui.screens.match import MatchScreen
from tui.screens.redesign import RedesignScreen, main_source
from tui.screens.workspace import WorkspaceScreen

from .conftest import AppFactory, settle, until

SIZE = (80, 24)
"""The smallest terminal the app supports; the wide layout is in the snapshots."""


async def open_redesign(pilot: Pilot[Any]) -> RedesignScreen:
    await settle(pilot)
    assert isinstance(pilot.app.screen, WorkspaceScreen)
    await pilot.press("j")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, RedesignScreen)
    return screen


async def test_j_runs_the_redesign_and_lists_the_functions(new_app: AppFactory) -> None:
    app = new_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()  # the first frame: the footer builds its keys once the bindings settle
        assert "Job design" in screen_text(app)  # in the workspace footer
        screen = await open_redesign(pilot)
        result = screen.result
        assert result is not None
        # The same answer as the engine on the same workspace (the demo's candidates: w-013, w-015).
        expected = redesign(app.session.workspace)
        assert [f.worker for f in result.functions] == [f.worker for f in expected.functions] == ["w-013", "w-015"]
        assert result.net_yearly_benefit_cents == expected.net_yearly_benefit_cents
        table = screen.query_one("#functions", DataTable)
        assert table.row_count == 2
        first = [str(c) for c in table.get_row_at(0)]
        assert first[0] == "w-013 · Operator M" and first[1] == "14.3" and first[2] == "€11,394"
        assert "Office administration" in first[4]
        bar = screen.query_one("#redesign-progress", ProgressBar)
        assert bar.total == 5 and bar.progress == 5
        status = screen_text(app)
        assert "2 new functions" in status and "32.8 h a week moved" in status and "the best possible" in status


async def test_enter_opens_the_candidates_match_at_the_main_source(new_app: AppFactory) -> None:
    app = new_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_redesign(pilot)
        assert screen.result is not None
        f = screen.result.functions[1]
        await pilot.press("down", "enter")
        await settle(pilot)
        match = app.screen
        assert isinstance(match, MatchScreen)
        # w-015's function: 9.5 h from the cable assembly, 9.0 h from the lamp kits.
        assert (match.worker_id, match.station_id) == (f.worker, main_source(f)) == ("w-015", "ws-cable-assembly")
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is screen


async def test_e_exports_the_selected_functions_sheet(ws_copy: Path, new_app: AppFactory) -> None:
    app = new_app(ws_copy)
    async with app.run_test(size=SIZE) as pilot:
        await open_redesign(pilot)
        await pilot.press("down", "e")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ExportDialog)
        out = ws_copy / "sheets" / "function_w-015.pdf"
        assert dialog.query_one("#path", Input).value == str(out)
        dialog.query_one("#lang", Select).value = "nl"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, RedesignScreen)
    text = " ".join(page.extract_text() for page in pypdf.PdfReader(out).pages)
    assert "functiebeschrijving" in text and "w-015" in text and "Businesscase" in text


async def test_export_before_a_result_warns(new_app: AppFactory) -> None:
    app = new_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await app.push_screen(RedesignScreen())
        screen = app.screen
        assert isinstance(screen, RedesignScreen)
        screen.workers.cancel_group(screen, "redesign")
        screen.result = None
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, RedesignScreen)
        assert await until(pilot, lambda: any("No new function to export" in n.message for n in app._notifications))


async def test_the_help_lists_the_job_design_keys(new_app: AppFactory) -> None:
    app = new_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        rows = [[str(c) for c in app.screen.query_one(DataTable).get_row_at(i)]
                for i in range(app.screen.query_one(DataTable).row_count)]
        assert ["", "j", "Job design"] in rows
        at = rows.index(next(r for r in rows if r[0] == "Job design"))
        assert rows[at][1:] == ["esc", "Back"] and ["", "e", "Function sheet"] in rows[at:]


async def test_the_dutch_view_shows_no_english(new_app: AppFactory) -> None:
    app = new_app(lang="nl")
    async with app.run_test(size=SIZE) as pilot:
        await open_redesign(pilot)
        shown = screen_text(app)
    assert "Jobherontwerp" in shown and "2 nieuwe functies" in shown
    assert not found(english("redesign"), shown)
    assert not found(english("tui"), shown)
