"""Pilot tests of a worker's notes in the profile (issue 13 point 2): shown, edited as plain text, saved."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import TextArea

from engine.loader import load_workspace
from tui.screens.worker import WorkerScreen
from tui.widgets.levels import ProfileTable

from .conftest import AppFactory, settle

TYPED = " Prefers [bold]mornings[/] & <b>x</b>"


async def test_notes_are_shown_edited_as_plain_text_and_saved(ws_copy: Path, new_app: AppFactory) -> None:
    before = load_workspace(ws_copy).workers["w-001"].notes
    assert before.startswith("Back injury")
    app = new_app(ws_copy)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.push_screen(WorkerScreen("w-001"))
        await settle(pilot)
        screen = app.screen
        notes = screen.query_one("#notes", TextArea)
        assert notes.text == before
        await pilot.press("o")
        await pilot.pause()
        assert app.focused is notes
        await pilot.press(*TYPED)  # each character a key; "[" and "<" are text, not markup
        await pilot.pause()
        assert notes.text == before + TYPED
        assert app.session.worker("w-001").notes == before + TYPED
        assert app.session.is_dirty("w-001") and "unsaved" in str(screen.sub_title)
        # The text area shows the brackets as typed (no markup was applied).
        shown = "".join(s.text for y in range(notes.size.height) for s in notes.render_line(y))
        assert "[bold]mornings[/]" in shown and "<b>x</b>" in shown
        await pilot.press("escape")  # back to the profile, not out of the screen
        await pilot.pause()
        assert isinstance(app.screen, WorkerScreen) and isinstance(app.focused, ProfileTable)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not app.session.is_dirty("w-001")
    assert load_workspace(ws_copy).workers["w-001"].notes == before + TYPED
    again = new_app(ws_copy)
    async with again.run_test(size=(80, 24)) as pilot:
        await again.push_screen(WorkerScreen("w-001"))
        await settle(pilot)
        assert again.screen.query_one("#notes", TextArea).text == before + TYPED


async def test_notes_edited_back_to_the_saved_text_are_clean(ws_copy: Path, new_app: AppFactory) -> None:
    app = new_app(ws_copy)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.push_screen(WorkerScreen("w-002"))
        await settle(pilot)
        await pilot.press("o", "!")
        await pilot.pause()
        assert app.session.is_dirty("w-002")
        await pilot.press("backspace")
        await pilot.pause()
        assert not app.session.is_dirty("w-002")
