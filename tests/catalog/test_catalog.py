"""The bundled catalogue: complete vocabulary, sourced tools, a demo that validates."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import yaml

from catalog import catalog_dir
from engine.loader import Catalog, Workspace
from engine.recommend import recommend

CONTRACT = Path(__file__).resolve().parents[3] / "shared" / "CONTRACT.md"

REQUIRED_DIMENSIONS = ["lifting", "carrying", "pushing_pulling", "overhead_work", "trunk_bending", "kneeling", "standing", "sitting", "walking", "balance", "fine_motor", "bimanual", "grip_strength", "repetitive_motion", "endurance", "climate_tolerance", "vision", "colour_vision", "hearing_speech", "hearing_signals", "language_comprehension", "speaking", "reading", "writing", "numeracy", "first_language", "first_language_reading", "sign_language", "attention", "memory", "task_sequencing", "learning", "time_management", "orientation", "stress_tolerance", "social_interaction", "noise_tolerance", "pace"]
CAPACITY_ONLY = {"first_language": 4, "first_language_reading": 4, "sign_language": 0}
CATEGORIES = ["cobot", "exoskeleton", "lifting_aid", "material_handling", "ergonomic_workstation", "fixtures_jigs", "ar_instructions", "cognitive_support", "translation", "interpreting", "hearing_support", "vision_support", "literacy_support", "sensory_regulation", "mobility_support", "building_access", "safety_monitoring", "organisational_support"]
FEATURES = ["power", "network", "computer", "fixed_bench", "floor_space", "mobile_work", "outdoor", "racking", "step_free"]
TAGS = ["screen", "paperwork", "phone", "conversation", "meeting", "assembly", "fastening", "bench", "inspection", "picking", "packing", "palletising", "manual_handling", "transport", "overhead", "sorting", "cleaning", "outdoor", "kitchen", "machine_operation", "machine_paced", "alarm", "driving", "noisy"]
HAZARDS = ["heights", "moving_machinery", "forklift_traffic", "hot_surfaces", "chemicals", "sharp_tools", "driving", "lone_work"]
RELIABILITY = {"strong": 0.9, "moderate": 0.75, "emerging": 0.5}
WEAK_SOURCES = ("wikipedia", "scribd", "studocu", "yumpu", "researchgate", "preview", "academia.edu", "slideshare")


def test_required_vocabulary(catalog: Catalog) -> None:
    assert list(catalog.dimensions) == REQUIRED_DIMENSIONS
    assert set(CATEGORIES) <= set(catalog.vocabulary.categories)
    assert set(FEATURES) <= set(catalog.vocabulary.features)
    assert set(TAGS) <= set(catalog.vocabulary.task_tags)
    assert set(HAZARDS) <= set(catalog.vocabulary.hazards)
    assert {k: v.reliability for k, v in catalog.vocabulary.evidence.items()} == RELIABILITY
    for label in [*catalog.vocabulary.categories.values(), *catalog.vocabulary.features.values(),
                  *catalog.vocabulary.hazards.values()]:
        assert label.en and label.nl


def test_dimensions_have_icf_sides_defaults_and_level_texts(catalog: Catalog) -> None:
    for dim in catalog.dimensions.values():
        assert dim.icf and all(re.fullmatch(r"[bdes]\d+", c) for c in dim.icf)
        if dim.id in CAPACITY_ONLY:
            assert dim.sides == ["capacity"] and dim.capacity_default == CAPACITY_ONLY[dim.id]
        else:
            assert dim.sides == ["demand", "capacity"] and dim.capacity_default == 4
        for side in (dim.levels.demand, dim.levels.capacity):
            if side is None:
                assert not dim.demandable
                continue
            assert len(set(side.en)) == 5 and len(set(side.nl)) == 5
        assert dim.label.en != "" and dim.label.nl != ""


def test_tools_cover_every_category_three_times(catalog: Catalog) -> None:
    counts = Counter(t.category for t in catalog.tools.values())
    assert len(catalog.tools) >= 80
    assert {c: counts[c] for c in CATEGORIES if counts[c] < 3} == {}


def test_every_tool_is_complete_and_sourced(catalog: Catalog) -> None:
    for tool in catalog.tools.values():
        assert tool.effects or tool.mitigates, tool.id
        assert not any(w in s.lower() for s in tool.sources for w in WEAK_SOURCES), tool.id
        assert tool.sources and all(s.startswith("https://") or s.startswith("http://") for s in tool.sources)
        assert tool.examples and tool.description is not None, tool.id
        assert all(e.dimension in catalog.dimensions for e in tool.effects)
        assert all(c in catalog.tools for c in tool.conflicts_with)
        assert tool.cost_eur > 0 or tool.measure == "organisational", tool.id


def test_tool_files_are_named_by_id() -> None:
    for path in sorted((catalog_dir() / "tools").glob("*.yaml")):
        assert yaml.safe_load(path.read_text())["id"] == path.stem


def test_contract_ids_are_the_ones_in_the_contract() -> None:
    if not CONTRACT.exists():  # the contract lies beside the checkout, not in the package
        return
    text = CONTRACT.read_text()
    for dim in REQUIRED_DIMENSIONS:
        assert f"| {dim} |" in text
    for cat in CATEGORIES:
        assert f"`{cat}`" in text
    for hazard in HAZARDS:
        assert f"`{hazard}`" in text


def test_demo_workspace_is_rich(demo: Workspace) -> None:
    assert len(demo.workers) >= 15 and len(demo.workstations) >= 10
    assert sum(bool(w.avoid_categories) for w in demo.workers.values()) >= 2
    assert sum(bool(w.acceptance) for w in demo.workers.values()) >= 2
    outcomes = Counter()
    for worker in demo.workers.values():
        for station in demo.workstations.values():
            rec = recommend(demo.catalog, worker, station, top=1)
            outcomes["no gaps" if not rec.gaps else "helped" if rec.setups else "nothing helps"] += 1
    assert outcomes["helped"] > outcomes["no gaps"] > 0 and outcomes["nothing helps"] > 0
