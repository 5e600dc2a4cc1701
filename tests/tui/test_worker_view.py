"""Pilot tests of the worker view: edit levels and preferences, save and reload, the unsaved-changes guards."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import DataTable, Static

from engine.loader import load_workspace
from tui.screens.dialogs import ChoiceDialog
from tui.screens.worker import WorkerScreen
from tui.screens.workspace import WorkspaceScreen
from tui.widgets.levels import ProfileTable

from .conftest import AppFactory, open_first_worker, settle, until


async def test_edit_a_level_with_its_description_then_save_and_reload(ws_copy: Path, new_app: AppFactory) -> None:
    app = new_app(ws_copy)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")  # w-001
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, WorkerScreen)
        assert screen.query_one("#profile", ProfileTable).current_dimension == "lifting"
        await pilot.press("3")
        await settle(pilot)
        help_text = str(screen.query_one("#level-help", Static).render())
        assert "▶ 3" in help_text and "slightly limited" in help_text
        assert app.session.is_dirty("w-001")
        assert screen.query_one("#wranking", DataTable).row_count == 12
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not app.session.is_dirty("w-001")
    assert load_workspace(ws_copy).workers["w-001"].capacity("lifting") == 3
    again = new_app(ws_copy)
    assert again.session.worker("w-001").capacity("lifting") == 3


async def test_avoid_and_acceptance_from_the_keyboard(ws_copy: Path, new_app: AppFactory) -> None:
    app = new_app(ws_copy)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await settle(pilot)
        app.screen.query_one("#categories", DataTable).focus()
        await pilot.press("space", "down", "minus", "minus")  # avoid cobots; exoskeleton 0.5 -> 0.3
        await settle(pilot)
        worker = app.session.worker("w-001")
        assert worker.avoid_categories == ["cobot"]
        assert worker.acceptance["exoskeleton"] == 0.3


async def test_leaving_with_unsaved_changes_asks_and_discard_forgets(ws_copy: Path, new_app: AppFactory) -> None:
    app = new_app(ws_copy)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_first_worker(pilot)
        await pilot.press("0")
        await settle(pilot)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceDialog)
        await pilot.press("escape")  # cancel: stay, edits kept
        await pilot.pause()
        assert isinstance(app.screen, WorkerScreen) and app.session.is_dirty("w-001")
        await pilot.press("escape")
        await pilot.pause()
        await pilot.click("#discard")
        await pilot.pause()
        assert isinstance(app.screen, WorkspaceScreen)
        assert not app.session.is_dirty("w-001")
    assert load_workspace(ws_copy).workers["w-001"].capacity("lifting") == 1


async def test_quitting_with_unsaved_changes_can_save_all(ws_copy: Path, new_app: AppFactory) -> None:
    app = new_app(ws_copy)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_first_worker(pilot)
        await pilot.press("2")
        await settle(pilot)
        await pilot.press("q")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceDialog)
        await pilot.press("enter")  # "Save all" has the focus
        await pilot.pause()
    assert app.return_code == 0
    assert load_workspace(ws_copy).workers["w-001"].capacity("lifting") == 2


async def test_new_worker_from_a_blank_profile(ws_copy: Path, new_app: AppFactory) -> None:
    app = new_app(ws_copy)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, WorkerScreen) and screen.worker_id == "w-019"
        await pilot.press("l", *"Trainee", "enter", "down", "1", "ctrl+s")
        await settle(pilot)
    saved = load_workspace(ws_copy).workers["w-019"]
    assert saved.label == "Trainee" and saved.capacities == {"carrying": 1}


async def test_the_bundled_demo_refuses_to_save_with_a_clear_message(new_app: AppFactory) -> None:
    app = new_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_first_worker(pilot)
        await pilot.press("2", "ctrl+s")
        await pilot.pause()
        assert app.session.is_dirty("w-001")
        assert await until(pilot, lambda: any("read-only" in str(n.message) and n.severity == "error" for n in app._notifications))


async def test_a_new_worker_never_takes_the_name_of_a_broken_file(ws_copy: Path, new_app: AppFactory) -> None:
    (ws_copy / "workers" / "w-019.yaml").write_text("id: [\n", encoding="utf-8")
    app = new_app(ws_copy)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.screen, WorkerScreen) and app.screen.worker_id == "w-020"
