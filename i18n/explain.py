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


REASONS = ("avoided", "feature", "capacity", "first_language", "budget")
"""The exclusion reasons said from their numbers (`Exclusion.params`)."""


def exclusion_words(e: Exclusion, cat: Catalog, lang: str, horizon_years: int, *,
                    cents: bool = False) -> tuple[str, str]:
    """Why a tool was left out and what would change it, in `lang`: one wording for the CLI, the TUI and the sheets.

    Said from the exclusion's reason and numbers with the catalogue's labels
    (the engine's own `detail` and `fix` are the JSON's plain English with ids).
    A sheet quotes amounts with `cents` (it goes with a funding application).
    """
    p = e.params
    if e.reason not in REASONS:
        return e.detail, e.fix
    if e.reason == "budget":
        total = money(p["total_eur"], lang, cents=cents)
        years = plural("cli.years", int(p.get("horizon_years", horizon_years)), lang)
        detail = text("exclusion.why.budget", lang, total=total, years=years, budget=money(p["budget_eur"], lang,
                                                                                        cents=cents))
        cheapest = p.get("cheapest_eur")
        fix = (text("exclusion.fix.budget", lang, total=total) if cheapest is None
               else text("exclusion.budget_cheapest", lang, total=money(cheapest, lang, cents=cents)))
        return detail, fix
    words: dict[str, object] = {}
    if e.reason == "avoided":
        category = cat.vocabulary.categories.get(str(p["category"]))
        words["category"] = category.get(lang) if category else p["category"]
    elif e.reason == "feature":
        feature = cat.vocabulary.features.get(str(p["feature"]))
        label = feature.get(lang) if feature else str(p["feature"])
        words["feature"] = label[:1].lower() + label[1:]  # mid-sentence; "Wi-Fi" keeps its capitals
    elif e.reason == "capacity":
        words.update(dimension=cat.dimension_label(str(p["dimension"]), lang), minimum=p["minimum"], has=p["has"])
    else:
        words["language"] = p["language"]
    return text(f"exclusion.why.{e.reason}", lang, **words), text(f"exclusion.fix.{e.reason}", lang, **words)


def exclusion_line(e: Exclusion, cat: Catalog, lang: str, horizon_years: int) -> str:
    """'tool: why left out; what would change it' in `lang` (whole euros, as the CLI's other amounts)."""
    detail, fix = exclusion_words(e, cat, lang, horizon_years)
    return exclusion_text(replace(e, detail=detail, fix=fix), cat.tool_name(e.tool, lang), lang)
