"""Provides the level tables: the worker's capacity profile and the demand-vs-capacity chart.

Both are DataTables whose row keys are dimension ids and whose keys change the
level of the highlighted dimension; they only post `LevelTable.LevelChanged`
and leave the edit itself to the screen, which owns the worker draft.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import DataTable

from engine.loader import Catalog
from engine.models import MAX_LEVEL, Dimension, Worker, Workstation
from i18n import text
from tui.widgets.basic import Row, fill_table

GAP_STYLE = "bold red"
OK_STYLE = "green"


def level_bar(level: int, style: str = "cyan") -> Text:
    """A level 0..4 as four cells and the digit, e.g. '■■□□ 2'."""
    return Text.assemble(("■" * level, style), ("□" * (MAX_LEVEL - level), "dim"), f" {level}")


def ordered_dimensions(catalog: Catalog) -> list[Dimension]:
    """Dimensions grouped by domain (vocabulary order), catalogue order within."""
    domains = list(catalog.vocabulary.domains)
    dims = list(catalog.dimensions.values())
    return sorted(dims, key=lambda d: (domains.index(d.domain) if d.domain in domains else 99, dims.index(d)))


class LevelTable(DataTable[Any]):
    """A table of dimensions where keys change the level of the highlighted one."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("left,minus", "step(-1)", "tui.lower_level"),
        Binding("right,plus,equals_sign", "step(1)", "tui.higher_level"),
        *(Binding(str(n), f"set_level({n})", "tui.set_level", show=False) for n in range(MAX_LEVEL + 1)),
    ]

    @dataclass
    class LevelChanged(Message):
        """The coach asked for another level on a dimension."""

        table: LevelTable
        dimension: str
        level: int

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(cursor_type="row", zebra_stripes=False, **kwargs)
        self.levels: dict[str, int] = {}
        """The level shown per dimension (what a step starts from)."""

    @property
    def current_dimension(self) -> str | None:
        """The dimension id of the highlighted row."""
        if not self.row_count:
            return None
        key = self.coordinate_to_cell_key(self.cursor_coordinate).row_key
        return str(key.value) if key.value is not None else None

    def action_step(self, delta: int) -> None:
        """Move the highlighted dimension's level one step."""
        dim = self.current_dimension
        if dim is not None:
            self._request(dim, self.levels.get(dim, MAX_LEVEL) + delta)

    def action_set_level(self, level: int) -> None:
        """Set the highlighted dimension's level directly."""
        dim = self.current_dimension
        if dim is not None:
            self._request(dim, level)

    def _request(self, dim: str, level: int) -> None:
        level = max(0, min(MAX_LEVEL, level))
        if level != self.levels.get(dim, MAX_LEVEL):
            self.post_message(self.LevelChanged(self, dim, level))



class ProfileTable(LevelTable):
    """The worker's capacity on every dimension, grouped by domain."""

    def show(self, catalog: Catalog, worker: Worker, lang: str) -> None:
        """Fill the table; after an edit only the changed row is redrawn."""
        rows: list[Row] = []
        previous = ""
        for dim in ordered_dimensions(catalog):
            level = worker.capacity(dim.id, dim.capacity_default)
            self.levels[dim.id] = level
            domain = catalog.vocabulary.domains.get(dim.domain)
            domain_text = (domain.get(lang) if domain else dim.domain) if dim.domain != previous else ""
            previous = dim.domain
            style = "" if level == MAX_LEVEL else "yellow"
            rows.append((dim.id, (
                Text(domain_text, style="bold"), Text(dim.label.get(lang), style=style),
                level_bar(level, "cyan" if level == MAX_LEVEL else "yellow"),
            )))
        columns = [("domain", text("tui.domain", lang)), ("dimension", text("tui.dimension", lang)),
                   ("level", text("tui.capacity", lang))]
        fill_table(self, columns, rows)


class ComparisonChart(LevelTable):
    """Per demanded dimension: the highest task demand against the worker's capacity."""

    def show(self, catalog: Catalog, worker: Worker, station: Workstation, lang: str, *,
             to_first_gap: bool = False) -> None:
        """Fill the chart; rows with a gap are highlighted.

        With `to_first_gap` (a new workstation) the cursor goes to the first
        gap, the row a coach most likely wants to change.
        """
        demands: dict[str, int] = {}
        for task in station.tasks:
            for dim_id, level in task.demands.items():
                demands[dim_id] = max(demands.get(dim_id, 0), level)
        rows: list[Row] = []
        for dim in ordered_dimensions(catalog):
            if demands.get(dim.id, 0) == 0:
                continue
            capacity = min(worker.capacity(dim.id, dim.capacity_default), worker.restriction(dim.id))
            demand = demands[dim.id]
            self.levels[dim.id] = capacity
            gap = demand - capacity
            rows.append((dim.id, (
                Text(f"✗ -{gap}", style=GAP_STYLE) if gap > 0 else Text("✓", style=OK_STYLE),
                Text(_short(dim.label.get(lang)), style=GAP_STYLE if gap > 0 else ""),
                level_bar(demand, "magenta"),
                level_bar(capacity, "red" if gap > 0 else OK_STYLE),
            )))
        columns = [("gap", text("tui.gap_title", lang)), ("dimension", text("tui.dimension", lang)),
                   ("demand", text("tui.demand", lang)), ("capacity", text("tui.capacity", lang))]
        fill_table(self, columns, rows)
        if to_first_gap:
            gaps = [i for i, (dim, _) in enumerate(rows) if demands[dim] > self.levels[dim]]
            self.move_cursor(row=gaps[0] if gaps else 0, animate=False)


LABEL_WIDTH = 24
"""Longer dimension labels are cut so demand and capacity stay readable beside them."""


def _short(label: str) -> str:
    return label if len(label) <= LABEL_WIDTH else label[: LABEL_WIDTH - 1] + "…"
