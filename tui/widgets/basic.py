"""Provides small shared widgets: the translated footer and a text field without blink in tests."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from textual.widget import Widget
from textual.widgets import DataTable, Footer, Input
from textual.widgets._footer import FooterKey

from tui.i18n import tr


def app_lang(widget: Widget) -> str:
    """The language of the running app ("en" when it has no session yet)."""
    session = getattr(widget.app, "session", None)
    return str(session.lang) if session is not None else "en"


class LocalFooter(Footer):
    """The footer with binding descriptions in the session's language.

    Bindings are declared with English descriptions; the footer translates
    them as it builds its keys, so a language switch needs only a recompose.
    """

    def compose(self) -> Iterable[Widget]:
        lang = app_lang(self)
        for widget in super().compose():
            if isinstance(widget, FooterKey):
                widget.description = tr(widget.description, lang)
            yield widget


class TextField(Input):
    """An Input whose cursor does not blink when the app asks so (stable snapshots)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)

    def on_mount(self) -> None:
        """Follow the app's blink setting."""
        self.cursor_blink = bool(getattr(self.app, "blink", True))


def reset_table(table: DataTable[Any], columns: list[tuple[str, str]]) -> None:
    """Empty `table` for a refill; the columns are rebuilt only when their labels changed.

    Rebuilding columns on every refill can leave lines drawn at stale widths in
    a real terminal, so they are kept across refills and a refresh is
    scheduled once the new rows are laid out.
    """
    current = [(str(key.value), column.label.plain) for key, column in table.columns.items()]
    if current == columns:
        table.clear()
    else:
        table.clear(columns=True)
        for key, label in columns:
            table.add_column(label, key=key)
    table.call_after_refresh(table.refresh)
