"""Provides `werkpost redesign`: inclusive job design, new functions out of the non-core tasks of jobs."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from cli.argtypes import data_file, euro, hours, seconds, whole
from cli.output import CLI_LANG, console, print_json, ui_lang, workspace_arg
from engine.atomic import atomic_write_bytes
from engine.errors import ExitCode
from engine.loader import Workspace, load_workspace
from engine.models import LANGS
from i18n import money


def _ids(text: str) -> list[str]:
    ids = [part.strip() for part in text.split(",") if part.strip()]
    if not ids:
        raise argparse.ArgumentTypeError("name at least one worker id")
    return ids


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the subcommand to the parser."""
    p = sub.add_parser(
        "redesign",
        help="inclusive job design: new functions from the non-core tasks of jobs",
        description="Take the non-core tasks out of existing jobs and bundle them into new functions for "
        "candidates (the workers named, else those the batch match leaves out), each with the tools that make "
        "every task accessible. Places the most candidates, then the largest net yearly benefit, then the most "
        "hours, exactly (MILP).",
    )
    p.add_argument("--workspace", help="workspace folder (default: the bundled demo)")
    p.add_argument("--workers", type=_ids, metavar="W,...",
                   help="candidate worker ids (default: the workers a batch match leaves unassigned)")
    p.add_argument("--min-hours", type=hours, default=8.0, metavar="H", help="least hours of a new function (8)")
    p.add_argument("--max-hours", type=hours, default=38.0, metavar="H",
                   help="most hours of a new function (38; never more than the candidate's hours)")
    p.add_argument("--budget", type=euro, metavar="EUR", help="one budget on the total cost of all set-ups")
    p.add_argument("--horizon-years", type=whole(0), metavar="N",
                   help="years of yearly costs in a set-up's total cost (default: the workspace's, else 3)")
    p.add_argument("--time-limit", type=seconds, default=30.0, metavar="S",
                   help="seconds for the answer (building the model and solving it); past them it reports the proven "
                   "gap (30)")
    p.add_argument("--out", type=data_file, metavar="FILE", help="also write the result (.csv, .xlsx or .json)")
    p.add_argument("--sheets", type=Path, metavar="DIR",
                   help="also write a function description sheet per new function into DIR (made if missing): "
                   "function_<worker>.pdf with its tasks, hours, source jobs, demands against the candidate's "
                   "capacities, set-up and business case")
    p.add_argument("--sheet-format", choices=("pdf", "html", "md"), default="pdf",
                   help="format of the --sheets (default pdf)")
    p.add_argument("--lang", choices=LANGS, default=None,
                   help="language of the --sheets (default: the workspace's 'lang' setting, else en)")
    p.add_argument("--force", action="store_true", help="overwrite --out and existing sheets")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Load, check --out, solve, write, print."""
    # Deferred: engine.redesign pulls in scipy, which the other subcommands never need (start-up time).
    from engine.export import check_target
    from engine.redesign import redesign, resolve_workers
    from engine.redesign.export import write_redesign
    from sheets.function_write import check_folder

    ws = load_workspace(workspace_arg(args.workspace))
    workers = resolve_workers(ws, args.workers) if args.workers is not None else None
    if args.out is not None:
        check_target(args.out, force=args.force)  # before the solve: a refusal should not cost 30 seconds
    if args.sheets is not None:
        check_folder(args.sheets)
    result = redesign(ws, workers=workers, min_hours=args.min_hours, max_hours=args.max_hours, budget=args.budget,
                      time_limit=args.time_limit, horizon_years=args.horizon_years)
    sheets: list[tuple[Path, bytes]] = []
    if args.sheets is not None:
        sheets = _render_sheets(result, ws, args.sheets, args.sheet_format, ui_lang(args.lang, ws), args.force)
    if args.out is not None:
        write_redesign(result, args.out, force=args.force)
    for path, data in sheets:
        atomic_write_bytes(path, data)
        print(path, file=sys.stderr)  # stdout stays the result (JSON or text)
    if args.format == "json":
        print_json(result.to_dict())
    else:
        print_text(result, ws)
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


def _h(hours: float) -> str:
    return f"{hours:.1f} h"


def print_text(result: Any, ws: Workspace) -> None:
    """What a manager reads in a minute: the functions, the hours freed, the business case."""
    # Deferred with rich itself; labels, task names and tool names are data, never markup (issue 15).
    from rich.markup import escape

    rich = console()

    def say(text: str = "") -> None:
        rich.print(text, soft_wrap=True)  # a line per fact: no wrapping at 80 columns in a pipe

    s = result.settings
    n = len(result.candidates)
    status = "the best possible" if result.exact else f"within {result.gap:.1%} of the best possible (time limit)"
    say(f"[bold]Inclusive job design[/bold]: {result.placed} new function(s) for {n} candidate(s); "
              f"{_h(result.hours_moved)} a week moved out of existing jobs ({status}).")
    if not n:
        say("No candidates: the batch match places every worker. Name candidates with --workers.")
    for i, f in enumerate(result.functions, 1):
        worker = ws.workers.get(f.worker)
        who = escape(f"{worker.label} ({f.worker})" if worker is not None and worker.label else f.worker)
        dept = escape(f", department {f.department}") if f.department else ""
        say()
        say(f"[bold]New function {i}[/bold] for {who}: {_h(f.hours)} a week{dept}")
        for source in f.sources:
            station = ws.workstations.get(source)
            name = station.label if station is not None and station.label else source
            wage = f", {money(station.wage_eur_per_hour, CLI_LANG)}/h" if station and station.wage_eur_per_hour else ""
            say(escape(f"  from {name} ({source}{wage}):"))
            for t in f.tasks:
                if t.workstation == source:
                    say(escape(f"    {t.hours:5.1f} h  {t.task}"))
        if f.tools:
            names = escape(", ".join(ws.catalog.tool_name(t) for t in f.tools))
            say(f"  tools: {names} ({money(f.cost_eur, CLI_LANG)} once, {money(f.yearly_eur, CLI_LANG)} a year)")
        else:
            say("  tools: none needed")
        say(f"  benefit: {money(f.net_yearly_benefit_eur, CLI_LANG)} a year "
            f"(wage saving {money(f.yearly_saving_eur, CLI_LANG)}"
                  f" - tools {money(f.yearly_tool_charge_eur, CLI_LANG)} a year)")
    if result.freed:
        say()
        say("[bold]Hours freed for core work[/bold] (a week)")
        for fr in result.freed:
            name = fr.label or fr.workstation
            say(escape(f"  {name:<34} {fr.hours:5.1f} of {fr.hours_per_week:g} h"))
    say()
    say("[bold]Business case[/bold] (a year)")
    wage = s.get("new_function_wage_eur_per_hour")
    basis = (f"new functions at {money(wage, CLI_LANG)}/h" if wage is not None else "no new-function wage set") + \
        f", {s.get('weeks_per_year', 0):g} weeks a year, one-off costs over {s.get('horizon_years')} years"
    say(f"  basis:          {basis}")
    say(f"  wage saving:    {money(result.yearly_saving_eur, CLI_LANG)}")
    total = sum(f.total_cost_eur for f in result.functions)
    say(f"  tools:          {money(result.cost_eur, CLI_LANG)} once + {money(result.yearly_eur, CLI_LANG)} a year "
              f"({money(total, CLI_LANG)} over {s.get('horizon_years')} years)")
    say(f"  net benefit:    [bold]{money(result.net_yearly_benefit_eur, CLI_LANG)}[/bold] a year")
    payback = result.payback_months
    if payback is None:
        say("  payback:        never at these wages")
    elif result.cost_eur == 0:
        say("  payback:        immediate (no one-off cost)")
    else:
        say(f"  payback:        {payback:.1f} months")
    if s.get("budget_eur") is not None:
        say(f"  budget:         {money(s['budget_eur'], CLI_LANG)} on the total cost")
    if result.unplaced:
        say()
        say("[bold]Not placed[/bold]")
        for u in result.unplaced:
            say(escape(f"  {u.worker}: {u.reason}"))
    for note in result.notes:
        say(escape(f"note: {note}"))
