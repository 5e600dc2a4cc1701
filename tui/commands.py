"""Provides the command palette entries of werkpost (ctrl+p): views, actions and every worker."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from textual.command import DiscoveryHit, Hit, Hits, Provider

from tui.host import werkpost_app
from tui.screens.editing import EditingScreen
from tui.screens.match import MatchScreen


class WerkpostCommands(Provider):
    """Main actions by name, in the current language, and "open worker" for each worker."""

    def _commands(self) -> list[tuple[str, Callable[[], Any], str]]:
        app = werkpost_app(self.app)
        t = app.t
        out: list[tuple[str, Callable[[], Any], str]] = [
            (t("tui.catalogue"), app.action_catalogue, t("tui.open_the_tool_catalogue")),
            (t("tui.batch_match"), app.action_batch, t("tui.match_every_worker_to_a_workstation")),
            (t("tui.new_worker"), app.action_new_worker, t("tui.start_a_worker_from_a_blank")),
            (t("tui.toggle_language"), app.action_toggle_lang, t("tui.switch_between_english_and_dutch")),
            (t("tui.key_bindings"), app.action_help, t("tui.show_key_bindings")),
            (t("tui.workspace"), app.action_home, t("tui.go_back_to_the_workspace")),
        ]
        screen = self.screen
        if isinstance(screen, EditingScreen):
            out.append((t("tui.save"), screen.action_save, t("tui.save_the_current_worker")))
        if isinstance(screen, MatchScreen):
            out.append((t("tui.export_sheet"), screen.action_export, t("tui.export_the_sheet_of_this_match")))
        for wid in app.session.worker_ids():
            worker = app.session.worker(wid)
            out.append((f"{t('tui.open_worker')} {wid} {worker.label}".rstrip(), partial(app.open_worker, wid), ""))
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
