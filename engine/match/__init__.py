"""Provides batch matching: workers to workstation positions, each with the set-up of tools to buy.

The layers, bottom up: `results` (the result types and their JSON),
`stairs` and `pairs` (pair scores, their cheap bounds and cost staircases),
`assign` (the lazy exact assignment without a shared budget), `choice`,
`repair`, `milp`, `lagrange` and `budget` (one shared budget), `report` (assignment rows and why workers are
unplaced) and `solve` (the entry point, `match`). Callers import from here.
"""

from __future__ import annotations

from engine.match.results import (
    OBJECTIVES,
    Assignment,
    MatchResult,
    Objective,
    Unplaced,
    assignment_dict,
    gap_dict,
    result_dict,
)
from engine.match.solve import PROGRESS_TOTAL, load_inventory, match

__all__ = [
    "OBJECTIVES",
    "PROGRESS_TOTAL",
    "Assignment",
    "MatchResult",
    "Objective",
    "Unplaced",
    "assignment_dict",
    "gap_dict",
    "load_inventory",
    "match",
    "result_dict",
]
