"""Each rule of contract section 5 on a small hand-made catalogue, with the number worked out by hand.

These are the cases the model v2 exists for: captions reach a deaf worker
through reading, translation reaches a newcomer through the first language
and never a deaf worker, a restriction caps the exoskeleton but not the
lifter, the ladder task stays blocked for epilepsy until a platform with rails
removes the hazard, an adjusted norm never reaches a machine-paced line.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from engine.accessibility import Terms, evaluate, expected_accessibility, points, total_cost_cents
from engine.graph import build_graph
from engine.models import Tool, Worker, Workstation
from engine.recommend import recommend_graph

TERMS = Terms(capacity_defaults={"sign_language": 0}, horizon_years=3, language="nl")


def tool(tid: str, *effects: dict[str, Any], **kw: Any) -> Tool:
    return Tool.model_validate({
        "id": tid, "name": {"en": tid, "nl": tid}, "category": kw.pop("category", "cobot"),
        "measure": kw.pop("measure", "technical"), "iso9999": "28 21", "examples": ["x"], "effects": list(effects),
        "cost_eur": kw.pop("cost_eur", 100), "yearly_eur": kw.pop("yearly_eur", 0),
        "evidence": kw.pop("evidence", "strong"), "sources": ["https://example.org"], **kw})


CAPTIONS = tool("captions", {"dimension": "hearing_speech", "via": "reading", "up_to": 3, "task_tags": ["meeting"]},
                category="hearing_support", requires={"capacities": {"vision": 2}})
EARPIECE = tool("earpiece", {"dimension": "language_comprehension", "via": "first_language", "up_to": 2,
                             "task_tags": ["conversation"]},
                category="translation", requires={"capacities": {"hearing_speech": 2}})
EXO = tool("exo", {"dimension": "lifting", "boost": 2}, category="exoskeleton", measure="personal")
LIFTER = tool("lifter", {"dimension": "lifting", "lower": 3}, category="lifting_aid", cost_eur=9000)
PLATFORM = tool("platform", {"dimension": "balance", "lower": 1}, mitigates=["heights"], category="safety_monitoring")
ALARM = tool("alarm", {"dimension": "hearing_signals", "lower": 2, "task_tags": ["alarm"]},
             category="safety_monitoring")
NORM = tool("norm", {"dimension": "pace", "lower": 2, "task_tags": ["assembly"], "except_task_tags": ["machine_paced"]},
            category="organisational_support", measure="organisational", yearly_eur=1000)


def station(*tasks: dict[str, Any]) -> Workstation:
    return Workstation.model_validate({"id": "s", "features": ["power"], "tasks": list(tasks)})


def test_captions_reach_a_deaf_worker_through_reading() -> None:
    deaf = Worker(id="d", capacities={"hearing_speech": 0, "reading": 3}, first_language="vgt")
    place = station({"name": "toolbox talk", "share": 1, "tags": ["meeting"], "demands": {"hearing_speech": 3}})
    graph = build_graph(deaf, place, [CAPTIONS, EARPIECE], TERMS)
    [edge] = graph.edges
    assert (edge.tool, edge.kind, edge.via, edge.reduction, edge.closes) == ("captions", "via", "reading", 3, True)
    assert evaluate(deaf, place, [CAPTIONS], TERMS).accessibility == 1
    # With reading 2 the captions reach only level 2 of 3: a via never exceeds the other channel.
    weak = deaf.model_copy(update={"capacities": {"hearing_speech": 0, "reading": 2}})
    assert build_graph(weak, place, [CAPTIONS], TERMS).edges[0].reduction == 2


def test_translation_serves_the_newcomer_and_never_the_deaf_worker() -> None:
    place = station({"name": "talk", "share": 1, "tags": ["conversation"], "demands": {"language_comprehension": 2}})
    newcomer = Worker(id="n", capacities={"language_comprehension": 1}, first_language="ar")
    assert evaluate(newcomer, place, [EARPIECE], TERMS).accessibility == 1
    native = Worker(id="v", capacities={"language_comprehension": 1})  # first language = the workplace's
    graph = build_graph(native, place, [EARPIECE], TERMS)
    assert not graph.tools and [e.reason for e in graph.excluded] == ["first_language"]
    deaf = Worker(id="d", capacities={"language_comprehension": 1, "hearing_speech": 0}, first_language="vgt")
    graph = build_graph(deaf, place, [EARPIECE], TERMS)
    assert not graph.tools and [e.reason for e in graph.excluded] == ["capacity"]
    assert "needs hearing_speech 2 (the worker has 0)" in graph.excluded[0].detail


def test_a_restriction_caps_the_exoskeleton_but_not_the_lifter() -> None:
    back = Worker(id="b", capacities={"lifting": 3}, restrictions={"lifting": 1})
    place = station({"name": "stack", "share": 1, "tags": ["manual_handling"], "demands": {"lifting": 3}})
    graph = build_graph(back, place, [EXO, LIFTER], TERMS)
    [gap] = graph.gaps
    assert (gap.capacity, gap.size, gap.restricted) == (1, 2, True)  # c = min(3, 1)
    # At the limit already: the exoskeleton's boost gives min(1 + 2, 4, 1) - 1 = 0, so it is no candidate.
    [lifter] = graph.edges
    assert (lifter.tool, lifter.reduction, lifter.closes) == ("lifter", 3, True)
    # Below the limit: capacity 0, restriction 1: the boost stops at the limit, one level, and says so.
    weaker = Worker(id="w", capacities={"lifting": 0}, restrictions={"lifting": 1})
    exo, lifter = build_graph(weaker, place, [EXO, LIFTER], TERMS).edges
    assert (exo.tool, exo.reduction, exo.capped, exo.closes) == ("exo", 1, True, False)
    assert evaluate(back, place, [EXO], TERMS).accessibility == 0
    assert evaluate(back, place, [LIFTER], TERMS).accessibility == 1


def test_the_ladder_stays_blocked_for_epilepsy_until_the_hazard_goes() -> None:
    epilepsy = Worker(id="e", contraindications=["heights"])
    place = station({"name": "ladder", "share": 0.25, "hazards": ["heights"], "demands": {"balance": 2}},
                    {"name": "bench", "share": 0.75, "demands": {"fine_motor": 2}})
    out = evaluate(epilepsy, place, [ALARM], TERMS)
    assert out.blocked == (True, False) and out.accessibility == Fraction(3, 4)
    assert out.coverage == Fraction(3, 4)  # a blocked task covers nothing
    lifted = evaluate(epilepsy, place, [PLATFORM], TERMS)
    assert lifted.blocked == (False, False) and lifted.accessibility == 1
    rec = recommend_graph(build_graph(epilepsy, place, [ALARM, PLATFORM], TERMS))
    assert [v.setup.tools for v in rec.setups] == [("platform",)]
    assert [(u.block.task, u.by) for u in rec.setups[0].unblocks] == [("ladder", "platform")]


def test_an_adjusted_norm_never_reaches_a_machine_paced_line() -> None:
    slow = Worker(id="s", capacities={"pace": 1})
    place = station({"name": "line", "share": 0.5, "tags": ["assembly", "machine_paced"], "demands": {"pace": 3}},
                    {"name": "bench", "share": 0.5, "tags": ["assembly"], "demands": {"pace": 3}})
    assert evaluate(slow, place, [NORM], TERMS).accessible == (False, True)


def test_expected_accessibility_and_total_cost_by_hand() -> None:
    back = Worker(id="b", capacities={"lifting": 1}, acceptance={"lifting_aid": 0.8})
    place = station({"name": "stack", "share": 0.6, "demands": {"lifting": 3}}, {"name": "sort", "share": 0.4})
    # The lifter works with p = 0.8 x 0.9 (strong): 0.4 + 0.6 x 0.72 = 0.832.
    assert expected_accessibility(back, place, [LIFTER], TERMS) == Fraction(832, 1000)
    assert points(Fraction(832, 1000)) == 83
    assert total_cost_cents([LIFTER, NORM], TERMS) == 900_000 + 10_000 + 3 * 100_000
