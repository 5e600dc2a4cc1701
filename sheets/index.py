"""Provides the index of a batch of sheets (`sheet --all`) in the batch's own format: PDF, HTML or Markdown.

The index lists every worker with their workstation, placement, accessibility
before and after, and the file name of their sheet, as a link. It is written in
the format of the sheets it lists, so a coach who asked for PDFs gets a PDF.
"""

from __future__ import annotations

import datetime
from contextlib import ExitStack
from html import escape
from importlib.resources import as_file, files
from typing import Any

from i18n import date as fmt_date
from i18n import text as message
from sheets.content import Table
from sheets.html import CSS, html_table
from sheets.markdown import md_escape, md_table

INDEX_NAMES = {"pdf": "index.pdf", "html": "index.html", "md": "index.md"}
"""The index's file name per format; no sheet can take it (batch file names are worker_station)."""


def render_index(table: Table, fmt: str, lang: str, today: datetime.date) -> tuple[str, bytes]:
    """The index file's name and bytes in `fmt`; the last column of `table` holds the sheets' file names."""
    title, intro, date = message("sheet.index_title", lang), message("sheet.index_intro", lang), fmt_date(today, lang)
    link = len(table.headings) - 1
    if fmt == "html":
        page = (f'<!DOCTYPE html>\n<html lang="{escape(lang)}">\n<head>\n<meta charset="utf-8">\n'
                f"<title>{escape(title)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n<main>\n"
                f"<h1>{escape(title)}</h1>\n<p>{escape(date)}</p>\n<p>{escape(intro)}</p>\n"
                f"{html_table(table, 'index', link_column=link)}\n</main>\n</body>\n</html>\n")
        return INDEX_NAMES[fmt], page.encode("utf-8")
    if fmt == "pdf":
        return INDEX_NAMES[fmt], _pdf(table, lang, title, intro, date, today)
    lines = md_table(table, link_column=link)
    text = "\n".join([f"# {md_escape(title)}", "", md_escape(date), "", md_escape(intro), "", *lines, ""])
    return INDEX_NAMES["md"], text.encode("utf-8")


def _pdf(table: Table, lang: str, title: str, intro: str, date: str, today: datetime.date) -> bytes:
    """The index as an A4 landscape PDF with the sheets' DejaVu fonts; headings repeat on every page."""
    # Deferred: fpdf2 and the sheet styles are only needed for a PDF index.
    from fpdf import FPDF, FontFace
    from fpdf.enums import TableCellFillMode

    from sheets.chart import DEMAND
    from sheets.pdf import FAMILY, LINK, MARGIN, ROW_FILL, SMALL

    pdf = FPDF(orientation="landscape", unit="mm", format="A4")
    with ExitStack() as stack:
        folder = files("sheets") / "fonts"
        pdf.add_font(FAMILY, "", str(stack.enter_context(as_file(folder / "DejaVuSans.ttf"))))
        pdf.add_font(FAMILY, "B", str(stack.enter_context(as_file(folder / "DejaVuSans-Bold.ttf"))))
        # The sheet's date as creation date: the same input gives the same bytes.
        pdf.set_creation_date(datetime.datetime.combine(today, datetime.time(), tzinfo=datetime.UTC))
        pdf.set_title(title)
        pdf.set_author("werkpost")
        pdf.set_creator("werkpost")
        pdf.set_lang(lang)
        pdf.set_margins(MARGIN, MARGIN, MARGIN)
        pdf.set_auto_page_break(True, margin=MARGIN)
        pdf.add_page()
        width = pdf.w - 2 * MARGIN
        pdf.set_font(FAMILY, "B", 16)
        pdf.multi_cell(width, 8, title, new_x="LMARGIN", new_y="NEXT")
        pdf.set_font(FAMILY, "", 9.5)
        pdf.multi_cell(width, 5, f"{date}\n{intro}", new_x="LMARGIN", new_y="NEXT")
        pdf.ln(3)
        pdf.set_font(FAMILY, "", SMALL)
        heads = FontFace(emphasis="BOLD", color="#ffffff", fill_color=DEMAND)
        links = FontFace(color=LINK)
        align: Any = tuple("RIGHT" if i in table.numeric else "LEFT" for i in range(len(table.headings)))
        pdf.set_fill_color(*ROW_FILL)
        with pdf.table(col_widths=(46, 50, 32, 18, 18, 56), text_align=align, headings_style=heads, width=width,
                       cell_fill_color=ROW_FILL, cell_fill_mode=TableCellFillMode.ROWS, line_height=4.4,
                       borders_layout="HORIZONTAL_LINES", repeat_headings=1) as grid:
            header = grid.row()
            for h in table.headings:
                header.cell(h)
            for values in table.rows:
                row = grid.row()
                for i, value in enumerate(values):
                    # The sheet's file name, linked relative to the index (both sit in one folder).
                    last = i == len(values) - 1 and value
                    row.cell(value, link=value if last else None, style=links if last else None)
        data: Any = pdf.output()
    return bytes(data)
