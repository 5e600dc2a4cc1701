"""Provides the one translation layer of werkpost: the languages, the messages and the locale formats.

The tui, the cli and the sheets all say things through here: `text` and
`plural` read the message catalogues (messages/<lang>.yaml), and the
formats (money, percentages, dates) go through Babel with the locale the
catalogue names. The Dutch words follow GLOSSARY.md.
"""

from __future__ import annotations

from i18n.catalogue import LANG_NAMES, LANGUAGES, locale_of, message_keys, plural, text
from i18n.formats import add_months, date, money, number, parse_budget, percent, points, score

__all__ = [
    "LANGUAGES",
    "LANG_NAMES",
    "add_months",
    "date",
    "locale_of",
    "message_keys",
    "money",
    "number",
    "parse_budget",
    "percent",
    "plural",
    "points",
    "score",
    "text",
]
