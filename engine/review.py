"""Provides the facts of the catalogue review: per tool what it does, needs, removes and costs, as data.

A practitioner checks the catalogue without YAML from these facts: each
effect (dimension, kind, how far, in which tasks), the needs, the hazards
removed, the conflicts, the cost over the horizon, the evidence level with
the reliability it carries, and the sources in order (the first earns the
evidence label). The words are made in the i18n layer (i18n/review.py).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from engine.loader import Catalog
from engine.models import Effect, Tool


@dataclass(frozen=True)
class EffectFacts:
    """One effect of a tool: which dimension, by which kind, how far, and in which tasks."""

    dimension: str
    """Dimension id."""
    kind: str
    """boost, lower or via."""
    levels: int
    """Levels added (boost), taken off the demand (lower), or the level the other channel reaches (via)."""
    via: str | None
    """The dimension that does the work instead (via only)."""
    task_tags: tuple[str, ...]
    """Only in tasks with one of these tags (empty: every task), sorted."""
    except_task_tags: tuple[str, ...]
    """Never in tasks with one of these tags, sorted."""


@dataclass(frozen=True)
class ToolFacts:
    """One tool's review page as facts."""

    tool: Tool
    """The tool record (names, description, examples, cautions in every language)."""
    effects: tuple[EffectFacts, ...]
    """Its effects, in file order."""
    horizon_years: int
    """Years of yearly cost in the total."""
    total_eur: float
    """One-off cost plus the horizon's yearly costs."""
    reliability: float
    """The probability the effect holds once in use, from the tool's evidence level."""


@dataclass(frozen=True)
class EvidenceRule:
    """One evidence level at the head of the review: its id and the reliability it carries."""

    level: str
    """Evidence level id."""
    reliability: float
    """Its reliability."""


def effect_facts(effect: Effect) -> EffectFacts:
    """The facts of one effect."""
    if effect.kind == "boost":
        levels = effect.boost or 0
    elif effect.kind == "lower":
        levels = effect.lower or 0
    else:
        levels = effect.up_to or 0
    return EffectFacts(effect.dimension, effect.kind, levels, effect.via, tuple(sorted(effect.task_tags or ())),
                       tuple(sorted(effect.except_task_tags)))


def tool_facts(tool: Tool, catalog: Catalog, horizon_years: int = 3) -> ToolFacts:
    """The facts of one tool's review page."""
    return ToolFacts(tool, tuple(effect_facts(e) for e in tool.effects), horizon_years,
                     tool.cost_eur + horizon_years * tool.yearly_eur,
                     catalog.vocabulary.evidence[tool.evidence].reliability)


def evidence_rules(catalog: Catalog) -> list[EvidenceRule]:
    """The evidence levels in catalogue order, for the head of the review."""
    return [EvidenceRule(key, label.reliability) for key, label in catalog.vocabulary.evidence.items()]


def review_facts(catalog: Catalog, tools: Iterable[Tool], horizon_years: int = 3) -> list[ToolFacts]:
    """Every tool's facts, in the order given."""
    return [tool_facts(t, catalog, horizon_years) for t in tools]
