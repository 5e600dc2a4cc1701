"""Provides the small modal dialogs: a choice between buttons (unsaved changes, quit)."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Static


class ChoiceDialog(ModalScreen[str]):
    """A question with a few buttons; dismisses with the chosen button's id.

    Escape answers "cancel", so the safe choice is always one key away.
    """

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "tui.cancel")]

    def __init__(self, title: str, message: str, choices: list[tuple[str, str, str]]) -> None:
        super().__init__()
        self.title_text = title
        self.message = message
        self.choices = choices
        """(id, label, variant) per button, the first one focused."""

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(Text(self.title_text), classes="dialog-title")
            yield Static(Text(self.message), classes="dialog-message")
            with Horizontal(classes="dialog-buttons"):
                for choice_id, label, variant in self.choices:
                    yield Button(label, id=choice_id, variant=variant)  # type: ignore[arg-type]

    def on_mount(self) -> None:
        """The first choice has the focus: enter takes it."""
        self.query(Button).first().focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id or "cancel")

    def action_cancel(self) -> None:
        """Close without choosing."""
        self.dismiss("cancel")
