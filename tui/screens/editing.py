"""Provides the base of the screens that edit a worker: apply, save, and the unsaved-changes guard."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType

from engine.errors import WerkpostError
from engine.models import Worker
from tui.screens.base import WerkpostScreen
from tui.screens.dialogs import ChoiceDialog


class EditingScreen(WerkpostScreen):
    """A screen showing one worker whose profile the coach may change."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "tui.back"),
        Binding("ctrl+s", "save", "tui.save"),
    ]

    def __init__(self, worker_id: str) -> None:
        super().__init__()
        self.worker_id = worker_id
        self.shown: Worker | None = None
        """The worker as last drawn: coming back to the screen redraws only if it changed."""

    @property
    def worker(self) -> Worker:
        """The worker as edited so far."""
        return self.session.worker(self.worker_id)

    def apply(self, worker: Worker) -> None:
        """Record an edit and redraw."""
        self.session.edit(worker)
        self.worker_changed()

    def worker_changed(self) -> None:
        """Redraw after an edit or a save; screens override this."""

    def action_save(self) -> None:
        """Save the worker to its file in the workspace."""
        if not self.session.is_dirty(self.worker_id):
            self.notify(self.t("tui.nothing_to_save"))
            return
        try:
            path = self.session.save(self.worker_id)
        except WerkpostError as exc:
            self.error("tui.cannot_save", exc)
            return
        self.notify(f"{self.t('tui.saved_to')} {path}")
        self.worker_changed()

    def _owned_below(self) -> bool:
        """Whether a screen below edits the same worker (it keeps the draft)."""
        return any(
            isinstance(s, EditingScreen) and s.worker_id == self.worker_id and s is not self
            for s in self.app.screen_stack[:-1]
        )

    def action_back(self) -> None:
        """Leave; ask first when this is the last view of a worker with unsaved changes."""
        if not self.session.is_dirty(self.worker_id) or self._owned_below():
            self.app.pop_screen()
            return
        label = self.worker.label or self.worker_id
        choices = [("save", self.t("tui.save"), "primary"), ("discard", self.t("tui.discard"), "error"),
                   ("cancel", self.t("tui.cancel"), "default")]
        message = self.t("tui.leave_question", worker=f"{self.worker_id} ({label})")
        self.app.push_screen(ChoiceDialog(self.t("tui.unsaved_changes"), message, choices), self._leave)

    def _leave(self, choice: str | None) -> None:
        if choice == "save":
            try:
                path = self.session.save(self.worker_id)
            except WerkpostError as exc:
                self.error("tui.cannot_save", exc)
                return
            self.notify(f"{self.t('tui.saved_to')} {path}")
        elif choice == "discard":
            self.session.discard(self.worker_id)
        else:
            return
        self.app.pop_screen()
