"""Provides `recommend`: the best set-ups for one worker at one workstation, explained.

This is the one place where the model, the graph and the search meet; the
CLI, the TUI and the sheets all read a `Recommendation` (or its `to_dict`,
whose keys are fixed by contract section 6).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from engine.accessibility import Gap
from engine.graph import Exclusion, build_graph, gap_node, gaps_of, tool_node, unreachable_gaps
from engine.loader import Catalog
from engine.models import Tool, Worker, Workstation
from engine.setups import SearchResult, Setup, search_setups
from engine.units import score


@dataclass(frozen=True)
class Closure:
    """A gap a set-up closes, and the tool that closes it."""

    gap: Gap
    by: str
    """The tool giving the largest boost on this gap (first by id on a tie)."""
    also_by: tuple[str, ...] = ()
    """Other tools of the set-up that close it too (backups)."""


@dataclass(frozen=True)
class Remaining:
    """A gap a set-up leaves open, with the capacity it does reach."""

    gap: Gap
    effective: int
    """Capacity with the set-up in use (still below the demand)."""


@dataclass(frozen=True)
class SetupView:
    """A set-up with its gain and its explanation."""

    setup: Setup
    gain: float
    expected_gain: float
    closes: list[Closure]
    remaining: list[Remaining]
    tasks_accessible: tuple[bool, ...]
    """Per task, whether the worker can do it with the set-up in use."""


@dataclass
class Recommendation:
    """Everything werkpost says about one worker at one workstation."""

    worker: Worker
    station: Workstation
    baseline: Setup
    gaps: list[Gap]
    tasks_accessible: tuple[bool, ...]
    setups: list[SetupView]
    exact: bool
    nodes: int
    candidates: int
    budget: float | None
    excluded: list[Exclusion] = field(default_factory=list)
    unclosable: list[Gap] = field(default_factory=list)
    """Gaps no feasible tool can close: where job redesign starts."""

    @property
    def best(self) -> SetupView | None:
        """The first set-up in set-up order, if any tool helps."""
        return self.setups[0] if self.setups else None

    def to_dict(self) -> dict[str, Any]:
        """The JSON of `werkpost recommend` (contract section 6, plus extensions)."""
        return {
            "worker": self.worker.id,
            "workstation": self.station.id,
            "budget": self.budget,
            "baseline": {
                "accessibility": self.baseline.accessibility,
                "coverage": self.baseline.coverage,
                "gaps": [_gap_dict(g) for g in self.gaps],
                "tasks": _tasks(self.station, self.tasks_accessible),
            },
            "setups": [_setup_dict(v) for v in self.setups],
            "unclosable_gaps": [_gap_dict(g) for g in self.unclosable],
            "excluded_tools": [{"tool": e.tool, "reason": e.reason, "detail": e.detail} for e in self.excluded],
            "search": {"exact": self.exact, "nodes": self.nodes, "candidates": self.candidates},
        }


def _gap_dict(gap: Gap) -> dict[str, Any]:
    return {"task": gap.task, "dimension": gap.dimension, "demand": gap.demand, "capacity": gap.capacity}


def _tasks(station: Workstation, accessible: tuple[bool, ...]) -> list[dict[str, Any]]:
    return [
        {"task": t.name, "share": round(s, 6), "accessible": ok}
        for t, s, ok in zip(station.tasks, station.shares(), accessible, strict=True)
    ]


def _setup_dict(view: SetupView) -> dict[str, Any]:
    s = view.setup
    return {
        "tools": list(s.tools),
        "cost_eur": s.cost_eur,
        "yearly_eur": s.yearly_eur,
        "accessibility": s.accessibility,
        "coverage": s.coverage,
        "gain": view.gain,
        "expected_accessibility": s.expected_accessibility,
        "expected_gain": view.expected_gain,
        "personal_measures": s.personal,
        "closes": [
            {"task": c.gap.task, "dimension": c.gap.dimension, "by": c.by, "also_by": list(c.also_by)}
            for c in view.closes
        ],
        "remaining_gaps": [{**_gap_dict(r.gap), "effective": r.effective} for r in view.remaining],
    }


def explain(graph: nx.Graph, gaps: list[Gap], setup: Setup) -> tuple[list[Closure], list[Remaining]]:
    """Which gaps each tool of `setup` closes, and which remain (from the graph's edges)."""
    closes: list[Closure] = []
    remaining: list[Remaining] = []
    for gap in gaps:
        node = gap_node(gap)
        narrows = sorted(
            ((graph.edges[tool_node(t), node]["narrows"], t) for t in setup.tools
             if graph.has_edge(tool_node(t), node)),
            key=lambda x: (-x[0], x[1]),
        )
        best = narrows[0][0] if narrows else 0
        if best >= gap.size:
            closers = [t for n, t in narrows if n >= gap.size]
            closes.append(Closure(gap, closers[0], tuple(closers[1:])))
        else:
            remaining.append(Remaining(gap, gap.capacity + best))
    return closes, remaining


def recommend(
    catalog: Catalog,
    worker: Worker,
    station: Workstation,
    budget: float | None = None,
    top: int | None = 5,
    tools: list[Tool] | None = None,
) -> Recommendation:
    """The recommended set-ups for `worker` at `station`, explained."""
    graph, excluded = build_graph(worker, station, tools if tools is not None else catalog.tools.values())
    result: SearchResult = search_setups(worker, station, graph, budget=budget, top=top)
    gaps = gaps_of(graph)
    base = result.baseline
    views = []
    for s in result.setups:
        closes, remaining = explain(graph, gaps, s)
        # A task is accessible when none of its gaps stays open (the same as evaluate(), cheaper).
        still_open = {r.gap.task_index for r in remaining}
        views.append(SetupView(
            s,
            gain=score(s.accessibility - base.accessibility),
            expected_gain=score(s.expected_accessibility - base.accessibility),
            closes=closes,
            remaining=remaining,
            tasks_accessible=tuple(i not in still_open for i in range(len(station.tasks))),
        ))
    with_gaps = {g.task_index for g in gaps}
    return Recommendation(
        worker, station, base, gaps, tuple(i not in with_gaps for i in range(len(station.tasks))), views,
        result.exact, result.nodes, result.candidates, budget, excluded, unreachable_gaps(graph),
    )


@dataclass(frozen=True)
class StationRank:
    """One workstation's best outcome for a worker."""

    station: Workstation
    baseline: float
    best: Setup | None
    """The best set-up within the budget, None when no tool helps."""

    @property
    def expected_accessibility(self) -> float:
        """Best expected accessibility (the baseline when no tool helps)."""
        return self.best.expected_accessibility if self.best else self.baseline


def rank_workstations(
    catalog: Catalog, worker: Worker, stations: list[Workstation], budget: float | None = None
) -> list[StationRank]:
    """Workstations ranked by the worker's best expected accessibility there."""
    ranks = []
    for station in stations:
        graph, _ = build_graph(worker, station, catalog.tools.values())
        result = search_setups(worker, station, graph, budget=budget, top=1)
        ranks.append(StationRank(station, result.baseline.accessibility, result.setups[0] if result.setups else None))
    ranks.sort(key=lambda r: (-r.expected_accessibility, r.best.cost_eur if r.best else 0.0, r.station.id))
    return ranks
