"""Provides the set-up views: the ranked set-ups table, what a set-up closes, and the before/after bar."""

from __future__ import annotations

from typing import Any

from rich.console import Group
from rich.text import Text
from textual.widgets import DataTable, Static

from engine.loader import Catalog
from engine.recommend import Recommendation, SetupView
from engine.support import SetupSupport
from i18n import money, percent, score, text
from i18n.explain import block_text, closure_text
from tui.widgets.basic import Row, fill_table, table_width


def tool_list(catalog: Catalog, tools: tuple[str, ...], lang: str) -> str:
    """Tool names for a table cell, one per line (names are long; rows grow to fit)."""
    return "\n".join(catalog.tool_name(t, lang) for t in tools)


MIN_TOOLS_WIDTH = 12
"""Narrower than this, the tools column is left out: the detail panel names the tools of the highlighted set-up."""

SCROLLBAR = 2
"""Room kept for the vertical scrollbar, which appears once the rows outgrow the panel."""


class SetupTable(DataTable[Any]):
    """The recommended set-ups of one match, best first; row keys are the tool ids joined.

    Where all columns do not fit (80 columns, a worker with a support status,
    Dutch headers), the table gets compact: the support column goes (the
    detail panel's first line states the support of the highlighted set-up),
    the headers are the short ones, and the tools column takes the room left,
    its names wrapping; with too little room left it goes as well (the detail
    panel names the tools). Nothing needs horizontal scrolling.
    """

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(cursor_type="row", **kwargs)
        self._shown: tuple[Catalog, Recommendation, str] | None = None
        self._room = 0

    def on_resize(self) -> None:
        """A new width may call for the other layout."""
        if self._shown is not None and self.size.width != self._room:
            self.show(*self._shown)

    def show(self, catalog: Catalog, rec: Recommendation, lang: str) -> None:
        """Fill the table; rows are keyed by their tools, so a set-up keeps its highlight."""
        self._shown = (catalog, rec, lang)
        self._room = self.size.width
        columns, rows = self._layout(catalog, rec, lang, compact=False)
        room = self.size.width - SCROLLBAR
        widths: dict[str, int] = {}
        if room > 0 and table_width(columns, rows) > room:
            columns, rows = self._layout(catalog, rec, lang, compact=True)
            left = room - table_width(columns[:-1], [(k, cells[:-1]) for k, cells in rows]) - 2
            if left >= MIN_TOOLS_WIDTH:
                widths["tools"] = left
            else:
                columns, rows = columns[:-1], [(k, cells[:-1]) for k, cells in rows]
        # Tool names stand one per line, so rows take the height they need.
        fill_table(self, columns, rows, height=None, widths=widths)

    @staticmethod
    def _layout(catalog: Catalog, rec: Recommendation, lang: str, *,
                compact: bool) -> tuple[list[tuple[str, str]], list[Row]]:
        """The columns and rows: all of them, or the compact set (no support column, short headers)."""
        before = score(rec.baseline.ea_points, lang)
        # Support and net cost only for a worker with a support status: nothing is assumed otherwise.
        funded = rec.has_support
        rows: list[Row] = []
        for i, view in enumerate(rec.setups):
            s = view.setup
            sup = view.support
            money_cells = [Text(money(s.total_cost_eur, lang), justify="right")]
            if funded and not compact:
                money_cells.append(
                    Text(money(sup.support_cents / 100, lang) if sup else "-", justify="right", style="cyan"))
            if funded:
                money_cells.append(
                    Text(money(sup.net_cents / 100, lang) if sup else "-", justify="right", style="bold"))
            rows.append(("+".join(s.tools) or str(i), (
                str(i + 1), *money_cells,
                Text.assemble(f"{before} → ", (percent(s.accessibility, lang), "bold green")),
                Text(f"+{score(s.ea_points - rec.baseline.ea_points, lang)}",
                     style="green" if not view.partial else "dim"),
                tool_list(catalog, s.tools, lang),
            )))
        columns = [("rank", "#"), ("cost", text("tui.cost", lang))]
        if funded and not compact:
            columns.append(("support", text("tui2.support_col", lang)))
        if funded:
            columns.append(("net", text("tui2.net_col", lang)))
        if compact:
            columns += [("access", text("coach2.access_short", lang)), ("gain", text("coach2.gain_short", lang))]
        else:
            columns += [("access", text("tui.accessibility", lang)), ("gain", text("tui.expected_gain", lang))]
        columns.append(("tools", text("tui.tools_title", lang)))
        return columns, rows

    def selected(self, rec: Recommendation) -> SetupView | None:
        """The highlighted set-up of `rec`, if any."""
        if not self.row_count or not rec.setups:
            return None
        return rec.setups[min(self.cursor_row, len(rec.setups) - 1)]


def share_bar(share: float, width: int, style: str) -> Text:
    """A horizontal bar of `share` (0..1) over `width` cells."""
    filled = round(max(0.0, min(1.0, share)) * width)
    return Text.assemble(("█" * filled, style), ("░" * (width - filled), "dim"))


class AccessBar(Static):
    """Accessibility before and after the selected set-up, as two bars."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._last: tuple[float, float | None, float | None, str] | None = None
        self._lines = 0

    def on_resize(self) -> None:
        """Bars fill the width they are given."""
        if self._last is not None:
            self.show(*self._last)

    def show(self, before: float, after: float | None, expected: float | None, lang: str) -> None:
        """Draw the bars; `after` None shows the baseline only."""
        self._last = (before, after, expected, lang)
        label_w = max(len(text("tui.before", lang)), len(text("tui.after", lang))) + 1
        room = self.size.width - label_w - 7
        width = max(8, min(40, room)) if room > 0 else 16
        bar = share_bar(before, width, "yellow")
        lines = [Text.assemble(text("tui.before", lang).ljust(label_w), bar, f" {percent(before, lang)}")]
        if after is not None:
            after_bar = share_bar(after, width, "green")
            line = Text.assemble(text("tui.after", lang).ljust(label_w), after_bar, f" {percent(after, lang)}")
            if expected is not None and abs(expected - after) > 1e-9:
                line.append(f" ({text('tui.expected', lang)} {percent(expected, lang)})", style="dim")
            lines.append(line)
        # Same number of lines: no new layout of the screen, only a repaint.
        self.update(Group(*lines), layout=len(lines) != self._lines)
        self._lines = len(lines)


class SetupDetail(Static):
    """Which gap each tool of the selected set-up closes, and which gaps remain."""

    def show(self, catalog: Catalog, rec: Recommendation, view: SetupView | None, lang: str) -> None:
        """Explain `view` (or the baseline situation when None); unchanged text is not redrawn."""
        text = explain(catalog, rec, view, lang)
        if text != self.content:
            self.update(text)


def _gap_text(catalog: Catalog, task: str, dim: str, lang: str) -> str:
    return f"{catalog.dimension_label(dim, lang)} · {task}"


def level_words(have: int, reached: int, need: int, lang: str) -> str:
    """Where a gap that stays open stands, in words: "level 1 → 2 of 3 needed" (or "level 1 of 3 needed")."""
    if reached > have:
        return text("tui2.level_reached", lang, have=have, reached=reached, need=need)
    return text("tui2.level_of", lang, have=have, need=need)


def support_text(catalog: Catalog, sup: SetupSupport, lang: str) -> Text:
    """The support estimate of a set-up: the net cost (per payer where the worker pays too), then each measure.

    The basis lines of the engine are not shown: they explain the arithmetic
    in English; the measure, who applies and the amount are what a coach acts on.
    """
    out = Text()
    net = sup.net_by_payer()
    def eur(amount_cents: int) -> str:
        return money(amount_cents / 100, lang)

    out.append(text("tui2.net_line", lang, support=eur(sup.support_cents), net=eur(sup.net_cents)), style="bold")
    if net["worker"]:
        # The net cost splits over two payers only when the worker pays part of it.
        out.append(" (" + text("tui2.net_by_payer", lang, employer_label=text("tui2.employer", lang),
                               employer=eur(net["employer"]), worker_label=text("tui2.worker", lang),
                               worker=eur(net["worker"])) + ")")
    if sup.other_cents:
        out.append(" · " + text("tui2.other_schemes", lang, amount=eur(sup.other_cents)))
    out.append("\n")
    for e in sup.entries:
        who = text(f"tui2.applies.{e.measure.applicant}", lang)
        out.append(f"  {money(e.estimated_eur, lang)} ", style="cyan")
        out.append(f"{e.measure.name.get(lang)} · {catalog.tool_name(e.tool, lang)} ({who})\n")
        if e.caveat_text is not None:
            out.append(f"    {e.caveat_text.get(lang)}\n", style="dim")
    out.append(text("tui2.estimate_note", lang) + "\n", style="dim italic")
    return out


def explain(catalog: Catalog, rec: Recommendation, view: SetupView | None, lang: str) -> Text:
    """The explanation of one set-up as rich text."""
    if not rec.gaps and not rec.blocks:
        return Text(text("tui.no_gaps_the_worker_can_do", lang), style="green")
    if view is None:
        if rec.unclosable and len(rec.unclosable) == len(rec.gaps):
            return Text(text("tui.no_gap_can_be_closed_by", lang), style="yellow")
        return Text(text("tui.no_tool_helps_within_this_budget", lang), style="yellow")
    out = Text()
    s = view.setup
    out.append(f"{money(s.cost_eur, lang)}", style="bold")
    if s.yearly_eur:
        out.append(f" + {money(s.yearly_eur, lang)} {text('tui.per_year', lang)}")
    out.append("\n")
    if view.support is not None:
        out.append_text(support_text(catalog, view.support, lang))
    by_tool: dict[str, list[str]] = {}
    for c in view.closes:
        # How the tool closes it, by kind: a boost, a changed task, or another channel (i18n.explain).
        how = closure_text(c.edge, c.gap, catalog.tool_name(c.edge.tool, lang),
                           catalog.dimension_label(c.gap.dimension, lang),
                           catalog.dimension_label(c.edge.via, lang) if c.edge.via else None,
                           rec.worker.restriction(c.gap.dimension), lang)
        by_tool.setdefault(c.edge.tool, []).append(f"{how} · {c.gap.task}")
    for u in view.unblocks:
        by_tool.setdefault(u.by, []).append(
            block_text(u.block, catalog.hazard_label(u.block.hazard, lang), lang, catalog.tool_name(u.by, lang)))
    for tool in s.tools:
        out.append(f"{catalog.tool_name(tool, lang)}\n", style="bold cyan")
        for gap in by_tool.get(tool, []):
            out.append(f"  ✓ {gap}\n", style="green")
        if tool not in by_tool:
            out.append(f"  ~ {text('tui.narrows_a_gap_that_stays_open', lang)}\n", style="yellow")
    for b in view.still_blocked:
        out.append(f"  ✗ {block_text(b, catalog.hazard_label(b.hazard, lang), lang)}\n", style="red")
    if view.remaining:
        out.append(f"{text('tui.remains_open', lang)}\n", style="bold red")
        unclosable = set(rec.unclosable)
        for r in view.remaining:
            level = level_words(r.gap.capacity, r.gap.capacity + r.reduction, r.gap.demand, lang)
            out.append(f"  ✗ {_gap_text(catalog, r.gap.task, r.gap.dimension, lang)}: {level}\n", style="red")
            if r.gap in unclosable:
                out.append(f"    {text('tui.no_tool_closes_this_consider_job', lang)}\n", style="dim")
    out.rstrip()
    return out
