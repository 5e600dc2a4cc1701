"""Provides the task-analysis widgets: the task table and the demand table with its level descriptions.

Like the level tables of the worker profile, they only post messages (add,
remove, step a share, toggle core, change a demand) and leave the edit to the
screen that owns the workstation draft.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import DataTable

from engine.loader import Catalog
from engine.models import Dimension
from i18n import percent, text
from tui.widgets.basic import Row, fill_table
from tui.widgets.levels import LevelTable, level_bar, ordered_dimensions

SHARE_STEP = 5.0
"""Percentage points one +/- press moves a task's share."""


class TaskTable(DataTable[Any]):
    """The tasks of a workstation; keys add, remove, step the share and toggle core on the highlighted task."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a,insert", "add", "tui.stations.add_task"),
        Binding("x,delete", "remove", "tui.stations.remove_task"),
        # Listed in the help (and core in a column of the table); the footer keeps room for save and back.
        Binding("c", "core", "tui.stations.toggle_core", show=False),
        Binding("r", "rename", "tui.stations.rename_task", show=False),
        Binding("plus,right,equals_sign", "share(1)", "tui.stations.share_up", show=False),
        Binding("minus,left", "share(-1)", "tui.stations.share_down", show=False),
    ]

    @dataclass
    class Asked(Message):
        """The coach asked for an edit of the task at `index` (`add` puts a task after it)."""

        action: str
        """add, remove, rename, core or share."""
        index: int
        step: float = 0.0

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(cursor_type="row", **kwargs)

    def show(self, tasks: Sequence[tuple[str, float, bool]], lang: str) -> None:
        """One row per task (name, share 0-100, core): the name cut, the share, whether it is core work."""
        rows: list[Row] = []
        for i, (name, share, core) in enumerate(tasks):
            rows.append((str(i), (
                _short(name) if name else Text(text("tui.stations.unnamed", lang), style="dim italic"),
                percent(share / 100, lang),
                text("tui.yes", lang) if core else "",
            )))
        columns = [("name", text("tui.stations.task", lang)), ("share", text("tui.stations.share", lang)),
                   ("core", text("tui.stations.core", lang))]
        fill_table(self, columns, rows)

    @property
    def index(self) -> int:
        """The highlighted task's index (0 when the table is empty)."""
        return self.cursor_row if self.row_count else 0

    def _ask(self, action: str, step: float = 0.0) -> None:
        if self.row_count or action == "add":
            self.post_message(self.Asked(action, self.index, step))

    def action_add(self) -> None:
        """Add a task after the highlighted one."""
        self._ask("add")

    def action_remove(self) -> None:
        """Remove the highlighted task."""
        self._ask("remove")

    def action_rename(self) -> None:
        """Edit the highlighted task's name."""
        self._ask("rename")

    def action_core(self) -> None:
        """Mark the highlighted task as core work, or no longer."""
        self._ask("core")

    def action_share(self, direction: int) -> None:
        """Give the highlighted task more or less of the working time."""
        self._ask("share", direction * SHARE_STEP)


class DemandTable(LevelTable):
    """One task's demand on every dimension a task can demand, grouped by domain; left out is 0."""

    def show(self, catalog: Catalog, demands: dict[str, int], lang: str) -> None:
        """Fill the table; only changed cells are redrawn.

        The level comes first and the domain is left out: the panel is narrow beside the task list, and the
        rows keep the profile's domain order.
        """
        rows: list[Row] = []
        for dim in demandable(catalog):
            level = demands.get(dim.id, 0)
            self.levels[dim.id] = level
            rows.append((dim.id, (
                level_bar(level, "magenta" if level else "dim"),
                Text(dim.label.get(lang), style="" if level == 0 else "magenta"),
            )))
        columns = [("level", text("tui.demand", lang)), ("dimension", text("tui.dimension", lang))]
        fill_table(self, columns, rows)


def demandable(catalog: Catalog) -> list[Dimension]:
    """The dimensions a task may demand (not the capacity-only skills), in the profile's order."""
    return [d for d in ordered_dimensions(catalog) if d.demandable]


def demand_help(dim: Dimension, level: int, lang: str) -> Text:
    """What each demand level of `dim` means, the current one marked."""
    out = Text(dim.label.get(lang), style="bold")
    if dim.description is not None:
        out.append(f" · {dim.description.get(lang)}", style="dim")
    lines = dim.levels.demand.get(lang) if dim.levels.demand is not None else []
    for n, line in enumerate(lines):
        mark = "▶" if n == level else " "
        out.append(f"\n{mark} {n}  {line}", style="bold yellow" if n == level else "")
    return out


NAME_WIDTH = 26
"""Task names are cut in the list (the name field below shows it whole) so share and core stay in view."""


def _short(name: str) -> str:
    return name if len(name) <= NAME_WIDTH else name[: NAME_WIDTH - 1] + "…"
