"""Provides the base of every werkpost screen: the session, translation and relabelling."""

from __future__ import annotations

from typing import cast

from textual.screen import Screen
from textual.worker import Worker, WorkerState

from engine.errors import WerkpostError
from tui.i18n import tr
from tui.session import Session
from tui.widgets.basic import LocalFooter

NARROW_WIDE = [(0, "-narrow"), (110, "-wide")]
"""Breakpoints: under 110 columns the panels stack in a scrolling column."""


def session_of(app: object) -> Session:
    """The session of the running werkpost app."""
    return cast(Session, app.session)  # type: ignore[attr-defined]


class BaseScreen(Screen[None]):
    """A screen that reads the shared session and follows the language switch."""

    @property
    def session(self) -> Session:
        """The app's session."""
        return session_of(self.app)

    @property
    def lang(self) -> str:
        """The current language."""
        return self.session.lang

    def t(self, text: str) -> str:
        """`text` in the current language."""
        return tr(text, self.lang)

    def relabel(self) -> None:
        """Redraw every label after a language switch; screens extend this."""
        for footer in self.query(LocalFooter):
            footer.refresh(recompose=True)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """A thread worker that failed shows its error; the app keeps running."""
        if event.state == WorkerState.ERROR and event.worker.error is not None:
            error = event.worker.error
            self.error("Error", error if isinstance(error, Exception) else RuntimeError(str(error)))

    def error(self, title: str, exc: Exception) -> None:
        """Show a failure as an error notification, never a traceback."""
        detail = str(exc) if isinstance(exc, WerkpostError | OSError | ValueError) else repr(exc)
        self.notify(detail, title=self.t(title), severity="error", timeout=10)
