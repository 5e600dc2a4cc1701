"""Provides the HTML sheet: one self-contained, print-friendly file with the chart as inline SVG.

No scripts, no external fonts, images or style sheets: the file can be mailed
or archived and opens the same everywhere. Every text from the data passes
through `html.escape`, so a label such as `<script>` shows as text.
"""

from __future__ import annotations

from html import escape

from sheets.chart import CAPACITY, DEMAND, INK, MUTED, WARN, WARN_BG, to_svg
from sheets.content import Annex, Chart, SheetContent, Table, ToolBlock

CSS = f"""
*{{box-sizing:border-box}}
body{{font-family:"DejaVu Sans",Verdana,Arial,sans-serif;color:{INK};margin:0;background:#f4f5f7;font-size:14px;
line-height:1.45}}
main{{max-width:860px;margin:24px auto;background:#fff;padding:32px 40px;box-shadow:0 1px 4px rgba(0,0,0,.15)}}
h1{{font-size:22px;margin:0 0 12px;border-bottom:3px solid {DEMAND};padding-bottom:8px}}
h2{{font-size:17px;margin:28px 0 8px;color:{DEMAND};border-bottom:1px solid #d9dee4;padding-bottom:3px}}
h3{{font-size:15px;margin:18px 0 4px}}
dl.facts{{display:grid;grid-template-columns:max-content 1fr;gap:3px 16px;margin:0}}
dl.facts dt{{font-weight:bold}} dl.facts dd{{margin:0}}
.status{{background:#e8f4ee;border-left:4px solid {CAPACITY};padding:8px 12px;margin:14px 0}}
.notice{{background:{WARN_BG};border-left:4px solid {WARN};padding:8px 12px;margin:14px 0}}
.muted{{color:{MUTED};font-size:12.5px}}
table{{border-collapse:collapse;width:100%;margin:6px 0}}
th,td{{border:1px solid #d9dee4;padding:5px 8px;text-align:left;vertical-align:top}}
th{{background:{DEMAND};color:#fff;font-weight:bold}}
tbody tr:nth-child(even) td{{background:#f7f8fa}}
td.num{{text-align:right;white-space:nowrap}} th.num{{text-align:right}}
table.setups{{font-size:13px}} table.setups th,table.setups td{{padding:4px 6px}}
table.setups td:nth-child(2){{min-width:11em}}
td ul.cell{{margin:0;padding-left:1.1em}}
table.index{{font-size:13px}} table.index a{{word-break:normal;white-space:nowrap}}
td.no{{color:{WARN};font-weight:bold}}
svg.chart{{width:100%;height:auto;font-family:"DejaVu Sans",Verdana,Arial,sans-serif}}
.tool{{border:1px solid #d9dee4;border-radius:4px;padding:4px 14px 10px;margin:10px 0}}
.tool dl{{display:grid;grid-template-columns:max-content 1fr;gap:2px 14px;margin:6px 0}}
.tool dt{{font-weight:bold}} .tool dd{{margin:0}} .tool ul{{margin:0;padding-left:18px}}
a{{color:#1d4ed8;word-break:break-all}}
ol li{{margin:3px 0}}
table.sign td{{height:46px}} table.sign th{{width:25%}}
footer{{margin-top:24px}}
.sr-only{{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}}
.tool h4{{font-size:13.5px;margin:10px 0 2px;color:{DEMAND}}}
section.annex{{margin-top:28px}}
@media print{{
  section.annex{{break-before:page}}
  @page{{size:A4;margin:15mm}}
  body{{background:#fff;font-size:10.5pt}}
  main{{box-shadow:none;margin:0;padding:0;max-width:none}}
  .sr-only{{display:none}}
  h2{{break-after:avoid}} tr,.tool,svg.chart{{break-inside:avoid}}
  thead{{display:table-header-group}}
  th{{-webkit-print-color-adjust:exact;print-color-adjust:exact}}
  a{{color:{INK};text-decoration:none}}
}}
"""


def _e(text: str) -> str:
    return escape(text, quote=True)


def html_table(table: Table, css_class: str = "", mark_no: str | None = None, link_column: int | None = None) -> str:
    """A table; numeric columns right-aligned, `mark_no` cells ('no') in the warning colour.

    Cells of `link_column` become links to their own text (safe relative file names).
    """
    def cls(i: int, text: str) -> str:
        names = (["num"] if i in table.numeric else []) + (["no"] if mark_no is not None and text == mark_no else [])
        return f' class="{" ".join(names)}"' if names else ""
    def cell(i: int, text: str) -> str:
        parts = text.split("\n")
        # Several values in one cell (the tools of a set-up) read best as a list.
        shown = ('<ul class="cell">' + "".join(f"<li>{_e(p)}</li>" for p in parts) + "</ul>"
                 if len(parts) > 1 else _e(text))
        return f'<a href="{_e(text)}">{shown}</a>' if i == link_column and text else shown
    head = "".join(f"<th{cls(i, '')}>{_e(h)}</th>" for i, h in enumerate(table.headings))
    rows = "".join(
        "<tr>" + "".join(f"<td{cls(i, c)}>{cell(i, c)}</td>" for i, c in enumerate(row)) + "</tr>"
        for row in table.rows
    )
    attr = f' class="{css_class}"' if css_class else ""
    return f"<table{attr}><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"


def _chart_table(chart: Chart) -> str:
    """The chart's numbers as a table only screen readers see (a worker may use one)."""
    rows = tuple(
        (f"{g.domain}: {r.dimension}", str(r.demand), str(r.capacity), f"−{r.demand - r.capacity}" if r.gap else "")
        for g in chart.groups for r in g.rows
    )
    table = Table((chart.dimension, chart.legend_demand, chart.legend_capacity, chart.legend_gap), rows)
    # Tables ignore a 1px width, so the hiding box is a div around it.
    return f'<div class="sr-only">{html_table(table)}</div>'


def _tool(t: ToolBlock, lab: dict[str, str]) -> str:
    def items(values: tuple[str, ...]) -> str:
        return "<ul>" + "".join(f"<li>{_e(v)}</li>" for v in values) + "</ul>"
    rows = [
        (lab["category"], _e(t.category)),
        (lab["measure"], _e(t.measure)),
        (lab["evidence"], _e(t.evidence)),
        (lab["cost"], _e(t.cost)),
        (lab["examples"], _e("; ".join(t.examples))),
    ]
    if t.closes:
        rows.append((lab["closes"], items(t.closes)))
    if t.narrows:
        rows.append((lab["narrows"], items(t.narrows)))
    links = "".join(f'<li><a href="{_e(u)}">{_e(u)}</a></li>' for u in t.sources)
    rows.append((lab["sources"], f"<ul>{links}</ul>"))
    body = "".join(f"<dt>{_e(k)}</dt><dd>{v}</dd>" for k, v in rows)
    desc = f"<p>{_e(t.description)}</p>" if t.description else ""
    funding = ""
    if t.funding:
        fund = "".join(f"<dt>{_e(k)}</dt><dd>{_e(v[0]) if len(v) == 1 else items(v)}</dd>" for k, v in t.funding)
        funding = f'<h4>{_e(lab["funding"])}</h4><dl class="funding">{fund}</dl>'
    return f'<section class="tool"><h3>{_e(t.name)}</h3>{desc}<dl>{body}</dl>{funding}</section>'


def _annex(annex: Annex) -> str:
    out = [f'<section class="annex"><h2>{_e(annex.heading)}</h2>', f"<p>{_e(annex.intro)}</p>"]
    for part in annex.parts:
        out.append(f"<h3>{_e(part.heading)}</h3>")
        if part.table is not None:
            out += [f'<p class="muted">{_e(line)}</p>' for line in part.lines]
            out.append(html_table(part.table, "setups"))
        elif part.lines:
            out.append("<ul>" + "".join(f"<li>{_e(line)}</li>" for line in part.lines) + "</ul>")
    out.append("</section>")
    return "\n".join(out)


def render_html(c: SheetContent) -> str:
    """The whole sheet as one HTML document."""
    parts = [
        f'<!DOCTYPE html>\n<html lang="{_e(c.lang)}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{_e(c.title)} · {_e(c.footer)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n<main>",
        f"<h1>{_e(c.title)}</h1>",
        '<dl class="facts">' + "".join(f"<dt>{_e(k)}</dt><dd>{_e(v)}</dd>" for k, v in c.facts) + "</dl>",
    ]
    if c.status:
        parts.append(f'<p class="{"status" if c.status_ok else "notice"}">{_e(c.status)}</p>')
    if c.notice:
        parts.append(f'<p class="notice">{_e(c.notice)}</p>')
    parts += [f"<h2>{_e(c.chart_heading)}</h2>", f'<p class="muted">{_e(c.chart_intro)}</p>', to_svg(c.chart),
              _chart_table(c.chart)]
    parts += [f"<h2>{_e(c.tasks_heading)}</h2>", html_table(c.tasks, mark_no=c.no_word)]
    if c.setups is not None:
        parts += [f"<h2>{_e(c.setups_heading)}</h2>", html_table(c.setups, "setups"),
                  f'<p class="muted">{_e(c.setups_note)}</p>']
    elif c.setups_empty:
        parts += [f"<h2>{_e(c.setups_heading)}</h2>", f"<p>{_e(c.setups_empty)}</p>"]
    if c.tools:
        parts.append(f"<h2>{_e(c.tools_heading)}</h2>")
        if c.funding_note:
            parts.append(f'<p class="muted">{_e(c.funding_note)}</p>')
        parts += [_tool(t, c.tool_labels) for t in c.tools]
    if c.remaining is not None or c.remaining_none:
        parts.append(f"<h2>{_e(c.remaining_heading)}</h2>")
        parts.append(html_table(c.remaining) if c.remaining is not None else f"<p>{_e(c.remaining_none or '')}</p>")
        if c.redesign_note:
            parts.append(f'<p class="muted">{_e(c.redesign_note)}</p>')
    parts.append(f"<h2>{_e(c.steps_heading)}</h2><ol>" + "".join(f"<li>{_e(s)}</li>" for s in c.steps) + "</ol>")
    sign = Table(("", *c.signature_fields), tuple((role, *([""] * len(c.signature_fields))) for role in c.signatures))
    parts += [f"<h2>{_e(c.signatures_heading)}</h2>", html_table(sign, "sign")]
    if c.annex is not None:
        parts.append(_annex(c.annex))
    parts.append(f'<footer class="muted">{_e(c.prepared)} {_e(c.footer)}</footer>')
    parts.append("</main>\n</body>\n</html>\n")
    return "\n".join(parts)
