"""Provides the neighbourhoods of a large-neighbourhood search: one department's functions, re-solved exactly.

At firm scale the full MILP's branch and bound rarely finds the plans that
reach a level's bound: those are packings of nearly full functions, and the
full model's relaxation is already at the bound, so nothing guides the
search. One department with its candidates is small enough for HiGHS to
solve in a fraction of a second while the other functions are held as they
are (every column of another candidate fixed at its value): what the greedy
plan left open there (a task not moved, a tool bought) is then closed if any
plan of that department can close it. `engine.redesign.milp` tries the
departments that miss something, smallest first, then each of those together
with the department that has the most hours to spare (a candidate may change
department), and stops when a level reaches its bound.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable

import numpy as np

from engine.redesign.model import Model, feasible
from engine.redesign.problem import Instance

Key = str | None
"""A department (None: a workstation that names none)."""
Resolve = Callable[[np.ndarray, np.ndarray, float, np.ndarray], "np.ndarray | None"]
"""resolve(objective, start, seconds, free): the best answer found with only the `free` columns changed."""


def owners(inst: Instance, model: Model) -> np.ndarray:
    """Per column, the candidate it belongs to (every column belongs to one)."""
    out = np.full(model.n, -1, dtype=np.int64)
    for i, o in enumerate(inst.options):
        out[i] = o.candidate
    for (c, _t), j in model.y.items():
        out[j] = c
    for c, j in model.z.items():
        out[j] = c
    for (c, _k), j in model.dept.items():
        out[j] = c
    return out


def homes(inst: Instance, v: np.ndarray) -> dict[int, Key]:
    """Candidate -> the department of its function in the plan `v` (placed candidates only)."""
    out: dict[int, Key] = {}
    for i, o in enumerate(inst.options):
        if v[i] > 0.5:
            out[o.candidate] = inst.department_of(o.task)
    return out


def neighbourhoods(inst: Instance, model: Model, owner: np.ndarray, v: np.ndarray,
                   level: int) -> list[np.ndarray]:
    """Masks of the columns to free, in the order to try them; none without departments (the model is one).

    `level` 1 counts what the plan misses in net benefit (the saving of
    doable tasks not moved, the yearly charge of tools bought), level 2 in
    hours (of doable tasks not moved). A neighbourhood holds the candidates
    placed in a department and the unplaced ones who could work there.
    """
    if not inst.departments:
        return []
    home = homes(inst, v)
    moved = {inst.options[i].task for i in np.flatnonzero(v[:len(inst.options)] > 0.5)}
    reach: dict[int, set[Key]] = {}
    missing: dict[Key, int] = {}
    for o in inst.options:
        key = inst.department_of(o.task)
        reach.setdefault(o.candidate, set()).add(key)
        missing.setdefault(key, 0)
    for k in {o.task for o in inst.options} - moved:
        m = inst.tasks[k]
        missing[m.department] += max(0, m.saving_cents) if level == 1 else m.units
    if level == 1:
        for (c, t), j in model.y.items():
            if v[j] > 0.5 and c in home:
                missing[home[c]] += inst.charge_cents[t]
    spare: dict[Key, int] = {}
    for c, key in home.items():
        load = sum(inst.tasks[inst.options[i].task].units for i in np.flatnonzero(owner[:len(inst.options)] == c)
                   if v[i] > 0.5)
        spare[key] = spare.get(key, 0) + inst.max_units[c] - load
    open_ = sorted((k for k in missing if missing[k] > 0), key=lambda k: (-missing[k], str(k)))
    if len(missing) < 2 or not open_:
        return []

    def mask(keys: set[Key]) -> np.ndarray:
        cands = [c for c in reach if (home[c] in keys if c in home else bool(reach[c] & keys))]
        return np.isin(owner, cands)

    # Smallest first: a small department is proven (or closed) in a fraction of a second, and what it
    # closes is no longer missing when a larger one is tried.
    out = sorted((mask({k}) for k in open_), key=lambda m: int(m.sum()))
    roomy = max(spare, key=lambda k: (spare[k], str(k)), default=None)
    out += sorted((mask({k, roomy}) for k in open_ if roomy is not None and k != roomy), key=lambda m: int(m.sum()))
    return out


def search(inst: Instance, model: Model, owner: np.ndarray, v: np.ndarray, level: int, top: float, until: float,
           cap: float, resolve: Resolve, last_cap: float = math.inf) -> np.ndarray:
    """The plan `v` improved by department re-solves for `model.objectives[level]`, until `top` or `until`.

    Each round re-solves the neighbourhoods of the plan in order; the first
    that improves starts a new round (what the plan misses has moved). A
    round without improvement ends the search.
    """
    objective = model.objectives[level]
    better = True
    while better and objective @ v < top:
        better = False
        masks = neighbourhoods(inst, model, owner, v, level)
        for i, free in enumerate(masks):
            # An even share of what is left to each re-solve still to come, at most `cap` seconds but for the
            # last (`last_cap`): a department either closes in a fraction of a second or stalls (its functions
            # cannot take its tasks), and then a pair with a roomier department after it is what closes it.
            seconds = min((until - time.monotonic()) / (len(masks) - i), cap if i < len(masks) - 1 else last_cap)
            if seconds < 0.1:
                return v
            x = resolve(objective, v, seconds, free)
            if x is not None and objective @ x > objective @ v + 0.5 and feasible(model, x):
                v = x
                better = True
                break
    return v
