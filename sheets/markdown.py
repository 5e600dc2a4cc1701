"""Provides the Markdown sheet: GitHub-flavoured Markdown for pasting into case notes.

Every text from the data is escaped, so a pipe in a task name cannot break a
table and a `<tag>` in a label stays text when the notes are rendered.
"""

from __future__ import annotations

import re

from sheets.content import Annex, Chart, SheetContent, Table

_SPECIAL = re.compile(r"([\\`*_\[\]<>|#])")


def md_escape(text: str) -> str:
    """Text safe inside a Markdown paragraph or table cell (one line, specials escaped)."""
    return _SPECIAL.sub(r"\\\1", " ".join(text.split()))


def md_table(table: Table, link_column: int | None = None) -> list[str]:
    """A GFM table; numeric columns aligned right, multi-line cells joined with ' + '.

    Cells of `link_column` become links to their own text (safe relative file names).
    """
    def cell(text: str) -> str:
        return " + ".join(md_escape(part) for part in text.split("\n")) if text else " "

    def body(i: int, text: str) -> str:
        return f"[{cell(text)}](<{text}>)" if i == link_column and text else cell(text)
    align = ["---:" if i in table.numeric else "---" for i in range(len(table.headings))]
    lines = ["| " + " | ".join(cell(h) for h in table.headings) + " |", "| " + " | ".join(align) + " |"]
    lines += ["| " + " | ".join(body(i, c) for i, c in enumerate(row)) + " |" for row in table.rows]
    return lines


def _bar(level: int, max_level: int) -> str:
    # Filled and empty squares read as a profile even in plain-text case notes.
    return "■" * level + "□" * (max_level - level)


def _chart(chart: Chart) -> list[str]:
    lines = [
        f"| {md_escape(chart.dimension)} | {md_escape(chart.legend_demand)} | {md_escape(chart.legend_capacity)} | |",
        "| --- | --- | --- | --- |",
    ]
    for group in chart.groups:
        lines.append(f"| **{md_escape(group.domain)}** | | | |")
        for row in group.rows:
            gap = f"⚠ −{row.demand - row.capacity}" if row.gap else ""
            name = f"**{md_escape(row.dimension)}**" if row.gap else md_escape(row.dimension)
            lines.append(f"| {name} | {_bar(row.demand, chart.max_level)} {row.demand} "
                         f"| {_bar(row.capacity, chart.max_level)} {row.capacity} | {gap} |")
    lines += ["", f"⚠ {md_escape(chart.legend_gap)}"]
    return lines


def render_markdown(c: SheetContent) -> str:
    """The whole sheet as Markdown text."""
    out = [f"# {md_escape(c.title)}", ""]
    out += [f"- **{md_escape(k)}:** {md_escape(v)}" for k, v in c.facts]
    out.append("")
    for sentence in (c.status, c.notice):
        if sentence:
            out += [f"> {md_escape(sentence)}", ""]
    out += [f"## {md_escape(c.chart_heading)}", "", md_escape(c.chart_intro), "", *_chart(c.chart), ""]
    out += [f"## {md_escape(c.tasks_heading)}", "", *md_table(c.tasks), ""]
    if c.setups is not None:
        out += [f"## {md_escape(c.setups_heading)}", "", *md_table(c.setups), "", md_escape(c.setups_note), ""]
    elif c.setups_empty:
        out += [f"## {md_escape(c.setups_heading)}", "", md_escape(c.setups_empty), ""]
    if c.tools:
        out += [f"## {md_escape(c.tools_heading)}", ""]
        if c.funding_note:
            out += [f"> {md_escape(c.funding_note)}", ""]
        lab = c.tool_labels
        for t in c.tools:
            out += [f"### {md_escape(t.name)}", ""]
            if t.description:
                out += [md_escape(t.description), ""]
            out += [
                f"- **{md_escape(lab['category'])}:** {md_escape(t.category)}",
                f"- **{md_escape(lab['measure'])}:** {md_escape(t.measure)}",
                f"- **{md_escape(lab['evidence'])}:** {md_escape(t.evidence)}",
                f"- **{md_escape(lab['cost'])}:** {md_escape(t.cost)}",
                f"- **{md_escape(lab['examples'])}:** {md_escape('; '.join(t.examples))}",
            ]
            for key, items in (("closes", t.closes), ("narrows", t.narrows)):
                if items:
                    out.append(f"- **{md_escape(lab[key])}:**")
                    out += [f"  - {md_escape(i)}" for i in items]
            out.append(f"- **{md_escape(lab['sources'])}:**")
            # Angle-bracket autolinks keep URLs clickable without escaping their underscores.
            out += [f"  - <{url.replace('>', '%3E').replace(' ', '%20')}>" for url in t.sources]
            if t.funding:
                out += ["", f"#### {md_escape(lab['funding'])}", ""]
                for key, lines in t.funding:
                    if len(lines) == 1:
                        out.append(f"- **{md_escape(key)}:** {md_escape(lines[0])}")
                    else:
                        out.append(f"- **{md_escape(key)}:**")
                        out += [f"  - {md_escape(line)}" for line in lines]
            out.append("")
    if c.remaining is not None or c.remaining_none:
        out += [f"## {md_escape(c.remaining_heading)}", ""]
        out += md_table(c.remaining) if c.remaining is not None else [md_escape(c.remaining_none or "")]
        out.append("")
        if c.redesign_note:
            out += [md_escape(c.redesign_note), ""]
    out += [f"## {md_escape(c.steps_heading)}", ""]
    out += [f"{n}. {md_escape(s)}" for n, s in enumerate(c.steps, start=1)]
    out += ["", f"## {md_escape(c.signatures_heading)}", ""]
    out += ["| | " + " | ".join(md_escape(f) for f in c.signature_fields) + " |",
            "| --- |" + " --- |" * len(c.signature_fields)]
    out += [f"| {md_escape(role)} |" + " |" * len(c.signature_fields) for role in c.signatures]
    if c.annex is not None:
        out += ["", *_annex(c.annex)]
    out += ["", f"*{md_escape(c.prepared)}*", ""]
    return "\n".join(out)


def _annex(annex: Annex) -> list[str]:
    out = [f"## {md_escape(annex.heading)}", "", md_escape(annex.intro), ""]
    for part in annex.parts:
        out += [f"### {md_escape(part.heading)}", ""]
        if part.table is not None:
            # Intro lines of a table read as a paragraph; lines without a table as a list.
            out += [md_escape(line) for line in part.lines] + ([""] if part.lines else [])
            out += [*md_table(part.table), ""]
        else:
            out += [f"- {md_escape(line)}" for line in part.lines] + [""]
    return out[:-1]
