"""Provides the words for why a set-up works and why a tool was left out, in English and Dutch.

Every closure says how the tool works: a boost adds levels to the body (and
says when a physician's limit caps it), a lower changes the task, a via lets
another channel do the work (and says what level of it the worker needs).
The CLI, the TUI and the sheets all use these sentences, so they say the same.
"""

from __future__ import annotations

from engine.accessibility import Block, Exclusion, Gap
from engine.graph import Edge

PHRASES: dict[str, dict[str, str]] = {
    "boost": {
        "en": "{tool} adds {n} level(s) of {dim}",
        "nl": "{tool} voegt {n} niveau(s) {dim} toe",
    },
    "capped": {
        "en": " (capped by the physician's limit {limit})",
        "nl": " (begrensd door de medische beperking {limit})",
    },
    "lower": {
        "en": "{tool} changes the task: it takes {n} level(s) of {dim} off the demand",
        "nl": "{tool} past de taak aan: de eis voor {dim} daalt met {n} niveau(s)",
    },
    "via": {
        "en": "{tool}: {dim} becomes {via} (needs {via} {need})",
        "nl": "{tool}: {dim} verloopt via {via} (vraagt {via} {need})",
    },
    "unblock": {
        "en": "{tool} removes the hazard '{hazard}' in {task}",
        "nl": "{tool} neemt het gevaar '{hazard}' weg bij {task}",
    },
    "blocked": {
        "en": "{task} stays blocked: '{hazard}' is a contraindication and no measure here removes it",
        "nl": "{task} blijft geblokkeerd: '{hazard}' is een contra-indicatie en geen maatregel hier neemt het weg",
    },
    "excluded": {
        "en": "{tool}: {detail}; what would change it: {fix}",
        "nl": "{tool}: {detail}; wat het zou veranderen: {fix}",
    },
}


def phrase(key: str, lang: str, **values: object) -> str:
    """One sentence in `lang` (English when the language is unknown)."""
    table = PHRASES[key]
    return table.get(lang, table["en"]).format(**values)


def closure_text(edge: Edge, gap: Gap, tool: str, dim: str, via: str | None, limit: int, lang: str = "en") -> str:
    """Why a tool closes a gap, by its kind: boost, lower or via."""
    if edge.kind == "via":
        text = phrase("via", lang, tool=tool, dim=dim, via=via or edge.via, need=gap.demand)
    elif edge.kind == "lower":
        text = phrase("lower", lang, tool=tool, dim=dim, n=edge.reduction)
    else:
        text = phrase("boost", lang, tool=tool, dim=dim, n=min(edge.reduction, gap.size))
    if edge.capped:
        text += phrase("capped", lang, limit=limit)
    return text


def block_text(block: Block, hazard: str, lang: str = "en", by: str | None = None) -> str:
    """A blocked task, unblocked by `by` or still blocked."""
    if by is not None:
        return phrase("unblock", lang, tool=by, hazard=hazard, task=block.task)
    return phrase("blocked", lang, task=block.task, hazard=hazard)


def exclusion_text(exclusion: Exclusion, tool: str, lang: str = "en") -> str:
    """Why a tool was left out and what would change it."""
    return phrase("excluded", lang, tool=tool, detail=exclusion.detail, fix=exclusion.fix)
