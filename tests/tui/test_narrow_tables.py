"""At 80x24 the coach reads every table without scrolling sideways (issue 13, round 5 points 2 and 4).

The set-ups of a worker with a support status (w-001) fill seven columns; in
Dutch they needed 112 cells where 74 were free. The table now fits the room
it has and loses nothing: the support amount and every tool stay on screen.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from engine.loader import Catalog
from tui.screens.match import MatchScreen
from tui.widgets.setups import SetupDetail, SetupTable

from .conftest import AppFactory, settle


def cells(table: SetupTable) -> str:
    return "\n".join(str(getattr(c, "plain", c)) for row in table.rows for c in table.get_row(row))


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("station", ["ws-palletising", "ws-cardboard-packaging"])
async def test_the_setups_fit_80_columns(ws_copy: Path, new_app: AppFactory, catalog: Catalog, lang: str,
                                         station: str) -> None:
    app = new_app(ws_copy, lang=lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.push_screen(MatchScreen("w-001", station))
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, MatchScreen) and screen.rec is not None and screen.rec.has_support
        table = screen.query_one("#setups", SetupTable)
        assert table.virtual_size.width <= table.scrollable_content_region.width
        labels = [c.label.plain for c in table.columns.values()]
        assert labels[-1] == {"nl": "Hulpmiddelen", "en": "Tools"}[lang]
        assert {"nl": "Netto*", "en": "Net*"}[lang] in labels
        shown = cells(table)
        for view in screen.rec.setups:
            for tool in view.setup.tools:
                # a long name wraps inside its cell: every word of it is there
                assert all(word in shown for word in catalog.tool_name(tool, lang).split())
        # the support column made room; the detail panel states the support of the highlighted set-up
        best = screen.rec.setups[0].support
        assert best is not None
        detail = str(screen.query_one("#detail", SetupDetail).content)
        assert f"{best.support_cents // 100:,}".replace(",", "." if lang == "nl" else ",") in detail


async def test_a_wide_screen_keeps_every_column(ws_copy: Path, new_app: AppFactory) -> None:
    app = new_app(ws_copy, lang="nl")
    async with app.run_test(size=(200, 40)) as pilot:
        await app.push_screen(MatchScreen("w-001", "ws-palletising"))
        await settle(pilot)
        table = app.screen.query_one("#setups", SetupTable)
        labels = [c.label.plain for c in table.columns.values()]
        assert labels == ["#", "Kosten", "Tegemoetkoming*", "Netto*", "Toegankelijkheid", "Verwachte winst",
                          "Hulpmiddelen"]
        assert all(c.auto_width for c in table.columns.values())


@pytest.mark.parametrize("lang", ["en", "nl"])
async def test_the_editor_top_row_reads_cleanly_at_80_columns(ws_copy: Path, new_app: AppFactory, lang: str) -> None:
    from textual.widgets import Input, Label

    from tests.tui.test_workstation_editor import open_editor

    app = new_app(ws_copy, lang=lang)
    async with app.run_test(size=(80, 24)) as pilot:
        editor = await open_editor(app, pilot, "ws-cable-assembly")
        await settle(pilot)
        fields = {name: editor.query_one(f"#ws-{name}", Input) for name in ("id", "label", "department", "hours",
                                                                             "wage")}
        labels = {name: editor.query_one(f"#ws-{name}-label", Label) for name in fields}
        # the id and the label whole in their fields ("ws-cable-assembly", "Electronics and cable assembly")
        for name in ("id", "label"):
            assert len(fields[name].value) < fields[name].region.width
        # on each line every field ends before the next caption starts, with a gap; nothing off the screen
        for before, after in (("id", "label"), ("department", "hours"), ("hours", "wage")):
            assert fields[before].region.y == labels[after].region.y
            assert fields[before].region.right + 1 < labels[after].region.x
        assert all(f.region.right <= 80 and f.region.width >= 6 for f in fields.values())
        assert labels["id"].region.y != labels["department"].region.y


@pytest.mark.parametrize(("lang", "size"), [("nl", (80, 24)), ("en", (80, 24)), ("en", (120, 40))])
async def test_the_workstation_list_fits_without_sideways_scrolling(ws_copy: Path, new_app: AppFactory, lang: str,
                                                                    size: tuple[int, int]) -> None:
    from textual.widgets import DataTable

    app = new_app(ws_copy, lang=lang)
    async with app.run_test(size=size) as pilot:
        await pilot.press("t")
        await settle(pilot)
        table = app.screen.query_one("#stations-list", DataTable)
        assert table.virtual_size.width <= table.scrollable_content_region.width
        assert len(table.columns) >= 6
        shown = " ".join(str(getattr(c, "plain", c)) for row in table.rows for c in table.get_row(row))
        assert "Electronics and cable assembly" in shown  # a wrapped label is one cell: all of it is there
