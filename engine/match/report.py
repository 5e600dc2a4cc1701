"""Provides the explanation side of batch matching: assignments, unplaced workers, JSON.

The solvers hand back (worker, station, set-up) triples; this module turns
them into `Assignment` rows (with the owned inventory handed out first come,
in worker order, and the gaps each set-up leaves open) and says for every
unplaced worker where they would do best and which gaps no tool closes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from engine.accessibility import Gap, evaluate
from engine.assign import LazyScores
from engine.graph import gaps_of, unreachable_gaps
from engine.match_pairs import SCALE, PairTable
from engine.recommend import explain
from engine.setups import Setup

if TYPE_CHECKING:
    from engine.match import Assignment, MatchResult, Unplaced


def build_assignments(table: PairTable, chosen: list[tuple[int, int, Setup]],
                      inventory: dict[str, int]) -> list[Assignment]:
    """The rows of the placed workers, in worker order."""
    from engine.match import Assignment

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
        graph = table.graph(p, s)
        _, remaining = explain(graph, gaps_of(graph), setup)
        out.append(Assignment(
            worker=worker.id,
            workstation=station.id,
            tools=setup.tools,
            cost_eur=round(setup.cost_eur - sum(prices[t] for t in free), 2),
            yearly_eur=setup.yearly_eur,
            accessibility_before=evaluate(worker, station, []).accessibility,
            accessibility_after=setup.accessibility,
            expected_accessibility_after=setup.expected_accessibility,
            coverage_after=setup.coverage,
            remaining_gaps=[r.gap for r in remaining],
            from_inventory=tuple(free),
            list_cost_eur=setup.cost_eur,
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
        if best is not None and int(lazy.score[p, s]) <= round(best.expected_accessibility * SCALE):
            break  # no later station can beat it (ties go to the first found)
        setup = table.best(p, s).best
        if best is None or setup.key() < best.key():
            best_s, best = s, setup
    return best_s, best


def build_unplaced(table: PairTable, lazy: LazyScores, idxs: list[int], min_units: int,
                   objective: str, budget: float | None) -> list[Unplaced]:
    """Why each of these workers has no position, and their best workstation."""
    from engine.match import Unplaced

    out = []
    cache: dict[int, tuple[int | None, Setup | None, list[Gap]]] = {}
    for i in idxs:
        p = int(table.profile_of[i])
        if p not in cache:
            s, setup = _best_station(table, lazy, p)
            cache[p] = (s, setup, unreachable_gaps(table.graph(p, s)) if s is not None else [])
        s, setup, gaps = cache[p]
        ea = setup.expected_accessibility if setup is not None else 0.0
        name = table.stations[s].id if s is not None else None
        out.append(Unplaced(table.workers[i].id, name, ea, gaps,
                            _reason(name, setup, min_units, objective, budget), table.workers[i].label))
    return out


def _reason(station: str | None, setup: Setup | None, min_units: int, objective: str,
            budget: float | None) -> str:
    if station is None or setup is None:
        return "there are no workstations to place them at"
    ea = setup.expected_accessibility
    if ea <= 0:
        return "they could do none of the work at any workstation, even with tools"
    if round(ea * SCALE) < min_units:
        within = " with tools within the budget" if budget is not None else ""
        return (f"at most {ea:.0%} of the work (at {station}){within}, below the minimum of "
                f"{min_units / SCALE:.0%}")
    if budget is not None and setup.cost_eur > 0:
        return (f"they reach {ea:.0%} at {station} with tools costing EUR {setup.cost_eur:,.0f}, but the "
                "shared budget does more elsewhere or the positions where they fit are taken")
    if objective == "fair":
        return (f"they reach {ea:.0%} at {station}, but every position where they fit is needed "
                "to place as many workers as possible at the highest minimum")
    return (f"they reach {ea:.0%} at {station}, but there are fewer positions than workers and the "
            "positions where they fit went to others (the largest total accessibility, then the lowest cost)")


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
        "accessibility_before": a.accessibility_before,
        "accessibility_after": a.accessibility_after,
        "expected_accessibility_after": a.expected_accessibility_after,
        "yearly_eur": a.yearly_eur,
        "coverage_after": a.coverage_after,
        "gain": a.gain,
        "list_cost_eur": a.list_cost_eur,
        "from_inventory": list(a.from_inventory),
        "remaining_gaps": [gap_dict(g) for g in a.remaining_gaps],
    }


def result_dict(r: MatchResult) -> dict[str, Any]:
    """The JSON of `werkpost match`."""
    return {
        "assignments": [assignment_dict(a) for a in r.assignments],
        "unassigned_workers": [u.worker for u in r.unassigned],
        "totals": {
            "accessibility_after_sum": r.accessibility_after_sum,
            "cost_eur": r.cost_eur,
            "expected_accessibility_after_sum": r.expected_after_sum,
            "accessibility_before_sum": round(sum(a.accessibility_before for a in r.assignments), 9),
            "yearly_eur": round(sum(a.yearly_eur for a in r.assignments), 2),
            "placed": len(r.assignments),
            "unplaced": len(r.unassigned),
            "positions": r.positions,
            "min_expected_accessibility_after": min(
                (a.expected_accessibility_after for a in r.assignments), default=None),
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
