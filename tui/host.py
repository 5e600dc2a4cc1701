"""Provides `WerkpostHost` and `werkpost_app`: what screens, widgets and the palette may ask of the app.

The app (tui.app.WerkpostApp) imports every screen; the screens must not
import it back, not even for a type (that is still an import loop, see
tests/test_import_graph.py). They see the app through `WerkpostHost`, the
one base class the app implements: the session, the language, navigation
and the actions the command palette offers.
"""

from __future__ import annotations

from typing import Any, cast

from textual.app import App

from i18n import text
from tui.session import Session


class WerkpostHost(App[None]):
    """The werkpost app as the rest of tui/ knows it; WerkpostApp fills in the navigation."""

    session: Session
    blink: bool
    """Whether text cursors blink (off in tests, for stable snapshots)."""

    def t(self, key: str, **values: object) -> str:
        """The message `key` in the current language."""
        return text(key, self.session.lang, **values)

    def open_worker(self, worker_id: str) -> None:
        """Open a worker's profile over the current view."""
        raise NotImplementedError

    def open_match(self, worker_id: str, station_id: str) -> None:
        """Open the match of a worker with a workstation over the current view."""
        raise NotImplementedError

    def action_help(self) -> None:
        """Show every key binding."""
        raise NotImplementedError

    def action_toggle_lang(self) -> None:
        """Switch between English and Dutch."""
        raise NotImplementedError

    async def action_home(self) -> None:
        """One step back towards the workspace view."""
        raise NotImplementedError

    def action_new_worker(self) -> None:
        """Start a new worker from a blank profile."""
        raise NotImplementedError

    def action_catalogue(self) -> None:
        """Open the tool catalogue."""
        raise NotImplementedError

    def action_batch(self) -> None:
        """Open the batch match."""
        raise NotImplementedError


def werkpost_app(app: App[Any]) -> WerkpostHost:
    """`app` as the werkpost app: the one place Textual's `App[Any]` is cast."""
    return cast(WerkpostHost, app)
