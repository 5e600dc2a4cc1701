"""Provides `werkpost catalog list`, `catalog dimensions` and `catalog review`."""

from __future__ import annotations

import argparse
import sys
import textwrap
from pathlib import Path
from typing import Any

from cli.output import console, print_json
from cli.usage import helped
from engine.errors import ExitCode, InputError, Problem
from engine.loader import Catalog, load_catalog
from engine.models import Effect, Tool
from engine.persist import is_bundled, load_settings
from engine.validation import close_ids, said_close
from engine.yamlio import excerpt
from i18n import money, plural, text
from i18n.review import review, tool_page


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `catalog list` and `catalog dimensions`."""
    p = sub.add_parser("catalog", help=helped("help.catalog.help"))
    inner = p.add_subparsers(dest="what", metavar="WHAT", required=True)
    for name in ("list", "dimensions", "review"):
        q = inner.add_parser(name, help=helped(f"help.catalog.{name}"))
        q.add_argument("--format", choices=("text", "json"), default="text")
        q.add_argument("--workspace", type=Path, help=helped("help.catalog.workspace"))
        q.add_argument("--lang", choices=("en", "nl"), default=None,
                       help=helped("help.catalog.lang"))
        if name in ("list", "review"):
            q.add_argument("--category", help=helped("help.catalog.category"))
        q.set_defaults(run=run)


def _catalog(args: argparse.Namespace) -> Catalog:
    ws: Path | None = args.workspace
    overlay = ws / "catalog" if ws is not None and (ws / "catalog" / "tools").is_dir() else None
    return load_catalog(overlay=overlay)


def _lang(chosen: str | None, workspace: Path | None) -> str:
    """--lang, else the `lang` setting of the workspace named (as recommend and match), else English."""
    if chosen:
        return chosen
    if workspace is not None and workspace.is_dir() and not is_bundled(workspace):
        settings, _ = load_settings(workspace)  # a broken settings file: the defaults (validate reports it)
        return settings.lang
    return "en"


def run(args: argparse.Namespace) -> int:
    """Print the tools or the dimensions."""
    args.lang = _lang(args.lang, args.workspace)
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
    _print_tools(sorted(tools, key=lambda t: (t.category, t.id)), cat, args.lang)
    return ExitCode.OK


WIDE = 140
"""From this many columns on, the tools are a table; below it (80 columns, a pipe) one short block each."""


def _t(key: str, lang: str, **values: object) -> str:
    return text(f"cli.catalog.{key}", lang, **values)


def _helps(t: Tool, cat: Catalog, lang: str) -> str:
    helps = ", ".join(f"{cat.dimension_label(e.dimension, lang)} {_reach(e, cat, lang)}" for e in t.effects)
    if t.mitigates:
        removes = ", ".join(cat.hazard_label(h, lang) for h in t.mitigates)
        helps += ("; " if helps else "") + _t("removes", lang, hazards=removes)
    return helps


def _print_tools(tools: list[Tool], cat: Catalog, lang: str) -> None:
    """The tools as a table on a wide terminal, else one block per tool: the id whole, the rest wrapped."""
    out = console()
    title = plural("cli.catalog.count", len(tools), lang)
    if out.width >= WIDE:
        # Deferred: rich tables are for text output only; --format json never needs them (start-up time).
        from rich.markup import escape
        from rich.table import Table

        table = Table(title=title, show_lines=False)
        table.add_column(_t("id", lang), no_wrap=True)
        table.add_column(_t("name", lang), ratio=2)
        table.add_column(_t("category", lang), ratio=1)
        table.add_column(_t("helps", lang), ratio=3)
        for col in ("cost", "yearly"):
            table.add_column(_t(col, lang), justify="right", no_wrap=True)
        table.add_column(_t("evidence", lang), no_wrap=True)
        for t in tools:
            table.add_row(escape(t.id), escape(t.name.get(lang)),
                          escape(cat.vocabulary.categories[t.category].get(lang)), escape(_helps(t, cat, lang)),
                          money(t.cost_eur, lang), money(t.yearly_eur, lang),
                          escape(cat.vocabulary.evidence[t.evidence].get(lang)))
        out.print(table)
        return
    # A narrow terminal or a pipe: no column is squeezed to '…'; ids stay whole, so they can be copied.
    width = max(out.width, 40)
    wrap = textwrap.TextWrapper(width=width, initial_indent="  ", subsequent_indent="    ",
                                break_long_words=False, break_on_hyphens=False)
    lines = [title, ""]
    for t in tools:
        lines.append(t.id)
        cost = _t("cost_line", lang, cost=money(t.cost_eur, lang), yearly=money(t.yearly_eur, lang))
        facts = (f"{t.name.get(lang)} · {cat.vocabulary.categories[t.category].get(lang)} · {cost} · "
                 f"{cat.vocabulary.evidence[t.evidence].get(lang)}")
        lines += wrap.wrap(facts)
        lines += wrap.wrap(_t("helps_line", lang, helps=_helps(t, cat, lang)))
    # Plain print: rich would re-wrap the lines and read '[...]' in names as markup.
    print("\n".join(lines))


def _reach(effect: Effect, cat: Catalog, lang: str) -> str:
    """An effect in a few characters: +b (boost), -l (lower: the task changes), via X <=L."""
    if effect.boost is not None:
        return f"+{effect.boost}"
    if effect.lower is not None:
        return _t("lower", lang, n=effect.lower)
    return _t("via", lang, via=cat.dimension_label(effect.via or "", lang), n=effect.up_to)


def _dimensions(cat: Catalog, args: argparse.Namespace) -> int:
    rows: list[dict[str, Any]] = [d.model_dump(mode="json") for d in cat.dimensions.values()]
    if args.format == "json":
        print_json(rows)
        return ExitCode.OK
    # Deferred: rich tables are for text output only; --format json never needs them (start-up time).
    from rich.table import Table

    lang = args.lang
    table = Table(title=plural("cli.catalog.dimensions_count", len(rows), lang))
    for col in ("id", "domain", "label", "icf", "top"):
        table.add_column(_t(f"dim_{col}", lang))
    for d in cat.dimensions.values():
        top = d.levels.demand.get(lang)[4] if d.levels.demand else _t("capacity_only", lang)
        table.add_row(d.id, d.domain, d.label.get(lang), ", ".join(d.icf), top)
    console().print(table)
    return ExitCode.OK
