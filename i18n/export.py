"""Provides the words of the XLSX exports: each column key and sheet name as a header a person reads.

engine/export.py keeps the column keys (CSV and JSON use them, the same in
every language); the workbook a person opens shows these labels instead.
"""

from __future__ import annotations

from i18n.catalogue import message_keys, text

PREFIX = "export.label."


def export_labels(lang: str) -> dict[str, str]:
    """Every column key and sheet name with its header in `lang`."""
    return {key[len(PREFIX):]: text(key, lang) for key in sorted(message_keys(lang)) if key.startswith(PREFIX)}
