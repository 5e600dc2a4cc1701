"""Tests `werkpost sheet`: files written, exit codes, --force, and the light imports."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from cli.main import main


def sheet(*args: str) -> int:
    return main(["sheet", *args])


def test_writes_a_sheet_per_suffix(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for name in ("a.md", "a.html", "a.pdf"):
        out = tmp_path / name
        assert sheet("--worker", "w-001", "--workstation", "ws-palletising", "--out", str(out), "--lang", "nl") == 0
        assert out.is_file() and out.stat().st_size > 500
    assert capsys.readouterr().out.split() == [str(tmp_path / n) for n in ("a.md", "a.html", "a.pdf")]
    assert (tmp_path / "a.pdf").read_bytes().startswith(b"%PDF-")
    assert "Adviesfiche" in (tmp_path / "a.md").read_text(encoding="utf-8")
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no temporary files left


def test_existing_file_needs_force(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "s.md"
    out.write_text("keep me", encoding="utf-8")
    args = ("--worker", "w-001", "--workstation", "ws-palletising", "--out", str(out))
    assert sheet(*args) == 1
    assert "already exists" in capsys.readouterr().err
    assert out.read_text(encoding="utf-8") == "keep me"
    assert sheet(*args, "--force") == 0
    assert "w-001" in out.read_text(encoding="utf-8")


def test_ids_or_files_and_budget(tmp_path: Path) -> None:
    from catalog import demo_workspace

    worker_file = demo_workspace() / "workers" / "w-001.yaml"
    out = tmp_path / "b.md"
    assert sheet("--worker", str(worker_file), "--workstation", "ws-palletising", "--out", str(out),
                 "--budget", "4000", "--top", "2") == 0
    text = out.read_text(encoding="utf-8")
    assert "€4,000.00" in text and "\n| 2 | " in text and "\n| 3 | " not in text


def test_bad_input_exits_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert sheet("--worker", "w-999", "--workstation", "ws-palletising", "--out", str(tmp_path / "x.md")) == 1
    assert "unknown worker" in capsys.readouterr().err
    assert sheet("--worker", "w-001", "--workstation", "ws-nowhere", "--out", str(tmp_path / "x.md")) == 1
    assert sheet("--worker", "w-001", "--workstation", "ws-palletising", "--out", str(tmp_path / "x.md"),
                 "--workspace", str(tmp_path / "missing")) == 1
    assert not (tmp_path / "x.md").exists()


@pytest.mark.parametrize("args", [
    ("--worker", "w-001", "--out", "x.md"),
    ("--worker", "w-001", "--workstation", "ws-palletising", "--out", "x.docx"),
    ("--all", "--worker", "w-001", "--out", "dir"),
    ("--worker", "w-001", "--workstation", "ws-palletising", "--out", "x.md", "--format", "pdf"),
    ("--worker", "w-001", "--workstation", "ws-palletising", "--out", "x.md", "--lang", "fr"),
    ("--worker", "w-001", "--workstation", "ws-palletising", "--out", "x.md", "--budget", "-5"),
    ("--worker", "w-001", "--workstation", "ws-palletising"),
])
def test_usage_errors_exit_2(args: tuple[str, ...], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    with pytest.raises(SystemExit) as exc:
        sheet(*args)
    assert exc.value.code == 2
    assert not list(tmp_path.iterdir())


def test_engine_never_imports_sheets_and_sheets_defers_fpdf() -> None:
    code = (
        "import sys, engine.recommend, engine.loader, engine.accessibility\n"
        "assert 'sheets' not in sys.modules and 'fpdf' not in sys.modules\n"
        "import sheets, sheets.batch\n"
        "assert 'fpdf' not in sys.modules, 'fpdf2 is only for PDF sheets'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
