"""Provides the MILP of inclusive job design as plain arrays: variables, constraint rows, the three objectives.

Variables, all binary: x[o] for each option o = (task, candidate) (the task
moves into the candidate's new function), y[c, t] for each tool t that some
option of candidate c needs (t is in c's set-up), z[c] (c gets a new
function) and, when departments apply and a candidate's options span more
than one, d[c, k] (c's function takes its tasks from department k).

Constraints: each task in at most one function; per option and per need
(a gap, or a blocking hazard) x[o] <= sum of y over the tools that meet it;
min_hours z[c] <= hours of c's tasks <= max_hours(c) z[c]; y[c, t] <= z[c];
x[o] <= d[c, k(o)] and sum_k d[c, k] <= 1, with the hours of department k
at most max_hours(c) d[c, k]; y[c, a] + y[c, b] <= 1 for conflicting tools;
the total cost of every y within the budget. Every coefficient is a whole
number (micro-hours, cents), so every objective value is an integer.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from scipy.sparse import coo_array, csc_array

from engine.redesign.problem import Instance


@dataclass
class Rows:
    """Sparse constraint rows lo <= A v <= hi, built one row at a time."""

    r: list[int] = field(default_factory=list)
    c: list[int] = field(default_factory=list)
    v: list[float] = field(default_factory=list)
    lo: list[float] = field(default_factory=list)
    hi: list[float] = field(default_factory=list)

    def add(self, coefs: dict[int, float], lo: float, hi: float) -> None:
        """Append the row lo <= sum coefs[j] v[j] <= hi."""
        row = len(self.lo)
        for col, val in coefs.items():
            self.r.append(row)
            self.c.append(col)
            self.v.append(val)
        self.lo.append(lo)
        self.hi.append(hi)

    def matrix(self, n: int) -> csc_array:
        """The rows as a column-wise sparse matrix (HiGHS's own format)."""
        return coo_array((self.v, (self.r, self.c)), shape=(len(self.lo), n)).tocsc()


@dataclass
class Model:
    """The MILP of one instance: index maps, rows and the objective of each level (to maximise)."""

    n: int
    """Number of variables; x[o] is variable o for each option index o."""
    y: dict[tuple[int, str], int]
    """(candidate, tool) -> variable."""
    z: dict[int, int]
    """candidate -> variable (only candidates with options)."""
    dept: dict[tuple[int, str | None], int]
    """(candidate, department) -> variable (only candidates whose options span departments)."""
    rows: Rows
    objectives: tuple[np.ndarray, np.ndarray, np.ndarray]
    """Placed, net yearly benefit in cents, micro-hours moved."""


def build_model(inst: Instance) -> Model:
    """The MILP of `inst` (see the module docstring)."""
    inf = np.inf
    n_opt = len(inst.options)
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
    rows = Rows()
    by_task: dict[int, dict[int, float]] = {}
    hours: dict[int, dict[int, float]] = {c: {} for c in cands}
    dept_hours: dict[tuple[int, str | None], dict[int, float]] = {}
    for i, o in enumerate(inst.options):
        units = float(inst.tasks[o.task].units)
        by_task.setdefault(o.task, {})[i] = 1.0
        hours[o.candidate][i] = units
        for need in o.needs:
            coefs = {i: 1.0}
            for t in need:
                coefs[y[(o.candidate, t)]] = -1.0
            rows.add(coefs, -inf, 0.0)
        key = (o.candidate, inst.department_of(o.task))
        if key in dept:
            rows.add({i: 1.0, dept[key]: -1.0}, -inf, 0.0)
            dept_hours.setdefault(key, {})[i] = units
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
    for key, coefs in dept_hours.items():
        rows.add({**coefs, dept[key]: -float(inst.max_units[key[0]])}, -inf, 0.0)
    per_candidate: dict[int, dict[int, float]] = {}
    for (c, _k), j in dept.items():
        per_candidate.setdefault(c, {})[j] = 1.0
    for c, ks in per_candidate.items():
        # A placed candidate's function has exactly one department (x <= d and at most one d), an unplaced
        # one none: "= z" holds for every answer that matters and ties the departments to being placed.
        rows.add({**ks, z[c]: -1.0}, 0.0, 0.0)
    _cuts(inst, rows, z, dept)
    for pair in inst.conflicts:
        a, b = sorted(pair)
        for c in cands:
            if (c, a) in y and (c, b) in y:
                rows.add({y[(c, a)]: 1.0, y[(c, b)]: 1.0}, -inf, 1.0)
    if inst.budget_cents is not None:
        rows.add({j: float(inst.cost_cents[t]) for (_c, t), j in y.items()}, -inf, float(inst.budget_cents))

    placed, benefit, moved = np.zeros(n), np.zeros(n), np.zeros(n)
    for c in cands:
        placed[z[c]] = 1.0
    for i, o in enumerate(inst.options):
        benefit[i] = float(inst.tasks[o.task].saving_cents)
        moved[i] = float(inst.tasks[o.task].units)
    for (_c, t), j in y.items():
        benefit[j] = -float(inst.charge_cents[t])
    return Model(n, y, z, dept, rows, (placed, benefit, moved))


def _cuts(inst: Instance, rows: Rows, z: dict[int, int], dept: dict[tuple[int, str | None], int]) -> None:
    """Rows every answer meets that the LP relaxation would not, per candidate and department.

    The relaxation may spread one function over departments; then a candidate
    who can reach the minimum hours nowhere without a tool looks placeable
    without one. Whole functions cannot: a department whose doable tasks come
    to less than the minimum is never chosen (its options fixed at 0); one
    whose tool-free tasks fall short needs at least the rest from tasks with
    tools; and a chosen department alone carries the minimum hours.
    """
    inf = np.inf
    bare: dict[tuple[int, str | None], int] = {}
    reach: dict[tuple[int, str | None], int] = {}
    tooled: dict[tuple[int, str | None], dict[int, float]] = {}
    mine: dict[tuple[int, str | None], dict[int, float]] = {}
    for i, o in enumerate(inst.options):
        key = (o.candidate, inst.department_of(o.task) if inst.departments else None)
        units = inst.tasks[o.task].units
        reach[key] = reach.get(key, 0) + units
        mine.setdefault(key, {})[i] = float(units)
        if o.needs:
            tooled.setdefault(key, {})[i] = float(units)
        else:
            bare[key] = bare.get(key, 0) + units
    for key, total in reach.items():
        c = key[0]
        chosen = dept.get(key, z[c]) if inst.departments else z[c]
        if total < inst.min_units:
            for i in mine[key]:
                rows.add({i: 1.0}, -inf, 0.0)
            continue
        short = inst.min_units - bare.get(key, 0)
        if short > 0:
            rows.add({**tooled[key], chosen: -float(short)}, 0.0, inf)
        if key in dept:
            rows.add({**mine[key], chosen: -float(inst.min_units)}, 0.0, inf)


def vector(model: Model, inst: Instance, tasks: dict[int, list[int]], tools: dict[int, list[str]]) -> np.ndarray:
    """The 0/1 variable vector of a solution given as tasks and tools per candidate."""
    v = np.zeros(model.n)
    chosen = {(c, k) for c, ks in tasks.items() for k in ks}
    for i, o in enumerate(inst.options):
        if (o.candidate, o.task) in chosen:
            v[i] = 1.0
            key = (o.candidate, inst.department_of(o.task))
            if key in model.dept:
                v[model.dept[key]] = 1.0
    for c, ts in tools.items():
        for t in ts:
            v[model.y[(c, t)]] = 1.0
    for c in tasks:
        v[model.z[c]] = 1.0
    return v


def feasible(model: Model, v: np.ndarray) -> bool:
    """Whether `v` meets every row (exactly: the coefficients and `v` are whole numbers)."""
    if model.n == 0:
        return True
    a = model.rows.matrix(model.n)
    values = a @ v
    return bool(np.all(values >= np.array(model.rows.lo) - 1e-9) and np.all(values <= np.array(model.rows.hi) + 1e-9))
