"""Provides `werkpost catalog list`, `catalog dimensions` and `catalog review`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from cli.output import CLI_LANG, console, print_json
from engine.errors import ExitCode, InputError, Problem
from engine.loader import Catalog, load_catalog
from engine.models import Effect
from engine.validation import close_ids, said_close
from engine.yamlio import excerpt
from i18n import money
from i18n.review import review, tool_page


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `catalog list` and `catalog dimensions`."""
    p = sub.add_parser("catalog", help="show the tool catalogue or the dimensions")
    inner = p.add_subparsers(dest="what", metavar="WHAT", required=True)
    for name, helptext in (
        ("list", "the tools of the catalogue"),
        ("dimensions", "the rating dimensions and their ICF codes"),
        ("review", "one page per tool in words (effects, needs, evidence, sources), for a practitioner"),
    ):
        q = inner.add_parser(name, help=helptext)
        q.add_argument("--format", choices=("text", "json"), default="text")
        q.add_argument("--workspace", type=Path, help="also apply this workspace's catalog/ overrides")
        q.add_argument("--lang", choices=("en", "nl"), default="en")
        if name in ("list", "review"):
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
        close = tuple(excerpt(k) for k in close_ids(args.category, cat.vocabulary.categories))
        problem = Problem("--category", None, None, f"unknown category {args.category!r}{said_close(close)}")
        raise InputError([problem.said("unknown_value", kind="category", name=repr(args.category),
                                       close=close)])
    tools = [t for t in cat.tools.values() if args.category in (None, t.category)]
    if args.what == "review":
        ordered = sorted(tools, key=lambda t: (t.category, t.id))
        if args.format == "json":
            print_json([{"id": t.id, "page": tool_page(t, cat, args.lang)} for t in ordered])
        else:
            sys.stdout.write(review(cat, ordered, args.lang))
        return ExitCode.OK
    if args.format == "json":
        reliability = {k: v.reliability for k, v in cat.vocabulary.evidence.items()}
        print_json([{**t.model_dump(mode="json"), "reliability": reliability[t.evidence]} for t in tools])
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
        helps = ", ".join(f"{cat.dimension_label(e.dimension, args.lang)} {_reach(e, cat, args.lang)}"
                          for e in t.effects)
        if t.mitigates:
            removes = ", ".join(cat.hazard_label(h, args.lang) for h in t.mitigates)
            helps += ("; " if helps else "") + "removes " + removes
        table.add_row(t.id, t.name.get(args.lang), cat.vocabulary.categories[t.category].get(args.lang), helps,
                      money(t.cost_eur, CLI_LANG), money(t.yearly_eur, CLI_LANG), t.evidence)
    console().print(table)
    return ExitCode.OK


def _reach(effect: Effect, cat: Catalog, lang: str) -> str:
    """An effect in a few characters: +b (boost), -l (lower: the task changes), via X <=L."""
    if effect.boost is not None:
        return f"+{effect.boost}"
    if effect.lower is not None:
        return f"-{effect.lower} (task)"
    return f"via {cat.dimension_label(effect.via or '', lang)} ≤{effect.up_to}"


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
