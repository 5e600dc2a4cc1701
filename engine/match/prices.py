"""Provides the duals of an optimal assignment: what each position is worth to the others (its price).

scipy's `linear_sum_assignment` returns the matching only. The shared-budget
relaxation (`engine.match.lagrange`) prices positions by the column duals to
guess which unscored pairs the next assignment would want; a guess, so
floats are fine here (the exact integer version for the cost tie-break is
`engine.match.assign._potentials`).
"""

from __future__ import annotations

import numpy as np

from engine.match.pairs import FloatArray, IntArray

TIGHT = 1e-9
"""Changes below this count as zero (float sums of a few hundred values)."""


def duals(w: FloatArray, match: IntArray) -> tuple[FloatArray, FloatArray]:
    """Row and column duals u, v of a max-weight perfect matching `match` of the square matrix `w`.

    u_i + v_j >= w_ij everywhere, with equality on the matching (up to float
    error). With u_i = w[i, match_i] - v[match_i], feasibility reads
    v[match_i] <= v[j] + w[i, match_i] - w[i, j]: shortest paths in the graph
    of column swaps, here from v = 0 (Bellman-Ford, one numpy pass over all
    rows per step). The matching being optimal, there is no negative cycle,
    so at most n steps; on the benchmark, about ten.
    """
    n = w.shape[0]
    on = w[np.arange(n), match]
    v = np.zeros(w.shape[1])
    for _ in range(n + 1):
        new = np.minimum(v[match], (v[None, :] - w).min(axis=1) + on)
        if np.all(new >= v[match] - TIGHT):
            break
        v[match] = new
    return on - v[match], v


def column_prices(w: FloatArray, rows: IntArray, cols: IntArray) -> tuple[FloatArray, float]:
    """The column duals of an optimal assignment (`rows[k]` to `cols[k]`) of `w` >= 0, maybe not square,
    and what leaving a row unmatched is worth to it at best (-inf when every row must be matched).

    `w` is padded to a square with zeros ("not placed"): the assignment, completed on the padding,
    stays optimal there, as no weight is negative.
    """
    n_rows, n_cols = w.shape
    size = max(n_rows, n_cols)
    square = np.zeros((size, size))
    square[:n_rows, :n_cols] = w
    match = np.full(size, -1, dtype=np.int64)
    match[rows] = cols
    match[match < 0] = np.setdiff1d(np.arange(size), cols)
    _, v = duals(square, match)
    # A row left out takes a padding column, value 0, at its price.
    return v[:n_cols], -float(v[n_cols:].min(initial=np.inf))
