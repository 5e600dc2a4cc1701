"""Provides small shared widgets: the translated footer and a text field without blink in tests."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from rich.text import Text
from textual.widget import Widget
from textual.widgets import DataTable, Footer, Input, Static

# FooterKey is not exported by textual.widgets; the footer yields it and we
# only read and set its description.
from textual.widgets._footer import FooterKey

from i18n import text
from tui.host import werkpost_app


class LocalFooter(Footer):
    """The footer with binding descriptions in the session's language.

    Bindings are declared with message keys as descriptions; the footer translates
    them as it builds its keys, so a language switch needs only a recompose.
    """

    def compose(self) -> Iterable[Widget]:
        lang = werkpost_app(self.app).session.lang
        for widget in super().compose():
            # Our bindings are described by message keys; Textual's own ("palette") stay as they are.
            if isinstance(widget, FooterKey) and widget.description.startswith("tui."):
                widget.description = text(widget.description, lang)
            yield widget


class TextField(Input):
    """An Input whose cursor does not blink when the app asks so (stable snapshots)."""

    def on_mount(self) -> None:
        """Follow the app's blink setting."""
        self.cursor_blink = werkpost_app(self.app).blink


Row = tuple[str, Sequence[Any]]
"""A table row: its key and its cells."""


def fill_table(table: DataTable[Any], columns: list[tuple[str, str]], rows: Sequence[Row], *,
               height: int | None = 1) -> None:
    """Show `rows` in `table`, touching as little as possible.

    When the columns and the row keys are what the table already shows, only
    the cells that changed are updated, so an edit redraws a row or two
    instead of the whole table (and the cursor stays put). Otherwise the
    table is rebuilt and the cursor goes back to the row it was on.
    """
    # Names come from the coach's files: a '[' in a task name is text, never markup.
    rows = [(key, [Text(c) if isinstance(c, str) else c for c in cells]) for key, cells in rows]
    current = [(str(key.value), column.label.plain) for key, column in table.columns.items()]
    keys = [key for key, _ in rows]
    if current == columns and [k.value for k in table.rows] == keys:
        column_keys = [key for key, _ in columns]
        for key, cells in rows:
            old = table.get_row(key)
            for column_key, new, before in zip(column_keys, cells, old, strict=False):
                if new != before:
                    table.update_cell(key, column_key, new)
        return
    cursor_key: str | None = None
    cursor_row = table.cursor_row if table.row_count else 0
    if table.row_count:
        value = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        cursor_key = str(value) if value is not None else None
    rebuilt = current != columns
    if rebuilt:
        table.clear(columns=True)
        for key, label in columns:
            table.add_column(label, key=key)
    else:
        table.clear()
    for key, cells in rows:
        table.add_row(*cells, key=key, height=height)
    if cursor_key is not None and cursor_key in keys:
        table.move_cursor(row=keys.index(cursor_key), animate=False)
    elif table.row_count:
        table.move_cursor(row=min(cursor_row, table.row_count - 1), animate=False)
    if rebuilt:
        # Rebuilt columns can leave lines drawn at stale widths in a real
        # terminal; one refresh after layout fixes it.
        table.call_after_refresh(table.refresh)


def set_text(widget: Static, content: str | Text) -> None:
    """Update a label only when its text changes.

    Every update of a Static asks for a new layout of the whole screen, which
    costs far more than the recomputation behind it; most edits leave titles
    as they were.
    """
    if widget.content != content:
        widget.update(content)
