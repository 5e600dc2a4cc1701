"""Provides the job design view: inclusive job design (`werkpost redesign`) in a thread worker with progress.

The candidates are the workers the batch match leaves out, with the coach's
unsaved edits taking part. The view lists each new function (candidate,
hours, source jobs, tools, benefit); Enter opens the candidate's match at
the job that gives the function most of its hours, and `e` exports the
function's description sheet (sheets.function_write) through the export dialog.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import DataTable, Header, Label, ProgressBar, Static
from textual.worker import get_current_worker

from engine.atomic import atomic_write_bytes
from engine.errors import WerkpostError, WriteError
from engine.loader import Workspace
from i18n import money, number, percent, plural
from tui.screens.base import WerkpostScreen
from tui.screens.export import ExportDialog
from tui.widgets.basic import LocalFooter, Row, fill_table

if TYPE_CHECKING:
    from engine.redesign import NewFunction, RedesignResult

STAGES = ("stage_candidates", "stage_instance", "stage_placed", "stage_benefit", "stage_hours")
"""What the optimiser is doing after each step it reports (engine.redesign.STEPS of them)."""


class RedesignScreen(WerkpostScreen):
    """New functions carved out of the non-core tasks of the workspace's jobs."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "tui.back"),
        Binding("r", "run", "tui.run"),
        Binding("e", "export", "tui.function_sheet"),
    ]

    @dataclass
    class Progress(Message):
        """How far the redesign is (folded: only the newest one matters)."""

        done: int
        total: int

        def can_replace(self, message: Message) -> bool:
            """A newer progress report makes an older one pointless."""
            return isinstance(message, RedesignScreen.Progress)

    @dataclass
    class Finished(Message):
        """The redesign finished: the result and the workspace it was computed on, or the error."""

        result: RedesignResult | None
        workspace: Workspace | None
        error: Exception | None

    def __init__(self) -> None:
        super().__init__()
        self.result: RedesignResult | None = None
        self.workspace: Workspace | None = None
        """The workspace with the session's workers (unsaved edits too) the result was computed on."""
        self.stage = 0

    def compose(self) -> ComposeResult:
        yield Header()
        yield ProgressBar(id="redesign-progress", total=5, show_eta=False)
        yield Static(id="redesign-status")
        with Vertical(classes="panel"):
            yield Label(id="functions-title", classes="panel-title")
            yield DataTable[Any](id="functions", cursor_type="row")
        yield LocalFooter()

    def on_mount(self) -> None:
        """Labels, then start at once: the coach opened the view to see the functions."""
        self.relabel()
        self.query_one("#functions", DataTable).focus()
        self.action_run()

    def relabel(self) -> None:
        """Labels and results in the current language."""
        super().relabel()
        self.title = "werkpost"
        self.sub_title = self.t("tui.job_design")
        self.query_one("#functions-title", Label).update(self.t("redesign.new_functions"))
        if self.result is not None:
            self._show(self.result)
        else:
            self._stage(self.stage)

    def _stage(self, done: int) -> None:
        self.stage = done
        self.query_one("#redesign-status", Static).update(self.t("redesign." + STAGES[min(done, len(STAGES) - 1)]))

    def action_run(self) -> None:
        """Start the redesign in a thread worker (a running one is replaced)."""
        self.result = None
        self.query_one("#redesign-progress", ProgressBar).update(progress=0)
        self._stage(0)
        ws = self.session.workspace
        # The session's workers, unsaved edits and new workers included, as the batch view uses them.
        workers = {w: self.session.worker(w) for w in self.session.worker_ids()}
        self._redesign(dataclasses.replace(ws, workers=workers))

    @work(thread=True, exclusive=True, group="redesign", exit_on_error=False)
    def _redesign(self, ws: Workspace) -> None:
        # Deferred: scipy behind the optimiser costs start-up time.
        from engine.redesign import redesign

        worker = get_current_worker()

        def progress(done: int, total: int) -> None:
            if not worker.is_cancelled:
                self.post_message(self.Progress(done, total))

        try:
            result = redesign(ws, progress=progress)
        except (WerkpostError, ValueError) as exc:
            self.post_message(self.Finished(None, None, exc))
            return
        if not worker.is_cancelled:
            self.post_message(self.Finished(result, ws, None))

    @on(Progress)
    def _progress(self, event: Progress) -> None:
        self.query_one("#redesign-progress", ProgressBar).update(total=event.total, progress=event.done)
        self._stage(event.done)

    @on(Finished)
    def _finished(self, event: Finished) -> None:
        if event.error is not None or event.result is None:
            self.query_one("#redesign-status", Static).update("")
            self.error("tui.error", event.error or ValueError("no result"))
            return
        bar = self.query_one("#redesign-progress", ProgressBar)
        bar.update(progress=bar.total or 0)
        self.result, self.workspace = event.result, event.workspace
        self._show(event.result)

    def _show(self, result: RedesignResult) -> None:
        lang = self.lang
        ws = self.workspace or self.session.workspace
        catalog = ws.catalog
        exact = self.t("redesign.exact") if result.exact else self.t("redesign.within_gap", gap=percent(result.gap,
                                                                                                           lang))
        status = Text.assemble(
            (plural("redesign.functions_count", result.placed, lang), "bold green"), " · ",
            plural("redesign.candidates_count", len(result.candidates), lang), " · ",
            self.t("redesign.hours_moved", hours=number(round(result.hours_moved, 1), lang)), " · ",
            (self.t("redesign.benefit_total", amount=money(result.net_yearly_benefit_eur, lang)), "bold"), " · ",
            (exact, "" if result.exact else "yellow"),
        )
        if not result.candidates:
            status.append("\n" + self.t("redesign.no_candidates"))
        self.query_one("#redesign-status", Static).update(status)
        rows: list[Row] = []
        for f in result.functions:
            sources = ", ".join(_label(ws, s) for s in f.sources)
            tools = ", ".join(catalog.tool_name(t, lang) for t in f.tools) or "-"
            who = f.worker + (f" · {f.worker_label}" if f.worker_label else "")
            # The sources last: the longest column runs off the edge rather than hiding the numbers.
            rows.append((f.worker, (who, Text(number(round(f.hours, 1), lang), justify="right"),
                                    Text(money(f.net_yearly_benefit_eur, lang), justify="right", style="green"),
                                    tools, sources)))
        keys = ("candidate", "hours", "benefit", "tools", "sources")
        fill_table(self.query_one("#functions", DataTable), [(k, self.t("redesign.col_" + k)) for k in keys], rows)
        self.query_one("#functions-title", Label).update(f"{self.t('redesign.new_functions')} ({result.placed})")

    def selected(self) -> NewFunction | None:
        """The function under the cursor."""
        table = self.query_one("#functions", DataTable)
        if self.result is None or not self.result.functions or table.row_count == 0:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return next((f for f in self.result.functions if f.worker == key), None)

    @on(DataTable.RowSelected, "#functions")
    def _open_match(self, event: DataTable.RowSelected) -> None:
        """Enter: the candidate's match at the job that gives the function most of its hours."""
        f = next((f for f in (self.result.functions if self.result else []) if f.worker == event.row_key.value),
                 None)
        if f is None:
            return
        station = main_source(f)
        if station in self.session.workspace.workstations and f.worker in self.session.worker_ids():
            self.app.open_match(f.worker, station)

    def action_export(self) -> None:
        """Export the selected function's description sheet (PDF, HTML or Markdown, English or Dutch)."""
        # Deferred: the sheets package (Babel's formats, the sheet layouts) is only needed to export.
        from sheets import safe_name

        result, ws, f = self.result, self.workspace, self.selected()
        if result is None or ws is None or f is None:
            self.notify(self.t("redesign.nothing_to_export"), severity="warning")
            return

        def write(path: Path, lang: str, force: bool) -> Path:
            return write_function(result, f, ws, path, lang, force)

        root = self.session.workspace.root
        folder = Path() if self.session.read_only or root is None else root / "sheets"  # as the match view
        self.app.push_screen(ExportDialog(self.t("redesign.export_title", worker=f.worker), ["pdf", "html", "md"],
                                          folder / f"function_{safe_name(f.worker)}", write))

    def action_back(self) -> None:
        """Back to the workspace; a running redesign is abandoned."""
        self.workers.cancel_group(self, "redesign")
        self.app.pop_screen()


def main_source(f: NewFunction) -> str:
    """The source workstation that gives the function most of its hours (the first on a tie)."""
    hours: dict[str, float] = {}
    for t in f.tasks:
        hours[t.workstation] = hours.get(t.workstation, 0.0) + t.hours
    return max(f.sources, key=lambda s: hours.get(s, 0.0))


def _label(ws: Workspace, station_id: str) -> str:
    station = ws.workstations.get(station_id)
    return station.label if station is not None and station.label else station_id


def write_function(result: RedesignResult, f: NewFunction, ws: Workspace, path: Path, lang: str,
                   force: bool) -> Path:
    """Write one function's sheet to `path` (format from its suffix), never over a file unasked."""
    # Deferred: the sheets pull in Babel's formats and, for a PDF, fpdf2.
    from sheets import format_of
    from sheets.function_write import render_function

    fmt = format_of(path)
    if path.exists() and not force:
        raise WriteError(f"{path}: already exists")
    atomic_write_bytes(path, render_function(result, f, ws, fmt, lang=lang))
    return path
