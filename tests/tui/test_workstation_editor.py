"""Pilot tests of the task-analysis editor: edit and save, new workstations, problems shown, the unsaved guard."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, SelectionList, Static

from engine.checkfiles import check_paths
from engine.loader import load_workspace
from tui.app import WerkpostApp
from tui.screens.dialogs import ChoiceDialog
from tui.screens.workspace import WorkspaceScreen
from tui.screens.workstation_editor import WorkstationEditor
from tui.screens.workstations import WorkstationsScreen
from tui.widgets.tasks import DemandTable, TaskTable

from .conftest import AppFactory, settle, until


async def open_editor(app: WerkpostApp, pilot: object, station: str | None) -> WorkstationEditor:
    """From the workspace: t, then enter on `station` (or n for a new one)."""
    from textual.pilot import Pilot

    assert isinstance(pilot, Pilot)
    await settle(pilot)
    await pilot.press("t")
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, WorkstationsScreen)
    if station is None:
        await pilot.press("n")
    else:
        table = screen.query_one("#stations-list")
        assert hasattr(table, "get_row_index")
        table.move_cursor(row=table.get_row_index(station))
        await pilot.press("enter")
    await pilot.pause()
    editor = app.screen
    assert isinstance(editor, WorkstationEditor)
    return editor


def problems_shown(editor: WorkstationEditor) -> str:
    return str(editor.query_one("#ws-problems", Static).render())


async def test_edit_tasks_shares_tags_demands_and_save(ws_copy: Path, new_app: AppFactory) -> None:
    app = new_app(ws_copy, lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        editor = await open_editor(app, pilot, "ws-kitchen")
        before = [t.name for t in editor.draft.tasks]
        assert round(editor.draft.assigned()) == 100 and not editor.dirty
        editor.query_one("#ws-label", Input).value = "Kitchen, lunch service"
        editor.query_one("#ws-wage", Input).value = "23,5"
        tasks = editor.query_one("#tasks", TaskTable)
        tasks.focus()
        tasks.move_cursor(row=0)
        await pilot.press("minus", "minus")  # 10 points less for the first task
        await pilot.pause()
        assert "10% of the time left" in str(editor.query_one("#tasks-title").render())
        await pilot.press("a")  # a new task after the first takes what is left
        await pilot.pause()
        assert editor.draft.tasks[1].percent == 10 and editor.draft.tasks[1].name == f"Task {len(before) + 1}"
        name = editor.query_one("#task-name", Input)
        assert app.focused is name
        name.value = "Fill the dishwasher"
        await pilot.press("enter")  # back to the tasks
        await pilot.press("c")  # core
        demands = editor.query_one("#demands", DemandTable)
        demands.focus()
        demands.move_cursor(row=demands.get_row_index("lifting"))
        await pilot.press("3")
        await pilot.pause()
        assert "▶ 3" in str(editor.query_one("#demand-help", Static).render())  # the level's meaning beside it
        editor.query_one("#task-tags", SelectionList).select("kitchen")
        editor.query_one("#task-hazards", SelectionList).select("hot_surfaces")
        await pilot.pause()
        assert problems_shown(editor) == "" and editor.dirty
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not editor.dirty
    path = ws_copy / "workstations" / "ws-kitchen.yaml"
    kitchen = load_workspace(ws_copy).workstations["ws-kitchen"]
    assert kitchen.label == "Kitchen, lunch service" and kitchen.wage_eur_per_hour == 23.5
    assert [t.name for t in kitchen.tasks] == [before[0], "Fill the dishwasher", *before[1:]]
    added = kitchen.tasks[1]
    assert added.core and added.demands == {"lifting": 3} and added.tags == {"kitchen"}
    assert added.hazards == ["hot_surfaces"] and round(kitchen.shares()[1], 4) == 0.1
    assert check_paths([path])[1] == []


async def test_a_new_workstation_is_saved_to_its_own_private_file(ws_copy: Path, new_app: AppFactory) -> None:
    app = new_app(ws_copy, lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        editor = await open_editor(app, pilot, None)
        assert app.focused is editor.query_one("#ws-id", Input) and editor.draft.id == "ws-new"
        editor.query_one("#ws-id", Input).value = "ws-kitchen"  # taken
        await pilot.pause()
        assert "Another workstation has the id ws-kitchen" in problems_shown(editor)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not (ws_copy / "workstations" / "ws-new.yaml").exists()
        editor.query_one("#ws-id", Input).value = "ws-bakery"
        editor.query_one("#ws-features", SelectionList).select("power")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await settle(pilot)
        await pilot.press("escape", "escape")  # out of the field, then out: saved, so no question
        await pilot.pause()
        assert isinstance(app.screen, WorkstationsScreen)
        assert "ws-bakery" in [str(k.value) for k in app.screen.query_one("#stations-list").rows]  # type: ignore[attr-defined]
    path = ws_copy / "workstations" / "ws-bakery.yaml"
    assert path.stat().st_mode & 0o777 == 0o600
    bakery = load_workspace(ws_copy).workstations["ws-bakery"]
    assert bakery.features == ["power"] and [t.name for t in bakery.tasks] == ["Task 1"]


async def test_problems_are_shown_not_raised_and_nothing_is_saved(ws_copy: Path, new_app: AppFactory) -> None:
    path = ws_copy / "workstations" / "ws-kitchen.yaml"
    before = path.read_bytes()
    app = new_app(ws_copy, lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        editor = await open_editor(app, pilot, "ws-kitchen")
        editor.query_one("#ws-hours", Input).value = "lots"
        editor.query_one("#task-share", Input).value = "120"  # out of range: the share stays
        await pilot.pause()
        assert "hours_per_week" in problems_shown(editor)
        tasks = editor.query_one("#tasks", TaskTable)
        tasks.focus()
        await pilot.press("plus")
        await pilot.pause()
        assert "must make 100 %" in problems_shown(editor)
        assert "too much" in str(editor.query_one("#tasks-title").render())
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert await until(pilot, lambda: any(n.severity == "error" for n in app._notifications))
        assert isinstance(app.screen, WorkstationEditor)
    assert path.read_bytes() == before


async def test_leaving_with_unsaved_changes_asks_first(ws_copy: Path, new_app: AppFactory) -> None:
    path = ws_copy / "workstations" / "ws-kitchen.yaml"
    before = path.read_bytes()
    app = new_app(ws_copy, lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        editor = await open_editor(app, pilot, "ws-kitchen")
        editor.query_one("#tasks", TaskTable).focus()
        await pilot.press("x")  # remove a task
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceDialog)
        await pilot.press("escape")  # cancel: stay, the edit kept
        await pilot.pause()
        assert app.screen is editor and editor.dirty
        await pilot.press("escape")
        await pilot.pause()
        await pilot.click("#discard")
        await pilot.pause()
        assert isinstance(app.screen, WorkstationsScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, WorkspaceScreen)
    assert path.read_bytes() == before


async def test_the_bundled_demo_refuses_to_save_with_a_message(new_app: AppFactory) -> None:
    app = new_app(lang="nl")
    async with app.run_test(size=(80, 24)) as pilot:
        editor = await open_editor(app, pilot, "ws-kitchen")
        editor.query_one("#ws-label", Input).value = "Keuken"
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert await until(pilot, lambda: any(n.severity == "error" and "read-only" in n.message for n in app._notifications))
        assert editor.dirty


async def test_language_switch_relabels_the_editor_and_quit_asks_first(ws_copy: Path, new_app: AppFactory) -> None:
    app = new_app(ws_copy, lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        editor = await open_editor(app, pilot, "ws-kitchen")
        assert "Demands of this task" in str(editor.query_one("#demands-title").render())
        await pilot.press("f2")
        await settle(pilot)
        assert "Eisen van deze taak" in str(editor.query_one("#demands-title").render())
        assert "Geen problemen" in str(editor.query_one("#problems-title").render())
        assert not editor.dirty  # relabelling is not an edit
        editor.query_one("#tasks", TaskTable).focus()
        await pilot.press("c", "q")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceDialog)  # the workstation's unsaved change, not a silent quit
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is editor and app.is_running
