"""Provides the repair of a batch answer to fit one shared budget, and the better of two answers.

Used by the shared-budget solvers (`engine.match.lagrange`, `engine.match.budget`):
an answer over the budget is cut (cheaper set-ups where they cost the least
accessibility per euro, or for the fair objective where the set-up stays
highest), and money left over is spent on upgrades.
"""

from __future__ import annotations

from collections.abc import Callable

from engine.match.choice import Choice, expected_sum, paid
from engine.match.pairs import Setup
from engine.units import within_budget

EPSILON_EUR = 1e-9
"""Stands in for a cost of zero when dividing by a cost (a free move is worth the most)."""

Options = Callable[[int, int], list[Setup]]
"""The set-ups a (worker, station) pair may take."""


def better(a: list[Choice], b: list[Choice]) -> list[Choice]:
    """The better of two answers: the larger sum, then the lower cost (`a` on a tie)."""
    key_a = (expected_sum(a), -sum(s.cost_eur for *_, s in a))
    key_b = (expected_sum(b), -sum(s.cost_eur for *_, s in b))
    return b if key_b > key_a else a


def repair(chosen: list[Choice], options: Options, budget: float, inventory: dict[str, int],
           prices: dict[str, float], objective: str) -> list[Choice]:
    """A feasible answer near `chosen`: cheapen set-ups until within budget, then spend what is left.

    Total: cut where the least accessibility is lost per euro, upgrade where
    the most is gained per euro. Fair: cut where the set-up stays the
    highest, upgrade the lowest placements first, so the floor stays up.
    """
    current = {(i, s): x for i, s, x in chosen}
    known = {key: options(*key) for key in current}

    def total() -> float:
        return paid([(i, s, x) for (i, s), x in current.items()], inventory, prices)

    while not within_budget(total(), budget) and current:
        moves: list[tuple[float, tuple[int, int], Setup | None]] = []
        for key, x in current.items():
            for y in known[key]:
                if y.cost_eur < x.cost_eur:
                    loss = (x.expected_accessibility - y.expected_accessibility) / (x.cost_eur - y.cost_eur)
                    moves.append((-y.expected_accessibility if objective == "fair" else loss, key, y))
            if objective == "total":  # dropping a worker entirely is a move too (not for fair: count first)
                moves.append((x.expected_accessibility / max(x.cost_eur, EPSILON_EUR), key, None))
        if not moves:
            break
        _, key, down = min(moves, key=lambda mv: (mv[0], mv[1]))
        if down is None:
            del current[key]
        else:
            current[key] = down
    if not within_budget(total(), budget):
        # Only dropping helps now (fair): drop the dearest placements first.
        for key in sorted(current, key=lambda k: -current[k].cost_eur):
            if within_budget(total(), budget):
                break
            cheaper = [y for y in known[key] if y.cost_eur == 0]
            if cheaper:
                current[key] = cheaper[0]
            else:
                del current[key]
    improved = True
    while improved:
        improved = False
        left = budget - total()
        ups: list[tuple[float, tuple[int, int], Setup]] = []
        for key, x in current.items():
            for y in known[key]:
                extra = y.cost_eur - x.cost_eur
                if y.expected_accessibility > x.expected_accessibility and extra <= left:
                    gain = (y.expected_accessibility - x.expected_accessibility) / max(extra, EPSILON_EUR)
                    ups.append((-x.expected_accessibility if objective == "fair" else gain, key, y))
        for _, key, y in sorted(ups, key=lambda mv: (-mv[0], mv[1])):
            old = current[key]
            current[key] = y
            if within_budget(total(), budget):
                improved = True
                break
            current[key] = old
    return [(i, s, x) for (i, s), x in sorted(current.items())]
