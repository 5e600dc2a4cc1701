"""Snapshot tests of the job design view (pytest-textual-snapshot), wide and narrow, English and Dutch.

Baselines live in __snapshots__/test_redesign_snapshots/; after a deliberate change, regenerate with
`pytest tests/tui/test_redesign_snapshots.py --snapshot-update` and look at the report.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.pilot import Pilot

from tui.screens.redesign import RedesignScreen

from .conftest import AppFactory, settle

Compare = Callable[..., bool]


async def after_the_run(pilot: Pilot[Any]) -> None:
    await settle(pilot)
    await pilot.press("j")
    await settle(pilot)
    assert isinstance(pilot.app.screen, RedesignScreen) and pilot.app.screen.result is not None


class TestRedesignView:
    def test_wide(self, snap_compare: Compare, new_app: AppFactory) -> None:
        assert snap_compare(new_app(), terminal_size=(120, 40), run_before=after_the_run)

    def test_narrow(self, snap_compare: Compare, new_app: AppFactory) -> None:
        assert snap_compare(new_app(), terminal_size=(80, 24), run_before=after_the_run)

    def test_dutch(self, snap_compare: Compare, new_app: AppFactory) -> None:
        assert snap_compare(new_app(lang="nl"), terminal_size=(120, 40), run_before=after_the_run)
