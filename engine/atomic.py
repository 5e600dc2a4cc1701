"""Provides atomic file writes: a temporary file beside the target, fsync, then a rename.

A crash, a full disk or an exception half-way leaves the old file as it was
(or no file), never half a file. `atomic_write_files` does the same for a
batch of files in one folder (the sheets of `sheet --all`): all of them are
written into a temporary folder beside the target first. Every error path removes the temporary
file; only a kill (SIGKILL, power loss) can leave one, and then it is a
hidden `.NAME.XXXXXXXX.tmp` beside the target, which no loader reads (its
suffix is not .yaml) and which the next write of that target removes once it
is older than STALE_AFTER seconds. A new file is private to the user (mode
0600: worker data is health data); a replaced file keeps its mode.
"""

from __future__ import annotations

import contextlib
import glob
import os
import shutil
import stat
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from engine.errors import WriteError

NEW_FILE_MODE = 0o600
"""Permissions of a file that did not exist before: readable and writable by the user only."""

STALE_AFTER = 60.0
"""Seconds after which a temporary file of the same target is taken as left by a killed writer.

A live writer's temporary file exists for milliseconds (one fsync), so a
minute-old one belongs to no write still under way."""


def temp_prefix(path: Path) -> str:
    """The name every temporary file of `path` starts with (hidden, beside the target)."""
    return f".{path.name}."


def stale_temps(path: Path, older_than: float = STALE_AFTER) -> list[Path]:
    """Temporary files of `path` left by a killed writer: older than `older_than` seconds, regular files only."""
    directory = path.parent if str(path.parent) else Path(".")
    pattern = os.path.join(glob.escape(str(directory)), glob.escape(temp_prefix(path)) + "*.tmp")
    now = time.time()
    found = []
    for name in glob.glob(pattern, include_hidden=True):
        with contextlib.suppress(OSError):
            info = os.lstat(name)
            # Never a symbolic link or a folder: only what mkstemp itself makes.
            if stat.S_ISREG(info.st_mode) and now - info.st_mtime > older_than:
                found.append(Path(name))
    return sorted(found)


def remove_stale_temps(path: Path, older_than: float = STALE_AFTER) -> list[Path]:
    """Remove the temporary files a killed writer left beside `path` (best effort); those removed."""
    removed = []
    for temp in stale_temps(path, older_than):
        with contextlib.suppress(OSError):
            temp.unlink()
            removed.append(temp)
    return removed


def atomic_write_bytes(path: Path, data: bytes, *, overwrite: bool = True, parents: bool = True) -> None:
    """Write `data` to `path` through a temporary file in the same folder and a rename.

    `overwrite=False` refuses an existing target, atomically (a hard link
    that fails if the name is taken, not a check before the write).
    `parents=False` refuses a missing folder instead of making it. Raises
    WriteError when the folder cannot be made or the file cannot be written;
    the temporary file is removed on every error path.
    """
    path = Path(path)
    directory = path.parent if str(path.parent) else Path(".")
    if not overwrite and os.path.lexists(path):
        raise WriteError(f"{path}: already exists (use --force to replace it)")
    try:
        if not parents and not directory.is_dir():
            raise WriteError(f"{path}: the folder {directory} does not exist")
        directory.mkdir(parents=True, exist_ok=True)
        remove_stale_temps(path)
        fd, tmp = tempfile.mkstemp(prefix=temp_prefix(path), suffix=".tmp", dir=directory)
    except OSError as exc:
        raise WriteError(f"{path}: cannot write: {exc.strerror or exc}") from exc
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, _mode_for(path))
        if overwrite:
            os.replace(tmp, path)
        else:
            _link_new(tmp, path)
    except BaseException as exc:
        # Every error path, KeyboardInterrupt included, removes the temporary file.
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(exc, FileExistsError):
            raise WriteError(f"{path}: already exists (use --force to replace it)") from exc
        if isinstance(exc, OSError):
            raise WriteError(f"{path}: cannot write: {exc.strerror or exc}") from exc
        raise
    _sync_directory(directory)


def atomic_write_text(path: Path, text: str, *, overwrite: bool = True, parents: bool = True) -> None:
    """Write UTF-8 text atomically (see atomic_write_bytes)."""
    atomic_write_bytes(path, text.encode("utf-8"), overwrite=overwrite, parents=parents)


def _link_new(tmp: str, path: Path) -> None:
    """Give the complete temporary file the name `path` only if that name is free (FileExistsError if not)."""
    try:
        os.link(tmp, path)
    except FileExistsError:
        raise
    except OSError:
        # A file system without hard links (FAT, some network shares): check, then rename.
        # Not atomic against a file appearing in between, which is the best such a disk allows.
        if os.path.lexists(path):
            raise FileExistsError(path) from None
        os.replace(tmp, path)
        return
    os.unlink(tmp)


def _mode_for(path: Path) -> int:
    """The mode of the file being replaced, or NEW_FILE_MODE for a new one."""
    try:
        return stat.S_IMODE(os.stat(path).st_mode)
    except FileNotFoundError:
        return NEW_FILE_MODE


def _sync_directory(directory: Path) -> None:
    """Make the rename itself durable where the platform allows it (best effort)."""
    with contextlib.suppress(OSError, AttributeError):
        fd = os.open(directory, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def stale_temp_dirs(folder: Path, older_than: float = STALE_AFTER) -> list[Path]:
    """Temporary folders of `folder` left by a killed batch writer: real folders older than `older_than` seconds."""
    parent = folder.parent if str(folder.parent) else Path(".")
    pattern = os.path.join(glob.escape(str(parent)), glob.escape(temp_prefix(folder)) + "*.tmp")
    now = time.time()
    found = []
    for name in glob.glob(pattern, include_hidden=True):
        with contextlib.suppress(OSError):
            info = os.lstat(name)
            # Never through a symbolic link: only what mkdtemp itself makes is removed, and with all it holds.
            if stat.S_ISDIR(info.st_mode) and now - info.st_mtime > older_than:
                found.append(Path(name))
    return sorted(found)


def atomic_write_files(folder: Path, files: Sequence[tuple[str, bytes]]) -> list[Path]:
    """Write every (name, data) of `files` into `folder`: all of them, or on any error none.

    Everything is written and synced into a hidden temporary folder beside
    `folder` (same parent, so same file system). A new `folder` is that
    temporary folder renamed into place in one step; an existing one gets the
    files moved in by rename, which cannot fail half-way for lack of space,
    so its other files stay as they are. The parent folder must exist. Any
    error removes the temporary folder and raises WriteError; a kill can
    leave it, and the next batch for the same folder removes it once stale.
    Returns the paths written, in the order given.
    """
    folder = Path(folder)
    # The real parent and name, so that `.` and `..` get their temporary folder beside them too.
    real = Path(os.path.abspath(folder))
    parent = real.parent
    names = [name for name, _ in files]
    if any(not name or name != Path(name).name or name in (".", "..") for name in names):
        raise WriteError(f"{folder}: file names must be plain names, got {names!r}")
    if len(set(names)) != len(names):
        raise WriteError(f"{folder}: the same file name twice in one batch")
    if not parent.is_dir():
        raise WriteError(f"{folder}: the folder {parent} does not exist")
    if os.path.lexists(folder) and not folder.is_dir():
        raise WriteError(f"{folder}: exists and is not a folder")
    for old in stale_temp_dirs(real):
        shutil.rmtree(old, ignore_errors=True)
    try:
        # mkdtemp makes the folder private (0700); kept so after the rename: sheets are health data.
        tmp = Path(tempfile.mkdtemp(prefix=temp_prefix(real), suffix=".tmp", dir=parent))
    except OSError as exc:
        raise WriteError(f"{folder}: cannot write: {exc.strerror or exc}") from exc
    try:
        for name, data in files:
            _write_new(tmp / name, data)
        _sync_directory(tmp)
        if real.is_dir():
            for name in names:
                os.replace(tmp / name, real / name)
            tmp.rmdir()
            _sync_directory(real)
        else:
            os.rename(tmp, real)
    except BaseException as exc:
        # Every error path, KeyboardInterrupt included, removes the temporary folder and what it holds.
        shutil.rmtree(tmp, ignore_errors=True)
        if isinstance(exc, OSError):
            raise WriteError(f"{folder}: cannot write: {exc.strerror or exc}") from exc
        raise
    _sync_directory(parent)
    return [folder / name for name in names]


def _write_new(path: Path, data: bytes) -> None:
    """Write a new file of the batch's temporary folder and sync it (private mode, like any new file)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, NEW_FILE_MODE)
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
