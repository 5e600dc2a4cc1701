"""Provides the support estimate of a set-up: which measure may pay for which tool, how much, and the net cost.

The rules come from `catalog/funding.yaml` (`engine.funding`); the worker's
status from `Worker.support`. Nothing is assumed: a worker without `support`
gets no estimate, and only the measures the worker lists count. For each tool
the first measure that covers it (the tool's own choice in funding.yaml, else
the category's order) and that the worker holds is the one estimated; a tool
is never paid twice. Amounts are planning estimates in whole cents: VDAB
decides the amount, and every entry says what it assumed.

- `one_off` (BTOM material): share x (price - standard model when the measure
  pays the extra cost only), at most the cap, less what other schemes pay.
- `yearly` (interpreting hours): the tool's yearly cost within the quota
  (share of the working time x hours a week x weeks a year, or the hours VDAB
  granted) at the assumed hourly price, over the horizon; several tools share
  one quota in tool order.
- `none` (wage premiums): named beside the tool, never counted.

Payers: the worker buys what a measure paid to the worker covers (a work
tool); the employer pays the rest, running costs included.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Literal

from engine.accessibility import cents, exact
from engine.funding import FundingMeasure, FundingRules
from engine.models import Support, Text, Tool, Worker

RankBy = Literal["total", "net"]
RANK_BY: tuple[RankBy, ...] = ("total", "net")
Payer = Literal["employer", "worker"]
Whose = Literal["worker", "workstation"]
"""Whose hours a week the interpreting quota was taken from."""


@dataclass(frozen=True)
class BasisPart:
    """One step of how an estimate was made: a kind (a message of i18n.support) and its numbers.

    Kinds and their values (amounts in whole cents, shares in percent):
    `closed` (since), `granted` (hours), `hours_unknown`, `quota` (pct, whose,
    hours_per_week, weeks, hours), `premium` (min, max), `not_earmarked`,
    `one_off` (eligible, pct), `standard` (standard), `capped` (amount),
    `less_other` (other), `running_not_counted`, `interpreting` (rate, needed,
    used, per_year, years), `one_off_not_counted`.
    """

    kind: str
    """What this step says."""
    values: tuple[tuple[str, float | int | str], ...] = ()
    """Its numbers (and words from the data, such as a date), by name."""

    def get(self, name: str) -> float | int | str:
        """One value by name."""
        return dict(self.values)[name]


Basis = tuple[BasisPart, ...]
"""The steps of an estimate, in the order they apply."""


def part(kind: str, **values: float | int | str) -> BasisPart:
    """A basis step with its values."""
    return BasisPart(kind, tuple(values.items()))


@dataclass(frozen=True)
class SupportEntry:
    """One measure that may pay for one tool of a set-up, with the estimate and how it was made."""

    tool: str
    """Tool id."""
    measure: FundingMeasure
    """The measure."""
    estimated_cents: int
    """The estimate in whole cents (0 for a premium that is not earmarked)."""
    basis: Basis
    """How the estimate was made, as facts (i18n.support words them in one line)."""
    caveat: str | None = None
    """What often stops the measure paying for this kind of tool."""
    caveat_text: Text | None = None
    """The caveat in both languages (`caveat` is its English)."""

    @property
    def estimated_eur(self) -> float:
        """The estimate in euro."""
        return self.estimated_cents / 100


@dataclass(frozen=True)
class SetupSupport:
    """A set-up's support entries and its net cost, in total and per payer."""

    entries: list[SupportEntry]
    """One entry per tool a measure of the worker may pay for, in tool order."""
    total_cents: int
    """The set-up's total cost (one-off + horizon x yearly)."""
    support_cents: int
    """The sum of the estimates."""
    other_cents: int
    """What other schemes pay (the worker's `other_support_eur`), also off the net cost."""
    cost_by_payer: dict[Payer, int] = field(default_factory=dict)
    """Who pays what before support."""
    support_by_payer: dict[Payer, int] = field(default_factory=dict)
    """Which payer the support and other schemes relieve."""

    @property
    def net_cents(self) -> int:
        """Total cost less support and other schemes."""
        return self.total_cents - self.support_cents - self.other_cents

    def net_by_payer(self) -> dict[Payer, int]:
        """Net cost per payer (employer, worker), in cents."""
        return {p: self.cost_by_payer.get(p, 0) - self.support_by_payer.get(p, 0) for p in ("employer", "worker")}


def quota_hours(measure: FundingMeasure, support: Support, hours_per_week: float | None,
                weeks_per_year: float, whose: Whose = "worker") -> tuple[Fraction | None, BasisPart]:
    """Hours a year the quota allows, and how they were found (None when the hours a week are unknown)."""
    if support.interpreting_hours_per_year is not None:
        return exact(support.interpreting_hours_per_year), part("granted", hours=support.interpreting_hours_per_year)
    assert measure.quota is not None
    if hours_per_week is None:
        return None, part("hours_unknown")
    share = exact(measure.quota.share_of_working_time)
    hours = share * exact(hours_per_week) * exact(weeks_per_year)
    return hours, part("quota", pct=float(share) * 100, whose=whose, hours_per_week=hours_per_week,
                       weeks=weeks_per_year, hours=float(hours))


def _held(measure: FundingMeasure, support: Support) -> bool:
    """Whether the worker holds the measure: listed, with VDAB's recognition where it needs it."""
    return measure.id in support.measures and (support.vdab_recognition or not measure.requires_vdab_recognition)


def _premium_basis(measure: FundingMeasure) -> Basis:
    if measure.wage_premium_pct is not None:
        pct = measure.wage_premium_pct
        return (part("premium", min=pct.min, max=pct.max),)
    return (part("not_earmarked"),)


@dataclass
class _Budget:
    """What is left to share over the set-up's tools: quota hours and the worker's lump of other support."""

    hours: dict[str, Fraction | None] = field(default_factory=dict)
    lump_cents: int = 0


def setup_support(
    rules: FundingRules | None, worker: Worker, tools: Sequence[Tool], horizon_years: int,
    hours_per_week: float | None, weeks_per_year: float, owned: Iterable[str] = (), whose: Whose = "worker",
) -> SetupSupport | None:
    """The support estimate of a set-up for `worker`; None when the worker has no support status.

    `hours_per_week` is the worker's (or, failing that, the workstation's),
    for the interpreting quota. Tools in `owned` are not bought: their
    one-off cost and its support are 0.
    """
    support = worker.support
    if support is None or rules is None:
        return None
    owned = frozenset(owned)
    per_tool = support.other_support_eur if isinstance(support.other_support_eur, dict) else {}
    left = _Budget(lump_cents=0 if isinstance(support.other_support_eur, dict) else cents(support.other_support_eur))
    entries: list[SupportEntry] = []
    total = other = 0
    cost_by: dict[Payer, int] = {"employer": 0, "worker": 0}
    relief: dict[Payer, int] = {"employer": 0, "worker": 0}
    for tool in sorted(tools, key=lambda t: t.id):
        one_off = 0 if tool.id in owned else cents(tool.cost_eur)
        running = horizon_years * cents(tool.yearly_eur)
        total += one_off + running
        measure = next((m for m in rules.candidates(tool) if _held(m, support)), None)
        buyer: Payer = "worker" if measure is not None and measure.recipient == "worker" \
            and measure.pays_for == "one_off" else "employer"
        cost_by[buyer] += one_off
        cost_by["employer"] += running
        # Other schemes pay towards the purchase: per tool as named, else the lump in tool order.
        paid = min(one_off, cents(per_tool.get(tool.id, 0.0)))
        from_lump = min(one_off - paid, left.lump_cents)
        left.lump_cents -= from_lump
        paid += from_lump
        other += paid
        relief[buyer] += paid
        if measure is None:
            continue
        estimate, basis = _estimate(measure, tool, one_off, paid, horizon_years, rules, support, hours_per_week,
                                    weeks_per_year, left, whose)
        if measure.status != "active":
            basis = (part("closed", since=str(measure.closed_since)), *basis)
        relief[buyer if measure.pays_for == "one_off" else "employer"] += estimate
        note = rules.category_notes.get(tool.category)
        entries.append(SupportEntry(tool.id, measure, estimate, basis, note.en if note else None, note))
    support_cents = sum(e.estimated_cents for e in entries)
    return SetupSupport(entries, total, support_cents, other, cost_by, relief)


def _estimate(
    measure: FundingMeasure, tool: Tool, one_off: int, other_paid: int, horizon_years: int, rules: FundingRules,
    support: Support, hours_per_week: float | None, weeks_per_year: float, left: _Budget, whose: Whose,
) -> tuple[int, Basis]:
    """The estimate in cents for one tool under one measure, and its basis line."""
    if measure.pays_for == "none" or measure.share is None:
        return 0, _premium_basis(measure)
    share = exact(measure.share)
    if measure.pays_for == "one_off":
        standard = cents(rules.standard_cost(tool.id)) if measure.covers.extra_cost_only else 0
        eligible = max(0, one_off - standard)
        amount = int(share * eligible)
        parts = [part("one_off", eligible=eligible, pct=float(share) * 100)]
        if standard:
            parts.append(part("standard", standard=standard))
        if measure.cap_eur is not None and amount > cents(measure.cap_eur):
            amount = cents(measure.cap_eur)
            parts.append(part("capped", amount=amount))
        if measure.deducts_other_support and other_paid:
            amount = max(0, amount - other_paid)
            parts.append(part("less_other", other=other_paid))
        parts.append(part("running_not_counted"))
        return amount, tuple(parts)
    # yearly: hours within the quota, shared by the set-up's tools in tool order.
    assert measure.quota is not None
    if measure.id not in left.hours:
        left.hours[measure.id], _ = quota_hours(measure, support, hours_per_week, weeks_per_year, whose)
    hours_left = left.hours[measure.id]
    _, how = quota_hours(measure, support, hours_per_week, weeks_per_year, whose)
    if hours_left is None:
        return 0, (how,)
    rate = exact(measure.quota.assumed_eur_per_hour)
    yearly = exact(cents(tool.yearly_eur))
    needed = yearly / 100 / rate
    used = min(needed, hours_left)
    left.hours[measure.id] = hours_left - used
    amount = int(share * min(yearly, used * rate * 100)) * horizon_years
    return amount, (how, part("interpreting", rate=float(rate), needed=float(needed), used=float(used),
                              per_year=amount // max(horizon_years, 1), years=horizon_years),
                    part("one_off_not_counted"))


def net_order(nets: Sequence[int]) -> list[int]:
    """Indices of set-ups re-sorted by net cost; ties keep the given order (the set-up order)."""
    return sorted(range(len(nets)), key=lambda i: (nets[i], i))
