"""Provides the station ranking: workstations best first for one worker, shared by the worker and match views."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.widgets import DataTable

from engine.recommend import StationRank
from i18n import money, score, text
from tui.widgets.basic import Row, fill_table


class StationRanking(DataTable[Any]):
    """Workstations ranked by expected accessibility (whole EA points); row keys are workstation ids."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(cursor_type="row", **kwargs)

    def show(self, ranks: list[StationRank], lang: str, *, current: str | None = None) -> None:
        """Fill the table; `current` (the workstation matched now) is marked and gets the cursor."""
        rows: list[Row] = []
        for r in ranks:
            here = r.station.id == current
            name = Text(("▶ " if here else "  ") + (r.station.label or r.station.id), style="bold" if here else "")
            # v2: EA points with the best set-up and now; its total cost over the horizon (contract section 5).
            cost = money(r.best.total_cost_eur, lang) if r.best else "-"
            rows.append((r.station.id, (Text(score(r.ea_points, lang), style="bold"),
                                        score(r.baseline.ea_points, lang), name, Text(cost, justify="right"))))
        columns = [("best", text("tui.best", lang)), ("now", text("tui.now", lang)),
                   ("station", text("tui.workstation", lang)), ("cost", text("tui.cost", lang))]
        fill_table(self, columns, rows)
        if current is not None and current in self.rows and self.cursor_row != self.get_row_index(current):
            self.move_cursor(row=self.get_row_index(current), animate=False)

    def highlighted(self) -> str | None:
        """The id of the workstation under the cursor, if any."""
        if not self.row_count:
            return None
        key = self.coordinate_to_cell_key(self.cursor_coordinate).row_key.value
        return str(key) if key is not None else None
