"""Provides the bipartite gap-tool graph of one worker at one workstation.

Gap nodes (task x dimension where demand exceeds capacity) stand on one side,
feasible tool nodes on the other, with an edge where a tool narrows a gap.
The graph prunes the search (only tools adjacent to a gap are candidates),
explains a set-up (which tool closes which gap) and feeds the views.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import networkx as nx

from engine.accessibility import Gap, boost_in_task, find_gaps
from engine.models import Tool, Worker, Workstation

GapNode = tuple[str, int, str]
"""("gap", task index, dimension id)."""
ToolNode = tuple[str, str]
"""("tool", tool id)."""


@dataclass(frozen=True)
class Exclusion:
    """Why a tool cannot be used for this worker at this workstation."""

    tool: str
    reason: str
    """Machine-readable: avoided | feature | capacity."""
    detail: str
    """Plain English, e.g. "needs vision >= 2 (worker: 1)"."""


def gap_node(gap: Gap) -> GapNode:
    """The graph node of a gap."""
    return ("gap", gap.task_index, gap.dimension)


def tool_node(tool_id: str) -> ToolNode:
    """The graph node of a tool."""
    return ("tool", tool_id)


def exclusions(worker: Worker, station: Workstation, tool: Tool) -> list[Exclusion]:
    """Every reason why `tool` is not feasible here (empty when it is)."""
    out = []
    if tool.category in worker.avoid_categories:
        out.append(Exclusion(tool.id, "avoided", f"the worker avoids {tool.category}"))
    missing = [f for f in tool.requires.features if f not in station.features]
    if missing:
        out.append(Exclusion(tool.id, "feature", "workstation lacks " + ", ".join(missing)))
    for dim, minimum in tool.requires.capacities.items():
        if worker.capacity(dim) < minimum:
            out.append(Exclusion(tool.id, "capacity",
                                 f"needs {dim} >= {minimum} (worker: {worker.capacity(dim)})"))
    return out


def build_graph(
    worker: Worker, station: Workstation, tools: Iterable[Tool]
) -> tuple[nx.Graph, list[Exclusion]]:
    """The gap-tool graph and the tools left out as infeasible.

    Tools that would narrow a gap but are infeasible come back as exclusions.
    Edge attributes: `boost` (levels the tool adds in that task), `narrows`
    (levels of this gap it takes away, boost capped at the gap size) and
    `closes` (whether it closes the gap on its own). Tool nodes carry the
    `tool`; gap nodes carry the `gap`. Conflicts are not edges here: they
    belong to the search.
    """
    graph = nx.Graph()
    gaps = find_gaps(worker, station)
    for gap in gaps:
        graph.add_node(gap_node(gap), bipartite=0, gap=gap)
    excluded: list[Exclusion] = []
    for tool in tools:
        edges = []
        for gap in gaps:
            boost = boost_in_task(tool, gap.dimension, station.tasks[gap.task_index])
            if boost > 0:
                narrows = min(boost, gap.size)
                edges.append((gap_node(gap), boost, narrows, narrows == gap.size))
        if not edges:
            continue
        # Only tools that would narrow a gap are worth saying why they cannot.
        why = exclusions(worker, station, tool)
        if why:
            excluded.extend(why)
            continue
        graph.add_node(tool_node(tool.id), bipartite=1, tool=tool)
        for node, boost, narrows, closes in edges:
            graph.add_edge(tool_node(tool.id), node, boost=boost, narrows=narrows, closes=closes)
    return graph, excluded


def gaps_of(graph: nx.Graph) -> list[Gap]:
    """The gap nodes' gaps, in task then insertion order."""
    return [data["gap"] for _, data in graph.nodes(data=True) if "gap" in data]


def candidates(graph: nx.Graph) -> list[Tool]:
    """The feasible tools that narrow at least one gap."""
    return [data["tool"] for _, data in graph.nodes(data=True) if "tool" in data]


def unreachable_gaps(graph: nx.Graph) -> list[Gap]:
    """Gaps that no feasible tool can close (job redesign starts here)."""
    return [
        data["gap"]
        for node, data in graph.nodes(data=True)
        if "gap" in data and not any(graph.edges[node, t]["closes"] for t in graph.neighbors(node))
    ]
