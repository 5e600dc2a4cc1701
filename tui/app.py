"""Provides the werkpost Textual app and `make_app`, the factory shared by the CLI and the tests.

The app is also the one place that knows every screen: screens ask it to
open another view (`open_worker`, `open_match`) instead of importing each
other.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any, ClassVar

from rich.text import Text
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.notifications import SeverityLevel
from textual.screen import Screen

from engine.errors import WerkpostError
from engine.loader import Catalog, load_workspace
from engine.models import LANGS, Lang
from engine.persist import load_settings
from i18n import LANG_NAMES
from tui.commands import WerkpostCommands
from tui.host import WerkpostHost
from tui.screens.base import WerkpostScreen
from tui.screens.batch import BatchScreen
from tui.screens.catalog import CatalogueScreen
from tui.screens.dialogs import ChoiceDialog
from tui.screens.export import ExportDialog
from tui.screens.help import HelpScreen, View
from tui.screens.match import MatchScreen
from tui.screens.redesign import RedesignScreen
from tui.screens.worker import CategoryTable, WorkerScreen
from tui.screens.workspace import WorkspaceScreen
from tui.screens.workstation_editor import WorkstationEditor
from tui.screens.workstations import WorkstationsScreen
from tui.session import Session
from tui.widgets.levels import LevelTable
from tui.widgets.tasks import TaskTable


class WerkpostApp(WerkpostHost):
    """The job coach's terminal UI: workspace, worker, match, catalogue and batch views."""

    CSS_PATH = "app.tcss"
    TITLE = "werkpost"
    COMMANDS = App.COMMANDS | {WerkpostCommands}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "quit", "tui.quit"),
        Binding("question_mark,f1", "help", "tui.help"),
        Binding("f2", "toggle_lang", "tui.language"),
    ]

    def __init__(self, session: Session, *, blink: bool = True) -> None:
        super().__init__()
        self.session = session
        self.blink = blink
        """Whether text cursors blink (off in tests, for stable snapshots)."""

    def on_mount(self) -> None:
        """Open on the workspace view."""
        self.push_screen(WorkspaceScreen())

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        """Textual's commands, without its keys panel: it shows binding keys untranslated; f1 is ours."""
        for command in super().get_system_commands(screen):
            if command.title != "Keys":
                yield command

    def notify(
        self, message: str, *, title: str = "", severity: SeverityLevel = "information",
        timeout: float | None = None, markup: bool = False,
    ) -> None:
        """A notification, always as plain text.

        Messages carry paths, ids and error texts such as "[Errno 13]"; read
        as markup they would be mangled or raise, so markup is never applied.
        """
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=False)

    def views(self) -> list[View]:
        """Each view with the classes whose key bindings apply there (for the help)."""
        return [
            ("tui.everywhere", [WerkpostApp]),
            ("tui.workspace", [WorkspaceScreen]),
            ("tui.worker", [WorkerScreen, LevelTable, CategoryTable]),
            ("tui.match", [MatchScreen, LevelTable]),
            ("tui.catalogue", [CatalogueScreen]),
            ("tui.batch_match", [BatchScreen]),
            ("tui.workstations", [WorkstationsScreen, WorkstationEditor, TaskTable, LevelTable]),
            ("tui.job_design", [RedesignScreen]),
            ("tui.dialogs", [ExportDialog, ChoiceDialog]),
        ]

    def action_help(self) -> None:
        """Show every key binding."""
        self.push_screen(HelpScreen(self.views()))

    def action_toggle_lang(self) -> None:
        """Switch between English and Dutch and remember it in the workspace settings."""
        lang: Lang = LANGS[(LANGS.index(self.session.lang) + 1) % len(LANGS)]
        where = ""
        try:
            where = "\n" + self.t("tui2.language_saved", path=self.session.set_lang(lang))
        except WerkpostError as exc:
            self.notify(str(exc), title=self.t("tui.language"), severity="error")
        for screen in self.screen_stack:
            if isinstance(screen, WerkpostScreen):
                screen.relabel()
        # Every write says where it went: the language is remembered in a settings file.
        self.notify(LANG_NAMES[lang] + where, title=self.t("tui.language"))

    async def action_home(self) -> None:
        """One step back towards the workspace view, through the unsaved-changes guard."""
        if len(self.screen_stack) > 2:
            await self.screen.run_action("back")

    def open_worker(self, worker_id: str) -> None:
        """Open a worker's profile over the current view."""
        self.push_screen(WorkerScreen(worker_id))

    def open_match(self, worker_id: str, station_id: str) -> None:
        """Open the match of a worker with a workstation over the current view."""
        self.push_screen(MatchScreen(worker_id, station_id))

    def action_new_worker(self) -> None:
        """Start a new worker from a blank profile."""
        self.open_worker(self.session.new_worker().id)

    def action_catalogue(self) -> None:
        """Open the tool catalogue."""
        self.push_screen(CatalogueScreen())

    def action_batch(self) -> None:
        """Open the batch match."""
        self.push_screen(BatchScreen())

    def action_workstations(self) -> None:
        """Open the list of workstations (their task analysis)."""
        self.push_screen(WorkstationsScreen())

    def action_redesign(self) -> None:
        """Open inclusive job design."""
        self.push_screen(RedesignScreen())

    async def action_quit(self) -> None:
        """Quit; ask first when workers have unsaved changes."""
        dirty = self.session.dirty_ids()
        if not dirty:
            self.exit()
            return
        message = self.t("tui.quit_question", workers=", ".join(dirty))
        choices = [("save", self.t("tui.save_all"), "primary"),
                   ("discard", self.t("tui.quit_without_saving"), "error"),
                   ("cancel", self.t("tui.cancel"), "default")]
        self.push_screen(ChoiceDialog(self.t("tui.unsaved_changes"), message, choices), self._quit_choice)

    def _quit_choice(self, choice: str | None) -> None:
        if choice == "save":
            paths: list[str] = []
            for worker_id in self.session.dirty_ids():
                try:
                    paths.append(str(self.session.save(worker_id)))
                except WerkpostError as exc:
                    self.notify(str(exc), title=self.t("tui.cannot_save"), severity="error", timeout=10)
                    return
            # The screen is gone once the app exits: where the files went is printed in the terminal.
            self.exit(message=Text("\n".join(f"{self.t('tui.saved_to')} {p}" for p in paths)))
        elif choice == "discard":
            self.exit()


def make_app(workspace: Path | None = None, *, lang: str | None = None, blink: bool = True,
             catalog: Catalog | None = None) -> WerkpostApp:
    """The app on `workspace` (the bundled demo when None).

    Broken worker or workstation files do not stop the app: they are listed in
    the problems panel. A broken catalogue raises InputError (nothing can be
    matched without it). `lang` overrides the remembered language without
    saving it. `catalog` is an already loaded catalogue (the tests share one).
    """
    ws = load_workspace(workspace, strict=False, catalog=catalog)
    settings, problems = load_settings(ws.root)
    ws.problems = sorted([*ws.problems, *problems])
    if lang is not None:
        if lang not in LANGS:
            raise ValueError(f"unknown language {lang!r}: use one of {', '.join(LANGS)}")
        settings = type(settings)(lang=lang)
    return WerkpostApp(Session(ws, settings), blink=blink)
