"""Practitioner case law: what published practice expects, run against the bundled catalogue.

Each case in `cases.yaml` is a worker, a workstation and what must or must
not happen there, with one line of provenance (JAN, VDAB, DGUV, HSE, ...). A
catalogue edit that breaks practice (a translation app for a deaf signer, a
stool for a wheelchair user, an exoskeleton past a lifting restriction) fails
here, naming the case.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from engine.accessibility import exact
from engine.graph import GapToolGraph, build_graph
from engine.loader import Catalog
from engine.models import Worker, Workstation
from engine.recommend import Recommendation, recommend_graph

CASES: list[dict[str, Any]] = yaml.safe_load((Path(__file__).parent / "cases.yaml").read_text())["cases"]
KEYS = {"never_closed", "never_tools", "never_categories", "closable", "stays_blocked", "unblockable", "capped_at",
        "best_accessibility_at_most", "never_unblocked_by"}


def _pair(case: dict[str, Any]) -> tuple[Worker, Workstation]:
    worker = Worker.model_validate({"id": "w-case", **case["worker"]})
    station = Workstation.model_validate({"id": "ws-case", **case["workstation"]})
    return worker, station


def _gap_index(graph: GapToolGraph, task: str, dimension: str) -> int:
    for i, g in enumerate(graph.gaps):
        if g.task == task and g.dimension == dimension:
            return i
    raise AssertionError(f"the case expects a gap on {dimension} in {task!r}, but there is none")


def _task_index(station: Workstation, name: str) -> int:
    return [t.name for t in station.tasks].index(name)


def test_cases_are_many_and_well_formed() -> None:
    assert len(CASES) >= 30
    assert len({c["id"] for c in CASES}) == len(CASES)
    for case in CASES:
        assert case["provenance"].strip() and "https://" in case["provenance"], case["id"]
        assert case["says"].strip(), case["id"]
        assert set(case["expect"]) <= KEYS, case["id"]


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_case(case: dict[str, Any], catalog: Catalog) -> None:
    worker, station = _pair(case)
    graph = build_graph(worker, station, list(catalog.tools.values()), catalog.terms())
    expect = case["expect"]
    category = {t.id: t.category for t in catalog.tools.values()}
    says = f"{case['id']}: {case['says']}"

    for rule in expect.get("never_closed", []):
        gap = _gap_index(graph, rule["task"], rule["dimension"])
        wrong = [e.tool for e in graph.edges_of_gap(gap)
                 if e.closes and e.kind in ("boost", "via") and category[e.tool] in rule["by_categories"]]
        assert not wrong, f"{says} -- closed by {wrong}"
    for rule in expect.get("closable", []):
        gap = _gap_index(graph, rule["task"], rule["dimension"])
        right = [e.tool for e in graph.edges_of_gap(gap) if e.closes and category[e.tool] in rule["by_categories"]]
        assert right, f"{says} -- no tool of {rule['by_categories']} closes it"
    for task in expect.get("stays_blocked", []):
        i = _task_index(station, task)
        blocks = [k for k, b in enumerate(graph.blocks) if b.task_index == i]
        assert blocks, f"{says} -- {task!r} is not blocked at all"
        assert any(not graph.mitigators(k) for k in blocks), f"{says} -- a measure unblocks {task!r}"
    for task in expect.get("unblockable", []):
        i = _task_index(station, task)
        blocks = [k for k, b in enumerate(graph.blocks) if b.task_index == i]
        assert blocks and all(graph.mitigators(k) for k in blocks), f"{says} -- nothing unblocks {task!r}"
    for rule in expect.get("never_unblocked_by", []):
        i = _task_index(station, rule["task"])
        lifts = {t for k, b in enumerate(graph.blocks) if b.task_index == i for t in graph.mitigators(k)}
        assert not lifts & set(rule["by_tools"]), f"{says} -- unblocked by {sorted(lifts & set(rule['by_tools']))}"
    for rule in expect.get("capped_at", []):
        kinds = rule.get("kinds", ["boost", "via"])
        for e in graph.edges:
            gap = graph.gaps[e.gap]
            if gap.dimension == rule["dimension"] and e.kind in kinds:
                assert gap.capacity + e.reduction <= rule["level"], f"{says} -- {e.tool} passes the restriction"

    if {"never_tools", "never_categories", "best_accessibility_at_most"} & expect.keys():
        rec: Recommendation = recommend_graph(graph, top=10)
        used = {t for v in rec.setups for t in v.setup.tools}
        assert not used & set(expect.get("never_tools", [])), f"{says} -- proposed {used & set(expect['never_tools'])}"
        banned = set(expect.get("never_categories", []))
        assert not {t for t in used if category[t] in banned}, f"{says} -- proposed {sorted(used)}"
        if "best_accessibility_at_most" in expect:
            best = rec.best.setup.accessibility if rec.best else rec.baseline.accessibility
            assert best <= exact(expect["best_accessibility_at_most"]), f"{says} -- best reaches {float(best):.0%}"
