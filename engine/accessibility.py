"""Provides the accessibility model of contract section 5 (version 2), literally.

This module is the reference: every rule is written once, in the words of
the contract, in exact arithmetic (`fractions.Fraction`), favouring clarity
over speed. `engine.setups` computes the same numbers through bit sets and
integers; the property tests check the two against each other, so a change of
a rule here without the same change there fails the build.

The rules, in order: base capacity (capacity capped by the restriction), the
gap, feasibility of a tool, the reduction of each effect kind (`boost`,
`via`, `lower`), the set-up's reduction (the largest), blocked tasks and
`mitigates`, accessibility, coverage, expected accessibility under
acceptance x reliability, total cost over the horizon, whole points, and the
set-up order.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from functools import lru_cache
from itertools import product
from typing import Any

from engine.models import MAX_LEVEL, Effect, Task, Tool, Worker, Workstation

DEFAULT_RELIABILITY: dict[str, Fraction] = {
    "strong": Fraction(9, 10), "moderate": Fraction(3, 4), "emerging": Fraction(1, 2),
}
"""Contract section 3; a workspace may override them."""

POINT_SLACK = Fraction(1, 10**6)
"""Points are floor(100 x value + 1e-6): the contract's slack, exact here."""


@lru_cache(maxsize=4096)
def exact(value: float | int) -> Fraction:
    """The number as written: `0.1` is 1/10, not the float nearest to it.

    `repr` of a float is the shortest text that reads back as the same float,
    which is what the user typed in the YAML file. Cached (fractions are
    immutable): parsing the text was most of the time of a small pair.
    """
    return Fraction(value) if isinstance(value, int) else Fraction(repr(float(value)))


def points(value: Fraction) -> int:
    """Whole percentage points, floor(100 x value + 1e-6) (contract section 5)."""
    scaled = 100 * value + POINT_SLACK
    return scaled.numerator // scaled.denominator


def cents(eur: float) -> int:
    """An amount in whole cents (costs are compared in cents)."""
    return round(exact(eur) * 100)


@dataclass(frozen=True)
class Terms:
    """What the model needs beside the worker, the workstation and the tools."""

    capacity_defaults: Mapping[str, int] = field(default_factory=dict)
    """A dimension's capacity when the worker file leaves it out (4 when not listed)."""
    reliability: Mapping[str, Fraction] = field(default_factory=lambda: dict(DEFAULT_RELIABILITY))
    """Per evidence level, the probability that an effect holds once the tool is in use."""
    horizon_years: int = 3
    """Years of yearly costs in the total cost."""
    language: str = "nl"
    """The workplace language (ISO 639)."""

    def with_horizon(self, years: int | None) -> Terms:
        """The same terms over another horizon (None keeps this one)."""
        if years is None:
            return self
        return Terms(self.capacity_defaults, self.reliability, years, self.language)


# ------------------------------------------------------------------ the worker


def rated_capacity(worker: Worker, dimension: str, terms: Terms) -> int:
    """The capacity the worker file gives, or the dimension's capacity_default."""
    return worker.capacity(dimension, terms.capacity_defaults.get(dimension, MAX_LEVEL))


def base_capacity(worker: Worker, dimension: str, terms: Terms) -> int:
    """c = min(capacity, restriction), the restriction 4 when none."""
    return min(rated_capacity(worker, dimension, terms), worker.restriction(dimension))


def first_language_other(worker: Worker, terms: Terms) -> bool:
    """Whether the worker's first language differs from the workplace language."""
    return worker.first_language is not None and worker.first_language != terms.language


def probability(tool: Tool, worker: Worker, terms: Terms) -> Fraction:
    """p = acceptance of the tool's category x reliability of its evidence level."""
    return exact(worker.acceptance_of(tool.category)) * terms.reliability[tool.evidence]


# -------------------------------------------------------------------- the gaps


@dataclass(frozen=True)
class Gap:
    """A demand of one task above the worker's base capacity."""

    task_index: int
    """Position of the task in the workstation's task list."""
    task: str
    """The task's name."""
    dimension: str
    """The dimension id."""
    demand: int
    """The task's demand level."""
    capacity: int
    """The worker's base capacity (after restrictions)."""
    restricted: bool = False
    """Whether a medical restriction is what keeps the capacity below the demand."""

    @property
    def size(self) -> int:
        """g = demand - base capacity: how many levels are missing."""
        return self.demand - self.capacity


@dataclass(frozen=True)
class Block:
    """A task the worker must not do: one of its hazards is a contraindication."""

    task_index: int
    task: str
    hazard: str


def find_gaps(worker: Worker, station: Workstation, terms: Terms) -> list[Gap]:
    """Every (task, dimension) whose demand exceeds the base capacity, blocked tasks included."""
    out = []
    for i, task in enumerate(station.tasks):
        for dim, demand in task.demands.items():
            c = base_capacity(worker, dim, terms)
            if demand > c:
                out.append(Gap(i, task.name, dim, demand, c, rated_capacity(worker, dim, terms) > c))
    return out


def find_blocks(worker: Worker, station: Workstation) -> list[Block]:
    """Every (task, hazard) where the hazard is among the worker's contraindications."""
    banned = set(worker.contraindications)
    return [Block(i, t.name, h) for i, t in enumerate(station.tasks) for h in t.hazards if h in banned]


# ------------------------------------------------------------------- the tools


@dataclass(frozen=True)
class Exclusion:
    """Why a tool cannot be used for this worker at this workstation, and what would change it."""

    tool: str
    reason: str
    """Machine-readable: avoided | feature | capacity | first_language | budget."""
    detail: str
    """Plain English, e.g. "needs vision 2 (the worker has 1)"."""
    fix: str
    """What would change it, e.g. "add a power socket"."""
    params: Mapping[str, Any] = field(default_factory=dict)
    """The numbers behind the words, for other languages."""


FEATURE_FIX = {
    "power": "add a power socket at the workstation",
    "network": "add a network connection",
    "computer": "provide a computer at the workstation",
    "fixed_bench": "install a fixed workbench",
    "floor_space": "free floor space around the workstation",
    "mobile_work": "only for mobile work",
    "outdoor": "only for outdoor work",
    "racking": "only where there is high shelving",
    "step_free": "make the workstation reachable without steps",
}


def exclusions(worker: Worker, station: Workstation, tool: Tool, terms: Terms) -> list[Exclusion]:
    """Every reason why `tool` is not feasible for `worker` at `station` (empty: feasible)."""
    out = []
    if tool.category in worker.avoid_categories:
        out.append(Exclusion(tool.id, "avoided", f"the worker does not want {tool.category} tools",
                             "ask the worker again; the choice is theirs", {"category": tool.category}))
    for feature in tool.requires.features:
        if feature not in station.features:
            out.append(Exclusion(tool.id, "feature", f"the workstation lacks {feature}",
                                 FEATURE_FIX.get(feature, f"provide {feature}"), {"feature": feature}))
    for dim, minimum in tool.requires.capacities.items():
        have = base_capacity(worker, dim, terms)
        if have < minimum:
            out.append(Exclusion(tool.id, "capacity", f"needs {dim} {minimum} (the worker has {have})",
                                 f"only if {dim} reaches {minimum}; look for a tool without this need",
                                 {"dimension": dim, "minimum": minimum, "has": have}))
    if tool.needs_other_first_language and not first_language_other(worker, terms):
        out.append(Exclusion(tool.id, "first_language",
                             "serves newcomers; the worker's first language is the workplace language "
                             f"({terms.language})",
                             "none needed: the worker already works in their first language",
                             {"language": terms.language}))
    return out


def feasible(worker: Worker, station: Workstation, tool: Tool, terms: Terms) -> bool:
    """All requires met by base capacities and features, first language, category not avoided."""
    return not exclusions(worker, station, tool, terms)


def effect_reduction(effect: Effect, worker: Worker, terms: Terms) -> int:
    """The reduction r of one effect on its dimension (before task tags and feasibility).

    - boost b: r = min(c + b, 4, R) - c, no boost passes a restriction;
    - via d2 up to L: r = max(0, min(c2, L, R) - c), c2 the base capacity on d2;
    - lower l: r = l, the worker no longer does that part, so no cap.
    """
    d = effect.dimension
    c = base_capacity(worker, d, terms)
    cap = worker.restriction(d)
    if effect.boost is not None:
        return min(c + effect.boost, MAX_LEVEL, cap) - c
    if effect.lower is not None:
        return effect.lower
    assert effect.via is not None and effect.up_to is not None
    c2 = base_capacity(worker, effect.via, terms)
    return max(0, min(c2, effect.up_to, cap) - c)


def restriction_binds(effect: Effect, worker: Worker, terms: Terms) -> bool:
    """Whether the worker's restriction keeps a boost or via below what it would give."""
    d = effect.dimension
    cap = worker.restriction(d)
    if effect.boost is not None:
        return min(base_capacity(worker, d, terms) + effect.boost, MAX_LEVEL) > cap
    if effect.via is not None and effect.up_to is not None:
        return min(base_capacity(worker, effect.via, terms), effect.up_to) > cap
    return False


def best_effect(tool: Tool, worker: Worker, task: Task, dimension: str, terms: Terms) -> tuple[int, Effect | None]:
    """The largest reduction of `tool` on (task, dimension) and the effect that gives it."""
    best: tuple[int, Effect | None] = (0, None)
    for effect in tool.effects:
        if effect.dimension == dimension and effect.applies_to(task.tags):
            r = effect_reduction(effect, worker, terms)
            if r > best[0]:
                best = (r, effect)
    return best


def mitigates(tool: Tool, hazard: str) -> bool:
    """Whether the measure removes the hazard (in every task of the workstation)."""
    return hazard in tool.mitigates


# -------------------------------------------------------------- the outcome


@dataclass(frozen=True)
class Outcome:
    """Accessibility and coverage of one set of tools in use (contract section 5)."""

    accessibility: Fraction
    """Sum of the shares of the accessible tasks."""
    coverage: Fraction
    """Share-weighted mean of the tasks' coverage."""
    accessible: tuple[bool, ...]
    """Per task: not blocked and every demand met."""
    blocked: tuple[bool, ...]
    """Per task: a contraindicated hazard that no tool mitigates."""


def shares(station: Workstation) -> list[Fraction]:
    """The task shares as written, normalised to sum 1, exactly."""
    return list(written_shares(tuple(t.share for t in station.tasks)))


@lru_cache(maxsize=1024)
def written_shares(written: tuple[float, ...]) -> tuple[Fraction, ...]:
    """`shares` of tasks with these shares as written (cached: one workstation meets many workers)."""
    raw = [exact(s) for s in written]
    total = sum(raw)
    return tuple(s / total for s in raw)


def evaluate(worker: Worker, station: Workstation, tools: Iterable[Tool], terms: Terms) -> Outcome:
    """Accessibility and coverage at `station` with `tools` in use (infeasible tools do nothing)."""
    usable = [t for t in tools if feasible(worker, station, t, terms)]
    banned = set(worker.contraindications)
    accessible: list[bool] = []
    blocked: list[bool] = []
    coverage = Fraction(0)
    for share, task in zip(shares(station), station.tasks, strict=True):
        is_blocked = any(h in banned and not any(mitigates(t, h) for t in usable) for h in task.hazards)
        unmet = 0
        for dim, demand in task.demands.items():
            g = demand - base_capacity(worker, dim, terms)
            if g <= 0:
                continue
            reduction = max((best_effect(t, worker, task, dim, terms)[0] for t in usable), default=0)
            unmet += max(0, g - reduction)
        total = sum(task.demands.values())
        blocked.append(is_blocked)
        accessible.append(not is_blocked and unmet == 0)
        if is_blocked:
            task_coverage = Fraction(0)
        elif total == 0:
            task_coverage = Fraction(1)
        else:
            task_coverage = 1 - Fraction(unmet, total)
        coverage += share * task_coverage
    accessibility = sum((s for s, ok in zip(shares(station), accessible, strict=True) if ok), Fraction(0))
    return Outcome(accessibility, coverage, tuple(accessible), tuple(blocked))


def expected_accessibility(worker: Worker, station: Workstation, tools: Sequence[Tool], terms: Terms) -> Fraction:
    """The probability-weighted mean accessibility over every subset of `tools` that works.

    Each tool works independently with p = acceptance x reliability. This is
    the literal 2^k definition.
    """
    probs = [probability(t, worker, terms) for t in tools]
    total = Fraction(0)
    for works in product((False, True), repeat=len(tools)):
        weight = Fraction(1)
        for ok, p in zip(works, probs, strict=True):
            weight *= p if ok else 1 - p
        if weight:
            in_use = [t for t, ok in zip(tools, works, strict=True) if ok]
            total += weight * evaluate(worker, station, in_use, terms).accessibility
    return total


def total_cost_cents(tools: Iterable[Tool], terms: Terms) -> int:
    """Sum of cost_eur + horizon_years x sum of yearly_eur, in whole cents."""
    tools = list(tools)
    return sum(cents(t.cost_eur) for t in tools) + terms.horizon_years * sum(cents(t.yearly_eur) for t in tools)


def conflicting(a: Tool, b: Tool) -> bool:
    """Whether either tool names the other in `conflicts_with`."""
    return b.id in a.conflicts_with or a.id in b.conflicts_with


SetupKey = tuple[int, int, int, int, int, tuple[str, ...]]


def setup_key(ea_points: int, cv_points: int, total_cents: int, tools: Sequence[Tool]) -> SetupKey:
    """Set-up order: higher EA, higher CV, lower total cost, fewer personal measures, fewer tools, ids."""
    return (-ea_points, -cv_points, total_cents, sum(t.measure == "personal" for t in tools), len(tools),
            tuple(sorted(t.id for t in tools)))
