"""Provides Hypothesis strategies for small random catalogues, workers and workstations."""

from __future__ import annotations

from hypothesis import strategies as st

from engine.models import Effect, Requirements, Task, Text, Tool, Worker, Workstation

DIMS = ["lifting", "reading", "hearing", "memory"]
TAGS = ["assembly", "paperwork", "conversation"]
FEATURES = ["power", "fixed_bench"]
CATEGORIES = ["cobot", "exoskeleton", "cognitive_support"]
COSTS = [0.0, 50.0, 100.0, 300.0, 1000.0]


@st.composite
def tools(draw: st.DrawFn, max_tools: int = 7) -> list[Tool]:
    """A small random catalogue, conflicts included."""
    n = draw(st.integers(1, max_tools))
    ids = [f"t{i}" for i in range(n)]
    out = []
    for tid in ids:
        effects = draw(st.lists(
            st.builds(
                Effect,
                dimension=st.sampled_from(DIMS),
                boost=st.integers(1, 3),
                task_tags=st.one_of(st.none(), st.frozensets(st.sampled_from(TAGS), min_size=1, max_size=2)),
            ),
            min_size=1, max_size=3,
        ))
        others = [i for i in ids if i != tid]
        out.append(Tool(
            id=tid,
            name=Text(en=tid, nl=tid),
            category=draw(st.sampled_from(CATEGORIES)),
            measure=draw(st.sampled_from(["technical", "organisational", "personal"])),
            iso9999="28 21",
            examples=["x"],
            effects=effects,
            requires=Requirements(
                features=draw(st.lists(st.sampled_from(FEATURES), max_size=1, unique=True)),
                capacities=draw(st.dictionaries(st.sampled_from(DIMS), st.integers(0, 2), max_size=1)),
            ),
            conflicts_with=draw(st.lists(st.sampled_from(others), max_size=1, unique=True)) if others else [],
            cost_eur=draw(st.sampled_from(COSTS)),
            yearly_eur=0,
            evidence="moderate",
            sources=["https://example.org"],
        ))
    return out


@st.composite
def workers(draw: st.DrawFn) -> Worker:
    """A worker with random capacities, avoided categories and acceptance."""
    return Worker(
        id="w",
        capacities=draw(st.dictionaries(st.sampled_from(DIMS), st.integers(0, 4))),
        avoid_categories=draw(st.lists(st.sampled_from(CATEGORIES), max_size=1, unique=True)),
        acceptance=draw(st.dictionaries(st.sampled_from(CATEGORIES), st.sampled_from([0.0, 0.5, 0.8, 1.0]),
                                        max_size=2)),
    )


@st.composite
def stations(draw: st.DrawFn) -> Workstation:
    """A workstation with one to three tasks."""
    tasks = draw(st.lists(
        st.builds(
            Task,
            name=st.sampled_from(["a", "b", "c", "d"]),
            share=st.sampled_from([0.1, 0.2, 0.3, 0.5]),
            tags=st.frozensets(st.sampled_from(TAGS), max_size=2),
            demands=st.dictionaries(st.sampled_from(DIMS), st.integers(0, 4), max_size=3),
        ),
        min_size=1, max_size=3,
    ))
    return Workstation(
        id="s",
        features=draw(st.lists(st.sampled_from(FEATURES), unique=True)),
        tasks=tasks,
    )


Firm = tuple[list[Tool], list[Worker], list[Workstation]]


@st.composite
def firms(draw: st.DrawFn, max_workers: int = 4, max_stations: int = 3) -> Firm:
    """A small random firm with its own small random catalogue; positions up to 2."""
    kit = draw(tools(max_tools=5))
    people = [w.model_copy(update={"id": f"w{i}"})
              for i, w in enumerate(draw(st.lists(workers(), min_size=1, max_size=max_workers)))]
    places = [s.model_copy(update={"id": f"s{i}", "positions": draw(st.integers(1, 2))})
              for i, s in enumerate(draw(st.lists(stations(), min_size=1, max_size=max_stations)))]
    return kit, people, places
