"""Provides the instance of inclusive job design (contract section 8): candidates, movable tasks, options.

Everything the optimiser and the brute force share lives here, in whole
numbers: hours in micro-hours, money in whole cents. A moved task's yearly
saving and a tool's yearly charge are each rounded to the cent once, so the
net yearly benefit is a sum of integers and "largest" is exact; the rounding
is at most half a cent per line of the business case.

An option is a (task, candidate) pair that some tools feasible for the
candidate can make accessible. For each gap of the task it lists the tools
that alone close it, and for each blocking hazard the tools that mitigate it
(contract section 5, tools in use, no expectation): a set-up makes the task
accessible exactly when it holds one tool of every such list. A tool's
`requires.features` are checked against the task's source workstation; a
tool not feasible there does not act on that task.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction

from engine.accessibility import (
    Terms,
    base_capacity,
    best_effect,
    cents,
    conflicting,
    exact,
    first_language_other,
    mitigates,
    shares,
)
from engine.models import Tool, Worker, Workstation

HOUR_UNITS = 10**6
"""Hours are kept to the micro-hour (3.6 ms): whole units keep the hour bounds and level 3 exact."""

DEFAULT_MIN_HOURS = 8.0
"""Contract section 8: a new function has at least this many hours a week."""
DEFAULT_MAX_HOURS = 38.0
"""Contract section 8: and at most this many (and at most the candidate's hours)."""


def hour_units(hours: Fraction) -> int:
    """Hours as whole micro-hours."""
    return round(hours * HOUR_UNITS)


def yearly_charge_cents(tool: Tool, horizon_years: int) -> int:
    """cost_eur / horizon_years + yearly_eur, in whole cents; a horizon of 0 charges the whole cost in a year."""
    per_year = Fraction(cents(tool.cost_eur), horizon_years or 1)
    return round(per_year) + cents(tool.yearly_eur)


def total_cost_cents(tool: Tool, horizon_years: int) -> int:
    """cost_eur + horizon_years x yearly_eur in whole cents (what a budget bounds)."""
    return cents(tool.cost_eur) + horizon_years * cents(tool.yearly_eur)


@dataclass(frozen=True)
class Movable:
    """A task that job design may move: not core, from a workstation with hours_per_week."""

    station: Workstation
    """The source workstation (the task stays where it is done)."""
    index: int
    """Position of the task in the source's task list."""
    hours: Fraction
    """Normalised share x the source's hours_per_week, exactly."""
    units: int
    """The same in micro-hours."""
    saving_cents: int
    """Yearly wage saving when moved: hours x weeks x (source wage - new function wage), whole cents."""

    @property
    def name(self) -> str:
        """The task's name."""
        return self.station.tasks[self.index].name

    @property
    def department(self) -> str | None:
        """The source's department."""
        return self.station.department


@dataclass(frozen=True)
class Option:
    """A (task, candidate) pair that some feasible tools can make accessible."""

    task: int
    """Index into `Instance.tasks`."""
    candidate: int
    """Index into `Instance.candidates`."""
    needs: tuple[frozenset[str], ...]
    """One set per gap and per blocking hazard: the set-up must hold one of its tools (none: no tools needed)."""


@dataclass(frozen=True)
class Instance:
    """One job-design problem in whole numbers, shared by the MILP and the brute force."""

    candidates: tuple[Worker, ...]
    tasks: tuple[Movable, ...]
    options: tuple[Option, ...]
    tools: Mapping[str, Tool]
    """Every tool that appears in some option's needs."""
    min_units: int
    """--min-hours in micro-hours (rounded up), at least 1: a function holds at least one task."""
    max_units: tuple[int, ...]
    """Per candidate: min(--max-hours, the candidate's hours) in micro-hours (rounded down)."""
    charge_cents: Mapping[str, int]
    """Per tool: its yearly charge in the net benefit."""
    cost_cents: Mapping[str, int]
    """Per tool: its total cost over the horizon (the budget's measure)."""
    budget_cents: int | None
    """The shared budget on total cost, None for none."""
    conflicts: frozenset[frozenset[str]]
    """Pairs of tools that never share a set-up."""
    departments: bool
    """Whether a new function takes its tasks from one department (some workstation names one)."""

    def department_of(self, task: int) -> str | None:
        """The department key of a task (None: the workstation names none)."""
        return self.tasks[task].department


def movable_tasks(stations: Sequence[Workstation], weeks_per_year: float, new_wage: float | None) -> list[Movable]:
    """Every task not marked core of every workstation with hours_per_week, with its hours and saving.

    The wage part counts 0 when the source has no wage, and when the new
    function's wage is not set (the saving cannot be priced).
    """
    weeks = exact(weeks_per_year)
    out = []
    for station in stations:
        if station.hours_per_week is None:
            continue
        week = exact(station.hours_per_week)
        for i, (share, task) in enumerate(zip(shares(station), station.tasks, strict=True)):
            if task.core:
                continue
            hours = share * week
            units = hour_units(hours)
            if units == 0:
                continue  # under a micro-hour a week: nothing to move
            saving = 0
            if station.wage_eur_per_hour is not None and new_wage is not None:
                saving = round(hours * weeks * (exact(station.wage_eur_per_hour) - exact(new_wage)) * 100)
            out.append(Movable(station, i, hours, units, saving))
    return out


def usable_anywhere(worker: Worker, tool: Tool, terms: Terms) -> bool:
    """Feasible for the worker apart from the workstation's features (category, capacities, language)."""
    if tool.category in worker.avoid_categories:
        return False
    if tool.needs_other_first_language and not first_language_other(worker, terms):
        return False
    return all(base_capacity(worker, d, terms) >= m for d, m in tool.requires.capacities.items())


Memo = dict[tuple[object, ...], frozenset[str]]
"""Per worker: the closers of a gap, by the acting tools' key, dimension, task tags and gap size."""


def needs_of(worker: Worker, movable: Movable, acting: Sequence[Tool], terms: Terms,
             caps: dict[str, int] | None = None, memo: Memo | None = None,
             key: object = None) -> tuple[frozenset[str], ...] | None:
    """Per gap and per blocking hazard, the tools that close or lift it; None when one has none.

    `acting`: the tools feasible for the worker at the task's source workstation.
    `caps`: the worker's base capacities met so far (filled in as needed; one dict per worker).
    `memo` and `key` (what identifies `acting`): closers already worked out for this worker; the same gap
    with the same tags and tools recurs across a firm's tasks, so each is worked out once.
    """
    task = movable.station.tasks[movable.index]
    caps = {} if caps is None else caps
    memo = {} if memo is None or key is None else memo
    needs: set[frozenset[str]] = set()
    for dim, demand in task.demands.items():
        if dim not in caps:
            caps[dim] = base_capacity(worker, dim, terms)
        g = demand - caps[dim]
        if g <= 0:
            continue
        seen = (key, dim, task.tags, g)
        closers = memo.get(seen)
        if closers is None:
            # Only tools with an effect on this dimension can close it: skipping the rest early matters at scale.
            closers = frozenset(t.id for t in acting if any(e.dimension == dim for e in t.effects)
                                and best_effect(t, worker, task, dim, terms)[0] >= g)
            memo[seen] = closers
        if not closers:
            return None
        needs.add(closers)
    banned = set(worker.contraindications)
    for hazard in task.hazards:
        if hazard in banned:
            lifters = frozenset(t.id for t in acting if mitigates(t, hazard))
            if not lifters:
                return None
            needs.add(lifters)
    # A need that contains another is met whenever the smaller one is: keep the smallest.
    kept = [n for n in needs if not any(m < n for m in needs)]
    return tuple(sorted(kept, key=sorted))


def build_instance(
    candidates: Sequence[Worker], stations: Sequence[Workstation], tools: Sequence[Tool], terms: Terms, *,
    weeks_per_year: float, new_wage: float | None, min_hours: float = DEFAULT_MIN_HOURS,
    max_hours: float = DEFAULT_MAX_HOURS, budget: float | None = None,
) -> Instance:
    """The instance: movable tasks, and the options of every candidate on them."""
    tasks = movable_tasks(stations, weeks_per_year, new_wage)
    options: list[Option] = []
    used: dict[str, Tool] = {}
    # A tool is feasible for a worker at a workstation when it is usable for the worker anywhere and the
    # workstation has its features (engine.accessibility.exclusions): the features once per workstation,
    # not once per worker and workstation (that was most of the time at firm scale).
    fits = {s.id: frozenset(t.id for t in tools if all(f in s.features for f in t.requires.features))
            for s in {m.station.id: m.station for m in tasks}.values()}
    for c, worker in enumerate(candidates):
        mine = [t for t in tools if usable_anywhere(worker, t, terms)]
        # Feasibility at a workstation is the same for all its tasks: once per station, not per task.
        acting: dict[str, list[Tool]] = {}
        caps: dict[str, int] = {}
        memo: Memo = {}
        for k, movable in enumerate(tasks):
            station = movable.station
            if station.id not in acting:
                acting[station.id] = [t for t in mine if t.id in fits[station.id]]
            # The acting tools are the worker's usable ones with the station's features: `fits` names them.
            needs = needs_of(worker, movable, acting[station.id], terms, caps, memo, fits[station.id])
            if needs is None:
                continue
            options.append(Option(k, c, needs))
            for need in needs:
                used.update({t.id: t for t in mine if t.id in need})
    max_units = []
    for worker in candidates:
        cap = exact(max_hours)
        if worker.hours_per_week is not None:
            cap = min(cap, exact(worker.hours_per_week))
        max_units.append(int(cap * HOUR_UNITS))  # floor: never more hours than allowed
    min_frac = exact(min_hours) * HOUR_UNITS
    # ceil: never fewer hours than asked; and at least one task, since a function without tasks is none
    min_units = max(-(-min_frac.numerator // min_frac.denominator), 1)
    ids = sorted(used)
    conflicts = frozenset(frozenset((a, b)) for i, a in enumerate(ids) for b in ids[i + 1:]
                          if conflicting(used[a], used[b]))
    return Instance(
        candidates=tuple(candidates), tasks=tuple(tasks), options=tuple(options), tools=used,
        min_units=min_units, max_units=tuple(max_units),
        charge_cents={t: yearly_charge_cents(used[t], terms.horizon_years) for t in ids},
        cost_cents={t: total_cost_cents(used[t], terms.horizon_years) for t in ids},
        budget_cents=None if budget is None else cents(budget),
        conflicts=conflicts,
        departments=any(s.department is not None for s in stations if s.hours_per_week is not None),
    )
