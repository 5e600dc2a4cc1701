"""Provides the match view: one worker at one workstation, with gaps, set-ups and the ranking.

Every edit (a level, the budget, another workstation) recomputes in a thread
worker; `exclusive=True` cancels a computation that a newer edit overtook, so
typing in the budget never waits for the engine.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.widgets import DataTable, Header, Input, Label, Static
from textual.worker import get_current_worker

from engine.errors import WerkpostError
from engine.models import Worker, Workstation
from engine.recommend import Recommendation, StationRank, rank_workstations, recommend
from engine.support import RankBy
from i18n import money, parse_budget, percent
from tui.screens.base import NARROW_WIDE
from tui.screens.dialogs import ChoiceDialog
from tui.screens.editing import EditingScreen
from tui.screens.export import ExportDialog
from tui.session import with_capacity
from tui.widgets.basic import LocalFooter, Row, TextField, fill_table, set_text
from tui.widgets.levels import ComparisonChart, LevelTable
from tui.widgets.ranking import StationRanking
from tui.widgets.setups import AccessBar, SetupDetail, SetupTable


class MatchScreen(EditingScreen):
    """The profile comparison, the tasks and the ranked set-ups of one match."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("b", "budget", "tui.budget"),
        Binding("right_square_bracket", "station(1)", "tui.next_place"),
        Binding("left_square_bracket", "station(-1)", "tui.previous_place", show=False),
        Binding("p", "profile", "tui.edit_profile"),
        Binding("c", "focus_panel('chart')", "tui.chart", show=False),
        Binding("s", "focus_panel('setups')", "tui.set_ups", show=False),
        Binding("w", "focus_panel('ranking')", "tui.workstations", show=False),
        Binding("e", "export", "tui.sheet"),
        Binding("n", "rank_by", "tui2.order"),
    ]

    HORIZONTAL_BREAKPOINTS = NARROW_WIDE

    @dataclass
    class Computed(Message):
        """A recomputation finished."""

        rec: Recommendation
        ranks: list[StationRank]

    def __init__(self, worker_id: str, station_id: str) -> None:
        super().__init__(worker_id)
        self.station_id = station_id
        self.rec: Recommendation | None = None
        self.ranks: list[StationRank] = []
        self._to_top = False
        """A new order of the set-ups puts the cursor on the first one."""
        self._charted: str | None = None
        """The workstation the chart shows (a new one puts the cursor on its first gap)."""

    @property
    def station(self) -> Workstation:
        """The workstation matched."""
        return self.session.workspace.workstations[self.station_id]

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="match-top"):
            yield Static(id="pair")
            yield Label(id="budget-label")
            yield TextField(id="budget", restrict=r"[0-9.,€kK ]*", max_length=14, compact=True)
        with VerticalScroll(id="match-body"):
            with Vertical(id="chart-panel", classes="panel"):
                yield Label(id="chart-title", classes="panel-title")
                yield ComparisonChart(id="chart")
            with Vertical(id="setups-panel", classes="panel"):
                yield Label(id="setups-title", classes="panel-title")
                yield SetupTable(id="setups")
            with Vertical(id="tasks-panel", classes="panel"):
                yield Label(id="tasks-title", classes="panel-title")
                yield DataTable[Any](id="tasks", cursor_type="row")
            with Vertical(id="detail-panel", classes="panel"):
                yield Label(id="detail-title", classes="panel-title")
                yield AccessBar(id="bar")
                yield SetupDetail(id="detail")
            with Vertical(id="rank-panel", classes="panel"):
                yield Label(id="rank-title", classes="panel-title")
                yield StationRanking(id="ranking")
        yield LocalFooter()

    def on_mount(self) -> None:
        """Show what is known at once, then compute."""
        budget = self.session.budget
        self.query_one("#budget", Input).value = "" if budget is None else f"{budget:.0f}"
        self.relabel()
        self.query_one("#setups", SetupTable).focus()

    def relabel(self) -> None:
        """Labels in the current language, and everything redrawn."""
        super().relabel()
        self.title = "werkpost"
        self.query_one("#budget-label", Label).update(Text(self.t("tui.budget") + " (€) [b] "))
        self.query_one("#budget", Input).placeholder = self.t("tui.no_limit")
        self.query_one("#rank-title", Label).update(Text(self.t("tui.best_workstations") + " [w]"))
        chart_title = self.t("tui.demand") + " / " + self.t("tui.capacity") + " [c]"
        self.query_one("#chart-title", Label).update(Text(chart_title))
        self.query_one("#tasks-title", Label).update(self.t("tui.tasks"))
        self.query_one("#setups-title", Label).update(self.t("tui.set_ups"))
        self.query_one("#detail-title", Label).update(self.t("tui.accessibility"))
        self.worker_changed()
        if self.rec is not None:
            self._show(self.rec, self.ranks)

    def worker_changed(self) -> None:
        """Redraw the header and the chart now; the set-ups follow from the worker thread."""
        worker = self.shown = self.worker
        dirty = " *" if self.session.is_dirty(self.worker_id) else ""
        pair = Text.assemble(
            (f"{worker.id}{dirty}", "bold yellow" if dirty else "bold"), f" {worker.label}  ×  ",
            (self.station.label or self.station.id, "bold"),
        )
        set_text(self.query_one("#pair", Static), pair)
        self.sub_title = f"{worker.id} × {self.station.id}"
        new_station = self._charted != self.station_id
        self._charted = self.station_id
        self.query_one("#chart", ComparisonChart).show(
            self.session.workspace.catalog, worker, self.station, self.lang, to_first_gap=new_station)
        self.recompute()

    def recompute(self) -> None:
        """Start a recomputation (a newer one cancels this one)."""
        self._compute(self.worker, self.station, self.session.budget, self.session.rank_by)

    @work(thread=True, exclusive=True, group="match", exit_on_error=False)
    def _compute(self, worker: Worker, station: Workstation, budget: float | None, rank_by: RankBy) -> None:
        ws = self.session.workspace
        rec = recommend(ws.catalog, worker, station, budget=budget, terms=ws.terms(),
                        weeks_per_year=ws.settings.weeks_per_year, rank_by=rank_by)
        if get_current_worker().is_cancelled:
            return
        ranks = rank_workstations(ws.catalog, worker, self.session.stations(), budget, ws.terms())
        if not get_current_worker().is_cancelled:
            self.post_message(self.Computed(rec, ranks))

    @on(Computed)
    def _computed(self, event: Computed) -> None:
        rec = event.rec
        if rec.worker != self.worker or rec.station.id != self.station_id or rec.rank_by != self.session.rank_by:
            return  # an older result that a newer edit has overtaken
        self.rec, self.ranks = event.rec, event.ranks
        self._show(event.rec, event.ranks)

    def _show(self, rec: Recommendation, ranks: list[StationRank]) -> None:
        catalog, lang = self.session.workspace.catalog, self.lang
        budget = self.session.budget
        limit = self.t("tui.no_limit") if budget is None else money(budget, lang)
        # The order is named only where it can differ: for a worker with a support status.
        order = f", {self.t('tui2.by_net' if rec.rank_by == 'net' else 'tui2.by_total')}" if rec.has_support else ""
        title = Text(f"{self.t('tui.set_ups')} ({len(rec.setups)}, ≤ {limit}{order}) [s]")
        set_text(self.query_one("#setups-title", Label), title)
        table = self.query_one("#setups", SetupTable)
        table.show(catalog, rec, lang)
        if self._to_top:
            self._to_top = False
            table.move_cursor(row=0, animate=False)
        self.query_one("#ranking", StationRanking).show(ranks, lang, current=self.station_id)
        self._show_selected()

    def _show_selected(self) -> None:
        rec = self.rec
        if rec is None:
            return
        view = self.query_one("#setups", SetupTable).selected(rec)
        catalog, lang = self.session.workspace.catalog, self.lang
        self.query_one("#detail", SetupDetail).show(catalog, rec, view, lang)
        after = float(view.setup.accessibility) if view else None
        expected = view.setup.ea_points / 100 if view else None
        self.query_one("#bar", AccessBar).show(float(rec.baseline.accessibility), after, expected, lang)
        with_setup = view.setup.accessible if view else rec.baseline.accessible
        rows: list[Row] = [
            (str(i), (Text(percent(share, self.lang), justify="right"), _mark(now), _mark(then), task.name))
            for i, (task, share, now, then) in enumerate(
                zip(self.station.tasks, self.station.shares(), rec.baseline.accessible, with_setup, strict=True))
        ]
        columns = [("share", self.t("tui.share")), ("now", self.t("tui.now")), ("after", self.t("tui.after_title")),
                   ("task", self.t("tui.task"))]
        fill_table(self.query_one("#tasks", DataTable), columns, rows)

    @on(DataTable.RowHighlighted, "#setups")
    def _setup_highlighted(self) -> None:
        self._show_selected()

    @on(DataTable.RowSelected, "#ranking")
    def _station_selected(self, event: DataTable.RowSelected) -> None:
        if event.row_key.value is not None and event.row_key.value != self.station_id:
            self.switch_station(event.row_key.value)

    def switch_station(self, station_id: str) -> None:
        """Match the same worker with another workstation."""
        self.station_id = station_id
        self.rec = None
        # Another workstation has other set-ups: start again from its best one.
        self.query_one("#setups", SetupTable).move_cursor(row=0, animate=False)
        self.worker_changed()

    def action_station(self, step: int) -> None:
        """The next or previous workstation in the ranking."""
        order = [r.station.id for r in self.ranks] or [s.id for s in self.session.stations()]
        i = order.index(self.station_id) if self.station_id in order else 0
        self.switch_station(order[(i + step) % len(order)])

    @on(LevelTable.LevelChanged)
    def _level_changed(self, event: LevelTable.LevelChanged) -> None:
        self.apply(with_capacity(self.worker, event.dimension, event.level))

    @on(Input.Changed, "#budget")
    def _budget_changed(self, event: Input.Changed) -> None:
        try:
            budget = parse_budget(event.value)
        except ValueError:
            event.input.add_class("-invalid")
            return
        event.input.remove_class("-invalid")
        if budget != self.session.budget:
            self.session.budget = budget
            self.recompute()

    @on(Input.Submitted, "#budget")
    def _budget_done(self) -> None:
        self.query_one("#setups", SetupTable).focus()

    def action_focus_panel(self, widget_id: str) -> None:
        """Jump to a panel: the chart, the set-ups or the workstations."""
        self.query_one(f"#{widget_id}").focus()

    def action_rank_by(self) -> None:
        """Order the set-ups by net cost (after the estimated support) or back by total cost."""
        if self.worker.support is None:
            self.notify(self.t("tui2.no_support_status"), severity="warning")
            return
        self.session.rank_by = "total" if self.session.rank_by == "net" else "net"
        self._to_top = True
        self.notify(self.t("tui2.ordered_by_net" if self.session.rank_by == "net" else "tui2.ordered_by_total"))
        self.recompute()

    def action_budget(self) -> None:
        """Focus the budget field."""
        self.query_one("#budget", Input).focus()

    def action_profile(self) -> None:
        """Open the full profile of this worker."""
        self.app.open_worker(self.worker_id)

    def on_screen_resume(self) -> None:
        """Coming back from the profile: show its edits."""
        if self.is_mounted and self.shown != self.worker:
            self.worker_changed()

    def action_export(self) -> None:
        """Write the recommendation sheet of this match (pdf, html or md; en or nl).

        With unsaved changes the coach chooses: save first, export the saved
        profile, or cancel; a sheet never shows a profile that no file holds
        without saying so.
        """
        if self.rec is None:
            return
        if not self.session.is_dirty(self.worker_id):
            self._export(self.rec, saved=False)
            return
        who = f"{self.worker_id} ({self.worker.label or self.worker_id})"
        choices = [("save", self.t("tui2.save_first"), "primary")]
        if self.worker_id in self.session.workspace.workers:
            message = self.t("tui2.unsaved_before_export", worker=who)
            choices.append(("saved", self.t("tui2.export_saved"), "warning"))
        else:
            message = self.t("tui2.unsaved_new_before_export", worker=who)
        choices.append(("cancel", self.t("tui.cancel"), "default"))
        self.app.push_screen(ChoiceDialog(self.t("tui.unsaved_changes"), message, choices), self._export_choice)

    def _export_choice(self, choice: str | None) -> None:
        rec = self.rec
        if rec is None:
            return
        if choice == "save":
            try:
                path = self.session.save(self.worker_id)
            except WerkpostError as exc:
                self.error("tui.cannot_save", exc)
                return
            self.notify(self.t("tui2.saved_first_to", path=path))
            self.worker_changed()
            self._export(rec, saved=False)
        elif choice == "saved":
            self._export(rec, saved=True)

    def _export(self, rec: Recommendation, *, saved: bool) -> None:
        """Open the export dialog for `rec`, or (`saved`) for the profile as saved in its file."""
        # Deferred: the sheets package (and fpdf2 behind it) is only needed here.
        from sheets import sheet_stem, write_sheet

        ws = self.session.workspace
        # The sheet details the set-up the coach has highlighted, not always the first.
        view = self.query_one("#setups", SetupTable).selected(rec)
        tools = view.setup.tools if view is not None else None
        station, budget, rank_by = self.station, self.session.budget, self.session.rank_by

        def write(path: Path, lang: str, force: bool) -> Path:
            sheet_rec = rec
            if saved:
                # Runs in the dialog's thread worker: the saved profile's set-ups are computed here.
                sheet_rec = recommend(ws.catalog, ws.workers[self.worker_id], station, budget=budget,
                                      terms=ws.terms(), weeks_per_year=ws.settings.weeks_per_year, rank_by=rank_by)
            same = [i for i, v in enumerate(sheet_rec.setups) if v.setup.tools == tools]
            return write_sheet(sheet_rec, ws.catalog, path, lang=lang, force=force, chosen=same[0] if same else 0)

        root = ws.root
        # The demo is read-only: its sheets go to the current folder (the dialog says where it wrote).
        folder = Path() if self.session.read_only or root is None else root / "sheets"
        # The same file name as `werkpost sheet --all` gives this worker's sheet.
        default = folder / sheet_stem(rec.worker.id, rec.station.id)
        title = self.t("tui.export_the_recommendation_sheet")
        self.app.push_screen(ExportDialog(title, ["pdf", "html", "md"], default, write))

    def on_key(self, event: Any) -> None:
        """Escape in the budget field returns to the set-ups instead of leaving."""
        if event.key == "escape" and isinstance(self.focused, Input):
            self.query_one("#setups", SetupTable).focus()
            event.stop()


def _mark(ok: bool) -> Text:
    return Text("✓", style="green") if ok else Text("✗", style="red")
