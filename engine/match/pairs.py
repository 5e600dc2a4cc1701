"""Provides the pair table of batch matching: cheap upper bounds and cached exact scores.

Scoring a (worker, workstation) pair exactly means a set-up search
(`engine.setups.search_setups`); doing that for every pair of a large firm is
the slow route. `PairTable` instead computes, for all pairs at once with
numpy, an upper bound: the accessibility with *every* feasible candidate tool
in use (conflicts ignored, every tool kept). No set-up can do better, because
accessibility only grows with tools and expected accessibility is a mean over
subsets of the set-up. The solvers then ask for exact scores only for the
pairs they are about to use, and the table caches them per (worker profile,
workstation): generated firms have many workers with the same profile.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from engine.accessibility import Terms, base_capacity, cents, exclusions, first_language_other
from engine.graph import GapToolGraph, build_graph
from engine.loader import Catalog
from engine.match.stairs import Stairs, closer_prices, entry_prices, staircase
from engine.models import MAX_LEVEL, Effect, Task, Tool, Worker, Workstation
from engine.setups import TIME_LIMIT, search_setups
from engine.setups import Setup as SearchSetup
from engine.units import SCALE, to_units

POINT = SCALE // 100
"""One whole EA point in score units: every exact score is a multiple of it."""

CHUNK = 64
"""Worker profiles per numpy block when computing bounds (memory: 8 bytes x CHUNK x tasks x slots)."""

ProfileKey = tuple[object, ...]
IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]


def profile_key(worker: Worker) -> ProfileKey:
    """What a worker's scores depend on: capacities, restrictions, hazards, language, hours, choices.

    Defaults are dropped so that `lifting: 4` and no `lifting` key are one profile.
    """
    return (
        tuple(sorted((d, c) for d, c in worker.capacities.items() if c != MAX_LEVEL)),
        tuple(sorted((d, c) for d, c in worker.restrictions.items() if c != MAX_LEVEL)),
        frozenset(worker.contraindications),
        worker.first_language,
        worker.hours_per_week,
        frozenset(worker.avoid_categories),
        tuple(sorted((c, p) for c, p in worker.acceptance.items() if p != 1.0)),
    )


@dataclass(frozen=True)
class Setup:
    """A set-up as batch matching sees it: whole EA points as the score, total cost as the cost.

    `expected_accessibility` is EA points / 100, so that integer units of it
    (`to_units`) are whole points: the objective has no float ties (contract
    section 7). `cost_eur` is the total cost over the horizon, which budgets
    bound and ties compare; `one_off_eur` is what is paid up front.
    """

    tools: tuple[str, ...]
    cost_eur: float
    """Total cost: one-off + horizon x yearly."""
    one_off_eur: float
    yearly_eur: float
    accessibility: float
    coverage: float
    expected_accessibility: float
    """EA points / 100."""
    personal: int
    cv_points: int

    @classmethod
    def of(cls, s: SearchSetup) -> Setup:
        """The batch view of a searched set-up."""
        return cls(s.tools, s.total_cost_eur, s.cost_eur, s.yearly_eur, float(s.accessibility),
                   float(s.coverage), s.ea_points / 100, s.personal, s.cv_points)

    def key(self) -> tuple[float, float, float, int, int, tuple[str, ...]]:
        """Set-up order: EA, CV, total cost, personal measures, tools, ids."""
        return (-self.expected_accessibility, -self.cv_points, self.cost_eur, self.personal, len(self.tools),
                self.tools)


def optimistic(effect: Effect) -> int:
    """An upper bound of an effect's reduction for any worker: boost b, lower l, via up to L.

    A via gives min(c2, L, R) - c <= L and a boost min(c + b, 4, R) - c <= b,
    so ignoring restrictions and the other channel can only overstate it.
    """
    if effect.boost is not None:
        return effect.boost
    if effect.lower is not None:
        return effect.lower
    return effect.up_to or 0


@dataclass
class Bounds:
    """Per (profile, station): what no set-up can beat, in the lexicographic (score, -cost) order."""

    score: IntArray
    """Upper bound on expected accessibility after, 1e-9 units."""
    cost: IntArray
    """Lower bound, in cents, on the cost of any set-up that reaches `score`."""
    exact: npt.NDArray[np.bool_]
    """Where the bounds are the exact answer (no gap at all: score 1, cost 0)."""
    base: IntArray
    """The score without tools (1e-9 units): exact."""
    cheapest: IntArray
    """The price of the cheapest usable tool, in cents: every non-empty set-up costs at least this."""
    stairs: Stairs | None = None
    """Points reachable for how much money, at most (`engine.match.stairs`); only with a budget."""


@dataclass(frozen=True)
class PairScore:
    """The exact outcome of one pair: its best set-up within the per-pair budget."""

    best: Setup
    """The first set-up in contract order (the empty set-up when no tool helps)."""
    baseline: Setup
    """The empty set-up: the worker's accessibility without tools."""
    exact: bool
    """False only when the set-up search hit its node limit or its time limit."""

    @property
    def score(self) -> int:
        """Expected accessibility after, in units of 1e-9."""
        return to_units(self.best.expected_accessibility)


class PairTable:
    """Bounds for all pairs and exact scores on demand, for fixed workers and stations."""

    def __init__(
        self, catalog: Catalog, workers: Sequence[Worker], stations: Sequence[Workstation],
        *, budget: float | None = None, free_tools: frozenset[str] = frozenset(), terms: Terms | None = None,
        time_limit: float | None = TIME_LIMIT,
    ) -> None:
        self.catalog = catalog
        self.time_limit = time_limit
        """Seconds one set-up search (one pair) may take before it stops with the best found (exact False)."""
        self.terms = terms or catalog.terms()
        self.workers = list(workers)
        self.stations = list(stations)
        self.budget = budget
        self.free_tools = free_tools
        """Tools the firm owns: priced 0 when computing the extra set-ups of `frontier`."""
        keys = [profile_key(w) for w in self.workers]
        index: dict[ProfileKey, int] = {}
        self.profile_of = np.array([index.setdefault(k, len(index)) for k in keys], dtype=np.int64)
        """Per worker, the index of its profile (first worker with that profile = representative)."""
        self.representative: list[Worker] = []
        for w, k in zip(self.workers, keys, strict=True):
            if index[k] == len(self.representative):
                self.representative.append(w)
        # Tools too dear for the whole budget can never be in any set-up.
        self.tools: list[Tool] = [
            t for t in catalog.tools.values()
            if budget is None or self.total_eur(t) <= budget + 0.005 or t.id in free_tools
        ]
        self._best: dict[tuple[int, int], PairScore] = {}
        self._front: dict[tuple[int, int], list[Setup]] = {}
        self._part: dict[tuple[int, int], tuple[float, list[Setup]]] = {}
        """Frontiers up to a cost (`frontier` with `limit`): the limit and the set-ups."""
        self._feasible: dict[tuple[int, int], list[Tool]] = {}
        self.evaluations = 0
        """Set-up searches run so far (cache misses)."""
        self.exact = True
        """False once any set-up search hit its node limit or its time limit."""
        self._reliability = np.array([float(self.terms.reliability[t.evidence]) for t in self.tools], dtype=float)
        """Per tool, the probability that its effect holds once in use (its evidence level)."""
        self._fw, self._group = self._worker_feasibility()
        self._fs = self._station_feasibility()
        self._task_blocked = self._contraindicated([t for st in self.stations for t in st.tasks])
        """Per profile and task (all stations' tasks in order): a contraindicated hazard."""
        self._blocked = self._contraindicated(
            [Task(name="-", share=1, hazards=sorted({h for t in st.tasks for h in t.hazards})) for st in self.stations])
        """Per profile and station: a task with a contraindicated hazard."""
        self._short_hours = np.array(
            [[w.hours_per_week is not None and st.hours_per_week is not None and w.hours_per_week < st.hours_per_week
              for st in self.stations] for w in self.representative], dtype=bool,
        ).reshape(len(self.representative), len(self.stations))

    # ------------------------------------------------------------ feasibility

    def _contraindicated(self, tasks: list[Task]) -> npt.NDArray[np.bool_]:
        """profiles x tasks: whether a task has a hazard the profile is contraindicated for."""
        hazards = sorted({h for t in tasks for h in t.hazards})
        at = {h: i for i, h in enumerate(hazards)}
        has = np.zeros((len(tasks), len(hazards)), dtype=np.int64)
        for k, t in enumerate(tasks):
            has[k, [at[h] for h in t.hazards]] = 1
        banned = np.zeros((len(self.representative), len(hazards)), dtype=np.int64)
        for p, w in enumerate(self.representative):
            banned[p, [at[h] for h in w.contraindications if h in at]] = 1
        return np.asarray((banned @ has.T) > 0, dtype=bool).reshape(len(self.representative), len(tasks))

    def _worker_feasibility(self) -> tuple[npt.NDArray[np.bool_], npt.NDArray[np.int64]]:
        """Per profile and tool: neither avoided nor missing a capacity minimum; grouped."""
        fw = np.ones((len(self.representative), len(self.tools)), dtype=bool)
        needed = sorted({d for tool in self.tools for d in tool.requires.capacities})
        rows: dict[tuple[object, ...], npt.NDArray[np.bool_]] = {}
        for p, w in enumerate(self.representative):
            # Feasibility except the workstation's features (those are per station) depends on these
            # only; many profiles share them, so `exclusions` runs once per distinct one.
            key = (frozenset(w.avoid_categories), tuple(base_capacity(w, d, self.terms) for d in needed),
                   first_language_other(w, self.terms))
            if key not in rows:
                rows[key] = np.array([not any(e.reason != "feature" for e in exclusions(w, _ANYWHERE, tool, self.terms))
                                      for tool in self.tools], dtype=bool)
            fw[p] = rows[key]
        # Profiles with the same feasible tools share one max-boost table.
        _, group = np.unique(fw, axis=0, return_inverse=True)
        return fw, np.asarray(group, dtype=np.int64).reshape(-1)

    def _station_feasibility(self) -> npt.NDArray[np.bool_]:
        fs = np.ones((len(self.stations), len(self.tools)), dtype=bool)
        for s, station in enumerate(self.stations):
            have = set(station.features)
            for t, tool in enumerate(self.tools):
                fs[s, t] = all(f in have for f in tool.requires.features)
        return fs

    def feasible_tools(self, p: int, s: int) -> list[Tool]:
        """The tools profile `p` may use at station `s` (graph exclusions left out)."""
        key = (int(self._group[p]), s)
        if key not in self._feasible:
            mask = self._fw[p] & self._fs[s]
            self._feasible[key] = [t for t, ok in zip(self.tools, mask, strict=True) if ok]
        return self._feasible[key]

    # ------------------------------------------------------------ bounds

    def bounds(self, progress: Callable[[int], None] | None = None) -> Bounds:
        """Per profile and station: the score bound, the cost bound, and which are exact.

        The score bound is the accessibility with every feasible tool in use:
        a task counts when, on each demanded dimension, capacity + the largest
        feasible boost there reaches the demand (the cap at 4 never matters,
        demands being at most 4). The cost bound: a score out of reach of the
        empty set-up needs at least one tool, so the price of the cheapest
        usable one; otherwise 0.
        """
        dims = sorted({d for s in self.stations for t in s.tasks for d, v in t.demands.items() if v > 0})
        col = {d: i for i, d in enumerate(dims)}
        tasks = [(s, t) for s, st in enumerate(self.stations) for t in st.tasks]
        n_tasks, n_dims = len(tasks), max(len(dims), 1)
        demand = np.zeros((n_tasks, n_dims), dtype=np.int8)
        share = np.zeros(n_tasks, dtype=np.float64)
        task_station = np.zeros(n_tasks, dtype=np.int64)
        k = 0
        for s, st in enumerate(self.stations):
            for t, sh in zip(st.tasks, st.shares(), strict=True):
                for d, v in t.demands.items():
                    if v > 0:
                        demand[k, col[d]] = v
                share[k] = sh
                task_station[k] = s
                k += 1
        boost = self._boosts(tasks, col, n_dims)
        price = np.array([self.total_cents(t) for t in self.tools], dtype=np.int64)
        cap = np.full((len(self.representative), n_dims), MAX_LEVEL, dtype=np.int8)
        for p, w in enumerate(self.representative):
            for d in col:
                cap[p, col[d]] = base_capacity(w, d, self.terms)
        shape = (len(self.representative), len(self.stations))
        out = Bounds(np.zeros(shape, dtype=np.int64), np.zeros(shape, dtype=np.int64), np.zeros(shape, dtype=bool),
                     np.zeros(shape, dtype=np.int64), np.zeros(shape, dtype=np.int64))
        if n_tasks == 0:
            return out
        starts = np.flatnonzero(np.r_[True, task_station[1:] != task_station[:-1]])
        if self.budget is not None:  # the staircase is for the shared budget only (memory: profiles x stations)
            per_station = np.diff(np.r_[starts, n_tasks])
            station_tasks = np.full((len(self.stations), int(per_station.max())), -1, dtype=np.int64)
            for a, k in zip(starts, per_station, strict=True):
                station_tasks[task_station[a], :k] = np.arange(a, a + k)
            steps = station_tasks.shape[1]
            out.stairs = Stairs(np.zeros((*shape, steps), dtype=np.int16), np.zeros((*shape, steps), dtype=np.int32))
        task_blocked = self._task_blocked  # blocked without tools
        station_tool = self._fs[task_station]  # tasks x tools
        # A task demands a handful of the ~30 dimensions: work on its demanded ones only ("slots"),
        # padded with an extra dimension that nobody lacks (capacity 4, demand 0).
        width = max(int((demand > 0).sum(axis=1).max()), 1)
        slot = np.full((n_tasks, width), n_dims, dtype=np.int64)
        for k in range(n_tasks):
            used = np.flatnonzero(demand[k])
            slot[k, : len(used)] = used
        rows_k = np.arange(n_tasks)[:, None]
        cap = np.hstack([cap, np.full((cap.shape[0], 1), MAX_LEVEL, dtype=np.int8)])
        demand_s = np.hstack([demand, np.zeros((n_tasks, 1), dtype=np.int8)])[rows_k, slot]
        none = np.iinfo(np.int64).max // 4
        boost = np.concatenate([boost, np.zeros((len(self.tools), n_tasks, 1), dtype=np.int8)], axis=2)
        boost = boost[:, rows_k, slot]  # tools x tasks x slots
        done = 0
        for g in np.unique(self._group):
            members = np.flatnonzero(self._group == g)
            usable = (station_tool & self._fw[members[0]][None, :]).T[:, :, None]  # tools x tasks x 1
            at_station = self._fs & self._fw[members[0]][None, :]  # stations x tools
            out.cheapest[members] = np.where(at_station, price[None, :], none).min(axis=1, initial=none)[None, :]
            top = np.where(usable, boost, 0).max(axis=0) if len(self.tools) else np.zeros_like(demand_s)
            closers = closer_prices(usable, boost, price) if out.stairs is not None else None
            reach = (demand_s - top).astype(np.int8)  # capacity needed with the best tool
            # Closers per level matter only for tools some member may stop using (acceptance < 1);
            # a gap with a closer everyone keeps is settled ("sure").
            # Under v2 every tool with evidence short of certainty may fail (reliability < 1).
            doubtful = {c for p in members for c, v in self.representative[p].acceptance.items() if v < 1.0}
            maybe = np.array([t.category in doubtful or self._reliability[i] < 1.0 for i, t in enumerate(self.tools)],
                             dtype=bool)
            sure = np.ones((MAX_LEVEL + 1, n_tasks * width), dtype=bool)
            doubt = np.zeros((MAX_LEVEL + 1, int(maybe.sum()), n_tasks * width))
            for r in range(1, MAX_LEVEL + 1):
                if len(self.tools) and maybe.any():
                    closer = usable & (boost >= r)
                    sure[r] = closer[~maybe].any(axis=0).reshape(-1)
                    doubt[r] = closer[maybe].reshape(int(maybe.sum()), -1)
            for lo in range(0, len(members), CHUNK):
                rows = members[lo:lo + CHUNK]
                have = cap[rows][:, slot]  # profiles x tasks x slots
                ok = (have >= reach[None, :, :]).all(axis=2)
                gap = np.clip(demand_s[None, :, :] - have, 0, MAX_LEVEL)
                free = (gap == 0).all(axis=2) & ~task_blocked[rows]
                chance = np.where(ok, self._kept(rows, maybe, sure, doubt, gap), 0.0)  # reachable, how likely
                acc = np.add.reduceat(chance * share[None, :], starts, axis=1)
                # Whole points, rounded up past float error: a bound may overstate, never understate.
                out.score[rows] = (np.floor(100 * acc + 1e-6 + 1e-7) * POINT).astype(np.int64)
                base = np.add.reduceat(free * share[None, :], starts, axis=1)
                out.base[rows] = (np.floor(100 * base + 1e-6 - 1e-7) * POINT).astype(np.int64)
                # Scores are whole points (floored), so a set-up may reach the bound's points without
                # closing every gap `task_cost` counts. What stays valid: a bound more than one point above
                # the base (which is exact to within a point) is out of reach of the empty set-up, so a
                # set-up reaching it holds a tool and costs at least the cheapest usable one.
                beyond = (out.score[rows] > out.base[rows] + POINT) & (out.cheapest[rows] < none)
                out.cost[rows] = np.where(beyond, out.cheapest[rows], 0)
                # No gap and no blocked task at all: the empty set-up is the answer, no search needed.
                out.exact[rows] = (np.add.reduceat(~free, starts, axis=1) == 0) & ~self._blocked[rows]
                # A worker who cannot work the station's hours is never placed there (contract section 7).
                short = self._short_hours[rows]
                out.score[rows] = np.where(short, 0, out.score[rows])
                out.cost[rows] = np.where(short, 0, out.cost[rows])
                out.exact[rows] = out.exact[rows] | short
                if out.stairs is not None and closers is not None:
                    need = entry_prices(gap, closers, task_blocked[rows], out.cheapest[rows][:, task_station])
                    step = staircase(chance * share[None, :], need, station_tasks, out.score[rows], POINT)
                    out.stairs.points[rows] = step.points
                    out.stairs.cents[rows] = step.cents
                done += len(rows)
                if progress is not None:
                    progress(done)
        return out

    def _kept(self, rows: IntArray, maybe: npt.NDArray[np.bool_], sure: npt.NDArray[np.bool_],
              doubt: FloatArray, gap: npt.NDArray[np.int8]) -> FloatArray:
        """profiles x tasks: at most the chance that every gap of the task stays closed.

        A gap stays closed only if some closer of it works, each independently
        with p = the worker's acceptance of its category x its reliability, so its
        chance is at most 1 - prod(1 - p) over all usable closers (1 when a
        closer is always kept: `sure`); a task's chance is at most that of
        its least likely gap. `doubt[r]` lists, per tool that may be dropped
        (`maybe`), which (task, slot) it closes at level r.
        """
        out = np.ones(gap.shape[:2])
        if not maybe.any():
            return out
        unsure = list(range(len(rows)))
        tools = [t for t, m in zip(self.tools, maybe, strict=True) if m]
        rel = self._reliability[maybe]
        # p = acceptance x reliability (contract section 5), per worker and tool.
        accept = np.array([[self.representative[rows[i]].acceptance_of(t.category) for t in tools]
                           for i in unsure]) * rel[None, :]
        # log(1 - p); a sure tool (p = 1) gets a large negative number instead of -inf (no nan in the product).
        log_drop = np.where(accept >= 1.0, -1e6, np.log(np.clip(1.0 - accept, 1e-300, 1.0)))
        g = gap[unsure].reshape(len(unsure), -1)
        per_gap = np.ones(g.shape)
        for r in range(1, MAX_LEVEL + 1):
            at = g == r
            # Only the (task, slot) columns where some profile has a gap of r and no sure closer.
            where = np.flatnonzero(at.any(axis=0) & ~sure[r])
            if where.size:
                chance = 1.0 - np.exp(log_drop @ doubt[r][:, where])
                per_gap[:, where] = np.where(at[:, where], chance, per_gap[:, where])
        out[unsure] = per_gap.reshape(gap.shape).min(axis=2)
        return out

    def _boosts(self, tasks: list[tuple[int, Task]], col: dict[str, int], n_dims: int) -> npt.NDArray[np.int8]:
        """tools x tasks x dims: the largest boost each tool gives there."""
        by_tags: dict[frozenset[str], npt.NDArray[np.int8]] = {}
        rows = np.zeros((len(self.tools), len(tasks), n_dims), dtype=np.int8)
        for k, (_, task) in enumerate(tasks):
            tags = task.tags
            if tags not in by_tags:
                table = np.zeros((len(self.tools), n_dims), dtype=np.int8)
                for t, tool in enumerate(self.tools):
                    for e in tool.effects:
                        if e.dimension in col and e.applies_to(tags):
                            table[t, col[e.dimension]] = max(table[t, col[e.dimension]], optimistic(e))
                by_tags[tags] = table
            rows[:, k, :] = by_tags[tags]
        return rows

    # ------------------------------------------------------------ exact scores

    def _graph(self, p: int, s: int) -> GapToolGraph:
        return build_graph(self.representative[p], self.stations[s], self.feasible_tools(p, s), self.terms)

    def best(self, p: int, s: int) -> PairScore:
        """The exact best set-up of profile `p` at station `s` (cached)."""
        key = (p, s)
        hit = self._best.get(key)
        if hit is None:
            result = search_setups(self._graph(p, s), budget=self.budget, top=1, time_limit=self.time_limit)
            self.evaluations += 1
            self.exact &= result.exact
            best = Setup.of(result.setups[0] if result.setups else result.baseline)
            if self._short_hours[p, s]:
                best = _NOTHING
            hit = PairScore(best, Setup.of(result.baseline), result.exact)
            self._best[key] = hit
        return hit

    def frontier(self, p: int, s: int, limit: float | None = None) -> list[Setup]:
        """Every non-dominated set-up within the budget, the empty one first (cached).

        With owned tools, also the set-ups that are non-dominated when owned
        tools cost nothing; costs are always the full catalogue prices.
        With `limit` (euro, no owned tools): at least those costing up to it,
        a cheaper search (a set-up is dominated only by one that costs no more,
        so these are exactly the frontier's set-ups up to `limit`).
        """
        key = (p, s)
        hit = self._front.get(key)
        if hit is None and limit is not None and not self.free_tools and (self.budget is None or limit < self.budget):
            part = self._part.get(key)
            if part is None or part[0] < limit:
                result = search_setups(self._graph(p, s), budget=limit, top=None, time_limit=self.time_limit)
                self.evaluations += 1
                self.exact &= result.exact
                short = self._short_hours[p, s]
                part = (limit, [_NOTHING] if short else
                        [Setup.of(result.baseline), *sorted(map(Setup.of, result.setups), key=Setup.key)])
                self._part[key] = part
            return part[1]
        if hit is None:
            worker, station = self.representative[p], self.stations[s]
            result = search_setups(self._graph(p, s), budget=self.budget, top=None,
                                   time_limit=self.time_limit)
            self.evaluations += 1
            self.exact &= result.exact
            found = {x.tools: Setup.of(x) for x in result.setups}
            if self.free_tools & {t.id for t in self.feasible_tools(p, s)}:
                free = [t.model_copy(update={"cost_eur": 0.0}) if t.id in self.free_tools else t
                        for t in self.feasible_tools(p, s)]
                more = search_setups(build_graph(worker, station, free, self.terms), budget=self.budget, top=None,
                                     time_limit=self.time_limit)
                self.exact &= more.exact
                prices = {t.id: t for t in self.tools}
                for setup in more.setups:
                    if setup.tools not in found:
                        kit = [prices[t] for t in setup.tools]
                        one_off = sum(cents(t.cost_eur) for t in kit) / 100
                        total = sum(self.total_cents(t) for t in kit) / 100
                        view = Setup.of(setup)
                        found[setup.tools] = Setup(view.tools, total, one_off, view.yearly_eur, view.accessibility,
                                                   view.coverage, view.expected_accessibility, view.personal,
                                                   view.cv_points)
            if self._short_hours[p, s]:
                found = {}
            hit = [Setup.of(result.baseline) if not self._short_hours[p, s] else _NOTHING,
                   *sorted(found.values(), key=Setup.key)]
            self._front[key] = hit
        return hit

    def graph(self, p: int, s: int) -> GapToolGraph:
        """The gap-tool graph with every catalogue tool, budget or not (for explanations)."""
        return build_graph(self.representative[p], self.stations[s], list(self.catalog.tools.values()), self.terms)

    def short_hours(self, p: int, s: int) -> bool:
        """Whether profile `p` cannot work station `s`'s hours (the pair is impossible)."""
        return bool(self._short_hours[p, s])

    def total_cents(self, tool: Tool) -> int:
        """A tool's total cost over the horizon, in cents."""
        return cents(tool.cost_eur) + self.terms.horizon_years * cents(tool.yearly_eur)

    def total_eur(self, tool: Tool) -> float:
        """A tool's total cost over the horizon, euro."""
        return self.total_cents(tool) / 100


_ANYWHERE = Workstation(id="anywhere", tasks=[Task(name="-", share=1)])
"""A workstation with no features: feasibility checks for the worker's side only."""

_NOTHING = Setup((), 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0, 0)
"""A pair that cannot be: the worker cannot work the workstation's hours."""
