"""Provides `werkpost redesign`: inclusive job design, new functions out of the non-core tasks of jobs."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from babel.numbers import format_decimal

from cli.argtypes import data_file, euro, hours, seconds, whole
from cli.output import console, print_json, ui_lang, workspace_arg
from cli.usage import helped, say
from engine.atomic import atomic_write_bytes
from engine.errors import ExitCode
from engine.loader import Workspace, load_workspace
from engine.models import LANGS
from i18n import locale_of, money, number, percent, plural, text
from i18n.reasons import redesign_notes, redesign_reason, worded_redesign


def _ids(text: str) -> list[str]:
    ids = [part.strip() for part in text.split(",") if part.strip()]
    if not ids:
        raise argparse.ArgumentTypeError(say("cli.usage.no_worker_ids"))
    return ids


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the subcommand to the parser."""
    p = sub.add_parser(
        "redesign",
        help=helped("help.redesign.help"),
        description=say("help.redesign.description"),
    )
    p.add_argument("--workspace", help=helped("help.redesign.workspace"))
    p.add_argument("--workers", type=_ids, metavar="W,...",
                   help=helped("help.redesign.workers"))
    p.add_argument("--min-hours", type=hours, default=8.0, metavar="H", help=helped("help.redesign.min_hours"))
    p.add_argument("--max-hours", type=hours, default=38.0, metavar="H",
                   help=helped("help.redesign.max_hours"))
    p.add_argument("--budget", type=euro, metavar="EUR", help=helped("help.redesign.budget"))
    p.add_argument("--horizon-years", type=whole(0), metavar="N",
                   help=helped("help.redesign.horizon_years"))
    p.add_argument("--time-limit", type=seconds, default=30.0, metavar="S",
                   help=helped("help.redesign.time_limit"))
    p.add_argument("--out", type=data_file, metavar="FILE", help=helped("help.redesign.out"))
    p.add_argument("--sheets", type=Path, metavar="DIR",
                   help=helped("help.redesign.sheets"))
    p.add_argument("--sheet-format", choices=("pdf", "html", "md"), default="pdf",
                   help=helped("help.redesign.sheet_format"))
    p.add_argument("--force", action="store_true", help=helped("help.redesign.force"))
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.add_argument("--lang", choices=LANGS, default=None,
                   help=helped("help.redesign.lang"))
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Load, check --out, solve, write, print."""
    # Deferred: engine.redesign pulls in scipy, which the other subcommands never need (start-up time).
    from engine.export import check_target
    from engine.redesign import redesign, resolve_workers
    from engine.redesign.export import write_redesign

    ws = load_workspace(workspace_arg(args.workspace))
    workers = resolve_workers(ws, args.workers) if args.workers is not None else None
    if args.out is not None:
        check_target(args.out, force=args.force)  # before the solve: a refusal should not cost 30 seconds
    if args.sheets is not None:
        from sheets.function_write import check_folder

        check_folder(args.sheets)  # before the solve, like --out
    result = redesign(ws, workers=workers, min_hours=args.min_hours, max_hours=args.max_hours, budget=args.budget,
                      time_limit=args.time_limit, horizon_years=args.horizon_years)
    lang = ui_lang(args.lang, ws)
    sheets: list[tuple[Path, bytes]] = []
    if args.sheets is not None:
        sheets = _render_sheets(result, ws, args.sheets, args.sheet_format, lang, args.force)
    if args.out is not None:
        from i18n.export import export_labels

        # The workbook is for people: its reasons and notes in their language; CSV and JSON keep the engine's words.
        worded = worded_redesign(result, lang) if args.out.suffix.lower() == ".xlsx" else result
        written = write_redesign(worded, args.out, force=args.force, labels=export_labels(lang))
        # stdout is data (--format json); where the file went is a diagnostic, with the whole path.
        print(text("cli.match.wrote", lang, path=written.resolve()), file=sys.stderr)
    for path, data in sheets:
        atomic_write_bytes(path, data)
        print(text("cli.match.wrote", lang, path=path.resolve()), file=sys.stderr)  # stdout stays the result
    if args.format == "json":
        print_json(result.to_dict())
    else:
        print_text(result, ws, lang)
    return ExitCode.OK


def _render_sheets(result: Any, ws: Workspace, folder: Path, fmt: str, lang: str,
                   force: bool) -> list[tuple[Path, bytes]]:
    """Every function's sheet rendered and its target checked, before anything is written."""
    # Deferred: the sheets pull in Babel and (for PDF) fpdf2, which a plain redesign never needs.
    from sheets.function_write import check_folder, check_targets, render_function, sheet_name

    check_folder(folder)
    targets = [folder / sheet_name(f, fmt) for f in result.functions]
    check_targets(targets, force)
    return [(t, render_function(result, f, ws, fmt, lang=lang)) for t, f in zip(targets, result.functions,
                                                                               strict=True)]


def print_text(result: Any, ws: Workspace, lang: str = "en") -> None:
    """What a manager reads in a minute: the functions, the hours freed, the business case."""
    # Deferred with rich itself; labels, task names and tool names are data, never markup (issue 15).
    from rich.markup import escape

    rich = console()

    def say(line: str = "") -> None:
        rich.print(line, soft_wrap=True)  # a line per fact: no wrapping at 80 columns in a pipe

    def t(key: str, **values: object) -> str:
        return text(f"cli.redesign.{key}", lang, **values)

    def one(value: float, width: int = 0) -> str:
        # One decimal, in the locale's notation (9.5, 9,5).
        shown = f"{value:.1f}" if lang == "en" else format_decimal(round(value, 1), format="0.0",
                                                                     locale=locale_of(lang))
        return shown.rjust(width)

    def h(hours: float, width: int = 0) -> str:
        return t("hours", h=one(hours, width))

    def eur(amount: float) -> str:
        return money(amount, lang)

    s = result.settings
    n = len(result.candidates)
    status = t("best") if result.exact else t("within", gap=percent(result.gap, lang))
    say(t("headline", functions=plural("cli.redesign.functions", result.placed, lang),
          candidates=plural("cli.redesign.candidates", n, lang), hours=h(result.hours_moved), status=status))
    if not n:
        say(t("no_candidates"))
    for i, f in enumerate(result.functions, 1):
        worker = ws.workers.get(f.worker)
        who = escape(f"{worker.label} ({f.worker})" if worker is not None and worker.label else f.worker)
        dept = t("department", department=escape(f.department)) if f.department else ""
        say()
        say(t("function", i=i, who=who, hours=h(f.hours), dept=dept))
        for source in f.sources:
            station = ws.workstations.get(source)
            name = station.label if station is not None and station.label else source
            wage = (", " + t("per_hour", amount=eur(station.wage_eur_per_hour))
                    if station and station.wage_eur_per_hour else "")
            say(t("source", name=escape(name), source=escape(source), wage=wage))
            for task in f.tasks:
                if task.workstation == source:
                    say(f"    {h(task.hours, 5)}  {escape(task.task)}")
        if f.tools:
            names = escape(", ".join(ws.catalog.tool_name(x, lang) for x in f.tools))
            say(t("tools", names=names, once=eur(f.cost_eur), yearly=eur(f.yearly_eur)))
        else:
            say(t("no_tools"))
        say(t("benefit", net=eur(f.net_yearly_benefit_eur), saving=eur(f.yearly_saving_eur),
              charge=eur(f.yearly_tool_charge_eur)))
    if result.freed:
        say()
        say(t("freed_title"))
        for fr in result.freed:
            name = fr.label or fr.workstation
            total = t("hours", h=number(fr.hours_per_week, lang))
            say(f"  {escape(name):<34} {t('freed', of=one(fr.hours, 5), total=total)}")
    say()
    say(t("case_title"))
    wage = s.get("new_function_wage_eur_per_hour")
    years = plural("cli.years", int(s.get("horizon_years") or 0), lang)
    basis = (t("basis_wage", wage=eur(wage)) if wage is not None else t("basis_no_wage")) + \
        t("basis_rest", weeks=number(s.get("weeks_per_year", 0), lang), years=years)
    say(t("basis", basis=basis))
    say(t("saving", amount=eur(result.yearly_saving_eur)))
    total_cost = sum(f.total_cost_eur for f in result.functions)
    say(t("case_tools", once=eur(result.cost_eur), yearly=eur(result.yearly_eur), total=eur(total_cost),
          years=years))
    say(t("net", amount=eur(result.net_yearly_benefit_eur)))
    payback = result.payback_months
    if payback is None:
        say(t("payback_never"))
    elif result.cost_eur == 0:
        say(t("payback_now"))
    else:
        say(t("payback", months=one(payback)))
    if s.get("budget_eur") is not None:
        say(t("budget", label=t("budget_label"), amount=eur(s["budget_eur"])))
    if result.unplaced:
        say()
        say(t("not_placed"))
        for u in result.unplaced:
            say(escape(f"  {u.worker}: {redesign_reason(u, lang)}"))
    for note in redesign_notes(result, lang):
        say(t("note", note=escape(note)))
