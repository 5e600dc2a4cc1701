"""Provides the entry points of the function description sheets: render one, write one per new function.

`render_function` builds the content (`sheets.function`) and lays it out in
the format asked for; `write_function_sheets` renders every sheet and checks
every target before it writes the first, so a refusal leaves nothing behind.
"""

from __future__ import annotations

import datetime
from pathlib import Path

from engine.atomic import atomic_write_bytes
from engine.errors import WriteError
from engine.loader import Workspace
from engine.redesign import NewFunction, RedesignResult
from sheets import safe_name
from sheets.function import build_function_content

SUFFIX = {"pdf": ".pdf", "html": ".html", "md": ".md"}


def render_function(r: RedesignResult, f: NewFunction, ws: Workspace, fmt: str, *, lang: str = "en",
                    today: datetime.date | None = None) -> bytes:
    """The sheet of `f` as bytes in `fmt` ('pdf', 'html' or 'md')."""
    today = today or datetime.date.today()  # once: the date on the sheet and the PDF's creation date agree
    content = build_function_content(r, f, ws, lang, today)
    if fmt == "md":
        from sheets.function_render import function_markdown

        return function_markdown(content).encode("utf-8")
    if fmt == "html":
        from sheets.function_render import function_html

        return function_html(content).encode("utf-8")
    if fmt == "pdf":
        # Deferred: fpdf2 and the fonts are only needed here.
        from sheets.function_pdf import function_pdf

        return function_pdf(content, today)
    raise WriteError(f"unknown sheet format {fmt!r}; use pdf, html or md")


def sheet_name(f: NewFunction, fmt: str) -> str:
    """The file name of a function's sheet: the candidate's id made safe, e.g. 'function_w-013.pdf'."""
    return f"function_{safe_name(f.worker)}{SUFFIX[fmt]}"


def write_function_sheets(r: RedesignResult, ws: Workspace, out_dir: Path, fmt: str, *, lang: str = "en",
                          force: bool = False, today: datetime.date | None = None) -> list[Path]:
    """One sheet per new function into `out_dir` (made if missing), all or nothing.

    Every sheet is rendered and every target checked before the first is
    written: an existing file without `force` stops the lot (WriteError).
    """
    if fmt not in SUFFIX:
        raise WriteError(f"unknown sheet format {fmt!r}; use pdf, html or md")
    out_dir = Path(out_dir)
    check_folder(out_dir)
    targets = [out_dir / sheet_name(f, fmt) for f in r.functions]
    check_targets(targets, force)
    today = today or datetime.date.today()
    data = [render_function(r, f, ws, fmt, lang=lang, today=today) for f in r.functions]
    for target, blob in zip(targets, data, strict=True):
        atomic_write_bytes(target, blob)
    return targets


def check_folder(out_dir: Path) -> None:
    """WriteError when `out_dir` exists and is not a folder (a missing one is made when writing)."""
    if out_dir.exists() and not out_dir.is_dir():
        raise WriteError(f"{out_dir}: exists and is not a folder")


def check_targets(targets: list[Path], force: bool) -> None:
    """WriteError when a target is a folder, or exists and `force` is not given."""
    folders = [t for t in targets if t.is_dir()]
    if folders:
        raise WriteError(f"{folders[0]}: is a folder")
    existing = [t for t in targets if t.exists()]
    if existing and not force:
        shown = ", ".join(t.name for t in existing[:3]) + (" ..." if len(existing) > 3 else "")
        raise WriteError(f"{existing[0].parent}: {len(existing)} file(s) already exist ({shown}); "
                         "use --force to overwrite")
