"""Provides the batch view: the firm-wide match in a thread worker with a progress bar.

Unsaved worker edits take part (the coach sees what they would change), and
the result can be exported as CSV, XLSX or JSON (engine.export).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import DataTable, Header, Input, Label, ProgressBar, Select, Static
from textual.worker import get_current_worker

from engine.errors import WerkpostError, WriteError
from engine.models import Worker
from i18n import money, parse_budget, percent, plural
from i18n.reasons import match_reason
from tui.screens.base import NARROW_WIDE, WerkpostScreen
from tui.screens.export import ExportDialog
from tui.widgets.basic import LocalFooter, Row, TextField, fill_table, relabel_select

if TYPE_CHECKING:
    from engine.match import MatchResult, Objective


class BatchScreen(WerkpostScreen):
    """Run the batch match and read its assignments and unplaced workers."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "tui.back"),
        Binding("r", "run", "tui.run"),
        Binding("e", "export", "tui.export"),
        Binding("b", "budget", "tui.budget"),
    ]

    HORIZONTAL_BREAKPOINTS = NARROW_WIDE

    @dataclass
    class Progress(Message):
        """How far the match is (folded: only the newest one matters)."""

        done: int
        total: int

        def can_replace(self, message: Message) -> bool:
            """A newer progress report makes an older one pointless."""
            return isinstance(message, BatchScreen.Progress)

    @dataclass
    class Finished(Message):
        """The match finished: the result, or the error."""

        result: MatchResult | None
        error: Exception | None

    def __init__(self) -> None:
        super().__init__()
        self.result: MatchResult | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="batch-top"):
            yield Label(id="batch-budget-label")
            yield TextField(id="batch-budget", restrict=r"[0-9.,€kK ]*", max_length=14, compact=True)
            yield Select[str]([(self.t("tui.total"), "total"), (self.t("tui.fair"), "fair")], value="total",
                              id="objective", allow_blank=False, compact=True)
            yield ProgressBar(id="progress", total=1000, show_eta=False)
        yield Static(id="batch-status")
        with Horizontal(id="batch-body"):
            with Vertical(id="assign-panel", classes="panel"):
                yield Label(id="assign-title", classes="panel-title")
                yield DataTable[Any](id="assignments", cursor_type="row")
            with Vertical(id="unplaced-panel", classes="panel"):
                yield Label(id="unplaced-title", classes="panel-title")
                yield DataTable[Any](id="unplaced", cursor_type="row")
        yield LocalFooter()

    def on_mount(self) -> None:
        """Labels, and the status saying what to do."""
        self.relabel()
        self.query_one("#assignments", DataTable).focus()

    def relabel(self) -> None:
        """Labels and results in the current language."""
        super().relabel()
        self.title = "werkpost"
        self.sub_title = self.t("tui.batch_match")
        self.query_one("#batch-budget-label", Label).update(Text(self.t("tui.budget") + " [b] € "))
        objectives = [(self.t("tui.total"), "total"), (self.t("tui.fair"), "fair")]
        relabel_select(self.query_one("#objective", Select), objectives)
        self.query_one("#batch-budget", Input).placeholder = self.t("tui.no_limit")
        self.query_one("#assign-title", Label).update(self.t("tui.assignments"))
        self.query_one("#unplaced-title", Label).update(self.t("tui.unplaced_workers"))
        if self.result is None:
            self.query_one("#batch-status", Static).update(self.t("tui.press_r_to_match_every_worker"))
        else:
            self._show(self.result)

    def action_run(self) -> None:
        """Start the match in a thread worker."""
        try:
            budget = parse_budget(self.query_one("#batch-budget", Input).value)
        except ValueError:
            self.notify(self.t("tui.not_a_number"), title=self.t("tui.budget"), severity="error")
            return
        objective: Objective = "fair" if self.query_one("#objective", Select).value == "fair" else "total"
        self.query_one("#progress", ProgressBar).update(progress=0)
        self.query_one("#batch-status", Static).update(self.t("tui.matching"))
        workers = [self.session.worker(w) for w in self.session.worker_ids()]
        self._match(workers, budget, objective)

    @work(thread=True, exclusive=True, group="batch", exit_on_error=False)
    def _match(self, workers: list[Worker], budget: float | None, objective: Objective) -> None:
        # Deferred: scipy and numpy behind the matcher cost start-up time.
        from engine.match import match

        worker = get_current_worker()

        def progress(done: int, total: int) -> None:
            if not worker.is_cancelled:
                self.post_message(self.Progress(done, total))

        try:
            result = match(self.session.workspace, budget=budget, objective=objective,
                           workers=workers, progress=progress)
        except (WerkpostError, ValueError) as exc:
            self.post_message(self.Finished(None, exc))
            return
        if not worker.is_cancelled:
            self.post_message(self.Finished(result, None))

    @on(Progress)
    def _progress(self, event: Progress) -> None:
        self.query_one("#progress", ProgressBar).update(total=event.total, progress=event.done)

    @on(Finished)
    def _finished(self, event: Finished) -> None:
        if event.error is not None or event.result is None:
            self.query_one("#batch-status", Static).update("")
            self.error("tui.batch_match_failed", event.error or ValueError("no result"))
            return
        bar = self.query_one("#progress", ProgressBar)
        bar.update(progress=bar.total or 0)
        self.result = event.result
        self._show(event.result)

    def _show(self, result: MatchResult) -> None:
        # Deferred like the match itself (scipy behind engine.match); a result exists, so it is loaded.
        from engine.match.results import support_totals

        catalog, lang = self.session.workspace.catalog, self.lang
        stations = self.session.workspace.workstations
        # The totals `werkpost match` reports: total cost over the horizon, and for workers with a
        # support status the estimated support and the net cost (engine.match.results.support_totals).
        totals = support_totals(result.assignments)
        total = sum(a.total_cost_eur for a in result.assignments)
        status = Text.assemble(
            (plural("tui.placed_count", len(result.assignments), lang), "bold green"), " · ",
            (plural("tui.unplaced_count", len(result.unassigned), lang), "bold yellow" if result.unassigned else ""),
            " · ",
            f"{self.t('tui2.total_cost_over')} {money(total, lang)}",
        )
        if totals:
            status.append(f" · {self.t('tui2.support_total')} {money(totals['support_eur'], lang)}", style="cyan")
            status.append(f" · {self.t('tui2.net_cost')} {money(totals['net_cost_eur'], lang)}", style="bold")
            status.append("\n" + self.t("tui2.estimate_note"), style="dim italic")
        self.query_one("#batch-status", Static).update(status)
        rows: list[Row] = []
        for a in result.assignments:
            station = stations.get(a.workstation)
            tools = ", ".join(catalog.tool_name(t, lang) for t in a.tools) or "-"
            net = [] if not totals else [
                Text("-" if a.net_cost_eur is None else money(a.net_cost_eur, lang), justify="right")]
            rows.append((a.worker, (
                a.worker, station.label if station and station.label else a.workstation,
                percent(a.accessibility_before, lang),
                Text(percent(a.expected_accessibility_after, lang), style="green"),
                Text(money(a.total_cost_eur, lang), justify="right"), *net, tools,
            )))
        columns = [(k, self.t("tui." + k)) for k in ("worker", "workstation", "before_title", "expected_title", "cost")]
        if totals:
            columns.append(("net", self.t("tui2.net_col")))
        columns.append(("tools_title", self.t("tui.tools_title")))
        fill_table(self.query_one("#assignments", DataTable), columns, rows)
        unplaced: list[Row] = []
        for u in result.unassigned:
            best = stations.get(u.best_workstation or "")
            unplaced.append((u.worker, (
                u.worker, best.label if best and best.label else (u.best_workstation or "-"),
                percent(u.best_expected_accessibility, self.lang), match_reason(u, self.lang),
            )))
        fill_table(self.query_one("#unplaced", DataTable),
                   [(k, self.t("tui." + k)) for k in ("worker", "best_place", "expected_title", "reason")], unplaced)
        self.query_one("#assign-title", Label).update(f"{self.t('tui.assignments')} ({len(result.assignments)})")
        self.query_one("#unplaced-title", Label).update(f"{self.t('tui.unplaced_workers')} ({len(result.unassigned)})")

    def action_export(self) -> None:
        """Export the result (CSV or XLSX where available, JSON always)."""

        result = self.result
        if result is None:
            self.notify(self.t("tui.run_the_batch_match_first"), severity="warning")
            return

        def write(path: Path, lang: str, force: bool) -> Path:
            return write_result(result, path, force, lang)

        root = self.session.workspace.root
        folder = Path() if self.session.read_only or root is None else root
        self.app.push_screen(ExportDialog(self.t("tui.export_the_batch_result"), ["csv", "xlsx", "json"],
                                          folder / "match", write, langs=False))

    @on(DataTable.RowSelected)
    def _open_match(self, event: DataTable.RowSelected) -> None:
        """Enter on a placement (or an unplaced worker's best place) opens that match."""
        result = self.result
        if result is None or event.row_key.value is None:
            return
        worker = event.row_key.value
        station = next((a.workstation for a in result.assignments if a.worker == worker), None)
        if station is None:
            station = next((u.best_workstation for u in result.unassigned if u.worker == worker), None)
        if station is not None and station in self.session.workspace.workstations:
            self.app.open_match(worker, station)

    def action_budget(self) -> None:
        """Focus the budget field."""
        self.query_one("#batch-budget", Input).focus()

    def action_back(self) -> None:
        """Back to the workspace; a running match is cancelled."""
        self.workers.cancel_group(self, "batch")
        self.app.pop_screen()

    @on(Input.Submitted, "#batch-budget")
    def _budget_done(self) -> None:
        self.action_run()


def write_result(result: MatchResult, path: Path, force: bool, lang: str = "en") -> Path:
    """Write a match result to `path` (CSV, XLSX or JSON from its suffix), never over a file unasked.

    As `werkpost match --out`: a workbook is for people, so its headers, reasons and
    yes/no are in the app's language; CSV and JSON are data and keep the engine's keys.
    """
    from engine.export import write_match
    from i18n.export import export_labels
    from i18n.reasons import worded_match

    if path.exists() and not force:
        raise WriteError(f"{path}: already exists", "exists", path=path)
    worded = worded_match(result, lang) if path.suffix.lower() == ".xlsx" else result
    return write_match(worded, path, labels=export_labels(lang))
