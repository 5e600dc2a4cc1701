"""Provides the chosen (worker, workstation, set-up) triples of a budget solve and their totals.

Shared by the budget solvers (`engine.match.budget`, `engine.match.lagrange`,
`engine.match.milp`): what a choice is, what the chosen set-ups cost when the
firm's own units are used first, and their sum of expected accessibility.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from engine.match.pairs import Setup
from engine.units import score

Choice = tuple[int, int, Setup]
"""(worker index, station index, set-up)."""


@dataclass
class BudgetSolved:
    """The chosen (worker, station, set-up) triples and how good they are proven to be."""

    chosen: list[Choice]
    solver: str
    exact: bool
    bound: float | None
    """Upper bound on the sum of expected accessibility."""
    gap: float
    notes: list[str] = field(default_factory=list)
    stats: dict[str, Any] = field(default_factory=dict)


def paid(chosen: list[Choice], inventory: dict[str, int], prices: dict[str, float]) -> float:
    """What the chosen set-ups cost over the horizon when owned units are used first (what budgets bound).

    Each set-up's `cost_eur` is its total cost (one-off + horizon x yearly);
    an owned unit saves its one-off price (`prices`) only: it still runs its
    yearly cost, as the assignment rows report it (`total_cost_eur`).
    """
    used: dict[str, int] = {}
    for _, _, s in chosen:
        for t in s.tools:
            used[t] = used.get(t, 0) + 1
    owned = sum(prices[t] * min(n, inventory.get(t, 0)) for t, n in used.items())
    return sum(s.cost_eur for _, _, s in chosen) - owned


def expected_sum(chosen: list[Choice]) -> float:
    """The sum of expected accessibility of the chosen set-ups."""
    return score(sum(s.expected_accessibility for _, _, s in chosen))
