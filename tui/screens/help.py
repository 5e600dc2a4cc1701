"""Provides the help screen: every key binding of every view, read from the classes themselves.

The list is built from the BINDINGS of werkpost's own classes, so it cannot
drift from what the keys really do.
"""

from __future__ import annotations

from typing import Any, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import DataTable, Label

from tui.screens.base import WerkpostModal

KEY_NAMES = {
    "slash": "/", "question_mark": "?", "left_square_bracket": "[", "right_square_bracket": "]",
    "minus": "-", "plus": "+", "equals_sign": "=", "escape": "esc", "space": "space",
}


def own_bindings(cls: type) -> list[Binding]:
    """The bindings a werkpost class declares, its werkpost bases included."""
    out: list[Binding] = []
    seen: set[str] = set()
    for klass in cls.__mro__:
        if not klass.__module__.startswith("tui."):
            continue
        for b in klass.__dict__.get("BINDINGS", []):
            binding = b if isinstance(b, Binding) else Binding(*b)
            if binding.action not in seen:
                seen.add(binding.action)
                out.append(binding)
    return out


def key_text(binding: Binding) -> str:
    """The keys of a binding as a user types them."""
    return ", ".join(KEY_NAMES.get(k.strip(), k.strip()) for k in binding.key.split(","))


View = tuple[str, list[type]]
"""A view's message key and the classes whose bindings apply there."""


class HelpScreen(WerkpostModal[None]):
    """Every key binding, by view (the app passes the views: this screen imports none)."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,q,question_mark,f1", "close", "tui.close")]

    def __init__(self, views: list[View]) -> None:
        super().__init__()
        self.views = views

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog help"):
            yield Label(id="help-title", classes="dialog-title")
            yield DataTable[Any](id="help-table", cursor_type="row", zebra_stripes=True)
            yield Label(id="help-hint", classes="dim")

    def on_mount(self) -> None:
        """Fill the table in the current language."""
        self.query_one("#help-title", Label).update(self.t("tui.key_bindings"))
        self.query_one("#help-hint", Label).update(self.t("tui.press_escape_to_close"))
        table = self.query_one("#help-table", DataTable)
        table.add_column(self.t("tui.view"))
        table.add_column(self.t("tui.key"))
        table.add_column(self.t("tui.action"))
        for view, classes in self.views:
            rows: list[tuple[str, str]] = []
            seen: set[str] = set()
            for cls in classes:
                for binding in own_bindings(cls):
                    if binding.action in seen:
                        continue
                    seen.add(binding.action)
                    if rows and rows[-1][1] == binding.description:
                        # 0, 1, 2, 3, 4 "Set level" read better as one row
                        rows[-1] = (f"{rows[-1][0]}, {key_text(binding)}", binding.description)
                    else:
                        rows.append((key_text(binding), binding.description))
            for i, (keys, description) in enumerate(rows):
                table.add_row(self.t(view) if i == 0 else "", Text(keys), self.t(description))
            if view == "tui.everywhere":
                table.add_row("", "ctrl+p", self.t("tui.commands"))
        table.focus()

    def action_close(self) -> None:
        """Close the help."""
        self.dismiss(None)
