"""Provides a greedy plan of inclusive job design: a good first answer the exact solver starts from.

HiGHS proves optimality faster from a good incumbent (and scipy's `milp`
cannot take one, hence `engine.redesign.milp` drives HiGHS itself). The
greedy plan also settles level 1 without a solve when it places every
candidate that could be placed at all (`placeable`, a valid upper bound).

Candidates with the fewest options go first; each gets the department
whose tasks give the best function, filled with tasks by yearly saving,
adding the cheapest tool for a gap only when the task is worth it (or the
function is still short of the minimum hours), within the budget and never
with conflicting tools.
"""

from __future__ import annotations

from engine.redesign.problem import Instance, Option

Plan = tuple[dict[int, list[int]], dict[int, list[str]]]
"""Tasks and tools per placed candidate."""


def placeable(inst: Instance) -> int:
    """An upper bound on the candidates placed: those with enough hours of doable tasks in one department."""
    count = 0
    for c in range(len(inst.candidates)):
        reach: dict[str | None, int] = {}
        for o in inst.options:
            units = inst.tasks[o.task].units
            if o.candidate == c and units <= inst.max_units[c]:
                key = inst.department_of(o.task) if inst.departments else None
                reach[key] = reach.get(key, 0) + units
        if any(r >= inst.min_units for r in reach.values()):
            count += 1
    return count


def _extra_tools(inst: Instance, option: Option, have: set[str], budget_left: int | None) -> list[str] | None:
    """The cheapest tools to add so that `option` is accessible; None when conflicts or the budget forbid it."""
    extra: list[str] = []
    spent = 0
    for need in option.needs:
        if need & have or any(t in need for t in extra):
            continue
        picks = sorted(need, key=lambda t: (inst.charge_cents[t], inst.cost_cents[t], t))
        pick = next((t for t in picks if not any(frozenset((t, u)) in inst.conflicts for u in (*have, *extra))
                     and (budget_left is None or spent + inst.cost_cents[t] <= budget_left)), None)
        if pick is None:
            return None
        extra.append(pick)
        spent += inst.cost_cents[pick]
    return extra


def _pack(inst: Instance, c: int, options: list[Option],
          budget_left: int | None) -> tuple[list[int], list[str], int] | None:
    """Fill one function from `options`: its tasks, its tools and its net benefit in cents (None: too short)."""
    order = sorted(options, key=lambda o: (-inst.tasks[o.task].saving_cents, -inst.tasks[o.task].units, o.task))
    tasks: list[int] = []
    tools: set[str] = set()
    units = benefit = 0
    for o in order:
        m = inst.tasks[o.task]
        if units + m.units > inst.max_units[c]:
            continue
        left = None if budget_left is None else budget_left - sum(inst.cost_cents[t] for t in tools)
        extra = _extra_tools(inst, o, tools, left)
        if extra is None:
            continue
        gain = m.saving_cents - sum(inst.charge_cents[t] for t in extra)
        if gain <= 0 and units >= inst.min_units:
            continue  # worth it only to reach the minimum hours
        tasks.append(o.task)
        tools.update(extra)
        units += m.units
        benefit += gain
    return (tasks, sorted(tools), benefit) if tasks and units >= inst.min_units else None


def greedy(inst: Instance) -> Plan:
    """A feasible plan (every constraint of the MILP holds), usually a good one."""
    by_candidate: dict[int, list[Option]] = {}
    for o in inst.options:
        by_candidate.setdefault(o.candidate, []).append(o)
    used: set[int] = set()
    budget_left = inst.budget_cents
    tasks: dict[int, list[int]] = {}
    tools: dict[int, list[str]] = {}
    for c in sorted(by_candidate, key=lambda c: (len(by_candidate[c]), c)):
        free = [o for o in by_candidate[c] if o.task not in used]
        groups: dict[str | None, list[Option]] = {}
        for o in free:
            groups.setdefault(inst.department_of(o.task) if inst.departments else None, []).append(o)
        best: tuple[list[int], list[str], int] | None = None
        for group in groups.values():
            packed = _pack(inst, c, group, budget_left)
            if packed is not None and (best is None or packed[2] > best[2]):
                best = packed
        if best is None:
            continue
        tasks[c], tools[c] = best[0], best[1]
        used.update(best[0])
        if budget_left is not None:
            budget_left -= sum(inst.cost_cents[t] for t in best[1])
    return tasks, tools
