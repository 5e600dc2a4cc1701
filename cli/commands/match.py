"""Provides `werkpost match`: batch assignment of workers to workstation positions."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from cli.argtypes import data_file, euro, seconds, share, whole
from cli.output import console, load_lenient, print_json, ui_lang, workspace_arg
from cli.usage import helped, say
from engine.errors import ExitCode, InputError, Problem
from engine.loader import YAML_SUFFIXES, Workspace
from engine.models import LANGS, Worker, Workstation
from engine.records import KINDS, load_record
from engine.stafflist import read_workers
from i18n import money, percent, plural, text
from i18n.reasons import match_reason

TIME_LIMIT = 5.0
"""engine.setups.TIME_LIMIT, for --help only (a test keeps them equal): importing the engine's search
would slow every start-up of the CLI."""
SHEET_SUFFIXES = (".csv", ".xlsx")


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the subcommand to the parser."""
    p = sub.add_parser(
        "match",
        help=helped("help.match.help"),
        description=say("help.match.description"),
    )
    p.add_argument("--workspace", help=helped("help.match.workspace"))
    p.add_argument("--workers", type=Path, metavar="FILE|DIR",
                   help=helped("help.match.workers"))
    p.add_argument("--workstations", type=Path, metavar="DIR", help=helped("help.match.workstations"))
    p.add_argument("--budget", type=euro, metavar="EUR", help=helped("help.match.budget"))
    p.add_argument("--horizon-years", type=whole(0), metavar="N",
                   help=helped("help.match.horizon_years"))
    p.add_argument("--min-accessibility", type=share, default=0.0, metavar="PCT",
                   help=helped("help.match.min_accessibility"))
    p.add_argument("--objective", choices=("total", "fair"), default="total")
    p.add_argument("--inventory", type=Path, metavar="FILE", help=helped("help.match.inventory"))
    p.add_argument("--out", type=data_file, metavar="FILE",
                   help=helped("help.match.out"))
    p.add_argument("--force", action="store_true", help=helped("help.match.force"))
    p.add_argument("--time-limit", type=seconds, default=None, metavar="SECONDS",
                   help=helped("help.match.time_limit", limit=f"{TIME_LIMIT:g}"))
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.add_argument("--top-gains", type=whole(0), default=5, metavar="N", help=helped("help.match.top_gains"))
    p.add_argument("--quiet", action="store_true", help=helped("help.match.quiet"))
    p.add_argument("--lang", choices=LANGS, default=None,
                   help=helped("help.match.lang"))
    p.set_defaults(run=run)


def _records(path: Path, kind: str, ws: Workspace) -> dict[str, Any]:
    """Worker or workstation records from a YAML file or a folder of them; every problem collected."""
    if not path.exists():
        raise InputError.single(f"{kind} file or folder not found", path)
    try:
        files = sorted(p for p in path.iterdir() if p.suffix in YAML_SUFFIXES) if path.is_dir() else [path]
    except OSError as exc:
        raise InputError.single(f"cannot read the folder: {exc.strerror or type(exc).__name__}", path) from exc
    problems: list[Problem] = []
    out: dict[str, Any] = {}
    where: dict[str, Path] = {}
    for f in files:
        record, found = load_record(f, KINDS[kind], ws.catalog)
        problems += found
        if record is None:
            continue
        if record.id in out:
            message = f"duplicate {kind} id {record.id!r} (also in {where[record.id]})"
            problems.append(Problem(str(f), None, None, message))
            continue
        out[record.id], where[record.id] = record, f
    if problems:
        raise InputError(problems)
    return out


def load_inputs(args: argparse.Namespace) -> tuple[Workspace, list[Worker], list[Workstation]]:
    """The workspace (for the catalogue), the workers and the workstations to match."""
    ws = load_lenient(workspace_arg(args.workspace), args.lang)
    workers: dict[str, Worker] = ws.workers
    stations: dict[str, Workstation] = ws.workstations
    if args.workers is not None:
        if args.workers.suffix.lower() in SHEET_SUFFIXES:
            workers = {w.id: w for w in read_workers(args.workers, ws.catalog)}
        else:
            workers = _records(args.workers, "worker", ws)
    if args.workstations is not None:
        stations = _records(args.workstations, "workstation", ws)
    return ws, list(workers.values()), list(stations.values())


@contextmanager
def _progress(quiet: bool) -> Iterator[Callable[[int, int], None] | None]:
    """A rich progress bar on stderr, or nothing when quiet or stderr is not a terminal."""
    if quiet or not sys.stderr.isatty():
        yield None
        return
    # Deferred: rich's progress machinery is needed only on a terminal (start-up time).
    from rich.console import Console
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    with Progress(TextColumn("matching"), BarColumn(), TimeElapsedColumn(),
                  console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("match", total=None)

        def update(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        yield update


def run(args: argparse.Namespace) -> int:
    """Load, match, print and (optionally) write."""
    # Deferred: engine.match pulls in scipy, which the other subcommands never need (start-up time).
    from engine.export import check_target
    from engine.match import load_inventory, match

    if args.out is not None:
        check_target(args.out, force=args.force)  # before the match, which can take a while
    ws, workers, stations = load_inputs(args)
    inventory = load_inventory(args.inventory, ws.catalog) if args.inventory is not None else None
    with _progress(args.quiet) as progress:
        result = match(ws, budget=args.budget, min_accessibility=args.min_accessibility, objective=args.objective,
                       inventory=inventory, workers=workers, stations=stations, progress=progress,
                       horizon_years=args.horizon_years,
                       **({} if args.time_limit is None else {"time_limit": args.time_limit}))
    lang = ui_lang(args.lang, ws)
    if args.out is not None:
        written = write_result(result, args.out, force=args.force, lang=lang)
        # stdout is data (--format json); where the file went is a diagnostic, with the whole path.
        print(text("cli.match.wrote", lang, path=written.resolve()), file=sys.stderr)
    if args.format == "json":
        print_json(result.to_dict())
    else:
        _print_text(result, ws, args.top_gains, lang)
    return ExitCode.OK


def write_result(result: Any, path: Path, *, force: bool = False, lang: str = "en") -> Path:
    """Write the result; the format follows the suffix; atomic (temp file, then rename), never over a file unasked.

    The folder must exist (check_target said so before the match); an XLSX
    has its headers in `lang`.
    """
    # Deferred: the export works on engine.match's results, which pull in scipy (start-up time).
    from engine.export import write_match
    from i18n.export import export_labels
    from i18n.reasons import worded_match

    # The workbook is for people: its reasons in their language; CSV and JSON are data and keep the engine's words.
    worded = worded_match(result, lang) if path.suffix.lower() == ".xlsx" else result
    return write_match(worded, path, overwrite=force, parents=False, labels=export_labels(lang))


def _print_text(result: Any, ws: Workspace, top_gains: int, lang: str = "en") -> None:
    # Deferred: rich tables are for text output only; --format json never needs them (start-up time).
    from rich.markup import escape
    from rich.table import Table

    def t(key: str, **values: object) -> str:
        return text(f"cli.match.{key}", lang, **values)

    def dim(dimension: str) -> str:
        return dimension if lang == "en" else ws.catalog.dimension_label(dimension, lang)

    def tools(names: list[str]) -> str:
        return ", ".join(ws.catalog.tool_name(x, lang) for x in names) or "-"

    out = console()
    n_workers = len(result.assignments) + len(result.unassigned)
    status = t("exact") if result.exact else t("within_bound", gap=f"{result.gap:.2%}", bound=f"{result.bound:.3f}")
    objective = text(f"tui.{result.objective}", lang) if result.objective in ("total", "fair") else result.objective
    counts = f"{plural('cli.match.workers', n_workers, lang)}, {plural('cli.match.positions', result.positions, lang)}"
    out.print(f"[bold]{escape(t('title'))}[/bold] {counts}; {escape(t('objective', objective=objective))}; "
              f"{escape(t('solver', solver=result.solver, status=status))}")
    before = sum(a.accessibility_before for a in result.assignments)
    summary = Table(show_header=False, box=None)
    summary.add_row(t("placed"), t("placed_of", placed=len(result.assignments), total=n_workers))
    summary.add_row(t("unplaced"), str(len(result.unassigned)))
    placed = max(len(result.assignments), 1)
    # An average percentage reads at a glance; a sum of fractions (14.20 -> 15.56) does not.
    summary.add_row(t("accessibility_placed"), escape(t(
        "accessibility_sum", before=percent(before / placed, lang),
        after=percent(result.expected_after_sum / placed, lang),
        all=percent(result.accessibility_after_sum / placed, lang))))
    of_budget = t("of_budget", budget=money(result.budget, lang)) if result.budget is not None else ""
    summary.add_row(t("total_cost"), money(result.cost_eur, lang) + of_budget)
    out.print(summary)
    gains = sorted(result.assignments, key=lambda a: (-a.gain, a.worker))[:max(top_gains, 0)]
    if gains and gains[0].gain > 0:
        table = Table(title=t("largest_gains"))
        for col in ("worker", "workstation", "before", "after", "tools", "cost"):
            table.add_column(t(col), justify="right" if col in ("before", "after", "cost") else "left")
        for a in gains:
            if a.gain > 0:
                table.add_row(a.worker, a.workstation, percent(a.accessibility_before, lang),
                              percent(a.expected_accessibility_after, lang), escape(tools(a.tools)),
                              money(a.cost_eur, lang))
        out.print(table)
    if result.assignments and len(result.assignments) <= 40:
        table = Table(title=t("placed_title"))
        for col in ("worker", "workstation", "expected", "tools", "cost"):
            table.add_column(t(col), justify="right" if col in ("expected", "cost") else "left")
        for a in result.assignments:
            # English keeps the tool ids of this list; other languages name the tools.
            names = ", ".join(a.tools) or "-" if lang == "en" else tools(a.tools)
            table.add_row(a.worker, a.workstation, percent(a.expected_accessibility_after, lang), escape(names),
                          money(a.cost_eur, lang))
        out.print(table)
    elif result.assignments:
        out.print(escape(plural("cli.match.full_list", len(result.assignments), lang)))
    if result.unassigned:
        table = Table(title=t("unplaced_title"))
        for col in ("worker", "best_workstation", "reaches", "unclosable", "why"):
            table.add_column(t(col))
        for u in result.unassigned[:40]:
            # English keeps the dimension ids here; other languages their labels.
            gaps = ", ".join(f"{g.task}: {dim(g.dimension)} {g.demand}>{g.capacity}" for g in u.unclosable_gaps[:3])
            table.add_row(u.worker, u.best_workstation or "-", percent(u.best_expected_accessibility, lang),
                          escape(gaps or "-"), escape(match_reason(u, lang)))
        out.print(table)
        if len(result.unassigned) > 40:
            out.print(escape(t("more_unplaced", n=len(result.unassigned) - 40)))
    for note in result.notes:
        out.print(escape(t("note", note=note)))
