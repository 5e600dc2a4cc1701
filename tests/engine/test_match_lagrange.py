"""The shared-budget relaxation's shortcuts against the plain computation they replace.

`engine.match.lagrange` prices most pairs without a set-up search: an
unscored pair worth exactly its empty set-up is settled without one, a
scored pair is searched only up to the cost that can count near the current
lambda (a tail bound says when to search further), and a best-response
prefetch chooses which pairs to score. None of that may change L(lambda):
each test here compares with every pair's full frontier.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from scipy.optimize import linear_sum_assignment

from engine.loader import Catalog
from engine.match.assign import LazyScores, position_columns, solve_total
from engine.match.lagrange import Lagrangian
from engine.match.pairs import PairTable
from engine.match.prices import column_prices, duals
from engine.models import Worker, Workstation
from engine.units import to_units
from tests.engine.strategies import Firm, firms
from tests.engine.test_match import workspace
from tests.engine.test_match_budget import tool

SETTINGS = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])

LAMBDAS = st.lists(st.sampled_from([0.0, 1e-4, 5e-4, 2e-3, 1e-2, 5e-2, 0.3]), min_size=1, max_size=5)
"""Prices per euro: the tools cost 0 to 1,450 euro over the horizon, so these span "everything" to "nothing"."""


def relaxation(catalog: Catalog, firm: Firm, budget: float, min_units: int) -> Lagrangian:
    """The relaxation as `engine.match.budget` builds it: after the route without the shared budget."""
    _, people, places = firm
    table = PairTable(workspace(catalog, *firm).catalog, people, places, budget=budget)
    lazy = LazyScores(table, table.bounds())
    cols = position_columns([s.positions for s in places], len(people))
    solve_total(lazy, cols, min_units)
    return Lagrangian(lazy, cols, min_units, budget, {}, {t.id: t.cost_eur for t in table.tools})


def full_value(catalog: Catalog, firm: Firm, budget: float, min_units: int, lam: float) -> float:
    """L(lam) the plain way: every pair's whole frontier, one assignment problem."""
    _, people, places = firm
    table = PairTable(workspace(catalog, *firm).catalog, people, places, budget=budget)
    w = np.zeros((len(people), len(places)))
    for i in range(len(people)):
        p = int(table.profile_of[i])
        for s in range(len(places)):
            for x in table.frontier(p, s):
                if to_units(x.expected_accessibility) >= max(min_units, 1):
                    w[i, s] = max(w[i, s], x.expected_accessibility - lam * x.cost_eur)
    cols = position_columns([s.positions for s in places], len(people))
    expanded = w[:, cols]
    rows, picked = linear_sum_assignment(expanded, maximize=True)
    return float(expanded[rows, picked].sum()) + lam * budget


@pytest.mark.parametrize("prefetch", [True, False])
@SETTINGS
@given(firm=firms(), budget=st.sampled_from([0.0, 100.0, 400.0, 5000.0]), lams=LAMBDAS,
       min_units=st.sampled_from([0, 0, 50 * 10**7]))
def test_the_lazy_relaxation_equals_the_full_one(catalog: Catalog, firm: Firm, budget: float, lams: list[float],
                                                 min_units: int, prefetch: bool) -> None:
    """L(lambda) over lazily scored pairs equals L(lambda) over every full frontier, lambda after lambda.

    The chosen set-ups are real and worth L(lambda) - lambda x budget at lambda (the assignment's line is
    exact), and their charged cost is what the line's slope says. Without the prefetch (which on small
    firms scores nearly every pair), the settled pairs and the tails of partly searched ones decide more.
    """
    lag = relaxation(catalog, firm, budget, min_units)
    if not prefetch:
        lag._in_play = lambda *args: None  # type: ignore[method-assign]
    for lam in lams:
        r = lag.relax(lam)
        assert r.value == pytest.approx(full_value(catalog, firm, budget, min_units, lam), abs=1e-9)
        worth = sum(x.expected_accessibility - lam * x.cost_eur for *_, x in r.chosen)
        assert r.value == pytest.approx(worth + lam * budget, abs=1e-9)
        assert r.slope == pytest.approx(budget - sum(x.cost_eur for *_, x in r.chosen), abs=1e-6)
        assert all(to_units(x.expected_accessibility) >= max(min_units, 1) for *_, x in r.chosen)


@SETTINGS
@given(firm=firms(), budget=st.sampled_from([0.0, 100.0, 400.0, 5000.0]), min_units=st.sampled_from([0, 90 * 10**7]))
def test_the_empty_setup_without_a_search_is_the_searched_one(catalog: Catalog, firm: Firm, budget: float,
                                                              min_units: int) -> None:
    """`Lagrangian.empty` (a model without tools) equals the frontier's first set-up, or None below the floor."""
    lag = relaxation(catalog, firm, budget, min_units)
    table = lag.lazy.table
    for p in range(len(table.representative)):
        for s in range(len(table.stations)):
            searched = table.frontier(p, s)[0]
            qualifies = to_units(searched.expected_accessibility) >= max(min_units, 1)
            assert lag.empty(p, s) == (searched if qualifies else None)
            # The relaxation's exact empty value is never above its starting upper value (a valid bound).
            assert lag.upper(0.0)[p, s] >= (searched.expected_accessibility if qualifies else 0.0) - 1e-12


@SETTINGS
@given(firm=firms(), budget=st.sampled_from([100.0, 400.0, 5000.0]),
       limit=st.sampled_from([0.0, 50.0, 149.99, 150.0, 300.0, 1000.0]))
def test_the_frontier_up_to_a_cost_is_the_full_frontier_there(catalog: Catalog, firm: Firm, budget: float,
                                                              limit: float) -> None:
    """`PairTable.frontier(p, s, limit)` lists exactly the full frontier's set-ups that cost up to `limit`."""
    _, people, places = firm
    cat = workspace(catalog, *firm).catalog
    whole = PairTable(cat, people, places, budget=budget)
    part = PairTable(cat, people, places, budget=budget)
    for p in range(len(whole.representative)):
        for s in range(len(places)):
            full = [x for x in whole.frontier(p, s) if x.cost_eur <= limit + 1e-9]
            got = part.frontier(p, s, limit)
            assert sorted(x.tools for x in got) == sorted(x.tools for x in full)
            assert {x.tools: x for x in got} == {x.tools: x for x in full}


@given(st.integers(1, 7), st.integers(0, 2**32 - 1))
def test_duals_prove_the_assignment_optimal(n: int, seed: int) -> None:
    """u_i + v_j >= w_ij everywhere, with equality on an optimal matching (what the prefetch prices by)."""
    w = np.random.default_rng(seed).integers(0, 5, size=(n, n)) / 4
    rows, match = linear_sum_assignment(w, maximize=True)
    u, v = duals(w, match)
    assert (u[:, None] + v[None, :] >= w - 1e-9).all()
    assert np.allclose(u + v[match], w[rows, match])


def lifting_firm() -> Firm:
    """One worker (lifting 1) at a station of a light (lifting 2) and a heavy (lifting 4) task, or a free one.

    `small` (EUR 100) closes the light task, `big` (EUR 1,000) both; each works with p = 0.9.
    """
    station = Workstation(id="s", tasks=[{"name": "light", "share": 0.5, "demands": {"lifting": 2}},
                                         {"name": "heavy", "share": 0.5, "demands": {"lifting": 4}}])
    return [tool("small", 1, 100), tool("big", 3, 1000)], [Worker(id="w", capacities={"lifting": 1})], [station]


def test_a_pair_searched_up_to_a_cost_is_searched_further_when_lambda_drops(catalog: Catalog) -> None:
    """At lambda 0.003 only set-ups up to EUR 627 can count: `big` is not searched; at 1e-4 it must be."""
    firm = lifting_firm()
    lag = relaxation(catalog, firm, 5000.0, 0)
    first = lag.relax(0.003)
    [(_, _, x)] = first.chosen
    assert x.tools == ("small",) and x.expected_accessibility == 0.45  # 0.45 - 0.3 beats nothing (0)
    assert lag.upto[0, 0] == pytest.approx(2 * 0.94 / 0.003, abs=0.01)  # the cap is 94 points (both tools)
    assert all(y.cost_eur <= lag.upto[0, 0] for y in lag.where[(0, 0)])
    second = lag.relax(1e-4)
    [(_, _, y)] = second.chosen
    # Both tools: light 1 - 0.1 x 0.1, heavy 0.9: 94 points for EUR 1,100, worth 0.83 (big alone: 0.80).
    assert y.tools == ("big", "small") and y.expected_accessibility == 0.94
    assert second.value == pytest.approx(0.94 - 0.11 + 0.5, abs=1e-9)
    assert lag.upto[0, 0] == 1100.0  # the best set-up's cost: nothing dearer scores more


def test_a_pair_worth_its_empty_setup_is_not_searched(catalog: Catalog) -> None:
    """With a free task, the empty set-up is worth 50 points; at lambda 0.01 `small` (0.95 - 1.0) is not."""
    kit, people, _ = lifting_firm()
    station = Workstation(id="s", tasks=[{"name": "sweep", "share": 0.5},
                                         {"name": "light", "share": 0.5, "demands": {"lifting": 2}}])
    lag = relaxation(catalog, ([kit[0]], people, [station]), 5000.0, 0)
    r = lag.relax(0.01)
    [(_, _, x)] = r.chosen
    assert x.tools == () and x.expected_accessibility == 0.5
    assert r.value == pytest.approx(0.5 + 50.0, abs=1e-9)
    assert not lag.known[0, 0]  # settled at its empty set-up, no frontier searched
    r = lag.relax(0.0044)  # small is worth 0.95 - 0.44, a point above the empty set-up: searched, taken
    assert [x.tools for *_, x in r.chosen] == [("small",)] and lag.known[0, 0]
    assert r.value == pytest.approx(0.51 + 22.0, abs=1e-9)


@given(st.integers(1, 6), st.integers(1, 6), st.integers(0, 2**32 - 1))
def test_column_prices_make_the_assignment_every_row_s_best_response(n_rows: int, n_cols: int, seed: int) -> None:
    """Rectangular too: a matched row's own column is its best response, an unmatched row's is staying out."""
    w = np.random.default_rng(seed).integers(0, 5, size=(n_rows, n_cols)) / 4
    rows, cols = linear_sum_assignment(w, maximize=True)
    price, stay = column_prices(w, rows, cols)
    response = w - price[None, :]
    own = np.full(n_rows, stay)
    own[rows] = response[rows, cols]
    assert (own[:, None] >= response - 1e-9).all()
    assert (own >= stay - 1e-9).all()
