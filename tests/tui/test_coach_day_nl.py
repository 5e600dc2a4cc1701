"""The coach's day in Dutch, end to end: init, a new workstation, a new worker, the match, the sheet.

`werkpost init DIR` makes the workspace; the TUI opens on it in Dutch; the
coach makes a workstation with two tasks (t, n), a worker with some
capacities (n), matches them from the worker's ranking and exports the
sheet. Every file written must be valid, and no English message of the UI
may appear on any screen or notification on the way.
"""

from __future__ import annotations

import re
from pathlib import Path

import pypdf
import pytest
from textual.pilot import Pilot
from textual.widgets import Input, SelectionList

from cli.main import main
from engine.checkfiles import check_paths
from engine.loader import Catalog, load_workspace
from tests.i18n.test_no_english_in_dutch import english, found, screen_text
from tests.tui.conftest import settle
from tui.app import WerkpostApp, make_app
from tui.screens.export import ExportDialog
from tui.screens.match import MatchScreen
from tui.screens.worker import WorkerScreen
from tui.screens.workspace import WorkspaceScreen
from tui.screens.workstation_editor import WorkstationEditor
from tui.screens.workstations import WorkstationsScreen
from tui.widgets.levels import ProfileTable
from tui.widgets.ranking import StationRanking
from tui.widgets.tasks import DemandTable, TaskTable


class Walk:
    """What the coach saw: the text of each screen visited, and every notification."""

    def __init__(self, app: WerkpostApp, pilot: Pilot[None]) -> None:
        self.app, self.pilot = app, pilot
        self.shown: dict[str, str] = {}
        self.notes: dict[str, None] = {}
        """Every notification seen on the way (they expire, so they are collected at each look)."""

    async def look(self, name: str, screen_type: type) -> None:
        await settle(self.pilot)
        assert isinstance(self.app.screen, screen_type), (name, self.app.screen)
        self.shown[name] = screen_text(self.app)
        self.notes.update((f"{n.title}: {n.message}", None) for n in self.app._notifications)

    def notifications(self) -> str:
        return "\n".join(self.notes)


async def make_workstation(walk: Walk) -> None:
    app, pilot = walk.app, walk.pilot
    await pilot.press("t")
    await walk.look("werkposten", WorkstationsScreen)
    await pilot.press("n")
    await walk.look("nieuwe werkpost", WorkstationEditor)
    editor = app.screen
    assert isinstance(editor, WorkstationEditor)
    for field, value in (("id", "ws-fietsen"), ("label", "Fietsherstelling"), ("department", "werkplaats"),
                         ("hours", "30"), ("wage", "24,5")):
        editor.query_one(f"#ws-{field}", Input).value = value
    editor.query_one("#ws-features", SelectionList).select("fixed_bench")
    tasks = editor.query_one("#tasks", TaskTable)
    tasks.focus()
    await pilot.press("r")
    editor.query_one("#task-name", Input).value = "Fietsen herstellen"
    await pilot.press("enter", "c")  # back to the tasks; a core task
    for _ in range(8):  # 100 % -> 60 %
        await pilot.press("minus")
    await pilot.press("a")  # the second task takes the 40 % left
    editor.query_one("#task-name", Input).value = "Onderdelen uit het magazijn halen"
    await pilot.press("enter")
    editor.query_one("#task-tags", SelectionList).select("transport")
    editor.query_one("#task-hazards", SelectionList).select("forklift_traffic")
    demands = editor.query_one("#demands", DemandTable)
    demands.focus()
    for dimension, level in (("lifting", "3"), ("walking", "2")):
        demands.move_cursor(row=demands.get_row_index(dimension))
        await pilot.press(level)
    tasks.focus()
    tasks.move_cursor(row=0)
    await pilot.pause()
    demands.move_cursor(row=demands.get_row_index("fine_motor"))
    await pilot.press("enter")  # enter on a task goes to its demands
    await pilot.press("3")
    await walk.look("werkpost bewerkt", WorkstationEditor)
    await pilot.press("ctrl+s")
    await walk.look("werkpost opgeslagen", WorkstationEditor)
    assert not editor.dirty
    await pilot.press("escape")
    await walk.look("werkposten na opslaan", WorkstationsScreen)
    await pilot.press("escape")
    await walk.look("werkruimte", WorkspaceScreen)


async def make_worker_match_and_export(walk: Walk) -> Path:
    app, pilot = walk.app, walk.pilot
    await pilot.press("n")
    for _ in range(200):
        await pilot.pause()
        if isinstance(app.screen, WorkerScreen) and isinstance(app.focused, ProfileTable):
            break
    await walk.look("nieuwe werknemer", WorkerScreen)
    profile = app.screen.query_one("#profile", ProfileTable)
    for dimension, level in (("lifting", "1"), ("walking", "2"), ("reading", "2")):
        profile.move_cursor(row=profile.get_row_index(dimension))
        await pilot.press(level)
    await pilot.press("ctrl+s")
    await walk.look("werknemer opgeslagen", WorkerScreen)
    ranking = app.screen.query_one("#wranking", StationRanking)
    ranking.focus()
    ranking.move_cursor(row=ranking.get_row_index("ws-fietsen"))
    await pilot.press("enter")
    await walk.look("match", MatchScreen)
    await pilot.press("e")
    await walk.look("fiche exporteren", ExportDialog)
    path = Path(app.screen.query_one("#path", Input).value)
    await pilot.press("ctrl+s")
    await walk.look("match na export", MatchScreen)
    return path


async def test_the_coachs_day_in_dutch(tmp_path: Path, catalog: Catalog, capsys: pytest.CaptureFixture[str]) -> None:
    root = tmp_path / "fietsatelier"
    assert main(["init", str(root)]) == 0
    capsys.readouterr()
    app = make_app(root, lang="nl", blink=False, catalog=catalog)
    async with app.run_test(size=(120, 40)) as pilot:
        walk = Walk(app, pilot)
        await walk.look("start", WorkspaceScreen)
        await make_workstation(walk)
        sheet = await make_worker_match_and_export(walk)
        walk.shown["meldingen"] = walk.notifications()

    # The files exist and are what `werkpost validate` accepts.
    station_file = root / "workstations" / "ws-fietsen.yaml"
    worker_file = root / "workers" / "w-002.yaml"
    assert station_file.is_file() and worker_file.is_file() and sheet.is_file()
    summary, problems = check_paths([root, station_file, worker_file])
    assert problems == [] and f"{root}: workspace ok: 2 workers, 2 workstations" in str(summary[0])
    ws = load_workspace(root)
    station = ws.workstations["ws-fietsen"]
    assert (station.label, station.department, station.hours_per_week, station.wage_eur_per_hour) == (
        "Fietsherstelling", "werkplaats", 30, 24.5)
    assert station.features == ["fixed_bench"]
    repair, fetch = station.tasks
    assert (repair.name, repair.core, repair.demands) == ("Fietsen herstellen", True, {"fine_motor": 3})
    assert (fetch.name, fetch.tags, fetch.hazards) == ("Onderdelen uit het magazijn halen", {"transport"},
                                                       ["forklift_traffic"])
    assert fetch.demands == {"lifting": 3, "walking": 2}
    assert [round(s, 2) for s in station.shares()] == [0.6, 0.4]
    worker = ws.workers["w-002"]
    assert worker.capacities == {"lifting": 1, "walking": 2, "reading": 2}
    assert sheet == root / "sheets" / "w-002_ws-fietsen.pdf"
    pdf = "".join(page.extract_text() for page in pypdf.PdfReader(sheet).pages)
    assert "Fietsherstelling" in pdf and "Werknemer" in pdf

    # Every screen of the walk, and every notification, in Dutch only.
    assert set(walk.shown) >= {"nieuwe werkpost", "werkpost bewerkt", "nieuwe werknemer", "match",
                               "fiche exporteren"}
    texts = english("tui")
    assert {"No problems", "New workstation", "Remove task"} <= set(texts)  # the editor's own are looked for too
    # The records' own words are data, not messages: `werkpost init`'s example is labelled "Example worker"
    # (its files are English), and a coach may write a label in any language. They are taken out first.
    data = sorted({text for record in [*ws.workers.values(), *ws.workstations.values()]
                   for text in (record.label, *(t.name for t in getattr(record, "tasks", [])))}, key=len, reverse=True)
    for name, shown in walk.shown.items():
        for text in data:
            shown = shown.replace(text, "")
        shown = re.sub(r"\S*/\S*", "", shown)  # paths: the folders are called workers/ and workstations/
        assert not found(texts, shown), (name, found(texts, shown))
    notes = walk.shown["meldingen"]
    assert f"Opgeslagen in {station_file}" in notes and f"Opgeslagen in {worker_file}" in notes
    assert f"Geëxporteerd naar: {sheet}" in notes
