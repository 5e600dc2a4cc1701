"""Pilot tests of issue 13 point 6 in the TUI: focus after returning, footer keys at 80x24, gaps in words."""

from __future__ import annotations

import pytest
from textual.color import Color
from textual.widget import Widget
from textual.widgets import DataTable, Label
from textual.widgets._footer import FooterKey

from engine.loader import Workspace
from engine.recommend import recommend
from tui.screens.batch import BatchScreen
from tui.screens.catalog import CatalogueScreen
from tui.screens.match import MatchScreen
from tui.screens.worker import WorkerScreen
from tui.screens.workspace import WorkspaceScreen
from tui.widgets.basic import pack_keys
from tui.widgets.setups import explain, level_words

from .conftest import AppFactory, settle


def panel_title_highlighted(widget: Widget) -> bool:
    """Whether the title of the panel holding `widget` is drawn in the focus colour."""
    panel = next(a for a in widget.ancestors if isinstance(a, Widget) and a.has_class("panel"))
    title = panel.query_one(".panel-title", Label)
    return bool(title.styles.background == Color.parse(widget.app.theme_variables["accent"]))


async def test_focus_comes_back_highlighted_after_another_screen(new_app: AppFactory) -> None:
    app = new_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        stations = app.screen.query_one("#stations", DataTable)
        await pilot.press("tab", "down", "down")
        assert app.focused is stations and panel_title_highlighted(stations)
        assert not panel_title_highlighted(app.screen.query_one("#workers", DataTable))
        await pilot.press("enter")  # the match of w-001 with the third workstation
        await settle(pilot)
        assert isinstance(app.screen, MatchScreen)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, WorkspaceScreen)
        assert app.focused is stations and stations.cursor_row == 2 and panel_title_highlighted(stations)


async def test_focus_in_a_scrolled_panel_is_in_view_after_the_profile(new_app: AppFactory) -> None:
    app = new_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await app.push_screen(MatchScreen("w-001", "ws-palletising"))
        await settle(pilot)
        match = app.screen
        await pilot.press("w")  # the workstation ranking, at the bottom of the narrow column
        await settle(pilot)
        ranking = match.query_one("#ranking", DataTable)
        assert app.focused is ranking
        await pilot.press("p")
        await settle(pilot)
        assert isinstance(app.screen, WorkerScreen)
        await pilot.press("4", "down", "4")  # lifting and carrying to 4: fewer gaps, other set-ups
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is match and app.focused is ranking
        body = match.query_one("#match-body")
        assert ranking.region.intersection(body.region).area > 0
        assert panel_title_highlighted(ranking)


def footer_keys_fit(app: object, width: int, height: int) -> list[str]:
    from tui.app import WerkpostApp

    assert isinstance(app, WerkpostApp)
    keys = list(app.screen.query(FooterKey))
    assert keys
    for key in keys:
        region = key.region
        assert region.width > 0 and region.right <= width and region.bottom <= height, (key.description, region)
    # No two keys share a cell.
    for i, a in enumerate(keys):
        for b in keys[i + 1:]:
            assert not a.region.overlaps(b.region), (a.description, b.description)
    return [k.description for k in keys]


@pytest.mark.parametrize(("lang", "help_word", "lang_word"), [("en", "Help", "Language"), ("nl", "Help", "Taal")])
async def test_at_80x24_every_footer_key_is_on_screen_in_every_view(
    new_app: AppFactory, lang: str, help_word: str, lang_word: str,
) -> None:
    app = new_app(lang=lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screens: list[Widget | None] = [None, WorkerScreen("w-001"), MatchScreen("w-001", "ws-palletising"),
                                        CatalogueScreen(), BatchScreen()]
        for screen in screens:
            if screen is not None:
                await app.push_screen(screen)  # type: ignore[arg-type]
                await settle(pilot)
            shown = footer_keys_fit(app, 80, 24)
            # The keys that fell off the end of a one-line footer: help and language.
            assert help_word in shown and lang_word in shown, (type(app.screen).__name__, shown)
            if screen is not None:
                app.pop_screen()
                await settle(pilot)


def test_pack_keys_fills_rows_in_order_within_the_width() -> None:
    keys = [FooterKey("a", "a", "x" * 10, "a"), FooterKey("b", "b", "y" * 10, "b"), FooterKey("c", "c", "z" * 3, "c")]
    # ' a ' + 10 + ' ' = 14 cells, and 14, and ' c ' + 3 + ' ' = 7: 35 in all.
    assert [[k.key for k in row] for row in pack_keys(list(keys), 35)] == [["a", "b", "c"]]
    assert [[k.key for k in row] for row in pack_keys(list(keys), 34)] == [["a", "b"], ["c"]]
    assert [[k.key for k in row] for row in pack_keys(list(keys), 21)] == [["a"], ["b", "c"]]
    assert [[k.key for k in row] for row in pack_keys(list(keys), 20)] == [["a"], ["b"], ["c"]]
    # Compact: 'a' + ' ' + 10 + a margin = 13, 13 and 6: one line of 32.
    assert [[k.key for k in row] for row in pack_keys(list(keys), 32, compact=True)] == [["a", "b", "c"]]
    assert len(pack_keys(list(keys), 32)) == 2


def test_remaining_gaps_read_as_words(demo: Workspace) -> None:
    assert level_words(1, 2, 3, "en") == "level 1 → 2 of 3 needed"
    assert level_words(1, 1, 3, "en") == "level 1 of 3 needed"
    assert level_words(0, 2, 4, "nl") == "niveau 0 → 2 van 4 nodig"
    rec = recommend(demo.catalog, demo.workers["w-017"], demo.workstations["ws-lamp-assembly"], budget=300)
    view = next(v for v in rec.setups if v.remaining)
    shown = explain(demo.catalog, rec, view, "en").plain
    r = view.remaining[0]
    assert f"level {r.gap.capacity}" in shown and f"of {r.gap.demand} needed" in shown
    assert "/" not in shown.split("Remains open")[-1]  # no "(1→2/3)"
