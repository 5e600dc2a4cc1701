"""The search of inclusive job design: the packing plan, the department re-solves and the fractional bound.

None of these decides exactness on its own (a level is proven by HiGHS or by
a plan that reaches a bound), so each is checked for what it promises: the
packing plan keeps every row of the MILP and packs what best fit alone
leaves out; a re-solve changes only its department's columns and never
loses value; the fractional bound is at least the brute force's optimum.
"""

from __future__ import annotations

import time
from unittest import mock

import numpy as np
from hypothesis import given, settings

from engine.models import Task, Tool, Worker, Workstation
from engine.redesign import build_instance, plan
from engine.redesign.greedy import greedy
from engine.redesign.lns import neighbourhoods, owners, search
from engine.redesign.milp import _fractional_fill, _Solver
from engine.redesign.model import build_model, feasible, vector
from engine.redesign.pack import _Bins, packed
from engine.redesign.problem import HOUR_UNITS, Instance
from tests.built_once import st
from tests.engine.strategies import TERMS
from tests.engine.test_redesign import NEW_WAGE, WEEKS, _run, _station, brute_force, instances

Drawn = tuple[list[Worker], list[Workstation], list[Tool], float, float, float | None]


def _instance(drawn: Drawn) -> Instance:
    people, stations, kit, min_hours, max_hours, budget = drawn
    return build_instance(people, stations, kit, TERMS, weeks_per_year=WEEKS, new_wage=NEW_WAGE,
                          min_hours=min_hours, max_hours=max_hours, budget=budget)


# ------------------------------------------------------------------ a packing best fit alone gets wrong

# Hours 5, 4, 6 and 5 of a 20-hour job for two candidates of 10 hours each; only the strong one can lift.
LIFT = Task(name="lift", share=5, demands={"lifting": 3})
JOB = _station("s", [Task(name="sort", share=5), Task(name="label", share=4), Task(name="pack", share=6), LIFT],
               hours_per_week=20.0)
STRONG = Worker(id="strong", hours_per_week=10.0)
WEAK = Worker(id="weak", hours_per_week=10.0, capacities={"lifting": 1})


def test_best_fit_alone_leaves_a_task_that_an_ejection_chain_puts_in() -> None:
    inst = build_instance([STRONG, WEAK], [JOB], [], TERMS, weeks_per_year=WEEKS, new_wage=NEW_WAGE, min_hours=4.0)
    able: dict[int, list[int]] = {}
    for o in inst.options:
        able.setdefault(o.task, []).append(o.candidate)
    assert able[3] == [0]  # only the strong candidate can lift
    bins = _Bins(inst, able)
    # Largest first, each into the fullest function it fits in: pack, sort, label fill the room lift needs.
    left = [k for k in (2, 0, 3, 1) if not bins.best_fit(k)]
    assert left == [3] and bins.load == {0: 10 * HOUR_UNITS, 1: 5 * HOUR_UNITS}
    # lift -> strong pushes out pack, pack -> weak pushes out sort, sort -> strong pushes out label, label fits.
    assert bins.chain(3, 3, frozenset())
    assert {c: sorted(ks) for c, ks in bins.tasks.items()} == {0: [0, 3], 1: [1, 2]}

    tasks, tools = packed(inst)
    assert {c: sorted(ks) for c, ks in tasks.items()} == {0: [0, 3], 1: [1, 2]} and tools == {0: [], 1: []}
    result = _run([STRONG, WEAK], [JOB], [], min_hours=4.0)
    assert result.exact and result.placed == 2 and result.hour_units == 20 * HOUR_UNITS
    assert result.net_yearly_benefit_cents == round(20 * WEEKS * (30 - NEW_WAGE) * 100)


@settings(max_examples=60)
@given(instances())
def test_the_packing_plan_keeps_every_row_and_buys_no_tool(drawn: Drawn) -> None:
    inst = _instance(drawn)
    tasks, tools = packed(inst)
    assert all(not ts for ts in tools.values()) and set(tools) == set(tasks)
    if inst.options:
        model = build_model(inst)
        assert feasible(model, vector(model, inst, tasks, tools))
    options = {(o.task, o.candidate): o for o in inst.options}
    for c, ks in tasks.items():
        assert all(not options[(k, c)].needs for k in ks)  # doable as it is
        assert inst.min_units <= sum(inst.tasks[k].units for k in ks) <= inst.max_units[c]


# ------------------------------------------------------------------ the bound


def test_the_fractional_fill_takes_the_best_hours_first_and_rounds_the_last_part_up() -> None:
    # A 10-hour job at 30 EUR and a 10-hour job at 40 EUR, one candidate of 15 hours: the 40 EUR job whole,
    # then half of the other.
    jobs = [_station("low", [Task(name="a", share=1)], hours_per_week=10.0, wage_eur_per_hour=30.0),
            _station("high", [Task(name="b", share=1)], hours_per_week=10.0, wage_eur_per_hour=40.0)]
    inst = build_instance([Worker(id="w", hours_per_week=15.0)], jobs, [], TERMS, weeks_per_year=WEEKS,
                          new_wage=NEW_WAGE, max_hours=38.0)
    low, high = (round(10 * WEEKS * (wage - NEW_WAGE) * 100) for wage in (30, 40))
    assert _fractional_fill(inst, {0, 1}, 15 * HOUR_UNITS) == high + low // 2
    assert _fractional_fill(inst, {0, 1}, 15 * HOUR_UNITS + 1) == high + low // 2 + 1  # a sliver, rounded up
    assert _fractional_fill(inst, {0, 1}, 40 * HOUR_UNITS) == high + low  # everything fits
    result = _run([Worker(id="w", hours_per_week=15.0)], jobs, [])
    assert result.exact and result.net_yearly_benefit_cents == high  # the bound is not reached: HiGHS proves it


@given(instances(), st.sampled_from([0, 3]))
def test_the_fractional_fill_is_at_least_the_optimum(drawn: Drawn, horizon: int) -> None:
    people, stations, kit, min_hours, max_hours, budget = drawn
    terms = TERMS.with_horizon(horizon)
    inst = build_instance(people, stations, kit, terms, weeks_per_year=WEEKS, new_wage=NEW_WAGE,
                          min_hours=min_hours, max_hours=max_hours, budget=budget)
    placed = {o.candidate for o in inst.options}
    bound = _fractional_fill(inst, {o.task for o in inst.options}, sum(inst.max_units[c] for c in placed))
    want = brute_force(people, stations, kit, terms, min_hours=min_hours, max_hours=max_hours, budget=budget)
    assert bound >= want[1]


# ------------------------------------------------------------------ the department re-solves


@settings(max_examples=40)
@given(instances())
def test_a_department_re_solve_changes_only_its_columns_and_never_loses(drawn: Drawn) -> None:
    inst = _instance(drawn)
    if not inst.options:
        return
    model = build_model(inst)
    start = vector(model, inst, *greedy(inst))
    owner = owners(inst, model)
    assert owner.min() >= 0  # every column belongs to a candidate
    solver = _Solver(model)
    benefit = model.objectives[1]
    for free in neighbourhoods(inst, model, owner, start, 1):
        stage = solver.solve(benefit, start, 10.0, free)
        assert stage.x is not None and feasible(model, stage.x)
        assert np.array_equal(stage.x[~free], start[~free])
        assert benefit @ stage.x >= benefit @ start
    # The bounds are back: a whole solve is free to change any column and is at least as good.
    whole = solver.solve(benefit, start, 10.0)
    assert whole.x is not None and whole.proven and benefit @ whole.x >= benefit @ start


def test_without_departments_there_is_no_neighbourhood() -> None:
    inst = build_instance([STRONG, WEAK], [JOB], [], TERMS, weeks_per_year=WEEKS, new_wage=NEW_WAGE)
    model = build_model(inst)
    start = vector(model, inst, *greedy(inst))
    assert not inst.departments
    assert neighbourhoods(inst, model, owners(inst, model), start, 1) == []


def _short_department() -> Instance:
    """Department a has twice the hours of its one candidate; b (8 h) is fully served by the other."""
    jobs = [_station("a", [Task(name=f"a{i}", share=1) for i in range(4)], hours_per_week=16.0, department="a"),
            _station("b", [Task(name=f"b{i}", share=1) for i in range(2)], hours_per_week=8.0, department="b")]
    people = [Worker(id="x", hours_per_week=8.0), Worker(id="y", hours_per_week=8.0)]
    return build_instance(people, jobs, [], TERMS, weeks_per_year=WEEKS, new_wage=NEW_WAGE, min_hours=4.0)


def test_a_department_short_of_candidates_is_re_solved_first() -> None:
    # Department a has twice the hours of its one candidate; b is fully served: a misses, so a comes first.
    inst = _short_department()
    model = build_model(inst)
    start = vector(model, inst, *greedy(inst))
    masks = neighbourhoods(inst, model, owners(inst, model), start, 1)
    moved_a = sum(start[i] for i, o in enumerate(inst.options) if inst.tasks[o.task].department == "a")
    assert moved_a == 2  # 8 of a's 16 hours
    home = {o.candidate for i, o in enumerate(inst.options) if start[i] > 0.5 and inst.tasks[o.task].department == "a"}
    first = {int(c) for c in np.unique(owners(inst, model)[masks[0]])}
    assert first == home
    assert len(masks) == 2  # a alone, then a with b (the department with the most hours to spare)


def test_the_search_keeps_only_feasible_improvements_and_ends_after_a_round_without_one() -> None:
    inst = _short_department()
    model = build_model(inst)
    start = vector(model, inst, *greedy(inst))
    owner = owners(inst, model)
    calls: list[int] = []

    def everything(objective: np.ndarray, v: np.ndarray, seconds: float, free: np.ndarray) -> np.ndarray:
        calls.append(int(free.sum()))
        return np.ones(model.n)  # worth more, and breaks every row

    got = search(inst, model, owner, start, 1, float("inf"), time.monotonic() + 60, 10.0, everything)
    assert np.array_equal(got, start) and len(calls) == 2  # both neighbourhoods tried once, none taken
    solver = _Solver(model)

    def exact(objective: np.ndarray, v: np.ndarray, seconds: float, free: np.ndarray) -> np.ndarray | None:
        return solver.solve(objective, v, seconds, free).x

    # Two functions of 8 hours can move 16 of the 24 hours whatever the departments: nothing to improve.
    got = search(inst, model, owner, start, 1, float("inf"), time.monotonic() + 60, 10.0, exact)
    benefit = model.objectives[1]
    assert benefit @ got == benefit @ start == round(16 * WEEKS * (30 - NEW_WAGE) * 100)
    # A bound already reached: no re-solve at all.
    calls.clear()
    search(inst, model, owner, start, 1, float(benefit @ start), time.monotonic() + 60, 10.0, everything)
    assert calls == []


@settings(max_examples=40)
@given(instances(), st.sampled_from([0, 3]))
def test_with_department_re_solves_on_small_models_the_same_optimum(drawn: Drawn, horizon: int) -> None:
    # A workspace's model is solved whole; forced through the re-solves first, the optimum must not move.
    people, stations, kit, min_hours, max_hours, budget = drawn
    terms = TERMS.with_horizon(horizon)
    with mock.patch("engine.redesign.milp.LNS_MIN_COLUMNS", 0):
        result = plan(people, stations, kit, terms, weeks_per_year=WEEKS, new_wage=NEW_WAGE, min_hours=min_hours,
                      max_hours=max_hours, budget=budget)
    assert result.exact
    want = brute_force(people, stations, kit, terms, min_hours=min_hours, max_hours=max_hours, budget=budget)
    assert (result.placed, result.net_yearly_benefit_cents, result.hour_units) == want
