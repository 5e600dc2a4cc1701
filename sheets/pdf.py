"""Provides the PDF sheet: A4 via fpdf2, with the DejaVu fonts shipped in the package.

fpdf2's core fonts are Latin-1 only; the embedded DejaVu Sans prints accents,
Polish, Greek or Cyrillic in names and labels. Tables use fpdf2's table API, so
their headings repeat on every page they run over. The creation date is the
sheet's date, which makes the bytes reproducible for a given input.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from contextlib import ExitStack
from importlib.resources import as_file, files
from typing import Any

from fpdf import FPDF, FontFace
from fpdf.enums import MethodReturnValue, TableCellFillMode, WrapMode

from i18n import text
from sheets.chart import CAPACITY, DEMAND, GRID, INK, MUTED, WARN, WARN_BG, WIDTH, draw_pdf, layout
from sheets.content import Annex, SheetContent, Table, ToolBlock

FAMILY = "DejaVu"
MARGIN = 15.0
BODY = 9.5
SMALL = 8.5
LINK = "#1d4ed8"
ROW_FILL = (243, 245, 248)

# Relative column widths per table, by number of columns; the text column gets the room.
WIDTHS: dict[str, dict[int, tuple[float, ...]]] = {
    "tasks": {3: (110, 30, 40), 4: (80, 24, 34, 42)},
    "setups": {7: (7, 44, 24, 21, 32, 22, 30)},
    "remaining": {5: (56, 36, 20, 28, 40), 6: (44, 30, 18, 27, 24, 37)},
    "annex_gaps": {4: (80, 60, 20, 20)},
    "annex_cost": {2: (120, 60)},
    "annex_alternatives": {6: (8, 52, 26, 26, 24, 44)},
    "annex_excluded": {3: (45, 70, 65)},
}


def _rgb(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


class _Sheet(FPDF):
    """An A4 page with the sheet's running header and numbered footer."""

    def __init__(self, content: SheetContent) -> None:
        super().__init__(orientation="portrait", unit="mm", format="A4")
        self.content = content

    def normalize_text(self, text: str) -> str:
        """Show a character the font lacks (e.g. CJK in DejaVu) as U+FFFD instead of dropping it silently."""
        cmap = getattr(self.current_font, "cmap", None)
        if self.is_ttf_font and cmap:
            text = "".join(ch if ord(ch) in cmap or ch in "\n\r\t" else "\ufffd" for ch in text)
        return str(super().normalize_text(text))

    def header(self) -> None:
        self.set_font(FAMILY, "", 7.5)
        self.set_text_color(*_rgb(MUTED))
        self.set_xy(MARGIN, 8)
        self.cell(WIDTH / 2, 4, self.content.title)
        self.cell(WIDTH / 2, 4, self.content.footer, align="R")
        self.set_draw_color(*_rgb(GRID))
        self.set_line_width(0.2)
        self.line(MARGIN, 13, MARGIN + WIDTH, 13)
        self.set_xy(MARGIN, 18)
        self.set_text_color(*_rgb(INK))

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font(FAMILY, "", 7.5)
        self.set_text_color(*_rgb(MUTED))
        self.cell(WIDTH / 2, 4, self.content.prepared)
        page = text("sheet.page", self.content.lang, page=self.page_no(), pages="{nb}")
        self.cell(WIDTH / 2, 4, page, align="R")
        self.set_text_color(*_rgb(INK))

    # ------------------------------------------------------------ building blocks

    def room(self, needed: float) -> None:
        """Start a new page unless `needed` mm are left (keeps a heading with what follows)."""
        if self.get_y() + needed > self.h - self.b_margin:
            self.add_page()

    def heading(self, text: str, keep: float = 48) -> None:
        self.room(keep)
        self.ln(4)
        self.set_font(FAMILY, "B", 12)
        self.set_text_color(*_rgb(DEMAND))
        self.cell(WIDTH, 7, text, new_x="LMARGIN", new_y="NEXT")
        self.set_draw_color(*_rgb(GRID))
        self.line(MARGIN, self.get_y(), MARGIN + WIDTH, self.get_y())
        self.ln(2)
        self.set_text_color(*_rgb(INK))

    def para(self, text: str, size: float = BODY, colour: str = INK, bold: bool = False) -> None:
        self.set_font(FAMILY, "B" if bold else "", size)
        self.set_text_color(*_rgb(colour))
        self.multi_cell(WIDTH, size * 0.5, text, align="L", new_x="LMARGIN", new_y="NEXT")
        self.set_text_color(*_rgb(INK))

    def box(self, text: str, fill: str, bar: str) -> None:
        self.ln(2)
        self.set_font(FAMILY, "", BODY)
        self.set_fill_color(*_rgb(fill))
        y = self.get_y()
        self.set_x(MARGIN + 2)
        self.multi_cell(WIDTH - 2, 5, text, fill=True, padding=(2, 3, 2, 3), align="L", new_x="LMARGIN",
                        new_y="NEXT")
        self.set_fill_color(*_rgb(bar))
        self.rect(MARGIN, y, 1.2, self.get_y() - y, style="F")
        self.ln(1)

    def facts(self, pairs: list[tuple[str, str]]) -> None:
        self.set_font(FAMILY, "B", BODY)
        key_w = max(self.get_string_width(k) for k, _ in pairs) + 6
        for key, value in pairs:
            self.set_font(FAMILY, "B", BODY)
            self.cell(key_w, 5.2, key)
            self.set_font(FAMILY, "", BODY)
            self.multi_cell(WIDTH - key_w, 5.2, value, new_x="LMARGIN", new_y="NEXT")

    def table_of(self, table: Table, kind: str, no_word: str | None = None) -> None:
        # Keep the heading row and a few rows on the page the heading is on.
        self.room(min(8 + 9 * len(table.rows), 40))
        widths = WIDTHS[kind].get(len(table.headings))
        align = tuple("RIGHT" if i in table.numeric else "LEFT" for i in range(len(table.headings)))
        self.set_font(FAMILY, "", SMALL)
        heads = FontFace(emphasis="BOLD", color="#ffffff", fill_color=DEMAND, size_pt=SMALL - 0.5)
        # fpdf2 fills the text of filled rows with the current fill colour: make it the row colour.
        self.set_fill_color(*ROW_FILL)
        warn = FontFace(emphasis="BOLD", color=WARN)
        with self.table(
            col_widths=widths, text_align=align, headings_style=heads, line_height=4.4, width=WIDTH,
            cell_fill_color=ROW_FILL, cell_fill_mode=TableCellFillMode.ROWS, borders_layout="HORIZONTAL_LINES",
            padding=(1.4, 1.6, 1.4, 1.6), v_align="TOP", repeat_headings=1,
        ) as pdf_table:
            header = pdf_table.row()
            for h in table.headings:
                header.cell(h)
            for values in table.rows:
                row = pdf_table.row()
                for text in values:
                    if "\n" in text:  # several tools in one cell: one bullet each
                        text = "\n".join(f"• {part}" for part in text.split("\n"))
                    row.cell(text, style=warn if no_word is not None and text == no_word else None)
        self.ln(1)

    def tool(self, t: ToolBlock, labels: dict[str, str]) -> None:
        # A tool's block moves to the next page whole rather than split (it is shorter than a page).
        # Measured with dry runs: fpdf2's offset_rendering deep-copies the document and fonts (slow).
        if self.get_y() + self.tool_block(t, labels, dry=True) > self.h - self.b_margin:
            self.add_page()
        self.tool_block(t, labels, dry=False)

    def tool_block(self, t: ToolBlock, labels: dict[str, str], *, dry: bool) -> float:
        """Print the block of one tool, or with `dry` only return its height in mm."""
        height = 0.0

        def put(x: float, line_h: float, text: str, size: float, *, bold: bool = False, colour: str = INK,
                link: str | None = None, wrap: WrapMode = WrapMode.WORD) -> None:
            nonlocal height
            self.set_font(FAMILY, "B" if bold else "", size)
            if dry:
                measured = self.multi_cell(MARGIN + WIDTH - x, line_h, text, align="L", wrapmode=wrap,
                                           dry_run=True, output=MethodReturnValue.HEIGHT)
                assert isinstance(measured, float | int)
                height += measured
                return
            self.set_text_color(*_rgb(colour))
            self.set_x(x)
            self.multi_cell(MARGIN + WIDTH - x, line_h, text, align="L", link=link, wrapmode=wrap,
                            new_x="LMARGIN", new_y="NEXT")
            self.set_text_color(*_rgb(INK))

        def space(mm: float) -> None:
            nonlocal height
            height += mm
            if not dry:
                self.ln(mm)

        space(2)
        put(MARGIN, 5.5, t.name, 10.5, bold=True)
        if t.description:
            put(MARGIN, (SMALL + 0.5) * 0.5, t.description, SMALL + 0.5)
        space(0.8)
        self.set_font(FAMILY, "B", SMALL)
        key_w = max(self.get_string_width(labels[k]) for k in labels) + 4
        rows: list[tuple[str, list[str]]] = [
            (labels["category"], [t.category]), (labels["measure"], [t.measure]),
            (labels["evidence"], [t.evidence]), (labels["cost"], [t.cost]),
            (labels["examples"], ["; ".join(t.examples)]),
        ]
        if t.closes:
            rows.append((labels["closes"], [f"• {c}" for c in t.closes]))
        if t.narrows:
            rows.append((labels["narrows"], [f"• {c}" for c in t.narrows]))
        rows.append((labels["sources"], list(t.sources)))
        funding_at = len(rows)
        rows += [(key, list(values)) for key, values in t.funding]
        for n, (key, values) in enumerate(rows):
            if n >= funding_at:
                # Funding rows: the label on its own line (some are long), the lines indented under it.
                if n == funding_at:
                    space(1)
                    put(MARGIN, 5, labels["funding"], SMALL + 1, bold=True, colour=DEMAND)
                put(MARGIN + 3, 4.4, key, SMALL, bold=True)
                for value in values:
                    put(MARGIN + 7, 4.4, value, SMALL)
                continue
            if not dry:
                self.set_font(FAMILY, "B", SMALL)
                self.cell(key_w, 4.4, key)
            is_url = key == labels["sources"]
            for value in values:
                # Character wrap for URLs: they have no spaces to break at.
                put(MARGIN + key_w, 4.4, value, SMALL, colour=LINK if is_url else INK,
                    link=value if is_url else None, wrap=WrapMode.CHAR if is_url else WrapMode.WORD)
        space(1.5)
        if not dry:
            self.set_draw_color(*_rgb(GRID))
            self.line(MARGIN, self.get_y(), MARGIN + WIDTH, self.get_y())
        return height

    def steps(self, steps: list[str]) -> None:
        self.set_font(FAMILY, "", BODY)
        for n, step in enumerate(steps, start=1):
            self.cell(7, 5, f"{n}.")
            self.multi_cell(WIDTH - 7, 5, step, align="L", new_x="LMARGIN", new_y="NEXT")
            self.ln(0.8)

    def signatures(self, roles: list[str], fields: list[str]) -> None:
        col = WIDTH / len(roles)
        top = self.get_y() + 2
        self.set_draw_color(*_rgb(MUTED))
        for n, role in enumerate(roles):
            x = MARGIN + n * col
            self.set_xy(x, top)
            self.set_text_color(*_rgb(INK))
            self.set_font(FAMILY, "B", BODY)
            self.cell(col - 6, 5, role)
            self.set_font(FAMILY, "", SMALL)
            for m, field_name in enumerate(fields):
                # The signature gets twice the room of name and date.
                y = top + 13 + m * 10 + (6 if m == len(fields) - 1 else 0)
                self.set_text_color(*_rgb(MUTED))
                self.text(x, y - 0.8, field_name)
                self.line(x + self.get_string_width(field_name) + 2, y, x + col - 6, y)
        self.set_text_color(*_rgb(INK))
        self.set_xy(MARGIN, top + 13 + len(fields) * 10 + 4)


def _fonts(pdf: _Sheet, stack: ExitStack) -> None:
    folder = files("sheets") / "fonts"
    pdf.add_font(FAMILY, "", str(stack.enter_context(as_file(folder / "DejaVuSans.ttf"))))
    pdf.add_font(FAMILY, "B", str(stack.enter_context(as_file(folder / "DejaVuSans-Bold.ttf"))))


def render_pdf(c: SheetContent, today: datetime.date) -> bytes:
    """The whole sheet as PDF bytes."""
    pdf = _Sheet(c)
    return document_bytes(pdf, c.title, c.footer, c.lang, today, lambda: _body(pdf, c))


def document_bytes(pdf: _Sheet, title: str, footer: str, lang: str, today: datetime.date,
                   body: Callable[[], None]) -> bytes:
    """A sheet's PDF bytes: fonts, page set-up and metadata, then `body` draws the pages.

    The creation date is `today`, so the same input gives the same bytes.
    """
    with ExitStack() as stack:
        _fonts(pdf, stack)
        pdf.set_margins(MARGIN, 18, MARGIN)
        pdf.set_auto_page_break(True, margin=17)
        pdf.set_creation_date(datetime.datetime.combine(today, datetime.time(), tzinfo=datetime.UTC))
        pdf.set_title(f"{title} · {footer}")
        pdf.set_author("werkpost")
        pdf.set_creator("werkpost")
        pdf.set_lang(lang)
        pdf.add_page()
        body()
        data: Any = pdf.output()
    return bytes(data)


def title_rule(pdf: _Sheet, title: str) -> None:
    """The sheet's title with the rule under it."""
    pdf.set_font(FAMILY, "B", 16)
    pdf.multi_cell(WIDTH, 8, title, new_x="LMARGIN", new_y="NEXT")
    pdf.set_draw_color(*_rgb(DEMAND))
    pdf.set_line_width(0.6)
    pdf.line(MARGIN, pdf.get_y() + 1, MARGIN + WIDTH, pdf.get_y() + 1)
    pdf.set_line_width(0.2)
    pdf.ln(4)


def _body(pdf: _Sheet, c: SheetContent) -> None:
    title_rule(pdf, c.title)
    pdf.facts(c.facts)
    if c.status:
        pdf.box(c.status, *(("#e8f4ee", CAPACITY) if c.status_ok else (WARN_BG, WARN)))
    if c.notice:
        pdf.box(c.notice, WARN_BG, WARN)
    # The chart stays in one piece: on a page of its own at worst, squeezed if even that is too short.
    page_room = pdf.h - pdf.b_margin - 18 - 30  # below the top margin, the heading and the intro
    _, chart_h = layout(c.chart, page_room)
    pdf.heading(c.chart_heading, keep=chart_h + 30)
    pdf.para(c.chart_intro, SMALL, MUTED)
    pdf.ln(2)
    pdf.room(chart_h)
    pdf.set_y(pdf.get_y() + draw_pdf(pdf, c.chart, MARGIN, pdf.get_y(), FAMILY, page_room) + 2)
    pdf.heading(c.tasks_heading)
    pdf.table_of(c.tasks, "tasks", c.no_word)
    if c.setups is not None:
        pdf.heading(c.setups_heading)
        pdf.table_of(c.setups, "setups")
        pdf.para(c.setups_note, SMALL - 0.5, MUTED)
    elif c.setups_empty:
        pdf.heading(c.setups_heading)
        pdf.para(c.setups_empty)
    if c.tools:
        pdf.heading(c.tools_heading, keep=60)
        if c.funding_note:
            pdf.para(c.funding_note, SMALL, MUTED)
        for t in c.tools:
            pdf.tool(t, c.tool_labels)
    if c.remaining is not None or c.remaining_none:
        pdf.heading(c.remaining_heading)
        if c.remaining is not None:
            pdf.table_of(c.remaining, "remaining")
        else:
            pdf.para(c.remaining_none or "")
        if c.redesign_note:
            pdf.para(c.redesign_note, SMALL, MUTED)
    pdf.heading(c.steps_heading, keep=40)
    pdf.steps(c.steps)
    pdf.heading(c.signatures_heading, keep=62)
    pdf.signatures(c.signatures, c.signature_fields)
    if c.annex is not None:
        _annex(pdf, c.annex)


def _annex(pdf: _Sheet, annex: Annex) -> None:
    """The annex for the funder, from a new page."""
    pdf.add_page()
    pdf.heading(annex.heading)
    pdf.para(annex.intro, SMALL, MUTED)
    for part in annex.parts:
        pdf.room(24)
        pdf.ln(3)
        pdf.para(part.heading, BODY + 1, DEMAND, bold=True)
        pdf.ln(1)
        for line in part.lines:
            pdf.para(line if part.table is not None else f"• {line}", SMALL)
        if part.table is not None:
            pdf.ln(1)
            pdf.table_of(part.table, part.kind)
