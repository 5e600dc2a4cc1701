"""Tests the profile-comparison chart layout and its SVG."""

from __future__ import annotations

from sheets.chart import WARN, WIDTH, Rect, Text, layout, to_svg
from sheets.content import Chart, ChartGroup, ChartRow


def chart(rows: int, label: str = "Lifting") -> Chart:
    group = ChartGroup("Physical", tuple(ChartRow(f"{label} {i}", 3, i % 5) for i in range(rows)))
    return Chart((group,), "Profile", "Demand", "Capacity", "Gap")


def test_gaps_are_in_the_warning_colour_and_level_0_is_visible() -> None:
    shapes, height = layout(chart(5))
    assert height > 0
    gap_bars = [s for s in shapes if isinstance(s, Rect) and s.fill == WARN and s.h < 5]
    assert len(gap_bars) == 3 + 1  # capacities 0, 1, 2 fall short of 3; plus the legend swatch
    assert min(s.w for s in gap_bars) > 0  # capacity 0 still shows a sliver
    assert [s.text for s in shapes if isinstance(s, Text) and s.text.startswith("−")] == ["−3", "−2", "−1"]
    assert all(s.x + s.w <= WIDTH + 1e-9 for s in shapes if isinstance(s, Rect))


def test_every_dimension_fits_one_page() -> None:
    _, natural = layout(chart(30))
    _, squeezed = layout(chart(30), max_height=230)
    assert natural > 230 and squeezed <= 230 + 1e-6


def test_svg_escapes_labels() -> None:
    svg = to_svg(chart(1, "<script>alert(1)</script>"))
    assert "<script>" not in svg and "&lt;script&gt;" in svg
    assert svg.startswith("<svg") and svg.endswith("</svg>")
