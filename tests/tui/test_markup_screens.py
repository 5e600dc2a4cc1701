"""The TUI's tables show markup in labels, task names and tool names as text (issue 15), on every screen they reach.

The workspace tables are covered by test_workspace_view; here the worker and
match screens, with the same hostile workspace as the CLI's markup test.
"""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual.widgets import DataTable

from tests.cli.test_markup_literal import CRASH, SWALLOW, build_hostile
from tui.app import make_app
from tui.screens.match import MatchScreen
from tui.screens.worker import WorkerScreen

from .conftest import settle


def cells(app: object) -> list[str]:
    """Every cell of every table on the current screen, as the plain text shown."""
    screen = app.screen  # type: ignore[attr-defined]
    out = []
    for table in screen.query(DataTable):
        for r in range(table.row_count):
            out += [c.plain if isinstance(c, Text) else str(c) for c in table.get_row_at(r)]
    return out


async def test_worker_and_match_tables_show_markup_as_text(tmp_path: Path) -> None:
    root = build_hostile(tmp_path / "ws")
    app = make_app(root, blink=False)  # not the shared bundled catalogue: this workspace's own tool names count
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot)
        shown = cells(app)
        assert CRASH in shown and f"{SWALLOW}x" in shown and f"{CRASH} ws" in shown
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, WorkerScreen) and app.screen.worker_id == "w-001"
        app.open_match("w-002", "ws-palletising")
        for _ in range(50):  # the set-up search runs in a thread worker; under load it takes a while
            await settle(pilot)
            if app.screen.query_one("#setups", DataTable).row_count:
                break
        assert isinstance(app.screen, MatchScreen)
        shown = cells(app)
        assert f"{SWALLOW}stack [/] cartons" in shown, shown
        assert any(f"{SWALLOW}exo-back-passive [/] x" in c or f"{SWALLOW}cobot-palletiser [/] x" in c
                   for c in shown), shown
        assert all(c.count("bold red") == c.count(SWALLOW) for c in shown)
        detail = str(app.screen.query_one("#detail").render())  # the chosen set-up in words
        assert f"{SWALLOW}stack [/] cartons" in detail and detail.count("bold red") == detail.count(SWALLOW)
