"""Provides the werkpost Textual app and `make_app`, the factory shared by the CLI and the tests."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual.app import App
from textual.binding import Binding, BindingType
from textual.notifications import SeverityLevel

from engine.errors import WerkpostError
from engine.loader import load_workspace
from engine.models import LANGS, Lang
from engine.persist import load_settings
from tui.commands import WerkpostCommands
from tui.i18n import LANG_NAMES, tr
from tui.screens.base import BaseScreen
from tui.screens.dialogs import ChoiceDialog
from tui.session import Session


class WerkpostApp(App[None]):
    """The job coach's terminal UI: workspace, worker, match, catalogue and batch views."""

    CSS_PATH = "app.tcss"
    TITLE = "werkpost"
    COMMANDS = App.COMMANDS | {WerkpostCommands}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "quit", "Quit"),
        Binding("question_mark,f1", "help", "Help"),
        Binding("f2", "toggle_lang", "Language"),
    ]

    def __init__(self, session: Session, *, blink: bool = True) -> None:
        super().__init__()
        self.session = session
        self.blink = blink
        """Whether text cursors blink (off in tests, for stable snapshots)."""

    def on_mount(self) -> None:
        """Open on the workspace view."""
        from tui.screens.workspace import WorkspaceScreen

        self.push_screen(WorkspaceScreen())

    def t(self, text: str) -> str:
        """`text` in the current language."""
        return tr(text, self.session.lang)

    def notify(
        self, message: str, *, title: str = "", severity: SeverityLevel = "information",
        timeout: float | None = None, markup: bool = False,
    ) -> None:
        """A notification, always as plain text.

        Messages carry paths, ids and error texts such as "[Errno 13]"; read
        as markup they would be mangled or raise, so markup is never applied.
        """
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=False)

    def action_help(self) -> None:
        """Show every key binding."""
        from tui.screens.help import HelpScreen

        self.push_screen(HelpScreen())

    def action_toggle_lang(self) -> None:
        """Switch between English and Dutch and remember it in the workspace settings."""
        lang: Lang = LANGS[(LANGS.index(self.session.lang) + 1) % len(LANGS)]
        try:
            self.session.set_lang(lang)
        except WerkpostError as exc:
            self.notify(str(exc), title=self.t("Language"), severity="error")
        for screen in self.screen_stack:
            if isinstance(screen, BaseScreen):
                screen.relabel()
        self.notify(LANG_NAMES[lang], title=self.t("Language"))

    async def action_home(self) -> None:
        """One step back towards the workspace view, through the unsaved-changes guard."""
        if len(self.screen_stack) > 2:
            await self.screen.run_action("back")

    def open_worker(self, worker_id: str) -> None:
        """Open a worker's profile over the current view."""
        from tui.screens.worker import WorkerScreen

        self.push_screen(WorkerScreen(worker_id))

    def action_new_worker(self) -> None:
        """Start a new worker from a blank profile."""
        self.open_worker(self.session.new_worker().id)

    def action_catalogue(self) -> None:
        """Open the tool catalogue."""
        from tui.screens.catalog import CatalogueScreen

        self.push_screen(CatalogueScreen())

    def action_batch(self) -> None:
        """Open the batch match."""
        from tui.screens.batch import BatchScreen

        self.push_screen(BatchScreen())

    async def action_quit(self) -> None:
        """Quit; ask first when workers have unsaved changes."""
        dirty = self.session.dirty_ids()
        if not dirty:
            self.exit()
            return
        message = f"{self.t('Workers with unsaved changes:')} {', '.join(dirty)}. {self.t('Save all and quit?')}"
        choices = [("save", self.t("Save all"), "primary"), ("discard", self.t("Quit without saving"), "error"),
                   ("cancel", self.t("Cancel"), "default")]
        self.push_screen(ChoiceDialog(self.t("Unsaved changes"), message, choices), self._quit_choice)

    def _quit_choice(self, choice: str | None) -> None:
        if choice == "save":
            for worker_id in self.session.dirty_ids():
                try:
                    self.session.save(worker_id)
                except WerkpostError as exc:
                    self.notify(str(exc), title=self.t("Cannot save"), severity="error", timeout=10)
                    return
            self.exit()
        elif choice == "discard":
            self.exit()


def make_app(workspace: Path | None = None, *, lang: str | None = None, blink: bool = True) -> WerkpostApp:
    """The app on `workspace` (the bundled demo when None).

    Broken worker or workstation files do not stop the app: they are listed in
    the problems panel. A broken catalogue raises InputError (nothing can be
    matched without it). `lang` overrides the remembered language without
    saving it.
    """
    ws = load_workspace(workspace, strict=False)
    settings, problems = load_settings(ws.root)
    ws.problems = sorted([*ws.problems, *problems])
    if lang is not None:
        if lang not in LANGS:
            raise ValueError(f"unknown language {lang!r}: use one of {', '.join(LANGS)}")
        settings = type(settings)(lang=lang)
    return WerkpostApp(Session(ws, settings), blink=blink)
