"""Provides the exact MILP of inclusive job design (scipy's HiGHS), solved level by level.

Variables, all binary: x[o] for each option o = (task, candidate) (the task
moves into the candidate's new function), y[c, t] for each tool t that some
option of candidate c needs (t is in c's set-up), z[c] (c gets a new
function) and, when departments apply and a candidate's options span more
than one, d[c, k] (c's function takes its tasks from department k).

Constraints: each task in at most one function; per option and per need
(a gap, or a blocking hazard) x[o] <= sum of y over the tools that meet it;
min_hours z[c] <= hours of c's tasks <= max_hours(c) z[c]; y[c, t] <= z[c];
x[o] <= d[c, k(o)] and sum_k d[c, k] <= 1; y[c, a] + y[c, b] <= 1 for
conflicting tools; the total cost of every y within the budget.

The objective is lexicographic: (1) candidates placed, (2) net yearly
benefit in cents, (3) micro-hours moved. Three solves: level 1 alone; levels
1 and 2 as one objective, placed x M + benefit with M larger than any
difference in benefit (the better of the two answers is kept); level 3 with
that value fixed. Past the time limit each level reports its proven gap. Every coefficient is a whole number, so
an optimum is an integer and "at least the optimum" is written as
">= optimum - 0.5", which HiGHS's tolerances cannot turn into a worse one.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, milp
from scipy.sparse import coo_array

from engine.highs import quiet_stdout
from engine.redesign.problem import Instance

DEFAULT_TIME_LIMIT = 30.0
"""Seconds for all levels together; a level stopped by it reports its proven gap."""
LEVELS = ("placed", "net_yearly_benefit_cents", "hour_units")


@dataclass
class Solution:
    """Which tasks and tools each candidate gets, and how sure the solver is."""

    tasks: dict[int, list[int]] = field(default_factory=dict)
    """Candidate index -> indices into `Instance.tasks` of its new function (placed candidates only)."""
    tools: dict[int, list[str]] = field(default_factory=dict)
    """Candidate index -> tool ids of its set-up."""
    exact: bool = True
    """Whether HiGHS proved optimality at every level."""
    gap: float = 0.0
    """The proven relative gap of the first level not proven optimal (0.0 when exact; 1.0 when unknown)."""
    levels: list[dict[str, object]] = field(default_factory=list)
    """Per level: its name, value, status and gap."""
    variables: int = 0
    constraints: int = 0
    seconds: float = 0.0


@dataclass
class _Stage:
    """One HiGHS solve: its answer (None when none in time), whether proven, and its bound on the maximum."""

    x: np.ndarray | None
    proven: bool
    bound: float | None


def _floor(bound1: float | None, bound2: float | None, spread: float) -> int | None:
    """The best proven upper bound on the number placed, from stage 1's or stage 2's bound."""
    tops = [math.floor(bound1 + 1e-6)] if bound1 is not None else []
    if bound2 is not None:
        tops.append(math.floor(bound2 / spread + 1e-6) + 1)  # benefit may be up to M - 1 above placed x M
    return min(tops) if tops else None


def _level(name: str, value: int, proven: bool, gap: float | None) -> dict[str, object]:
    return {"level": name, "value": value, "status": "optimal" if proven else "time limit",
            "gap": None if gap is None or not math.isfinite(gap) else gap}


class _Rows:
    """Sparse constraint rows lo <= A v <= hi, built one row at a time."""

    def __init__(self) -> None:
        self.r: list[int] = []
        self.c: list[int] = []
        self.v: list[float] = []
        self.lo: list[float] = []
        self.hi: list[float] = []

    def add(self, coefs: dict[int, float], lo: float, hi: float) -> None:
        row = len(self.lo)
        for col, val in coefs.items():
            self.r.append(row)
            self.c.append(col)
            self.v.append(val)
        self.lo.append(lo)
        self.hi.append(hi)

    def constraint(self, n: int) -> LinearConstraint:
        a = coo_array((self.v, (self.r, self.c)), shape=(len(self.lo), n)).tocsr()
        return LinearConstraint(a, np.array(self.lo), np.array(self.hi))


def solve(inst: Instance, time_limit: float = DEFAULT_TIME_LIMIT,
          on_level: Callable[[int], None] | None = None) -> Solution:
    """The lexicographic optimum (or the best found within `time_limit` seconds, with its gap).

    `on_level(n)` is called as the solve of level n (1, 2, 3) ends.
    """
    done = on_level or (lambda level: None)
    start = time.monotonic()
    n_opt = len(inst.options)
    if n_opt == 0:
        return Solution(levels=[{"level": name, "value": 0, "status": "optimal", "gap": 0.0} for name in LEVELS])
    inf = np.inf
    col = n_opt
    y: dict[tuple[int, str], int] = {}
    for o in inst.options:
        for need in o.needs:
            for t in sorted(need):
                if (o.candidate, t) not in y:
                    y[(o.candidate, t)] = col
                    col += 1
    cands = sorted({o.candidate for o in inst.options})
    z = {c: col + i for i, c in enumerate(cands)}
    col += len(cands)
    dept: dict[tuple[int, str | None], int] = {}
    if inst.departments:
        for c in cands:
            keys = sorted({inst.department_of(o.task) for o in inst.options if o.candidate == c},
                          key=lambda k: (k is not None, k or ""))
            if len(keys) > 1:
                for k in keys:
                    dept[(c, k)] = col
                    col += 1
    n = col
    rows = _Rows()
    by_task: dict[int, dict[int, float]] = {}
    hours: dict[int, dict[int, float]] = {c: {} for c in cands}
    for i, o in enumerate(inst.options):
        by_task.setdefault(o.task, {})[i] = 1.0
        hours[o.candidate][i] = float(inst.tasks[o.task].units)
        for need in o.needs:
            coefs = {i: 1.0}
            for t in need:
                coefs[y[(o.candidate, t)]] = -1.0
            rows.add(coefs, -inf, 0.0)
        key = (o.candidate, inst.department_of(o.task))
        if key in dept:
            rows.add({i: 1.0, dept[key]: -1.0}, -inf, 0.0)
    for row in by_task.values():
        if len(row) > 1:
            rows.add(row, -inf, 1.0)
    for c in cands:
        h = hours[c]
        rows.add({**h, z[c]: -float(inst.min_units)}, 0.0, inf)
        rows.add({**h, z[c]: -float(inst.max_units[c])}, -inf, 0.0)
    for (c, _t), j in y.items():
        rows.add({j: 1.0, z[c]: -1.0}, -inf, 0.0)
    # Per department, the candidate's hours fit only if that department is chosen: much tighter than
    # x <= d alone, whose relaxation spreads one function's hours over every department.
    dept_hours: dict[tuple[int, str | None], dict[int, float]] = {}
    for i, o in enumerate(inst.options):
        key = (o.candidate, inst.department_of(o.task))
        if key in dept:
            dept_hours.setdefault(key, {})[i] = float(inst.tasks[o.task].units)
    for key, coefs in dept_hours.items():
        rows.add({**coefs, dept[key]: -float(inst.max_units[key[0]])}, -inf, 0.0)
    per_candidate: dict[int, dict[int, float]] = {}
    for (c, _k), j in dept.items():
        per_candidate.setdefault(c, {})[j] = 1.0
    for ks in per_candidate.values():
        rows.add(ks, -inf, 1.0)
    for pair in inst.conflicts:
        a, b = sorted(pair)
        for c in cands:
            if (c, a) in y and (c, b) in y:
                rows.add({y[(c, a)]: 1.0, y[(c, b)]: 1.0}, -inf, 1.0)
    if inst.budget_cents is not None:
        rows.add({j: float(inst.cost_cents[t]) for (_c, t), j in y.items()}, -inf, float(inst.budget_cents))

    objectives = [np.zeros(n), np.zeros(n), np.zeros(n)]
    for c in cands:
        objectives[0][z[c]] = 1.0
    for i, o in enumerate(inst.options):
        objectives[1][i] = float(inst.tasks[o.task].saving_cents)
        objectives[2][i] = float(inst.tasks[o.task].units)
    for (_c, t), j in y.items():
        objectives[1][j] = -float(inst.charge_cents[t])

    # Levels 1 and 2 in one solve: placed x M + benefit, with M above any difference in benefit, is exact
    # in float64 (integers far below 2**53) and, unlike "placed >= optimum" as a constraint, never asks
    # HiGHS to find a hard first solution from scratch (scipy's milp takes no starting point).
    spread = sum(max(0.0, v) for v in objectives[1]) - sum(min(0.0, v) for v in objectives[1]) + 1.0
    combined = spread * objectives[0] + objectives[1]
    base = [rows.constraint(n)]
    out = Solution(variables=n, constraints=len(rows.lo))

    def run(obj: np.ndarray, constraints: list[LinearConstraint], until: float) -> _Stage:
        left = max(until - (time.monotonic() - start), 1.0)
        with quiet_stdout():
            res = milp(-obj, constraints=constraints, integrality=np.ones(n), bounds=Bounds(np.zeros(n), np.ones(n)),
                       options={"time_limit": left, "mip_rel_gap": 0.0, "disp": False})
        x = None if res.x is None else np.round(res.x)
        proven = res.status == 0 and x is not None
        dual = getattr(res, "mip_dual_bound", None)
        bound = float(obj @ x) if proven and x is not None else (
            -float(dual) if dual is not None and math.isfinite(dual) else None)
        return _Stage(x, proven, bound)

    # Stage 1, level 1 alone: how many can be placed. Stage 2, levels 1 and 2 as one objective, placed x M +
    # benefit with M above any difference in benefit (exact in float64, integers far below 2**53); unlike
    # "placed >= optimum" as a constraint it never asks HiGHS for a hard first solution (scipy's milp takes
    # no starting point), and it loses to stage 1's answer if it places fewer.
    first = run(objectives[0], base, 0.3 * time_limit)
    done(1)
    second = run(combined, base, 0.85 * time_limit)
    done(2)
    best = np.zeros(n)  # placing nobody is always feasible
    for x in (first.x, second.x):
        if x is not None and combined @ x > combined @ best:
            best = x
    placed, benefit = round(float(objectives[0] @ best)), round(float(objectives[1] @ best))
    level1 = first.proven or second.proven
    top = placed if level1 else _floor(first.bound, second.bound, spread)
    gap1 = 0.0 if level1 else (1.0 if top is None else (top - placed) / max(placed, 1))
    level2 = second.proven
    gap2: float | None = 0.0
    if not level2:
        # Among answers placing `placed`, benefit <= stage 2's bound - M x placed (when placed is the optimum).
        gap2 = None if not level1 or second.bound is None else \
            max(0.0, second.bound - spread * placed - benefit) / max(abs(benefit), 1)
    out.levels = [_level("placed", placed, level1, gap1), _level(LEVELS[1], benefit, level2, gap2)]
    # Stage 3, level 3 with levels 1 and 2 fixed at the answer's values.
    third = run(objectives[2], [*base, LinearConstraint(combined.reshape(1, -1), combined @ best - 0.5, inf)],
                time_limit)
    done(3)
    if third.x is not None:
        best = third.x
    moved = round(float(objectives[2] @ best))
    gap3 = 0.0 if third.proven else (None if third.bound is None else (third.bound - moved) / max(moved, 1))
    out.levels.append(_level(LEVELS[2], moved, third.proven, gap3) if third.x is not None else
                      {"level": LEVELS[2], "value": moved, "status": "time limit, no solution", "gap": None})
    out.exact = level1 and level2 and third.proven
    for level in out.levels:
        if level["status"] != "optimal":
            gap = level["gap"]
            out.gap = 1.0 if not isinstance(gap, float) or not math.isfinite(gap) else gap
            break
    for i, o in enumerate(inst.options):
        if best[i] > 0.5:
            out.tasks.setdefault(o.candidate, []).append(o.task)
    for (c, t), j in sorted(y.items()):
        if best[j] > 0.5 and c in out.tasks:
            out.tools.setdefault(c, []).append(t)
    out.seconds = time.monotonic() - start
    return out
