"""Provides the recommendation sheets: `render_sheet` and `write_sheet` in PDF, HTML and Markdown.

The CLI (`werkpost sheet`) and the TUI call exactly these two functions. The
PDF writer (fpdf2) is imported only when a PDF is asked for, so HTML and
Markdown sheets, and everything importing this package, stay quick to load.
"""

from __future__ import annotations

import datetime
import re
from pathlib import Path

from engine.atomic import atomic_write_bytes
from engine.errors import InputError, WriteError
from engine.loader import Catalog
from engine.recommend import Recommendation
from i18n import LANGUAGES
from sheets.content import build_content
from sheets.html import render_html
from sheets.markdown import render_markdown

FORMATS: dict[str, str] = {".pdf": "pdf", ".html": "html", ".htm": "html", ".md": "md"}
"""File suffix -> sheet format."""

__all__ = ["FORMATS", "format_of", "render_sheet", "safe_name", "sheet_stem", "write_sheet"]


def format_of(out: Path) -> str:
    """The sheet format for a file name, from its suffix; WriteError when unknown."""
    fmt = FORMATS.get(Path(out).suffix.lower())
    if fmt is None:
        raise WriteError(f"{out}: unknown sheet format {Path(out).suffix or '(no suffix)'!r}; "
                         "use a file name ending in .pdf, .html or .md")
    return fmt


def _check_lang(lang: str) -> None:
    if lang not in LANGUAGES:
        raise InputError.single(f"unknown language {lang!r}; choose one of {', '.join(LANGUAGES)}", "--lang")


def render_sheet(
    rec: Recommendation, catalog: Catalog, fmt: str, *, lang: str = "en", today: datetime.date | None = None,
    chosen: int = 0,
) -> bytes:
    """The sheet for `rec` as bytes in `fmt` ('pdf', 'html' or 'md') and `lang` ('en' or 'nl').

    `today` dates the sheet (and fixes the PDF's creation date, so the bytes are
    reproducible); it defaults to the current date. `chosen` is the index of
    the set-up the sheet details (the job coach's pick; 0 is the best).
    """
    _check_lang(lang)
    today = today or datetime.date.today()  # once: the date and the PDF's creation date must agree
    content = build_content(rec, catalog, lang, today, chosen)
    if fmt == "md":
        return render_markdown(content).encode("utf-8")
    if fmt == "html":
        return render_html(content).encode("utf-8")
    if fmt == "pdf":
        # Deferred: fpdf2 and the fonts are only needed here.
        from sheets.pdf import render_pdf

        return render_pdf(content, today)
    raise WriteError(f"unknown sheet format {fmt!r}; use pdf, html or md")


def write_sheet(
    rec: Recommendation, catalog: Catalog, out: Path, *, lang: str = "en", force: bool = False,
    today: datetime.date | None = None, chosen: int = 0,
) -> Path:
    """Write the sheet to `out` (format from its suffix) atomically; returns the path written.

    Raises WriteError when the suffix is unknown, when `out` exists and not
    `force`, or when it cannot be written; nothing is left half-written.
    """
    out = Path(out)
    fmt = format_of(out)
    if out.is_dir():
        raise WriteError(f"{out}: is a folder; give a file name ending in .pdf, .html or .md")
    if out.exists() and not force:
        raise WriteError(f"{out}: already exists; use --force to overwrite it")
    data = render_sheet(rec, catalog, fmt, lang=lang, today=today, chosen=chosen)
    atomic_write_bytes(out, data)
    return out


_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def safe_name(text: str, default: str = "sheet") -> str:
    """A file-name stem made from an id: only [A-Za-z0-9._-], no leading dot, at most 80 characters.

    Path separators and '..' cannot survive, so a hostile id never leaves the
    output folder.
    """
    name = _UNSAFE.sub("_", text)
    name = re.sub(r"_{2,}", "_", re.sub(r"\.{2,}", "_", name)).strip("._")[:80].rstrip(".")
    return name or default


def sheet_stem(worker_id: str, station_id: str) -> str:
    """The file name (without suffix) of one worker's sheet for one workstation, e.g. `w-001_ws-palletising`.

    `sheet --all` and the TUI's export both name sheets this way, so a coach
    finds the same file whichever way it was made.
    """
    return f"{safe_name(worker_id)}_{safe_name(station_id)}"
