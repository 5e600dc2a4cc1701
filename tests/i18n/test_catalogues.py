"""The message catalogues: Dutch is complete, keys used in code exist, the glossary holds, formats per locale."""

from __future__ import annotations

import re
import string
from pathlib import Path

from engine.loader import Catalog
from i18n import LANG_NAMES, LANGUAGES, message_keys, money, percent, plural, text
from i18n.catalogue import _CATALOGUES

ROOT = Path(__file__).parents[2]
KEY_IN_CODE = re.compile(r"""["']((?:tui|sheet|format|cli)\.[a-z0-9_]+)["']""")


def fields(message: object) -> set[str]:
    forms = message.values() if isinstance(message, dict) else [message]
    return {name for form in forms for _, name, _, _ in string.Formatter().parse(str(form)) if name}


def test_dutch_has_every_key_english_has() -> None:
    missing = message_keys("en") - message_keys("nl")
    assert not missing, f"missing in nl.yaml: {sorted(missing)}"
    assert not message_keys("nl") - message_keys("en"), "keys only in nl.yaml"


def test_translations_keep_the_placeholders() -> None:
    en, nl = _CATALOGUES["en"], _CATALOGUES["nl"]
    wrong = [k for k in en if fields(en[k]) != fields(nl[k]) or isinstance(en[k], dict) != isinstance(nl[k], dict)]
    assert not wrong


def test_every_key_the_code_uses_is_in_the_catalogue() -> None:
    used = {key for folder in ("tui", "sheets", "cli") for path in (ROOT / folder).rglob("*.py")
            for key in KEY_IN_CODE.findall(path.read_text(encoding="utf-8"))}
    assert used and not used - message_keys("en")


def test_binding_descriptions_are_keys() -> None:
    binding = re.compile(r"""Binding\((?:"[^"]*"|str\(n\)),\s*f?"[^"]*",\s*"([^"]+)\"""")
    described = {d for path in (ROOT / "tui").rglob("*.py") for d in binding.findall(path.read_text(encoding="utf-8"))}
    assert described and not described - message_keys("en")


def test_plural_forms_follow_the_count() -> None:
    assert plural("problem.workers", 1, "en") == "1 worker"
    assert plural("problem.workers", 2, "en") == "2 workers"
    assert plural("problem.workers", 1, "nl") == "1 werknemer"
    assert plural("problem.workers", 2, "nl") == "2 werknemers"
    assert plural("tui.tools_count", 0, "nl") == "0 hulpmiddelen"


def test_languages_are_defined_once() -> None:
    assert LANGUAGES == ("en", "nl")
    assert LANG_NAMES == {"en": "English", "nl": "Nederlands"}
    assert text("sheet.title", "fr") == text("sheet.title", "en")


def test_money_and_percent_per_locale() -> None:
    assert money(14500, "en") == "€14,500"
    assert money(14500, "nl") == "€\xa014.500"
    assert money(15000, "en", cents=True) == "€15,000.00"
    assert money(15000, "nl", cents=True) == "€\xa015.000,00"
    assert percent(0.372, "en") == percent(0.372, "nl") == "37%"


def glossary_forbidden() -> list[str]:
    rows = (ROOT / "i18n" / "GLOSSARY.md").read_text(encoding="utf-8").splitlines()
    cells = [[c.strip() for c in row.strip("|").split("|")] for row in rows if row.startswith("|")]
    return [row[2] for row in cells[2:]]


def test_dutch_follows_the_glossary(catalog: Catalog) -> None:
    nl = " ".join(str(m) for m in _CATALOGUES["nl"].values()).lower()
    nl += " ".join(t.name.get("nl") for t in catalog.tools.values()).lower()
    found = [word for word in glossary_forbidden() if re.search(rf"\b{re.escape(word.lower())}", nl)]
    assert not found
