"""The redesign workbook's summary reads in the chosen language, as the match workbook (issue 13, round 5 point 3).

Every key of the summary sheet is a human label (never a key such as
`weeks_per_year`), the words among the values (yes/no, the objective) are in
the language too, and euros, euros an hour and shares carry their formats.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from cli.main import main
from i18n.export import export_labels


def summary(path: Path, title: str) -> dict[str, Any]:
    rows = list(load_workbook(path)[title].iter_rows())
    return {str(key.value): value for key, value in rows[1:]}


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_the_redesign_summary_says_every_key_in_words(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                      lang: str) -> None:
    out = tmp_path / "r.xlsx"
    assert main(["redesign", "--lang", lang, "--time-limit", "5", "--budget", "20000", "--out", str(out)]) == 0
    capsys.readouterr()
    title = {"en": "Summary", "nl": "Overzicht"}[lang]
    rows = summary(out, title)
    raw = [key for key in rows if "_" in key or key.islower()]
    assert raw == []
    assert set(rows) <= set(export_labels(lang).values())
    wage = {"en": "Hourly wage of a new function", "nl": "Uurloon van een nieuwe functie"}[lang]
    weeks = {"en": "Working weeks a year", "nl": "Werkweken per jaar"}[lang]
    assert rows[wage].value == 19 and rows[wage].number_format == '#,##0.00 "€"'
    assert rows[weeks].value == 46
    assert rows[{"en": "Exact", "nl": "Exact"}[lang]].value == {"en": "yes", "nl": "ja"}[lang]
    assert rows["Budget"].value == 20000 and rows["Budget"].number_format == '#,##0 "€"'
    benefit = {"en": "Net yearly benefit", "nl": "Netto jaarlijkse winst"}[lang]
    assert rows[benefit].value > 0 and rows[benefit].number_format == '#,##0 "€"'
    assert rows[{"en": "Gap to the bound", "nl": "Afstand tot de grens"}[lang]].number_format == "0%"


def test_the_match_workbook_says_its_words_in_dutch(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "m.xlsx"
    assert main(["match", "--quiet", "--lang", "nl", "--min-accessibility", "0.97", "--out", str(out)]) == 0
    capsys.readouterr()
    book = load_workbook(out)
    placed = {row[2].value for row in book["Toewijzingen"].iter_rows(min_row=2)}
    assert placed == {"ja", "nee"}
    rows = summary(out, "Overzicht")
    assert rows["Doel"].value == "totaal" and rows["Exact"].value in ("ja", "nee")


def test_csv_keeps_the_keys(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # CSV and JSON are data for scripts: the same keys and values in every language.
    out = tmp_path / "m.csv"
    assert main(["match", "--quiet", "--lang", "nl", "--out", str(out)]) == 0
    capsys.readouterr()
    head, first = out.read_text(encoding="utf-8").splitlines()[:2]
    assert head.startswith("worker,worker_label,placed,") and ",yes," in first
