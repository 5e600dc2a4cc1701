"""Provides the PDF layout of the function description sheet (inclusive job design): A4 via fpdf2.

It reuses the recommendation sheet's page (fonts, header, tables, chart,
signature block) and only says what goes where; the column widths of its
own tables are registered beside the recommendation sheet's.
"""

from __future__ import annotations

import datetime

from fpdf import FPDF

from i18n import text
from sheets.chart import MUTED, WARN, WARN_BG, WIDTH, draw_pdf, layout
from sheets.function import FunctionContent
from sheets.pdf import BODY, FAMILY, MARGIN, SMALL, WIDTHS, _rgb, _Sheet, document_bytes, title_rule

WIDTHS.update({
    "function_tasks": {4: (78, 50, 22, 30)},
    "function_sources": {5: (66, 32, 30, 30, 22)},
    "function_gaps": {5: (52, 44, 18, 22, 44)},
    "function_setup": {5: (60, 36, 28, 24, 32)},
    "function_case": {2: (112, 68)},
})


class _FunctionPage(_Sheet):
    """The recommendation sheet's page, with the function sheet's running header and footer."""

    def __init__(self, content: FunctionContent) -> None:
        FPDF.__init__(self, orientation="portrait", unit="mm", format="A4")
        self.function = content

    def header(self) -> None:
        self.set_font(FAMILY, "", 7.5)
        self.set_text_color(*_rgb(MUTED))
        self.set_xy(MARGIN, 8)
        self.cell(WIDTH / 2, 4, self.function.title)
        self.cell(WIDTH / 2, 4, self.function.footer, align="R")
        self.line(MARGIN, 13, MARGIN + WIDTH, 13)
        self.set_xy(MARGIN, 18)
        self.set_text_color(0, 0, 0)

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font(FAMILY, "", 7.5)
        self.set_text_color(*_rgb(MUTED))
        self.cell(WIDTH / 2, 4, self.function.prepared)
        self.cell(WIDTH / 2, 4, text("sheet.page", self.function.lang, page=self.page_no(), pages="{nb}"), align="R")


def function_pdf(c: FunctionContent, today: datetime.date) -> bytes:
    """The whole sheet as PDF bytes (the creation date is `today`: the same input gives the same bytes)."""
    pdf = _FunctionPage(c)
    return document_bytes(pdf, c.title, c.footer, c.lang, today, lambda: _body(pdf, c))


def _body(pdf: _FunctionPage, c: FunctionContent) -> None:
    title_rule(pdf, c.title)
    pdf.facts(c.facts)
    if c.notice:
        pdf.box(c.notice, WARN_BG, WARN)
    pdf.heading(c.tasks_heading)
    pdf.para(c.tasks_intro, SMALL, MUTED)
    pdf.ln(1)
    pdf.table_of(c.tasks, "function_tasks")
    pdf.heading(c.sources_heading)
    pdf.para(c.sources_intro, SMALL, MUTED)
    pdf.ln(1)
    pdf.table_of(c.sources, "function_sources")
    # The chart stays in one piece, as on the recommendation sheet.
    page_room = pdf.h - pdf.b_margin - 18 - 30
    _, chart_h = layout(c.chart, page_room)
    pdf.heading(c.chart_heading, keep=chart_h + 30)
    pdf.para(c.chart_intro, SMALL, MUTED)
    pdf.ln(2)
    pdf.room(chart_h)
    pdf.set_y(pdf.get_y() + draw_pdf(pdf, c.chart, MARGIN, pdf.get_y(), FAMILY, page_room) + 2)
    pdf.heading(c.gaps_heading)
    if c.gaps is not None:
        pdf.table_of(c.gaps, "function_gaps")
    else:
        pdf.para(c.gaps_none or "")
    pdf.heading(c.setup_heading)
    if c.setup is not None:
        pdf.table_of(c.setup, "function_setup")
    else:
        pdf.para(c.setup_none or "")
    pdf.heading(c.case_heading)
    pdf.para(c.case_basis, SMALL, MUTED)
    pdf.ln(1)
    pdf.table_of(c.case, "function_case")
    pdf.heading(c.steps_heading, keep=40)
    pdf.steps(c.steps)
    pdf.heading(c.signatures_heading, keep=62)
    pdf.signatures(c.signatures, c.signature_fields)
    pdf.set_font(FAMILY, "", BODY)
