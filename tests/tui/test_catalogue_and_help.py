"""Pilot tests of the catalogue view, the help screen, the command palette and the language switch."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import DataTable, Select, Static

from engine.persist import load_settings
from tui.screens.catalog import CatalogueScreen
from tui.screens.help import HelpScreen
from tui.screens.worker import WorkerScreen

from .conftest import AppFactory, settle


async def test_catalogue_filters_by_category_and_dimension(new_app: AppFactory) -> None:
    app = new_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("c")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, CatalogueScreen)
        tools = screen.query_one("#tools", DataTable)
        catalog = app.session.workspace.catalog
        assert tools.row_count == len(catalog.tools)
        await pilot.press("k", "enter", "down", "enter")  # the first category: cobots
        await pilot.pause()
        cobots = [t for t in catalog.tools.values() if t.category == "cobot"]
        assert screen.query_one("#category", Select).value == "cobot"
        assert tools.row_count == len(cobots)
        screen.query_one("#category", Select).value = ""
        screen.query_one("#dimension", Select).value = "hearing_speech"
        await pilot.pause()
        helping = [t for t in catalog.tools.values() if any(e.dimension == "hearing_speech" for e in t.effects)]
        assert tools.row_count == len(helping) > 0
        detail = str(screen.query_one("#tool-detail", Static).render())
        assert "Hearing speech" in detail and "https://" in detail


async def test_help_lists_the_bindings_of_every_view(new_app: AppFactory) -> None:
    app = new_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        table = app.screen.query_one("#help-table", DataTable)
        rows = [tuple(str(c) for c in table.get_row_at(i)) for i in range(table.row_count)]
        actions = {r[2] for r in rows}
        for expected in ("Quit", "Help", "Language", "Search", "Save", "Budget", "Sheet", "Run", "Higher level"):
            assert expected in actions
        assert any(r[1] == "0, 1, 2, 3, 4" for r in rows)
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)


async def test_the_language_switch_relabels_and_is_remembered(ws_copy: Path, new_app: AppFactory) -> None:
    app = new_app(ws_copy)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("f2")
        await settle(pilot)
        assert app.session.lang == "nl"
        assert isinstance(app.screen, WorkerScreen)
        assert "Profiel" in str(app.screen.query_one("#profile-title").render())
        assert app.screen.query_one("#profile", DataTable).get_row_at(0)[1].plain == "Tillen"
    assert load_settings(ws_copy)[0].lang == "nl"
    assert new_app(ws_copy).session.lang == "nl"


async def test_the_command_palette_opens_a_worker(new_app: AppFactory) -> None:
    app = new_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"w-017")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, WorkerScreen) and app.screen.worker_id == "w-017"
