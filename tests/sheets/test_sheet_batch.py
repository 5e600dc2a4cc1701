"""Tests `werkpost sheet --all` and `sheets.batch`: one sheet per worker, index, safe names, no overwrite."""

from __future__ import annotations

import datetime
import re
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from cli.main import main
from engine.errors import WriteError
from engine.loader import Workspace
from engine.models import Worker
from sheets import safe_name, write_sheet
from sheets.batch import placements, write_all

TODAY = datetime.date(2026, 11, 26)
SAFE = re.compile(r"^[A-Za-z0-9_-][A-Za-z0-9._-]*$")


@pytest.fixture()
def ws(demo: Workspace) -> Workspace:
    """The demo workspace (session fixture of tests/conftest.py), read only."""
    return demo


def small(ws: Workspace, *worker_ids: str) -> Workspace:
    return Workspace(None, ws.catalog, {w: ws.workers[w] for w in worker_ids}, dict(ws.workstations))


def fake_match(assign: dict[str, str], unplaced: dict[str, str | None]) -> Any:
    def match(workspace: Workspace, budget: float | None = None) -> Any:
        return SimpleNamespace(
            assignments=[SimpleNamespace(worker=w, workstation=s, cost_eur=0.0) for w, s in assign.items()],
            unassigned=[SimpleNamespace(worker=w, best_workstation=s) for w, s in unplaced.items()],
        )
    return SimpleNamespace(match=match)


def test_all_writes_one_sheet_per_worker_and_an_index(ws: Workspace, tmp_path: Path) -> None:
    written = write_all(ws, tmp_path, "md", today=TODAY)
    assert len(written) == len(ws.workers) + 1 and written[-1].name == "index.md"
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(p.name for p in written)
    index = (tmp_path / "index.md").read_text(encoding="utf-8")
    for path in written[:-1]:
        assert f"(<{path.name}>)" in index
        assert SAFE.match(path.name)
    assert all(w in index for w in ws.workers)


def test_batch_match_decides_the_workstation(ws: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    module = fake_match({"w-001": "ws-palletising"}, {"w-002": "ws-kitchen", "w-003": None})
    monkeypatch.setattr("sheets.batch.match", module.match)
    got = {p.worker.id: (p.station.id, p.placed) for p in placements(small(ws, "w-001", "w-002", "w-003"))}
    assert got["w-001"] == ("ws-palletising", True)
    assert got["w-002"] == ("ws-kitchen", False)
    assert got["w-003"][1] is False and got["w-003"][0] in ws.workstations  # best by ranking
    write_all(small(ws, "w-001", "w-002"), tmp_path, "html", lang="nl", today=TODAY)
    index = (tmp_path / "index.html").read_text(encoding="utf-8")
    assert '<a href="w-001_ws-palletising.html">' in index and "toegewezen" in index
    assert "niet geplaatst" in index


def test_hostile_ids_stay_in_the_folder(ws: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sheets.batch.match", fake_match({}, {}).match)  # the ranking decides
    # model_construct skips the id pattern, as a hand-built or future record might.
    evil = [Worker.model_construct(id=i, label="<b>x</b>") for i in ("../../evil", ".hidden", "a/b", "a_b", "")]
    space = Workspace(None, ws.catalog, {w.id: w for w in evil}, {"ws-kitchen": ws.workstations["ws-kitchen"]})
    out = tmp_path / "out"
    written = write_all(space, out, "md", today=TODAY)
    assert len(written) == len(evil) + 1
    assert {p.parent for p in written} == {out}
    assert len({p.name for p in written}) == len(written)  # "a/b" and "a_b" do not collide
    assert all(SAFE.match(p.name) for p in written)
    assert not list(tmp_path.glob("*evil*")) and sorted(tmp_path.iterdir()) == [out]


def test_safe_name() -> None:
    assert safe_name("../../etc/passwd") == "etc_passwd"
    assert safe_name(".hidden") == "hidden"
    assert safe_name("...") == "sheet"
    assert safe_name("w-001") == "w-001"
    assert safe_name("Zoë 李") == "Zo"
    assert safe_name("ws-a..b") == "ws-a_b"
    assert len(safe_name("x" * 500)) == 80


def test_all_refuses_to_overwrite_without_force(ws: Workspace, tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sheets.batch.match", fake_match({}, {}).match)  # the ranking decides
    space = small(ws, "w-001", "w-002")
    first = write_all(space, tmp_path, "md", today=TODAY)
    first[0].write_text("edited by hand", encoding="utf-8")
    with pytest.raises(WriteError, match="already exist"):
        write_all(space, tmp_path, "md", today=TODAY)
    assert first[0].read_text(encoding="utf-8") == "edited by hand"
    write_all(space, tmp_path, "md", today=TODAY, force=True)
    assert "w-001" in first[0].read_text(encoding="utf-8")


def test_pdf_batch_writes_pdfs_and_a_pdf_index(ws: Workspace, tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sheets.batch.match", fake_match({}, {}).match)  # the ranking decides
    written = write_all(small(ws, "w-001", "w-005"), tmp_path, "pdf", today=TODAY)
    assert [p.name for p in written][-1] == "index.pdf"  # the index in the sheets' format (issue 13)
    assert [p.suffix for p in written] == [".pdf", ".pdf", ".pdf"]
    assert all(p.read_bytes().startswith(b"%PDF-") for p in written)


def test_write_sheet_checks_suffix_and_existing(ws: Workspace, tmp_path: Path) -> None:
    from engine.recommend import recommend

    rec = recommend(ws.catalog, ws.workers["w-001"], ws.workstations["ws-palletising"])
    with pytest.raises(WriteError, match=r"\.pdf, \.html or \.md"):
        write_sheet(rec, ws.catalog, tmp_path / "x.docx")
    assert write_sheet(rec, ws.catalog, tmp_path / "x.HTML") == tmp_path / "x.HTML"
    with pytest.raises(WriteError, match="already exists"):
        write_sheet(rec, ws.catalog, tmp_path / "x.HTML")
    (tmp_path / "d.md").mkdir()
    with pytest.raises(WriteError, match="is a folder"):
        write_sheet(rec, ws.catalog, tmp_path / "d.md")


def test_cli_all(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr("sheets.batch.match", fake_match({}, {}).match)  # the ranking decides
    out = tmp_path / "sheets"
    assert main(["sheet", "--all", "--out", str(out), "--format", "html", "--lang", "nl"]) == 0
    assert len(capsys.readouterr().out.split()) == 19
    assert (out / "index.html").is_file() and len(list(out.glob("*.html"))) == 19
    assert main(["sheet", "--all", "--out", str(out), "--format", "html"]) == 1
    assert "--force" in capsys.readouterr().err
    (tmp_path / "file").write_text("x", encoding="utf-8")
    assert main(["sheet", "--all", "--out", str(tmp_path / "file"), "--format", "md"]) == 1
