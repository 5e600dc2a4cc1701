"""Provides the funding rules of `catalog/funding.yaml`: their models, their loading and their deadlines.

The file says which public measures (the Flemish BTOM allowances, interpreting
hours, wage premiums) may pay for which tools, for whom, how much as a planning
estimate, and by when. Its shape is checked by the pydantic models here; every
id it names (categories, tools, measures, recipients) is checked against the
catalogue with a "did you mean", at its line and column. A workspace replaces
the whole file with its own `catalog/funding.yaml`, since the rules change.
`deadline_dates` turns a measure's deadlines into dates from a given day.
"""

from __future__ import annotations

import calendar
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import Field, field_validator, model_validator
from pydantic_core import PydanticCustomError

from engine.errors import InputError, Problem
from engine.models import Id, Measure, Money, Record, Text, Tool, Vocabulary, web_addresses
from engine.validation import check_ids, items_at, keys_at, validate_record
from engine.yamlio import SourceMap, read_yaml

FUNDING_FILE = "funding.yaml"
"""The file name, in the bundled catalogue and in a workspace's `catalog/`."""

RECIPIENTS = ("worker", "employer", "provider")
"""Who receives the money: `provider` is paid directly (the interpreter through CAB)."""
APPLICANTS = ("worker", "employer")
"""Who files the application."""

Scheme = Literal["btom", "vop", "maatwerk"]
Status = Literal["active", "closed_to_new_applications"]
PaysFor = Literal["one_off", "yearly", "none"]
Apply = Literal["before_purchase", "before_use", "during_employment", "quarterly_claim", "closed"]
IsoDate = Field(default=None, pattern=r"^\d{4}-\d{2}-\d{2}$")
Months = Field(default=None, ge=1, le=120, strict=True)
Share = Annotated[float, Field(gt=0, le=1, allow_inf_nan=False)]
"""A share of the working time or of a cost: more than 0, at most 1."""


class TextList(Record):
    """A list of lines in English and Dutch (conditions, what to attach)."""

    en: list[str] = Field(default_factory=list)
    """English lines."""
    nl: list[str] = Field(default_factory=list)
    """Dutch lines."""

    def get(self, lang: str) -> list[str]:
        """The lines in `lang`, English when the language is unknown."""
        return self.nl if lang == "nl" else self.en

    @model_validator(mode="after")
    def _same_length(self) -> TextList:
        if len(self.en) != len(self.nl):
            raise PydanticCustomError("lines_differ", "en has {english} lines and nl {dutch}: give every line in both "
                                      "languages", {"english": len(self.en), "dutch": len(self.nl)})
        return self


class Covers(Record):
    """What a measure may pay for."""

    categories: list[str] = Field(default_factory=list)
    """Tool categories (contract section 3) it may pay for."""
    measures: list[Measure] = Field(min_length=1)
    """TOP kinds of tool it may pay for (technical, organisational, personal)."""
    extra_cost_only: bool = False
    """Only the difference with a standard model counts (an adapted model of what the firm buys anyway)."""


class Quota(Record):
    """A yearly quota of hours (interpreting)."""

    share_of_working_time: Share
    """Hours a year as a share of the effective working time (0.10: 10 %)."""
    extension_steps: list[Share] = Field(default_factory=list)
    """Extensions of the share VDAB may grant on request."""
    job_seeking_hours_per_year: float | None = Field(default=None, ge=0, le=2000, allow_inf_nan=False)
    """Hours a year while looking for work."""
    assumed_eur_per_hour: Money
    """What an hour costs, to compare the quota with a tool's yearly cost (an assumption: see the measure's)."""


class Deadlines(Record):
    """When to apply, buy and claim."""

    apply: Apply
    """before_purchase, before_use, during_employment, quarterly_claim, or closed (no new applications)."""
    buy_within_months: int | None = Months
    """Months from VDAB's decision to buy or adapt."""
    invoices_within_months: int | None = Months
    """Months from the purchase to send the invoices."""
    claim_within_months_after_quarter: int | None = Months
    """Months after each quarter to claim (travel costs)."""
    renew_every_months: int | None = Months
    """Months after which the right is asked again (interpreting hours: yearly)."""


class Percent(Record):
    """A published range of a wage premium, in per cent."""

    min: float = Field(ge=0, le=100, allow_inf_nan=False)
    """Lowest percentage."""
    max: float = Field(ge=0, le=100, allow_inf_nan=False)
    """Highest percentage."""


class FundingMeasure(Record):
    """One public measure that may pay for tools, or compensate the employer."""

    id: Id
    """Stable id, e.g. `btom-work-tools`."""
    name: Text
    """Official name in both languages."""
    description: Text
    """What it is, in both languages."""
    scheme: Scheme
    """btom (special employment support), vop (closed premium) or maatwerk (the maatwerk decree)."""
    status: Status
    """active, or closed_to_new_applications (only running files)."""
    since: str | None = IsoDate
    """First day it applies (YYYY-MM-DD)."""
    closed_since: str | None = IsoDate
    """First day no new application is possible (YYYY-MM-DD)."""
    replaced_by: str | None = None
    """The measure that replaced a closed one."""
    recipient: str
    """Who receives the money: worker, employer or provider (checked with a "did you mean")."""
    applicant: str
    """Who files the application: worker or employer."""
    pays_for: PaysFor
    """The part of a tool's cost it pays: one_off (the purchase), yearly (hours within a quota), none (a premium)."""
    covers: Covers
    """Which tools it may pay for."""
    share: float | None = Field(default=None, ge=0, le=1, allow_inf_nan=False)
    """Share of the eligible cost counted as support: a planning estimate, VDAB sets the amount."""
    cap_eur: Money | None = None
    """A published cap per tool, euro; None when none is published."""
    quota: Quota | None = None
    """A yearly quota of hours."""
    wage_premium_pct: Percent | None = None
    """A wage premium's published range (not earmarked for a tool)."""
    deducts_other_support: bool = False
    """What another scheme pays for the tool is deducted."""
    requires_vdab_recognition: bool = True
    """Only for a worker whose right VDAB recognised."""
    deadlines: Deadlines
    """When to apply, buy and claim."""
    conditions: TextList = Field(default_factory=TextList)
    """Conditions werkpost cannot check: the coach checks them."""
    attach: TextList = Field(default_factory=TextList)
    """What an application needs."""
    sources: list[str] = Field(min_length=1)
    """The pages the rules were read from (URLs)."""
    assumptions: list[Text] = Field(default_factory=list)
    """What the estimate assumes beyond the sources; every estimate quotes them."""
    note: Text | None = None
    """What is uncertain or left out, and why."""

    @field_validator("sources")
    @classmethod
    def _urls(cls, sources: list[str]) -> list[str]:
        return web_addresses(sources)

    @model_validator(mode="after")
    def _amounts_fit_what_it_pays(self) -> FundingMeasure:
        if self.pays_for != "none" and self.share is None:
            raise PydanticCustomError("share_needed", "pays_for {pays_for} needs a share (the planning estimate "
                                      "of what is paid)", {"pays_for": self.pays_for})
        if self.pays_for == "yearly" and self.quota is None:
            raise PydanticCustomError("quota_needed", "pays_for yearly needs a quota (the hours a year)")
        return self


class ToolFunding(Record):
    """The measure of one tool, where its category's order would pick the wrong one."""

    measure: str | None
    """The measure that may pay for the tool; null: none does."""
    standard_cost_eur: Money = 0.0
    """Price of the standard model the tool replaces; with extra_cost_only only the rest counts."""
    why: Text
    """The reason, in both languages."""


class FundingRules(Record):
    """The whole of `funding.yaml`."""

    version: int = Field(ge=1, strict=True)
    """Version of the file's shape."""
    region: str = Field(min_length=1)
    """Where the rules apply."""
    currency: Literal["EUR"]
    """Amounts are in euro."""
    checked: str = Field(min_length=1)
    """When and how the rules were checked."""
    estimate: Text
    """The sentence every estimate carries (VDAB decides the amount)."""
    payers: Text
    """Who is assumed to pay what, for the net cost per payer."""
    measures: list[FundingMeasure] = Field(min_length=1)
    """The measures."""
    prefer: dict[str, list[str]] = Field(default_factory=dict)
    """Per category, the measures in the order to look at them (default: the order of `measures`)."""
    tools: dict[str, ToolFunding] = Field(default_factory=dict)
    """Per tool, the measure that pays for it, overriding the category's order."""
    category_notes: dict[str, Text] = Field(default_factory=dict)
    """A caveat per category (what is often not paid, and why)."""

    def measure(self, measure_id: str) -> FundingMeasure | None:
        """A measure by id."""
        return next((m for m in self.measures if m.id == measure_id), None)

    def candidates(self, tool: Tool) -> list[FundingMeasure]:
        """The measures that may pay for `tool`, in the order to look at them (whoever the worker is)."""
        if tool.id in self.tools:
            chosen = self.tools[tool.id].measure
            found = self.measure(chosen) if chosen is not None else None
            return [found] if found is not None else []
        order = {m: i for i, m in enumerate(self.prefer.get(tool.category, []))}
        fits = [m for m in self.measures if tool.category in m.covers.categories and tool.measure in m.covers.measures]
        return sorted(fits, key=lambda m: order.get(m.id, len(order)))

    def standard_cost(self, tool_id: str) -> float:
        """The standard model's price the tool's extra cost is measured against (0 when none is named)."""
        entry = self.tools.get(tool_id)
        return entry.standard_cost_eur if entry is not None else 0.0


def check_funding(data: Any, smap: SourceMap, vocab: Vocabulary, tools: Mapping[str, Tool]) -> list[Problem]:
    """Cross-check every id a (shape-valid) funding file names, with a "did you mean"."""
    ids = [m.get("id") for m in data["measures"]]
    out: list[Problem] = []
    seen: set[str] = set()
    for loc, m in items_at(data, ("measures",)):
        if m["id"] in seen:
            out.append(smap.problem((*loc, "id"), f"duplicate measure id {m['id']!r}"))
        seen.add(m["id"])
        out += check_ids(smap, [((*loc, "recipient"), m["recipient"])], RECIPIENTS, "recipient")
        out += check_ids(smap, [((*loc, "applicant"), m["applicant"])], APPLICANTS, "applicant")
        out += check_ids(smap, items_at(data, (*loc, "covers", "categories")), vocab.categories, "category")
        if m.get("replaced_by") is not None:
            out += check_ids(smap, [((*loc, "replaced_by"), m["replaced_by"])], ids, "measure")
    by_id = {m["id"]: m for m in data["measures"]}
    for cloc, category in keys_at(data, ("prefer",)):
        out += check_ids(smap, [(cloc, category)], vocab.categories, "category", key=True)
        for mloc, name in items_at(data, cloc):
            found = check_ids(smap, [(mloc, name)], ids, "measure")
            out += found
            if not found and category not in by_id[name]["covers"]["categories"]:
                out.append(smap.problem(mloc, f"prefer.{category}: {name} does not cover {category} "
                                        "(add it to the measure's covers.categories, or drop it here)"))
    for tloc, tool_id in keys_at(data, ("tools",)):
        found = check_ids(smap, [(tloc, tool_id)], tools, "tool", key=True)
        out += found
        chosen = data["tools"][tool_id].get("measure")
        if chosen is None:
            continue
        mloc = (*tloc, "measure")
        missing = check_ids(smap, [(mloc, chosen)], ids, "measure")
        out += missing
        if not found and not missing:
            tool, covers = tools[tool_id], by_id[chosen]["covers"]
            if tool.category not in covers["categories"] or tool.measure not in covers["measures"]:
                out.append(smap.problem(mloc, f"tools.{tool_id}: {chosen} does not cover a {tool.measure} "
                                        f"{tool.category} tool (see its covers)"))
    for cloc, _ in keys_at(data, ("category_notes",)):
        out += check_ids(smap, [(cloc, cloc[-1])], vocab.categories, "category", key=True)
    return out


def load_funding(path: Path, vocab: Vocabulary, tools: Mapping[str, Tool]) -> FundingRules:
    """Load and check one funding file; raises InputError listing every problem."""
    data, smap = read_yaml(path)
    rules, problems = validate_record(FundingRules, data, smap)
    if rules is not None:
        problems = check_funding(data, smap, vocab, tools)
    if problems or rules is None:
        raise InputError(problems)
    return rules


# ------------------------------------------------------------------ deadlines


def add_months(day: date, months: int) -> date:
    """The same day `months` later, the month's last day when it has fewer days (31 Jan + 1 = 28/29 Feb)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


@dataclass(frozen=True)
class DeadlineDates:
    """A measure's deadlines as dates, counted from a given day as if VDAB decided that day."""

    apply: Apply
    """When to apply: before_purchase means before buying anything."""
    buy_by: date | None
    """Last day to buy or adapt (decision + buy_within_months)."""
    invoices_by: date | None
    """Last day to send the invoices, when bought on `buy_by` (+ invoices_within_months)."""
    renew_by: date | None
    """When the right is to be asked again."""


def deadline_dates(measure: FundingMeasure, today: date) -> DeadlineDates:
    """The deadlines of `measure` as dates from `today` (pure: the caller passes the day, tests fix it).

    The decision date is not known before applying, so the dates count from
    `today` as if VDAB decided today: the latest possible dates for an
    application made now move later with the real decision.
    """
    d = measure.deadlines
    buy_by = add_months(today, d.buy_within_months) if d.buy_within_months else None
    invoices_by = (add_months(buy_by or today, d.invoices_within_months) if d.invoices_within_months else None)
    renew_by = add_months(today, d.renew_every_months) if d.renew_every_months else None
    return DeadlineDates(d.apply, buy_by, invoices_by, renew_by)
