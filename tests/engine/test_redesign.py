"""Inclusive job design (contract section 8) against a brute force, level by level, and its edge cases.

The brute force reads the contract's words and reuses nothing of
`engine.redesign` but the definitions of the units: it tries every
assignment of the movable tasks to a candidate or to nobody and, for each
function, every subset of the tools feasible for its candidate, checking
accessibility with the literal model (`engine.accessibility.evaluate`).
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from fractions import Fraction
from unittest import mock

import pytest
from hypothesis import given, settings

from engine.accessibility import Terms, cents, conflicting, evaluate, exact, exclusions
from engine.accessibility import feasible as feasible_at
from engine.errors import InputError
from engine.loader import Workspace
from engine.models import Task, Tool, Worker, Workstation
from engine.redesign import RedesignResult, build_instance, plan, redesign
from engine.redesign.greedy import greedy, placeable
from engine.redesign.model import build_model, feasible, vector
from engine.redesign.problem import usable_anywhere
from tests.built_once import st
from tests.engine.strategies import DIMS, HAZARDS, TAGS, TERMS, tools, workers

WEEKS = 46.0
NEW_WAGE = 20.0

Key = tuple[int, int, int]


# ------------------------------------------------------------------ the brute force


def _usable(worker: Worker, tool: Tool, terms: Terms) -> bool:
    """Feasible for the worker wherever: every exclusion but a missing feature."""
    return all(e.reason == "feature" for e in exclusions(worker, Workstation(id="x", tasks=[Task(name="t", share=1)]),
                                                        tool, terms))


def _movable(stations: Sequence[Workstation]) -> list[tuple[Workstation, int, Fraction]]:
    out = []
    for s in stations:
        if s.hours_per_week is None:
            continue
        total = sum(exact(t.share) for t in s.tasks)
        for i, t in enumerate(s.tasks):
            hours = exact(t.share) / total * exact(s.hours_per_week)
            if not t.core and round(hours * 10**6) > 0:
                out.append((s, i, hours))
    return out


def _charge(tool: Tool, terms: Terms) -> int:
    return round(Fraction(cents(tool.cost_eur), terms.horizon_years or 1)) + cents(tool.yearly_eur)


def brute_force(candidates: Sequence[Worker], stations: Sequence[Workstation], kit: Sequence[Tool], terms: Terms,
                *, min_hours: float, max_hours: float, budget: float | None, new_wage: float | None = NEW_WAGE) -> Key:
    """The lexicographic optimum (placed, net yearly benefit in cents, micro-hours) by enumeration."""
    tasks = _movable(stations)
    departments = any(s.department is not None for s in stations if s.hours_per_week is not None)
    lo = max(math.ceil(exact(min_hours) * 10**6), 1)
    budget_c = None if budget is None else cents(budget)

    def saving(k: int) -> int:
        s, _, hours = tasks[k]
        if s.wage_eur_per_hour is None or new_wage is None:
            return 0
        return round(hours * exact(WEEKS) * (exact(s.wage_eur_per_hour) - exact(new_wage)) * 100)

    memo: dict[tuple[int, frozenset[int]], list[tuple[int, int]] | None] = {}

    def setups(c: int, mine: frozenset[int]) -> list[tuple[int, int]] | None:
        """(charge, total cost) of every valid set-up of this function; None when the function is invalid."""
        if (c, mine) in memo:
            return memo[(c, mine)]
        worker = candidates[c]
        units = sum(round(tasks[k][2] * 10**6) for k in mine)
        cap = exact(max_hours) if worker.hours_per_week is None else min(exact(max_hours), exact(worker.hours_per_week))
        ok = lo <= units <= math.floor(cap * 10**6)
        if ok and departments:
            ok = len({tasks[k][0].department for k in mine}) == 1
        found: list[tuple[int, int]] = []
        if ok:
            usable = [t for t in kit if _usable(worker, t, terms)]
            for r in range(len(usable) + 1):
                for setup in itertools.combinations(usable, r):
                    if any(conflicting(a, b) for a, b in itertools.combinations(setup, 2)):
                        continue
                    if all(evaluate(worker, tasks[k][0], setup, terms).accessible[tasks[k][1]] for k in mine):
                        cost = sum(cents(t.cost_eur) + terms.horizon_years * cents(t.yearly_eur) for t in setup)
                        found.append((sum(_charge(t, terms) for t in setup), cost))
        memo[(c, mine)] = found or None
        return memo[(c, mine)]

    best: Key = (0, 0, 0)
    n = len(candidates)
    for owner in itertools.product(range(n + 1), repeat=len(tasks)):  # n: nobody
        functions = {c: frozenset(k for k, o in enumerate(owner) if o == c) for c in set(owner) if c < n}
        options = [setups(c, mine) for c, mine in functions.items()]
        if any(o is None for o in options):
            continue
        moved = [k for k, o in enumerate(owner) if o < n]
        wage = sum(saving(k) for k in moved)
        units = sum(round(tasks[k][2] * 10**6) for k in moved)
        charges = []
        for combo in itertools.product(*[o for o in options if o is not None]):
            if budget_c is None or sum(cost for _, cost in combo) <= budget_c:
                charges.append(sum(ch for ch, _ in combo))
        if charges:
            best = max(best, (len(functions), wage - min(charges), units))
    return best


def check_valid(result: RedesignResult, candidates: Sequence[Worker], stations: Sequence[Workstation],
                kit: Sequence[Tool], terms: Terms, budget: float | None, min_hours: float, max_hours: float) -> None:
    """Every function of the answer obeys section 8, checked from the records."""
    by_station = {s.id: s for s in stations}
    by_tool = {t.id: t for t in kit}
    by_worker = {w.id: w for w in candidates}
    seen: set[tuple[str, str]] = set()
    total = 0
    for f in result.functions:
        worker = by_worker[f.worker]
        setup = [by_tool[t] for t in f.tools]
        assert all(_usable(worker, t, terms) for t in setup)
        assert not any(conflicting(a, b) for a, b in itertools.combinations(setup, 2))
        total += sum(cents(t.cost_eur) + terms.horizon_years * cents(t.yearly_eur) for t in setup)
        for t in f.tasks:
            station = by_station[t.workstation]
            index = [x.name for x in station.tasks].index(t.task)
            assert not station.tasks[index].core
            assert evaluate(worker, station, setup, terms).accessible[index]
            assert (t.workstation, t.task) not in seen
            seen.add((t.workstation, t.task))
        cap = max_hours if worker.hours_per_week is None else min(max_hours, worker.hours_per_week)
        assert min_hours - 1e-6 <= f.hours <= cap + 1e-6 and f.tasks
    if budget is not None:
        assert total <= cents(budget)


# ------------------------------------------------------------------ random instances


@st.composite
def job_stations(draw: st.DrawFn) -> list[Workstation]:
    """One or two jobs with two or three tasks, some core, with hours, wages and departments."""
    out = []
    for n in range(draw(st.integers(1, 2))):
        tasks = [Task(name=f"task {i}", share=draw(st.sampled_from([1, 2, 3])),
                      tags=draw(st.frozensets(st.sampled_from(TAGS), max_size=2)),
                      demands=draw(st.dictionaries(st.sampled_from(DIMS), st.integers(0, 4), max_size=2)),
                      hazards=draw(st.lists(st.sampled_from(HAZARDS), max_size=1, unique=True)),
                      core=draw(st.sampled_from([False, False, True])))
                 for i in range(draw(st.integers(2, 3)))]
        out.append(Workstation(
            id=f"s{n}", tasks=tasks,
            features=draw(st.lists(st.sampled_from(["power", "fixed_bench"]), unique=True)),
            hours_per_week=draw(st.sampled_from([None, 12.0, 20.0, 38.0])),
            wage_eur_per_hour=draw(st.sampled_from([None, 18.0, 25.0, 34.0])),
            department=draw(st.sampled_from([None, "a", "b"])),
        ))
    return out


@st.composite
def instances(draw: st.DrawFn) -> tuple[list[Worker], list[Workstation], list[Tool], float, float, float | None]:
    kit = draw(tools(max_tools=4))
    people = [w.model_copy(update={"id": f"w{i}", "hours_per_week": draw(st.sampled_from([None, 8.0, 16.0, 24.0]))})
              for i, w in enumerate(draw(st.lists(workers(), min_size=1, max_size=3)))]
    stations = draw(job_stations())
    min_hours = draw(st.sampled_from([0.0, 2.0, 4.0, 8.0]))
    max_hours = draw(st.sampled_from([10.0, 20.0, 38.0]))
    budget = draw(st.sampled_from([None, None, 0.0, 100.0, 500.0]))
    return people, stations, kit, min_hours, max(min_hours, max_hours), budget


@given(instances(), st.sampled_from([0, 3]))
def test_matches_the_brute_force_level_by_level(
    inst: tuple[list[Worker], list[Workstation], list[Tool], float, float, float | None], horizon: int,
) -> None:
    people, stations, kit, min_hours, max_hours, budget = inst
    terms = TERMS.with_horizon(horizon)
    result = plan(people, stations, kit, terms, weeks_per_year=WEEKS, new_wage=NEW_WAGE, min_hours=min_hours,
                  max_hours=max_hours, budget=budget)
    assert result.exact
    check_valid(result, people, stations, kit, terms, budget, min_hours, max_hours)
    want = brute_force(people, stations, kit, terms, min_hours=min_hours, max_hours=max_hours, budget=budget)
    assert result.placed == want[0]
    assert result.net_yearly_benefit_cents == want[1]
    assert result.hour_units == want[2]



@settings(max_examples=15)
@given(instances())
def test_without_scipys_private_highs_the_same_optimum(
    inst: tuple[list[Worker], list[Workstation], list[Tool], float, float, float | None],
) -> None:
    # The starting answer goes through scipy's private HiGHS bindings; another scipy
    # layout falls back to `milp` without a start. That route must be as exact.
    people, stations, kit, min_hours, max_hours, budget = inst
    with mock.patch("engine.redesign.milp._highs", None):
        result = plan(people, stations, kit, TERMS, weeks_per_year=WEEKS, new_wage=NEW_WAGE, min_hours=min_hours,
                      max_hours=max_hours, budget=budget)
    assert result.exact
    want = brute_force(people, stations, kit, TERMS, min_hours=min_hours, max_hours=max_hours, budget=budget)
    assert (result.placed, result.net_yearly_benefit_cents, result.hour_units) == want

# ------------------------------------------------------------------ hand-made cases


def _tool(tid: str, **kw: object) -> Tool:
    base: dict[str, object] = {"id": tid, "name": {"en": tid, "nl": tid}, "category": "cognitive_support",
                               "measure": "technical", "iso9999": "22 27", "examples": ["x"], "cost_eur": 100.0,
                               "yearly_eur": 0.0, "evidence": "strong", "sources": ["https://example.org"]}
    base.update(kw)
    return Tool.model_validate(base)


def _station(sid: str, tasks: list[Task], **kw: object) -> Workstation:
    base: dict[str, object] = {"id": sid, "tasks": tasks, "hours_per_week": 40.0, "wage_eur_per_hour": 30.0}
    base.update(kw)
    return Workstation.model_validate(base)


def _run(people: list[Worker], stations: list[Workstation], kit: list[Tool], **kw: float | None) -> RedesignResult:
    return plan(people, stations, kit, TERMS, weeks_per_year=WEEKS, new_wage=NEW_WAGE, **kw)  # type: ignore[arg-type]


READER = _tool("reader", effects=[{"dimension": "reading", "lower": 2}], cost_eur=300.0, yearly_eur=30.0)
GUARD = _tool("guard", mitigates=["heights"], effects=[], cost_eur=60.0)
SIMPLE = Task(name="fold", share=1)
PAPER = Task(name="paperwork", share=1, tags=frozenset({"paperwork"}), demands={"reading": 3})
LADDER = Task(name="ladder", share=1, hazards=["heights"])
CORE = Task(name="core", share=2, core=True)


def test_a_gap_needs_a_tool_and_the_business_case_counts_it() -> None:
    poor_reader = Worker(id="w", capacities={"reading": 1})
    result = _run([poor_reader], [_station("s", [PAPER, CORE])], [READER])
    (f,) = result.functions
    assert f.tools == ("reader",) and f.hours == pytest.approx(40 / 3)
    saving = round(Fraction(40, 3) * 46 * 10 * 100)
    assert result.net_yearly_benefit_cents == saving - (10000 + 3000)
    assert result.to_dict()["freed"] == [{"workstation": "s", "hours": pytest.approx(40 / 3), "hours_per_week": 40.0}]


def test_a_blocked_task_needs_a_mitigation_and_the_budget_can_refuse_it() -> None:
    w = Worker(id="w", contraindications=["heights"])
    stations = [_station("s", [LADDER, CORE])]
    assert _run([w], stations, [GUARD]).functions[0].tools == ("guard",)
    assert _run([w], stations, [GUARD], budget=59.99).placed == 0
    assert _run([w], stations, []).placed == 0


def test_a_tool_needs_the_features_of_the_task_source() -> None:
    reader = READER.model_copy(update={"requires": READER.requires.model_copy(update={"features": ["computer"]})})
    w = Worker(id="w", capacities={"reading": 1})
    assert _run([w], [_station("s", [PAPER, CORE])], [reader]).placed == 0
    assert _run([w], [_station("s", [PAPER, CORE], features=["computer"])], [reader]).placed == 1


def test_one_department_per_function() -> None:
    w = Worker(id="w", hours_per_week=38.0)
    a = _station("a", [SIMPLE, CORE], hours_per_week=15.0, department="x")  # 5 h movable
    b = _station("b", [SIMPLE, CORE], hours_per_week=15.0, department="y")
    assert _run([w], [a, b], []).placed == 0  # 5 h per department, under the 8 h minimum
    assert _run([w], [a, b.model_copy(update={"department": "x"})], []).functions[0].hours == pytest.approx(10)


def test_hours_are_bounded_by_the_candidate() -> None:
    w = Worker(id="w", hours_per_week=12.0)
    stations = [_station("s", [SIMPLE, SIMPLE, SIMPLE, SIMPLE])]  # four tasks of 10 h
    result = _run([w], stations, [])
    assert result.functions[0].hours == pytest.approx(10)
    assert _run([w], stations, [], min_hours=11).placed == 0


def test_more_candidates_placed_beats_a_larger_benefit() -> None:
    one, two = Worker(id="w1"), Worker(id="w2")
    rich = _station("rich", [SIMPLE, CORE], hours_per_week=30.0, wage_eur_per_hour=60.0)  # 10 h
    poor = _station("poor", [SIMPLE, CORE], hours_per_week=30.0, wage_eur_per_hour=21.0)
    result = _run([one, two], [rich, poor], [])
    assert result.placed == 2


# ------------------------------------------------------------------ edge cases


def test_no_candidates() -> None:
    result = _run([], [_station("s", [SIMPLE])], [READER])
    assert result.placed == 0 and result.exact and result.to_dict()["functions"] == []


def test_no_movable_tasks_without_hours() -> None:
    result = _run([Worker(id="w")], [_station("s", [SIMPLE], hours_per_week=None)], [])
    assert result.placed == 0 and result.exact
    assert result.unplaced[0].reason.startswith("no movable task")
    assert any("hours_per_week" in n for n in result.notes)


def test_nothing_accessible() -> None:
    w = Worker(id="w", capacities={"reading": 0}, restrictions={"reading": 0})
    result = _run([w], [_station("s", [PAPER])], [])
    assert result.placed == 0 and result.stats["options"] == 0


def test_every_task_core() -> None:
    result = _run([Worker(id="w")], [_station("s", [CORE, CORE.model_copy(update={"name": "core 2"})])], [])
    assert result.placed == 0 and result.stats["movable_tasks"] == 0


def test_no_new_function_wage_is_noted() -> None:
    result = plan([Worker(id="w")], [_station("s", [SIMPLE, CORE])], [], TERMS, weeks_per_year=WEEKS, new_wage=None)
    assert result.placed == 1 and result.net_yearly_benefit_cents == 0
    assert any("new_function_wage" in n for n in result.notes)


def test_bad_hour_bounds_are_input_errors() -> None:
    with pytest.raises(InputError, match="more than --max-hours"):
        _run([Worker(id="w")], [_station("s", [SIMPLE])], [], min_hours=20, max_hours=10)


# ------------------------------------------------------------------ the demo


def test_demo_places_candidates_the_match_leaves_out(demo: Workspace) -> None:
    from engine.match import match

    left_out = {u.worker for u in match(demo).unassigned}
    result = redesign(demo)
    assert result.exact
    assert set(result.candidates) == left_out
    assert result.placed >= 2 and {f.worker for f in result.functions} <= left_out
    assert result.net_yearly_benefit_eur > 0
    payback = result.payback_months
    assert payback is not None and payback <= 24


def test_progress_counts_every_step_in_order(demo: Workspace) -> None:
    seen: list[tuple[int, int]] = []
    result = redesign(demo, progress=lambda done, total: seen.append((done, total)))
    assert seen == [(n, 5) for n in range(6)]
    assert result.placed >= 2


@given(instances(), st.sampled_from([0, 3]))
def test_the_greedy_plan_is_feasible_and_placeable_bounds_the_optimum(
    inst: tuple[list[Worker], list[Workstation], list[Tool], float, float, float | None], horizon: int,
) -> None:
    people, stations, kit, min_hours, max_hours, budget = inst
    terms = TERMS.with_horizon(horizon)
    problem = build_instance(people, stations, kit, terms, weeks_per_year=WEEKS, new_wage=NEW_WAGE,
                             min_hours=min_hours, max_hours=max_hours, budget=budget)
    model = build_model(problem)
    tasks, kit_of = greedy(problem)
    assert feasible(model, vector(model, problem, tasks, kit_of))  # a start HiGHS may trust
    want = brute_force(people, stations, kit, terms, min_hours=min_hours, max_hours=max_hours, budget=budget)
    assert len(tasks) <= want[0] <= placeable(problem)


@given(workers(), job_stations(), tools(max_tools=4))
def test_feasible_is_usable_anywhere_with_the_features(worker: Worker, stations: list[Workstation],
                                                       kit: list[Tool]) -> None:
    """The instance's shortcut (features once per workstation) is the model's feasibility."""
    for station in stations:
        for tool in kit:
            shortcut = usable_anywhere(worker, tool, TERMS) and all(f in station.features
                                                                    for f in tool.requires.features)
            assert shortcut == feasible_at(worker, station, tool, TERMS)
