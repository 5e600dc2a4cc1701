"""Every message of the catalogues is said somewhere: an unused key is a translation nobody reads (issue 13 point 5).

A key counts as used when the code names it whole (`"cli.match.wrote"`),
or when the code builds it from a prefix it names (`f"problem.{key}"`,
`"cli.redesign." + name`) and names its last part too (`.said("missing")`,
`t("function")`, a column key of an export). A few keys are built from
names the code never spells out (pydantic's error types, the parties of
the funding data, a column name joined to a stem): those prefixes are
listed here, each with where the rest comes from.
"""

from __future__ import annotations

import ast
from functools import cache
from pathlib import Path

from i18n.catalogue import message_keys

ROOT = Path(__file__).parents[2]
SOURCES = ("cli", "tui", "sheets", "i18n", "engine")

DYNAMIC = {
    "problem.pydantic.": "pydantic's own error types (engine/validation.py: f'pydantic.{err[type]}')",
    "problem.bound.": "engine/validation.py: .said(f'bound.{key}') with le/ge/lt/gt of _BOUNDS",
    "problem.catalogue_ok": "i18n/problems.py: f'problem.{checked.kind}_ok'",
    "problem.workspace_ok": "i18n/problems.py: f'problem.{checked.kind}_ok'",
    "problem.funding_ok": "i18n/problems.py: f'problem.{checked.kind}_ok'",
    "support.quota_": "i18n/support.py: f'support.{step.kind}_{whose}' for the worker's or the workstation's hours",
    "cli.party.": "cli/commands/recommend.py: f'party.{measure.applicant}', the parties of catalog/funding.yaml",
    "tui2.applies.": "the parties of catalog/funding.yaml, as cli.party.",
    "cli.catalog.dim_": "cli/commands/catalog_cmd.py: f'dim_{col}' for the columns of `catalog dimensions`",
    "redesign.col_": "tui/screens/redesign.py: 'redesign.col_' + k for the functions table's columns",
    "tui.stations.field_": "tui/screens/workstation_editor.py: f'tui.stations.field_{name}'",
}
"""Prefixes of keys the code builds from names it does not spell out, and where those names come from."""


@cache
def _literals() -> frozenset[str]:
    """Every string constant of the code, the text parts of f-strings included (`f"problem.{key}"`: "problem.")."""
    return frozenset(node.value for folder in SOURCES for path in (ROOT / folder).rglob("*.py")
                     for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
                     if isinstance(node, ast.Constant) and isinstance(node.value, str))


def _named(text: str) -> bool:
    """Whether the code has `text` as a whole string literal."""
    return text in _literals()


def _prefix_named(prefix: str) -> bool:
    """Whether the code starts a string with `prefix.` (a key built from it)."""
    return any(literal.startswith(prefix + ".") for literal in _literals())


def used(key: str) -> bool:
    """Whether the code says `key`: whole, or as a prefix it names plus the rest named too."""
    if _named(key) or any(key.startswith(prefix) for prefix in DYNAMIC):
        return True
    parts = key.split(".")
    return any(_prefix_named(".".join(parts[:i])) and _named(".".join(parts[i:])) for i in range(1, len(parts)))


def test_every_key_of_the_catalogues_is_used() -> None:
    assert sorted(k for k in message_keys("en") if not used(k)) == []


def test_the_rule_finds_an_unused_key_and_a_used_one() -> None:
    # The check itself can fail: a made-up key is not used, a key built from a named prefix and leaf is.
    assert not used("cli.partial_short") and not used("cli.no_such_message_at_all")
    assert used("cli.match.wrote")  # named whole
    assert used("cli.redesign.function")  # 'cli.redesign.' + t("function")
    assert used("problem.missing")  # f"problem.{problem.key}" + .said("missing")


def test_every_dynamic_prefix_still_names_keys() -> None:
    keys = message_keys("en")
    assert [prefix for prefix in DYNAMIC if not any(k.startswith(prefix) for k in keys)] == []
