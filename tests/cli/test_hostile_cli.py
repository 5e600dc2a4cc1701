"""`werkpost validate` on hostile files: exit 1, PATH:LINE:COLUMN problems, never a traceback (issue 15).

Each case runs the real command in a subprocess, so a crash anywhere between
argument parsing and printing (not only in the engine) would show here.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from engine.yamlio import MAX_FILE_BYTES

SECRET = "hunter2"
"""Planted in files that are not YAML: a message must never echo it."""

CASES: dict[str, bytes] = {
    "deep-nesting": b"id: w-1\nlabel: " + b"[" * 600 + b"]" * 600 + b"\n",
    "deep-block-nesting": "".join("  " * i + f"k{i}:\n" for i in range(300)).encode(),
    "int-tag": b"id: w-1\nlabel: !!int abc\n",
    "float-tag": b"id: w-1\nlabel: !!float xyz\n",
    "bool-tag": b"id: w-1\nlabel: !!bool maybe\n",
    "python-tag": b"id: !!python/object/apply:os.system ['echo hi']\n",
    "huge-int": b"id: w-1\ncapacities:\n  lifting: " + b"9" * 4301 + b"\n",
    "merge-key": b"id: w-1\n<<: {label: x}\n",
    "tagged-key": b"id: w-1\n!foo label: x\n",
    "date-key": b"id: w-1\ncapacities:\n  2024-01-01: 2\n",
    "int-key": b"id: w-1\ncapacities:\n  1: 2\n",
    "inf": b"id: w-1\nacceptance:\n  cobot: .inf\n",
    "minus-inf": b"id: w-1\nacceptance:\n  cobot: -.inf\n",
    "nan": b"id: w-1\nacceptance:\n  cobot: .nan\n",
    "1e999-text": b"id: ws-1\ntasks:\n  - {name: t, share: 1e999}\n",
    "control-char": b"id: w-1\nlabel: a\x00b\n",
    "escape-sequence": b"id: w-1\nlabel: \x1b[2J\x1b[31mred\n",
    "escaped-control": b'id: w-1\nlabel: "\\x1b[2J\\0"\n',
    "not-utf8": b"id: w-1\nlabel: caf\xe9 " + SECRET.encode() + b"\n",
    "utf16": "id: w-1\n".encode("utf-16"),
    "binary": bytes(range(256)) * 4,
    "empty": b"",
    "comment-only": b"# nothing here\n",
    "not-yaml": (f"<html><body>{SECRET}: [" + "x" * 300 + "</body></html>\n").encode(),
    "rich-markup": b"id: w-1\nlabel: [/]\nnotes: [bold red]x\n",
    "anchor": b"id: &a w-1\nlabel: *a\n",
    "two-documents": b"id: w-1\n---\nid: w-2\n",
    "oversized": b"id: w-1\nnotes: '" + b"x" * MAX_FILE_BYTES + b"'\n",
}

LOCATED = re.compile(r"^(?P<path>.+?):(?P<line>\d+):(?P<column>\d+): \S")


def _validate(*paths: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "cli", "validate", *map(str, paths)], capture_output=True,
                          text=True, timeout=120, check=False)


def _write(tmp_path: Path, name: str) -> Path:
    folder = tmp_path / name / ("workstations" if name == "1e999-text" else "workers")
    folder.mkdir(parents=True)
    path = folder / f"{name}.yaml"
    path.write_bytes(CASES[name])
    return path


def _assert_located(done: subprocess.CompletedProcess[str], paths: list[Path]) -> None:
    assert done.returncode == 1, (done.stdout, done.stderr)
    assert "Traceback" not in done.stderr
    *problems, summary = done.stderr.splitlines()
    assert summary.endswith("problem(s) found")
    seen = set()
    for line in problems:
        found = LOCATED.match(line)
        assert found, line
        seen.add(found["path"])
        assert len(line) < len(found["path"]) + 250, line
        assert SECRET not in line
        assert "\x1b" not in line and "\x00" not in line
    assert seen == {str(p) for p in paths}


def test_validate_gives_located_problems_for_every_hostile_file(tmp_path: Path) -> None:
    # One process for every case: starting werkpost costs about two seconds.
    paths = [_write(tmp_path, name) for name in CASES]
    _assert_located(_validate(*paths), paths)


@pytest.mark.parametrize("name", ["deep-nesting", "not-utf8", "empty", "huge-int"])
def test_validate_one_hostile_file(tmp_path: Path, name: str) -> None:
    path = _write(tmp_path, name)
    _assert_located(_validate(path), [path])


def test_a_symlink_is_read_when_given_on_the_command_line(tmp_path: Path) -> None:
    """A path the user names is theirs to name; the root check is for files found in a workspace."""
    (tmp_path / "workers").mkdir()
    real = tmp_path / "real.yaml"
    real.write_text("id: w-1\nlabel: !!int abc\n")
    link = tmp_path / "workers" / "w.yaml"
    link.symlink_to(real)
    done = _validate(link)
    assert done.returncode == 1 and f"{link}:2:8: 'abc' is not a valid int" in done.stderr
