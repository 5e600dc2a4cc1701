"""Provides batch matching under one shared budget: exact MILP, or Lagrangian relaxation at scale.

With a shared budget a pair may take a cheaper, lesser set-up to leave money
for others, so each pair's options are its non-dominated set-ups
(`PairTable.frontier`), the empty one included.

- Small firms: one binary variable per (worker, workstation, set-up) and
  scipy's HiGHS MILP with `mip_rel_gap=0`, in lexicographic phases (each
  phase fixes the optimum of the previous one as a constraint). Owned tools
  are modelled exactly: units bought = max(0, units used - units owned).
- Large firms: first the answer without the shared budget (each pair capped
  at the budget, exact); when it fits the budget it is optimal (cost ties
  are then broken between the pairs' best set-ups only). Otherwise
  Lagrangian relaxation of the budget constraint. For a price
  lambda per euro, each pair is worth its best `score - lambda * cost` and one
  assignment problem gives an upper bound; bisection on lambda tightens it,
  and every assignment is repaired (cheaper set-ups where they cost least
  accessibility per euro) or topped up into a feasible answer. The best
  answer and the lowest bound are reported with their relative gap. Owned
  tools there are priced in afterwards (first come), which can only help.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
from scipy.optimize import linear_sum_assignment

from engine.assign import LazyScores, solve_fair, solve_total
from engine.match_pairs import SCALE, IntArray, to_units
from engine.setups import Setup

MILP_MAX_PAIRS = 3000
"""Worker x workstation pairs up to which the exact MILP is used."""
MILP_TIME_LIMIT = 60.0
"""Seconds per MILP phase; a phase stopped by it reports its proven gap."""
BISECTIONS = 30
"""Lagrangian steps on lambda."""

Choice = tuple[int, int, Setup]


@dataclass
class BudgetSolved:
    """The chosen (worker, station, set-up) triples and how good they are proven to be."""

    chosen: list[Choice]
    solver: str
    exact: bool
    bound: float | None
    """Upper bound on the sum of expected accessibility."""
    gap: float
    notes: list[str] = field(default_factory=list)
    stats: dict[str, Any] = field(default_factory=dict)


def _paid(chosen: list[Choice], inventory: dict[str, int], prices: dict[str, float]) -> float:
    """What the chosen set-ups cost when owned units are used first."""
    used: dict[str, int] = {}
    for _, _, s in chosen:
        for t in s.tools:
            used[t] = used.get(t, 0) + 1
    return sum(prices[t] * max(0, n - inventory.get(t, 0)) for t, n in used.items())


def _sum(chosen: list[Choice]) -> float:
    return round(sum(s.expected_accessibility for _, _, s in chosen), 9)


def solve_budget(lazy: LazyScores, cols: IntArray, min_units: int, budget: float, objective: str,
                 inventory: dict[str, int]) -> BudgetSolved:
    """Dispatch: unconstrained answer if it fits, else MILP (small) or Lagrangian (large)."""
    table = lazy.table
    prices = {t.id: t.cost_eur for t in table.catalog.tools.values()}
    if len(table.workers) * len(table.stations) <= MILP_MAX_PAIRS:
        from engine.match_milp import solve_milp

        return solve_milp(lazy, min_units, budget, objective, inventory, prices)
    free = (solve_fair if objective == "fair" else solve_total)(lazy, cols, min_units)
    relaxed = []
    for i, s in free.pairs:
        top = table.best(int(table.profile_of[i]), s).best
        # Same score, less money: a cheaper non-dominated set-up (less coverage) is what the budget wants.
        same = [x for x in table.frontier(int(table.profile_of[i]), s)
                if x.expected_accessibility == top.expected_accessibility]
        relaxed.append((i, s, min(same, key=lambda x: (x.cost_eur, x.key()), default=top)))
    # The answer without the shared budget bounds every answer with it; if it fits, it is optimal.
    if _paid(relaxed, inventory, prices) <= budget + 1e-6:
        return BudgetSolved(relaxed, "lazy-lsa (budget not binding)", True, _sum(relaxed), 0.0,
                            stats={"rounds": free.rounds})
    if objective == "fair":
        return _fair_large(lazy, cols, min_units, budget, inventory, prices, relaxed)
    return _lagrangian(lazy, cols, min_units, budget, inventory, prices, relaxed)


def _fair_large(lazy: LazyScores, cols: IntArray, min_units: int, budget: float, inventory: dict[str, int],
                prices: dict[str, float], relaxed: list[Choice]) -> BudgetSolved:
    """Fair with a shared budget at scale: the fair answer without it, repaired to fit (a heuristic)."""
    known: dict[tuple[int, int], list[Setup]] = {}
    best = _repair(relaxed, lazy, known, min_units, budget, inventory, prices, "fair")
    total = solve_total(lazy, cols, min_units)  # the best sum without the budget bounds every sum with it
    table = lazy.table
    bound = round(sum(table.best(int(table.profile_of[i]), s).best.expected_accessibility for i, s in total.pairs), 9)
    achieved = _sum(best)
    gap = (bound - achieved) / bound if bound > 0 else 0.0
    notes = ["fair objective with a shared budget on a large firm: the fair assignment without the budget, "
             "repaired to fit (cheaper set-ups first); not proven optimal. The bound is on the sum of expected "
             "accessibility (the best sum without the budget)"]
    return BudgetSolved(best, "fair-repair", False, bound, round(gap, 9), notes, {"frontiers": len(known)})


# ---------------------------------------------------------------- Lagrangian


def _options(lazy: LazyScores, i: int, s: int, min_units: int) -> list[Setup]:
    """The set-ups a pair may take: non-dominated, at or above the minimum, score > 0."""
    p = int(lazy.table.profile_of[i])
    return [x for x in lazy.table.frontier(p, s) if to_units(x.expected_accessibility) >= max(min_units, 1)]


def _lagrangian(lazy: LazyScores, cols: IntArray, min_units: int, budget: float, inventory: dict[str, int],
                prices: dict[str, float], relaxed: list[Choice]) -> BudgetSolved:
    table = lazy.table
    n, m = len(table.workers), len(table.stations)
    known: dict[tuple[int, int], list[Setup]] = {}
    upper = lazy.rows()[0].astype(np.float64) / SCALE  # score bounds (exact where known), per worker

    def charged(x: Setup) -> float:
        # Owned tools are free here, so lambda * cost never exceeds what is really paid: the bound stays valid.
        return x.cost_eur - sum(prices[t] for t in x.tools if inventory.get(t, 0) > 0)

    def weights(lam: float) -> tuple[np.ndarray[Any, Any], dict[tuple[int, int], Setup]]:
        w = np.where(upper >= max(min_units, 1) / SCALE, upper, 0.0)
        pick: dict[tuple[int, int], Setup] = {}
        for (i, s), opts in known.items():
            best = max(opts, key=lambda x: (x.expected_accessibility - lam * charged(x), -x.cost_eur), default=None)
            value = best.expected_accessibility - lam * charged(best) if best is not None else 0.0
            w[i, s] = max(value, 0.0)
            if best is not None and value > 0:
                pick[(i, s)] = best
        return w, pick

    def relax(lam: float) -> tuple[float, list[Choice]]:
        """The Lagrangian bound at `lam` and its assignment (lazily exact on the pairs it uses)."""
        while True:
            w, pick = weights(lam)
            expanded = w[:, cols]
            rows, picked = linear_sum_assignment(expanded, maximize=True)
            pairs = [(int(i), int(cols[j])) for i, j in zip(rows, picked, strict=True) if expanded[i, j] > 0]
            todo = [(i, s) for i, s in pairs if (i, s) not in known]
            if not todo:
                value = float(expanded[rows, picked].sum()) + lam * budget
                return value, [(i, s, pick[(i, s)]) for i, s in pairs]
            for i, s in todo:
                known[(i, s)] = _options(lazy, i, s, min_units)
                upper[i, s] = max((x.expected_accessibility for x in known[(i, s)]), default=0.0)

    best: list[Choice] = []
    bound = _sum(relaxed)  # the best sum without the budget
    lo, hi = 0.0, 1e-6
    steps = 0
    for _ in range(60):  # find a price per euro at which the relaxed answer fits
        value, chosen = relax(hi)
        bound = min(bound, value)
        best = _better(best, _repair(chosen, lazy, known, min_units, budget, inventory, prices, "total"))
        steps += 1
        if _paid(chosen, inventory, prices) <= budget:
            break
        lo, hi = hi, hi * 4
    for _ in range(BISECTIONS):
        mid = (lo + hi) / 2
        value, chosen = relax(mid)
        bound = min(bound, value)
        best = _better(best, _repair(chosen, lazy, known, min_units, budget, inventory, prices, "total"))
        steps += 1
        if _paid(chosen, inventory, prices) > budget:
            lo = mid
        else:
            hi = mid
    achieved = _sum(best)
    bound = max(round(bound, 9), achieved)
    gap = (bound - achieved) / bound if bound > 0 else 0.0
    notes = ["shared budget on a large firm: Lagrangian relaxation; the gap to the proven bound is reported"]
    if inventory:
        notes.append("owned inventory is priced in after the relaxation (first come)")
    return BudgetSolved(best, "lagrangian", gap == 0.0, bound, round(gap, 9), notes,
                        {"lagrangian_steps": steps, "frontiers": len(known), "pairs_total": n * m})


def _better(a: list[Choice], b: list[Choice]) -> list[Choice]:
    key_a = (_sum(a), -sum(s.cost_eur for *_, s in a))
    key_b = (_sum(b), -sum(s.cost_eur for *_, s in b))
    return b if key_b > key_a else a


def _repair(chosen: list[Choice], lazy: LazyScores, known: dict[tuple[int, int], list[Setup]], min_units: int,
            budget: float, inventory: dict[str, int], prices: dict[str, float], objective: str) -> list[Choice]:
    """A feasible answer near `chosen`: cheapen set-ups (least loss per euro) until within budget, then
    spend what is left on the best upgrades (most gain per euro)."""
    current = {(i, s): x for i, s, x in chosen}
    for i, s in current:
        if (i, s) not in known:
            known[(i, s)] = _options(lazy, i, s, min_units)

    def total() -> float:
        return _paid([(i, s, x) for (i, s), x in current.items()], inventory, prices)

    while total() > budget + 1e-6 and current:
        moves: list[tuple[float, tuple[int, int], Setup | None]] = []
        for key, x in current.items():
            for y in known[key]:
                if y.cost_eur < x.cost_eur:
                    moves.append(((x.expected_accessibility - y.expected_accessibility) / (x.cost_eur - y.cost_eur),
                                  key, y))
            if objective == "total":  # dropping a worker entirely is a move too (not for fair: count first)
                moves.append((x.expected_accessibility / max(x.cost_eur, 1e-9), key, None))
        if not moves:
            break
        _, key, down = min(moves, key=lambda mv: (mv[0], mv[1]))
        if down is None:
            del current[key]
        else:
            current[key] = down
    if total() > budget + 1e-6:
        # Only dropping helps now (fair): drop the dearest placements first.
        for key in sorted(current, key=lambda k: -current[k].cost_eur):
            if total() <= budget + 1e-6:
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
                    ups.append(((y.expected_accessibility - x.expected_accessibility) / max(extra, 1e-9), key, y))
        for _, key, y in sorted(ups, key=lambda mv: (-mv[0], mv[1])):
            old = current[key]
            current[key] = y
            if total() <= budget + 1e-6:
                improved = True
                break
            current[key] = old
    return [(i, s, x) for (i, s), x in sorted(current.items())]
