"""A screen starts with the breakpoint class Textual would give it, and still follows a resize.

WerkpostScreen sets the class when it is made (so Textual's first resize finds
nothing to change and does not restyle the whole screen again); this checks
the preset against Textual's own rule, so a change of that rule shows here.
"""

from __future__ import annotations

from tui.screens.base import NARROW_WIDE
from tui.screens.match import MatchScreen
from tui.screens.worker import WorkerScreen

from .conftest import AppFactory, settle


async def test_a_new_screen_has_textuals_breakpoint_class_before_it_is_shown(new_app: AppFactory) -> None:
    app = new_app()
    async with app.run_test(size=(80, 24)) as pilot:
        for width, expected in [(80, "-narrow"), (109, "-narrow"), (110, "-wide"), (120, "-wide"), (80, "-narrow")]:
            await pilot.resize_terminal(width, 24)
            screen = WorkerScreen("w-001")
            assert screen._get_breakpoint_classes(width, NARROW_WIDE) == {expected}  # Textual's rule
            assert {c for c in screen.classes if c in ("-narrow", "-wide")} == {expected}, width


async def test_the_class_follows_a_resize_and_a_screen_made_outside_the_app_gets_it_on_mount(
    new_app: AppFactory,
) -> None:
    outside = MatchScreen("w-001", "ws-palletising")  # no app running: no class yet
    assert not {"-narrow", "-wide"} & set(outside.classes)
    app = new_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await app.push_screen(outside)
        await settle(pilot)
        assert outside.has_class("-narrow") and not outside.has_class("-wide")
        await pilot.resize_terminal(120, 40)
        await settle(pilot)
        assert outside.has_class("-wide") and not outside.has_class("-narrow")
