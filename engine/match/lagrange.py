"""Provides the Lagrangian relaxation of one shared budget, and the repair of an answer to fit it.

For a price lambda per euro, each pair is worth its best `score - lambda *
cost`, and one assignment problem gives an upper bound on the best answer
within the budget. `Lagrangian` bisects on lambda to tighten that bound; every
assignment it meets is repaired (`repair`: cheaper set-ups where they cost
least accessibility per euro) or topped up into a feasible answer. The best
answer and the lowest bound are reported with their relative gap. Owned tools
are priced in afterwards (first come), which can only help.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from scipy.optimize import linear_sum_assignment

from engine.match.assign import LazyScores
from engine.match.choice import BudgetSolved, Choice, expected_sum, paid
from engine.match.pairs import FloatArray, IntArray, Setup
from engine.units import SCALE, score, to_units, within_budget

BISECTIONS = 20
"""Lagrangian bisection steps on lambda."""
ROUNDS = 3
"""Assignment problems per lambda: score the pairs the relaxation uses, solve again."""
FINAL_ROUNDS = 10
"""The same at the two lambdas around the best one, to tighten the bound."""
START_PRICE = 1e-6
"""The first lambda tried (accessibility per euro); it grows fourfold until the relaxed answer fits."""
GROWTH_STEPS = 60
"""At most this many fourfold steps to find a lambda at which the relaxed answer fits."""
EPSILON_EUR = 1e-9
"""Stands in for a cost of zero when dividing by a cost (a free move is worth the most)."""

Options = Callable[[int, int], list[Setup]]
"""The set-ups a (worker, station) pair may take."""


def pair_options(lazy: LazyScores, i: int, s: int, min_units: int) -> list[Setup]:
    """The set-ups a pair may take: non-dominated, at or above the minimum, score > 0."""
    p = int(lazy.table.profile_of[i])
    return [x for x in lazy.table.frontier(p, s) if to_units(x.expected_accessibility) >= max(min_units, 1)]


class Lagrangian:
    """The relaxation of one budget over lazily scored pairs, and the best answer it finds.

    Pairs are scored (their frontier of set-ups computed) only when an
    assignment uses them; unscored pairs enter with upper values, so every
    bound is valid whether or not they are scored.
    """

    def __init__(self, lazy: LazyScores, cols: IntArray, min_units: int, budget: float,
                 inventory: dict[str, int], prices: dict[str, float]) -> None:
        self.lazy = lazy
        self.cols = cols
        self.min_units = min_units
        self.budget = budget
        self.inventory = inventory
        self.prices = prices
        bounds = lazy.bounds
        floor = max(min_units, 1) / SCALE
        # What an unscored pair can be worth at lambda, at most: its empty set-up, or any other set-up,
        # which scores at most the bound and costs at least the cheapest usable tool (owned tools: free).
        self.top: FloatArray = np.where(bounds.score / SCALE >= floor, bounds.score / SCALE, 0.0)
        self.base: FloatArray = np.where(bounds.base / SCALE >= floor, bounds.base / SCALE, 0.0)
        self.cheapest: FloatArray = np.zeros(self.top.shape) if inventory else bounds.cheapest / 100.0
        self.known = np.zeros(self.top.shape, dtype=bool)
        """Per (profile, station): whether its options are in `flat`."""
        self.flat: list[tuple[int, int, float, float, Setup]] = []
        """Every option met: (profile, station, expected accessibility, charged cost, set-up)."""
        self.where: dict[tuple[int, int], list[int]] = {}
        """Per (profile, station): the indices of its options in `flat`."""
        self._ps: IntArray = np.zeros((0, 2), dtype=np.int64)
        self._ea: FloatArray = np.zeros(0)
        self._charged: FloatArray = np.zeros(0)

    def charged(self, x: Setup) -> float:
        """The cost lambda applies to: owned tools are free, so lambda * cost never exceeds what is paid."""
        return x.cost_eur - sum(self.prices[t] for t in x.tools if self.inventory.get(t, 0) > 0)

    def options(self, i: int, s: int) -> list[Setup]:
        """The set-ups worker `i` may take at station `s` (scored on first use)."""
        p = int(self.lazy.table.profile_of[i])
        if not self.known[p, s]:
            self.known[p, s] = True
            self.where[(p, s)] = []
            for x in pair_options(self.lazy, i, s, self.min_units):
                self.where[(p, s)].append(len(self.flat))
                self.flat.append((p, s, x.expected_accessibility, self.charged(x), x))
        return [self.flat[k][4] for k in self.where[(p, s)]]

    def relax(self, lam: float, rounds: int = ROUNDS) -> tuple[float, list[Choice]]:
        """An upper bound at `lam` and the assignment behind it, with real set-ups.

        Unscored pairs enter with their upper values, so the bound is valid
        whether or not the assignment uses them; the pairs it uses are scored
        and the problem re-solved a few times (ROUNDS), which tightens the
        bound without paying for full lazy convergence at every lambda.
        """
        profile_of, cols, flat = self.lazy.table.profile_of, self.cols, self.flat
        for round_ in range(rounds):
            w = np.maximum(self.base, self.top - lam * self.cheapest)
            w[self.known] = 0.0
            if flat:
                ps, ea, charged = self._flat_arrays()
                np.maximum.at(w, (ps[:, 0], ps[:, 1]), ea - lam * charged)
            expanded = w[profile_of][:, cols]
            rows, picked = linear_sum_assignment(expanded, maximize=True)
            pairs = [(int(i), int(cols[j])) for i, j in zip(rows, picked, strict=True) if expanded[i, j] > 0]
            todo = [(i, s) for i, s in pairs if not self.known[int(profile_of[i]), s]]
            for i, s in todo:
                self.options(i, s)
            if todo and self.lazy.on_refine is not None:
                self.lazy.on_refine(int(self.known.sum()))
            if not todo or round_ == rounds - 1:
                break
        out = []
        for i, s in pairs:
            ks = self.where[(int(profile_of[i]), s)]
            if ks:
                k = max(ks, key=lambda k: (flat[k][2] - lam * flat[k][3], -flat[k][3]))
                out.append((i, s, flat[k][4]))
        return float(expanded[rows, picked].sum()) + lam * self.budget, out

    def _flat_arrays(self) -> tuple[IntArray, FloatArray, FloatArray]:
        """`flat` as arrays: (profile, station), expected accessibility, charged cost; grown, not rebuilt."""
        have = len(self._ea)
        if have < len(self.flat):
            more = self.flat[have:]
            self._ps = np.vstack([self._ps, np.array([(f[0], f[1]) for f in more], dtype=np.int64)])
            self._ea = np.concatenate([self._ea, np.array([f[2] for f in more], dtype=float)])
            self._charged = np.concatenate([self._charged, np.array([f[3] for f in more], dtype=float)])
        return self._ps, self._ea, self._charged

    def _repair(self, chosen: list[Choice]) -> list[Choice]:
        return repair(chosen, self.options, self.budget, self.inventory, self.prices, "total")

    def _fits(self, chosen: list[Choice]) -> bool:
        return paid(chosen, self.inventory, self.prices) <= self.budget

    def solve(self, relaxed: list[Choice]) -> BudgetSolved:
        """Bisection on lambda, starting from `relaxed`, the best answer without the shared budget."""
        best = self._repair(relaxed)  # the answer without budget, cut to fit
        bound = expected_sum(relaxed)  # the best sum without the budget
        lo, hi = 0.0, START_PRICE
        steps = 0
        for _ in range(GROWTH_STEPS):  # find a price per euro at which the relaxed answer fits
            value, chosen = self.relax(hi)
            bound = min(bound, value)
            best = better(best, self._repair(chosen))
            steps += 1
            if self._fits(chosen):
                break
            lo, hi = hi, hi * 4
        for _ in range(BISECTIONS):
            mid = (lo + hi) / 2
            value, chosen = self.relax(mid)
            bound = min(bound, value)
            best = better(best, self._repair(chosen))
            steps += 1
            if self._fits(chosen):
                hi = mid
            else:
                lo = mid
        # The bound is the lowest over all steps; near the best lambda, score what the relaxation uses
        # until it settles, which tightens the bound where it matters.
        for lam in (lo, hi) if FINAL_ROUNDS else ():
            value, chosen = self.relax(lam, rounds=FINAL_ROUNDS)
            bound = min(bound, value)
            best = better(best, self._repair(chosen))
        achieved = expected_sum(best)
        bound = max(score(bound), achieved)
        gap = (bound - achieved) / bound if bound > 0 else 0.0
        notes = ["shared budget on a large firm: Lagrangian relaxation; the gap to the proven bound is reported"]
        if self.inventory:
            notes.append("owned inventory is priced in after the relaxation (first come)")
        table = self.lazy.table
        return BudgetSolved(best, "lagrangian", gap == 0.0, bound, score(gap), notes,
                            {"lagrangian_steps": steps, "frontiers": int(self.known.sum()),
                             "pairs_total": len(table.workers) * len(table.stations)})


def better(a: list[Choice], b: list[Choice]) -> list[Choice]:
    """The better of two answers: the larger sum, then the lower cost (`a` on a tie)."""
    key_a = (expected_sum(a), -sum(s.cost_eur for *_, s in a))
    key_b = (expected_sum(b), -sum(s.cost_eur for *_, s in b))
    return b if key_b > key_a else a


def repair(chosen: list[Choice], options: Options, budget: float, inventory: dict[str, int],
           prices: dict[str, float], objective: str) -> list[Choice]:
    """A feasible answer near `chosen`: cheapen set-ups until within budget, then spend what is left.

    Total: cut where the least accessibility is lost per euro, upgrade where
    the most is gained per euro. Fair: cut where the set-up stays the
    highest, upgrade the lowest placements first, so the floor stays up.
    """
    current = {(i, s): x for i, s, x in chosen}
    known = {key: options(*key) for key in current}

    def total() -> float:
        return paid([(i, s, x) for (i, s), x in current.items()], inventory, prices)

    while not within_budget(total(), budget) and current:
        moves: list[tuple[float, tuple[int, int], Setup | None]] = []
        for key, x in current.items():
            for y in known[key]:
                if y.cost_eur < x.cost_eur:
                    loss = (x.expected_accessibility - y.expected_accessibility) / (x.cost_eur - y.cost_eur)
                    moves.append((-y.expected_accessibility if objective == "fair" else loss, key, y))
            if objective == "total":  # dropping a worker entirely is a move too (not for fair: count first)
                moves.append((x.expected_accessibility / max(x.cost_eur, EPSILON_EUR), key, None))
        if not moves:
            break
        _, key, down = min(moves, key=lambda mv: (mv[0], mv[1]))
        if down is None:
            del current[key]
        else:
            current[key] = down
    if not within_budget(total(), budget):
        # Only dropping helps now (fair): drop the dearest placements first.
        for key in sorted(current, key=lambda k: -current[k].cost_eur):
            if within_budget(total(), budget):
                break
            cheaper = [y for y in known[key] if y.cost_eur == 0]
            if cheaper:
                current[key] = cheaper[0]
            else:
                del current[key]
    improved = True
    while improved:
        improved = False
        left = budget - total()
        ups: list[tuple[float, tuple[int, int], Setup]] = []
        for key, x in current.items():
            for y in known[key]:
                extra = y.cost_eur - x.cost_eur
                if y.expected_accessibility > x.expected_accessibility and extra <= left:
                    gain = (y.expected_accessibility - x.expected_accessibility) / max(extra, EPSILON_EUR)
                    ups.append((-x.expected_accessibility if objective == "fair" else gain, key, y))
        for _, key, y in sorted(ups, key=lambda mv: (-mv[0], mv[1])):
            old = current[key]
            current[key] = y
            if within_budget(total(), budget):
                improved = True
                break
            current[key] = old
    return [(i, s, x) for (i, s), x in sorted(current.items())]
