"""Tests of engine.atomic: private new files, kept modes, no temporary file left on any error."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from engine.atomic import STALE_AFTER, atomic_write_bytes, atomic_write_text
from engine.errors import WriteError


def test_new_file_is_private_and_replaced_file_keeps_its_mode(tmp_path: Path) -> None:
    new = tmp_path / "sub" / "new.csv"
    atomic_write_bytes(new, b"x")
    assert new.read_bytes() == b"x" and new.stat().st_mode & 0o777 == 0o600
    old = tmp_path / "old.csv"
    old.write_text("a")
    old.chmod(0o640)
    atomic_write_text(old, "b")
    assert old.read_text() == "b" and old.stat().st_mode & 0o777 == 0o640


def test_failed_rename_leaves_the_old_file_and_no_temporary_file(tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "result.json"
    target.write_text("old")

    def refuse(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(WriteError, match="No space left"):
        atomic_write_text(target, "new")
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["result.json"]


def test_an_interrupt_while_writing_removes_the_temporary_file(tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupt(fd: int) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", interrupt)
    with pytest.raises(KeyboardInterrupt):
        atomic_write_bytes(tmp_path / "out.xlsx", b"data")
    assert list(tmp_path.iterdir()) == []


def test_a_folder_that_cannot_be_made_is_a_write_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    with pytest.raises(WriteError):
        atomic_write_text(blocker / "out.csv", "x")


def test_overwrite_false_refuses_an_existing_file_and_leaves_no_temporary_file(tmp_path: Path) -> None:
    target = tmp_path / "result.csv"
    target.write_text("old")
    with pytest.raises(WriteError, match="already exists"):
        atomic_write_text(target, "new", overwrite=False)
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["result.csv"]
    fresh = tmp_path / "fresh.csv"
    atomic_write_text(fresh, "new", overwrite=False)
    assert fresh.read_text() == "new" and fresh.stat().st_mode & 0o777 == 0o600
    assert sorted(p.name for p in tmp_path.iterdir()) == ["fresh.csv", "result.csv"]


def test_parents_false_refuses_a_missing_folder(tmp_path: Path) -> None:
    with pytest.raises(WriteError, match="does not exist"):
        atomic_write_text(tmp_path / "missing" / "out.csv", "x", parents=False)
    assert list(tmp_path.iterdir()) == []


def test_a_stale_temporary_file_of_the_target_is_removed_by_the_next_write(tmp_path: Path) -> None:
    # What a SIGKILL between mkstemp and the rename leaves: a hidden temp beside the target.
    target = tmp_path / "w-001.yaml"
    stale = tmp_path / ".w-001.yaml.abcd1234.tmp"
    fresh = tmp_path / ".w-001.yaml.efgh5678.tmp"
    other = tmp_path / ".w-002.yaml.abcd1234.tmp"
    for p in (stale, fresh, other):
        p.write_text("half")
    old = time.time() - STALE_AFTER - 5
    os.utime(stale, (old, old))
    os.utime(other, (old, old))
    atomic_write_text(target, "id: w-001\n")
    # The stale one goes; a fresh one may be a live writer's, and another target's is not ours.
    assert sorted(p.name for p in tmp_path.iterdir()) == [".w-001.yaml.efgh5678.tmp", ".w-002.yaml.abcd1234.tmp",
                                                          "w-001.yaml"]


def test_a_stale_temporary_symlink_is_never_followed_or_removed(tmp_path: Path) -> None:
    outside = tmp_path / "outside.txt"
    outside.write_text("keep")
    folder = tmp_path / "ws"
    folder.mkdir()
    link = folder / ".out.csv.abcd1234.tmp"
    link.symlink_to(outside)
    old = time.time() - STALE_AFTER - 5
    os.utime(link, (old, old), follow_symlinks=False)
    atomic_write_text(folder / "out.csv", "x")
    assert link.is_symlink() and outside.read_text() == "keep"
