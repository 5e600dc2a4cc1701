"""The synthetic firm generator: valid contract files, deterministic per seed."""

from __future__ import annotations

from pathlib import Path

from engine.generate import generate_firm, write_firm
from engine.loader import Catalog, load_workspace


def test_same_seed_same_firm(catalog: Catalog) -> None:
    assert generate_firm(catalog, 30, 8, seed=5) == generate_firm(catalog, 30, 8, seed=5)
    assert generate_firm(catalog, 30, 8, seed=5) != generate_firm(catalog, 30, 8, seed=6)


def test_written_firm_loads_strictly(catalog: Catalog, tmp_path: Path) -> None:
    assert write_firm(tmp_path, catalog, 25, 6, seed=1, positions=3) == (25, 6)
    ws = load_workspace(tmp_path, catalog=catalog)
    assert len(ws.workers) == 25 and len(ws.workstations) == 6
    assert all(s.positions == 3 for s in ws.workstations.values())
    people, places = generate_firm(catalog, 25, 6, seed=1, positions=3)
    assert ws.workers == {w.id: w for w in people}
    assert ws.workstations == {s.id: s for s in places}  # files come back sorted by name


def test_workers_are_varied_and_limited(catalog: Catalog) -> None:
    people, places = generate_firm(catalog, 200, 20, seed=2)
    profiles = {tuple(sorted(w.capacities.items())) for w in people}
    assert len(profiles) > 50
    assert all(w.capacities for w in people)
    assert {s.positions for s in places} <= {1, 2, 3, 4, 5}
