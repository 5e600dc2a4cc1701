"""Provides the typed bipartite gap-tool graph of one worker at one workstation.

Gaps (task x dimension above the base capacity) and blocks (a task whose
hazard the worker is contraindicated for) stand on one side, the feasible
tools on the other. An edge says how much a tool takes off a gap and by
which kind of effect; a mitigation says that a measure unblocks a task. The
graph is built once and handed to the search, the explanations, the batch
pair scores and the views. Tools that would help but are not feasible come
back as exclusions with the reason and the fix.

networkx is imported only by `to_networkx` (a view for analysis), so the CLI
starts without it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from engine.accessibility import (
    Block,
    Exclusion,
    Gap,
    Terms,
    best_effect,
    exclusions,
    find_blocks,
    find_gaps,
    mitigates,
    restriction_binds,
)
from engine.models import EffectKind, Tool, Worker, Workstation

if TYPE_CHECKING:
    import networkx as nx


@dataclass(frozen=True)
class Edge:
    """A tool narrowing a gap."""

    tool: str
    """Tool id."""
    gap: int
    """Index of the gap in `GapToolGraph.gaps`."""
    reduction: int
    """Levels the tool takes off the gap's demand (before capping at the gap)."""
    kind: EffectKind
    """boost, lower or via."""
    via: str | None
    """With a via: the dimension that does the work."""
    capped: bool
    """Whether a restriction kept a boost or via below what it would give."""
    closes: bool
    """Whether the tool alone closes the gap (reduction >= gap size)."""


@dataclass(frozen=True)
class Mitigation:
    """A measure that unblocks a task by removing its hazard."""

    tool: str
    block: int
    """Index of the block in `GapToolGraph.blocks`."""


@dataclass
class GapToolGraph:
    """Gaps and blocks on one side, feasible helpful tools on the other."""

    worker: Worker
    station: Workstation
    terms: Terms
    gaps: list[Gap]
    blocks: list[Block]
    tools: list[Tool]
    """Feasible tools that narrow a gap or mitigate a block, in catalogue order."""
    edges: list[Edge]
    mitigations: list[Mitigation]
    excluded: list[Exclusion] = field(default_factory=list)
    """Tools that would help but are not feasible, with the reason and the fix."""

    def edges_of_gap(self, gap: int) -> list[Edge]:
        """The edges on one gap."""
        return [e for e in self.edges if e.gap == gap]

    def edges_of_tool(self, tool: str) -> list[Edge]:
        """The edges of one tool."""
        return [e for e in self.edges if e.tool == tool]

    def mitigators(self, block: int) -> list[str]:
        """The tools that unblock one block."""
        return [m.tool for m in self.mitigations if m.block == block]

    def unclosable(self) -> list[Gap]:
        """Gaps that no feasible tool closes alone (job redesign starts here)."""
        closed = {e.gap for e in self.edges if e.closes}
        return [g for i, g in enumerate(self.gaps) if i not in closed]

    def unmitigable(self) -> list[Block]:
        """Blocks that no feasible measure lifts."""
        lifted = {m.block for m in self.mitigations}
        return [b for i, b in enumerate(self.blocks) if i not in lifted]

    def to_networkx(self) -> nx.Graph:
        """The same graph as a networkx bipartite graph (gap, block and tool nodes)."""
        import networkx as nx  # only for analysis; the CLI starts without it

        g = nx.Graph()
        for i, gap in enumerate(self.gaps):
            g.add_node(("gap", i), bipartite=0, gap=gap)
        for i, block in enumerate(self.blocks):
            g.add_node(("block", i), bipartite=0, block=block)
        for tool in self.tools:
            g.add_node(("tool", tool.id), bipartite=1, tool=tool)
        for e in self.edges:
            g.add_edge(("tool", e.tool), ("gap", e.gap), reduction=e.reduction, kind=e.kind, closes=e.closes)
        for m in self.mitigations:
            g.add_edge(("tool", m.tool), ("block", m.block), kind="mitigates")
        return g


@dataclass(frozen=True)
class ToolIndex:
    """A tool list by what each tool acts on: the graph looks at the few tools a gap or hazard concerns."""

    tools: tuple[Tool, ...]
    by_dimension: dict[str, tuple[int, ...]]
    """Per dimension, the positions of the tools with an effect on it."""
    mitigators: tuple[int, ...]
    """The positions of the tools that mitigate some hazard (`mitigates` says which)."""


_INDEXES: dict[tuple[int, ...], ToolIndex] = {}
_INDEXES_KEPT = 16


def tool_index(tools: Iterable[Tool]) -> ToolIndex:
    """The index of `tools`, cached by the identity of the tool objects (the same catalogue, pair after pair).

    The cached index holds the tools themselves, so their ids cannot be reused while it is kept; tools
    are frozen, so an index never goes stale.
    """
    listed = tuple(tools)
    key = tuple(map(id, listed))
    hit = _INDEXES.get(key)
    if hit is not None:
        return hit
    by_dimension: dict[str, list[int]] = {}
    for pos, tool in enumerate(listed):
        for dim in dict.fromkeys(e.dimension for e in tool.effects):
            by_dimension.setdefault(dim, []).append(pos)
    index = ToolIndex(listed, {d: tuple(p) for d, p in by_dimension.items()},
                      tuple(pos for pos, tool in enumerate(listed) if tool.mitigates))
    if len(_INDEXES) >= _INDEXES_KEPT:
        del _INDEXES[next(iter(_INDEXES))]
    _INDEXES[key] = index
    return index


def build_graph(worker: Worker, station: Workstation, tools: Iterable[Tool], terms: Terms) -> GapToolGraph:
    """The gap-tool graph, with the tools left out as infeasible.

    Tools, edges (per tool, gap by gap) and mitigations come in catalogue order; only the tools with an
    effect on a gap's dimension or mitigating a blocked hazard are looked at.
    """
    gaps = find_gaps(worker, station, terms)
    blocks = find_blocks(worker, station)
    graph = GapToolGraph(worker, station, terms, gaps, blocks, [], [], [])
    index = tool_index(tools)
    edges: dict[int, list[Edge]] = {}
    for i, gap in enumerate(gaps):
        task = station.tasks[gap.task_index]
        for pos in index.by_dimension.get(gap.dimension, ()):
            tool = index.tools[pos]
            r, effect = best_effect(tool, worker, task, gap.dimension, terms)
            if effect is None or r <= 0:
                continue
            edges.setdefault(pos, []).append(Edge(tool.id, i, r, effect.kind, effect.via,
                                                  restriction_binds(effect, worker, terms), r >= gap.size))
    lifts: dict[int, list[Mitigation]] = {}
    for i, block in enumerate(blocks):
        for pos in index.mitigators:
            if mitigates(index.tools[pos], block.hazard):
                lifts.setdefault(pos, []).append(Mitigation(index.tools[pos].id, i))
    for pos in sorted(edges.keys() | lifts.keys()):
        tool = index.tools[pos]
        # Only tools that would help are worth saying why they cannot.
        why = exclusions(worker, station, tool, terms)
        if why:
            graph.excluded.extend(why)
            continue
        graph.tools.append(tool)
        graph.edges.extend(edges.get(pos, ()))
        graph.mitigations.extend(lifts.get(pos, ()))
    return graph


def edge_dict(graph: GapToolGraph, edge: Edge) -> dict[str, Any]:
    """An edge as plain data (closures in the JSON)."""
    out: dict[str, Any] = {"by": edge.tool, "kind": edge.kind}
    if edge.via:
        out["via"] = edge.via
    if edge.capped:
        out["capped_by_restriction"] = graph.worker.restriction(graph.gaps[edge.gap].dimension)
    return out
