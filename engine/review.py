"""Provides the catalogue review: one page per tool in words, for a practitioner to check without YAML.

Each page says what the tool is, each effect in words (which dimension, by
which kind, how far, in which tasks), what it needs, which hazards it
removes, what it conflicts with, what it costs over the horizon, its evidence
level with the reliability it carries, the cautions, and the sources with
the one that earns the evidence label first. Markdown is the output: it reads
as plain text in a terminal and renders in any viewer.
"""

from __future__ import annotations

from collections.abc import Iterable

from engine.loader import Catalog
from engine.models import Effect, Tool

WORDS = {
    "en": {
        "boost": "adds {n} level(s) to the worker's own capacity (never past a medical restriction)",
        "lower": "changes the task: lowers the demand by {n} level(s)",
        "via": "lets {via} do the work instead, up to level {n} (and never above the worker's {via} level)",
        "tasks": "in tasks tagged {tags}", "any": "in every task", "except": "never in tasks tagged {tags}",
        "needs": "Needs", "nothing": "nothing", "features": "at the workstation: {x}",
        "capacities": "from the worker: {x}", "newcomers": "only for a worker whose first language differs "
        "from the workplace language", "mitigates": "Removes the hazard(s)", "conflicts": "Not together with",
        "cost": "Cost", "cost_line": "EUR {once:,.0f} one-off, EUR {yearly:,.0f} a year; EUR {total:,.0f} over "
        "{years} years", "evidence": "Evidence", "reliability": "the effect holds with probability {p:.0%} once in use",
        "cautions": "Check first", "sources": "Sources (the first earns the evidence label)", "examples": "Examples",
        "category": "Category", "measure": "Measure", "effects": "Effects",
    },
    "nl": {
        "boost": "voegt {n} niveau(s) toe aan de eigen capaciteit van de werknemer (nooit boven een medische "
        "beperking)",
        "lower": "past de taak aan: verlaagt de eis met {n} niveau(s)",
        "via": "laat {via} het werk doen, tot niveau {n} (en nooit boven het niveau {via} van de werknemer)",
        "tasks": "in taken met label {tags}", "any": "in elke taak", "except": "nooit in taken met label {tags}",
        "needs": "Vraagt", "nothing": "niets", "features": "op de werkpost: {x}",
        "capacities": "van de werknemer: {x}", "newcomers": "alleen voor een werknemer met een andere moedertaal "
        "dan de werktaal", "mitigates": "Neemt het gevaar weg", "conflicts": "Niet samen met",
        "cost": "Kost", "cost_line": "EUR {once:,.0f} eenmalig, EUR {yearly:,.0f} per jaar; EUR {total:,.0f} over "
        "{years} jaar", "evidence": "Bewijs", "reliability": "het effect houdt met kans {p:.0%} stand eens in gebruik",
        "cautions": "Eerst nagaan", "sources": "Bronnen (de eerste verdient het bewijsniveau)",
        "examples": "Voorbeelden", "category": "Categorie", "measure": "Maatregel", "effects": "Effecten",
    },
}


def _w(lang: str) -> dict[str, str]:
    return WORDS.get(lang, WORDS["en"])


def effect_words(effect: Effect, catalog: Catalog, lang: str = "en") -> str:
    """One effect in a sentence: dimension, kind and reach, and the tasks it reaches."""
    w = _w(lang)
    dim = catalog.dimension_label(effect.dimension, lang)
    if effect.kind == "boost":
        how = w["boost"].format(n=effect.boost)
    elif effect.kind == "lower":
        how = w["lower"].format(n=effect.lower)
    else:
        how = w["via"].format(via=catalog.dimension_label(effect.via or "", lang), n=effect.up_to)
    tags = catalog.vocabulary.task_tags
    where = (w["tasks"].format(tags=", ".join(tags[t].get(lang) if t in tags else t for t in sorted(effect.task_tags)))
             if effect.task_tags else w["any"])
    if effect.except_task_tags:
        where += "; " + w["except"].format(
            tags=", ".join(tags[t].get(lang) if t in tags else t for t in sorted(effect.except_task_tags)))
    return f"{dim}: {how}, {where}."


def tool_page(tool: Tool, catalog: Catalog, lang: str = "en", horizon_years: int = 3) -> str:
    """The review page of one tool, as Markdown."""
    w = _w(lang)
    vocab = catalog.vocabulary
    cat = vocab.categories.get(tool.category)
    lines = [f"## {tool.name.get(lang)} (`{tool.id}`)", ""]
    if tool.description is not None:
        lines += [tool.description.get(lang), ""]
    lines.append(f"- **{w['category']}:** {cat.get(lang) if cat else tool.category} · **{w['measure']}:** "
                 f"{vocab.measures[tool.measure].get(lang)} · ISO 9999 {tool.iso9999}")
    lines.append(f"- **{w['examples']}:** {'; '.join(tool.examples)}")
    lines.append(f"- **{w['effects']}:**")
    lines += [f"  - {effect_words(e, catalog, lang)}" for e in tool.effects]
    needs = []
    if tool.requires.features:
        needs.append(w["features"].format(x=", ".join(
            vocab.features[f].get(lang) if f in vocab.features else f for f in tool.requires.features)))
    if tool.requires.capacities:
        needs.append(w["capacities"].format(x=", ".join(
            f"{catalog.dimension_label(d, lang)} {m}" for d, m in tool.requires.capacities.items())))
    if tool.needs_other_first_language:
        needs.append(w["newcomers"])
    lines.append(f"- **{w['needs']}:** {'; '.join(needs) if needs else w['nothing']}")
    if tool.mitigates:
        lines.append(f"- **{w['mitigates']}:** {', '.join(catalog.hazard_label(h, lang) for h in tool.mitigates)}")
    if tool.conflicts_with:
        lines.append(f"- **{w['conflicts']}:** {', '.join(catalog.tool_name(t, lang) for t in tool.conflicts_with)}")
    total = tool.cost_eur + horizon_years * tool.yearly_eur
    lines.append(f"- **{w['cost']}:** " + w["cost_line"].format(once=tool.cost_eur, yearly=tool.yearly_eur,
                                                                 total=total, years=horizon_years))
    evidence = vocab.evidence[tool.evidence]
    lines.append(f"- **{w['evidence']}:** {evidence.get(lang)}; "
                 + w["reliability"].format(p=evidence.reliability))
    if tool.cautions is not None:
        lines.append(f"- **{w['cautions']}:** {tool.cautions.get(lang)}")
    lines.append(f"- **{w['sources']}:**")
    lines += [f"  {i}. {url}" for i, url in enumerate(tool.sources, 1)]
    return "\n".join(lines) + "\n"


def review(catalog: Catalog, tools: Iterable[Tool], lang: str = "en", horizon_years: int = 3) -> str:
    """Every page, with the evidence rule on top."""
    head = ["# werkpost catalogue review", ""]
    for key, label in catalog.vocabulary.evidence.items():
        rule = label.description.get(lang) if label.description else ""
        head.append(f"- **{label.get(lang)}** ({key}, reliability {label.reliability:.2f}): {rule}")
    head.append("")
    return "\n".join(head) + "\n" + "\n".join(tool_page(t, catalog, lang, horizon_years) for t in tools)
