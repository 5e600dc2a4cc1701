"""Provides `match`: batch assignment of workers to workstation positions with tools.

The objectives are those of contract section 6. A pair's score is the
expected accessibility after its best set-up (contract order, within the
budget when one is given); pairs below `min_accessibility`, and pairs where
the worker could do none of the work (score 0), are never assigned.

- No shared budget: exact (`engine.assign`, lazy bounds + linear_sum_assignment).
  Each pair takes its best set-up in contract order (expected accessibility,
  then coverage, then cost); ties between assignments go to the lower total
  cost of those set-ups.
- Shared budget: a pair may take any non-dominated set-up, the empty one
  included; ties go to the lower total cost. Exact MILP for small firms,
  Lagrangian relaxation with an honest bound and gap for large ones
  (`engine.match_budget`, `engine.match_milp`).
- Inventory (tool id -> units owned): owned units cost nothing, handed out
  first come in worker order. With a budget the MILP counts them exactly
  (over the set-ups non-dominated at full price or with owned tools free);
  without one they only lower the reported cost.

The TUI calls `match` from a worker thread; `progress(done, total)` is called
from the calling thread now and then, with `total` fixed at `PROGRESS_TOTAL`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from engine.accessibility import Gap
from engine.assign import LazyScores, position_columns, solve_fair, solve_total
from engine.errors import InputError, Problem
from engine.loader import Catalog, Workspace
from engine.match_pairs import PairTable, to_units
from engine.models import Worker, Workstation
from engine.setups import Setup
from engine.validation import suggest
from engine.yamlio import read_yaml

Objective = Literal["total", "fair"]
OBJECTIVES: tuple[Objective, ...] = ("total", "fair")
PROGRESS_TOTAL = 1000
"""Progress units: bounds up to 300, solving up to 900, explaining up to 1000."""


@dataclass
class Assignment:
    """One worker at one workstation position, with the set-up to buy."""

    worker: str
    """Worker id."""
    workstation: str
    """Workstation id."""
    tools: tuple[str, ...]
    """Tool ids of the set-up, sorted."""
    cost_eur: float
    """One-off cost still to pay (owned inventory units cost nothing)."""
    yearly_eur: float
    """Yearly running cost of the set-up."""
    accessibility_before: float
    """Accessibility at this workstation without tools."""
    accessibility_after: float
    """Accessibility with every tool of the set-up in use."""
    expected_accessibility_after: float
    """Accessibility expected under the worker's acceptance (the objective)."""
    coverage_after: float
    """Coverage with the set-up in use."""
    remaining_gaps: list[Gap] = field(default_factory=list)
    """Gaps the set-up leaves open."""
    from_inventory: tuple[str, ...] = ()
    """Tools of the set-up taken from the firm's own inventory."""
    list_cost_eur: float = 0.0
    """One-off cost at catalogue prices, before inventory."""
    worker_label: str = ""
    """The worker's label (free text)."""
    workstation_label: str = ""
    """The workstation's label (free text)."""

    @property
    def gain(self) -> float:
        """Expected accessibility gained by this placement's set-up."""
        return round(self.expected_accessibility_after - self.accessibility_before, 9)


@dataclass
class Unplaced:
    """A worker left without a position, and why."""

    worker: str
    """Worker id."""
    best_workstation: str | None
    """The workstation where they would reach the most (None without workstations)."""
    best_expected_accessibility: float
    """What they would reach there with its best set-up."""
    unclosable_gaps: list[Gap]
    """Gaps at that workstation that no feasible tool closes: job redesign starts here."""
    reason: str
    """Plain-English reason."""
    worker_label: str = ""
    """The worker's label (free text)."""


@dataclass
class MatchResult:
    """The assignment, the unplaced workers and how exact the answer is."""

    assignments: list[Assignment]
    """Placed workers, in worker order."""
    unassigned: list[Unplaced]
    """Workers without a position, in worker order."""
    objective: str
    """`total` or `fair`."""
    solver: str
    """Which method produced the answer."""
    exact: bool
    """Whether the answer is proven optimal."""
    bound: float | None
    """Proven upper bound on the objective's sum of expected accessibility."""
    gap: float
    """Proven relative gap (bound - achieved) / bound; 0.0 when exact."""
    budget: float | None = None
    """The shared budget, if any."""
    min_accessibility: float = 0.0
    """The least expected accessibility a placement must reach."""
    positions: int = 0
    """Workstation positions available."""
    notes: list[str] = field(default_factory=list)
    """Caveats about the answer (approximations, owned inventory)."""
    stats: dict[str, Any] = field(default_factory=dict)
    """How the solve went: pairs, exact evaluations, rounds."""

    @property
    def accessibility_after_sum(self) -> float:
        """Sum of accessibility after over the placed (every tool in use)."""
        return round(sum(a.accessibility_after for a in self.assignments), 9)

    @property
    def expected_after_sum(self) -> float:
        """Sum of expected accessibility after: what the objective maximises."""
        return round(sum(a.expected_accessibility_after for a in self.assignments), 9)

    @property
    def cost_eur(self) -> float:
        """Total one-off cost still to pay."""
        return round(sum(a.cost_eur for a in self.assignments), 2)

    def to_dict(self) -> dict[str, Any]:
        """The JSON of `werkpost match` (contract section 6, plus extensions)."""
        from engine.match_report import result_dict

        return result_dict(self)


def load_inventory(path: Path, catalog: Catalog) -> dict[str, int]:
    """Read an inventory file: a YAML mapping tool id -> units owned."""
    data, smap = read_yaml(Path(path))
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


def _check(budget: float | None, min_accessibility: float, objective: str, inventory: dict[str, int],
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


def match(
    workspace: Workspace, *, budget: float | None = None, min_accessibility: float = 0.0,
    objective: Objective = "total", inventory: dict[str, int] | None = None,
    workers: list[Worker] | None = None, stations: list[Workstation] | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> MatchResult:
    """Assign workers to workstation positions with set-ups (see the module docstring)."""
    catalog = workspace.catalog
    inventory = {t: n for t, n in (inventory or {}).items() if n > 0}
    _check(budget, min_accessibility, objective, inventory, catalog)
    workers = list(workspace.workers.values()) if workers is None else list(workers)
    stations = list(workspace.workstations.values()) if stations is None else list(stations)

    shown = [0]

    def report(done: int) -> None:
        # Never backwards: the phases estimate their share differently.
        if progress is not None and done > shown[0]:
            shown[0] = min(done, PROGRESS_TOTAL)
            progress(shown[0], PROGRESS_TOTAL)

    table = PairTable(catalog, workers, stations, budget=budget,
                      free_tools=frozenset(inventory) if budget is not None else frozenset())
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
    chosen: list[tuple[int, int, Setup]]
    bound: float | None
    if budget is None:
        solved = (solve_fair if objective == "fair" else solve_total)(lazy, cols, min_units)
        chosen = [(i, s, table.best(int(table.profile_of[i]), s).best) for i, s in solved.pairs]
        achieved = sum(c[2].expected_accessibility for c in chosen)
        solver, exact, bound, gap = "lazy-lsa", table.exact, round(achieved, 9), 0.0
        if objective == "fair":
            solver = "lazy-lsa-lexicographic"
        if not solved.cost_exact:
            notes.append("cost ties were broken at a coarser resolution to stay exact in float64")
        if inventory:
            notes.append("without a budget, owned inventory only lowers the reported cost (first come, "
                         "in worker order); it does not change who goes where")
        stats["rounds"] = solved.rounds
    else:
        from engine.match_budget import solve_budget

        out = solve_budget(lazy, cols, min_units, budget, objective, inventory)
        chosen, solver, exact, bound, gap = out.chosen, out.solver, out.exact and table.exact, out.bound, out.gap
        notes += out.notes
        stats.update(out.stats)
    if not table.exact:
        notes.append("a set-up search hit its node limit: scores may be below the true best")
    stats["exact_pairs"] = table.evaluations
    stats["pairs"] = len(workers) * len(stations)
    report(900)
    from engine.match_report import build_assignments, build_unplaced

    assignments = build_assignments(table, chosen, inventory)
    placed = {i for i, _, _ in chosen}
    unplaced = build_unplaced(table, lazy, [i for i in range(len(workers)) if i not in placed],
                              min_units, objective, budget)
    report(PROGRESS_TOTAL)
    return MatchResult(assignments, unplaced, objective, solver, exact, bound, gap, budget,
                       min_accessibility, len(cols), notes, stats)


