"""The set-up search and the batch match stop at their time budget with exact: false and the best found."""

from __future__ import annotations

import random
import time

import pytest

from engine.graph import build_graph
from engine.loader import Workspace
from engine.match import match
from engine.match.pairs import PairTable
from engine.models import Worker, Workstation
from engine.setups import search_setups


def big_station(demo: Workspace, n_tasks: int, seed: int = 0) -> Workstation:
    """A workstation of `n_tasks` tasks drawn from the demo's, with a level of noise on the demands."""
    rng = random.Random(seed)
    base = [t for s in demo.workstations.values() for t in s.tasks]
    tasks = []
    for i in range(n_tasks):
        t = rng.choice(base)
        demands = {d: max(0, min(4, v + rng.choice((-1, 0, 0, 1)))) for d, v in t.demands.items()}
        tasks.append(t.model_copy(update={"name": f"{t.name} {i}", "demands": demands}))
    features = sorted({f for s in demo.workstations.values() for f in s.features})
    return Workstation(id="big", features=features, tasks=tasks)


def level_two(demo: Workspace) -> Worker:
    return Worker(id="two", capacities={d: 2 for d in demo.catalog.dimensions})


def test_the_search_stops_at_its_time_limit_with_the_best_so_far(demo: Workspace) -> None:
    graph = build_graph(level_two(demo), big_station(demo, 120), list(demo.catalog.tools.values()), demo.terms())
    start = time.monotonic()
    result = search_setups(graph, top=5, time_limit=0.05)
    # Generous: the point is that it stops near the budget, not after the node limit (2 M nodes).
    assert time.monotonic() - start < 10
    assert not result.exact
    assert result.nodes < 2_000_000


def test_the_batch_match_threads_the_time_limit_and_says_exact_false(demo: Workspace) -> None:
    station = big_station(demo, 120)
    worker = level_two(demo)
    table = PairTable(demo.catalog, [worker], [station], terms=demo.terms(), time_limit=0.05)
    assert not table.best(0, 0).exact and not table.exact
    ws = Workspace(None, demo.catalog, {worker.id: worker}, {station.id: station})
    result = match(ws, time_limit=0.05)
    assert result.exact is False and result.to_dict()["exact"] is False
    assert any("time limit" in note for note in result.notes)
    # The best set-up found in time is still used: the worker is placed.
    assert [a.worker for a in result.assignments] == ["two"]


def test_the_demo_stays_exact_under_the_default_budget(demo: Workspace) -> None:
    assert match(demo).exact


def test_match_cli_passes_time_limit(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    import engine.match
    from cli.main import main

    seen: dict[str, object] = {}
    real = engine.match.match

    def spy(*args: object, **kwargs: object) -> object:
        seen.update(kwargs)
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(engine.match, "match", spy)
    assert main(["match", "--quiet", "--format", "json", "--time-limit", "2.5"]) == 0
    assert seen["time_limit"] == 2.5
    capsys.readouterr()


@pytest.mark.parametrize("value", ["0", "-1", "nan", "inf", "x"])
def test_a_bad_time_limit_is_a_usage_error(value: str, capsys: pytest.CaptureFixture[str]) -> None:
    from cli.main import main

    with pytest.raises(SystemExit) as info:
        main(["match", "--time-limit", value])
    assert info.value.code == 2
    assert "--time-limit" in capsys.readouterr().err


def test_the_cli_default_is_the_engine_default() -> None:
    from cli.commands.match import TIME_LIMIT as CLI_DEFAULT
    from engine.setups import TIME_LIMIT

    assert CLI_DEFAULT == TIME_LIMIT
