"""Provides the worker view: the capacity profile by domain, tool preferences and best workstations.

Levels change from the keyboard with the level's description in view; the
ranking of workstations follows every edit from a thread worker.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.widgets import DataTable, Header, Input, Label, Static, TextArea
from textual.worker import get_current_worker

from engine.models import Worker
from engine.recommend import StationRank, rank_workstations
from i18n import percent
from tui.screens.base import NARROW_WIDE
from tui.screens.editing import EditingScreen
from tui.session import with_acceptance, with_avoided, with_capacity, with_label, with_notes
from tui.widgets.basic import LocalFooter, Row, TextField, fill_table
from tui.widgets.levels import LevelTable, ProfileTable
from tui.widgets.ranking import StationRanking

ACCEPTANCE_STEP = 0.1


class CategoryTable(DataTable[Any]):
    """Tool categories with the worker's choice to avoid them and their acceptance."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space,a", "avoid", "tui.avoid_category"),
        Binding("plus,right,equals_sign", "accept(1)", "tui.acceptance_up"),
        Binding("minus,left", "accept(-1)", "tui.acceptance_down"),
    ]

    @dataclass
    class Toggled(Message):
        """Avoid (or no longer avoid) the highlighted category."""

        category: str

    @dataclass
    class Stepped(Message):
        """Raise or lower the acceptance of the highlighted category."""

        category: str
        step: int

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(cursor_type="row", **kwargs)

    def _current(self) -> str | None:
        if not self.row_count:
            return None
        value = self.coordinate_to_cell_key(self.cursor_coordinate).row_key.value
        return str(value) if value is not None else None

    def action_avoid(self) -> None:
        """Toggle avoidance of the highlighted category."""
        if (cat := self._current()) is not None:
            self.post_message(self.Toggled(cat))

    def action_accept(self, step: int) -> None:
        """Step the acceptance of the highlighted category."""
        if (cat := self._current()) is not None:
            self.post_message(self.Stepped(cat, step))


class WorkerScreen(EditingScreen):
    """One worker's profile, editable from the keyboard."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("l", "label", "tui.edit_label"),
        Binding("o", "notes", "tui2.edit_notes"),
        Binding("m", "match", "tui.match"),
    ]

    HORIZONTAL_BREAKPOINTS = NARROW_WIDE

    @dataclass
    class Ranked(Message):
        """The workstation ranking for the current profile is ready."""

        worker: Worker
        ranks: list[StationRank]

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="worker-top"):
            yield Label(id="label-label")
            yield TextField(id="label", max_length=80, compact=True)
        with VerticalScroll(id="worker-body"):
            with Vertical(id="profile-panel", classes="panel"):
                yield Label(id="profile-title", classes="panel-title")
                yield ProfileTable(id="profile")
            with Vertical(id="levels-panel", classes="panel"):
                yield Label(id="levels-title", classes="panel-title")
                yield Static(id="level-help")
            with Vertical(id="categories-panel", classes="panel"):
                yield Label(id="categories-title", classes="panel-title")
                yield CategoryTable(id="categories")
            with Vertical(id="wrank-panel", classes="panel"):
                yield Label(id="wrank-title", classes="panel-title")
                yield StationRanking(id="wranking")
            with Vertical(id="notes-panel", classes="panel"):
                yield Label(id="notes-title", classes="panel-title")
                # A TextArea shows text as typed: a "[b]" in a note is never read as markup.
                yield TextArea(id="notes", soft_wrap=True, tab_behavior="focus", compact=True)
        yield LocalFooter()

    def on_mount(self) -> None:
        """Fill everything and put the cursor on the profile."""
        self.query_one("#label", Input).value = self.worker.label
        notes = self.query_one("#notes", TextArea)
        notes.cursor_blink = self.app.blink
        notes.load_text(self.worker.notes)
        self.relabel()
        self.query_one("#profile", ProfileTable).focus()

    def relabel(self) -> None:
        """Labels in the current language, and everything redrawn."""
        super().relabel()
        self.title = "werkpost"
        self.query_one("#label-label", Label).update(f"{self.worker_id}  {self.t('tui.label')} ")
        self.query_one("#label", Input).placeholder = self.t("tui.label_free_text_never_a_real")
        self.query_one("#profile-title", Label).update(
            f"{self.t('tui.profile')} · {self.t('tui.left_right_or_0_4_level')}")
        self.query_one("#levels-title", Label).update(self.t("tui.level_descriptions"))
        self.query_one("#categories-title", Label).update(
            f"{self.t('tui.tool_categories')} · {self.t('tui.space_avoid_acceptance')}")
        self.query_one("#wrank-title", Label).update(
            f"{self.t('tui.best_workstations_for_this_worker')} · {self.t('tui.enter_match')}")
        self.query_one("#notes-title", Label).update(Text(f"{self.t('tui2.notes')} [o] · {self.t('tui2.notes_hint')}"))
        self.worker_changed()

    def worker_changed(self) -> None:
        """Redraw the profile and preferences; rank the workstations in a thread."""
        worker, catalog, lang = self.worker, self.session.workspace.catalog, self.lang
        self._show_state()
        self.query_one("#profile", ProfileTable).show(catalog, worker, lang)
        self._show_level_help()
        rows: list[Row] = []
        for cat, label in catalog.vocabulary.categories.items():
            avoided = cat in worker.avoid_categories
            acc = worker.acceptance_of(cat)
            rows.append((cat, (
                label.get(lang), Text(self.t("tui.yes"), style="bold red") if avoided else self.t("tui.no"),
                Text(percent(acc, self.lang), style="yellow" if acc < 1 else ""),
            )))
        columns = [("category", self.t("tui.category")), ("avoid", self.t("tui.avoid")),
                   ("acceptance", self.t("tui.acceptance"))]
        fill_table(self.query_one("#categories", CategoryTable), columns, rows)
        self._rank(worker)

    def _show_state(self) -> None:
        """The header: the worker's id and whether there are unsaved changes."""
        self.shown = self.worker
        state = ""
        if self.session.is_dirty(self.worker_id):
            new = self.worker_id not in self.session.workspace.workers
            state = " · " + self.t("tui.new_worker_not_saved_yet" if new else "tui.unsaved")
        self.sub_title = f"{self.t('tui.worker')} {self.worker_id}{state}"

    def _show_level_help(self) -> None:
        profile = self.query_one("#profile", ProfileTable)
        dim_id = profile.current_dimension
        dims = self.session.workspace.catalog.dimensions
        if dim_id is None or dim_id not in dims:
            return
        dim = dims[dim_id]
        current = self.worker.capacity(dim_id, dim.capacity_default)
        text = Text(dim.label.get(self.lang), style="bold")
        if dim.description is not None:
            text.append(f" · {dim.description.get(self.lang)}", style="dim")
        for level, line in enumerate(dim.levels.capacity.get(self.lang)):
            mark = "▶" if level == current else " "
            text.append(f"\n{mark} {level}  {line}", style="bold yellow" if level == current else "")
        self.query_one("#level-help", Static).update(text)

    @work(thread=True, exclusive=True, group="rank", exit_on_error=False)
    def _rank(self, worker: Worker) -> None:
        ws = self.session.workspace
        ranks = rank_workstations(ws.catalog, worker, self.session.stations(), self.session.budget, ws.terms())
        if not get_current_worker().is_cancelled:
            self.post_message(self.Ranked(worker, ranks))

    @on(Ranked)
    def _ranked(self, event: Ranked) -> None:
        if event.worker == self.worker:
            self.query_one("#wranking", StationRanking).show(event.ranks, self.lang)

    @on(DataTable.RowHighlighted, "#profile")
    def _dimension_highlighted(self) -> None:
        self._show_level_help()

    @on(LevelTable.LevelChanged)
    def _level_changed(self, event: LevelTable.LevelChanged) -> None:
        self.apply(with_capacity(self.worker, event.dimension, event.level))

    @on(CategoryTable.Toggled)
    def _toggled(self, event: CategoryTable.Toggled) -> None:
        self.apply(with_avoided(self.worker, event.category, event.category not in self.worker.avoid_categories))

    @on(CategoryTable.Stepped)
    def _stepped(self, event: CategoryTable.Stepped) -> None:
        value = self.worker.acceptance_of(event.category) + event.step * ACCEPTANCE_STEP
        self.apply(with_acceptance(self.worker, event.category, value))

    @on(Input.Changed, "#label")
    def _label_changed(self, event: Input.Changed) -> None:
        if event.value != self.worker.label:
            self.apply(with_label(self.worker, event.value))

    @on(TextArea.Changed, "#notes")
    def _notes_changed(self, event: TextArea.Changed) -> None:
        if event.text_area.text != self.worker.notes:
            # Notes change no match: record the draft and the header, no new ranking.
            self.session.edit(with_notes(self.worker, event.text_area.text))
            self._show_state()

    def action_notes(self) -> None:
        """Focus the notes, the cursor after the last word (a coach adds to notes more than rewrites them)."""
        notes = self.query_one("#notes", TextArea)
        notes.focus()
        notes.move_cursor(notes.document.end)

    @on(Input.Submitted, "#label")
    def _label_done(self) -> None:
        self.query_one("#profile", ProfileTable).focus()

    @on(DataTable.RowSelected, "#wranking")
    def _station_selected(self, event: DataTable.RowSelected) -> None:
        if event.row_key.value is not None:
            self._open_match(event.row_key.value)

    def _open_match(self, station_id: str) -> None:
        self.app.open_match(self.worker_id, station_id)

    def action_match(self) -> None:
        """Match with the workstation highlighted in the ranking (the best one by default)."""
        station_id = self.query_one("#wranking", StationRanking).highlighted()
        if station_id is not None:
            self._open_match(station_id)

    def action_label(self) -> None:
        """Focus the label field."""
        self.query_one("#label", Input).focus()

    def on_screen_resume(self) -> None:
        """Coming back from a match: show the edits made there."""
        if self.is_mounted and self.shown != self.worker:
            self.query_one("#label", Input).value = self.worker.label
            notes = self.query_one("#notes", TextArea)
            if notes.text != self.worker.notes:
                notes.load_text(self.worker.notes)
            self.worker_changed()

    def on_key(self, event: Any) -> None:
        """Escape in the label field or the notes returns to the profile instead of leaving."""
        if event.key == "escape" and isinstance(self.focused, Input | TextArea):
            self.query_one("#profile", ProfileTable).focus()
            event.stop()
