"""Snapshot tests of every view (pytest-textual-snapshot), wide (120x40) and narrow (80x24).

Baselines live in __snapshots__/; after a deliberate change, regenerate with
`pytest tests/tui/test_snapshots.py --snapshot-update` and look at the report.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.pilot import Pilot

from tui.screens.match import MatchScreen

from .conftest import AppFactory, settle

WIDE = (120, 40)
NARROW = (80, 24)

Compare = Callable[..., bool]


async def open_match(pilot: Pilot[Any]) -> None:
    await pilot.app.push_screen(MatchScreen("w-017", "ws-lamp-assembly"))
    await settle(pilot)


async def settled(pilot: Pilot[Any]) -> None:
    await settle(pilot)


class TestWorkspaceView:
    def test_wide(self, snap_compare: Compare, new_app: AppFactory) -> None:
        assert snap_compare(new_app(), terminal_size=WIDE, run_before=settled)

    def test_narrow(self, snap_compare: Compare, new_app: AppFactory) -> None:
        assert snap_compare(new_app(), terminal_size=NARROW, run_before=settled)

    def test_dutch(self, snap_compare: Compare, new_app: AppFactory) -> None:
        assert snap_compare(new_app(lang="nl"), terminal_size=WIDE, run_before=settled)


class TestWorkerView:
    def test_wide(self, snap_compare: Compare, new_app: AppFactory) -> None:
        async def run(pilot: Pilot[Any]) -> None:
            await pilot.press("enter", "down", "3")
            await settle(pilot)

        assert snap_compare(new_app(), terminal_size=WIDE, run_before=run)

    def test_narrow(self, snap_compare: Compare, new_app: AppFactory) -> None:
        async def run(pilot: Pilot[Any]) -> None:
            await pilot.press("enter")
            await settle(pilot)

        assert snap_compare(new_app(), terminal_size=NARROW, run_before=run)


class TestMatchView:
    def test_wide(self, snap_compare: Compare, new_app: AppFactory) -> None:
        assert snap_compare(new_app(), terminal_size=WIDE, run_before=open_match)

    def test_narrow(self, snap_compare: Compare, new_app: AppFactory) -> None:
        assert snap_compare(new_app(), terminal_size=NARROW, run_before=open_match)

    def test_second_setup_selected(self, snap_compare: Compare, new_app: AppFactory) -> None:
        async def run(pilot: Pilot[Any]) -> None:
            await open_match(pilot)
            await pilot.press("down")
            await settle(pilot)

        assert snap_compare(new_app(), terminal_size=WIDE, run_before=run)


class TestCatalogueView:
    def test_wide(self, snap_compare: Compare, new_app: AppFactory) -> None:
        async def run(pilot: Pilot[Any]) -> None:
            await pilot.press("c")
            await settle(pilot)

        assert snap_compare(new_app(), terminal_size=WIDE, run_before=run)

    def test_narrow(self, snap_compare: Compare, new_app: AppFactory) -> None:
        async def run(pilot: Pilot[Any]) -> None:
            await pilot.press("c")
            await settle(pilot)

        assert snap_compare(new_app(), terminal_size=NARROW, run_before=run)


class TestBatchView:
    def test_after_a_run(self, snap_compare: Compare, new_app: AppFactory) -> None:
        async def run(pilot: Pilot[Any]) -> None:
            # The batch view must be up before "r" is pressed: on a loaded machine the key reached the
            # workspace view and the snapshot showed the batch before its run.
            await pilot.press("b")
            await settle(pilot)
            await pilot.press("r")
            await settle(pilot)

        assert snap_compare(new_app(), terminal_size=WIDE, run_before=run)


class TestDialogs:
    def test_help(self, snap_compare: Compare, new_app: AppFactory) -> None:
        assert snap_compare(new_app(), terminal_size=WIDE, press=["question_mark"])

    def test_export_sheet(self, snap_compare: Compare, new_app: AppFactory) -> None:
        async def run(pilot: Pilot[Any]) -> None:
            await open_match(pilot)
            await pilot.press("e")
            await settle(pilot)

        assert snap_compare(new_app(), terminal_size=WIDE, run_before=run)
