"""Provides inclusive job design (contract section 8): new functions carved out of the non-core tasks of jobs.

The layers, bottom up: `problem` (candidates' options on the movable tasks,
in whole cents and micro-hours), `milp` (the exact lexicographic MILP through
HiGHS), `results` (the result types and their JSON), `export` (CSV, XLSX,
JSON) and `solve` (the entry point, `redesign`). Callers import from here.
"""

from __future__ import annotations

from engine.redesign.milp import DEFAULT_TIME_LIMIT
from engine.redesign.problem import DEFAULT_MAX_HOURS, DEFAULT_MIN_HOURS, Instance, build_instance
from engine.redesign.results import Freed, MovedTask, NewFunction, RedesignResult, Unplaced, result_dict
from engine.redesign.solve import STEPS, Progress, default_candidates, plan, redesign, resolve_workers

__all__ = [
    "DEFAULT_MAX_HOURS",
    "DEFAULT_MIN_HOURS",
    "DEFAULT_TIME_LIMIT",
    "STEPS",
    "Freed",
    "Instance",
    "MovedTask",
    "NewFunction",
    "Progress",
    "RedesignResult",
    "Unplaced",
    "build_instance",
    "default_candidates",
    "plan",
    "redesign",
    "resolve_workers",
    "result_dict",
]
