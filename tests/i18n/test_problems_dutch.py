"""`validate --lang nl`: the place stays PATH:LINE:COL:, the message is Dutch; English stays the default."""

from __future__ import annotations

from pathlib import Path

import pytest

from cli.main import main

BROKEN = """\
id: w-bad
hours_per_week: lots
capacities:
  visoin: 2
  lifting: 7
colour: blue
"""


def validate(capsys: pytest.CaptureFixture[str], *argv: str) -> list[str]:
    assert main(["validate", *argv]) == 1
    return capsys.readouterr().err.splitlines()


def test_shape_errors_and_unknown_ids_in_dutch_with_their_place(tmp_path: Path,
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "workers" / "w-bad.yaml"
    path.parent.mkdir()
    path.write_text(BROKEN, encoding="utf-8")
    nl = validate(capsys, "--lang", "nl", str(path))
    assert sorted(nl) == sorted([
        f"{path}:2:17: hours_per_week: moet een getal zijn",
        f"{path}:4:3: capacities.visoin: onbekende dimensie 'visoin'; bedoelde je 'vision'?",
        f"{path}:5:12: capacities.lifting: moet ten hoogste 4 zijn, niet 7 (niveaus lopen van 0 tot 4)",
        f"{path}:6:1: colour: onbekend veld 'colour'",
        "4 problemen gevonden",
    ])
    en = validate(capsys, str(path))
    assert f"{path}:6:1: colour: unknown field 'colour'" in en and en[-1] == "4 problem(s) found"
    assert f"{path}:2:17: hours_per_week: Input should be a valid number, unable to parse string as a number" in en


def test_missing_field_not_in_list_and_a_close_field_in_dutch(tmp_path: Path,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "workstations" / "ws.yaml"
    path.parent.mkdir()
    path.write_text("id: ws\nlabel: Bench\ntasks:\n  - name: Pack\n    share: 1\n    demnds: {}\n", encoding="utf-8")
    nl = validate(capsys, "--lang", "nl", str(path))
    assert any(line.startswith(f"{path}:6:5: tasks[0].demnds: onbekend veld 'demnds'; bedoelde je 'demands'?")
               for line in nl), nl
    dims = tmp_path / "dimensions.yaml"
    dims.write_text("vision:\n  domain: astral\n", encoding="utf-8")
    from engine.models import Dimension
    from engine.validation import validate_record
    from engine.yamlio import read_yaml
    from i18n.problems import message_text

    data, smap = read_yaml(dims)
    _, problems = validate_record(Dimension, data["vision"], smap, ("vision",))
    said = {message_text(p, "nl") for p in problems}
    assert "vision.domain: moet 'physical', 'sensory', 'communication', 'cognitive' of 'psychosocial' zijn" in said
    assert any(s.startswith("vision.") and "verplicht veld ontbreekt" in s for s in said)
    assert all("Input should" not in s and "Field required" not in s for s in said)
