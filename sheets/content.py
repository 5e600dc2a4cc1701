"""Provides `build_content`: what a sheet says, resolved to one language, from a Recommendation.

The Markdown, HTML and PDF writers only lay this out; every decision about
wording, order, numbers and formatting is taken here once, so the three
formats can never disagree.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import SupportsFloat

from engine.accessibility import Exclusion, Gap, base_capacity, best_effect
from engine.funding import FundingMeasure, deadline_dates
from engine.loader import Catalog
from engine.models import MAX_LEVEL, Tool
from engine.recommend import Recommendation, SetupView
from engine.support import SetupSupport, SupportEntry
from i18n import add_months, date, money, number, percent, plural, points, score, text
from i18n.explain import block_text, closure_text
from i18n.explain import exclusion_words as explained_exclusion

EVIDENCE_ORDER = ("strong", "moderate", "emerging")
"""From strongest to weakest: a set-up is as well supported as its weakest tool."""

FOLLOW_UP_MONTHS = 3

FIXABLE = frozenset({"feature", "capacity", "budget"})
"""Reasons for leaving a tool out that someone can change: then a gap is not "unclosable" on the sheet."""


@dataclass(frozen=True)
class ChartRow:
    """One demanded dimension: the highest demand over the tasks against the capacity."""

    dimension: str
    demand: int
    capacity: int

    @property
    def gap(self) -> bool:
        """Whether the capacity falls short of the demand."""
        return self.capacity < self.demand


@dataclass(frozen=True)
class ChartGroup:
    """The demanded dimensions of one domain."""

    domain: str
    rows: tuple[ChartRow, ...]


@dataclass(frozen=True)
class Chart:
    """The profile comparison with its legend texts."""

    groups: tuple[ChartGroup, ...]
    title: str
    legend_demand: str
    legend_capacity: str
    legend_gap: str
    dimension: str = "Dimension"
    """The heading of the dimension column (Markdown table)."""
    max_level: int = MAX_LEVEL


@dataclass(frozen=True)
class ToolBlock:
    """One tool of the best set-up, explained."""

    name: str
    category: str
    measure: str
    evidence: str
    description: str
    examples: tuple[str, ...]
    cost: str
    closes: tuple[str, ...]
    narrows: tuple[str, ...]
    sources: tuple[str, ...]
    funding: tuple[tuple[str, tuple[str, ...]], ...] = ()
    """The funding section: label and lines (measure, who applies, attach, estimate, deadlines)."""


@dataclass(frozen=True)
class Table:
    """A table: headings and rows of text (the first column is the row's key)."""

    headings: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    numeric: frozenset[int] = frozenset()
    """Columns to align right (numbers)."""


@dataclass(frozen=True)
class AnnexPart:
    """One part of the annex: a heading with lines and/or a table."""

    heading: str
    lines: tuple[str, ...] = ()
    table: Table | None = None
    kind: str = ""
    """The table's layout name (column widths in the PDF)."""


@dataclass(frozen=True)
class Annex:
    """What a funding application needs, in one place at the end of the sheet."""

    heading: str
    intro: str
    parts: tuple[AnnexPart, ...]


@dataclass
class SheetContent:
    """Everything one sheet shows, in the order the issue fixes, in one language."""

    lang: str
    title: str
    facts: list[tuple[str, str]]
    """Label and value pairs under the title: date, worker, workstation, key figures."""
    status: str | None
    """A sentence when the workstation is accessible as is or nothing helps."""
    notice: str | None
    """The warning when the set-up search was not exact."""
    chart: Chart
    chart_heading: str
    chart_intro: str
    tasks_heading: str
    tasks: Table
    setups_heading: str
    setups: Table | None
    setups_note: str
    tools_heading: str
    tools: list[ToolBlock]
    tool_labels: dict[str, str]
    remaining_heading: str
    remaining: Table | None
    remaining_none: str | None
    redesign_note: str | None
    steps_heading: str
    steps: list[str]
    signatures_heading: str
    signatures: list[str]
    signature_fields: list[str]
    prepared: str
    footer: str
    """Worker and workstation ids for the running footer."""
    setups_empty: str | None = None
    """The sentence in place of the set-ups table when gaps exist but no tool helps."""
    status_ok: bool = True
    """Whether the status is good news (accessible as is) rather than a warning (nothing helps)."""
    no_word: str = "no"
    """The word for 'no' in the task table, which the writers highlight."""
    funding_note: str | None = None
    """Above the tools: the estimate caveat (support status) or that no support was assumed and how to add it."""
    annex: Annex | None = None
    """The annex for the funder (only when a set-up is detailed)."""


def _chart(rec: Recommendation, catalog: Catalog, lang: str) -> Chart:
    demands: dict[str, int] = {}
    for task in rec.station.tasks:
        for dim, level in task.demands.items():
            demands[dim] = max(demands.get(dim, 0), level)
    groups = []
    for domain, domain_label in catalog.vocabulary.domains.items():
        rows = tuple(
            ChartRow(d.label.get(lang), demands[d.id], base_capacity(rec.worker, d.id, rec.terms))
            for d in catalog.dimensions.values()
            if d.domain == domain and demands.get(d.id, 0) > 0
        )
        if rows:
            groups.append(ChartGroup(domain_label.get(lang), rows))
    known = set(catalog.dimensions)
    # A workspace may name a dimension the catalogue lacks only if validation was skipped; show it anyway.
    stray = tuple(ChartRow(d, n, base_capacity(rec.worker, d, rec.terms))
                  for d, n in demands.items() if d not in known and n > 0)
    if stray:
        groups.append(ChartGroup("?", stray))
    return Chart(
        tuple(groups), text("sheet.chart_title", lang), text("sheet.legend_demand", lang),
        text("sheet.legend_capacity", lang), text("sheet.legend_gap", lang), text("sheet.dimension", lang),
    )


def weakest_evidence(tools: list[Tool]) -> str:
    """The weakest evidence level among `tools` (an id of EVIDENCE_ORDER)."""
    return max((t.evidence for t in tools), key=EVIDENCE_ORDER.index, default="emerging")


def _facts(rec: Recommendation, lang: str, today: datetime.date, best: SetupView | None,
           chosen: int) -> list[tuple[str, str]]:
    worker = rec.worker.id + (f" · {rec.worker.label}" if rec.worker.label else "")
    station = rec.station.label or rec.station.id
    if rec.station.label:
        station += f" ({rec.station.id})"
    if rec.station.hours_per_week:
        station += " · " + text("sheet.hours", lang, hours=number(rec.station.hours_per_week, lang))
    facts = [
        (text("sheet.date", lang), date(today, lang)),
        (text("sheet.worker", lang), worker),
        (text("sheet.workstation", lang), station),
    ]
    if rec.budget is not None:
        # Contract v2: a budget bounds the total cost over the horizon, not the one-off cost.
        facts.append((plural("sheet.budget", rec.terms.horizon_years, lang), _eur(rec.budget, lang)))
    facts.append((text("sheet.accessible_now", lang),
                  text("sheet.of_working_time", lang, pct=percent(rec.baseline.accessibility, lang))))
    if best is not None:
        s = best.setup
        # Expected accessibility in whole EA points (contract section 5), as the CLI and the TUI show it.
        after, expected = percent(s.accessibility, lang), score(s.ea_points, lang)
        # "Expected" only adds something when the worker's acceptance lowers it.
        heading = text("sheet.with_best", lang) if chosen == 0 else text("sheet.with_chosen", lang, n=chosen + 1)
        value = after if after == expected else text("sheet.after_expected", lang, after=after, expected=expected)
        facts.append((heading, value))
        facts.append((text("sheet.cost", lang), text(
            "sheet.cost_value", lang, once=_eur(s.cost_eur, lang), yearly=_eur(s.yearly_eur, lang))
            + " · " + plural("sheet.total_over", rec.terms.horizon_years, lang,
                             total=_eur(s.total_cost_eur, lang))))
    return facts


def _eur(amount: SupportsFloat, lang: str) -> str:
    """Euros with cents: the sheet goes with a funding application, which quotes exact amounts."""
    return money(amount, lang, cents=True)


def _yes(flag: bool, lang: str) -> str:
    return text("sheet.yes" if flag else "sheet.no", lang)


def _tasks(rec: Recommendation, lang: str, best: SetupView | None) -> Table:
    headings = [text("sheet.task", lang), text("sheet.share", lang), text("sheet.now", lang)]
    if best is not None:
        headings.append(text("sheet.with_setup", lang))
    rows = []
    for i, (task, share) in enumerate(zip(rec.station.tasks, rec.station.shares(), strict=True)):
        row = [task.name, percent(share, lang), _yes(rec.baseline.accessible[i], lang)]
        if best is not None:
            row.append(_yes(best.setup.accessible[i], lang))
        rows.append(tuple(row))
    return Table(tuple(headings), tuple(rows), frozenset({1}))


def _setups(rec: Recommendation, catalog: Catalog, lang: str) -> Table | None:
    if not rec.setups:
        return None
    before = percent(rec.baseline.accessibility, lang)
    rows = []
    for n, view in enumerate(rec.setups, start=1):
        s = view.setup
        tools = [catalog.tools[t] for t in s.tools if t in catalog.tools]
        rows.append((
            str(n),
            "\n".join(catalog.tool_name(t, lang) for t in s.tools),
            _eur(s.cost_eur, lang),
            _eur(s.yearly_eur, lang),
            f"{before} → {percent(s.accessibility, lang)}",
            # Whole EA points gained: differences under one point are not differences (contract section 5).
            points((s.ea_points - rec.baseline.ea_points) / 100, lang),
            catalog.vocabulary.evidence[weakest_evidence(tools)].get(lang),
        ))
    headings = tuple(text("sheet." + k, lang) for k in
                     ("rank", "tools", "one_off", "yearly", "before_after", "expected_gain", "evidence"))
    return Table(headings, tuple(rows), frozenset({0, 2, 3, 4, 5}))


def _gap_text(gap: Gap, catalog: Catalog, lang: str, effective: int | None = None) -> str:
    dim = catalog.dimension_label(gap.dimension, lang)
    if effective is None:
        return text("sheet.gap_item", lang, task=gap.task, dimension=dim, demand=gap.demand, capacity=gap.capacity)
    return text("sheet.narrow_item", lang, task=gap.task, dimension=dim, demand=gap.demand,
                 capacity=gap.capacity, effective=effective)


def _tool_blocks(rec: Recommendation, catalog: Catalog, best: SetupView, lang: str,
                 today: datetime.date) -> list[ToolBlock]:
    vocab = catalog.vocabulary
    blocks = []
    for tool_id in best.setup.tools:
        tool = catalog.tools.get(tool_id)
        if tool is None:
            continue
        closes = tuple(
            closure_text(c.edge, c.gap, tool.name.get(lang), catalog.dimension_label(c.gap.dimension, lang),
                         catalog.dimension_label(c.edge.via, lang) if c.edge.via else None,
                         rec.worker.restriction(c.gap.dimension), lang) + f" ({c.gap.task})"
            for c in best.closes if c.edge.tool == tool_id
        ) + tuple(block_text(u.block, catalog.hazard_label(u.block.hazard, lang), lang, tool.name.get(lang))
                  for u in best.unblocks if u.by == tool_id)
        # A tool that only narrows a gap still earns its place (every tool must contribute).
        narrows = []
        for r in best.remaining:
            for e in rec.graph.edges:
                if e.tool == tool_id and rec.graph.gaps[e.gap] == r.gap:
                    narrows.append(_gap_text(r.gap, catalog, lang, r.gap.capacity + min(e.reduction, r.gap.size)))
        blocks.append(ToolBlock(
            name=tool.name.get(lang),
            category=vocab.categories[tool.category].get(lang) if tool.category in vocab.categories
            else tool.category,
            measure=vocab.measures[tool.measure].get(lang),
            evidence=vocab.evidence[tool.evidence].get(lang),
            description=tool.description.get(lang) if tool.description else "",
            examples=tuple(tool.examples),
            cost=text("sheet.cost_value", lang, once=_eur(tool.cost_eur, lang), yearly=_eur(tool.yearly_eur, lang)),
            closes=closes,
            narrows=tuple(narrows),
            sources=tuple(tool.sources),
            funding=_funding_rows(rec, catalog, tool, _entry(best.support, tool_id), lang, today)
            if best.support is not None else (),
        ))
    return blocks


def _remaining(rec: Recommendation, catalog: Catalog, lang: str, best: SetupView | None) -> Table | None:
    pairs: list[tuple[Gap, int | None]] = (
        [(r.gap, r.gap.capacity + r.reduction) for r in best.remaining] if best else [(g, None) for g in rec.gaps])
    blocked = best.still_blocked if best else rec.blocks
    if not pairs and not blocked:
        return None
    headings = [text("sheet." + k, lang) for k in ("task", "dimension", "demand", "capacity")]
    if best is not None:
        headings.append(text("sheet.with_tools", lang))
    headings.append(text("sheet.note", lang))
    unclosable = set(rec.unclosable)
    # Issue 10: never "no tool can close this" when a tool that would was left out for a fixable reason.
    closers = fixable_closers(rec, catalog)
    rows = []
    for gap, effective in pairs:
        row = [gap.task, catalog.dimension_label(gap.dimension, lang), str(gap.demand), str(gap.capacity)]
        if best is not None:
            row.append(str(effective))
        if gap in closers:
            row.append(_closable_note(closers[gap], rec, catalog, lang))
        else:
            row.append(text("sheet.redesign", lang) if gap in unclosable else "")
        rows.append(tuple(row))
    for b in blocked:
        row = [b.task, catalog.hazard_label(b.hazard, lang), "-", "-"]
        if best is not None:
            row.append("-")
        row.append(block_text(b, catalog.hazard_label(b.hazard, lang), lang))
        rows.append(tuple(row))
    return Table(tuple(headings), tuple(rows), frozenset({2, 3, 4} if best else {2, 3}))


def _truly_unclosable(rec: Recommendation, catalog: Catalog) -> list[Gap]:
    """Gaps no tool closes, not even one left out for a fixable reason."""
    closers = fixable_closers(rec, catalog)
    return [g for g in rec.unclosable if g not in closers]


def _redesign_note(rec: Recommendation, catalog: Catalog, lang: str) -> str | None:
    if not rec.unclosable:
        return None
    notes = []
    if _truly_unclosable(rec, catalog):
        notes.append(text("sheet.redesign_intro", lang))
    if fixable_closers(rec, catalog):
        notes.append(text("sheet.fixable_intro", lang))
    return " ".join(notes)


def _steps(rec: Recommendation, catalog: Catalog, lang: str, today: datetime.date) -> list[str]:
    follow_up = text("sheet.step_follow_up", lang, date=date(add_months(today, FOLLOW_UP_MONTHS), lang))
    if not rec.gaps and not rec.blocks:
        return [text("sheet.step_induction", lang), follow_up]
    steps = []
    if _gains(rec):
        steps += [text("sheet.step_trial", lang), text("sheet.step_training", lang), text("sheet.step_funding", lang)]
    if fixable_closers(rec, catalog):
        steps.append(text("sheet.step_fix", lang))
    if _truly_unclosable(rec, catalog) or not _gains(rec):
        steps.append(text("sheet.step_redesign", lang))
    return [*steps, follow_up]


def _gains(rec: Recommendation) -> bool:
    """Whether some set-up makes more of the work accessible in whole EA points (not only narrower gaps)."""
    return any(not v.partial for v in rec.setups)


def _status(rec: Recommendation, catalog: Catalog, lang: str) -> str | None:
    if not rec.gaps and not rec.blocks:
        return text("sheet.status_accessible", lang)
    budget = text("sheet.within_budget", lang, budget=_eur(rec.budget, lang)) if rec.budget is not None else ""
    if not rec.setups:
        key = "sheet.status_nothing_fixable" if fixable_closers(rec, catalog) else "sheet.status_nothing"
        return text(key, lang, budget=budget)
    if not _gains(rec):
        # Contract set-ups include coverage-only progress; a funder must not read it as a solution.
        return text("sheet.status_partial", lang, budget=budget)
    return None


def build_content(rec: Recommendation, catalog: Catalog, lang: str, today: datetime.date,
                  chosen: int = 0) -> SheetContent:
    """The sheet for `rec` in `lang` ('en' or 'nl'), dated `today`.

    `chosen` is the set-up the job coach picked (0: the first in set-up order);
    the sheet details it, and the table still lists every set-up in order.
    """
    chosen = chosen if 0 <= chosen < len(rec.setups) else 0
    best = rec.setups[chosen] if rec.setups else None
    remaining = _remaining(rec, catalog, lang, best)
    tools = _tool_blocks(rec, catalog, best, lang, today) if best else []
    return SheetContent(
        lang=lang,
        title=text("sheet.title", lang),
        facts=_facts(rec, lang, today, best, chosen),
        status=_status(rec, catalog, lang),
        notice=None if rec.exact else text("sheet.not_exact", lang),
        chart=_chart(rec, catalog, lang),
        chart_heading=text("sheet.profile", lang),
        chart_intro=text("sheet.profile_intro", lang),
        tasks_heading=text("sheet.tasks", lang),
        tasks=_tasks(rec, lang, best),
        setups_heading=text("sheet.setups", lang),
        setups=_setups(rec, catalog, lang),
        setups_note=text("sheet.setups_note", lang),
        tools_heading=text("sheet.best_tools", lang) if chosen == 0 else text("sheet.chosen_tools", lang, n=chosen + 1),
        tools=tools,
        tool_labels={k: text("sheet." + k, lang) for k in
                     ("category", "measure", "evidence", "examples", "cost", "closes", "narrows", "sources",
                      "funding")},
        remaining_heading=text("sheet.remaining", lang) if best else text("sheet.gaps", lang),
        remaining=remaining,
        remaining_none=text("sheet.remaining_none", lang) if best and remaining is None else None,
        redesign_note=_redesign_note(rec, catalog, lang),
        steps_heading=text("sheet.next_steps", lang),
        steps=_steps(rec, catalog, lang, today),
        signatures_heading=text("sheet.signatures", lang),
        signatures=[text("sheet.job_coach", lang), text("sheet.employer", lang), text("sheet.worker", lang)],
        signature_fields=[text("sheet.name", lang), text("sheet.date", lang), text("sheet.signature", lang)],
        prepared=text("sheet.prepared", lang, date=date(today, lang)),
        footer=f"werkpost · {rec.worker.id} · {rec.station.id}",
        setups_empty=text("sheet.no_setups", lang) if (rec.gaps or rec.blocks) and not rec.setups else None,
        status_ok=not rec.gaps and not rec.blocks,
        no_word=text("sheet.no", lang),
        funding_note=_funding_note(rec, lang) if best else None,
        annex=_annex(rec, catalog, lang, today, chosen, tools) if best else None,
    )


# ------------------------------------------------------------------ funding and the annex

_PARTY = {"worker": "sheet.party_worker", "employer": "sheet.party_employer", "provider": "sheet.party_provider"}
_APPLY = {
    "before_purchase": "sheet.apply_before_purchase",
    "before_use": "sheet.apply_before_use",
    "during_employment": "sheet.apply_during_employment",
    "quarterly_claim": "sheet.apply_quarterly_claim",
    "closed": "sheet.apply_closed",
}
def _party(who: str, lang: str) -> str:
    return text(_PARTY[who], lang) if who in _PARTY else who


def _deadlines(measure: FundingMeasure, lang: str, today: datetime.date) -> str:
    """'apply before buying; buy by <date>; invoices by <date>', counted from the sheet's date."""
    d = deadline_dates(measure, today)
    parts = [text(_APPLY[d.apply], lang)]
    if d.buy_by is not None:
        parts.append(text("sheet.buy_by", lang, date=date(d.buy_by, lang)))
    if d.invoices_by is not None:
        parts.append(text("sheet.invoices_by", lang, date=date(d.invoices_by, lang)))
    if d.renew_by is not None:
        parts.append(text("sheet.renew_by", lang, date=date(d.renew_by, lang)))
    if measure.deadlines.claim_within_months_after_quarter:
        parts.append(text("sheet.claim_within", lang, n=measure.deadlines.claim_within_months_after_quarter))
    return "; ".join(parts)


def _funding_rows(rec: Recommendation, catalog: Catalog, tool: Tool, entry: SupportEntry | None, lang: str,
                  today: datetime.date) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """The funding section of one tool: the measure and what to do, or that no measure of the worker covers it."""
    if entry is None:
        return ((text("sheet.funding_measure", lang), (text("sheet.funding_no_measure", lang),)),)
    m = entry.measure
    horizon = rec.terms.horizon_years
    total = tool.cost_eur + horizon * tool.yearly_eur
    net = total - entry.estimated_eur
    name = m.name.get(lang)
    if m.status != "active":
        name += " — " + text("sheet.measure_closed", lang, since=m.closed_since or "?")
    estimate = [text("sheet.support_estimate", lang, amount=_eur(entry.estimated_eur, lang),
                     net=_eur(net, lang), total=_eur(total, lang))]
    if m.pays_for == "yearly" and entry.estimated_cents < horizon * round(tool.yearly_eur * 100):
        # The quota of hours is shared over the set-up's tools in tool order: the rest is not paid.
        estimate.append(text("sheet.quota_short", lang))
    if rec.funding is not None:
        estimate.append(rec.funding.estimate.get(lang))
    estimate += [text("sheet.assumption", lang, text=a.get(lang)) for a in m.assumptions]
    note = rec.funding.category_notes.get(tool.category) if rec.funding is not None else None
    if note is not None:
        estimate.append(note.get(lang))
    rows: list[tuple[str, tuple[str, ...]]] = [
        (text("sheet.funding_measure", lang), (name,)),
        (text("sheet.who", lang), (text("sheet.who_value", lang, applicant=_party(m.applicant, lang),
                                        recipient=_party(m.recipient, lang)),)),
        (text("sheet.estimate", lang), tuple(estimate)),
        (text("sheet.deadlines", lang), (_deadlines(m, lang, today),
                                         text("sheet.deadlines_from", lang, date=date(today, lang)))),
    ]
    if m.attach.get(lang):
        rows.append((text("sheet.attach", lang), tuple(m.attach.get(lang))))
    if m.conditions.get(lang):
        rows.append((text("sheet.conditions", lang), tuple(m.conditions.get(lang))))
    return tuple(rows)


def _funding_note(rec: Recommendation, lang: str) -> str:
    if rec.has_support and rec.funding is not None:
        return rec.funding.estimate.get(lang) + " " + rec.funding.payers.get(lang)
    return text("sheet.no_support", lang)


def _entry(support: SetupSupport | None, tool_id: str) -> SupportEntry | None:
    if support is None:
        return None
    return next((e for e in support.entries if e.tool == tool_id), None)


def exclusion_words(e: Exclusion, rec: Recommendation, catalog: Catalog, lang: str) -> tuple[str, str]:
    """Why a tool was left out and what would change it, in `lang`: the i18n wording, with cents as on a sheet."""
    return explained_exclusion(e, catalog, lang, rec.terms.horizon_years, cents=True)


def fixable_closers(rec: Recommendation, catalog: Catalog) -> dict[Gap, list[str]]:
    """Per gap no usable tool closes: the left-out tools that would close it, left out only for fixable reasons."""
    reasons: dict[str, list[Exclusion]] = {}
    for e in rec.excluded:
        reasons.setdefault(e.tool, []).append(e)
    out: dict[Gap, list[str]] = {}
    for gap in rec.unclosable:
        task = rec.station.tasks[gap.task_index]
        for tool_id, why in reasons.items():
            tool = catalog.tools.get(tool_id)
            if tool is None or not all(e.reason in FIXABLE for e in why):
                continue
            r, effect = best_effect(tool, rec.worker, task, gap.dimension, rec.terms)
            if effect is not None and r >= gap.size:
                out.setdefault(gap, []).append(tool_id)
    return out


def _closable_note(tools: list[str], rec: Recommendation, catalog: Catalog, lang: str) -> str:
    """'a tool could close this if ...: <fix>' for the left-out tools that would close a gap."""
    parts = []
    for tool_id in tools:
        fixes = "; ".join(dict.fromkeys(exclusion_words(e, rec, catalog, lang)[1]
                                        for e in rec.excluded if e.tool == tool_id))
        parts.append(f"{fixes} ({catalog.tool_name(tool_id, lang)})")
    return text("sheet.closable_if", lang, fix=" · ".join(parts))


def _why_not(view: SetupView, chosen: SetupView, chosen_n: int, lang: str) -> str:
    a, b = view.setup, chosen.setup
    if view.partial:
        return text("sheet.why_not_partial", lang)
    if a.ea_points < b.ea_points:
        key = "sheet.why_not_less_cheaper" if a.total_cost_cents < b.total_cost_cents else "sheet.why_not_less"
        return text(key, lang, n=chosen_n)
    if a.ea_points == b.ea_points and a.total_cost_cents > b.total_cost_cents:
        return text("sheet.why_not_dearer", lang, n=chosen_n)
    return text("sheet.why_not_coach", lang, n=chosen_n)


def _annex(rec: Recommendation, catalog: Catalog, lang: str, today: datetime.date, chosen: int,
           tools: list[ToolBlock]) -> Annex:
    best = rec.setups[chosen]
    s, sup = best.setup, best.support
    horizon = rec.terms.horizon_years
    parts: list[AnnexPart] = []
    # 1. The gap profile, compactly (the chart above shows it in full).
    gap_rows = tuple((g.task, catalog.dimension_label(g.dimension, lang), str(g.demand), str(g.capacity))
                     for g in rec.gaps)
    parts.append(AnnexPart(
        text("sheet.annex_profile", lang), (text("sheet.annex_profile_intro", lang),),
        Table(tuple(text("sheet." + k, lang) for k in ("task", "dimension", "demand", "capacity")), gap_rows,
              frozenset({2, 3})) if gap_rows else None, "annex_gaps"))
    # 2. Why these tools: the closures by kind.
    why = tuple(c for t in tools for c in t.closes) + tuple(f"{t.name}: {c}" for t in tools for c in t.narrows)
    parts.append(AnnexPart(text("sheet.annex_why", lang), why))
    # 3. The cost estimate.
    cost_rows = [
        (text("sheet.one_off", lang), _eur(s.cost_eur, lang)),
        (text("sheet.yearly", lang), _eur(s.yearly_eur, lang)),
        (plural("sheet.annex_total", horizon, lang), _eur(s.total_cost_eur, lang)),
    ]
    lines: tuple[str, ...] = ()
    if sup is not None:
        net = sup.net_by_payer()
        cost_rows += [
            (text("sheet.annex_support", lang), _eur(sup.support_cents / 100, lang)),
            (text("sheet.annex_other", lang), _eur(sup.other_cents / 100, lang)),
            (text("sheet.annex_net", lang), _eur(sup.net_cents / 100, lang)),
            (text("sheet.annex_net_employer", lang), _eur(net["employer"] / 100, lang)),
            (text("sheet.annex_net_worker", lang), _eur(net["worker"] / 100, lang)),
        ]
        if rec.funding is not None:
            lines = (rec.funding.estimate.get(lang), rec.funding.payers.get(lang))
    else:
        lines = (text("sheet.no_support", lang),)
    parts.append(AnnexPart(text("sheet.annex_cost", lang), lines,
                           Table((text("sheet.annex_item", lang), text("sheet.annex_amount", lang)),
                                 tuple(cost_rows), frozenset({1})), "annex_cost"))
    # 4. The alternatives: the other set-ups, and every tool left out with its reason and fix.
    before = rec.baseline.ea_points
    alt_rows = []
    for n, view in enumerate(rec.setups, start=1):
        if n - 1 == chosen:
            continue
        v = view.setup
        alt_rows.append((
            str(n), "\n".join(catalog.tool_name(t, lang) for t in v.tools), _eur(v.total_cost_eur, lang),
            _eur(view.support.net_cents / 100, lang) if view.support is not None else "-",
            points((v.ea_points - before) / 100, lang), _why_not(view, best, chosen + 1, lang),
        ))
    alt_heads = (text("sheet.rank", lang), text("sheet.tools", lang), plural("sheet.annex_total", horizon, lang),
                 text("sheet.annex_net", lang), text("sheet.expected_gain", lang), text("sheet.annex_why_not", lang))
    parts.append(AnnexPart(
        text("sheet.annex_alternatives", lang), () if alt_rows else (text("sheet.annex_no_alternatives", lang),),
        Table(alt_heads, tuple(alt_rows), frozenset({0, 2, 3, 4})) if alt_rows else None, "annex_alternatives"))
    excl_rows = []
    for e in rec.excluded:
        detail, fix = exclusion_words(e, rec, catalog, lang)
        excl_rows.append((catalog.tool_name(e.tool, lang), detail, fix))
    parts.append(AnnexPart(
        text("sheet.annex_excluded", lang), () if excl_rows else (text("sheet.annex_no_excluded", lang),),
        Table((text("sheet.annex_tool", lang), text("sheet.annex_reason", lang), text("sheet.annex_fix", lang)),
              tuple(excl_rows)) if excl_rows else None, "annex_excluded"))
    return Annex(text("sheet.annex", lang), text("sheet.annex_intro", lang, date=date(today, lang)), tuple(parts))
