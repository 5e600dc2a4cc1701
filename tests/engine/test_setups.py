"""The exact set-up search against an independent brute force, and its edge cases."""

from __future__ import annotations

from itertools import combinations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from engine.accessibility import evaluate, expected_accessibility
from engine.graph import build_graph
from engine.models import Effect, Requirements, Task, Text, Tool, Worker, Workstation
from engine.setups import search_setups
from tests.engine.strategies import stations, tools, workers

Key = tuple[float, float, float, int, int, tuple[str, ...]]


def brute_force(worker: Worker, station: Workstation, catalogue: list[Tool], budget: float | None) -> list[Key]:
    """Every subset of the catalogue, straight from the contract's words."""
    def feasible(t: Tool) -> bool:
        return (t.category not in worker.avoid_categories
                and all(f in station.features for f in t.requires.features)
                and all(worker.capacity(d) >= m for d, m in t.requires.capacities.items()))

    usable = [t for t in catalogue if feasible(t)]
    scored = {}
    for r in range(len(usable) + 1):
        for combo in combinations(usable, r):
            ids = {t.id for t in combo}
            if any(c in ids for t in combo for c in t.conflicts_with):
                continue
            cost = round(sum(t.cost_eur for t in combo), 2)
            if budget is not None and cost > budget:
                continue
            out = evaluate(worker, station, combo)
            ea = expected_accessibility(worker, station, combo)
            scored[frozenset(ids)] = (ea, out.coverage, cost, sum(t.measure == "personal" for t in combo))

    def irredundant(s: frozenset[str]) -> bool:
        ea, cov, _, _ = scored[s]
        return all(not (scored[s - {t}][0] >= ea and scored[s - {t}][1] >= cov) for t in s)

    def dominated(a: tuple[float, float, float, int]) -> bool:
        return any(b[0] >= a[0] and b[1] >= a[1] and b[2] <= a[2] and (b[0] > a[0] or b[1] > a[1] or b[2] < a[2])
                   for b in scored.values())

    keys = [(-v[0], -v[1], v[2], v[3], len(s), tuple(sorted(s)))
            for s, v in scored.items() if s and irredundant(s) and not dominated(v)]
    return sorted(keys)


def fast(worker: Worker, station: Workstation, catalogue: list[Tool], budget: float | None,
         sweep_below: int = 12) -> list[Key]:
    graph, _ = build_graph(worker, station, catalogue)
    result = search_setups(worker, station, graph, budget=budget, top=None, sweep_below=sweep_below)
    assert result.exact
    return [s.key() for s in result.setups]


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(workers(), stations(), tools(), st.one_of(st.none(), st.sampled_from([0.0, 100.0, 400.0, 1500.0])))
def test_search_equals_brute_force(worker: Worker, station: Workstation, catalogue: list[Tool],
                                   budget: float | None) -> None:
    expected = brute_force(worker, station, catalogue, budget)
    # Both routes: one walk over every set-up, and a branch and bound round per set-up.
    assert fast(worker, station, catalogue, budget) == expected
    assert fast(worker, station, catalogue, budget, sweep_below=0) == expected


@settings(deadline=None)
@given(workers(), stations(), tools(), st.sampled_from([None, 400.0]), st.integers(1, 4))
def test_top_n_is_a_prefix_of_the_whole_list(worker: Worker, station: Workstation, catalogue: list[Tool],
                                             budget: float | None, top: int) -> None:
    graph, _ = build_graph(worker, station, catalogue)
    whole = search_setups(worker, station, graph, budget=budget, top=None).setups
    for sweep in (0, 12):
        assert search_setups(worker, station, graph, budget=budget, top=top, sweep_below=sweep).setups == whole[:top]


@settings(deadline=None)
@given(workers(), stations(), tools(), st.sampled_from([0.0, 100.0, 400.0]))
def test_a_budget_never_raises_the_best(worker: Worker, station: Workstation, catalogue: list[Tool],
                                        budget: float) -> None:
    def best(b: float | None) -> float:
        graph, _ = build_graph(worker, station, catalogue)
        r = search_setups(worker, station, graph, budget=b, top=1)
        return r.setups[0].expected_accessibility if r.setups else r.baseline.expected_accessibility

    assert best(budget) <= best(budget * 2 + 1) <= best(None)


@settings(deadline=None)
@given(workers(), stations(), tools())
def test_adding_a_tool_never_lowers_accessibility(worker: Worker, station: Workstation,
                                                   catalogue: list[Tool]) -> None:
    for r in range(len(catalogue)):
        smaller = evaluate(worker, station, catalogue[:r])
        larger = evaluate(worker, station, catalogue[: r + 1])
        assert larger.accessibility >= smaller.accessibility
        assert larger.coverage >= smaller.coverage
        assert (expected_accessibility(worker, station, catalogue[: r + 1])
                >= expected_accessibility(worker, station, catalogue[:r]))


# ------------------------------------------------------------ edge cases by hand


def _tool(tid: str, dim: str, boost: int, cost: float = 100.0, **kw: object) -> Tool:
    return Tool.model_validate({
        "id": tid, "name": {"en": tid, "nl": tid}, "category": kw.pop("category", "cobot"),
        "measure": kw.pop("measure", "technical"), "iso9999": "28 21", "examples": ["x"],
        "effects": [{"dimension": dim, "boost": boost}], "cost_eur": cost, "yearly_eur": 0,
        "evidence": "moderate", "sources": ["https://example.org"], **kw,
    })


STATION = Workstation(id="s", tasks=[
    Task(name="lift", share=0.6, demands={"lifting": 3}),
    Task(name="read", share=0.4, demands={"reading": 3}),
])


def _run(worker: Worker, catalogue: list[Tool], budget: float | None = None) -> list[tuple[str, ...]]:
    graph, _ = build_graph(worker, STATION, catalogue)
    return [s.tools for s in search_setups(worker, STATION, graph, budget=budget).setups]


def test_no_gaps_means_no_setups() -> None:
    assert _run(Worker(id="w"), [_tool("a", "lifting", 2)]) == []


def test_nothing_helps() -> None:
    assert _run(Worker(id="w", capacities={"lifting": 1}), [_tool("a", "hearing", 2)]) == []


def test_all_tools_avoided() -> None:
    worker = Worker(id="w", capacities={"lifting": 1}, avoid_categories=["cobot"])
    assert _run(worker, [_tool("a", "lifting", 3)]) == []


def test_zero_budget_keeps_only_free_tools() -> None:
    worker = Worker(id="w", capacities={"lifting": 1})
    catalogue = [_tool("paid", "lifting", 2, cost=500), _tool("free", "lifting", 1, cost=0)]
    assert _run(worker, catalogue, budget=0) == [("free",)]


def test_conflicting_pair_that_would_be_best_is_never_together() -> None:
    worker = Worker(id="w", capacities={"lifting": 1, "reading": 1})
    catalogue = [
        _tool("lift", "lifting", 2, conflicts_with=["read"]),
        _tool("read", "reading", 2),
        _tool("read2", "reading", 2, cost=900),
    ]
    found = _run(worker, catalogue)
    assert ("lift", "read") not in found
    assert found[0] == ("lift", "read2")


def test_acceptance_zero_gives_no_expected_gain_but_coverage() -> None:
    worker = Worker(id="w", capacities={"lifting": 1}, acceptance={"exoskeleton": 0.0})
    graph, _ = build_graph(worker, STATION, [_tool("exo", "lifting", 2, category="exoskeleton")])
    result = search_setups(worker, STATION, graph)
    [setup] = result.setups
    assert setup.accessibility == 1.0
    assert setup.expected_accessibility == result.baseline.expected_accessibility == 0.4


def test_technical_before_personal_on_a_tie() -> None:
    worker = Worker(id="w", capacities={"lifting": 1})
    catalogue = [_tool("exo", "lifting", 2, measure="personal"), _tool("lifter", "lifting", 2)]
    assert _run(worker, catalogue) == [("lifter",), ("exo",)]


def test_task_tags_limit_an_effect() -> None:
    station = Workstation(id="s", tasks=[
        Task(name="a", share=0.5, tags=frozenset({"assembly"}), demands={"reading": 3}),
        Task(name="b", share=0.5, tags=frozenset({"paperwork"}), demands={"reading": 3}),
    ])
    tool = Tool.model_validate({**_tool("ar", "reading", 2).model_dump(),
                                "effects": [Effect(dimension="reading", boost=2, task_tags=frozenset({"assembly"}))]})
    worker = Worker(id="w", capacities={"reading": 1})
    assert evaluate(worker, station, [tool]).accessible == (True, False)


def test_requirements_exclude_with_a_reason() -> None:
    worker = Worker(id="w", capacities={"lifting": 1, "vision": 1})
    tool = _tool("ar", "lifting", 2, requires=Requirements(features=["power"], capacities={"vision": 2}))
    _graph, excluded = build_graph(worker, STATION, [tool])
    assert [e.reason for e in excluded] == ["feature", "capacity"]
    assert "needs vision >= 2 (worker: 1)" in excluded[1].detail


def test_node_limit_is_reported_not_silent() -> None:
    worker = Worker(id="w", capacities={"lifting": 0, "reading": 0})
    catalogue = [_tool(f"t{i}", "lifting" if i % 2 else "reading", 1 + i % 3, cost=10 * i) for i in range(8)]
    graph, _ = build_graph(worker, STATION, catalogue)
    assert not search_setups(worker, STATION, graph, node_limit=2).exact
    assert search_setups(worker, STATION, graph).exact


def test_names_are_plain() -> None:
    assert Text(en="a", nl="b").get("nl") == "b"
