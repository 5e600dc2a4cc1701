"""Provides the cost staircase of a pair: how many points a set-up can reach for how much money, at most.

A task adds to a set-up's expected accessibility only when the set-up holds
a closer for every gap of the task (and a mitigating tool when the task is
blocked), so the set-up costs at least the task's *entry price*: the largest,
over the task's gaps, of the cheapest usable tool that closes that gap (for
a blocked task, at least the cheapest usable tool at all). A set-up of total
cost c can therefore open only the tasks whose entry price is at most c, and
its expected accessibility is at most the sum of their (upper-bounded) chances
times shares. Per pair this gives a staircase of (points, cents): every
set-up lies on or below it, which is what the shared-budget relaxation
(`engine.match.lagrange`) needs to price pairs it has not scored:
a pair is worth at most max over steps of (points - lambda x cents).

The staircase is computed beside the score bounds (`PairTable.bounds`), on
the same numpy blocks, and only when a budget is given.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from engine.models import MAX_LEVEL

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]

NONE = np.iinfo(np.int32).max
"""An entry price that stands for "out of reach" (no usable closer): larger than any budget in cents."""


@dataclass
class Stairs:
    """Per (profile, station): steps of at most `points` EA points for at least `cents` of total cost."""

    points: npt.NDArray[np.int16]
    """profiles x stations x steps: EA points reachable, at most, for the step's money; non-decreasing."""
    cents: npt.NDArray[np.int32]
    """profiles x stations x steps: the least total cost (cents) of any set-up above the previous step."""

    def value(self, lam: float, floor_points: int) -> FloatArray:
        """profiles x stations: the most any non-empty set-up can be worth, points/100 - lam x euro.

        Steps below `floor_points` cannot be taken (no set-up there qualifies) and count as 0.
        """
        worth = self.points / 100.0 - lam * (self.cents / 100.0)
        worth = np.where(self.points >= max(floor_points, 1), worth, 0.0)
        return np.asarray(worth.max(axis=2, initial=0.0), dtype=np.float64)


def closer_prices(usable: npt.NDArray[np.bool_], boost: npt.NDArray[np.int8], price: IntArray) -> IntArray:
    """levels x tasks x slots: the cheapest usable tool whose effect there reaches each gap level.

    `usable` is tools x tasks x 1, `boost` tools x tasks x slots (optimistic reductions), `price` the
    tools' total costs in cents. Level 0 costs nothing; NONE where no usable tool reaches the level.
    """
    out = np.full((MAX_LEVEL + 1, *boost.shape[1:]), NONE, dtype=np.int64)
    out[0] = 0
    if len(price) == 0:
        return out
    priced = np.where(usable, price[:, None, None], NONE)
    for r in range(1, MAX_LEVEL + 1):
        out[r] = np.where(boost >= r, priced, NONE).min(axis=0)
    return out


def entry_prices(gap: npt.NDArray[np.int8], closers: IntArray, blocked: npt.NDArray[np.bool_],
                 cheapest: IntArray) -> IntArray:
    """profiles x tasks: the least a set-up costs that makes the task count (see the module docstring).

    `gap` is profiles x tasks x slots, `closers` from `closer_prices`, `blocked` profiles x tasks (a
    contraindicated hazard), `cheapest` profiles x tasks (the cheapest usable tool at the task's station).
    """
    need = np.zeros(gap.shape[:2], dtype=np.int64)
    for r in range(1, MAX_LEVEL + 1):
        at = gap == r
        if at.any():
            need = np.maximum(need, np.where(at, closers[r][None, :, :], 0).max(axis=2))
    return np.where(blocked, np.maximum(need, cheapest), need)


def staircase(gain: FloatArray, need: IntArray, station_tasks: IntArray, top: IntArray, point: int) -> Stairs:
    """The steps of a block of profiles at every station.

    `gain` and `need` are profiles x tasks (a task's share times its chance, at most, and its entry price);
    `station_tasks` is stations x steps, the task indices of each station padded with -1; `top` the score
    bound (profiles x stations, 1e-9 units), which caps every step so that hours and other rules the
    bound applies hold here too.
    """
    pad = station_tasks < 0
    idx = np.where(pad, 0, station_tasks)
    g = np.where(pad[None], 0.0, gain[:, idx])  # profiles x stations x steps
    n = np.where(pad[None], NONE, np.minimum(need[:, idx], NONE))
    order = np.argsort(n, axis=2, kind="stable")
    n = np.take_along_axis(n, order, axis=2)
    total = np.cumsum(np.take_along_axis(g, order, axis=2), axis=2)
    # Whole points rounded up past float error, like the score bound: a step may overstate, never understate.
    pts = np.floor(100 * total + 1e-6 + 1e-7).astype(np.int64)
    pts = np.minimum(pts, (top // point)[:, :, None])
    return Stairs(pts.astype(np.int16), n.astype(np.int32))
