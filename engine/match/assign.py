"""Provides the exact assignment solvers without a shared budget: `total` and `fair`.

Both work on *lazy* scores: every pair starts at its cheap upper bound
(`PairTable.bounds`) and becomes exact only when a solution wants to use it.
A solution on the current values that uses exact pairs only is optimal for
the true scores too: every other assignment is worth at most its value under
the bounds, which is at most the value of the solution found.

Scores are integers in units of 1e-9 (the engine rounds to 9 decimals) and
costs in cents. "Score first, then cost" is solved in two exact integer
stages (`lex_assign`) rather than with one weight `score * BIG - cost`,
which would need more than float64's 53 bits. scipy's
`linear_sum_assignment` works in float64, which is exact on integers while
every sum it forms stays below 2**53; the stage-2 weights are checked
against that and, in the unlikely case they do not fit, costs are coarsened
(`cost_exact` then says so). Scores never are.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt
from scipy.optimize import linear_sum_assignment

from engine.match.pairs import Bounds, FloatArray, IntArray, PairTable
from engine.units import cents

Pairs = list[tuple[int, int]]
"""(worker index, station index) pairs of an assignment."""
EXACT_FLOAT = 2**52
"""Integers below this are exact in float64, with a factor 2 to spare."""


@dataclass
class LazyScores:
    """Per (profile, station): the current score (bound, or exact once known) and cost."""

    table: PairTable
    bounds: Bounds
    """Where every pair starts."""
    score: IntArray = field(init=False)
    """Expected accessibility after, 1e-9 units: exact where `known`, an upper bound elsewhere."""
    cost: IntArray = field(init=False)
    """Cost of the best set-up in cents: exact where `known`, a lower bound elsewhere."""
    known: npt.NDArray[np.bool_] = field(init=False)
    """Whether the pair has been scored exactly."""
    on_refine: Callable[[int], None] | None = None
    """Called with the number of exact pairs after each refinement."""

    def __post_init__(self) -> None:
        self.score = self.bounds.score.copy()
        self.cost = self.bounds.cost.copy()
        self.known = self.bounds.exact.copy()

    def rows(self) -> tuple[IntArray, IntArray, npt.NDArray[np.bool_]]:
        """Score, cost and known per worker (not per profile)."""
        p = self.table.profile_of
        return self.score[p], self.cost[p], self.known[p]

    def refine(self, pairs: Iterable[tuple[int, int]]) -> None:
        """Score these (worker, station) pairs exactly."""
        for i, s in pairs:
            p = int(self.table.profile_of[i])
            if self.known[p, s]:
                continue
            best = self.table.best(p, s)
            self.score[p, s] = best.score
            self.cost[p, s] = cents(best.best.cost_eur)
            self.known[p, s] = True
        if self.on_refine is not None:
            self.on_refine(int(self.known.sum()))


def position_columns(positions: list[int], n_workers: int) -> IntArray:
    """One column per position (a station never needs more positions than workers)."""
    caps = [min(p, n_workers) for p in positions]
    return np.repeat(np.arange(len(positions), dtype=np.int64), caps)


@dataclass
class Stage1:
    """A score-optimal matching of a matrix, kept so that a later, lowered matrix can reuse it."""

    score: IntArray
    """The matrix solved (rows x columns)."""
    match: IntArray
    """Per row, its column."""
    v: IntArray | None = None
    """Column duals proving `match` optimal (computed when the cost tie-break first needs them)."""

    def still_optimal(self, score: IntArray) -> bool:
        """Whether `match` is optimal for `score` too, with the same duals.

        True when no value rose and the matched ones are unchanged: u_i + v_j
        >= old w_ij >= new w_ij keeps the duals feasible, and equality on the
        matching keeps them tight there.
        """
        if score.shape != self.score.shape:
            return False
        on = np.arange(score.shape[0])
        return bool(np.array_equal(score[on, self.match], self.score[on, self.match])
                    and (score <= self.score).all())


def lex_assign(score: IntArray, cost: IntArray, ok: npt.NDArray[np.bool_],
               *, ties: bool = True, tight_out: list[npt.NDArray[np.bool_]] | None = None,
               memo: list[Stage1] | None = None) -> tuple[list[tuple[int, int]], bool]:
    """Match every row: max total score, then min total cost; (row, col) pairs and cost exactness.

    Two exact integer stages instead of one weight `score * BIG - cost`,
    which would overflow float64's 53 bits at 1e-9 score resolution. Stage 1
    maximises the score; complementary slackness then says which pairs can be
    in *any* score-optimal matching (zero reduced cost under the duals from
    `_potentials`) and which columns every one of them must fill (dual > 0).
    Stage 2 minimises the cost over exactly those matchings. Rows must be at
    most columns and a complete matching must exist within `ok`. With
    `tight_out`, the matrix of pairs that can be in a score-optimal matching
    is appended to it. With `memo` (only for an `ok` that never changes), the
    stage-1 answer of the previous call is reused while `Stage1.still_optimal`
    and the new one is left there.
    """
    n_rows = score.shape[0]
    if n_rows == 0:
        return [], True
    prior = memo[0] if memo else None
    if prior is not None and prior.still_optimal(score):
        first = Stage1(score, prior.match, prior.v)
    else:
        rows, cols = linear_sum_assignment(np.where(ok, -score.astype(np.float64), np.inf))
        match = np.empty(n_rows, dtype=np.int64)
        match[rows] = cols
        first = Stage1(score, match)
    if memo is not None:
        memo[:] = [first]
    match = first.match
    on = np.arange(n_rows)
    if not ties:  # stage 1 only: the caller settles scores first
        return [(int(i), int(match[i])) for i in on], True
    if first.v is None:
        first.v = _potentials(score, ok, match)
    v = first.v
    u = score[on, match] - v[match]
    tight = ok & (u[:, None] + v[None, :] == score)
    if tight_out is not None:
        tight_out.append(tight)
    must = v > 0
    cmax = int(cost[tight].max()) if tight.any() else 0
    cost_exact = True
    q = 1
    # Stage 2 weights reach n_rows * (A + cmax) with A = n_rows * cmax + 1.
    while n_rows * (n_rows * (cmax // q) + 1 + cmax // q) * 2 >= EXACT_FLOAT:
        q *= 10
        cost_exact = False
    scaled = cost // q
    penalty = n_rows * int(scaled[tight].max() if tight.any() else 0) + 1
    stage2 = np.where(tight, (scaled - penalty * must[None, :]).astype(np.float64), np.inf)
    rows2, cols2 = linear_sum_assignment(stage2)
    if int(score[rows2, cols2].sum()) != int(score[on, match].sum()):  # pragma: no cover - safety net
        return [(int(i), int(match[i])) for i in on], False
    return [(int(i), int(j)) for i, j in zip(rows2, cols2, strict=True)], cost_exact


def _potentials(w: IntArray, ok: npt.NDArray[np.bool_], match: IntArray) -> IntArray:
    """Column duals v >= 0 proving `match` optimal: u_i + v_j >= w_ij on `ok`, equality on `match`.

    With u_i = w[i, match_i] - v[match_i], dual feasibility reads
    v[match_i] <= v[j] + w[i, match_i] - w[i, j]: shortest-path distances in
    the graph of column swaps, from the unmatched columns (v = 0, as
    complementary slackness wants). Optimality of `match` means no negative
    cycle and no negative path from an unmatched column, so a Bellman-Ford
    run (vectorised, one numpy pass over all rows per step) converges in at
    most n_rows steps. Matched columns no free column reaches start at a
    value above any path length, which keeps them >= 0.
    """
    n_rows, n_cols = w.shape
    top = int(np.abs(w[ok]).max()) if ok.any() else 0
    start = n_rows * 2 * top + 1
    matched = np.zeros(n_cols, dtype=bool)
    matched[match] = True
    v = np.where(matched, start, 0).astype(np.int64)
    on_match = w[np.arange(n_rows), match]
    sentinel = np.iinfo(np.int64).max // 4
    for _ in range(n_rows + 1):
        best = np.where(ok, v[None, :] - w, sentinel).min(axis=1) + on_match
        new = np.minimum(v[match], best)
        if np.array_equal(new, v[match]):
            break
        v[match] = new
    return v


def _lsa(weights: FloatArray, cols: IntArray) -> Pairs:
    """The max-weight assignment of workers to positions; pairs of weight 0 are left out."""
    if weights.size == 0 or cols.size == 0:
        return []
    expanded = weights[:, cols]
    rows, picked = linear_sum_assignment(expanded, maximize=True)
    return [(int(i), int(cols[j])) for i, j in zip(rows, picked, strict=True) if expanded[i, j] > 0]


def _best_pairs(score: IntArray, cost: IntArray, allowed: npt.NDArray[np.bool_], cols: IntArray,
                ties: bool = True, tight_out: list[npt.NDArray[np.bool_]] | None = None,
                memo: list[Stage1] | None = None) -> tuple[Pairs, bool]:
    """Max total score over any matching of workers to positions, ties to the lower cost (with `ties`).

    With `tight_out` (and `ties`), the workers x positions matrix of pairs
    that can be in a score-optimal matching is appended to it.
    """
    if cols.size == 0 or score.size == 0:
        return [], True
    s = np.where(allowed, score, 0)[:, cols]
    c = np.where(allowed, cost, 0)[:, cols]
    full = np.ones(s.shape, dtype=bool)  # a pair of score 0 stands for "not placed"
    if s.shape[0] <= s.shape[1]:
        pairs, exact = lex_assign(s, c, full, ties=ties, tight_out=tight_out, memo=memo)
        return [(i, int(cols[j])) for i, j in pairs if s[i, j] > 0], exact
    pairs, exact = lex_assign(s.T, c.T, full.T, ties=ties, tight_out=tight_out, memo=memo)
    if tight_out:
        tight_out[-1] = tight_out[-1].T
    return sorted((j, int(cols[i])) for i, j in pairs if s[j, i] > 0), exact


def _unknown(pairs: Pairs, known: npt.NDArray[np.bool_]) -> Pairs:
    return [(i, s) for i, s in pairs if not known[i, s]]


@dataclass
class Solved:
    """An assignment and how it was found."""

    pairs: Pairs
    cost_exact: bool = True
    """False when cost ties had to be coarsened to fit float64 (never the scores)."""
    rounds: int = 0
    """Assignment problems solved."""


def solve_total(lazy: LazyScores, cols: IntArray, min_units: int) -> Solved:
    """Max sum of expected accessibility, ties to the lower cost; exact.

    The cost tie-break (a second assignment problem) is left out until the
    scores the first one uses are all exact: it cannot change which pairs
    need scoring before that, and it halves the work of the early rounds.
    Scoring only lowers values, so a round whose scoring left the previous
    stage-1 matching's own pairs alone reuses that matching and its duals
    (`Stage1`) instead of solving stage 1 again.
    """
    rounds = 0
    ties = False
    memo: list[Stage1] = []
    while True:
        score, cost, known = lazy.rows()
        allowed = (score >= min_units) & (score > 0)
        tight: list[npt.NDArray[np.bool_]] = []
        pairs, cost_exact = _best_pairs(score, cost, allowed, cols, ties, tight, memo)
        rounds += 1
        todo = _unknown(pairs, known)
        if todo:
            if tight:
                todo = sorted(set(todo) | set(_in_play(pairs, tight[0], score, cost, known, allowed, cols)))
            lazy.refine(todo)
        elif ties:
            return Solved(pairs, cost_exact, rounds)
        else:
            ties = True


IN_PLAY_MAX = 5
"""Scoring every unscored tight pair at once is worth it up to this many per worker (see `_in_play`)."""


def _in_play(pairs: Pairs, tight: npt.NDArray[np.bool_], score: IntArray, cost: IntArray,
             known: npt.NDArray[np.bool_], allowed: npt.NDArray[np.bool_], cols: IntArray) -> Pairs:
    """Unscored pairs the cost tie-break may use next: those in some score-optimal matching (tight).

    Left alone, the tie-break takes the unscored tight pairs a few per round
    (their cost is only a lower bound, so they look cheap) and the rounds
    trail off at one or two pairs each; a round costs about as much as 40
    pair scores. So all of them are scored at once (on the 1,000 x 200 x 5
    benchmark: 1,187 pairs, and 70 rounds fewer). Should there be very many
    (more than `IN_PLAY_MAX` per worker), only those cheaper than what their
    row pays now are taken.
    """
    at_station = np.zeros(score.shape, dtype=bool)
    np.logical_or.at(at_station.T, cols, tight.T)  # tight at some position of the station
    open_ = at_station & ~known & allowed
    if int(open_.sum()) > IN_PLAY_MAX * score.shape[0]:
        paying = np.full(score.shape[0], -1, dtype=np.int64)
        for i, s in pairs:
            paying[i] = cost[i, s]
        open_ &= cost < paying[:, None]
    return [(int(i), int(s)) for i, s in zip(*np.nonzero(open_), strict=True)]


def _max_matching(lazy: LazyScores, cols: IntArray, edge: Callable[[IntArray], npt.NDArray[np.bool_]],
                  need: int | None) -> tuple[Pairs | None, int]:
    """A verified maximum matching over the pairs `edge(score)` allows, lazily.

    Returns (pairs, rounds), or (None, rounds) once the matching is proven
    smaller than `need`.
    """
    rounds = 0
    while True:
        score, _, known = lazy.rows()
        pairs = _lsa(edge(score).astype(np.float64), cols)
        rounds += 1
        if need is not None and len(pairs) < need:
            return None, rounds
        todo = _unknown(pairs, known)
        if not todo:
            return pairs, rounds
        lazy.refine(todo)


def solve_fair(lazy: LazyScores, cols: IntArray, min_units: int) -> Solved:
    """Lexicographic: most placed, then the highest minimum, then the sum, then the cost; exact."""
    def allowed(score: IntArray) -> npt.NDArray[np.bool_]:
        return (score >= min_units) & (score > 0)

    first, rounds = _max_matching(lazy, cols, allowed, None)
    assert first is not None
    need = len(first)
    if need == 0:
        return Solved([], True, rounds)
    # Raise the floor: binary search over the current values, where a test
    # at t asks for a verified matching of `need` pairs all scoring >= t.
    score, _, _ = lazy.rows()
    lo = min(int(score[i, s]) for i, s in first)
    hi: int | None = None
    while True:
        score, _, _ = lazy.rows()
        vals = np.unique(score[allowed(score)])
        vals = vals[(vals > lo) & ((vals < hi) if hi is not None else True)]
        if vals.size == 0:
            break
        mid = int(vals[vals.size // 2])

        def at_least(sc: IntArray, t: int = mid) -> npt.NDArray[np.bool_]:
            return allowed(sc) & (sc >= t)

        found, r = _max_matching(lazy, cols, at_least, need)
        rounds += r
        if found is None:
            hi = mid
        else:
            score, _, _ = lazy.rows()
            lo = min(int(score[i, s]) for i, s in found)
    floor = lo
    n, k = len(lazy.table.workers), need
    while True:
        score, cost, known = lazy.rows()
        ok = allowed(score) & (score >= floor)
        pairs, cost_exact = _exactly_k(score, cost, ok, cols, n, k)
        rounds += 1
        todo = _unknown(pairs, known)
        if not todo:
            return Solved(pairs, cost_exact, rounds)
        lazy.refine(todo)


def _exactly_k(score: IntArray, cost: IntArray, ok: npt.NDArray[np.bool_], cols: IntArray, n: int,
               k: int) -> tuple[Pairs, bool]:
    """Max score, then min cost, among the matchings of exactly `k` pairs (k = the maximum size).

    Dummy columns (or rows) of score 0 let `n - k` workers (or `P - k`
    positions) stay unmatched; forbidden pairs are left out. Every complete
    assignment then has exactly k real pairs. The orientation with the
    smaller matrix is used.
    """
    s, c, real = score[:, cols], cost[:, cols], ok[:, cols]
    n_pos = len(cols)
    if n * (n_pos + n - k) <= n_pos * (n + n_pos - k):
        pad = ((0, 0), (0, n - k))
        pairs, exact = lex_assign(np.pad(s, pad), np.pad(c, pad), np.pad(real, pad, constant_values=True))
        return [(i, int(cols[j])) for i, j in pairs if j < n_pos], exact
    pad = ((0, 0), (0, n_pos - k))
    pairs, exact = lex_assign(np.pad(s.T, pad), np.pad(c.T, pad), np.pad(real.T, pad, constant_values=True))
    return sorted((j, int(cols[i])) for i, j in pairs if j < n), exact

