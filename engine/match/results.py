"""Provides the result types of batch matching and their JSON (contract section 6).

`Assignment` is one placed worker with the set-up to buy, `Unplaced` one
worker without a position and why, and `MatchResult` the whole answer with
how exact it is; `result_dict` is the JSON of `werkpost match`. This module
sits at the bottom of `engine.match`: everything else there builds these.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from engine.accessibility import Gap
from engine.units import money, score

Objective = Literal["total", "fair"]
OBJECTIVES: tuple[Objective, ...] = ("total", "fair")


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
    total_cost_eur: float
    """One-off still to pay + horizon x yearly: what budgets bound."""
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
    support_eur: float | None = None
    """Estimated public support for the set-up (None: the worker has no support status)."""
    net_cost_eur: float | None = None
    """Total cost still to pay less the estimated support (None without support status)."""

    @property
    def gain(self) -> float:
        """Expected accessibility gained by this placement's set-up."""
        return score(self.expected_accessibility_after - self.accessibility_before)


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
    reason_code: str = ""
    """The kind of reason, for other languages: hours, no_workstations, none, below_minimum(_budget), budget,
    fair, crowded or taken."""
    reason_params: dict[str, Any] = field(default_factory=dict)
    """The numbers behind the reason (ea, station, minimum, cost_eur, hours, least)."""


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
        return score(sum(a.accessibility_after for a in self.assignments))

    @property
    def expected_after_sum(self) -> float:
        """Sum of expected accessibility after: what the objective maximises."""
        return score(sum(a.expected_accessibility_after for a in self.assignments))

    @property
    def cost_eur(self) -> float:
        """Total one-off cost still to pay."""
        return money(sum(a.cost_eur for a in self.assignments))

    def to_dict(self) -> dict[str, Any]:
        """The JSON of `werkpost match` (contract section 6, plus extensions)."""
        return result_dict(self)


def gap_dict(gap: Gap) -> dict[str, Any]:
    """A gap in JSON (the keys of `recommend`)."""
    return {"task": gap.task, "dimension": gap.dimension, "demand": gap.demand, "capacity": gap.capacity}


def assignment_dict(a: Assignment) -> dict[str, Any]:
    """One assignment in JSON (contract keys first)."""
    return {
        "worker": a.worker,
        "workstation": a.workstation,
        "tools": list(a.tools),
        "cost_eur": a.cost_eur,
        "total_cost_eur": a.total_cost_eur,
        "accessibility_before": a.accessibility_before,
        "accessibility_after": a.accessibility_after,
        "expected_accessibility_after": a.expected_accessibility_after,
        "yearly_eur": a.yearly_eur,
        "coverage_after": a.coverage_after,
        "gain": a.gain,
        "list_cost_eur": a.list_cost_eur,
        "from_inventory": list(a.from_inventory),
        "remaining_gaps": [gap_dict(g) for g in a.remaining_gaps],
        **({"support_eur": a.support_eur, "net_cost_eur": a.net_cost_eur} if a.support_eur is not None else {}),
    }


def support_totals(assignments: list[Assignment]) -> dict[str, float]:
    """`support_eur` and `net_cost_eur` over the placed, when any of them has a support status.

    A placed worker without status counts with no support, so the net total
    is the total cost less what the others' support covers.
    """
    if all(a.support_eur is None for a in assignments):
        return {}
    return {
        "support_eur": money(sum(a.support_eur or 0.0 for a in assignments)),
        "net_cost_eur": money(sum(a.total_cost_eur if a.net_cost_eur is None else a.net_cost_eur
                                  for a in assignments)),
    }


def result_dict(r: MatchResult) -> dict[str, Any]:
    """The JSON of `werkpost match`."""
    return {
        "assignments": [assignment_dict(a) for a in r.assignments],
        "unassigned_workers": [u.worker for u in r.unassigned],
        "totals": {
            "accessibility_after_sum": r.accessibility_after_sum,
            "cost_eur": r.cost_eur,
            "total_cost_eur": money(sum(a.total_cost_eur for a in r.assignments)),
            "points": round(sum(a.expected_accessibility_after for a in r.assignments) * 100),
            "expected_accessibility_after_sum": r.expected_after_sum,
            "accessibility_before_sum": score(sum(a.accessibility_before for a in r.assignments)),
            "yearly_eur": money(sum(a.yearly_eur for a in r.assignments)),
            "placed": len(r.assignments),
            "unplaced": len(r.unassigned),
            "positions": r.positions,
            "min_expected_accessibility_after": min(
                (a.expected_accessibility_after for a in r.assignments), default=None),
            **support_totals(r.assignments),
        },
        "unplaced": [
            {"worker": u.worker, "best_workstation": u.best_workstation,
             "best_expected_accessibility": u.best_expected_accessibility,
             "unclosable_gaps": [gap_dict(g) for g in u.unclosable_gaps], "reason": u.reason}
            for u in r.unassigned
        ],
        "objective": r.objective,
        "solver": r.solver,
        "exact": r.exact,
        "bound": r.bound,
        "gap": r.gap,
        "budget": r.budget,
        "min_accessibility": r.min_accessibility,
        "notes": r.notes,
        "stats": r.stats,
    }
