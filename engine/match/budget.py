"""Provides batch matching under one shared budget: exact MILP, or Lagrangian relaxation at scale.

With a shared budget a pair may take a cheaper, lesser set-up to leave money
for others, so each pair's options are its non-dominated set-ups
(`PairTable.frontier`), the empty one included.

- Small firms: the exact MILP of `engine.match.milp`. Owned tools are
  modelled exactly: units bought = max(0, units used - units owned).
- Large firms: first the answer without the shared budget (each pair capped
  at the budget, exact); when it fits the budget it is optimal (cost ties
  are then broken between the pairs' best set-ups only). Otherwise the
  Lagrangian relaxation of `engine.match.lagrange` (objective total), or for
  the fair objective the fair answer without the budget repaired to fit.
"""

from __future__ import annotations

from engine.match.assign import LazyScores, solve_fair, solve_total
from engine.match.choice import BudgetSolved, Choice, expected_sum, paid
from engine.match.lagrange import Lagrangian, pair_options
from engine.match.milp import solve_milp
from engine.match.pairs import IntArray
from engine.match.repair import repair
from engine.units import score, within_budget

MILP_MAX_PAIRS = 3000
"""Worker x workstation pairs up to which the exact MILP is used."""


def solve_budget(lazy: LazyScores, cols: IntArray, min_units: int, budget: float, objective: str,
                 inventory: dict[str, int]) -> BudgetSolved:
    """Dispatch: unconstrained answer if it fits, else MILP (small) or Lagrangian (large)."""
    table = lazy.table
    prices = {t.id: t.cost_eur for t in table.catalog.tools.values()}
    if len(table.workers) * len(table.stations) <= MILP_MAX_PAIRS:
        return solve_milp(lazy, min_units, budget, objective, inventory, prices)
    free = (solve_fair if objective == "fair" else solve_total)(lazy, cols, min_units)
    relaxed = []
    for i, s in free.pairs:
        top = table.best(int(table.profile_of[i]), s).best
        # Same score, less money: a cheaper non-dominated set-up (less coverage) is what the budget wants.
        # Only set-ups up to the best one's cost can be cheaper: the frontier up to it holds them all.
        same = [x for x in table.frontier(int(table.profile_of[i]), s, limit=top.cost_eur)
                if x.expected_accessibility == top.expected_accessibility]
        relaxed.append((i, s, min(same, key=lambda x: (x.cost_eur, x.key()), default=top)))
    # The answer without the shared budget bounds every answer with it; if it fits, it is optimal.
    if within_budget(paid(relaxed, inventory, prices), budget):
        return BudgetSolved(relaxed, "lazy-lsa (budget not binding)", True, expected_sum(relaxed), 0.0,
                            stats={"rounds": free.rounds})
    if objective == "fair":
        return _fair_large(lazy, cols, min_units, budget, inventory, prices, relaxed)
    return Lagrangian(lazy, cols, min_units, budget, inventory, prices).solve(relaxed)


def _fair_large(lazy: LazyScores, cols: IntArray, min_units: int, budget: float, inventory: dict[str, int],
                prices: dict[str, float], relaxed: list[Choice]) -> BudgetSolved:
    """Fair with a shared budget at scale: the fair answer without it, repaired to fit (a heuristic)."""
    best = repair(relaxed, lambda i, s: pair_options(lazy, i, s, min_units), budget, inventory, prices, "fair")
    total = solve_total(lazy, cols, min_units)  # the best sum without the budget bounds every sum with it
    table = lazy.table
    bound = score(sum(table.best(int(table.profile_of[i]), s).best.expected_accessibility for i, s in total.pairs))
    achieved = expected_sum(best)
    gap = (bound - achieved) / bound if bound > 0 else 0.0
    notes = ["fair objective with a shared budget on a large firm: the fair assignment without the budget, "
             "repaired to fit (cheaper set-ups first); not proven optimal. The bound is on the sum of expected "
             "accessibility (the best sum without the budget)"]
    return BudgetSolved(best, "fair-repair", False, bound, score(gap), notes)
