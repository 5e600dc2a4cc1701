"""Provides the words of the catalogue review: one page per tool, for a practitioner to check without YAML.

Each page says what the tool is, each effect in words (which dimension, by
which kind, how far, in which tasks), what it needs, which hazards it
removes, what it conflicts with, what it costs over the horizon, its evidence
level with the reliability it carries, the cautions, and the sources with
the one that earns the evidence label first. The facts come from
engine/review.py. Markdown is the output: it reads as plain text in a
terminal and renders in any viewer.
"""

from __future__ import annotations

from collections.abc import Iterable

from babel.numbers import format_decimal

from engine.loader import Catalog
from engine.models import Tool
from engine.review import EffectFacts, ToolFacts, evidence_rules, tool_facts
from i18n.catalogue import locale_of, plural, text
from i18n.formats import percent
from i18n.support import eur


def _w(key: str, lang: str, **values: object) -> str:
    return text(f"review.{key}", lang, **values)


def _euro(amount: float, lang: str) -> str:
    # Whole euros, as the review always showed them ('EUR 4,500', '€ 4.500').
    return eur(round(amount) * 100, lang)


def _tags(tags: Iterable[str], catalog: Catalog, lang: str) -> str:
    known = catalog.vocabulary.task_tags
    return ", ".join(known[t].get(lang) if t in known else t for t in tags)


def effect_words(effect: EffectFacts, catalog: Catalog, lang: str = "en") -> str:
    """One effect in a sentence: dimension, kind and reach, and the tasks it reaches."""
    dim = catalog.dimension_label(effect.dimension, lang)
    if effect.kind == "via":
        how = _w("via", lang, via=catalog.dimension_label(effect.via or "", lang), n=effect.levels)
    else:
        how = plural(f"review.{effect.kind}", effect.levels, lang)
    where = _w("tasks", lang, tags=_tags(effect.task_tags, catalog, lang)) if effect.task_tags else _w("any", lang)
    if effect.except_task_tags:
        where += "; " + _w("except", lang, tags=_tags(effect.except_task_tags, catalog, lang))
    return f"{dim}: {how}, {where}."


def facts_page(facts: ToolFacts, catalog: Catalog, lang: str = "en") -> str:
    """The review page of one tool from its facts, as Markdown."""
    tool = facts.tool
    vocab = catalog.vocabulary
    cat = vocab.categories.get(tool.category)
    lines = [f"## {tool.name.get(lang)} (`{tool.id}`)", ""]
    if tool.description is not None:
        lines += [tool.description.get(lang), ""]
    lines.append(f"- **{_w('category', lang)}:** {cat.get(lang) if cat else tool.category} · "
                 f"**{_w('measure', lang)}:** {vocab.measures[tool.measure].get(lang)} · ISO 9999 {tool.iso9999}")
    lines.append(f"- **{_w('examples', lang)}:** {'; '.join(tool.examples)}")
    lines.append(f"- **{_w('effects', lang)}:**")
    lines += [f"  - {effect_words(e, catalog, lang)}" for e in facts.effects]
    needs = []
    if tool.requires.features:
        needs.append(_w("features", lang, x=", ".join(
            vocab.features[f].get(lang) if f in vocab.features else f for f in tool.requires.features)))
    if tool.requires.capacities:
        needs.append(_w("capacities", lang, x=", ".join(
            f"{catalog.dimension_label(d, lang)} {m}" for d, m in tool.requires.capacities.items())))
    if tool.needs_other_first_language:
        needs.append(_w("newcomers", lang))
    lines.append(f"- **{_w('needs', lang)}:** {'; '.join(needs) if needs else _w('nothing', lang)}")
    if tool.mitigates:
        lines.append(f"- **{_w('mitigates', lang)}:** "
                     f"{', '.join(catalog.hazard_label(h, lang) for h in tool.mitigates)}")
    if tool.conflicts_with:
        lines.append(f"- **{_w('conflicts', lang)}:** "
                     f"{', '.join(catalog.tool_name(t, lang) for t in tool.conflicts_with)}")
    lines.append(f"- **{_w('cost', lang)}:** " + _w(
        "cost_line", lang, once=_euro(tool.cost_eur, lang), yearly=_euro(tool.yearly_eur, lang),
        total=_euro(facts.total_eur, lang), years=plural("cli.years", facts.horizon_years, lang)))
    lines.append(f"- **{_w('evidence', lang)}:** {vocab.evidence[tool.evidence].get(lang)}; "
                 + _w("reliability", lang, p=percent(facts.reliability, lang)))
    if tool.cautions is not None:
        lines.append(f"- **{_w('cautions', lang)}:** {tool.cautions.get(lang)}")
    lines.append(f"- **{_w('sources', lang)}:**")
    lines += [f"  {i}. {url}" for i, url in enumerate(tool.sources, 1)]
    return "\n".join(lines) + "\n"


def tool_page(tool: Tool, catalog: Catalog, lang: str = "en", horizon_years: int = 3) -> str:
    """The review page of one tool, as Markdown."""
    return facts_page(tool_facts(tool, catalog, horizon_years), catalog, lang)


def review(catalog: Catalog, tools: Iterable[Tool], lang: str = "en", horizon_years: int = 3) -> str:
    """Every page, with the evidence rule on top."""
    head = [_w("title", lang), ""]
    for rule in evidence_rules(catalog):
        label = catalog.vocabulary.evidence[rule.level]
        said = label.description.get(lang) if label.description else ""
        # Two decimals in the locale's own notation (0.85, 0,85).
        reliability = format_decimal(rule.reliability, format="0.00", locale=locale_of(lang))
        head.append(_w("rule", lang, label=label.get(lang), level=rule.level, reliability=reliability, rule=said))
    head.append("")
    return "\n".join(head) + "\n" + "\n".join(tool_page(t, catalog, lang, horizon_years) for t in tools)
