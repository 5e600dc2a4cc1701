"""Provides the exact lexicographic solve of inclusive job design: one HiGHS model, level by level.

The model is `engine.redesign.model`; the levels are (1) candidates placed,
(2) net yearly benefit in cents, (3) micro-hours moved. Each level is solved
with the levels before it held at their values ("at least the value - 0.5":
every objective is a whole number, so HiGHS's tolerances cannot let a worse
one through), and each solve starts from the best answer so far: the greedy
plan (`engine.redesign.greedy`) first. Level 1 needs no solve at all when
the greedy plan places every candidate `placeable` allows.

Levels 2 and 3 first re-solve one department at a time with the other
functions held (`engine.redesign.lns`), for up to LNS_SHARE of the level's
time, and need no full solve when a plan reaches the level's own bound:
for level 2 the best tasks filling every candidate's hours with free tools
(`_fractional_fill`), for level 3 every doable task's hours. On a firm the
full model's branch and bound finds neither such plan nor a better bound
in minutes; the department re-solves find the plan in seconds.

A start needs HiGHS itself: scipy's `milp` takes none. scipy ships the
HiGHS bindings privately (`scipy.optimize._highspy`); when they are not
there, the same levels run through `milp` without a start (slower, as exact).
Past the time limit a level reports its proven gap.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, milp

from engine.highs import quiet_stdout
from engine.redesign.greedy import greedy, placeable
from engine.redesign.lns import owners, search
from engine.redesign.model import Model, build_model, feasible, vector
from engine.redesign.problem import Instance

try:  # scipy's private HiGHS bindings: the one way to hand HiGHS a starting answer
    from scipy.optimize._highspy import _core as _highs
except ImportError:  # pragma: no cover - another scipy layout: milp without a start
    _highs = None

DEFAULT_TIME_LIMIT = 30.0
"""Seconds for all levels together; a level stopped by it reports its proven gap."""
LEVELS = ("placed", "net_yearly_benefit_cents", "hour_units")
SHARE = (0.3, 0.85, 1.0)
"""Each level may run until this share of the time limit has passed (an earlier level's spare time carries)."""
LNS_SHARE = 0.8
"""Of a level's time, the share the department re-solves may take before the full solve gets the rest."""
LNS_MIN_COLUMNS = 1000
"""Models with fewer columns (a workspace's, not a firm's) skip the department re-solves."""
LNS_CAP = 0.1
"""One department's re-solve may take this share of the time limit (the last one of a round LNS_LAST_CAP)."""
LNS_LAST_CAP = 0.3
"""The last re-solve of a round may take this share: on a firm of 100 candidates a pair of departments can
stall for minutes, and the full solve after it needs time too (HiGHS overran its limit there by 20 s)."""


@dataclass
class Solution:
    """Which tasks and tools each candidate gets, and how sure the solver is."""

    tasks: dict[int, list[int]] = field(default_factory=dict)
    """Candidate index -> indices into `Instance.tasks` of its new function (placed candidates only)."""
    tools: dict[int, list[str]] = field(default_factory=dict)
    """Candidate index -> tool ids of its set-up."""
    exact: bool = True
    """Whether every level is proven optimal."""
    gap: float = 0.0
    """The proven relative gap of the first level not proven optimal (0.0 when exact; 1.0 when unknown)."""
    levels: list[dict[str, object]] = field(default_factory=list)
    """Per level: its name, value, status and gap."""
    variables: int = 0
    constraints: int = 0
    seconds: float = 0.0
    solves: list[float] = field(default_factory=list)
    """Seconds of each HiGHS solve (a level settled without one has none)."""


@dataclass
class _Stage:
    """One solve: its answer (None when none in time), whether proven, and its bound on the maximum."""

    x: np.ndarray | None
    proven: bool
    bound: float | None


class _Solver:
    """One model, solved for one objective after another with rows added between the solves."""

    def __init__(self, model: Model) -> None:
        self.model = model
        self.extra: list[tuple[np.ndarray, float]] = []
        self.highs: Any = None
        if _highs is not None:
            self.highs = self._load(model)

    @staticmethod
    def _load(model: Model) -> Any:
        a = model.rows.matrix(model.n)
        lp = _highs.HighsLp()
        lp.num_col_, lp.num_row_ = model.n, len(model.rows.lo)
        lp.col_cost_ = np.zeros(model.n)
        lp.col_lower_, lp.col_upper_ = np.zeros(model.n), np.ones(model.n)
        lp.row_lower_, lp.row_upper_ = np.array(model.rows.lo), np.array(model.rows.hi)
        lp.a_matrix_.num_col_, lp.a_matrix_.num_row_ = model.n, len(model.rows.lo)
        lp.a_matrix_.format_ = _highs.MatrixFormat.kColwise
        lp.a_matrix_.start_, lp.a_matrix_.index_, lp.a_matrix_.value_ = a.indptr, a.indices, a.data
        lp.integrality_ = [_highs.HighsVarType.kInteger] * model.n
        h = _highs._Highs()
        h.setOptionValue("output_flag", False)
        h.setOptionValue("mip_rel_gap", 0.0)
        # Every objective is a whole number: a bound within 0.5 of the answer proves it optimal.
        h.setOptionValue("mip_abs_gap", 0.5)
        h.passModel(lp)
        return h

    def hold(self, objective: np.ndarray, value: float) -> None:
        """From now on, objective @ v >= value - 0.5 (a level already settled)."""
        self.extra.append((objective, value - 0.5))
        if self.highs is not None:
            nz = np.flatnonzero(objective)
            self.highs.addRow(value - 0.5, np.inf, len(nz), nz.astype(np.int32), objective[nz])

    def solve(self, objective: np.ndarray, start: np.ndarray, seconds: float,
              free: np.ndarray | None = None) -> _Stage:
        """Maximise `objective` from `start` (a feasible answer) for at most `seconds`.

        `free`: a mask of the columns that may change; the others stay at their value in `start` (HiGHS only).
        """
        with quiet_stdout():
            if self.highs is None:
                return self._milp(objective, seconds)
            h = self.highs
            n = self.model.n
            columns = np.arange(n, dtype=np.int32)
            if free is not None:
                h.changeColsBounds(n, columns, np.where(free, 0.0, start), np.where(free, 1.0, start))
            try:
                return self._run(objective, start, seconds)
            finally:
                if free is not None:
                    h.changeColsBounds(n, columns, np.zeros(n), np.ones(n))

    def _run(self, objective: np.ndarray, start: np.ndarray, seconds: float) -> _Stage:
        h = self.highs
        n = self.model.n
        h.changeColsCost(n, np.arange(n, dtype=np.int32), -objective)
        h.setOptionValue("time_limit", float(seconds))
        sol = _highs.HighsSolution()
        sol.col_value = list(start)
        sol.value_valid = True
        h.setSolution(sol)
        h.run()
        info = h.getInfo()
        status = h.getModelStatus()
        has = info.primal_solution_status == _highs.SolutionStatus.kSolutionStatusFeasible
        x = np.round(np.array(h.getSolution().col_value)) if has else None
        proven = status == _highs.HighsModelStatus.kOptimal and x is not None
        dual = info.mip_dual_bound
        bound = float(objective @ x) if proven and x is not None else (
            -float(dual) if math.isfinite(dual) else None)
        return _Stage(x, proven, bound)

    def _milp(self, objective: np.ndarray, seconds: float) -> _Stage:
        n = self.model.n
        cons = [LinearConstraint(self.model.rows.matrix(n), np.array(self.model.rows.lo), np.array(self.model.rows.hi))]
        cons += [LinearConstraint(o.reshape(1, -1), lo, np.inf) for o, lo in self.extra]
        res = milp(-objective, constraints=cons, integrality=np.ones(n), bounds=Bounds(np.zeros(n), np.ones(n)),
                   options={"time_limit": seconds, "mip_rel_gap": 0.0, "disp": False})
        x = None if res.x is None else np.round(res.x)
        proven = res.status == 0 and x is not None
        dual = getattr(res, "mip_dual_bound", None)
        bound = float(objective @ x) if proven and x is not None else (
            -float(dual) if dual is not None and math.isfinite(dual) else None)
        return _Stage(x, proven, bound)


def _fractional_fill(inst: Instance, doable: set[int], hours: int) -> int:
    """A bound on the wage saving: the doable tasks of the largest saving per hour first, the last one in part.

    Valid because no plan moves more than `hours` (every candidate's most)
    and tools only cost; at the bound itself when every doable task fits.
    When the candidates' hours are short of the tasks' (a firm with few
    candidates), this is far below "every task moved", which was the only
    bound before a solve had one of its own.
    """
    gain = [k for k in doable if inst.tasks[k].saving_cents > 0]
    gain.sort(key=lambda k: (Fraction(inst.tasks[k].saving_cents, inst.tasks[k].units), k), reverse=True)
    total = 0
    for k in gain:
        m = inst.tasks[k]
        if m.units <= hours:
            total += m.saving_cents
            hours -= m.units
        else:
            return total - (-m.saving_cents * hours // m.units)  # the part rounded up: still a bound
    return total


def _level(name: str, value: int, proven: bool, gap: float | None) -> dict[str, object]:
    return {"level": name, "value": value, "status": "optimal" if proven else "time limit",
            "gap": None if gap is None or not math.isfinite(gap) else float(gap)}


def solve(inst: Instance, time_limit: float = DEFAULT_TIME_LIMIT,
          on_level: Callable[[int], None] | None = None) -> Solution:
    """The lexicographic optimum (or the best found within `time_limit` seconds, with its gap).

    `on_level(n)` is called as level n (1, 2, 3) is settled.
    """
    start = time.monotonic()
    done = on_level or (lambda level: None)
    if not inst.options:
        return Solution(levels=[{"level": name, "value": 0, "status": "optimal", "gap": 0.0} for name in LEVELS])
    model = build_model(inst)
    out = Solution(variables=model.n, constraints=len(model.rows.lo))
    best = vector(model, inst, *greedy(inst))
    if not feasible(model, best):  # a bug in the greedy plan must not reach HiGHS as a "start"
        best = np.zeros(model.n)  # placing nobody is always feasible
    solver = _Solver(model)

    def left(level: int) -> float:
        return max(SHARE[level] * time_limit - (time.monotonic() - start), 1.0)

    def run(level: int) -> _Stage:
        t = time.monotonic()
        stage = solver.solve(model.objectives[level], best, left(level))
        out.solves.append(round(time.monotonic() - t, 3))
        return stage

    placed_obj, benefit_obj, hours_obj = model.objectives
    top = placeable(inst)
    if placed_obj @ best >= top:
        level1, bound1 = True, float(top)  # the greedy plan places everyone who could be placed
    else:
        first = run(0)
        if first.x is not None and placed_obj @ first.x > placed_obj @ best:
            best = first.x
        level1 = first.proven or placed_obj @ best >= top
        bound1 = min(float(top), first.bound if first.bound is not None else math.inf)
    placed = round(float(placed_obj @ best))
    gap1 = 0.0 if level1 else (math.floor(bound1 + 1e-6) - placed) / max(placed, 1)
    out.levels.append(_level(LEVELS[0], placed, level1, gap1))
    done(1)

    # Valid bounds of our own, for when HiGHS has none in time (a firm's root LP can take minutes) and to
    # settle a level without a solve: no plan saves more than the best tasks that fill every candidate's
    # hours (with free tools), nor moves more than every doable task's hours or every candidate's.
    doable = {o.task for o in inst.options}
    top2 = float(_fractional_fill(inst, doable, sum(inst.max_units[c] for c in model.z)))
    top3 = float(min(sum(inst.tasks[k].units for k in doable), sum(inst.max_units[c] for c in model.z)))

    owner = owners(inst, model)

    def polish(level: int, top: float) -> None:
        """Re-solve one department at a time (`engine.redesign.lns`) until `top` or LNS_SHARE of the level's time."""
        nonlocal best
        if solver.highs is None:
            return  # scipy's milp takes no start: nothing to hold the other functions at
        if model.n < LNS_MIN_COLUMNS:
            return  # HiGHS solves a model this small whole faster than department by department

        def resolve(objective: np.ndarray, v: np.ndarray, seconds: float, free: np.ndarray) -> np.ndarray | None:
            t = time.monotonic()
            stage = solver.solve(objective, v, seconds, free)
            out.solves.append(round(time.monotonic() - t, 3))
            return stage.x

        until = time.monotonic() + LNS_SHARE * max(0.0, SHARE[level] * time_limit - (time.monotonic() - start))
        best = search(inst, model, owner, best, level, top, until, LNS_CAP * time_limit, resolve,
                      LNS_LAST_CAP * time_limit)

    solver.hold(placed_obj, placed)
    polish(1, top2)
    second = _Stage(None, True, top2) if benefit_obj @ best >= top2 else run(1)
    if second.x is not None and benefit_obj @ second.x > benefit_obj @ best:
        best = second.x
    benefit = round(float(benefit_obj @ best))
    level2 = second.proven
    bound2 = min(top2, second.bound if second.bound is not None else math.inf)
    # Among answers placing `placed`: a gap only means something when `placed` is the optimum.
    gap2 = 0.0 if level2 else (None if not level1 else max(0.0, bound2 - benefit) / max(abs(benefit), 1))
    out.levels.append(_level(LEVELS[1], benefit, level2, gap2))
    done(2)

    solver.hold(benefit_obj, benefit)
    skipped = False
    if hours_obj @ best >= top3:
        third = _Stage(None, True, top3)
    elif not level2:
        # Level 3 only breaks ties among plans of the best benefit; with level 2 unproven there is no such
        # plan to break ties among, and at firm scale its solve (a dense row more) overran the limit badly.
        third = _Stage(None, False, None)
        skipped = True
    else:
        polish(2, top3)
        third = _Stage(None, True, top3) if hours_obj @ best >= top3 else run(2)
    if third.x is not None and hours_obj @ third.x > hours_obj @ best:
        best = third.x
    moved = round(float(hours_obj @ best))
    bound3 = min(top3, third.bound if third.bound is not None else math.inf)
    gap3 = 0.0 if third.proven else max(0.0, bound3 - moved) / max(moved, 1)
    out.levels.append(_level(LEVELS[2], moved, third.proven, gap3))
    if skipped:
        out.levels[-1]["status"] = "not solved: level 2 not proven"
    done(3)

    out.exact = level1 and level2 and third.proven
    for level in out.levels:
        if level["status"] != "optimal":
            gap = level["gap"]
            out.gap = 1.0 if not isinstance(gap, float) or not math.isfinite(gap) else gap
            break
    for i, o in enumerate(inst.options):
        if best[i] > 0.5:
            out.tasks.setdefault(o.candidate, []).append(o.task)
    for (c, t), j in sorted(model.y.items()):
        if best[j] > 0.5 and c in out.tasks:
            out.tools.setdefault(c, []).append(t)
    out.seconds = time.monotonic() - start
    return out
