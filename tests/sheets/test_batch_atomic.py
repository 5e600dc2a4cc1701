"""`sheet --all` is all or nothing (issue 15) and its folder, index and language behave (issue 13 point 5).

A failure on the 10th sheet, while rendering or while writing, leaves the
target folder as it was (absent, or with its old files) and no temporary
folder beside it.
"""

from __future__ import annotations

import datetime
import os
import shutil
import time
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

import engine.atomic
from catalog import demo_workspace
from cli.main import main
from engine.atomic import STALE_AFTER, atomic_write_files
from engine.errors import WriteError
from engine.loader import Workspace
from sheets.batch import write_all

TODAY = datetime.date(2026, 11, 26)


@pytest.fixture(autouse=True)
def ranking_decides(monkeypatch: pytest.MonkeyPatch) -> None:
    """No batch match (slow, and not what is tested here): each worker's best workstation."""
    def match(workspace: Workspace, budget: float | None = None) -> Any:
        return SimpleNamespace(assignments=[], unassigned=[])
    monkeypatch.setattr("sheets.batch.match", match)


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def fail_on_call(monkeypatch: pytest.MonkeyPatch, target: str, real: Any, nth: int, exc: BaseException) -> list[int]:
    calls = [0]

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        calls[0] += 1
        if calls[0] == nth:
            raise exc
        return real(*args, **kwargs)
    monkeypatch.setattr(target, wrapper)
    return calls


def test_a_render_failure_on_the_tenth_sheet_writes_nothing(demo: Workspace, tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    from sheets import render_sheet

    calls = fail_on_call(monkeypatch, "sheets.batch.render_sheet", render_sheet, 10,
                         RuntimeError("renderer broke"))
    with pytest.raises(RuntimeError, match="renderer broke"):
        write_all(demo, tmp_path / "out", "md", today=TODAY)
    assert calls[0] == 10
    assert list(tmp_path.iterdir()) == []  # no target folder, no temporary folder


def test_a_write_failure_on_the_tenth_file_writes_nothing(demo: Workspace, tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    calls = fail_on_call(monkeypatch, "engine.atomic._write_new", engine.atomic._write_new, 10,
                         OSError(28, "No space left on device"))
    with pytest.raises(WriteError, match="No space left on device"):
        write_all(demo, tmp_path / "out", "md", today=TODAY)
    assert calls[0] == 10
    assert list(tmp_path.iterdir()) == []


def test_an_existing_folder_is_unchanged_by_a_failed_forced_batch(demo: Workspace, tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "out"
    first = write_all(demo, out, "html", today=TODAY)
    (out / "notes.txt").write_text("the coach's own file", encoding="utf-8")
    first[0].write_text("edited by hand", encoding="utf-8")
    before = snapshot(out)
    fail_on_call(monkeypatch, "engine.atomic._write_new", engine.atomic._write_new, 10, OSError(5, "I/O error"))
    with pytest.raises(WriteError, match="I/O error"):
        write_all(demo, out, "html", today=TODAY, force=True)
    assert snapshot(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]
    monkeypatch.undo()
    ranking = SimpleNamespace(assignments=[], unassigned=[])
    monkeypatch.setattr("sheets.batch.match", lambda workspace, budget=None: ranking)
    again = write_all(demo, out, "html", today=TODAY, force=True)  # and a forced batch that works replaces
    assert again == first and "edited by hand" not in first[0].read_text(encoding="utf-8")
    assert (out / "notes.txt").read_text(encoding="utf-8") == "the coach's own file"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def test_every_target_is_checked_before_any_write(demo: Workspace, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "index.md").write_text("old index", encoding="utf-8")
    with pytest.raises(WriteError, match="already exist"):
        write_all(demo, out, "md", today=TODAY)
    assert snapshot(out) == {"index.md": b"old index"}
    with pytest.raises(WriteError, match="does not exist"):
        write_all(demo, tmp_path / "missing" / "out", "md", today=TODAY)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def test_a_stale_temporary_folder_of_a_killed_batch_is_removed(tmp_path: Path) -> None:
    out = tmp_path / "out"
    killed = tmp_path / ".out.abc123.tmp"
    killed.mkdir()
    (killed / "w-001_ws-x.md").write_text("half", encoding="utf-8")
    live = tmp_path / ".out.def456.tmp"  # a batch still writing (young): left alone
    live.mkdir()
    old = time.time() - STALE_AFTER - 10
    os.utime(killed, (old, old))
    assert atomic_write_files(out, [("a.md", b"a"), ("index.md", b"i")]) == [out / "a.md", out / "index.md"]
    assert sorted(p.name for p in tmp_path.iterdir()) == [".out.def456.tmp", "out"]
    assert snapshot(out) == {"a.md": b"a", "index.md": b"i"}


@pytest.mark.parametrize("names", [[("../x", b"")], [("a", b""), ("a", b"")], [("", b"")]])
def test_batch_names_are_plain_and_distinct(tmp_path: Path, names: list[tuple[str, bytes]]) -> None:
    with pytest.raises(WriteError):
        atomic_write_files(tmp_path / "out", names)
    assert list(tmp_path.iterdir()) == []


# ------------------------------------------------------------------ the command (issue 13 point 5)

def sheet(*args: str) -> int:
    return main(["sheet", "--all", *args])


@pytest.mark.parametrize("name", ["z.pdf", "z.HTML", "z.md", "z.htm"])
def test_all_with_a_sheet_file_name_is_a_usage_error(name: str, tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        sheet("--out", str(tmp_path / name))
    assert exc.value.code == 2
    assert "names a folder" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(("fmt", "magic"), [("pdf", b"%PDF-"), ("html", b"<!DOCTYPE html>"), ("md", b"# ")])
def test_the_index_comes_in_the_chosen_format(fmt: str, magic: bytes, tmp_path: Path, demo: Workspace,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "sheets"
    args = ("--out", str(out), "--format", fmt) if fmt != "pdf" else ("--out", str(out))  # pdf is the default
    assert sheet(*args) == 0
    printed = capsys.readouterr().out.split()
    files = sorted(out.iterdir())
    assert sorted(printed) == [str(p) for p in files]  # every write says where it went
    assert printed[-1] == str(out / f"index.{fmt}")
    assert {p.suffix for p in files} == {f".{fmt}"} and len(files) == len(demo.workers) + 1
    assert all(p.read_bytes().startswith(magic) for p in files)
    index = (out / f"index.{fmt}").read_bytes()
    if fmt == "pdf":
        # fpdf2 writes link targets as plain strings: each sheet is linked from the index.
        assert all(f"/URI ({p.name})".encode() in index for p in files if p.name != "index.pdf")
    else:
        assert all(p.name.encode() in index for p in files if p.name != f"index.{fmt}")


def test_the_language_defaults_to_the_workspace_setting(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = tmp_path / "ws"
    shutil.copytree(demo_workspace(), root)
    settings = root / "werkpost.yaml"
    settings.write_text(settings.read_text(encoding="utf-8") + "lang: nl\n", encoding="utf-8")
    assert sheet("--workspace", str(root), "--out", str(tmp_path / "nl"), "--format", "md") == 0
    assert "# Adviesfiches" in (tmp_path / "nl" / "index.md").read_text(encoding="utf-8")
    assert sheet("--workspace", str(root), "--out", str(tmp_path / "en"), "--format", "md", "--lang", "en") == 0
    assert "# Recommendation sheets" in (tmp_path / "en" / "index.md").read_text(encoding="utf-8")
    single = tmp_path / "one.md"
    assert main(["sheet", "--workspace", str(root), "--worker", "w-001", "--workstation", "ws-palletising",
                 "--out", str(single)]) == 0
    assert "Adviesfiche" in single.read_text(encoding="utf-8")
    assert capsys.readouterr().out.split()[-1] == str(single)


def test_the_current_folder_gets_its_temporary_folder_beside_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    here = tmp_path / "here"
    here.mkdir()
    monkeypatch.chdir(here)
    assert atomic_write_files(Path("."), [("a.md", b"a")]) == [Path("a.md")]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["here"] and snapshot(here) == {"a.md": b"a"}
