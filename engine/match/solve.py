"""Provides `match`, the entry point of batch assignment of workers to workstation positions with tools.

The objectives are those of contract section 6. A pair's score is the
expected accessibility after its best set-up (contract order, within the
budget when one is given); pairs below `min_accessibility`, and pairs where
the worker could do none of the work (score 0), are never assigned.

- No shared budget: exact (`engine.match.assign`, lazy bounds + linear_sum_assignment).
  Each pair takes its best set-up in contract order (expected accessibility,
  then coverage, then cost); ties between assignments go to the lower total
  cost of those set-ups.
- Shared budget: a pair may take any non-dominated set-up, the empty one
  included; ties go to the lower total cost. Exact MILP for small firms,
  Lagrangian relaxation with an honest bound and gap for large ones
  (`engine.match.budget`, `engine.match.lagrange`, `engine.match.milp`).
- Inventory (tool id -> units owned): owned units cost nothing, handed out
  first come in worker order. With a budget the MILP counts them exactly
  (over the set-ups non-dominated at full price or with owned tools free);
  without one they only lower the reported cost.

The TUI calls `match` from a worker thread; `progress(done, total)` is called
from the calling thread now and then, with `total` fixed at `PROGRESS_TOTAL`.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from engine.errors import InputError, Problem
from engine.loader import Catalog, Workspace
from engine.match.assign import LazyScores, position_columns, solve_fair, solve_total
from engine.match.budget import solve_budget
from engine.match.choice import Choice
from engine.match.pairs import PairTable
from engine.match.report import build_assignments, build_unplaced
from engine.match.results import OBJECTIVES, Assignment, MatchResult, Objective
from engine.models import Worker, Workstation
from engine.setups import TIME_LIMIT
from engine.support import Whose, setup_support
from engine.units import money, score, to_units
from engine.validation import suggest
from engine.yamlio import read_yaml

PROGRESS_TOTAL = 1000
"""Progress units: bounds up to 300, solving up to 900, explaining up to 1000."""


def load_inventory(path: Path, catalog: Catalog) -> dict[str, int]:
    """Read an inventory file: a YAML mapping tool id -> units owned."""
    data, smap = read_yaml(Path(path), allow_empty=True)
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise InputError([smap.problem((), "expected a mapping of tool id -> units owned")])
    problems: list[Problem] = []
    out: dict[str, int] = {}
    for tool, units in data.items():
        if str(tool) not in catalog.tools:
            problems.append(smap.problem((tool,), f"unknown tool {tool!r}{suggest(str(tool), catalog.tools)}",
                                         key=True))
        elif isinstance(units, bool) or not isinstance(units, int) or units < 0:
            problems.append(smap.problem((tool,), f"units owned must be a whole number >= 0, not {units!r}"))
        else:
            out[str(tool)] = units
    if problems:
        raise InputError(problems)
    return out


def _check_options(budget: float | None, min_accessibility: float, objective: str, inventory: dict[str, int],
           catalog: Catalog) -> None:
    problems = []
    if budget is not None and not budget >= 0:
        problems.append(Problem("--budget", None, None, f"the budget must be >= 0, not {budget}"))
    if not 0.0 <= min_accessibility <= 1.0:
        problems.append(Problem("--min-accessibility", None, None,
                                f"must be between 0 and 1, not {min_accessibility}"))
    if objective not in OBJECTIVES:
        problems.append(Problem("--objective", None, None, f"unknown objective {objective!r} (total or fair)"))
    problems += [Problem("--inventory", None, None, f"unknown tool {t!r}") for t in inventory
                 if t not in catalog.tools]
    if problems:
        raise InputError(problems)


def add_support(assignments: list[Assignment], workspace: Workspace, workers: list[Worker],
                stations: list[Workstation], horizon_years: int) -> None:
    """Each placed worker with a support status gets the estimated support and net cost of the set-up."""
    funding = workspace.catalog.funding
    by_worker = {w.id: w for w in workers}
    by_station = {s.id: s for s in stations}
    for a in assignments:
        worker, station = by_worker[a.worker], by_station[a.workstation]
        whose: Whose = "worker"
        hours = worker.hours_per_week
        if hours is None:
            hours, whose = station.hours_per_week, "workstation"
        tools = [workspace.catalog.tools[t] for t in a.tools]
        # Owned inventory is not bought: no purchase to support.
        sup = setup_support(funding, worker, tools, horizon_years, hours, workspace.settings.weeks_per_year,
                            owned=a.from_inventory, whose=whose)
        if sup is not None:
            a.support_eur = sup.support_cents / 100
            a.net_cost_eur = money(a.total_cost_eur - (sup.support_cents + sup.other_cents) / 100)


def match(
    workspace: Workspace, *, budget: float | None = None, min_accessibility: float = 0.0,
    objective: Objective = "total", inventory: dict[str, int] | None = None,
    workers: list[Worker] | None = None, stations: list[Workstation] | None = None,
    progress: Callable[[int, int], None] | None = None, horizon_years: int | None = None,
    time_limit: float | None = TIME_LIMIT,
) -> MatchResult:
    """Assign workers to workstation positions with set-ups (see the module docstring).

    `time_limit` bounds each pair's set-up search in seconds (None: the node
    limit only); a search that hits it keeps the best set-up found so far and
    the result says `exact: false`.
    """
    catalog = workspace.catalog
    inventory = {t: n for t, n in (inventory or {}).items() if n > 0}
    _check_options(budget, min_accessibility, objective, inventory, catalog)
    workers = list(workspace.workers.values()) if workers is None else list(workers)
    stations = list(workspace.workstations.values()) if stations is None else list(stations)

    shown = [0]

    def report(done: int) -> None:
        # Never backwards: the phases estimate their share differently.
        if progress is not None and done > shown[0]:
            shown[0] = min(done, PROGRESS_TOTAL)
            progress(shown[0], PROGRESS_TOTAL)

    table = PairTable(catalog, workers, stations, budget=budget,
                      free_tools=frozenset(inventory) if budget is not None else frozenset(),
                      terms=workspace.terms(horizon_years), time_limit=time_limit)
    n_profiles = max(len(table.representative), 1)
    bounds = table.bounds(lambda done: report(300 * done // n_profiles))
    lazy = LazyScores(table, bounds)
    # The solve phase has no known length: creep towards 900 as pairs are scored.
    lazy.on_refine = lambda known: report(300 + 600 * known // (known + 2 * len(workers) + 1))
    cols = position_columns([s.positions for s in stations], len(workers))
    min_units = to_units(min_accessibility)
    notes: list[str] = []
    stats: dict[str, Any] = {"workers": len(workers), "workstations": len(stations), "positions": len(cols),
                             "profiles": len(table.representative)}
    chosen: list[Choice]
    bound: float | None
    if budget is None:
        solved = (solve_fair if objective == "fair" else solve_total)(lazy, cols, min_units)
        chosen = [(i, s, table.best(int(table.profile_of[i]), s).best) for i, s in solved.pairs]
        achieved = sum(c[2].expected_accessibility for c in chosen)
        solver, exact, bound, gap = "lazy-lsa", table.exact, score(achieved), 0.0
        if objective == "fair":
            solver = "lazy-lsa-lexicographic"
        if not solved.cost_exact:
            notes.append("cost ties were broken at a coarser resolution to stay exact in float64")
        if inventory:
            notes.append("without a budget, owned inventory only lowers the reported cost (first come, "
                         "in worker order); it does not change who goes where")
        stats["rounds"] = solved.rounds
    else:
        out = solve_budget(lazy, cols, min_units, budget, objective, inventory)
        chosen, solver, exact, bound, gap = out.chosen, out.solver, out.exact and table.exact, out.bound, out.gap
        notes += out.notes
        stats.update(out.stats)
    if not table.exact:
        notes.append("a set-up search hit its node or time limit: scores may be below the true best")
    stats["exact_pairs"] = table.evaluations
    stats["pairs"] = len(workers) * len(stations)
    report(900)
    assignments = build_assignments(table, chosen, inventory)
    add_support(assignments, workspace, workers, stations, table.terms.horizon_years)
    placed = {i for i, _, _ in chosen}
    unplaced = build_unplaced(table, lazy, [i for i in range(len(workers)) if i not in placed],
                              min_units, objective, budget)
    report(PROGRESS_TOTAL)
    return MatchResult(assignments, unplaced, objective, solver, exact, bound, gap, budget,
                       min_accessibility, len(cols), notes, stats)


