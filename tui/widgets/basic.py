"""Provides small shared widgets: the translated footer and a text field without blink in tests."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from rich.cells import cell_len
from rich.text import Text
from textual.containers import HorizontalGroup
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import DataTable, Footer, Input, Select, Static

# FooterKey is not exported by textual.widgets; the footer yields it and we
# only read and set its description.
from textual.widgets._footer import FooterKey

from i18n import text
from tui.host import werkpost_app


class LocalFooter(Footer):
    """The footer with binding descriptions in the session's language, in as many lines as its keys need.

    Bindings are declared with message keys as descriptions; the footer translates
    them as it builds its keys, so a language switch needs only a recompose.
    Textual's footer is one line that cuts off what does not fit (at 80
    columns the help and language keys fell off the end); this one packs the
    keys into rows of the screen's width, so every key stays in view.
    """

    DEFAULT_CSS = """
    LocalFooter {
        height: auto;
        max-height: 3;
    }
    LocalFooter.-rows {
        layout: vertical;
    }
    LocalFooter .footer-row {
        width: 100%;
        height: 1;
    }
    """

    packed_width = 0
    """The screen width the keys were last packed for."""
    shown: tuple[object, ...] | None = None
    """What the keys were last composed from (see `_signature`); None before the first compose."""

    def _signature(self, screen: Screen[Any]) -> tuple[object, ...]:
        """The language and, per shown binding, what its key displays: equal signatures, equal footers."""
        keys = tuple((b.key, b.action, b.description, enabled, tooltip)
                     for (_, b, enabled, tooltip) in screen.active_bindings.values() if b.show)
        return (werkpost_app(self.app).session.lang, keys)

    async def recompose(self) -> None:
        """Rebuild the keys, unless they would come out as they are.

        Textual asks for a recompose after every change of bindings (each focus change),
        later (after a refresh); most leave the keys as they are, and several in a row (a
        screen mounting, focus settling) queued several that the first already built: five
        composes per screen opened, each remounting and restyling every key. The check runs
        when the recompose does, so the last word counts. A language switch or a resize still
        recomposes (the signature holds the language; `on_resize`).
        """
        if self.is_attached and self._bindings_ready:
            signature = self._signature(self.screen)
            if signature == self.shown and self.packed_width == self.app.size.width:
                return
            # Claimed before the wait: Textual removes the old keys (awaited) before it composes, and a
            # recompose queued meanwhile found the old signature and built the same keys once more.
            self.shown = signature
        await super().recompose()

    def compose(self) -> Iterable[Widget]:
        lang = werkpost_app(self.app).session.lang
        if not self._bindings_ready and self.is_attached:
            # Textual's footer shows no keys until the screen first publishes its bindings, and then
            # composes them after the next refresh: every screen was drawn once without its footer,
            # then laid out and drawn whole again with it. The screen's bindings can be read as soon
            # as the footer is in it; if focus settling changes them, that recompose still comes.
            self.set_reactive(Footer._bindings_ready, True)
        if self._bindings_ready:
            self.shown = self._signature(self.screen)
        keys: list[Widget] = []
        for widget in super().compose():
            # Our bindings are described by message keys; Textual's own ("palette") stay as they are.
            if isinstance(widget, FooterKey) and widget.description.startswith("tui"):
                widget.description = text(widget.description, lang)
            keys.append(widget)
        self.packed_width = self.app.size.width
        rows = pack_keys(keys, self.packed_width)
        # Textual's compact style (one cell less per key) where it saves a line.
        tight = pack_keys(keys, self.packed_width, compact=True)
        self.compact = len(tight) < len(rows)
        rows = tight if self.compact else rows
        for key in keys:
            if isinstance(key, FooterKey) and not key.has_class("-command-palette"):
                # A new key starts compact and is restyled twice on mount (its own default, then the
                # footer's value by data binding); given its style now, neither watcher restyles it.
                # (Textual binds every key but the palette's, which stays compact.)
                key.set_reactive(FooterKey.compact, self.compact)
                key.set_class(self.compact, "-compact", update=False)
        self.set_class(len(rows) > 1, "-rows")
        if len(rows) <= 1:
            yield from keys
            return
        for row in rows:
            yield HorizontalGroup(*row, classes="footer-row")

    def on_resize(self) -> None:
        """Pack the keys again when the screen got wider or narrower."""
        if self.app.size.width != self.packed_width:
            self.refresh(recompose=True)


def key_width(widget: Widget, compact: bool = False) -> int:
    """Cells a footer key takes (Textual's footer CSS).

    Normal: ' key ' + 'description '; compact: 'key' + ' description' and a
    margin of one. The palette key adds its border (and, normal, a padding).
    """
    if not isinstance(widget, FooterKey):
        return 1
    description = cell_len(widget.description) + 1 if widget.description else 0
    width = cell_len(widget.key_display) + description + (1 if compact else 2)
    if widget.has_class("-command-palette"):
        width += 1 if compact else 2
    return width


def pack_keys(keys: list[Widget], width: int, *, compact: bool = False) -> list[list[Widget]]:
    """The keys in rows no wider than `width`, in order; the palette key goes last, as it is docked right."""
    rows: list[list[Widget]] = [[]]
    used = 0
    for key in keys:
        w = key_width(key, compact)
        if rows[-1] and used + w > width:
            rows.append([])
            used = 0
        rows[-1].append(key)
        used += w
    return rows


class TextField(Input):
    """An Input whose cursor does not blink when the app asks so (stable snapshots)."""

    def on_mount(self) -> None:
        """Follow the app's blink setting."""
        self.cursor_blink = werkpost_app(self.app).blink


Row = tuple[str, Sequence[Any]]
"""A table row: its key and its cells."""


def cell_width(cell: str | Text) -> int:
    """The widest line of a table cell, in terminal cells."""
    plain = cell.plain if isinstance(cell, Text) else cell
    return max((Text(line).cell_len for line in plain.split("\n")), default=0)


def table_width(columns: list[tuple[str, str]], rows: Sequence[Row]) -> int:
    """The width a DataTable takes when every column fits its widest cell (one cell of padding each side)."""
    return sum(max([cell_width(label), *(cell_width(cells[i]) for _, cells in rows)]) + 2
               for i, (_, label) in enumerate(columns))


def fill_table(table: DataTable[Any], columns: list[tuple[str, str]], rows: Sequence[Row], *,
               height: int | None = 1, widths: Mapping[str, int] | None = None) -> None:
    """Show `rows` in `table`, touching as little as possible.

    When the columns and the row keys are what the table already shows, only
    the cells that changed are updated, so an edit redraws a row or two
    instead of the whole table (and the cursor stays put). Otherwise the
    table is rebuilt and the cursor goes back to the row it was on. A column
    named in `widths` has that fixed width (its text wraps); the others fit
    their content.
    """
    # Names come from the coach's files: a '[' in a task name is text, never markup.
    rows = [(key, [Text(c) if isinstance(c, str) else c for c in cells]) for key, cells in rows]
    fixed = widths or {}
    current = [(str(key.value), column.label.plain) for key, column in table.columns.items()]
    current_widths = {str(key.value): column.width for key, column in table.columns.items() if not column.auto_width}
    keys = [key for key, _ in rows]
    if current == columns and current_widths == fixed and [k.value for k in table.rows] == keys:
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
    rebuilt = current != columns or current_widths != fixed
    if rebuilt:
        table.clear(columns=True)
        for key, label in columns:
            table.add_column(label, key=key, width=fixed.get(key))
    else:
        table.clear()
    for key, cells in rows:
        table.add_row(*cells, key=key, height=height)
    if cursor_key is not None and cursor_key in keys:
        table.move_cursor(row=keys.index(cursor_key), animate=False)
    elif table.row_count:
        table.move_cursor(row=min(cursor_row, table.row_count - 1), animate=False)
    if rebuilt:
        # A table measures new columns when it is idle, but cells drawn before
        # that stay cached at the label's width (the cell cache has no width in
        # its key): after a language switch "Fine hand use" showed as "Fine h".
        # Dropping the caches once the table has been measured redraws them.
        table.call_after_refresh(_redraw, table)


def _redraw(table: DataTable[Any]) -> None:
    table.notify_style_update()
    table.refresh()


def relabel_select(select: Select[str], options: list[tuple[str, str]]) -> None:
    """New labels for a selector's options, keeping the value chosen.

    `set_options` picks the first option again; when that is the value it had,
    the selector sees no change and keeps showing the old label ("total" after
    the switch to Dutch). Stepping through another value makes it redraw.
    """
    keep = select.value
    select.set_options(options)
    other = next((value for _, value in options if value != keep), None)
    if other is not None:
        select.value = other
    select.value = keep


def set_text(widget: Static, content: str | Text) -> None:
    """Update a label only when its text changes.

    Every update of a Static asks for a new layout of the whole screen, which
    costs far more than the recomputation behind it; most edits leave titles
    as they were.
    """
    if widget.content != content:
        widget.update(content)
