"""Provides the exact set-up search: the non-dominated tool combinations within a budget.

Each gap of `size` z becomes z "atoms" (gap, level 1..z), bits of a Python
int; a tool owns the atoms of the levels it takes away (its boost capped at
the gap size). A set-up's atoms are the OR of its tools' atoms, and both
accessibility (a task is accessible when the top atom of each of its gaps is
present) and coverage (a weighted count of atoms) follow from them.

The search is a depth-first enumeration of every set-up in which no tool is
*shadowed*, i.e. has all its atoms also given by tools that are always kept
in use (acceptance 1). A shadowed tool never contributes, and once shadowed
it stays shadowed in every larger set-up, so whole branches go at once. A
branch also goes when a set-up already found dominates the best any set-up
in it could reach. Both prunings are exact. If the search would visit more
than `node_limit` set-ups it stops and says so (`exact=False`): never
silently inexact.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import networkx as nx

from engine.accessibility import Gap
from engine.graph import candidates, gap_node, gaps_of, tool_node
from engine.models import Tool, Worker, Workstation
from engine.units import BUDGET_TOLERANCE, money, score

SWEEP_BELOW = 12
"""Up to this many candidates one walk over every set-up beats a round per set-up."""

NODE_LIMIT = 2_000_000
"""Set-ups one search may visit before it reports itself as not exact."""


@dataclass(frozen=True)
class Setup:
    """One combination of tools and what it achieves."""

    tools: tuple[str, ...]
    """Tool ids, sorted."""
    cost_eur: float
    """One-off cost of all tools."""
    yearly_eur: float
    """Yearly cost of all tools."""
    accessibility: float
    """Accessibility with every tool in use."""
    coverage: float
    """Coverage with every tool in use."""
    expected_accessibility: float
    """Accessibility expected under the worker's acceptance."""
    personal: int
    """How many tools are personal measures (TOP: the last resort)."""

    def key(self) -> tuple[float, float, float, int, int, tuple[str, ...]]:
        """Set-up order: higher expected accessibility, coverage, then lower cost,
        fewer personal measures, fewer tools; tool ids make the order total."""
        return (-self.expected_accessibility, -self.coverage, self.cost_eur,
                self.personal, len(self.tools), self.tools)


@dataclass(frozen=True)
class SearchResult:
    """The recommended set-ups and how the search went."""

    setups: list[Setup]
    """Non-dominated, irredundant set-ups within the budget, in set-up order."""
    baseline: Setup
    """The empty set-up."""
    exact: bool
    """False only when the node limit stopped the search."""
    nodes: int
    """Set-ups visited."""
    candidates: int
    """Feasible tools adjacent to a gap."""


class AtomModel:
    """Accessibility and coverage of one pair as functions of an atom bit set."""

    def __init__(self, station: Workstation, gaps: Sequence[Gap]) -> None:
        shares = station.shares()
        self.offset: dict[tuple[int, str], int] = {}
        need = [0] * len(shares)
        atom_mask = [0] * len(shares)
        bit = 0
        for gap in gaps:
            self.offset[(gap.task_index, gap.dimension)] = bit
            need[gap.task_index] |= 1 << (bit + gap.size - 1)
            atom_mask[gap.task_index] |= ((1 << gap.size) - 1) << bit
            bit += gap.size
        demand_total = sum(s * sum(t.demands.values()) for s, t in zip(shares, station.tasks, strict=True))
        unmet = sum(shares[g.task_index] * g.size for g in gaps)
        scale = 1.0 / demand_total if demand_total > 0 else 0.0
        self.free_accessibility = sum(s for s, n in zip(shares, need, strict=True) if n == 0)
        self.base_coverage = 1.0 - unmet * scale
        # (share, top atoms that must all be present, all atoms, weight of one atom)
        self.tasks = [(shares[i], need[i], atom_mask[i], shares[i] * scale)
                      for i in range(len(shares)) if need[i]]

    def atoms_of(self, gap: Gap, narrows: int) -> int:
        """The atoms a tool owns when it takes `narrows` levels off `gap`."""
        return ((1 << narrows) - 1) << self.offset[(gap.task_index, gap.dimension)]

    def accessibility(self, atoms: int) -> float:
        """Share of working time in tasks whose gaps are all closed."""
        return self.free_accessibility + sum(s for s, need, _, _ in self.tasks if atoms & need == need)

    def coverage(self, atoms: int) -> float:
        """Coverage: 1 - weighted unmet levels over weighted demand levels."""
        return self.base_coverage + sum(w * (atoms & mask).bit_count() for _, _, mask, w in self.tasks)


@dataclass
class _Candidate:
    tool: Tool
    atoms: int
    p: float
    conflicts: int = 0
    """Bit mask of candidate indices this one conflicts with."""


Point = tuple[float, float, float]
"""(expected accessibility, coverage, cost) of a set-up."""


def _dominates(a: Point, b: Point) -> bool:
    """Whether `a` is at least as good as `b` everywhere and better somewhere."""
    return a[0] >= b[0] and a[1] >= b[1] and a[2] <= b[2] and (a[0] > b[0] or a[1] > b[1] or a[2] < b[2])


def _conflict(a: Tool, b: Tool) -> bool:
    return b.id in a.conflicts_with or a.id in b.conflicts_with


def _setup(tools: Sequence[Tool], acc: float, cov: float, ea: float) -> Setup:
    return Setup(
        tools=tuple(sorted(t.id for t in tools)),
        cost_eur=money(sum(t.cost_eur for t in tools)),
        yearly_eur=money(sum(t.yearly_eur for t in tools)),
        accessibility=score(acc),
        coverage=score(cov),
        expected_accessibility=score(ea),
        personal=sum(t.measure == "personal" for t in tools),
    )


def search_setups(
    worker: Worker,
    station: Workstation,
    graph: nx.Graph,
    budget: float | None = None,
    top: int | None = 5,
    node_limit: int = NODE_LIMIT,
    sweep_below: int = SWEEP_BELOW,
) -> SearchResult:
    """The recommended set-ups of contract section 5, exactly.

    `graph` is the gap-tool graph of `engine.graph.build_graph`: its tool nodes
    are the candidates (feasible, adjacent to a gap). `top=None` returns the
    whole non-dominated set.

    The set-ups come one per round, in set-up order: each round is a branch
    and bound for the first set-up in order that no set-up found before (nor
    the baseline) dominates. That set-up is non-dominated overall: whatever
    dominated it would come earlier in order, and would itself be found or be
    dominated by one found. With few candidates (`sweep_below`) the same order
    is walked once over every set-up without shadowed tools instead.
    """
    gaps = gaps_of(graph)
    model = AtomModel(station, gaps)
    cands: list[_Candidate] = []
    for tool in candidates(graph):
        if budget is not None and tool.cost_eur > budget:
            continue
        atoms = 0
        for gap in gaps:
            edge = graph.get_edge_data(tool_node(tool.id), gap_node(gap))
            if edge:
                atoms |= model.atoms_of(gap, edge["narrows"])
        cands.append(_Candidate(tool, atoms, worker.acceptance_of(tool.category)))
    # Richer tools first, so good set-ups are found early and prune more.
    cands.sort(key=lambda c: (-c.atoms.bit_count(), c.tool.cost_eur, c.tool.id))
    for i, a in enumerate(cands):
        for j, b in enumerate(cands):
            if i != j and _conflict(a.tool, b.tool):
                a.conflicts |= 1 << j

    base_acc = model.accessibility(0)
    baseline = _setup([], base_acc, model.coverage(0), base_acc)
    search = _Search(cands, model, budget, node_limit)
    search.accepted.append((baseline.expected_accessibility, baseline.coverage, 0.0))
    if len(cands) <= sweep_below:
        setups = search.sweep(top)
    else:
        setups = []
        while top is None or len(setups) < top:
            found = search.next_in_order()
            if found is None:
                break
            setups.append(found)
    return SearchResult(setups, baseline, search.exact, search.nodes, len(cands))


@dataclass(frozen=True, slots=True)
class _Node:
    """One set-up of the search tree: its tools and what they give."""

    last: int
    """Index of the candidate added last (-1 at the root): children add later ones only."""
    chosen: tuple[int, ...]
    used: int
    """Bit mask of the chosen candidates."""
    cost: float
    once: int
    """Atoms given by at least one tool always kept in use."""
    twice: int
    """Atoms given by at least two such tools."""
    atoms: int
    """Atoms given by any tool of the set-up."""


_ROOT = _Node(-1, (), 0, 0.0, 0, 0, 0)


class _Search:
    """Branch and bound over set-ups without shadowed tools, one round per set-up."""

    def __init__(self, cands: list[_Candidate], model: AtomModel, budget: float | None, node_limit: int) -> None:
        self.cands = cands
        self.model = model
        self.limit = float("inf") if budget is None else budget + BUDGET_TOLERANCE
        self.node_limit = node_limit
        self.accepted: list[Point] = []
        self.taken: set[int] = set()
        self.nodes = 0
        self.exact = True
        self._best: tuple[tuple[float, float, float, int, int, tuple[str, ...]], int, Setup] | None = None
        # Every round walks much the same tree: remember each set-up's point and bound.
        self._points: dict[int, tuple[Point, float]] = {}
        self._bounds: dict[int, Point | None] = {}

    def _bound(self, j: int, used: int, cost: float, atoms: int) -> Point | None:
        """The best any set-up below this node could reach (None: it is a leaf)."""
        if used in self._bounds:
            return self._bounds[used]
        rest = [c for c in self.cands[j + 1:] if not (used & c.conflicts) and cost + c.tool.cost_eur <= self.limit]
        bound: Point | None = None
        if rest:
            reach = atoms
            for c in rest:
                reach |= c.atoms
            bound = (score(self.model.accessibility(reach)), score(self.model.coverage(reach)),
                     money(cost + min(c.tool.cost_eur for c in rest)))
        self._bounds[used] = bound
        return bound

    def sweep(self, top: int | None) -> list[Setup]:
        """All set-ups in one walk, then accepted in set-up order unless dominated.

        Whatever dominates a set-up comes before it in order, so checking each
        against the ones accepted before it (and the baseline) is enough.
        """
        self._collect(_ROOT)
        if not self.exact:
            return []
        by_point: dict[Point, list[int]] = {}
        for used, (point, _) in self._points.items():
            by_point.setdefault(point, []).append(used)
        setups: list[Setup] = []
        for point in sorted(by_point, key=lambda p: (-p[0], -p[1], p[2])):
            if any(_dominates(a, point) for a in self.accepted):
                continue
            tied = []
            for used in by_point[point]:
                picked = [c for i, c in enumerate(self.cands) if used >> i & 1]
                setup = _setup([c.tool for c in picked], self._points[used][1], point[1], point[0])
                if _irredundant(setup, {c.tool.id: c for c in picked}, self.model):
                    tied.append(setup)
            for setup in sorted(tied, key=Setup.key):
                if top is not None and len(setups) >= top:
                    return setups
                setups.append(setup)
                self.accepted.append(point)
        return setups

    def _children(self, node: _Node) -> Iterator[_Node]:
        """The set-ups one tool larger than `node` (later tools only) with no shadowed tool."""
        cands = self.cands
        for j in range(node.last + 1, len(cands)):
            cand = cands[j]
            cost = node.cost + cand.tool.cost_eur
            if node.used & cand.conflicts or cost > self.limit:
                continue
            once, twice = node.once, node.twice
            if cand.p >= 1.0:
                twice |= once & cand.atoms
                once |= cand.atoms
            chosen = (*node.chosen, j)
            if any(_shadowed(cands[i], once, twice) for i in chosen):
                continue  # a tool that never contributes, here or in any larger set-up
            self.nodes += 1
            if self.nodes > self.node_limit:
                self.exact = False
                return
            yield _Node(j, chosen, node.used | (1 << j), cost, once, twice, node.atoms | cand.atoms)

    def _collect(self, node: _Node) -> None:
        for child in self._children(node):
            self._point([self.cands[i] for i in child.chosen], child.used, child.atoms)
            self._collect(child)

    def next_in_order(self) -> Setup | None:
        """The first set-up in set-up order not dominated by one accepted so far."""
        self._best = None
        if self.exact:
            self._visit(_ROOT)
        if self._best is None or not self.exact:
            return None
        _, mask, setup = self._best
        self.taken.add(mask)
        self.accepted.append((setup.expected_accessibility, setup.coverage, setup.cost_eur))
        return setup

    def _visit(self, node: _Node) -> None:
        for child in self._children(node):
            self._consider(list(child.chosen), child.used, child.atoms)
            bound = self._bound(child.last, child.used, child.cost, child.atoms)
            if bound is None:
                continue
            if any(_dominates(a, bound) for a in self.accepted):
                continue  # everything below is dominated by a set-up already chosen
            if self._best is not None and self._best[0][:3] < (-bound[0], -bound[1], bound[2]):
                continue  # nothing below can come before the best of this round
            self._visit(child)

    def _point(self, picked: list[_Candidate], used: int, atoms: int) -> tuple[Point, float]:
        if used not in self._points:
            model = self.model
            acc = model.accessibility(atoms)
            ea = score(acc if all(c.p >= 1.0 for c in picked) else _expected_of(picked, model))
            point = (ea, score(model.coverage(atoms)), money(sum(c.tool.cost_eur for c in picked)))
            self._points[used] = (point, acc)
        return self._points[used]

    def _consider(self, chosen: list[int], used: int, atoms: int) -> None:
        if used in self.taken:
            return
        picked = [self.cands[i] for i in chosen]
        point, acc = self._point(picked, used, atoms)
        # Cheap checks on the three numbers first; the full key only on a near tie.
        if self._best is not None and self._best[0][:3] < (-point[0], -point[1], point[2]):
            return
        if any(_dominates(a, point) for a in self.accepted):
            return
        setup = _setup([c.tool for c in picked], acc, point[1], point[0])
        key = setup.key()
        if self._best is not None and self._best[0] <= key:
            return
        if not _irredundant(setup, {c.tool.id: c for c in picked}, self.model):
            return
        self._best = (key, used, setup)


def _shadowed(cand: _Candidate, once: int, twice: int) -> bool:
    """Whether tools always kept in use give every atom `cand` gives.

    `once`/`twice` are the atoms given by at least one / two sure tools; for a
    sure tool the others give its atoms that appear twice.
    """
    others = twice if cand.p >= 1.0 else once
    return cand.atoms & ~others == 0


def _irredundant(setup: Setup, by_id: dict[str, _Candidate], model: AtomModel) -> bool:
    """Whether dropping any one tool lowers expected accessibility or coverage."""
    def without(ids: Sequence[str]) -> tuple[float, float]:
        cs = [by_id[i] for i in ids]
        atoms = 0
        for c in cs:
            atoms |= c.atoms
        return _expected_of(cs, model), score(model.coverage(atoms))

    full = (setup.expected_accessibility, setup.coverage)
    for tool in setup.tools:
        ea, cov = without([t for t in setup.tools if t != tool])
        if ea >= full[0] and cov >= full[1]:
            return False
    return True


def _expected_of(cands: Sequence[_Candidate], model: AtomModel) -> float:
    """Expected accessibility: a mean over which unsure tools stay in use."""
    sure = 0
    unsure = []
    for c in cands:
        if c.p >= 1.0:
            sure |= c.atoms
        else:
            unsure.append(c)
    total = 0.0
    for mask in range(1 << len(unsure)):
        weight = 1.0
        atoms = sure
        for bit, c in enumerate(unsure):
            if mask >> bit & 1:
                weight *= c.p
                atoms |= c.atoms
            else:
                weight *= 1.0 - c.p
        if weight > 0.0:
            total += weight * model.accessibility(atoms)
    return score(total)
