"""Tests of engine.atomic: private new files, kept modes, no temporary file left on any error."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from engine.atomic import atomic_write_bytes, atomic_write_text
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
