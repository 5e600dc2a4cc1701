"""Provides the workspace view: searchable workers and workstations, and the problems panel."""

from __future__ import annotations

from typing import Any, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import DataTable, Header, Input, Label, Static

from engine.loader import Catalog
from engine.models import MAX_LEVEL, Worker, Workstation
from i18n import plural
from tui.screens.base import NARROW_WIDE, WerkpostScreen
from tui.widgets.basic import LocalFooter, Row, TextField, fill_table

SUMMARY_ITEMS = 3


def main_limitations(catalog: Catalog, worker: Worker, lang: str) -> str:
    """The worker's lowest capacities, e.g. 'Lifting 1, Trunk bending 1, Carrying 2'."""
    order = list(catalog.dimensions)
    low = sorted(
        ((lvl, order.index(d) if d in order else 99, d) for d, lvl in worker.capacities.items() if lvl < MAX_LEVEL)
    )
    return ", ".join(f"{catalog.dimension_label(d, lang)} {lvl}" for lvl, _, d in low[:SUMMARY_ITEMS])


def main_demands(catalog: Catalog, station: Workstation, lang: str) -> str:
    """The workstation's highest demands over all its tasks."""
    top: dict[str, int] = {}
    for task in station.tasks:
        for dim, level in task.demands.items():
            top[dim] = max(top.get(dim, 0), level)
    order = list(catalog.dimensions)
    high = sorted((-lvl, order.index(d) if d in order else 99, d) for d, lvl in top.items() if lvl > 0)
    return ", ".join(f"{catalog.dimension_label(d, lang)} {-lvl}" for lvl, _, d in high[:SUMMARY_ITEMS])


class WorkspaceScreen(WerkpostScreen):
    """Workers and workstations of the workspace, filtered as the coach types."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("slash", "search", "tui.search"),
        Binding("m", "match", "tui.match"),
        Binding("n", "new_worker", "tui.new_worker"),
        Binding("t", "app.workstations", "tui.workstations"),
        Binding("c", "app.catalogue", "tui.catalogue"),
        Binding("b", "app.batch", "tui.batch_match"),
        Binding("j", "app.redesign", "tui.job_design"),
    ]

    HORIZONTAL_BREAKPOINTS = NARROW_WIDE

    def __init__(self) -> None:
        super().__init__()
        self.current_worker: str | None = None
        """The worker row last highlighted: the worker a workstation is matched with."""
        self.current_station: str | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="search-bar"):
            yield Label(id="search-label")
            yield TextField(id="search", compact=True)
        with Horizontal(id="tables"):
            with Vertical(classes="panel"):
                yield Label(id="workers-title", classes="panel-title")
                yield DataTable[Any](id="workers", cursor_type="row")
            with Vertical(classes="panel"):
                yield Label(id="stations-title", classes="panel-title")
                yield DataTable[Any](id="stations", cursor_type="row")
        with VerticalScroll(id="problems"):
            yield Static(id="problems-text")
        yield LocalFooter()

    def on_mount(self) -> None:
        """Fill the tables and show the problems, if any."""
        self.relabel()
        self.query_one("#workers", DataTable).focus()

    def relabel(self) -> None:
        """Labels and table contents in the current language."""
        super().relabel()
        self.title = "werkpost"
        # The demo's path is an installation detail; naming it keeps the header short.
        root = self.session.workspace.root
        self.sub_title = self.t("tui.demo_workspace_read_only") if self.session.read_only else str(root)
        self.query_one("#search-label", Label).update(Text(self.t("tui.search") + " [/] "))
        self.query_one("#search", Input).placeholder = self.t("tui.search_id_label_limitation_or_demand")
        self.refill()
        self._show_problems()

    def _show_problems(self) -> None:
        problems = self.session.workspace.problems
        panel = self.query_one("#problems", VerticalScroll)
        panel.display = bool(problems)
        if not problems:
            return
        files = len({p.path for p in problems})
        title = plural("tui.problems_files", files, self.lang) + "\n"
        text = Text(title, "bold red")
        text.append(self.t("tui2.problems_hint") + "\n", style="dim")
        for p in problems:
            where = p.path + (f":{p.line}" if p.line is not None else "") + (
                f":{p.column}" if p.line is not None and p.column is not None else "")
            text.append(f"{where}: ", style="bold")
            text.append(f"{p.message}\n")
        text.rstrip()
        self.query_one("#problems-text", Static).update(text)

    def refill(self) -> None:
        """Fill both tables with the rows that match the search text."""
        needle = self.query_one("#search", Input).value.strip().lower()
        catalog, lang = self.session.workspace.catalog, self.lang
        worker_rows: list[Row] = []
        for wid in self.session.worker_ids():
            w = self.session.worker(wid)
            limits = main_limitations(catalog, w, lang) or self.t("tui.no_limitation")
            # Search every limitation, by label and by id, not only the main ones shown.
            every = " ".join(f"{d} {catalog.dimension_label(d, lang)}" for d, v in w.capacities.items() if v < 4)
            if needle and needle not in f"{wid} {w.label} {limits} {every}".lower():
                continue
            dirty = self.session.is_dirty(wid)
            worker_rows.append((wid, (Text(wid + (" *" if dirty else ""), style="yellow" if dirty else ""),
                                      w.label, limits)))
        workers = self.query_one("#workers", DataTable)
        fill_table(workers, [("id", "Id"), ("label", self.t("tui.label")), ("limits", self.t("tui.main_limitations"))],
                   worker_rows)
        station_rows: list[Row] = []
        for s in self.session.stations():
            demands = main_demands(catalog, s, lang) or self.t("tui.no_demands")
            every = " ".join(f"{d} {catalog.dimension_label(d, lang)} {t.name}"
                             for t in s.tasks for d, v in t.demands.items() if v > 0)
            if needle and needle not in f"{s.id} {s.label} {demands} {every}".lower():
                continue
            station_rows.append((s.id, (s.label, demands, Text(s.id, style="dim"))))
        stations = self.query_one("#stations", DataTable)
        fill_table(stations, [("label", self.t("tui.label")), ("demands", self.t("tui.main_demands")), ("id", "Id")],
                   station_rows)
        self.query_one("#workers-title", Label).update(f"{self.t('tui.workers')} ({workers.row_count})")
        self.query_one("#stations-title", Label).update(f"{self.t('tui.workstations')} ({stations.row_count})")

    def on_screen_resume(self) -> None:
        """Coming back from a worker or match: show new workers and unsaved marks."""
        if self.is_mounted and self.query_one("#workers", DataTable).row_count:
            self.refill()

    @on(Input.Changed, "#search")
    def _search_changed(self) -> None:
        self.refill()

    @on(Input.Submitted, "#search")
    def _search_done(self) -> None:
        self.query_one("#workers", DataTable).focus()

    @on(DataTable.RowHighlighted)
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        key = event.row_key.value
        if event.data_table.id == "workers":
            self.current_worker = key
        elif event.data_table.id == "stations":
            self.current_station = key

    @on(DataTable.RowSelected)
    def _selected(self, event: DataTable.RowSelected) -> None:
        if event.data_table.id == "workers" and event.row_key.value is not None:
            self.open_worker(event.row_key.value)
        elif event.data_table.id == "stations":
            self.current_station = event.row_key.value
            self.action_match()

    def open_worker(self, worker_id: str) -> None:
        """Open the worker view."""
        self.app.open_worker(worker_id)

    def action_search(self) -> None:
        """Focus the search field."""
        self.query_one("#search", Input).focus()

    def action_match(self) -> None:
        """Match the highlighted worker with the highlighted workstation."""
        if self.current_worker is None or self.current_station is None:
            self.notify(self.t("tui.select_a_worker_and_a_workstation"), severity="warning")
            return
        self.app.open_match(self.current_worker, self.current_station)

    def action_new_worker(self) -> None:
        """Start a new worker from a blank profile."""
        worker = self.session.new_worker()
        self.current_worker = worker.id
        self.open_worker(worker.id)

    def on_key(self, event: Any) -> None:
        """Escape in the search field goes back to the workers table."""
        if event.key == "escape" and isinstance(self.focused, Input):
            self.query_one("#workers", DataTable).focus()
            event.stop()
