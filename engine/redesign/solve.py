"""Provides `redesign`, the entry point of inclusive job design (contract section 8).

Candidates are the workers named, else those a default `match` leaves
unassigned. The instance (`engine.redesign.problem`) is solved exactly by
the lexicographic MILP (`engine.redesign.milp`); the answer is then made
plain (zero-cost tools that do nothing dropped), checked task by task
against the literal model (`engine.accessibility.evaluate`), and priced.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from fractions import Fraction
from typing import Any

from engine.accessibility import Terms, evaluate
from engine.errors import InputError, LookupInputError, Problem
from engine.loader import Workspace
from engine.models import Tool, Worker, Workstation
from engine.redesign.milp import DEFAULT_TIME_LIMIT, Solution, solve
from engine.redesign.problem import (
    DEFAULT_MAX_HOURS,
    DEFAULT_MIN_HOURS,
    HOUR_UNITS,
    Instance,
    build_instance,
)
from engine.redesign.results import Freed, MovedTask, NewFunction, RedesignResult, Unplaced
from engine.units import money
from engine.validation import close_quoted, said_close

Progress = Callable[[int, int], None]
"""progress(done, total): called as each step of a redesign ends."""
STEPS = 5
"""The steps a progress report counts: candidates, the instance, then the three objective levels."""


def _silent(done: int, total: int) -> None:
    """No progress report asked for."""


def default_candidates(ws: Workspace) -> list[Worker]:
    """The workers a default `match` of the workspace leaves unassigned."""
    # Deferred: only needed when no --workers are named, and it runs the whole batch match.
    from engine.match import match

    result = match(ws)
    return [ws.workers[u.worker] for u in result.unassigned]


def _check(min_hours: float, max_hours: float, budget: float | None, time_limit: float) -> None:
    problems = []
    if not min_hours >= 0:
        problems.append(Problem("--min-hours", None, None, f"must be 0 or more, not {min_hours}"))
    if not max_hours > 0:
        problems.append(Problem("--max-hours", None, None, f"must be more than 0, not {max_hours}"))
    if min_hours > max_hours:
        problems.append(Problem("--min-hours", None, None,
                                f"{min_hours} is more than --max-hours {max_hours}: no function fits"))
    if budget is not None and not budget >= 0:
        problems.append(Problem("--budget", None, None, f"the budget must be >= 0, not {budget}"))
    if not time_limit > 0:
        problems.append(Problem("--time-limit", None, None, f"must be more than 0 seconds, not {time_limit}"))
    if problems:
        raise InputError(problems)


def resolve_workers(ws: Workspace, ids: Sequence[str]) -> list[Worker]:
    """The named workers, in the order given, once each; every unknown id reported."""
    problems: list[Problem] = []
    out: dict[str, Worker] = {}
    for ref in ids:
        if ref in ws.workers:
            out.setdefault(ref, ws.workers[ref])
        else:
            close = close_quoted(ref, ws.workers)
            problems.append(Problem("--workers", None, None, f"unknown worker {ref!r}{said_close(close)}").said(
                "unknown_value", kind="worker", name=repr(ref), close=close))
    if problems:
        raise LookupInputError(problems)
    return list(out.values())


def redesign(
    ws: Workspace, *, workers: Sequence[Worker] | None = None, stations: Sequence[Workstation] | None = None,
    min_hours: float = DEFAULT_MIN_HOURS, max_hours: float = DEFAULT_MAX_HOURS, budget: float | None = None,
    time_limit: float = DEFAULT_TIME_LIMIT, horizon_years: int | None = None, progress: Progress | None = None,
) -> RedesignResult:
    """New functions for the candidates out of the non-core tasks of the workspace's jobs.

    `progress(done, STEPS)` is called as each step ends (for a progress bar).
    """
    _check(min_hours, max_hours, budget, time_limit)
    report = progress or _silent
    report(0, STEPS)
    candidates = default_candidates(ws) if workers is None else list(workers)
    report(1, STEPS)
    stations = list(ws.workstations.values()) if stations is None else list(stations)
    return plan(candidates, stations, list(ws.catalog.tools.values()), ws.terms(horizon_years),
                weeks_per_year=ws.settings.weeks_per_year, new_wage=ws.settings.new_function_wage_eur_per_hour,
                min_hours=min_hours, max_hours=max_hours, budget=budget, time_limit=time_limit,
                progress=report)


def plan(
    candidates: Sequence[Worker], stations: Sequence[Workstation], tools: Sequence[Tool], terms: Terms, *,
    weeks_per_year: float, new_wage: float | None, min_hours: float = DEFAULT_MIN_HOURS,
    max_hours: float = DEFAULT_MAX_HOURS, budget: float | None = None, time_limit: float = DEFAULT_TIME_LIMIT,
    progress: Progress | None = None,
) -> RedesignResult:
    """New functions for `candidates` out of the non-core tasks of `stations` (see the module docstring)."""
    _check(min_hours, max_hours, budget, time_limit)
    report = progress or _silent
    began = time.monotonic()
    inst = build_instance(candidates, stations, tools, terms, weeks_per_year=weeks_per_year, new_wage=new_wage,
                          min_hours=min_hours, max_hours=max_hours, budget=budget)
    report(2, STEPS)
    # The time limit is for the whole answer: what building the instance took is not the solver's.
    left = max(time_limit - (time.monotonic() - began), min(1.0, time_limit))
    sol = solve(inst, left, lambda level: report(2 + level, STEPS))
    _prune(inst, sol)
    _verify(inst, sol, terms)
    notes: list[tuple[str, dict[str, Any], str]] = []
    if new_wage is None:
        notes.append(("no_wage", {}, "the workspace sets no new_function_wage_eur_per_hour: moved hours are not "
                      "priced, so the benefit is the tools' cost only"))
    if any(s.hours_per_week is not None and s.wage_eur_per_hour is None for s in stations):
        notes.append(("no_station_wage", {}, "tasks from workstations without wage_eur_per_hour count 0 in the "
                      "wage saving"))
    if terms.horizon_years == 0:
        notes.append(("no_horizon", {}, "horizon_years is 0: a set-up's one-off cost is charged in full to one year"))
    skipped = sorted(s.id for s in stations if s.hours_per_week is None)
    if skipped:
        notes.append(("no_hours", {"stations": ", ".join(skipped)},
                      f"workstations without hours_per_week have no movable tasks: {', '.join(skipped)}"))
    if not sol.exact:
        notes.append(("time_limit", {"seconds": time_limit, "gap": sol.gap},
                      f"the time limit ({time_limit:g} s) stopped the solver: within {sol.gap:.2%} of the bound"))
    return _result(inst, sol, {
        "weeks_per_year": weeks_per_year, "new_function_wage_eur_per_hour": new_wage,
        "horizon_years": terms.horizon_years, "min_hours": min_hours, "max_hours": max_hours,
        "budget_eur": budget, "time_limit_s": time_limit,
    }, notes)


def _prune(inst: Instance, sol: Solution) -> None:
    """Drop tools that no task of their function needs (only free ones can be left by the optimum)."""
    by_pair = {(o.task, o.candidate): o for o in inst.options}
    for c, tools in sol.tools.items():
        keep = set(tools)
        for t in sorted(tools, key=lambda t: (-inst.charge_cents[t], t)):
            trial = keep - {t}
            if all(all(need & trial for need in by_pair[(k, c)].needs) for k in sol.tasks.get(c, [])):
                keep = trial
        sol.tools[c] = sorted(keep)


def _verify(inst: Instance, sol: Solution, terms: Terms) -> None:
    """Check every moved task against the literal model; a failure is a bug, never a user error."""
    for c, tasks in sol.tasks.items():
        worker = inst.candidates[c]
        setup = [inst.tools[t] for t in sol.tools.get(c, [])]
        for k in tasks:
            movable = inst.tasks[k]
            outcome = evaluate(worker, movable.station, setup, terms)
            if not outcome.accessible[movable.index]:
                raise AssertionError(f"redesign: {movable.name!r} is not accessible for {worker.id} "
                                     f"with {[t.id for t in setup]}")


def _moved(inst: Instance, k: int) -> MovedTask:
    m = inst.tasks[k]
    return MovedTask(m.station.id, m.name, float(round(m.hours, 6)), m.saving_cents / 100, m.station.label,
                     m.department)


def _function(inst: Instance, c: int, tasks: list[int], tools: list[str]) -> NewFunction:
    setup: list[Tool] = [inst.tools[t] for t in tools]
    order = sorted(tasks, key=lambda k: (inst.tasks[k].station.id, inst.tasks[k].index))
    worker = inst.candidates[c]
    hours = sum((inst.tasks[k].hours for k in tasks), Fraction(0))
    return NewFunction(
        worker=worker.id, tasks=tuple(_moved(inst, k) for k in order), hours=float(round(hours, 6)),
        tools=tuple(sorted(tools)),
        cost_eur=money(sum((t.cost_eur for t in setup), 0.0)),
        yearly_eur=money(sum((t.yearly_eur for t in setup), 0.0)),
        total_cost_eur=sum(inst.cost_cents[t] for t in tools) / 100,
        yearly_tool_charge_eur=sum(inst.charge_cents[t] for t in tools) / 100,
        yearly_saving_eur=sum(inst.tasks[k].saving_cents for k in tasks) / 100,
        department=inst.tasks[order[0]].department if inst.departments else None,
        worker_label=worker.label,
    )


def _unplaced_reason(inst: Instance, c: int) -> tuple[str, dict[str, Any], str]:
    """Why candidate `c` has no function: a code, its values (for other languages) and the English sentence."""
    mine = [o for o in inst.options if o.candidate == c]
    if not mine:
        return "no_task", {}, "no movable task is accessible for this worker, even with tools"
    reach = sum(inst.tasks[o.task].units for o in mine) / HOUR_UNITS
    if reach * HOUR_UNITS < inst.min_units:
        return ("under_minimum", {"reach_hours": round(reach, 1)},
                f"the tasks this worker could do add up to {reach:.1f} h a week, under the minimum")
    if all(inst.tasks[o.task].units > inst.max_units[c] for o in mine):
        return "too_long", {}, "every task this worker could do is longer than the most hours of a function for them"
    return ("taken", {}, "no bundle of the tasks this worker could do fits the hours, the departments and the "
            "budget, or they went to other candidates")


def _result(inst: Instance, sol: Solution, settings: dict[str, object],
            notes: list[tuple[str, dict[str, Any], str]]) -> RedesignResult:
    functions = [_function(inst, c, sol.tasks[c], sol.tools.get(c, [])) for c in sorted(sol.tasks)]
    freed_units: dict[str, int] = {}
    stations: dict[str, Workstation] = {}
    for tasks in sol.tasks.values():
        for k in tasks:
            m = inst.tasks[k]
            freed_units[m.station.id] = freed_units.get(m.station.id, 0) + m.units
            stations[m.station.id] = m.station
    freed = [Freed(s, round(u / HOUR_UNITS, 6), float(stations[s].hours_per_week or 0), stations[s].label)
             for s, u in sorted(freed_units.items())]
    unplaced = []
    for c, w in enumerate(inst.candidates):
        if c not in sol.tasks:
            code, values, reason = _unplaced_reason(inst, c)
            unplaced.append(Unplaced(w.id, reason, w.label, code, values))
    benefit = sum(inst.tasks[k].saving_cents for ts in sol.tasks.values() for k in ts) - sum(
        inst.charge_cents[t] for ts in sol.tools.values() for t in ts)
    units = sum(inst.tasks[k].units for ts in sol.tasks.values() for k in ts)
    values = {"placed": len(sol.tasks), "net_yearly_benefit_cents": benefit, "hour_units": units}
    levels = [{**level, "value": values[str(level["level"])]} for level in sol.levels]  # after pruning
    stats = {"candidates": len(inst.candidates), "movable_tasks": len(inst.tasks), "options": len(inst.options),
             "tools": len(inst.tools), "variables": sol.variables, "constraints": sol.constraints,
             "seconds": round(sol.seconds, 3), "solves": sol.solves}
    return RedesignResult(functions, freed, unplaced, [w.id for w in inst.candidates], sol.exact, sol.gap,
                          benefit, units, dict(settings), levels, [n[2] for n in notes], stats,
                          [(n[0], n[1]) for n in notes])
