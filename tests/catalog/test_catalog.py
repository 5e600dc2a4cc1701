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

REQUIRED_DIMENSIONS = ["lifting", "carrying", "pushing_pulling", "overhead_work", "trunk_bending", "kneeling", "standing", "walking", "fine_motor", "grip_strength", "repetitive_motion", "endurance", "vision", "colour_vision", "hearing", "language_comprehension", "speaking", "reading", "writing", "numeracy", "attention", "memory", "task_sequencing", "learning", "time_management", "orientation", "stress_tolerance", "social_interaction", "noise_tolerance", "pace"]
CATEGORIES = ["cobot", "exoskeleton", "lifting_aid", "ergonomic_workstation", "ar_instructions", "cognitive_support", "translation", "hearing_support", "vision_support", "literacy_support", "sensory_regulation", "mobility_support"]
FEATURES = ["power", "network", "computer", "fixed_bench", "floor_space", "mobile_work", "outdoor"]
TAGS = ["screen", "paperwork", "conversation", "assembly", "picking", "packing", "manual_handling", "overhead", "sorting", "cleaning", "outdoor", "kitchen"]


def test_required_vocabulary(catalog: Catalog) -> None:
    assert list(catalog.dimensions)[:30] == REQUIRED_DIMENSIONS
    assert set(CATEGORIES) <= set(catalog.vocabulary.categories)
    assert set(FEATURES) <= set(catalog.vocabulary.features)
    assert set(TAGS) <= set(catalog.vocabulary.task_tags)
    for label in [*catalog.vocabulary.categories.values(), *catalog.vocabulary.features.values()]:
        assert label.en and label.nl


def test_dimensions_have_icf_and_level_texts(catalog: Catalog) -> None:
    for dim in catalog.dimensions.values():
        assert dim.icf and all(re.fullmatch(r"[bdes]\d+", c) for c in dim.icf)
        for side in (dim.levels.demand, dim.levels.capacity):
            assert len(set(side.en)) == 5 and len(set(side.nl)) == 5
        assert dim.label.en != "" and dim.label.nl != ""


def test_tools_cover_every_category_twice(catalog: Catalog) -> None:
    counts = Counter(t.category for t in catalog.tools.values())
    assert len(catalog.tools) >= 40
    assert {c: counts[c] for c in CATEGORIES if counts[c] < 2} == {}


def test_every_tool_is_complete_and_sourced(catalog: Catalog) -> None:
    for tool in catalog.tools.values():
        assert tool.effects, tool.id
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
