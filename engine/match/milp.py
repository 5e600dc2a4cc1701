"""Provides the exact MILP for batch matching of small firms under one shared budget.

Variables: x[e] in {0, 1} for every option e = (worker, workstation,
non-dominated set-up) at or above the minimum, and z[t] >= 0 for the units
of each owned tool t bought on top of the inventory. Constraints: each
worker at most once, each workstation at most `positions` times, the units
of an owned tool used minus z[t] at most the units owned, and the paid cost
(set-ups without owned tools, plus z priced) within the budget.

The objectives are lexicographic; each phase is one HiGHS solve with
`mip_rel_gap=0` and fixes the optimum of the previous phase as a
constraint. Scores enter in integer units of 1e-9, so a phase's optimum is
an integer and "at least the optimum" is written as ">= optimum - 0.5",
which HiGHS's feasibility tolerance cannot turn into a worse integer. Each
answer is re-checked in exact integers afterwards.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from scipy.optimize import Bounds as VarBounds
from scipy.optimize import LinearConstraint, milp
from scipy.sparse import csr_array

from engine.highs import quiet_stdout
from engine.match.assign import LazyScores
from engine.match.choice import BudgetSolved, Choice, expected_sum, paid
from engine.units import BUDGET_TOLERANCE, from_units, score, to_units, within_budget

MILP_TIME_LIMIT = 60.0
"""Seconds per MILP phase; a phase stopped by it reports its proven gap."""


class _Model:
    """The options, the shared constraints and a lexicographic sequence of solves."""

    def __init__(self, lazy: LazyScores, min_units: int, budget: float, inventory: dict[str, int],
                 prices: dict[str, float], options: list[Choice] | None = None,
                 time_limit: float = MILP_TIME_LIMIT) -> None:
        table = lazy.table
        self.time_limit = time_limit
        self.options: list[Choice] = []
        floor = max(min_units, 1)
        score_ub = lazy.rows()[0]
        for i in range(len(table.workers) if options is None else 0):
            p = int(table.profile_of[i])
            for s in range(len(table.stations)):
                if score_ub[i, s] < floor:
                    continue  # even the bound is too low: no set-up can qualify
                self.options += [(i, s, x) for x in table.frontier(p, s) if to_units(x.expected_accessibility) >= floor]
        if options is not None:  # a restricted model: only these options (a heuristic, see `solve_restricted`)
            self.options = [c for c in options if to_units(c[2].expected_accessibility) >= floor]
        self.score = np.array([to_units(x.expected_accessibility) for *_, x in self.options], dtype=np.int64)
        owned = sorted({t for *_, x in self.options for t in x.tools if inventory.get(t, 0) > 0})
        n_x, n_z = len(self.options), len(owned)
        self.n_x = n_x
        rows: list[tuple[list[int], list[float], float, float]] = []
        by_worker: dict[int, list[int]] = {}
        by_station: dict[int, list[int]] = {}
        for e, (i, s, _) in enumerate(self.options):
            by_worker.setdefault(i, []).append(e)
            by_station.setdefault(s, []).append(e)
        for _, idx in sorted(by_worker.items()):
            rows.append((idx, [1.0] * len(idx), 0.0, 1.0))
        for s, idx in sorted(by_station.items()):
            rows.append((idx, [1.0] * len(idx), 0.0, float(table.stations[s].positions)))
        for k, tool in enumerate(owned):
            idx = [e for e, (*_, x) in enumerate(self.options) if tool in x.tools]
            rows.append(([*idx, n_x + k], [1.0] * len(idx) + [-1.0], -np.inf, float(inventory[tool])))
        self.paid = np.array([x.cost_eur - sum(prices[t] for t in x.tools if t in owned) for *_, x in self.options]
                             + [prices[t] for t in owned])
        rows.append((list(range(n_x + n_z)), list(self.paid), -np.inf, budget + BUDGET_TOLERANCE))
        self.base = rows
        self.n = n_x + n_z
        self.integrality = np.r_[np.ones(n_x), np.zeros(n_z)]
        self.exact = True

    def _matrix(self, extra: list[tuple[list[int], list[float], float, float]]) -> LinearConstraint:
        rows = self.base + extra
        data, indices, indptr, lo, hi = [], [], [0], [], []
        for idx, coef, a, b in rows:
            indices += idx
            data += coef
            indptr.append(len(indices))
            lo.append(a)
            hi.append(b)
        matrix = csr_array((data, indices, indptr), shape=(len(rows), self.n))
        return LinearConstraint(matrix, lo, hi)

    def solve(self, maximise: np.ndarray[Any, Any], extra: list[tuple[list[int], list[float], float, float]],
              upper: np.ndarray[Any, Any] | None = None) -> tuple[np.ndarray[Any, Any], float, float]:
        """Maximise `maximise @ v`: the 0/1 answer of x, its value, and the proven bound on the optimum."""
        ub = np.r_[np.ones(self.n_x), np.full(self.n - self.n_x, np.inf)] if upper is None else upper
        with quiet_stdout():
            res = milp(-maximise, integrality=self.integrality, bounds=VarBounds(np.zeros(self.n), ub),
                       constraints=self._matrix(extra),
                       options={"mip_rel_gap": 0.0, "time_limit": self.time_limit})
        if res.x is None:
            raise RuntimeError(f"MILP found no answer: {res.message}")  # an empty assignment always fits
        bound = -float(res.fun)
        if res.status != 0:  # stopped by the time limit: keep the best answer and HiGHS's proven bound
            self.exact = False
            dual = getattr(res, "mip_dual_bound", None)
            bound = -float(dual) if dual is not None and np.isfinite(dual) else np.inf
        x = np.rint(res.x[: self.n_x]).astype(np.int64)
        return x, -float(res.fun), bound

    def at_least(self, coef: np.ndarray[Any, Any], value: float) -> tuple[list[int], list[float], float, float]:
        """The row coef @ x >= value."""
        idx = [int(e) for e in np.flatnonzero(coef)]
        return (idx, [float(coef[e]) for e in idx], value, np.inf)


def solve_milp(lazy: LazyScores, min_units: int, budget: float, objective: str, inventory: dict[str, int],
               prices: dict[str, float]) -> BudgetSolved:
    """Exact lexicographic answer with the shared budget (see the module docstring)."""
    model = _Model(lazy, min_units, budget, inventory, prices)
    n_x = model.n_x
    if n_x == 0:  # no pair qualifies: nobody is placed, and that is optimal
        return BudgetSolved([], "milp-highs", True, 0.0, 0.0, stats={"milp_options": 0, "milp_phases": 0})
    pad = np.zeros(model.n - n_x)
    weight = model.score.astype(np.float64)
    extra: list[tuple[list[int], list[float], float, float]] = []
    upper = None
    phases = 0
    if objective == "fair" and n_x:
        ones = np.r_[np.ones(n_x), pad]
        x, count, _ = model.solve(ones, extra)
        need = round(count)
        extra.append(model.at_least(ones, need - 0.5))
        # Raise the floor: the largest option score t such that `need` placements reach >= t.
        values = np.unique(model.score)
        lo, hi = 0, len(values) - 1
        floor = int(min(model.score[x == 1], default=values[0]))
        lo = int(np.searchsorted(values, floor))
        while lo < hi:
            mid = (lo + hi + 1) // 2
            ub = np.r_[(model.score >= values[mid]).astype(np.float64), np.full(model.n - n_x, np.inf)]
            x_mid, got, _ = model.solve(ones, [], ub)
            phases += 1
            if round(got) >= need:
                lo = max(mid, int(np.searchsorted(values, int(min(model.score[x_mid == 1])))))
            else:
                hi = mid - 1
        upper = np.r_[(model.score >= values[lo]).astype(np.float64), np.full(model.n - n_x, np.inf)]
        phases += 1
    x, best, proven = model.solve(np.r_[weight, pad], extra, upper)
    phases += 1
    target = round(best)
    if model.exact:
        y, _, _ = model.solve(-model.paid, [*extra, model.at_least(np.r_[weight, pad], target - 0.5)], upper)
        phases += 1
        if int(model.score[y == 1].sum()) >= int(model.score[x == 1].sum()):
            x = y  # re-checked in integers: never trade score for cost
    chosen: list[Choice] = [model.options[e] for e in np.flatnonzero(x)]
    achieved = expected_sum(chosen)
    bound = score(max(from_units(proven), achieved)) if objective == "total" or model.exact else None
    gap = 0.0 if model.exact or bound is None else ((bound - achieved) / bound if bound > 0 else 0.0)
    assert within_budget(paid(chosen, inventory, prices), budget)
    return BudgetSolved(chosen, "milp-highs", model.exact, bound, score(gap),
                        stats={"milp_options": n_x, "milp_phases": phases})



def solve_restricted(lazy: LazyScores, options: list[Choice], budget: float, inventory: dict[str, int],
                     prices: dict[str, float], time_limit: float) -> tuple[list[Choice], bool]:
    """The best answer that uses only `options`: max score, then min cost; and whether that is proven.

    The large-firm route (`engine.match.lagrange`) calls it on the pairs its
    relaxation used near the best price: a heuristic for the whole firm (its
    bound comes from the relaxation), exact within the options given. When
    the time limit comes before HiGHS has any answer, the answer is empty
    (not proven); the caller's other answers stand.
    """
    model = _Model(lazy, 0, budget, inventory, prices, options=options, time_limit=time_limit)
    n_x = model.n_x
    if n_x == 0:
        return [], True
    pad = np.zeros(model.n - n_x)
    weight = np.r_[model.score.astype(np.float64), pad]
    try:
        x, best, _ = model.solve(weight, [])
    except RuntimeError:  # the time limit came before any answer (seen on a loaded machine): none from here
        return [], False
    if model.exact:
        try:
            y, _, _ = model.solve(-model.paid, [model.at_least(weight, round(best) - 0.5)])
        except RuntimeError:
            y = x  # no cheaper answer found in time: keep the first
        if int(model.score[y == 1].sum()) >= int(model.score[x == 1].sum()):
            x = y  # re-checked in integers: never trade score for cost
    chosen = [model.options[e] for e in np.flatnonzero(x)]
    assert within_budget(paid(chosen, inventory, prices), budget)
    return chosen, model.exact
