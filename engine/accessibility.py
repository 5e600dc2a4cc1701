"""Provides the accessibility model of contract section 5, for one worker at one workstation.

Everything here follows the contract literally and favours clarity over
speed: `engine.setups` computes the same numbers through bit sets, and the
tests check the two against each other.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import product

from engine.models import MAX_LEVEL, Task, Tool, Worker, Workstation
from engine.units import score


@dataclass(frozen=True)
class Gap:
    """A demand of one task that the worker's capacity does not meet."""

    task_index: int
    """Position of the task in the workstation's task list."""
    task: str
    """The task's name."""
    dimension: str
    """The dimension id."""
    demand: int
    """The task's demand level."""
    capacity: int
    """The worker's capacity level (before tools)."""

    @property
    def size(self) -> int:
        """How many levels are missing."""
        return self.demand - self.capacity


@dataclass(frozen=True)
class Outcome:
    """Accessibility and coverage of one set-up (contract section 5)."""

    accessibility: float
    """Sum of the shares of the tasks the worker can do independently."""
    coverage: float
    """1 - the share-weighted unmet demand levels over all demand levels."""
    accessible: tuple[bool, ...]
    """Per task, whether every demand is met."""


def find_gaps(worker: Worker, station: Workstation) -> list[Gap]:
    """Every (task, dimension) whose demand exceeds the worker's capacity."""
    return [
        Gap(i, task.name, dim, demand, worker.capacity(dim))
        for i, task in enumerate(station.tasks)
        for dim, demand in task.demands.items()
        if demand > worker.capacity(dim)
    ]


def boost_in_task(tool: Tool, dimension: str, task: Task) -> int:
    """The largest boost `tool` gives on `dimension` in `task` (0 if none)."""
    return max(
        (e.boost for e in tool.effects if e.dimension == dimension and e.applies_to(task.tags)),
        default=0,
    )


def effective_capacities(worker: Worker, task: Task, tools: Iterable[Tool]) -> dict[str, int]:
    """The worker's capacity on each demanded dimension of `task` with `tools` in use.

    Boosts do not add up: the largest one on a dimension counts, capped at 4.
    """
    tools = list(tools)
    return {
        dim: min(MAX_LEVEL, worker.capacity(dim) + max((boost_in_task(t, dim, task) for t in tools), default=0))
        for dim in task.demands
    }


def evaluate(worker: Worker, station: Workstation, tools: Iterable[Tool]) -> Outcome:
    """Accessibility and coverage of `station` for `worker` with `tools` in use."""
    tools = list(tools)
    shares = station.shares()
    accessible: list[bool] = []
    unmet_total = 0.0
    demand_total = 0.0
    for share, task in zip(shares, station.tasks, strict=True):
        eff = effective_capacities(worker, task, tools)
        unmet = sum(max(0, demand - eff[dim]) for dim, demand in task.demands.items())
        accessible.append(unmet == 0)
        unmet_total += share * unmet
        demand_total += share * sum(task.demands.values())
    accessibility = sum(s for s, ok in zip(shares, accessible, strict=True) if ok)
    coverage = 1.0 - unmet_total / demand_total if demand_total > 0 else 1.0
    return Outcome(score(accessibility), score(coverage), tuple(accessible))


def expected_accessibility(
    worker: Worker, station: Workstation, tools: Sequence[Tool]
) -> float:
    """The mean accessibility over which tools stay in use (contract section 5).

    Each tool stays in use independently with probability = the worker's
    acceptance of its category. This is the literal 2^k definition; the
    search (`engine.setups`) computes the same in O(k 2^k).
    """
    total = 0.0
    probs = [worker.acceptance_of(t.category) for t in tools]
    for kept in product((False, True), repeat=len(tools)):
        weight = 1.0
        for keep, p in zip(kept, probs, strict=True):
            weight *= p if keep else 1.0 - p
        if weight > 0:
            in_use = [t for t, keep in zip(tools, kept, strict=True) if keep]
            total += weight * evaluate(worker, station, in_use).accessibility
    return score(total)

