"""Provides the exact integer model of one pair for the set-up search: atoms, points and set-ups.

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
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from fractions import Fraction
from functools import lru_cache

from engine.accessibility import cents as reference_cents
from engine.accessibility import probability, written_shares
from engine.graph import GapToolGraph
from engine.models import Tool

SCALE = 10**6
"""Points are floor(100 x value + 1/SCALE), computed in integers."""


def points_of(num: int, den: int) -> int:
    """floor(100 x num / den + 1e-6) in integers."""
    return (100 * SCALE * num + den) // (SCALE * den)


def least_num(target: int, den: int) -> int:
    """The smallest numerator over `den` that scores `target` points (the inverse of `points_of`)."""
    return max(0, -((den - target * SCALE * den) // (100 * SCALE)))


@lru_cache(maxsize=4096)
def cents(eur: float) -> int:
    """`engine.accessibility.cents`, cached: batch matching prices the same few tools for thousands of pairs."""
    return reference_cents(eur)


@lru_cache(maxsize=1024)
def share_numerators(written: tuple[float, ...]) -> tuple[int, tuple[int, ...]]:
    """The common denominator N of the normalised task shares and each share x N (whole numbers)."""
    sh = written_shares(written)
    n = math.lcm(*(s.denominator for s in sh))
    return n, tuple(int(s * n) for s in sh)


@lru_cache(maxsize=1 << 16)
def bits(mask: int) -> tuple[int, ...]:
    """The indices of the set bits of `mask`, lowest first (cached: the search asks for the same masks often)."""
    out = []
    while mask:
        low = mask & -mask
        out.append(low.bit_length() - 1)
        mask ^= low
    return tuple(out)


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
class Task:
    """One task of the pair in bits."""

    index: int
    """Position in the workstation."""
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
        self.N, sh = share_numerators(tuple(t.share for t in station.tasks))
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
            Task(i, sh[i], need[i], gap_atoms[i], missing[i], demand[i], block_bits[i])
            for i in range(len(sh))
        ]
        self.free_n = sum(t.n for t in self.tasks if t.need == 0)
        self.hard = [t for t in self.tasks if t.need]
        # Coverage numerator over N x L of the tasks no tool changes.
        self.cv_fixed = sum(t.n * self.L for t in self.tasks if t.need == 0)
        # Tasks without blocks score their coverage atom by atom; grouping their atoms by weight
        # (share x L / demand, often equal across tasks) makes coverage a few popcounts.
        self.cv_base = self.cv_fixed
        by_weight: dict[int, int] = {}
        self.blockable = [t for t in self.hard if t.blocks]
        for t in self.hard:
            if t.blocks:
                continue
            w = t.n * (self.L // t.demand)
            self.cv_base += w * (t.demand - t.missing)
            by_weight[w] = by_weight.get(w, 0) | t.gaps
        self.cv_groups = sorted(by_weight.items())
        # Every gap atom by its weight, blocked tasks too: what an atom is worth once its task is open.
        weights: dict[int, int] = {}
        for t in self.hard:
            if t.demand:
                w = t.n * (self.L // t.demand)
                weights[w] = weights.get(w, 0) | t.gaps
        self.atom_groups = sorted(weights.items())
        self.block_bits = sum((t.blocks for t in self.hard), 0)
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
        # Per tool, the coverage weight groups (of tasks without blocks) that hold its atoms, and the same
        # over every gap atom: a tool's atoms are weighed against its own few groups, not all of them.
        self.tool_groups = [[(w, group & a) for w, group in self.cv_groups if group & a] for a in self.atoms]
        self.tool_atom_groups = [[(w, group & a) for w, group in self.atom_groups if group & a] for a in self.atoms]
        probs = [probability(t, graph.worker, graph.terms) for t in tools]
        self.Q = math.lcm(*(p.denominator for p in probs)) if probs else 1
        self.q = [p.numerator * (self.Q // p.denominator) for p in probs]
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
            for b in bits(a & all_need):
                self.owners[b] = self.owners.get(b, 0) | (1 << i)
        self.useful_need = [0 if self.q[i] == 0 else a & all_need for i, a in enumerate(self.atoms)]
        # Tasks some set-up can make accessible: every requirement has an owner. The others never count
        # towards expected accessibility, so the expectation loops skip them.
        self.closable = [t for t in self.hard if all(b in self.owners for b in bits(t.need))]
        self.task_owners = {t.index: self._owners_of(t.need) for t in self.closable}
        closable_need = sum((t.need for t in self.closable), 0)
        # Tools that never change expected accessibility, nor lift a block: dropping one changes coverage
        # only, by at most the weight of the atoms it alone gives.
        self.cv_only = sum(1 << i for i, a in enumerate(self.atoms)
                           if not a & self.block_bits and not (self.useful_need[i] & closable_need))
        self.total = [cents(t.cost_eur) + graph.terms.horizon_years * cents(t.yearly_eur) for t in tools]
        self.personal = [t.measure == "personal" for t in tools]
        self.cv_tool_values: dict[int, tuple[int, list[tuple[float, int, list[int], int, int]]]] = {}
        """Per node atoms: the tools weighed (a mask) and their coverage knapsack values (engine.setups.bounds)."""
        self._ea: dict[int, int] = {}
        self._rest: dict[int, tuple[int, int]] = {}
        self.least_cv: dict[int, int] = {}
        """Per node mask, `Node.least_coverage` (the same for a node and all its suffixes)."""
        self._task_p: dict[tuple[int, int], tuple[int, int]] = {}

    def _owners_of(self, need: int) -> int:
        owners = 0
        for b in bits(need):
            owners |= self.owners.get(b, 0)
        return owners

    def weight(self, atoms: int) -> int:
        """What these gap atoms are worth in coverage x N x L, each as if its task were open."""
        total = 0
        for w, group in self.atom_groups:
            total += w * (atoms & group).bit_count()
        return total

    def tool_weight(self, i: int, atoms: int) -> int:
        """`weight` of the atoms of tool `i` among `atoms`."""
        total = 0
        for w, group in self.tool_atom_groups[i]:
            total += w * (atoms & group).bit_count()
        return total

    def atoms_of(self, mask: int) -> int:
        """The atoms (and block bits) a set-up gives with every tool in use."""
        atoms = 0
        for i in bits(mask):
            atoms |= self.atoms[i]
        return atoms

    def rest_of(self, rest: int) -> tuple[int, int]:
        """The atoms of the tools of `rest` and the least total cost among them (memoised: the search's
        nodes share few distinct `rest` masks, the tools from some index on)."""
        hit = self._rest.get(rest)
        if hit is None:
            hit = self._rest[rest] = (self.atoms_of(rest), min(self.total[j] for j in bits(rest)))
        return hit

    def accessible_n(self, atoms: int) -> int:
        """Accessibility x N with these atoms present."""
        return self.free_n + sum(t.n for t in self.hard if atoms & t.need == t.need)

    def coverage_num(self, atoms: int) -> int:
        """Coverage x N x L with these atoms present."""
        num = self.cv_base
        for w, group in self.cv_groups:
            num += w * (atoms & group).bit_count()
        for t in self.blockable:
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
        return points_of(self.coverage_num(atoms), self.N * self.L)

    def task_probability(self, task: Task, mask: int) -> tuple[int, int]:
        """P(task accessible) x Q^m and m, for the m tools of `mask` that own one of its requirements."""
        rel = self.task_owners[task.index] & mask
        key = (task.need, rel)
        hit = self._task_p.get(key)
        if hit is not None:
            return hit
        idx = bits(rel)
        m = len(idx)
        reqs = bits(task.need)
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
                for i in bits(owners):
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

    def task_chances(self, mask: int, atoms: int) -> dict[int, float]:
        """P(task accessible) per closable task that `mask` can make accessible, as floats (for bounds)."""
        out = {}
        for task in self.closable:
            if atoms & task.need == task.need:
                acc, m = self.task_probability(task, mask)
                out[task.index] = acc / self.Q**m
        return out

    def expected_num(self, mask: int, atoms: int | None = None) -> tuple[int, int]:
        """Expected accessibility as (numerator, denominator N x Q^k), exactly."""
        k = mask.bit_count()
        Qk = self.Q ** k
        if atoms is None:
            atoms = self.atoms_of(mask)
        num = self.free_n * Qk
        for task in self.closable:
            if atoms & task.need != task.need:
                continue  # some requirement has no tool at all: probability 0
            acc, m = self.task_probability(task, mask)
            num += task.n * acc * self.Q ** (k - m)
        return num, self.N * Qk

    def ea_points(self, mask: int, atoms: int | None = None) -> int:
        """Expected accessibility in whole points (memoised per set-up)."""
        hit = self._ea.get(mask)
        if hit is None:
            hit = points_of(*self.expected_num(mask, atoms))
            self._ea[mask] = hit
        return hit

    def cost(self, mask: int) -> int:
        """Total cost in cents."""
        return sum(self.total[i] for i in bits(mask))

    def setup(self, mask: int) -> Setup:
        """The set-up of `mask`, with its exact numbers."""
        tools = [self.tools[i] for i in bits(mask)]
        atoms = self.atoms_of(mask)
        num, den = self.expected_num(mask, atoms)
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
            ea_points=points_of(num, den),
            cv_points=self.cv_points(atoms),
            personal=sum(t.measure == "personal" for t in tools),
            accessible=accessible,
        )
