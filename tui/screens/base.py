"""Provides the bases of every werkpost screen: the typed app, the session, translation and relabelling."""

from __future__ import annotations

from typing import Generic, TypeVar

from textual._context import NoActiveAppError
from textual.screen import ModalScreen, Screen
from textual.worker import Worker, WorkerState

from engine.errors import WerkpostError
from i18n import text
from tui.host import WerkpostHost, werkpost_app
from tui.session import Session
from tui.widgets.basic import LocalFooter

NARROW_WIDE = [(0, "-narrow"), (110, "-wide")]
"""Breakpoints: under 110 columns the panels stack in a scrolling column."""

ResultT = TypeVar("ResultT")


class WerkpostScreen(Screen[None]):
    """A screen that reads the shared session and follows the language switch."""

    AUTO_FOCUS = ""
    """No automatic focus: each screen focuses its main widget when it mounts.

    Textual's default focused the first widget that can take it (a search or label field) and
    the screen then moved the focus on: two focus changes, each restyling both widgets and
    composing the footer's keys for a focus the coach never saw.
    """

    def __init__(self, name: str | None = None, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(name, id, classes)
        self._preset_breakpoint()

    def _preset_breakpoint(self) -> None:
        """Start with the breakpoint class of the terminal's present width.

        Textual adds it on the screen's first resize, just after every widget was styled, and then
        styles every widget again: one full restyle more for each screen opened. A screen made
        outside a running app (or a terminal resized in between) gets its class on resize as before.
        """
        breakpoints = self.HORIZONTAL_BREAKPOINTS
        if not breakpoints:
            return
        try:
            width = self.app.size.width
        except NoActiveAppError:
            return
        # Textual's rule: the widest breakpoint the width reaches.
        reached = [name for least, name in sorted(breakpoints) if width >= least]
        if reached:
            self.set_class(True, reached[-1], update=False)

    @property
    def app(self) -> WerkpostHost:  # type: ignore[override]
        """The werkpost app, typed (navigation, session)."""
        return werkpost_app(super().app)

    @property
    def session(self) -> Session:
        """The app's session."""
        return self.app.session

    @property
    def lang(self) -> str:
        """The current language."""
        return self.session.lang

    def t(self, key: str, **values: object) -> str:
        """The message `key` in the current language."""
        return text(key, self.lang, **values)

    def relabel(self) -> None:
        """Redraw every label after a language switch; screens extend this."""
        for footer in self.query(LocalFooter):
            footer.refresh(recompose=True)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """A thread worker that failed shows its error; the app keeps running."""
        if event.state == WorkerState.ERROR and event.worker.error is not None:
            error = event.worker.error
            self.error("tui.error", error if isinstance(error, Exception) else RuntimeError(str(error)))

    def error(self, title_key: str, exc: Exception) -> None:
        """Show a failure as an error notification, never a traceback."""
        detail = str(exc) if isinstance(exc, WerkpostError | OSError | ValueError) else repr(exc)
        self.notify(detail, title=self.t(title_key), severity="error", timeout=10)


class WerkpostModal(ModalScreen[ResultT], Generic[ResultT]):
    """A modal dialog that speaks the app's language."""

    @property
    def app(self) -> WerkpostHost:  # type: ignore[override]
        """The werkpost app, typed."""
        return werkpost_app(super().app)

    def t(self, key: str, **values: object) -> str:
        """The message `key` in the app's language."""
        return text(key, self.app.session.lang, **values)
