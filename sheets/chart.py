"""Provides the profile-comparison chart: one layout, drawn as inline SVG and with fpdf2.

`layout` turns a `Chart` into plain shapes in millimetres; `to_svg` and
`draw_pdf` only translate those shapes, so the HTML and the PDF chart look the
same and the look is decided in one place. IMBA/MELBA style: dimensions as
rows grouped by domain, the workstation's demand and the worker's capacity as
two bars per row on the shared 0-4 scale, a gap in a warning colour.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from typing import TYPE_CHECKING, Literal

from sheets.content import Chart

if TYPE_CHECKING:  # fpdf2 is imported only when a PDF is made
    from fpdf import FPDF

WIDTH = 180.0
"""Millimetres: the text width of an A4 page with 15 mm margins."""
LABEL_MIN, LABEL_MAX = 36.0, 76.0
"""The label column grows with the longest dimension label, within these bounds (mm)."""
SCALE_X1 = WIDTH - 20
AXIS_H = 8.0
GROUP_H = 6.0
ROW_H = 8.0
BAR_H = 2.6
LEGEND_H = 9.0
PT = 0.3528
"""Millimetres per typographic point: SVG text sizes share the millimetre grid."""

INK = "#1f2933"
MUTED = "#616e7c"
GRID = "#cbd2d9"
DEMAND = "#3e4c59"
CAPACITY = "#2f8f6b"
WARN = "#c2410c"
WARN_BG = "#fdebdf"
GROUP_BG = "#eef2f6"

Anchor = Literal["start", "middle", "end"]


@dataclass(frozen=True)
class Rect:
    """A filled rectangle."""

    x: float
    y: float
    w: float
    h: float
    fill: str


@dataclass(frozen=True)
class Line:
    """A straight line."""

    x1: float
    y1: float
    x2: float
    y2: float
    color: str
    width: float = 0.2


@dataclass(frozen=True)
class Text:
    """A text whose baseline starts, centres or ends at (x, y)."""

    x: float
    y: float
    text: str
    size: float
    """Points."""
    color: str = INK
    bold: bool = False
    anchor: Anchor = "start"


Shape = Rect | Line | Text


def text_width(text: str, size: float, bold: bool = False) -> float:
    """An estimate of the width of `text` in DejaVu Sans, in mm (HTML and PDF share one layout)."""
    # DejaVu Sans averages about 0.6 em a character, bold about 0.66 em.
    return len(text) * size * PT * (0.66 if bold else 0.6)


def _fit(text: str, size: float, bold: bool, room: float) -> float:
    """The font size (at least 6 pt) at which `text` fits in `room` mm."""
    width = text_width(text, size, bold)
    return size if width <= room else max(6.0, size * room / width)


def layout(chart: Chart, max_height: float | None = None) -> tuple[list[Shape], float]:
    """The shapes of the chart and its height, in millimetres from its top left corner.

    With `max_height`, rows are squeezed (down to 60 %) so that a workstation
    demanding every dimension still fits on one page.
    """
    top: list[Shape] = []
    back: list[Shape] = []
    widest = max((text_width(r.dimension, 8, r.gap) for g in chart.groups for r in g.rows), default=0.0)
    label_w = min(max(widest + 3, LABEL_MIN), LABEL_MAX)
    x0 = label_w + 4
    n_rows = sum(len(g.rows) for g in chart.groups)
    body = n_rows * ROW_H + len(chart.groups) * GROUP_H
    f = 1.0
    if max_height is not None and body and AXIS_H + body + LEGEND_H > max_height:
        f = max(0.6, (max_height - AXIS_H - LEGEND_H) / body)
    row_h, group_h, bar_h = ROW_H * f, GROUP_H * f, BAR_H * f

    def _x(level: float, max_level: int) -> float:
        return x0 + (SCALE_X1 - x0) * level / max_level

    for level in range(chart.max_level + 1):
        top.append(Text(_x(level, chart.max_level), 5.0, str(level), 7.5, MUTED, anchor="middle"))
    y = AXIS_H
    for group in chart.groups:
        back.append(Rect(0, y, WIDTH, group_h, GROUP_BG))
        top.append(Text(1.5, y + group_h / 2 + 1.3, group.domain, 8, INK, bold=True))
        y += group_h
        for row in group.rows:
            if row.gap:
                back.append(Rect(0, y, WIDTH, row_h, WARN_BG))
            size = _fit(row.dimension, 8, row.gap, label_w - 1.5)
            middle = y + row_h / 2 + 1.2  # a baseline that centres 8 pt text in the row
            top.append(Text(1.5, middle, row.dimension, size, WARN if row.gap else INK, bold=row.gap))
            for n, (level, colour) in enumerate(
                ((row.demand, DEMAND), (row.capacity, WARN if row.gap else CAPACITY))
            ):
                bar_y = y + row_h / 2 - bar_h - 0.3 + n * (bar_h + 0.6)
                # A level of 0 still gets a sliver so "not possible" is seen, not missed.
                width = max(_x(level, chart.max_level) - x0, 0.8)
                top.append(Rect(x0, bar_y, width, bar_h, colour))
                top.append(Text(x0 + width + 1.2, bar_y + bar_h - 0.3, str(level), 6 if f > 0.8 else 5, MUTED))
            if row.gap:
                top.append(Text(WIDTH - 1.5, middle, f"−{row.demand - row.capacity}", 9, WARN, True, "end"))
            y += row_h
    for level in range(chart.max_level + 1):
        back.append(Line(_x(level, chart.max_level), AXIS_H - 1, _x(level, chart.max_level), y, GRID))
    y += 3
    x = 0.0
    for text, colour in ((chart.legend_demand, DEMAND), (chart.legend_capacity, CAPACITY), (chart.legend_gap, WARN)):
        # SVG text cannot be measured here: DejaVu Sans averages about 0.55 em a character.
        width = 8 + len(text) * 7 * 0.55 * 0.3528 + 6
        if x > 0 and x + width > WIDTH:
            x, y = 0.0, y + 5
        top.append(Rect(x, y + 1.2, 6, BAR_H, colour))
        top.append(Text(x + 8, y + 3.6, text, 7, INK))
        x += width
    return back + top, y + LEGEND_H - 3


def to_svg(chart: Chart) -> str:
    """The chart as an inline SVG element that scales to its container's width."""
    shapes, height = layout(chart)
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH:g} {height:.1f}" role="img" '
        f'aria-label="{escape(chart.title)}" class="chart">',
        f"<title>{escape(chart.title)}</title>",
    ]
    for s in shapes:
        if isinstance(s, Rect):
            out.append(f'<rect x="{s.x:.2f}" y="{s.y:.2f}" width="{s.w:.2f}" height="{s.h:.2f}" fill="{s.fill}"/>')
        elif isinstance(s, Line):
            out.append(f'<line x1="{s.x1:.2f}" y1="{s.y1:.2f}" x2="{s.x2:.2f}" y2="{s.y2:.2f}" '
                       f'stroke="{s.color}" stroke-width="{s.width:g}"/>')
        else:
            weight = ' font-weight="bold"' if s.bold else ""
            out.append(f'<text x="{s.x:.2f}" y="{s.y:.2f}" font-size="{s.size * PT:.2f}" fill="{s.color}" '
                       f'text-anchor="{s.anchor}"{weight}>{escape(s.text)}</text>')
    out.append("</svg>")
    return "\n".join(out)


def _rgb(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


def draw_pdf(pdf: FPDF, chart: Chart, x0: float, y0: float, family: str, max_height: float | None = None) -> float:
    """Draw the chart on an fpdf2 page at (x0, y0) in mm, at most `max_height` high; returns its height."""
    shapes, height = layout(chart, max_height)
    for s in shapes:
        if isinstance(s, Rect):
            pdf.set_fill_color(*_rgb(s.fill))
            pdf.rect(x0 + s.x, y0 + s.y, s.w, s.h, style="F")
        elif isinstance(s, Line):
            pdf.set_draw_color(*_rgb(s.color))
            pdf.set_line_width(s.width)
            pdf.line(x0 + s.x1, y0 + s.y1, x0 + s.x2, y0 + s.y2)
        else:
            pdf.set_font(family, "B" if s.bold else "", s.size)
            pdf.set_text_color(*_rgb(s.color))
            width = pdf.get_string_width(s.text)
            shift = {"start": 0.0, "middle": width / 2, "end": width}[s.anchor]
            pdf.text(x0 + s.x - shift, y0 + s.y, s.text)
    pdf.set_text_color(*_rgb(INK))
    return height
