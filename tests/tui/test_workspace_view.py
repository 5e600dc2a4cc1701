"""Pilot tests of the workspace view: tables, search, problems panel, navigation."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import DataTable, Static

from tui.screens.match import MatchScreen
from tui.screens.worker import WorkerScreen
from tui.screens.workspace import WorkspaceScreen

from .conftest import AppFactory, settle


async def test_tables_list_every_worker_and_workstation(new_app: AppFactory) -> None:
    app = new_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, WorkspaceScreen)
        assert app.screen.query_one("#workers", DataTable).row_count == 18
        assert app.screen.query_one("#stations", DataTable).row_count == 12
        assert not app.screen.query_one("#problems").display


async def test_search_filters_both_tables(new_app: AppFactory) -> None:
    app = new_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("slash", *"hearing")
        await pilot.pause()
        workers = app.screen.query_one("#workers", DataTable)
        stations = app.screen.query_one("#stations", DataTable)
        assert 0 < workers.row_count < 18
        assert 0 < stations.row_count < 12
        await pilot.press("enter")
        assert app.screen.focused is workers


async def test_search_finds_every_demand_not_only_the_main_ones(new_app: AppFactory) -> None:
    # Found in review: "reading" found no workstation, though several demand it.
    app = new_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("slash", *"reading")
        await pilot.pause()
        assert app.screen.query_one("#stations", DataTable).row_count >= 5


async def test_a_broken_file_shows_in_the_problems_panel_and_the_rest_works(ws_copy: Path, new_app: AppFactory) -> None:
    (ws_copy / "workers" / "w-002.yaml").write_text("id: w-002\ncapacities:\n  lifting: 7\n", encoding="utf-8")
    (ws_copy / "workstations" / "ws-bad.yaml").write_text("id: [\n", encoding="utf-8")
    app = new_app(ws_copy)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        panel = app.screen.query_one("#problems")
        assert panel.display
        text = str(app.screen.query_one("#problems-text", Static).render())
        assert "w-002.yaml:3:12: capacities.lifting: must be at most 4" in text
        assert "ws-bad.yaml:" in text
        assert app.screen.query_one("#workers", DataTable).row_count == 17
        assert app.screen.query_one("#stations", DataTable).row_count == 12


async def test_enter_opens_the_worker_and_a_workstation_opens_the_match(new_app: AppFactory) -> None:
    app = new_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, WorkerScreen)
        assert app.screen.worker_id == "w-001"
        await pilot.press("escape")
        await pilot.press("tab", "down", "enter")
        await settle(pilot)
        assert isinstance(app.screen, MatchScreen)
        assert (app.screen.worker_id, app.screen.station_id) == ("w-001", "ws-cardboard-packaging")


async def test_brackets_in_names_are_text_not_markup(ws_copy: Path, new_app: AppFactory) -> None:
    """Regression: '[/]' in a label or a task name crashed the markup parser."""
    from tui.screens.dialogs import ChoiceDialog

    worker = ws_copy / "workers" / "w-001.yaml"
    worker.write_text(worker.read_text(encoding="utf-8").replace('"Operator A"', '"[/] Operator [b]A"'),
                      encoding="utf-8")
    station = ws_copy / "workstations" / "ws-lamp-assembly.yaml"
    station.write_text(station.read_text(encoding="utf-8").replace('"Pack kits in boxes"', '"Pack [/red] kits"'),
                       encoding="utf-8")
    app = new_app(ws_copy)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.screen.query_one("#workers", DataTable).get_row_at(0)[1].plain == "[/] Operator [b]A"
        await app.push_screen(MatchScreen("w-001", "ws-lamp-assembly"))
        await settle(pilot)
        assert "Pack [/red] kits" in str(app.screen.query_one("#detail", Static).render())
        await pilot.press("c", "right")
        await settle(pilot)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceDialog)
        app.notify("[Errno 13] Permission denied: '[/]'")
        await pilot.pause()
