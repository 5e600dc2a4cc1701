"""What opening a screen costs: one focus change to its main widget, and the footer's keys composed once per set of keys.

The focus goes straight to the widget the screen names (Textual's own first
choice, the search or label field, was taken and left at once), and the
footer composes its keys when it mounts and again only when the keys change
(not once empty, then again, then once more for a recompose queued meanwhile).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pytest
from textual.screen import Screen
from textual.widget import Widget

from tui.screens.worker import WorkerScreen
from tui.screens.workspace import WorkspaceScreen
from tui.widgets.basic import LocalFooter

from .conftest import AppFactory, open_first_worker, settle


async def test_a_screen_focuses_its_main_widget_first_and_composes_its_footer_once_per_set_of_keys(
    new_app: AppFactory, monkeypatch: pytest.MonkeyPatch,
) -> None:
    focused: list[tuple[str, str | None]] = []
    composed: list[tuple[str, tuple[object, ...] | None]] = []
    set_focus, compose = Screen.set_focus, LocalFooter.compose

    def record_focus(screen: Screen[Any], widget: Widget | None, *args: Any, **kwargs: Any) -> None:
        if widget is not None and widget is not screen.focused:
            focused.append((type(screen).__name__, widget.id))
        set_focus(screen, widget, *args, **kwargs)

    def record_compose(footer: LocalFooter) -> Iterable[Widget]:
        keys = list(compose(footer))
        composed.append((type(footer.screen).__name__, footer.shown))
        return keys

    monkeypatch.setattr(Screen, "set_focus", record_focus)
    monkeypatch.setattr(LocalFooter, "compose", record_compose)
    app = new_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, WorkspaceScreen)
        assert focused == [("WorkspaceScreen", "workers")]
        assert [screen for screen, _ in composed] == ["WorkspaceScreen"]  # keys at once, and only once
        await open_first_worker(pilot)
        assert isinstance(app.screen, WorkerScreen)
        assert focused[1:] == [("WorkerScreen", "profile")]
        opened = [shown for screen, shown in composed if screen == "WorkerScreen"]
        # At most twice (the screen's keys on mount, then with the profile's level keys once it has
        # the focus), and never twice the same keys.
        assert 1 <= len(opened) <= 2 and len(set(opened)) == len(opened)
        footer = app.screen.query_one(LocalFooter)
        assert {"Lower level", "Higher level"} <= {str(getattr(k, "description", "")) for k in footer.query("FooterKey")}


async def test_recomposes_queued_together_build_the_keys_once(new_app: AppFactory,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    app = new_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        footer = app.screen.query_one(LocalFooter)
        calls: list[int] = []
        compose = LocalFooter.compose

        def counted(self: LocalFooter) -> Iterable[Widget]:
            calls.append(1)
            return compose(self)

        monkeypatch.setattr(LocalFooter, "compose", counted)
        for lang, quit_word in [("nl", "Stoppen"), ("en", "Quit")]:
            calls.clear()
            # New keys, asked for twice the ways Textual asks (after the next refresh, and from the
            # screen's update): the two run together, and the second must find the keys built.
            app.session.settings = type(app.session.settings)(lang=lang)
            footer.call_after_refresh(footer.recompose)
            footer.refresh(recompose=True)
            footer.refresh()
            await settle(pilot)
            assert len(calls) == 1, lang
            assert quit_word in {str(getattr(k, "description", "")) for k in footer.query("FooterKey")}
