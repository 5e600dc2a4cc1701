"""Provides the explanation side of batch matching: assignment rows and why workers are unplaced.

The solvers hand back (worker, station, set-up) triples; this module turns
them into `Assignment` rows (with the owned inventory handed out first come,
in worker order, and the gaps each set-up leaves open) and says for every
unplaced worker where they would do best and which gaps no tool closes.
"""

from __future__ import annotations

from typing import Any

from engine.accessibility import Gap, evaluate
from engine.match.assign import LazyScores
from engine.match.choice import Choice
from engine.match.pairs import PairTable, Setup
from engine.match.results import Assignment, Unplaced
from engine.recommend import explain
from engine.units import from_units, money, to_units


def build_assignments(table: PairTable, chosen: list[Choice],
                      inventory: dict[str, int]) -> list[Assignment]:
    """The rows of the placed workers, in worker order."""
    owned = dict(inventory)
    prices = {t.id: t.cost_eur for t in table.catalog.tools.values()}
    out = []
    for i, s, setup in sorted(chosen, key=lambda c: c[0]):
        worker, station = table.workers[i], table.stations[s]
        p = int(table.profile_of[i])
        free = []
        for tool in setup.tools:
            if owned.get(tool, 0) > 0:
                owned[tool] -= 1
                free.append(tool)
        _, _, remaining, _ = explain(table.graph(p, s), setup)  # type: ignore[arg-type]
        out.append(Assignment(
            worker=worker.id,
            workstation=station.id,
            tools=setup.tools,
            cost_eur=money(setup.one_off_eur - sum(prices[t] for t in free)),
            total_cost_eur=money(setup.cost_eur - sum(prices[t] for t in free)),
            yearly_eur=setup.yearly_eur,
            accessibility_before=float(evaluate(worker, station, [], table.terms).accessibility),
            accessibility_after=setup.accessibility,
            expected_accessibility_after=setup.expected_accessibility,
            coverage_after=setup.coverage,
            remaining_gaps=[r.gap for r in remaining],
            from_inventory=tuple(free),
            list_cost_eur=setup.one_off_eur,
            worker_label=worker.label,
            workstation_label=station.label,
        ))
    return out


def _best_station(table: PairTable, lazy: LazyScores, p: int) -> tuple[int | None, Setup | None]:
    """The station where profile `p` reaches the most (exact), visiting stations by bound."""
    order = sorted(range(len(table.stations)), key=lambda s: (-int(lazy.score[p, s]), s))
    best_s: int | None = None
    best: Setup | None = None
    for s in order:
        if best is not None and int(lazy.score[p, s]) <= to_units(best.expected_accessibility):
            break  # no later station can beat it (ties go to the first found)
        setup = table.best(p, s).best
        if best is None or setup.key() < best.key():
            best_s, best = s, setup
    return best_s, best


def build_unplaced(table: PairTable, lazy: LazyScores, idxs: list[int], min_units: int,
                   objective: str, budget: float | None) -> list[Unplaced]:
    """Why each of these workers has no position, and their best workstation."""
    out = []
    cache: dict[int, tuple[int | None, Setup | None, list[Gap]]] = {}
    for i in idxs:
        p = int(table.profile_of[i])
        if p not in cache:
            s, setup = _best_station(table, lazy, p)
            cache[p] = (s, setup, table.graph(p, s).unclosable() if s is not None else [])
        s, setup, gaps = cache[p]
        ea = setup.expected_accessibility if setup is not None else 0.0
        name = table.stations[s].id if s is not None else None
        worker = table.workers[i]
        code, params, reason = _hours_reason(table, p, worker.hours_per_week) or _reason(
            name, setup, min_units, objective, budget, crowded=_positions(table) < len(table.workers))
        out.append(Unplaced(worker.id, name, ea, gaps, reason, worker.label, code, params))
    return out


def _positions(table: PairTable) -> int:
    return sum(s.positions for s in table.stations)


Reason = tuple[str, dict[str, Any], str]
"""Why a worker is unplaced: a code, its numbers (for other languages) and the plain-English sentence."""


def _hours_reason(table: PairTable, p: int, hours: float | None) -> Reason | None:
    """The reason when the worker's hours fit no workstation (contract section 7), else None."""
    if hours is None or not table.stations or not all(table.short_hours(p, s) for s in range(len(table.stations))):
        return None
    least = min(st.hours_per_week or 0 for st in table.stations)
    return ("hours", {"hours": hours, "least": least},
            f"they can work {hours:g} hours a week and every workstation needs more (at least {least:g}); "
            "job design can bundle tasks into a function of their hours (werkpost redesign)")


def _reason(station: str | None, setup: Setup | None, min_units: int, objective: str,
            budget: float | None, *, crowded: bool = True) -> Reason:
    if station is None or setup is None:
        return "no_workstations", {}, "there are no workstations to place them at"
    ea = setup.expected_accessibility
    if ea <= 0:
        return "none", {}, "they could do none of the work at any workstation, even with tools"
    at: dict[str, Any] = {"ea": ea, "station": station}
    if to_units(ea) < min_units:
        within = " with tools within the budget" if budget is not None else ""
        code = "below_minimum_budget" if budget is not None else "below_minimum"
        return (code, {**at, "minimum": from_units(min_units)},
                f"at most {ea:.0%} of the work (at {station}){within}, below the minimum of "
                f"{from_units(min_units):.0%}")
    if budget is not None and setup.cost_eur > 0:
        return ("budget", {**at, "cost_eur": setup.cost_eur},
                f"they reach {ea:.0%} at {station} with tools costing EUR {setup.cost_eur:,.0f}, but the "
                "shared budget does more elsewhere or the positions where they fit are taken")
    if objective == "fair":
        return ("fair", at, f"they reach {ea:.0%} at {station}, but every position where they fit is needed "
                "to place as many workers as possible at the highest minimum")
    if crowded:
        return ("crowded", at, f"they reach {ea:.0%} at {station}, but there are fewer positions than workers and "
                "the positions where they fit went to others (the largest total accessibility, then the lowest cost)")
    return ("taken", at, f"they reach {ea:.0%} at {station}, but the positions where they fit went to others who "
            "reach more there (the largest total accessibility, then the lowest cost)")
