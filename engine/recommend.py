"""Provides `recommend`: the best set-ups for one worker at one workstation, explained.

This is the one place where the model, the graph and the search meet; the
CLI, the TUI and the sheets all read a `Recommendation` (or its `to_dict`,
whose keys are fixed by contract section 6). Every closure says how the tool
works (boost, lower or via), every block says its hazard and what lifts it,
and every tool left out says why and what would change it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from fractions import Fraction
from typing import Any

from engine.accessibility import Block, Exclusion, Gap, Terms
from engine.funding import FundingRules
from engine.graph import Edge, GapToolGraph, build_graph
from engine.loader import Catalog
from engine.models import Tool, Worker, Workstation
from engine.setups import SearchResult, Setup, search_setups
from engine.support import Basis, RankBy, SetupSupport, Whose, net_order, setup_support

DECIMALS = 6
"""Decimals of the shares and accessibilities in the JSON (the exact values are fractions)."""


def num(value: Fraction) -> float:
    """An exact value as a JSON number."""
    return round(float(value), DECIMALS)


@dataclass(frozen=True)
class Closure:
    """A gap a tool of the set-up closes on its own."""

    gap: Gap
    edge: Edge


@dataclass(frozen=True)
class Unblock:
    """A blocked task a measure of the set-up unblocks."""

    block: Block
    by: str


@dataclass(frozen=True)
class Remaining:
    """A gap a set-up leaves open, with the level the set-up does reach."""

    gap: Gap
    reduction: int
    """Levels the set-up takes off (less than the gap)."""


@dataclass(frozen=True)
class SetupView:
    """A set-up with its gain and its explanation."""

    setup: Setup
    gain: Fraction
    expected_gain: Fraction
    closes: list[Closure]
    unblocks: list[Unblock]
    remaining: list[Remaining]
    still_blocked: list[Block]
    partial: bool
    """Adds nothing to expected accessibility in whole points: partial progress (coverage only)."""
    support: SetupSupport | None = None
    """The support estimate and net cost; None for a worker without support status."""


@dataclass
class Recommendation:
    """Everything werkpost says about one worker at one workstation."""

    graph: GapToolGraph
    baseline: Setup
    setups: list[SetupView]
    result: SearchResult
    budget: float | None
    excluded: list[Exclusion] = field(default_factory=list)
    funding: FundingRules | None = None
    """The funding rules the support estimates follow (None: no estimates)."""
    rank_by: RankBy = "total"
    """`net`: the set-ups are re-sorted by net cost (after support)."""

    @property
    def has_support(self) -> bool:
        """Whether the set-ups carry support estimates (the worker has a support status)."""
        return any(v.support is not None for v in self.setups)

    @property
    def worker(self) -> Worker:
        """The worker."""
        return self.graph.worker

    @property
    def station(self) -> Workstation:
        """The workstation."""
        return self.graph.station

    @property
    def terms(self) -> Terms:
        """The terms (horizon, reliabilities, workplace language)."""
        return self.graph.terms

    @property
    def gaps(self) -> list[Gap]:
        """Every demand above the base capacity."""
        return self.graph.gaps

    @property
    def blocks(self) -> list[Block]:
        """Every task blocked by a contraindicated hazard."""
        return self.graph.blocks

    @property
    def exact(self) -> bool:
        """Whether the search finished."""
        return self.result.exact

    @property
    def best(self) -> SetupView | None:
        """The first set-up in set-up order, if any tool helps."""
        return self.setups[0] if self.setups else None

    @property
    def unclosable(self) -> list[Gap]:
        """Gaps no feasible tool closes alone: where job redesign starts."""
        return self.graph.unclosable()

    def to_dict(self, basis_words: BasisWords | None = None) -> dict[str, Any]:
        """The JSON of `werkpost recommend` (contract section 6, plus extensions).

        `basis_words` says a support estimate's basis in one line (the CLI
        passes i18n's English); without it the basis is its list of steps.
        """
        base = self.baseline
        return {
            "worker": self.worker.id,
            "workstation": self.station.id,
            "horizon_years": self.terms.horizon_years,
            "budget": self.budget,
            "baseline": {
                "accessibility": num(base.accessibility),
                "coverage": num(base.coverage),
                "ea_points": base.ea_points,
                "cv_points": base.cv_points,
                "gaps": [gap_dict(g) for g in self.gaps],
                "blocked": [{"task": b.task, "hazard": b.hazard} for b in self.blocks],
                "tasks": [
                    {"task": t.name, "share": round(t.share / sum(x.share for x in self.station.tasks), DECIMALS),
                     "accessible": ok}
                    for t, ok in zip(self.station.tasks, base.accessible, strict=True)
                ],
            },
            "setups": [self._setup_dict(v, basis_words) for v in self.setups],
            "unclosable_gaps": [gap_dict(g) for g in self.unclosable],
            "excluded_tools": [
                {"tool": e.tool, "reason": e.reason, "detail": e.detail, "fix": e.fix} for e in self.excluded
            ],
            "search": {"exact": self.exact, "nodes": self.result.nodes, "candidates": self.result.candidates},
            "rank_by": self.rank_by,
            **({"funding": self._funding_dict()} if self.has_support and self.funding is not None else {}),
        }

    def _funding_dict(self) -> dict[str, Any]:
        assert self.funding is not None
        used = {e.measure.id: e.measure for v in self.setups if v.support for e in v.support.entries}
        return {
            "estimate": self.funding.estimate.en,
            "payers": self.funding.payers.en,
            "order": "by net cost (after support)" if self.rank_by == "net" else "by total cost",
            "measures": [
                {"id": m.id, "name": m.name.en, "recipient": m.recipient, "applicant": m.applicant,
                 "status": m.status, "deadlines": m.deadlines.model_dump(exclude_none=True),
                 "assumptions": [a.en for a in m.assumptions], "sources": list(m.sources)}
                for m in used.values()
            ],
        }

    def _setup_dict(self, view: SetupView, basis_words: BasisWords | None = None) -> dict[str, Any]:
        s = view.setup
        return {
            "tools": list(s.tools),
            "cost_eur": s.cost_eur,
            "yearly_eur": s.yearly_eur,
            "total_cost_eur": s.total_cost_eur,
            "accessibility": num(s.accessibility),
            "coverage": num(s.coverage),
            "expected_accessibility": num(s.expected_accessibility),
            "gain": num(view.gain),
            "expected_gain": num(view.expected_gain),
            "ea_points": s.ea_points,
            "cv_points": s.cv_points,
            "personal_measures": s.personal,
            "partial": view.partial,
            "closes": [
                {"task": c.gap.task, "dimension": c.gap.dimension, "by": c.edge.tool, "kind": c.edge.kind,
                 **({"via": c.edge.via} if c.edge.via else {}),
                 **({"capped_by_restriction": self.worker.restriction(c.gap.dimension)} if c.edge.capped else {})}
                for c in view.closes
            ],
            "unblocks": [{"task": u.block.task, "hazard": u.block.hazard, "by": u.by} for u in view.unblocks],
            "remaining_gaps": [{**gap_dict(r.gap), "reduction": r.reduction} for r in view.remaining],
            "still_blocked": [{"task": b.task, "hazard": b.hazard} for b in view.still_blocked],
            **(support_dict(view.support, basis_words) if view.support is not None else {}),
        }


BasisWords = Callable[[Basis], str]
"""Says a support estimate's basis in one line (i18n.support.basis_text in a language)."""


def basis_steps(basis: Basis) -> list[dict[str, Any]]:
    """A basis as JSON: one object per step, its kind and its numbers."""
    return [{"kind": step.kind, **dict(step.values)} for step in basis]


def support_dict(sup: SetupSupport, basis_words: BasisWords | None = None) -> dict[str, Any]:
    """A set-up's support entries and net cost in JSON (only for a worker with support status)."""
    net = sup.net_by_payer()
    return {
        "support": [
            {"tool": e.tool, "measure": e.measure.id, "recipient": e.measure.recipient,
             "applicant": e.measure.applicant, "estimated_eur": e.estimated_eur,
             "basis": basis_words(e.basis) if basis_words is not None else basis_steps(e.basis),
             **({"caveat": e.caveat} if e.caveat else {})}
            for e in sup.entries
        ],
        "support_eur": sup.support_cents / 100,
        "other_support_eur": sup.other_cents / 100,
        "net_cost_eur": sup.net_cents / 100,
        "net_cost_by_payer": {payer: amount / 100 for payer, amount in net.items()},
    }


def gap_dict(gap: Gap) -> dict[str, Any]:
    """A gap as in contract section 6 (`capacity` is the base capacity)."""
    out: dict[str, Any] = {"task": gap.task, "dimension": gap.dimension, "demand": gap.demand,
                           "capacity": gap.capacity}
    if gap.restricted:
        out["restricted"] = True
    return out


def explain(graph: GapToolGraph, setup: Setup) -> tuple[list[Closure], list[Unblock], list[Remaining], list[Block]]:
    """Which tool of `setup` closes which gap (one entry per closing tool), unblocks, and what stays open."""
    chosen = set(setup.tools)
    closes: list[Closure] = []
    remaining: list[Remaining] = []
    for i, gap in enumerate(graph.gaps):
        edges = sorted((e for e in graph.edges_of_gap(i) if e.tool in chosen), key=lambda e: (-e.reduction, e.tool))
        closing = [e for e in edges if e.closes]
        if closing:
            closes.extend(Closure(gap, e) for e in closing)
        else:
            remaining.append(Remaining(gap, edges[0].reduction if edges else 0))
    unblocks: list[Unblock] = []
    still: list[Block] = []
    for i, block in enumerate(graph.blocks):
        by = sorted(t for t in graph.mitigators(i) if t in chosen)
        if by:
            unblocks.extend(Unblock(block, t) for t in by)
        else:
            still.append(block)
    return closes, unblocks, remaining, still


def view_of(graph: GapToolGraph, setup: Setup, baseline: Setup) -> SetupView:
    """A set-up with its gains and explanation."""
    closes, unblocks, remaining, still = explain(graph, setup)
    return SetupView(
        setup, setup.accessibility - baseline.accessibility, setup.expected_accessibility - baseline.accessibility,
        closes, unblocks, remaining, still, partial=setup.ea_points <= baseline.ea_points,
    )


def budget_exclusions(graph: GapToolGraph, budget: float | None, result: SearchResult) -> list[Exclusion]:
    """Tools that help but cost more than the budget alone, with what the cheapest one costs."""
    if budget is None:
        return []
    horizon = graph.terms.horizon_years
    out = []
    for tool in graph.tools:
        total = tool.cost_eur + horizon * tool.yearly_eur
        if total > budget + 0.005:
            out.append(Exclusion(
                tool.id, "budget", f"costs EUR {total:,.0f} over {horizon} years, over the budget of EUR {budget:,.0f}",
                f"raise the budget to EUR {total:,.0f}" if result.cheapest_helpful_cents is None
                else f"the cheapest helpful set-up costs EUR {result.cheapest_helpful_cents / 100:,.0f}",
                {"total_eur": total, "budget_eur": budget, "horizon_years": horizon,
                 "cheapest_eur": None if result.cheapest_helpful_cents is None
                 else result.cheapest_helpful_cents / 100},
            ))
    return out


def recommend_graph(
    graph: GapToolGraph, budget: float | None = None, top: int | None = 5, time_limit: float | None = None,
    funding: FundingRules | None = None, weeks_per_year: float = 46.0, rank_by: RankBy = "total",
) -> Recommendation:
    """The recommended set-ups for a built gap-tool graph, explained.

    With `funding` and a worker who has a support status, every set-up
    carries its support estimate; `rank_by="net"` then re-sorts the
    recommended (non-dominated) set-ups by net cost. The search and its
    dominance stay on total cost, so the same set-ups are listed either way.
    """
    kwargs: dict[str, Any] = {} if time_limit is None else {"time_limit": time_limit}
    result = search_setups(graph, budget=budget, top=top, **kwargs)
    views = [view_of(graph, s, result.baseline) for s in result.setups]
    views = with_support(views, graph, funding, weeks_per_year)
    if rank_by == "net" and any(v.support is not None for v in views):
        nets = [v.support.net_cents if v.support is not None else v.setup.total_cost_cents for v in views]
        views = [views[i] for i in net_order(nets)]
    excluded = list(graph.excluded) + budget_exclusions(graph, budget, result)
    return Recommendation(graph, result.baseline, views, result, budget, excluded, funding, rank_by)


def with_support(views: list[SetupView], graph: GapToolGraph, funding: FundingRules | None,
                 weeks_per_year: float) -> list[SetupView]:
    """The views with their support estimates (unchanged for a worker without support status)."""
    worker, station = graph.worker, graph.station
    if funding is None or worker.support is None:
        return views
    by_id = {t.id: t for t in graph.tools}
    whose: Whose = "worker"
    hours = worker.hours_per_week
    if hours is None:
        hours, whose = station.hours_per_week, "workstation"
    return [replace(v, support=setup_support(funding, worker, [by_id[t] for t in v.setup.tools],
                                             graph.terms.horizon_years, hours, weeks_per_year, whose=whose))
            for v in views]


def recommend(
    catalog: Catalog,
    worker: Worker,
    station: Workstation,
    budget: float | None = None,
    top: int | None = 5,
    tools: list[Tool] | None = None,
    terms: Terms | None = None,
    time_limit: float | None = None,
    weeks_per_year: float = 46.0,
    rank_by: RankBy = "total",
) -> Recommendation:
    """The recommended set-ups for `worker` at `station`, explained (the catalogue's terms by default).

    Support estimates follow the catalogue's funding rules; `weeks_per_year`
    (the workspace's) turns the interpreting quota into hours.
    """
    graph = build_graph(worker, station, tools if tools is not None else list(catalog.tools.values()),
                        terms or catalog.terms())
    return recommend_graph(graph, budget, top, time_limit, catalog.funding, weeks_per_year, rank_by)


@dataclass(frozen=True)
class StationRank:
    """One workstation's best outcome for a worker."""

    station: Workstation
    baseline: Setup
    best: Setup | None
    """The best set-up within the budget, None when no tool helps."""

    @property
    def ea_points(self) -> int:
        """Best expected accessibility in points (the baseline when no tool helps)."""
        return self.best.ea_points if self.best else self.baseline.ea_points

    @property
    def expected_accessibility(self) -> float:
        """Best expected accessibility (the baseline when no tool helps)."""
        return float(self.best.expected_accessibility if self.best else self.baseline.accessibility)


def rank_workstations(
    catalog: Catalog, worker: Worker, stations: list[Workstation], budget: float | None = None,
    terms: Terms | None = None,
) -> list[StationRank]:
    """Workstations ranked by the worker's best expected accessibility there."""
    ranks = []
    tools = list(catalog.tools.values())
    terms = terms or catalog.terms()
    for station in stations:
        result = search_setups(build_graph(worker, station, tools, terms), budget=budget, top=1)
        ranks.append(StationRank(station, result.baseline, result.setups[0] if result.setups else None))
    ranks.sort(key=lambda r: (-r.ea_points, r.best.total_cost_cents if r.best else 0, r.station.id))
    return ranks
