"""Provides the Markdown and HTML layouts of the function description sheet (inclusive job design).

Both only lay out a `FunctionContent`; they share the recommendation sheet's
escaping, tables, style sheet and chart, so the two kinds of sheet look alike
and a hostile label stays text in either.
"""

from __future__ import annotations

from html import escape

from sheets.chart import to_svg
from sheets.content import Chart, Table
from sheets.function import FunctionContent
from sheets.html import CSS, html_table
from sheets.markdown import md_escape, md_table


def _md_bar(level: int, max_level: int) -> str:
    # Filled and empty squares read as a profile even in plain-text case notes (as the recommendation sheet).
    return "■" * level + "□" * (max_level - level)


def _md_chart(chart: Chart) -> list[str]:
    lines = [f"| {md_escape(chart.dimension)} | {md_escape(chart.legend_demand)} | "
             f"{md_escape(chart.legend_capacity)} | |", "| --- | --- | --- | --- |"]
    for group in chart.groups:
        lines.append(f"| **{md_escape(group.domain)}** | | | |")
        for row in group.rows:
            gap = f"⚠ −{row.demand - row.capacity}" if row.gap else ""
            name = f"**{md_escape(row.dimension)}**" if row.gap else md_escape(row.dimension)
            lines.append(f"| {name} | {_md_bar(row.demand, chart.max_level)} {row.demand} "
                         f"| {_md_bar(row.capacity, chart.max_level)} {row.capacity} | {gap} |")
    return [*lines, "", f"⚠ {md_escape(chart.legend_gap)}"]


def function_markdown(c: FunctionContent) -> str:
    """The whole sheet as GitHub-flavoured Markdown."""
    out = [f"# {md_escape(c.title)}", ""]
    out += [f"- **{md_escape(k)}:** {md_escape(v)}" for k, v in c.facts]
    out.append("")
    if c.notice:
        out += [f"> {md_escape(c.notice)}", ""]

    def section(heading: str, intro: str | None, table: Table | None, none: str | None = None) -> None:
        out.extend([f"## {md_escape(heading)}", ""])
        if intro:
            out.extend([md_escape(intro), ""])
        if table is not None:
            out.extend([*md_table(table), ""])
        elif none:
            out.extend([md_escape(none), ""])

    section(c.tasks_heading, c.tasks_intro, c.tasks)
    section(c.sources_heading, c.sources_intro, c.sources)
    section(c.chart_heading, c.chart_intro, None)
    out += [*_md_chart(c.chart), ""]
    section(c.gaps_heading, None, c.gaps, c.gaps_none)
    section(c.setup_heading, None, c.setup, c.setup_none)
    section(c.case_heading, c.case_basis, c.case)
    out += [f"## {md_escape(c.steps_heading)}", ""]
    out += [f"{n}. {md_escape(s)}" for n, s in enumerate(c.steps, start=1)]
    out += ["", f"## {md_escape(c.signatures_heading)}", ""]
    out += ["| | " + " | ".join(md_escape(f) for f in c.signature_fields) + " |",
            "| --- |" + " --- |" * len(c.signature_fields)]
    out += [f"| {md_escape(role)} |" + " |" * len(c.signature_fields) for role in c.signatures]
    out += ["", f"*{md_escape(c.prepared)}*", ""]
    return "\n".join(out)


def _e(text: str) -> str:
    return escape(text, quote=True)


def _chart_table(chart: Chart) -> str:
    """The chart's numbers as a table only screen readers see (a candidate may use one)."""
    rows = tuple((f"{g.domain}: {r.dimension}", str(r.demand), str(r.capacity),
                  f"−{r.demand - r.capacity}" if r.gap else "") for g in chart.groups for r in g.rows)
    table = Table((chart.dimension, chart.legend_demand, chart.legend_capacity, chart.legend_gap), rows)
    return f'<div class="sr-only">{html_table(table)}</div>'


def function_html(c: FunctionContent) -> str:
    """The whole sheet as one self-contained, print-friendly HTML document."""
    parts = [
        f'<!DOCTYPE html>\n<html lang="{_e(c.lang)}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{_e(c.title)} · {_e(c.footer)}</title>\n<style>{CSS}</style>\n"
        f"</head>\n<body>\n<main>",
        f"<h1>{_e(c.title)}</h1>",
        '<dl class="facts">' + "".join(f"<dt>{_e(k)}</dt><dd>{_e(v)}</dd>" for k, v in c.facts) + "</dl>",
    ]
    if c.notice:
        parts.append(f'<p class="notice">{_e(c.notice)}</p>')

    def section(heading: str, intro: str | None, table: Table | None, none: str | None = None,
                css: str = "") -> None:
        parts.append(f"<h2>{_e(heading)}</h2>")
        if intro:
            parts.append(f'<p class="muted">{_e(intro)}</p>')
        if table is not None:
            parts.append(html_table(table, css))
        elif none:
            parts.append(f"<p>{_e(none)}</p>")

    section(c.tasks_heading, c.tasks_intro, c.tasks)
    section(c.sources_heading, c.sources_intro, c.sources)
    section(c.chart_heading, c.chart_intro, None)
    parts += [to_svg(c.chart), _chart_table(c.chart)]
    section(c.gaps_heading, None, c.gaps, c.gaps_none, "setups")
    section(c.setup_heading, None, c.setup, c.setup_none, "setups")
    section(c.case_heading, c.case_basis, c.case)
    parts.append(f"<h2>{_e(c.steps_heading)}</h2><ol>" + "".join(f"<li>{_e(s)}</li>" for s in c.steps) + "</ol>")
    sign = Table(("", *c.signature_fields), tuple((role, *([""] * len(c.signature_fields))) for role in c.signatures))
    parts += [f"<h2>{_e(c.signatures_heading)}</h2>", html_table(sign, "sign")]
    parts.append(f'<footer class="muted">{_e(c.prepared)} {_e(c.footer)}</footer>')
    parts.append("</main>\n</body>\n</html>\n")
    return "\n".join(parts)
