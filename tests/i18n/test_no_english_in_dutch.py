"""Screens of the TUI and a sheet rendered in Dutch show no English UI string."""

from __future__ import annotations

import asyncio
import datetime
import re

from rich.text import Text
from textual.widgets import DataTable, Label, Static
from textual.widgets._footer import FooterKey

from engine.loader import Catalog, Workspace
from engine.recommend import recommend
from i18n.catalogue import _CATALOGUES
from sheets import render_sheet
from tests.tui.conftest import settle
from tui.app import WerkpostApp, make_app

MIN_LENGTH = 5
"""Shorter English words ("Match", "Label", "Budget") are Dutch too, or too short to tell apart."""


def english(section: str) -> list[str]:
    """English messages of a section that Dutch says differently."""
    en, nl = _CATALOGUES["en"], _CATALOGUES["nl"]
    out: list[str] = []
    for key, message in en.items():
        if not key.startswith(section + ".") or message == nl[key]:
            continue
        for form in message.values() if isinstance(message, dict) else [message]:
            plain = re.split(r"\{[^}]*\}", form)
            out += [p.strip(" :.·") for p in plain if len(p.strip(" :.·")) >= MIN_LENGTH]
    return out


def found(english_texts: list[str], shown: str) -> list[str]:
    return [e for e in english_texts if re.search(rf"(?<!\w){re.escape(e)}(?!\w)", shown)]


def screen_text(app: WerkpostApp) -> str:
    parts: list[str] = []
    for widget in app.screen.query("*"):
        if isinstance(widget, DataTable):
            parts += [c.label.plain for c in widget.columns.values()]
            parts += [c.plain if isinstance(c, Text) else str(c) for i in range(widget.row_count)
                      for c in widget.get_row_at(i)]
        elif isinstance(widget, FooterKey):
            parts.append(widget.description)
        elif isinstance(widget, Label | Static):
            parts.append(str(widget.render()))
    parts += [str(app.screen.sub_title or "")]
    return "\n".join(parts)


def test_tui_screens_in_dutch_show_no_english(catalog: Catalog) -> None:
    async def run() -> dict[str, str]:
        app = make_app(lang="nl", blink=False, catalog=catalog)
        shown: dict[str, str] = {}
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            shown["workspace"] = screen_text(app)
            app.open_worker("w-017")
            await settle(pilot)
            shown["worker"] = screen_text(app)
            app.open_match("w-017", "ws-lamp-assembly")
            await settle(pilot)
            shown["match"] = screen_text(app)
            await pilot.press("escape", "escape", "c")
            await settle(pilot)
            shown["catalogue"] = screen_text(app)
        return shown

    texts = english("tui")
    for name, shown in asyncio.run(run()).items():
        assert not found(texts, shown), name


def test_a_dutch_sheet_shows_no_english(demo: Workspace) -> None:
    rec = recommend(demo.catalog, demo.workers["w-001"], demo.workstations["ws-palletising"])
    sheet = render_sheet(rec, demo.catalog, "md", lang="nl", today=datetime.date(2026, 11, 26)).decode()
    assert not found(english("sheet"), sheet)
