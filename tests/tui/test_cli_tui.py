"""Tests of `werkpost tui`: argument parsing and errors before the UI starts."""

from __future__ import annotations

from pathlib import Path

import pytest

from cli.main import build_parser, main


def test_tui_is_a_subcommand_with_an_optional_workspace() -> None:
    args = build_parser().parse_args(["tui", "some/folder", "--lang", "nl"])
    assert args.workspace == Path("some/folder") and args.lang == "nl"
    assert build_parser().parse_args(["tui"]).workspace is None


def test_a_missing_workspace_is_an_input_error_not_a_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["tui", str(tmp_path / "nowhere")]) == 1
    assert "workspace folder not found" in capsys.readouterr().err


def test_the_engine_never_imports_textual() -> None:
    import subprocess
    import sys

    code = "import sys, engine.persist, engine.recommend; assert 'textual' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], check=True)
