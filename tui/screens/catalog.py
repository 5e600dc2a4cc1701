"""Provides the catalogue view: the tools, filtered by category and by the dimension they help."""

from __future__ import annotations

from typing import Any, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import DataTable, Header, Label, Select, Static

from engine.loader import Catalog
from engine.models import Tool
from i18n import money, plural, text
from tui.screens.base import NARROW_WIDE, WerkpostScreen
from tui.widgets.basic import LocalFooter, Row, fill_table
from tui.widgets.levels import ordered_dimensions


def tool_detail(catalog: Catalog, tool: Tool, lang: str) -> Text:
    """Everything the catalogue says about one tool, as rich text."""
    vocab = catalog.vocabulary

    def label(table: dict[str, Any], key: str) -> str:
        item = table.get(key)
        return str(item.get(lang)) if item is not None else key

    out = Text(tool.name.get(lang), style="bold cyan")
    out.append(f"  ({tool.id})\n", style="dim")
    if tool.description is not None:
        out.append(tool.description.get(lang) + "\n")
    out.append(f"\n{text('tui.category', lang)}: ", style="bold")
    measure = label(vocab.measures, tool.measure)
    category = label(vocab.categories, tool.category)
    out.append(f"{category} · {text('tui.measure', lang)}: {measure} · ISO 9999 {tool.iso9999}\n")
    out.append(f"{text('tui.cost', lang)}: ", style="bold")
    out.append(f"{money(tool.cost_eur, lang)} + {money(tool.yearly_eur, lang)} {text('tui.per_year', lang)}\n")
    out.append(f"{text('tui.evidence', lang)}: ", style="bold")
    out.append(label(vocab.evidence, tool.evidence) + "\n")
    out.append(f"\n{text('tui.effects', lang)}\n", style="bold")
    for e in tool.effects:
        dim = catalog.dimension_label(e.dimension, lang)
        if e.boost is not None:
            out.append(f"  +{e.boost}  {dim}")
        elif e.lower is not None:
            out.append(f"  -{e.lower}  {dim} ({text('tui.lowers_the_demand', lang)})")
        else:
            via = catalog.dimension_label(e.via or "", lang)
            out.append(f"  ≤{e.up_to}  {text('tui.effect_via', lang, dim=dim, via=via)}")
        if e.task_tags:
            tags = ", ".join(label(vocab.task_tags, t) for t in sorted(e.task_tags))
            out.append(f" ({text('tui.only_in_tasks_tagged', lang)}: {tags})", style="dim")
        out.append("\n")
    out.append(f"{text('tui.requires', lang)}: ", style="bold")
    needs = [label(vocab.features, f) for f in tool.requires.features]
    needs += [f"{catalog.dimension_label(d, lang)} ≥ {n}" for d, n in tool.requires.capacities.items()]
    if tool.requires.first_language_other:
        needs.append(text("tui.first_language_other", lang))
    out.append((", ".join(needs) or text("tui.nothing", lang)) + "\n")
    if tool.mitigates:
        out.append(f"{text('tui.mitigates', lang)}: ", style="bold")
        out.append(", ".join(label(vocab.hazards, h) for h in tool.mitigates) + "\n")
    if tool.conflicts_with:
        out.append(f"{text('tui.conflicts_with', lang)}: ", style="bold")
        out.append(", ".join(catalog.tool_name(t, lang) for t in tool.conflicts_with) + "\n")
    out.append(f"\n{text('tui.products', lang)}\n", style="bold")
    for example in tool.examples:
        out.append(f"  • {example}\n")
    out.append(f"{text('tui.sources', lang)}\n", style="bold")
    for url in tool.sources:
        out.append(f"  {url}\n", style="underline")
    out.rstrip()
    return out


class CatalogueScreen(WerkpostScreen):
    """The tool catalogue with its two filters and the highlighted tool's detail."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "tui.back"),
        Binding("k", "focus_filter('category')", "tui.category"),
        Binding("d", "focus_filter('dimension')", "tui.dimension"),
    ]

    HORIZONTAL_BREAKPOINTS = NARROW_WIDE

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="filters"):
            yield Select[str](self._category_options(), id="category", compact=True, allow_blank=False)
            yield Select[str](self._dimension_options(), id="dimension", compact=True, allow_blank=False)
        with Horizontal(id="catalog-body"):
            with Vertical(id="tools-panel", classes="panel"):
                yield Label(id="tools-title", classes="panel-title")
                yield DataTable[Any](id="tools", cursor_type="row")
            with VerticalScroll(id="tool-panel", classes="panel"):
                yield Static(id="tool-detail")
        yield LocalFooter()

    def on_mount(self) -> None:
        """Fill the filters and the table."""
        self.relabel()
        self.query_one("#tools", DataTable).focus()

    def relabel(self) -> None:
        """Labels, filter options and rows in the current language."""
        super().relabel()
        self.title = "werkpost"
        self.sub_title = self.t("tui.catalogue")
        category = self.query_one("#category", Select)
        keep_cat = category.value if isinstance(category.value, str) else ""
        category.set_options(self._category_options())
        category.value = keep_cat
        dimension = self.query_one("#dimension", Select)
        keep_dim = dimension.value if isinstance(dimension.value, str) else ""
        dimension.set_options(self._dimension_options())
        dimension.value = keep_dim
        self.refill()

    def _category_options(self) -> list[tuple[str, str]]:
        vocab, lang = self.session.workspace.catalog.vocabulary, self.lang
        return [(self.t("tui.all_categories"), ""), *((v.get(lang), k) for k, v in vocab.categories.items())]

    def _dimension_options(self) -> list[tuple[str, str]]:
        catalog, lang = self.session.workspace.catalog, self.lang
        return [(self.t("tui.all_dimensions"), ""), *((d.label.get(lang), d.id) for d in ordered_dimensions(catalog))]

    def refill(self) -> None:
        """The tools that pass both filters."""
        catalog, lang = self.session.workspace.catalog, self.lang
        cat = self.query_one("#category", Select).value
        dim = self.query_one("#dimension", Select).value
        table = self.query_one("#tools", DataTable)
        rows: list[Row] = []
        vocab = catalog.vocabulary
        for tool in sorted(catalog.tools.values(), key=lambda t: t.name.get(lang).lower()):
            if cat and tool.category != cat:
                continue
            if dim and all(e.dimension != dim for e in tool.effects):
                continue
            category = vocab.categories.get(tool.category)
            evidence = vocab.evidence.get(tool.evidence)
            rows.append((tool.id, (
                Text(money(tool.cost_eur, lang), justify="right"), tool.name.get(lang),
                category.get(lang) if category else tool.category, evidence.get(lang) if evidence else tool.evidence,
            )))
        columns = [("cost", self.t("tui.cost")), ("name", self.t("tui.name")), ("category", self.t("tui.category")),
                   ("evidence", self.t("tui.evidence"))]
        fill_table(table, columns, rows)
        self.query_one("#tools-title", Label).update(plural("tui.tools_count", table.row_count, self.lang))
        self._show_detail()

    def _show_detail(self) -> None:
        table = self.query_one("#tools", DataTable)
        detail = self.query_one("#tool-detail", Static)
        if not table.row_count:
            detail.update("")
            return
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        tool = self.session.workspace.catalog.tools.get(str(key))
        if tool is not None:
            detail.update(tool_detail(self.session.workspace.catalog, tool, self.lang))
            self.query_one("#tool-panel", VerticalScroll).scroll_home(animate=False)

    @on(Select.Changed)
    def _filter_changed(self) -> None:
        self.refill()

    @on(DataTable.RowHighlighted, "#tools")
    def _tool_highlighted(self) -> None:
        self._show_detail()

    def action_focus_filter(self, widget_id: str) -> None:
        """Focus one of the filters."""
        self.query_one(f"#{widget_id}").focus()

    def action_back(self) -> None:
        """Back to where the catalogue was opened from."""
        self.app.pop_screen()
