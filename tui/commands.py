"""Provides the command palette entries of werkpost (ctrl+p): views, actions and every worker."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from textual.command import DiscoveryHit, Hit, Hits, Provider

from tui.i18n import tr


class WerkpostCommands(Provider):
    """Main actions by name, in the current language, and "open worker" for each worker."""

    def _commands(self) -> list[tuple[str, Callable[[], Any], str]]:
        from tui.screens.editing import EditingScreen
        from tui.screens.match import MatchScreen

        app: Any = self.app
        lang = app.session.lang
        t = partial(tr, lang=lang)
        out: list[tuple[str, Callable[[], Any], str]] = [
            (t("Catalogue"), app.action_catalogue, t("Open the tool catalogue")),
            (t("Batch match"), app.action_batch, t("Match every worker to a workstation")),
            (t("New worker"), app.action_new_worker, t("Start a worker from a blank profile")),
            (t("Toggle language"), app.action_toggle_lang, t("Switch between English and Dutch")),
            (t("Key bindings"), app.action_help, t("Show key bindings")),
            (t("Workspace"), app.action_home, t("Go back to the workspace")),
        ]
        screen = self.screen
        if isinstance(screen, EditingScreen):
            out.append((t("Save"), screen.action_save, t("Save the current worker")))
        if isinstance(screen, MatchScreen):
            out.append((t("Export sheet"), screen.action_export, t("Export the sheet of this match")))
        for wid in app.session.worker_ids():
            worker = app.session.worker(wid)
            out.append((f"{t('Open worker')} {wid} {worker.label}".rstrip(), partial(app.open_worker, wid), ""))
        return out

    async def discover(self) -> Hits:
        """Every command, before anything is typed."""
        for name, command, help_text in self._commands():
            yield DiscoveryHit(name, command, help=help_text or None)

    async def search(self, query: str) -> Hits:
        """Commands whose name matches what was typed."""
        matcher = self.matcher(query)
        for name, command, help_text in self._commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), command, help=help_text or None)
