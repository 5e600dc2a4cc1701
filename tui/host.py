"""Provides `werkpost_app`: the typed way from any widget or screen to the running werkpost app."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from textual.app import App

if TYPE_CHECKING:
    # Only for the type: the app imports the screens and widgets, never the other way round.
    from tui.app import WerkpostApp


def werkpost_app(app: App[Any]) -> WerkpostApp:
    """`app` as the werkpost app: the one place Textual's `App[Any]` is cast."""
    return cast("WerkpostApp", app)
