"""Provides the sentences for why a set-up works and why a tool was left out, in every language.

Every closure says how the tool works: a boost adds levels to the body (and
says when a physician's limit caps it), a lower changes the task, a via lets
another channel do the work (and says what level of it the worker needs).
The engine hands over the facts (the graph's edges, the gaps, the blocks and
each exclusion's reason with its numbers); the words are made here, so the
CLI, the TUI and the sheets say the same.
"""

from __future__ import annotations

from dataclasses import replace

from engine.accessibility import Block, Exclusion, Gap
from engine.graph import Edge
from engine.loader import Catalog
from i18n.catalogue import plural, text
from i18n.formats import money


def closure_text(edge: Edge, gap: Gap, tool: str, dim: str, via: str | None, limit: int, lang: str = "en") -> str:
    """Why a tool closes a gap, by its kind: boost, lower or via."""
    if edge.kind == "via":
        said = text("explain.via", lang, tool=tool, dim=dim, via=via or edge.via, need=gap.demand)
    elif edge.kind == "lower":
        said = plural("explain.lower", edge.reduction, lang, tool=tool, dim=dim)
    else:
        said = plural("explain.boost", min(edge.reduction, gap.size), lang, tool=tool, dim=dim)
    if edge.capped:
        said += text("explain.capped", lang, limit=limit)
    return said


def block_text(block: Block, hazard: str, lang: str = "en", by: str | None = None) -> str:
    """A blocked task, unblocked by `by` or still blocked."""
    if by is not None:
        return text("explain.unblock", lang, tool=by, hazard=hazard, task=block.task)
    return text("explain.blocked", lang, task=block.task, hazard=hazard)


def exclusion_text(exclusion: Exclusion, tool: str, lang: str = "en") -> str:
    """Why a tool was left out and what would change it, from the exclusion's own detail and fix."""
    return text("explain.excluded", lang, tool=tool, detail=exclusion.detail, fix=exclusion.fix)


FEATURE_FIXES = ("power", "network", "computer", "fixed_bench", "floor_space", "mobile_work", "outdoor", "racking",
                 "step_free")
"""The features with their own fix in the catalogue (cli.feature_fix.*)."""

REASONS = ("avoided", "feature", "capacity", "first_language", "budget")
"""The exclusion reasons said from their numbers (`Exclusion.params`)."""


def exclusion_line(e: Exclusion, cat: Catalog, lang: str, horizon_years: int) -> str:
    """Why a tool was left out and what would change it, in `lang`.

    English keeps the exclusion's own detail and fix, the words its JSON
    carries too; other languages say the reason from its numbers.
    """
    tool = cat.tool_name(e.tool, lang)
    if lang == "en" or e.reason not in REASONS:
        return exclusion_text(e, tool, lang)
    p = e.params
    if e.reason == "avoided":
        category = cat.vocabulary.categories.get(p["category"])
        detail = text("cli.excluded.avoided", lang, category=category.get(lang) if category else p["category"])
        fix = text("cli.excluded.avoided_fix", lang)
    elif e.reason == "feature":
        feature = cat.vocabulary.features.get(p["feature"])
        name = feature.get(lang).lower() if feature else p["feature"]
        detail = text("cli.excluded.feature", lang, feature=name)
        fix = (text(f"cli.feature_fix.{p['feature']}", lang) if p["feature"] in FEATURE_FIXES
               else text("cli.excluded.feature_fix", lang, feature=name))
    elif e.reason == "capacity":
        dim = cat.dimension_label(p["dimension"], lang)
        detail = text("cli.excluded.capacity", lang, dimension=dim, minimum=p["minimum"], has=p["has"])
        fix = text("cli.excluded.capacity_fix", lang, dimension=dim, minimum=p["minimum"])
    elif e.reason == "first_language":
        detail = text("cli.excluded.first_language", lang, language=p["language"])
        fix = text("cli.excluded.first_language_fix", lang)
    else:
        total = money(p["total_eur"], lang)
        years = plural("cli.years", int(p.get("horizon_years", horizon_years)), lang)
        detail = text("cli.excluded.budget", lang, total=total, years=years, budget=money(p["budget_eur"], lang))
        cheapest = p.get("cheapest_eur")
        fix = (text("cli.excluded.budget_fix", lang, total=total) if cheapest is None
               else text("cli.excluded.budget_cheapest", lang, amount=money(cheapest, lang)))
    return exclusion_text(replace(e, detail=detail, fix=fix), tool, lang)
