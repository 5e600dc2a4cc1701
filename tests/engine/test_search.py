"""The exact set-up search (model v2) against an independent brute force of contract section 5.

The brute force enumerates every subset of the catalogue and scores it with
the literal reference model (`engine.accessibility`, exact fractions, the
2^k definition of expected accessibility); the search scores with bit sets
and integers. They must agree on the whole recommended list, in order.
"""

from __future__ import annotations

import functools
from fractions import Fraction
from itertools import combinations

from hypothesis import HealthCheck, given, settings

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
from engine.graph import GapToolGraph, build_graph
from engine.loader import Catalog, load_catalog
from engine.models import Effect, Task, Text, Tool, Worker, Workstation
from engine.setups import PairModel, search_setups
from engine.setups.bounds import Node
from tests.benchmarks.test_bench_recommend import worst_case
from tests.built_once import st
from tests.engine.strategies import COSTS, DIMS, TAGS, TERMS, stations, tools, workers

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
    """The search's keys, by the branch and bound (few=0) and by scoring every subset, which must agree."""
    graph = build_graph(worker, station, catalogue, TERMS)
    searched = search_setups(graph, budget=budget, top=top, few=0)
    scored = search_setups(graph, budget=budget, top=top, few=len(graph.tools))
    assert searched.exact and scored.exact
    assert [s.key() for s in scored.setups] == [s.key() for s in searched.setups]
    return [s.key() for s in searched.setups]


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


@st.composite
def wide_stations(draw: st.DrawFn) -> Workstation:
    """Up to six tasks, so that many tools share gaps and the bounds and prunings have work to do."""
    parts = draw(st.lists(stations(), min_size=1, max_size=3))
    tasks = [t for s in parts for t in s.tasks][:6]
    return parts[0].model_copy(update={"tasks": tasks})


@st.composite
def fine_stations(draw: st.DrawFn) -> Workstation:
    """Many tasks with high demands: a gap level is worth less than a point, as on real workstations."""
    tasks = [Task(name=f"t{i}", share=draw(st.sampled_from([0.05, 0.1, 0.2])),
                  tags=draw(st.frozensets(st.sampled_from(TAGS), max_size=2)),
                  demands=draw(st.dictionaries(st.sampled_from(DIMS), st.integers(3, 4), min_size=3, max_size=3)))
             for i in range(draw(st.integers(6, 14)))]
    return Workstation(id="s", features=["power", "fixed_bench"], tasks=tasks)


@st.composite
def twinned(draw: st.DrawFn, max_tools: int) -> list[Tool]:
    """A catalogue where some tools come twice: same effects at another price (or the same), so one dominates."""
    base = draw(tools(max_tools=max_tools))
    out = list(base)
    for tool in base[: draw(st.integers(0, 3))]:
        out.append(tool.model_copy(update={"id": f"{tool.id}b", "conflicts_with": [],
                                           "cost_eur": draw(st.sampled_from(COSTS))}))
    return out


@st.composite
def low_workers(draw: st.DrawFn) -> Worker:
    """A worker at level 1 or 2 on most dimensions, so that fine stations have many gaps."""
    worker = draw(workers())
    return worker.model_copy(update={"capacities": {**worker.capacities, **{d: draw(st.integers(1, 2)) for d in DIMS}}})


def exhaustive(graph: GapToolGraph, budget: float | None) -> list[Key]:
    """Every subset of the graph's tools scored by the pair model: the search's rules without its bounds."""
    limit = None if budget is None else cents(budget)
    model = PairModel(graph, graph.tools)
    n = len(graph.tools)
    scored: dict[int, tuple[int, int, int]] = {}
    for mask in range(1 << n):
        idx = [i for i in range(n) if mask >> i & 1]
        if any(conflicting(graph.tools[a], graph.tools[b]) for a, b in combinations(idx, 2)):
            continue
        cost = model.cost(mask)
        if limit is not None and cost > limit:
            continue
        scored[mask] = (model.ea_points(mask), model.cv_points(model.atoms_of(mask)), cost)
    keys = []
    distinct = set(scored.values())
    for mask, (ea, cv, cost) in scored.items():
        idx = [i for i in range(n) if mask >> i & 1]
        if not mask or any(scored[mask & ~(1 << i)][0] >= ea and scored[mask & ~(1 << i)][1] >= cv for i in idx):
            continue
        if any(b[0] >= ea and b[1] >= cv and b[2] <= cost and b != (ea, cv, cost) for b in distinct):
            continue
        keys.append(setup_key(ea, cv, cost, [graph.tools[i] for i in idx]))
    return sorted(keys)


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(workers(), st.one_of(wide_stations(), fine_stations()), twinned(max_tools=8), BUDGETS)
def test_search_equals_exhaustive_on_wider_catalogues(worker: Worker, station: Workstation, catalogue: list[Tool],
                                                      budget: float | None) -> None:
    """Up to 11 tools and 6 tasks: the prunings (bounds, shadowed and dominated tools) lose nothing."""
    graph = build_graph(worker, station, catalogue, TERMS)
    result = search_setups(graph, budget=budget, top=None, few=0)
    assert result.exact
    assert [s.key() for s in result.setups] == exhaustive(graph, budget)
    if len(graph.tools) <= 8:
        scored = search_setups(graph, budget=budget, top=None, few=8)
        assert [s.key() for s in scored.setups] == exhaustive(graph, budget)


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(low_workers(), fine_stations(), twinned(max_tools=6), st.data())
def test_node_bounds_hold_for_every_set_up_below(worker: Worker, station: Workstation, catalogue: list[Tool],
                                                  data: st.DataObject) -> None:
    """A node's score bounds are never below, and its cost bounds never above, a set-up of its subtree."""
    check_node_bounds(build_graph(worker, station, catalogue, TERMS), data)


@functools.cache
def _worst_case_graph(seed: int) -> tuple[Catalog, Worker, Workstation, GapToolGraph]:
    # Loaded once per seed: the catalogue and the full graph are the same in every example.
    catalog = load_catalog()
    worker, station = worst_case(catalog, seed)
    return catalog, worker, station, build_graph(worker, station, list(catalog.tools.values()), catalog.terms())


@settings(deadline=None, max_examples=60, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.integers(0, 9), st.data())
def test_node_bounds_hold_on_the_bundled_worst_case(seed: int, data: st.DataObject) -> None:
    """The same on the benchmark's 24-task worst case with 8 of its tools: gap levels worth under a point."""
    catalog, worker, station, graph = _worst_case_graph(seed)
    kept = data.draw(st.lists(st.sampled_from(graph.tools), min_size=2, max_size=8, unique_by=lambda t: t.id))
    check_node_bounds(build_graph(worker, station, kept, catalog.terms()), data)


def check_node_bounds(graph: GapToolGraph, data: st.DataObject) -> None:
    """Draw a node (a set-up and the tools that may join it) and check its bounds on every set-up below it."""
    model = PairModel(graph, graph.tools)
    n = len(graph.tools)
    if n < 2:
        return
    mask = data.draw(st.integers(0, (1 << n) - 1))
    rest = data.draw(st.integers(1, (1 << n) - 1)) & ~mask
    if not rest:
        return
    atoms = model.atoms_of(mask)
    unique = 0
    for i in range(n):
        if mask >> i & 1:
            others = model.atoms_of(mask & ~(1 << i))
            unique |= model.atoms[i] & ~others
    point = (model.ea_points(mask), model.cv_points(atoms), model.cost(mask))
    node = Node(model, mask, atoms, model.cost(mask), rest, point, unique)
    sub = rest
    while sub:
        x = mask | sub
        ea, cv, cost = model.ea_points(x), model.cv_points(model.atoms_of(x)), model.cost(x)
        assert ea <= node.ea_ub and cv <= node.cv_ub
        for e in range(point[0], ea + 1):
            for c in range(point[1], cv + 1):
                assert node.least_cost(e, c) <= cost
        idx = [i for i in range(n) if x >> i & 1]
        irredundant = all(not (model.ea_points(x & ~(1 << i)) >= ea
                               and model.cv_points(model.atoms_of(x & ~(1 << i))) >= cv) for i in idx)
        if irredundant:
            assert cv >= node.least_coverage()
        sub = (sub - 1) & rest


def test_twins_at_one_price_are_both_listed_and_a_dearer_twin_never() -> None:
    """Swapping a tool for a cheaper one with the same effects dominates; at the same price it only ties."""
    def tool(tid: str, cost: float) -> Tool:
        return Tool(id=tid, name=Text(en=tid, nl=tid), category="cobot", measure="technical", iso9999="28 21",
                    examples=["x"], effects=[Effect(dimension="lifting", boost=2)],
                    cost_eur=cost, yearly_eur=0.0, evidence="strong", sources=["https://example.org"])

    worker = Worker(id="w", capacities={"lifting": 1})
    station = Workstation(id="s", tasks=[Task(name="lift", share=1, demands={"lifting": 3})])
    tied = fast(worker, station, [tool("a", 100.0), tool("b", 100.0), tool("c", 300.0)], None)
    listed = [k[-1] for k in tied]
    assert ("a",) in listed and ("b",) in listed  # equal points: neither dominates the other
    assert not any("c" in ids for ids in listed)  # c is a dearer a
