"""Provides the result types of inclusive job design and their JSON (contract section 8).

`NewFunction` is one candidate's new function with its tasks, hours, set-up
and business case; `Freed` the hours a job gives up; `RedesignResult` the
whole answer with how exact it is. `result_dict` is the JSON of
`werkpost redesign`: the contract keys first, then extras.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from engine.units import money


def payback(once_eur: float, net_yearly_eur: float) -> float | None:
    """Months until a one-off cost is earned back by a net yearly sum (0.0 without cost; None: never)."""
    if once_eur == 0:
        return 0.0
    if net_yearly_eur <= 0:
        return None
    return round(12 * once_eur / net_yearly_eur, 1)


@dataclass(frozen=True)
class MovedTask:
    """One task moved from its job into a new function (it stays where it is done)."""

    workstation: str
    """The source workstation's id."""
    task: str
    """The task's name."""
    hours: float
    """Hours a week (normalised share x the source's hours_per_week)."""
    yearly_saving_eur: float
    """hours x weeks x (source wage - new function wage); 0 when the source has no wage."""
    workstation_label: str = ""
    """The source's label."""
    department: str | None = None
    """The source's department."""


@dataclass(frozen=True)
class NewFunction:
    """A new function for one candidate: tasks, hours, set-up and business case."""

    worker: str
    """The candidate's id."""
    tasks: tuple[MovedTask, ...]
    """The moved tasks, in workstation and task order."""
    hours: float
    """Hours a week, the sum of the tasks' hours."""
    tools: tuple[str, ...]
    """The set-up, sorted tool ids (may be empty)."""
    cost_eur: float
    """One-off cost of the set-up."""
    yearly_eur: float
    """Yearly running cost of the set-up."""
    total_cost_eur: float
    """cost_eur + horizon x yearly_eur (what a budget bounds)."""
    yearly_tool_charge_eur: float
    """cost_eur / horizon + yearly_eur: the set-up's cost per year in the business case."""
    yearly_saving_eur: float
    """Sum of the moved tasks' yearly wage savings."""
    department: str | None = None
    """The department the tasks come from (None when the workstations name none)."""
    worker_label: str = ""
    """The candidate's label."""

    @property
    def net_yearly_benefit_eur(self) -> float:
        """Yearly saving minus the set-up's yearly charge."""
        return money(self.yearly_saving_eur - self.yearly_tool_charge_eur)

    @property
    def payback_months(self) -> float | None:
        """One-off cost / (yearly saving - yearly running cost), in months; None when it never pays back."""
        return payback(self.cost_eur, self.yearly_saving_eur - self.yearly_eur)

    @property
    def sources(self) -> tuple[str, ...]:
        """The source workstations, in order of first appearance."""
        return tuple(dict.fromkeys(t.workstation for t in self.tasks))


@dataclass(frozen=True)
class Freed:
    """Hours a job gives up to new functions (time its staff gain for their core work)."""

    workstation: str
    hours: float
    """Hours a week moved out."""
    hours_per_week: float
    """The job's hours before."""
    label: str = ""


@dataclass(frozen=True)
class Unplaced:
    """A candidate without a new function, and why."""

    worker: str
    reason: str
    """Plain-English reason (the JSON's words)."""
    worker_label: str = ""
    code: str = ""
    """The kind of reason, for other languages: no_task, under_minimum, too_long, taken."""
    values: dict[str, Any] = field(default_factory=dict)
    """The numbers behind the reason (reach_hours for under_minimum)."""


@dataclass
class RedesignResult:
    """The new functions, the hours freed, the business case and how exact it is."""

    functions: list[NewFunction]
    freed: list[Freed]
    unplaced: list[Unplaced]
    candidates: list[str]
    """The candidates considered, in order."""
    exact: bool
    """Whether HiGHS proved every level optimal."""
    gap: float
    """The largest proven relative gap of a level stopped by the time limit (0.0 when exact)."""
    net_yearly_benefit_cents: int
    """The objective's level 2, exactly (each line rounded to the cent once)."""
    hour_units: int
    """The objective's level 3, in micro-hours."""
    settings: dict[str, Any] = field(default_factory=dict)
    """What the numbers rest on: weeks, wages, horizon, hour bounds, budget, time limit."""
    levels: list[dict[str, Any]] = field(default_factory=list)
    """Per objective level: value, status, gap."""
    notes: list[str] = field(default_factory=list)
    """Plain-English notes on what the numbers rest on (the JSON's words)."""
    stats: dict[str, Any] = field(default_factory=dict)
    note_codes: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    """Each note as a code and its values, in the order of `notes`, for other languages."""

    @property
    def placed(self) -> int:
        """Candidates with a new function."""
        return len(self.functions)

    @property
    def hours_moved(self) -> float:
        """Hours a week moved into new functions."""
        return round(self.hour_units / 10**6, 6)

    @property
    def net_yearly_benefit_eur(self) -> float:
        """The net yearly benefit in euro."""
        return self.net_yearly_benefit_cents / 100

    @property
    def cost_eur(self) -> float:
        """One-off cost of every set-up."""
        return money(sum((f.cost_eur for f in self.functions), 0.0))

    @property
    def yearly_eur(self) -> float:
        """Yearly running cost of every set-up."""
        return money(sum((f.yearly_eur for f in self.functions), 0.0))

    @property
    def yearly_saving_eur(self) -> float:
        """Yearly wage saving of every moved task."""
        return money(sum((f.yearly_saving_eur for f in self.functions), 0.0))

    @property
    def payback_months(self) -> float | None:
        """One-off cost / (yearly saving - yearly running cost), in months; None when it never pays back."""
        return payback(self.cost_eur, self.yearly_saving_eur - self.yearly_eur)

    def to_dict(self) -> dict[str, Any]:
        """The JSON of `werkpost redesign`."""
        return result_dict(self)


def function_dict(f: NewFunction) -> dict[str, Any]:
    """One new function in JSON (contract keys first)."""
    return {
        "worker": f.worker,
        "tasks": [{"workstation": t.workstation, "task": t.task, "hours": t.hours,
                   "yearly_saving_eur": t.yearly_saving_eur} for t in f.tasks],
        "hours": f.hours,
        "tools": list(f.tools),
        "total_cost_eur": f.total_cost_eur,
        "department": f.department,
        "cost_eur": f.cost_eur,
        "yearly_eur": f.yearly_eur,
        "yearly_saving_eur": f.yearly_saving_eur,
        "yearly_tool_charge_eur": f.yearly_tool_charge_eur,
        "net_yearly_benefit_eur": f.net_yearly_benefit_eur,
        "payback_months": f.payback_months,
    }


def result_dict(r: RedesignResult) -> dict[str, Any]:
    """The JSON of `werkpost redesign` (contract section 8, plus extras)."""
    return {
        "functions": [function_dict(f) for f in r.functions],
        "freed": [{"workstation": f.workstation, "hours": f.hours, "hours_per_week": f.hours_per_week}
                  for f in r.freed],
        "totals": {
            "placed": r.placed,
            "hours_moved": r.hours_moved,
            "net_yearly_benefit_eur": r.net_yearly_benefit_eur,
            "yearly_saving_eur": r.yearly_saving_eur,
            "cost_eur": r.cost_eur,
            "yearly_eur": r.yearly_eur,
            "total_cost_eur": money(sum(f.total_cost_eur for f in r.functions)),
            "payback_months": r.payback_months,
            "candidates": len(r.candidates),
        },
        "exact": r.exact,
        "gap": r.gap,
        "candidates": r.candidates,
        "unplaced": [{"worker": u.worker, "reason": u.reason} for u in r.unplaced],
        "settings": r.settings,
        "levels": r.levels,
        "notes": r.notes,
        "stats": r.stats,
    }
