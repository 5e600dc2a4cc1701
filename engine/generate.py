"""Provides a seeded generator of synthetic firms (workers and workstations) for scale tests.

Workers are drawn from a handful of archetypes of distance to the labour
market (a back injury, low vision, deafness, a learning disability, autism,
a newcomer learning the language, ...), half of them with a second one, with
noise on each capacity, a few more limitations at random, an occasional
avoided tool category and lower acceptance of body-worn tools.
Workstations are the demo workspace's workstations with noise on the task
demands and the features. The same seed always gives the same firm.
"""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

from catalog import demo_workspace
from engine.atomic import atomic_write_text
from engine.loader import Catalog, load_workspace
from engine.models import MAX_LEVEL, Worker, Workstation
from engine.yamlio import dump_yaml

ARCHETYPES: dict[str, dict[str, int]] = {
    "back": {"lifting": 1, "trunk_bending": 1, "carrying": 2, "kneeling": 2},
    "shoulder": {"overhead_work": 1, "lifting": 2, "repetitive_motion": 2, "grip_strength": 3},
    "low-vision": {"vision": 1, "reading": 1, "colour_vision": 2, "orientation": 3},
    "deaf": {"hearing": 0, "language_comprehension": 2, "speaking": 2},
    "hard-of-hearing": {"hearing": 1, "noise_tolerance": 2, "endurance": 3},
    "learning": {"reading": 1, "writing": 1, "numeracy": 1, "memory": 2, "task_sequencing": 2, "learning": 2},
    "autism": {"noise_tolerance": 1, "social_interaction": 1, "stress_tolerance": 2, "pace": 3},
    "newcomer": {"language_comprehension": 1, "reading": 1, "writing": 1, "speaking": 2},
    "mobility": {"walking": 1, "standing": 1, "kneeling": 0, "carrying": 1, "endurance": 2},
    "hand": {"fine_motor": 2, "grip_strength": 1, "repetitive_motion": 2},
    "psychological": {"stress_tolerance": 1, "pace": 2, "attention": 2, "time_management": 2},
    "brain-injury": {"memory": 1, "attention": 2, "task_sequencing": 1, "orientation": 2, "endurance": 2},
}
"""Capacities typical of each group; dimensions left out are 4."""
COMORBIDITY = 0.5
"""Share of workers with a second group of limitations (common in sheltered work)."""
BODY_WORN = ("exoskeleton",)
"""Categories some workers refuse or keep using less (contract: acceptance)."""
LABELS = ("Operator", "Medewerker", "Werknemer", "Employee")


def _worker(rng: random.Random, number: int, catalog: Catalog) -> Worker:
    kinds = rng.sample(sorted(ARCHETYPES), k=2 if rng.random() < COMORBIDITY else 1)
    caps: dict[str, int] = {}
    for kind in kinds:
        for dim, level in ARCHETYPES[kind].items():
            if dim in catalog.dimensions:
                # Same diagnosis, different people: one level either way now and then.
                noisy = max(0, min(MAX_LEVEL, level + rng.choice((-1, 0, 0, 0, 1))))
                caps[dim] = min(caps.get(dim, MAX_LEVEL), noisy)
    for dim in rng.sample(sorted(catalog.dimensions), k=rng.choice((0, 1, 2, 3))):
        caps.setdefault(dim, rng.choice((1, 2, 2, 3, 3)))
    caps = {d: c for d, c in caps.items() if c < MAX_LEVEL}
    categories = sorted(catalog.vocabulary.categories)
    avoid = [c for c in BODY_WORN if c in categories and rng.random() < 0.1]
    acceptance: dict[str, float] = {}
    for cat in BODY_WORN:
        if cat in categories and cat not in avoid and rng.random() < 0.3:
            acceptance[cat] = rng.choice((0.5, 0.6, 0.8))
    if rng.random() < 0.1:
        acceptance[rng.choice(categories)] = rng.choice((0.6, 0.8, 0.9))
    return Worker(id=f"w-{number:05d}", label=f"{rng.choice(LABELS)} {number}", capacities=caps,
                  avoid_categories=avoid, acceptance=acceptance)


def _station(rng: random.Random, number: int, base: Workstation, catalog: Catalog,
             positions: int | None) -> Workstation:
    tasks = []
    for task in base.tasks:
        demands = {d: max(0, min(MAX_LEVEL, v + rng.choice((-1, 0, 0, 0, 0, 1)))) for d, v in task.demands.items()}
        tasks.append(task.model_copy(update={
            "share": round(task.share * rng.choice((0.8, 1.0, 1.0, 1.2)), 2),
            "demands": {d: v for d, v in demands.items() if v > 0},
        }))
    features = set(base.features)
    for feature in sorted(catalog.vocabulary.features):
        if rng.random() < 0.08:
            features ^= {feature}  # a site has or lacks one more thing
    if "mobile_work" in base.features:
        features.add("mobile_work")
    return base.model_copy(update={
        "id": f"{base.id}-{number:04d}",
        "label": f"{base.label} ({number})",
        "positions": positions if positions is not None else rng.randint(1, 5),
        "features": sorted(features),
        "tasks": tasks,
    })


def generate_firm(catalog: Catalog, workers: int, workstations: int, seed: int = 0,
                  positions: int | None = None) -> tuple[list[Worker], list[Workstation]]:
    """A synthetic firm in memory: `workers` workers and `workstations` workstations.

    `positions` per workstation is fixed when given, else drawn from 1..5.
    """
    rng = random.Random(seed)
    bases = list(load_workspace(demo_workspace(), catalog=catalog).workstations.values())
    people = [_worker(rng, n + 1, catalog) for n in range(workers)]
    places = [_station(rng, n + 1, rng.choice(bases), catalog, positions) for n in range(workstations)]
    return people, places


def _plain(record: Worker | Workstation) -> dict[str, Any]:
    """The record as contract YAML data: defaults and empty fields left out."""
    data = record.model_dump(mode="json", exclude_defaults=True)
    if isinstance(record, Workstation):
        data["tasks"] = [{k: sorted(v) if k == "tags" else v for k, v in t.items()} for t in data["tasks"]]
        data["positions"] = record.positions
    return data


def write_firm(root: Path, catalog: Catalog, workers: int, workstations: int, seed: int = 0,
               positions: int | None = None) -> tuple[int, int]:
    """Write a generated firm as a workspace folder (workers/, workstations/); atomic per file."""
    people, places = generate_firm(catalog, workers, workstations, seed, positions)
    root = Path(root)
    for sub, records in (("workers", people), ("workstations", places)):
        folder = root / sub
        folder.mkdir(parents=True, exist_ok=True)
        for record in records:
            atomic_write_text(folder / f"{record.id}.yaml", dump_yaml(_plain(record)))
    return len(people), len(places)
