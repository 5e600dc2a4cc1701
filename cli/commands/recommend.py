"""Provides `werkpost recommend`: the best set-ups for one worker at one workstation."""

from __future__ import annotations

import argparse
from pathlib import Path

from cli.argtypes import euro, whole
from cli.output import CLI_LANG, console, load_lenient, print_json, print_problems
from engine.errors import ExitCode
from engine.explain import block_text, closure_text, exclusion_text
from engine.loader import Catalog
from engine.recommend import Recommendation, SetupView, recommend
from engine.support import RANK_BY, SetupSupport, eur_text
from i18n import money, percent, score


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
    p.add_argument("--budget", type=euro, metavar="EUR",
                   help="largest total cost of a set-up (one-off + yearly over the horizon)")
    p.add_argument("--horizon-years", type=whole(0), metavar="N",
                   help="years of yearly costs in the total cost (default: the workspace's, else 3)")
    p.add_argument("--top", type=whole(1), default=5, metavar="N", help="how many set-ups (default 5)")
    p.add_argument("--rank-by", choices=RANK_BY, default="total",
                   help="order of the set-ups: total cost (default), or net cost after the estimated support "
                   "(for a worker with a support status; the same set-ups, re-sorted)")
    p.add_argument("--format", choices=("text", "json", "md"), default="text")
    p.add_argument("--lang", choices=("en", "nl"), default="en", help="labels of dimensions and tools")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Load, recommend, print."""
    ws = load_lenient(args.workspace)
    worker = ws.worker(args.worker)
    station = ws.workstation(args.workstation)
    rec = recommend(ws.catalog, worker, station, budget=args.budget, top=args.top,
                    terms=ws.terms(args.horizon_years), weeks_per_year=ws.settings.weeks_per_year,
                    rank_by=args.rank_by)
    print_problems(ws.warnings)
    if args.format == "json":
        print_json(rec.to_dict())
    elif args.format == "md":
        print(markdown(rec, ws.catalog, args.lang), end="")
    else:
        show_text(rec, ws.catalog, args.lang)
    return ExitCode.OK


def _gap_text(cat: Catalog, task: str, dim: str, lang: str) -> str:
    return f"{cat.dimension_label(dim, lang)} in {task}"


def explanation(rec: Recommendation, view: SetupView, cat: Catalog, lang: str) -> list[str]:
    """Plain sentences: how each tool closes its gaps, what it unblocks, what stays open."""
    lines = []
    for c in view.closes:
        tool = cat.tool_name(c.edge.tool, lang)
        dim = cat.dimension_label(c.gap.dimension, lang)
        via = cat.dimension_label(c.edge.via, lang) if c.edge.via else None
        lines.append(closure_text(c.edge, c.gap, tool, dim, via, rec.worker.restriction(c.gap.dimension), lang)
                     + f" ({c.gap.task})")
    for u in view.unblocks:
        lines.append(block_text(u.block, cat.hazard_label(u.block.hazard, lang), lang, cat.tool_name(u.by, lang)))
    for r in view.remaining:
        lines.append(f"still open: {_gap_text(cat, r.gap.task, r.gap.dimension, lang)} "
                     f"({r.gap.capacity + r.reduction} of {r.gap.demand} needed)")
    for b in view.still_blocked:
        lines.append(block_text(b, cat.hazard_label(b.hazard, lang), lang))
    return lines


def support_lines(rec: Recommendation, sup: SetupSupport, cat: Catalog, lang: str) -> list[str]:
    """Brief lines on a set-up's support: per tool the measure, who applies, the estimate; then the net cost."""
    lines = []
    for e in sup.entries:
        who = f"{e.measure.applicant} applies, paid to the {e.measure.recipient}"
        lines.append(f"support: {cat.tool_name(e.tool, lang)}: {e.measure.name.get(lang)} ({who}): "
                     f"~{eur_text(e.estimated_cents)} ({e.basis})")
        if e.caveat:
            lines.append(f"  caution: {e.caveat}")
    net = sup.net_by_payer()
    other = f", other schemes {eur_text(sup.other_cents)}" if sup.other_cents else ""
    lines.append(f"net cost ~{eur_text(sup.net_cents)} (employer {eur_text(net['employer'])}, worker "
                 f"{eur_text(net['worker'])}) after ~{eur_text(sup.support_cents)} support{other}")
    return lines


def funding_footer(rec: Recommendation) -> list[str]:
    """What every support estimate rests on, and the order of the list."""
    if not rec.has_support or rec.funding is None:
        return []
    order = ("Ordered by net cost after the estimated support (--rank-by net); the list itself is chosen on "
             "total cost." if rec.rank_by == "net" else "Ordered by total cost; --rank-by net re-sorts by net cost.")
    return [rec.funding.estimate.en, rec.funding.payers.en, order]


def show_text(rec: Recommendation, cat: Catalog, lang: str) -> None:
    """The job coach's reading: baseline, set-ups as a table, why each works, what was left out."""
    # Deferred: rich is for text output only; --format json never needs it (start-up time).
    from rich.markup import escape
    from rich.table import Table

    out = console()
    w, s = rec.worker, rec.station
    out.print(f"[bold]{escape(w.id)}[/] {escape(w.label)}  at  [bold]{escape(s.id)}[/] {escape(s.label)}")
    budget = "no budget limit" if rec.budget is None else f"budget {money(rec.budget, CLI_LANG)}"
    out.print(f"Accessible now: [bold]{score(rec.baseline.ea_points, CLI_LANG)}[/] of the working time "
              f"(coverage {score(rec.baseline.cv_points, CLI_LANG)}); {budget}; "
              f"costs over {rec.terms.horizon_years} years")
    tasks = Table(title="Tasks", title_justify="left")
    for col in ("task", "share", "now"):
        tasks.add_column(col, justify="right" if col == "share" else "left")
    total = sum(t.share for t in s.tasks)
    blocked = {b.task_index for b in rec.blocks}
    for i, (task, ok) in enumerate(zip(s.tasks, rec.baseline.accessible, strict=True)):
        now = "[green]yes[/]" if ok else "[red]blocked[/]" if i in blocked else "[red]no[/]"
        tasks.add_row(escape(task.name), percent(task.share / total, CLI_LANG), now)
    out.print(tasks)
    if not rec.gaps and not rec.blocks:
        out.print("[green]No gaps: the worker can do every task as it is.[/]")
        return
    if rec.gaps:
        gaps = Table(title="Gaps (demand above capacity)", title_justify="left")
        for col in ("task", "dimension", "demand", "capacity"):
            gaps.add_column(col)
        for g in rec.gaps:
            cap = f"{g.capacity} (restriction)" if g.restricted else str(g.capacity)
            gaps.add_row(escape(g.task), escape(cat.dimension_label(g.dimension, lang)), str(g.demand), cap)
        out.print(gaps)
    for b in rec.blocks:
        out.print(f"[red]Blocked:[/] {escape(b.task)}: {escape(cat.hazard_label(b.hazard, lang))} "
                  "is a contraindication for this worker")
    if not rec.setups:
        out.print("[yellow]No set-up within the budget adds anything here.[/]")
    else:
        title = "Recommended set-ups (by net cost)" if rec.rank_by == "net" and rec.has_support \
            else "Recommended set-ups (best first)"
        table = Table(title=title, title_justify="left")
        table.add_column("#", justify="right", no_wrap=True)
        table.add_column("tools", ratio=1, min_width=14)
        cols = ("total cost", "net (est.)") if rec.has_support else ("total cost",)
        for col in (*cols, "accessible", "expected", "coverage"):
            table.add_column(col, justify="right", no_wrap=True)
        for i, v in enumerate(rec.setups, 1):
            names = "\n".join(escape(cat.tool_name(t, lang)) for t in v.setup.tools)
            costs = [money(v.setup.total_cost_eur, CLI_LANG)]
            if rec.has_support:
                costs.append(money(v.support.net_cents / 100, CLI_LANG) if v.support is not None else "-")
            table.add_row(
                str(i), names, *costs,
                f"{score(rec.baseline.ea_points, CLI_LANG)} → {percent(v.setup.accessibility, CLI_LANG)}",
                score(v.setup.ea_points, CLI_LANG), score(v.setup.cv_points, CLI_LANG),
            )
        out.print(table)
        out.print("Total cost = one-off + yearly costs over the horizon; expected = accessibility "
                  "weighted by how likely each tool keeps working (acceptance x evidence).")
        for i, v in enumerate(rec.setups, 1):
            flag = " [yellow](partial progress: narrows gaps, no task becomes accessible)[/]" if v.partial else ""
            out.print(f"[bold]Set-up {i}[/]{flag}")
            for line in explanation(rec, v, cat, lang):
                out.print(f"  {escape(line)}")
            if v.support is not None:
                for line in support_lines(rec, v.support, cat, lang):
                    out.print(f"  {escape(line)}")
        for line in funding_footer(rec):
            out.print(f"[italic]{escape(line)}[/]")
    if rec.unclosable:
        left = "; ".join(_gap_text(cat, g.task, g.dimension, lang) for g in rec.unclosable)
        out.print(f"[yellow]No feasible tool closes:[/] {escape(left)} (consider job redesign)")
    if rec.excluded:
        out.print("[bold]Left out[/]")
        for e in rec.excluded:
            out.print(f"  {escape(exclusion_text(e, cat.tool_name(e.tool, lang), lang))}")
    if not rec.exact:
        out.print("[red]The search hit its limit: these set-ups are the best found, not proven optimal.[/]")


def markdown(rec: Recommendation, cat: Catalog, lang: str) -> str:
    """The recommendation as GitHub-flavoured Markdown, for case notes: as much as the text."""
    def cell(text: str) -> str:
        return text.replace("|", "\\|").replace("\n", " ")

    lines = [f"## {cell(rec.worker.id)} at {cell(rec.station.id)}", "",
             f"Accessible now: **{score(rec.baseline.ea_points, CLI_LANG)}** of the working time "
             f"(coverage {score(rec.baseline.cv_points, CLI_LANG)}); "
             f"costs over {rec.terms.horizon_years} years.", ""]
    if rec.gaps:
        lines += ["| task | dimension | demand | capacity |", "|---|---|---:|---:|"]
        lines += [f"| {cell(g.task)} | {cell(cat.dimension_label(g.dimension, lang))} | {g.demand} | "
                  f"{g.capacity}{' (restriction)' if g.restricted else ''} |" for g in rec.gaps]
        lines.append("")
    for b in rec.blocks:
        lines.append(f"- **Blocked:** {cell(b.task)}: {cell(cat.hazard_label(b.hazard, lang))}")
    if rec.blocks:
        lines.append("")
    if rec.setups:
        net_head, net_rule = (" net (est.) |", "---:|") if rec.has_support else ("", "")
        lines += [f"| # | tools | total cost |{net_head} accessible | expected | coverage |",
                  f"|---:|---|---:|{net_rule}---|---:|---:|"]
        for i, v in enumerate(rec.setups, 1):
            names = ", ".join(cell(cat.tool_name(t, lang)) for t in v.setup.tools)
            change = f"{score(rec.baseline.ea_points, CLI_LANG)} → {percent(v.setup.accessibility, CLI_LANG)}"
            net = (f" {money(v.support.net_cents / 100, CLI_LANG)} |" if v.support is not None
                   else (" - |" if net_head else ""))
            lines.append(f"| {i} | {names} | {money(v.setup.total_cost_eur, CLI_LANG)} |{net} {change} | "
                         f"{score(v.setup.ea_points, CLI_LANG)} | {score(v.setup.cv_points, CLI_LANG)} |")
        lines.append("")
        for i, v in enumerate(rec.setups, 1):
            lines.append(f"**Set-up {i}**" + (" (partial progress)" if v.partial else ""))
            lines += [f"- {cell(x)}" for x in explanation(rec, v, cat, lang)]
            if v.support is not None:
                lines += [f"- {cell(x.strip())}" for x in support_lines(rec, v.support, cat, lang)]
            lines.append("")
        footer = funding_footer(rec)
        if footer:
            lines += [f"_{cell(x)}_" for x in footer] + [""]
    elif rec.gaps or rec.blocks:
        lines += ["No set-up within the budget adds anything here.", ""]
    if rec.excluded:
        lines.append("**Left out**")
        lines += [f"- {cell(exclusion_text(e, cat.tool_name(e.tool, lang), lang))}" for e in rec.excluded]
        lines.append("")
    return "\n".join(lines)
