"""Provides `werkpost recommend`: the best set-ups for one worker at one workstation."""

from __future__ import annotations

import argparse
from pathlib import Path

from cli.argtypes import euro, whole
from cli.output import CLI_LANG, console, print_json
from engine.errors import ExitCode
from engine.loader import Catalog, load_workspace
from engine.recommend import Recommendation, recommend
from i18n import money, percent


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the subcommand."""
    p = sub.add_parser(
        "recommend",
        help="best tool set-ups for one worker at one workstation",
        description="Compare a worker's capacities with a workstation's demands and list the "
        "non-dominated tool set-ups within the budget, best first.",
    )
    p.add_argument("--worker", required=True, metavar="W", help="worker id in the workspace, or a worker file")
    p.add_argument("--workstation", required=True, metavar="S", help="workstation id, or a workstation file")
    p.add_argument("--workspace", type=Path, metavar="DIR", help="workspace folder (default: the bundled demo)")
    p.add_argument("--budget", type=euro, metavar="EUR", help="largest one-off cost of a set-up")
    p.add_argument("--top", type=whole(1), default=5, metavar="N", help="how many set-ups (default 5)")
    p.add_argument("--format", choices=("text", "json", "md"), default="text")
    p.add_argument("--lang", choices=("en", "nl"), default="en", help="labels of dimensions and tools")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Load, recommend, print."""
    ws = load_workspace(args.workspace)
    worker = ws.worker(args.worker)
    station = ws.workstation(args.workstation)
    rec = recommend(ws.catalog, worker, station, budget=args.budget, top=args.top)
    if args.format == "json":
        print_json(rec.to_dict())
    elif args.format == "md":
        print(markdown(rec, ws.catalog, args.lang), end="")
    else:
        show_text(rec, ws.catalog, args.lang)
    return ExitCode.OK


def _gap_text(cat: Catalog, task: str, dim: str, lang: str) -> str:
    return f"{cat.dimension_label(dim, lang)} in {task}"


def show_text(rec: Recommendation, cat: Catalog, lang: str) -> None:
    """The job coach's reading: baseline, set-ups as a table, gaps each leaves."""
    from rich.table import Table

    out = console()
    w, s = rec.worker, rec.station
    out.print(f"[bold]{w.id}[/] {w.label}  at  [bold]{s.id}[/] {s.label}")
    budget = "no budget limit" if rec.budget is None else f"budget {money(rec.budget, CLI_LANG)}"
    out.print(f"Accessible now: [bold]{percent(rec.baseline.accessibility, CLI_LANG)}[/] of the working time "
              f"(coverage {percent(rec.baseline.coverage, CLI_LANG)}); {budget}")
    tasks = Table(title="Tasks", title_justify="left")
    for col in ("task", "share", "now"):
        tasks.add_column(col, justify="right" if col == "share" else "left")
    for task, share, ok in zip(s.tasks, s.shares(), rec.tasks_accessible, strict=True):
        tasks.add_row(task.name, percent(share, CLI_LANG), "[green]yes[/]" if ok else "[red]no[/]")
    out.print(tasks)
    if not rec.gaps:
        out.print("[green]No gaps: the worker can do every task as it is.[/]")
        return
    gaps = Table(title="Gaps (demand above capacity)", title_justify="left")
    for col in ("task", "dimension", "demand", "capacity"):
        gaps.add_column(col)
    for g in rec.gaps:
        gaps.add_row(g.task, cat.dimension_label(g.dimension, lang), str(g.demand), str(g.capacity))
    out.print(gaps)
    if not rec.setups:
        out.print("[yellow]No tool in the catalogue narrows these gaps within the budget.[/]")
    else:
        table = Table(title="Recommended set-ups (best first)", title_justify="left")
        table.add_column("#", justify="right", no_wrap=True)
        table.add_column("tools", ratio=1, min_width=14)
        for col in ("one-off", "yearly", "accessible", "exp. gain", "coverage"):
            table.add_column(col, justify="right", no_wrap=True)
        for i, v in enumerate(rec.setups, 1):
            names = "\n".join(cat.tool_name(t, lang) for t in v.setup.tools)
            table.add_row(
                str(i), names, money(v.setup.cost_eur, CLI_LANG), money(v.setup.yearly_eur, CLI_LANG),
                f"{percent(rec.baseline.accessibility, CLI_LANG)} → {percent(v.setup.accessibility, CLI_LANG)}",
                f"+{percent(v.expected_gain, CLI_LANG)}", percent(v.setup.coverage, CLI_LANG),
            )
        out.print(table)
        if not any(v.gain > 0 for v in rec.setups):
            out.print("[yellow]No set-up makes another task fully accessible: these tools only narrow gaps "
                      "(partial progress). Consider job redesign or another workstation first.[/]")
        for i, v in enumerate(rec.setups, 1):
            out.print(f"[bold]Set-up {i}[/]")
            by_tool: dict[str, list[str]] = {}
            for c in v.closes:
                by_tool.setdefault(c.by, []).append(_gap_text(cat, c.gap.task, c.gap.dimension, lang))
            for tool, closed in by_tool.items():
                out.print(f"  {cat.tool_name(tool, lang)} closes: {'; '.join(closed)}")
            for r in v.remaining:
                out.print(f"  [yellow]still open:[/] {_gap_text(cat, r.gap.task, r.gap.dimension, lang)} "
                          f"(capacity {r.effective} of {r.gap.demand} needed)")
    if rec.unclosable:
        left = "; ".join(_gap_text(cat, g.task, g.dimension, lang) for g in rec.unclosable)
        out.print(f"[yellow]No feasible tool closes:[/] {left} (consider job redesign)")
    if not rec.exact:
        out.print("[red]The search hit its limit: these set-ups are the best found, not proven optimal.[/]")


def markdown(rec: Recommendation, cat: Catalog, lang: str) -> str:
    """The recommendation as GitHub-flavoured Markdown, for case notes."""
    def cell(text: str) -> str:
        return text.replace("|", "\\|")

    lines = [f"## {cell(rec.worker.id)} at {cell(rec.station.id)}", "",
             f"Accessible now: **{percent(rec.baseline.accessibility, CLI_LANG)}** of the working time.", ""]
    if rec.gaps:
        lines += ["| task | dimension | demand | capacity |", "|---|---|---:|---:|"]
        lines += [f"| {cell(g.task)} | {cell(cat.dimension_label(g.dimension, lang))} | {g.demand} | {g.capacity} |"
                  for g in rec.gaps]
        lines.append("")
    if rec.setups:
        lines += ["| # | tools | one-off | yearly | accessible | expected gain | coverage |",
                  "|---:|---|---:|---:|---|---:|---:|"]
        for i, v in enumerate(rec.setups, 1):
            names = ", ".join(cell(cat.tool_name(t, lang)) for t in v.setup.tools)
            change = f"{percent(rec.baseline.accessibility, CLI_LANG)} → {percent(v.setup.accessibility, CLI_LANG)}"
            costs = f"{money(v.setup.cost_eur, CLI_LANG)} | {money(v.setup.yearly_eur, CLI_LANG)}"
            lines.append(f"| {i} | {names} | {costs} | {change} | "
                         f"+{percent(v.expected_gain, CLI_LANG)} | {percent(v.setup.coverage, CLI_LANG)} |")
        lines.append("")
    elif rec.gaps:
        lines += ["No tool in the catalogue narrows these gaps within the budget.", ""]
    return "\n".join(lines)
