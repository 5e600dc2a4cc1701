"""Provides the exact set-up search of contract section 5: the recommended tool combinations.

The search is a branch and bound, one round per set-up in set-up order:
each round finds the first set-up that no set-up accepted before (nor the
baseline) dominates on (EA, CV, total cost), that was not taken, and that
is irredundant. A node's subtree goes when `Node.excluded` shows that none
of its set-ups can be the round's answer (engine/setups/bounds.py: score
bounds from the union of what may still join, cost bounds from a fractional
knapsack per target). A tool that owns no requirement bit beyond the others
and whose atoms the others already give is *shadowed*: it adds nothing there
or in any larger set-up, so the branch goes. A node goes too when an
earlier, cheaper node gave the same atoms with the same tools that count for
expected accessibility (`Outdone`): all below it is dominated. Each round
first weighs the previous answer less one tool, often close to the next
answer, so the bounds prune from the start. Past `node_limit` nodes or
`time_limit` seconds the search stops and says so (`exact=False`),
returning the best found so far: never silently inexact.
"""

from __future__ import annotations

import time
from bisect import bisect_right
from dataclasses import dataclass

from engine.graph import GapToolGraph
from engine.setups.bounds import Node, Outdone
from engine.setups.few import FEW, every_subset
from engine.setups.model import PairModel, Point, Setup, bits, cents, dominates

NODE_LIMIT = 2_000_000
"""Set-ups one search may visit before it reports itself as not exact."""

TIME_LIMIT = 5.0
"""Seconds one search may take before it reports itself as not exact."""

Key = tuple[int, int, int, int, int, tuple[str, ...]]


@dataclass(frozen=True)
class SearchResult:
    """The recommended set-ups and how the search went."""

    setups: list[Setup]
    """Non-dominated, irredundant set-ups within the budget, in set-up order."""
    baseline: Setup
    """The empty set-up."""
    exact: bool
    """False only when the node or time limit stopped the search."""
    nodes: int
    """Set-ups visited."""
    candidates: int
    """Feasible tools that narrow a gap or lift a block, within the budget."""
    cheapest_helpful_cents: int | None = None
    """The lowest total cost of a tool that helps at all, when the budget leaves none."""


def search_setups(
    graph: GapToolGraph,
    budget: float | None = None,
    top: int | None = 5,
    node_limit: int = NODE_LIMIT,
    time_limit: float | None = TIME_LIMIT,
    few: int = FEW,
) -> SearchResult:
    """The recommended set-ups of contract section 5, exactly (`top=None`: all of them).

    Up to `few` candidate tools every subset is scored (engine/setups/few.py), else the branch and bound
    runs; the tests set `few=0` to check the branch and bound on small catalogues too.
    """
    limit = None if budget is None else cents(budget)
    horizon = graph.terms.horizon_years
    price = {t.id: cents(t.cost_eur) + horizon * cents(t.yearly_eur) for t in graph.tools}
    affordable = [t for t in graph.tools if limit is None or price[t.id] <= limit]
    cheapest = None
    if not affordable and graph.tools:
        cheapest = min(price.values())
    # Richer tools first (more atoms: gap levels taken plus blocks lifted), so good set-ups are found
    # early and prune more. Counted from the graph: one PairModel is built, in the final order.
    atoms: dict[str, int] = {}
    for e in graph.edges:
        atoms[e.tool] = atoms.get(e.tool, 0) + min(e.reduction, graph.gaps[e.gap].size)
    for m in graph.mitigations:
        atoms[m.tool] = atoms.get(m.tool, 0) + 1
    tools = sorted(affordable, key=lambda t: (-atoms.get(t.id, 0), price[t.id], t.id))
    model = PairModel(graph, tools)
    baseline = model.setup(0)
    if len(tools) <= few:
        listed, visited = every_subset(model, limit, conflict_masks(model), top)
        return SearchResult(listed, baseline, True, visited, len(tools), cheapest)
    search = _Search(model, limit, node_limit, time_limit)
    search.accepted.append(baseline.point())
    setups: list[Setup] = []
    while top is None or len(setups) < top:
        found = search.next_in_order()
        if found is None:
            break
        setups.append(found)
    return SearchResult(setups, baseline, search.exact, search.nodes, len(tools), cheapest)


def conflict_masks(model: PairModel) -> list[int]:
    """Per tool, the mask of the tools it may not be combined with (either names the other)."""
    masks = [0] * len(model.tools)
    for i, a in enumerate(model.tools):
        for j, b in enumerate(model.tools):
            if i != j and (b.id in a.conflicts_with or a.id in b.conflicts_with):
                masks[i] |= 1 << j
    return masks


class _Search:
    """Branch and bound over set-ups, one round per recommended set-up."""

    def __init__(self, model: PairModel, limit: int | None, node_limit: int, time_limit: float | None) -> None:
        self.model = model
        self.n = len(model.tools)
        self.limit = limit
        self.node_limit = node_limit
        self.deadline = None if time_limit is None else time.monotonic() + time_limit
        self.conflicts = conflict_masks(model)
        self.ids = [t.id for t in model.tools]
        full = (1 << self.n) - 1
        self.later = {j: full & ~((1 << (j + 1)) - 1) for j in range(-1, self.n)}
        order = sorted(range(self.n), key=lambda i: model.total[i])
        self.prices = [model.total[i] for i in order]
        self.cheap = [0]
        for i in order:
            self.cheap.append(self.cheap[-1] | 1 << i)
        # i dominates j: every atom of j, at least its chance, a lower total cost (see `dominated`).
        self.dominators = [0] * self.n
        for j in range(self.n):
            for i in range(self.n):
                if (i != j and model.atoms[j] & ~model.atoms[i] == 0 and model.q[j] <= model.q[i]
                        and model.total[j] > model.total[i]):
                    self.dominators[j] |= 1 << i
        # `_reduce` drops the dearest tools first (then personal measures, then by id).
        self.drop_order = sorted(range(self.n), key=lambda i: (-model.total[i], -model.personal[i], self.ids[i]))
        self.accepted: list[Point] = []
        self.taken: set[int] = set()
        self.nodes = 0
        self.exact = True
        self._best: tuple[Key, int] | None = None
        self._point: dict[int, Point] = {}
        self._node: dict[int, Node | None] = {}
        self._suffixes: dict[tuple[int, int], Node] = {}
        self._irredundant: dict[int, bool] = {}
        self.outdone = Outdone(model)
        self.floor: tuple[int, int] | None = None
        """The (EA, CV) of the previous round's answer: set-ups scoring more were ruled out for good."""
        self._last = 0
        """The previous round's answer (0: none yet)."""
        self._pool: dict[int, Key] = {}
        """Irredundant set-ups met so far: the next round starts from the best of them still allowed."""

    def point(self, mask: int, atoms: int | None = None) -> Point:
        hit = self._point.get(mask)
        if hit is None:
            m = self.model
            if atoms is None:
                atoms = m.atoms_of(mask)
            hit = (m.ea_points(mask, atoms), m.cv_points(atoms), m.cost(mask))
            self._point[mask] = hit
        return hit

    def rest(self, last: int, cost: int, blocked: int) -> int:
        """The tools after `last` that may join a set-up of this cost and these conflicts."""
        rest = self.later[last] & ~blocked
        if self.limit is not None:
            rest &= self.cheap[bisect_right(self.prices, self.limit - cost)]
        return rest

    def dominated(self, mask: int, j: int, rest: int) -> bool:
        """Whether every set-up of the subtree of `mask` (its last tool `j`) is dominated by a swap.

        A tool i with every atom of j, at least j's chance of working and a lower total cost makes any
        set-up with j and without i dominated: swap j for i. When i is neither in `mask` nor may join it,
        and conflicts with nothing that might be there, no set-up below `mask` is ever recommended.
        """
        others = mask & ~(1 << j) | rest
        return any(not self.conflicts[i] & others for i in bits(self.dominators[j] & ~mask & ~rest))

    def node(self, mask: int, cost: int, atoms: int, rest: int, unique: int) -> Node | None:
        """The node of `mask` (None: a leaf, nothing may join it)."""
        if mask in self._node:
            return self._node[mask]
        node = Node(self.model, mask, atoms, cost, rest, self.point(mask, atoms), unique) if rest else None
        self._node[mask] = node
        return node

    def irredundant(self, mask: int) -> bool:
        """Whether dropping any one tool lowers EA or CV in whole points."""
        hit = self._irredundant.get(mask)
        if hit is None:
            ea, cv, _ = self.point(mask)
            hit = True
            for i in bits(mask):
                sub = self.point(mask & ~(1 << i))
                if sub[0] >= ea and sub[1] >= cv:
                    hit = False
                    break
            self._irredundant[mask] = hit
        return hit

    def next_in_order(self) -> Setup | None:
        """The first set-up in order that nothing accepted dominates, not taken, irredundant."""
        self._best = None
        for mask, key in self._pool.items():
            if mask in self.taken or (self._best is not None and self._best[0] <= key):
                continue
            if not any(dominates(a, (-key[0], -key[1], key[2])) for a in self.accepted):
                self._best = (key, mask)
        if self.exact:
            self._near(self._last)
            self._visit(0, self.rest(-1, 0, 0), 0, 0, 0, 0, 0, 0, 0)
        if self._best is None:
            return None
        _, mask = self._best
        self.taken.add(mask)
        self._last = mask
        setup = self.model.setup(mask)
        self.accepted.append(setup.point())
        if self.exact:
            self.floor = (setup.ea_points, setup.cv_points)
        return setup

    def _near(self, last: int) -> None:
        """Offer the previous answer less one tool, each way: the next answer often lies close by.

        A strong first incumbent lets the bounds prune from the start; on the worst case it saves a fifth
        of the nodes. Any subset of a set-up is a set-up (no conflicts, within the budget), and `_consider`
        weighs it as the search would, so this changes how soon the answer is met, never which it is.
        """
        for i in bits(last):
            sub = last & ~(1 << i)
            if sub:
                self._consider(sub, self.model.atoms_of(sub))

    def _out_of_time(self) -> bool:
        self.nodes += 1
        if self.nodes > self.node_limit:
            self.exact = False
        # The clock is read at every node: a node costs microseconds to milliseconds (it scores every task
        # of the workstation), so checking every 1,024 nodes overshot a 5 s budget by 5 s on 500 tasks.
        elif self.deadline is not None and time.monotonic() > self.deadline:
            self.exact = False
        return not self.exact

    def _suffix(self, mask: int, j: int, rest: int, cost: int, atoms: int, unique: int) -> Node:
        """The node of `mask` with only the tools of `rest` from `j` on still to come."""
        key = (mask, j)
        node = self._suffixes.get(key)
        if node is None:
            node = Node(self.model, mask, atoms, cost, rest & ~((1 << j) - 1), self.point(mask, atoms), unique)
            self._suffixes[key] = node
        return node

    def _visit(self, mask: int, rest: int, cost: int, atoms: int, blocked: int,
               ones: int, twos: int, sure_ones: int, sure_twos: int) -> None:
        # ones/twos: atoms given by at least one / at least two tools of `mask`; sure_*: the same over the
        # tools that always work. They tell in O(k) whether a new tool or an old one became shadowed.
        m = self.model
        first = True
        for j in bits(rest):
            c = cost + m.total[j]
            if not first:
                # The children from j on hold the set-ups of `mask` with tools from j on only: when none
                # of those can count, neither can any later child.
                best = None if self._best is None else (-self._best[0][0], -self._best[0][1], self._best[0][2])
                if self._suffix(mask, j, rest, cost, atoms, ones & ~twos).excluded(self.accepted, best, self.floor):
                    return
            first = False
            aj = m.atoms[j]
            c_ones, c_twos = ones | aj, twos | (ones & aj)
            c_sure_ones, c_sure_twos = sure_ones, sure_twos
            if m.sure >> j & 1:
                c_sure_ones, c_sure_twos = sure_ones | aj, sure_twos | (sure_ones & aj)
            child = mask | (1 << j)
            unique = c_ones & ~c_twos
            if self._shadowed(child, unique, c_sure_ones, c_sure_twos):
                continue
            child_blocked = blocked | self.conflicts[j]
            child_rest = self.rest(j, c, child_blocked)
            if self.dominators[j] and self.dominated(child, j, child_rest):
                continue
            child_atoms = atoms | aj
            if self.outdone.by(child, c, child_atoms, child_rest, child_blocked) is not None:
                continue  # an earlier, cheaper node gave the same: everything below is dominated
            if self._out_of_time():
                return
            self._consider(child, child_atoms)
            node = self.node(child, c, child_atoms, child_rest, unique)
            if node is None:
                continue
            best = None if self._best is None else (-self._best[0][0], -self._best[0][1], self._best[0][2])
            if node.excluded(self.accepted, best, self.floor):
                continue
            self._visit(child, child_rest, c, child_atoms, child_blocked, c_ones, c_twos, c_sure_ones, c_sure_twos)
            if not self.exact:
                return

    def _shadowed(self, mask: int, unique: int, sure_ones: int, sure_twos: int) -> bool:
        """Whether some tool of the set-up adds nothing here nor in any larger set-up."""
        m = self.model
        if mask & (mask - 1) == 0:
            return False
        for i in bits(mask):
            if m.atoms[i] & unique:
                continue  # it alone gives some atom
            # Requirement bits the other tools that always work already give.
            others = sure_twos | sure_ones & ~m.atoms[i] if m.sure >> i & 1 else sure_ones
            if m.useful_need[i] & ~others == 0:
                return True
        return False

    def _consider(self, mask: int, atoms: int) -> None:
        point = self.point(mask, atoms)
        if self._best is not None and self._best[0][:3] <= (-point[0], -point[1], point[2]):
            if self._best[0][:3] < (-point[0], -point[1], point[2]):
                return
        elif not self.irredundant(mask):
            # A redundant set-up that would come first holds an irredundant one with the same points at a
            # lower cost: drop tools that count for nothing (the dearest first) and weigh that one instead.
            # The search would reach it anyway; found now, it prunes from the start.
            self._offer(self._reduce(mask))
            return
        self._offer(mask)

    def _reduce(self, mask: int) -> int:
        # One pass suffices: a tool that could not go from a larger set-up cannot go from a smaller one
        # (the scores only fall as tools go), so rescanning after each drop, as before, found nothing more.
        ea, cv, _ = self.point(mask)
        for i in self.drop_order:
            if not mask >> i & 1:
                continue
            sub = mask & ~(1 << i)
            point = self.point(sub)
            if point[0] >= ea and point[1] >= cv:
                mask = sub
        return mask

    def _offer(self, mask: int) -> None:
        """Take `mask` as the best of the round when it comes first and may be reported."""
        if mask in self.taken or not mask:
            return
        point = self.point(mask)
        if self._best is not None and self._best[0][:3] < (-point[0], -point[1], point[2]):
            return
        if any(dominates(a, point) for a in self.accepted):
            return
        idx = bits(mask)
        key = (-point[0], -point[1], point[2], sum(self.model.personal[i] for i in idx), len(idx),
               tuple(sorted(self.ids[i] for i in idx)))
        if self._best is not None and self._best[0] <= key:
            return
        if not self.irredundant(mask):
            return
        self._pool[mask] = key
        self._best = (key, mask)
