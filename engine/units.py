"""Provides the engine's units: the rounding scale of scores, money in cents, the budget tolerance.

Scores (accessibility, coverage, expected accessibility and their sums) are
kept to `DECIMALS` decimals: the same number summed in another order differs
by about 1e-16, and rounding makes equal things compare equal. The batch
solvers work on the same scale as integers (`to_units`). Money is in euro
with cents (`money`), or in whole cents (`cents`) where it must be exact.
"""

from __future__ import annotations

DECIMALS = 9
"""Decimals kept of every score; sums in another order differ by about 1e-16."""
SCALE: int = 10**DECIMALS
"""Integer score units per 1.0: scores as integers in units of 1e-9."""
CENTS_PER_EUR = 100
"""Money is kept to the cent."""
BUDGET_TOLERANCE = 1e-6
"""Euro by which a float sum of prices may exceed a budget and still count as within it.

Prices and budgets are amounts to the cent, but their float sums carry
rounding errors of about 1e-12 per euro: without a tolerance a set-up of
exactly the budget could be refused. A millionth of a euro absorbs those
errors (and HiGHS's feasibility tolerance on the budget row) while staying
far below a cent, so nothing a whole cent over budget ever passes.
"""


def score(value: float) -> float:
    """A score rounded to the engine's scale."""
    return round(value, DECIMALS)


def to_units(value: float) -> int:
    """A score or share in integer units of 1e-9."""
    return round(value * SCALE)


def from_units(units: float) -> float:
    """A score back from (integer or float) units of 1e-9."""
    return units / SCALE


def money(eur: float) -> float:
    """An amount in euro rounded to the cent."""
    return round(eur, 2)


def cents(eur: float) -> int:
    """An amount in euro as whole cents."""
    return round(eur * CENTS_PER_EUR)


def within_budget(cost: float, budget: float) -> bool:
    """Whether `cost` (a float sum of prices) is within `budget`, up to BUDGET_TOLERANCE."""
    return cost <= budget + BUDGET_TOLERANCE
