"""Workspace files are read only inside the workspace; unreadable folders are located problems.

Issue 15: a worker file symlinked to /etc/shadow made `validate` print its
lines as unknown fields. Here a temporary file with secret-looking content
stands in for it.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from catalog import demo_workspace
from cli.main import main
from engine.errors import InputError
from engine.loader import load_workspace

SECRET = "root:$6$SECRETHASH0123456789:19000:0:99999:7:::\nadmin: SECRETHASH-TOO\n"


@pytest.fixture
def ws(tmp_path: Path) -> Path:
    root = tmp_path / "ws"
    shutil.copytree(demo_workspace(), root)
    return root


@pytest.fixture
def secret(tmp_path: Path) -> Path:
    path = tmp_path / "outside" / "shadow"
    path.parent.mkdir()
    path.write_text(SECRET, encoding="utf-8")
    return path


def refused(root: Path) -> str:
    with pytest.raises(InputError) as info:
        load_workspace(root)
    text = "\n".join(str(p) for p in info.value.problems)
    assert "SECRETHASH" not in text
    return text


def test_a_worker_file_linked_outside_is_refused_and_never_quoted(ws: Path, secret: Path,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    (ws / "workers" / "w-999.yaml").symlink_to(secret)
    assert "w-999.yaml:1:1: refused: the file lies outside" in refused(ws)
    # validate fails on it; match skips the refused file, says so, and matches the valid records (issue 13).
    for argv, code in ((["validate", str(ws)], 1), (["match", "--quiet", "--workspace", str(ws)], 0)):
        assert main(argv) == code
        out = capsys.readouterr()
        assert "SECRETHASH" not in out.out + out.err and "refused" in out.err


def test_a_worker_file_linked_to_a_worker_outside_is_refused_too(ws: Path, tmp_path: Path) -> None:
    # Valid content makes no difference: the place decides, not what is there.
    outside = tmp_path / "w-500.yaml"
    outside.write_text("id: w-500\n", encoding="utf-8")
    (ws / "workers" / "w-500.yaml").symlink_to(outside)
    assert "outside" in refused(ws)


def test_a_workers_folder_linked_outside_is_refused(ws: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    shutil.move(ws / "workers", elsewhere)
    (ws / "workers").symlink_to(elsewhere)
    assert "outside" in refused(ws)


def test_overlay_tools_and_settings_linked_outside_are_refused(ws: Path, secret: Path) -> None:
    (ws / "catalog" / "tools").mkdir(parents=True)
    (ws / "catalog" / "tools" / "evil.yaml").symlink_to(secret)
    with pytest.raises(InputError) as info:
        load_workspace(ws)
    text = "\n".join(map(str, info.value.problems))
    assert "evil.yaml:1:1: refused" in text and "SECRETHASH" not in text
    shutil.rmtree(ws / "catalog")
    (ws / "werkpost.yaml").unlink(missing_ok=True)
    (ws / "werkpost.yaml").symlink_to(secret)
    assert "werkpost.yaml:1:1: refused" in refused(ws)


def test_a_link_inside_the_workspace_is_read(ws: Path) -> None:
    kept = ws / "archive"
    kept.mkdir()
    shutil.move(ws / "workers" / "w-001.yaml", kept / "w-001.yaml")
    (ws / "workers" / "w-001.yaml").symlink_to(kept / "w-001.yaml")
    assert "w-001" in load_workspace(ws).workers


def test_an_unreadable_workers_folder_is_a_located_problem(ws: Path, monkeypatch: pytest.MonkeyPatch,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    # Simulated: the suite may run as root, for whom chmod 000 changes nothing.
    real = Path.iterdir
    workers = ws / "workers"

    def iterdir(self: Path):  # type: ignore[no-untyped-def]
        if self == workers:
            raise PermissionError(13, "Permission denied", str(self))
        return real(self)

    monkeypatch.setattr(Path, "iterdir", iterdir)
    with pytest.raises(InputError) as info:
        load_workspace(ws)
    assert f"{workers}: cannot read the folder: Permission denied" in map(str, info.value.problems)
    lenient = load_workspace(ws, strict=False)
    assert lenient.workstations and not lenient.workers and lenient.problems
    assert main(["validate", str(ws)]) == 1
    err = capsys.readouterr().err
    assert "cannot read the folder: Permission denied" in err and "Traceback" not in err


def test_validate_locates_an_os_error_while_checking_a_path(ws: Path, monkeypatch: pytest.MonkeyPatch,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    import engine.checkfiles as checkfiles

    def broken(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied", str(ws / "workstations"))

    monkeypatch.setattr(checkfiles, "load_workspace", broken)
    _, problems = checkfiles.check_paths([ws])
    assert [str(p) for p in problems] == [f"{ws / 'workstations'}: cannot read: Permission denied"]
