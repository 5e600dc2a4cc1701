"""Provides the bounds of one search node: what any larger set-up below it can reach, and at what cost.

A node is a set-up `mask` whose subtree holds `mask` joined with a non-empty
subset of `rest` (the later tools that neither conflict nor break the
budget). Expected accessibility and coverage only grow when tools are added,
so the subtree scores at most what `mask | rest` scores (EA_ub, CV_ub).

Cost is bounded per target by a fractional knapsack (an LP relaxation):
each tool of `rest` is given a value that no set-up can beat with it,
  - for coverage, the weight of the gap atoms it adds to `mask` (a block it
    lifts is worth the task's whole coverage with every tool of `rest`);
  - for expected accessibility, the sum over the tasks it owns a
    requirement of, of how much that task's probability could still rise
    (with every tool of `rest` working as likely as it does);
since the gain of a set-up never exceeds the sum of its tools' values, the
cheapest fractional way to gain enough is a lower bound on the cost of any
set-up of the subtree that reaches the target. Coverage is counted in exact
integers; the expectation bound in floats with a slack far above their
rounding error, always in the direction that weakens the bound.

`excluded` then asks, for every (EA, CV) a set-up of the subtree might
score, whether it either comes after the best set-up of the round, or
before the answer of the previous round (the `floor`), or is dominated by a
set-up accepted before at the least cost it could have. The (EA, CV) plane
is cut into cells by the accepted points, so a few checks cover it.

Why the floor holds: each round's answer is the first set-up in order that
is not dominated by an accepted one, not taken and irredundant. A set-up
that comes before it in order failed one of these, and each failure lasts:
accepted and taken only grow, and irredundancy is the set-up's own. So a
later round can skip every set-up that scores more (EA, then CV) than the
previous answer, which the earlier round may only have shown one by one.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from engine.setups.model import PairModel, Point, bits, least_num

_FLOAT_SLACK = 1e-9
"""Expected accessibility is compared in floats for the bound only; their error is ~1e-15."""

_COST_SLACK = 1e-4
"""Cents taken off a knapsack bound (summed in floats) before rounding it up to whole cents."""


def _knapsack(items: list[tuple[float, float]], need: float) -> float:
    """The least cost of gaining `need` when value may be bought in fractions, cheapest first (inf: out of reach).

    Each item is (price per unit of value, units).
    """
    got = 0.0
    spent = 0.0
    for price, value in items:
        if got + value >= need:
            return spent + (need - got) * price
        got += value
        spent += price * value
    return float("inf")


def _claimed(tools: list[tuple[float, int, list[int], int, int]], worth: Callable[[int, int], int],
             whole: Mapping[int, float]) -> list[tuple[float, float]]:
    """Knapsack items where each unit of value is sold once, by the cheapest tool that has it.

    A tool (price per unit, atoms, whole tasks, index, worth of its atoms) pays its price for every unit
    it brings; any set-up pays at least, for each unit it gains, the lowest price among its tools that
    bring it. So each atom (by `worth`) and each whole task (by `whole`) goes once, to the cheapest tool:
    a bound as valid as the tool by tool one and tighter where tools overlap.
    """
    tools.sort(key=lambda tool: tool[0])
    claimed = 0
    taken: set[int] = set()
    items = []
    for price, atoms, tasks, j, atoms_worth in tools:
        # Weighed again only when a cheaper tool claimed some of its atoms.
        value = float(worth(j, atoms & ~claimed) if atoms & claimed else atoms_worth)
        if tasks:
            value += sum(whole[i] for i in tasks if i not in taken)
            taken.update(tasks)
        claimed |= atoms
        if value > 0:
            items.append((price, value))
    return items


class Node:
    """One node of the search: the set-up `mask` and the later tools `rest` that may join it."""

    def __init__(self, model: PairModel, mask: int, atoms: int, cost: int, rest: int, point: Point,
                 unique: int) -> None:
        self.model = model
        self.unique = unique
        """Atoms exactly one tool of `mask` gives."""
        self.mask = mask
        self.atoms = atoms
        self.cost = cost
        self.rest = rest
        self.lo = point
        union = mask | rest
        rest_atoms, self.cheapest = model.rest_of(rest)
        self.union_atoms = atoms | rest_atoms
        self.ea_ub = model.ea_points(union, self.union_atoms)
        self.cv_ub = model.cv_points(self.union_atoms)
        self._cv_items: list[tuple[float, float]] | None = None
        self._ea_items: list[tuple[float, float]] | None = None
        self._cv_num = 0
        self._ea_lo = 0.0
        self._lb: dict[tuple[int, int], int] = {}

    def _cv_values(self) -> list[tuple[float, float]]:
        m = self.model
        if self._cv_items is None:
            self._cv_num = m.coverage_num(self.atoms)
            fresh = ~self.atoms
            union = self.union_atoms
            full: dict[int, int] = {}
            for t in m.blockable:
                if t.blocks & ~self.atoms:
                    # Blocked now: lifting the block may bring the task's whole coverage with everything of rest.
                    done = t.demand - t.missing + (union & t.gaps).bit_count() if t.demand else 0
                    full[t.index] = t.n * (done * (m.L // t.demand) if t.demand else m.L)
            opened = [t for t in m.blockable if t.index not in full and t.demand]

            def worth(j: int, new: int) -> int:
                value = 0
                for w, group in m.tool_groups[j]:
                    value += w * (new & group).bit_count()
                for t in opened:
                    value += t.n * (m.L // t.demand) * (new & t.gaps).bit_count()
                return value

            # Without blocks a tool's value depends on the node's atoms only, so a node and its suffixes
            # (the same set-up, fewer tools to come) weigh each tool once, kept sorted by price.
            shared = None if m.blockable else m.cv_tool_values.get(self.atoms)
            if shared is not None and self.rest & ~shared[0] == 0:
                tools = [tool for tool in shared[1] if self.rest >> tool[3] & 1]
            else:
                tools = []
                for j in bits(self.rest):
                    new = m.atoms[j] & fresh
                    lifts = [t.index for t in m.blockable if t.index in full and new & t.blocks] if full else []
                    atoms_worth = worth(j, new) if new else 0
                    value = atoms_worth + sum(full[i] for i in lifts)
                    if value > 0:
                        tools.append((m.total[j] / value, new, lifts, j, atoms_worth))
                if not m.blockable:
                    tools.sort(key=lambda tool: tool[0])
                    m.cv_tool_values[self.atoms] = (self.rest, list(tools))
            self._cv_items = _claimed(tools, worth, full)
        return self._cv_items

    def _ea_values(self) -> list[tuple[float, float]]:
        m = self.model
        if self._ea_items is None:
            num, den = m.expected_num(self.mask, self.atoms)
            self._ea_lo = num / den
            low = m.task_chances(self.mask, self.atoms)
            high = m.task_chances(self.mask | self.rest, self.union_atoms)
            rise = {i: m.tasks[i].n * (p - low.get(i, 0.0)) / m.N for i, p in high.items()}
            tools = []
            for j in bits(self.rest):
                tasks = [i for i in rise if m.task_owners[i] >> j & 1]
                value = sum(rise[i] for i in tasks)
                if value > 0:
                    tools.append((m.total[j] / value, 0, tasks, j, 0))
            self._ea_items = _claimed(tools, lambda j, new: 0, rise)
        return self._ea_items

    def least_cost(self, ea: int, cv: int) -> int:
        """A lower bound on the total cost of a set-up of the subtree with at least `ea` EA and `cv` CV points."""
        key = (ea, cv)
        hit = self._lb.get(key)
        if hit is not None:
            return hit
        extra: float = self.cheapest  # the subtree adds at least one tool
        if cv > self.lo[1]:
            items = self._cv_values()
            need = least_num(cv, self.model.N * self.model.L) - self._cv_num
            if need > 0:
                extra = max(extra, _knapsack(items, need) - _COST_SLACK)
        if ea > self.lo[0]:
            eitems = self._ea_values()
            need_f = (ea - 1e-6) / 100 - self._ea_lo - _FLOAT_SLACK
            if need_f > 0:
                extra = max(extra, _knapsack(eitems, need_f) - _COST_SLACK)
        hit = 1 << 62 if extra == float("inf") else self.cost + max(0, -int(-extra // 1))
        self._lb[key] = hit
        return hit

    def least_coverage(self) -> int:
        """The least CV points an irredundant set-up of the subtree can have.

        A tool of `mask` that changes coverage only counts in a larger set-up X when dropping it costs a
        point: X's coverage must lie less than the weight of the atoms the tool alone gives (in `mask`,
        so in X at most) above the threshold of X's points. When `mask` itself is already that far
        above its threshold, X must reach a higher point.
        """
        m = self.model
        hit = m.least_cv.get(self.mask)
        if hit is None:
            cv = self.lo[1]
            least = None
            for i in bits(self.mask & m.cv_only):
                d = m.tool_weight(i, self.unique)
                least = d if least is None else min(least, d)
            if least is not None and m.coverage_num(self.atoms) - least_num(cv, m.N * m.L) >= least:
                cv += 1
            hit = m.least_cv[self.mask] = cv
        return hit

    def excluded(self, accepted: list[Point], best: Point | None, floor: tuple[int, int] | None = None) -> bool:
        """Whether no set-up of the subtree can be the answer of this round (see the module's docstring).

        `floor` is the previous round's answer's (EA, CV): a set-up scoring more comes before it.
        """
        ea_lo, cv_lo = self.lo[0], self.least_coverage()
        if cv_lo > self.cv_ub:
            return True
        ea_hi, cv_hi = self.ea_ub, self.cv_ub
        if best is not None and (ea_hi, cv_hi) < best[:2]:
            return True
        if floor is not None and (ea_lo, cv_lo) > floor:
            return True
        e_cuts = {ea_lo}
        c_cuts = {cv_lo}
        if floor is not None:
            e_cuts.update((floor[0], floor[0] + 1))
            c_cuts.update((floor[1], floor[1] + 1))
        rivals = [a for a in accepted if a[0] >= ea_lo and a[1] >= cv_lo]
        for a in rivals:
            e_cuts.add(a[0] + 1)
            c_cuts.add(a[1] + 1)
        if best is not None:
            e_cuts.update((best[0], best[0] + 1))
            c_cuts.update((best[1], best[1] + 1))
            rivals.append(best)
        if not rivals:
            return False
        es = sorted(e for e in e_cuts if ea_lo <= e <= ea_hi)
        cs = sorted(c for c in c_cuts if cv_lo <= c <= cv_hi)
        # Highest cells first: they are the likeliest to hold a set-up that counts, so a node that stays
        # open usually says so at the first cell.
        for k in range(len(es) - 1, -1, -1):
            e0, e1 = es[k], (es[k + 1] - 1 if k + 1 < len(es) else ea_hi)
            for h in range(len(cs) - 1, -1, -1):
                c0, c1 = cs[h], (cs[h + 1] - 1 if h + 1 < len(cs) else cv_hi)
                if best is not None and (e1, c1) < best[:2]:
                    continue  # every set-up here comes after the best of the round
                if floor is not None and (e0, c0) > floor:
                    continue  # every set-up here comes before the previous round's answer
                at_best = best is not None and (e0, c0) == (e1, c1) == best[:2]
                covering = [a for a in rivals if a[0] >= e1 and a[1] >= c1]
                if not covering and not at_best:
                    return False  # nothing scores as much: open whatever it costs, no cost bound needed
                # The cell goes when its least cost is high enough; try the cost of the node and its cheapest
                # tool first (never above the knapsack bound), which often suffices, before the knapsack.
                for cost in (self.cost + self.cheapest, None):
                    if cost is None:
                        cost = self.least_cost(e0, c0)
                    if at_best and best is not None and cost > best[2]:
                        break  # the best's scores at a higher cost: after it
                    if any(a[2] <= cost and (a[2] < cost or a[0] > e1 or a[1] > c1) for a in covering):
                        break  # dominated
                else:
                    return False
        return True


class Outdone:
    """The nodes met so far, to tell when an earlier one strictly dominates a whole subtree.

    Expected accessibility depends only on the tools that are not `cv_only` (the others own no requirement
    of a task that can become accessible, nor lift a block), coverage only on the atoms. Take an earlier
    node m' with the same such tools, the same atoms, a lower cost, and no conflict with any tool of
    `rest`. For every set-up m | T below `mask` (T a subset of `rest`, perhaps empty), m' | T is a set-up
    too (nothing in it conflicts, and it costs less than m | T, so it is within the budget) with the
    same EA and CV at a lower cost: it dominates m | T, which is therefore never recommended. The check
    is a dictionary look-up; on the worst case it removes the nodes where cheaper tools already gave the
    same atoms, over half of them.
    """

    def __init__(self, model: PairModel) -> None:
        self.scored = ~model.cv_only
        """The tools that may change expected accessibility."""
        self.seen: dict[tuple[int, int], list[tuple[int, int, int]]] = {}
        """Per (those tools of a node, its atoms): the (cost, conflicts, mask) of each node met with them."""

    def by(self, mask: int, cost: int, atoms: int, rest: int, conflicts: int) -> int | None:
        """An earlier node that outdoes the node `mask` (None: none, and `mask` is remembered).

        `conflicts` are the tools that conflict with a tool of `mask`.
        """
        key = (mask & self.scored, atoms)
        seen = self.seen.get(key)
        if seen is None:
            self.seen[key] = [(cost, conflicts, mask)]
            return None
        met = False
        for c, b, m in seen:
            if c < cost and rest & b == 0:
                return m
            met = met or m == mask  # met in an earlier round: remembered already
        if not met:
            seen.append((cost, conflicts, mask))
        return None
