"""The exact set-up search (model v2) against an independent brute force of contract section 5.

The brute force enumerates every subset of the catalogue and scores it with
the literal reference model (`engine.accessibility`, exact fractions, the
2^k definition of expected accessibility); the search scores with bit sets
and integers. They must agree on the whole recommended list, in order.
"""

from __future__ import annotations

from fractions import Fraction
from itertools import combinations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from engine.accessibility import (
    Terms,
    cents,
    conflicting,
    evaluate,
    expected_accessibility,
    feasible,
    points,
    setup_key,
    total_cost_cents,
)
from engine.graph import build_graph
from engine.models import Tool, Worker, Workstation
from engine.setups import search_setups
from tests.engine.strategies import TERMS, stations, tools, workers

Key = tuple[int, int, int, int, int, tuple[str, ...]]
BUDGETS = st.one_of(st.none(), st.sampled_from([0.0, 100.0, 400.0, 1500.0]))


def brute_force(worker: Worker, station: Workstation, catalogue: list[Tool], budget: float | None,
                terms: Terms = TERMS) -> list[Key]:
    """Every subset of the catalogue, straight from the contract's words."""
    usable = [t for t in catalogue if feasible(worker, station, t, terms)]
    scored: dict[frozenset[str], tuple[int, int, int]] = {}
    keys: dict[frozenset[str], Key] = {}
    for r in range(len(usable) + 1):
        for combo in combinations(usable, r):
            if any(conflicting(a, b) for a, b in combinations(combo, 2)):
                continue
            cost = total_cost_cents(combo, terms)
            if budget is not None and cost > cents(budget):
                continue
            ea = points(expected_accessibility(worker, station, combo, terms))
            cv = points(evaluate(worker, station, combo, terms).coverage)
            ids = frozenset(t.id for t in combo)
            scored[ids] = (ea, cv, cost)
            keys[ids] = setup_key(ea, cv, cost, combo)

    def irredundant(s: frozenset[str]) -> bool:
        ea, cv, _ = scored[s]
        return all(not (scored[s - {t}][0] >= ea and scored[s - {t}][1] >= cv) for t in s)

    def dominated(a: tuple[int, int, int]) -> bool:
        return any(b[0] >= a[0] and b[1] >= a[1] and b[2] <= a[2] and b != a for b in scored.values())

    return sorted(keys[s] for s, v in scored.items() if s and irredundant(s) and not dominated(v))


def fast(worker: Worker, station: Workstation, catalogue: list[Tool], budget: float | None,
         top: int | None = None) -> list[Key]:
    result = search_setups(build_graph(worker, station, catalogue, TERMS), budget=budget, top=top)
    assert result.exact
    return [s.key() for s in result.setups]


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(workers(), stations(), tools(), BUDGETS)
def test_search_equals_brute_force(worker: Worker, station: Workstation, catalogue: list[Tool],
                                   budget: float | None) -> None:
    assert fast(worker, station, catalogue, budget) == brute_force(worker, station, catalogue, budget)


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(workers(), stations(), tools(), st.sampled_from([None, 400.0]), st.integers(1, 4))
def test_top_n_is_a_prefix_of_the_whole_list(worker: Worker, station: Workstation, catalogue: list[Tool],
                                             budget: float | None, top: int) -> None:
    whole = fast(worker, station, catalogue, budget)
    assert fast(worker, station, catalogue, budget, top=top) == whole[:top]


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(workers(), stations(), tools())
def test_search_numbers_equal_the_reference(worker: Worker, station: Workstation, catalogue: list[Tool]) -> None:
    """Every reported set-up's exact accessibility, coverage and expectation are the reference's."""
    result = search_setups(build_graph(worker, station, catalogue, TERMS), top=None)
    by_id = {t.id: t for t in catalogue}
    for s in [result.baseline, *result.setups]:
        combo = [by_id[i] for i in s.tools]
        out = evaluate(worker, station, combo, TERMS)
        assert (s.accessibility, s.coverage, s.accessible) == (out.accessibility, out.coverage, out.accessible)
        assert s.expected_accessibility == expected_accessibility(worker, station, combo, TERMS)


@settings(deadline=None)
@given(workers(), stations(), tools())
def test_adding_a_tool_never_lowers_anything(worker: Worker, station: Workstation, catalogue: list[Tool]) -> None:
    """The monotonicity the search's bounds rest on."""
    for r in range(len(catalogue)):
        smaller, larger = catalogue[:r], catalogue[: r + 1]
        a, b = evaluate(worker, station, smaller, TERMS), evaluate(worker, station, larger, TERMS)
        assert b.accessibility >= a.accessibility and b.coverage >= a.coverage
        assert (expected_accessibility(worker, station, larger, TERMS)
                >= expected_accessibility(worker, station, smaller, TERMS))


def test_points_are_exact_at_the_boundary() -> None:
    """The flaky v1 case: floats gave 92.8571429 one way and 92.8571428 the other; fractions are one number."""
    value = Fraction(1, 10) + Fraction(1, 2) * Fraction(1, 2) + Fraction(1, 10)
    assert points(value) == 45
    assert points(Fraction(13, 14)) == 92
    assert points(Fraction(99999999, 100000000)) == 100  # within the contract's 1e-6 slack
    assert points(Fraction(9999, 10000)) == 99
