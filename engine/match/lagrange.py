"""Provides the Lagrangian relaxation of one shared budget at scale: a proven bound and a good answer.

For a price lambda per euro, each pair is worth its best `score - lambda x
cost` over its non-dominated set-ups (the empty one included), and one
assignment problem gives L(lambda) = lambda x budget + the best assignment:
an upper bound on every answer within the budget. L is convex and piecewise
linear in lambda, and the assignment behind L(lambda_k) is a line under L
(its value at any lambda), so the minimum is found by cutting planes in one
dimension: the next lambda is where the lines of the cheapest over-budget
and the dearest within-budget assignment so far cross, until L there meets
that crossing (the minimum is proven) or the answer reaches the bound. The
first lambda is a greedy knapsack's guess; a small lambda is dear (many
pairs look worth scoring), so below a guess that fits the budget the search
steps down by `STEP_DOWN` rather than starting from the steep line at
lambda = 0.

Each L(lambda) is solved to convergence over lazily scored pairs: unscored
pairs enter at what they can be worth at most (the cost staircase of
`engine.match.stairs`, capped by the exact score the unbudgeted route found
where it scored the pair, or the exact empty set-up when that is more), and
the problem is solved again until every pair the assignment uses is worth
what it was priced at; then its value is exact, and so is its line. Three
things keep the searches few (each tested against the plain computation):

- an unscored pair priced exactly at its empty set-up's value (computed
  without a search) is settled: no set-up is worth more at this lambda;
- a pair is searched only up to the cost that can count near this lambda
  (`MARGIN`), or the cost of its best set-up when known; what it does not
  list costs more and scores at most its cap, a "tail" in its price that
  sends it back for a further search when a lower lambda needs it;
- after each assignment, the workers' best responses under its column
  duals (`engine.match.prices`) say which unscored pairs the next one
  would want, and those are scored at once (rounds, not pairs, were dear).

The answer: an exact MILP over the options of the pairs that the assignments
around the best lambda use (`engine.match.milp.solve_restricted`), or the
within-budget assignment topped up (`engine.match.repair`), whichever is
better; the MILP only when the repaired answer is more than `GOOD_ENOUGH`
below the bound. Scores are whole points, so the bound is floored to whole points and
an answer that reaches it is proven optimal. Owned tools count as free in
the relaxation (so the bound stays valid) and are handed out first come.
"""

from __future__ import annotations

import numpy as np
from scipy.optimize import linear_sum_assignment

from engine.graph import build_graph
from engine.match.assign import LazyScores
from engine.match.choice import BudgetSolved, Choice, expected_sum, paid
from engine.match.milp import solve_restricted
from engine.match.pairs import POINT, FloatArray, IntArray, Setup
from engine.match.prices import column_prices
from engine.match.repair import better, repair
from engine.setups.model import PairModel
from engine.units import SCALE, score, to_units, within_budget

STEPS = 40
"""At most this many values of lambda (each one a converged assignment problem)."""
FIRST_PRICE = 1.0
"""A lambda (accessibility per euro) at which no tool that costs a euro or more is worth buying: the first
guess when the greedy one (`Lagrangian._guess`) finds nothing to buy."""
RESTRICTED_TIME_LIMIT = 10.0
"""Seconds for the MILP over the options near the best lambda (a heuristic: past it, the best found)."""
GOOD_ENOUGH = 1e-4
"""A repaired answer this close to the proven bound (relative) is kept without the MILP over the options
near the best lambda, which can only close the rest (on the benchmark: 1 point of 970, which it did not
close; on the generated firm it found no answer in its time limit)."""
NEAR = 0.01
"""One EA point: `Lagrangian._in_play` also scores an unscored pair within this of a worker's best response
(a pair that drops by a point or more when scored moves the prices about that much; measured on the
benchmark: 13 assignment problems at 0.01 against 22 at 0, with 25% more pairs scored)."""
PASSES = 30
"""Best-response passes of `Lagrangian._in_play` per round (each scores at most one pair per worker)."""
STEP_DOWN = 0.75
"""Below a lambda whose answer fits the budget, the next one tried is this much lower (until one does not
fit): the greedy guess is near the best lambda, and a lower lambda makes more pairs worth scoring
(0.5 cost 755 pair searches on the benchmark, 0.75 about 330)."""
MARGIN = 2.0
"""Pairs are searched up to MARGIN x the cost that can still count at the current lambda (`_limit`)."""
RECENT = 4
"""The assignments of this many last lambdas (besides the bracketing two) give the MILP its pairs."""


def pair_options(lazy: LazyScores, i: int, s: int, min_units: int, limit: float | None = None) -> list[Setup]:
    """The set-ups a pair may take: non-dominated, at or above the minimum, score > 0 (up to `limit` euro)."""
    p = int(lazy.table.profile_of[i])
    return [x for x in lazy.table.frontier(p, s, limit) if to_units(x.expected_accessibility) >= max(min_units, 1)]


class Relaxed:
    """A converged assignment at one lambda: its bound, its (real) set-ups, and their charged cost."""

    def __init__(self, lam: float, value: float, chosen: list[Choice], charged: float, budget: float) -> None:
        self.lam = lam
        self.value = value
        """L(lambda): an upper bound on every answer within the budget."""
        self.chosen = chosen
        self.charged = charged
        self.slope = budget - charged
        """Of this assignment's line: its value at lambda' is value + slope x (lambda' - lambda)."""

    def at(self, lam: float) -> float:
        """This assignment's line at `lam`: never above L(lam)."""
        return self.value + self.slope * (lam - self.lam)


class Lagrangian:
    """The relaxation of one budget over lazily scored pairs, and the best answer it finds."""

    def __init__(self, lazy: LazyScores, cols: IntArray, min_units: int, budget: float,
                 inventory: dict[str, int], prices: dict[str, float]) -> None:
        self.lazy = lazy
        self.cols = cols
        self.min_units = min_units
        self.budget = budget
        self.inventory = inventory
        self.prices = prices
        bounds = lazy.bounds
        floor = max(min_units, 1)
        self.floor_points = -(-floor // POINT)
        self.floor_units = floor
        # A pair the worker cannot work (hours) has a score bound of 0: no set-up, not even the empty one.
        base = np.minimum(bounds.base, bounds.score)
        self.base: FloatArray = np.where(base >= floor, base / SCALE, 0.0)
        # No set-up scores above the pair's exact best within the per-pair budget, where the route without
        # the shared budget found it, nor above the bound elsewhere (`lazy.score` holds whichever is known).
        cap = (lazy.score // POINT)[:, :, None]
        if bounds.stairs is not None and not inventory:
            self.points = np.minimum(bounds.stairs.points, cap).astype(np.float64) / 100.0
            self.euro = bounds.stairs.cents.astype(np.float64) / 100.0
        else:  # owned tools are free in the relaxation: only the score bound holds, at no cost
            self.points = cap.astype(np.float64) / 100.0
            self.euro = np.zeros(self.points.shape)
        self.points = np.where(self.points >= self.floor_points / 100.0, self.points, -np.inf)
        top = lazy.score // POINT
        self.cap: FloatArray = np.where(top >= self.floor_points, top / 100.0, -np.inf)
        """Per (profile, station): the most EA any set-up of the pair reaches (whole points / 100)."""
        self.upto: FloatArray = np.full(self.base.shape, np.inf)
        """Per scored (profile, station): the cost up to which its options are complete (inf: all)."""
        self.known = np.zeros(self.base.shape, dtype=bool)
        """Per (profile, station): whether its options are in the flat arrays."""
        self.where: dict[tuple[int, int], list[Setup]] = {}
        self._empty: dict[tuple[int, int], Setup | None] = {}
        self._new: list[tuple[int, int, float, float]] = []
        """Options scored since the arrays below were last grown: (profile, station, EA, charged cost)."""
        self._ps: IntArray = np.zeros((0, 2), dtype=np.int64)
        self._ea: FloatArray = np.zeros(0)
        self._charged: FloatArray = np.zeros(0)
        self.evaluations = 0

    def charged(self, x: Setup) -> float:
        """The cost lambda applies to: owned tools are free, so lambda x cost never exceeds what is paid."""
        return x.cost_eur - sum(self.prices[t] for t in x.tools if self.inventory.get(t, 0) > 0)

    def options(self, i: int, s: int, lam: float = 0.0) -> list[Setup]:
        """The set-ups worker `i` may take at station `s` (scored on first use, at least those that may count
        at `lam`; again, up to a higher cost, when a lower lambda needs more)."""
        p = int(self.lazy.table.profile_of[i])
        if not self.known[p, s] or self.upto[p, s] < np.inf:
            limit = self._limit(p, s, lam)
            if not self.known[p, s] or limit is None or limit > self.upto[p, s]:
                self.known[p, s] = True
                self.where[(p, s)] = pair_options(self.lazy, i, s, self.min_units, limit)
                self.upto[p, s] = np.inf if limit is None else limit
                self._new += [(p, s, x.expected_accessibility, self.charged(x)) for x in self.where[(p, s)]]
        return self.where[(p, s)]

    def _limit(self, p: int, s: int, lam: float) -> float | None:
        """The cost up to which to search a pair at `lam` (None: the whole budget).

        A set-up dearer than (cap - empty) / lambda is worth less than the empty set-up at lambda: no need
        to find it. `MARGIN` times that, so that the lower lambdas of the search need no second search;
        where one does, `upper` says so (the tail) and the limit at least doubles.
        """
        if self.inventory or lam <= 0 or not np.isfinite(self.cap[p, s]):
            return None
        need = MARGIN * max(float(self.cap[p, s] - self.base[p, s]), 0.0) / lam
        if self.known[p, s]:
            need = max(need, 2 * float(self.upto[p, s]), 1.0)
        if self.lazy.known[p, s]:
            # The pair's best set-up (most EA within the budget) is known: a dearer one scores no more,
            # so it is never worth more at any lambda, and the tail at this limit is the best's own value.
            need = min(need, float(self.lazy.cost[p, s]) / 100)
        return None if need >= self.budget else np.ceil(need * 100) / 100

    def empty(self, p: int, s: int) -> Setup | None:
        """The empty set-up of profile `p` at station `s`, exactly (no search), or None if it does not qualify.

        Its numbers depend on the gaps and blocked tasks only, not on the tools: a model without tools
        scores it as the search's baseline would.
        """
        key = (p, s)
        if key not in self._empty:
            table = self.lazy.table
            x = None
            if not table.short_hours(p, s):
                graph = build_graph(table.representative[p], table.stations[s], [], table.terms)
                x = Setup.of(PairModel(graph, []).setup(0))
                x = x if to_units(x.expected_accessibility) >= self.floor_units else None
            self._empty[key] = x
        return self._empty[key]

    def settled(self, p: int, s: int, value: float) -> Setup | None:
        """The empty set-up when an unscored pair is worth exactly it at the current lambda, else None.

        `value` is the pair's upper value (`upper`): at least the empty set-up's, and more when some
        step of its staircase may beat it. When it equals the empty set-up's exact value, no set-up is
        worth more at this lambda, so the pair needs no search (most pairs of a tight budget).
        """
        x = self.empty(p, s)
        return x if x is not None and value <= x.expected_accessibility else None

    def offered(self, i: int, s: int) -> list[Setup]:
        """The options of a scored pair; of an unscored one, its empty set-up only (for the heuristics)."""
        p = int(self.lazy.table.profile_of[i])
        if self.known[p, s]:
            return self.where[(p, s)]
        x = self.empty(p, s)
        return [] if x is None else [x]

    def upper(self, lam: float) -> FloatArray:
        """Per (profile, station): what the pair is worth at `lam`, exactly where scored, at most elsewhere."""
        steps = np.max(self.points - lam * self.euro, axis=2, initial=0.0)
        w: FloatArray = np.maximum(self.base, steps)
        w[self.known] = 0.0
        if self._new:  # grown, not rebuilt: thousands of pairs are scored a few at a time
            self._ps = np.vstack([self._ps, np.array([o[:2] for o in self._new], dtype=np.int64)])
            self._ea = np.r_[self._ea, [o[2] for o in self._new]]
            self._charged = np.r_[self._charged, [o[3] for o in self._new]]
            self._new = []
        np.maximum.at(w, (self._ps[:, 0], self._ps[:, 1]), self._ea - lam * self._charged)
        # A pair searched up to a cost: what it does not list costs more, and scores at most its cap.
        part = self.known & np.isfinite(self.upto)
        if part.any():
            w[part] = np.maximum(w[part], self.cap[part] - lam * self.upto[part])
        return w

    def relax(self, lam: float) -> Relaxed:
        """L(lam) and the assignment behind it, solved until every pair it uses is worth what it says.

        A pair is: scored, or unscored and settled at its empty set-up (`settled`).
        """
        profile_of, cols = self.lazy.table.profile_of, self.cols
        while True:
            expanded = self.upper(lam)[profile_of][:, cols]
            rows, picked = linear_sum_assignment(expanded, maximize=True)
            self.evaluations += 1
            chosen: list[Choice] = []
            todo = []
            for i, j in zip(rows, picked, strict=True):
                value = float(expanded[i, j])
                if value <= 0:
                    continue
                i, s = int(i), int(cols[j])
                p = int(profile_of[i])
                x = None if self.known[p, s] else self.settled(p, s, value)
                if self.known[p, s]:
                    x = max(self.where[(p, s)],
                            key=lambda x: (x.expected_accessibility - lam * self.charged(x), -self.charged(x)))
                    if value > x.expected_accessibility - lam * self.charged(x):
                        x = None  # the tail of a partly searched pair: search it further
                if x is None:
                    todo.append((i, s))
                else:
                    chosen.append((i, s, x))
            if not todo:
                break
            for i, s in todo:
                self.options(i, s, lam)
            self._in_play(expanded, rows, picked, lam)
            if self.lazy.on_refine is not None:
                self.lazy.on_refine(int(self.known.sum()))
        value = float(expanded[rows, picked].sum()) + lam * self.budget
        return Relaxed(lam, value, chosen, sum(self.charged(x) for *_, x in chosen), self.budget)

    def _in_play(self, expanded: FloatArray, rows: IntArray, picked: IntArray, lam: float) -> None:
        """Score, in one go, the unscored pairs the next assignments would want (a heuristic).

        Left alone, each round scores the few pairs its assignment happens to use, and the next round
        finds the next few (over a hundred rounds at the first lambda of the benchmark). With the
        column duals of this assignment as prices (`engine.match.prices`), each worker's best response is the
        station that maximises value - v; while that is an unscored pair (or ties with one within
        `NEAR`), it is scored, which lowers its value, and the worker looks again. Only which pairs
        to score first: `relax` still decides when the assignment is proven.
        """
        n_rows = expanded.shape[0]
        price, stay = column_prices(expanded, rows, picked)
        profile_of, cols = self.lazy.table.profile_of, self.cols
        active = np.arange(n_rows)
        for _ in range(PASSES):
            w = self.upper(lam)[profile_of[active]][:, cols]
            open_ = (w > self.base[profile_of[active]][:, cols] + 1e-12) & ~self.known[profile_of[active]][:, cols]
            response = w - price[None, :]
            best_open = np.where(open_, response, -np.inf).max(axis=1)
            best_closed = np.maximum(np.where(open_, -np.inf, response).max(axis=1), stay)
            want = best_open >= best_closed - NEAR
            if not want.any():
                return
            active = active[want]
            at = np.where(open_[want], response[want], -np.inf).argmax(axis=1)
            for i, j in zip(active, at, strict=True):
                self.options(int(i), int(cols[j]), lam)

    def _fits(self, r: Relaxed) -> bool:
        return within_budget(paid(r.chosen, self.inventory, self.prices), self.budget)

    def solve(self, relaxed: list[Choice]) -> BudgetSolved:
        """Cutting planes on lambda from `relaxed`, the best answer without the shared budget."""
        start = Relaxed(0.0, expected_sum(relaxed), relaxed, sum(self.charged(x) for *_, x in relaxed), self.budget)
        low = start  # over the budget (slope < 0)
        high = self.relax(self._guess(relaxed))
        steps = 1
        seen = [start, high]
        bound = min(start.value, high.value)
        while high.slope < 0 and steps < STEPS:  # too cheap a price: raise it until the answer fits
            low, high = high, self.relax(high.lam * 4)
            steps += 1
            seen.append(high)
            bound = min(bound, high.value)
        best = repair(high.chosen, self.offered, self.budget, self.inventory, self.prices, "total")
        while steps < STEPS and low is start:  # the line at 0 is steep: step down geometrically first
            here = self.relax(high.lam * STEP_DOWN)
            steps += 1
            seen.append(here)
            bound = min(bound, here.value)
            if here.slope < 0:
                low = here
            else:
                high = here
        while steps < STEPS and low.slope < 0 <= high.slope:
            lam = (high.value - low.value + low.slope * low.lam - high.slope * high.lam) / (low.slope - high.slope)
            crossing = low.at(lam)
            if not low.lam < lam < high.lam:
                break
            here = self.relax(lam)
            steps += 1
            seen.append(here)
            bound = min(bound, here.value)
            if here.value <= crossing + 1e-9 or self._proven(bound, best):
                break  # L meets the lower envelope: lam minimises L (or the answer already reaches the bound)
            if here.slope < 0:
                low = here
            else:
                high = here
                best = better(best, repair(here.chosen, self.offered, self.budget, self.inventory, self.prices,
                                           "total"))
        if not self._fits(low):
            best = better(best, repair(low.chosen, self.offered, self.budget, self.inventory, self.prices, "total"))
        # The optimum is a whole number of points: the bound may be floored to one.
        # Python floats, not numpy's: the result goes to JSON as it is (numpy's bool is not serialisable).
        proven = max(score(float(np.floor(bound * 100 + 1e-6)) / 100), expected_sum(best))
        if proven - expected_sum(best) > GOOD_ENOUGH * proven:
            best = better(best, self._restricted([low, high, *seen[-RECENT:]]))
        achieved = expected_sum(best)
        proven = max(proven, achieved)
        gap = float((proven - achieved) / proven) if proven > 0 else 0.0
        notes = ["shared budget on a large firm: Lagrangian relaxation; the gap to the proven bound is reported"]
        if self.inventory:
            notes.append("owned inventory is priced in after the relaxation (first come)")
        table = self.lazy.table
        return BudgetSolved(best, "lagrangian", bool(gap == 0.0), float(proven), score(gap), notes,
                            {"lagrangian_steps": steps, "assignment_problems": self.evaluations,
                             "frontiers": int(self.known.sum()),
                             "pairs_total": len(table.workers) * len(table.stations)})

    def _guess(self, relaxed: list[Choice]) -> float:
        """A first lambda: the accessibility per euro of the last upgrade a greedy knapsack over `relaxed` buys.

        Each pair's upgrade is from its empty set-up to its set-up without the budget; bought in order
        of accessibility per euro until the budget is spent. Only a starting point: any lambda > 0 works.
        """
        profile_of, base = self.lazy.table.profile_of, self.lazy.bounds.base  # the empty set-up's score: exact
        ups = []
        for i, s, x in relaxed:
            cost = self.charged(x)
            gain = x.expected_accessibility - float(base[int(profile_of[i]), s]) / SCALE
            if cost > 0 and gain > 0:
                ups.append((gain / cost, cost))
        left = self.budget
        for rate, cost in sorted(ups, reverse=True):
            left -= cost
            if left < 0:
                return rate
        return min((rate for rate, _ in ups), default=FIRST_PRICE)

    def _proven(self, bound: float, best: list[Choice]) -> bool:
        return to_units(expected_sum(best)) >= to_units(np.floor(bound * 100 + 1e-6) / 100)

    def _restricted(self, around: list[Relaxed]) -> list[Choice]:
        """The best answer over every option of the pairs these assignments use (exact MILP over them)."""
        pairs = sorted({(i, s) for r in around for i, s, _ in r.chosen})
        options = [(i, s, x) for i, s in pairs for x in self.offered(i, s)]
        chosen, _ = solve_restricted(self.lazy, options, self.budget, self.inventory, self.prices,
                                     RESTRICTED_TIME_LIMIT)
        return chosen
