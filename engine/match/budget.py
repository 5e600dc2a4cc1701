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

from collections.abc import Callable
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
BISECTIONS = 20
"""Lagrangian bisection steps on lambda."""
ROUNDS = 3
"""Assignment problems per lambda: score the pairs the relaxation uses, solve again."""
FINAL_ROUNDS = 10
"""The same at the two lambdas around the best one, to tighten the bound."""

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
    best = _repair(relaxed, lambda i, s: _options(lazy, i, s, min_units), budget, inventory, prices, "fair")
    total = solve_total(lazy, cols, min_units)  # the best sum without the budget bounds every sum with it
    table = lazy.table
    bound = round(sum(table.best(int(table.profile_of[i]), s).best.expected_accessibility for i, s in total.pairs), 9)
    achieved = _sum(best)
    gap = (bound - achieved) / bound if bound > 0 else 0.0
    notes = ["fair objective with a shared budget on a large firm: the fair assignment without the budget, "
             "repaired to fit (cheaper set-ups first); not proven optimal. The bound is on the sum of expected "
             "accessibility (the best sum without the budget)"]
    return BudgetSolved(best, "fair-repair", False, bound, round(gap, 9), notes)


# ---------------------------------------------------------------- Lagrangian


def _options(lazy: LazyScores, i: int, s: int, min_units: int) -> list[Setup]:
    """The set-ups a pair may take: non-dominated, at or above the minimum, score > 0."""
    p = int(lazy.table.profile_of[i])
    return [x for x in lazy.table.frontier(p, s) if to_units(x.expected_accessibility) >= max(min_units, 1)]


def _lagrangian(lazy: LazyScores, cols: IntArray, min_units: int, budget: float, inventory: dict[str, int],
                prices: dict[str, float], relaxed: list[Choice]) -> BudgetSolved:
    """Bisection on the price lambda of a euro; every step one (lazy) assignment problem."""
    table, bounds = lazy.table, lazy.bounds
    profile_of = table.profile_of
    floor = max(min_units, 1) / SCALE
    # What an unscored pair can be worth at lambda, at most: its empty set-up, or any other set-up,
    # which scores at most the bound and costs at least the cheapest usable tool (owned tools: free).
    top = np.where(bounds.score / SCALE >= floor, bounds.score / SCALE, 0.0)
    base = np.where(bounds.base / SCALE >= floor, bounds.base / SCALE, 0.0)
    cheapest = np.zeros(top.shape) if inventory else bounds.cheapest / 100.0
    known = np.zeros(top.shape, dtype=bool)
    flat: list[tuple[int, int, float, float, Setup]] = []
    where: dict[tuple[int, int], list[int]] = {}

    def charged(x: Setup) -> float:
        # Owned tools are free here, so lambda * cost never exceeds what is really paid: the bound stays valid.
        return x.cost_eur - sum(prices[t] for t in x.tools if inventory.get(t, 0) > 0)

    def options(i: int, s: int) -> list[Setup]:
        p = int(profile_of[i])
        if not known[p, s]:
            known[p, s] = True
            where[(p, s)] = []
            for x in _options(lazy, i, s, min_units):
                where[(p, s)].append(len(flat))
                flat.append((p, s, x.expected_accessibility, charged(x), x))
        return [flat[k][4] for k in where[(p, s)]]

    def relax(lam: float, rounds: int = ROUNDS) -> tuple[float, list[Choice]]:
        """An upper bound at `lam` and the assignment behind it, with real set-ups.

        Unscored pairs enter with their upper values, so the bound is valid
        whether or not the assignment uses them; the pairs it uses are scored
        and the problem re-solved a few times (ROUNDS), which tightens the
        bound without paying for full lazy convergence at every lambda.
        """
        for round_ in range(rounds):
            w = np.maximum(base, top - lam * cheapest)
            w[known] = 0.0
            if flat:
                ps = np.array([(f[0], f[1]) for f in flat])
                value = np.array([f[2] - lam * f[3] for f in flat])
                np.maximum.at(w, (ps[:, 0], ps[:, 1]), value)
            expanded = w[profile_of][:, cols]
            rows, picked = linear_sum_assignment(expanded, maximize=True)
            pairs = [(int(i), int(cols[j])) for i, j in zip(rows, picked, strict=True) if expanded[i, j] > 0]
            todo = [(i, s) for i, s in pairs if not known[int(profile_of[i]), s]]
            for i, s in todo:
                options(i, s)
            if todo and lazy.on_refine is not None:
                lazy.on_refine(int(known.sum()))
            if not todo or round_ == rounds - 1:
                break
        out = []
        for i, s in pairs:
            ks = where[(int(profile_of[i]), s)]
            if ks:
                k = max(ks, key=lambda k: (flat[k][2] - lam * flat[k][3], -flat[k][3]))
                out.append((i, s, flat[k][4]))
        return float(expanded[rows, picked].sum()) + lam * budget, out

    best = _repair(relaxed, options, budget, inventory, prices, "total")  # the answer without budget, cut to fit
    bound = _sum(relaxed)  # the best sum without the budget
    lo, hi = 0.0, 1e-6
    steps = 0
    for _ in range(60):  # find a price per euro at which the relaxed answer fits
        value, chosen = relax(hi)
        bound = min(bound, value)
        best = _better(best, _repair(chosen, options, budget, inventory, prices, "total"))
        steps += 1
        if _paid(chosen, inventory, prices) <= budget:
            break
        lo, hi = hi, hi * 4
    for _ in range(BISECTIONS):
        mid = (lo + hi) / 2
        value, chosen = relax(mid)
        bound = min(bound, value)
        best = _better(best, _repair(chosen, options, budget, inventory, prices, "total"))
        steps += 1
        if _paid(chosen, inventory, prices) > budget:
            lo = mid
        else:
            hi = mid
    # The bound is the lowest over all steps; near the best lambda, score what the relaxation uses
    # until it settles, which tightens the bound where it matters.
    for lam in (lo, hi) if FINAL_ROUNDS else ():
        value, chosen = relax(lam, rounds=FINAL_ROUNDS)
        bound = min(bound, value)
        best = _better(best, _repair(chosen, options, budget, inventory, prices, "total"))
    achieved = _sum(best)
    bound = max(round(bound, 9), achieved)
    gap = (bound - achieved) / bound if bound > 0 else 0.0
    notes = ["shared budget on a large firm: Lagrangian relaxation; the gap to the proven bound is reported"]
    if inventory:
        notes.append("owned inventory is priced in after the relaxation (first come)")
    return BudgetSolved(best, "lagrangian", gap == 0.0, bound, round(gap, 9), notes,
                        {"lagrangian_steps": steps, "frontiers": int(known.sum()),
                         "pairs_total": len(table.workers) * len(table.stations)})


def _better(a: list[Choice], b: list[Choice]) -> list[Choice]:
    key_a = (_sum(a), -sum(s.cost_eur for *_, s in a))
    key_b = (_sum(b), -sum(s.cost_eur for *_, s in b))
    return b if key_b > key_a else a


def _repair(chosen: list[Choice], options: Callable[[int, int], list[Setup]], budget: float,
            inventory: dict[str, int], prices: dict[str, float], objective: str) -> list[Choice]:
    """A feasible answer near `chosen`: cheapen set-ups until within budget, then spend what is left.

    Total: cut where the least accessibility is lost per euro, upgrade where
    the most is gained per euro. Fair: cut where the set-up stays the
    highest, upgrade the lowest placements first, so the floor stays up.
    """
    current = {(i, s): x for i, s, x in chosen}
    known = {key: options(*key) for key in current}

    def total() -> float:
        return _paid([(i, s, x) for (i, s), x in current.items()], inventory, prices)

    while total() > budget + 1e-6 and current:
        moves: list[tuple[float, tuple[int, int], Setup | None]] = []
        for key, x in current.items():
            for y in known[key]:
                if y.cost_eur < x.cost_eur:
                    loss = (x.expected_accessibility - y.expected_accessibility) / (x.cost_eur - y.cost_eur)
                    moves.append((-y.expected_accessibility if objective == "fair" else loss, key, y))
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
                    gain = (y.expected_accessibility - x.expected_accessibility) / max(extra, 1e-9)
                    ups.append((-x.expected_accessibility if objective == "fair" else gain, key, y))
        for _, key, y in sorted(ups, key=lambda mv: (-mv[0], mv[1])):
            old = current[key]
            current[key] = y
            if total() <= budget + 1e-6:
                improved = True
                break
            current[key] = old
    return [(i, s, x) for (i, s), x in sorted(current.items())]
