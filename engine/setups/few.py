"""Provides the recommended set-ups of a pair with few candidate tools, by scoring every subset.

With a handful of candidates (most demo pairs have one to seven) the branch
and bound's rounds, nodes and bounds cost more than scoring all 2^k
set-ups, which is contract section 5 read literally: every set-up within
the budget and without conflicts, the irredundant ones that no other (the
empty one included) dominates, in set-up order. The numbers come from the
same exact integer model as the search (`PairModel`), so both give the same
answer; the property tests check each against the brute force.
"""

from __future__ import annotations

from engine.setups.model import PairModel, Point, Setup, bits

FEW = 7
"""Up to this many candidate tools, every subset is scored instead of searched (2^7 = 128 set-ups).

Measured on the demo pairs: scoring every subset takes a third of the search at 4 tools, half at 7,
and about as long at 9."""

Key = tuple[int, int, int, int, int, tuple[str, ...]]


def every_subset(model: PairModel, limit: int | None, conflicts: list[int],
                 top: int | None) -> tuple[list[Setup], int]:
    """The first `top` recommended set-ups (None: all) and how many set-ups were scored.

    `conflicts[i]` is the mask of the tools that conflict with tool i; `limit` the budget in cents.
    """
    n = len(model.tools)
    ids = [t.id for t in model.tools]
    scored: dict[int, Point] = {}
    for mask in range(1 << n):
        if any(conflicts[i] & mask for i in bits(mask)):
            continue
        cost = model.cost(mask)
        if limit is not None and cost > limit:
            continue
        atoms = model.atoms_of(mask)
        scored[mask] = (model.ea_points(mask, atoms), model.cv_points(atoms), cost)
    # Dominance compares scores and cost only: one representative of each distinct point suffices.
    points = set(scored.values())
    keys: list[tuple[Key, int]] = []
    for mask, (ea, cv, cost) in scored.items():
        if not mask:
            continue
        # Every subset of a set-up within the budget and without conflicts is scored too.
        if any(scored[mask & ~(1 << i)][0] >= ea and scored[mask & ~(1 << i)][1] >= cv for i in bits(mask)):
            continue  # a tool that counts for nothing: redundant
        if any(b[0] >= ea and b[1] >= cv and b[2] <= cost and b != (ea, cv, cost) for b in points):
            continue  # dominated
        idx = bits(mask)
        key = (-ea, -cv, cost, sum(model.personal[i] for i in idx), len(idx), tuple(sorted(ids[i] for i in idx)))
        keys.append((key, mask))
    keys.sort()
    chosen = keys if top is None else keys[:top]
    return [model.setup(mask) for _, mask in chosen], len(scored) - 1
