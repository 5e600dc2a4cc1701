"""Output a person reads: `catalog list` at 80 columns and in a pipe, `recommend --format md` as full as text."""

from __future__ import annotations

import re

import pytest

from cli.main import main
from engine.loader import Catalog


def test_catalog_list_fits_80_columns_and_keeps_every_id_whole(capsys: pytest.CaptureFixture[str],
                                                               monkeypatch: pytest.MonkeyPatch,
                                                               catalog: Catalog) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    for lang in ("en", "nl"):
        assert main(["catalog", "list", "--lang", lang]) == 0
        out = capsys.readouterr().out
        lines = out.splitlines()
        assert max(len(line) for line in lines) <= 80
        assert "…" not in out
        # Each id on a line of its own, whole: it can be copied into a worker file.
        assert {line for line in lines if line in catalog.tools} == set(catalog.tools)
    flat = " ".join(out.split())
    assert "hulpmiddelen" in lines[0] and "per jaar" in flat and "€ 15.000" in flat


def test_catalog_list_is_a_table_on_a_wide_terminal(capsys: pytest.CaptureFixture[str],
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "200")
    assert main(["catalog", "list", "--lang", "nl", "--category", "exoskeleton"]) == 0
    out = capsys.readouterr().out
    assert re.search(r"┃ id +┃ naam", out) and "exo-shoulder-passive" in out
