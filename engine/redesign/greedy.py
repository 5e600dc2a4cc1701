"""Provides a greedy plan of inclusive job design: a good first answer the exact solver starts from.

HiGHS proves optimality faster from a good incumbent (and scipy's `milp`
cannot take one, hence `engine.redesign.milp` drives HiGHS itself). The
greedy plan also settles level 1 without a solve when it places every
candidate `placeable` allows (a valid upper bound).

Four strategies, the best kept (as the objective ranks them): each
candidate in turn a full function (`_sequential`); everyone the minimum
hours first and the spare hours shared out after (`_shared`); departments
shared out by their hours and the largest tasks to the emptiest function
(`_balanced`); the packing plan of `engine.redesign.pack` with its spare
hours filled (`_topped`). Then local moves that never add a tool (`_improve`). Every
plan keeps every constraint of the MILP: hours, one department, the budget,
no conflicting tools (a property test checks it against the model).
"""

from __future__ import annotations

from engine.redesign.pack import packed
from engine.redesign.problem import Instance, Option

Plan = tuple[dict[int, list[int]], dict[int, list[str]]]
"""Tasks and tools per placed candidate."""


def placeable(inst: Instance) -> int:
    """An upper bound on the candidates placed: those with enough hours of doable tasks in one department."""
    reach: dict[tuple[int, str | None], int] = {}
    for o in inst.options:
        units = inst.tasks[o.task].units
        if units <= inst.max_units[o.candidate]:
            key = (o.candidate, inst.department_of(o.task) if inst.departments else None)
            reach[key] = reach.get(key, 0) + units
    return len({c for (c, _k), r in reach.items() if r >= inst.min_units})


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


def _pack(inst: Instance, c: int, options: list[Option], budget_left: int | None,
          tools: bool, full: bool = False) -> tuple[list[int], list[str], int] | None:
    """Fill one function from `options` (with tools only if `tools`): tasks, tools, net benefit in cents.

    None when the function stays short of the minimum hours.
    """
    # Largest saving first (for the minimum hours: tasks without tools before those with); on a tie the
    # larger task (fewer, harder-to-place pieces).
    order = sorted(options, key=lambda o: (bool(o.needs) and not full, -inst.tasks[o.task].saving_cents,
                                           -inst.tasks[o.task].units, o.task))
    chosen: list[int] = []
    kit: set[str] = set()
    units = benefit = 0
    for o in order:
        if units >= inst.min_units and not full:
            break  # enough to be placed: the spare hours are shared out later (_fill), so everyone gets a turn
        m = inst.tasks[o.task]
        if units + m.units > inst.max_units[c] or (o.needs and not tools):
            continue
        left = None if budget_left is None else budget_left - sum(inst.cost_cents[t] for t in kit)
        extra = _extra_tools(inst, o, kit, left)
        if extra is None:
            continue
        gain = m.saving_cents - sum(inst.charge_cents[t] for t in extra)
        if gain <= 0 and units >= inst.min_units:
            continue  # worth it only to reach the minimum hours
        chosen.append(o.task)
        kit.update(extra)
        units += m.units
        benefit += gain
    return (chosen, sorted(kit), benefit) if chosen and units >= inst.min_units else None


def greedy(inst: Instance) -> Plan:
    """A feasible plan (every constraint of the MILP holds): the best of three greedy strategies.

    Better is lexicographic, as the objective: placed, net benefit, hours.
    """
    plans = [_shared(inst), _sequential(inst), _balanced(inst), _topped(inst, packed(inst))]

    def score(plan: Plan) -> tuple[int, int, int]:
        tasks, kits = plan
        benefit = sum(inst.tasks[k].saving_cents for ks in tasks.values() for k in ks) - sum(
            inst.charge_cents[t] for ts in kits.values() for t in ts)
        return len(tasks), benefit, sum(inst.tasks[k].units for ks in tasks.values() for k in ks)

    best = max(plans, key=score)
    improved = _improve(inst, {c: list(ks) for c, ks in best[0].items()}, {c: list(ts) for c, ts in best[1].items()})
    return max((best, improved), key=score)


def _sequential(inst: Instance) -> Plan:
    """Each candidate in turn (fewest options first) gets a full function, in the best department for them."""
    by_candidate: dict[int, list[Option]] = {}
    for o in inst.options:
        by_candidate.setdefault(o.candidate, []).append(o)
    used: set[int] = set()
    budget_left = inst.budget_cents
    tasks: dict[int, list[int]] = {}
    kits: dict[int, list[str]] = {}
    for c in sorted(by_candidate, key=lambda c: (len(by_candidate[c]), c)):
        groups: dict[str | None, list[Option]] = {}
        for o in by_candidate[c]:
            if o.task not in used:
                groups.setdefault(inst.department_of(o.task) if inst.departments else None, []).append(o)
        packs = [p for g in groups.values() if (p := _pack(inst, c, g, budget_left, True, full=True)) is not None]
        if not packs:
            continue
        best = max(packs, key=lambda p: p[2])
        tasks[c], kits[c] = best[0], best[1]
        used.update(best[0])
        if budget_left is not None:
            budget_left -= sum(inst.cost_cents[t] for t in best[1])
    return tasks, kits


def _shared(inst: Instance) -> Plan:
    """Everyone a function of the minimum hours first, the spare hours shared out after.

    Each candidate first gets just the minimum hours, so that everyone gets a
    turn: those who need a tool to reach it first, then the others without
    tools (a tool bought for a task that another candidate does as it is costs
    benefit for nothing), then with tools. A last round fills the functions'
    spare hours with the tasks of the largest saving.
    """
    by_candidate: dict[int, list[Option]] = {}
    for o in inst.options:
        by_candidate.setdefault(o.candidate, []).append(o)
    used: set[int] = set()
    budget = [inst.budget_cents]
    tasks: dict[int, list[int]] = {}
    kits: dict[int, list[str]] = {}

    claimed: dict[str | None, int] = {}
    """Per department: the spare hours of the functions placed there (the tasks they will still want)."""

    def place(c: int, tools: bool) -> None:
        groups: dict[str | None, list[Option]] = {}
        for o in by_candidate[c]:
            if o.task not in used:
                groups.setdefault(inst.department_of(o.task) if inst.departments else None, []).append(o)
        best: tuple[list[int], list[str], int] | None = None
        rank: tuple[int, int] | None = None
        for key, group in groups.items():
            packed = _pack(inst, c, group, budget[0], tools)
            if packed is None:
                continue
            # The department with the most free hours not yet wanted by others: the spare hours of every
            # function get filled later, and a crowded department would leave them empty.
            free = sum(inst.tasks[o.task].units for o in group) - claimed.get(key, 0)
            if rank is None or (free, packed[2]) > rank:
                best, rank = packed, (free, packed[2])
        if best is not None:
            tasks[c], kits[c] = best[0], best[1]
            used.update(best[0])
            key = inst.department_of(best[0][0]) if inst.departments else None
            claimed[key] = claimed.get(key, 0) + inst.max_units[c]
            if budget[0] is not None:
                budget[0] -= sum(inst.cost_cents[t] for t in best[1])

    def bare_reach(c: int) -> int:
        """The most hours of one department the candidate could do without any tool."""
        reach: dict[str | None, int] = {}
        for o in by_candidate[c]:
            if not o.needs:
                key = inst.department_of(o.task) if inst.departments else None
                reach[key] = reach.get(key, 0) + inst.tasks[o.task].units
        return max(reach.values(), default=0)

    order = sorted(by_candidate, key=lambda c: (len(by_candidate[c]), c))
    # Those who need a tool to reach the minimum go first (they have the fewest ways to be placed).
    for c in order:
        if bare_reach(c) < inst.min_units:
            place(c, True)
    for tools in (False, True):
        for c in order:
            if c not in tasks:
                place(c, tools)
    _fill(inst, by_candidate, tasks, kits, used, budget[0])
    return tasks, kits


def _fill(inst: Instance, by_candidate: dict[int, list[Option]], tasks: dict[int, list[int]],
          kits: dict[int, list[str]], used: set[int], budget_left: int | None) -> None:
    """Put tasks no function took into the spare hours of functions (same department), where worth it."""
    units = {c: sum(inst.tasks[k].units for k in ks) for c, ks in tasks.items()}
    dept = {c: inst.department_of(ks[0]) for c, ks in tasks.items()}
    spare = sorted((o for c in tasks for o in by_candidate[c] if o.task not in used),
                   key=lambda o: (-inst.tasks[o.task].saving_cents, o.task, o.candidate))
    for o in spare:
        c, m = o.candidate, inst.tasks[o.task]
        if o.task in used or units[c] + m.units > inst.max_units[c]:
            continue
        if inst.departments and inst.department_of(o.task) != dept[c]:
            continue
        have = set(kits[c])
        extra = _extra_tools(inst, o, have, budget_left)
        if extra is None or m.saving_cents - sum(inst.charge_cents[t] for t in extra) <= 0:
            continue
        tasks[c].append(o.task)
        kits[c] = sorted(have | set(extra))
        used.add(o.task)
        units[c] += m.units
        if budget_left is not None:
            budget_left -= sum(inst.cost_cents[t] for t in extra)


def _balanced(inst: Instance) -> Plan:
    """Departments shared out by the hours they offer, then the largest tasks first to the emptiest function.

    Aimed at moving every task without a tool (where the LP bound usually
    is): a task goes to the candidate of its department with the most room
    who can do it as it is; tasks nobody can take that way are left for
    `_fill`. Candidates left under the minimum hours are not placed.
    """
    bare: dict[int, set[int]] = {}
    by_candidate: dict[int, list[Option]] = {}
    for o in inst.options:
        by_candidate.setdefault(o.candidate, []).append(o)
        if not o.needs:
            bare.setdefault(o.task, set()).add(o.candidate)
    demand: dict[str | None, int] = {}
    for k in bare:
        key = inst.department_of(k) if inst.departments else None
        demand[key] = demand.get(key, 0) + inst.tasks[k].units
    home: dict[int, str | None] = {}
    capacity: dict[str | None, int] = {}
    reach = {c: {inst.department_of(o.task) if inst.departments else None for o in os if not o.needs}
             for c, os in by_candidate.items()}
    for c in sorted(reach, key=lambda c: (len(reach[c]), -inst.max_units[c], c)):
        if reach[c]:
            key = max(sorted(reach[c], key=lambda k: (k is not None, k or "")),
                      key=lambda k: demand.get(k, 0) - capacity.get(k, 0))
            home[c] = key
            capacity[key] = capacity.get(key, 0) + inst.max_units[c]
    units = dict.fromkeys(home, 0)
    tasks: dict[int, list[int]] = {}
    for k in sorted(bare, key=lambda k: (-inst.tasks[k].units, k)):
        key = inst.department_of(k) if inst.departments else None
        fits = [c for c in bare[k] if home.get(c, "\0") == key and units[c] + inst.tasks[k].units <= inst.max_units[c]]
        if fits:
            c = max(fits, key=lambda c: (inst.max_units[c] - units[c], -c))
            tasks.setdefault(c, []).append(k)
            units[c] += inst.tasks[k].units
    tasks = {c: ks for c, ks in tasks.items() if units[c] >= inst.min_units}
    kits: dict[int, list[str]] = {c: [] for c in tasks}
    used = {k for ks in tasks.values() for k in ks}
    _fill(inst, by_candidate, tasks, kits, used, inst.budget_cents)
    return tasks, kits


def _topped(inst: Instance, plan: Plan) -> Plan:
    """The plan with the tasks it left put into spare hours, with tools where they pay (`_fill`)."""
    tasks, kits = plan
    by_candidate: dict[int, list[Option]] = {}
    for o in inst.options:
        by_candidate.setdefault(o.candidate, []).append(o)
    used = {k for ks in tasks.values() for k in ks}
    _fill(inst, by_candidate, tasks, kits, used, inst.budget_cents)
    return tasks, kits


def _improve(inst: Instance, tasks: dict[int, list[int]], kits: dict[int, list[str]]) -> Plan:
    """Local moves that never add a tool: drop a tool whose tasks another function can do as it is, then put
    tasks nobody took into spare hours (moving one task aside to make room where needed)."""
    option = {(o.task, o.candidate): o for o in inst.options}
    units = {c: sum(inst.tasks[k].units for k in ks) for c, ks in tasks.items()}
    dept = {c: inst.department_of(ks[0]) if inst.departments else None for c, ks in tasks.items()}

    def met(k: int, c: int, kit: set[str]) -> bool:
        o = option.get((k, c))
        return o is not None and all(need & kit for need in o.needs)

    def home(k: int, away: int, extra: dict[int, int]) -> int | None:
        """A function other than `away` that can take task k as it is, with room (fullest first)."""
        key = inst.department_of(k) if inst.departments else None
        room = [c for c in tasks if c != away and dept[c] == key and met(k, c, set(kits[c]))
                and units[c] + extra.get(c, 0) + inst.tasks[k].units <= inst.max_units[c]]
        return max(room, key=lambda c: (units[c] + extra.get(c, 0), -c), default=None)

    for c in sorted(tasks):
        for t in sorted(kits[c], key=lambda t: (-inst.charge_cents[t], t)):
            kit = set(kits[c]) - {t}
            leaving = [k for k in tasks[c] if not met(k, c, kit)]
            if units[c] - sum(inst.tasks[k].units for k in leaving) < inst.min_units:
                continue
            extra: dict[int, int] = {}
            moves: list[tuple[int, int]] = []
            for k in leaving:
                to = home(k, c, extra)
                if to is None:
                    break
                moves.append((k, to))
                extra[to] = extra.get(to, 0) + inst.tasks[k].units
            if len(moves) < len(leaving):
                continue
            for k, to in moves:
                tasks[c].remove(k)
                tasks[to].append(k)
                units[c] -= inst.tasks[k].units
                units[to] += inst.tasks[k].units
            kits[c] = sorted(kit)

    taken = {k for ks in tasks.values() for k in ks}
    for k in sorted(set(range(len(inst.tasks))) - taken, key=lambda k: (-inst.tasks[k].saving_cents, k)):
        if inst.tasks[k].saving_cents <= 0:
            continue
        to = home(k, -1, {})
        if to is not None:
            tasks[to].append(k)
            units[to] += inst.tasks[k].units
            continue
        # Make room: move one task j of a function that could take k to another function with room.
        key = inst.department_of(k) if inst.departments else None
        for c in sorted(tasks):
            if dept[c] != key or not met(k, c, set(kits[c])):
                continue
            short = units[c] + inst.tasks[k].units - inst.max_units[c]
            fits = [(j, to) for j in tasks[c] if inst.tasks[j].units >= short
                    and units[c] - inst.tasks[j].units + inst.tasks[k].units >= inst.min_units
                    and (to := home(j, c, {})) is not None]
            if fits:
                j, to = min(fits, key=lambda p: (inst.tasks[p[0]].units, p[0]))
                tasks[c].remove(j)
                tasks[to].append(j)
                tasks[c].append(k)
                units[c] += inst.tasks[k].units - inst.tasks[j].units
                units[to] += inst.tasks[j].units
                break
    return tasks, kits
