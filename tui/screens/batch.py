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
from tui.i18n import eur, parse_budget, pct
from tui.screens.base import NARROW_WIDE, BaseScreen
from tui.widgets.basic import LocalFooter, Row, TextField, fill_table

if TYPE_CHECKING:
    from engine.match import MatchResult, Objective


class BatchScreen(BaseScreen):
    """Run the batch match and read its assignments and unplaced workers."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back"),
        Binding("r", "run", "Run"),
        Binding("e", "export", "Export"),
        Binding("b", "budget", "Budget"),
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
            yield Select[str]([(self.t("total"), "total"), (self.t("fair"), "fair")], value="total",
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
        self.sub_title = self.t("Batch match")
        self.query_one("#batch-budget-label", Label).update(Text(self.t("Budget") + " [b] € "))
        objective = self.query_one("#objective", Select)
        keep = objective.value
        objective.set_options([(self.t("total"), "total"), (self.t("fair"), "fair")])
        objective.value = keep
        self.query_one("#batch-budget", Input).placeholder = self.t("no limit")
        self.query_one("#assign-title", Label).update(self.t("Assignments"))
        self.query_one("#unplaced-title", Label).update(self.t("Unplaced workers"))
        if self.result is None:
            self.query_one("#batch-status", Static).update(self.t("Press r to match every worker to a position."))
        else:
            self._show(self.result)

    def action_run(self) -> None:
        """Start the match in a thread worker."""
        try:
            budget = parse_budget(self.query_one("#batch-budget", Input).value)
        except ValueError:
            self.notify(self.t("not a number"), title=self.t("Budget"), severity="error")
            return
        objective: Objective = "fair" if self.query_one("#objective", Select).value == "fair" else "total"
        self.query_one("#progress", ProgressBar).update(progress=0)
        self.query_one("#batch-status", Static).update(self.t("Matching..."))
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
            self.error("Batch match failed", event.error or ValueError("no result"))
            return
        bar = self.query_one("#progress", ProgressBar)
        bar.update(progress=bar.total or 0)
        self.result = event.result
        self._show(event.result)

    def _show(self, result: MatchResult) -> None:
        catalog, lang = self.session.workspace.catalog, self.lang
        stations = self.session.workspace.workstations
        status = Text.assemble(
            (f"{len(result.assignments)} {self.t('placed')}", "bold green"), " · ",
            (f"{len(result.unassigned)} {self.t('unplaced')}", "bold yellow" if result.unassigned else ""), " · ",
            f"{self.t('total cost')} {eur(result.cost_eur, lang)}",
        )
        self.query_one("#batch-status", Static).update(status)
        rows: list[Row] = []
        for a in result.assignments:
            station = stations.get(a.workstation)
            tools = ", ".join(catalog.tool_name(t, lang) for t in a.tools) or "-"
            rows.append((a.worker, (
                a.worker, station.label if station and station.label else a.workstation,
                pct(a.accessibility_before), Text(pct(a.expected_accessibility_after), style="green"),
                Text(eur(a.cost_eur, lang), justify="right"), tools,
            )))
        labels = ("Worker", "Workstation", "Before", "Expected", "Cost", "Tools")
        fill_table(self.query_one("#assignments", DataTable), [(label, self.t(label)) for label in labels], rows)
        unplaced: list[Row] = []
        for u in result.unassigned:
            best = stations.get(u.best_workstation or "")
            unplaced.append((u.worker, (
                u.worker, best.label if best and best.label else (u.best_workstation or "-"),
                pct(u.best_expected_accessibility), u.reason,
            )))
        fill_table(self.query_one("#unplaced", DataTable),
                   [(label, self.t(label)) for label in ("Worker", "Best place", "Expected", "Reason")], unplaced)
        self.query_one("#assign-title", Label).update(f"{self.t('Assignments')} ({len(result.assignments)})")
        self.query_one("#unplaced-title", Label).update(f"{self.t('Unplaced workers')} ({len(result.unassigned)})")

    def action_export(self) -> None:
        """Export the result (CSV or XLSX where available, JSON always)."""
        from tui.screens.export import ExportDialog

        result = self.result
        if result is None:
            self.notify(self.t("Run the batch match first."), severity="warning")
            return

        def write(path: Path, lang: str, force: bool) -> Path:
            return write_result(result, path, force)

        root = self.session.workspace.root
        folder = Path() if self.session.read_only or root is None else root
        self.app.push_screen(ExportDialog(self.t("Export the batch result"), ["csv", "xlsx", "json"],
                                          folder / "match", write, langs=False))

    @on(DataTable.RowSelected)
    def _open_match(self, event: DataTable.RowSelected) -> None:
        """Enter on a placement (or an unplaced worker's best place) opens that match."""
        from tui.screens.match import MatchScreen

        result = self.result
        if result is None or event.row_key.value is None:
            return
        worker = event.row_key.value
        station = next((a.workstation for a in result.assignments if a.worker == worker), None)
        if station is None:
            station = next((u.best_workstation for u in result.unassigned if u.worker == worker), None)
        if station is not None and station in self.session.workspace.workstations:
            self.app.push_screen(MatchScreen(worker, station))

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


def write_result(result: MatchResult, path: Path, force: bool) -> Path:
    """Write a match result to `path` (CSV, XLSX or JSON from its suffix), never over a file unasked."""
    from engine.export import write_match

    if path.exists() and not force:
        raise WriteError(f"{path}: already exists")
    return write_match(result, path)
