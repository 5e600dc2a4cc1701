"""Provides the exact set-up search of contract section 5: the recommended tool combinations.

Each gap of size g becomes g "atoms" (gap, level 1..g), bits of a Python
int; a tool owns the levels 1..min(r, g) of its reduction r, so the
largest reduction of a set-up is the OR of its tools' atoms. Each block
(a task with a contraindicated hazard) is one more bit, owned by the
measures that mitigate it. A task is accessible when its *requirement* bits
(the top atom of each gap and its block bits) are all present.

Everything is scored in exact integers, never by rounding floats: shares
are integers over a common denominator N, probabilities integers over a
common denominator Q, so expected accessibility x N x Q^k is an integer for
a set-up of k tools and whole points follow by integer division. A task's
probability of being accessible is computed by inclusion-exclusion over its
few requirements (or over its few relevant tools, whichever is smaller) and
cached by (task, relevant tools), which many set-ups share.

The search is a branch and bound, one round per set-up in set-up order:
each round finds the first set-up that no set-up accepted before (nor the
baseline) dominates on (EA, CV, total cost), that was not taken, and that
is irredundant. Bounds: expected accessibility and coverage only grow when
tools are added, so a subtree reaches at most the score of its set-up
joined with every tool that could still come. A tool that owns no
requirement bit and whose atoms the others already give is *shadowed*: it
adds nothing there or in any larger set-up, so the branch goes. Past
`node_limit` nodes or `time_limit` seconds the search stops and says so
(`exact=False`), returning the best found so far: never silently inexact.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass
from fractions import Fraction

from engine.accessibility import cents, probability, shares
from engine.graph import GapToolGraph
from engine.models import Tool

NODE_LIMIT = 2_000_000
"""Set-ups one search may visit before it reports itself as not exact."""

TIME_LIMIT = 5.0
"""Seconds one search may take before it reports itself as not exact."""

_SCALE = 10**6
"""Points are floor(100 x value + 1/_SCALE), computed in integers."""


def _points(num: int, den: int) -> int:
    """floor(100 x num / den + 1e-6) in integers."""
    return (100 * _SCALE * num + den) // (_SCALE * den)


def _bits(mask: int) -> list[int]:
    out = []
    while mask:
        low = mask & -mask
        out.append(low.bit_length() - 1)
        mask ^= low
    return out


@dataclass(frozen=True)
class Setup:
    """One combination of tools and what it achieves (exact and in whole points)."""

    tools: tuple[str, ...]
    """Tool ids, sorted."""
    cost_eur: float
    """One-off cost of all tools."""
    yearly_eur: float
    """Yearly cost of all tools."""
    total_cost_cents: int
    """cost + horizon x yearly, in whole cents."""
    accessibility: Fraction
    """Accessibility with every tool in use."""
    coverage: Fraction
    """Coverage with every tool in use."""
    expected_accessibility: Fraction
    """Accessibility expected under acceptance x reliability."""
    ea_points: int
    """floor(100 x expected accessibility + 1e-6)."""
    cv_points: int
    """floor(100 x coverage + 1e-6)."""
    personal: int
    """How many tools are personal measures (TOP: the last resort)."""
    accessible: tuple[bool, ...]
    """Per task, whether it is accessible with every tool in use."""

    @property
    def total_cost_eur(self) -> float:
        """Total cost over the horizon, euro."""
        return self.total_cost_cents / 100

    def key(self) -> tuple[int, int, int, int, int, tuple[str, ...]]:
        """Set-up order (contract section 5): EA, CV, total cost, personal measures, tools, ids."""
        return (-self.ea_points, -self.cv_points, self.total_cost_cents, self.personal, len(self.tools), self.tools)

    def point(self) -> Point:
        """(EA points, CV points, total cents): what dominance compares."""
        return (self.ea_points, self.cv_points, self.total_cost_cents)


Point = tuple[int, int, int]


def dominates(a: Point, b: Point) -> bool:
    """Whether `a` is at least as good as `b` everywhere (EA up, CV up, cost down) and better somewhere."""
    return a[0] >= b[0] and a[1] >= b[1] and a[2] <= b[2] and a != b


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


@dataclass(frozen=True)
class _Task:
    n: int
    """Share x N."""
    need: int
    """Requirement bits: top atom of each gap, and its block bits."""
    gaps: int
    """All gap atoms of the task."""
    missing: int
    """Sum of the task's gap sizes."""
    demand: int
    """Sum of its demand levels."""
    blocks: int
    """Its block bits."""


class PairModel:
    """Exact accessibility, coverage and expected accessibility of one pair, over bit sets."""

    def __init__(self, graph: GapToolGraph, tools: list[Tool]) -> None:
        station = graph.station
        sh = shares(station)
        self.N = math.lcm(*(s.denominator for s in sh))
        offset: list[int] = []
        bit = 0
        need = [0] * len(sh)
        gap_atoms = [0] * len(sh)
        missing = [0] * len(sh)
        for gap in graph.gaps:
            offset.append(bit)
            need[gap.task_index] |= 1 << (bit + gap.size - 1)
            gap_atoms[gap.task_index] |= ((1 << gap.size) - 1) << bit
            missing[gap.task_index] += gap.size
            bit += gap.size
        block_bits = [0] * len(sh)
        block_bit: list[int] = []
        for block in graph.blocks:
            block_bit.append(1 << bit)
            need[block.task_index] |= 1 << bit
            block_bits[block.task_index] |= 1 << bit
            bit += 1
        demand = [sum(t.demands.values()) for t in station.tasks]
        self.L = math.lcm(*(d for d in demand if d > 0)) if any(demand) else 1
        self.tasks = [
            _Task(int(sh[i] * self.N), need[i], gap_atoms[i], missing[i], demand[i], block_bits[i])
            for i in range(len(sh))
        ]
        self.free_n = sum(t.n for t in self.tasks if t.need == 0)
        self.hard = [t for t in self.tasks if t.need]
        # Coverage numerator over N x L of the tasks no tool changes.
        self.cv_fixed = sum(t.n * self.L for t in self.tasks if t.need == 0)
        self.tools = tools
        index = {t.id: i for i, t in enumerate(tools)}
        self.atoms = [0] * len(tools)
        for e in graph.edges:
            if e.tool in index:
                g = graph.gaps[e.gap]
                self.atoms[index[e.tool]] |= ((1 << min(e.reduction, g.size)) - 1) << offset[e.gap]
        for m in graph.mitigations:
            if m.tool in index:
                self.atoms[index[m.tool]] |= block_bit[m.block]
        probs = [probability(t, graph.worker, graph.terms) for t in tools]
        self.Q = math.lcm(*(p.denominator for p in probs)) if probs else 1
        self.q = [int(p * self.Q) for p in probs]
        self.f = [self.Q - q for q in self.q]
        all_need = 0
        for t in self.hard:
            all_need |= t.need
        self.all_need = all_need
        self.sure = sum(1 << i for i, q in enumerate(self.q) if q == self.Q)
        # Owners of each requirement bit among tools that can work at all (p > 0).
        self.owners: dict[int, int] = {}
        for i, a in enumerate(self.atoms):
            if self.q[i] == 0:
                continue
            for b in _bits(a & all_need):
                self.owners[b] = self.owners.get(b, 0) | (1 << i)
        self.useful_need = [0 if self.q[i] == 0 else a & all_need for i, a in enumerate(self.atoms)]
        self.total = [cents(t.cost_eur) + graph.terms.horizon_years * cents(t.yearly_eur) for t in tools]
        self._ea: dict[int, int] = {}
        self._task_p: dict[tuple[int, int], tuple[int, int]] = {}

    def atoms_of(self, mask: int) -> int:
        """The atoms (and block bits) a set-up gives with every tool in use."""
        atoms = 0
        for i in _bits(mask):
            atoms |= self.atoms[i]
        return atoms

    def accessible_n(self, atoms: int) -> int:
        """Accessibility x N with these atoms present."""
        return self.free_n + sum(t.n for t in self.hard if atoms & t.need == t.need)

    def coverage_num(self, atoms: int) -> int:
        """Coverage x N x L with these atoms present."""
        num = self.cv_fixed
        for t in self.hard:
            if atoms & t.blocks != t.blocks:
                continue  # a blocked task covers nothing
            if t.demand == 0:
                num += t.n * self.L
            else:
                unmet = t.missing - (atoms & t.gaps).bit_count()
                num += t.n * (t.demand - unmet) * (self.L // t.demand)
        return num

    def cv_points(self, atoms: int) -> int:
        """Coverage in whole points."""
        return _points(self.coverage_num(atoms), self.N * self.L)

    def _task_probability(self, task: _Task, mask: int) -> tuple[int, int]:
        """P(task accessible) x Q^m and m, for the m tools of `mask` that own one of its requirements."""
        rel = 0
        for b in _bits(task.need):
            rel |= self.owners.get(b, 0)
        rel &= mask
        key = (task.need, rel)
        hit = self._task_p.get(key)
        if hit is not None:
            return hit
        idx = _bits(rel)
        m = len(idx)
        reqs = _bits(task.need)
        Q = self.Q
        acc = 0
        if len(reqs) <= m:
            # Inclusion-exclusion over the requirements: P(all met) = sum_J (-1)^|J| P(no owner of J works).
            for sub in range(1 << len(reqs)):
                owners = 0
                for j, b in enumerate(reqs):
                    if sub >> j & 1:
                        owners |= self.owners.get(b, 0)
                owners &= rel
                term = Q ** (m - owners.bit_count())
                for i in _bits(owners):
                    term *= self.f[i]
                acc += -term if sub.bit_count() & 1 else term
        else:
            # Over which of the few relevant tools work.
            for sub in range(1 << m):
                atoms = 0
                weight = 1
                for j, i in enumerate(idx):
                    if sub >> j & 1:
                        atoms |= self.atoms[i]
                        weight *= self.q[i]
                    else:
                        weight *= self.f[i]
                if atoms & task.need == task.need:
                    acc += weight
        self._task_p[key] = (acc, m)
        return acc, m

    def expected_num(self, mask: int) -> tuple[int, int]:
        """Expected accessibility as (numerator, denominator N x Q^k), exactly."""
        k = mask.bit_count()
        Qk = self.Q ** k
        atoms = self.atoms_of(mask)
        num = self.free_n * Qk
        for task in self.hard:
            if atoms & task.need != task.need:
                continue  # some requirement has no tool at all: probability 0
            acc, m = self._task_probability(task, mask)
            num += task.n * acc * self.Q ** (k - m)
        return num, self.N * Qk

    def ea_points(self, mask: int) -> int:
        """Expected accessibility in whole points (memoised per set-up)."""
        hit = self._ea.get(mask)
        if hit is None:
            hit = _points(*self.expected_num(mask))
            self._ea[mask] = hit
        return hit

    def cost(self, mask: int) -> int:
        """Total cost in cents."""
        return sum(self.total[i] for i in _bits(mask))

    def setup(self, mask: int) -> Setup:
        """The set-up of `mask`, with its exact numbers."""
        tools = [self.tools[i] for i in _bits(mask)]
        atoms = self.atoms_of(mask)
        num, den = self.expected_num(mask)
        ea = Fraction(num, den)
        cov = Fraction(self.coverage_num(atoms), self.N * self.L)
        accessible = tuple(atoms & t.need == t.need for t in self.tasks)
        return Setup(
            tools=tuple(sorted(t.id for t in tools)),
            cost_eur=sum(cents(t.cost_eur) for t in tools) / 100,
            yearly_eur=sum(cents(t.yearly_eur) for t in tools) / 100,
            total_cost_cents=self.cost(mask),
            accessibility=Fraction(self.accessible_n(atoms), self.N),
            coverage=cov,
            expected_accessibility=ea,
            ea_points=_points(num, den),
            cv_points=self.cv_points(atoms),
            personal=sum(t.measure == "personal" for t in tools),
            accessible=accessible,
        )


def search_setups(
    graph: GapToolGraph,
    budget: float | None = None,
    top: int | None = 5,
    node_limit: int = NODE_LIMIT,
    time_limit: float | None = TIME_LIMIT,
) -> SearchResult:
    """The recommended set-ups of contract section 5, exactly (`top=None`: all of them)."""
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
    search = _Search(model, limit, node_limit, time_limit)
    baseline = model.setup(0)
    search.accepted.append(baseline.point())
    setups: list[Setup] = []
    while top is None or len(setups) < top:
        found = search.next_in_order()
        if found is None:
            break
        setups.append(found)
    return SearchResult(setups, baseline, search.exact, search.nodes, len(tools), cheapest)


class _Search:
    """Branch and bound over set-ups, one round per recommended set-up."""

    def __init__(self, model: PairModel, limit: int | None, node_limit: int, time_limit: float | None) -> None:
        self.model = model
        self.n = len(model.tools)
        self.limit = limit
        self.node_limit = node_limit
        self.deadline = None if time_limit is None else time.monotonic() + time_limit
        self.conflicts = [0] * self.n
        for i, a in enumerate(model.tools):
            for j, b in enumerate(model.tools):
                if i != j and (b.id in a.conflicts_with or a.id in b.conflicts_with):
                    self.conflicts[i] |= 1 << j
        self.accepted: list[Point] = []
        self.taken: set[int] = set()
        self.nodes = 0
        self.exact = True
        self._best: tuple[tuple[int, int, int, int, int, tuple[str, ...]], int] | None = None
        self._point: dict[int, Point] = {}
        self._bound: dict[int, Point | None] = {}
        self._irredundant: dict[int, bool] = {}

    def point(self, mask: int) -> Point:
        hit = self._point.get(mask)
        if hit is None:
            m = self.model
            hit = (m.ea_points(mask), m.cv_points(m.atoms_of(mask)), m.cost(mask))
            self._point[mask] = hit
        return hit

    def bound(self, mask: int, last: int, cost: int) -> Point | None:
        """The best any larger set-up below this node could reach (None: a leaf)."""
        if mask in self._bound:
            return self._bound[mask]
        rest = 0
        cheapest: int | None = None
        blocked = 0
        for i in _bits(mask):
            blocked |= self.conflicts[i]
        for j in range(last + 1, self.n):
            c = self.model.total[j]
            if blocked >> j & 1 or (self.limit is not None and cost + c > self.limit):
                continue
            rest |= 1 << j
            cheapest = c if cheapest is None else min(cheapest, c)
        bound: Point | None = None
        if rest and cheapest is not None:
            union = mask | rest
            m = self.model
            bound = (m.ea_points(union), m.cv_points(m.atoms_of(union)), cost + cheapest)
        self._bound[mask] = bound
        return bound

    def _shadowed(self, mask: int) -> bool:
        """Whether some tool of the set-up adds nothing here nor in any larger set-up."""
        m = self.model
        idx = _bits(mask)
        if len(idx) < 2:
            return False
        for i in idx:
            others = 0
            sure = 0
            for j in idx:
                if j != i:
                    others |= m.atoms[j]
                    if m.sure >> j & 1:
                        sure |= m.atoms[j]
            if m.atoms[i] & ~others == 0 and m.useful_need[i] & ~sure == 0:
                return True
        return False

    def irredundant(self, mask: int) -> bool:
        """Whether dropping any one tool lowers EA or CV in whole points."""
        hit = self._irredundant.get(mask)
        if hit is None:
            ea, cv, _ = self.point(mask)
            hit = True
            for i in _bits(mask):
                sub = self.point(mask & ~(1 << i))
                if sub[0] >= ea and sub[1] >= cv:
                    hit = False
                    break
            self._irredundant[mask] = hit
        return hit

    def next_in_order(self) -> Setup | None:
        """The first set-up in order that nothing accepted dominates, not taken, irredundant."""
        self._best = None
        if self.exact:
            self._visit(0, -1, 0)
        if self._best is None:
            return None
        _, mask = self._best
        self.taken.add(mask)
        setup = self.model.setup(mask)
        self.accepted.append(setup.point())
        return setup

    def _out_of_time(self) -> bool:
        self.nodes += 1
        if self.nodes > self.node_limit:
            self.exact = False
        # The clock is read at every node: a node costs microseconds to milliseconds (it scores every task
        # of the workstation), so checking every 1,024 nodes overshot a 5 s budget by 5 s on 500 tasks.
        elif self.deadline is not None and time.monotonic() > self.deadline:
            self.exact = False
        return not self.exact

    def _visit(self, mask: int, last: int, cost: int) -> None:
        blocked = 0
        for i in _bits(mask):
            blocked |= self.conflicts[i]
        for j in range(last + 1, self.n):
            c = cost + self.model.total[j]
            if blocked >> j & 1 or (self.limit is not None and c > self.limit):
                continue
            child = mask | (1 << j)
            if self._shadowed(child):
                continue
            if self._out_of_time():
                return
            self._consider(child)
            bound = self.bound(child, j, c)
            if bound is None:
                continue
            if any(dominates(a, bound) for a in self.accepted):
                continue  # everything below is dominated by a set-up already chosen
            if self._best is not None and self._best[0][:3] < (-bound[0], -bound[1], bound[2]):
                continue  # nothing below can come before the best of this round
            self._visit(child, j, c)
            if not self.exact:
                return

    def _consider(self, mask: int) -> None:
        if mask in self.taken:
            return
        point = self.point(mask)
        if self._best is not None and self._best[0][:3] < (-point[0], -point[1], point[2]):
            return
        if any(dominates(a, point) for a in self.accepted):
            return
        tools = [self.model.tools[i] for i in _bits(mask)]
        key = (-point[0], -point[1], point[2], sum(t.measure == "personal" for t in tools), len(tools),
               tuple(sorted(t.id for t in tools)))
        if self._best is not None and self._best[0] <= key:
            return
        if not self.irredundant(mask):
            return
        self._best = (key, mask)
