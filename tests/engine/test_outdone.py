"""The search's node dominance (`engine.setups.bounds.Outdone`): a pruned subtree holds only dominated set-ups.

Each time the search drops a node because an earlier, cheaper node gave the
same atoms with the same tools that count for expected accessibility, every
set-up below the dropped node must be strictly dominated by a set-up that
exists: the earlier node with the same tools added. These tests record every
such drop during real searches and check that claim by scoring both sides.
"""

from __future__ import annotations

import random
from unittest import mock

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from engine.accessibility import cents
from engine.graph import GapToolGraph, build_graph
from engine.models import Effect, Task, Text, Tool, Worker, Workstation
from engine.setups import PairModel, search_setups
from engine.setups import search as search_module
from engine.setups.bounds import Outdone
from tests.engine.strategies import TERMS
from tests.engine.test_search import (
    BUDGETS,
    _worst_case_graph,
    brute_force,
    exhaustive,
    fine_stations,
    low_workers,
    twinned,
)

Drop = tuple[int, int, int, int]
"""(mask, cost, rest, the earlier node that outdid it)."""


class Recording(Outdone):
    """Outdone that keeps every drop it decides."""

    def __init__(self, model: PairModel) -> None:
        super().__init__(model)
        self.model = model
        self.drops: list[Drop] = []

    def by(self, mask: int, cost: int, atoms: int, rest: int, conflicts: int) -> int | None:
        earlier = super().by(mask, cost, atoms, rest, conflicts)
        if earlier is not None:
            self.drops.append((mask, cost, rest, earlier))
        return earlier


def recorded_search(graph: GapToolGraph, budget: float | None) -> tuple[Recording, list[str]]:
    """Run the branch and bound (every set-up, few=0) and return its recorder and the answer's tool ids."""
    made: list[Recording] = []

    def make(model: PairModel) -> Recording:
        made.append(Recording(model))
        return made[-1]

    with mock.patch.object(search_module, "Outdone", make):
        result = search_setups(graph, budget=budget, top=None, few=0)
    assert result.exact
    return (made[0] if made else Recording(PairModel(graph, graph.tools))), [",".join(s.tools) for s in result.setups]


def subsets(rest: int, rng: random.Random, most: int = 64) -> list[int]:
    """Every subset of `rest` when few, else the empty one, `rest` itself and `most` drawn at random."""
    idx = [i for i in range(rest.bit_length()) if rest >> i & 1]
    if len(idx) <= 6:
        out = []
        sub = rest
        while True:
            out.append(sub)
            if sub == 0:
                return out
            sub = (sub - 1) & rest
    return [0, rest] + [sum(1 << i for i in idx if rng.random() < 0.5) for _ in range(most)]


def check_drops(recorder: Recording, graph: GapToolGraph, budget: float | None, seed: int = 0,
                most: int = 64) -> int:
    """Check every recorded drop against the scores of both sides; returns how many set-ups were compared."""
    model = recorder.model
    tools = model.tools
    limit = None if budget is None else cents(budget)

    def valid(mask: int) -> bool:
        idx = [i for i in range(len(tools)) if mask >> i & 1]
        if limit is not None and model.cost(mask) > limit:
            return False
        return not any(b.id in a.conflicts_with or a.id in b.conflicts_with
                       for a in (tools[i] for i in idx) for b in (tools[i] for i in idx) if a is not b)

    def score(mask: int) -> tuple[int, int, int]:
        atoms = model.atoms_of(mask)
        return model.ea_points(mask, atoms), model.cv_points(atoms), model.cost(mask)

    rng = random.Random(seed)
    compared = 0
    for mask, cost, rest, earlier in recorder.drops:
        assert model.cost(mask) == cost and model.cost(earlier) < cost
        for extra in subsets(rest, rng, most):
            dropped = mask | extra
            if not valid(dropped):
                continue  # not a set-up: nothing to dominate
            rival = earlier | extra
            assert valid(rival), (tools_of(model, dropped), tools_of(model, rival))
            ea, cv, c = score(dropped)
            ea1, cv1, c1 = score(rival)
            assert ea1 >= ea and cv1 >= cv and c1 < c, (tools_of(model, dropped), tools_of(model, rival))
            compared += 1
    return compared


def tools_of(model: PairModel, mask: int) -> list[str]:
    return [t.id for i, t in enumerate(model.tools) if mask >> i & 1]


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(low_workers(), fine_stations(), twinned(max_tools=7), BUDGETS)
def test_every_dropped_subtree_is_dominated(worker: Worker, station: Workstation, catalogue: list[Tool],
                                            budget: float | None) -> None:
    """Random catalogues with twins, conflicts and budgets: each drop is outdone set-up by set-up."""
    graph = build_graph(worker, station, catalogue, TERMS)
    recorder, _ = recorded_search(graph, budget)
    check_drops(recorder, graph, budget)


@settings(deadline=None, max_examples=60, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.integers(0, 9), st.sampled_from([None, 3000.0, 8000.0]), st.data())
def test_drops_on_parts_of_the_worst_case(seed: int, budget: float | None, data: st.DataObject) -> None:
    """6 to 12 of the worst case's tools, where many combinations give the same atoms: drops checked, and
    the whole recommended list still equals every subset scored."""
    catalog, worker, station, full = _worst_case_graph(seed)
    kept = data.draw(st.lists(st.sampled_from(full.tools), min_size=6, max_size=12, unique_by=lambda t: t.id))
    graph = build_graph(worker, station, kept, catalog.terms())
    recorder, listed = recorded_search(graph, budget)
    check_drops(recorder, graph, budget, seed)
    assert listed == [",".join(k[-1]) for k in exhaustive(graph, budget)]


@pytest.mark.parametrize("seed", [1, 4])
@pytest.mark.parametrize("budget", [None, 60000.0])
def test_every_dropped_subtree_is_dominated_on_the_worst_case(seed: int, budget: float | None) -> None:
    """The benchmark's worst case, all 28 to 34 candidates: 20 to 120 drops, each checked."""
    _, _, _, graph = _worst_case_graph(seed)
    recorder, _ = recorded_search_top(graph, budget)
    assert len(recorder.drops) >= 20
    assert check_drops(recorder, graph, budget, seed, most=16) >= len(recorder.drops)


def recorded_search_top(graph: GapToolGraph, budget: float | None) -> tuple[Recording, int]:
    """The benchmark's search (top 5) with a recorder, and its node count."""
    made: list[Recording] = []

    def make(model: PairModel) -> Recording:
        made.append(Recording(model))
        return made[-1]

    with mock.patch.object(search_module, "Outdone", make):
        result = search_setups(graph, budget=budget, top=5)
    assert result.exact
    return made[0], result.nodes


def test_the_worst_case_takes_a_few_hundred_nodes() -> None:
    """Seed 1 (34 candidates) took 726 nodes before nodes were compared; the pruning must keep working."""
    _, _, _, graph = _worst_case_graph(1)
    recorder, nodes = recorded_search_top(graph, None)
    assert len(recorder.drops) >= 50
    assert nodes <= 300


def tool(tid: str, cost: float, evidence: str) -> Tool:
    return Tool(id=tid, name=Text(en=tid, nl=tid), category="cobot", measure="technical", iso9999="28 21",
                examples=["x"], effects=[Effect(dimension="lifting", boost=2)],
                cost_eur=cost, yearly_eur=0.0, evidence=evidence, sources=["https://example.org"])


def test_a_surer_dearer_tool_with_the_same_atoms_is_not_outdone() -> None:
    """Same gap levels, but the dearer tool works more often: its expected accessibility is higher.

    A node is only outdone by one with the same tools that count for expected accessibility, so the
    dearer, surer tool is still recommended (after the cheaper one in cost, before it in EA).
    """
    worker = Worker(id="w", capacities={"lifting": 1})
    station = Workstation(id="s", tasks=[Task(name="lift", share=1, demands={"lifting": 3})])
    catalogue = [tool("cheap", 100.0, "emerging"), tool("sure", 900.0, "strong")]
    graph = build_graph(worker, station, catalogue, TERMS)
    recorder, listed = recorded_search(graph, None)
    assert "sure" in listed and "cheap" in listed
    assert not recorder.drops
    assert sorted(listed) == sorted(",".join(k[-1]) for k in brute_force(worker, station, catalogue, None))


def test_coverage_only_twins_at_one_price_are_both_listed() -> None:
    """Two tools with the same gap levels at the same price, neither able to make the task accessible.

    Their nodes have the same atoms, no tool that counts for EA, and the same cost: a tie, not a
    domination, so neither may outdo the other and both are recommended (in the order of their ids).
    """
    worker = Worker(id="w", capacities={"lifting": 1})
    station = Workstation(id="s", tasks=[Task(name="lift", share=1, demands={"lifting": 4})])
    catalogue = [tool("b", 100.0, "strong"), tool("a", 100.0, "strong")]
    catalogue = [t.model_copy(update={"effects": [Effect(dimension="lifting", boost=1)]}) for t in catalogue]
    graph = build_graph(worker, station, catalogue, TERMS)
    recorder, listed = recorded_search(graph, None)
    assert listed == ["a", "b"]
    assert listed == [",".join(k[-1]) for k in brute_force(worker, station, catalogue, None)]
    assert not recorder.drops
