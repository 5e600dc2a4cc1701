"""The TUI's batch export to XLSX speaks the app's language, as `werkpost match --out` (issue 13, round 5 point 5)."""

from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook

from tui.screens.batch import BatchScreen

from .conftest import AppFactory, export_dialog, settle


async def _export_batch(app_factory: AppFactory, ws: Path, switch: bool) -> Path:
    app = app_factory(ws, lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        if switch:
            await pilot.press("f2")  # English -> Dutch, as a coach would
            await pilot.pause()
            assert app.session.lang == "nl"
        await pilot.press("b")
        await pilot.pause()
        assert isinstance(app.screen, BatchScreen)
        await pilot.press("r")
        await settle(pilot)
        await export_dialog(pilot, "xlsx")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, BatchScreen)
    return ws / "match.xlsx"


async def test_the_batch_workbook_is_dutch_after_f2(ws_copy: Path, new_app: AppFactory) -> None:
    book = load_workbook(await _export_batch(new_app, ws_copy, switch=True))
    assert book.sheetnames == ["Toewijzingen", "Overzicht", "Niet geplaatst"]
    sheet = book["Toewijzingen"]
    head = [c.value for c in sheet[1]]
    assert head[:4] == ["Werknemer", "Naam werknemer", "Geplaatst", "Werkpost"]
    assert {row[2].value for row in sheet.iter_rows(min_row=2)} <= {"ja", "nee"}
    share = head.index("Toegankelijk nadien")
    assert sheet.cell(row=2, column=share + 1).number_format == "0%"
    keys = [row[0].value for row in book["Overzicht"].iter_rows(min_row=2)]
    assert "Geplaatst" in keys and not [k for k in keys if "_" in str(k)]


async def test_the_batch_workbook_stays_english_in_english(ws_copy: Path, new_app: AppFactory) -> None:
    book = load_workbook(await _export_batch(new_app, ws_copy, switch=False))
    assert book.sheetnames[0] == "Assignments"
    assert [c.value for c in book["Assignments"][1]][:3] == ["Worker", "Worker name", "Placed"]
