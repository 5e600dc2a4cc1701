"""Benchmarks of batch matching at firm scale, and of the naive route beside it (make bench).

Run one size alone with `-k firm_1000` or `-k firm_5000`. Each firm is
generated once per session into a temporary folder; a timed round loads the
workspace and matches it (end to end). Peak memory is measured in a separate,
untimed run under tracemalloc (numpy reports its buffers to it), and the
process's peak resident size is recorded too.
"""

from __future__ import annotations

import random
import resource
import time
import tracemalloc
from collections.abc import Callable
from fractions import Fraction
from pathlib import Path

import networkx as nx
import pytest
from pytest_benchmark.fixture import BenchmarkFixture

from engine.accessibility import points
from engine.generate import generate_firm, write_firm
from engine.graph import build_graph
from engine.loader import Catalog, Workspace, load_workspace
from engine.match import MatchResult, match
from engine.setups import search_setups


@pytest.fixture(scope="session")
def firms(tmp_path_factory: pytest.TempPathFactory, catalog: Catalog) -> Callable[[int, int, int], Path]:
    made: dict[tuple[int, int, int], Path] = {}

    def firm(workers: int, stations: int, positions: int) -> Path:
        key = (workers, stations, positions)
        if key not in made:
            root = tmp_path_factory.mktemp(f"firm_{workers}x{stations}x{positions}")
            write_firm(root, catalog, workers, stations, seed=42, positions=positions)
            made[key] = root
        return made[key]

    return firm


def end_to_end(root: Path, catalog: Catalog, **options: object) -> MatchResult:
    return match(load_workspace(root, catalog=catalog), **options)  # type: ignore[arg-type]


def record_memory(benchmark: BenchmarkFixture, run: Callable[[], object]) -> None:
    tracemalloc.start()
    try:
        run()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    benchmark.extra_info["tracemalloc_peak_mb"] = round(peak / 2**20, 1)
    benchmark.extra_info["max_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def describe(benchmark: BenchmarkFixture, result: MatchResult) -> None:
    benchmark.extra_info.update({
        "placed": len(result.assignments), "unplaced": len(result.unassigned), "exact": result.exact,
        "gap": result.gap, "solver": result.solver, "expected_sum": result.expected_after_sum,
        "cost_eur": result.cost_eur, **{k: v for k, v in result.stats.items() if isinstance(v, int)},
    })


@pytest.mark.parametrize("objective", ["total", "fair"])
def test_firm_1000x200x5(benchmark: BenchmarkFixture, firms: Callable[[int, int, int], Path], catalog: Catalog,
                         objective: str) -> None:
    """Target: under 15 s end to end, exact."""
    root = firms(1000, 200, 5)
    result = benchmark.pedantic(end_to_end, args=(root, catalog), kwargs={"objective": objective},
                                rounds=3, iterations=1)
    assert result.exact and result.gap == 0.0
    describe(benchmark, result)
    record_memory(benchmark, lambda: end_to_end(root, catalog, objective=objective))


UNSURE_CATEGORIES = 12
"""The issue's firm: every worker keeps using tools of this many categories with probability below 1."""


@pytest.fixture(scope="module")
def unsure_firm(catalog: Catalog) -> Workspace:
    """1,000 workers x 200 workstations x 5 positions, acceptance 0.7-0.95 for 12 categories (every tool unsure).

    The generated acceptance (body-worn tools) is kept where it is set; the
    12 categories are the first in catalogue order, the values drawn with a
    fixed seed.
    """
    people, places = generate_firm(catalog, 1000, 200, seed=42, positions=5)
    rng = random.Random(7)
    unsure = sorted(catalog.vocabulary.categories)[:UNSURE_CATEGORIES]
    people = [w.model_copy(update={"acceptance": {**{c: rng.choice((0.7, 0.8, 0.9, 0.95)) for c in unsure},
                                                  **w.acceptance}}) for w in people]
    return Workspace(None, catalog, {w.id: w for w in people}, {s.id: s for s in places})


def test_unsure_firm_1000x200x5(benchmark: BenchmarkFixture, unsure_firm: Workspace) -> None:
    """The issue's benchmark (issue 10 point 7). Target: under 15 s, exact.

    Hard: not every placed worker reaches 100 expected points, so the lazy
    scores must settle below their bounds.
    """
    assert all(sum(1 for v in w.acceptance.values() if v < 1) >= UNSURE_CATEGORIES
               for w in unsure_firm.workers.values())
    result = benchmark.pedantic(match, args=(unsure_firm,), rounds=3, iterations=1)
    assert result.exact and result.gap == 0.0
    assert any(a.expected_accessibility_after < 1.0 for a in result.assignments)
    describe(benchmark, result)


def test_unsure_firm_1000x200x5_budget(benchmark: BenchmarkFixture, unsure_firm: Workspace) -> None:
    """The issue's shared-budget benchmark (issue 10 point 7): EUR 20,000 on the unsure firm.

    Target: under 30 s with a proven gap under 0.5%. The budget binds (the answer without it costs far
    more), and the answer keeps within it in total cost (one-off + horizon x yearly).
    """
    budget = 20000.0
    result = benchmark.pedantic(match, args=(unsure_firm,), kwargs={"budget": budget}, rounds=1, iterations=1)
    assert result.bound is not None and result.bound >= result.expected_after_sum
    assert result.gap < 0.005
    assert result.exact == (result.gap == 0.0)
    spent = sum(a.total_cost_eur for a in result.assignments)
    assert spent <= budget + 1e-6
    assert result.solver == "lagrangian"  # the answer without the budget does not fit it: the budget binds
    describe(benchmark, result)
    benchmark.extra_info["total_cost_eur"] = round(spent, 2)


def test_firm_1000x200x5_budget(benchmark: BenchmarkFixture, firms: Callable[[int, int, int], Path],
                                catalog: Catalog) -> None:
    """A shared budget too small for everything: the Lagrangian route, with its proven gap."""
    root = firms(1000, 200, 5)
    result = benchmark.pedantic(end_to_end, args=(root, catalog), kwargs={"budget": 20000.0}, rounds=1,
                                iterations=1)
    assert result.bound is not None and result.bound >= result.expected_after_sum
    describe(benchmark, result)


@pytest.mark.slow
@pytest.mark.parametrize("shape", [(5000, 200, 5), (5000, 1000, 1)], ids=["200x5", "1000x1"])
def test_firm_5000x1000_positions(benchmark: BenchmarkFixture, firms: Callable[[int, int, int], Path],
                                  catalog: Catalog, shape: tuple[int, int, int]) -> None:
    """Target: under 2 minutes end to end, peak memory under 2 GB."""
    root = firms(*shape)
    result = benchmark.pedantic(end_to_end, args=(root, catalog), rounds=1, iterations=1)
    assert result.exact
    describe(benchmark, result)
    record_memory(benchmark, lambda: end_to_end(root, catalog))


def naive(ws: Workspace) -> float:
    """Exact set-ups for every pair, then networkx's max_weight_matching over expanded positions."""
    graph = nx.Graph()
    tools = list(ws.catalog.tools.values())
    for worker in ws.workers.values():
        for station in ws.workstations.values():
            result = search_setups(build_graph(worker, station, tools, ws.terms()), top=1)
            best = result.setups[0] if result.setups else result.baseline
            if best.ea_points > 0:
                for k in range(station.positions):
                    graph.add_edge(("w", worker.id), ("p", station.id, k), weight=best.ea_points)
    matching = nx.max_weight_matching(graph)
    return sum(graph.edges[u, v]["weight"] for u, v in matching)


@pytest.fixture(scope="module")
def small(catalog: Catalog) -> Workspace:
    people, places = generate_firm(catalog, 200, 40, seed=3, positions=2)
    return Workspace(None, catalog, {w.id: w for w in people}, {s.id: s for s in places})


def test_small_firm_naive_route(benchmark: BenchmarkFixture, small: Workspace) -> None:
    """The slow route beside ours: same optimum, and the time ratio in extra_info."""
    total = benchmark.pedantic(naive, args=(small,), rounds=3, iterations=1)
    start = time.perf_counter()
    ours = match(small)
    benchmark.extra_info["ours_s"] = round(time.perf_counter() - start, 4)
    # The naive route sums whole EA points (contract section 7); ours reports accessibility as fractions.
    ours_points = sum(points(Fraction(a.expected_accessibility_after).limit_denominator(10**9))
                      for a in ours.assignments)
    assert ours_points == total


def test_small_firm_ours(benchmark: BenchmarkFixture, small: Workspace) -> None:
    result = benchmark.pedantic(match, args=(small,), rounds=5, iterations=1)
    assert result.exact
    describe(benchmark, result)
