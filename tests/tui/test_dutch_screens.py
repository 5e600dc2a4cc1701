"""After F2 every screen, selector, dialog and the problems panel read Dutch (issue 13 points 1 and 6).

English message values of the TUI (sections `tui` and `tui2`) that Dutch says
differently must not appear anywhere on a Dutch screen: labels, tables, the
footer, buttons, the options of a selector, placeholders.
"""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Button, Input, OptionList, Select

from tests.i18n.test_no_english_in_dutch import english, found, screen_text
from tui.app import WerkpostApp
from tui.screens.batch import BatchScreen
from tui.screens.dialogs import ChoiceDialog
from tui.screens.export import ExportDialog
from tui.screens.help import HelpScreen
from tui.screens.match import MatchScreen
from tui.screens.worker import WorkerScreen

from .conftest import AppFactory, settle


def everything_shown(app: WerkpostApp) -> str:
    """The screen's text as the helper reads it, plus buttons, selector options and placeholders."""
    parts = [screen_text(app)]
    for widget in app.screen.query("*"):
        if isinstance(widget, Button):
            parts.append(str(widget.label))
        elif isinstance(widget, OptionList):
            parts += [str(widget.get_option_at_index(i).prompt) for i in range(widget.option_count)]
        elif isinstance(widget, Input):
            parts.append(widget.placeholder)
    return "\n".join(parts)


async def test_after_f2_every_view_and_dialog_reads_dutch(ws_copy: Path, new_app: AppFactory) -> None:
    (ws_copy / "workers" / "w-broken.yaml").write_text("id: w-broken\ncapacities: {lifting: 9}\n", encoding="utf-8")
    app = new_app(ws_copy, lang="en")
    texts = english("tui") + english("tui2")
    seen: dict[str, str] = {}
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("b")
        await settle(pilot)
        await pilot.press("r")
        await settle(pilot)
        batch = app.screen
        assert isinstance(batch, BatchScreen)
        objective = batch.query_one("#objective", Select)
        assert "total" in everything_shown(app)
        await pilot.press("f2")  # switched on the batch view, with a result and a selector showing
        await settle(pilot)
        seen["batch"] = everything_shown(app)
        assert objective.value == "total" and "totaal" in seen["batch"] and "Tegemoetkoming*" in seen["batch"]
        objective.focus()
        await pilot.press("enter")  # the selector's options
        await pilot.pause()
        seen["objective options"] = everything_shown(app)
        assert "eerlijk" in seen["objective options"]
        await pilot.press("escape")
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, ExportDialog)
        seen["batch export"] = everything_shown(app)
        await pilot.press("escape", "escape")
        await settle(pilot)
        seen["workspace and problems"] = everything_shown(app)
        assert "Verbeter deze bestanden" in seen["workspace and problems"]
        await app.push_screen(MatchScreen("w-001", "ws-palletising"))
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        seen["match with support, by net"] = everything_shown(app)
        assert "VDAB beslist over het bedrag" in seen["match with support, by net"]
        await pilot.press("c", "4", "e")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceDialog)
        seen["export with unsaved changes"] = everything_shown(app)
        await pilot.press("tab", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ExportDialog)
        seen["sheet export"] = everything_shown(app)
        await pilot.press("escape")
        await pilot.press("p")
        await settle(pilot)
        assert isinstance(app.screen, WorkerScreen)
        seen["worker with notes"] = everything_shown(app)
        assert "Notities" in seen["worker with notes"]
        await pilot.press("escape", "escape")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceDialog)
        seen["leave with unsaved changes"] = everything_shown(app)
        await pilot.press("escape", "f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        seen["help"] = everything_shown(app)
        await pilot.press("escape", "q")
        await pilot.pause()
        seen["quit"] = everything_shown(app)
        await pilot.press("escape")
    # A file's path is not a UI string ("workers/" is the folder's name in every language).
    broken = str(ws_copy / "workers" / "w-broken.yaml")
    seen = {name: shown.replace(broken, "FILE") for name, shown in seen.items()}
    english_left = {name: found(texts, shown) for name, shown in seen.items()}
    assert english_left == {name: [] for name in seen}
