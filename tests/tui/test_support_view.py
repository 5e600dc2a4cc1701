"""Pilot tests of the support estimates in the TUI (issue 14 point 3): set-up table, order by net cost, batch totals."""

from __future__ import annotations

from textual.widgets import DataTable, Static

from engine.loader import Workspace
from engine.match import match
from engine.recommend import recommend
from i18n import money
from tui.screens.batch import BatchScreen
from tui.screens.match import MatchScreen
from tui.widgets.setups import SetupDetail, SetupTable

from .conftest import AppFactory, settle


def column_labels(table: DataTable[object]) -> list[str]:
    return [c.label.plain for c in table.columns.values()]


def cell(table: DataTable[object], row: int, column: str) -> str:
    return str(table.get_cell_at((row, list(table.columns).index(column))))  # type: ignore[arg-type]


async def test_setups_show_support_and_net_cost_for_a_worker_with_support(new_app: AppFactory, demo: Workspace) -> None:
    expected = recommend(demo.catalog, demo.workers["w-001"], demo.workstations["ws-palletising"],
                         terms=demo.terms(), weeks_per_year=demo.settings.weeks_per_year)
    app = new_app()
    # Wide enough for every column; below its natural width the table leaves the support column to the
    # detail panel (tests/tui/test_narrow_tables.py).
    async with app.run_test(size=(200, 40)) as pilot:
        screen = MatchScreen("w-001", "ws-palletising")
        await app.push_screen(screen)
        await settle(pilot)
        table = screen.query_one("#setups", SetupTable)
        assert column_labels(table)[:4] == ["#", "Cost", "Support*", "Net*"]
        assert table.row_count == len(expected.setups) == 5
        for row, view in enumerate(expected.setups):
            assert view.support is not None
            assert cell(table, row, "support") == money(view.support.support_cents / 100, "en")
            assert cell(table, row, "net") == money(view.support.net_cents / 100, "en")
        # The first set-up (cobot palletiser ...): €122,850 total, €109,500 support, €13,350 net.
        assert (cell(table, 0, "cost"), cell(table, 0, "support"), cell(table, 0, "net")) == (
            "€122,850", "€109,500", "€13,350")
        detail = str(screen.query_one("#detail", SetupDetail).render())
        assert "Support* €109,500 → net cost* €13,350" in detail
        assert "VDAB decides the amount" in detail
        assert "Allowance for adapting the workstation · Cobot palletiser (the employer applies)" in detail
        assert "by total cost" in str(screen.query_one("#setups-title").render())


async def test_n_orders_the_setups_by_net_cost_and_back(new_app: AppFactory) -> None:
    app = new_app(lang="nl")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = MatchScreen("w-001", "ws-palletising")
        await app.push_screen(screen)
        await settle(pilot)
        table = screen.query_one("#setups", SetupTable)
        by_total = [cell(table, r, "net") for r in range(table.row_count)]
        await pilot.press("n")
        await settle(pilot)
        assert screen.rec is not None and screen.rec.rank_by == "net"
        by_net = [cell(table, r, "net") for r in range(table.row_count)]
        # The same set-ups, re-sorted: cheapest net cost first.
        assert sorted(by_net) == sorted(by_total) and by_net != by_total
        nets = [v.support.net_cents for v in screen.rec.setups if v.support is not None]
        assert nets == sorted(nets) and nets[0] == 255_000
        assert by_net[0] == "€\xa02.550" and table.cursor_row == 0
        assert "volgens nettokost*" in str(screen.query_one("#setups-title").render())
        await pilot.press("n")
        await settle(pilot)
        assert [cell(table, r, "net") for r in range(table.row_count)] == by_total
        assert "volgens totale kost" in str(screen.query_one("#setups-title").render())


async def test_a_worker_without_support_gets_no_support_columns_and_keeps_the_order(new_app: AppFactory) -> None:
    app = new_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = MatchScreen("w-017", "ws-lamp-assembly")
        await app.push_screen(screen)
        await settle(pilot)
        table = screen.query_one("#setups", SetupTable)
        assert "Support*" not in column_labels(table) and "Net*" not in column_labels(table)
        assert "VDAB" not in str(screen.query_one("#detail", SetupDetail).render())
        before = screen.rec
        await pilot.press("n")
        await settle(pilot)
        assert app.session.rank_by == "total" and screen.rec is not None and screen.rec.rank_by == "total"
        assert before is not None and [v.setup.tools for v in screen.rec.setups] == [
            v.setup.tools for v in before.setups]


async def test_batch_shows_the_support_and_net_totals_of_werkpost_match(new_app: AppFactory, demo: Workspace) -> None:
    totals = match(demo).to_dict()["totals"]
    app = new_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await app.push_screen(BatchScreen())
        await pilot.press("r")
        await settle(pilot)
        status = str(app.screen.query_one("#batch-status", Static).render())
        assert f"Total cost {money(totals['total_cost_eur'], 'en')}" in status
        assert f"Support* {money(totals['support_eur'], 'en')}" in status
        assert f"Net cost* {money(totals['net_cost_eur'], 'en')}" in status
        assert totals["support_eur"] > 0 and totals["net_cost_eur"] < totals["total_cost_eur"]
        assert "VDAB decides the amount" in status
        table = app.screen.query_one("#assignments", DataTable)
        assert "Net*" in column_labels(table)
        w003 = table.get_row_index("w-003")
        assert cell(table, w003, "net") != "-"


def test_the_net_cost_names_the_worker_only_where_the_worker_pays(demo: Workspace) -> None:
    from engine.support import SetupSupport, SupportEntry
    from tui.widgets.setups import support_text

    assert demo.catalog.funding is not None
    measure = next(m for m in demo.catalog.funding.measures if m.id == "btom-work-tools")
    entry = SupportEntry("exo-back-passive", measure, 150_000, "basis")
    # The worker buys a €2,000 work tool; the measure pays €1,500; the employer has €900 of running costs.
    worker_pays = SetupSupport([entry], 290_000, 150_000, 0, {"worker": 200_000, "employer": 90_000},
                               {"worker": 150_000})
    shown = support_text(demo.catalog, worker_pays, "en").plain
    assert "Support* €1,500 → net cost* €1,400 (employer €900, worker €500)" in shown
    assert "€1,500 Allowance for work tools and work clothing · Passive back-support exoskeleton " \
           "(the worker applies)" in shown
    employer_only = SetupSupport([entry], 290_000, 200_000, 0, {"worker": 200_000, "employer": 90_000},
                                 {"worker": 200_000})
    shown = support_text(demo.catalog, employer_only, "nl").plain
    assert "nettokost* €\xa0900\n" in shown and "werknemer €" not in shown
    assert "Alleen een schatting: VDAB beslist over het bedrag." in shown
