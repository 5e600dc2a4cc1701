"""Provides `werkpost catalog list` and `werkpost catalog dimensions`."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from cli.output import CLI_LANG, console, print_json
from engine.errors import ExitCode, InputError
from engine.loader import Catalog, load_catalog
from engine.validation import suggest
from i18n import money


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `catalog list` and `catalog dimensions`."""
    p = sub.add_parser("catalog", help="show the tool catalogue or the dimensions")
    inner = p.add_subparsers(dest="what", metavar="WHAT", required=True)
    for name, helptext in (
        ("list", "the tools of the catalogue"),
        ("dimensions", "the rating dimensions and their ICF codes"),
    ):
        q = inner.add_parser(name, help=helptext)
        q.add_argument("--format", choices=("text", "json"), default="text")
        q.add_argument("--workspace", type=Path, help="also apply this workspace's catalog/ overrides")
        q.add_argument("--lang", choices=("en", "nl"), default="en")
        if name == "list":
            q.add_argument("--category", help="only tools of this category")
        q.set_defaults(run=run)


def _catalog(args: argparse.Namespace) -> Catalog:
    ws: Path | None = args.workspace
    overlay = ws / "catalog" if ws is not None and (ws / "catalog" / "tools").is_dir() else None
    return load_catalog(overlay=overlay)


def run(args: argparse.Namespace) -> int:
    """Print the tools or the dimensions."""
    cat = _catalog(args)
    if args.what == "dimensions":
        return _dimensions(cat, args)
    if args.category is not None and args.category not in cat.vocabulary.categories:
        hint = suggest(args.category, cat.vocabulary.categories)
        raise InputError.single(f"unknown category {args.category!r}{hint}", "--category")
    tools = [t for t in cat.tools.values() if args.category in (None, t.category)]
    if args.format == "json":
        print_json([t.model_dump(mode="json") for t in tools])
        return ExitCode.OK
    # Deferred: rich tables are for text output only; --format json never needs them (start-up time).
    from rich.table import Table

    table = Table(title=f"{len(tools)} tools", show_lines=False)
    table.add_column("id", no_wrap=True)
    table.add_column("name", ratio=2)
    table.add_column("category", ratio=1)
    table.add_column("helps", ratio=3)
    for col in ("cost", "yearly"):
        table.add_column(col, justify="right", no_wrap=True)
    table.add_column("evidence", no_wrap=True)
    for t in sorted(tools, key=lambda t: (t.category, t.id)):
        helps = ", ".join(f"{cat.dimension_label(e.dimension, args.lang)} +{e.boost}" for e in t.effects)
        table.add_row(t.id, t.name.get(args.lang), cat.vocabulary.categories[t.category].get(args.lang), helps,
                      money(t.cost_eur, CLI_LANG), money(t.yearly_eur, CLI_LANG), t.evidence)
    console().print(table)
    return ExitCode.OK


def _dimensions(cat: Catalog, args: argparse.Namespace) -> int:
    rows: list[dict[str, Any]] = [d.model_dump(mode="json") for d in cat.dimensions.values()]
    if args.format == "json":
        print_json(rows)
        return ExitCode.OK
    # Deferred: rich tables are for text output only; --format json never needs them (start-up time).
    from rich.table import Table

    table = Table(title=f"{len(rows)} dimensions on the 0-4 scale")
    for col in ("id", "domain", "label", "ICF", "demand 4 means"):
        table.add_column(col)
    for d in cat.dimensions.values():
        top = d.levels.demand.get(args.lang)[4] if d.levels.demand else "(capacity only)"
        table.add_row(d.id, d.domain, d.label.get(args.lang), ", ".join(d.icf), top)
    console().print(table)
    return ExitCode.OK
