"""Provides the function description sheet of inclusive job design: what one new function is, in one language.

`build_function_content` turns one `NewFunction` of a `RedesignResult` into a
`FunctionContent`: its tasks and hours, the jobs they come from, the tasks'
demands against the candidate's capacities (with the gaps and the tools of
the set-up that close them), the set-up with its cost, and the business case.
As with the recommendation sheet, every wording and number is decided here
once; `sheets.function_render` (Markdown, HTML) and `sheets.function_pdf` only
lay it out, and `sheets.function_write` renders and writes them.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import SupportsFloat

from engine.accessibility import Terms, base_capacity, best_effect, feasible, mitigates
from engine.errors import WriteError
from engine.loader import Catalog, Workspace
from engine.models import Worker, Workstation
from engine.redesign import NewFunction, RedesignResult
from i18n import add_months, date, money, number, percent, plural, text
from sheets.content import Chart, ChartGroup, ChartRow, Table

REVIEW_MONTHS = 3
"""The review of a new function is planned this many months after the sheet's date."""


@dataclass(frozen=True)
class FunctionContent:
    """Everything one function description sheet shows, in order, in one language."""

    lang: str
    title: str
    facts: list[tuple[str, str]]
    """Label and value pairs under the title: date, candidate, hours, sources, set-up, benefit."""
    notice: str | None
    """The warning when the optimiser stopped at its time limit."""
    tasks_heading: str
    tasks_intro: str
    tasks: Table
    sources_heading: str
    sources_intro: str
    sources: Table
    chart_heading: str
    chart_intro: str
    chart: Chart
    gaps_heading: str
    gaps: Table | None
    gaps_none: str | None
    setup_heading: str
    setup: Table | None
    setup_none: str | None
    case_heading: str
    case_basis: str
    case: Table
    steps_heading: str
    steps: list[str]
    signatures_heading: str
    signatures: list[str]
    signature_fields: list[str]
    prepared: str
    footer: str
    """The candidate's id for the running footer."""


def _t(key: str, lang: str, **values: object) -> str:
    return text(f"redesign.{key}", lang, **values)


def _eur(amount: SupportsFloat, lang: str) -> str:
    # Cents, as on the recommendation sheet: a business case quotes exact amounts.
    return money(amount, lang, cents=True)


def _hours(value: float, lang: str) -> str:
    return number(round(value, 1), lang)


def _station_name(station: Workstation | None, ref: str) -> str:
    return station.label if station is not None and station.label else ref


def _payback(f: NewFunction, lang: str) -> str:
    months = f.payback_months
    if months is None:
        return _t("payback_never", lang)
    if f.cost_eur == 0:
        return _t("payback_now", lang)
    return _t("payback_months", lang, months=number(months, lang))


def _facts(r: RedesignResult, f: NewFunction, n: int, ws: Workspace, lang: str,
           today: datetime.date) -> list[tuple[str, str]]:
    cat = ws.catalog
    who = f.worker + (f" · {f.worker_label}" if f.worker_label else "")
    facts = [
        (text("sheet.date", lang), date(today, lang)),
        (_t("function", lang), _t("function_of", lang, n=n, total=r.placed)),
        (_t("candidate", lang), who),
        (_t("hours", lang), _t("hours_value", lang, hours=_hours(f.hours, lang))),
    ]
    if f.department:
        facts.append((_t("department", lang), f.department))
    facts.append((_t("comes_from", lang), ", ".join(_station_name(ws.workstations.get(s), s) for s in f.sources)))
    tools = ", ".join(cat.tool_name(t, lang) for t in f.tools) if f.tools else _t("no_tools", lang)
    facts.append((_t("setup", lang), tools))
    facts.append((_t("net_benefit", lang), _t("per_year", lang, amount=_eur(f.net_yearly_benefit_eur, lang))))
    return facts


def _tasks(f: NewFunction, ws: Workspace, lang: str) -> Table:
    rows = [(t.task, _station_name(ws.workstations.get(t.workstation), t.workstation), _hours(t.hours, lang),
             _eur(t.yearly_saving_eur, lang)) for t in f.tasks]
    rows.append((_t("total", lang), "", _hours(f.hours, lang), _eur(f.yearly_saving_eur, lang)))
    return Table((_t("task", lang), _t("from_job", lang), _t("hours_week", lang), _t("saving_year", lang)),
                 tuple(rows), frozenset({2, 3}))


def _sources(f: NewFunction, ws: Workspace, lang: str) -> Table:
    rows = []
    for source in f.sources:
        station = ws.workstations.get(source)
        moved = sum(t.hours for t in f.tasks if t.workstation == source)
        wage = station.wage_eur_per_hour if station is not None else None
        week = station.hours_per_week if station is not None else None
        rows.append((
            _station_name(station, source),
            _eur(wage, lang) if wage is not None else _t("not_set", lang),
            _hours(moved, lang),
            _hours(week, lang) if week is not None else "",
            percent(moved / week, lang) if week else "",
        ))
    return Table((_t("job", lang), _t("wage", lang), _t("moved", lang), _t("job_hours", lang), "%"), tuple(rows),
                 frozenset({1, 2, 3, 4}))


def _moved_tasks(f: NewFunction, ws: Workspace) -> list[tuple[Workstation, int]]:
    """The moved tasks as (source workstation, task index), for their demands and hazards."""
    out = []
    for t in f.tasks:
        station = ws.workstations.get(t.workstation)
        if station is None:
            continue
        index = next((i for i, task in enumerate(station.tasks) if task.name == t.task), None)
        if index is not None:
            out.append((station, index))
    return out


def _chart(worker: Worker, moved: list[tuple[Workstation, int]], catalog: Catalog, terms: Terms,
           lang: str) -> Chart:
    demands: dict[str, int] = {}
    for station, i in moved:
        for dim, level in station.tasks[i].demands.items():
            demands[dim] = max(demands.get(dim, 0), level)
    groups = []
    for domain, label in catalog.vocabulary.domains.items():
        rows = tuple(ChartRow(d.label.get(lang), demands[d.id], base_capacity(worker, d.id, terms))
                     for d in catalog.dimensions.values() if d.domain == domain and demands.get(d.id, 0) > 0)
        if rows:
            groups.append(ChartGroup(label.get(lang), rows))
    return Chart(tuple(groups), _t("chart_title", lang), _t("legend_demand", lang), _t("legend_capacity", lang),
                 _t("legend_gap", lang), text("sheet.dimension", lang))


def _gaps(f: NewFunction, worker: Worker, moved: list[tuple[Workstation, int]], ws: Workspace, terms: Terms,
          lang: str) -> Table | None:
    """Every demand above the candidate's capacity and every ruled-out hazard, with the tools that lift it."""
    cat = ws.catalog
    setup = [cat.tools[t] for t in f.tools if t in cat.tools]
    rows = []
    for station, i in moved:
        task = station.tasks[i]
        # A tool acts on a task only where it is feasible: at the task's own workstation (contract section 8).
        acting = [t for t in setup if feasible(worker, station, t, terms)]
        for dim, demand in task.demands.items():
            capacity = base_capacity(worker, dim, terms)
            if demand <= capacity:
                continue
            by = [cat.tool_name(t.id, lang) for t in acting if best_effect(t, worker, task, dim, terms)[0]
                  >= demand - capacity]
            rows.append((task.name, cat.dimension_label(dim, lang), str(demand), str(capacity), "\n".join(by)))
        for hazard in task.hazards:
            if hazard in worker.contraindications:
                by = [cat.tool_name(t.id, lang) for t in acting if mitigates(t, hazard)]
                rows.append((task.name, _t("hazard", lang, hazard=cat.hazard_label(hazard, lang)),
                             _t("present", lang), _t("ruled_out", lang), "\n".join(by)))
    if not rows:
        return None
    return Table((_t("task", lang), _t("what", lang), _t("demand", lang), _t("capacity", lang),
                  _t("closed_by", lang)), tuple(rows), frozenset({2, 3}))


def _setup(f: NewFunction, catalog: Catalog, horizon: int, lang: str) -> Table | None:
    if not f.tools:
        return None
    vocab = catalog.vocabulary
    rows = []
    for tool_id in f.tools:
        tool = catalog.tools.get(tool_id)
        if tool is None:
            continue
        category = vocab.categories[tool.category].get(lang) if tool.category in vocab.categories else tool.category
        rows.append((tool.name.get(lang), category, _eur(tool.cost_eur, lang), _eur(tool.yearly_eur, lang),
                     _eur(tool.cost_eur + horizon * tool.yearly_eur, lang)))
    rows.append((_t("total", lang), "", _eur(f.cost_eur, lang), _eur(f.yearly_eur, lang),
                 _eur(f.total_cost_eur, lang)))
    return Table((_t("tool", lang), _t("category", lang), _t("once", lang), _t("yearly", lang),
                  plural("redesign.total_over", horizon, lang)), tuple(rows), frozenset({2, 3, 4}))


def _case(r: RedesignResult, f: NewFunction, lang: str) -> tuple[str, Table]:
    s = r.settings
    horizon = int(s.get("horizon_years", 0))
    wage = s.get("new_function_wage_eur_per_hour")
    if wage is None:
        basis = _t("case_no_wage", lang)
    else:
        basis = plural("redesign.case_basis", horizon, lang, wage=_eur(wage, lang),
                       weeks=number(s.get("weeks_per_year", 0), lang))
    rows = (
        (_t("case_saving", lang), _eur(f.yearly_saving_eur, lang)),
        (_t("case_tools", lang), "− " + _eur(f.yearly_tool_charge_eur, lang)),
        (_t("case_net", lang), _eur(f.net_yearly_benefit_eur, lang)),
        (_t("case_once", lang), _eur(f.cost_eur, lang)),
        (_t("case_payback", lang), _payback(f, lang)),
    )
    return basis, Table((_t("item", lang), _t("amount", lang)), rows, frozenset({1}))


def _steps(f: NewFunction, ws: Workspace, lang: str, today: datetime.date) -> list[str]:
    cat = ws.catalog
    steps = [
        _t("step_candidate", lang, name=f.worker_label or f.worker),
        _t("step_jobs", lang, jobs=", ".join(_station_name(ws.workstations.get(s), s) for s in f.sources)),
    ]
    if f.tools:
        steps.append(_t("step_tools", lang, tools=", ".join(cat.tool_name(t, lang) for t in f.tools)))
    steps.append(_t("step_review", lang, date=date(add_months(today, REVIEW_MONTHS), lang)))
    return steps


def build_function_content(r: RedesignResult, f: NewFunction, ws: Workspace, lang: str,
                           today: datetime.date) -> FunctionContent:
    """The sheet of new function `f` (one of `r.functions`) in `lang`, dated `today`."""
    n = next((i for i, g in enumerate(r.functions, 1) if g is f), r.functions.index(f) + 1)
    horizon = int(r.settings.get("horizon_years", ws.terms().horizon_years))
    terms = ws.terms(horizon)
    worker = ws.workers.get(f.worker)
    if worker is None:
        raise WriteError(f"redesign sheet: worker {f.worker!r} is not in the workspace")
    moved = _moved_tasks(f, ws)
    gaps = _gaps(f, worker, moved, ws, terms, lang)
    setup = _setup(f, ws.catalog, horizon, lang)
    basis, case = _case(r, f, lang)
    return FunctionContent(
        lang=lang,
        title=_t("sheet_title", lang),
        facts=_facts(r, f, n, ws, lang, today),
        notice=None if r.exact else _t("not_exact", lang, gap=percent(r.gap, lang)),
        tasks_heading=_t("tasks_heading", lang),
        tasks_intro=_t("tasks_intro", lang),
        tasks=_tasks(f, ws, lang),
        sources_heading=_t("sources_heading", lang),
        sources_intro=_t("sources_intro", lang),
        sources=_sources(f, ws, lang),
        chart_heading=_t("profile_heading", lang),
        chart_intro=_t("profile_intro", lang),
        chart=_chart(worker, moved, ws.catalog, terms, lang),
        gaps_heading=_t("gaps_heading", lang),
        gaps=gaps,
        gaps_none=_t("gaps_none", lang) if gaps is None else None,
        setup_heading=_t("setup_heading", lang),
        setup=setup,
        setup_none=_t("setup_none", lang) if setup is None else None,
        case_heading=_t("case_heading", lang),
        case_basis=basis,
        case=case,
        steps_heading=_t("steps_heading", lang),
        steps=_steps(f, ws, lang, today),
        signatures_heading=text("sheet.signatures", lang),
        signatures=[_t("signatures_candidate", lang), text("sheet.employer", lang), text("sheet.job_coach", lang)],
        signature_fields=[text("sheet.name", lang), text("sheet.date", lang), text("sheet.signature", lang)],
        prepared=text("sheet.prepared", lang, date=date(today, lang)),
        footer=f"werkpost · {f.worker}",
    )
