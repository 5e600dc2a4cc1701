"""Provides the task-analysis editor: one workstation's fields, features and tasks with their demands.

Every edit goes to a plain draft (workstation_draft) and is checked at once
by the engine's own workstation validation, so the problems panel says what
`werkpost validate` would say of the file; saving writes atomically into the
workspace's workstations/ folder (engine.persist.save_workstation) and only a
draft without problems. Leaving or quitting with unsaved changes asks first.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import DataTable, Header, Input, Label, SelectionList, Static
from textual.widgets.selection_list import Selection

from engine.errors import WerkpostError
from engine.models import Workstation
from engine.persist import WORKSTATIONS_DIR, save_workstation
from i18n import number, percent
from tui.screens.base import NARROW_WIDE, WerkpostScreen
from tui.screens.dialogs import ChoiceDialog
from tui.screens.workstation_draft import FULL, Check, StationDraft, TaskDraft, check, keep_order
from tui.widgets.basic import LocalFooter, TextField, set_text
from tui.widgets.levels import LevelTable
from tui.widgets.tasks import DemandTable, TaskTable, demand_help, demandable

TASK_ROWS = 9
"""Height of the task list: a header and eight tasks (most task analyses have three to eight)."""
FIELDS = ("label", "department", "hours", "wage")
"""The workstation's text fields, by draft attribute (the id is one too, for a new workstation)."""


class WorkstationEditor(WerkpostScreen):
    """Edit a workstation's task analysis; `station` None starts a new one with the id `new_id`."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "tui.save"),
        Binding("escape", "back", "tui.back"),
        Binding("q", "quit_guarded", "tui.quit", show=False),
        Binding("f", "focus('#ws-features')", "tui.stations.features", show=False),
        Binding("d", "focus('#demands')", "tui.stations.demands", show=False),
    ]

    HORIZONTAL_BREAKPOINTS = NARROW_WIDE

    DEFAULT_CSS = """
    WorkstationEditor #ws-fields { height: 2; margin: 0 1; }
    WorkstationEditor .ws-row { height: 1; }
    WorkstationEditor #ws-fields Label { width: auto; padding: 0 1 0 0; }
    WorkstationEditor #ws-fields Input { margin: 0 2 0 0; }
    WorkstationEditor #ws-id { width: 30; }
    WorkstationEditor #ws-label, WorkstationEditor #ws-department { width: 1fr; }
    WorkstationEditor #ws-hours, WorkstationEditor #ws-wage { width: 8; }
    WorkstationEditor #ws-body { height: 1fr; }
    WorkstationEditor #ws-body > Vertical { width: 1fr; margin: 0 1 0 0; }
    WorkstationEditor #ws-body > #ws-demands-panel { width: 40; }
    WorkstationEditor #ws-body > #ws-side-panel { width: 32; margin: 0; }
    WorkstationEditor #task-fields { height: 1; }
    WorkstationEditor #task-fields Label { width: auto; padding: 0 1; }
    WorkstationEditor #task-name { width: 1fr; }
    WorkstationEditor #task-share { width: 9; }
    WorkstationEditor #task-tags { height: 1fr; }
    WorkstationEditor #task-hazards { height: 6; }
    WorkstationEditor #demands { height: 1fr; }
    WorkstationEditor #demand-help { height: auto; padding: 0 1; }
    WorkstationEditor #ws-features { height: 7; }
    WorkstationEditor #ws-problems { height: auto; padding: 0 1; }
    WorkstationEditor.-narrow #ws-body { layout: vertical; overflow-y: auto; }
    WorkstationEditor.-narrow #ws-body > Vertical, WorkstationEditor.-narrow #ws-body > #ws-demands-panel,
    WorkstationEditor.-narrow #ws-body > #ws-side-panel { width: 100%; height: auto; }
    WorkstationEditor.-narrow #task-tags { height: 12; }
    """

    def __init__(self, station: Workstation | None, path: Path | None, new_id: str = "ws-new") -> None:
        super().__init__()
        self.path = path
        """The workstation's file; None until a new one is saved."""
        self.saved: StationDraft | None = StationDraft.of(station) if station is not None else None
        self.draft = StationDraft.of(station) if station is not None else StationDraft(new_id)
        self.first_task = station is None
        """A new workstation gets its first task named on mount (the name is in the app's language)."""
        self.current = 0
        """The index of the task shown in the task panels."""
        self.last: Check | None = None

    @property
    def is_new(self) -> bool:
        """Whether the workstation has no file yet."""
        return self.path is None

    @property
    def dirty(self) -> bool:
        """Whether the draft differs from the saved workstation (a new one is always unsaved)."""
        return self.saved is None or self.draft != self.saved

    def compose(self) -> ComposeResult:
        yield Header()
        # Two rows: the id and the label, which read together, then the numbers. In one grid of
        # three pairs a row, an 80-column screen gave each field 14 cells: "ws-cable-assembLabel".
        with Vertical(id="ws-fields"):
            for row in (("id", "label"), FIELDS[1:]):
                with Horizontal(classes="ws-row"):
                    for name in row:
                        yield Label(id=f"ws-{name}-label")
                        yield TextField(id=f"ws-{name}", compact=True, max_length=80)
        with Horizontal(id="ws-body"):
            with Vertical(id="ws-tasks-panel"):
                yield Label(id="tasks-title", classes="panel-title")
                yield TaskTable(id="tasks")
                with Horizontal(id="task-fields"):
                    yield Label(id="task-name-label")
                    yield TextField(id="task-name", compact=True, max_length=200)
                    yield Label(id="task-share-label")
                    yield TextField(id="task-share", compact=True, max_length=8)
                yield Label(id="tags-title", classes="panel-title")
                yield SelectionList[str](id="task-tags", compact=True)
                yield Label(id="hazards-title", classes="panel-title")
                yield SelectionList[str](id="task-hazards", compact=True)
            with Vertical(id="ws-demands-panel"):
                yield Label(id="demands-title", classes="panel-title")
                yield DemandTable(id="demands")
            with Vertical(id="ws-side-panel"):
                yield Label(id="help-title", classes="panel-title")
                yield Static(id="demand-help")
                yield Label(id="features-title", classes="panel-title")
                yield SelectionList[str](id="ws-features", compact=True)
                yield Label(id="problems-title", classes="panel-title")
                yield Static(id="ws-problems")
        yield LocalFooter()

    def on_mount(self) -> None:
        """Fill the fields and put the cursor on the tasks (on the id of a new workstation)."""
        if self.first_task:
            self.draft.tasks.append(TaskDraft(self.t("tui.stations.task_n", n=1), FULL))
        for name in ("id", *FIELDS):
            self.query_one(f"#ws-{name}", Input).value = str(getattr(self.draft, name))
        self.query_one("#ws-id", Input).disabled = not self.is_new
        # Set here: the app stylesheet's `DataTable { height: 1fr }` outranks any DEFAULT_CSS, and a 1fr
        # table in the narrow, scrolling layout shrinks to its header.
        self.query_one("#tasks", TaskTable).styles.height = TASK_ROWS
        self.relabel()
        (self.query_one("#ws-id", Input) if self.is_new else self.query_one("#tasks", TaskTable)).focus()

    def relabel(self) -> None:
        """Every label in the current language, and everything redrawn."""
        super().relabel()
        self.title = "werkpost"
        for name in ("id", *FIELDS):
            self.query_one(f"#ws-{name}-label", Label).update(self.t(f"tui.stations.field_{name}"))
        for widget_id, key in (("task-name-label", "stations.task_name"),
                               ("task-share-label", "stations.share_percent"), ("tags-title", "stations.tags_title"),
                               ("hazards-title", "stations.hazards_title"),
                               ("demands-title", "stations.demands_title"), ("help-title", "level_descriptions"),
                               ("features-title", "stations.features_title")):
            self.query_one(f"#{widget_id}", Label).update(self.t(f"tui.{key}"))
        self._fill_features()
        self._show_task(self.current, force=True)
        self.changed()

    # ---------------------------------------------------------------- drawing

    def changed(self) -> None:
        """Redraw the task list, the title and the problems after any edit."""
        lang = self.lang
        state = ""
        if self.dirty:
            state = " · " + self.t("tui.stations.new_not_saved" if self.is_new else "tui.unsaved")
        self.sub_title = f"{self.t('tui.workstation')} {self.draft.id}{state}"
        self.query_one("#tasks", TaskTable).show([(t.name, t.percent, t.core) for t in self.draft.tasks], lang)
        remaining = self.draft.remaining()
        key = "tui.stations.share_left" if remaining >= 0 else "tui.stations.share_over"
        left = self.t(key, share=percent(abs(remaining) / FULL, lang))
        style = "" if abs(remaining) <= 0.05 else "bold red"
        title = Text(f"{self.t('tui.tasks')} · {left}", style=style)
        set_text(self.query_one("#tasks-title", Label), title)
        self._show_problems()

    def _show_problems(self) -> None:
        result = check(self.draft, self.session.workspace.catalog, self._where())
        self.last = result
        lines = [p.message for p in result.problems]
        if result.shares_off:
            lines.insert(0, self.t("tui.stations.shares_must_make_100", share=percent(self.draft.assigned() / FULL,
                                                                                        self.lang)))
        taken = self._id_taken()
        if taken:
            lines.insert(0, taken)
        title = self.t("tui.stations.problems_title", n=number(len(lines), self.lang)) if lines else \
            self.t("tui.stations.no_problems")
        set_text(self.query_one("#problems-title", Label), Text(title, style="bold red" if lines else ""))
        set_text(self.query_one("#ws-problems", Static), Text("\n".join(lines)))

    def _where(self) -> str:
        root = self.session.workspace.root
        if self.path is not None:
            return str(self.path)
        return str(Path(root or ".") / WORKSTATIONS_DIR / f"{self.draft.id}.yaml")

    def _id_taken(self) -> str:
        """The problem of a new workstation whose id another one has, or ''."""
        if self.is_new and self.draft.id in self.session.workspace.workstations:
            return self.t("tui.stations.id_taken", id=self.draft.id)
        return ""

    def _fill_features(self) -> None:
        vocab, lang = self.session.workspace.catalog.vocabulary, self.lang
        features = self.query_one("#ws-features", SelectionList)
        features.clear_options()
        features.add_options([Selection(label.get(lang), fid, fid in self.draft.features)
                              for fid, label in vocab.features.items()])

    def _show_task(self, index: int, *, force: bool = False) -> None:
        """Show task `index` in the task panels (name, share, tags, hazards, demands)."""
        if not self.draft.tasks:
            return
        index = max(0, min(index, len(self.draft.tasks) - 1))
        if index == self.current and not force:
            return
        self.current = index
        task = self.draft.tasks[index]
        catalog, lang = self.session.workspace.catalog, self.lang
        self.query_one("#task-name", Input).value = task.name
        self.query_one("#task-share", Input).value = f"{task.percent:g}"
        for widget_id, vocab, chosen in (("#task-tags", catalog.vocabulary.task_tags, task.tags),
                                         ("#task-hazards", catalog.vocabulary.hazards, set(task.hazards))):
            options = self.query_one(widget_id, SelectionList)
            options.clear_options()
            options.add_options([Selection(label.get(lang), key, key in chosen) for key, label in vocab.items()])
        self.query_one("#demands", DemandTable).show(catalog, task.demands, lang)
        self._show_help()

    def _show_help(self) -> None:
        table = self.query_one("#demands", DemandTable)
        dims = {d.id: d for d in demandable(self.session.workspace.catalog)}
        dim_id = table.current_dimension
        if dim_id in dims and self.draft.tasks:
            level = self.draft.tasks[self.current].demands.get(dim_id, 0)
            self.query_one("#demand-help", Static).update(demand_help(dims[dim_id], level, self.lang))

    # ---------------------------------------------------------------- edits

    @property
    def current_task(self) -> TaskDraft:
        """The task shown in the task panels."""
        return self.draft.tasks[self.current]

    @on(Input.Changed)
    def _field_changed(self, event: Input.Changed) -> None:
        name = (event.input.id or "").removeprefix("ws-")
        if name in ("id", *FIELDS):
            if getattr(self.draft, name) != event.value:
                setattr(self.draft, name, event.value)
                self.changed()
        elif event.input.id == "task-name" and self.draft.tasks and self.current_task.name != event.value:
            self.current_task.name = event.value
            self.changed()
        elif event.input.id == "task-share" and self.draft.tasks:
            typed = event.value.strip().removesuffix("%").replace(",", ".")
            try:
                value = float(typed)
            except ValueError:
                return  # half typed; the share stays what it was until the text reads as a number
            if 0 <= value <= FULL and value != self.current_task.percent:
                self.current_task.percent = round(value, 2)
                self.changed()

    @on(Input.Submitted)
    def _field_done(self) -> None:
        self.query_one("#tasks", TaskTable).focus()

    @on(SelectionList.SelectedChanged)
    def _selection_changed(self, event: SelectionList.SelectedChanged[str]) -> None:
        chosen = set(event.selection_list.selected)
        target = event.selection_list.id
        if target == "ws-features" and chosen != set(self.draft.features):
            self.draft.features = keep_order(self.draft.features, chosen)
            self.changed()
        elif target == "task-tags" and self.draft.tasks and chosen != self.current_task.tags:
            self.current_task.tags = chosen
            self.changed()
        elif target == "task-hazards" and self.draft.tasks and chosen != set(self.current_task.hazards):
            self.current_task.hazards = keep_order(self.current_task.hazards, chosen)
            self.changed()

    @on(DataTable.RowHighlighted, "#tasks")
    def _task_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._show_task(event.cursor_row)

    @on(DataTable.RowSelected, "#tasks")
    def _task_selected(self) -> None:
        self.query_one("#demands", DemandTable).focus()

    @on(DataTable.RowHighlighted, "#demands")
    def _demand_highlighted(self) -> None:
        self._show_help()

    @on(LevelTable.LevelChanged)
    def _demand_changed(self, event: LevelTable.LevelChanged) -> None:
        if not self.draft.tasks:
            return
        demands = self.current_task.demands
        if event.level:
            demands[event.dimension] = event.level
        else:
            demands.pop(event.dimension, None)
        self.query_one("#demands", DemandTable).show(self.session.workspace.catalog, demands, self.lang)
        self._show_help()
        self.changed()

    @on(TaskTable.Asked)
    def _task_asked(self, event: TaskTable.Asked) -> None:
        tasks, table = self.draft.tasks, self.query_one("#tasks", TaskTable)
        if event.action == "add":
            # A new task gets what is left of the time, so the shares keep making 100.
            new = TaskDraft(self.t("tui.stations.task_n", n=len(tasks) + 1), max(0.0, self.draft.remaining()))
            at = event.index + 1 if tasks else 0
            tasks.insert(at, new)
            self.changed()
            table.move_cursor(row=at, animate=False)
            self._show_task(at, force=True)
            self.query_one("#task-name", Input).focus()
            return
        if event.action == "remove":
            if len(tasks) <= 1:
                self.notify(self.t("tui.stations.one_task_needed"), severity="warning")
                return
            tasks.pop(event.index)
            self.changed()
            self._show_task(min(event.index, len(tasks) - 1), force=True)
            return
        if event.action == "rename":
            self.query_one("#task-name", Input).focus()
            return
        task = tasks[event.index]
        if event.action == "core":
            task.core = not task.core
        elif event.action == "share":
            task.percent = round(max(0.0, min(FULL, task.percent + event.step)), 2)
            self.query_one("#task-share", Input).value = f"{task.percent:g}"
        self.changed()

    # ---------------------------------------------------------------- save and leave

    def action_save(self) -> bool:
        """Save when the draft passes the checks; show why not otherwise. True when saved."""
        if not self.dirty:
            self.notify(self.t("tui.nothing_to_save"))
            return True
        self._show_problems()
        result = self.last
        if result is None or result.station is None or self._id_taken():
            self.notify(self.t("tui.stations.fix_first"), title=self.t("tui.cannot_save"), severity="error")
            return False
        ws = self.session.workspace
        try:
            path = save_workstation(ws.root, result.station, self.path)
        except WerkpostError as exc:
            self.error("tui.cannot_save", exc)
            return False
        ws.workstations[result.station.id] = result.station
        ws.workstation_paths[result.station.id] = path
        self.path = path
        self.saved = StationDraft.of(result.station)
        self.draft = StationDraft.of(result.station)
        self.query_one("#ws-id", Input).disabled = True
        self.notify(f"{self.t('tui.saved_to')} {path}")
        self._show_task(self.current, force=True)
        self.changed()
        return True

    def _ask(self, then: str) -> None:
        choices = [("save", self.t("tui.save"), "primary"), ("discard", self.t("tui.discard"), "error"),
                   ("cancel", self.t("tui.cancel"), "default")]
        message = self.t("tui.stations.leave_question", station=f"{self.draft.id} ({self.draft.label or '-'})")
        self.app.push_screen(ChoiceDialog(self.t("tui.unsaved_changes"), message, choices),
                             lambda choice: self._leave(choice, then))

    def _leave(self, choice: str | None, then: str) -> None:
        if choice == "cancel" or choice is None or (choice == "save" and not self.action_save()):
            return
        if then == "quit":
            self.app.call_later(self.app.run_action, "quit")
        self.app.pop_screen()

    def action_back(self) -> None:
        """Leave; ask first when there are unsaved changes."""
        if self.dirty:
            self._ask("back")
        else:
            self.app.pop_screen()

    def action_quit_guarded(self) -> None:
        """Quit the app, asking first about this workstation's unsaved changes (the app asks about workers)."""
        if self.dirty:
            self._ask("quit")
        else:
            self.app.call_later(self.app.run_action, "quit")

    def on_key(self, event: Any) -> None:
        """Escape in a field returns to the tasks instead of leaving."""
        if event.key == "escape" and isinstance(self.focused, Input | SelectionList):
            self.query_one("#tasks", TaskTable).focus()
            event.stop()

