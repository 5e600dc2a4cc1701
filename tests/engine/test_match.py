"""Batch matching without a shared budget: optimal against brute force, both objectives."""

from __future__ import annotations

import itertools
from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, given, settings

from engine.errors import InputError
from engine.graph import build_graph
from engine.loader import Catalog, Workspace
from engine.match import MatchResult, match
from engine.match.pairs import Setup
from engine.models import Tool, Worker, Workstation
from engine.setups import search_setups
from engine.units import to_units
from tests.built_once import st
from tests.engine.strategies import firms

CATALOG: list[Catalog] = []
"""The session's catalogue, for the brute force's vocabulary (set by the test that uses it)."""

SETTINGS = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])


def workspace(catalog: Catalog, kit: list[Tool], people: list[Worker], places: list[Workstation]) -> Workspace:
    cat = Catalog(catalog.dimensions, catalog.vocabulary, {t.id: t for t in kit})
    return Workspace(None, cat, {w.id: w for w in people}, {s.id: s for s in places})


def hours_fit(worker: Worker, station: Workstation) -> bool:
    """Contract section 7: a pair is possible only when the worker works at least the station's hours."""
    return worker.hours_per_week is None or station.hours_per_week is None or (
        worker.hours_per_week >= station.hours_per_week)


def best_setup(kit: list[Tool], worker: Worker, station: Workstation, ws: Workspace) -> Setup:
    """The pair's score the slow, obvious way: its own graph and search (EA points, total cost)."""
    result = search_setups(build_graph(worker, station, kit, ws.terms()), top=1)
    return Setup.of(result.setups[0] if result.setups else result.baseline)


def assignments(people: list[Worker], places: list[Workstation]) -> Iterator[list[tuple[int, int]]]:
    """Every assignment: each worker to a station with a free position, or nowhere."""
    for choice in itertools.product([None, *range(len(places))], repeat=len(people)):
        if all(choice.count(s) <= p.positions for s, p in enumerate(places)):
            yield [(i, s) for i, s in enumerate(choice) if s is not None]


def brute(kit: list[Tool], people: list[Worker], places: list[Workstation], min_acc: float,
          objective: str) -> tuple[int, ...]:
    ws = workspace(Catalog(CATALOG[0].dimensions, CATALOG[0].vocabulary, {t.id: t for t in kit}), kit, people, places)
    table = {(i, s): best_setup(kit, w, st_, ws) for i, w in enumerate(people) for s, st_ in enumerate(places)}
    floor = to_units(min_acc)
    best: tuple[int, ...] | None = None
    for pairs in assignments(people, places):
        if not all(hours_fit(people[i], places[s]) for i, s in pairs):
            continue
        scores = [to_units(table[p].expected_accessibility) for p in pairs]
        if any(sc < floor or sc <= 0 for sc in scores):
            continue
        cost = -sum(round(table[p].cost_eur * 100) for p in pairs)
        key = (sum(scores), cost) if objective == "total" else (len(pairs), min(scores, default=0), sum(scores), cost)
        best = key if best is None or key > best else best
    assert best is not None
    return best


def achieved(result: MatchResult, objective: str) -> tuple[int, ...]:
    scores = [to_units(a.expected_accessibility_after) for a in result.assignments]
    cost = -sum(round(a.total_cost_eur * 100) for a in result.assignments)
    if objective == "total":
        return (sum(scores), cost)
    return (len(scores), min(scores, default=0), sum(scores), cost)


def check_valid(result: MatchResult, people: list[Worker], places: list[Workstation], min_acc: float) -> None:
    placed = [a.worker for a in result.assignments]
    assert len(placed) == len(set(placed))
    for s in places:
        assert sum(a.workstation == s.id for a in result.assignments) <= s.positions
    assert {u.worker for u in result.unassigned} == {w.id for w in people} - set(placed)
    assert all(a.expected_accessibility_after >= min_acc and a.expected_accessibility_after > 0
               for a in result.assignments)


@SETTINGS
@given(firm=firms(), min_acc=st.sampled_from([0.0, 0.0, 0.3, 0.6]), objective=st.sampled_from(["total", "fair"]))
def test_optimal_against_brute_force(catalog: Catalog, firm: tuple[list[Tool], list[Worker], list[Workstation]],
                                     min_acc: float, objective: str) -> None:
    kit, people, places = firm
    CATALOG[:] = [catalog]
    result = match(workspace(catalog, kit, people, places), min_accessibility=min_acc,
                   objective=objective)  # type: ignore[arg-type]
    check_valid(result, people, places, min_acc)
    assert result.exact and result.gap == 0.0
    assert achieved(result, objective) == brute(kit, people, places, min_acc, objective)


def test_fair_places_more_and_lifts_the_lowest(catalog: Catalog) -> None:
    """Total prefers one strong pair; fair places both and raises the weaker one."""
    lift = Tool.model_validate({
        "id": "lift", "name": {"en": "l", "nl": "l"}, "category": "lifting_aid", "measure": "technical",
        "iso9999": "24 36", "examples": ["x"], "effects": [{"dimension": "lifting", "boost": 2}],
        "cost_eur": 100, "yearly_eur": 0, "evidence": "strong", "sources": ["https://example.org"]})
    heavy = Workstation(id="heavy", tasks=[{"name": "lift", "share": 1, "demands": {"lifting": 3}}])
    mixed = Workstation(id="mixed", tasks=[{"name": "lift", "share": 0.5, "demands": {"lifting": 4}},
                                           {"name": "read", "share": 0.5, "demands": {"reading": 2}}])
    strong = Worker(id="a", capacities={"lifting": 3, "reading": 0})
    weak = Worker(id="b", capacities={"lifting": 1, "reading": 0})
    ws = workspace(catalog, [lift], [strong, weak], [heavy, mixed])
    total = match(ws, objective="total")
    fair = match(ws, objective="fair")
    assert len(fair.assignments) >= len(total.assignments)
    fair_min = min(a.expected_accessibility_after for a in fair.assignments)
    total_min = min((a.expected_accessibility_after for a in total.assignments), default=0.0)
    assert fair_min >= total_min
    assert total.expected_after_sum >= fair.expected_after_sum


def test_positions_and_ties_go_to_the_cheaper(catalog: Catalog) -> None:
    """Two workers reach 100% either way; the free placement wins the tie."""
    lift = Tool.model_validate({
        "id": "lift", "name": {"en": "l", "nl": "l"}, "category": "lifting_aid", "measure": "technical",
        "iso9999": "24 36", "examples": ["x"], "effects": [{"dimension": "lifting", "boost": 3}],
        "cost_eur": 900, "yearly_eur": 0, "evidence": "strong", "sources": ["https://example.org"]})
    heavy = Workstation(id="heavy", positions=2, tasks=[{"name": "lift", "share": 1, "demands": {"lifting": 3}}])
    desk = Workstation(id="desk", positions=2, tasks=[{"name": "read", "share": 1, "demands": {"reading": 2}}])
    people = [Worker(id="a", capacities={"lifting": 1}), Worker(id="b", capacities={"reading": 1})]
    result = match(workspace(catalog, [lift], people, [heavy, desk]))
    placed = {a.worker: a.workstation for a in result.assignments}
    assert placed == {"a": "desk", "b": "heavy"}
    assert result.cost_eur == 0.0


def test_min_accessibility_leaves_workers_out_and_says_why(demo: Workspace) -> None:
    result = match(demo, min_accessibility=1.0)
    assert all(a.expected_accessibility_after == 1.0 for a in result.assignments)
    for u in result.unassigned:
        assert u.reason
        assert u.best_workstation in demo.workstations


def test_bad_arguments_are_input_errors(demo: Workspace) -> None:
    with pytest.raises(InputError) as info:
        match(demo, min_accessibility=1.5, budget=-1, inventory={"no-such-tool": 1})
    assert len(info.value.problems) == 3


def test_progress_is_reported_up_to_the_total(demo: Workspace) -> None:
    calls: list[tuple[int, int]] = []
    match(demo, progress=lambda done, total: calls.append((done, total)))
    assert calls and calls[-1][0] == calls[-1][1]
    assert [d for d, _ in calls] == sorted(d for d, _ in calls)


def test_contract_keys(demo: Workspace) -> None:
    data = match(demo).to_dict()
    assert {"assignments", "unassigned_workers", "totals"} <= set(data)
    for a in data["assignments"]:
        assert {"worker", "workstation", "tools", "cost_eur", "accessibility_before", "accessibility_after",
                "expected_accessibility_after"} <= set(a)
    assert {"accessibility_after_sum", "cost_eur"} <= set(data["totals"])


@settings(deadline=None)
@given(data=st.data(), rows=st.integers(1, 4), extra=st.integers(0, 2))
def test_lex_assign_breaks_score_ties_by_cost_exactly(data: st.DataObject, rows: int, extra: int) -> None:
    """Scores at the 1e-9 scale where one weight score*BIG-cost would overflow float64; many ties."""
    import numpy as np

    from engine.match.assign import lex_assign

    cols = rows + extra
    score = np.array(data.draw(st.lists(st.lists(st.sampled_from([0, 10**9 - 1, 10**9, 5 * 10**8]),
                                                 min_size=cols, max_size=cols), min_size=rows, max_size=rows)))
    cost = np.array(data.draw(st.lists(st.lists(st.sampled_from([0, 1, 10**7, 10**7 + 1]),
                                                min_size=cols, max_size=cols), min_size=rows, max_size=rows)))
    pairs, exact = lex_assign(score, cost, np.ones(score.shape, dtype=bool))
    assert exact and sorted(i for i, _ in pairs) == list(range(rows))
    got = (sum(int(score[i, j]) for i, j in pairs), -sum(int(cost[i, j]) for i, j in pairs))
    best = max((sum(int(score[i, p[i]]) for i in range(rows)), -sum(int(cost[i, p[i]]) for i in range(rows)))
               for p in itertools.permutations(range(cols), rows))
    assert got == best


@settings(deadline=None)
@given(data=st.data(), rows=st.integers(1, 4), extra=st.integers(0, 2))
def test_lex_assign_reuses_stage_one_only_while_it_stays_optimal(data: st.DataObject, rows: int, extra: int) -> None:
    """A second call with some values lowered (as scoring does) still finds the best (score, -cost)."""
    import numpy as np

    from engine.match.assign import Stage1, lex_assign

    cols = rows + extra
    values = st.sampled_from([0, 3, 5, 10**9])
    score = np.array(data.draw(st.lists(st.lists(values, min_size=cols, max_size=cols), min_size=rows,
                                        max_size=rows)), dtype=np.int64)
    cost = np.array(data.draw(st.lists(st.lists(st.sampled_from([0, 1, 7]), min_size=cols, max_size=cols),
                                       min_size=rows, max_size=rows)), dtype=np.int64)
    full = np.ones(score.shape, dtype=bool)
    memo: list[Stage1] = []
    lex_assign(score, cost, full, memo=memo)
    first = memo[0]
    lowered = score.copy()
    for i, j in data.draw(st.lists(st.tuples(st.integers(0, rows - 1), st.integers(0, cols - 1)), max_size=3)):
        lowered[i, j] = data.draw(st.integers(0, int(lowered[i, j])))
    pairs, _ = lex_assign(lowered, cost, full, memo=memo)
    on = np.arange(rows)
    kept = bool((lowered[on, first.match] == score[on, first.match]).all())
    assert (memo[0].match is first.match) == kept  # reused exactly when still optimal
    got = (sum(int(lowered[i, j]) for i, j in pairs), -sum(int(cost[i, j]) for i, j in pairs))
    best = max((sum(int(lowered[i, p[i]]) for i in range(rows)), -sum(int(cost[i, p[i]]) for i in range(rows)))
               for p in itertools.permutations(range(cols), rows))
    assert got == best


@SETTINGS
@given(firm=firms())
def test_bounds_never_undercut_the_exact_scores(catalog: Catalog,
                                                firm: tuple[list[Tool], list[Worker], list[Workstation]]) -> None:
    """Score bound >= exact score; where equal, cost bound <= exact cost; 'exact' pairs really are."""
    from engine.match.pairs import PairTable

    _, people, places = firm
    table = PairTable(workspace(catalog, *firm).catalog, people, places)
    bounds = table.bounds()
    for p in range(len(table.representative)):
        for s in range(len(places)):
            best = table.best(p, s)
            assert best.score <= bounds.score[p, s]
            assert bounds.base[p, s] == to_units(best.baseline.expected_accessibility)  # whole points
            if best.score == bounds.score[p, s]:
                assert round(best.best.cost_eur * 100) >= bounds.cost[p, s]  # total cost, cents
            if bounds.exact[p, s]:
                assert best.score == bounds.score[p, s] and best.best.cost_eur == 0


@SETTINGS
@given(firm=firms(), budget=st.sampled_from([0.0, 100.0, 400.0, 5000.0]))
def test_the_cost_staircase_never_undercuts_a_setup(catalog: Catalog, firm: tuple[list[Tool], list[Worker],
                                                                                   list[Workstation]],
                                                    budget: float) -> None:
    """Every set-up within the budget lies on or below its pair's staircase: no more points for less money.

    The shared-budget relaxation prices unscored pairs by the staircase, so its bound is valid only if
    this holds for every non-dominated set-up (the frontier): points <= the highest step it can afford.
    """
    from engine.match.pairs import PairTable

    _, people, places = firm
    table = PairTable(workspace(catalog, *firm).catalog, people, places, budget=budget)
    stairs = table.bounds().stairs
    assert stairs is not None
    for p in range(len(table.representative)):
        for s in range(len(places)):
            for x in table.frontier(p, s):
                if not x.tools:
                    continue
                points = round(x.expected_accessibility * 100)
                cost = round(x.cost_eur * 100)
                affordable = stairs.points[p, s][stairs.cents[p, s] <= cost]
                assert points <= int(affordable.max(initial=0)), (x, stairs.points[p, s], stairs.cents[p, s])


def test_unplaced_reasons_are_true(catalog: Catalog) -> None:
    """Hours that fit nowhere are named as such; with as many positions as workers, no 'fewer positions'."""
    lift = Workstation(id="lift", hours_per_week=38, tasks=[{"name": "lift", "share": 0.5, "demands": {"lifting": 2}},
                                                            {"name": "sweep", "share": 0.5}])
    read = Workstation(id="read", hours_per_week=38, tasks=[{"name": "read", "share": 1, "demands": {"reading": 3}}])
    part_time = Worker(id="p", hours_per_week=10)
    strong = Worker(id="s", capacities={"reading": 0})
    weak = Worker(id="w", capacities={"lifting": 1, "reading": 0})
    result = match(workspace(catalog, [], [part_time], [lift]))
    [u] = result.unassigned
    assert "can work 10 hours a week and every workstation needs more" in u.reason
    result = match(workspace(catalog, [], [strong, weak], [lift, read]))
    assert [(a.worker, a.workstation) for a in result.assignments] == [("s", "lift")]
    [u] = result.unassigned
    assert u.worker == "w" and "fewer positions than workers" not in u.reason
    assert "went to others who reach more there" in u.reason
