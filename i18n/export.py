"""Provides the words of the XLSX exports: each column key and sheet name as a header a person reads.

engine/export.py keeps the column keys (CSV and JSON use them, the same in
every language); the workbook a person opens shows these labels instead,
and the few values that are words (yes/no, the objective) under VALUE.
"""

from __future__ import annotations

from engine.export import VALUE
from i18n.catalogue import message_keys, text

PREFIX = "export.label."
VALUES = "export.value."


def export_labels(lang: str) -> dict[str, str]:
    """Every column key and sheet name with its header in `lang`, and each value word under VALUE + word."""
    labels = {key[len(PREFIX):]: text(key, lang) for key in sorted(message_keys(lang)) if key.startswith(PREFIX)}
    labels.update({VALUE + key[len(VALUES):]: text(key, lang) for key in sorted(message_keys(lang))
                   if key.startswith(VALUES)})
    return labels
