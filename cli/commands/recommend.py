"""Provides `werkpost recommend`: the best set-ups for one worker at one workstation."""

from __future__ import annotations

import argparse
from pathlib import Path

from cli.argtypes import euro, whole
from cli.output import console, load_lenient, print_json, print_problems, ui_lang
from cli.usage import helped, say
from engine.errors import ExitCode
from engine.loader import Catalog
from engine.models import LANGS
from engine.recommend import Recommendation, SetupView, recommend
from engine.support import RANK_BY, SetupSupport
from i18n import money, percent, plural, score, text
from i18n.explain import block_text, closure_text, exclusion_line
from i18n.support import basis_text, eur


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the subcommand."""
    p = sub.add_parser(
        "recommend",
        help=helped("help.recommend.help"),
        description=say("help.recommend.description"),
    )
    p.add_argument("--worker", required=True, metavar="W", help=helped("help.recommend.worker"))
    p.add_argument("--workstation", required=True, metavar="S", help=helped("help.recommend.workstation"))
    p.add_argument("--workspace", type=Path, metavar="DIR", help=helped("help.recommend.workspace"))
    p.add_argument("--budget", type=euro, metavar="EUR",
                   help=helped("help.recommend.budget"))
    p.add_argument("--horizon-years", type=whole(0), metavar="N",
                   help=helped("help.recommend.horizon_years"))
    p.add_argument("--top", type=whole(1), default=5, metavar="N", help=helped("help.recommend.top"))
    p.add_argument("--rank-by", choices=RANK_BY, default="total",
                   help=helped("help.recommend.rank_by"))
    p.add_argument("--format", choices=("text", "json", "md"), default="text")
    p.add_argument("--lang", choices=LANGS, default=None,
                   help=helped("help.recommend.lang"))
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Load, recommend, print."""
    ws = load_lenient(args.workspace, args.lang)
    worker = ws.worker(args.worker)
    station = ws.workstation(args.workstation)
    rec = recommend(ws.catalog, worker, station, budget=args.budget, top=args.top,
                    terms=ws.terms(args.horizon_years), weeks_per_year=ws.settings.weeks_per_year,
                    rank_by=args.rank_by)
    lang = ui_lang(args.lang, ws)
    print_problems(ws.warnings, lang)
    if args.format == "json":
        print_json(rec.to_dict(basis_words=basis_text))
    elif args.format == "md":
        print(markdown(rec, ws.catalog, lang), end="")
    else:
        show_text(rec, ws.catalog, lang)
    return ExitCode.OK


def _t(key: str, lang: str, **values: object) -> str:
    return text(f"cli.{key}", lang, **values)


def _gap_text(cat: Catalog, task: str, dim: str, lang: str) -> str:
    return _t("gap_in", lang, dimension=cat.dimension_label(dim, lang), task=task)


def _eur(cents: int, lang: str) -> str:
    return eur(cents, lang)


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
        lines.append(_t("still_open", lang, gap=_gap_text(cat, r.gap.task, r.gap.dimension, lang),
                        have=r.gap.capacity + r.reduction, need=r.gap.demand))
    for b in view.still_blocked:
        lines.append(block_text(b, cat.hazard_label(b.hazard, lang), lang))
    return lines


def support_lines(rec: Recommendation, sup: SetupSupport, cat: Catalog, lang: str) -> list[str]:
    """Brief lines on a set-up's support: per tool the measure, who applies, the estimate; then the net cost."""
    lines = []
    for e in sup.entries:
        who = _t("support_who", lang, applicant=_t(f"party.{e.measure.applicant}", lang),
                 recipient=_t(f"party.{e.measure.recipient}", lang))
        lines.append(_t("support", lang, tool=cat.tool_name(e.tool, lang), measure=e.measure.name.get(lang), who=who,
                        amount=_eur(e.estimated_cents, lang), basis=basis_text(e.basis, lang)))
        if e.caveat:
            caveat = e.caveat_text.get(lang) if e.caveat_text is not None else e.caveat
            lines.append("  " + _t("caution", lang, caveat=caveat))
    net = sup.net_by_payer()
    other = _t("other_schemes", lang, amount=_eur(sup.other_cents, lang)) if sup.other_cents else ""
    lines.append(_t("net_cost", lang, net=_eur(sup.net_cents, lang), employer_label=_t("party.employer", lang),
                    employer=_eur(net["employer"], lang), worker_label=_t("party.worker", lang),
                    worker=_eur(net["worker"], lang), support=_eur(sup.support_cents, lang), other=other))
    return lines


def funding_footer(rec: Recommendation, lang: str = "en") -> list[str]:
    """What every support estimate rests on, and the order of the list."""
    if not rec.has_support or rec.funding is None:
        return []
    order = _t("ordered_by_net" if rec.rank_by == "net" else "ordered_by_total", lang)
    return [rec.funding.estimate.get(lang), rec.funding.payers.get(lang), order]


def _heading(rec: Recommendation, lang: str, ea: str, cv: str) -> str:
    return _t("accessible_now", lang, ea=ea, cv=cv)


def show_text(rec: Recommendation, cat: Catalog, lang: str) -> None:
    """The job coach's reading: baseline, set-ups as a table, why each works, what was left out."""
    # Deferred: rich is for text output only; --format json never needs it (start-up time).
    from rich.markup import escape
    from rich.table import Table

    out = console()
    w, s = rec.worker, rec.station
    out.print(f"[bold]{escape(w.id)}[/] {escape(w.label)}  {_t('at', lang)}  [bold]{escape(s.id)}[/] {escape(s.label)}")
    budget = _t("no_budget_limit", lang) if rec.budget is None else _t("budget", lang, amount=money(rec.budget, lang))
    now = _heading(rec, lang, f"[bold]{score(rec.baseline.ea_points, lang)}[/]", score(rec.baseline.cv_points, lang))
    out.print(f"{now}; {budget}; {plural('cli.costs_over', rec.terms.horizon_years, lang)}")
    tasks = Table(title=_t("tasks", lang), title_justify="left")
    for col in ("task", "share", "now"):
        tasks.add_column(_t(col, lang), justify="right" if col == "share" else "left")
    total = sum(t.share for t in s.tasks)
    blocked = {b.task_index for b in rec.blocks}
    for i, (task, ok) in enumerate(zip(s.tasks, rec.baseline.accessible, strict=True)):
        now_cell = (f"[green]{_t('yes', lang)}[/]" if ok else f"[red]{_t('blocked', lang)}[/]" if i in blocked
                    else f"[red]{_t('no', lang)}[/]")
        tasks.add_row(escape(task.name), percent(task.share / total, lang), now_cell)
    out.print(tasks)
    if not rec.gaps and not rec.blocks:
        out.print(f"[green]{escape(_t('no_gaps', lang))}[/]")
        return
    if rec.gaps:
        gaps = Table(title=_t("gaps_title", lang), title_justify="left")
        for col in ("task", "dimension", "demand", "capacity"):
            gaps.add_column(_t(col, lang))
        for g in rec.gaps:
            cap = _t("restriction", lang, capacity=g.capacity) if g.restricted else str(g.capacity)
            gaps.add_row(escape(g.task), escape(cat.dimension_label(g.dimension, lang)), str(g.demand), cap)
        out.print(gaps)
    for b in rec.blocks:
        line = _t("blocked_line", lang, task=b.task, hazard=cat.hazard_label(b.hazard, lang))
        out.print(f"[red]{escape(_t('blocked_label', lang))}[/] {escape(line)}")
    if not rec.setups:
        out.print(f"[yellow]{escape(_t('no_setup', lang))}[/]")
    else:
        title = _t("setups_by_net" if rec.rank_by == "net" and rec.has_support else "setups_best_first", lang)
        # No outer edge: with support, seven columns of Dutch headers were 89 wide and the last fell off at 80.
        table = Table(title=title, title_justify="left", show_edge=False)
        table.add_column("#", justify="right", no_wrap=True)
        table.add_column(_t("tools", lang), ratio=1, min_width=14)
        cols = ("total_cost", "net_estimate") if rec.has_support else ("total_cost",)
        for col in (*cols, "accessible", "expected", "coverage"):
            # An amount never breaks ("€ 14.500" stays whole): a header of two words takes two lines instead.
            table.add_column(_t(col, lang).replace(" ", "\n", 1), justify="right", no_wrap=True)
        for i, v in enumerate(rec.setups, 1):
            names = "\n".join(escape(cat.tool_name(t, lang)) for t in v.setup.tools)
            costs = [money(v.setup.total_cost_eur, lang)]
            if rec.has_support:
                costs.append(money(v.support.net_cents / 100, lang) if v.support is not None else "-")
            table.add_row(
                str(i), names, *costs,
                f"{score(rec.baseline.ea_points, lang)} → {percent(v.setup.accessibility, lang)}",
                score(v.setup.ea_points, lang), score(v.setup.cv_points, lang),
            )
        out.print(table)
        out.print(escape(_t("cost_note", lang)))
        for i, v in enumerate(rec.setups, 1):
            flag = f" [yellow]{escape(_t('partial', lang))}[/]" if v.partial else ""
            out.print(f"[bold]{escape(_t('setup_n', lang, n=i))}[/]{flag}")
            for line in explanation(rec, v, cat, lang):
                out.print(f"  {escape(line)}")
            if v.support is not None:
                for line in support_lines(rec, v.support, cat, lang):
                    out.print(f"  {escape(line)}")
        for line in funding_footer(rec, lang):
            out.print(f"[italic]{escape(line)}[/]")
    if rec.unclosable:
        left = "; ".join(_gap_text(cat, g.task, g.dimension, lang) for g in rec.unclosable)
        out.print(f"[yellow]{escape(_t('unclosable', lang))}[/] {escape(_t('consider_redesign', lang, gaps=left))}")
    if rec.excluded:
        out.print(f"[bold]{escape(_t('left_out', lang))}[/]")
        for e in rec.excluded:
            out.print(f"  {escape(exclusion_line(e, cat, lang, rec.terms.horizon_years))}")
    if not rec.exact:
        out.print(f"[red]{escape(_t('not_exact', lang))}[/]")


def markdown(rec: Recommendation, cat: Catalog, lang: str) -> str:
    """The recommendation as GitHub-flavoured Markdown, for case notes: as much as the text."""
    def cell(value: str) -> str:
        return value.replace("|", "\\|").replace("\n", " ")

    w, s = rec.worker, rec.station
    now = _heading(rec, lang, f"**{score(rec.baseline.ea_points, lang)}**", score(rec.baseline.cv_points, lang))
    budget = _t("no_budget_limit", lang) if rec.budget is None else _t("budget", lang, amount=money(rec.budget, lang))
    # The heading keeps the ids alone (case notes link to it); the names follow, as the text shows them.
    lines = [f"## {cell(w.id)} {_t('at', lang)} {cell(s.id)}", "",
             f"{cell(w.label)} {_t('at', lang)} {cell(s.label)}", "",
             f"{now}; {budget}; {plural('cli.costs_over', rec.terms.horizon_years, lang)}.", ""]
    # The tasks as the text shows them: share of the working time and whether the worker does it now.
    lines += [f"### {_t('tasks', lang)}", "", f"| {_t('task', lang)} | {_t('share', lang)} | {_t('now', lang)} |",
              "|---|---:|---|"]
    total = sum(t.share for t in s.tasks)
    blocked = {b.task_index for b in rec.blocks}
    for i, (task, ok) in enumerate(zip(s.tasks, rec.baseline.accessible, strict=True)):
        now_cell = _t("yes", lang) if ok else _t("blocked", lang) if i in blocked else _t("no", lang)
        lines.append(f"| {cell(task.name)} | {percent(task.share / total, lang)} | {now_cell} |")
    lines.append("")
    if not rec.gaps and not rec.blocks:
        return "\n".join([*lines, _t("no_gaps", lang), ""])
    if rec.gaps:
        head = " | ".join(_t(c, lang) for c in ("task", "dimension", "demand", "capacity"))
        lines += [f"### {_t('gaps_title', lang)}", "", f"| {head} |", "|---|---|---:|---:|"]
        lines += [f"| {cell(g.task)} | {cell(cat.dimension_label(g.dimension, lang))} | {g.demand} | "
                  f"{cell(_t('restriction', lang, capacity=g.capacity)) if g.restricted else g.capacity} |"
                  for g in rec.gaps]
        lines.append("")
    for b in rec.blocks:
        lines.append(f"- **{cell(_t('blocked_label', lang))}** "
                     f"{cell(_t('blocked_line', lang, task=b.task, hazard=cat.hazard_label(b.hazard, lang)))}")
    if rec.blocks:
        lines.append("")
    if rec.setups:
        net_head, net_rule = (f" {_t('net_estimate', lang)} |", "---:|") if rec.has_support else ("", "")
        title = _t("setups_by_net" if rec.rank_by == "net" and rec.has_support else "setups_best_first", lang)
        lines += [f"### {title}", ""]
        lines += [f"| # | {_t('tools', lang)} | {_t('total_cost', lang)} |{net_head} {_t('accessible', lang)} | "
                  f"{_t('expected', lang)} | {_t('coverage', lang)} |",
                  f"|---:|---|---:|{net_rule}---|---:|---:|"]
        for i, v in enumerate(rec.setups, 1):
            names = ", ".join(cell(cat.tool_name(t, lang)) for t in v.setup.tools)
            change = f"{score(rec.baseline.ea_points, lang)} → {percent(v.setup.accessibility, lang)}"
            net = (f" {money(v.support.net_cents / 100, lang)} |" if v.support is not None
                   else (" - |" if net_head else ""))
            lines.append(f"| {i} | {names} | {money(v.setup.total_cost_eur, lang)} |{net} {change} | "
                         f"{score(v.setup.ea_points, lang)} | {score(v.setup.cv_points, lang)} |")
        lines.append("")
        lines += [_t("cost_note", lang), ""]
        for i, v in enumerate(rec.setups, 1):
            lines.append(f"**{_t('setup_n', lang, n=i)}**" + (f" {_t('partial', lang)}" if v.partial else ""))
            lines += [f"- {cell(x)}" for x in explanation(rec, v, cat, lang)]
            if v.support is not None:
                lines += [f"- {cell(x.strip())}" for x in support_lines(rec, v.support, cat, lang)]
            lines.append("")
        footer = funding_footer(rec, lang)
        if footer:
            lines += [f"_{cell(x)}_" for x in footer] + [""]
    elif rec.gaps or rec.blocks:
        lines += [_t("no_setup", lang), ""]
    if rec.unclosable:
        left = "; ".join(_gap_text(cat, g.task, g.dimension, lang) for g in rec.unclosable)
        lines += [f"**{cell(_t('unclosable', lang))}** {cell(_t('consider_redesign', lang, gaps=left))}", ""]
    if rec.excluded:
        lines.append(f"**{_t('left_out', lang)}**")
        lines += [f"- {cell(exclusion_line(e, cat, lang, rec.terms.horizon_years))}" for e in rec.excluded]
        lines.append("")
    if not rec.exact:
        lines += [_t("not_exact", lang), ""]
    return "\n".join(lines)
