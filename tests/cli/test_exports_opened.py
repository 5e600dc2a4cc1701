"""Exports a person opens (issue 13 point 5): XLSX headers in words, percentages, widths; where each write went."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook

from cli.main import main
from engine.export import ROW_HEAD


def test_match_xlsx_has_dutch_headers_percentages_and_widths(tmp_path: Path,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "match.xlsx"
    assert main(["match", "--quiet", "--lang", "nl", "--out", str(out)]) == 0
    err = capsys.readouterr().err
    assert f"geschreven naar {out.resolve()}" in err
    book = load_workbook(out)
    assert book.sheetnames == ["Toewijzingen", "Overzicht", "Niet geplaatst"]
    sheet = book["Toewijzingen"]
    head = [c.value for c in sheet[1]]
    assert head[:4] == ["Werknemer", "Naam werknemer", "Geplaatst", "Werkpost"]
    assert "Verwachte toegankelijkheid nadien" in head and not set(head) & set(ROW_HEAD)
    ea = head.index("Verwachte toegankelijkheid nadien") + 1
    cost = head.index("Eenmalige kost") + 1
    for row in range(2, sheet.max_row + 1):
        cell = sheet.cell(row=row, column=ea)
        if cell.value is not None:
            assert 0 <= cell.value <= 1 and cell.number_format == "0%"  # the number kept, shown as a percentage
        if sheet.cell(row=row, column=cost).value is not None:
            assert "€" in sheet.cell(row=row, column=cost).number_format
    widths = {k: v.width for k, v in sheet.column_dimensions.items()}
    assert widths["A"] >= len("Werknemer") and all(w <= 62 for w in widths.values())
    assert widths["K"] >= len("Verwachte toegankelijkheid nadien")


def test_match_xlsx_in_english_and_csv_keeps_the_column_keys(tmp_path: Path) -> None:
    xlsx, csv = tmp_path / "m.xlsx", tmp_path / "m.csv"
    assert main(["match", "--quiet", "--lang", "en", "--out", str(xlsx)]) == 0
    assert [c.value for c in load_workbook(xlsx)["Assignments"][1]][:2] == ["Worker", "Worker name"]
    assert main(["match", "--quiet", "--lang", "nl", "--out", str(csv)]) == 0
    assert csv.read_text(encoding="utf-8").splitlines()[0] == ",".join(ROW_HEAD)


def test_match_out_to_a_missing_folder_is_an_error_said_in_dutch(tmp_path: Path,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "nowhere" / "m.xlsx"
    assert main(["match", "--quiet", "--lang", "nl", "--out", str(target)]) == 1
    err = capsys.readouterr().err
    assert f"de map {target.parent} bestaat niet" in err
    assert not target.parent.exists()
