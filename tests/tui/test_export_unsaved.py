"""Pilot tests of issue 13 point 5 in the TUI: export with unsaved changes, the CLI's file names, writes that say where."""

from __future__ import annotations

import datetime
from pathlib import Path

from textual.widgets import Button, Input, Select

from engine.loader import load_workspace
from engine.recommend import recommend
from sheets import render_sheet, sheet_stem
from sheets.batch import placements, write_all
from tui.screens.dialogs import ChoiceDialog
from tui.screens.export import ExportDialog
from tui.screens.match import MatchScreen

from .conftest import AppFactory, export_dialog, settle, until


async def _dirty_match(pilot: object, app: object, worker: str = "w-001") -> MatchScreen:
    from textual.pilot import Pilot

    from tui.app import WerkpostApp

    assert isinstance(pilot, Pilot) and isinstance(app, WerkpostApp)
    screen = MatchScreen(worker, "ws-palletising")
    await app.push_screen(screen)
    await settle(pilot)
    await pilot.press("c", "4")  # the chart's first gap (lifting 1) to 4: a draft
    await settle(pilot)
    assert app.session.is_dirty(worker)
    return screen


def buttons(app: object) -> list[str]:
    from tui.app import WerkpostApp

    assert isinstance(app, WerkpostApp)
    return [str(b.id) for b in app.screen.query(Button)]


async def test_export_with_unsaved_changes_asks_and_can_export_the_saved_profile(
        ws_copy: Path, new_app: AppFactory) -> None:
    app = new_app(ws_copy)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _dirty_match(pilot, app)
        draft_tools = screen.rec.setups[0].setup.tools if screen.rec and screen.rec.setups else ()
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceDialog)
        assert buttons(app) == ["save", "saved", "cancel"]
        assert "not saved" in app.screen.message
        await pilot.press("tab", "enter")  # export the saved profile
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ExportDialog)
        dialog.query_one("#format", Select).value = "md"
        await pilot.pause()
        path = Path(dialog.query_one("#path", Input).value)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert await until(pilot, lambda: any(str(path.absolute()) in str(n.message) for n in app._notifications))
        assert isinstance(app.screen, MatchScreen)
        assert app.session.is_dirty("w-001")  # nothing was saved
    ws = load_workspace(ws_copy)
    saved = recommend(ws.catalog, ws.workers["w-001"], ws.workstations["ws-palletising"], terms=ws.terms(),
                      weeks_per_year=ws.settings.weeks_per_year)
    assert ws.workers["w-001"].capacities["lifting"] == 1
    chosen = next((i for i, v in enumerate(saved.setups) if v.setup.tools == draft_tools), 0)
    expected = render_sheet(saved, ws.catalog, "md", lang="en", today=datetime.date.today(), chosen=chosen)
    assert path.read_bytes() == expected
    assert any(str(path.absolute()) in str(n.message) for n in app._notifications)


async def test_save_first_saves_then_exports_and_says_where(ws_copy: Path, new_app: AppFactory) -> None:
    app = new_app(ws_copy)
    async with app.run_test(size=(80, 24)) as pilot:
        await _dirty_match(pilot, app)
        await pilot.press("e")
        await pilot.pause()
        await pilot.press("enter")  # save first (the first button has the focus)
        await pilot.pause()
        assert not app.session.is_dirty("w-001")
        said = [str(n.message) for n in app._notifications]
        dialog = app.screen
        assert isinstance(dialog, ExportDialog)
        path = Path(dialog.query_one("#path", Input).value)
        await pilot.press("ctrl+s")
        await settle(pilot)
        await until(pilot, lambda: any(str(path.absolute()) in str(n.message) for n in app._notifications))
        messages = [str(n.message) for n in app._notifications]
    worker_file = ws_copy / "workers" / "w-001.yaml"
    assert load_workspace(ws_copy).workers["w-001"].capacities.get("lifting", 4) == 4
    assert any(f"Saved to {worker_file.resolve()}; now exporting." == m for m in said), said
    assert path.is_file() and path.read_bytes().startswith(b"%PDF")
    assert any(str(path.absolute()) in m for m in messages)


async def test_cancel_writes_nothing_and_a_new_worker_must_be_saved_first(ws_copy: Path, new_app: AppFactory) -> None:
    app = new_app(ws_copy)
    async with app.run_test(size=(80, 24)) as pilot:
        await _dirty_match(pilot, app)
        await pilot.press("e")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, MatchScreen) and app.session.is_dirty("w-001")
        new = app.session.new_worker()
        await app.push_screen(MatchScreen(new.id, "ws-palletising"))
        await settle(pilot)
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceDialog)
        assert buttons(app) == ["save", "cancel"]  # no saved profile to export
    assert not (ws_copy / "sheets").exists()


async def test_the_export_proposes_the_file_name_of_sheet_all(ws_copy: Path, new_app: AppFactory, tmp_path: Path) -> None:
    ws = load_workspace(ws_copy)
    names = {p.name for p in write_all(ws, tmp_path / "all", "md")}
    station = next(p.station.id for p in placements(ws) if p.worker.id == "w-003")
    app = new_app(ws_copy)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.push_screen(MatchScreen("w-003", station))
        await settle(pilot)
        dialog = await export_dialog(pilot, "md")
        proposed = Path(dialog.query_one("#path", Input).value)
    # `sheet --all` wrote w-003's sheet under exactly the name the TUI proposes.
    assert proposed.parent == ws_copy / "sheets"
    assert proposed.name == sheet_stem("w-003", station) + ".md" == f"w-003_{station}.md"
    assert proposed.name in names
