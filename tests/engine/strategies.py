"""Provides Hypothesis strategies for small random catalogues, workers and workstations (model v2).

The catalogues use every effect kind (boost, lower, via, via a first
language), requirements, conflicts, `mitigates`, yearly costs and the three
evidence levels; workers have restrictions, contraindications, first
languages and acceptance; tasks have tags and hazards.
"""

from __future__ import annotations

from engine.accessibility import Terms
from engine.models import Effect, Requirements, Task, Text, Tool, Worker, Workstation
from tests.built_once import st

DIMS = ["lifting", "reading", "hearing_speech", "memory"]
VIA = ["reading", "first_language", "sign_language", "memory"]
CAPACITY_ONLY = ["first_language", "sign_language"]
TAGS = ["assembly", "paperwork", "conversation"]
FEATURES = ["power", "fixed_bench"]
CATEGORIES = ["cobot", "exoskeleton", "cognitive_support"]
HAZARDS = ["heights", "chemicals"]
COSTS = [0.0, 50.0, 100.0, 300.0, 1000.0]
YEARLY = [0.0, 0.0, 20.0, 150.0]
TERMS = Terms(capacity_defaults={"sign_language": 0}, horizon_years=3, language="nl")


@st.composite
def effects(draw: st.DrawFn) -> Effect:
    """One effect of any kind."""
    kind = draw(st.sampled_from(["boost", "lower", "via"]))
    tags = draw(st.one_of(st.none(), st.frozensets(st.sampled_from(TAGS), min_size=1, max_size=2)))
    dim = draw(st.sampled_from(DIMS))
    if kind == "via":
        via = draw(st.sampled_from([v for v in VIA if v != dim]))
        return Effect(dimension=dim, via=via, up_to=draw(st.integers(1, 4)), task_tags=tags)
    return Effect(dimension=dim, task_tags=tags, **{kind: draw(st.integers(1, 3))})


@st.composite
def tools(draw: st.DrawFn, max_tools: int = 6) -> list[Tool]:
    """A small random catalogue, conflicts and mitigations included."""
    n = draw(st.integers(1, max_tools))
    ids = [f"t{i}" for i in range(n)]
    out = []
    for tid in ids:
        measure = draw(st.sampled_from(["technical", "organisational", "personal"]))
        others = [i for i in ids if i != tid]
        out.append(Tool(
            id=tid,
            name=Text(en=tid, nl=tid),
            category=draw(st.sampled_from(CATEGORIES)),
            measure=measure,
            iso9999="28 21",
            examples=["x"],
            effects=draw(st.lists(effects(), min_size=1, max_size=3)),
            requires=Requirements(
                features=draw(st.lists(st.sampled_from(FEATURES), max_size=1, unique=True)),
                capacities=draw(st.dictionaries(st.sampled_from(DIMS + CAPACITY_ONLY), st.integers(0, 2), max_size=1)),
                first_language_other=draw(st.booleans()),
            ),
            mitigates=[] if measure == "personal" else draw(st.lists(st.sampled_from(HAZARDS), max_size=1, unique=True)),
            conflicts_with=draw(st.lists(st.sampled_from(others), max_size=1, unique=True)) if others else [],
            cost_eur=draw(st.sampled_from(COSTS)),
            yearly_eur=draw(st.sampled_from(YEARLY)),
            evidence=draw(st.sampled_from(["strong", "moderate", "emerging"])),
            sources=["https://example.org"],
        ))
    return out


@st.composite
def workers(draw: st.DrawFn) -> Worker:
    """A worker with capacities, restrictions, contraindications, a first language and acceptance."""
    return Worker(
        id="w",
        capacities=draw(st.dictionaries(st.sampled_from(DIMS + CAPACITY_ONLY), st.integers(0, 4))),
        restrictions=draw(st.dictionaries(st.sampled_from(DIMS), st.integers(0, 3), max_size=1)),
        contraindications=draw(st.lists(st.sampled_from(HAZARDS), max_size=1, unique=True)),
        first_language=draw(st.sampled_from([None, "nl", "ar"])),
        avoid_categories=draw(st.lists(st.sampled_from(CATEGORIES), max_size=1, unique=True)),
        acceptance=draw(st.dictionaries(st.sampled_from(CATEGORIES), st.sampled_from([0.0, 0.5, 0.6, 0.8, 1.0]),
                                        max_size=2)),
        hours_per_week=draw(st.sampled_from([None, 20.0, 38.0])),
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
            hazards=st.lists(st.sampled_from(HAZARDS), max_size=1, unique=True),
        ),
        min_size=1, max_size=3,
    ))
    return Workstation(
        id="s",
        features=draw(st.lists(st.sampled_from(FEATURES), unique=True)),
        tasks=tasks,
        hours_per_week=draw(st.sampled_from([None, 20.0, 38.0])),
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
