"""Demo pairs worked out by hand from the YAML files, checked against the engine."""

from __future__ import annotations

import pytest

from engine.loader import Workspace
from engine.recommend import recommend


def test_shoulder_worker_at_lamp_assembly(demo: Workspace) -> None:
    # w-002 has overhead_work 1; the only demand above a capacity is overhead_work 3 in
    # "Hang finished lamps on the overhead test rail" (share 0.10), so 90% is accessible.
    # Demand levels weighted by share: 0.45*14 + 0.10*4 + 0.15*7 + 0.10*8 + 0.20*6 = 9.75;
    # unmet 0.10*2 = 0.2, so coverage is 1 - 0.2/9.75.
    rec = recommend(demo.catalog, demo.workers["w-002"], demo.workstations["ws-lamp-assembly"])
    assert rec.baseline.accessibility == pytest.approx(0.9)
    assert rec.baseline.coverage == pytest.approx(1 - 0.2 / 9.75)
    assert [(g.dimension, g.demand, g.capacity) for g in rec.gaps] == [("overhead_work", 3, 1)]
    # The passive shoulder exoskeleton (+2 in overhead tasks) closes it: 100% for 4,500 EUR.
    # The height-adjustable bench (+1) only narrows it: coverage 1 - 0.1/9.75, cheaper.
    best, second = rec.setups
    assert best.setup.tools == ("exo-shoulder-passive",) and best.setup.cost_eur == 4500
    assert best.setup.accessibility == 1.0 and best.gain == pytest.approx(0.1)
    assert second.setup.tools == ("height-adjustable-workbench",)
    assert second.setup.coverage == pytest.approx(1 - 0.1 / 9.75) and second.gain == 0


def test_back_worker_at_palletising(demo: Workspace) -> None:
    # w-001: lifting 1, trunk_bending 1, carrying 2; acceptance of exoskeletons 0.5.
    # Gaps: stacking (share .5) lifting 4/1, trunk 3/1, carrying 3/2; wrapping (.2) trunk 2/1.
    rec = recommend(demo.catalog, demo.workers["w-001"], demo.workstations["ws-palletising"])
    assert rec.baseline.accessibility == pytest.approx(0.3)
    best, second = rec.setups[:2]
    # Lifter (+3 lifting, +1 carrying, +1 trunk) with the pallet loader (+2 trunk): everything.
    assert best.setup.tools == ("pallet-level-loader", "vacuum-tube-lifter")
    assert best.setup.expected_accessibility == 1.0
    # Lifter with a back exoskeleton also reaches 100%, but the exoskeleton stays in use with
    # probability 0.5: expected 0.5*1.0 + 0.5*0.5 (the lifter alone opens wrapping) = 0.75.
    assert second.setup.tools == ("exo-back-passive", "vacuum-tube-lifter")
    assert second.setup.accessibility == 1.0
    assert second.setup.expected_accessibility == pytest.approx(0.75)
    assert second.setup.personal == 1


def test_task_status_agrees_with_the_model(demo: Workspace) -> None:
    from engine.accessibility import evaluate

    for worker in list(demo.workers.values())[::3]:
        for station in demo.workstations.values():
            rec = recommend(demo.catalog, worker, station)
            assert rec.tasks_accessible == evaluate(worker, station, []).accessible
            for view in rec.setups:
                tools = [demo.catalog.tools[t] for t in view.setup.tools]
                assert view.tasks_accessible == evaluate(worker, station, tools).accessible
