"""`werkpost match --out`: never over a file without --force, a missing folder is exit 1, every write is said."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cli.main import main


def test_an_existing_file_is_refused_without_force_before_matching(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    import engine.match

    target = tmp_path / "result.csv"
    target.write_text("keep me")

    def no_match(*args: object, **kwargs: object) -> None:
        raise AssertionError("the match ran although the target was refused")

    monkeypatch.setattr(engine.match, "match", no_match)
    assert main(["match", "--quiet", "--out", str(target)]) == 1
    err = capsys.readouterr().err
    assert f"{target}: already exists (use --force to replace it)" in err and "Traceback" not in err
    assert target.read_text() == "keep me"
    assert [p.name for p in tmp_path.iterdir()] == ["result.csv"]


def test_force_replaces_the_file_and_says_where_it_went(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "result.json"
    target.write_text("old")
    target.chmod(0o640)
    assert main(["match", "--quiet", "--format", "json", "--out", str(target), "--force"]) == 0
    captured = capsys.readouterr()
    assert json.loads(captured.out) == json.loads(target.read_text(encoding="utf-8"))  # stdout stays pure data
    assert f"werkpost: wrote {target}" in captured.err
    assert target.stat().st_mode & 0o777 == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["result.json"]


def test_a_new_file_is_written_and_announced(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "result.xlsx"
    assert main(["match", "--quiet", "--out", str(target)]) == 0
    assert f"werkpost: wrote {target}" in capsys.readouterr().err
    assert target.is_file() and target.stat().st_mode & 0o777 == 0o600


def test_a_missing_folder_is_a_clear_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "no" / "such" / "result.csv"
    assert main(["match", "--quiet", "--out", str(target)]) == 1
    err = capsys.readouterr().err
    assert "does not exist" in err and "Traceback" not in err
    assert list(tmp_path.iterdir()) == []


def test_a_folder_as_target_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "out.csv"
    folder.mkdir()
    assert main(["match", "--quiet", "--out", str(folder), "--force"]) == 1
    assert "is a folder" in capsys.readouterr().err


def test_an_unwritable_target_is_exit_1_not_a_traceback(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    # Simulated (the tests may run as root, for whom chmod changes nothing): the temp file cannot be made.
    import tempfile

    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    assert main(["match", "--quiet", "--out", str(tmp_path / "result.csv")]) == 1
    err = capsys.readouterr().err
    assert "Permission denied" in err and "Traceback" not in err
    assert list(tmp_path.iterdir()) == []


def test_an_os_error_nobody_located_is_exit_1_with_a_message(monkeypatch: pytest.MonkeyPatch,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    import cli.commands.validate as validate

    def broken(paths: object) -> None:
        raise PermissionError(13, "Permission denied", "/some/where")

    monkeypatch.setattr(validate, "check_paths", broken)
    assert main(["validate"]) == 1
    assert capsys.readouterr().err == "werkpost: /some/where: Permission denied\n"
