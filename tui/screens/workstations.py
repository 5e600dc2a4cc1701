"""Provides the list of workstations: open one's task analysis in the editor, or start a new one."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import DataTable, Header, Label

from i18n import number, percent
from tui.screens.base import WerkpostScreen
from tui.screens.workstation_draft import next_station_id
from tui.screens.workstation_editor import WorkstationEditor
from tui.widgets.basic import LocalFooter, Row, cell_width, fill_table, table_width

LABEL_MIN = 12
"""The narrowest the label column gets before the table scrolls sideways instead."""


class StationTable(DataTable[str]):
    """The workstations, one row each, keyed by id."""


class WorkstationsScreen(WerkpostScreen):
    """Every workstation of the workspace with its department, hours, wage and tasks."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "tui.back"),
        Binding("n", "new", "tui.stations.new"),
        Binding("enter", "edit", "tui.stations.edit", show=False),
    ]

    DEFAULT_CSS = """
    WorkstationsScreen #stations-panel { height: 1fr; margin: 0 1; }
    """

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="stations-panel", classes="panel"):
            yield Label(id="stations-list-title", classes="panel-title")
            yield StationTable(id="stations-list", cursor_type="row")
        yield LocalFooter()

    def on_mount(self) -> None:
        """Fill the list and put the cursor on it."""
        self.relabel()
        self.query_one("#stations-list", StationTable).focus()

    def relabel(self) -> None:
        """Labels and rows in the current language."""
        super().relabel()
        self.title = "werkpost"
        self.sub_title = self.t("tui.stations.list_subtitle")
        self.refill()

    def refill(self) -> None:
        """One row per workstation, sorted by id."""
        lang = self.lang
        rows: list[Row] = []
        for station in self.session.stations():
            core = sum(share for task, share in zip(station.tasks, station.shares(), strict=True) if task.core)
            rows.append((station.id, (
                Text(station.id, style="dim"), station.label, station.department or "",
                number(station.hours_per_week, lang) if station.hours_per_week is not None else "",
                number(station.wage_eur_per_hour, lang) if station.wage_eur_per_hour is not None else "",
                str(len(station.tasks)), percent(core, lang),
            )))
        columns = [("id", "Id"), ("label", self.t("tui.label")),
                   ("department", self.t("tui.stations.field_department")),
                   ("hours", self.t("tui.stations.field_hours")), ("wage", self.t("tui.stations.field_wage")),
                   ("tasks", self.t("tui.tasks")), ("core", self.t("tui.stations.core_share"))]
        table = self.query_one("#stations-list", StationTable)
        # At 80 columns the demo's ids and labels pushed the last columns off screen: short headers
        # for the numbers, and the label wraps in the room left (the table scrolls only below LABEL_MIN).
        room = table.size.width - 2  # the vertical scrollbar
        if table.size.width and table_width(columns, rows) > room:
            short = {"hours": "coach2.hours_short", "wage": "coach2.wage_short", "core": "coach2.core_short"}
            compact = [(key, self.t(short[key]) if key in short else said) for key, said in columns]
            over = table_width(compact, rows) - room
            label = max(cell_width(cells[1]) for _, cells in rows) if rows else 0
            if label - over < LABEL_MIN:
                # Still too wide: the count of tasks goes (the editor lists them).
                at = [key for key, _ in compact].index("tasks")
                compact = compact[:at] + compact[at + 1:]
                fewer: list[Row] = [(k, [*c[:at], *c[at + 1:]]) for k, c in rows]
            else:
                fewer = rows
            over = table_width(compact, fewer) - room
            if over <= 0:
                fill_table(table, compact, fewer)
                columns = []
            elif label - over >= LABEL_MIN:
                fill_table(table, compact, fewer, height=None, widths={"label": label - over})
                columns = []
        if columns:
            fill_table(table, columns, rows)
        title = f"{self.t('tui.workstations')} ({table.row_count}) · {self.t('tui.stations.list_hint')}"
        self.query_one("#stations-list-title", Label).update(title)

    def on_resize(self) -> None:
        """Another width may let the labels stand on one line, or call for wrapping them."""
        if self.is_mounted:
            self.call_after_refresh(self.refill)

    def on_screen_resume(self) -> None:
        """Back from the editor: show the saved workstation."""
        if self.is_mounted:
            self.refill()

    @on(DataTable.RowSelected, "#stations-list")
    def _selected(self, event: DataTable.RowSelected) -> None:
        if event.row_key.value is not None:
            self._open(str(event.row_key.value))

    def action_edit(self) -> None:
        """Edit the highlighted workstation."""
        table = self.query_one("#stations-list", StationTable)
        if table.row_count:
            key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
            if key is not None:
                self._open(str(key))

    def _open(self, station_id: str) -> None:
        ws = self.session.workspace
        self.app.push_screen(WorkstationEditor(ws.workstations[station_id], ws.workstation_paths.get(station_id)))

    def action_new(self) -> None:
        """Start a new workstation with one task that takes all the time."""
        ws = self.session.workspace
        taken = set(ws.workstations)
        folder = ws.root / "workstations" if ws.root is not None else None
        if folder is not None and folder.is_dir():
            taken |= {p.stem for p in folder.iterdir()}  # a file that failed to load still holds its name
        self.app.push_screen(WorkstationEditor(None, None, next_station_id(taken)))

    def action_back(self) -> None:
        """Back to the workspace."""
        self.app.pop_screen()
